// The course page (issue 11): a 7-day course entered through the UI — fever on day 1, CRS
// grade 2 then 3 with tocilizumab twice and dexamethasone, resolution on day 4 ("fever masked"
// answered no then, as in the core's own 7-day test), ferritin rising from day 5 with
// fibrinogen falling. Checks the grades per day, the CRS episode, the ferritin chart's
// threshold line and flagged points, IEC-HS's ferritin criterion against the infusion
// baseline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, ready, screenshot } from './harness.mjs';
import { go, fill, choose, text } from './app.mjs';
import { importCourse } from '../bench/course-bundle.mjs';

const app = useApp({ prefix: '/', beforeLoad: (page) => page.on('dialog', (d) => d.accept()) });

const day = (d, h) => {
  const t = new Date(2026, 11, 1 + d, 10 + h, 0); // infusion 2026-12-01 10:00 local, + d days + h hours
  const p = (n) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:${p(t.getMinutes())}`;
};

async function addTimePoint(at) {
  await go(app.page, 'course');
  await app.page.fill('#course-new-at', at);
  await app.page.click('#course-add');
}

async function bedside(temp, masked, hypotension, vasopressors, device, flow) {
  await go(app.page, 'crs');
  await fill(app.page, 'temperature', temp);
  await choose(app.page, 'fever_masking_therapy', masked);
  await choose(app.page, 'hypotension', hypotension);
  await fill(app.page, 'vasopressors', vasopressors);
  await choose(app.page, 'vasopressin', 'no');
  await choose(app.page, 'oxygen_device', device);
  if (flow) await fill(app.page, 'oxygen_flow', flow);
}

async function labs(ferritin, fibrinogen) {
  await go(app.page, 'hscore');
  await fill(app.page, 'ferritin', ferritin);
  await fill(app.page, 'fibrinogen', fibrinogen);
}

async function treatment(kind, at, dose) {
  await go(app.page, 'course');
  await app.page.selectOption('#course-tr-kind', kind);
  await app.page.fill('#course-tr-at', at);
  await app.page.fill('#course-tr-dose', dose);
  await app.page.click('#course-tr-add');
}

test('a 7-day course: grades per day, the CRS episode, the ferritin chart, IEC-HS vs baseline', async () => {
  await go(app.page, 'course');
  await app.page.fill('#course-infusion', day(0, 0));
  await addTimePoint(day(-1, 4));
  await bedside('36.8', 'no', 'no', '0', 'none');
  await labs('400', '3.0');
  await addTimePoint(day(1, 2));
  await bedside('38.6', 'no', 'no', '0', 'none');
  await labs('500', '2.8');
  await addTimePoint(day(1, 10));
  await bedside('39.2', 'no', 'yes', '0', 'nasal_cannula', '2');
  await treatment('Tocilizumab', day(1, 11), '560');
  await addTimePoint(day(2, 2));
  await bedside('38.9', 'yes', 'yes', '1', 'nasal_cannula', '4');
  await labs('700', '2.5');
  await treatment('Tocilizumab', day(2, 3), '560');
  await treatment('Dexamethasone', day(2, 3), '10');
  await addTimePoint(day(3, 2));
  await bedside('37.2', 'yes', 'yes', '0', 'nasal_cannula', '2');
  await labs('650', '2.4');
  await addTimePoint(day(4, 2));
  await bedside('36.8', 'no', 'no', '0', 'none');
  await labs('520', '2.4');
  for (const [d, fer, fib] of [[5, '1200', '1.8'], [6, '4500', '1.2'], [7, '12000', '0.9']]) {
    await addTimePoint(day(d, 2));
    await bedside('37.1', 'no', 'no', '0', 'none');
    await labs(fer, fib);
  }
  await go(app.page, 'course');

  const rows = await app.page.$$eval('#grade-strip tbody tr', (trs) => trs.map((tr) => [
    tr.dataset.day, tr.querySelector('.strip-crs').innerText, tr.querySelector('.strip-iec').innerText]));
  const crs = rows.map(([d, c]) => `${d}:${c.match(/\d/)?.[0]}`);
  assert.deepEqual(crs, ['-1:0', '1:1', '1:2', '2:3', '3:2', '4:0', '5:0', '6:0', '7:0'], String(rows));
  // IEC-HS's ferritin criterion from day 5 (1200 > 2 × the baseline 400 before infusion).
  assert.match(rows[6][2], /ferritin criterion met/, rows[6][2]);
  assert.match(await text(app.page, '#course-baselines'), /ferritin: 400 ng\/mL — last value at or before the infusion/);

  const episode = await text(app.page, '#ep-crs-0');
  assert.match(episode, /day \+1/);
  assert.match(episode, /grade 3/i);
  assert.match(episode, /resolved day \+4/);
  assert.equal(await app.page.locator('#ep-crs-1').count(), 0);

  const chart = app.page.locator('#chart-ferritin');
  assert.ok(await chart.locator('g.threshold[data-value="500"]').count(), 'HLH-2004 500 line');
  assert.ok(await chart.locator('g.threshold[data-value="10000"]').count(), 'CARTOX 10000 line');
  assert.equal(await chart.locator('g.point.flagged').count(), 7, 'every ferritin ≥ 500 (all but the baseline 400)');
  await chart.locator('summary').click();
  const table = await text(app.page, '#chart-ferritin-table');
  assert.match(table, /12000\s+ng\/mL\s+▲ at or above 500 ng\/mL \(HLH-2004\)/);
  assert.match(table, /× 2\.67/);
  assert.equal(await app.page.locator('.treatment-marker').count() >= 3, true);
  await screenshot(app.page, 'course-7-day-1024x768');

  // The copied summary has the course: the CRS episode, the peak ferritin, the treatments.
  await app.page.click('#copy-summary');
  await app.page.locator('#summary-text').waitFor({ state: 'attached' });
  const summary = await app.page.locator('#summary-text').textContent();
  assert.match(summary, /== Course ==/);
  assert.match(summary, /CRS: onset .+ \(day \+1\); maximum grade 3 at .+; resolved .+/);
  assert.match(summary, /Peak ferritin in the CRS phase: \d+ ng\/mL/);
  assert.match(summary, /Treatments:\n  .+ — tocilizumab/);
  // The overview says which day the time point shown is.
  await go(app.page, '');
  assert.equal(await text(app.page, '#overview-day'), 'day +7');
});

test('tocilizumab limits on the course page are sentences in the user language, not code', async () => {
  // The 7-day course above has 2 doses; 3 more within 24 h on day 7 make 5 in all and 3 + in
  // one window.
  for (const h of [0, 8, 16]) await treatment('Tocilizumab', day(7, h), '560');
  await go(app.page, 'course');
  const section = await text(app.page, 'section[aria-labelledby="course-tr-title"]');
  assert.match(section, /Maximum exceeded: 5 doses recorded \(maximum 4 in total\)\./, section);
  assert.doesNotMatch(section, /TotalExceeded|In24hExceeded|FourDosesTotal|\{/, section);
  await app.page.selectOption('#lang', 'es');
  await go(app.page, 'course');
  const es = await text(app.page, 'section[aria-labelledby="course-tr-title"]');
  assert.match(es, /Máximo superado: 5 dosis registradas \(máximo 4 en total\)\./, es);
  await app.page.selectOption('#lang', 'en');
});

test('ferritin "rapidly rising" is the clinician\'s mark: the last change shown, the mark saved and summarised', async () => {
  await go(app.page, 'course');
  // Day 6 → day 7: 4500 → 12000 ng/mL.
  assert.match(await text(app.page, '#ferritin-last-step'), /× 2\.67, \+7500 ng\/mL\/24 h/);
  assert.equal(await app.page.isChecked('#ferritin-rapid-mark'), false);
  const before = await text(app.page, '#grade-strip');
  await app.page.check('#ferritin-rapid-mark');
  assert.match(await text(app.page, '#ferritin-rapid'), /Marked \d{4}-\d\d-\d\d/);
  assert.equal(await text(app.page, '#grade-strip'), before, 'the mark changes no score');
  await app.page.reload();
  await ready(app.page);
  await go(app.page, 'course');
  assert.equal(await app.page.isChecked('#ferritin-rapid-mark'), true, 'saved with the patient');
  await app.page.click('#copy-summary');
  await app.page.locator('#summary-text').waitFor({ state: 'attached' });
  assert.match(await app.page.locator('#summary-text').textContent(), /Ferritin rapidly rising: marked by the clinician \(.+\)/);
  await app.page.uncheck('#ferritin-rapid-mark');
  assert.doesNotMatch(await text(app.page, '#ferritin-rapid'), /Marked/);
});

test('a 30-day course: its tables show the latest 12 time points and the selected one until asked for all; the charts show every one', async () => {
  const page = app.page;
  await importCourse(page); // 120 time points, a new patient; ends on the Course page
  const rows = (table) => page.locator(`${table} tbody tr`).count();
  assert.equal(await rows('#course-time-points'), 12);
  assert.equal(await rows('#grade-strip'), 12);
  assert.match(await page.locator('#course-time-points-all').locator('..').innerText(),
    /108 earlier time points not shown \(the charts show the whole course\)\. Show all 120 time points/);
  assert.equal(await page.getAttribute('#course-time-points-all', 'aria-expanded'), 'false');
  // Every time point is still drawn: a dot or a flag each on the ferritin chart.
  const drawn = await page.$eval('#chart-ferritin svg', (svg) =>
    (svg.querySelector('path.points')?.getAttribute('d').match(/M/g) ?? []).length + svg.querySelectorAll('g.point.flagged').length);
  assert.equal(drawn, 120);

  // The first time point selected (on another page): it joins the latest in both tables.
  await go(page, 'hscore');
  const first = await page.locator('#time-point-select option').first().getAttribute('value');
  await page.selectOption('#time-point-select', first);
  await go(page, 'course');
  assert.equal(await rows('#course-time-points'), 13);
  assert.equal(await rows('#grade-strip'), 13);
  assert.equal(await page.locator('#course-time-points tr.selected').getAttribute('data-id'), first);
  assert.match(await page.locator('#grade-strip-all').locator('..').innerText(), /^107 earlier time points not shown/);

  await page.click('#course-time-points-all');
  assert.equal(await rows('#course-time-points'), 120);
  assert.equal(await rows('#grade-strip'), 13, 'each table has its own switch');
  assert.equal(await page.getAttribute('#course-time-points-all', 'aria-expanded'), 'true');
  assert.match(await text(page, '#course-time-points-all'), /Show the latest 12 only/);
  await page.selectOption('#lang', 'es');
  assert.match(await text(page, '#course-time-points-all'), /Mostrar solo los 12 últimos/);
  assert.match(await page.locator('#grade-strip-all').locator('..').innerText(), /107 puntos temporales anteriores no se muestran .* Mostrar los 120 puntos temporales/);
  await page.selectOption('#lang', 'en');
  await page.click('#course-time-points-all');
  assert.equal(await rows('#course-time-points'), 13);
});
