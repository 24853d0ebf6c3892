// Seals corpus PDFs with an independent implementation, @signpdf (node-forge
// CMS, its own placeholder writer), so our verifier is not only graded on
// files our own signer wrote.
//
//   node tests/corpus/make_external.mjs BASE.pdf SEAL.p12 OUT.pdf
//   node tests/corpus/make_external.mjs --jobs KEYS_DIR/external-jobs.tsv OUT_DIR
//
// A jobs file has one line per file: output name, base PDF, key stem (its
// STEM.p12 beside the jobs file) and the signing time, ISO 8601 or "none"
// for a seal that states no time (no signingTime attribute, no /M). A time
// may carry a form before it:
//   pades:TIME      no signingTime attribute, the time in /M only (PAdES)
//   noattrs:TIME    no signed attributes at all (PKCS#7 over the content's
//                   digest), the time in /M
//   m-earlier:TIME  signingTime TIME, /M thirty days earlier
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import forge from 'node-forge';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { Signer } from '@signpdf/utils';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';

// node-forge's PKCS#7 with only contentType and messageDigest signed: what
// P12Signer does, minus the signingTime it always adds.
class TimelessP12Signer extends Signer {
  #p12;
  #attributes;

  // attributes: false for no signed attributes at all.
  constructor(p12, passphrase, attributes = true) {
    super();
    this.#attributes = attributes;
    this.#p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase);
  }

  async sign(pdfBuffer) {
    const certs = this.#p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag].map((b) => b.cert);
    const key = this.#p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag][0].key;
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
    for (const c of certs) p7.addCertificate(c);
    const certificate = certs.find((c) => c.publicKey.n.compareTo(key.n) === 0);
    p7.addSigner({
      key,
      certificate,
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: this.#attributes
        ? [{ type: forge.pki.oids.contentType, value: forge.pki.oids.data }, { type: forge.pki.oids.messageDigest }]
        : [],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

// "D:YYYYMMDDHHmmSSZ" as the placeholder writer spells /M, for a date.
function pdfDate(d) {
  return `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

async function seal(basePdf, p12, out, job) {
  const [form, when] = job.includes(':') && !/^\d/.test(job) ? [job.slice(0, job.indexOf(':')), job.slice(job.indexOf(':') + 1)] : ['', job];
  if (!['', 'pades', 'noattrs', 'm-earlier'].includes(form)) throw new Error(`unknown form ${form}`);
  const signingTime = when === 'none' ? undefined : new Date(when);
  let withPlaceholder = plainAddPlaceholder({
    pdfBuffer: readFileSync(basePdf),
    reason: 'sealcheck test corpus: external signer',
    contactInfo: 'test@sealcheck.invalid',
    name: 'External signer (@signpdf)',
    location: 'nowhere',
    signingTime: signingTime ?? new Date('2000-01-01T00:00:00Z'),
  });
  let signer = new P12Signer(readFileSync(p12), { passphrase: 'corpus' });
  if (!signingTime) {
    // The placeholder writer always writes /M: blank it (same length, before
    // the byte range is computed) so the seal states no time anywhere.
    const text = withPlaceholder.toString('latin1').replace(/\/M \(D:[^)]*\)/, (m) => ' '.repeat(m.length));
    withPlaceholder = Buffer.from(text, 'latin1');
    signer = new TimelessP12Signer(readFileSync(p12), 'corpus');
  }
  if (form === 'pades' || form === 'noattrs') signer = new TimelessP12Signer(readFileSync(p12), 'corpus', form === 'pades');
  if (form === 'm-earlier') {
    // /M rewritten before the byte range is computed: the seal covers both.
    const text = withPlaceholder.toString('latin1');
    const m = text.match(/\/M \((D:[^)]*)\)/);
    if (!m) throw new Error('the placeholder wrote no /M');
    const earlier = pdfDate(new Date(signingTime.getTime() - 30 * 86400 * 1000)).padEnd(m[1].length, ' ');
    if (earlier.length !== m[1].length) throw new Error(`/M ${m[1]} and ${earlier} differ in length`);
    withPlaceholder = Buffer.from(text.replace(m[1], earlier), 'latin1');
  }
  const signed = await new SignPdf().sign(withPlaceholder, signer, signingTime);
  writeFileSync(out, signed);
  console.log(`  ${out.split('/').pop()} (${signed.length} bytes, signed by @signpdf)`);
}

const args = process.argv.slice(2);
if (args[0] === '--jobs') {
  const [, jobsFile, outDir] = args;
  const keys = dirname(jobsFile);
  for (const line of readFileSync(jobsFile, 'utf8').split('\n').filter(Boolean)) {
    const [name, base, stem, when] = line.split('\t');
    await seal(join(keys, base), join(keys, `${stem}.p12`), join(outDir, name), when);
  }
} else {
  const [base, p12, out] = args;
  await seal(base, p12, out, '2025-06-01T10:00:00+08:00');
}
