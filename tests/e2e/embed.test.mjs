// Embed mode: one calculator in an iframe of a host page, without the app chrome, posting its
// result to the host origin named in the hash, and to no other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage } from './harness.mjs';

let server, browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('HScore embedded in a host page posts its result to the host', { timeout: 90000 }, async () => {
  const host = `<!doctype html><html lang="en"><head><title>Host</title><link rel="icon" href="data:,"></head><body>
    <h1>EHR</h1>
    <iframe id="calc" title="IEC-Tox HScore" width="900" height="700"></iframe>
    <script src="/host.js"></script></body></html>`;
  const hostJs = `window.messages = [];
    addEventListener('message', (e) => window.messages.push({ origin: e.origin, data: e.data }));
    const q = new URLSearchParams(location.search);
    const post = q.get('post') !== '0';
    document.getElementById('calc').src = '/tools/iectox/#/embed/' + (q.get('calc') ?? 'hscore') +
      (post ? '?origin=' + encodeURIComponent(location.origin) : '');`;
  server = await serve({ prefix: '/tools/iectox/', extra: { '/host.html': host, '/host.js': hostJs } });
  const { page, context, problems } = await openPage(browser, server.origin);
  await page.goto(`${server.origin}/host.html`);
  const frame = page.frameLocator('#calc');
  await frame.locator('#page-title').waitFor();
  assert.equal(await frame.locator('.app-header').count(), 0, 'no app chrome');
  assert.equal(await frame.locator('nav').count(), 0);
  assert.match(await frame.locator('.embed-footer').innerText(), /not a substitute for clinical judgement/);
  await frame.locator('#in-ferritin').fill('7000');
  await page.waitForFunction(() => window.messages.some((m) => m.data?.result?.assessment?.items?.some((i) => i.key === 'ferritin' && i.points === 50)));
  const last = await page.evaluate(() => window.messages.at(-1));
  assert.equal(last.data.source, 'iectox');
  assert.equal(last.data.calculator, 'hscore');
  assert.equal(last.origin, server.origin);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('without ?origin= nothing is posted', { timeout: 90000 }, async () => {
  const { page, context } = await openPage(browser, server.origin);
  await page.goto(`${server.origin}/host.html?calc=crs&post=0`);
  const frame = page.frameLocator('#calc');
  await frame.locator('#page-title').waitFor();
  await frame.locator('#in-oxygen_device').selectOption('facemask');
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.messages), []);
  await context.close();
});
