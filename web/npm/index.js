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
    return create({ ...options, wasmBinary });
  }
  return create(options);
}
