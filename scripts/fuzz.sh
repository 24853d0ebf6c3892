#!/usr/bin/env bash
# Long libFuzzer runs (see docs/FUZZING.md).
#
#   scripts/fuzz.sh TARGET [SECONDS]     # TARGET: object_parser xref cms verify json text content cmap timestamp ocsp zip ofd
#
# SEALCHECK_FUZZ_TIMEOUT (seconds per input, default 10): raise it when the
# machine is busy with builds too -- a run at nice 19 beside them can be
# starved for seconds, and a starved input reads as a timeout.
#
# Builds the "fuzz" preset (clang, ASan+UBSan+libFuzzer), copies the
# repository's seeds into a working corpus outside the work tree (it grows
# there between runs), runs for SECONDS (default 3600) at low priority and
# prints one summary line: target, seconds, executions, edges, findings.
# Crashes, timeouts and OOMs are written to the run directory; nothing in the
# repository changes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
# shellcheck source=lib.sh
. "$here/lib.sh"

target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-3600}
case $target in
  object_parser) seeds=$root/tests/fuzz/seeds/object_parser ;;
  cms) seeds=$root/tests/fuzz/seeds/cms ;;
  json) seeds=$root/tests/fuzz/seeds/json ;;
  text) seeds=$root/tests/fuzz/seeds/text ;;
  content) seeds=$root/tests/fuzz/seeds/content ;;
  cmap) seeds=$root/tests/fuzz/seeds/cmap ;;
  timestamp) seeds=$root/tests/fuzz/seeds/timestamp ;;
  ocsp) seeds=$root/tests/fuzz/seeds/ocsp ;;
  zip) seeds=$root/tests/ofd/zip ;;
  ofd) seeds=$root/tests/fuzz/seeds/ofd ;;
  xref | verify) seeds=$root/tests/corpus/files ;;
  *) echo "unknown target: $target" >&2; exit 64 ;;
esac

cd "$root"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "fuzz_$target" >/dev/null

work=$(sealcheck_cache)/fuzz/$target
mkdir -p "$work/corpus" "$work/artifacts"
cp -n "$seeds"/* "$work/corpus/" 2>/dev/null || true
cp -n "$root/tests/fuzz/findings/$target"/* "$work/corpus/" 2>/dev/null || true
log=$work/run-$(date -u +%Y%m%dT%H%M%SZ).log

say "fuzzing $target for ${seconds}s, log $log"
status=0
touch "$log.start"
nice -n 19 "build/fuzz/tests/fuzz/fuzz_$target" \
  -max_total_time="$seconds" -timeout="${SEALCHECK_FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$work/corpus" >"$log" 2>&1 || status=$?

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
edges=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
# This run's findings only: artifacts of earlier runs stay in the directory.
findings=$(find "$work/artifacts" -type f -newer "$log.start" | wc -l)
rm -f "$log.start"
printf 'fuzz target=%s seconds=%s executions=%s edges=%s findings=%s exit=%s\n' \
  "$target" "$seconds" "${execs:-?}" "${edges:-?}" "$findings" "$status"
exit "$status"
