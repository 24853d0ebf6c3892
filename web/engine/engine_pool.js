// Several engine workers behind the EngineClient interface, so a batch
// uses the machine's cores: each request goes to the least busy worker.
import { EngineClient } from './engine_client.js';

// A few workers at most: each holds an engine and its lists in memory.
export const MAX_WORKERS = 4;

export function poolSize(cores = globalThis.navigator?.hardwareConcurrency) {
  return Math.max(1, Math.min(MAX_WORKERS, Number.isInteger(cores) ? cores : 2));
}

export class EnginePool {
  #clients;
  #busy;

  constructor(workerUrl, size = poolSize()) {
    this.#clients = Array.from({ length: size }, () => new EngineClient(workerUrl));
    this.#busy = this.#clients.map(() => 0);
  }

  get size() {
    return this.#clients.length;
  }

  /** Resolves once every worker has its engine: {maxFileBytes}. */
  async ready() {
    const [first] = await Promise.all(this.#clients.map((c) => c.ready()));
    return first;
  }

  oversized(options) {
    return this.#on((c) => c.oversized(options));
  }

  verify(buffer, options) {
    return this.#on((c) => c.verify(buffer, options));
  }

  ofdPage(buffer, page) {
    return this.#on((c) => c.ofdPage(buffer, page));
  }

  terminate() {
    for (const c of this.#clients) c.terminate();
  }

  async #on(call) {
    const i = this.#busy.indexOf(Math.min(...this.#busy));
    this.#busy[i] += 1;
    try {
      return await call(this.#clients[i]);
    } finally {
      this.#busy[i] -= 1;
    }
  }
}
