// The static site in headless Chromium, served under a path prefix: choose
// the demo certificates, read each verdict from the DOM hooks, and prove
// from the request log that nothing left for another origin and no request
// carried data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { launch } from '../helpers/browser.mjs';
import { demoDir, demoIndex, distDir, repoRoot } from '../helpers/paths.mjs';

const cases = demoIndex();
let server;
let siteUrl;
let browser;

beforeAll(async () => {
  ({ server, url: siteUrl } = await serve({ dir: distDir, prefix: '/some/prefix/' }));
  browser = await launch({ acceptDownloads: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

test('every demo certificate gets its expected verdict, and nothing leaves the origin', async () => {
  const page = await browser.context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  await page.setInputFiles('input[type=file]#file-input', cases.map((c) => join(demoDir, c.file)));

  for (const c of cases) {
    const card = page.locator(`[data-file="${c.file}"][data-verdict]`);
    await card.waitFor();
    expect([c.file, await card.getAttribute('data-verdict')]).toEqual([c.file, c.expected_verdict]);
  }
  // The explanation is there in both languages.
  const valid = cases.find((c) => c.case === 'valid');
  await expect(page.locator(`[data-file="${valid.file}"]`).textContent()).resolves.toMatch(/印章签名有效.*seal's signature is valid/s);

  // Certificate details and the annotation come from the sealed data, masked.
  const validText = await page.locator(`[data-file="${valid.file}"]`).textContent();
  expect(validText).toMatch(/1101\*+\d{4}/);
  expect(validText).toContain('本人调用');
  expect(validText).toMatch(/剩余 \d+ 天/);

  const origin = new URL(siteUrl).origin;
  expect(browser.requests.length).toBeGreaterThan(0);
  for (const r of browser.requests) {
    expect([r.url, new URL(r.url).origin]).toEqual([r.url, origin]);
    expect([r.url, r.method]).toEqual([r.url, 'GET']);
    expect(r.postData).toBeNull();
  }
  // The engine really came from this origin, under the prefix.
  expect(browser.requests.some((r) => r.url.endsWith('/some/prefix/engine/sealcheck_engine.wasm'))).toBe(true);
  expect(consoleErrors).toEqual([]);
  await page.close();
});

test('PDF text is shown as text, never as HTML', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  const name = '<img src=x onerror=alert(1)>.pdf';
  await page.setInputFiles('#file-input', { name, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') });
  const card = page.locator('[data-verdict]').first();
  await card.waitFor();
  expect(await card.getAttribute('data-verdict')).toBe('invalid');
  expect(await page.locator('#results img').count()).toBe(0);
  expect(await card.locator('h2').textContent()).toBe(name);
  await page.close();
});

test('the validation time can be set on the page (Beijing time)', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  const c = cases.find((x) => x.case === 'annotation-not-yet-valid');
  // Four days on, the annotation that starts in three days is in force (and
  // the revocation list, valid for seven, is still fresh).
  const later = new Date(Date.now() + 8 * 3600e3 + 4 * 86400e3).toISOString().slice(0, 10);
  await page.fill('#at-date', later);
  await page.setInputFiles('#file-input', join(demoDir, c.file));
  const card = page.locator(`[data-file="${c.file}"][data-verdict]`);
  await card.waitFor();
  expect(await card.getAttribute('data-verdict')).toBe('valid');
  expect(await card.textContent()).toContain(`${later}T12:00:00+08:00`);
  await page.close();
});

test('after one visit the page verifies offline, with the last good lists', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();  // now controlled by the service worker
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  // One verification online puts the lists and the shard in the cache.
  const c = cases.find((x) => x.case === 'valid');
  await page.setInputFiles('#file-input', join(demoDir, c.file));
  await page.locator(`[data-file="${c.file}"][data-verdict]`).waitFor();

  await browser.context.setOffline(true);
  try {
    await page.reload();
    await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
    await page.setInputFiles('#file-input', join(demoDir, c.file));
    const card = page.locator(`[data-file="${c.file}"][data-verdict]`);
    await card.waitFor();
    expect(await card.getAttribute('data-verdict')).toBe('valid');
    expect(await card.textContent()).toMatch(/撤销列表 #\d+，\d+ 小时前生成/);
  } finally {
    await browser.context.setOffline(false);
    await page.close();
  }
});

test('files can be dropped onto the page', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  const c = cases.find((x) => x.case === 'tampered');
  const bytes = readFileSync(join(demoDir, c.file)).toString('base64');
  const transfer = await page.evaluateHandle(({ name, b64 }) => {
    const dt = new DataTransfer();
    const bin = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    dt.items.add(new File([bin], name, { type: 'application/pdf' }));
    return dt;
  }, { name: c.file, b64: bytes });
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: transfer });
  const card = page.locator(`[data-file="${c.file}"][data-verdict]`);
  await card.waitFor();
  expect(await card.getAttribute('data-verdict')).toBe(c.expected_verdict);
  await page.close();
});

test('a batch shows progress and exports CSV and JSON', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  await page.setInputFiles('#file-input', cases.map((c) => join(demoDir, c.file)));
  await page.locator('#batch-text').filter({ hasText: `已查验 ${cases.length} / ${cases.length}` }).waitFor();
  expect(await page.locator('#batch-cancel').isHidden()).toBe(true);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csv = readFileSync(await csvDownload.path(), 'utf8');
  const rows = csv.replace(/^\ufeff/, '').trim().split('\r\n');
  expect(rows[0]).toBe('file,verdict,holder,id_number,certificate_number,qualification,issuing_body,annotation,revocation,validation_time,reasons');
  expect(rows).toHaveLength(cases.length + 1);
  for (const c of cases) expect(rows.some((r) => r.startsWith(`${c.file},${c.expected_verdict},`))).toBe(true);
  expect(csv).not.toMatch(/1101\d{10}/);  // never a full ID number

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const reports = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  expect(reports.map((r) => r.verdict).sort()).toEqual(cases.map((c) => c.expected_verdict).sort());
  await page.close();
});

test('cancel stops a batch and the page keeps working', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  const many = Array.from({ length: 40 }, () => join(demoDir, cases[0].file));
  await page.setInputFiles('#file-input', many);
  await page.click('#batch-cancel');
  await page.locator('#batch-cancel').waitFor({ state: 'hidden' });
  const finished = await page.locator('[data-verdict]').count();
  expect(finished).toBeLessThan(40);
  // A new file is verified by the fresh worker.
  const c = cases.find((x) => x.case === 'valid');
  await page.setInputFiles('#file-input', join(demoDir, c.file));
  await page.locator('#batch-text').filter({ hasText: /已查验 (\d+) \/ \1/ }).waitFor();
  expect(await page.locator('[data-verdict="valid"]').count()).toBeGreaterThan(0);
  await page.close();
});

test('the demo page links every demo certificate', async () => {
  const page = await browser.context.newPage();
  await page.goto(new URL('demo/', siteUrl).href);
  for (const c of cases) {
    expect(await page.locator(`a[href="${c.file}"]`).count()).toBe(1);
  }
  expect(await page.locator('tbody tr').count()).toBe(cases.length);
  await page.close();
});

test('axe-core finds no accessibility violations, with results on the page', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  await page.setInputFiles('#file-input', cases.map((c) => join(demoDir, c.file)));
  await page.locator('#batch-text').filter({ hasText: `已查验 ${cases.length} / ${cases.length}` }).waitFor();
  // Injected through the DevTools protocol (the page's CSP allows no inline script).
  await page.evaluate(readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.close();
});
