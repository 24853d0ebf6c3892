#!/usr/bin/python3
"""A PostScript certificate shown in the GBK-encoded STSong-Light CID font,
for Ghostscript's pdfwrite (make.sh): the PDF keeps the predefined
GBK-EUC-H CMap and writes no ToUnicode, as Ghostscript does. Every value is
repeated by hand in ghostscript-gbk.expected.json.

    python3 ghostscript-gbk.py OUT.ps"""
import sys

rows = [
    ("姓名：", "何测试"),
    ("性别：", "男"),
    ("证件号码：", "3301**********0071"),
    ("资格名称：", "拍卖师"),
    ("批准日期：", "2021年02月01日"),
    ("签发日期：", "2021年03月08日"),
    ("证书编号：", "TYPESET-2021-0007"),
    ("管理号：", "TYPESET-M-0007"),
    ("颁发单位：", "中国拍卖行业协会（测试 TEST）"),
]
out = [
    "%!PS-Adobe-3.0",
    "%%BoundingBox: 0 0 595 842",
    "%%Title: typeset test certificate (Ghostscript, GBK)",
    "/F { /STSong-Light-GBK-EUC-H findfont exch scalefont setfont } def",
    f"22 F 200 780 moveto <{'职业资格证书'.encode('gbk').hex()}> show",
]
y = 720
for label, value in rows:
    out.append(f"12 F 90 {y} moveto <{label.encode('gbk').hex()}> show")
    out.append(f"14 F 190 {y} moveto <{value.encode('gbk').hex()}> show")
    y -= 30
note = "本电子证书于2021年12月17日前制发，暂无须申请加注。"
out.append(f"10 F 90 {y - 20} moveto <{note.encode('gbk').hex()}> show")
out.append("showpage")
with open(sys.argv[1], "w") as f:
    f.write("\n".join(out) + "\n")
