// First paint before the WebAssembly: index.html paints the app's frame (header, nav, the
// decision-support notice, a loading state with the download size) styled by the CSS, while
// the wasm is still downloading; when the app takes over, nothing moves (the same boxes, the
// same text, in both languages and on a phone), and the layout-shift score is printed. The
// build ships precompressed .br/.gz copies of every text file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { useApp, openPage, ready, screenshot, DIST } from './harness.mjs';

const app = useApp({ open: false });

/** Opens the app with its wasm held back until `release()` is called. */
async function openHeld({ lang, viewport, hash = '', seen = false } = {}) {
  const opened = await openPage(app.browser, app.server.origin, { viewport });
  const { page } = opened;
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  if (lang) await page.addInitScript((l) => localStorage.setItem('iectox.lang', JSON.stringify(l)), lang);
  // The full disclaimer was acknowledged on an earlier visit: closed in the frame as in the app.
  if (seen) await page.addInitScript(() => localStorage.setItem('iectox.disclaimer.seen', 'true'));
  let release;
  const gate = new Promise((ok) => { release = ok; });
  let wasmRequested = false;
  await page.route('**/*_bg.wasm', async (route) => {
    wasmRequested = true;
    await gate;
    await route.continue();
  });
  await page.goto(app.server.url + hash, { waitUntil: 'domcontentloaded' });
  return { ...opened, release, wasmRequested: () => wasmRequested };
}

/** Boxes and visible text of the frame's parts (zero-size parts, e.g. the other language, skipped). */
const frame = (page) => page.evaluate(() => {
  const parts = ['.app-header', '.brand', '.product', '.version', '.tagline', '.patient-badge', '.disclaimer', '.actions', '.lang',
    '.lang select', '.actions button', '.layout', '.app-nav', '.app-nav a', 'main'];
  const boxes = {};
  for (const sel of parts) {
    boxes[sel] = [...document.querySelectorAll(sel)].map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      // The layout, the nav column and main grow with the page's content: their height is not compared.
      .map((r) => [r.x, r.y, r.width, ['.layout', '.app-nav', 'main'].includes(sel) ? 0 : r.height].map((v) => Math.round(v * 2) / 2));
  }
  const text = (sel) => document.querySelector(sel)?.innerText.trim();
  const active = [...document.querySelectorAll('.app-nav a.active')].map((a) => a.getAttribute('href'));
  // The current patient's name is only known to the app: the frame holds its place, with the
  // same label.
  const badge = document.querySelector('.app-header .patient-badge');
  const header = text('.app-header')?.replace(badge.innerText.trim(), `(patient: ${badge.querySelector('.badge-label').innerText.trim()})`);
  const disclaimer = document.querySelector('.disclaimer')?.getBoundingClientRect().height > 0;
  return { boxes, header, nav: text('.app-nav'), active, disclaimer };
});

const cases = [
  ['en', { width: 1024, height: 768 }, ''],
  ['es', { width: 1024, height: 768 }, '#/crs'],
  ['en', { width: 390, height: 844 }, '#/'],
  ['es', { width: 390, height: 844 }, '#/systems'],
  ['en', { width: 768, height: 1024 }, '#/hscore', 'seen'],
  ['es', { width: 390, height: 844 }, '#/treatment', 'seen'],
];
for (const [lang, viewport, hash, seen] of cases) {
  test(`the frame paints before the wasm and the app takes over without moving it (${lang}, ${viewport.width}×${viewport.height}, "${hash}"${seen ? ', disclaimer acknowledged' : ''})`, { timeout: 90000 }, async () => {
    const { page, context, problems, release, wasmRequested } = await openHeld({ lang, viewport, hash, seen: !!seen });
    // Painted, styled, with the wasm still held back.
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime);
    assert.ok(wasmRequested(), 'the wasm is being downloaded');
    assert.equal(await page.locator('#page-title').count(), 0, 'the app has not started');
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.app-header')).backgroundColor), 'rgb(244, 246, 248)');
    const loading = await page.locator('.boot-loading').innerText();
    assert.match(loading, lang === 'es' ? /^Cargando las calculadoras \(\d+ KB comprimidas, \d+,\d MB sin comprimir/ : /^Loading the calculators \(\d+ KB compressed, \d+\.\d MB uncompressed/);
    const before = await frame(page);
    await screenshot(page, `firstpaint-${lang}-${viewport.width}${seen ? '-seen' : ''}`);

    release();
    await ready(page);
    await page.waitForTimeout(300);
    const after = await frame(page);
    const cls = await page.evaluate(() => window.__cls);
    console.log(`first paint (${lang}, ${viewport.width}px): FCP ${fcp.toFixed(0)} ms with the wasm held back; CLS ${cls.toFixed(4)}`);
    assert.equal(before.header, after.header, 'header text');
    assert.equal(before.nav, after.nav, 'nav text');
    assert.deepEqual(before.active, after.active, 'the current page is marked');
    assert.equal(before.disclaimer, !seen, 'the full disclaimer is open on first use only');
    assert.equal(after.disclaimer, !seen);
    for (const sel of Object.keys(before.boxes)) assert.deepEqual(before.boxes[sel], after.boxes[sel], `${sel} does not move`);
    assert.ok(cls < 0.01, `CLS ${cls}`);
    assert.equal(await page.locator('#boot').count(), 0, 'the static frame is gone');
    assert.deepEqual(problems(), []);
    await context.close();
  });
}

test('on a fast first visit too, the frame is painted before the app starts', { timeout: 90000 }, async () => {
  const { page, context, problems } = await openPage(app.browser, app.server.origin);
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', () => { window.__started = performance.now(); }));
  await page.goto(app.server.url);
  await ready(page);
  const { fcp, started } = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime, started: window.__started,
  }));
  console.log(`fast first visit: FCP ${fcp?.toFixed(0)} ms, app started ${started?.toFixed(0)} ms`);
  assert.ok(fcp < started, `FCP ${fcp} before the app started ${started}`);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('in embed mode the frame shows only the loading state', { timeout: 90000 }, async () => {
  const { page, context, release } = await openHeld({ hash: '#/embed/hscore' });
  await page.locator('.boot-loading').waitFor();
  assert.equal(await page.locator('.app-header').isVisible(), false);
  assert.equal(await page.locator('.app-nav').isVisible(), false);
  release();
  await page.locator('.embed').waitFor();
  await context.close();
});

test('every text file of the build has identical .br and .gz copies; the service worker ignores them', async () => {
  const files = (await readdir(DIST, { recursive: true })).sort();
  const text = files.filter((f) => /\.(html|js|wasm|css|json|webmanifest|svg)$/.test(f));
  assert.ok(text.length >= 6, `${text}`);
  for (const f of text) {
    const raw = await readFile(join(DIST, f));
    assert.ok(brotliDecompressSync(await readFile(join(DIST, `${f}.br`))).equals(raw), `${f}.br`);
    assert.ok(gunzipSync(await readFile(join(DIST, `${f}.gz`))).equals(raw), `${f}.gz`);
  }
  for (const f of files.filter((f) => /\.(br|gz)$/.test(f))) assert.ok(files.includes(f.replace(/\.(br|gz)$/, '')), `${f} has a source`);
  const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
  assert.doesNotMatch(sw.match(/const PRECACHE = (.*);/)[1], /\.(br|gz)"/);
});
