// A preview of the page carrying the seal, with the seal's position
// outlined (pdf.js, loaded on first use so the first visit stays small).
// The position comes from the engine's report (the sealed widget's /Rect),
// not from pdf.js's reading of the file.
let pdfjsPromise = null;

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
      const pad = 4 * ratio;
      context.save();
      context.strokeStyle = '#c40000';
      context.lineWidth = 3 * ratio;
      context.setLineDash([8 * ratio, 5 * ratio]);
      context.strokeRect(Math.min(x1, x2) - pad, Math.min(y1, y2) - pad, Math.abs(x2 - x1) + 2 * pad, Math.abs(y2 - y1) + 2 * pad);
      context.restore();
    }
    return pageNumber;
  } finally {
    await task.destroy();
  }
}
