#!/usr/bin/env bash
# Set-up, build, demo data, then every test:
#   1. ctest, native build        (unit + end-to-end CLI)
#   2. ctest, ASan+UBSan build    (same suite under sanitizers)
#   3. Jest: the wasm engine under Node, and the site in headless Chromium
# Every suite runs even if an earlier one failed; the exit status is
# non-zero if any failed. The output ends with the runners' own summaries.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
cd "$top" || exit 1
t0=$(date +%s)

"$here/demo.sh" --no-serve || { say "set-up/build/demo failed"; exit 1; }

status=0
say "ASan+UBSan build (preset asan)"
{ cmake --preset asan >/dev/null && cmake --build --preset asan; } || status=1

say "ctest: native"
ctest --preset native || status=1
say "ctest: asan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --preset asan || status=1

say "jest: wasm engine under Node + site in headless Chromium (set-up and builds took $(( $(date +%s) - t0 )) s)"
NODE_OPTIONS=--experimental-vm-modules npx --no-install jest --ci || status=1
exit $status
