// pyHanko's signed test files (tests/peers/pyhanko) through the WebAssembly
// build: the outcomes written by hand in their expectations.txt, and JSON
// byte-identical to the native CLI's.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngine } from '../../scripts/lib/node_engine.mjs';
import { nativeCli, repoRoot } from '../helpers/paths.mjs';

const dir = join(repoRoot, 'tests', 'peers', 'pyhanko');
const at = '2025-06-02';
const ignored = new Set(['certificate', 'annotation', 'seal_policy', 'revocation']);
const expectations = readFileSync(join(dir, 'expectations.txt'), 'utf8')
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
  const files = expectations.map((e) => join(dir, 'files', e.file));
  const native = spawnSync(
    nativeCli,
    ['verify', '--no-builtin-trust', '--trust', join(dir, 'roots.pem'), '--at', at, '--json', ...files],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  expect(native.error).toBeUndefined();
  nativeLines = native.stdout.split('\n').filter(Boolean);
});

test('all twenty files are listed', () => {
  expect(expectations.length).toBe(20);
});

describe.each(expectations.map((e, i) => [e.file, e, i]))('%s', (_, e, i) => {
  test('wasm gives the explained outcome and the same JSON as native', () => {
    const json = engine.verifyJson(new Uint8Array(readFileSync(join(dir, 'files', e.file))), {
      anchorsPem: readFileSync(join(dir, 'roots.pem'), 'latin1'),
      builtinTrust: false,
      at: engine.parseTime(at),
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
    expect(json).toBe(nativeLines[i]);
  });
});
