#!/usr/bin/env bash
# Typesets the third-party corpus certificates with tools we did not write,
# into tests/corpus/typeset/pdf/ (committed: CI needs none of these tools).
# tests/corpus/generate.sh then seals each one twice, with our signer and
# with @signpdf. What each page prints is written by hand in NAME.expected.json.
#
# Needs: chromium, soffice (libreoffice-writer-nogui), wkhtmltopdf,
# ghostscript, Debian's python3-reportlab, fonts-noto-cjk,
# fonts-droid-fallback, fonts-dejavu-core, and node_modules (pdf-lib,
# @pdf-lib/fontkit).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../../.." && pwd)
out=$here/pdf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
for tool in chromium soffice /usr/bin/python3 node wkhtmltopdf gs; do
  command -v "$tool" >/dev/null || { echo "make.sh: $tool is missing" >&2; exit 1; }
done

# Chromium's print to PDF: CJK text as many small Type 3 fonts whose
# ToUnicode maps to Kangxi radicals. The expired variant differs only in
# its annotation window.
chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --no-pdf-header-footer --print-to-pdf="$2" "$1" 2>/dev/null
}
chrome "$here/chromium-table.html" "$out/chromium-table.pdf"
sed -e 's/2025年05月31日 至 2025年08月28日/2025年03月02日 至 2025年05月30日/' \
    -e 's/申请日期：2025年05月31日/申请日期：2025年03月02日/' \
  "$here/chromium-table.html" > "$work/chromium-table-expired.html"
chrome "$work/chromium-table-expired.html" "$out/chromium-table-expired.pdf"
# Bilingual labels above their values, a wrapped issuing body, ﬁ ligatures.
chrome "$here/chromium-bilingual.html" "$out/chromium-bilingual.pdf"

# LibreOffice Writer: simple TrueType subsets declared WinAnsi, with ToUnicode.
soffice --headless --convert-to pdf --outdir "$work" "$here/libreoffice-two-columns.html" >/dev/null
cp "$work/libreoffice-two-columns.pdf" "$out/"

# ReportLab: the non-embedded STSong-Light with UniGB-UCS2-H, no ToUnicode.
/usr/bin/python3 "$here/reportlab-label-above.py" "$out/reportlab-label-above.pdf"

# wkhtmltopdf (Qt's PDF writer): Identity-H subsets with ToUnicode.
QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work" wkhtmltopdf -q "$here/wkhtmltopdf-card.html" "$out/wkhtmltopdf-card.pdf"

# Ghostscript's pdfwrite: the predefined GBK-EUC-H CMap kept, no ToUnicode.
/usr/bin/python3 "$here/ghostscript-gbk.py" "$work/ghostscript-gbk.ps"
cp "$here/ghostscript-cidfmap" "$work/cidfmap"
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -I"$work" -sOutputFile="$out/ghostscript-gbk.pdf" "$work/ghostscript-gbk.ps"

# pdf-lib + fontkit: subset TrueType fonts, Identity-H.
(cd "$top" && node "$here/pdflib-subset-font.mjs" /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf \
  /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf "$out/pdflib-subset-font.pdf")
ls -l "$out"
