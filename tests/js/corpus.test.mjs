// The corpus through the WebAssembly build: the outcomes in
// tests/corpus/expectations.txt, and JSON byte-identical to the native CLI's
// for every file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEngine } from '../../scripts/lib/node_engine.mjs';
import { listArgs, revocationFor, trustListFrom } from '../helpers/lists.mjs';
import { nativeCli, repoRoot } from '../helpers/paths.mjs';

const corpus = join(repoRoot, 'tests', 'corpus');
const at = '2025-06-02';
const rootPath = join(corpus, 'trust', 'root.pem');
const expectations = readFileSync(join(corpus, 'expectations.txt'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const [file, verdict, ...rest] = l.split(/\s+/).filter(Boolean);
    return { file, verdict, notPassing: Object.fromEntries(rest.map((kv) => kv.split('='))) };
  });

let engine;
let nativeLines;

beforeAll(async () => {
  engine = await loadEngine();
  const files = expectations.map((e) => join(corpus, 'files', e.file));
  const native = spawnSync(nativeCli, ['verify', ...listArgs(rootPath, join(corpus, 'lists'), at), ...files], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  expect(native.error).toBeUndefined();
  nativeLines = native.stdout.split('\n').filter(Boolean);
});

test('the corpus is not empty', () => {
  expect(expectations.length).toBeGreaterThanOrEqual(30);
});

describe.each(expectations.map((e, i) => [e.file, e, i]))('%s', (_, e, i) => {
  test('wasm gives the expected outcome and the same JSON as native', () => {
    const bytes = new Uint8Array(readFileSync(join(corpus, 'files', e.file)));
    const json = engine.verifyJson(bytes, {
      anchorsPem: readFileSync(rootPath, 'latin1'),
      at: engine.parseTime(at),
      fileName: e.file,
      revocation: revocationFor(engine, join(corpus, 'lists'), bytes),
      trustList: trustListFrom(join(corpus, 'lists')),
    });
    const report = JSON.parse(json);
    expect(report.verdict).toBe(e.verdict);
    const notPassing = Object.fromEntries(
      report.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => [c.id, c.code]),
    );
    expect(notPassing).toEqual(e.notPassing);
    expect(json).toBe(nativeLines[i]);
  });
});

// The seals signed with another SM2 distinguishing ID: invalid by default,
// valid when told the ID (sm2Id), native and wasm alike.
test.each(['sm2-other-distinguishing-id.pdf', 'gbt38540-other-distinguishing-id.pdf'])(
  '%s verifies with its own SM2 ID, native = wasm', (file) => {
    const id = 'ALICE123@YAHOO.COM';
    const path = join(corpus, 'files', file);
    const bytes = new Uint8Array(readFileSync(path));
    const json = engine.verifyJson(bytes, {
      anchorsPem: readFileSync(rootPath, 'latin1'),
      at: engine.parseTime(at),
      fileName: file,
      revocation: revocationFor(engine, join(corpus, 'lists'), bytes),
      trustList: trustListFrom(join(corpus, 'lists')),
      sm2Id: id,
    });
    expect(JSON.parse(json).verdict).toBe('valid');
    const native = spawnSync(nativeCli, ['verify', ...listArgs(rootPath, join(corpus, 'lists'), at), '--sm2-id', id, path], { encoding: 'utf8' });
    expect(native.stdout.trim()).toBe(json);
  });

// Each genuine SM2 seal (both SignedData OID families and GB/T 38540),
// tampered here at test time two ways: a covered byte of the document
// changed (the digest no longer matches) and the last byte of the signature
// changed (the blob ends with it in all three). Never valid, and the same
// reason in native and wasm.
describe.each([
  'genuine-sm2-pkcs7-oids.pdf', 'genuine-sm2-gmt-oids.pdf', 'genuine-gbt38540.pdf', 'genuine-gbt38540-cert-digests.pdf',
])('%s, tampered', (file) => {
  const genuine = new Uint8Array(readFileSync(join(corpus, 'files', file)));
  const text = Buffer.from(genuine).toString('latin1');
  const range = text.match(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/).slice(1).map(Number);
  const check = (bytes, name) => {
    const dir = mkdtempSync(join(tmpdir(), 'sealcheck-tamper-'));
    try {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const json = engine.verifyJson(bytes, {
        anchorsPem: readFileSync(rootPath, 'latin1'), at: engine.parseTime(at), fileName: name,
        revocation: revocationFor(engine, join(corpus, 'lists'), bytes), trustList: trustListFrom(join(corpus, 'lists')),
      });
      const native = spawnSync(nativeCli, ['verify', ...listArgs(rootPath, join(corpus, 'lists'), at), path], { encoding: 'utf8' });
      expect(native.stdout.trim()).toBe(json);
      const report = JSON.parse(json);
      return [report.verdict, report.checks.find((c) => c.id === 'cms').code];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  test('a covered byte changed: digest-mismatch', () => {
    const textAt = text.indexOf('(', text.indexOf('BT'));  // inside the page's text
    expect(textAt).toBeGreaterThan(0);
    expect(textAt).toBeLessThan(range[1]);
    const t = Uint8Array.from(genuine);
    t[textAt + 1] ^= 0x01;
    expect(check(t, 'altered.pdf')).toEqual(['invalid', 'digest-mismatch']);
  });

  test('the signature changed: signature-bad', () => {
    const hex = text.slice(range[1] + 1, range[2] - 1);
    const end = hex.replace(/(00)+$/, '').length;  // the blob's last byte, before the zero padding
    const t = Uint8Array.from(genuine);
    const pos = range[1] + 1 + end - 1;  // its low hex digit
    t[pos] = t[pos] === 0x30 ? 0x31 : 0x30;
    expect(check(t, 'resigned.pdf')).toEqual(['invalid', 'signature-bad']);
  });
});

// The certificates other tools typeset: each yields exactly the fields and
// the annotation written by hand in typeset/NAME.expected.json, through
// the WebAssembly build, whoever sealed it.
const typeset = expectations.filter((e) => e.file.includes('typeset-') && e.verdict !== 'invalid');
test('every typeset case is checked, sealed by us and by @signpdf', () => {
  expect(typeset.length).toBeGreaterThanOrEqual(8);
  expect(typeset.filter((e) => e.file.startsWith('external-')).length).toBe(typeset.length / 2);
});
describe.each(typeset.map((e) => [e.file]))('%s', (file) => {
  test('reads the fields printed on its page', () => {
    const stem = file.replace(/^(external-)?(genuine-)?typeset-/, '').replace(/\.pdf$/, '');
    const expected = JSON.parse(readFileSync(join(corpus, 'typeset', `${stem}.expected.json`), 'utf8'));
    const bytes = new Uint8Array(readFileSync(join(corpus, 'files', file)));
    const report = JSON.parse(engine.verifyJson(bytes, {
      anchorsPem: readFileSync(rootPath, 'latin1'),
      at: engine.parseTime(at),
      fileName: file,
      revocation: revocationFor(engine, join(corpus, 'lists'), bytes),
      trustList: trustListFrom(join(corpus, 'lists')),
    }));
    expect(report.certificate).toEqual(expected.certificate);
    const { days_remaining: _, ...annotation } = report.annotation ?? {};
    expect(report.annotation ? annotation : null).toEqual(expected.annotation);
    expect(Object.values(report.field_sources).every((s) => s === 'page')).toBe(true);
  });
});
