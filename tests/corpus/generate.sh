#!/usr/bin/env bash
# Regenerates the committed test corpus (tests/corpus/files, trust/root.pem,
# lists/: the signed revocation list the corpus is checked against).
# Each run makes a fresh throw-away PKI, so every file changes; commit the
# lot together with expectations.txt if the outcomes change.
# Needs: scripts/build.sh done (make_corpus), openssl CLI, qpdf, node_modules.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
cd "$top"
keys=$(mktemp -d)
trap 'rm -rf "$keys"' EXIT

rm -rf tests/corpus/files tests/corpus/trust tests/corpus/lists
build/native/tests/native/make_corpus tests/corpus "$keys"
# The RSA seals the external signer uses (node-forge reads only RSA keys).
for stem in seal old-seal ministry-seal; do
  openssl pkcs12 -export -inkey "$keys/$stem.key" -in "$keys/$stem.pem" \
    -passout pass:corpus -out "$keys/$stem.p12"
done
node tests/corpus/make_external.mjs "$keys/external-base.pdf" "$keys/seal.p12" \
  tests/corpus/files/external-signpdf.pdf
# Every case make_corpus also wrote for @signpdf (external-jobs.tsv).
node tests/corpus/make_external.mjs --jobs "$keys/external-jobs.tsv" tests/corpus/files
# Object streams, xref streams (with PNG predictors) and a classic update
# chained onto them: the reader's other half.
qpdf --object-streams=generate --compress-streams=y "$keys/objstm-base.pdf" "$keys/objstm.pdf"
build/native/tests/native/make_corpus --seal-objstm "$keys/objstm.pdf" tests/corpus/files/genuine-object-streams.pdf "$keys"
echo "  genuine-object-streams.pdf (qpdf object streams, then sealed)"
echo "corpus written; keys discarded"
