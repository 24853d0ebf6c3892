#!/usr/bin/env bash
# Benchmarks (never timed unit tests): `--bench` medians for the native CLI
# and the wasm build under Node, measured in the same run on the same files,
# the engine's size, the site in headless Chromium, and the peers (pdfsig,
# mutool): timing, and which attack files each accepts. Writes
# docs/BENCHMARKS.md and the peer table in docs/SECURITY.md.
#   scripts/bench.sh [RUNS]     (default 50 runs per file)
# Run it on an idle machine: the numbers are wall-clock medians.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
# shellcheck source=lib.sh
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
# The demo's valid certificate: a full page of text to read (the samples
# print one line).
cp dist/demo/valid.pdf "$work/demo-certificate.pdf"
# And its OFD one (the wasm figures: the OFD engine, as Node loads it).
cp dist/demo/ofd-valid.ofd "$work/demo-certificate.ofd"
pdf_files=("$work/cert-small.pdf" "$work/cert-1mb.pdf" "$work/cert-10mb.pdf" "$work/demo-certificate.pdf")
files=("${pdf_files[@]}" "$work/demo-certificate.ofd")
cp -r dist/lists "$work/lists-demo"  # the demo's own lists, for the peer timing

say "revocation list: publishing 1,000,000 revocations"
revbench=$(build/native/tests/native/revocation_bench 1000000 "$work/lists")
L=(--trust "$work/lists/publisher.pem" --revocations "$work/lists")

say "native: $runs runs per file (with the 1M-entry revocation list)"
native=$("$bin" verify --bench "$runs" --trust dist/demo/root.pem "${L[@]}" "${files[@]}")
# The revocation lookup's share, with and without the lists, on the small
# file alone and with more runs: the difference is a fraction of a
# millisecond, under the noise of $runs runs.
lookup_runs=$(( runs > 200 ? runs : 200 ))
native_list=$("$bin" verify --bench "$lookup_runs" --trust "$pki/root.pem" "${L[@]}" "$work/cert-small.pdf")
native_nolist=$("$bin" verify --bench "$lookup_runs" --trust "$pki/root.pem" "$work/cert-small.pdf")
say "native, same OpenSSL configuration as the wasm engine (no-asm, trimmed): $runs runs per file"
"$here/setup.sh" --with-native-openssl >/dev/null
cmake -S . -B build/native-sameconfig -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DOPENSSL_ROOT_DIR="$(sealcheck_native_prefix)" -DOPENSSL_USE_STATIC_LIBS=TRUE >/dev/null
cmake --build build/native-sameconfig --target sealcheck >/dev/null
same=$(build/native-sameconfig/sealcheck verify --bench "$runs" --trust dist/demo/root.pem "${L[@]}" "${files[@]}")
say "wasm (Node $(node --version)): $runs runs per file"
wasm=$(node scripts/verify.mjs --bench "$runs" --trust dist/demo/root.pem "${L[@]}" "${files[@]}")
wasm_list=$(node scripts/verify.mjs --bench "$lookup_runs" --trust "$pki/root.pem" "${L[@]}" "$work/cert-small.pdf")
wasm_nolist=$(node scripts/verify.mjs --bench "$lookup_runs" --trust "$pki/root.pem" "$work/cert-small.pdf")

say "headless Chromium: first visit and drop-to-verdict for the 1 MB certificate"
site=$(node scripts/bench_site.mjs "$work/cert-1mb.pdf" 10)
say "a batch of 200 certificates: native CLI, Node CLI (one job, one per core) and the page"
batch=$(node scripts/bench_batch.mjs 200)
peer_runs=$(( runs < 10 ? runs : 10 ))
say "peers (pdfsig, mutool): whole-process medians of $peer_runs, and the attack table"
peers=$(node scripts/bench_peers.mjs timing "$peer_runs" "$pki/root.pem" "$work/lists-demo" "${pdf_files[@]}")
attacks=$(node scripts/bench_peers.mjs attacks)
say "hostile inputs: 200 MB, 300 MB, nesting, flate bomb, loops, huge numbers, many signatures and revisions"
hostile=$(node scripts/hostile.mjs "$pki" dist/lists)

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
row() {  # label bench-line
  local f b v s t
  f=$(field file <<<"$2"); b=$(field bytes <<<"$2"); v=$(field verify_ms <<<"$2"); s=$(field sha256_ms <<<"$2")
  t=$(field text_ms <<<"$2")
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$f" "$b" "$v" "$s" "$t" \
    "$(awk -v v="$v" -v s="$s" 'BEGIN { if (s > 0) printf "%.2f", v / s; else print "n/a" }')"
}

wasm_gz=$(gzip -9c dist/engine/sealcheck_engine.wasm | wc -c)
js_gz=$(gzip -9c dist/engine/sealcheck_engine.mjs | wc -c)
glue_gz=$(cat dist/engine/engine.js dist/engine/worker.js | gzip -9c | wc -c)
wasm_raw=$(wc -c <dist/engine/sealcheck_engine.wasm)
ofd_wasm_gz=$(gzip -9c dist/engine/sealcheck_engine_ofd.wasm | wc -c)
ofd_js_gz=$(gzip -9c dist/engine/sealcheck_engine_ofd.mjs | wc -c)
ofd_wasm_raw=$(wc -c <dist/engine/sealcheck_engine_ofd.wasm)

{
  echo "# Benchmarks"
  echo
  echo "Produced by \`scripts/bench.sh $runs\` on $(date -u +%Y-%m-%d) —"
  echo "$(nproc) cores, $(uname -m), $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)."
  echo "Medians of $runs in-process runs (\`--bench\`, INTERFACES.md): \`verify_ms\` is a"
  echo "whole verification (input checks, structure, signature discovery, coverage,"
  echo "CMS, chain, certificate data, annotation, and the revocation lookup in a"
  echo "1,000,000-entry list); \`sha256_ms\` is a plain SHA-256 of the same bytes in the same build,"
  echo "the floor no verification can beat. The wasm figures include copying the"
  echo "file into the wasm heap. The benchmark files are demo-sealed samples padded"
  echo "with incompressible bytes. The machine is a shared virtual one whose"
  echo "speed varies from hour to hour: compare runs by the ratio columns (the"
  echo "sha256 column shows how fast the machine was)."
  echo
  echo "## Verification time"
  echo
  echo "| build | file | bytes | verify ms | sha256 ms | text ms | verify / sha256 |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  while read -r line; do row "native (system OpenSSL $(openssl version | cut -d' ' -f2))" "$line"; done <<<"$native"
  while read -r line; do row "native, wasm's OpenSSL configuration" "$line"; done <<<"$same"
  while read -r line; do row "wasm (OpenSSL $(basename "$(sealcheck_wasm_prefix openssl)" | cut -d- -f3), Node)" "$line"; done <<<"$wasm"
  echo
  echo "\"native, wasm's OpenSSL configuration\" is the same C++ linked natively with"
  echo "the wasm engine's OpenSSL (same options and source edits, no-asm, \`-Oz\`;"
  echo "stdio left in for the CLI's issuer side): the difference between it and"
  echo "wasm is the cost of WebAssembly itself. For the 1 MB file, wasm / that"
  echo "native build: $(awk -v w="$(field verify_ms <<<"$(sed -n 2p <<<"$wasm")")" -v n="$(field verify_ms <<<"$(sed -n 2p <<<"$same")")" 'BEGIN { printf "%.2f", w / n }')×"
  echo "for the verification, $(awk -v w="$(field sha256_ms <<<"$(sed -n 2p <<<"$wasm")")" -v n="$(field sha256_ms <<<"$(sed -n 2p <<<"$same")")" 'BEGIN { printf "%.2f", w / n }')× for SHA-256."
  echo "Targets: wasm verify / sha256 for 1 MB at most 2."
  echo "\`text ms\` is the page-text reader on its own (the file loaded, every page's"
  echo "text read into lines and fields), part of \`verify ms\`: the samples print one"
  echo "line, the demo certificate a full page (its fonts, CMaps and about 25 lines)."
  echo "Medians are of warm runs in one process. The wasm runs start after 50"
  echo "untimed ones per file: V8 first runs every wasm function in its baseline"
  echo "compiler and swaps in optimised code for the busy ones in the background, so"
  echo "the first few dozen runs mix the two (a first drop on the page is the"
  echo "site's cold figure below). The signed lists' signatures are verified, and"
  echo "the trust anchors parsed, once per process and remembered (a batch shares"
  echo "them), so the"
  echo "first file of a run pays a few milliseconds more (see the site's cold run)."
  echo
  echo
  echo "## Revocation list (1,000,000 revoked certificates)"
  echo
  echo "\`tests/bench/revocation_bench\` publishes a list of one million revocations"
  echo "and times lookups (manifest signature, shard digest, HMAC, binary search)."
  echo "The two \"difference\" rows subtract medians of separate runs: a cost"
  echo "below the machine's noise can come out near zero or even negative."
  echo
  echo "| measure | value |"
  echo "| --- | --- |"
  echo "| publish time (build, sort, hash, sign; native) | $(field publish_s <<<"$revbench") s |"
  echo "| total size of the published list | $(field total_bytes <<<"$revbench") bytes |"
  echo "| manifest | $(field manifest_bytes <<<"$revbench") bytes |"
  echo "| one shard (smallest – largest) | $(field shard_bytes_min <<<"$revbench") – $(field shard_bytes_max <<<"$revbench") bytes |"
  echo "| fetched per lookup, at most (manifest + signature + one shard) | $(field lookup_fetch_bytes_max <<<"$revbench") bytes |"
  echo "| lookup time, native (median of 200) | $(field lookup_ms_median <<<"$revbench") ms |"
  echo "| lookup time in wasm: verify with the list minus verify without (small certificate, medians of $lookup_runs) | $(awk -v a="$(field verify_ms <<<"$wasm_list")" -v b="$(field verify_ms <<<"$wasm_nolist")" 'BEGIN { printf "%.3f", a - b }') ms |"
  echo "| same difference, native | $(awk -v a="$(field verify_ms <<<"$native_list")" -v b="$(field verify_ms <<<"$native_nolist")" 'BEGIN { printf "%.3f", a - b }') ms |"
  echo
  echo "## Engine size"
  echo
  echo "| part | gzip -9 bytes |"
  echo "| --- | --- |"
  echo "| \`sealcheck_engine.wasm\` ($wasm_raw bytes raw) | $wasm_gz |"
  echo "| \`sealcheck_engine.mjs\` (Emscripten loader) | $js_gz |"
  echo "| \`engine.js\` + \`worker.js\` (our wrapper) | $glue_gz |"
  echo "| **engine: wasm + loader** (budget 440,000) | **$((wasm_gz + js_gz))** |"
  echo "| everything above | $((wasm_gz + js_gz + glue_gz)) |"
  echo "| \`gbk.bin\`, fetched only for a page in GBK (not in the engine) | $(gzip -9c dist/engine/gbk.bin | wc -c) |"
  echo "| \`sealcheck_engine_ofd.wasm\` ($ofd_wasm_raw bytes raw), fetched only for an OFD file | $ofd_wasm_gz |"
  echo "| \`sealcheck_engine_ofd.mjs\` (its loader) | $ofd_js_gz |"
  echo "| **OFD engine: wasm + loader** (PDF and OFD; budget 480,000 were OFD inside the first engine) | **$((ofd_wasm_gz + ofd_js_gz))** |"
  echo
  echo "The page loads the PDF engine first and keeps it within its budget; an OFD"
  echo "file makes the worker fetch the OFD engine, which is the same core with the"
  echo "OFD reader (ZIP, expat, package model, page text, preview model) linked in"
  echo "(\`wasm/src/dispatch.h\`). With OFD inside one engine it would be"
  echo "$((ofd_wasm_gz + ofd_js_gz)) B, over 480,000: hence two engines."
  echo
  echo "The page-text reader (\`wasm/src/text\`: content interpreter, fonts and CMaps,"
  echo "layout, labels) cost 38,876 B of the 40,000 B the budget grew by for it"
  echo "(from 400,000 to 440,000: 398,123 B before it, 436,999 B with it). Since"
  echo "then the seal-time, seal-lifecycle and real-world-seal checks added about"
  echo "3 KB, the OpenSSL extension methods without their text forms took 11 KB"
  echo "off (docs/BUILD.md) and RFC 3161 timestamps added 5 KB: $((wasm_gz + js_gz)) B now."
  echo
  echo
  echo "## The site in headless Chromium ($(field chromium <<<"$site"))"
  echo
  echo "\`scripts/bench_site.mjs\`: the 1 MB certificate dropped on the page (a"
  echo "synthetic drop event) until its card carries \`data-verdict\`; median of 10"
  echo "after one cold run (the cold run also fetches the trust list, the revocation"
  echo "manifest and a shard). The preview (pdf.js) is drawn after the verdict."
  echo
  echo "| measure | value |"
  echo "| --- | --- |"
  echo "| drop to verdict, 1 MB, cold (lists fetched) | $(field cold_ms <<<"$site") ms |"
  echo "| drop to verdict, 1 MB, median | $(field drop_to_verdict_ms <<<"$site") ms |"
  echo "| same, CPU throttled 4× (mid-range phone order of magnitude) | $(field throttled4x_ms <<<"$site") ms |"
  echo "| drop to preview drawn, 1 MB, median | $(field drop_to_preview_ms <<<"$site") ms |"
  echo "| first visit until the verifier is ready: requests | $(field first_visit_requests <<<"$site") |"
  echo "| first visit: bytes as served / gzip -9 (what a compressing CDN sends) | $(field first_visit_bytes <<<"$site") / $(field first_visit_gzip <<<"$site") |"
  echo "| then, in the background: the service worker's offline copy (app, engine, pdf.js), requests | $(field sw_requests <<<"$site") |"
  echo "| service worker: bytes as served / gzip -9 (at most: a CDN answering 304s sends less) | $(field sw_bytes <<<"$site") / $(field sw_gzip <<<"$site") |"
  cores=$(field cores <<<"$batch")
  echo
  echo "## A batch of 200 certificates"
  echo
  echo "\`scripts/bench_batch.mjs\`: 200 copies of the demo's valid certificate, from"
  echo "start to the last verdict, in one run on $cores cores: the command lines with"
  echo "\`--jobs 1\` and \`--jobs $cores\`, the page with $(field page_workers <<<"$batch") engine workers."
  echo
  echo "| measure | value |"
  echo "| --- | --- |"
  echo "| native CLI, --jobs 1 | $(field native_jobs1_ms <<<"$batch") ms |"
  echo "| native CLI, --jobs $cores | $(field "native_jobs${cores}_ms" <<<"$batch") ms |"
  echo "| Node CLI (wasm), --jobs 1 | $(field node_jobs1_ms <<<"$batch") ms |"
  echo "| Node CLI (wasm), --jobs $cores | $(field "node_jobs${cores}_ms" <<<"$batch") ms |"
  echo "| the page in headless Chromium (choose 200 files to the overall verdict) | $(field page_ms <<<"$batch") ms |"
  echo
  echo "## Peers: whole process per file"
  echo
  echo "\`scripts/bench_peers.mjs timing\`: median wall-clock milliseconds of $peer_runs runs"
  echo "of one process per file (start-up included): sealcheck native and wasm"
  echo "(Node start-up and engine instantiation included) with the demo's trust list"
  echo "and revocation list, poppler's \`pdfsig\` with an NSS database trusting the"
  echo "demo root, and mupdf's \`mutool sign -v\`. In-process figures for sealcheck"
  echo "are the \`--bench\` table above; pdfsig and mutool offer none."
  echo
  echo "$peers"
  echo
  echo "Which tool accepts which attack file: [SECURITY.md](SECURITY.md#peers)."
} > docs/BENCHMARKS.md
# The attack and hostile-input tables go into SECURITY.md between markers.
python3 - "$attacks" "$hostile" <<'PY'
import re, sys
path = 'docs/SECURITY.md'
text = open(path, encoding='utf-8').read()
for name, table in (('peers', sys.argv[1]), ('hostile', sys.argv[2])):
    block = f'<!-- {name}:begin (scripts/bench.sh) -->\n' + table.strip() + f'\n<!-- {name}:end -->'
    text, n = re.subn(f'<!-- {name}:begin.*?<!-- {name}:end -->', lambda m: block, text, flags=re.S)
    if n != 1:
        sys.exit(f'docs/SECURITY.md: no {name} markers')
open(path, 'w', encoding='utf-8').write(text)
PY
say "wrote docs/SECURITY.md (peer and hostile-input tables)"
say "wrote docs/BENCHMARKS.md"
cat docs/BENCHMARKS.md
