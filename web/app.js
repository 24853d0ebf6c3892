// Composition root of the page (pdf.js web/ habit): read the DOM into a
// config, build the components, wire them. The engine runs in a worker.
//
// Everything that came out of a PDF is inserted with textContent, never as
// HTML.
import { EngineClient } from './engine/engine_client.js';

const VERDICT_TEXT = {
  valid: ['✔', '有效', 'valid'],
  invalid: ['✘', '无效', 'invalid'],
  indeterminate: ['?', '无法确定', 'indeterminate'],
};

function readConfig(doc) {
  return {
    fileInput: doc.getElementById('file-input'),
    results: doc.getElementById('results'),
    engineStatus: doc.getElementById('engine-status'),
    trustUrl: doc.getElementById('trust-link').getAttribute('href'),
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
  const engine = new EngineClient(new URL('engine/worker.js', import.meta.url));
  const anchors = loadAnchors(config.trustUrl);
  engine.ready().then(
    () => { config.engineStatus.textContent = '查验引擎已就绪 The verifier is ready.'; },
    (e) => { config.engineStatus.textContent = `查验引擎加载失败 The verifier failed to load: ${e.message}`; },
  );

  config.fileInput.addEventListener('change', async () => {
    const files = [...config.fileInput.files];
    const anchorsPem = await anchors;
    await Promise.all(files.map(async (file) => {
      const view = new ResultView(config.results, file.name);
      try {
        const buffer = await file.arrayBuffer();
        const at = Math.floor(Date.now() / 1000);
        view.show(await engine.verify(buffer, { anchorsPem, at, fileName: file.name }));
      } catch (e) {
        view.showError(e.message);
      }
    }));
  });
}

main();
