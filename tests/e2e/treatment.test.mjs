// Treatment page, patient-safety checks (issue 10): a 12 kg, 3-year-old child gets no adult
// fixed dose (tocilizumab 12 mg/kg, anakinra 2 mg/kg q6h only); a 70 kg adult is unchanged;
// routes and the IEC-HS supportive targets with the patient's values are shown; an undecided
// CRS grade opens no regimen; "New patient" resets the chosen tab; a fifth tocilizumab dose is
// called "exceeded". Screenshots at 1024×768 and 390×844.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, screenshot } from './harness.mjs';
import { go, fill, choose, text, newPatient } from './app.mjs';

const app = useApp();

// Adult fixed amounts of the review's algorithm: none may appear for a child.
// (A rate per kg or m² is not a fixed amount: "mg/" is allowed.)
const ADULT_FIXED = [/\b10 mg(?!\/)/, /\b20 mg(?!\/)/, /\b1000 mg(?!\/)/, /\b500 mg(?!\/)/,
  /\b250 mg(?!\/)/, /\b125 mg(?!\/)/, /\b60 mg(?!\/)/, /100–200 mg(?!\/)/, /50–100 mg(?!\/)/,
  /\b100 mg(?!\/)/];

async function crsGrade4() {
  await go(app.page, 'crs');
  await fill(app.page, 'temperature', '39.5');
  await fill(app.page, 'vasopressors', '2');
  await choose(app.page, 'oxygen_device', 'none');
}

async function stepsOf(tab) {
  await app.page.click(`[role=tab]:has-text("${tab}")`);
  return text(app.page, '#treatment-steps');
}

function assertNoAdultFixedDose(steps, where) {
  for (const re of ADULT_FIXED) assert.doesNotMatch(steps, re, `${where}: ${re}`);
}

test('a 12 kg, 3-year-old child: no adult fixed dose, tocilizumab 144 mg, anakinra 24 mg q6h', async () => {
  await crsGrade4();
  await go(app.page, 'treatment');
  await fill(app.page, 'age', '3');
  await fill(app.page, 'weight', '12');
  await fill(app.page, 'height', '90');
  assert.match(await text(app.page, '#dosing-population'), /Child \(under 18 years\)/);
  assert.match(await text(app.page, '[role=tab][aria-selected=true]'), /CRS grade 4/);
  const g4 = await text(app.page, '#treatment-steps');
  assertNoAdultFixedDose(g4, 'CRS grade 4');
  assert.match(g4, /12 mg\/kg × 12 kg = 144 mg \(weight under 30 kg\)/);
  assert.match(g4, /Under 30 kg: tocilizumab label, Mahadeo 2019/);
  assert.match(g4, /2 mg\/kg × 12 kg = 24 mg, every 6 h/);
  assert.match(g4, /adult dose — for children use your paediatric protocol/);
  assert.match(g4, /IV · 12 mg\/kg/, 'route shown');
  await screenshot(app.page, 'treatment-child-crs4-1024x768');

  const iec = await stepsOf('IEC-HS');
  assertNoAdultFixedDose(iec, 'IEC-HS');
  assert.match(iec, /paediatric dosing by weight band — not computed/);
  assert.match(iec, /75–100 mg\/m² × 0\.55 m² = 41\.3–55 mg/);
  assert.match(iec, /intrathecal · adult dose/);
  assert.match(iec, /oral · paediatric dosing by weight band/);
  await app.page.setViewportSize({ width: 390, height: 844 });
  await screenshot(app.page, 'treatment-child-iec-hs-390x844');
  await app.page.setViewportSize({ width: 1024, height: 768 });
});

test('the same page for a 70 kg adult is unchanged (tocilizumab 560 mg, dexamethasone 20 mg)', async () => {
  await fill(app.page, 'age', '45');
  await fill(app.page, 'weight', '70');
  await fill(app.page, 'height', '175');
  assert.match(await text(app.page, '#dosing-population'), /Adult/);
  const g4 = await stepsOf('CRS grade 4');
  assert.match(g4, /8 mg\/kg × 70 kg = 560 mg/);
  assert.match(g4, /20 mg, every 6 h/);
  assert.match(g4, /1000 mg, every 24 h/);
  await screenshot(app.page, 'treatment-adult-crs4-1024x768');
});

test('age unknown under 40 kg asks "adult or child?" before any adult fixed dose', async () => {
  await fill(app.page, 'age', '');
  await fill(app.page, 'weight', '35');
  assert.match(await text(app.page, '#dosing-population'), /adult or child\?/);
  const g4 = await stepsOf('CRS grade 4');
  assert.doesNotMatch(g4, /20 mg, every 6 h/);
  assert.match(g4, /adult or child\? Answer above/);
  await app.page.selectOption('#in-dosing-age-group', 'adult');
  assert.match(await stepsOf('CRS grade 4'), /20 mg, every 6 h/);
  await app.page.selectOption('#in-dosing-age-group', 'child');
  assert.match(await stepsOf('CRS grade 4'), /adult dose — for children/);
});

test('tocilizumab under 30 kg: 12 mg/kg for a child, 8 mg/kg for an adult, asked when unknown', async () => {
  await fill(app.page, 'age', '');
  await fill(app.page, 'weight', '28');
  await app.page.selectOption('#in-dosing-age-group', '');
  // Unknown age: the two rules differ under 30 kg, so the question comes first.
  assert.match(await stepsOf('CRS grade 2'), /Tocilizumab[\s\S]*adult or child\? Answer above/);
  assert.doesNotMatch(await stepsOf('CRS grade 2'), /× 28 kg/);
  await app.page.selectOption('#in-dosing-age-group', 'child');
  assert.match(await stepsOf('CRS grade 2'), /12 mg\/kg × 28 kg = 336 mg \(weight under 30 kg\)/);
  await app.page.selectOption('#in-dosing-age-group', 'adult');
  const adult = await stepsOf('CRS grade 2');
  assert.match(adult, /8 mg\/kg × 28 kg = 224 mg/);
  assert.doesNotMatch(adult, /12 mg\/kg × 28 kg/);
  assert.match(adult, /Adults: 8 mg\/kg at any weight; the label gives 12 mg\/kg under 30 kg to adults too/);
  // From 30 kg both rules agree: computed without the question.
  await fill(app.page, 'weight', '35');
  await app.page.selectOption('#in-dosing-age-group', '');
  assert.match(await stepsOf('CRS grade 2'), /8 mg\/kg × 35 kg = 280 mg/);
});

test('CRS page: the paediatric hypotension note for a child, with its limit; none for an adult', async () => {
  const crsWithAge = async (age) => {
    await go(app.page, 'treatment');
    await fill(app.page, 'age', age);
    await go(app.page, 'crs');
  };
  await crsWithAge('45');
  assert.equal(await app.page.locator('#crs-paediatric-hypotension').count(), 0);
  const adultGrade = await text(app.page, '#crs-grade');
  await crsWithAge('6');
  assert.match(await text(app.page, '#crs-paediatric-hypotension'),
    /Children: hypotension is a systolic pressure below 70 \+ 2 × age in years \(1–10 years\), below 90 mmHg above 10 years \(Mahadeo 2019\)\. It does not change the ASTCT grade[\s\S]*For this child: systolic below 82 mmHg\./);
  // The grade is the same (graded by the support required).
  assert.equal(await text(app.page, '#crs-grade'), adultGrade);
  await crsWithAge('12');
  assert.match(await text(app.page, '#crs-paediatric-hypotension'), /For this child: systolic below 90 mmHg\./);
  await crsWithAge('45');
  await go(app.page, 'treatment');
});

test('IEC-HS supportive targets show the condition and the patient value', async () => {
  await fill(app.page, 'age', '45');
  await fill(app.page, 'weight', '70');
  await go(app.page, 'hscore');
  await fill(app.page, 'fibrinogen', '0.9', 'g/L');
  await fill(app.page, 'haemoglobin', '8', 'g/dL');
  await go(app.page, 'treatment');
  const iec = await stepsOf('IEC-HS');
  assert.match(iec, /only when below the target/);
  assert.match(iec, /Target: fibrinogen > 100 mg\/dL without bleeding — patient 0\.9 g\/L: ⚠ below the target \(> 1 g\/L\)/);
  assert.match(iec, /Target: fibrinogen > 150 mg\/dL with bleeding — patient 0\.9 g\/L: ⚠ below the target \(> 1\.5 g\/L\)/);
  assert.match(iec, /Target: haemoglobin ≥ 7 g\/dL — patient 8 g\/dL: meets the target/);
  assert.doesNotMatch(iec, /for every patient/);
});

test('an undecided CRS grade opens no regimen, and "New patient" resets the chosen tab', async () => {
  await newPatient(app.page);
  await go(app.page, 'treatment');
  assert.match(await text(app.page, '#crs-grade-hint'), /CRS grade not decided \(0–[45]\)/);
  assert.equal(await app.page.locator('[role=tab][aria-selected=true]').count(), 0);
  assert.equal((await text(app.page, '#treatment-steps')).trim(), '');
  await app.page.click('[role=tab]:has-text("IEC-HS")');
  assert.equal(await app.page.locator('[role=tab][aria-selected=true]').count(), 1);
  await newPatient(app.page);
  await go(app.page, 'treatment');
  assert.equal(await app.page.locator('[role=tab][aria-selected=true]').count(), 0);
});

test('a fifth recorded tocilizumab dose is called exceeded', async () => {
  await go(app.page, 'treatment');
  for (const t of ['2026-01-01T08:00', '2026-01-01T16:00', '2026-01-02T00:00', '2026-01-02T08:00', '2026-01-02T16:00']) {
    await app.page.fill('#toci-when', t);
    await app.page.click('#toci-add');
  }
  const log = await text(app.page, '#toci-log');
  assert.match(log, /Maximum exceeded: 5 doses recorded/);
  assert.deepEqual(app.problems(), []);
});
