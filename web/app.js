// Composition root of the page (pdf.js web/ habit): read the DOM into a
// config, build the components, wire them. The engine runs in a worker.
//
// Everything that came out of a PDF or OFD file is inserted with
// textContent (or drawn on a canvas), never as HTML.
import { EnginePool } from './engine/engine_pool.js';
import { Batch } from './ui/batch.js';
import { applyLanguage, bi, preferredLanguage, storedLanguage } from './ui/i18n.js';
import { setOfdPageSource } from './ui/preview.js';
import { ResultView } from './ui/result_view.js';
import { ResultsTable } from './ui/results_table.js';

const LIST_NUMBER_KEY = 'sealcheck.revocationListNumber';


function readConfig(doc) {
  return {
    fileInput: doc.getElementById('file-input'),
    atNow: doc.getElementById('at-now'),
    atDate: doc.getElementById('at-date'),
    atTime: doc.getElementById('at-time'),
    results: doc.getElementById('results'),
    resultsTable: doc.getElementById('results-table'),
    langSwitch: doc.getElementById('lang-switch'),
    engineStatus: doc.getElementById('engine-status'),
    dropZone: doc.getElementById('drop-zone'),
    batch: {
      progress: doc.getElementById('batch-progress'),
      progressText: doc.getElementById('batch-text'),
      verdict: doc.getElementById('batch-verdict'),
      cancel: doc.getElementById('batch-cancel'),
      exportCsv: doc.getElementById('export-csv'),
      exportJson: doc.getElementById('export-json'),
      print: doc.getElementById('print-report'),
    },
    sm2Id: doc.getElementById('sm2-id'),
    trustUrl: doc.getElementById('trust-link').getAttribute('href'),
    listsUrl: new URL('lists/', doc.baseURI).href,
  };
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

function setupLanguage(config) {
  const storage = globalThis.localStorage;
  applyLanguage(document, preferredLanguage(navigator.languages ?? [navigator.language], storedLanguage(storage)));
  config.langSwitch.addEventListener('click', () => {
    applyLanguage(document, document.documentElement.dataset.ui === 'en' ? 'zh' : 'en', storage);
  });
}

// The files sw.js received from a share sheet (?shared=N), taken out of its
// cache so each is verified once.
async function receiveSharedFiles() {
  if (!new URLSearchParams(location.search).has('shared') || !('caches' in window)) return [];
  const cache = await caches.open('sealcheck-share');
  const files = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const name = decodeURIComponent(response.headers.get('x-file-name') ?? 'shared.pdf');
    files.push(new File([await response.blob()], name, { type: response.headers.get('content-type') ?? '' }));
    await cache.delete(request);
  }
  history.replaceState(null, '', location.pathname);
  return files;
}

function main() {
  const config = readConfig(document);
  setupLanguage(config);
  const table = new ResultsTable(config.resultsTable);
  let cardCount = 0;
  for (const input of [config.atDate, config.atTime]) {
    input.addEventListener('input', () => { config.atNow.checked = false; document.getElementById('at-custom').checked = true; });
  }
  const workerUrl = new URL('engine/worker.js', import.meta.url);
  // As many engine workers as the machine has cores (at most four).
  let engine = new EnginePool(workerUrl);
  const anchors = loadAnchors(config.trustUrl);
  // An OFD page's preview is drawn from the engine's own reading of it.
  setOfdPageSource((bytes, page) => engine.ofdPage(bytes.buffer, page));
  engine.ready().then(
    () => { config.engineStatus.replaceChildren(bi(document, '查验引擎已就绪', 'The verifier is ready.')); },
    (e) => {
      config.engineStatus.replaceChildren(bi(document, `查验引擎加载失败：${e.message}`, `The verifier failed to load: ${e.message}`));
    },
  );
  // Cancel: the worker is terminated (its pending request rejects), the
  // rest of the batch is dropped, and a fresh worker serves the next files.
  let generation = 0;
  const batch = new Batch(config.batch, {
    onCancel: () => {
      generation += 1;
      engine.terminate();
      engine = new EnginePool(workerUrl);
    },
  });

  const verifyFiles = async (files) => {
    if (files.length === 0) return;
    const anchorsPem = await anchors;
    batch.start(files.length);
    const mine = generation;
    // The files go to the pool's workers as they free up; a card is made
    // when its file starts (so cards keep the files' order), and the table
    // and the progress follow the files' order too.
    const outcomes = new Array(files.length);
    let started = 0;
    let shown = 0;
    const flush = () => {
      while (shown < files.length && outcomes[shown] !== undefined) {
        const { report, id } = outcomes[shown];
        table.add(report, files[shown].name, id);
        batch.finished(report);
        shown += 1;
        // On a small screen the results start below the controls: bring the
        // overall verdict and the first card's up, once per batch.
        if (shown === 1 && config.batch.verdict.getBoundingClientRect().top > window.innerHeight * 0.5) {
          config.batch.verdict.scrollIntoView({ block: 'start' });
        }
      }
    };
    const judge = async (file, view) => {
      try {
        const at = validationTime(config);
        // A file over the engine's limit is judged without being read.
        const { maxFileBytes } = await engine.ready();
        if (file.size > maxFileBytes) {
          const report = await engine.oversized({ at, fileName: file.name });
          view.show(report, null, false);
          return report;
        }
        const buffer = await file.arrayBuffer();
        const minListNumber = Number(localStorage.getItem(LIST_NUMBER_KEY) ?? 0);
        const sm2Id = config.sm2Id.value.trim();  // '' = the standard default
        const report = await engine.verify(buffer, { anchorsPem, at, fileName: file.name, listsUrl: config.listsUrl, minListNumber, sm2Id });
        // Remember the newest list seen: an older one later is a rollback.
        const seen = report.revocation?.list_number ?? 0;
        if (seen > Number(localStorage.getItem(LIST_NUMBER_KEY) ?? 0)) localStorage.setItem(LIST_NUMBER_KEY, String(seen));
        // The preview reads the file again (the buffer went to the worker);
        // drawn at once for a single file, on request in a batch.
        view.show(report, () => file.arrayBuffer(), files.length === 1);
        return report;
      } catch (e) {
        view.showError(e.message);
        return null;
      }
    };
    const runner = async () => {
      while (started < files.length && mine === generation) {
        const i = started++;
        cardCount += 1;
        const view = new ResultView(config.results, files[i].name, `result-${cardCount}`);
        const report = await judge(files[i], view);
        outcomes[i] = { report, id: view.element.id };
        flush();
      }
    };
    await Promise.all(Array.from({ length: Math.min(engine.size, files.length) }, runner));
    if (mine !== generation) batch.cancelled(files.length - started);
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
  // Files shared to the installed app (sw.js keeps them in a cache of this
  // origin) and files opened with it (file_handlers: the launch queue).
  receiveSharedFiles().then((files) => verifyFiles(files));
  if ('launchQueue' in window) {
    window.launchQueue.setConsumer(async (params) => {
      verifyFiles(await Promise.all([...params.files].map((handle) => handle.getFile())));
    });
  }
  // Offline after one visit (sw.js); relative URL: works under any prefix.
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {});
}

main();
