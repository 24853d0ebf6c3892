// Module Web Worker hosting the engine, so the page never freezes.
// Protocol (promise RPC, see engine_client.js):
//   in:  {id, type: 'ready'} -> resolves once the engine is instantiated
//        {id, type: 'verify', bytes: ArrayBuffer (transferred), anchorsPem, at, fileName}
//   out: {id, ok: true, result} | {id, ok: false, error}
import { createEngine } from './engine.js';

const enginePromise = createEngine();

self.addEventListener('message', async (event) => {
  const { id, type } = event.data;
  try {
    const engine = await enginePromise;
    if (type === 'ready') {
      self.postMessage({ id, ok: true, result: true });
      return;
    }
    if (type !== 'verify') throw new Error(`unknown request ${type}`);
    const { bytes, anchorsPem, at, fileName } = event.data;
    const result = engine.verify(new Uint8Array(bytes), { anchorsPem, at, fileName });
    self.postMessage({ id, ok: true, result });
  } catch (e) {
    self.postMessage({ id, ok: false, error: String(e && e.message ? e.message : e) });
  }
});
