// Offline PWA: the service worker precaches the build; with the network cut the app reloads
// and scores a full vignette. A new build offers "new version — reload". The manifest is
// valid for installation from any sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
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
