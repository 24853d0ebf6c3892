#!/usr/bin/env bash
# Set-up, build, demo data, then serve dist/ at http://127.0.0.1:8080.
#   scripts/demo.sh             everything, then serve (Ctrl-C stops)
#   scripts/demo.sh --no-serve  everything but serving (used by the tests)
# Demo data (INTERFACES.md): build/demo/pki (private keys, never under
# dist/), dist/demo/*.pdf with dist/demo/index.json (and the OFD ones,
# *.ofd, with index-ofd.json), dist/demo/root.pem, dist/lists/.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
# shellcheck source=lib.sh
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
demo=build/demo
pki=$demo/pki
# A fresh demo world each run, dated around today so every expected verdict
# holds today. The PKI's certificates are valid from 2021-01-01 so that one
# demo certificate can be sealed (制发) before 2021-12-17, and are issued 400
# days back so annotations can be backdated.
rm -rf "$demo" dist/demo dist/lists
mkdir -p "$demo/data" dist/demo dist/lists
day() { date -u -d "@$(( $(date +%s) + 8 * 3600 + $1 * 86400 ))" +%F; }   # Beijing date, offset in days
today=$(day 0)
"$bin" pki init --dir "$pki" --at "$(day -400)" --valid-from 2021-01-01 >/dev/null
cp "$pki/root.pem" dist/demo/root.pem

cert() {  # number holder qualification issue_date issuing_body specialty
  cat >"$demo/data/$1.json" <<JSON
{"number": "$1", "management_number": "M-$1", "holder": "$2", "gender": "女", "id_type": "居民身份证",
 "id_number": "110101199003$(( RANDOM % 90 + 10 ))1234", "qualification": "$3", "level": "", "specialty": "$6",
 "approval_date": "$4", "issue_date": "$4", "issuing_body": "$5"}
JSON
}
L=(--pki "$pki" --ledger "$demo/ledger.db")
MINISTRY=中华人民共和国人力资源和社会保障部
issue() {  # number out [extra issue options]
  "$bin" issue "${L[@]}" --data "$demo/data/$1.json" --out "$2" --at "$(day -380)T10:00:00+08:00" "${@:3}" >/dev/null
}
annotate() {  # in out applied-offset from-offset days
  # Applied just after midnight Beijing time: never later than "now".
  "$bin" annotate "${L[@]}" --in "$1" --scenario 本人调用 --from "$(day "$4")" --days "$5" --out "$2" \
    --at "$(day "$3")T00:00:05+08:00" >/dev/null
}

cert DEMO-2024-0001 王演示 一级建造师 "$(day -380)" "$MINISTRY" 建筑工程
issue DEMO-2024-0001 "$demo/issued-1.pdf"
annotate "$demo/issued-1.pdf" dist/demo/valid.pdf 0 0 90

cert DEMO-2024-0002 李演示 注册测绘师 "$(day -380)" "$MINISTRY" ""
issue DEMO-2024-0002 "$demo/issued-2.pdf"
annotate "$demo/issued-2.pdf" dist/demo/annotation-expired.pdf -120 -120 30

cert DEMO-2024-0003 赵演示 一级造价工程师 "$(day -380)" "$MINISTRY" 土木建筑工程
issue DEMO-2024-0003 "$demo/issued-3.pdf"
annotate "$demo/issued-3.pdf" dist/demo/annotation-not-yet-valid.pdf 0 3 30

# An association's e-certificate made (sealed) in 2021: no annotation needed.
cert DEMO-2020-0004 陈演示 拍卖师 2020-05-08 中国拍卖行业协会 ""
"$bin" issue "${L[@]}" --data "$demo/data/DEMO-2020-0004.json" --out dist/demo/pre2021-no-annotation.pdf \
  --at 2021-06-01T10:00:00+08:00 >/dev/null

# The same kind of 2021 certificate with an RFC 3161 timestamp from the demo
# TSA: its seal's time is proven, not only claimed.
cert DEMO-2020-0008 郑演示 拍卖师 2020-06-18 中国拍卖行业协会 ""
"$bin" issue "${L[@]}" --data "$demo/data/DEMO-2020-0008.json" --out dist/demo/pre2021-timestamped.pdf \
  --at 2021-06-01T11:00:00+08:00 --timestamp >/dev/null

cp "$demo/issued-1.pdf" dist/demo/post2021-no-annotation.pdf

# Sealed twice (the same seal a minute later, over the sealed file): judged
# by the last seal, which covers everything; the first is reported.
cert DEMO-2020-0009 冯演示 银行业专业人员职业资格 2020-09-01 中国银行业协会 ""
"$bin" issue "${L[@]}" --data "$demo/data/DEMO-2020-0009.json" --out dist/demo/sealed-twice.pdf \
  --at 2021-07-01T10:00:00+08:00 --add-seal >/dev/null

# The appraisal association's seal key leaked on 2021-09-01 (recorded with
# `sealcheck compromise`, published in the trust list): a seal made after
# that is invalid; one claiming an earlier time is indeterminate unless a
# trusted timestamp proves it.
for n in 10 11 12; do cert "DEMO-2020-00$n" "韩演示$n" 资产评估师 2020-10-01 中国资产评估协会 ""; done
"$bin" issue "${L[@]}" --data "$demo/data/DEMO-2020-0010.json" --out dist/demo/compromised-after.pdf \
  --at 2021-10-01T10:00:00+08:00 >/dev/null
"$bin" issue "${L[@]}" --data "$demo/data/DEMO-2020-0011.json" --out dist/demo/compromised-before-claimed.pdf \
  --at 2021-06-01T10:00:00+08:00 >/dev/null
"$bin" issue "${L[@]}" --data "$demo/data/DEMO-2020-0012.json" --out dist/demo/compromised-before-timestamped.pdf \
  --at 2021-06-01T10:00:00+08:00 --timestamp >/dev/null
"$bin" compromise "${L[@]}" --seal 中国资产评估协会 --at 2021-09-01T00:00:00+08:00 >/dev/null

# tampered: one byte of the sealed certificate data changed after sealing.
# wrong-seal: an association's certificate sealed with the ministry's seal.
cert DEMO-2020-0006 周演示 税务师 2020-07-01 中国注册税务师协会 ""
issue DEMO-2020-0006 dist/demo/wrong-seal.pdf --seal ministry

cert DEMO-2024-0005 孙演示 中级注册安全工程师 "$(day -380)" "$MINISTRY" 化工安全
issue DEMO-2024-0005 "$demo/issued-5.pdf"
annotate "$demo/issued-5.pdf" dist/demo/revoked.pdf -10 -10 90
"$bin" revoke "${L[@]}" --cert-no DEMO-2024-0005 --reason fraud --at "$(day -2)T15:00:00+08:00" >/dev/null

# Details only on the page, as every other issuer makes them: no embedded
# data block, read from the sealed page's text.
cert DEMO-2024-0007 吴演示 一级注册消防工程师 "$(day -380)" "$MINISTRY" ""
issue DEMO-2024-0007 "$demo/issued-7.pdf" --no-embedded-data
"$bin" annotate "${L[@]}" --in "$demo/issued-7.pdf" --scenario 本人调用 --from "$(day -5)" --days 90 \
  --out dist/demo/page-only.pdf --at "$(day -5)T00:00:05+08:00" --no-embedded-data >/dev/null

# An earlier PKI generation, of 2021: its seal certificates expired on
# 2026-01-01. A 2021 certificate it sealed stays valid: with a timestamp its
# time is proven; without, the seal's own claim stands while the trust list
# still lists the seal (publish --previous keeps it, retired from today).
old=$demo/pki-2021
"$bin" pki init --dir "$old" --at 2021-01-02T00:00:00+08:00 --valid-from 2021-01-01 >/dev/null
O=(--pki "$old" --ledger "$demo/ledger-2021.db")
# dist/demo/root.pem: both generations' roots, as trust-anchors.pem has them.
cat "$old/root.pem" >>dist/demo/root.pem
cert DEMO-2021-0013 卫演示 拍卖师 2021-03-01 中国拍卖行业协会 ""
cert DEMO-2021-0014 蒋演示 拍卖师 2021-03-01 中国拍卖行业协会 ""
"$bin" issue "${O[@]}" --data "$demo/data/DEMO-2021-0013.json" --out dist/demo/expired-seal-timestamped.pdf \
  --at 2021-06-01T10:00:00+08:00 --timestamp >/dev/null
"$bin" issue "${O[@]}" --data "$demo/data/DEMO-2021-0014.json" --out dist/demo/expired-seal-claimed.pdf \
  --at 2021-06-01T10:00:00+08:00 >/dev/null
"$bin" publish "${O[@]}" --out "$demo/lists-2021" --at "$(day 0)T00:00:05+08:00" >/dev/null

# OFD certificates (GB/T 33190), sealed GB/T 38540-style by an SM2 PKI of
# their own: annotated (valid), and the same changed after sealing (its
# page's holder rewritten and the package written again by Python's
# zipfile). Its lists carry the 2021 generation's on (publish --previous).
sm2=$demo/pki-sm2
"$bin" pki init --dir "$sm2" --algo sm2 --at "$(day -400)" --valid-from 2021-01-01 >/dev/null
S=(--pki "$sm2" --ledger "$demo/ledger-sm2.db")
cat "$sm2/root.pem" >>dist/demo/root.pem
cert DEMO-2024-0021 郑演示 一级造价工程师 "$(day -380)" "$MINISTRY" 土木建筑工程
"$bin" issue "${S[@]}" --data "$demo/data/DEMO-2024-0021.json" --out "$demo/issued-21.ofd" \
  --at "$(day -380)T10:00:00+08:00" >/dev/null
"$bin" annotate "${S[@]}" --in "$demo/issued-21.ofd" --scenario 本人调用 --from "$(day 0)" --days 90 \
  --out dist/demo/ofd-valid.ofd --at "$(day 0)T00:00:05+08:00" >/dev/null
python3 - dist/demo/ofd-valid.ofd dist/demo/ofd-tampered.ofd <<'PY'
import sys, zipfile
page = 'Doc_0/Pages/Page_0/Content.xml'
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as out:
    for info in src.infolist():
        data = src.read(info.filename)
        if info.filename == page:
            data = data.replace('郑演示'.encode(), '郑改动'.encode())
        out.writestr(info, data)
PY
"$bin" publish "${S[@]}" --out "$demo/lists-sm2" --at "$(day 0)T00:00:07+08:00" --previous "$demo/lists-2021" >/dev/null

# The signed lists the site fetches: revocations (valid for 7 days), the
# trust list (which seal for which body, the 2021 and SM2 generations'
# kept) and the trust anchors.
"$bin" publish "${L[@]}" --out dist/lists --at "$(day 0)T00:00:10+08:00" --previous "$demo/lists-sm2" >/dev/null

cp dist/demo/valid.pdf dist/demo/tampered.pdf
offset=$(grep -abo '"holder":"' dist/demo/tampered.pdf | head -n1 | cut -d: -f1)
printf 'X' | dd of=dist/demo/tampered.pdf bs=1 seek="$((offset + 10))" conv=notrunc status=none

cat > dist/demo/index.json <<JSON
[
  {"file": "valid.pdf", "case": "valid", "expected_verdict": "valid",
   "description_zh": "部批准资格证书，已加注（本人调用，$today 起90日），印章完好",
   "description_en": "ministry-approved certificate, annotated for 90 days from $today, seal intact"},
  {"file": "annotation-expired.pdf", "case": "annotation-expired", "expected_verdict": "invalid",
   "description_zh": "加注件已过期（加注有效期至 $(day -91)）", "description_en": "the annotation expired on $(day -91)"},
  {"file": "annotation-not-yet-valid.pdf", "case": "annotation-not-yet-valid", "expected_verdict": "invalid",
   "description_zh": "加注自 $(day 3) 起才生效", "description_en": "the annotation only takes effect on $(day 3)"},
  {"file": "pre2021-no-annotation.pdf", "case": "pre2021-no-annotation", "expected_verdict": "valid",
   "description_zh": "中国拍卖行业协会于2021年12月17日前制发（2021年6月1日盖章），无须加注",
   "description_en": "made and sealed by an association on 2021-06-01, before 2021-12-17: no annotation needed"},
  {"file": "pre2021-timestamped.pdf", "case": "pre2021-timestamped", "expected_verdict": "valid",
   "description_zh": "2021年6月1日制发，附可信时间戳：盖章时间经时间戳证明，而非印章自行声明",
   "description_en": "made on 2021-06-01 with a trusted timestamp: the seal's time is proven, not only claimed"},
  {"file": "sealed-twice.pdf", "case": "sealed-twice", "expected_verdict": "valid",
   "description_zh": "2021年7月1日制发，同一印章先后加盖两次：以最后一个印章为准（它覆盖整个文件），此前的印章一并列出",
   "description_en": "made on 2021-07-01 and sealed twice: judged by the last seal, which covers the whole file; the earlier one is listed"},
  {"file": "expired-seal-timestamped.pdf", "case": "expired-seal-timestamped", "expected_verdict": "valid",
   "description_zh": "2021年制发，印章证书已于2026年1月1日过期；可信时间戳证明盖章时证书有效",
   "description_en": "made in 2021; the seal certificate expired on 2026-01-01, a trusted timestamp proves it was valid when sealed"},
  {"file": "expired-seal-claimed.pdf", "case": "expired-seal-claimed", "expected_verdict": "valid",
   "description_zh": "同上但无时间戳：盖章时间为印章自行声明，信任列表仍列有该印章",
   "description_en": "the same without a timestamp: the seal's own claimed time, the trust list still listing the seal"},
  {"file": "compromised-after.pdf", "case": "seal-compromised", "expected_verdict": "invalid",
   "description_zh": "印章密钥于2021年9月1日泄露（信任列表已记录），此件于其后盖章",
   "description_en": "sealed after the seal's key was recorded as compromised (2021-09-01, in the trust list)"},
  {"file": "compromised-before-claimed.pdf", "case": "seal-compromised-time-unproven", "expected_verdict": "indeterminate",
   "description_zh": "自称于密钥泄露前盖章，但无可信时间戳，无法证明盖章时间",
   "description_en": "claims to be sealed before the key was compromised, but no trusted timestamp proves it"},
  {"file": "compromised-before-timestamped.pdf", "case": "seal-compromised-time-proven", "expected_verdict": "valid",
   "description_zh": "于密钥泄露前盖章，且有可信时间戳证明",
   "description_en": "sealed before the key was compromised, proven by a trusted timestamp"},
  {"file": "post2021-no-annotation.pdf", "case": "post2021-no-annotation", "expected_verdict": "invalid",
   "description_zh": "2021年12月17日后制发（盖章）但未加注", "description_en": "made and sealed after 2021-12-17 but not annotated"},
  {"file": "revoked.pdf", "case": "revoked", "expected_verdict": "invalid",
   "description_zh": "已加注，但已于 $(day -2) 被撤销（撤销原因：以欺骗等不正当手段取得）",
   "description_en": "annotated, but revoked on $(day -2) (obtained by fraud)"},
  {"file": "wrong-seal.pdf", "case": "wrong-seal", "expected_verdict": "invalid",
   "description_zh": "中国注册税务师协会颁发的证书却加盖了人社部的印章", "description_en": "a tax advisers' association certificate carrying the ministry's seal"},
  {"file": "page-only.pdf", "case": "page-only", "expected_verdict": "valid",
   "description_zh": "证书信息只印在页面上（无内嵌数据，与其他签发系统一样），已加注，印章完好",
   "description_en": "details printed on the page only (no embedded data, as other issuers make them), annotated, seal intact"},
  {"file": "tampered.pdf", "case": "tampered", "expected_verdict": "invalid",
   "description_zh": "盖章后证书信息被改动了一个字节", "description_en": "one byte of the certificate data was changed after sealing"}
]
JSON
# The OFD demo certificates, listed apart (index.json lists PDFs, as
# INTERFACES.md says), in the same shape.
cat > dist/demo/index-ofd.json <<JSON
[
  {"file": "ofd-valid.ofd", "case": "ofd-valid", "expected_verdict": "valid",
   "description_zh": "OFD 格式的电子证书（GB/T 38540 电子签章），已加注（$today 起90日），印章完好",
   "description_en": "an OFD certificate with a GB/T 38540 seal, annotated for 90 days from $today, seal intact"},
  {"file": "ofd-tampered.ofd", "case": "ofd-tampered", "expected_verdict": "invalid",
   "description_zh": "同上，盖章后页面上的姓名被改动", "description_en": "the same, its page's holder name changed after sealing"}
]
JSON
# A page that links the demo certificates (built from index.json).
node - dist/demo/index.json dist/demo/index-ofd.json >dist/demo/index.html <<'NODE'
const cases = process.argv.slice(2).flatMap((f) => JSON.parse(require('fs').readFileSync(f, 'utf8')));
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const rows = cases.map((c) => `    <tr><td><a href="${esc(c.file)}" download>${esc(c.file)}</a></td><td>${esc(c.case)}</td>` +
  `<td>${esc(c.expected_verdict)}</td><td>${esc(c.description_zh)}<br><span lang="en">${esc(c.description_en)}</span></td></tr>`).join('\n');
console.log(`<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'">
  <title>演示证书 · Demo certificates · sealcheck</title>
  <link rel="stylesheet" href="../style.css">
</head>
<body>
  <h1>演示证书 <span lang="en">Demo certificates</span></h1>
  <p>由演示签发系统生成，均非真实证书。下载后拖入<a href="../">查验页面</a>即可查看结果。
     <span lang="en">Made by the demo issuer; none is a real certificate. Download one and drop it on the <a href="../">verifier</a>.</span></p>
  <table>
    <thead><tr><th>文件 file</th><th>情形 case</th><th>预期结果 expected</th><th>说明 description</th></tr></thead>
    <tbody>
${rows}
    </tbody>
  </table>
  <p><a href="root.pem">演示根证书 demo root (root.pem)</a> · <a href="index.json">index.json</a> · <a href="index-ofd.json">index-ofd.json</a></p>
</body>
</html>`);
NODE

files=(dist/demo/*.pdf dist/demo/*.ofd)
say "demo data written: dist/demo/ (${#files[@]} certificates), $demo (PKI, ledger)"

if [ "$serve" = 1 ]; then
  say "serving dist/ at http://127.0.0.1:$port/"
  exec node scripts/serve.mjs --dir dist --port "$port"
fi
