// Hostile inputs, generated (scripts/hostile.mjs measures them, the tests
// check their verdicts). Each returns the file's bytes; `scale` shrinks the
// expensive ones for the test suite.
import { createDeflate, createDeflateRaw, crc32 as zlibCrc32 } from 'node:zlib';

const enc = (s) => Buffer.from(s, 'latin1');

// A classic-xref PDF from object bodies (numbered from 1), with an extra
// trailer text; offsets computed.
export function plainPdf(bodies, { trailerExtra = '', rootNum = 1 } = {}) {
  let out = '%PDF-1.7\n';
  const offsets = [];
  bodies.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root ${rootNum} 0 R${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return enc(out);
}

const catalogAndPage = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];

/** Arrays nested `depth` deep inside the catalog. */
export function deepNesting(depth) {
  return plainPdf([`<< /Type /Catalog /Pages 2 0 R /Deep ${'['.repeat(depth)}${']'.repeat(depth)} >>`, ...catalogAndPage.slice(1)]);
}

/** An xref stream whose FlateDecode data inflates to `inflatedBytes` zeros. */
export async function flateBomb(inflatedBytes) {
  const deflate = createDeflate({ level: 9 });
  const chunks = [];
  deflate.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const zeros = Buffer.alloc(1 << 20);
  for (let left = inflatedBytes; left > 0; left -= zeros.length) {
    const part = left >= zeros.length ? zeros : zeros.subarray(0, left);
    if (!deflate.write(part)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  const data = Buffer.concat(chunks);
  const head = '%PDF-1.7\n';
  const objs = catalogAndPage.map((b, i) => `${i + 1} 0 obj\n${b}\nendobj\n`).join('');
  const xrefAt = head.length + objs.length;
  return Buffer.concat([enc(head + objs),
    enc(`4 0 obj\n<< /Type /XRef /Size 5 /Root 1 0 R /W [1 4 2] /Filter /FlateDecode /Length ${data.length} >>\nstream\n`),
    data, enc(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`)]);
}

/** Two xref sections whose trailers' /Prev point at each other. */
export function xrefLoop() {
  const base = plainPdf(catalogAndPage).toString('latin1');
  const first = Number(base.match(/startxref\n(\d+)/)[1]);
  const prevText = (n) => ` /Prev ${String(n).padStart(10, '0')}`;
  const second = base.length + prevText(0).length;
  const withPrev = base.replace('/Root 1 0 R >>', `/Root 1 0 R${prevText(second)} >>`);
  return enc(`${withPrev}xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 4 /Root 1 0 R /Prev ${first} >>\n` +
    `startxref\n${second}\n%%EOF\n`);
}

/** Object numbers and xref subsections near 2^32. */
export function hugeObjectNumbers() {
  const base = plainPdf(catalogAndPage).toString('latin1');
  const prev = Number(base.match(/startxref\n(\d+)/)[1]);
  const at = base.length;
  const obj = '4294967290 0 obj\n<< /Huge true >>\nendobj\n';
  const xref = at + obj.length;
  return enc(`${base}${obj}xref\n4294967290 1\n${String(at).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size 4294967291 /Root 1 0 R /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`);
}

/** `count` signature dictionaries added to a sealed file by one update. */
export function manySignatures(sealed, count) {
  const text = sealed.toString('latin1');
  const prev = Number(text.slice(text.lastIndexOf('startxref')).match(/startxref\s+(\d+)/)[1]);
  const size = Number(text.slice(text.lastIndexOf('/Size')).match(/\/Size (\d+)/)[1]);
  const rootRef = text.slice(text.lastIndexOf('/Root')).match(/\/Root (\d+ \d+ R)/)[1];
  let out = '';
  const offsets = [];
  for (let i = 0; i < count; i++) {
    offsets.push(sealed.length + out.length);
    out += `${size + i} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 10 20 30] /Contents <00> >>\nendobj\n`;
  }
  const xref = sealed.length + out.length;
  out += `xref\n${size} ${count}\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${size + count} /Root ${rootRef} /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.concat([sealed, enc(out)]);
}

/** `count` incremental updates appended to a sealed file, each re-defining one object. */
export function manyRevisions(sealed, count) {
  const text = sealed.toString('latin1');
  let prev = Number(text.slice(text.lastIndexOf('startxref')).match(/startxref\s+(\d+)/)[1]);
  const size = Number(text.slice(text.lastIndexOf('/Size')).match(/\/Size (\d+)/)[1]);
  const rootRef = text.slice(text.lastIndexOf('/Root')).match(/\/Root (\d+ \d+ R)/)[1];
  const parts = [];
  let length = sealed.length;
  for (let i = 0; i < count; i++) {
    const obj = `${size} 0 obj\n(revision ${i})\nendobj\n`;
    const xref = length + obj.length;
    const part = `${obj}xref\n${size} 1\n${String(length).padStart(10, '0')} 00000 n \n` +
      `trailer\n<< /Size ${size + 1} /Root ${rootRef} /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
    parts.push(enc(part));
    prev = xref;
    length += part.length;
  }
  return Buffer.concat([sealed, ...parts]);
}

/**
 * `count` seals after the sealed file's own, each an incremental update
 * whose signature dictionary signs everything before its /Contents and up
 * to its own %%EOF, its /Contents a copy of the first seal's CMS: every
 * earlier seal asks for a hash of (nearly) the whole file.
 */
export function manySeals(sealed, count) {
  const text = sealed.toString('latin1');
  const gap = text.indexOf('/Contents <') + 10;
  const contents = text.slice(gap, text.indexOf('>', gap) + 1);
  const size = Number(text.slice(text.lastIndexOf('/Size')).match(/\/Size (\d+)/)[1]);
  const rootRef = text.slice(text.lastIndexOf('/Root')).match(/\/Root (\d+ \d+ R)/)[1];
  let out = text;
  let prev = Number(text.slice(text.lastIndexOf('startxref')).match(/startxref\s+(\d+)/)[1]);
  for (let i = 0; i < count; i++) {
    const num = size + i;
    const at = out.length;
    const head = `${num} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange `;
    const placeholder = '[0000000000 0000000000 0000000000 0000000000]';
    const body = `${head}${placeholder} /Contents `;
    const a = at + body.length;
    const b = a + contents.length;
    let rest = ` >>\nendobj\nxref\n${num} 1\n${String(at).padStart(10, '0')} 00000 n \n` +
      `trailer\n<< /Size ${num + 1} /Root ${rootRef} /Prev ${prev} >>\nstartxref\n`;
    const xref = b + rest.indexOf('xref');
    rest += `${xref}\n%%EOF\n`;
    const end = b + rest.length;
    const range = `[0 ${a} ${b} ${end - b}]`.padEnd(placeholder.length, ' ');
    out += `${head}${range} /Contents ${contents}${rest}`;
    prev = xref;
  }
  return enc(out);
}

// --- page text: these reach the text reader only once sealed (the tests
// seal them with the corpus key, scripts/hostile.mjs likewise) -----------

const identityFont = (toUnicodeRef) => `<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H ` +
  `/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 >>]` +
  `${toUnicodeRef ? ` /ToUnicode ${toUnicodeRef}` : ''} >>`;
const stream = (data, extra = '') => `<< /Length ${Buffer.byteLength(data, 'latin1')}${extra} >>\nstream\n${data}\nendstream`;
const page = (resources) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources ${resources} >>`;

/** One page whose content stream is `bytes` long: operators past the limit. */
export function bigContentStream(bytes) {
  const unit = 'q Q\n';
  const content = unit.repeat(Math.ceil(bytes / unit.length));
  return plainPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page('<< >>'), stream(content)]);
}

/** A font whose ToUnicode CMap has `ranges` bfrange entries (decoded past the CMap limit). */
export function cmapRanges(ranges) {
  let cmap = '1 begincodespacerange <0000> <FFFF> endcodespacerange\n';
  for (let i = 0; i < ranges; i += 100) {
    const n = Math.min(100, ranges - i);
    cmap += `${n} beginbfrange\n`;
    for (let k = 0; k < n; k++) {
      const c = ((i + k) % 0xFFFF).toString(16).padStart(4, '0');
      cmap += `<${c}> <${c}> <4E00>\n`;
    }
    cmap += 'endbfrange\n';
  }
  return plainPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page('<< /Font << /F1 5 0 R >> >>'), stream('BT /F1 12 Tf 72 700 Td <0001000200030004> Tj ET'),
    identityFont('6 0 R'), stream(cmap)]);
}

/** Form XObjects `depth` deep, each drawing the next twice (2^depth draws unbounded), the last drawing the first. */
export function recursiveForms(depth) {
  const first = 5;
  const forms = [];
  for (let i = 0; i < depth; i++) {
    const next = i + 1 < depth ? first + i + 1 : first;
    forms.push(stream(`/X Do /X Do`, ` /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X ${next} 0 R >> >>`));
  }
  return plainPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(`<< /XObject << /X ${first} 0 R >> >>`), stream('/X Do'), ...forms]);
}

// --- OFD packages -----------------------------------------------------------
// A ZIP written here (stored or deflated entries, one central directory), so
// each hostile package can say exactly what it wants: `size` overrides the
// uncompressed size the headers state, `total` the end record's entry count.
function zip(entries, { total } = {}) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const { name, data, deflated = false, size } of entries) {
    const n = Buffer.from(name, 'utf8');
    const body = deflated ? data.compressed : data;
    const raw = deflated ? data.raw : data;
    const crc = deflated ? data.crc : zlibCrc32(raw);
    const stated = size ?? raw.length;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(deflated ? 8 : 0, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(stated, 22);
    head.writeUInt16LE(n.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(deflated ? 8 : 0, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(stated, 24);
    dir.writeUInt16LE(n.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(head, n, body);
    central.push(dir, n);
    offset += 30 + n.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = Math.min(total ?? entries.length, 0xffff);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const OFD_XML = '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" DocType="OFD">'
  + '<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>';

/** An OFD whose Document.xml states 1 KB but inflates to `inflatedBytes` of zeros. */
export async function ofdZipBomb(inflatedBytes) {
  const chunks = [];
  const d = createDeflateRaw({ level: 9 });
  d.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => d.on('end', resolve));
  const block = Buffer.alloc(1 << 20);
  let crc = 0;
  for (let left = inflatedBytes; left > 0; left -= block.length) {
    const part = left >= block.length ? block : block.subarray(0, left);
    crc = zlibCrc32(part, crc);
    if (!d.write(part)) await new Promise((resolve) => d.once('drain', resolve));
  }
  d.end();
  await done;
  return zip([
    { name: 'OFD.xml', data: Buffer.from(OFD_XML) },
    { name: 'Doc_0/Document.xml', data: { compressed: Buffer.concat(chunks), raw: Buffer.alloc(0), crc }, deflated: true,
      size: 1024 },
  ]);
}

/** An OFD package of `count` entries (over 65,535: the end record says 0xffff). */
export function ofdManyEntries(count) {
  const entries = [{ name: 'OFD.xml', data: Buffer.from(OFD_XML) }];
  for (let i = 1; i < count; ++i) entries.push({ name: `Doc_0/Res/r${i}.xml`, data: Buffer.alloc(0) });
  return zip(entries, { total: count });
}

/** The same page twice under one name, each with its own text. */
export function ofdDuplicateNames() {
  const page = (t) => Buffer.from(`<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>`
    + `<ofd:TextObject Boundary="10 10 100 10" Size="5"><ofd:TextCode X="0" Y="5">${t}</ofd:TextCode>`
    + '</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>');
  return zip([
    { name: 'OFD.xml', data: Buffer.from(OFD_XML) },
    { name: 'Doc_0/Pages/Page_0/Content.xml', data: page('genuine') },
    { name: 'Doc_0/Pages/Page_0/Content.xml', data: page('forged') },
  ]);
}

/** OFD.xml with elements nested `depth` deep. */
export function ofdDeepXml(depth) {
  const xml = `<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016">${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</ofd:OFD>`;
  return zip([{ name: 'OFD.xml', data: Buffer.from(xml) }]);
}

/** OFD.xml as a billion-laughs attempt: ten entities, each ten of the one before. */
export function ofdBillionLaughs() {
  let dtd = '<!ENTITY l0 "lol">';
  for (let i = 1; i <= 9; ++i) dtd += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
  const xml = `<?xml version="1.0"?><!DOCTYPE ofd:OFD [${dtd}]>`
    + `<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>&l9;</ofd:DocRoot></ofd:DocBody></ofd:OFD>`;
  return zip([{ name: 'OFD.xml', data: Buffer.from(xml) }]);
}
