// Loads the wasm engine from a built dist/ in Node (scripts and Jest).
// Node gets the .wasm bytes handed in (wasmBinary): the web,worker glue
// would otherwise try to fetch() a file: URL.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = process.env.SEALCHECK_DIST ?? join(repoRoot, 'dist');

// Node has the files at hand: the GBK table is given at once, as the
// native CLI has it compiled in, so both read every page alike.
export async function loadEngine(dir = distDir) {
  const wasmBinary = await readFile(join(dir, 'engine', 'sealcheck_engine.wasm'));
  const { createEngine } = await import(pathToFileURL(join(dir, 'engine', 'engine.js')).href);
  const engine = await createEngine({ wasmBinary });
  if (!engine.setTable('gbk', new Uint8Array(await readFile(join(dir, 'engine', 'gbk.bin'))))) {
    throw new Error('engine/gbk.bin is not the GBK table');
  }
  return engine;
}
