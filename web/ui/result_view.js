// One verdict card per file (the pdf.js web/ habit: a component that is
// given its elements). Everything that came out of a PDF is inserted with
// textContent, never as HTML. Fixed texts carry both languages (i18n.js).
import { bi } from './i18n.js';
import { hasVisibleSeal, renderPreview } from './preview.js';

export const VERDICT_TEXT = {
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

/** An element with a bilingual fixed text, then optional plain-text parts. */
function elBi(tag, className, zh, en, ...parts) {
  const node = el(tag, className);
  node.append(bi(document, zh, en));
  for (const p of parts) node.append(typeof p === 'string' ? document.createTextNode(p) : p);
  return node;
}

export function verdictLabel(verdict) {
  const [icon, zh, en] = VERDICT_TEXT[verdict] ?? VERDICT_TEXT.indeterminate;
  const span = el('span', 'verdict-label');
  span.append(`${icon} `, bi(document, zh, en));
  return span;
}

// A GB/T 38540 seal's own data (present only once its signatures and maker
// check out): name, code, validity period, maker.
function esealDetails(eseal) {
  const p = elBi('p', 'meta eseal', '印章名称：', 'Seal name: ', eseal.name);
  p.append(' · ', bi(document, '印章编码：', 'code: '), eseal.id);
  p.append(' · ', bi(document, '有效期：', 'valid: '), `${eseal.valid_from} – ${eseal.valid_to}`);
  p.append(' · ', bi(document, '制章人：', 'made by: '), eseal.maker);
  return p;
}

export class ResultView {
  #item;

  constructor(list, fileName, id) {
    this.#item = el('li', 'result');
    this.#item.id = id;
    this.#item.dataset.file = fileName;
    this.#item.append(el('h2', 'file-name', fileName), elBi('p', 'verdict', '查验中…', 'Verifying…'));
    this.#item.setAttribute('aria-busy', 'true');
    list.append(this.#item);
  }

  get element() {
    return this.#item;
  }

  /**
   * @param report the engine's report
   * @param {() => Promise<ArrayBuffer>} readBytes the file again, for the preview
   * @param {boolean} previewOpen render the preview now (else on request)
   */
  show(report, readBytes, previewOpen) {
    const verdict = this.#item.querySelector('.verdict');
    verdict.replaceChildren(verdictLabel(report.verdict));
    const checks = el('ol', 'checks');
    for (const c of report.checks) {
      if (c.status === 'skip') continue;
      const li = el('li', `check-${c.status}`);
      li.append(bi(document, c.message_zh, c.message_en));
      li.dataset.check = c.id;
      li.dataset.status = c.status;
      checks.append(li);
    }
    this.#item.append(checks);
    const sources = report.field_sources ?? {};
    if (report.certificate) this.#item.append(certificateDetails(report.certificate, sources));
    if (report.annotation) this.#item.append(annotationBox(report.annotation, sources.annotation));
    if (report.revocation) this.#item.append(revocationLine(report.revocation));
    if (report.seal) {
      this.#item.append(elBi('p', 'meta', '电子印章：', 'Seal: ', report.seal.signer));
      if (report.seal.signed_at) {
        const time = elBi('p', 'meta', '盖章时间：', 'Signed at: ', report.seal.signed_at, ' ');
        const [zh, en] = TIME_SOURCE_TEXT[report.seal.time_source] ?? TIME_SOURCE_TEXT.claimed;
        time.append(el('span', 'source'));
        time.lastChild.append(bi(document, `（${zh}）`, `(${en})`));
        time.dataset.timeSource = report.seal.time_source ?? '';
        this.#item.append(time);
      }
      if (report.seal.certificate_expired) {
        this.#item.append(elBi('p', 'meta', '印章证书已于此日过期：', 'Seal certificate expired on: ', report.seal.certificate_not_after));
      }
      if (report.seal.eseal) this.#item.append(esealDetails(report.seal.eseal));
    }
    if (report.earlier_seals?.length) this.#item.append(earlierSealsBox(report.earlier_seals));
    this.#item.append(elBi('p', 'meta', '查验时间：', 'Validation time: ', report.validation_time));
    if (report.sm2_id) this.#item.append(elBi('p', 'meta', 'SM2 签名者标识：', 'SM2 distinguishing ID: ', report.sm2_id));
    if (report.page_text?.length) this.#item.append(pageTextBox(report.page_text));
    // Details that are only a picture: the preview is where to read them.
    const imageOnly = report.checks.some((c) => c.code === 'certificate-details-image-only');
    if (report.seal && readBytes) this.#item.append(previewBox(report, readBytes, previewOpen || imageOnly));
    this.#item.removeAttribute('aria-busy');
    // Set last: automation waits for data-verdict.
    this.#item.dataset.verdict = report.verdict;
  }

  showError(message) {
    const verdict = this.#item.querySelector('.verdict');
    verdict.replaceChildren(verdictLabel('indeterminate'), ` — ${message}`);
    this.#item.removeAttribute('aria-busy');
    this.#item.dataset.verdict = 'indeterminate';
  }
}

// Where the seal's time comes from: a claim of the seal itself unless a
// trusted timestamp proves it.
const TIME_SOURCE_TEXT = {
  timestamp: ['据可信时间戳', 'proven by a trusted timestamp'],
  signingTime: ['印章自行声明', 'claimed by the seal itself'],
  timeInfo: ['印章自行声明', 'claimed by the seal itself'],
  'signature-dictionary': ['印章自行声明（签名字典 /M）', 'claimed by the seal itself, in the signature dictionary'],
  claimed: ['印章自行声明', 'claimed by the seal itself'],
};

// The seals made before the last one: listed, deciding nothing.
function earlierSealsBox(seals) {
  const box = el('div', 'earlier-seals');
  box.append(elBi('p', 'meta', '此前的印章（结论以最后一个印章为准）：', 'Earlier seals (the verdict rests on the last one):'));
  const list = el('ol', 'earlier-seal-list');
  for (const s of seals) {
    const li = el('li', s.code ? 'check-warn' : 'check-pass');
    li.dataset.earlierSeal = String(s.index);
    li.dataset.verifies = String(Boolean(s.verifies));
    li.dataset.trusted = String(Boolean(s.trusted));
    li.append(s.signer || '—');
    if (s.signed_at) li.append(' · ', s.signed_at);
    if (s.revision) li.append(' · ', bi(document, `签署第 ${s.revision} 版`, `signs revision ${s.revision}`));
    li.append(' · ');
    if (s.code) li.append(bi(document, s.message_zh, s.message_en));
    else li.append(bi(document, '完整且可信', 'intact and trusted'));
    list.append(li);
  }
  box.append(list);
  return box;
}

// Where a detail was read, said discreetly beside it.
const SOURCE_TEXT = {
  page: ['印于页面', 'printed on the page'],
  embedded: ['内嵌数据', 'embedded data'],
  'page+embedded': ['页面与内嵌数据一致', 'page and embedded data agree'],
};
function sourceMark(source) {
  const text = SOURCE_TEXT[source];
  if (!text) return null;
  const mark = el('span', 'source');
  mark.dataset.source = source;
  mark.append(bi(document, `（${text[0]}）`, ` (${text[1]})`));
  return mark;
}

// Everything here came out of the PDF: text nodes only.
function certificateDetails(c, sources) {
  const rows = [
    ['姓名', 'Holder', c.holder], ['性别', 'Gender', c.gender], ['证件号码', 'ID number', `${c.id_type} ${c.id_number}`],
    ['资格名称', 'Qualification', c.qualification], ['级别', 'Level', c.level], ['专业', 'Specialty', c.specialty],
    ['批准日期', 'Approved', c.approval_date], ['签发日期', 'Issued', c.issue_date],
    ['管理号', 'Management no.', c.management_number], ['证书编号', 'Certificate no.', c.number],
    ['颁发单位', 'Issuing body', c.issuing_body],
  ];
  const keys = ['holder', 'gender', 'id_number', 'qualification', 'level', 'specialty', 'approval_date', 'issue_date',
    'management_number', 'number', 'issuing_body'];
  const shown = rows.map(([, , value], i) => [value, sources[keys[i]]]).filter(([value]) => value.trim());
  // One source for all: said once under the details; else beside each.
  const one = new Set(shown.map(([, source]) => source)).size === 1 ? shown[0]?.[1] : null;
  const dl = el('dl', 'details');
  rows.forEach(([zh, en, value], i) => {
    if (!value.trim()) return;
    const dd = el('dd', '', value);
    const mark = one ? null : sourceMark(sources[keys[i]]);
    if (mark) dd.append(mark);
    dl.append(elBi('dt', '', zh, en), dd);
  });
  if (!one || !SOURCE_TEXT[one]) return dl;
  const wrap = el('div', 'certificate');
  const note = el('p', 'source');
  note.dataset.source = one;
  note.append(bi(document, `以上信息：${SOURCE_TEXT[one][0]}`, `Details above: ${SOURCE_TEXT[one][1]}`));
  wrap.append(dl, note);
  return wrap;
}

function annotationBox(a, source) {
  const box = el('div', 'annotation');
  box.append(elBi('p', '', '加注 · 使用场景：', 'Annotation · scenario: ', a.scenario));
  const period = el('p');
  // Only an end printed (有效期至): the window began by the day it was sealed.
  period.append(a.not_before
    ? bi(document, `加注有效期：${a.not_before} 至 ${a.not_after}（北京时间，含当日）`,
      `Valid from ${a.not_before} to ${a.not_after} (Beijing time, inclusive)`)
    : bi(document, `加注有效期至 ${a.not_after}（北京时间，含当日）`, `Valid until ${a.not_after} (Beijing time, inclusive)`));
  const mark = sourceMark(source);
  if (mark) period.append(mark);
  box.append(period);
  if (a.days_remaining !== undefined) {
    box.append(elBi('p', '', `剩余 ${a.days_remaining} 天`, `${a.days_remaining} day(s) left`));
  }
  return box;
}

function revocationLine(r) {
  if (r.status === 'revoked') {
    return elBi('p', 'annotation', `已撤销 · 撤销时间 ${r.revoked_at}，撤销原因：${r.reason_zh}`,
      `Revoked at ${r.revoked_at}: ${r.reason_en}`);
  }
  const hours = r.list_this_update ? Math.max(0, Math.round((Date.now() - Date.parse(r.list_this_update)) / 3600e3)) : null;
  const listZh = r.list_number ? `（撤销列表 #${r.list_number}，${hours} 小时前生成，有效至 ${r.list_next_update}）` : '';
  const listEn = r.list_number ? ` (revocation list #${r.list_number}, ${hours} h old, valid until ${r.list_next_update})` : '';
  return r.status === 'good'
    ? elBi('p', 'meta', `证书状态：有效，未撤销${listZh}`, `Status: not revoked${listEn}`)
    : elBi('p', 'meta', `撤销状态未知${listZh}`, `Revocation status unknown${listEn}`);
}

// The sealed pages' text as the verifier read it, on request: for a person
// to compare with the preview. Text nodes only.
function pageTextBox(lines) {
  const details = el('details', 'page-text');
  const summary = el('summary');
  summary.append(bi(document, '页面文字（供与预览对照）', 'Text printed on the page (to compare with the preview)'));
  details.append(summary, el('pre', '', lines.join('\n')));
  return details;
}

// The page with the seal outlined, rendered when opened (always for a
// single file; on request in a batch, so forty files do not mean forty
// renderings).
function previewBox(report, readBytes, open) {
  const details = el('details', 'preview');
  const summary = el('summary');
  summary.append(bi(document, '预览（红框为电子印章位置）', 'Preview (the red frame marks the seal)'));
  details.append(summary);
  const canvas = el('canvas');
  canvas.setAttribute('role', 'img');
  const pageNo = report.seal.page || 1;
  canvas.setAttribute('aria-label', `第 ${pageNo} 页预览 / preview of page ${pageNo}`);
  const note = el('p', 'meta');
  if (!hasVisibleSeal(report.seal)) {
    note.append(bi(document, '该印章为不可见签名，页面上无位置可标出。', 'The seal is invisible: there is no position to outline.'));
  }
  if (report.verdict !== 'valid') {
    note.append(bi(document, ' 预览显示文件现有内容；查验未通过时，内容可能已被篡改，不可作为依据。',
      ' The preview shows the file as it is now; as it did not verify, its content may have been altered.'));
  }
  details.append(canvas, note);
  let rendered = false;
  const render = async () => {
    if (rendered) return;
    rendered = true;
    details.dataset.preview = 'loading';
    try {
      await renderPreview(canvas, new Uint8Array(await readBytes()), report.seal);
      details.dataset.preview = 'done';
    } catch (e) {
      details.dataset.preview = 'failed';
      note.append(bi(document, ` 无法显示预览：${e.message}`, ` The preview could not be shown: ${e.message}`));
    }
  };
  details.addEventListener('toggle', () => { if (details.open) render(); });
  if (open) details.open = true;  // fires toggle
  return details;
}
