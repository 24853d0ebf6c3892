// Reads a published revocation list directory (what `sealcheck publish`
// writes) the way a client fetches it: the manifest, its signature, and the
// one shard a file's certificate number falls in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function revocationFor(engine, listsDir, bytes) {
  const dir = join(listsDir, 'revocations');
  const manifest = new Uint8Array(readFileSync(join(dir, 'manifest.json')));
  const signature = new Uint8Array(readFileSync(join(dir, 'manifest.sig')));
  return engine.revocationFor(bytes, { manifest, signature }, (file) => new Uint8Array(readFileSync(join(dir, file))));
}

export function trustListFrom(listsDir) {
  return {
    json: new Uint8Array(readFileSync(join(listsDir, 'trust-list.json'))),
    signature: new Uint8Array(readFileSync(join(listsDir, 'trust-list.sig'))),
  };
}

// The command-line arguments that hand a CLI (native or scripts/verify.mjs)
// an anchor and a published lists directory, judged at `at`.
export function listArgs(rootPem, listsDir, at) {
  return ['--json', '--at', at, '--trust', rootPem, '--trust', join(listsDir, 'trust-list.json'), '--revocations', listsDir];
}
