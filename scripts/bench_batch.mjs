// A batch of 200 certificates, in one run (scripts/bench.sh runs this;
// never a test): the native CLI and the Node CLI with one job and with one
// per core, and the page in headless Chromium (as many engine workers as
// cores), each from start to the last verdict. Prints one line:
// `batch key=value ...`.
//   node scripts/bench_batch.mjs [COUNT]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { launch } from '../tests/helpers/browser.mjs';
import { distDir, repoRoot } from './lib/node_engine.mjs';
import { serve } from './serve.mjs';

const count = Number(process.argv[2] ?? 200);
const cores = availableParallelism();
const dir = mkdtempSync(join(tmpdir(), 'sealcheck-batch-'));
const files = Array.from({ length: count }, (_, i) => join(dir, `cert-${String(i).padStart(3, '0')}.pdf`));
for (const f of files) copyFileSync(join(distDir, 'demo', 'valid.pdf'), f);
const args = ['--json', '--trust', join(distDir, 'demo', 'root.pem'), '--trust', join(distDir, 'lists', 'trust-list.json'),
  '--revocations', join(distDir, 'lists')];
const timed = (cmd, argv) => {
  const t0 = performance.now();
  const out = execFileSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (out.trim().split('\n').length !== count) throw new Error(`${cmd}: not ${count} reports`);
  return (performance.now() - t0).toFixed(0);
};
const cli = join(repoRoot, 'build', 'native', 'sealcheck');
const node = [join(repoRoot, 'scripts', 'verify.mjs')];
const result = {
  files: count, cores,
  native_jobs1_ms: timed(cli, ['verify', ...args, ...files]),
  [`native_jobs${cores}_ms`]: timed(cli, ['verify', '--jobs', String(cores), ...args, ...files]),
  node_jobs1_ms: timed(process.execPath, [...node, ...args, ...files]),
  [`node_jobs${cores}_ms`]: timed(process.execPath, [...node, '--jobs', String(cores), ...args, ...files]),
};

const { server, url } = await serve({ dir: distDir, prefix: '/batch/' });
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  result.page_workers = await page.evaluate(() => Math.max(1, Math.min(4, navigator.hardwareConcurrency)));
  const t0 = performance.now();
  await page.setInputFiles('#file-input', files);
  await page.locator('#batch-verdict').filter({ hasText: String(count) }).waitFor({ timeout: 600000 });
  result.page_ms = (performance.now() - t0).toFixed(0);
} finally {
  await browser.close();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
}
console.log(`batch ${Object.entries(result).map(([k, v]) => `${k}=${v}`).join(' ')}`);
