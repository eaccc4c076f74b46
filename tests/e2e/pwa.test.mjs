// Offline PWA: the service worker precaches the build; with the network cut the app reloads
// and scores a full vignette. A first visit downloads the app once (the worker takes what the
// page has just loaded from the HTTP cache). Another page in the app's folder is not replaced
// by the app. A new build offers "new version — reload". The manifest is valid for
// installation from any sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile, writeFile, mkdtemp, rm, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openPage, ready, DIST } from './harness.mjs';
import { go, fill, choose, text } from './app.mjs';

let browser, root;
before(async () => {
  browser = await launch();
  root = await mkdtemp(join(tmpdir(), 'iectox-dist-'));
  await cp(DIST, root, { recursive: true });
});
after(async () => {
  await browser?.close();
  await rm(root, { recursive: true, force: true });
});

async function controlled(page) {
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await ready(page);
  }
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'page is controlled by the service worker');
}

test('offline: load once, cut the network, reload and score a full vignette', { timeout: 90000 }, async () => {
  const server = await serve({ root, prefix: '/deep/sub/path/iectox/' });
  const { page, context, problems } = await openPage(browser, server.origin);
  await page.goto(server.url);
  await ready(page);
  await controlled(page);
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys[0]);
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  assert.ok(cached.some((p) => p.endsWith('.wasm')), `wasm precached: ${cached}`);

  await context.setOffline(true);
  server.close();
  const t0 = Date.now();
  await page.reload();
  await ready(page);
  const offlineReloadMs = Date.now() - t0;
  await go(page, 'hscore');
  await choose(page, 'immunosuppression', 'no');
  await fill(page, 'temperature', '39.6');
  await choose(page, 'hepatomegaly', 'yes');
  await choose(page, 'splenomegaly', 'yes');
  await fill(page, 'haemoglobin', '8.1');
  await fill(page, 'leukocytes', '1.2');
  await fill(page, 'platelets', '45');
  await fill(page, 'ferritin', '12500');
  await fill(page, 'triglycerides', '3.5');
  await fill(page, 'fibrinogen', '1.2');
  await fill(page, 'ast', '240');
  await choose(page, 'marrow_hemophagocytosis', 'no');
  assert.equal(await text(page, '#hscore-total'), '264');
  await go(page, 'crs');
  await fill(page, 'temperature', '39.6');
  await choose(page, 'fever_masking_therapy', 'no');
  await choose(page, 'hypotension', 'yes');
  await fill(page, 'vasopressors', '2');
  await choose(page, 'oxygen_device', 'cpap');
  await choose(page, 'crs_death', 'no');
  assert.equal(await text(page, '#crs-grade'), 'grade 4');
  console.log(`offline reload: ${offlineReloadMs} ms`);
  const unexpected = problems().filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'));
  assert.deepEqual(unexpected, []);
  await context.close();
});

/** The app's size: every file of the build as served (not the precompressed copies). */
async function appBytes(dir) {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile() && !/\.(br|gz)$/.test(d.name));
  const sizes = await Promise.all(files.map((d) => stat(join(d.parentPath ?? d.path, d.name))));
  return sizes.reduce((t, s) => t + s.size, 0);
}

test('a first visit downloads the app once (page + service worker ≤ 1.1 × its size)', { timeout: 90000 }, async () => {
  const server = await serve({ root, prefix: '/first/visit/' });
  const { page, context, problems } = await openPage(browser, server.origin);
  await page.goto(server.url);
  await ready(page);
  // Installed: every file of the build is in the cache.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const cached = await page.evaluate(async () => {
    const cache = await caches.open((await caches.keys())[0]);
    return (await cache.keys()).length;
  });
  const size = await appBytes(root);
  const sent = server.log.reduce((t, r) => t + r.bytes, 0);
  const full = server.log.filter((r) => r.status === 200).map((r) => r.path);
  console.log(`first visit: ${sent} bytes sent for an app of ${size} bytes (${(sent / size).toFixed(3)}×), ` +
    `${server.log.length} requests (${full.length} × 200, ${server.log.filter((r) => r.status === 304).length} × 304), ${cached} cached`);
  assert.ok(cached >= 10, `precached ${cached}`);
  for (const p of full.filter((p) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(p))) {
    assert.equal(full.filter((q) => q === p).length, 1, `${p} downloaded once: ${full}`);
  }
  assert.ok(sent <= 1.1 * size, `first visit ${sent} bytes > 1.1 × ${size}: ${JSON.stringify(server.log)}`);
  assert.deepEqual(problems(), []);
  server.close();
  await context.close();
});

test('another page in the app\'s folder is served, not replaced by the app (online and offline)', { timeout: 90000 }, async () => {
  const host = '<!doctype html><html lang="en"><head><title>Host</title><link rel="icon" href="data:,"></head>' +
    '<body><h1 id="host">Ward 7 tools</h1></body></html>';
  const server = await serve({ root, prefix: '/ward/', extra: { '/ward/host.html': host } });
  const { page, context } = await openPage(browser, server.origin);
  await page.goto(server.url);
  await ready(page);
  await controlled(page);
  // Online: the host page itself, while the app's worker controls the folder.
  await page.goto(`${server.origin}/ward/host.html`);
  assert.equal(await page.locator('#host').innerText(), 'Ward 7 tools');
  assert.equal(await page.locator('#page-title').count(), 0, 'not the app');
  // Its query string and index.html are still the app.
  await page.goto(`${server.origin}/ward/index.html?from=ehr#/hscore`);
  await ready(page);
  assert.equal(await text(page, '#page-title'), 'HScore');
  // Offline: the app still opens; the host page is not the app but the browser's network error.
  await context.setOffline(true);
  await page.goto(`${server.url}#/crs`);
  await ready(page);
  await assert.rejects(page.goto(`${server.origin}/ward/host.html`), /ERR_INTERNET_DISCONNECTED/);
  assert.equal(await page.locator('#page-title').count(), 0, 'the app is not shown in place of the host page');
  await context.setOffline(false);
  server.close();
  await context.close();
});

test('a new build is offered as "new version — reload"', { timeout: 90000 }, async () => {
  const server = await serve({ root, prefix: '/app/' });
  const { page, context } = await openPage(browser, server.origin);
  await page.goto(server.url);
  await ready(page);
  await controlled(page);
  // A new build: the service worker's build id changes.
  const sw = join(root, 'sw.js');
  const old = await readFile(sw, 'utf8');
  await writeFile(sw, old.replace(/const BUILD = "([0-9a-f]+)"/, 'const BUILD = "$1-next"'));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.locator('#update-banner').waitFor({ timeout: 15000 });
  assert.match(await text(page, '#update-banner'), /new version/);
  await Promise.all([page.waitForEvent('load'), page.click('#update-banner button')]);
  await ready(page);
  const keys = await page.evaluate(() => caches.keys());
  assert.equal(keys.length, 1, `old cache deleted: ${keys}`);
  assert.match(keys[0], /-next$/);
  await writeFile(sw, old);
  server.close();
  await context.close();
});

test('manifest: relative start_url and scope, icons that exist', { timeout: 90000 }, async () => {
  const manifest = JSON.parse(await readFile(join(DIST, 'static/manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.start_url, '../');
  assert.equal(manifest.scope, '../');
  for (const icon of manifest.icons) {
    const png = await readFile(join(DIST, 'static', icon.src));
    assert.equal(png.readUInt32BE(16), Number(icon.sizes.split('x')[0]), icon.src);
  }
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
});
