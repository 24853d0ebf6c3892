#!/usr/bin/env node
// The wasm build's command line: same arguments and JSON as
// `sealcheck verify` (INTERFACES.md), computed by dist/engine.
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadEngine } from './lib/node_engine.mjs';

const EXIT_USAGE = 64;
const BENCH_WARMUP_RUNS = 50;
const USAGE = 'usage: node scripts/verify.mjs [verify] [--trust PATH]... [--no-builtin-trust] [--revocations DIR] [--sm2-id ID] [--at TIME] [--json] [--bench N] [--jobs N] FILE...\n';

class UsageError extends Error {}

function derToPem(der) {
  const b64 = Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}-----END CERTIFICATE-----\n`;
}

// --trust PATH: a certificate (PEM/DER), a signed trust list (NAME.json
// with NAME.sig beside it), or a directory of them — as the native CLI.
async function loadTrust(path, into) {
  const info = await stat(path).catch(() => null);
  if (!info) throw new UsageError(`--trust ${path}: no such file or directory`);
  const files = info.isDirectory()
    ? (await readdir(path)).sort().map((f) => join(path, f))
    : [path];
  let found = 0;
  for (const f of files) {
    if (!(await stat(f)).isFile() || f.endsWith('.sig')) continue;
    const data = await readFile(f);
    if (f.endsWith('.json')) {
      const signature = await readFile(f.replace(/\.json$/, '.sig')).catch(() => null);
      if (!signature) throw new UsageError(`--trust ${f}: no signature beside it`);
      // One signed trust list per run, as the native CLI: never replaced unseen.
      if (into.trustList) throw new UsageError(`--trust ${f}: a second signed trust list; give only one`);
      into.trustList = { json: new Uint8Array(data), signature: new Uint8Array(signature) };
    } else {
      into.pem += data.includes('-----BEGIN CERTIFICATE-----') ? data.toString('latin1') + '\n' : derToPem(data);
    }
    found += 1;
  }
  if (found === 0) throw new UsageError(`--trust ${path}: no certificate found`);
}

function parseArgs(argv) {
  const opts = { trust: [], builtinTrust: true, sm2Id: '', revocations: null, atText: null, json: false, bench: 0, jobs: 1, files: [] };
  const given = new Set();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      // Only --trust may be repeated: a second value of any other option
      // would replace the first unseen (as in the native CLI).
      if (a !== '--trust') {
        if (given.has(a)) throw new UsageError(`${a} given twice${a === '--revocations' ? '; give one revocation list' : ''}`);
        given.add(a);
      }
      return argv[++i];
    };
    if (a === '--trust') opts.trust.push(value());
    else if (a === '--no-builtin-trust') opts.builtinTrust = false;
    else if (a === '--sm2-id') {
      opts.sm2Id = value();
      if (opts.sm2Id.length === 0 || Buffer.byteLength(opts.sm2Id) > 8191) throw new UsageError('--sm2-id needs 1 to 8191 bytes');
    }
    else if (a === '--at') opts.atText = value();
    else if (a === '--json') opts.json = true;
    else if (a === '--bench') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 100000) throw new UsageError('--bench needs a count from 1 to 100000');
      opts.bench = n;
    } else if (a === '--jobs') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError('--jobs needs a count from 1 to 256');
      opts.jobs = n;
    } else if (a === '--revocations') {
      opts.revocations = value();
    }
    else if (a.length > 1 && a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else opts.files.push(a);
  }
  if (opts.files.length === 0) throw new UsageError('verify: no FILE given');
  if (opts.bench > 0 && opts.jobs > 1) throw new UsageError('--bench and --jobs do not go together');
  return opts;
}

// The file's bytes, or the reason it cannot be read, worded like the native
// CLI (strerror texts) so both print identical JSON.
const STRERROR = { EACCES: 'Permission denied', EIO: 'Input/output error', ENOMEM: 'Cannot allocate memory' };
async function readInput(file, maxBytes) {
  const info = await stat(file).catch(() => null);
  if (!info || !info.isFile()) return 'not a regular file';
  if (info.size > maxBytes) return TOO_LARGE;  // judged unread: bounded memory
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    return STRERROR[e.code] ?? e.message;
  }
}

const TOO_LARGE = Symbol('too large');

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

function printHuman(report, file) {
  const zh = { valid: '有效', invalid: '无效', indeterminate: '无法确定' }[report.verdict];
  console.log(`${file}: ${zh} / ${report.verdict}  (查验时间 validation time ${report.validation_time})`);
  for (const c of report.checks) {
    console.log(`  [${c.status.padEnd(4)}] ${c.id.padEnd(12)} ${c.message_zh} / ${c.message_en}${c.detail ? ` — ${c.detail}` : ''}`);
  }
}

async function main(argv) {
  const opts = parseArgs(argv);
  const trust = { pem: '', trustList: null };
  for (const t of opts.trust) await loadTrust(t, trust);
  const anchorsPem = trust.pem;
  const { trustList } = trust;
  let lists = null;
  if (opts.revocations) {
    const dir = join(opts.revocations, 'revocations');
    const [manifest, signature] = await Promise.all(
      ['manifest.json', 'manifest.sig'].map((f) => readFile(join(dir, f)).then((b) => new Uint8Array(b)).catch(() => null)));
    if (!manifest || !signature) throw new UsageError(`--revocations ${opts.revocations}: no revocations/manifest.json and .sig`);
    lists = { dir, manifest, signature };
  }
  const engine = await loadEngine();
  opts.at = Math.floor(Date.now() / 1000);
  if (opts.atText !== null) {
    opts.at = engine.parseTime(opts.atText);
    if (opts.at === null) throw new UsageError(`--at: not an ISO 8601 date or time: ${opts.atText}`);
  }
  const ctx = { anchorsPem, trustList, lists, at: opts.at, builtinTrust: opts.builtinTrust, sm2Id: opts.sm2Id };
  let anyInvalid = false;
  let anyIndeterminate = false;
  const report = (json, file) => {
    const r = JSON.parse(json);
    if (opts.json) console.log(json);
    else printHuman(r, file);
    anyInvalid ||= r.verdict === 'invalid';
    anyIndeterminate ||= r.verdict === 'indeterminate';
  };
  if (opts.jobs > 1 && opts.bench === 0) {
    // --jobs N: N worker threads, an engine each, take the files in turn;
    // reports print in the order the files were given.
    const results = await inWorkers(opts.files, Math.min(opts.jobs, opts.files.length), ctx);
    results.forEach((json, i) => report(json, opts.files[i]));
    return anyInvalid ? 1 : anyIndeterminate ? 2 : 0;
  }
  for (const file of opts.files) {
    const name = basename(file);
    if (opts.bench === 0) {
      report(await judge(engine, file, ctx), file);
      continue;
    }
    const bytes = await readInput(file, engine.maxFileBytes);
    if (typeof bytes === 'string' || bytes === TOO_LARGE) {
      process.stderr.write(`sealcheck: ${file}: ${bytes === TOO_LARGE ? 'file too large' : bytes}\n`);
      anyIndeterminate = true;
      continue;
    }
    const revocation = await revocationFor(engine, bytes, lists);
    const verifyOptions = { anchorsPem, at: opts.at, fileName: name, revocation, trustList, builtinTrust: opts.builtinTrust, sm2Id: opts.sm2Id };
    // V8 runs every wasm function in its baseline compiler first and
    // compiles the ones that run often with its optimising tier, in the
    // background: the first few dozen runs mix the two. Medians are of the
    // steady state, after untimed runs (the site's cold figure is measured
    // by scripts/bench_site.mjs).
    for (let k = 0; k < BENCH_WARMUP_RUNS; k++) {
      engine.verifyJson(bytes, verifyOptions);
      engine.sha256(bytes);
      engine.pageTextLines(bytes);
    }
    const verifyMs = [];
    const shaMs = [];
    const textMs = [];
    for (let k = 0; k < opts.bench; k++) {
      let t0 = performance.now();
      engine.verifyJson(bytes, verifyOptions);
      verifyMs.push(performance.now() - t0);
      t0 = performance.now();
      engine.sha256(bytes);
      shaMs.push(performance.now() - t0);
      t0 = performance.now();
      engine.pageTextLines(bytes);
      textMs.push(performance.now() - t0);
    }
    console.log(`bench file=${name} bytes=${bytes.length} verify_ms=${median(verifyMs).toFixed(3)} sha256_ms=${median(shaMs).toFixed(3)} text_ms=${median(textMs).toFixed(3)}`);
  }
  return anyInvalid ? 1 : anyIndeterminate ? 2 : 0;
}

// The manifest and the one shard this file's certificate falls in, as the
// native CLI reads them.
function revocationFor(engine, bytes, lists) {
  if (!lists || typeof bytes === 'string') return null;
  return engine.revocationFor(bytes, lists,
    (file) => readFile(join(lists.dir, file)).then((b) => new Uint8Array(b)).catch(() => null));
}

// One file's report (JSON text); an unreadable or oversized file is a
// verdict with a reason, as in the native CLI.
async function judge(engine, file, ctx) {
  const name = basename(file);
  const bytes = await readInput(file, engine.maxFileBytes);
  if (bytes === TOO_LARGE) return engine.oversizedJson({ at: ctx.at, fileName: name });
  if (typeof bytes === 'string') return engine.unreadableJson(bytes, { at: ctx.at, fileName: name });
  const revocation = await revocationFor(engine, bytes, ctx.lists);
  return engine.verifyJson(bytes, { anchorsPem: ctx.anchorsPem, at: ctx.at, fileName: name, revocation,
    trustList: ctx.trustList, builtinTrust: ctx.builtinTrust, sm2Id: ctx.sm2Id });
}

function inWorkers(files, count, ctx) {
  return new Promise((resolve, reject) => {
    const results = new Array(files.length);
    let next = 0;
    let left = files.length;
    const workers = Array.from({ length: count }, () => new Worker(new URL(import.meta.url), { workerData: ctx }));
    const feed = (w) => {
      if (next < files.length) w.postMessage({ i: next, file: files[next++] });
      else w.terminate();
    };
    for (const w of workers) {
      w.on('message', ({ i, json }) => {
        results[i] = json;
        if (--left === 0) resolve(results);
        feed(w);
      });
      w.on('error', reject);
      w.once('online', () => feed(w));
    }
  });
}

// A worker thread of --jobs: an engine of its own, one file at a time.
if (!isMainThread) {
  const engine = await loadEngine();
  parentPort.on('message', async ({ i, file }) => parentPort.postMessage({ i, json: await judge(engine, file, workerData) }));
}

// As the npm package's bin it is `sealcheck verify ...`, like the native CLI.
const argv = process.argv.slice(2);
if (argv[0] === 'verify') argv.shift();
if (isMainThread) main(argv).then(
  (code) => { process.exitCode = code; },
  (e) => {
    if (e instanceof UsageError) {
      process.stderr.write(`sealcheck: ${e.message}\n\n${USAGE}`);
      process.exitCode = EXIT_USAGE;
    } else {
      process.stderr.write(`sealcheck: ${e.stack ?? e}\n`);
      process.exitCode = 1;
    }
  },
);
