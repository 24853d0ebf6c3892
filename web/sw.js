// Service worker: after one visit the page verifies with no network.
//  - the app and the engine: cache first (the cache name changes with every
//    build, so a new build replaces them);
//  - the signed lists (trust list, revocation manifest): network first, the
//    last good copy from the cache when offline — the verifier still checks
//    their signatures and freshness, and the page shows their age;
//  - revocation shards: content-addressed, so cache first.
// Nothing here ever sends file bytes anywhere: it only answers GETs.
const BUILD = '__BUILD_ID__';
const APP_CACHE = `sealcheck-app-${BUILD}`;
const LIST_CACHE = 'sealcheck-lists';
const APP_FILES = ['./', 'index.html', 'app.js', 'style.css', 'favicon.svg', 'manifest.webmanifest',
  'icons/icon-192.png', 'icons/icon-512.png', 'icons/icon-maskable-512.png', 'ui/batch.js', 'ui/result_view.js',
  'ui/i18n.js', 'ui/preview.js', 'ui/results_table.js',
  'engine/engine.js', 'engine/worker.js',
  'engine/engine_client.js', 'engine/engine_pool.js', 'engine/sealcheck_engine.mjs', 'engine/sealcheck_engine.wasm', 'lists/trust-anchors.pem',
  // pdf.js (build.sh puts the versioned folder name here) for the preview.
  'vendor/pdfjs/pdf.min.mjs', 'vendor/pdfjs/pdf.worker.min.mjs'];
// pdf.js's CMaps, fonts and decoders, the engine's GBK table and the OFD
// engine (fetched for the first OFD file): cached when first needed.
const VENDOR = 'vendor/';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(APP_CACHE).then((c) => c.addAll(APP_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('sealcheck-app-') && name !== APP_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function networkFirst(request) {
  const cache = await caches.open(LIST_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch {
    return (await cache.match(request)) ?? Response.error();
  }
}

async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

// Files shared to the installed app (the manifest's share_target): the
// share sheet posts them to share-target; they are kept in a cache of this
// origin for the page, which opens to verify them. Nothing goes to the
// network.
const SHARE_CACHE = 'sealcheck-share';
async function receiveShare(request, scope) {
  const form = await request.formData();
  const cache = await caches.open(SHARE_CACHE);
  for (const old of await cache.keys()) await cache.delete(old);
  let count = 0;
  for (const file of form.getAll('files')) {
    if (typeof file === 'string') continue;
    const headers = { 'content-type': file.type || 'application/pdf', 'x-file-name': encodeURIComponent(file.name) };
    await cache.put(new Request(`${scope}shared/${count++}`), new Response(file, { headers }));
  }
  return Response.redirect(`${scope}?shared=${count}`, 303);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  const path = url.pathname.slice(scope.pathname.length);
  if (request.method === 'POST' && path === 'share-target') {
    event.respondWith(receiveShare(request, scope.href));
    return;
  }
  if (request.method !== 'GET') return;
  if (path.startsWith('lists/revocations/shards/')) {
    event.respondWith(cacheFirst(request, LIST_CACHE));
  } else if (path.startsWith('lists/')) {
    event.respondWith(networkFirst(request));
  } else if (APP_FILES.includes(path) || path === '') {
    event.respondWith(cacheFirst(request, APP_CACHE));
  } else if (path.startsWith(VENDOR) || path === 'engine/gbk.bin' || path.startsWith('engine/sealcheck_engine_ofd.')) {
    event.respondWith(cacheFirst(request, APP_CACHE));
  }
});
