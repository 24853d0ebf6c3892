// Loads the wasm engine from a built dist/ in Node (scripts and Jest).
// Node gets the .wasm bytes handed in (wasmBinary): the web,worker glue
// would otherwise try to fetch() a file: URL.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = process.env.SEALCHECK_DIST ?? join(repoRoot, 'dist');

export async function loadEngine(dir = distDir) {
  const wasmBinary = await readFile(join(dir, 'engine', 'sealcheck_engine.wasm'));
  const { createEngine } = await import(pathToFileURL(join(dir, 'engine', 'engine.js')).href);
  return createEngine({ wasmBinary });
}
