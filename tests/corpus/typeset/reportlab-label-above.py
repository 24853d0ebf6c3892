#!/usr/bin/python3
"""An association's certificate with each label printed above its value, in
two columns, in the non-embedded STSong-Light font with the predefined
UniGB-UCS2-H CMap and no ToUnicode (what ReportLab, like iText, writes).
Run by make.sh with Debian's python3-reportlab; every value is repeated by
hand in reportlab-label-above.expected.json.

    python3 reportlab-label-above.py OUT.pdf"""
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
c = canvas.Canvas(sys.argv[1], pagesize=A4, invariant=1)
c.setTitle("typeset test certificate")
width, height = A4
c.setFont("STSong-Light", 24)
c.drawCentredString(width / 2, height - 90, "职业资格证书")
c.setFont("STSong-Light", 11)
c.drawCentredString(width / 2, height - 115, "（测试样本，ReportLab 排版）")

rows = [
    (("姓名", "郑测试"), ("性别", "男")),
    (("证件类型", "居民身份证"), ("证件号码", "5101**********0035")),
    (("资格名称", "拍卖师"), ("专业", "文物艺术品")),
    (("批准日期", "2020年10月09日"), ("签发日期", "2020年11月16日")),
    (("证书编号", "TYPESET-2020-0003"), ("管理号", "TYPESET-M-0003")),
]
y = height - 170
for row in rows:
    for column, (label, value) in enumerate(row):
        x = 80 + column * 240
        c.setFillGray(0.45)
        c.setFont("STSong-Light", 9)
        c.drawString(x, y, label)
        c.setFillGray(0)
        c.setFont("STSong-Light", 14)
        c.drawString(x, y - 18, value)
    y -= 56
c.setFillGray(0.45)
c.setFont("STSong-Light", 9)
c.drawString(80, y, "颁发单位")
c.setFillGray(0)
c.setFont("STSong-Light", 14)
c.drawString(80, y - 18, "中国拍卖行业协会（测试 TEST）")
c.setFont("STSong-Light", 10)
c.drawString(80, y - 70, "本电子证书于2021年12月17日前制发，暂无须申请加注。")
c.setFont("STSong-Light", 7)
c.drawString(80, 60, "本样本由 sealcheck 测试语料生成，仅用于测试，不具有任何法律效力。")
c.showPage()
c.save()
