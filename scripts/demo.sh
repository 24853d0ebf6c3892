#!/usr/bin/env bash
# Set-up, build, demo data, then serve dist/ at http://127.0.0.1:8080.
#   scripts/demo.sh             everything, then serve (Ctrl-C stops)
#   scripts/demo.sh --no-serve  everything but serving (used by the tests)
# Demo data (INTERFACES.md): build/demo/pki (private keys, never under
# dist/), dist/demo/*.pdf with dist/demo/index.json, dist/demo/root.pem,
# dist/lists/.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
. "$here/lib.sh"

serve=1
port=${SEALCHECK_PORT:-8080}
for a in "$@"; do
  case $a in
    --no-serve) serve=0 ;;
    *) echo "usage: scripts/demo.sh [--no-serve]" >&2; exit 64 ;;
  esac
done

"$here/setup.sh"
"$here/build.sh"
cd "$top"

say "demo data"
bin=build/native/sealcheck
pki=build/demo/pki
# The demo PKI lives as long as its certificates; keys stay in build/demo.
if [ ! -f "$pki/root.key" ]; then
  "$bin" pki init --dir "$pki"
fi
rm -rf dist/demo dist/lists
mkdir -p dist/demo dist/lists
cp "$pki/root.pem" dist/demo/root.pem
# Until the signed trust list lands (issue 5) the site trusts this PEM.
cp "$pki/root.pem" dist/lists/trust-anchors.pem

"$bin" sample --pki "$pki" --out dist/demo/valid.pdf --text "sealcheck demo: a genuine seal"
# tampered: one byte of the sealed page text changed after sealing.
cp dist/demo/valid.pdf dist/demo/tampered.pdf
offset=$(grep -abo 'genuine' dist/demo/tampered.pdf | head -n1 | cut -d: -f1)
printf 'G' | dd of=dist/demo/tampered.pdf bs=1 seek="$offset" conv=notrunc status=none
# modified-after-sealing: an incremental update appended to a sealed file.
cp dist/demo/valid.pdf dist/demo/modified-after-sealing.pdf
printf '7 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>\nendobj\n%%%%EOF\n' \
  >>dist/demo/modified-after-sealing.pdf

cat > dist/demo/index.json <<'JSON'
[
  {"file": "valid.pdf", "case": "valid", "expected_verdict": "valid",
   "description_zh": "演示印章完好，文件未被修改", "description_en": "a genuine demo seal over an unmodified file"},
  {"file": "tampered.pdf", "case": "tampered", "expected_verdict": "invalid",
   "description_zh": "盖章后页面文字被改动了一个字节", "description_en": "one byte of the page text was changed after sealing"},
  {"file": "modified-after-sealing.pdf", "case": "modified-after-sealing", "expected_verdict": "invalid",
   "description_zh": "盖章后通过增量更新追加了内容", "description_en": "content was appended by an incremental update after sealing"}
]
JSON
say "demo data written: dist/demo/ ($(ls dist/demo | wc -l) files), build/demo/pki"

if [ "$serve" = 1 ]; then
  say "serving dist/ at http://127.0.0.1:$port/"
  exec node scripts/serve.mjs --dir dist --port "$port"
fi
