// Embed mode: one calculator in an iframe of a host page, without the app chrome. It starts
// empty and never shares the patient saved by the full app; it posts its result only to the
// exact host origin named in the hash, and only when the page around it has that origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, serve, openPage, ready, CSP } from './harness.mjs';

// Every patient stored by the full app (the index and each record), as one comparable value.
const patientData = () => JSON.stringify(Object.keys(localStorage)
  .filter((k) => k.startsWith('iectox.patient')).sort().map((k) => [k, localStorage.getItem(k)]));
// How long "nothing arrives" is watched for: results are posted on the first render and on
// every change, within milliseconds.
const QUIET_MS = 1500;

const hostHtml = `<!doctype html><html lang="en"><head><title>Host</title><link rel="icon" href="data:,"></head><body>
    <h1>EHR</h1>
    <iframe id="calc" title="IEC-Tox HScore" width="900" height="700"></iframe>
    <script src="/host.js"></script></body></html>`;
// ?calc= the calculator; ?origin= the value given to the frame (default: this page's origin);
// ?post=0 no origin at all; ?app= where IEC-Tox is served (default: this server).
const hostJs = `window.messages = [];
    addEventListener('message', (e) => window.messages.push({ origin: e.origin, data: e.data }));
    const q = new URLSearchParams(location.search);
    const origin = q.has('origin') ? q.get('origin') : q.get('post') === '0' ? null : location.origin;
    document.getElementById('calc').src = (q.get('app') ?? '/tools/iectox/') + '#/embed/' + (q.get('calc') ?? 'hscore') +
      (origin === null ? '' : '?origin=' + encodeURIComponent(origin));`;
const extra = { '/host.html': hostHtml, '/host.js': hostJs };

// Named site, not app: the tests call the full app's page "app".
const site = useApp({ prefix: '/tools/iectox/', extra, open: false });

/** Waits until the host page has received an HScore result with these ferritin points. */
const ferritinResult = (page, points) => page.waitForFunction((p) => window.messages.some((m) =>
  m.data?.type === 'result' && m.data?.result?.assessment?.items?.some((i) => i.key === 'ferritin' && i.points === p)), points);

test('HScore embedded in a host page posts its result to the host', { timeout: 90000 }, async () => {
  const { page, context, problems } = await openPage(site.browser, site.server.origin);
  await page.goto(`${site.server.origin}/host.html`);
  const frame = page.frameLocator('#calc');
  await frame.locator('#page-title').waitFor();
  assert.equal(await frame.locator('.app-header').count(), 0, 'no app chrome');
  assert.equal(await frame.locator('nav').count(), 0);
  assert.match(await frame.locator('.embed-footer').innerText(), /not a substitute for clinical judgement/);
  assert.match(await frame.locator('.embed-footer').innerText(), /Inputs are not saved/);
  assert.equal(await frame.locator('#embed-posting').innerText(), `Results are sent to ${site.server.origin} only.`);
  await frame.locator('#in-ferritin').fill('7000');
  await page.waitForFunction(() => window.messages.some((m) => m.data?.result?.assessment?.items?.some((i) => i.key === 'ferritin' && i.points === 50)));
  const last = await page.evaluate(() => window.messages.at(-1));
  assert.equal(last.data.source, 'iectox');
  assert.equal(last.data.type, 'result');
  assert.equal(last.data.calculator, 'hscore');
  assert.equal(last.origin, site.server.origin);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('without ?origin= nothing is posted', { timeout: 90000 }, async () => {
  const { page, context } = await openPage(site.browser, site.server.origin);
  await page.goto(`${site.server.origin}/host.html?calc=crs&post=0`);
  const frame = page.frameLocator('#calc');
  await frame.locator('#page-title').waitFor();
  await frame.locator('#in-oxygen_device').selectOption('facemask');
  await page.waitForTimeout(QUIET_MS);
  assert.deepEqual(await page.evaluate(() => window.messages), []);
  assert.equal(await frame.locator('#embed-posting').count(), 0);
  await context.close();
});

test('the embed never shows the patient of the full app, and leaves nothing in it', { timeout: 150000 }, async () => {
  const { page: app, context, problems } = await site.open('#/hscore');
  await app.fill('#in-ferritin', '12500');
  await app.selectOption('#in-hepatomegaly', 'yes');
  await app.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('iectox.patients.') &&
    localStorage.getItem(k).includes('12500') && localStorage.getItem(k).includes('yes')));
  const saved = await app.evaluate(patientData);

  // Framed in a host page of the same browser, opened afterwards: empty.
  const { page: host } = await openPage(site.browser, site.server.origin, { context });
  await host.goto(`${site.server.origin}/host.html`);
  const frame = host.frameLocator('#calc');
  await frame.locator('#page-title').waitFor();
  assert.equal(await frame.locator('#in-ferritin').inputValue(), '');
  assert.equal(await frame.locator('#in-hepatomegaly').inputValue(), '');
  // Its first result (empty patient) reaches the host with no ferritin points.
  await host.waitForFunction(() => window.messages.some((m) => m.data?.type === 'result'));
  const first = await host.evaluate(() => window.messages.find((m) => m.data?.type === 'result'));
  assert.notEqual(first.data.result.assessment.items.find((i) => i.key === 'ferritin')?.points, 50);
  // What the embed enters stays in the embed.
  await frame.locator('#in-ferritin').fill('7000');
  await frame.locator('#in-hepatomegaly').selectOption('no');
  await ferritinResult(host, 50);
  assert.equal(await host.evaluate(patientData), saved);

  // Opened directly as a page: empty too.
  const { page: direct } = await site.open('#/embed/hscore', { context });
  assert.equal(await direct.inputValue('#in-ferritin'), '');
  await direct.fill('#in-ferritin', '800');
  await direct.waitForTimeout(300);

  // The app, reloaded, still has its own patient and nothing of the embeds.
  await app.reload();
  await ready(app);
  assert.equal(await app.inputValue('#in-ferritin'), '12500');
  assert.equal(await app.inputValue('#in-hepatomegaly'), 'yes');
  assert.equal(await app.evaluate(patientData), saved);

  // The app's own tab sent to an embed route starts again as an empty embed.
  await app.evaluate(() => { location.hash = '#/embed/hscore'; });
  await app.locator('.embed-footer').waitFor();
  await app.locator('#in-ferritin').waitFor();
  assert.equal(await app.inputValue('#in-ferritin'), '');
  assert.equal(await app.evaluate(patientData), saved);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('an embed used first leaves no patient for the app', { timeout: 90000 }, async () => {
  const { page, context } = await site.open('#/embed/hscore');
  await page.fill('#in-ferritin', '7000');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(patientData), '[]');
  const { page: app } = await site.open('#/hscore', { context });
  assert.equal(await app.inputValue('#in-ferritin'), '');
  await context.close();
});

test('?origin=* and other inexact origins post nothing and say why', { timeout: 150000 }, async () => {
  const { page, context, problems } = await openPage(site.browser, site.server.origin);
  for (const origin of ['*', `${site.server.origin}/`, `${site.server.origin}/tools`, 'not an origin']) {
    await page.goto(`${site.server.origin}/host.html?origin=${encodeURIComponent(origin)}`);
    const frame = page.frameLocator('#calc');
    await frame.locator('#page-title').waitFor();
    await frame.locator('#in-ferritin').fill('7000');
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await page.evaluate(() => window.messages), [], origin);
    assert.equal(
      await frame.locator('#embed-posting').innerText(),
      `⚠ Results are not sent: origin "${origin}" is not an exact origin (scheme://host[:port]).`,
    );
  }
  // In Spanish too (the language preference is the one thing the embed reads).
  await page.evaluate(() => localStorage.setItem('iectox.lang', '"es"'));
  await page.goto(`${site.server.origin}/host.html?origin=*`);
  const frame = page.frameLocator('#calc');
  await frame.locator('#page-title').waitFor();
  assert.equal(
    await frame.locator('#embed-posting').innerText(),
    '⚠ Los resultados no se envían: el origen «*» no es un origen exacto (esquema://host[:puerto]).',
  );
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a host page on another origin than ?origin= receives nothing', { timeout: 150000 }, async () => {
  // The host page is served by a second server (another port, so another origin), and the app
  // by a third that allows only that host to frame it.
  const hostServer = await serve({ prefix: '/none/', extra });
  const appServer = await serve({
    prefix: '/tools/iectox/',
    csp: CSP.replace("frame-ancestors 'self'", `frame-ancestors 'self' ${hostServer.origin}`),
  });
  try {
    const { page, context } = await openPage(site.browser, hostServer.origin);
    const app = encodeURIComponent(appServer.url);
    // ?origin= names the app's own origin, not the host's: refused, nothing posted.
    await page.goto(`${hostServer.origin}/host.html?app=${app}&origin=${encodeURIComponent(appServer.origin)}`);
    let frame = page.frameLocator('#calc');
    await frame.locator('#page-title').waitFor();
    assert.equal(
      await frame.locator('#embed-posting').innerText(),
      `⚠ Results are not sent: this calculator is inside a page of ${hostServer.origin}, not of ${appServer.origin}.`,
    );
    await frame.locator('#in-ferritin').fill('7000');
    // Nor does the frame take values from that host.
    await page.evaluate((target) => document.getElementById('calc').contentWindow.postMessage(
      { source: 'iectox-host', type: 'set', values: { ferritin: { value: 300, unit: 'ng/mL' } } }, target), appServer.origin);
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await page.evaluate(() => window.messages), []);
    assert.equal(await frame.locator('#in-ferritin').inputValue(), '7000');

    // Control: the same host named in ?origin= does receive the result, so the refusal above
    // is the origin check and not a framing failure.
    await page.goto(`${hostServer.origin}/host.html?app=${app}`);
    frame = page.frameLocator('#calc');
    await frame.locator('#page-title').waitFor();
    await frame.locator('#in-ferritin').fill('7000');
    await ferritinResult(page, 50);
    assert.equal(await page.evaluate(() => window.messages.at(-1).origin), appServer.origin);
    await context.close();
  } finally {
    hostServer.close();
    appServer.close();
  }
});

test('the host page fills the form with one message, checked by the core parser', { timeout: 90000 }, async () => {
  const { page, context, problems } = await openPage(site.browser, site.server.origin);
  await page.goto(`${site.server.origin}/host.html`);
  const frame = page.frameLocator('#calc');
  await frame.locator('#page-title').waitFor();
  await frame.locator('#in-splenomegaly').selectOption('yes');
  const send = (values) => page.evaluate(({ values, target }) => document.getElementById('calc').contentWindow.postMessage(
    { source: 'iectox-host', type: 'set', values }, target), { values, target: site.server.origin });

  await send({ ferritin: { value: 12500, unit: 'ng/mL' }, hepatomegaly: true, triglycerides: { value: 1.498, unit: 'mmol/L' } });
  await ferritinResult(page, 50);
  assert.equal(await frame.locator('#in-ferritin').inputValue(), '12500');
  assert.equal(await frame.locator('#in-hepatomegaly').inputValue(), 'yes');
  assert.equal(await frame.locator('#in-triglycerides').inputValue(), '1.4980');
  assert.equal(await frame.locator('#in-triglycerides-unit').inputValue(), 'mmol/L');
  // Every input is replaced: the splenomegaly chosen before is gone.
  assert.equal(await frame.locator('#in-splenomegaly').inputValue(), '');
  assert.match(await frame.locator('#embed-host-input').innerText(), /3 values received from the host page/);

  // A record with an error changes nothing, and says why, here and to the host.
  await send({ ferritin: { value: 5000000, unit: 'ng/mL' }, spleen: true });
  await page.waitForFunction(() => window.messages.some((m) => m.data?.type === 'set-refused'));
  const refused = await page.evaluate(() => window.messages.find((m) => m.data?.type === 'set-refused').data);
  assert.ok(refused.errors.some((e) => e.field === 'ferritin' && e.kind === 'out_of_range'), JSON.stringify(refused));
  assert.ok(refused.errors.some((e) => e.kind === 'unknown_key' && e.path === 'spleen'), JSON.stringify(refused));
  const shown = await frame.locator('#embed-host-input').innerText();
  assert.match(shown, /Values from the host page were refused; nothing was changed/);
  assert.match(shown, /ferritin/i);
  assert.match(shown, /"spleen" is not a patient field/);
  assert.doesNotMatch(shown, /expected one of/);
  assert.equal(await frame.locator('#in-ferritin').inputValue(), '12500');
  assert.deepEqual(problems(), []);
  await context.close();
});
