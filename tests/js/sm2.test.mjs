// SM2/SM3 in the wasm engine against an independent implementation,
// sm-crypto from npm: our SM3 (a compact rewrite inside the wasm OpenSSL,
// scripts/openssl_trim.py) and our SM2 verification (with its
// distinguishing ID) must agree with it, so our encodings are not graded
// only by ourselves.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEngine } from '../../scripts/lib/node_engine.mjs';
import { nativeCli, repoRoot } from '../helpers/paths.mjs';
import { listArgs } from '../helpers/lists.mjs';

const require = createRequire(import.meta.url);
const { sm2, sm3 } = require('sm-crypto');

let engine;
beforeAll(async () => { engine = await loadEngine(); });

// A command's exit code, its stdout and stderr together, and stdout alone.
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
};

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const fromHex = (h) => new Uint8Array(Buffer.from(h, 'hex'));

test('SM3 agrees with sm-crypto on inputs of every block-boundary length', () => {
  for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 65536 + 7]) {
    const bytes = new Uint8Array(randomBytes(n));
    expect([n, engine.sm3(bytes)]).toEqual([n, sm3(Array.from(bytes))]);
  }
});

test('SM2 signatures made by sm-crypto verify, with the default ID', () => {
  for (let i = 0; i < 5; i++) {
    const keys = sm2.generateKeyPairHex();
    const message = new Uint8Array(randomBytes(1 + i * 97));
    const signature = sm2.doSignature(Array.from(message), keys.privateKey, { hash: true, der: true });
    const pub = fromHex(keys.publicKey);
    expect(engine.sm2Verify(pub, message, fromHex(signature))).toBe(true);
    const tampered = Uint8Array.from(message);
    tampered[0] ^= 1;
    expect(engine.sm2Verify(pub, tampered, fromHex(signature))).toBe(false);
    expect(engine.sm2Verify(fromHex(sm2.generateKeyPairHex().publicKey), message, fromHex(signature))).toBe(false);
  }
});

test('the distinguishing ID is part of what is signed', () => {
  const keys = sm2.generateKeyPairHex();
  const message = new TextEncoder().encode('职业资格电子证书');
  const id = 'ALICE123@YAHOO.COM';
  const signature = fromHex(sm2.doSignature(Array.from(message), keys.privateKey, { hash: true, der: true, userId: id }));
  const pub = fromHex(keys.publicKey);
  expect(engine.sm2Verify(pub, message, signature, id)).toBe(true);
  expect(engine.sm2Verify(pub, message, signature)).toBe(false);
  // And sm-crypto agrees that the default ID does not fit this signature.
  expect(sm2.doVerifySignature(Array.from(message), hex(signature), keys.publicKey, { hash: true, der: true })).toBe(false);
});

// An SM2 demo PKI end to end: SM2 root and seals (certificates SM2-with-SM3
// and the default ID), a sealed sample, SM2-signed lists; native and wasm
// give the same valid verdict, and OpenSSL's own `verify` accepts the
// certificates with the same distinguishing ID.
test('an SM2 PKI: issue, publish, verify (native = wasm), certificates checked by openssl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealcheck-sm2-'));
  try {
    const pki = join(dir, 'pki');
    expect(run(nativeCli, ['pki', 'init', '--dir', pki, '--algo', 'sm2']).code).toBe(0);
    expect(run(nativeCli, ['sample', '--pki', pki, '--out', join(dir, 'sm2.pdf')]).code).toBe(0);
    expect(run(nativeCli, ['publish', '--pki', pki, '--ledger', join(dir, 'ledger.db'), '--out', join(dir, 'lists')]).code).toBe(0);
    const openssl = run('openssl', ['verify', '-CAfile', join(pki, 'root.pem'), '-vfyopt', 'distid:1234567812345678',
      join(pki, 'seal-auction.pem')]);
    expect(openssl.out).toContain(': OK');
    // A fixed validation time (an hour on), so both runs print the same.
    const at = new Date(Date.now() + 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
    const args = [...listArgs(join(pki, 'root.pem'), join(dir, 'lists'), at), join(dir, 'sm2.pdf')];
    const native = run(nativeCli, ['verify', ...args]);
    const wasm = run('node', [join(repoRoot, 'scripts', 'verify.mjs'), ...args]);
    expect(wasm.stdout).toBe(native.stdout);
    const report = JSON.parse(native.stdout);
    expect(report.checks.filter((c) => c.status !== 'pass').map((c) => c.code)).toEqual([]);
    expect(report.verdict).toBe('valid');
    expect(report.seal.algorithm).toBe('SM3 with SM2');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The issuer's GB/T 38540 path: an SM2 PKI's seal maker signs each seal's
// SESeal; a certificate issued and annotated with --seal-format gbt38540
// is valid (native = wasm) and its card names the seal from the SESeal.
test('an SM2 PKI issues and annotates with GB/T 38540 seals (native = wasm)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealcheck-ses-'));
  try {
    const pki = join(dir, 'pki');
    const L = ['--pki', pki, '--ledger', join(dir, 'ledger.db')];
    expect(run(nativeCli, ['pki', 'init', '--dir', pki, '--algo', 'sm2', '--at', '2025-01-01']).code).toBe(0);
    writeFileSync(join(dir, 'cert.json'), JSON.stringify({
      number: 'SES-2025-0001', management_number: 'M-1', holder: '测试', gender: '女', id_type: '居民身份证',
      id_number: '110101199001011234', qualification: '一级建造师', level: '', specialty: '建筑工程',
      approval_date: '2025-03-01', issue_date: '2025-03-01', issuing_body: '中华人民共和国人力资源和社会保障部',
    }));
    const issued = run(nativeCli, ['issue', ...L, '--data', join(dir, 'cert.json'), '--out', join(dir, 'issued.pdf'),
      '--at', '2025-03-01T10:00:00+08:00', '--seal-format', 'gbt38540']);
    expect(issued.out).toContain('issued SES-2025-0001');
    const annotated = run(nativeCli, ['annotate', ...L, '--in', join(dir, 'issued.pdf'), '--scenario', '本人调用',
      '--from', '2025-03-10', '--days', '90', '--out', join(dir, 'annotated.pdf'), '--at', '2025-03-10T09:00:00+08:00',
      '--seal-format', 'gbt38540']);
    expect(annotated.out).toContain('annotated SES-2025-0001');
    expect(run(nativeCli, ['publish', ...L, '--out', join(dir, 'lists'), '--at', '2025-04-01T00:00:00+08:00']).code).toBe(0);
    const args = [...listArgs(join(pki, 'root.pem'), join(dir, 'lists'), '2025-04-01T12:00:00+08:00'),
      join(dir, 'annotated.pdf')];
    const native = run(nativeCli, ['verify', ...args]);
    const wasm = run('node', [join(repoRoot, 'scripts', 'verify.mjs'), ...args]);
    expect(wasm.stdout).toBe(native.stdout);
    const report = JSON.parse(native.stdout);
    expect(report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}=${c.code}`)).toEqual([]);
    expect(report.verdict).toBe('valid');
    expect(report.checks.find((c) => c.id === 'eseal').code).toBe('eseal-intact');
    expect(report.seal.algorithm).toBe('SM3 with SM2 (GB/T 38540)');
    expect(report.seal.eseal.name).toContain('人力资源和社会保障部');
    expect(report.seal.eseal.maker).toContain('DEMO SEAL MAKER');
    // An ECDSA PKI has no SESeal to carry: refused, not silently a CMS seal.
    expect(run(nativeCli, ['pki', 'init', '--dir', join(dir, 'ec')]).code).toBe(0);
    const refused = run(nativeCli, ['sample', '--pki', join(dir, 'ec'), '--out', join(dir, 'x.pdf'), '--seal-format', 'gbt38540']);
    expect([refused.code, refused.out]).toEqual([1, expect.stringContaining('no GB/T 38540 seals')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// GB/T 38540 seals of the corpus, taken apart here by a DER walk of our
// own (not the engine's reader) and checked by sm-crypto: the genuine seal's
// document digest and both signatures (signer over TBS_Sign, seal maker over
// SES_SealInfo) hold for an independent implementation, and each forgery
// fails it where the engine says it does.
describe('GB/T 38540 corpus seals, checked by sm-crypto', () => {
  const der = (buf, at = 0) => {
    const tag = buf[at];
    let len = buf[at + 1];
    let hdr = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + buf[at + 2 + i];
      hdr += n;
    }
    return { tag, whole: buf.subarray(at, at + hdr + len), value: buf.subarray(at + hdr, at + hdr + len), end: at + hdr + len };
  };
  const children = (tlv) => {
    const out = [];
    for (let at = 0; at < tlv.value.length; at = out[out.length - 1].end) out.push(der(tlv.value, at));
    return out;
  };
  // The uncompressed point of a certificate's subjectPublicKeyInfo.
  const publicKeyHex = (certDer) => {
    const tbs = children(children(der(certDer))[0]);
    const spki = children(tbs[tbs[0].tag === 0xa0 ? 6 : 5]);
    return hex(spki[1].value.subarray(1));
  };
  const open = (name, userId) => {
    const pdf = new Uint8Array(readFileSync(join(repoRoot, 'tests', 'corpus', 'files', name)));
    const text = Buffer.from(pdf).toString('latin1');
    const range = text.match(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/).slice(1).map(Number);
    const contents = fromHex(text.slice(range[1] + 1, range[2] - 1));
    const covered = new Uint8Array([...pdf.subarray(range[0], range[0] + range[1]), ...pdf.subarray(range[2], range[2] + range[3])]);
    const [toSign, cert, alg, signature] = children(der(contents));
    const [version, eseal, , dataHash] = children(toSign);
    const [info, makerCert, sealAlg, signedValue] = children(eseal);
    return {
      version: version.value[0],
      algorithms: [alg, sealAlg].map((a) => hex(a.value)),
      digestMatches: hex(dataHash.value.subarray(1)) === sm3(Array.from(covered)),
      signerSigned: sm2.doVerifySignature(Array.from(toSign.whole), hex(signature.value.subarray(1)),
        publicKeyHex(cert.value), { hash: true, der: true, ...(userId && { userId }) }),
      makerSigned: sm2.doVerifySignature(Array.from(info.whole), hex(signedValue.value.subarray(1)),
        publicKeyHex(makerCert.value), { hash: true, der: true }),
    };
  };
  const sm2WithSm3 = '2a811ccf55018375';

  test.each([
    ['genuine-gbt38540.pdf', { digestMatches: true, signerSigned: true, makerSigned: true }],
    ['genuine-gbt38540-cert-digests.pdf', { digestMatches: true, signerSigned: true, makerSigned: true }],
    // Both signatures genuine: only the validity period (or the list) is wrong.
    ['gbt38540-seal-expired.pdf', { digestMatches: true, signerSigned: true, makerSigned: true }],
    ['gbt38540-signer-not-in-seal.pdf', { digestMatches: true, signerSigned: true, makerSigned: true }],
    ['gbt38540-document-altered.pdf', { digestMatches: false, signerSigned: true, makerSigned: true }],
    ['gbt38540-signature-bad.pdf', { digestMatches: true, signerSigned: false, makerSigned: true }],
    ['gbt38540-other-distinguishing-id.pdf', { digestMatches: true, signerSigned: false, makerSigned: true }],
    ['gbt38540-maker-signature-bad.pdf', { digestMatches: true, signerSigned: true, makerSigned: false }],
  ])('%s', (name, expected) => {
    const seal = open(name);
    expect(seal.version).toBe(4);
    expect(seal.algorithms).toEqual([sm2WithSm3, sm2WithSm3]);
    expect({ digestMatches: seal.digestMatches, signerSigned: seal.signerSigned, makerSigned: seal.makerSigned })
      .toEqual(expected);
  });

  test('the other-ID forgery is a genuine signature under that ID (sm-crypto agrees)', () => {
    expect(open('gbt38540-other-distinguishing-id.pdf', 'ALICE123@YAHOO.COM').signerSigned).toBe(true);
  });
});
