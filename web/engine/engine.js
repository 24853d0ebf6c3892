// The engine's JavaScript face: an ES module with an async factory, the same
// in the browser (inside a Web Worker), in Node and in Jest.
//
// It is the one error guard between C++ and JS: anything the wasm side
// throws or aborts with becomes an EngineError, and after an abort the
// instance refuses further work (its heap may be inconsistent).
import createSealcheckEngine from './sealcheck_engine.mjs';

export class EngineError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'EngineError';
  }
}

export class Engine {
  #module;
  #broken = null;

  constructor(module) {
    this.#module = module;
  }

  /**
   * Verifies one PDF.
   * @param {Uint8Array} bytes the file
   * @param {object} options
   *   anchorsPem: trust anchors (PEM), used with the engine's built-in ones
   *   unless builtinTrust is false; at: the validation time in Unix seconds
   *   (default: now); fileName: echoed in the report; revocation:
   *   {manifest: Uint8Array, signature: Uint8Array, shardIndex?: number,
   *   shard?: Uint8Array, minListNumber?: number} and trustList: {json:
   *   Uint8Array, signature: Uint8Array} (without them the verdict is at best
   *   indeterminate); sm2Id: the SM2 distinguishing ID ('' means
   *   1234567812345678).
   * @returns {object} the report (INTERFACES.md JSON)
   */
  verify(bytes, options = {}) {
    return JSON.parse(this.verifyJson(bytes, options));
  }

  /** Same as verify(), as the exact JSON text (identical to the native CLI's). */
  verifyJson(bytes, {
    anchorsPem = '', at = Math.floor(Date.now() / 1000), fileName = 'document.pdf', revocation = null, trustList = null,
    builtinTrust = true, sm2Id = '',
  } = {}) {
    const empty = new Uint8Array(0);
    const r = revocation ?? {};
    const t = trustList ?? {};
    const buffers = [bytes, r.manifest ?? empty, r.signature ?? empty, r.shard ?? empty, t.json ?? empty, t.signature ?? empty];
    return this.#withBuffers(buffers, ([pdf, manifest, signature, shard, tl, ts]) => this.#module.verifyJson(
      pdf.ptr, pdf.len, anchorsPem, at, fileName, manifest.ptr, manifest.len, signature.ptr, signature.len,
      r.shard ? (r.shardIndex ?? -1) : -1, shard.ptr, shard.len, r.minListNumber ?? 0, tl.ptr, tl.len, ts.ptr, ts.len,
      Boolean(builtinTrust), String(sm2Id)));
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
export async function createEngine(options = {}) {
  return new Engine(await createSealcheckEngine({ ...options }));
}
