// IEC-Tox service worker: precaches exactly the files of this build (the list and the build
// id are written by scripts/postbuild.mjs from the real, hashed output) and serves them
// cache-first, so the app works with no network. A new build gets a new cache; the page
// offers "new version — reload" and the old cache is deleted once the new worker takes over.
const PRECACHE = self.__PRECACHE__;
const BUILD = self.__BUILD__;
const CACHE = `iectox-${BUILD}`;
const SCOPE = new URL('./', self.location).href;
const INDEX = SCOPE;
const INDEX_HTML = new URL('./index.html', SCOPE).href;
// A content hash in the name: the bytes behind such a URL never change, so the copy the page
// has just put in the HTTP cache is the right one and is taken from there (no second
// download). Any other file (index.html, static/*) is revalidated with the server (a 304 when
// unchanged), so a stale copy from an older build is never stored.
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;
const OWN = new Set(PRECACHE.map((p) => new URL(p, SCOPE).href));

async function precache() {
  const cache = await caches.open(CACHE);
  const urls = [...OWN].filter((u) => u !== INDEX_HTML);
  await Promise.all(urls.map(async (url) => {
    const res = await fetch(url, { cache: HASHED.test(url) ? 'force-cache' : 'no-cache' });
    if (!res.ok) throw new Error(`precache ${url}: HTTP ${res.status}`);
    if (url === INDEX) {
      // The page must be this build's: during a deployment the server may still hold the old
      // index.html next to the new sw.js. Then nothing is installed; the next visit retries.
      const html = await res.clone().text();
      const boot = PRECACHE.find((p) => /\/boot-[0-9a-f]{16}\.js$/.test(p));
      if (boot && !html.includes(boot.slice(2))) throw new Error(`precache: index.html is not build ${BUILD}`);
      await cache.put(INDEX_HTML, res.clone());
    }
    await cache.put(url, res);
  }));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
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
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  url.hash = '';
  // Only the app's own files and its page are answered; anything else in the same folder
  // (a host page, another tool) goes to the network untouched.
  let key;
  if (req.mode === 'navigate') {
    url.search = '';
    if (url.href !== INDEX && url.href !== INDEX_HTML) return;
    key = INDEX;
  } else {
    if (!OWN.has(url.href)) return;
    key = url.href;
  }
  event.respondWith(caches.open(CACHE).then(async (cache) => (await cache.match(key)) ?? fetch(req)));
});
