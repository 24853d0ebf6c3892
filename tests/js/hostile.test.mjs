// Hostile inputs (scripts/lib/hostile.mjs, at sizes a test run affords;
// scripts/hostile.mjs measures the full-size ones): every one gets a clear
// verdict, never "valid", the same JSON from the native CLI and the wasm
// build, and the specific reason. Not timed: speed is in docs/SECURITY.md.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as hostile from '../../scripts/lib/hostile.mjs';
import { demoDir, demoIndex, nativeCli, repoRoot } from '../helpers/paths.mjs';

const work = mkdtempSync(join(tmpdir(), 'sealcheck-hostile-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sealed = readFileSync(join(demoDir, demoIndex().find((c) => c.case === 'valid').file));
const at = '2026-01-01';

function both(path) {
  const args = ['--json', '--at', at, path];
  const native = spawnSync(nativeCli, ['verify', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wasm = spawnSync('node', [join(repoRoot, 'scripts', 'verify.mjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  expect([native.status, wasm.status]).toEqual([native.status, native.status]);
  expect(wasm.stdout).toBe(native.stdout);
  return JSON.parse(native.stdout);
}

function reasons(report) {
  return report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}=${c.code}`);
}

const cases = [
  ['arrays nested 200,000 deep', () => hostile.deepNesting(200000), 'invalid', 'signature=no-signature'],
  ['a flate bomb (256 MiB of zeros)', () => hostile.flateBomb(256 * 1024 * 1024), 'invalid', 'signature=no-signature'],
  ['an xref /Prev loop', () => hostile.xrefLoop(), 'invalid', 'signature=no-signature'],
  ['object numbers near 2^32', () => hostile.hugeObjectNumbers(), 'invalid', 'signature=no-signature'],
  ['2,000 signature dictionaries', () => hostile.manySignatures(sealed, 2000), 'indeterminate', 'signature=too-many-signatures'],
  ['5,000 revisions after the seal', () => hostile.manyRevisions(sealed, 5000), 'invalid', 'coverage=tail-uncovered'],
  // Each earlier seal hashes the file again: at most eight are verified
  // (the last seal's copied CMS does not match its bytes).
  ['20 seals, each signing all before it', () => hostile.manySeals(sealed, 20), 'invalid', 'cms=digest-mismatch'],
  // OFD packages: refused with the reason, nothing read in part.
  ['OFD: a zip bomb (256 MiB of zeros stated as 1 KB)', () => hostile.ofdZipBomb(256 * 1024 * 1024), 'invalid',
    'structure=structure-unreadable'],
  ['OFD: 10^5 entries', () => hostile.ofdManyEntries(100000), 'invalid', 'structure=structure-unreadable'],
  ['OFD: one name twice', () => hostile.ofdDuplicateNames(), 'invalid', 'structure=structure-unreadable'],
  ['OFD: OFD.xml nested 100,000 deep', () => hostile.ofdDeepXml(100000), 'invalid', 'structure=structure-unreadable'],
  ['OFD: a billion-laughs OFD.xml', () => hostile.ofdBillionLaughs(), 'invalid', 'structure=structure-unreadable'],
];

test.each(cases)('%s: a clear verdict, the same in native and wasm', async (label, make, verdict, reason) => {
  const path = join(work, `${label.replace(/\W+/g, '-')}.pdf`);
  writeFileSync(path, await make());
  const report = both(path);
  expect(report.verdict).toBe(verdict);
  expect(reasons(report)).toContain(reason);
  if (label.startsWith('OFD:')) {
    const why = { 'zip bomb': /deflate|inflate/, '10^5': /ZIP64|too many/, twice: /twice/, deep: /deeper/, laughs: /document type/ };
    const [, pattern] = Object.entries(why).find(([k]) => label.includes(k));
    expect(report.checks.find((c) => c.id === 'structure').detail).toMatch(pattern);
  }
});

// Page text is read only from a sealed file: these are sealed with the
// corpus key (make_corpus --seal) and checked against the corpus root.
const makeCorpus = join(repoRoot, 'build', 'native', 'tests', 'native', 'make_corpus');
const corpusRoot = join(repoRoot, 'tests', 'corpus', 'trust', 'root.pem');
function sealedBoth(label, bytes) {
  const raw = join(work, `${label}-raw.pdf`);
  const path = join(work, `${label}.pdf`);
  writeFileSync(raw, bytes);
  const sealing = spawnSync(makeCorpus, ['--seal', raw, path, join(repoRoot, 'tests', 'corpus', 'keys')], { encoding: 'utf8' });
  expect([sealing.status, sealing.stderr]).toEqual([0, '']);
  const args = ['--json', '--no-builtin-trust', '--trust', corpusRoot, '--at', '2025-06-02', path];
  const native = spawnSync(nativeCli, ['verify', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wasm = spawnSync('node', [join(repoRoot, 'scripts', 'verify.mjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  expect(wasm.stdout).toBe(native.stdout);
  return JSON.parse(native.stdout);
}

const textCases = [
  ['a 10 MB content stream (past the operator limit)', () => hostile.bigContentStream(10 * 1024 * 1024), 'certificate=page-text-too-large'],
  ['a ToUnicode CMap with 10^6 ranges', () => hostile.cmapRanges(1000000), 'certificate=page-text-unmapped'],
  ['forms drawing the next twice, 40 deep, the last the first', () => hostile.recursiveForms(40), 'certificate=page-text-too-large'],
];
test.each(textCases)('sealed, %s: refused, the same in native and wasm', (label, make, reason) => {
  const report = sealedBoth(label.replace(/\W+/g, '-'), make());
  expect(report.verdict).toBe('indeterminate');
  expect(reasons(report)).toContain(reason);
  expect(report.checks.find((c) => c.id === 'cms').status).toBe('pass');
});

test('a file over the size limit is judged without being read', () => {
  // Sparse: 300 MB on paper, no disk used; reading it would take 300 MB of memory.
  const path = join(work, 'too-large.pdf');
  const fd = openSync(path, 'w');
  writeFileSync(fd, '%PDF-1.7\n');
  ftruncateSync(fd, 300 * 1024 * 1024);
  closeSync(fd);
  const report = both(path);
  expect(report.verdict).toBe('indeterminate');
  expect(reasons(report)).toEqual(['input=file-too-large']);
});
