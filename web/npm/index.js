// sealcheck as an npm package: the verifier engine (WebAssembly) for Node
// and browsers. createEngine() is the async factory; in Node it reads the
// .wasm beside this file, in a browser the loader fetches it from there.
import { createEngine as create, EngineError, OPTIONS } from './engine/engine.js';

export { EngineError, OPTIONS };

export async function createEngine(options = {}) {
  const inNode = typeof process !== 'undefined' && Boolean(process.versions?.node);
  if (inNode && !options.wasmBinary) {
    const { readFile } = await import('node:fs/promises');
    const wasmBinary = await readFile(new URL('./engine/sealcheck_engine.wasm', import.meta.url));
    const engine = await create({ ...options, wasmBinary });
    // In Node the GBK table is at hand: given at once (a browser host gives
    // it when a report names it in needs_table).
    engine.setTable('gbk', new Uint8Array(await readFile(new URL('./engine/gbk.bin', import.meta.url))));
    return engine;
  }
  return create(options);
}
