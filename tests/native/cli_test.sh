#!/usr/bin/env bash
# The native CLI end to end: pki init, a sealed sample, verify with and
# without trust, exit codes, JSON shape. $SEALCHECK is the binary.
set -euo pipefail
: "${SEALCHECK:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$SEALCHECK" pki init --dir "$tmp/pki" --algo rsa >/dev/null
[ "$(stat -c %a "$tmp/pki/root.key")" = 600 ] || fail "root key is not mode 600"
[ "$(stat -c %a "$tmp/pki")" = 700 ] || fail "pki dir is not mode 700"
"$SEALCHECK" pki init --dir "$tmp/pki" 2>/dev/null && fail "pki init overwrote an existing PKI"

"$SEALCHECK" sample --pki "$tmp/pki" --out "$tmp/ok.pdf"
"$SEALCHECK" publish --pki "$tmp/pki" --ledger "$tmp/ledger.db" --out "$tmp/lists" >/dev/null
if [ ! -s "$tmp/lists/revocations/manifest.json" ] || [ ! -s "$tmp/lists/revocations/manifest.sig" ]; then
  fail "publish wrote no list"
fi
[ "$(find "$tmp/lists/revocations/shards" -type f | wc -l)" -ge 1 ] || fail "publish wrote no shards"
R=(--revocations "$tmp/lists" --trust "$tmp/lists/trust-list.json")

set +e
"$SEALCHECK" verify --trust "$tmp/pki/root.pem" "${R[@]}" --json "$tmp/ok.pdf" >"$tmp/out.json"; rc=$?
set -e
[ $rc = 0 ] || fail "trusted sample: exit $rc"
grep -q '"verdict":"valid"' "$tmp/out.json" || fail "trusted sample not valid"
grep -q '"file":"ok.pdf"' "$tmp/out.json" || fail "file name missing"

set +e
"$SEALCHECK" verify "${R[@]}" --json "$tmp/ok.pdf" >/dev/null; rc=$?
set -e
[ $rc = 2 ] || fail "untrusted sample: exit $rc, want 2"
set +e
"$SEALCHECK" verify --trust "$tmp/pki/root.pem" --json "$tmp/ok.pdf" >"$tmp/nolist.json"; rc=$?
set -e
[ $rc = 2 ] || fail "no revocation list: exit $rc, want 2"
grep -q '"code":"revocation-list-missing"' "$tmp/nolist.json" || fail "no list not explained"

# The shipped build has no built-in anchors (wasm/trust/builtin-anchors.pem
# holds none); --no-builtin-trust is accepted and changes nothing here.
"$SEALCHECK" anchors | grep -q '^no built-in trust anchors' || fail "anchors: unexpected built-in list"
set +e
"$SEALCHECK" verify --no-builtin-trust --trust "$tmp/pki/root.pem" "${R[@]}" --json "$tmp/ok.pdf" >/dev/null; rc=$?
set -e
[ $rc = 0 ] || fail "--no-builtin-trust with --trust: exit $rc"

cp "$tmp/ok.pdf" "$tmp/bad.pdf"
printf 'appended\n' >>"$tmp/bad.pdf"
set +e
"$SEALCHECK" verify --trust "$tmp/pki/root.pem" "${R[@]}" --json "$tmp/ok.pdf" "$tmp/bad.pdf" >"$tmp/two.json"; rc=$?
set -e
[ $rc = 1 ] || fail "one invalid file: exit $rc, want 1"
[ "$(wc -l <"$tmp/two.json")" = 2 ] || fail "want one JSON line per file"

set +e
"$SEALCHECK" verify --at 2025-02-30 "$tmp/ok.pdf" 2>/dev/null; rc=$?
[ $rc = 64 ] || fail "bad --at: exit $rc, want 64"
"$SEALCHECK" verify 2>/dev/null; rc=$?
[ $rc = 64 ] || fail "no file: exit $rc, want 64"
"$SEALCHECK" verify --json "$tmp/missing.pdf" >"$tmp/missing.json"; rc=$?
set -e
[ $rc = 2 ] || fail "missing file: exit $rc, want 2"
grep -q '"code":"unreadable"' "$tmp/missing.json" || fail "missing file has no unreadable verdict"

"$SEALCHECK" verify --bench 3 --trust "$tmp/pki/root.pem" "$tmp/ok.pdf" \
  | grep -Eq '^bench file=ok.pdf bytes=[0-9]+ verify_ms=[0-9.]+ sha256_ms=[0-9.]+ text_ms=[0-9.]+$' || fail "bench line"
# --sm2-id: the corpus seal signed with another distinguishing ID verifies
# only when told that ID; an empty ID is a usage error.
C=$(dirname "$0")/../corpus
CL=(--json --at 2025-06-02 --trust "$C/trust/root.pem" --trust "$C/lists/trust-list.json" --revocations "$C/lists")
for f in sm2-other-distinguishing-id gbt38540-other-distinguishing-id; do
  out=$("$SEALCHECK" verify "${CL[@]}" "$C/files/$f.pdf" || true)
  grep -q '"verdict":"invalid"' <<<"$out" || fail "$f: other SM2 ID accepted"
  out=$("$SEALCHECK" verify "${CL[@]}" --sm2-id ALICE123@YAHOO.COM "$C/files/$f.pdf" || true)
  grep -q '"verdict":"valid"' <<<"$out" || fail "$f: --sm2-id not honoured"
done
set +e
"$SEALCHECK" verify --sm2-id "" "$tmp/ok.pdf" 2>/dev/null; rc=$?
set -e
[ $rc = 64 ] || fail "empty --sm2-id: exit $rc, want 64"
# Never drop an argument: a second signed trust list, a second revocation
# list or a second value of any other option is a usage error, not a
# silent replacement.
cp "$C/lists/trust-list.json" "$tmp/second.json"; cp "$C/lists/trust-list.sig" "$tmp/second.sig"
for extra in "--trust $tmp/second.json" "--revocations $C/lists" "--at 2025-06-03"; do
  set +e
  # shellcheck disable=SC2086 # word splitting wanted: an option and its value
  "$SEALCHECK" verify "${CL[@]}" $extra "$C/files/genuine-ecdsa.pdf" >/dev/null 2>"$tmp/err"; rc=$?
  set -e
  [ $rc = 64 ] || fail "verify with a second ${extra%% *}: exit $rc, want 64"
  grep -q "twice\|second" "$tmp/err" || fail "second ${extra%% *} refused without saying why"
done
set +e
"$SEALCHECK" verify "${CL[@]}" --sm2-id X --sm2-id X "$C/files/genuine-ecdsa.pdf" >/dev/null 2>&1; rc=$?
set -e
[ $rc = 64 ] || fail "--sm2-id twice: exit $rc, want 64"
# --jobs N: the same reports in the same order, whatever N.
"$SEALCHECK" verify "${CL[@]}" "$C"/files/*.pdf >"$tmp/jobs1.json" || true
"$SEALCHECK" verify "${CL[@]}" --jobs 3 "$C"/files/*.pdf >"$tmp/jobs3.json" || true
[ "$(wc -l <"$tmp/jobs1.json")" -gt 50 ] || fail "--jobs 1 printed too little"
cmp -s "$tmp/jobs1.json" "$tmp/jobs3.json" || fail "--jobs 3 differs from --jobs 1"
for bad in "--jobs 0" "--jobs x" "--jobs 2 --bench 2"; do
  set +e
  # shellcheck disable=SC2086 # word splitting wanted: options and values
  "$SEALCHECK" verify $bad "$C/files/genuine-ecdsa.pdf" >/dev/null 2>&1; rc=$?
  set -e
  [ $rc = 64 ] || fail "verify $bad: exit $rc, want 64"
done
echo "cli end-to-end: ok"
