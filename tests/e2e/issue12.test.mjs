// Issue 12, items 3–6 in the browser: the review's management targets on the treatment page,
// labels from the core, Spanish everywhere, and the small clinical-UX gaps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, ready } from './harness.mjs';
import { go, fill, choose, newPatient } from './app.mjs';

const app = useApp();

const step = (id) => app.page.locator(`#treatment-steps li[data-step=${id}]`).first().innerText();

test('management targets as stated in the review, per CRS grade (spec §13)', async () => {
  await go(app.page, 'treatment');
  await app.page.click('[role=tab]:has-text("CRS grade 2")');
  const oxygen2 = await step('OxygenSupport');
  assert.match(oxygen2, /Target: SpO₂ > 90 %/);
  assert.match(oxygen2, /Low-flow oxygen/);
  assert.match(oxygen2, /as stated in the review, not verified/);
  assert.doesNotMatch(oxygen2, /not transcribed|no current value/);
  const fluids = await step('Fluids');
  assert.match(fluids, /Target: SBP > 90 mmHg/);
  assert.match(fluids, /Target: DBP > 60 mmHg/);
  assert.match(fluids, /capillary leak/);
  await app.page.click('[role=tab]:has-text("CRS grade 3")');
  assert.match(await step('VasopressorSupport'), /Start when: MAP < 65 mmHg/);
  assert.match(await step('OxygenSupport'), /SpO₂ > 90 %.*\n?.*High-flow oxygen and\/or non-invasive ventilation/s);
  await app.page.click('[role=tab]:has-text("Refractory CRS")');
  const refractory = await app.page.locator('#refractory-statements').innerText();
  assert.match(refractory, /publication bias/);
  assert.match(refractory, /Rule out infection, IEC-HS and disease progression/);
  assert.match(await step('ExtracorporealTherapy'), /Hemofiltration, hemadsorption, plasma exchange/);
  await app.page.selectOption('#lang', 'es');
  await app.page.click('[role=tab]:has-text("SLC grado 3")');
  assert.match(await step('VasopressorSupport'), /Iniciar si: PAM < 65 mmHg/);
  await app.page.selectOption('#lang', 'en');
  assert.deepEqual(app.problems(), []);
});

test('labels come from the core, in the user\'s language and unit', async () => {
  await newPatient(app.page);
  await go(app.page, 'crs');
  const fever = () => app.page.locator('#crs-table tr[data-domain=Fever] td[data-grade="1"]').innerText();
  assert.match(await fever(), /T ≥ 38\.0 °C/);
  await app.page.selectOption('#in-temperature-unit', '°F');
  assert.match(await fever(), /T ≥ 100\.4 °F/);
  await app.page.selectOption('#in-temperature-unit', '°C');
  assert.match(await app.page.locator('#crs-table tr[data-domain=Hypoxia]').innerText(), /≤ 6(\.0)? L\/min[\s\S]*> 6(\.0)? L\/min/);
  await go(app.page, 'hscore');
  await fill(app.page, 'temperature', '39');
  assert.equal(await app.page.locator('#hscore-breakdown tr[data-item=Temperature] td.category').innerText(), '38.4–39.4 °C (101.1–102.9 °F)');
  assert.match(await app.page.locator('main').innerText(), /Cut-off ≥ 169 \(sensitivity 93 %, specificity 86 %\)/);
  await go(app.page, 'icans');
  const ice = await app.page.$$eval('#icans-table tr[data-domain=Ice] td', (tds) => tds.map((t) => t.innerText.trim()));
  assert.deepEqual(ice.slice(0, 3).map((t) => t.split('\n').pop().replace(/^\W*/, '')), ['7–9', '3–6', '0–2']);
  await app.page.selectOption('#lang', 'es');
  await go(app.page, 'hscore');
  assert.equal(await app.page.locator('#hscore-breakdown tr[data-item=Temperature] td.category').innerText(), '38,4–39,4 °C (101,1–102,9 °F)');
  await go(app.page, 'hlh2004');
  assert.match(await app.page.locator('#hlh-checklist').innerText(), /Triglicéridos en ayunas ≥ 3,0 mmol\/L \(≥ 265 mg\/dL\)/);
  await app.page.selectOption('#lang', 'en');
  assert.deepEqual(app.problems(), []);
});

// English words that have no place in the Spanish interface. Latin names, drug names, units,
// acronyms and bibliographic references (kept in their original language) are not words here.
const ENGLISH = /\b(the|and|with|without|not|missing|grade|patient|doses?|unknown|known|yes|none|target|start|when|every|only|if|of|in|at|for|to|from|is|are|review|source|present|absent|fever|required|step|weight|height|age|years?|days?|hours?|severe|death|refractory|infection|treatment|print|copy|new|language|note|see|enter|than|below|above|after|before|until|may|must|should|this|that|these|each|any|all|more|less|child|adult|children|adults|dose|give|given|use|used|verified|unverified|stated|corrected|breakdown|category|points|criteria|criterion|features?|lineages?|value|range|checklist|cultures?|imaging|started|time|now|menu|possible|undetermined|met)\b/i;

async function englishIn(page, where) {
  return app.page.evaluate(([re, where]) => {
    const rx = new RegExp(re, 'i');
    const root = document.querySelector(where);
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('.citation, #sources-list, i, [lang=en], script, style, option:not(:checked)')) continue;
      if (getComputedStyle(el).display === 'none') continue;
      const t = n.textContent.trim();
      const m = t.match(rx);
      if (m) out.push(`${m[0]} ← ${t.slice(0, 100)}`);
    }
    return out;
  }, [ENGLISH.source, where]);
}

test('Spanish everywhere: no English word on any page, tab or in the copied summary', async () => {
  await newPatient(app.page);
  await app.page.selectOption('#lang', 'es');
  // A patient that shows most texts: values, a refused input, a grade, doses, the log.
  await go(app.page, 'hscore');
  await fill(app.page, 'temperature', '39.6');
  await fill(app.page, 'ferritin', '12500');
  await fill(app.page, 'platelets', '45');
  await fill(app.page, 'fibrinogen', '99');
  await fill(app.page, 'triglycerides', '3.2');
  await go(app.page, 'crs');
  await choose(app.page, 'fever_masking_therapy', 'no');
  await choose(app.page, 'hypotension', 'yes');
  await fill(app.page, 'vasopressors', '1');
  await choose(app.page, 'vasopressin', 'no');
  await choose(app.page, 'oxygen_device', 'nasal_cannula');
  await fill(app.page, 'oxygen_flow', '4');
  await go(app.page, 'icans');
  await fill(app.page, 'ice_total', '5');
  await go(app.page, 'treatment');
  await fill(app.page, 'weight', '70');
  await fill(app.page, 'height', '175');
  await app.page.click('#toci-add');
  const found = [];
  for (const route of ['', 'crs', 'icans', 'hscore', 'hlh2004', 'iec-hs', 'labs', 'systems', 'measix', 'sepsis', 'sources']) {
    await app.page.goto(`${app.server.url}#/${route}`);
    await ready(app.page);
    for (const w of await englishIn(app.page, 'body')) found.push(`#/${route}: ${w}`);
  }
  await app.page.goto(`${app.server.url}#/treatment`);
  await ready(app.page);
  const tabs = await app.page.locator('[role=tab]').count();
  for (let i = 0; i < tabs; i++) {
    await app.page.locator('[role=tab]').nth(i).click();
    for (const w of await englishIn(app.page, 'main')) found.push(`#/treatment tab ${i}: ${w}`);
  }
  await app.page.click('#copy-summary');
  await app.page.locator('#summary-text').waitFor({ state: 'attached' });
  const summary = await app.page.locator('#summary-text').textContent();
  for (const line of summary.split('\n')) {
    const m = line.match(ENGLISH);
    if (m && !/^IEC-Tox /.test(line)) found.push(`summary: ${m[0]} ← ${line.slice(0, 100)}`);
  }
  assert.deepEqual([...new Set(found)], []);
  await app.page.selectOption('#lang', 'en');
});

test('small clinical-UX gaps: ICANS tool by answer, CTCAE fibrinogen reading, fasting, ferritin without ULN', async () => {
  await newPatient(app.page);
  // ICE 10 with no age: both tools possible, not decided; "adult" makes it ICE, grade 0.
  await go(app.page, 'icans');
  await fill(app.page, 'ice_total', '10');
  for (const [f, v] of [['consciousness', 'alert'], ['seizure', 'none'], ['motor_weakness', 'no'], ['cerebral_edema', 'none'], ['icans_death', 'no']]) await choose(app.page, f, v);
  assert.match(await app.page.locator('#icans-grade').innerText(), /–/);
  await app.page.selectOption('#in-icans-age-group', 'adult');
  assert.equal(await app.page.locator('#icans-grade').innerText(), 'no (grade 0)');
  assert.match(await app.page.locator('#icans-tool').innerText(), /ICE .*age unknown, as answered/);
  await app.page.selectOption('#in-icans-age-group', 'child');
  assert.match(await app.page.locator('#icans-tool').innerText(), /CAPD/);
  await fill(app.page, 'age', '58');
  assert.equal(await app.page.locator('#in-icans-age-group').count(), 0, 'not asked once the age is known');
  assert.match(await app.page.locator('#icans-tool').innerText(), /ICE/);
  // CTCAE fibrinogen: its reading is shown where its grade is.
  await go(app.page, 'labs');
  assert.match(await app.page.locator('#ctcae-table tr[data-term=FibrinogenDecreased] th').innerText(), /"if abnormal" means a baseline below the LLN/);
  // HLH-2004: triglycerides of unrecorded fasting status, and what fasting would change.
  await go(app.page, 'hlh2004');
  await fill(app.page, 'triglycerides', '3.2');
  assert.match(await app.page.locator('#hlh-tg-if-fasting').innerText(), /Fasting status not recorded: if the sample was fasting, the value meets the threshold and criterion 4 is met/);
  await choose(app.page, 'triglycerides_fasting', 'yes');
  assert.equal(await app.page.locator('#hlh-tg-if-fasting').count(), 0);
  // IEC-HS: 12 500 ng/mL without a ULN is above 2 × the largest accepted ULN.
  await go(app.page, 'iec-hs');
  await fill(app.page, 'ferritin', '12500');
  assert.match(await app.page.locator('#iec-ferritin').innerText(), /Met/);
  assert.match(await app.page.locator('#iec-ferritin-reason').innerText(), /ULN not entered: ferritin is above 2 × 2000 ng\/mL/);
  await fill(app.page, 'ferritin', '4000');
  assert.match(await app.page.locator('#iec-ferritin').innerText(), /Undetermined/);
  assert.equal(await app.page.locator('#iec-ferritin-reason').count(), 0);
  assert.deepEqual(app.problems(), []);
});
