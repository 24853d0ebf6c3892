// sealcheck as an npm package: the verifier engine (WebAssembly) for Node
// and browsers. createEngine() is the async factory; in Node it reads the
// .wasm beside this file, in a browser the loader fetches it from there.
// `ofd`: the engine that reads OFD documents too (the default in Node; in a
// browser the smaller PDF-only engine is the default).
import { createEngine as create, EngineError, OPTIONS } from './engine/engine.js';

export { EngineError, OPTIONS };

export async function createEngine(options = {}) {
  const inNode = typeof process !== 'undefined' && Boolean(process.versions?.node);
  const ofd = options.ofd ?? inNode;
  if (inNode && !options.wasmBinary) {
    const { readFile } = await import('node:fs/promises');
    const file = ofd ? './engine/sealcheck_engine_ofd.wasm' : './engine/sealcheck_engine.wasm';
    const wasmBinary = await readFile(new URL(file, import.meta.url));
    const engine = await create({ ...options, ofd, wasmBinary });
    // In Node the GBK table is at hand: given at once (a browser host gives
    // it when a report names it in needs_table).
    engine.setTable('gbk', new Uint8Array(await readFile(new URL('./engine/gbk.bin', import.meta.url))));
    return engine;
  }
  return create({ ...options, ofd });
}
