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
