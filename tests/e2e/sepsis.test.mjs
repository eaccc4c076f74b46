// "Sepsis or CRS?" (spec §11): the review's Table 3 and statements beside the work-up checklist,
// which is saved with the patient and printed in the copied summary; linked from the CRS page
// and the infection steps of the treatment page; never a probability of sepsis.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, ready } from './harness.mjs';
import { go, fill, choose, newPatient } from './app.mjs';

let server, browser, page, problems, context;
before(async () => {
  server = await serve({ prefix: '/icu/iectox/' });
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1024, height: 768 }, timezoneId: 'Europe/Madrid' });
  ({ page, problems } = await openPage(browser, server.origin, { context }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await page.goto(server.url);
  await ready(page);
});
after(async () => {
  await context?.close();
  await browser?.close();
  server?.close();
});

async function copySummary() {
  await page.click('#copy-summary');
  await page.locator('#summary-text').waitFor({ state: 'attached' });
  return page.locator('#summary-text').textContent();
}

test('the page shows Table 3 and the review\'s statements, and no probability of sepsis', async () => {
  await go(page, 'sepsis');
  assert.equal(await page.locator('#page-title').textContent(), 'Sepsis or CRS?');
  const groups = await page.$$eval('#sepsis-table tbody tr', (rows) => rows.map((r) => r.dataset.group));
  assert.deepEqual(groups, ['Bacteria', 'Viruses', 'Fungi', 'Parasites']);
  const table = await page.locator('#sepsis-table').innerText();
  for (const o of ['Pseudomonas aeruginosa', 'Mycobacterium kansasii', 'parvovirus B19', 'Pneumocystis', 'Leishmania']) {
    assert.match(table, new RegExp(o), o);
  }
  assert.match(await page.locator('#sepsis-statement').innerText(), /practically impossible/);
  assert.match(await page.locator('#sepsis-statements').innerText(), /10–40 %/);
  assert.match(await page.locator('#sepsis-elements').innerText(), /especially in neutropenic patients/);
  const body = await page.locator('main').innerText();
  assert.doesNotMatch(body, /sepsis probability|probability of sepsis\s*[:=]\s*\d|\d\s*% (probability|chance)/i);
  assert.match(body, /computes no probability of sepsis/);
});

test('the work-up is saved with the patient and printed in the summary (EN and ES)', async () => {
  await go(page, 'sepsis');
  await page.selectOption('#workup-cultures_taken', 'yes');
  await page.selectOption('#workup-imaging_done', 'no');
  await page.selectOption('#workup-empirical_antibiotics_started', 'yes');
  await page.fill('#workup-antibiotics-time', '2026-12-01T08:30');
  await page.selectOption('#workup-neutropenia', 'yes');
  await page.reload();
  await ready(page);
  assert.equal(await page.inputValue('#workup-cultures_taken'), 'yes');
  assert.equal(await page.inputValue('#workup-imaging_done'), 'no');
  assert.equal(await page.inputValue('#workup-antibiotics-time'), '2026-12-01T08:30');
  assert.equal(await page.inputValue('#workup-mdr_colonisation'), '');
  const s = await copySummary();
  const at = s.indexOf('== Sepsis or CRS? — infection work-up');
  assert.ok(at > 0, s);
  const part = s.slice(at, s.indexOf('\n== ', at + 5));
  assert.match(part, /Microbiological samples \(cultures\) taken: Yes/);
  assert.match(part, /Imaging adjusted to the clinical picture done: No/);
  assert.match(part, /antibiotics started: Yes — started 2026-12-01 08:30 \(UTC\+01:00\)/);
  assert.match(part, /Neutropenia: Yes/);
  assert.match(part, /multidrug-resistant organisms: Not known/);
  // The other sections are still there.
  assert.match(s, /== Inputs used ==/);
  await page.selectOption('#lang', 'es');
  const es = await copySummary();
  assert.match(es, /== ¿Sepsis o SLC\? — estudio de infección/);
  assert.match(es, /Muestras microbiológicas \(cultivos\) tomadas: Sí/);
  assert.match(es, /inicio 2026-12-01 08:30 \(UTC\+01:00\)/);
  await page.selectOption('#lang', 'en');
  await newPatient(page);
  await go(page, 'sepsis');
  assert.equal(await page.inputValue('#workup-cultures_taken'), '');
});

test('linked from the CRS page and the infection steps of the treatment page', async () => {
  await go(page, 'crs');
  await page.click('main a[href="#/sepsis"]');
  await page.waitForFunction(() => location.hash === '#/sepsis');
  await go(page, 'crs');
  await fill(page, 'temperature', '39');
  await choose(page, 'fever_masking_therapy', 'no');
  await choose(page, 'hypotension', 'yes');
  await fill(page, 'vasopressors', '1');
  await choose(page, 'vasopressin', 'no');
  await choose(page, 'oxygen_device', 'nasal_cannula');
  await fill(page, 'oxygen_flow', '4');
  await choose(page, 'crs_death', 'no');
  assert.equal(await page.locator('#crs-grade').innerText(), 'grade 3');
  await go(page, 'treatment');
  const link = page.locator('#treatment-steps li[data-step=InfectionWorkup] a[href="#/sepsis"], #treatment-steps li[data-step=EmpiricalAntibiotics] a[href="#/sepsis"]');
  assert.ok((await link.count()) >= 1);
  await link.first().click();
  await page.waitForFunction(() => location.hash === '#/sepsis');
  assert.deepEqual(problems(), []);
});
