// SM2 signatures by sm-crypto (npm), not by our code, for the OFD corpus
// (make_ofd.py). stdin: JSON [{key: private key hex, message: hex, id?}];
// stdout: JSON [DER signature hex], in order.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const { sm2 } = createRequire(import.meta.url)('sm-crypto');
const jobs = JSON.parse(readFileSync(0, 'utf8'));
const out = jobs.map(({ key, message, id }) => {
  const bytes = Array.from(Buffer.from(message, 'hex'));
  const publicKey = sm2.getPublicKeyFromPrivateKey(key);
  return sm2.doSignature(bytes, key, { hash: true, der: true, publicKey, userId: id ?? '1234567812345678' });
});
process.stdout.write(JSON.stringify(out));
