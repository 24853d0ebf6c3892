// The package's command line (bin/sealcheck.mjs) loads the engine through
// this, the package's own copy of scripts/lib/node_engine.mjs's interface.
import { createEngine } from '../../index.js';

export async function loadEngine() {
  return createEngine();
}
