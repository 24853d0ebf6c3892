#!/usr/bin/env bash
# Regenerates the committed test corpus (tests/corpus/files, trust/root.pem,
# lists/: the signed revocation and trust lists the corpus is checked
# against), sealed by the committed test PKI of tests/corpus/keys.
#
#   tests/corpus/generate.sh              every file and the lists
#   tests/corpus/generate.sh --only NAME  one file (e.g. a new case), nothing else
#   tests/corpus/generate.sh --only trust-list  the signed trust list alone
#
# Signatures are randomised (ECDSA, SM2), so a file's bytes change whenever
# it is regenerated; with --only only that file does. Commit it with its
# line in expectations.txt, written by hand.
# Needs: scripts/build.sh done (make_corpus), openssl CLI, faketime, qpdf, pdfsig and
# pk12util (poppler-utils, libnss3-tools), node_modules.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
cd "$top"
only=()
case ${1:-} in
  --only) [ $# = 2 ] || { echo "usage: generate.sh [--only NAME]" >&2; exit 64; }; only=(--only "$2") ;;
  "") ;;
  *) echo "usage: generate.sh [--only NAME]" >&2; exit 64 ;;
esac
keys=tests/corpus/keys
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wants() { [ ${#only[@]} = 0 ] || [ "${only[1]}" = "$1" ]; }

if [ ${#only[@]} = 0 ]; then rm -rf tests/corpus/files tests/corpus/trust tests/corpus/lists; fi
build/native/tests/native/make_corpus "${only[@]}" tests/corpus "$keys" "$work"
# The RSA seals the external signer uses (node-forge reads only RSA keys).
for stem in seal old-seal ministry-seal; do
  openssl pkcs12 -export -inkey "$keys/$stem.key" -in "$keys/$stem.pem" \
    -passout pass:corpus -out "$work/$stem.p12"
done
if wants external-signpdf.pdf; then
  node tests/corpus/make_external.mjs "$work/external-base.pdf" "$work/seal.p12" \
    tests/corpus/files/external-signpdf.pdf
fi
# Every case make_corpus also wrote for @signpdf (external-jobs.tsv).
node tests/corpus/make_external.mjs --jobs "$work/external-jobs.tsv" tests/corpus/files
# Object streams, xref streams (with PNG predictors) and a classic update
# chained onto them: the reader's other half.
if wants genuine-object-streams.pdf; then
  qpdf --object-streams=generate --compress-streams=y "$work/objstm-base.pdf" "$work/objstm.pdf"
  build/native/tests/native/make_corpus --seal-objstm "$work/objstm.pdf" \
    tests/corpus/files/genuine-object-streams.pdf "$keys"
  echo "  genuine-object-streams.pdf (qpdf object streams, then sealed)"
fi
# A second seal by poppler's pdfsig (NSS) over our genuine file's first
# seal, in the empty field make_corpus left for it; as PKCS#7 and as CAdES.
poppler() {  # NAME [-etsi]
  local name=$1
  wants "$name" || return 0
  local tool
  for tool in pdfsig pk12util certutil faketime; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
  done
  if [ ! -d "$work/nss" ]; then
    mkdir "$work/nss"
    certutil -N -d "sql:$work/nss" --empty-password
    openssl pkcs12 -export -inkey "$keys/seal.key" -in "$keys/seal.pem" -name corpus-seal \
      -passout pass:corpus -out "$work/nss-seal.p12"
    pk12util -i "$work/nss-seal.p12" -d "sql:$work/nss" -W corpus >/dev/null
  fi
  TZ=UTC faketime '2025-06-01 02:01:00' pdfsig -sign Seal2 -nssdir "sql:$work/nss" -nick corpus-seal "${@:2}" \
    "$work/poppler-base.pdf" "tests/corpus/files/$name" 2>"$work/pdfsig.log" \
    || { cat "$work/pdfsig.log" >&2; exit 1; }
  echo "  $name (second seal by pdfsig $(pdfsig -v 2>&1 | head -1 | awk '{print $3}'))"
}
poppler external-poppler-genuine-sealed-twice.pdf
poppler external-poppler-genuine-sealed-twice-cades.pdf -etsi
# Signature timestamps (RFC 3161) on sealed corpus files, made by the
# openssl command line's time-stamping responder with the corpus TSA
# (keys/tsa.*, keys/tsa.cnf) and dated with faketime. The seal is not
# touched: the token is an unsigned attribute of its CMS.
stamp() {  # NAME BASE TSA_STEM 'UTC TIME' [FILE WHOSE SIGNATURE IS IMPRINTED]
  local name=$1 base=$2 tsa=$3 when=$4 from=${5:-$2}
  wants "$name" || return 0
  command -v faketime >/dev/null || { echo "faketime is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
  build/native/tests/native/make_corpus --signature-value "tests/corpus/files/$from" "$work/sig.bin"
  openssl ts -query -data "$work/sig.bin" -sha256 -cert -no_nonce -out "$work/req.tsq"
  echo 01 >"$work/tsaserial"
  TSA_SERIAL=$work/tsaserial faketime "$when" openssl ts -reply -config "$keys/tsa.cnf" -queryfile "$work/req.tsq" \
    -signer "$keys/$tsa.pem" -inkey "$keys/$tsa.key" -token_out -out "$work/token.der" 2>"$work/ts.log" \
    || { cat "$work/ts.log" >&2; exit 1; }
  build/native/tests/native/make_corpus --add-timestamp "tests/corpus/files/$base" "$work/token.der" \
    "tests/corpus/files/$name"
  echo "  $name (timestamp by openssl ts at $when UTC)"
}
stamp genuine-timestamped.pdf genuine-annotated-in-force.pdf tsa '2025-06-01 02:05:00'
stamp genuine-timestamped-seal-since-expired.pdf genuine-association-sealed-2021-seal-since-expired.pdf tsa \
  '2021-06-01 02:05:00'
stamp timestamp-imprint-of-another-seal.pdf genuine-annotated-in-force.pdf tsa '2025-06-01 02:05:00' wrong-seal.pdf
stamp timestamp-tsa-not-listed.pdf genuine-annotated-in-force.pdf other-tsa '2025-06-01 02:05:00'
stamp timestamp-after-validation-time.pdf genuine-annotated-in-force.pdf tsa '2025-06-10 02:05:00'
# A token signed by a certificate that is no TSA (no timeStamping usage):
# OpenSSL's responder refuses such a signer, so the TSTInfo of a genuine
# token is signed again with `openssl cms -sign -cades` (ESS binding kept).
if wants timestamp-tsa-without-timestamping.pdf; then
  command -v faketime >/dev/null || { echo "faketime is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
  build/native/tests/native/make_corpus --signature-value tests/corpus/files/genuine-annotated-in-force.pdf \
    "$work/sig.bin"
  openssl ts -query -data "$work/sig.bin" -sha256 -cert -no_nonce -out "$work/req.tsq"
  echo 01 >"$work/tsaserial"
  TSA_SERIAL=$work/tsaserial faketime '2025-06-01 02:05:00' openssl ts -reply -config "$keys/tsa.cnf" \
    -queryfile "$work/req.tsq" -signer "$keys/tsa.pem" -inkey "$keys/tsa.key" -token_out -out "$work/token.der" \
    2>"$work/ts.log" || { cat "$work/ts.log" >&2; exit 1; }
  openssl cms -verify -noverify -binary -inform DER -in "$work/token.der" -out "$work/tstinfo.der" 2>/dev/null
  faketime '2025-06-01 02:05:00' openssl cms -sign -binary -nodetach -nosmimecap -cades -outform DER \
    -econtent_type 1.2.840.113549.1.9.16.1.4 -md sha256 -signer "$keys/tsa-no-eku.pem" \
    -inkey "$keys/tsa-no-eku.key" -in "$work/tstinfo.der" -out "$work/no-eku-token.der"
  build/native/tests/native/make_corpus --add-timestamp tests/corpus/files/genuine-annotated-in-force.pdf \
    "$work/no-eku-token.der" tests/corpus/files/timestamp-tsa-without-timestamping.pdf
  echo "  timestamp-tsa-without-timestamping.pdf (TSTInfo signed again by openssl cms, no timeStamping)"
fi
# The same on an SM2 seal (SM2 SignedData with PKCS#7 OIDs, read by the SM2
# path, not OpenSSL's CMS).
stamp genuine-sm2-timestamped.pdf genuine-sm2-pkcs7-oids.pdf tsa '2025-06-01 02:05:00'
stamp sm2-timestamp-imprint-of-another-seal.pdf genuine-sm2-pkcs7-oids.pdf tsa '2025-06-01 02:05:00' genuine-ecdsa.pdf
# Document timestamps (PAdES B-LTA), tokens by `openssl ts` over the bytes
# make_corpus's placeholder leaves signed: genuine over a B-LT file and then
# a further DSS update (as validators add the TSA's data), a token over
# another file's bytes, and one from a TSA the trust list does not name.
doc_stamp() {  # NAME BASE TSA_STEM 'UTC TIME' [FILE WHOSE SIGNED BYTES ARE IMPRINTED]
  local name=$1 base=$2 tsa=$3 when=$4 from=${5:-}
  wants "$name" || return 0
  command -v faketime >/dev/null || { echo "faketime is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
  build/native/tests/native/make_corpus --prepare-document-timestamp "tests/corpus/files/$base" "$work/dts.pdf" \
    "$work/dts.bin"
  if [ -n "$from" ]; then
    build/native/tests/native/make_corpus --prepare-document-timestamp "tests/corpus/files/$from" "$work/other.pdf" \
      "$work/dts.bin"
  fi
  openssl ts -query -data "$work/dts.bin" -sha256 -cert -no_nonce -out "$work/req.tsq"
  echo 01 >"$work/tsaserial"
  TSA_SERIAL=$work/tsaserial faketime "$when" openssl ts -reply -config "$keys/tsa.cnf" -queryfile "$work/req.tsq" \
    -signer "$keys/$tsa.pem" -inkey "$keys/$tsa.key" -token_out -out "$work/token.der" 2>"$work/ts.log" \
    || { cat "$work/ts.log" >&2; exit 1; }
  build/native/tests/native/make_corpus --fill-document-timestamp "$work/dts.pdf" "$work/token.der" \
    "tests/corpus/files/$name"
  echo "  $name (document timestamp by openssl ts at $when UTC)"
}
doc_stamp genuine-ltv-document-timestamp.pdf genuine-ltv-dss.pdf tsa '2025-06-01 03:00:00'
if wants genuine-ltv-dss-after-document-timestamp.pdf; then
  build/native/tests/native/make_corpus --add-dss tests/corpus/files/genuine-ltv-document-timestamp.pdf \
    "$keys/tsa.pem" tests/corpus/files/genuine-ltv-dss-after-document-timestamp.pdf
  echo "  genuine-ltv-dss-after-document-timestamp.pdf (the TSA's certificate in one more DSS update)"
fi
doc_stamp document-timestamp-imprint-wrong.pdf genuine-ltv-dss.pdf tsa '2025-06-01 03:00:00' genuine-ecdsa.pdf
doc_stamp document-timestamp-tsa-not-listed.pdf genuine-ltv-dss.pdf other-tsa '2025-06-01 03:00:00'
# Revocation data for the seal certificate carried in the file: CRLs made
# by `openssl ca -gencrl` (faketime-dated) from an index written here, put
# in the seal's SignedData.crls or in a /DSS. The seal certificate is
# keys/ecdsa-seal.pem (genuine-ecdsa.pdf's, sealed 2025-06-01 02:00 UTC).
crl() {  # NAME BASE CA_STEM 'REVOKED: SERIAL DATE[,REASON] ...' [dss]
  local name=$1 base=$2 ca=$3 entries=$4 where=${5:-cms} serial date
  wants "$name" || return 0
  mkdir -p "$work/ca" && : >"$work/ca/index.txt" && echo 01 >"$work/ca/crlnumber"
  for entry in $entries; do
    serial=${entry%%:*} date=${entry#*:}
    printf 'R\t341229160000Z\t%s\t%s\tunknown\t/CN=revoked\n' "$date" "$serial" >>"$work/ca/index.txt"
  done
  cat >"$work/ca/ca.cnf" <<CNF
[ca]
default_ca = c
[c]
database = $work/ca/index.txt
crlnumber = $work/ca/crlnumber
default_md = sha256
default_crl_days = 30
CNF
  faketime '2025-06-01 20:00:00' openssl ca -gencrl -config "$work/ca/ca.cnf" -keyfile "$keys/$ca.key" \
    -cert "$keys/$ca.pem" -out "$work/crl.pem" 2>"$work/ca.log" || { cat "$work/ca.log" >&2; exit 1; }
  openssl crl -in "$work/crl.pem" -outform DER -out "$work/crl.der"
  build/native/tests/native/make_corpus "--add-$([ "$where" = dss ] && echo dss-crl || echo crl)" \
    "tests/corpus/files/$base" "$work/crl.der" "tests/corpus/files/$name"
  echo "  $name (CRL by openssl ca, in the $where)"
}
seal=$(openssl x509 -in "$keys/ecdsa-seal.pem" -noout -serial | cut -d= -f2)
crl genuine-seal-crl-not-listed.pdf genuine-ecdsa.pdf root "0DEAD1:250101000000Z,keyCompromise"
crl seal-revoked-before-sealing.pdf genuine-ecdsa.pdf root "$seal:250501000000Z,keyCompromise"
crl seal-revoked-after-sealing-key-compromise.pdf genuine-ecdsa.pdf root "$seal:250601040000Z,keyCompromise"
crl genuine-seal-revoked-since-superseded.pdf genuine-ecdsa.pdf root "$seal:250601040000Z,superseded"
crl genuine-seal-crl-by-another-key.pdf genuine-ecdsa.pdf evil-root "$seal:250501000000Z,keyCompromise"
crl seal-revoked-crl-in-dss.pdf genuine-ecdsa.pdf root "$seal:250501000000Z,keyCompromise" dss
# OCSP responses for the seal certificate from `openssl ocsp` (faketime-
# dated), signed by the root, by a responder it delegated (keys/ocsp.*,
# id-kp-OCSPSigning), by a certificate it did not delegate (keys/tsa) or by
# a root of the same name with another key, put in a /DSS (or signed into
# a new seal's revocationInfoArchival).
ocsp() {  # NAME BASE SIGNER_STEM 'V|R:DATE,REASON'
  local name=$1 base=$2 signer=$3 state=$4
  wants "$name" || return 0
  mkdir -p "$work/ca"
  case $state in
    V) printf 'V\t341229160000Z\t\t%s\tunknown\t/CN=seal\n' "$seal" >"$work/ca/index.txt" ;;
    R:*) printf 'R\t341229160000Z\t%s\t%s\tunknown\t/CN=seal\n' "${state#R:}" "$seal" >"$work/ca/index.txt" ;;
  esac
  openssl ocsp -issuer "$keys/root.pem" -cert "$keys/ecdsa-seal.pem" -no_nonce -reqout "$work/ocsp.req" 2>/dev/null
  faketime '2025-06-01 20:00:00' openssl ocsp -index "$work/ca/index.txt" -CA "$keys/root.pem" \
    -rsigner "$keys/$signer.pem" -rkey "$keys/$signer.key" -reqin "$work/ocsp.req" -respout "$work/ocsp.der" \
    -ndays 30 >"$work/ocsp.log" 2>&1 || { cat "$work/ocsp.log" >&2; exit 1; }
  if [ "$base" = archive ]; then  # signed in with a new seal of base-unsigned.pdf
    build/native/tests/native/make_corpus --seal-archiving tests/corpus/files/base-unsigned.pdf \
      "tests/corpus/files/$name" "$keys" "$work/ocsp.der"
  else
    build/native/tests/native/make_corpus --add-dss-ocsp "tests/corpus/files/$base" "$work/ocsp.der" \
      "tests/corpus/files/$name"
  fi
  echo "  $name (OCSP response by openssl ocsp, signed by $signer)"
}
ocsp genuine-seal-ocsp-good.pdf genuine-ecdsa.pdf root V
ocsp seal-revoked-ocsp-in-dss.pdf genuine-ecdsa.pdf root "R:250501000000Z,keyCompromise"
ocsp seal-revoked-ocsp-delegated-responder.pdf genuine-ecdsa.pdf ocsp "R:250501000000Z,keyCompromise"
ocsp genuine-seal-ocsp-responder-not-delegated.pdf genuine-ecdsa.pdf tsa "R:250501000000Z,keyCompromise"
ocsp genuine-seal-ocsp-by-another-key.pdf genuine-ecdsa.pdf evil-root "R:250501000000Z,keyCompromise"
ocsp seal-revoked-ocsp-archived.pdf archive root "R:250501000000Z,keyCompromise"
# OFD certificates, made by none of our code (make_ofd.py: Python's zipfile
# and hashlib, sm-crypto's SM2, the keys read by the openssl CLI).
if [ ${#only[@]} = 0 ]; then
  python3 tests/corpus/make_ofd.py "$keys" tests/corpus/files
elif [[ ${only[1]} == *.ofd ]]; then
  python3 tests/corpus/make_ofd.py "$keys" tests/corpus/files "${only[1]}"
fi
echo "corpus written"
