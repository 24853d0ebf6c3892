// Module Web Worker hosting the engine, so the page never freezes.
// Protocol (promise RPC, see engine_client.js):
//   in:  {id, type: 'ready'} -> {maxFileBytes} once the engine is instantiated
//        {id, type: 'oversized', at, fileName} -> the report for a file over
//         maxFileBytes (the page never reads such a file)
//        {id, type: 'verify', bytes: ArrayBuffer (transferred), listsUrl, minListNumber,
//         options: the engine's options (OPTIONS in engine.js) but the lists}
// The worker fetches the trust list and the revocation manifest and the one
// shard the file's certificate falls in, from listsUrl (same origin, static
// files). A batch reuses them: shards are content-addressed and kept; the
// list files are fetched again after LIST_TTL_MS, so a page left open picks
// up a new publication instead of growing stale.
//        {id, type: 'ofdPage', bytes: ArrayBuffer (transferred), page} -> what the
//         preview draws of an OFD page (Engine.ofdPage), or null
// An OFD file (a ZIP: "PK\3\4") goes to the engine that reads OFD too,
// fetched on the first such file; everything else to the smaller PDF one.
//   out: {id, ok: true, result} | {id, ok: false, error}
import { createEngine } from './engine.js';

const enginePromise = createEngine();
let ofdEnginePromise = null;
const isZip = (b) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4;
function engineFor(bytes) {
  if (!isZip(bytes)) return enginePromise;
  ofdEnginePromise ??= createEngine({ ofd: true });
  return ofdEnginePromise;
}
const LIST_TTL_MS = 5 * 60 * 1000;
const cache = new Map();  // url -> {at, bytes: Promise<Uint8Array|null>}

function fetchBytes(url) {
  const hit = cache.get(url);
  const immutable = url.includes('/shards/');
  if (!hit || (!immutable && Date.now() - hit.at > LIST_TTL_MS)) {
    const bytes = fetch(url, { cache: 'no-cache', credentials: 'omit' })
      .then((r) => (r.ok ? r.arrayBuffer().then((b) => new Uint8Array(b)) : null))
      .catch(() => null);
    cache.set(url, { at: Date.now(), bytes });
    // A failed fetch is not kept: the next file tries again.
    bytes.then((b) => { if (b === null && cache.get(url)?.bytes === bytes) cache.delete(url); });
  }
  return cache.get(url).bytes;
}

async function trustListFrom(listsUrl) {
  if (!listsUrl) return null;
  const [json, signature] = await Promise.all([
    fetchBytes(new URL('trust-list.json', listsUrl).href), fetchBytes(new URL('trust-list.sig', listsUrl).href)]);
  return json && signature ? { json, signature } : null;
}

async function revocationFor(engine, bytes, listsUrl, minListNumber) {
  if (!listsUrl) return null;
  const base = new URL('revocations/', listsUrl);
  const [manifest, signature] = await Promise.all([
    fetchBytes(new URL('manifest.json', base).href), fetchBytes(new URL('manifest.sig', base).href)]);
  if (!manifest || !signature) return null;
  return engine.revocationFor(bytes, { manifest, signature, minListNumber }, (file) => fetchBytes(new URL(file, base).href));
}

const tables = new WeakMap();  // engine -> Map(name -> Promise<boolean>)
function loadTable(engine, name) {
  if (!/^[a-z0-9]+$/.test(name)) return Promise.resolve(false);
  if (!tables.has(engine)) tables.set(engine, new Map());
  const mine = tables.get(engine);
  if (!mine.has(name)) {
    mine.set(name, fetchBytes(new URL(`${name}.bin`, import.meta.url).href)
      .then((b) => Boolean(b) && engine.setTable(name, b)));
  }
  return mine.get(name);
}

self.addEventListener('message', async (event) => {
  const { id, type } = event.data;
  try {
    const first = await enginePromise;
    if (type === 'ready') {
      self.postMessage({ id, ok: true, result: { maxFileBytes: first.maxFileBytes } });
      return;
    }
    if (type === 'oversized') {
      const { at, fileName } = event.data;
      self.postMessage({ id, ok: true, result: JSON.parse(first.oversizedJson({ at, fileName })) });
      return;
    }
    if (type === 'ofdPage') {
      const bytes = new Uint8Array(event.data.bytes);
      const ofd = await engineFor(bytes);
      self.postMessage({ id, ok: true, result: isZip(bytes) ? ofd.ofdPage(bytes, event.data.page) : null });
      return;
    }
    if (type !== 'verify') throw new Error(`unknown request ${type}`);
    const { listsUrl, minListNumber, options } = event.data;
    const bytes = new Uint8Array(event.data.bytes);
    const engine = await engineFor(bytes);
    const run = async () => {
      const [revocation, trustList] = await Promise.all([
        revocationFor(engine, bytes, listsUrl, minListNumber), trustListFrom(listsUrl)]);
      return engine.verify(bytes, { ...options, revocation, trustList });
    };
    let result = await run();
    // A page in an encoding whose table is fetched only when needed (GBK):
    // fetch it once, then read the file again.
    if (result.needs_table && await loadTable(engine, result.needs_table)) result = await run();
    self.postMessage({ id, ok: true, result });
  } catch (e) {
    self.postMessage({ id, ok: false, error: String(e && e.message ? e.message : e) });
  }
});
