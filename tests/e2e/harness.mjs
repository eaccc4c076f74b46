// Shared e2e harness: a static server for dist/ under a sub-path (with the strict CSP that
// the README recommends), and headless Debian Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = resolve(here, '../../dist');
export const OUTPUT = resolve(here, 'output');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; " +
  "frame-ancestors 'self'";

/**
 * Serves `root` at `prefix` (e.g. "/intranet/tools/iectox/") on 127.0.0.1, on a free port.
 * Like a real static server it sends an ETag and answers a matching If-None-Match with 304.
 * `log` lists every request: { path, status, bytes } (bytes: the body sent).
 */
export async function serve({ root = DIST, prefix = '/', csp = CSP, extra = {} } = {}) {
  const log = [];
  const server = createServer(async (req, res) => {
    const end = res.end.bind(res);
    res.end = (body, ...rest) => {
      log.push({ path: req.url, status: res.statusCode, bytes: body ? Buffer.byteLength(body) : 0 });
      return end(body, ...rest);
    };
    const url = new URL(req.url, 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (extra[path]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(extra[path]);
      return;
    }
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    path = path.slice(prefix.length) || 'index.html';
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      const headers = { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', etag };
      if (csp) headers['content-security-policy'] = csp;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, url: `http://127.0.0.1:${port}${prefix}`, log, close: () => server.close() };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/**
 * A new page that records console errors, CSP violations and every request that leaves
 * `origin`; `problems()` lists them.
 */
export async function openPage(browser, origin, { viewport = { width: 1024, height: 768 }, context } = {}) {
  const ctx = context ?? (await browser.newContext({ viewport }));
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`external request: ${u}`);
  });
  await page.exposeFunction('__reportCsp', (v) => problems.push(`csp: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__reportCsp(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, context: ctx, problems: () => problems };
}

/** Waits until the app has rendered (the wasm is running). */
export async function ready(page) {
  await page.locator('#page-title').waitFor({ timeout: 30000 });
}

/**
 * The set-up most e2e files share, as node:test hooks: `before` serves dist/ at `prefix`,
 * launches Chromium and, unless `open` is false, opens one page on the app (a new context of
 * `viewport` and `timezoneId`, clipboard read/write granted to the app's origin if
 * `clipboard`, `beforeLoad(page)` run before the first navigation) and waits until it runs;
 * `after` closes them. Returns a live object that `before` fills in: `server`, `browser` and,
 * when open, `page`, `context`, `problems` (as openPage's) and `loadMs` (navigation to ready).
 */
export function useApp({
  prefix = '/icu/iectox/', extra, open = true, viewport = { width: 1024, height: 768 }, timezoneId,
  clipboard = false, beforeLoad,
} = {}) {
  const app = {
    /**
     * Another page, in a new context unless `context` is given, at the app's URL + `hash`,
     * once the app runs; returns openPage's { page, context, problems }.
     */
    async open(hash = '', { context, viewport } = {}) {
      const opened = await openPage(app.browser, app.server.origin, { context, viewport });
      await opened.page.goto(app.server.url + hash);
      await ready(opened.page);
      return opened;
    },
  };
  before(async () => {
    app.server = await serve({ prefix, extra });
    app.browser = await launch();
    if (!open) return;
    app.context = await app.browser.newContext({ viewport, ...(timezoneId && { timezoneId }) });
    ({ page: app.page, problems: app.problems } = await openPage(app.browser, app.server.origin, { context: app.context }));
    if (clipboard) await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.origin });
    await beforeLoad?.(app.page);
    const t0 = Date.now();
    await app.page.goto(app.server.url);
    await ready(app.page);
    app.loadMs = Date.now() - t0;
  });
  after(async () => {
    await app.context?.close();
    await app.browser?.close();
    app.server?.close();
  });
  return app;
}

export async function screenshot(page, name) {
  await mkdir(OUTPUT, { recursive: true });
  const path = join(OUTPUT, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

export async function fileSize(path) {
  return (await stat(path)).size;
}
