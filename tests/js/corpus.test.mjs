// The corpus through the WebAssembly build: the outcomes in
// tests/corpus/expectations.txt, and JSON byte-identical to the native CLI's
// for every file.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngine } from '../../scripts/lib/node_engine.mjs';
import { revocationFor, trustListFrom } from '../helpers/lists.mjs';
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
  const native = spawnSync(nativeCli, ['verify', '--json', '--at', at, '--trust', rootPath,
    '--trust', join(corpus, 'lists', 'trust-list.json'), '--revocations', join(corpus, 'lists'), ...files], {
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
    const native = spawnSync(nativeCli, ['verify', '--json', '--at', at, '--trust', rootPath, '--trust',
      join(corpus, 'lists', 'trust-list.json'), '--revocations', join(corpus, 'lists'), '--sm2-id', id, path], { encoding: 'utf8' });
    expect(native.stdout.trim()).toBe(json);
  });
