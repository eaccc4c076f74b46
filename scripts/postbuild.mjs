// Trunk post-build hook (runs on the staging dir before it becomes dist/):
// 0. minifies wasm-bindgen's JS glue and static/pwa.js (Trunk minifies the HTML and CSS only)
//    and updates the glue's Subresource Integrity hash in index.html;
// 1. moves Trunk's inline module script into a hashed file, so the page runs under a strict
//    Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`, no inline script);
// 2. writes the version and the download size into index.html's static frame;
// 3. writes the service worker's precache list from the real output (hashed names);
// 4. writes precompressed copies (`.br`, `.gz`) next to every text file, for servers that
//    serve them (nginx gzip_static/brotli_static, Apache rewrite rules; see README).
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const hash = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 16);
const brotli = (buf) => brotliCompressSync(buf, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
});
const listFiles = async () => (await readdir(dir, { recursive: true, withFileTypes: true }))
  .filter((d) => d.isFile())
  .map((d) => join(d.parentPath ?? d.path, d.name).slice(dir.length + 1))
  .sort();

const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');

// wasm-bindgen's glue, minified (-1.7 KB brotli): local names only; the names the wasm
// imports are object keys and the module's exports are kept. Only in release builds (Trunk
// minifies then too), so that a debug build stays readable.
if (process.env.TRUNK_PROFILE === 'release') {
  const { minify } = createRequire(join(root, 'tests', 'package.json'))('terser');
  for (const f of (await listFiles()).filter((f) => /^web-[0-9a-f]{16}\.js$/.test(f))) {
    const path = join(dir, f);
    const out = await minify(await readFile(path, 'utf8'), { module: true, ecma: 2020 });
    await writeFile(path, out.code);
    const sri = `sha384-${createHash('sha384').update(out.code).digest('base64')}`;
    const link = new RegExp(`(href=["']?\\./${f.replaceAll('.', '\\.')}["']?[^>]*?integrity=["']?)sha384-[A-Za-z0-9+/=]+`);
    if (!link.test(html)) throw new Error(`index.html: no integrity attribute for ${f}`);
    html = html.replace(link, `$1${sri}`);
  }
  // The page's classic script (-0.6 KB brotli); its top-level names are kept (globals).
  // Not sw.js: its constants are rewritten by name below and by the tests.
  const pwa = join(dir, 'static', 'pwa.js');
  await writeFile(pwa, (await minify(await readFile(pwa, 'utf8'), { ecma: 2020 })).code);
}
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (m) {
  // On a first visit (no service worker yet) the app starts only once index.html's frame has
  // been shown (its first contentful paint is reported; at most 200 ms): however fast the
  // download, the frame is then the first and the largest paint, and the app replaces it a
  // few frames later. Later visits, and a page in the background, start at once.
  const wait = `if (!navigator.serviceWorker?.controller && document.visibilityState === 'visible') {
  await new Promise((ok) => {
    const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
    if (painted()) return ok();
    new PerformanceObserver((_, obs) => { if (painted()) { obs.disconnect(); ok(); } }).observe({ type: 'paint' });
    setTimeout(ok, 200);
  });
}
`;
  const code = wait + m[1].trim() + '\n';
  const name = `boot-${hash(code)}.js`;
  await writeFile(join(dir, name), code);
  html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
}

// The static frame: the version (the workspace's, as the app shows it) and what the first
// visit downloads (the app's code: its wasm and JS), raw and brotli-compressed.
const cargo = await readFile(join(root, 'Cargo.toml'), 'utf8');
const version = cargo.match(/\[workspace\.package\][^[]*?\nversion\s*=\s*"([^"]+)"/)?.[1];
if (!version) throw new Error('no version in [workspace.package] of Cargo.toml');
const code = (await listFiles()).filter((f) => /^web-[0-9a-f]{16}(_bg\.wasm|\.js)$/.test(f));
const bufs = await Promise.all(code.map((f) => readFile(join(dir, f))));
const raw = bufs.reduce((t, b) => t + b.length, 0);
const br = bufs.reduce((t, b) => t + brotli(b).length, 0);
const kb = (n) => `${Math.round(n / 1024)} KB`;
const mb = (n, sep) => `${(n / 1048576).toFixed(1).replace('.', sep)} MB`;
html = html
  .replaceAll('__IECTOX_VERSION__', version)
  .replace(/__IECTOX_SIZE__(, once)/, `${kb(br)} compressed, ${mb(raw, '.')} uncompressed$1`)
  .replace(/__IECTOX_SIZE__(, una vez)/, `${kb(br)} comprimidas, ${mb(raw, ',')} sin comprimir$1`);
if (html.includes('__IECTOX_')) throw new Error('index.html: a placeholder was not replaced');
await writeFile(indexPath, html);

// Precache list for sw.js: every file of this build.
const files = (await listFiles()).filter((f) => f !== 'sw.js' && !/\.(br|gz)$/.test(f));
const contents = await Promise.all(files.map((f) => readFile(join(dir, f))));
const build = hash(Buffer.concat(contents));
const swTemplatePath = join(dir, 'sw.js');
try {
  const sw = await readFile(swTemplatePath, 'utf8');
  const list = ['./', ...files.map((f) => `./${f}`)];
  await writeFile(
    swTemplatePath,
    sw.replace('self.__PRECACHE__', JSON.stringify(list)).replace('self.__BUILD__', JSON.stringify(build)),
  );
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}

// Precompressed copies, written last (index.html and sw.js are final now). Not for PNG
// (already compressed).
let compressed = 0;
for (const f of (await listFiles()).filter((f) => /\.(html|js|wasm|css|json|webmanifest|svg|txt)$/.test(f))) {
  const buf = await readFile(join(dir, f));
  await writeFile(join(dir, `${f}.br`), brotli(buf));
  await writeFile(join(dir, `${f}.gz`), gzipSync(buf, { level: 9 }));
  compressed++;
}
console.log(`postbuild: ${files.length} files, build ${build}, ${compressed} precompressed (.br, .gz)`);
