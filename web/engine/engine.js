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
   * @param {{anchorsPem?: string, at?: number, fileName?: string}} options
   *   anchorsPem: trust anchors (PEM); at: validation time in Unix seconds
   *   (default: now); fileName: echoed in the report.
   * @returns {object} the report (INTERFACES.md JSON)
   */
  verify(bytes, { anchorsPem = '', at = Math.floor(Date.now() / 1000), fileName = 'document.pdf' } = {}) {
    return JSON.parse(this.verifyJson(bytes, { anchorsPem, at, fileName }));
  }

  /** Same as verify(), as the exact JSON text (identical to the native CLI's). */
  verifyJson(bytes, { anchorsPem = '', at = Math.floor(Date.now() / 1000), fileName = 'document.pdf' } = {}) {
    return this.#withBytes(bytes, (ptr, len) => this.#module.verifyJson(ptr, len, anchorsPem, at, fileName));
  }

  /** The report for a file that could not be read (JSON text). */
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

  #withBytes(bytes, fn) {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array');
    const m = this.#module;
    return this.#guard(() => {
      const ptr = m._malloc(Math.max(1, bytes.length));
      if (!ptr) throw new EngineError(`out of memory for a ${bytes.length}-byte file`);
      try {
        // HEAPU8 is re-read after malloc: memory growth replaces the buffer.
        m.HEAPU8.set(bytes, ptr);
        return fn(ptr, bytes.length);
      } finally {
        if (!this.#broken) m._free(ptr);
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
