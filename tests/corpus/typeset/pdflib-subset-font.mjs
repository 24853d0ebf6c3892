// A ministry certificate drawn by pdf-lib with subsets of two TrueType
// fonts embedded through fontkit (Identity-H and a ToUnicode CMap each): a
// CJK font for Chinese and a Latin one for digits and letters, switched
// run by run as report writers do; labels spread with ideographic spaces,
// the issue date drawn as separate runs, the annotation on one line. Run by
// make.sh; every value is repeated by hand in pdflib-subset-font.expected.json.
//
//   node pdflib-subset-font.mjs CJK.ttf LATIN.ttf OUT.pdf
import { readFileSync, writeFileSync } from 'node:fs';
import { PDFDocument, degrees, rgb } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';

const [cjkPath, latinPath, out] = process.argv.slice(2);
const doc = await PDFDocument.create();
doc.registerFontkit(fontkit);
doc.setCreationDate(new Date('2025-05-20T08:00:00Z'));
doc.setModificationDate(new Date('2025-05-20T08:00:00Z'));
const cjk = await doc.embedFont(readFileSync(cjkPath), { subset: true });
const latin = await doc.embedFont(readFileSync(latinPath), { subset: true });
const page = doc.addPage([595.28, 841.89]);
const ink = rgb(0.1, 0.1, 0.1);
const grey = rgb(0.4, 0.4, 0.4);
// Draws s from x in runs of one font each; returns the x after it.
const text = (s, x, y, size, color = ink) => {
  for (const run of s.match(/[\x20-\x7e]+|[^\x20-\x7e]+/g)) {
    const font = /^[\x20-\x7e]/.test(run) ? latin : cjk;
    page.drawText(run, { x, y, size, font, color });
    x += font.widthOfTextAtSize(run, size);
  }
  return x;
};

page.drawText('加注件', { x: 150, y: 300, size: 90, font: cjk, color: rgb(0.9, 0.85, 0.85), rotate: degrees(35) });
text('中华人民共和国', 226, 760, 20);
text('专业技术人员职业资格证书', 150, 725, 24);
const rows = [
  ['姓　　名：', '冯测试'],
  ['性　　别：', '女'],
  ['证件号码：', '1201**********0044'],
  ['资格名称：', '注册测绘师（测试）'],
  ['证书编号：', 'TYPESET-2022-0004'],
  ['管 理 号：', 'TYPESET-M-0004'],
  ['发证机关：', '中华人民共和国人力资源和社会保障部（测试 TEST）'],
];
let y = 650;
for (const [label, value] of rows) {
  text(label, 90, y, 12, grey);
  text(value, 180, y, 14);
  y -= 34;
}
// 签发日期 as separate runs: the year, 年, the month, 月, the day, 日.
text('签发日期：', 90, y, 12, grey);
let x = 180;
for (const part of ['2022', ' 年 ', '06', ' 月 ', '10', ' 日']) x = text(part, x, y, 14);
y -= 60;
text('使用场景：本人调用；加注有效期：2025.05.20-2025.08.17', 90, y, 12);
text('本样本由 sealcheck 测试语料生成，仅用于测试，不具有任何法律效力。', 90, 60, 7, grey);
writeFileSync(out, await doc.save({ useObjectStreams: false }));
