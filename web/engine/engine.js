// The engine's JavaScript face: an ES module with an async factory, the same
// in the browser (inside a Web Worker), in Node and in Jest.
//
// It is the one error guard between C++ and JS: anything the wasm side
// throws or aborts with becomes an EngineError, and after an abort the
// instance refuses further work (its heap may be inconsistent).
import createSealcheckEngine from './sealcheck_engine.mjs';

/**
 * The options of one verification, described once, with their defaults
 * (the core's own, sealcheck/verify.h, apply to what the engine leaves out).
 * The page, the worker, scripts/verify.mjs and the tests pass this shape;
 * an unknown option is an error, never ignored.
 */
export const OPTIONS = Object.freeze({
  /** Validation time, Unix seconds (undefined: now). */
  at: undefined,
  /** Echoed in the report. */
  fileName: 'document.pdf',
  /** Extra trust anchors, PEM. */
  anchorsPem: '',
  /** Also trust the anchors compiled into the engine. */
  builtinTrust: true,
  /** The SM2 distinguishing ID of seal signatures ('' = 1234567812345678). */
  sm2Id: '',
  /** {manifest, signature, shardIndex?, shard?, minListNumber?} (Uint8Arrays; see revocationFor); none: at best indeterminate. */
  revocation: null,
  /** {json, signature} (Uint8Arrays); none: at best indeterminate. */
  trustList: null,
});

// The options as one buffer for the bindings: the layout of
// sealcheck/host_options.h (a fixed header, then the bytes its spans name).
// Options the core knows by name (VerifyOptions' kNamedOptions: at, sm2Id
// ...) travel as "name=value" lines, so a new one needs no change here.
const HEADER_BYTES = 84;
const HOST_OPTIONS = new Set(['fileName', 'anchorsPem', 'builtinTrust', 'revocation', 'trustList']);
const encoder = new TextEncoder();
function encodeOptions(o) {
  const r = o.revocation;
  const t = o.trustList;
  const named = [];
  for (const [key, value] of Object.entries({ ...o, at: o.at ?? Math.floor(Date.now() / 1000) })) {
    if (HOST_OPTIONS.has(key) || value === '' || value === undefined || value === null) continue;
    const text = String(value);
    if (text.includes('\n')) throw new TypeError(`option ${key} may not contain a line break`);
    named.push(`${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}=${text}`);
  }
  const spans = [encoder.encode(o.fileName), encoder.encode(o.anchorsPem), encoder.encode(named.join('\n')),
    r?.manifest, r?.signature, r?.shard, t?.json, t?.signature].map((b) => b ?? new Uint8Array(0));
  for (const b of spans) {
    if (!(b instanceof Uint8Array)) throw new TypeError('list bytes must be Uint8Arrays');
  }
  if (r?.shard && !Number.isInteger(r.shardIndex)) throw new TypeError('revocation.shard needs its shardIndex');
  const out = new Uint8Array(HEADER_BYTES + spans.reduce((n, b) => n + b.length, 0));
  const view = new DataView(out.buffer);
  out.set(encoder.encode('SCO2'), 0);
  view.setUint32(4, (o.builtinTrust ? 1 : 0) | (r ? 2 : 0) | (r?.shard ? 4 : 0) | (t ? 8 : 0), true);
  view.setUint32(8, r?.shard ? r.shardIndex : 0, true);
  view.setFloat64(12, r?.minListNumber ?? 0, true);
  let at = HEADER_BYTES;
  spans.forEach((b, i) => {
    view.setUint32(20 + 8 * i, at, true);
    view.setUint32(24 + 8 * i, b.length, true);
    out.set(b, at);
    at += b.length;
  });
  return out;
}

export class EngineError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'EngineError';
  }
}

export class Engine {
  #module;
  #ofd;
  #broken = null;

  constructor(module, ofd = false) {
    this.#module = module;
    this.#ofd = ofd;
  }

  /**
   * Verifies one PDF.
   * @param {Uint8Array} bytes the file
   * @param {object} options see OPTIONS
   * @returns {object} the report (INTERFACES.md JSON)
   */
  verify(bytes, options = {}) {
    return JSON.parse(this.verifyJson(bytes, options));
  }

  /** Same as verify(), as the exact JSON text (identical to the native CLI's). */
  verifyJson(bytes, options = {}) {
    for (const key of Object.keys(options)) {
      if (!(key in OPTIONS)) throw new TypeError(`unknown option ${key}`);
    }
    const o = { ...OPTIONS, ...options };
    const text = this.#withBuffers([bytes, encodeOptions(o)],
      ([pdf, opts]) => this.#module.verifyJson(pdf.ptr, pdf.len, opts.ptr, opts.len));
    if (text.startsWith('{"error"')) throw new TypeError(JSON.parse(text).error);
    return text;
  }

  /** The page-text reader alone (benchmarks): the number of text lines the file's pages give. */
  pageTextLines(bytes) {
    return this.#withBuffers([bytes], ([b]) => this.#module.pageTextLines(b.ptr, b.len));
  }

  /**
   * Hands the engine a data table a report asked for (report.needs_table,
   * e.g. 'gbk' with the bytes of engine/gbk.bin); kept for every later
   * file. Verify again after it: the report said what it could not read.
   * @returns {boolean} false for an unknown table or bytes of the wrong size
   */
  setTable(name, bytes) {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('table bytes must be a Uint8Array');
    return this.#withBuffers([bytes], ([t]) => this.#module.setTable(name, t.ptr, t.len));
  }

  /**
   * The revocation option for this file from a published list: the
   * manifest and signature as fetched, and the one shard the file's
   * certificate falls in, read by readShard(file) ('shards/<sha256>.bin',
   * relative to the list's revocations/ folder; bytes or null, or a promise
   * of them). The only place that decides which shard a file needs.
   */
  revocationFor(bytes, { manifest, signature, minListNumber = 0 }, readShard) {
    const shard = this.revocationShard(bytes, manifest);
    const option = (shardBytes) => ({
      manifest, signature, minListNumber, shardIndex: shard?.index, shard: shardBytes ?? undefined,
    });
    if (!shard) return option(null);
    const read = readShard(shard.file);
    return read instanceof Promise ? read.then(option) : option(read);
  }

  /**
   * Which revocation shard to fetch for this file, per a manifest not yet
   * verified (verify() checks everything): {index, file} or null.
   */
  revocationShard(bytes, manifest) {
    const answer = this.#withBuffers([bytes, manifest], ([pdf, m]) => this.#module.revocationShard(pdf.ptr, pdf.len, m.ptr, m.len));
    if (!answer) return null;
    const [index, file] = answer.split(' ');
    return { index: Number(index), file };
  }

  /** The largest file the engine reads; larger ones get oversizedJson() unread. */
  get maxFileBytes() {
    return this.#module.maxFileBytes();
  }

  /** The report for a file over maxFileBytes (identical to the native CLI's). */
  oversizedJson({ at = Math.floor(Date.now() / 1000), fileName = 'document.pdf' } = {}) {
    return this.#guard(() => this.#module.oversizedJson(at, fileName));
  }

  /** The report for a file that could not be read (JSON text, identical to the native CLI's). */
  unreadableJson(reason, { at = Math.floor(Date.now() / 1000), fileName = 'document.pdf' } = {}) {
    return this.#guard(() => this.#module.unreadableJson(reason, at, fileName));
  }

  /** ISO 8601 validation time (a bare date is that day in UTC+8) -> Unix seconds, or null. */
  parseTime(text) {
    const t = this.#guard(() => this.#module.parseTime(String(text)));
    return Number.isNaN(t) ? null : t;
  }

  /** Whether this engine reads OFD packages (the default one reads PDF only). */
  get readsOfd() {
    return this.#ofd;
  }

  /**
   * What the preview draws of page `page` (1-based) of an OFD file: glyphs,
   * images and stamps in hundredths of a point (wasm/src/ofd/render.h), or
   * null. Only the OFD engine has it.
   */
  ofdPage(bytes, page) {
    if (!this.#ofd) throw new EngineError('this engine reads PDF only');
    const json = this.#withBytes(bytes, (ptr, len) => this.#module.ofdPageJson(ptr, len, page));
    return json ? JSON.parse(json) : null;
  }

  /** Hex SHA-256 of the bytes, computed by the same build (benchmark floor). */
  sha256(bytes) {
    return this.#withBytes(bytes, (ptr, len) => this.#module.sha256Hex(ptr, len));
  }
  /**
   * An SM2 signature (DER) by an uncompressed public key (04||x||y) over
   * SM3(Z(id) || message); id defaults to GM/T 0009's "1234567812345678".
   */
  sm2Verify(publicKey, message, signature, id = '1234567812345678') {
    return this.#withBuffers([publicKey, message, signature],
      ([k, m, s]) => this.#module.sm2Verify(k.ptr, k.len, m.ptr, m.len, s.ptr, s.len, id));
  }

  /** SM3 (GB/T 32905) of the bytes, lower-case hex ('' if the build has no SM3). */
  sm3(bytes) {
    return this.#withBytes(bytes, (ptr, len) => this.#module.sm3Hex(ptr, len));
  }


  #withBytes(bytes, fn) {
    return this.#withBuffers([bytes], ([b]) => fn(b.ptr, b.len));
  }

  // Copies each Uint8Array into the wasm heap for the duration of fn.
  #withBuffers(arrays, fn) {
    for (const a of arrays) {
      if (!(a instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array');
    }
    const m = this.#module;
    return this.#guard(() => {
      const held = [];
      try {
        for (const a of arrays) {
          const ptr = m._malloc(Math.max(1, a.length));
          if (!ptr) throw new EngineError(`out of memory for ${a.length} bytes`);
          held.push({ ptr, len: a.length });
          // HEAPU8 is re-read after malloc: memory growth replaces the buffer.
          m.HEAPU8.set(a, ptr);
        }
        return fn(held);
      } finally {
        if (!this.#broken) for (const h of held) m._free(h.ptr);
      }
    });
  }

  // The one guard: wasm traps and aborts become EngineError, and the
  // instance is retired.
  #guard(fn) {
    if (this.#broken) throw new EngineError('engine is unusable after an earlier failure', { cause: this.#broken });
    try {
      return fn();
    } catch (e) {
      if (e instanceof EngineError) throw e;
      this.#broken = e;
      throw new EngineError(`engine failure: ${e && e.message ? e.message : e}`, { cause: e });
    }
  }
}

/**
 * @param {{wasmBinary?: ArrayBuffer|Uint8Array, locateFile?: Function}} options
 *   In Node pass wasmBinary (the .wasm bytes); browsers fetch it next to
 *   this module.
 */
// `ofd: true`: the engine that reads OFD packages too (sealcheck_engine_ofd,
// fetched only then); the default reads PDF only and is the smaller one.
export async function createEngine({ ofd = false, ...options } = {}) {
  const factory = ofd ? (await import('./sealcheck_engine_ofd.mjs')).default : createSealcheckEngine;
  return new Engine(await factory({ ...options }), ofd);
}
