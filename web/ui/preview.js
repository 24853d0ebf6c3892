// A preview of the page carrying the seal, with the seal's position
// outlined (pdf.js, loaded on first use so the first visit stays small).
// The position comes from the engine's report (the sealed widget's /Rect),
// not from pdf.js's reading of the file. An OFD page is drawn here from the
// engine's own reading of it (glyphs, images, stamps: wasm/src/ofd/render.h),
// text with the canvas, never as markup.
let pdfjsPromise = null;
let ofdPageSource = null;

/** Where OFD page models come from: (bytes, page) => Promise<model|null>. */
export function setOfdPageSource(source) {
  ofdPageSource = source;
}

const isZip = (b) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4;

function decodeBase64(text) {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; ++i) out[i] = raw.charCodeAt(i);
  return out;
}

async function drawPicture(context, item, place) {
  if (!item.data || !item.type) return false;
  try {
    const bitmap = await createImageBitmap(new Blob([decodeBase64(item.data)], { type: `image/${item.type}` }));
    const [x, y, w, h] = place(item.box);
    context.drawImage(bitmap, x, y, w, h);
    bitmap.close?.();
    return true;
  } catch {
    return false;  // an image the browser cannot decode is left out
  }
}

// Simple paths of the page model: M, L, Q (one control point), B (two), Z.
function drawPaths(context, model, scale) {
  const X = (v) => v * scale;
  const Y = (v) => (model.height - v) * scale;
  for (const p of model.paths ?? []) {
    context.beginPath();
    const d = p.d;
    for (let i = 0; i < d.length;) {
      const op = d[i++];
      if (op === 'M') context.moveTo(X(d[i]), Y(d[i + 1])), (i += 2);
      else if (op === 'L') context.lineTo(X(d[i]), Y(d[i + 1])), (i += 2);
      else if (op === 'Q') context.quadraticCurveTo(X(d[i]), Y(d[i + 1]), X(d[i + 2]), Y(d[i + 3])), (i += 4);
      else if (op === 'B') {
        context.bezierCurveTo(X(d[i]), Y(d[i + 1]), X(d[i + 2]), Y(d[i + 3]), X(d[i + 4]), Y(d[i + 5]));
        i += 6;
      } else if (op === 'Z') context.closePath();
      else break;  // nothing else is in the model
    }
    if (p.fill) {
      context.fillStyle = p.fill;
      context.fill();
    }
    if (p.stroke) {
      context.strokeStyle = p.stroke;
      context.lineWidth = Math.max(1, p.width * scale);
      context.stroke();
    }
  }
}

function outline(context, [x, y, w, h], ratio) {
  const pad = 4 * ratio;
  context.save();
  context.strokeStyle = '#c40000';
  context.lineWidth = 3 * ratio;
  context.setLineDash([8 * ratio, 5 * ratio]);
  context.strokeRect(x - pad, y - pad, w + 2 * pad, h + 2 * pad);
  context.restore();
}

async function renderOfd(canvas, bytes, seal, cssWidth) {
  if (!ofdPageSource) throw new Error('no OFD page source');
  const pageNumber = seal?.page >= 1 ? seal.page : 1;
  const model = await ofdPageSource(bytes, pageNumber);
  if (!model || !(model.width > 0) || !(model.height > 0)) throw new Error('the OFD page cannot be read');
  const ratio = globalThis.devicePixelRatio || 1;
  const scale = (cssWidth / model.width) * ratio;  // canvas pixels per hundredth of a point
  canvas.width = Math.floor(model.width * scale);
  canvas.height = Math.floor(model.height * scale);
  canvas.style.width = `${Math.floor(canvas.width / ratio)}px`;
  canvas.style.height = `${Math.floor(canvas.height / ratio)}px`;
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  const place = ([x, y, w, h]) => [x * scale, (model.height - y - h) * scale, w * scale, h * scale];
  for (const image of model.images) await drawPicture(context, image, place);
  drawPaths(context, model, scale);
  context.fillStyle = '#111111';
  context.textBaseline = 'alphabetic';
  for (const [x, y, size, text] of model.glyphs) {
    context.font = `${Math.max(1, size * scale)}px "Noto Serif CJK SC", "Songti SC", SimSun, serif`;
    context.fillText(text, x * scale, (model.height - y) * scale);
  }
  for (const stamp of model.stamps) await drawPicture(context, stamp, place);
  if (hasVisibleSeal(seal)) {
    // The report's rect is in points; the model's units are hundredths.
    const [x1, y1, x2, y2] = seal.rect.map((v) => v * 100);
    outline(context, place([x1, y1, x2 - x1, y2 - y1]), ratio);
  }
  return pageNumber;
}

function loadPdfjs() {
  pdfjsPromise ??= import('../vendor/pdfjs/pdf.min.mjs').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = new URL('../vendor/pdfjs/pdf.worker.min.mjs', import.meta.url).href;
    return pdfjs;
  });
  return pdfjsPromise;
}

/** True when the report gives a seal rectangle with an area. */
export function hasVisibleSeal(seal) {
  const r = seal?.rect;
  return Array.isArray(r) && r.length === 4 && r[2] > r[0] && r[3] > r[1];
}

/**
 * Renders page `seal.page` (or the first) of `bytes` into `canvas`, at most
 * `cssWidth` CSS pixels wide, and outlines the seal. Resolves to the page
 * number shown.
 */
export async function renderPreview(canvas, bytes, seal, cssWidth = 320) {
  if (isZip(bytes)) return renderOfd(canvas, bytes, seal, cssWidth);
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,  // no code generated from font programs
    enableXfa: false,
    cMapUrl: new URL('../vendor/pdfjs/cmaps/', import.meta.url).href,
    cMapPacked: true,
    standardFontDataUrl: new URL('../vendor/pdfjs/standard_fonts/', import.meta.url).href,
    wasmUrl: new URL('../vendor/pdfjs/wasm/', import.meta.url).href,
  });
  try {
    const doc = await task.promise;
    const pageNumber = seal?.page >= 1 && seal.page <= doc.numPages ? seal.page : 1;
    const page = await doc.getPage(pageNumber);
    const base = page.getViewport({ scale: 1 });
    const scale = cssWidth / base.width;
    const ratio = globalThis.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: scale * ratio });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
    canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
    const context = canvas.getContext('2d');
    await page.render({ canvasContext: context, canvas, viewport }).promise;
    if (hasVisibleSeal(seal) && pageNumber === seal.page) {
      const [x1, y1, x2, y2] = viewport.convertToViewportRectangle(seal.rect);
      outline(context, [Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1)], ratio);
    }
    return pageNumber;
  } finally {
    await task.destroy();
  }
}
