// Loads the wasm engine from a built dist/ in Node (scripts and Jest).
// Node gets the .wasm bytes handed in (wasmBinary): the web,worker glue
// would otherwise try to fetch() a file: URL.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = process.env.SEALCHECK_DIST ?? join(repoRoot, 'dist');

// Node has the files at hand: the GBK table is given at once, as the
// native CLI has it compiled in, so both read every page alike. Node takes
// the engine that reads OFD too (`{ ofd: false }`: the page's PDF-only one).
export async function loadEngine(dir = distDir, { ofd = true } = {}) {
  const name = ofd ? 'sealcheck_engine_ofd.wasm' : 'sealcheck_engine.wasm';
  const wasmBinary = await readFile(join(dir, 'engine', name));
  const { createEngine } = await import(pathToFileURL(join(dir, 'engine', 'engine.js')).href);
  const engine = await createEngine({ wasmBinary, ofd });
  if (!engine.setTable('gbk', new Uint8Array(await readFile(join(dir, 'engine', 'gbk.bin'))))) {
    throw new Error('engine/gbk.bin is not the GBK table');
  }
  return engine;
}
