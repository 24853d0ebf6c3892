// pdf.js (the renderer the site uses) opens every demo certificate, finds
// its Chinese text through the embedded fonts' ToUnicode maps, and builds
// a drawing operator list for page 1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { demoDir, demoIndex, repoRoot } from '../helpers/paths.mjs';

const standardFontDataUrl = join(repoRoot, 'node_modules', 'pdfjs-dist', 'standard_fonts') + '/';

test.each(demoIndex().map((c) => [c.file]))('%s renders in pdf.js', async (file) => {
  const data = new Uint8Array(readFileSync(join(demoDir, file)));
  const doc = await pdfjs.getDocument({ data, standardFontDataUrl }).promise;
  try {
    expect(doc.numPages).toBe(1);
    const page = await doc.getPage(1);
    const text = (await page.getTextContent()).items.map((i) => i.str).join('');
    expect(text).toContain('专业技术人员职业资格证书');
    expect(text).toMatch(/1101\*+\d{4}/);  // the ID number, masked
    expect(text).not.toMatch(/1101\d{10}/);
    const ops = await page.getOperatorList();
    expect(ops.fnArray.length).toBeGreaterThan(100);
  } finally {
    await doc.destroy();
  }
});
