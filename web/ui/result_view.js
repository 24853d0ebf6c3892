// One verdict card per file (the pdf.js web/ habit: a component that is
// given its elements). Everything that came out of a PDF is inserted with
// textContent, never as HTML.
const VERDICT_TEXT = {
  valid: ['✔', '有效', 'valid'],
  invalid: ['✘', '无效', 'invalid'],
  indeterminate: ['?', '无法确定', 'indeterminate'],
};

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class ResultView {
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

