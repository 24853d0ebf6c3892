// Composition root of the page (pdf.js web/ habit): read the DOM into a
// config, build the components, wire them. The engine runs in a worker.
//
// Everything that came out of a PDF is inserted with textContent, never as
// HTML.
import { EngineClient } from './engine/engine_client.js';

const LIST_NUMBER_KEY = 'sealcheck.revocationListNumber';

const VERDICT_TEXT = {
  valid: ['✔', '有效', 'valid'],
  invalid: ['✘', '无效', 'invalid'],
  indeterminate: ['?', '无法确定', 'indeterminate'],
};

function readConfig(doc) {
  return {
    fileInput: doc.getElementById('file-input'),
    atNow: doc.getElementById('at-now'),
    atDate: doc.getElementById('at-date'),
    atTime: doc.getElementById('at-time'),
    results: doc.getElementById('results'),
    engineStatus: doc.getElementById('engine-status'),
    dropZone: doc.getElementById('drop-zone'),
    trustUrl: doc.getElementById('trust-link').getAttribute('href'),
    listsUrl: new URL('lists/', doc.baseURI).href,
  };
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

class ResultView {
  #item;

  constructor(list, fileName) {
    this.#item = el('li', 'result');
    this.#item.dataset.file = fileName;
    this.#item.append(el('h2', 'file-name', fileName), el('p', 'verdict', '查验中… verifying…'));
    this.#item.setAttribute('aria-busy', 'true');
    list.append(this.#item);
  }

  show(report) {
    const [icon, zh, en] = VERDICT_TEXT[report.verdict] ?? VERDICT_TEXT.indeterminate;
    const verdict = this.#item.querySelector('.verdict');
    verdict.textContent = `${icon} ${zh} / ${en}`;
    const checks = el('ol', 'checks');
    for (const c of report.checks) {
      if (c.status === 'skip') continue;
      const li = el('li', `check-${c.status}`, `${c.message_zh} / ${c.message_en}`);
      li.dataset.check = c.id;
      li.dataset.status = c.status;
      checks.append(li);
    }
    this.#item.append(checks);
    if (report.certificate) this.#item.append(certificateDetails(report.certificate));
    if (report.annotation) this.#item.append(annotationBox(report.annotation));
    if (report.revocation) this.#item.append(revocationLine(report.revocation));
    if (report.seal) {
      this.#item.append(el('p', 'meta', `电子印章 seal: ${report.seal.signer}`));
      if (report.seal.signed_at) this.#item.append(el('p', 'meta', `盖章时间 signed at: ${report.seal.signed_at}`));
    }
    this.#item.append(el('p', 'meta', `查验时间 validation time: ${report.validation_time}`));
    this.#item.removeAttribute('aria-busy');
    // Set last: automation waits for data-verdict.
    this.#item.dataset.verdict = report.verdict;
  }

  showError(message) {
    this.#item.querySelector('.verdict').textContent = `? 无法确定 / indeterminate — ${message}`;
    this.#item.removeAttribute('aria-busy');
    this.#item.dataset.verdict = 'indeterminate';
  }
}

// Everything here came out of the PDF: text nodes only.
function certificateDetails(c) {
  const rows = [
    ['姓名 holder', c.holder], ['性别 gender', c.gender], ['证件号码 ID number', `${c.id_type} ${c.id_number}`],
    ['资格名称 qualification', c.qualification], ['级别 level', c.level], ['专业 specialty', c.specialty],
    ['批准日期 approved', c.approval_date], ['签发日期 issued', c.issue_date], ['管理号 management no.', c.management_number],
    ['证书编号 certificate no.', c.number], ['颁发单位 issuing body', c.issuing_body],
  ];
  const dl = el('dl', 'details');
  for (const [label, value] of rows) {
    if (!value) continue;
    dl.append(el('dt', '', label), el('dd', '', value));
  }
  return dl;
}

function annotationBox(a) {
  const box = el('div', 'annotation');
  box.append(el('p', '', `加注 annotation — 使用场景 scenario: ${a.scenario}`));
  box.append(el('p', '', `加注有效期 valid: ${a.not_before} 至 ${a.not_after}（北京时间，含当日 Beijing time, inclusive）`));
  if (a.days_remaining !== undefined) box.append(el('p', '', `剩余 ${a.days_remaining} 天 / ${a.days_remaining} day(s) left`));
  return box;
}

function revocationLine(r) {
  if (r.status === 'revoked') {
    return el('p', 'annotation', `已撤销 revoked — 撤销时间 ${r.revoked_at}，撤销原因 ${r.reason_zh} / revoked at ${r.revoked_at}: ${r.reason_en}`);
  }
  const hours = r.list_this_update ? Math.max(0, Math.round((Date.now() - Date.parse(r.list_this_update)) / 3600e3)) : null;
  const list = r.list_number
    ? `（撤销列表 #${r.list_number}，${hours} 小时前生成，有效至 ${r.list_next_update} / list #${r.list_number}, ${hours} h old）`
    : '';
  return el('p', 'meta', r.status === 'good' ? `证书状态：有效，未撤销 not revoked ${list}` : `撤销状态未知 revocation unknown ${list}`);
}

// The validation time chosen on the page, as Unix seconds; dates are
// Beijing time whatever the browser's zone.
function validationTime(config) {
  if (config.atNow.checked || !config.atDate.value) return Math.floor(Date.now() / 1000);
  const time = config.atTime.value || '00:00:00';
  const seconds = time.length === 5 ? `${time}:00` : time;
  const ms = Date.parse(`${config.atDate.value}T${seconds}+08:00`);
  return Number.isNaN(ms) ? Math.floor(Date.now() / 1000) : Math.floor(ms / 1000);
}

async function loadAnchors(url) {
  try {
    const response = await fetch(url, { cache: 'no-cache' });
    return response.ok ? await response.text() : '';
  } catch {
    return '';  // no trust list: the engine answers "indeterminate"
  }
}

function main() {
  const config = readConfig(document);
  for (const input of [config.atDate, config.atTime]) {
    input.addEventListener('input', () => { config.atNow.checked = false; document.getElementById('at-custom').checked = true; });
  }
  const engine = new EngineClient(new URL('engine/worker.js', import.meta.url));
  const anchors = loadAnchors(config.trustUrl);
  engine.ready().then(
    () => { config.engineStatus.textContent = '查验引擎已就绪 The verifier is ready.'; },
    (e) => { config.engineStatus.textContent = `查验引擎加载失败 The verifier failed to load: ${e.message}`; },
  );

  const verifyFiles = async (files) => {
    const anchorsPem = await anchors;
    await Promise.all(files.map(async (file) => {
      const view = new ResultView(config.results, file.name);
      try {
        const buffer = await file.arrayBuffer();
        const at = validationTime(config);
        const minListNumber = Number(localStorage.getItem(LIST_NUMBER_KEY) ?? 0);
        const report = await engine.verify(buffer, { anchorsPem, at, fileName: file.name, listsUrl: config.listsUrl, minListNumber });
        // Remember the newest list seen: an older one later is a rollback.
        const seen = report.revocation?.list_number ?? 0;
        if (seen > minListNumber) localStorage.setItem(LIST_NUMBER_KEY, String(seen));
        view.show(report);
      } catch (e) {
        view.showError(e.message);
      }
    }));
  };
  config.fileInput.addEventListener('change', () => verifyFiles([...config.fileInput.files]));
  config.dropZone.addEventListener('dragover', (e) => {
    e.preventDefault();
    config.dropZone.classList.add('dragging');
  });
  config.dropZone.addEventListener('dragleave', () => config.dropZone.classList.remove('dragging'));
  config.dropZone.addEventListener('drop', (e) => {
    e.preventDefault();
    config.dropZone.classList.remove('dragging');
    verifyFiles([...e.dataTransfer.files]);
  });
  document.addEventListener('paste', (e) => {
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length > 0) verifyFiles(files);
  });
  // Offline after one visit (sw.js); relative URL: works under any prefix.
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {});
}

main();
