// Seals a corpus PDF with an independent implementation, @signpdf (node-forge
// CMS, its own placeholder writer), so our verifier is not only graded on
// files our own signer wrote.
//
//   node tests/corpus/make_external.mjs BASE.pdf SEAL.p12 OUT.pdf
import { readFileSync, writeFileSync } from 'node:fs';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';

const [base, p12, out] = process.argv.slice(2);
const signingTime = new Date('2025-06-01T10:00:00+08:00');
const withPlaceholder = plainAddPlaceholder({
  pdfBuffer: readFileSync(base),
  reason: 'sealcheck test corpus: external signer',
  contactInfo: 'test@sealcheck.invalid',
  name: 'External signer (@signpdf)',
  location: 'nowhere',
  signingTime,
});
const signed = await new SignPdf().sign(withPlaceholder, new P12Signer(readFileSync(p12), { passphrase: 'corpus' }), signingTime);
writeFileSync(out, signed);
console.log(`  ${out.split('/').pop()} (${signed.length} bytes, signed by @signpdf)`);
