#!/usr/bin/env bash
# The issuer end to end: pki init, issue, annotate (and each refusal),
# revoke, what other tools think of our PDFs, and the ledger surviving a
# process killed mid-write. $SEALCHECK is the binary.
set -euo pipefail
: "${SEALCHECK:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
sc() { "$SEALCHECK" "$@"; }
expect_exit() {  # code command...
  local want=$1; shift
  set +e; "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?; set -e
  [ "$got" = "$want" ] || { cat "$tmp/err" >&2; fail "$* exited $got, want $want"; }
}
publish() { sc publish "${L[@]}" --out "$tmp/lists" --at "${1:-2025-06-01}" >/dev/null; }
verdict() { { sc verify --trust "$tmp/pki/root.pem" --trust "$tmp/lists/trust-list.json" --revocations "$tmp/lists" --at "$2" --json "$1" || true; } | sed -n 's/.*"verdict":"\([a-z]*\)".*/\1/p'; }

# Valid since 2021, so certificates can be sealed before 2021-12-17.
sc pki init --dir "$tmp/pki" --at 2025-01-01 --valid-from 2021-01-01 >/dev/null
expect_exit 64 sc pki init --dir "$tmp/pki2" --at 2025-01-01 --at 2025-02-01   # never drop an argument
ls "$tmp/pki"/seal-auction.key >/dev/null || fail "no body seals"
cat >"$tmp/ministry.json" <<'JSON'
{"number": "T-2024-1", "management_number": "T-M-1", "holder": "张测试", "gender": "男", "id_type": "居民身份证",
 "id_number": "110101199003071234", "qualification": "一级建造师", "level": "", "specialty": "建筑工程",
 "approval_date": "2024-09-01", "issue_date": "2024-10-10", "issuing_body": "中华人民共和国人力资源和社会保障部"}
JSON
sed -e 's/T-2024-1/T-2020-2/; s/T-M-1/T-M-2/; s/一级建造师/拍卖师/; s/2024-10-10/2020-05-01/; s/2024-09-01/2020-04-01/' \
    -e 's/中华人民共和国人力资源和社会保障部/中国拍卖行业协会/' "$tmp/ministry.json" >"$tmp/auction.json"

L=(--pki "$tmp/pki" --ledger "$tmp/ledger.db")
publish
sc issue "${L[@]}" --data "$tmp/ministry.json" --out "$tmp/m.pdf" --at 2025-06-01T09:00:00+08:00 >/dev/null
# 制发 before 2021-12-17 (Beijing time): no annotation needed, ever.
sc issue "${L[@]}" --data "$tmp/auction.json" --out "$tmp/old.pdf" --at 2021-12-16T23:59:00+08:00 >/dev/null
# A signature timestamp from the PKI's TSA, listed in the published trust list.
grep -q '"tsa":\[{"name":' "$tmp/lists/trust-list.json" || fail "the trust list names no TSA"
sed -e 's/T-2020-2/T-2020-7/; s/T-M-2/T-M-7/' "$tmp/auction.json" >"$tmp/auction7.json"
sc issue "${L[@]}" --data "$tmp/auction7.json" --out "$tmp/stamped.pdf" --at 2021-12-16T20:00:00+08:00 --timestamp >/dev/null
stamped=$(sc verify --trust "$tmp/pki/root.pem" --trust "$tmp/lists/trust-list.json" --revocations "$tmp/lists" --at 2025-06-02 --json "$tmp/stamped.pdf" || true)
[[ "$stamped" == *'"verdict":"valid"'* && "$stamped" == *'"code":"timestamp-verified"'* && "$stamped" == *'"signed_at":"2021-12-16T20:00:05+08:00","time_source":"timestamp"'* ]] \
  || { echo "$stamped" >&2; fail "a timestamped certificate is not valid with a proven time"; }
# --add-seal: the same seal again over the sealed file; the last decides,
# the first is listed (signed at --at, the second a minute later).
sed -e 's/T-2020-2/T-2020-8/; s/T-M-2/T-M-8/' "$tmp/auction.json" >"$tmp/auction8.json"
sc issue "${L[@]}" --data "$tmp/auction8.json" --out "$tmp/twice.pdf" --at 2021-12-16T21:00:00+08:00 --add-seal >/dev/null
twice=$(sc verify --trust "$tmp/pki/root.pem" --trust "$tmp/lists/trust-list.json" --revocations "$tmp/lists" --at 2025-06-02 --json "$tmp/twice.pdf" || true)
[[ "$twice" == *'"verdict":"valid"'* && "$twice" == *'"signed_at":"2021-12-16T21:01:00+08:00"'* \
   && "$twice" == *'"earlier_seals":[{"index":1,"field":"Seal1","revision":2,'* \
   && "$twice" == *'"signed_at":"2021-12-16T21:00:00+08:00"'* && "$twice" == *'"verifies":true,"trusted":true}]'* ]] \
  || { echo "$twice" >&2; fail "a certificate sealed twice is not valid with its first seal listed"; }
# The same kind of certificate sealed from that day on needs one.
sed 's/T-2020-2/T-2020-4/; s/T-M-2/T-M-4/' "$tmp/auction.json" >"$tmp/auction4.json"
sc issue "${L[@]}" --data "$tmp/auction4.json" --out "$tmp/resealed.pdf" --at 2021-12-17T00:00:00+08:00 >/dev/null
# A seal never predates the certificate's issue date; numbers are canonical.
sed 's/T-2020-2/T-2020-5/; s/T-M-2/T-M-5/' "$tmp/auction.json" >"$tmp/auction5.json"
expect_exit 1 sc issue "${L[@]}" --data "$tmp/auction5.json" --out "$tmp/x.pdf" --at 2020-04-30T23:59:59+08:00
grep -q "issue date" "$tmp/err" || fail "sealing before the issue date not explained"
sed 's/"T-2020-2"/"T-2020-6 "/' "$tmp/auction.json" >"$tmp/spaced.json"
expect_exit 1 sc issue "${L[@]}" --data "$tmp/spaced.json" --out "$tmp/x.pdf" --at 2025-06-01
grep -q "canonical" "$tmp/err" || fail "a number with a space not refused with a reason"
sed 's/张测试/张测试​/' "$tmp/auction5.json" >"$tmp/zwsp.json"   # a zero-width space after the name
expect_exit 1 sc issue "${L[@]}" --data "$tmp/zwsp.json" --out "$tmp/x.pdf" --at 2025-06-01
[ ! -e "$tmp/x.pdf" ] || fail "a refused issue wrote a file"
[ "$(stat -c %a "$tmp/ledger.db")" = 600 ] || fail "ledger is not mode 600"
grep -q "110101199003071234" "$tmp/m.pdf" && fail "full ID number in the PDF"
expect_exit 1 sc issue "${L[@]}" --data "$tmp/ministry.json" --out "$tmp/again.pdf"   # same number twice

# The right seal for the right body; the body's own seal for the association.
report() { sc verify --trust "$tmp/pki/root.pem" --trust "$tmp/lists/trust-list.json" --revocations "$tmp/lists" --json "$1" || true; }  # full output: no SIGPIPE under pipefail
[[ "$(report "$tmp/old.pdf")" == *'CN=【演示 DEMO】中国拍卖行业协会,'* ]] || fail "association not sealed by its body"
[[ "$(report "$tmp/m.pdf")" == *'职业资格证书专用章'* ]] || fail "ministry seal missing"
[ "$(verdict "$tmp/m.pdf" 2025-06-02)" = invalid ] || fail "unannotated 2024 certificate should be invalid"
[ "$(verdict "$tmp/old.pdf" 2025-06-02)" = valid ] || fail "association certificate sealed before 2021-12-17 needs no annotation"
[[ "$(report "$tmp/old.pdf")" == *'"code":"annotation-not-required"'* ]] || fail "exemption not explained"
[ "$(verdict "$tmp/resealed.pdf" 2025-06-02)" = invalid ] || fail "association certificate sealed on 2021-12-17 needs an annotation"
# An association certificate sealed with the ministry's seal (--seal) is caught.
sed 's/T-2020-2/T-2020-3/; s/T-M-2/T-M-3/' "$tmp/auction.json" >"$tmp/auction3.json"
sc issue "${L[@]}" --data "$tmp/auction3.json" --out "$tmp/wrong.pdf" --seal ministry --at 2025-06-01T09:00:00+08:00 >/dev/null
[ "$(verdict "$tmp/wrong.pdf" 2025-06-02)" = invalid ] || fail "wrong seal not caught"
[[ "$(report "$tmp/wrong.pdf")" == *'"code":"seal-wrong-body"'* ]] || fail "wrong seal not explained"

A=(annotate "${L[@]}" --in "$tmp/m.pdf" --scenario 本人调用)
expect_exit 1 sc "${A[@]}" --from 2025-06-01 --days 91 --out "$tmp/x.pdf" --at 2025-06-01
grep -q 90 "$tmp/err" || fail "91-day refusal does not say why"
expect_exit 1 sc annotate "${L[@]}" --in "$tmp/m.pdf" --scenario 他人调用 --from 2025-06-01 --days 30 --out "$tmp/x.pdf" --at 2025-06-01
expect_exit 1 sc "${A[@]}" --from 2025-05-01 --days 30 --out "$tmp/x.pdf" --at 2025-06-01   # backdated
[ ! -e "$tmp/x.pdf" ] || fail "a refused annotation wrote a file"
for i in 1 2 3; do
  sc "${A[@]}" --from 2025-06-0$i --days 90 --out "$tmp/a$i.pdf" --at 2025-06-0${i}T10:00:00+08:00 >/dev/null
done
expect_exit 1 sc "${A[@]}" --from 2025-06-04 --days 90 --out "$tmp/a4.pdf" --at 2025-06-04
grep -q "3" "$tmp/err" || fail "fourth-annotation refusal does not say why"
[ "$(verdict "$tmp/a1.pdf" 2025-06-02)" = valid ] || fail "annotated certificate should be valid"
publish 2025-08-25  # a list fresh enough for the end of the window
[ "$(verdict "$tmp/a1.pdf" 2025-08-29T23:59:59+08:00)" = valid ] || fail "valid through the last day"
[ "$(verdict "$tmp/a1.pdf" 2025-08-30)" = invalid ] || fail "expired the next day"
[ "$(verdict "$tmp/a1.pdf" 2025-09-02)" = invalid ] || fail "expired and stale list"
# Details only on the page (--no-embedded-data): read from the sealed text.
sed 's/T-2024-1/T-2024-8/; s/T-M-1/T-M-8/' "$tmp/ministry.json" >"$tmp/page-only.json"
expect_exit 64 sc issue "${L[@]}" --data "$tmp/page-only.json" --out "$tmp/x.pdf" --no-embedded-data --no-embedded-data
sc issue "${L[@]}" --data "$tmp/page-only.json" --out "$tmp/p.pdf" --at 2025-06-01T09:00:00+08:00 --no-embedded-data >/dev/null
sc annotate "${L[@]}" --in "$tmp/p.pdf" --scenario 本人调用 --from 2025-06-01 --days 90 --out "$tmp/pa.pdf" \
  --at 2025-06-01T10:00:00+08:00 --no-embedded-data >/dev/null
grep -q "sealcheck-certificate.json" "$tmp/pa.pdf" && fail "--no-embedded-data still embedded the data"
[ "$(verdict "$tmp/pa.pdf" 2025-06-02)" = valid ] || fail "page-only annotated certificate should be valid"
[[ "$(report "$tmp/pa.pdf")" == *'"field_sources":{"number":"page","management_number":"page","holder":"page"'* ]] || fail "field sources not said"
[[ "$(report "$tmp/pa.pdf")" == *'"annotation":"page"'* ]] || fail "annotation source not said"
[[ "$(report "$tmp/a1.pdf")" == *'"holder":"page+embedded"'* ]] || fail "both sources not said"
cp -r "$tmp/lists" "$tmp/lists-before-revocation"
publish 2025-06-02
expect_exit 1 sc annotate "${L[@]}" --in "$tmp/pki/root.pem" --scenario 本人调用 --from 2025-06-05 --days 9 --out "$tmp/x.pdf" --at 2025-06-05

# Revocation: a closed list of reasons; no annotation after it.
expect_exit 64 sc revoke "${L[@]}" --cert-no T-2024-1 --reason because --at 2025-07-01
expect_exit 64 sc revoke "${L[@]}" --cert-no "T-2024-1 " --reason fraud --at 2025-07-01
expect_exit 1 sc revoke "${L[@]}" --cert-no NO-SUCH --reason fraud --at 2025-07-01
sc revoke "${L[@]}" --cert-no T-2024-1 --reason data-error --at 2025-07-01T12:00:00+08:00 >/dev/null
expect_exit 1 sc revoke "${L[@]}" --cert-no T-2024-1 --reason fraud --at 2025-07-02
expect_exit 1 sc "${A[@]}" --from 2025-07-02 --days 30 --out "$tmp/x.pdf" --at 2025-07-02
[ "$(sqlite3 "$tmp/ledger.db" "select reason from revocations where number='T-2024-1'")" = data-error ] || fail "revocation not recorded"
[ "$(verdict "$tmp/a1.pdf" 2025-07-02)" = indeterminate ] || fail "list published before the revocation is stale by now"
publish 2025-07-01T13:00:00+08:00
[ "$(verdict "$tmp/a1.pdf" 2025-07-02)" = invalid ] || fail "revoked certificate not invalid"
[[ "$(sc verify --trust "$tmp/pki/root.pem" --trust "$tmp/lists/trust-list.json" --revocations "$tmp/lists" --at 2025-07-02 --json "$tmp/a1.pdf" || true)" == *'"revoked_at":"2025-07-01T12:00:00+08:00","reason_code":"data-error"'* ]] || fail "revocation time and reason not shown"
[ "$(verdict "$tmp/a1.pdf" 2025-07-01T11:59:59+08:00)" = valid ] || fail "before its revocation time it was good"
[ "$(verdict "$tmp/old.pdf" 2025-07-02)" = valid ] || fail "other certificates unaffected"
grep -q T-2024-1 -r "$tmp/lists" && fail "a certificate number appears in the published list"
[ "$(sqlite3 "$tmp/ledger.db" "select value from meta where key='list_number'")" -ge 4 ] || fail "list numbers do not increase"

# A seal's lifecycle: a retired seal keeps what it sealed before; a seal whose
# key was compromised is never valid on its own claimed time.
expect_exit 64 sc retire "${L[@]}" --seal 中国拍卖行业协会
expect_exit 1 sc retire "${L[@]}" --seal 没有这个单位 --at 2025-07-03
sc retire "${L[@]}" --seal 中国拍卖行业协会 --at 2025-07-03T00:00:00+08:00 >"$tmp/out"
grep -q "retired" "$tmp/out" || fail "retire says nothing"
expect_exit 1 sc retire "${L[@]}" --seal 中国拍卖行业协会 --at 2025-07-04   # recorded once
publish 2025-07-05T01:00:00+08:00
grep -q '"until":"2025-07-03T00:00:00+08:00"' "$tmp/lists/trust-list.json" || fail "retirement not published"
[ "$(verdict "$tmp/old.pdf" 2025-07-05T02:00:00+08:00)" = valid ] || fail "sealed before its seal was retired"
sed -e 's/T-2020-2/T-2025-9/; s/T-M-2/T-M-9/' "$tmp/auction.json" >"$tmp/auction9.json"
sc issue "${L[@]}" --data "$tmp/auction9.json" --out "$tmp/late.pdf" --at 2025-07-04T09:00:00+08:00 >/dev/null
[ "$(verdict "$tmp/late.pdf" 2025-07-05T02:00:00+08:00)" = invalid ] || fail "sealed by a retired seal"
[[ "$(sc verify --trust "$tmp/pki/root.pem" --trust "$tmp/lists/trust-list.json" --revocations "$tmp/lists" --at 2025-07-05T02:00:00+08:00 --json "$tmp/late.pdf" || true)" == *'"code":"seal-retired"'* ]] || fail "not reported as seal-retired"
sc compromise "${L[@]}" --seal 中国拍卖行业协会 --at 2022-01-01 >/dev/null
publish 2025-07-05T01:30:00+08:00
grep -q '"compromised_at":"2022-01-01T00:00:00+08:00"' "$tmp/lists/trust-list.json" || fail "compromise not published"
# old.pdf claims 2021-12-16, before the leak, but only claims it.
[ "$(verdict "$tmp/old.pdf" 2025-07-05T02:00:00+08:00)" = indeterminate ] || fail "a claimed time before a compromise proves nothing"
[ "$(verdict "$tmp/stamped.pdf" 2025-07-05T02:00:00+08:00)" = valid ] || fail "a timestamp before the compromise proves the seal"
[ "$(grep -o '"compromised_at"' "$tmp/lists/trust-list.json" | wc -l)" = 1 ] || fail "another body's seal is affected"

# A new PKI generation: the earlier one's anchors, seals (retired from then,
# with their records) and TSA stay listed, so what they sealed keeps its verdict.
sc pki init --dir "$tmp/pki-next" --at 2025-07-06 >/dev/null
N=(--pki "$tmp/pki-next" --ledger "$tmp/ledger.db")
expect_exit 1 sc publish "${N[@]}" --out "$tmp/lists-next" --at 2025-07-06T01:00:00+08:00 --previous "$tmp/pki"
sc publish "${N[@]}" --out "$tmp/lists-next" --at 2025-07-06T01:00:00+08:00 --previous "$tmp/lists" >/dev/null
[ "$(grep -c 'BEGIN CERTIFICATE' "$tmp/lists-next/trust-anchors.pem")" = 2 ] || fail "the earlier generation's anchor is not kept"
next_verdict() { { sc verify --trust "$tmp/lists-next/trust-anchors.pem" --trust "$tmp/lists-next/trust-list.json" --revocations "$tmp/lists-next" --at 2025-07-06T02:00:00+08:00 --json "$1" || true; } | sed -n 's/.*"verdict":"\([a-z]*\)".*/\1/p'; }
[ "$(next_verdict "$tmp/stamped.pdf")" = valid ] || fail "a timestamped seal of the earlier generation is no longer valid"
[ "$(next_verdict "$tmp/late.pdf")" = invalid ] || fail "a seal of the earlier generation lost its retirement"
grep -q '"until":"2025-07-06T01:00:00+08:00"' "$tmp/lists-next/trust-list.json" || fail "the earlier generation's seals are not retired"

# Other readers accept what we write.
# Other tools must read our PDFs: missing tools fail the test, never skip it.
command -v qpdf >/dev/null || fail "qpdf is not installed (scripts/setup.sh installs it)"
command -v pdftoppm >/dev/null || fail "pdftoppm is not installed (scripts/setup.sh installs poppler-utils)"
qpdf --check "$tmp/a1.pdf" >/dev/null || fail "qpdf --check"
pdftoppm -png -r 30 -f 1 -l 1 "$tmp/a1.pdf" "$tmp/page" || fail "pdftoppm"
[ -s "$tmp/page-1.png" ] || fail "pdftoppm wrote no page"
# poppler with an NSS database that trusts the demo root, like a user would set up.
command -v pdfsig >/dev/null || fail "pdfsig is not installed (scripts/setup.sh installs poppler-utils)"
command -v certutil >/dev/null || fail "certutil is not installed (scripts/setup.sh installs libnss3-tools)"
mkdir "$tmp/nss"
certutil -N -d "sql:$tmp/nss" --empty-password
certutil -A -d "sql:$tmp/nss" -n demo-root -t "CT,C,C" -i "$tmp/pki/root.pem"
sig=$(pdfsig -nssdir "sql:$tmp/nss" "$tmp/a1.pdf" || true)
[[ "$sig" == *"Signature is Valid"* ]] || fail "pdfsig does not find the seal valid"
[[ "$sig" == *"Certificate is Trusted"* ]] || fail "pdfsig does not trust the seal with the demo root"
[[ "$sig" == *"Total document signed"* ]] || fail "pdfsig does not see the whole document signed"

# A process killed in the middle of writes leaves the ledger intact, every
# file under its real name is recorded, and every recorded certificate has
# its whole file (under its real name, or as .tmp when the kill fell
# between the commit and the rename).
for i in $(seq 1 25); do
  sed "s/T-2024-1/K-$i/" "$tmp/ministry.json" >"$tmp/k.json"
  "$SEALCHECK" issue "${L[@]}" --data "$tmp/k.json" --out "$tmp/k-$i.pdf" >/dev/null 2>&1 &  # no subshell: kill hits sealcheck itself
  pid=$!
  sleep "$(printf "0.%03d" $(( RANDOM % 400 )))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
[ "$(sqlite3 "$tmp/ledger.db" 'pragma integrity_check')" = ok ] || fail "ledger corrupt after kills"
[ -z "$(sqlite3 "$tmp/ledger.db" 'pragma foreign_key_check')" ] || fail "foreign keys broken after kills"
recorded=0
for n in $(sqlite3 "$tmp/ledger.db" "select substr(number, 3) from certificates where number like 'K-%'"); do
  recorded=$((recorded + 1))
  f="$tmp/k-$n.pdf"
  [ -s "$f" ] || f="$f.tmp"
  [ -s "$f" ] || fail "K-$n recorded but its file is missing"
  # Whole and genuinely sealed (invalid only because it is not annotated).
  [[ "$(report "$f")" == *'"code":"annotation-missing"'* ]] || fail "K-$n file is not a whole sealed certificate"
done
for f in "$tmp"/k-*.pdf; do
  [ -e "$f" ] || continue
  n=${f##*/k-}; n=${n%.pdf}
  [ "$(sqlite3 "$tmp/ledger.db" "select count(*) from certificates where number='K-$n'")" = 1 ] || fail "$f written but not recorded"
done
echo "issuer end-to-end: ok ($recorded of 25 killed issues had committed)"
