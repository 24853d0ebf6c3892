// The static site in headless Chromium, served under a path prefix: choose
// the demo certificates, read each verdict from the DOM hooks, and prove
// from the request log that nothing left for another origin and no request
// carried data.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { launch } from '../helpers/browser.mjs';
import { demoDir, demoIndex, demoOfdIndex, distDir, repoRoot } from '../helpers/paths.mjs';

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
  const all = [...cases, ...demoOfdIndex()];
  await page.setInputFiles('input[type=file]#file-input', all.map((c) => join(demoDir, c.file)));

  for (const c of all) {
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

test('the SM2 distinguishing ID can be set on the page (advanced options)', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  // A GB/T 38540 seal of the test corpus, signed with another ID (its root is
  // not this site's: at best indeterminate, but the signature decides first),
  // judged on the corpus's own validation day, when its annotation is in force.
  await page.fill('#at-date', '2025-06-02');
  const file = join(repoRoot, 'tests', 'corpus', 'files', 'gbt38540-other-distinguishing-id.pdf');
  await page.setInputFiles('#file-input', file);
  const first = page.locator('#results > li[data-verdict]').nth(0);
  await first.waitFor();
  expect(await first.getAttribute('data-verdict')).toBe('invalid');
  expect(await first.locator('[data-check="cms"]').getAttribute('data-status')).toBe('fail');
  await page.locator('#advanced-summary').click();
  await page.fill('#sm2-id', 'ALICE123@YAHOO.COM');
  await page.setInputFiles('#file-input', []);
  await page.setInputFiles('#file-input', file);
  const second = page.locator('#results > li[data-verdict]').nth(1);
  await second.waitFor();
  expect(await second.locator('[data-check="cms"]').getAttribute('data-status')).toBe('pass');
  expect(await second.getAttribute('data-verdict')).toBe('indeterminate');
  expect(await second.textContent()).toContain('ALICE123@YAHOO.COM');
  await page.close();
});

test('details read from different sources say so each', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  const marks = await page.evaluate(async () => {
    const { ResultView } = await import(new URL('ui/result_view.js', document.baseURI).href);
    const report = {
      verdict: 'indeterminate', validation_time: '2025-06-02T00:00:00+08:00', checks: [],
      certificate: { holder: '张三', number: 'T-1', qualification: '拍卖师', id_type: '', id_number: '', gender: '',
        level: '', specialty: '', approval_date: '', issue_date: '2020-01-01', management_number: '', issuing_body: 'X' },
      field_sources: { holder: 'page+embedded', number: 'embedded', qualification: 'page', issue_date: 'page', issuing_body: 'page' },
    };
    new ResultView(document.getElementById('results'), 'mixed.pdf', 'mixed-card').show(report, null, false);
    return [...document.querySelectorAll('#mixed-card dd .source')].map((m) => m.dataset.source);
  });
  expect(marks).toEqual(['page+embedded', 'page', 'page', 'embedded', 'page']);
  await page.close();
});

test('the own data of a GB/T 38540 seal is shown on the card, as text', async () => {
  // The card's rendering of seal.eseal, fed a report directly (no demo
  // certificate carries a GB/T 38540 seal): names from a PDF stay text.
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  const text = await page.evaluate(async () => {
    const { ResultView } = await import(new URL('ui/result_view.js', document.baseURI).href);
    const list = document.getElementById('results');
    const report = {
      verdict: 'valid', validation_time: '2025-06-02T00:00:00+08:00', sm2_id: 'ALICE123@YAHOO.COM', checks: [],
      seal: {
        signer: 'CN=seal', signed_at: '2025-06-01T10:00:00+08:00', page: 1,
        eseal: { id: 'ES-1', name: '<b>测试印章</b>', type: 1, valid_from: '2025-01-01T00:00:00+08:00',
          valid_to: '2028-01-01T00:00:00+08:00', maker: 'CN=maker' },
      },
    };
    new ResultView(list, 'eseal.pdf', 'eseal-card').show(report, null, false);
    const card = document.getElementById('eseal-card');
    return { text: card.textContent, bold: card.querySelectorAll('b').length };
  });
  expect(text.bold).toBe(0);
  expect(text.text).toContain('Seal name: <b>测试印章</b>');
  expect(text.text).toContain('ES-1');
  expect(text.text).toContain('2025-01-01T00:00:00+08:00 – 2028-01-01T00:00:00+08:00');
  expect(text.text).toContain('CN=maker');
  expect(text.text).toContain('SM2 签名者标识：');
  await page.close();
});

test('the card says where the seal\'s time comes from, and that its certificate has expired since', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  const shown = await page.evaluate(async () => {
    const { ResultView } = await import(new URL('ui/result_view.js', document.baseURI).href);
    const list = document.getElementById('results');
    const seal = (more) => ({ signer: 'CN=seal', signed_at: '2021-06-01T10:00:00+08:00', page: 1, ...more });
    const cards = {
      claimed: seal({ time_source: 'signingTime', certificate_not_after: '2022-12-31T23:59:59+08:00', certificate_expired: true }),
      dictionary: seal({ time_source: 'signature-dictionary', certificate_not_after: '2030-01-01T00:00:00+08:00', certificate_expired: false }),
      proven: seal({ time_source: 'timestamp', certificate_not_after: '2022-12-31T23:59:59+08:00', certificate_expired: true }),
    };
    const out = {};
    for (const [id, s] of Object.entries(cards)) {
      new ResultView(list, `${id}.pdf`, `${id}-card`).show({ verdict: 'valid', validation_time: '2025-06-02T00:00:00+08:00', checks: [], seal: s }, null, false);
      const card = document.getElementById(`${id}-card`);
      out[id] = { text: card.textContent, source: card.querySelector('[data-time-source]')?.dataset.timeSource };
    }
    return out;
  });
  expect(shown.claimed.source).toBe('signingTime');
  expect(shown.claimed.text).toContain('claimed by the seal itself');
  expect(shown.claimed.text).toContain('印章自行声明');
  expect(shown.claimed.text).toContain('Seal certificate expired on: 2022-12-31T23:59:59+08:00');
  expect(shown.dictionary.source).toBe('signature-dictionary');
  expect(shown.dictionary.text).toContain('in the signature dictionary');
  expect(shown.dictionary.text).not.toContain('expired on');
  expect(shown.proven.source).toBe('timestamp');
  expect(shown.proven.text).toContain('proven by a trusted timestamp');
  expect(shown.proven.text).not.toContain('claimed by the seal itself');
  await page.close();
});

test('a file sealed twice lists its earlier seal, as text, beside the verdict of the last', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  await page.setInputFiles('input[type=file]#file-input', join(demoDir, 'sealed-twice.pdf'));
  const card = page.locator('[data-file="sealed-twice.pdf"][data-verdict]');
  await card.waitFor();
  expect(await card.getAttribute('data-verdict')).toBe('valid');
  const earlier = card.locator('[data-earlier-seal]');
  expect(await earlier.count()).toBe(1);
  expect(await earlier.getAttribute('data-verifies')).toBe('true');
  expect(await earlier.getAttribute('data-trusted')).toBe('true');
  // The demo issued it at 10:00 and sealed it again a minute later.
  expect(await earlier.textContent()).toContain('2021-07-01T10:00:00+08:00');
  expect(await earlier.textContent()).toContain('signs revision 2');
  expect(await card.textContent()).toContain('Earlier seals (the verdict rests on the last one)');
  // A signer name from a file is text, and a seal that fails says why.
  const shown = await page.evaluate(async () => {
    const { ResultView } = await import(new URL('ui/result_view.js', document.baseURI).href);
    const report = {
      verdict: 'valid', validation_time: '2025-06-02T00:00:00+08:00', checks: [],
      seal: { signer: 'CN=last', signed_at: '2025-06-01T10:01:00+08:00', page: 1 },
      earlier_seals: [{ index: 1, field: 'Seal1', revision: 2, signer: '<i>CN=first</i>', signed_at: '', verifies: false,
        trusted: false, code: 'digest-mismatch', message_zh: '摘要不符', message_en: 'digest mismatch' }],
    };
    new ResultView(document.getElementById('results'), 'fed.pdf', 'fed-card').show(report, null, false);
    const c = document.getElementById('fed-card');
    return { text: c.textContent, italics: c.querySelectorAll('i').length,
      status: c.querySelector('[data-earlier-seal]').className };
  });
  expect(shown.italics).toBe(0);
  expect(shown.text).toContain('<i>CN=first</i>');
  expect(shown.text).toContain('digest mismatch');
  expect(shown.status).toBe('check-warn');
  await page.close();
});

test('details printed on the page are read, their source shown, the page text on request', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  await page.setInputFiles('input[type=file]#file-input', join(demoDir, 'page-only.pdf'));
  const card = page.locator('[data-file="page-only.pdf"][data-verdict]');
  await card.waitFor();
  expect(await card.getAttribute('data-verdict')).toBe('valid');
  // One source for every detail: said once under them.
  expect(await card.locator('p.source[data-source="page"]').count()).toBe(1);
  expect(await card.locator('dd .source').count()).toBe(0);
  expect(await card.locator('.annotation .source[data-source="page"]').count()).toBe(1);
  const text = card.locator('details.page-text');
  expect(await text.locator('pre').isVisible()).toBe(false);
  await text.locator('summary').click();
  await expect(text.locator('pre').textContent()).resolves.toMatch(/证书编号 DEMO-2024-0007[\s\S]*使用场景：本人调用/);
  await page.close();
});

test('a GBK-encoded page is read after the page fetches the GBK table, once', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  const before = browser.requests.length;
  const file = join(repoRoot, 'tests', 'corpus', 'files', 'genuine-page-gbk-euc.pdf');
  await page.setInputFiles('input[type=file]#file-input', file);
  const card = page.locator('[data-file="genuine-page-gbk-euc.pdf"][data-verdict]');
  await card.waitFor();
  // Sealed by the corpus's root, which this site does not trust: the page
  // is still read once the table came.
  await card.locator('details.page-text summary').click();
  await expect(card.locator('details.page-text pre').textContent()).resolves.toContain('姓名：郭测试');
  const tables = browser.requests.slice(before).filter((r) => r.url.endsWith('/engine/gbk.bin'));
  expect(tables.length).toBeGreaterThanOrEqual(1);
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

test('the site is an installable web app (Chromium\'s own check), under any path prefix', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  const manifestUrl = await page.evaluate(() => document.querySelector('link[rel=manifest]').href);
  expect(manifestUrl.startsWith(siteUrl)).toBe(true);
  const manifest = await (await page.request.get(manifestUrl)).json();
  expect(manifest.start_url).toBe('./');
  expect(manifest.scope).toBe('./');
  expect(manifest.name).toContain('职业资格电子证书查验');
  expect(manifest.name).toContain('sealcheck');
  expect(manifest.icons.some((i) => i.purpose === 'maskable' && i.sizes === '512x512')).toBe(true);
  // DevTools reports what keeps the page from being installed: nothing.
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  const { url, errors } = await cdp.send('Page.getAppManifest');
  expect([url, errors]).toEqual([manifestUrl, []]);
  await page.close();
});

test('a file shared to the app (share target) is verified, and the post never leaves the browser', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();  // controlled by the service worker
  const c = cases.find((x) => x.case === 'valid');
  // What a share sheet does: a top-level multipart POST of the files to the
  // manifest's share_target action (from outside the page, whose CSP allows
  // no form posts of its own).
  const manifest = await (await page.request.get(new URL('manifest.webmanifest', siteUrl).href)).json();
  const target = manifest.share_target;
  expect([target.method, target.enctype, target.params.files[0].name]).toEqual(['POST', 'multipart/form-data', 'files']);
  const action = new URL(target.action, siteUrl).href;
  await page.goto('about:blank');
  await page.setContent(`<form method="post" enctype="multipart/form-data" action="${action}">
    <input type="file" id="share-files" name="${target.params.files[0].name}"></form>`);
  await page.setInputFiles('#share-files', join(demoDir, c.file));
  const posted = page.waitForRequest((r) => r.method() === 'POST');
  await page.evaluate(() => document.querySelector('#share-files').form.submit());
  const post = await posted;
  expect(new URL(post.url()).pathname).toBe('/some/prefix/share-target');
  const card = page.locator(`[data-file="${c.file}"][data-verdict]`);
  await card.waitFor();
  expect(await card.getAttribute('data-verdict')).toBe('valid');
  // Answered by the service worker, not the server; the page dropped ?shared.
  expect((await post.response())?.fromServiceWorker()).toBe(true);
  expect(new URL(page.url()).search).toBe('');
  await page.close();
});

test('a file opened with the installed app (file_handlers, launch queue) is verified', async () => {
  const page = await browser.context.newPage();
  // Stand in for the browser's launch queue, as an installed app gets it.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'launchQueue', {
      configurable: true, value: { setConsumer(consumer) { window.__launch = consumer; } },
    });
  });
  await page.goto(siteUrl);
  const manifest = await (await page.request.get(new URL('manifest.webmanifest', siteUrl).href)).json();
  expect(manifest.file_handlers[0].accept['application/pdf']).toEqual(['.pdf']);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  const c = cases.find((x) => x.case === 'revoked');
  const base64 = readFileSync(join(demoDir, c.file)).toString('base64');
  await page.evaluate(({ name, data }) => {
    const bytes = Uint8Array.from(atob(data), (ch) => ch.charCodeAt(0));
    const file = new File([bytes], name, { type: 'application/pdf' });
    window.__launch({ files: [{ getFile: async () => file }] });
  }, { name: c.file, data: base64 });
  const card = page.locator(`[data-file="${c.file}"][data-verdict]`);
  await card.waitFor();
  expect(await card.getAttribute('data-verdict')).toBe(c.expected_verdict);
  await page.close();
});

test('a batch is verified by as many engine workers as the machine has cores (at most four)', async () => {
  const page = await browser.context.newPage();
  // The page's own requests (the service worker's precache is not counted).
  const scripts = [];
  page.on('request', (r) => scripts.push(r.url()));
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const workers = scripts.filter((url) => url.endsWith('/some/prefix/engine/worker.js')).length;
  expect(workers).toBe(Math.max(1, Math.min(4, cores)));
  await page.setInputFiles('#file-input', cases.map((c) => join(demoDir, c.file)));
  for (const c of cases) await page.locator(`[data-file="${c.file}"][data-verdict]`).waitFor();
  // Cards and table rows keep the order the files were given in.
  const cards = await page.locator('#results > li[data-file]').evaluateAll((els) => els.map((e) => e.dataset.file));
  expect(cards).toEqual(cases.map((c) => c.file));
  await page.close();
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

test('the demo page links every demo certificate, PDF and OFD', async () => {
  const page = await browser.context.newPage();
  await page.goto(new URL('demo/', siteUrl).href);
  const all = [...cases, ...demoOfdIndex()];
  for (const c of all) {
    expect(await page.locator(`a[href="${c.file}"]`).count()).toBe(1);
  }
  expect(await page.locator('tbody tr').count()).toBe(all.length);
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

// Screenshots for docs/ come from these tests: written to build/screenshots,
// or over docs/screenshot-*.png with SEALCHECK_UPDATE_SCREENSHOTS=1.
function screenshotPath(name) {
  const dir = process.env.SEALCHECK_UPDATE_SCREENSHOTS ? join(repoRoot, 'docs') : join(repoRoot, 'build', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `screenshot-${name}.png`);
}

async function redPixels(canvas) {
  return canvas.evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 170 && data[i + 1] < 40 && data[i + 2] < 40) n += 1;
    return n;
  });
}

test('a single file gets a pdf.js preview with the seal outlined, from this origin only', async () => {
  const page = await browser.context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  const before = browser.requests.length;
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  const c = cases.find((x) => x.case === 'valid');
  await page.setInputFiles('#file-input', join(demoDir, c.file));
  const preview = page.locator(`[data-file="${c.file}"] details.preview[data-preview="done"]`);
  await preview.waitFor({ timeout: 30000 });
  const canvas = preview.locator('canvas');
  expect(await canvas.evaluate((el) => el.width > 100 && el.height > 100)).toBe(true);
  // The outline: a dashed red frame around the seal's widget rectangle.
  expect(await redPixels(canvas)).toBeGreaterThan(200);

  // A corpus seal is invisible (zero rectangle): no frame, and a note says so;
  // it does not verify here (unknown root), so a warning about the content too.
  await page.setInputFiles('#file-input', join(repoRoot, 'tests', 'corpus', 'files', 'genuine-ecdsa.pdf'));
  const other = page.locator('[data-file="genuine-ecdsa.pdf"] details.preview[data-preview="done"]');
  await other.waitFor({ timeout: 30000 });
  expect(await redPixels(other.locator('canvas'))).toBe(0);
  await expect(other.textContent()).resolves.toMatch(/不可见.*invisible/s);
  await expect(other.textContent()).resolves.toMatch(/可能已被篡改.*may have been altered/s);

  const origin = new URL(siteUrl).origin;
  for (const r of browser.requests.slice(before)) {
    expect([r.url, new URL(r.url).origin, r.method, r.postData]).toEqual([r.url, origin, 'GET', null]);
  }
  expect(browser.requests.slice(before).some((r) => /\/vendor\/pdfjs-[\d.]+\/pdf\.worker\.min\.mjs$/.test(r.url))).toBe(true);
  expect(problems).toEqual([]);
  await page.close();
});

test('an OFD certificate is verified by the OFD engine, fetched only then, and previewed with its stamp', async () => {
  const page = await browser.context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  const before = browser.requests.length;
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  // A PDF first: the OFD engine is not fetched for it.
  const c = cases.find((x) => x.case === 'valid');
  await page.setInputFiles('#file-input', join(demoDir, c.file));
  await page.locator(`[data-file="${c.file}"][data-verdict]`).waitFor();
  expect(browser.requests.slice(before).some((r) => r.url.includes('sealcheck_engine_ofd'))).toBe(false);
  // Then an OFD certificate (make_ofd.py, corpus keys: its root is not the
  // demo's, so indeterminate), its details read from the page's TextObjects,
  // checked on a day its annotation is in force.
  await page.fill('#at-date', '2025-06-02');
  const file = 'genuine-ofd.ofd';
  await page.setInputFiles('#file-input', join(repoRoot, 'tests', 'corpus', 'files', file));
  const card = page.locator(`[data-file="${file}"][data-verdict]`);
  await card.waitFor({ timeout: 30000 });
  expect(await card.getAttribute('data-verdict')).toBe('indeterminate');
  await expect(card.textContent()).resolves.toContain('林测试');
  await expect(card.textContent()).resolves.toContain('OFD-2023-0001');
  const preview = page.locator(`[data-file="${file}"] details.preview[data-preview="done"]`);
  await preview.waitFor({ timeout: 30000 });
  const canvas = preview.locator('canvas');
  expect(await canvas.evaluate((el) => el.width > 100 && el.height > el.width)).toBe(true);  // A4, portrait
  expect(await redPixels(canvas)).toBeGreaterThan(200);  // the stamp outlined
  await canvas.screenshot({ path: screenshotPath('ofd-preview') });
  const fetched = browser.requests.slice(before).filter((r) => r.url.includes('sealcheck_engine_ofd'));
  expect([...new Set(fetched.map((r) => r.url.replace(/.*\//, '')))].sort())
    .toEqual(['sealcheck_engine_ofd.mjs', 'sealcheck_engine_ofd.wasm']);
  // pdf.js is not needed for an OFD page.
  expect(problems).toEqual([]);
  await page.close();
});

test('Chinese or English following the browser, with a switch that is remembered', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.evaluate(() => localStorage.removeItem('sealcheck.lang'));
  await page.reload();
  const first = await page.evaluate(() => navigator.languages[0] ?? navigator.language);
  const expected = /^en/i.test(first) ? 'en' : 'zh';
  const ui = () => page.evaluate(() => document.documentElement.dataset.ui);
  expect(await ui()).toBe(expected);
  const h1 = page.locator('h1');
  expect(await h1.innerText()).toBe(expected === 'en' ? 'Professional-qualification e-certificate check' : '职业资格电子证书查验');

  await page.click('#lang-switch');
  const other = expected === 'en' ? 'zh' : 'en';
  expect(await ui()).toBe(other);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(other === 'en' ? 'en' : 'zh-CN');
  expect(await h1.innerText()).toBe(other === 'en' ? 'Professional-qualification e-certificate check' : '职业资格电子证书查验');
  await page.reload();
  expect(await ui()).toBe(other);

  // Results follow the switch too: only one language is displayed.
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  const c = cases.find((x) => x.case === 'valid');
  await page.setInputFiles('#file-input', join(demoDir, c.file));
  const card = page.locator(`[data-file="${c.file}"][data-verdict]`);
  await card.waitFor();
  const shown = await card.locator('.verdict').innerText();
  expect(shown).toBe(other === 'en' ? '✔ valid' : '✔ 有效');
  await page.evaluate(() => localStorage.removeItem('sealcheck.lang'));
  await page.close();
});

test('desktop: many files get a results table linking to their cards (screenshot)', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.addInitScript(() => localStorage.setItem('sealcheck.lang', 'zh'));
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  await page.setInputFiles('#file-input', cases.map((x) => join(demoDir, x.file)));
  await page.locator('#batch-text').filter({ hasText: `已查验 ${cases.length} / ${cases.length}` }).waitFor();
  const table = page.locator('#results-table');
  expect(await table.isVisible()).toBe(true);
  expect(await table.locator('tbody tr').count()).toBe(cases.length);
  for (const c of cases) {
    const link = table.locator('tbody tr a').filter({ hasText: new RegExp(`^${c.file.replace(/[.]/g, '\\.')}$`) });
    const target = (await link.getAttribute('href')).slice(1);
    expect(await page.locator(`[id="${target}"]`).getAttribute('data-file')).toBe(c.file);
  }
  // In a batch the previews wait until asked for.
  expect(await page.locator('details.preview[open]').count()).toBe(0);
  await page.screenshot({ path: screenshotPath('desktop') });
  await page.close();
});

test('phone, 360 px: one large choose area in the page\'s language; the verdict shows without scrolling', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 640 });
  await page.addInitScript(() => localStorage.setItem('sealcheck.lang', 'zh'));
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  // Our own label, not the browser's file button: it is the touch target.
  const pick = page.locator('#pick-label');
  expect(await pick.innerText()).toContain('选择证书文件（PDF 或 OFD）');
  const box = await pick.boundingBox();
  expect(box.width).toBeGreaterThan(280);  // the drop zone's whole width
  expect(box.height).toBeGreaterThanOrEqual(64);
  expect((await page.locator('#file-input').boundingBox()).height).toBeLessThanOrEqual(1);
  const files = cases.filter((x) => ['valid', 'revoked'].includes(x.case));
  await page.setInputFiles('#file-input', files.map((x) => join(demoDir, x.file)));
  for (const x of files) await page.locator(`[data-file="${x.file}"][data-verdict]`).waitFor();
  // The batch's overall verdict comes first, and it and the first card's
  // verdict are on the screen without the user scrolling.
  const overall = page.locator('#batch-verdict');
  expect(await overall.getAttribute('data-overall')).toBe('invalid');
  expect(await overall.innerText()).toContain('1 份无效');
  const inView = (el) => el.evaluate((e) => { const r = e.getBoundingClientRect(); return r.top > -1 && r.bottom < innerHeight + 1; });
  expect(await inView(overall)).toBe(true);
  expect(await inView(page.locator(`[data-file="${files[0].file}"] .verdict`))).toBe(true);
  await page.close();
});

test('phone, 360 px: no sideways scrolling, large touch targets (screenshot)', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 780 });
  await page.addInitScript(() => localStorage.setItem('sealcheck.lang', 'zh'));
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  const c = cases.find((x) => x.case === 'valid');
  await page.setInputFiles('#file-input', join(demoDir, c.file));
  await page.locator(`[data-file="${c.file}"] details.preview[data-preview="done"]`).waitFor({ timeout: 30000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const small = await page.evaluate(() => [...document.querySelectorAll('button, #pick-label, input[type=date], input[type=time], #validation-time label, summary')]
    .filter((e) => e.offsetParent !== null)
    .map((e) => [e.id || e.tagName, Math.round(e.getBoundingClientRect().height)])
    .filter(([, h]) => h < 44));
  expect(small).toEqual([]);
  await page.screenshot({ path: screenshotPath('phone'), fullPage: true });
  await page.close();
});

test('keyboard: every control is reachable by Tab, and the preview opens with Enter', async () => {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  await page.locator('#engine-status').filter({ hasText: '就绪' }).waitFor();
  const c = cases.find((x) => x.case === 'valid');
  // Two files: the previews wait to be opened.
  await page.setInputFiles('#file-input', [join(demoDir, c.file), join(demoDir, cases.find((x) => x.case === 'revoked').file)]);
  await page.locator('#batch-text').filter({ hasText: '已查验 2 / 2' }).waitFor();
  const reached = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => {
      const a = document.activeElement;
      return a.id || (a.tagName === 'SUMMARY' ? `summary:${a.closest('[data-file]').dataset.file}` : a.tagName);
    }));
  }
  for (const id of ['lang-switch', 'file-input', 'at-now', 'at-date', 'at-time', 'advanced-summary', 'export-csv', 'export-json', 'print-report',
    `summary:${c.file}`]) {
    expect([id, reached.has(id)]).toEqual([id, true]);
  }
  await page.locator(`[data-file="${c.file}"] details.preview summary`).focus();
  await page.keyboard.press('Enter');
  await page.locator(`[data-file="${c.file}"] details.preview[data-preview="done"]`).waitFor({ timeout: 30000 });
  await page.close();
});
