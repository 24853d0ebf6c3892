#!/usr/bin/env bash
# Builds the native CLI (build/native/sealcheck, system OpenSSL) and the
# static site with the wasm engine (dist/). Run scripts/setup.sh first.
# Leaves dist/demo and dist/lists (written by scripts/demo.sh) in place.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
cd "$top"
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}

say "native build (preset native) and its Debian package"
cmake --preset native >/dev/null
cmake --build --preset native
cmake --build --preset native --target package >/dev/null

SEALCHECK_OPENSSL_WASM=$(sealcheck_wasm_prefix openssl) \
  || { say "OpenSSL for wasm is not built: run scripts/setup.sh"; exit 1; }
SEALCHECK_ZLIB_WASM=$(sealcheck_wasm_prefix zlib) \
  || { say "zlib for wasm is not built: run scripts/setup.sh"; exit 1; }
SEALCHECK_EXPAT_WASM=$(sealcheck_wasm_prefix expat) \
  || { say "expat for wasm is not built: run scripts/setup.sh"; exit 1; }
export SEALCHECK_OPENSSL_WASM SEALCHECK_ZLIB_WASM SEALCHECK_EXPAT_WASM
say "wasm build (preset wasm-release, OpenSSL from $SEALCHECK_OPENSSL_WASM)"
cmake --preset wasm-release >/dev/null
cmake --build --preset wasm-release

say "assembling dist/"
mkdir -p dist
find dist -mindepth 1 -maxdepth 1 ! -name demo ! -name lists -exec rm -rf {} +
cp -r web/. dist/
cp build/wasm/wasm/bindings/sealcheck_engine.mjs build/wasm/wasm/bindings/sealcheck_engine.wasm \
  build/wasm/wasm/bindings/sealcheck_engine_ofd.mjs build/wasm/wasm/bindings/sealcheck_engine_ofd.wasm dist/engine/
# The GBK code table: fetched by the page only for a file that needs it.
cp wasm/data/gbk.bin dist/engine/
# pdf.js for the preview (legacy build: older phone browsers), in a folder
# named for its version so hosts may cache it for good (see _headers). Its
# CMaps, standard fonts and wasm decoders are fetched only when a PDF needs them.
pdfjs=node_modules/pdfjs-dist
pdfjs_dir=vendor/pdfjs-$(node -p "require('./$pdfjs/package.json').version")
mkdir -p "dist/$pdfjs_dir"
cp "$pdfjs/legacy/build/pdf.min.mjs" "$pdfjs/legacy/build/pdf.worker.min.mjs" "$pdfjs/LICENSE" "dist/$pdfjs_dir/"
cp -r "$pdfjs/cmaps" "$pdfjs/standard_fonts" "$pdfjs/wasm" "dist/$pdfjs_dir/"
sed -i "s#vendor/pdfjs/#$pdfjs_dir/#g" dist/ui/preview.js dist/sw.js
# The service worker's cache name follows the app's content.
build_id=$(cd dist && find . -type f ! -path './demo/*' ! -path './lists/*' ! -name sw.js -print0 | sort -z \
  | xargs -0 sha256sum | sha256sum | cut -c1-16)
sed -i "s/__BUILD_ID__/$build_id/" dist/sw.js

wasm_gz=$(gzip -9c dist/engine/sealcheck_engine.wasm | wc -c)
js_gz=$(gzip -9c dist/engine/sealcheck_engine.mjs | wc -c)
glue_gz=$(cat dist/engine/engine.js dist/engine/worker.js | gzip -9c | wc -c)
say "engine size (gzip -9): wasm $wasm_gz B + loader $js_gz B = $((wasm_gz + js_gz)) B (budget 440000 B); our wrapper (engine.js, worker.js) $glue_gz B more"
ofd_gz=$(( $(gzip -9c dist/engine/sealcheck_engine_ofd.wasm | wc -c) + $(gzip -9c dist/engine/sealcheck_engine_ofd.mjs | wc -c) ))
say "OFD engine size (gzip -9, wasm + loader, loaded only for an OFD file): $ofd_gz B"
# The npm package (Node and browsers): the engine, its types, the Node CLI.
say "npm package -> dist/npm"
rm -rf dist/npm
mkdir -p dist/npm/engine dist/npm/bin/lib
cp web/engine/engine.js dist/engine/sealcheck_engine.mjs dist/engine/sealcheck_engine.wasm \
  dist/engine/sealcheck_engine_ofd.mjs dist/engine/sealcheck_engine_ofd.wasm dist/engine/gbk.bin dist/npm/engine/
cp web/npm/index.js web/npm/index.d.ts web/npm/README.md dist/npm/
cp scripts/verify.mjs dist/npm/bin/sealcheck.mjs
cp web/npm/node_engine.mjs dist/npm/bin/lib/node_engine.mjs
node - "$(node -p "require('./package.json').version")" >dist/npm/package.json <<'NODE'
const version = process.argv[2];
console.log(JSON.stringify({
  name: 'sealcheck', version, type: 'module',
  description: 'Verifier for PRC professional-qualification e-certificates (职业资格电子证书), WebAssembly, for Node and browsers',
  exports: { '.': { types: './index.d.ts', default: './index.js' } },
  types: './index.d.ts',
  bin: { sealcheck: './bin/sealcheck.mjs' },
  files: ['index.js', 'index.d.ts', 'engine/', 'bin/', 'README.md'],
  engines: { node: '>=18' },
  license: 'UNLICENSED',
}, null, 2));
NODE

say "built build/native/sealcheck, its .deb, dist/ and dist/npm/"
