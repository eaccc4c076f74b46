// A full vignette entered once drives every page; boundaries, units, invalid input, reload,
// Spanish, the treatment walk and the summary, in headless Chromium.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, ready } from './harness.mjs';
import { go, fill, choose, text, newPatient } from './app.mjs';

const app = useApp();
const timings = {};
after(() => console.log(`timings: ${JSON.stringify({ firstRenderMs: app.loadMs, ...timings })}`));

async function enterVignette() {
  await go(app.page, 'hscore');
  await choose(app.page, 'immunosuppression', 'no');
  await fill(app.page, 'temperature', '39,6');
  await choose(app.page, 'hepatomegaly', 'yes');
  await choose(app.page, 'splenomegaly', 'yes');
  await fill(app.page, 'haemoglobin', '8.1');
  await fill(app.page, 'leukocytes', '1.2');
  await fill(app.page, 'platelets', '45000', '/µL');
  await fill(app.page, 'ferritin', '12500');
  await fill(app.page, 'triglycerides', '310', 'mg/dL');
  await fill(app.page, 'fibrinogen', '1.2');
  await fill(app.page, 'ast', '240');
  await choose(app.page, 'marrow_hemophagocytosis', 'no');
  await go(app.page, 'hlh2004');
  await choose(app.page, 'fever_confirmed', 'yes');
  await fill(app.page, 'neutrophils', '0.6');
  await choose(app.page, 'triglycerides_fasting', 'yes');
  await go(app.page, 'crs');
  await choose(app.page, 'fever_masking_therapy', 'no');
  await choose(app.page, 'hypotension', 'yes');
  await fill(app.page, 'vasopressors', '1');
  await choose(app.page, 'vasopressin', 'no');
  await choose(app.page, 'oxygen_device', 'nasal_cannula');
  await fill(app.page, 'oxygen_flow', '4');
  await choose(app.page, 'crs_death', 'no');
  await go(app.page, 'icans');
  await fill(app.page, 'age', '58');
  await choose(app.page, 'developmental_delay', 'no');
  await fill(app.page, 'ice_total', '8');
  await choose(app.page, 'consciousness', 'awakens_spontaneously');
  await choose(app.page, 'seizure', 'none');
  await choose(app.page, 'motor_weakness', 'no');
  await choose(app.page, 'cerebral_edema', 'none');
  await choose(app.page, 'icans_death', 'no');
}

test('full vignette: HScore total and breakdown, HLH-2004 count, CRS and ICANS grades', async () => {
  const t0 = Date.now();
  await enterVignette();
  timings.enterVignetteMs = Date.now() - t0;

  await go(app.page, 'hscore');
  assert.equal(await text(app.page, '#hscore-total'), '264');
  const expected = { Immunosuppression: '0', Temperature: '49', Organomegaly: '38', Cytopenias: '34', Ferritin: '50', Triglycerides: '44', Fibrinogen: '30', Ast: '19', MarrowHemophagocytosis: '0' };
  for (const [item, pts] of Object.entries(expected)) {
    assert.equal(await text(app.page, `#hscore-breakdown tr[data-item=${item}] td.num`), pts, item);
  }
  assert.match(await text(app.page, '#hscore-breakdown tr[data-item=Triglycerides]'), /310 mg\/dL/);
  assert.match(await text(app.page, '#hscore-conclusion'), /Met/);
  assert.match(await text(app.page, '#hscore-probability'), />\s?99 %/);

  await go(app.page, 'hlh2004');
  assert.equal(await text(app.page, '#hlh-count'), '5/8');
  assert.match(await text(app.page, '#hlh-conclusion'), /^\W*Met/);

  await go(app.page, 'crs');
  assert.equal(await text(app.page, '#crs-grade'), 'grade 3');
  assert.match(await text(app.page, '#crs-reason'), /hypotension/);
  assert.equal(await app.page.locator('#crs-table tr[data-domain=Hypotension] td[data-hit]').count(), 1);
  assert.equal(await app.page.locator('#crs-table tr.deciding').count(), 1);

  await go(app.page, 'icans');
  assert.equal(await text(app.page, '#icans-grade'), 'grade 1');
});

test('oxygen boundary: 6 L/min nasal cannula is grade 2, any facemask is grade 3', async () => {
  await go(app.page, 'crs');
  await choose(app.page, 'hypotension', 'no');
  await fill(app.page, 'vasopressors', '0');
  await fill(app.page, 'oxygen_flow', '6');
  assert.equal(await text(app.page, '#crs-grade'), 'grade 2');
  await fill(app.page, 'oxygen_flow', '6.5');
  assert.equal(await text(app.page, '#crs-grade'), 'grade 3');
  await fill(app.page, 'oxygen_flow', '4');
  await choose(app.page, 'oxygen_device', 'facemask');
  assert.equal(await text(app.page, '#crs-grade'), 'grade 3');
  // Back to the vignette's support.
  await choose(app.page, 'oxygen_device', 'nasal_cannula');
  await choose(app.page, 'hypotension', 'yes');
  await fill(app.page, 'vasopressors', '1');
  assert.equal(await text(app.page, '#crs-grade'), 'grade 3');
});

test('switching a unit shows the converted value and keeps the typed value and the result', async () => {
  await go(app.page, 'hscore');
  await app.page.selectOption('#in-triglycerides-unit', 'mmol/L');
  const shown = await app.page.inputValue('#in-triglycerides');
  assert.equal(shown, '3.5', 'converted 310 mg/dL → 3.5 mmol/L, for reading');
  assert.match(await text(app.page, '#in-triglycerides-converted'), /310 mg\/dL/);
  assert.equal(await text(app.page, '#hscore-breakdown tr[data-item=Triglycerides] td.num'), '44');
  // The score still uses the value as typed (product decision 10).
  assert.match(await text(app.page, '#hscore-breakdown tr[data-item=Triglycerides]'), /310 mg\/dL/);
  await app.page.selectOption('#in-temperature-unit', '°F');
  assert.equal(await app.page.inputValue('#in-temperature'), '103.28');
  assert.equal(await text(app.page, '#hscore-total'), '264');
});

test('an invalid value shows its message and gives no score for that item', async () => {
  await go(app.page, 'hscore');
  await app.page.selectOption('#in-temperature-unit', '°C');
  await fill(app.page, 'temperature', '3.8');
  const msg = await text(app.page, '#in-temperature-error');
  assert.match(msg, /3\.8 °C is outside the accepted range 25–45 °C/);
  assert.equal(await text(app.page, '#hscore-breakdown tr[data-item=Temperature] td.num'), '0–49');
  assert.equal(await text(app.page, '#hscore-total'), '215–264');
  await fill(app.page, 'temperature', 'abc');
  assert.match(await text(app.page, '#in-temperature-error'), /not a number/);
  await fill(app.page, 'temperature', '39.6');
  assert.equal(await app.page.locator('#in-temperature-error').count(), 0);
  assert.equal(await text(app.page, '#hscore-total'), '264');
});

test('a child is graded with CAPD entered item by item', async () => {
  await go(app.page, 'icans');
  await fill(app.page, 'age', '5');
  await app.page.locator('#in-capd_eye_contact').waitFor();
  const answers = { capd_eye_contact: 'never', capd_purposeful: 'often', capd_aware: 'always', capd_communicates: 'always',
    capd_restless: 'always', capd_inconsolable: 'never', capd_underactive: 'never', capd_slow_to_respond: 'never' };
  for (const [field, value] of Object.entries(answers)) await choose(app.page, field, value);
  // 4 (never eye contact) + 1 (often purposeful) + 4 (always restless) = 9 → grade 3.
  assert.equal(await text(app.page, '#icans-grade'), 'grade 3');
  assert.match(await text(app.page, '#icans-tool'), /CAPD/);
  await choose(app.page, 'capd_purposeful', 'always');
  await choose(app.page, 'consciousness', 'awakens_to_voice');
  assert.equal(await text(app.page, '#icans-grade'), 'grade 2');
  await choose(app.page, 'consciousness', 'awakens_spontaneously');
  await fill(app.page, 'age', '58');
  assert.equal(await text(app.page, '#icans-grade'), 'grade 1');
});

test('reload keeps the patient (this browser only)', async () => {
  await app.page.reload();
  await ready(app.page);
  await go(app.page, 'hscore');
  assert.equal(await text(app.page, '#hscore-total'), '264');
  const stored = await app.page.evaluate(() => Object.keys(localStorage));
  assert.ok(stored.some((k) => k.startsWith('iectox.patients.')), stored.join());
});

test('treatment: grade-3 CRS steps with doses for 70 kg / 175 cm', async () => {
  await go(app.page, 'treatment');
  await fill(app.page, 'weight', '70');
  await fill(app.page, 'height', '175');
  assert.match(await text(app.page, '#bsa'), /1\.84 m²/);
  const steps = await text(app.page, '#treatment-steps');
  assert.match(steps, /8 mg\/kg × 70 kg = 560 mg/);
  assert.match(await text(app.page, '[role=tab][aria-selected=true]'), /CRS grade 3/);
  await app.page.click('[role=tab]:has-text("IEC-HS")');
  const iec = await text(app.page, '#treatment-steps');
  assert.match(iec, /0\.3 mg\/kg\/day × 70 kg = 21 mg\/day/);
  assert.match(iec, /75–100 mg\/m² × 1\.84 m² = 138(\.\d)?–184(\.\d)? mg/);
  await fill(app.page, 'weight', '112');
  await app.page.click('[role=tab]:has-text("CRS grade 3")');
  // An adult's tocilizumab has no weight band (decision 8): no band in the working.
  assert.match(await text(app.page, '#treatment-steps'), /8 mg\/kg × 112 kg = 896 mg → capped at 800 mg/);
  await fill(app.page, 'weight', '70');
});

test('tocilizumab log: next time and limits', async () => {
  await go(app.page, 'treatment');
  await app.page.fill('#toci-when', '2026-01-01T08:00');
  await app.page.click('#toci-add');
  await app.page.fill('#toci-when', '2026-01-01T16:00');
  await app.page.click('#toci-add');
  await app.page.fill('#toci-when', '2026-01-02T00:00');
  await app.page.click('#toci-add');
  await app.page.fill('#toci-when', '2026-01-02T09:00');
  await app.page.click('#toci-add');
  assert.match(await text(app.page, '#toci-log'), /4 doses in total/);
  assert.match(await text(app.page, '#toci-next'), /Maximum of 4 doses/);
});

test('Spanish switch translates labels and results, and is remembered', async () => {
  await app.page.selectOption('#lang', 'es');
  await go(app.page, 'crs');
  assert.equal(await text(app.page, '#crs-grade'), 'grado 3');
  assert.match(await text(app.page, '#disclaimer'), /no sustituye al juicio clínico/);
  await go(app.page, 'hlh2004');
  assert.match(await text(app.page, '#hlh-conclusion'), /Cumple/);
  await app.page.reload();
  await ready(app.page);
  assert.equal(await app.page.getAttribute('html', 'lang'), 'es');
  await app.page.selectOption('#lang', 'en');
});

test('copy summary contains scores, inputs with units, date and version', async () => {
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.origin });
  await app.page.click('#copy-summary');
  const s = await app.page.locator('#summary-text').textContent();
  assert.match(s, /IEC-Tox \d+\.\d+\.\d+/);
  assert.match(s, /Date: \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC[+-]\d{2}:\d{2}\)/);
  assert.match(s, /== HScore \(Fardet 2014\) ==\nScore: 264 of 337\n/);
  assert.match(s, /== CRS — ASTCT 2019 \(Lee 2019\) ==\nGrade: 3\n/);
  assert.match(s, /== Inputs used ==[^]*\n {2}ferritin: 12500 ng\/mL\n[^]*== Not used \(refused\) ==\n {2}\(none\)/);
  const clip = await app.page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, s);
});

test('new patient clears everything; nothing was requested off the origin', async () => {
  await newPatient(app.page);
  await go(app.page, 'hscore');
  assert.equal(await text(app.page, '#hscore-total'), '0–337');
  assert.deepEqual(app.problems(), []);
});
