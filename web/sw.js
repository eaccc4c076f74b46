// IEC-Tox service worker: precaches exactly the files of this build (the list and the build
// id are written by scripts/postbuild.mjs from the real, hashed output) and serves them
// cache-first, so the app works with no network. A new build gets a new cache; the page
// offers "new version — reload" and the old cache is deleted once the new worker takes over.
const PRECACHE = self.__PRECACHE__;
const BUILD = self.__BUILD__;
const CACHE = `iectox-${BUILD}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((p) => new Request(p, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('iectox-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // Navigations (any hash route) are the app's index.
      const key = req.mode === 'navigate' ? new URL('./', self.registration.scope).href : req;
      const hit = await cache.match(key, { ignoreSearch: req.mode === 'navigate' });
      return hit ?? fetch(req);
    }),
  );
});
