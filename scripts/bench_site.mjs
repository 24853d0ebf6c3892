// The site in headless Chromium (scripts/bench.sh runs this; never a test):
//  - first visit: what the page fetches until the verifier is ready, and
//    what the service worker then fetches for offline use, in bytes as
//    served and gzip -9 (what a compressing CDN sends);
//  - drop to verdict: a synthetic drop of FILE on the drop zone until its
//    card has data-verdict, median of RUNS after one cold run; also with
//    Chromium's CPU throttled 4x (a mid-range phone's order of magnitude).
// (Each run waits for the card's preview to finish before the next drop, so
// pdf.js painting does not delay the next verdict; drop-to-preview is
// reported too.) Prints one line: `site key=value ...`.
//   node scripts/bench_site.mjs FILE [RUNS]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from '../tests/helpers/browser.mjs';
import { serve } from './serve.mjs';
import { distDir } from './lib/node_engine.mjs';

const [file, runsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/bench_site.mjs FILE [RUNS]');
  process.exit(64);
}
const runs = Number(runsArg ?? 10);
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const prefix = '/bench/';
const { server, url } = await serve({ dir: distDir, prefix });
const browser = await launch();
const requests = [];
browser.context.on('request', (r) => requests.push({ url: r.url(), sw: r.serviceWorker() !== null }));
try {
  // --- first visit -------------------------------------------------------
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  const firstVisit = requests.filter((r) => !r.sw);
  // The service worker's precache runs in its install step.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForTimeout(1000);
  const precacheRequests = requests.filter((r) => r.sw);
  const sizes = (requests) => {
    let raw = 0;
    let gz = 0;
    for (const r of requests) {
      const path = new URL(r.url).pathname.slice(prefix.length) || 'index.html';
      const bytes = readFileSync(join(distDir, path.endsWith('/') ? `${path}index.html` : path));
      raw += bytes.length;
      gz += gzipSync(bytes, { level: 9 }).length;
    }
    return { raw, gz, count: requests.length };
  };
  const first = sizes(firstVisit);
  const precache = sizes(precacheRequests);

  // --- drop to verdict ---------------------------------------------------
  const bytes = readFileSync(file).toString('base64');
  await page.evaluate(({ b64 }) => {
    const bin = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    globalThis.benchFile = new File([bin], 'bench.pdf', { type: 'application/pdf' });
  }, { b64: bytes });
  const dropOnce = () => page.evaluate(() => new Promise((resolve) => {
    const list = document.getElementById('results');
    const before = list.children.length;
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      const card = list.children[before];
      if (card?.dataset.verdict && verdictMs === null) verdictMs = performance.now() - t0;
      const preview = card?.querySelector('details.preview')?.dataset.preview;
      if (verdictMs !== null && (preview === 'done' || preview === 'failed' || !card.querySelector('details.preview'))) {
        observer.disconnect();
        resolve({ ms: verdictMs, previewMs: performance.now() - t0, verdict: card.dataset.verdict });
      }
    });
    let verdictMs = null;
    observer.observe(list, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-verdict', 'data-preview'] });
    const dt = new DataTransfer();
    dt.items.add(globalThis.benchFile);
    document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }));
  const cold = await dropOnce();
  const warm = [];
  const previews = [];
  for (let i = 0; i < runs; i++) {
    const r = await dropOnce();
    warm.push(r.ms);
    previews.push(r.previewMs);
  }
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const throttled = [];
  for (let i = 0; i < Math.max(3, Math.floor(runs / 2)); i++) throttled.push((await dropOnce()).ms);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

  const version = browser.context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent)).match(/Chrome\/([\d.]+)/)?.[1];
  console.log(`site file=${file.split('/').pop()} bytes=${readFileSync(file).length} verdict=${cold.verdict} ` +
    `cold_ms=${cold.ms.toFixed(1)} drop_to_verdict_ms=${median(warm).toFixed(1)} ` +
    `throttled4x_ms=${median(throttled).toFixed(1)} drop_to_preview_ms=${median(previews).toFixed(1)} runs=${runs} ` +
    `first_visit_requests=${first.count} first_visit_bytes=${first.raw} first_visit_gzip=${first.gz} ` +
    `sw_requests=${precache.count} sw_bytes=${precache.raw} sw_gzip=${precache.gz} chromium=${version}`);
} finally {
  await browser.close();
  server.close();
}
