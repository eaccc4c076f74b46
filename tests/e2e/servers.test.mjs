// The README's server snippets, as a hospital's IT team would copy them, with the real
// servers from Debian's packages (installed by scripts/setup.sh; see servers.mjs). Every file:
// its type, the policy, its cache header, the precompressed copy (brotli, gzip) or the file
// itself; a missing file still gets the policy; and the app loads through the server and
// works offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, access } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { launch, openPage, ready, CSP, DIST } from './harness.mjs';
import { PREFIX, HASHED, TYPES, get, startNginx, startApache } from './servers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function checkServer(name, startServer) {
  for (const bin of ['/usr/sbin/nginx', '/usr/sbin/apache2']) await access(bin);
  const srv = await startServer();
  try {
    const files = (await readdir(DIST, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile() && !/\.(br|gz)$/.test(d.name))
      .map((d) => join(d.parentPath ?? d.path, d.name).slice(DIST.length + 1));
    let served = 0;
    for (const f of ['', ...files]) {
      const file = f || 'index.html';
      const raw = await readFile(join(DIST, file));
      const ext = file.split('.').pop();
      const url = `${srv.origin}${PREFIX}${f}`;
      const text = ext !== 'png';
      for (const [accept, encoding] of [[undefined, undefined], ['gzip, deflate, br', 'br'], ['gzip', 'gzip']]) {
        const res = await get(url, accept ? { 'accept-encoding': accept } : {});
        const what = `${name} ${PREFIX}${f} (Accept-Encoding: ${accept ?? 'none'})`;
        assert.equal(res.status, 200, what);
        assert.match(res.headers['content-type'] ?? '', TYPES[ext], `${what}: type ${res.headers['content-type']}`);
        assert.equal(res.headers['content-security-policy'], CSP, `${what}: policy`);
        assert.equal(res.headers['cache-control'], HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache', `${what}: cache`);
        assert.equal(res.headers['content-language'], undefined, `${what}: no language`);
        const expected = text ? encoding : undefined;
        assert.equal(res.headers['content-encoding'], expected, `${what}: encoding`);
        const body = expected === 'br' ? brotliDecompressSync(res.body) : expected === 'gzip' ? gunzipSync(res.body) : res.body;
        assert.ok(body.equals(raw), `${what}: the file's bytes`);
        if (expected) assert.match(res.headers.vary ?? '', /accept-encoding/i, `${what}: Vary`);
        served++;
      }
    }
    const missing = await get(`${srv.origin}${PREFIX}no-such-file.js`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['content-security-policy'], CSP, `${name}: policy on a 404`);

    // The app through this server: loads under the policy, registers its worker, works offline.
    const { page, context, problems } = await openPage(browser, srv.origin);
    await page.goto(`${srv.origin}${PREFIX}`);
    await ready(page);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await ready(page);
    assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), `${name}: controlled by the service worker`);
    await context.setOffline(true);
    await page.reload();
    await ready(page);
    await page.click('nav a[href="#/hscore"]');
    await page.waitForFunction(() => document.querySelector('#page-title')?.textContent === 'HScore');
    assert.deepEqual(problems(), []);
    await context.close();
    console.log(`${name}: ${served} responses checked (${files.length + 1} URLs × 3 encodings), app loaded and reloaded offline`);
  } finally {
    await srv.stop();
  }
}

test("the README's nginx snippets with Debian's nginx", { timeout: 120000 }, () => checkServer('nginx', startNginx));
test("the README's Apache .htaccess with Debian's Apache 2.4", { timeout: 120000 }, () => checkServer('apache', startApache));
