// A batch of files: progress, cancel, and the results as CSV, JSON or a
// printable report. Exports are built in the page (Blob URLs): nothing is
// sent anywhere.
import { bi } from './i18n.js';

const CSV_COLUMNS = [
  ['file', (r) => r.file],
  ['verdict', (r) => r.verdict],
  ['holder', (r) => r.certificate?.holder ?? ''],
  ['id_number', (r) => r.certificate?.id_number ?? ''],
  ['certificate_number', (r) => r.certificate?.number ?? ''],
  ['qualification', (r) => r.certificate?.qualification ?? ''],
  ['issuing_body', (r) => r.certificate?.issuing_body ?? ''],
  ['annotation', (r) => (r.annotation ? `${r.annotation.not_before}..${r.annotation.not_after}` : '')],
  ['revocation', (r) => r.revocation?.status ?? ''],
  ['validation_time', (r) => r.validation_time],
  ['reasons', (r) => r.checks.filter((c) => c.status === 'fail').map((c) => c.code).join(' ')],
];

// RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never
// runs a formula that came out of a PDF.
function csvField(value) {
  let v = String(value ?? '');
  if (/^[=+\-@]/.test(v)) v = `'${v}`;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(reports) {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const r of reports) lines.push(CSV_COLUMNS.map(([, get]) => csvField(get(r))).join(','));
  // BOM: spreadsheets then read the Chinese text as UTF-8.
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export class Batch {
  #elements;
  #reports = [];
  #total = 0;
  #done = 0;
  #onCancel;

  /** elements: {progress, progressText, verdict, cancel, exportCsv, exportJson, print} */
  constructor(elements, { onCancel }) {
    this.#elements = elements;
    this.#onCancel = onCancel;
    elements.cancel.addEventListener('click', () => this.#onCancel());
    elements.exportCsv.addEventListener('click', () => this.#download('sealcheck-results.csv', 'text/csv;charset=utf-8', toCsv(this.#reports)));
    elements.exportJson.addEventListener('click', () => this.#download('sealcheck-results.json', 'application/json',
      `${JSON.stringify(this.#reports, null, 2)}\n`));
    elements.print.addEventListener('click', () => window.print());
    this.#render();
  }

  start(count) {
    this.#total += count;
    this.#render();
  }

  finished(report) {
    this.#done += 1;
    if (report) this.#reports.push(report);
    this.#render();
  }

  cancelled(remaining) {
    this.#total -= remaining;
    this.#render();
  }

  #render() {
    const { progress, progressText, verdict, cancel, exportCsv, exportJson, print } = this.#elements;
    const busy = this.#done < this.#total;
    progress.max = Math.max(1, this.#total);
    progress.value = this.#done;
    progress.hidden = this.#total === 0;
    progressText.replaceChildren(this.#total === 0 ? ''
      : bi(document, `已查验 ${this.#done} / ${this.#total} 个文件`, `${this.#done} of ${this.#total} verified`));
    cancel.hidden = !busy;
    // The batch's overall verdict, first thing above the results.
    const count = (v) => this.#reports.filter((r) => r.verdict === v).length;
    const [valid, invalid, unsure] = [count('valid'), count('invalid'), count('indeterminate')];
    const failed = this.#done - this.#reports.length;
    verdict.hidden = this.#done === 0;
    verdict.dataset.overall = invalid > 0 ? 'invalid' : unsure > 0 || failed > 0 ? 'indeterminate' : 'valid';
    verdict.replaceChildren(
      invalid + unsure + failed === 0
        ? bi(document, `✓ ${valid} 份证书全部有效`, `✓ all ${valid} valid`)
        : bi(document, `${invalid} 份无效 · ${unsure + failed} 份无法确定 · ${valid} 份有效`,
          `${invalid} invalid · ${unsure + failed} indeterminate · ${valid} valid`));
    for (const b of [exportCsv, exportJson, print]) b.disabled = this.#reports.length === 0;
  }

  #download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
}
