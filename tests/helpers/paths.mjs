// Where the built artefacts the JS suites test live. The suites need
// scripts/build.sh and scripts/demo.sh --no-serve to have run (scripts/test.sh
// does both); they fail loudly, not silently, when something is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, distDir } from '../../scripts/lib/node_engine.mjs';

export { repoRoot, distDir };
export const nativeCli = join(repoRoot, 'build', 'native', 'sealcheck');
export const demoDir = join(distDir, 'demo');

export function demoIndex(name = 'index.json') {
  const index = join(demoDir, name);
  if (!existsSync(index)) throw new Error(`${index} is missing: run scripts/demo.sh --no-serve`);
  return JSON.parse(readFileSync(index, 'utf8'));
}

// The OFD demo certificates (dist/demo/index-ofd.json, the same shape).
export const demoOfdIndex = () => demoIndex('index-ofd.json');
