// The peers' signed test files (tests/peers/*: pyHanko's, pdf.js's, ofdrw's)
// through the WebAssembly build: the outcomes written by hand in each set's
// expectations.txt, and JSON byte-identical to the native CLI's.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngine } from '../../scripts/lib/node_engine.mjs';
import { nativeCli, repoRoot } from '../helpers/paths.mjs';

const ignored = new Set(['certificate', 'annotation', 'seal_policy', 'revocation']);

function load(set) {
  const dir = join(repoRoot, 'tests', 'peers', set);
  const lines = readFileSync(join(dir, 'expectations.txt'), 'utf8').split('\n');
  const at = lines.find((l) => l.startsWith('@at ')).slice(4);
  const files = lines
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('@'))
    .map((l) => {
      const [file, verdict, ...rest] = l.split(/\s+/).filter(Boolean);
      return { file, verdict, notPassing: Object.fromEntries(rest.map((kv) => kv.split('='))) };
    });
  return { set, dir, at, files };
}

const sets = [load('pyhanko'), load('pdfjs'), load('ofdrw')];
let engine;
const nativeLines = {};

beforeAll(async () => {
  engine = await loadEngine();
  for (const s of sets) {
    const native = spawnSync(
      nativeCli,
      ['verify', '--no-builtin-trust', '--trust', join(s.dir, 'roots.pem'), '--at', s.at, '--json',
        ...s.files.map((e) => join(s.dir, 'files', e.file))],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    expect(native.error).toBeUndefined();
    nativeLines[s.set] = native.stdout.split('\n').filter(Boolean);
  }
});

test('every file of each set is listed', () => {
  expect(sets.map((s) => s.files.length)).toEqual([20, 6, 24]);
});

describe.each(sets.flatMap((s) => s.files.map((e, i) => [`${s.set}/${e.file}`, s, e, i])))('%s', (_, s, e, i) => {
  test('wasm gives the explained outcome and the same JSON as native', () => {
    const json = engine.verifyJson(new Uint8Array(readFileSync(join(s.dir, 'files', e.file))), {
      anchorsPem: readFileSync(join(s.dir, 'roots.pem'), 'latin1'),
      builtinTrust: false,
      at: engine.parseTime(s.at),
      fileName: e.file,
    });
    const report = JSON.parse(json);
    expect(report.verdict).toBe(e.verdict);
    const notPassing = Object.fromEntries(
      report.checks
        .filter((c) => (c.status === 'fail' || c.status === 'warn') && !ignored.has(c.id))
        .map((c) => [c.id, c.code]),
    );
    expect(notPassing).toEqual(e.notPassing);
    expect(json).toBe(nativeLines[s.set][i]);
  });
});

// The page's first engine reads PDF only (it stays within its size
// budget); it names an OFD package for what it is and reads none of it.
test('the PDF-only engine refuses an OFD package; the OFD engine reads it', async () => {
  const pdfOnly = await loadEngine(undefined, { ofd: false });
  expect(pdfOnly.readsOfd).toBe(false);
  expect(engine.readsOfd).toBe(true);
  const s = sets.find((x) => x.set === 'ofdrw');
  const bytes = new Uint8Array(readFileSync(join(s.dir, 'files', 'sign-allprotected.ofd')));
  const report = JSON.parse(pdfOnly.verifyJson(bytes, { builtinTrust: false, at: pdfOnly.parseTime(s.at) }));
  expect(report.verdict).toBe('invalid');
  expect(report.checks[0]).toMatchObject({ id: 'input', status: 'fail', code: 'not-pdf' });
  expect(report.checks[0].detail).toMatch(/OFD/);
});

// The preview's model of a real producer's page (KingGrid's tax invoice):
// its text, its QR code image, its table's lines from the template, and the
// stamp's box; counts checked against the package by hand (Page_0 and
// Tpl_0: 445 shown glyphs, one PNG, 23 PathObjects).
test('the OFD preview model of a real e-invoice page', () => {
  const s = sets.find((x) => x.set === 'ofdrw');
  const model = engine.ofdPage(new Uint8Array(readFileSync(join(s.dir, 'files', 'converter-999.ofd'))), 1);
  expect([model.width, model.height]).toEqual([59528, 39685]);  // 210 x 140 mm in hundredths of a point
  expect(model.glyphs.length).toBe(445);
  expect(model.images.map((i) => i.type)).toEqual(['png']);
  expect(model.paths.length).toBe(23);
  expect(model.paths.every((p) => p.d[0] === 'M')).toBe(true);
  expect(model.stamps.length).toBe(1);
  expect(engine.ofdPage(new Uint8Array(readFileSync(join(s.dir, 'files', 'converter-999.ofd'))), 9)).toBeNull();
});
