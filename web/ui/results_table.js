// Many files at a glance: one row per verified file, linking to its card.
// Shown from the second result on. Cell texts that came out of a PDF are
// text nodes.
import { bi } from './i18n.js';
import { verdictLabel } from './result_view.js';

const COLUMNS = [
  ['文件', 'File'], ['结论', 'Verdict'], ['持证人', 'Holder'], ['证书编号', 'Certificate no.'],
  ['资格名称', 'Qualification'], ['加注有效期至', 'Annotation until'], ['撤销状态', 'Revocation'],
];

const REVOCATION = { good: ['未撤销', 'not revoked'], revoked: ['已撤销', 'revoked'], unknown: ['未知', 'unknown'] };

export class ResultsTable {
  #table;
  #body;
  #rows = 0;

  constructor(table) {
    this.#table = table;
    const head = document.createElement('tr');
    for (const [zh, en] of COLUMNS) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.append(bi(document, zh, en));
      head.append(th);
    }
    table.createTHead().append(head);
    this.#body = table.createTBody();
    table.hidden = true;
  }

  /** @param cardId the id of the file's card, for the link */
  add(report, fileName, cardId) {
    const tr = document.createElement('tr');
    tr.dataset.rowVerdict = report?.verdict ?? 'indeterminate';
    const link = document.createElement('a');
    link.href = `#${cardId}`;
    link.textContent = fileName;
    const cells = [
      link,
      verdictLabel(report?.verdict ?? 'indeterminate'),
      report?.certificate?.holder ?? '',
      report?.certificate?.number ?? '',
      report?.certificate?.qualification ?? '',
      report?.annotation?.not_after ?? '',
      report?.revocation ? bi(document, ...(REVOCATION[report.revocation.status] ?? REVOCATION.unknown)) : '',
    ];
    for (const c of cells) {
      const td = document.createElement('td');
      td.append(c);
      tr.append(td);
    }
    this.#body.append(tr);
    this.#rows += 1;
    this.#table.hidden = this.#rows < 2;
  }
}
