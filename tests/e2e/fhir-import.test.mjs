// "Import from the record" and "Export FHIR" (issue 9, items 3–4): the CAR-T course Bundle
// read by file chooser and by paste, the used/ignored report shown before anything is
// applied, the course filled (one time point per time, treatments with doses), the scores
// shown; the exported Bundle downloads and re-imports to the same results; no request
// leaves the origin. Also prints the browser's time for a 2,000-Observation Bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { useApp, screenshot } from './harness.mjs';
import { go, text } from './app.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CART = resolve(here, '../../crates/iectox/tests/fixtures/fhir/cart-course.json');

const app = useApp({ prefix: '/ward/iectox/', open: false });

/** A fresh browser context (its own storage) on the import page. */
const fresh = () => app.open('#/import');

/** The open patient's stored record. */
const stored = (page) => page.evaluate(() => {
  const keys = Object.keys(localStorage).filter((k) => k.startsWith('iectox.patients.'));
  return keys.map((k) => JSON.parse(localStorage.getItem(k)).patient);
});

/** Distinct effective times of the Observations used (the course's time points). */
async function expectedTimes() {
  const bundle = JSON.parse(await readFile(CART, 'utf8'));
  return bundle;
}

async function checkReport(page) {
  await page.locator('#fhir-read').waitFor();
  const report = await text(page, '#fhir-report');
  // Used lines and each kind of ignored line of the fixture, with the reason in words.
  assert.match(report, /Observation\s+o15\s+http:\/\/loinc.org\|2276-4\s+2026-11-27 \d\d:00 \(UTC[+−]\d\d:\d\d\)\s+used: ferritin/);
  assert.match(report, /o30\s+http:\/\/loinc.org\|2276-4.*ignored: status "entered-in-error"/);
  assert.match(report, /o29.*ignored: data absent/);
  assert.match(report, /59408-5: read, but no score uses it/);
  assert.match(report, /para-1.*ignored: a medication IEC-Tox does not record/);
  assert.match(report, /Patient.*used: birth date/);
  assert.match(report, /toci-1.*used: treatment given/);
  assert.match(await text(page, '#fhir-summary'), /^\d+ used, \d+ ignored; \d+ time points, 3 treatments\.$/);
  assert.equal(await page.locator('#fhir-treatments li[data-drug="tocilizumab"]').count(), 2);
  assert.match(await text(page, '#fhir-treatments li[data-drug="tocilizumab"] >> nth=0'), /^tocilizumab 544 mg — 2026-11-22 \d\d:00 .*source toci-1\)$/);
}

async function applyAndCheck(page, button) {
  const points = await page.locator('#fhir-points > li').count();
  await page.click(button);
  await page.locator('#fhir-applied').waitFor();
  assert.match(await text(page, '#fhir-applied-summary'), new RegExp(`^${points} time points \\(0 already there received the values\\) and 3 treatments added\\.`));
  const records = await stored(page);
  const rec = records.find((r) => r.course.time_points.length === points);
  assert.ok(rec, 'one stored patient holds one time point per distinct time');
  const tps = rec.course.time_points;
  const times = tps.map((t) => t.at);
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
  assert.equal(new Set(times).size, times.length, 'one time point per time');
  // Ferritin of the latest time point that has one: 31,000 µg/L on day 27 06:00 (+01:00).
  const at0600 = Date.parse('2026-11-27T06:00:00+01:00');
  const latestLabs = tps.find((t) => t.at === at0600);
  assert.equal(latestLabs.form.texts.ferritin, '31000');
  assert.equal(latestLabs.form.units.ferritin, 'µg/L');
  const toci = rec.course.treatments.filter((t) => t.kind === 'tocilizumab');
  assert.deepEqual(toci.map((t) => [t.at, t.dose_mg]), [
    [Date.parse('2026-11-22T10:00:00+01:00'), 544], [Date.parse('2026-11-22T20:00:00+01:00'), 544]]);
  assert.equal(rec.course.treatments.filter((t) => t.kind === 'dexamethasone').length, 1);
  assert.equal(rec.course.treatments.some((t) => /acetaminophen|paracetamol/i.test(t.note)), false);
  assert.equal(rec.revision, 1, 'applied in one step: one revision');
  return rec;
}

async function scores(page) {
  await go(page, 'hscore');
  const hscore = await text(page, '#hscore-total');
  await go(page, 'crs');
  const crs = await text(page, '#crs-grade');
  return { hscore, crs };
}

test('import by file chooser: report first, then the course, the scores, export and re-import', { timeout: 180000 }, async () => {
  const { page, problems } = await fresh();
  await expectedTimes();
  assert.equal(await page.locator('#fhir-export').isDisabled(), true, 'nothing to export yet');
  await page.setInputFiles('#fhir-file', CART);
  await checkReport(page);
  assert.equal((await stored(page)).length, 0, 'nothing applied before the clinician chooses');
  await page.screenshot({ path: await screenshot(page, 'fhir-import-report'), fullPage: true });
  await applyAndCheck(page, '#fhir-apply-here');
  const before = await scores(page);
  assert.match(before.hscore, /^\d+/);
  assert.ok(before.crs.length > 0);
  // Export: a Bundle made in the page, downloaded.
  await go(page, 'import');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#fhir-export')]);
  assert.match(download.suggestedFilename(), /^iectox-fhir-\d{4}-\d{2}-\d{2}\.json$/);
  const exportedPath = await download.path();
  const bundle = JSON.parse(await readFile(exportedPath, 'utf8'));
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.type, 'collection');
  // Re-import as a new patient: the same results.
  await page.setInputFiles('#fhir-file', exportedPath);
  await page.locator('#fhir-read').waitFor();
  assert.match(await text(page, '#fhir-report'), /ignored: a result written by IEC-Tox/);
  await page.click('#fhir-apply-new');
  await page.locator('#fhir-applied').waitFor();
  assert.equal((await stored(page)).length, 2, 'a second patient');
  assert.deepEqual(await scores(page), before, 'export → import gives the same HScore and CRS');
  assert.deepEqual(problems(), []);
});

test('import by paste, in Spanish; cancel applies nothing; a second import into the same patient merges by time', { timeout: 180000 }, async () => {
  const { page, problems } = await fresh();
  await page.selectOption('#lang', 'es');
  await page.fill('#fhir-paste', await readFile(CART, 'utf8'));
  await page.click('#fhir-read-paste');
  await page.locator('#fhir-read').waitFor();
  const report = await text(page, '#fhir-report');
  assert.match(report, /ignorado: estado «entered-in-error»/);
  assert.match(report, /ignorado: dato ausente/);
  assert.match(report, /ignorado: medicación que IEC-Tox no registra/);
  await page.click('#fhir-cancel');
  assert.equal(await page.locator('#fhir-read').count(), 0);
  assert.equal((await stored(page)).length, 0, 'cancel: nothing applied');
  await page.selectOption('#lang', 'en');
  await page.click('#fhir-read-paste');
  await checkReport(page);
  await applyAndCheck(page, '#fhir-apply-here');
  // The same document again into the same patient: every time point is already there.
  await page.click('#fhir-done');
  await page.click('#fhir-read-paste');
  await page.locator('#fhir-read').waitFor();
  const merging = await page.locator('#fhir-points > li .merge').count();
  assert.equal(merging, await page.locator('#fhir-points > li').count(), 'each time point says it receives the values');
  await page.click('#fhir-apply-here');
  assert.match(await text(page, '#fhir-applied-summary'), /\((\d+) already there received the values\) and 3 treatments added/);
  const [rec] = await stored(page);
  assert.equal(rec.course.treatments.filter((t) => t.kind === 'tocilizumab').length, 2, 'the same administration is not added twice');
  assert.deepEqual(problems(), []);
});

test('benchmark: a 2,000-Observation Bundle from paste to report', { timeout: 180000 }, async () => {
  const { page, problems } = await fresh();
  const codes = [['2276-4', 'ug/L', 500], ['777-3', '10*9/L', 100], ['1920-8', 'U/L', 40], ['8310-5', 'Cel', 37.5]];
  const entry = [];
  for (let i = 0; i < 2000; i++) {
    const [code, unit, value] = codes[i % codes.length];
    const t = new Date(Date.UTC(2026, 10, 1) + Math.floor(i / 4) * 3600_000).toISOString().replace('.000Z', 'Z');
    entry.push({ resource: { resourceType: 'Observation', id: `b${i}`, status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code }] }, effectiveDateTime: t,
      valueQuantity: { value: value + (i % 7), unit, system: 'http://unitsofmeasure.org', code: unit } } });
  }
  const json = JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry });
  await page.fill('#fhir-paste', json);
  const start = Date.now();
  await page.click('#fhir-read-paste');
  await page.locator('#fhir-read').waitFor({ timeout: 120000 });
  const shown = Date.now() - start;
  const core = Number(await page.locator('#fhir-read').getAttribute('data-ms'));
  assert.equal(await page.locator('#fhir-report tbody tr').count(), 2000);
  assert.match(await text(page, '#fhir-summary'), /^2000 used, 0 ignored; 500 time points/);
  console.log(`# 2,000-Observation Bundle (${(json.length / 1024).toFixed(0)} KiB): core import + plan ${core.toFixed(0)} ms, click to report shown ${shown} ms`);
  assert.deepEqual(problems(), []);
});
