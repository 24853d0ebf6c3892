// sealcheck beside its peers, poppler's pdfsig and mupdf's mutool (Debian
// packages), on the same files (scripts/bench.sh runs this; never a test):
//   timing  — median wall-clock ms per file for a whole process of each tool;
//   attacks — for every corpus file that must not be valid, what each tool
//             reports, and whether it *accepts* the file.
// "Accepts" means the tool's headline says all is well: pdfsig prints
// "Signature is Valid" and "Certificate is Trusted" for every signature
// (its NSS database trusts the corpus root); mutool says "The document is
// unchanged since signing" with no verification error (mutool has no trust
// store, so trust is not asked of it); sealcheck's verdict is "valid".
//   node scripts/bench_peers.mjs timing RUNS ROOT_PEM LISTS_DIR FILE...
//   node scripts/bench_peers.mjs attacks
// Prints Markdown.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { repoRoot } from './lib/node_engine.mjs';

const cli = join(repoRoot, 'build', 'native', 'sealcheck');
const corpus = join(repoRoot, 'tests', 'corpus');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60000 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message} (is it installed? scripts/setup.sh installs it)`);
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

// An NSS database trusting one root, for pdfsig.
function nssTrusting(rootPem) {
  const dir = mkdtempSync(join(tmpdir(), 'sealcheck-nss-'));
  run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  run('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'root', '-t', 'CT,C,C', '-i', rootPem]);
  return dir;
}

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timed(runs, cmd, args) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    run(cmd, args);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(ms).toFixed(1);
}

function pdfsigSays(out) {
  const sigs = out.split(/^Signature #\d+:/m).slice(1);
  if (sigs.length === 0) return { accepted: false, text: out.includes('does not contain any signatures') ? 'no signature' : 'error' };
  const valid = sigs.every((s) => s.includes('Signature is Valid'));
  const trusted = sigs.every((s) => s.includes('Certificate is Trusted'));
  const partial = sigs.some((s) => s.includes('Not total document signed'));
  const text = [valid ? 'signature valid' : 'signature not valid', trusted ? 'trusted' : 'not trusted',
    partial ? '“not total document signed”' : null].filter(Boolean).join(', ');
  return { accepted: valid && trusted, text };
}

function mutoolSays(out) {
  if (!/Verifying signature/.test(out)) return { accepted: false, text: 'no signature' };
  const unchanged = /The document is unchanged since signing/.test(out);
  const verifyError = /Verification error|Digest error: (?!Unknown error)|signature is not valid/i.test(out) ||
    /Signature information missing/.test(out);
  const edited = /there have been edits since signing/.test(out);
  const text = unchanged && !verifyError ? 'unchanged since signing' : edited ? 'valid, but edited since signing'
    : verifyError ? 'verification error' : 'not verified';
  return { accepted: unchanged && !verifyError, text };
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'timing') {
  const [runsArg, rootPem, listsDir, ...files] = rest;
  const runs = Number(runsArg);
  const nss = nssTrusting(rootPem);
  try {
    console.log('| file | bytes | sealcheck (native) | sealcheck (wasm, Node) | pdfsig | mutool sign -v |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const f of files) {
      const L = ['--trust', rootPem, '--trust', join(listsDir, 'trust-list.json'), '--revocations', listsDir];
      console.log(`| ${basename(f)} | ${readFileSync(f).length} | ${timed(runs, cli, ['verify', ...L, f])} | ` +
        `${timed(runs, 'node', [join(repoRoot, 'scripts', 'verify.mjs'), ...L, f])} | ` +
        `${timed(runs, 'pdfsig', ['-nssdir', `sql:${nss}`, f])} | ${timed(runs, 'mutool', ['sign', '-v', f])} |`);
    }
  } finally {
    rmSync(nss, { recursive: true, force: true });
  }
} else if (mode === 'attacks') {
  const expectations = readFileSync(join(corpus, 'expectations.txt'), 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#')).map((l) => l.split(' '));
  const nss = nssTrusting(join(corpus, 'trust', 'root.pem'));
  // Domain rules (annotation, revocation, the right seal, certificate data)
  // are sealcheck's own; peers cannot know them. Listed apart.
  const domain = /^(annotation-|post2021-|revoked|wrong-seal|sealed-without-certificate-data)/;
  const tables = { pdf: { rows: [], counts: { sealcheck: 0, pdfsig: 0, mutool: 0 } },
    domain: { rows: [], counts: { sealcheck: 0, pdfsig: 0, mutool: 0 } } };
  try {
    for (const [file, expected] of expectations) {
      if (expected === 'valid') continue;
      const path = join(corpus, 'files', file);
      const ours = run(cli, ['verify', '--json', '--at', '2025-06-02', '--trust', join(corpus, 'trust', 'root.pem'),
        '--trust', join(corpus, 'lists', 'trust-list.json'), '--revocations', join(corpus, 'lists'), path]);
      const verdict = JSON.parse(ours.out.split('\n')[0]).verdict;
      const p = pdfsigSays(run('pdfsig', ['-nssdir', `sql:${nss}`, path]).out);
      const m = mutoolSays(run('mutool', ['sign', '-v', path]).out);
      const { rows, counts } = domain.test(file) ? tables.domain : tables.pdf;
      counts.sealcheck += verdict === 'valid';
      counts.pdfsig += p.accepted;
      counts.mutool += m.accepted;
      const mark = (accepted, text) => (accepted ? `**accepts** (${text})` : text);
      rows.push(`| \`${file}\` | ${mark(verdict === 'valid', verdict)} | ${mark(p.accepted, p.text)} | ${mark(m.accepted, m.text)} |`);
    }
  } finally {
    rmSync(nss, { recursive: true, force: true });
  }
  const version = (cmd, args, re) => (run(cmd, args).out.match(re) ?? ['', '?'])[1];
  const header = `| sealcheck | pdfsig ${version('pdfsig', ['-v'], /pdfsig version ([\d.]+)/)} | ` +
    `mutool ${version('mutool', ['-v'], /mutool version ([\d.]+)/)} |`;
  for (const [name, title] of [['pdf', 'PDF-signature attacks and bad input'], ['domain', 'domain rules (peers cannot know them)']]) {
    const { rows, counts } = tables[name];
    console.log(`| ${title}: corpus file ${header}`);
    console.log('| --- | --- | --- | --- |');
    for (const r of rows) console.log(r);
    console.log(`| **files accepted** (of ${rows.length}) | **${counts.sealcheck}** | **${counts.pdfsig}** | **${counts.mutool}** |`);
    console.log();
  }
} else {
  console.error('usage: node scripts/bench_peers.mjs timing RUNS ROOT_PEM LISTS_DIR FILE... | attacks');
  process.exit(64);
}
