// Issue 12, items 3–6 in the browser: the review's management targets on the treatment page,
// labels from the core, Spanish everywhere, and the small clinical-UX gaps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, ready } from './harness.mjs';
import { go, fill, choose, newPatient } from './app.mjs';

let server, browser, page, problems, context;
before(async () => {
  server = await serve({ prefix: '/icu/iectox/' });
  browser = await launch();
  ({ page, problems, context } = await openPage(browser, server.origin));
  await page.goto(server.url);
  await ready(page);
});
after(async () => {
  await context?.close();
  await browser?.close();
  server?.close();
});

const step = (id) => page.locator(`#treatment-steps li[data-step=${id}]`).first().innerText();

test('management targets as stated in the review, per CRS grade (spec §13)', async () => {
  await go(page, 'treatment');
  await page.click('[role=tab]:has-text("CRS grade 2")');
  const oxygen2 = await step('OxygenSupport');
  assert.match(oxygen2, /Target: SpO₂ > 90 %/);
  assert.match(oxygen2, /Low-flow oxygen/);
  assert.match(oxygen2, /as stated in the review, not verified/);
  assert.doesNotMatch(oxygen2, /not transcribed|no current value/);
  const fluids = await step('Fluids');
  assert.match(fluids, /Target: SBP > 90 mmHg/);
  assert.match(fluids, /Target: DBP > 60 mmHg/);
  assert.match(fluids, /capillary leak/);
  await page.click('[role=tab]:has-text("CRS grade 3")');
  assert.match(await step('VasopressorSupport'), /Start when: MAP < 65 mmHg/);
  assert.match(await step('OxygenSupport'), /SpO₂ > 90 %.*\n?.*High-flow oxygen and\/or non-invasive ventilation/s);
  await page.click('[role=tab]:has-text("Refractory CRS")');
  const refractory = await page.locator('#refractory-statements').innerText();
  assert.match(refractory, /publication bias/);
  assert.match(refractory, /Rule out infection, IEC-HS and disease progression/);
  assert.match(await step('ExtracorporealTherapy'), /Hemofiltration, hemadsorption, plasma exchange/);
  await page.selectOption('#lang', 'es');
  await page.click('[role=tab]:has-text("SLC grado 3")');
  assert.match(await step('VasopressorSupport'), /Iniciar si: PAM < 65 mmHg/);
  await page.selectOption('#lang', 'en');
  assert.deepEqual(problems(), []);
});

test('labels come from the core, in the user\'s language and unit', async () => {
  await newPatient(page);
  await go(page, 'crs');
  const fever = () => page.locator('#crs-table tr[data-domain=Fever] td[data-grade="1"]').innerText();
  assert.match(await fever(), /T ≥ 38\.0 °C/);
  await page.selectOption('#in-temperature-unit', '°F');
  assert.match(await fever(), /T ≥ 100\.4 °F/);
  await page.selectOption('#in-temperature-unit', '°C');
  assert.match(await page.locator('#crs-table tr[data-domain=Hypoxia]').innerText(), /≤ 6(\.0)? L\/min[\s\S]*> 6(\.0)? L\/min/);
  await go(page, 'hscore');
  await fill(page, 'temperature', '39');
  assert.equal(await page.locator('#hscore-breakdown tr[data-item=Temperature] td').first().innerText(), '38.4–39.4 °C (101.1–102.9 °F)');
  assert.match(await page.locator('main').innerText(), /Cut-off ≥ 169 \(sensitivity 93 %, specificity 86 %\)/);
  await go(page, 'icans');
  const ice = await page.$$eval('#icans-table tr[data-domain=Ice] td', (tds) => tds.map((t) => t.innerText.trim()));
  assert.deepEqual(ice.slice(0, 3).map((t) => t.split('\n').pop().replace(/^\W*/, '')), ['7–9', '3–6', '0–2']);
  await page.selectOption('#lang', 'es');
  await go(page, 'hscore');
  assert.equal(await page.locator('#hscore-breakdown tr[data-item=Temperature] td').first().innerText(), '38,4–39,4 °C (101,1–102,9 °F)');
  await go(page, 'hlh2004');
  assert.match(await page.locator('#hlh-checklist').innerText(), /Triglicéridos en ayunas ≥ 3,0 mmol\/L \(≥ 265 mg\/dL\)/);
  await page.selectOption('#lang', 'en');
  assert.deepEqual(problems(), []);
});
