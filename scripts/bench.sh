#!/usr/bin/env bash
# Benchmarks (never timed unit tests): `--bench` medians for the native CLI
# and the wasm build under Node, measured in the same run on the same files,
# plus the engine's size. Writes docs/BENCHMARKS.md.
#   scripts/bench.sh [RUNS]     (default 50 runs per file)
# Run it on an idle machine: the numbers are wall-clock medians.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
. "$here/lib.sh"
cd "$top"
runs=${1:-50}

"$here/demo.sh" --no-serve >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bin=build/native/sealcheck
pki=build/demo/pki
say "making benchmark files"
"$bin" sample --pki "$pki" --out "$work/cert-small.pdf" --text "benchmark: small certificate"
"$bin" sample --pki "$pki" --out "$work/cert-1mb.pdf" --text "benchmark: 1 MB certificate" --pad 1048576
"$bin" sample --pki "$pki" --out "$work/cert-10mb.pdf" --text "benchmark: 10 MB certificate" --pad 10485760
files=("$work/cert-small.pdf" "$work/cert-1mb.pdf" "$work/cert-10mb.pdf")

say "native: $runs runs per file"
native=$("$bin" verify --bench "$runs" --trust "$pki/root.pem" "${files[@]}")
say "wasm (Node $(node --version)): $runs runs per file"
wasm=$(node scripts/verify.mjs --bench "$runs" --trust "$pki/root.pem" "${files[@]}")

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
row() {  # label bench-line
  local f b v s
  f=$(field file <<<"$2"); b=$(field bytes <<<"$2"); v=$(field verify_ms <<<"$2"); s=$(field sha256_ms <<<"$2")
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$f" "$b" "$v" "$s" \
    "$(awk -v v="$v" -v s="$s" 'BEGIN { if (s > 0) printf "%.2f", v / s; else print "n/a" }')"
}

wasm_gz=$(gzip -9c dist/engine/sealcheck_engine.wasm | wc -c)
js_gz=$(gzip -9c dist/engine/sealcheck_engine.mjs | wc -c)
glue_gz=$(cat dist/engine/engine.js dist/engine/worker.js | gzip -9c | wc -c)
wasm_raw=$(wc -c <dist/engine/sealcheck_engine.wasm)

{
  echo "# Benchmarks"
  echo
  echo "Produced by \`scripts/bench.sh $runs\` on $(date -u +%Y-%m-%d) —"
  echo "$(nproc) cores, $(uname -m), $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)."
  echo "Medians of $runs in-process runs (\`--bench\`, INTERFACES.md): \`verify_ms\` is a"
  echo "whole verification (input checks, signature location, coverage, CMS,"
  echo "chain); \`sha256_ms\` is a plain SHA-256 of the same bytes in the same build,"
  echo "the floor no verification can beat. The wasm figures include copying the"
  echo "file into the wasm heap. The benchmark files are demo-sealed samples padded"
  echo "with incompressible bytes."
  echo
  echo "## Verification time"
  echo
  echo "| build | file | bytes | verify ms | sha256 ms | verify / sha256 |"
  echo "| --- | --- | --- | --- | --- | --- |"
  while read -r line; do row "native (system OpenSSL $(openssl version | cut -d' ' -f2))" "$line"; done <<<"$native"
  while read -r line; do row "wasm (OpenSSL $(basename "$(sealcheck_wasm_prefix openssl)" | cut -d- -f3), Node)" "$line"; done <<<"$wasm"
  echo
  echo "## Engine size"
  echo
  echo "| part | gzip -9 bytes |"
  echo "| --- | --- |"
  echo "| \`sealcheck_engine.wasm\` ($wasm_raw bytes raw) | $wasm_gz |"
  echo "| \`sealcheck_engine.mjs\` (Emscripten loader) | $js_gz |"
  echo "| \`engine.js\` + \`worker.js\` (our wrapper) | $glue_gz |"
  echo "| **total** | **$((wasm_gz + js_gz + glue_gz))** |"
  echo
  echo "Not measured yet: drop-to-verdict time in Chromium, first-visit transfer"
  echo "size, peers (pdfsig, mutool), revocation list sizes — issues 5, 6 and 7."
} > docs/BENCHMARKS.md
say "wrote docs/BENCHMARKS.md"
cat docs/BENCHMARKS.md
