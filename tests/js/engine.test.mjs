// The WebAssembly engine under Node: the same verdicts as the demo page
// promises, and byte-identical JSON to the native CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngine } from '../../scripts/lib/node_engine.mjs';
import { listArgs, revocationFor, trustListFrom } from '../helpers/lists.mjs';
import { demoDir, demoIndex, demoOfdIndex, distDir, nativeCli, repoRoot } from '../helpers/paths.mjs';

const listsDir = join(distDir, 'lists');

// The PDF demo certificates and the OFD ones (index-ofd.json).
const cases = [...demoIndex(), ...demoOfdIndex()];
const rootPem = readFileSync(join(demoDir, 'root.pem'), 'latin1');
let engine;

beforeAll(async () => {
  engine = await loadEngine();
});

describe('demo certificates', () => {
  test.each(cases.map((c) => [c.case, c]))('%s gets its expected verdict', (_, c) => {
    const bytes = new Uint8Array(readFileSync(join(demoDir, c.file)));
    const revocation = revocationFor(engine, listsDir, bytes);
    const report = engine.verify(bytes, { anchorsPem: rootPem, fileName: c.file, revocation, trustList: trustListFrom(listsDir) });
    expect(report.file).toBe(c.file);
    expect(report.verdict).toBe(c.expected_verdict);
    if (c.case === 'revoked') {
      expect(report.revocation.status).toBe('revoked');
      expect(report.revocation.reason_code).toBe('fraud');
    }
  });

  test('without the revocation list a genuine certificate is only indeterminate', () => {
    const valid = cases.find((c) => c.case === 'valid');
    const report = engine.verify(new Uint8Array(readFileSync(join(demoDir, valid.file))), { anchorsPem: rootPem });
    expect(report.verdict).toBe('indeterminate');
    expect(report.checks.find((c) => c.id === 'revocation').code).toBe('revocation-list-missing');
  });

  test('a tampered revocation shard is refused, never read as "not revoked"', () => {
    const c = cases.find((x) => x.case === 'revoked');
    const bytes = new Uint8Array(readFileSync(join(demoDir, c.file)));
    const revocation = revocationFor(engine, listsDir, bytes);
    revocation.shard = revocation.shard.slice(0, 12);  // "nothing revoked in this shard"
    const report = engine.verify(bytes, { anchorsPem: rootPem, revocation, trustList: trustListFrom(listsDir) });
    expect(report.verdict).toBe('indeterminate');
    expect(report.checks.find((x) => x.id === 'revocation').code).toBe('revocation-shard-bad');
  });

  test('a list older than one already seen is a rollback', () => {
    const c = cases.find((x) => x.case === 'valid');
    const bytes = new Uint8Array(readFileSync(join(demoDir, c.file)));
    const revocation = { ...revocationFor(engine, listsDir, bytes), minListNumber: 1e6 };
    const report = engine.verify(bytes, { anchorsPem: rootPem, revocation });
    expect(report.checks.find((x) => x.id === 'revocation').code).toBe('revocation-list-rollback');
  });

  test('without a trust anchor a genuine seal is only indeterminate', () => {
    const valid = cases.find((c) => c.case === 'valid');
    const report = engine.verify(new Uint8Array(readFileSync(join(demoDir, valid.file))));
    expect(report.verdict).toBe('indeterminate');
    expect(report.checks.find((c) => c.id === 'trust').code).toBe('no-trust-anchors');
  });
});

describe('parity with the native CLI', () => {
  const at = '2026-01-15T12:00:00+08:00';
  test.each(cases.map((c) => [c.file]))('%s: identical JSON', (file) => {
    const path = join(demoDir, file);
    const native = spawnSync(nativeCli, ['verify', ...listArgs(join(demoDir, 'root.pem'), listsDir, at), path], { encoding: 'utf8' });
    expect(native.error).toBeUndefined();
    const bytes = new Uint8Array(readFileSync(path));
    const wasm = engine.verifyJson(bytes, {
      anchorsPem: rootPem,
      at: engine.parseTime(at),
      fileName: file,
      revocation: revocationFor(engine, listsDir, bytes),
      trustList: trustListFrom(listsDir),
    });
    expect(native.stdout).toBe(`${wasm}\n`);
  });

  test('scripts/verify.mjs prints what the native CLI prints, with the same exit code', () => {
    // One fixed validation time for both runs (now, to the second).
    const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const args = [...listArgs(join(demoDir, 'root.pem'), listsDir, now),
      ...cases.map((c) => join(demoDir, c.file)), join(demoDir, 'no-such-file.pdf')];
    const native = spawnSync(nativeCli, ['verify', ...args], { encoding: 'utf8' });
    const node = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'verify.mjs'), ...args], { encoding: 'utf8' });
    expect(node.stdout).toBe(native.stdout);
    expect(node.status).toBe(native.status);
    expect(node.status).toBe(1);  // the tampered file is invalid
    // --jobs: worker threads in Node, threads natively; the same lines in the same order.
    const nodeJobs = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'verify.mjs'), '--jobs', '3', ...args], { encoding: 'utf8' });
    const nativeJobs = spawnSync(nativeCli, ['verify', '--jobs', '2', ...args], { encoding: 'utf8' });
    expect([nodeJobs.stdout, nodeJobs.status]).toEqual([native.stdout, native.status]);
    expect([nativeJobs.stdout, nativeJobs.status]).toEqual([native.stdout, native.status]);
    expect(node.stdout.trim().split('\n')).toHaveLength(cases.length + 1);
  });

  test('usage errors exit 64 in both, and no argument is dropped in silence', () => {
    const trustList = join(listsDir, 'trust-list.json');
    for (const args of [['--at', 'yesterday', 'x.pdf'],
      ['--trust', trustList, '--trust', trustList, 'x.pdf'],
      ['--revocations', listsDir, '--revocations', listsDir, 'x.pdf'],
      ['--at', '2025-01-01', '--at', '2025-01-02', 'x.pdf'],
      ['--sm2-id', 'A', '--sm2-id', 'B', 'x.pdf']]) {
      const native = spawnSync(nativeCli, ['verify', ...args], { encoding: 'utf8' });
      const node = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'verify.mjs'), ...args], { encoding: 'utf8' });
      expect([native.status, node.status]).toEqual([64, 64]);
      expect(node.stderr.split('\n')[0]).toBe(native.stderr.split('\n')[0]);
    }
  });

  test('--bench prints one line per file in both', () => {
    const file = join(demoDir, cases[0].file);
    const line = /^bench file=\S+ bytes=\d+ verify_ms=[\d.]+ sha256_ms=[\d.]+ text_ms=[\d.]+$/;
    const node = execFileSync(process.execPath, [join(repoRoot, 'scripts', 'verify.mjs'), '--bench', '2', file], {
      encoding: 'utf8',
    });
    expect(node.trim()).toMatch(line);
    const native = execFileSync(nativeCli, ['verify', '--bench', '2', file], { encoding: 'utf8' });
    expect(native.trim()).toMatch(line);
  });
});

describe('engine API', () => {
  test('validation time: a bare date is midnight in Beijing', () => {
    expect(engine.parseTime('2025-03-19')).toBe(Date.parse('2025-03-19T00:00:00+08:00') / 1000);
    expect(engine.parseTime('2025-03-19T23:59:59+08:00')).toBe(Date.parse('2025-03-19T15:59:59Z') / 1000);
    expect(engine.parseTime('2025-02-29')).toBeNull();
  });

  // The wasm OpenSSL's SM3 is our compact rewrite (scripts/openssl_trim.py):
  // the GB/T 32905-2016 appendix A vectors and the million-'a' vector.
  test('SM3 gives the standard test vectors', () => {
    const enc = new TextEncoder();
    expect(engine.sm3(enc.encode('abc'))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(engine.sm3(enc.encode('abcd'.repeat(16)))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
    expect(engine.sm3(new Uint8Array(1000000).fill(0x61))).toBe('c8aaf89429554029e231941a2acc0ad61ff2a5acd8fadd25847a3a732b3b02c3');
    expect(engine.sm3(new Uint8Array(0))).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });

  test('sha256 matches Node', () => {
    const bytes = new Uint8Array(readFileSync(join(demoDir, cases[0].file)));
    expect(engine.sha256(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  test('bad input is a verdict, not an exception', () => {
    expect(engine.verify(new Uint8Array(0)).checks[0].code).toBe('empty-file');
    expect(engine.verify(new TextEncoder().encode('not a pdf')).verdict).toBe('invalid');
  });

  test('only Uint8Array is accepted', () => {
    expect(() => engine.verify('%PDF-1.7')).toThrow(TypeError);
  });

  test('options: one object, an unknown or incomplete option is an error, never ignored', () => {
    const bytes = new Uint8Array(readFileSync(join(demoDir, cases[0].file)));
    expect(() => engine.verify(bytes, { anchorPem: rootPem })).toThrow(/unknown option anchorPem/);
    const { manifest, signature } = revocationFor(engine, listsDir, bytes);
    expect(() => engine.verify(bytes, { revocation: { manifest, signature, shard: new Uint8Array(4) } }))
      .toThrow(/shardIndex/);
    expect(() => engine.verify(bytes, { trustList: { json: 'x', signature } })).toThrow(TypeError);
    // Every option reaches the core: the same file under each setting.
    const at = engine.parseTime('2030-01-01');
    const report = engine.verify(bytes, { at, fileName: 'named.pdf', anchorsPem: rootPem, builtinTrust: false, sm2Id: 'X' });
    expect(report.validation_time).toBe('2030-01-01T00:00:00+08:00');
    expect(report.sm2_id).toBe('X');
    expect(report.checks.find((c) => c.id === 'trust').status).not.toBe('skip');
    expect(JSON.parse(engine.verifyJson(bytes, { fileName: 'named.pdf' })).file).toBe('named.pdf');
  });
});

// The GBK table is not built into the wasm engine: a browser host gives it
// only when a report asks (needs_table), then reads the file again.
describe('a table fetched only when a page needs it', () => {
  const corpus = join(repoRoot, 'tests', 'corpus');
  const file = join(corpus, 'files', 'genuine-page-gbk-euc.pdf');
  const options = () => ({
    anchorsPem: readFileSync(join(corpus, 'trust', 'root.pem'), 'latin1'),
    at: engine.parseTime('2025-06-02'),
    fileName: 'genuine-page-gbk-euc.pdf',
    trustList: trustListFrom(join(corpus, 'lists')),
  });
  test('without the table the report names it; with it the page is read', async () => {
    const { createEngine } = await import(join(distDir, 'engine', 'engine.js'));
    const bare = await createEngine({ wasmBinary: readFileSync(join(distDir, 'engine', 'sealcheck_engine.wasm')) });
    const bytes = new Uint8Array(readFileSync(file));
    const before = bare.verify(bytes, options());
    expect(before.needs_table).toBe('gbk');
    expect(before.verdict).toBe('indeterminate');
    expect(before.checks.find((c) => c.id === 'certificate').code).toBe('page-text-needs-table');
    expect(bare.setTable('gbk', new Uint8Array(7))).toBe(false);
    expect(bare.setTable('nope', new Uint8Array(readFileSync(join(distDir, 'engine', 'gbk.bin'))))).toBe(false);
    expect(bare.setTable('gbk', new Uint8Array(readFileSync(join(distDir, 'engine', 'gbk.bin'))))).toBe(true);
    const after = bare.verify(bytes, options());
    expect(after.needs_table).toBeUndefined();
    expect(after.certificate.holder).toBe('郭测试');
    expect(after.certificate.number).toBe('GBK-2020-0005');
    expect(JSON.stringify(after)).toBe(JSON.stringify(engine.verify(bytes, options())));
  });
});
