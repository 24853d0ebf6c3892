// Main-thread side of the worker RPC: request ids, transferred buffers, and
// terminate() rejecting whatever is still pending.
export class EngineClient {
  #worker;
  #pending = new Map();
  #nextId = 1;

  constructor(workerUrl) {
    this.#worker = new Worker(workerUrl, { type: 'module' });
    this.#worker.addEventListener('message', (event) => {
      const { id, ok, result, error } = event.data;
      const entry = this.#pending.get(id);
      if (!entry) return;
      this.#pending.delete(id);
      if (ok) entry.resolve(result);
      else entry.reject(new Error(error));
    });
    this.#worker.addEventListener('error', (event) => {
      this.#rejectAll(new Error(`engine worker failed: ${event.message || 'unknown error'}`));
    });
  }

  /** Resolves to {maxFileBytes} once the worker has instantiated the engine. */
  ready() {
    return this.#request({ type: 'ready' });
  }

  /** The report for a file too large to read (not sent to the worker). */
  oversized({ at, fileName }) {
    return this.#request({ type: 'oversized', at, fileName });
  }

  /** @param {ArrayBuffer} buffer transferred to the worker (detached here). */
  // options: the engine's (OPTIONS in engine.js) but the lists, which the
  // worker fetches from listsUrl (minListNumber: the highest list seen).
  ofdPage(buffer, page) {
    return this.#request({ type: 'ofdPage', bytes: buffer, page }, [buffer]);
  }

  verify(buffer, { listsUrl, minListNumber, ...options }) {
    return this.#request({ type: 'verify', bytes: buffer, listsUrl, minListNumber, options }, [buffer]);
  }

  #request(message, transfer = []) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, ...message }, transfer);
    });
  }

  terminate() {
    this.#worker.terminate();
    this.#rejectAll(new Error('verification cancelled'));
  }

  #rejectAll(error) {
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}
