// The npm package as a user gets it: packed with `npm pack`, installed from
// the tarball into an empty project (no dependencies, so offline), then a
// corpus file verified through its public API and through `npx sealcheck`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distDir, repoRoot } from '../helpers/paths.mjs';
import { listArgs } from '../helpers/lists.mjs';

const corpus = join(repoRoot, 'tests', 'corpus');
const file = join(corpus, 'files', 'genuine-ecdsa.pdf');
const at = '2025-06-02';
let project;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'sealcheck-npm-'));
  const packed = execFileSync('npm', ['pack', join(distDir, 'npm'), '--pack-destination', project], {
    encoding: 'utf8', cwd: project, stdio: ['ignore', 'pipe', 'pipe'],
  }).trim().split('\n').pop();
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(project, packed)], { cwd: project, stdio: 'pipe' });
}, 120000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('the tarball holds the engine, its types, the CLI and a README, and nothing else', () => {
  const installed = join(project, 'node_modules', 'sealcheck');
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  expect(pkg.bin.sealcheck).toBe('./bin/sealcheck.mjs');
  expect(pkg.dependencies).toBeUndefined();
  expect(readdirSync(installed).sort()).toEqual(['README.md', 'bin', 'engine', 'index.d.ts', 'index.js', 'package.json']);
  expect(readFileSync(join(installed, 'index.d.ts'), 'utf8')).toContain('export declare function createEngine');
  // Both engines: the one that reads OFD too (Node's default) and the PDF-only one.
  expect(readdirSync(join(installed, 'engine')).filter((f) => f.endsWith('.wasm')).sort())
    .toEqual(['sealcheck_engine.wasm', 'sealcheck_engine_ofd.wasm']);
});

test('the public API verifies a corpus file', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    import { join } from 'node:path';
    import { createEngine, OPTIONS } from 'sealcheck';
    const lists = ${JSON.stringify(join(corpus, 'lists'))};
    const engine = await createEngine();
    const pdf = new Uint8Array(readFileSync(${JSON.stringify(file)}));
    const read = (p) => new Uint8Array(readFileSync(join(lists, p)));
    const revocation = engine.revocationFor(pdf,
      { manifest: read('revocations/manifest.json'), signature: read('revocations/manifest.sig') },
      (shard) => read(join('revocations', shard)));
    const report = engine.verify(pdf, {
      at: engine.parseTime(${JSON.stringify(at)}), builtinTrust: false,
      anchorsPem: readFileSync(${JSON.stringify(join(corpus, 'trust', 'root.pem'))}, 'utf8'),
      trustList: { json: read('trust-list.json'), signature: read('trust-list.sig') }, revocation });
    console.log(JSON.stringify({ verdict: report.verdict, options: Object.keys(OPTIONS).length }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual({ verdict: 'valid', options: 7 });
});

test.each([['a PDF', file], ['an OFD document', join(corpus, 'files', 'genuine-ofd.ofd')]])('npx sealcheck is the Node CLI: same JSON as the native one, for %s', (_, path) => {
  const args = ['verify', '--no-builtin-trust', ...listArgs(join(corpus, 'trust', 'root.pem'), join(corpus, 'lists'), at), path];
  const npx = spawnSync('npx', ['--no-install', 'sealcheck', ...args], { cwd: project, encoding: 'utf8' });
  const native = spawnSync(join(repoRoot, 'build', 'native', 'sealcheck'), args, { encoding: 'utf8' });
  expect(npx.status).toBe(0);
  expect(npx.stdout).toBe(native.stdout);
  expect(JSON.parse(npx.stdout).verdict).toBe('valid');
});
