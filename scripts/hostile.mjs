// Hostile inputs with bounded time and memory (scripts/bench.sh runs this;
// never a test): each file is generated, then verified by the native CLI and
// by the wasm engine under Node, each a whole process under /usr/bin/time.
// Prints a Markdown table: verdict and reason, wall time, peak memory (RSS).
//   node scripts/hostile.mjs PKI_DIR LISTS_DIR
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './lib/node_engine.mjs';
import * as hostile from './lib/hostile.mjs';

const [pki, lists] = process.argv.slice(2);
if (!pki || !lists) {
  console.error('usage: node scripts/hostile.mjs PKI_DIR LISTS_DIR');
  process.exit(64);
}
const cli = join(repoRoot, 'build', 'native', 'sealcheck');
const work = mkdtempSync(join(tmpdir(), 'sealcheck-hostile-'));

function timed(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 600000 });
  const [seconds, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  let verdict = `exit ${r.status}, no JSON`;
  try {
    const report = JSON.parse(r.stdout.split('\n')[0]);
    const why = report.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => `${c.id}=${c.code}`);
    verdict = `${report.verdict}${why.length ? ` (${why.join(', ')})` : ''}`;
  } catch {
    // verdict stays "no JSON": a crash would show here
  }
  return { verdict, seconds, mb: Math.round(kb / 1024) };
}

try {
  const sample = (name, pad) => {
    const out = join(work, name);
    spawnSync(cli, ['sample', '--pki', pki, '--out', out, '--text', name, '--pad', String(pad)], { stdio: 'ignore' });
    return out;
  };
  const small = readFileSync(sample('sealed-small.pdf', 0));
  const cases = [
    ['200 MB certificate, genuine seal over it all', sample('cert-200mb.pdf', 200 * 1024 * 1024)],
  ];
  const put = (name, bytes) => {
    const path = join(work, name);
    writeFileSync(path, bytes);
    return path;
  };
  // Over the limit: the sealed sample followed by 300 MB of comment bytes.
  cases.push(['300 MB file (over the 256 MB limit)',
    put('cert-300mb.pdf', Buffer.concat([small, Buffer.alloc(300 * 1024 * 1024, 0x25)]))]);
  cases.push(['arrays nested 1,000,000 deep', put('nesting.pdf', hostile.deepNesting(1000000))]);
  cases.push(['flate bomb: xref stream inflating to 4 GiB', put('flate-bomb.pdf', await hostile.flateBomb(4 * 1024 ** 3))]);
  cases.push(['xref /Prev loop', put('xref-loop.pdf', hostile.xrefLoop())]);
  cases.push(['object numbers near 2^32', put('huge-numbers.pdf', hostile.hugeObjectNumbers())]);
  cases.push(['10,000 signature dictionaries', put('many-signatures.pdf', hostile.manySignatures(small, 10000))]);
  cases.push(['20,000 incremental updates after the seal', put('many-revisions.pdf', hostile.manyRevisions(small, 20000))]);
  cases.push(['63 seals over a 20 MB file, each signing (nearly) all of it',
    put('many-seals.pdf', hostile.manySeals(readFileSync(sample('cert-20mb.pdf', 20 * 1024 * 1024)), 63))]);
  cases.push(['OFD: zip bomb, 4 GiB of zeros stated as 1 KB', put('zip-bomb.ofd', await hostile.ofdZipBomb(4 * 1024 ** 3 - 1))]);
  cases.push(['OFD: 10^5 entries', put('many-entries.ofd', hostile.ofdManyEntries(100000))]);
  cases.push(['OFD: one name twice, each with its own page', put('duplicate-names.ofd', hostile.ofdDuplicateNames())]);
  cases.push(['OFD: OFD.xml nested 1,000,000 deep', put('deep.ofd', hostile.ofdDeepXml(1000000))]);
  cases.push(['OFD: a billion-laughs OFD.xml', put('laughs.ofd', hostile.ofdBillionLaughs())]);

  // Page text is read only under a seal covering it: these are sealed with
  // the corpus key (make_corpus --seal) and checked against the corpus root.
  const sealedText = [
    ['page: a 10 MB content stream (5 million operators)', hostile.bigContentStream(10 * 1024 * 1024)],
    ['page: a ToUnicode CMap with 10^6 ranges', hostile.cmapRanges(1000000)],
    ['page: forms drawing the next twice, 40 deep, the last the first', hostile.recursiveForms(40)],
  ];
  const makeCorpus = join(repoRoot, 'build', 'native', 'tests', 'native', 'make_corpus');
  sealedText.forEach(([label, bytes], i) => {
    const raw = put(`text-${i}-raw.pdf`, bytes);
    const out = join(work, `text-${i}.pdf`);
    const r = spawnSync(makeCorpus, ['--seal', raw, out, join(repoRoot, 'tests', 'corpus', 'keys')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sealing ${label}: ${r.stderr}`);
    cases.push([label, out, 'corpus']);
  });

  console.log('| input | size | native: verdict | native s / MB | wasm (Node): verdict | wasm s / MB |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const demoLists = ['--json', '--trust', join(pki, 'root.pem'), '--trust', join(lists, 'trust-list.json'), '--revocations', lists];
  const corpusRoot = ['--json', '--no-builtin-trust', '--trust', join(repoRoot, 'tests', 'corpus', 'trust', 'root.pem'),
    '--at', '2025-06-02'];
  for (const [label, path, trust] of cases) {
    const L = trust === 'corpus' ? corpusRoot : demoLists;
    const n = timed(cli, ['verify', ...L, path]);
    const w = timed('node', [join(repoRoot, 'scripts', 'verify.mjs'), ...L, path]);
    const size = statSync(path).size;
    const human = size >= 1 << 20 ? `${(size / (1 << 20)).toFixed(0)} MB` : `${Math.ceil(size / 1024)} KB`;
    console.log(`| ${label} | ${human} | ${n.verdict} | ${n.seconds} / ${n.mb} | ${w.verdict} | ${w.seconds} / ${w.mb} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
