// "Sepsis or CRS?" (spec §11): the review's Table 3 and statements beside the work-up checklist,
// which is saved with the patient and printed in the copied summary; linked from the CRS page
// and the infection steps of the treatment page; never a probability of sepsis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, ready } from './harness.mjs';
import { go, fill, choose, newPatient } from './app.mjs';

const app = useApp({ timezoneId: 'Europe/Madrid', clipboard: true });

async function copySummary() {
  await app.page.click('#copy-summary');
  await app.page.locator('#summary-text').waitFor({ state: 'attached' });
  return app.page.locator('#summary-text').textContent();
}

test('the page shows Table 3 and the review\'s statements, and no probability of sepsis', async () => {
  await go(app.page, 'sepsis');
  assert.equal(await app.page.locator('#page-title').textContent(), 'Sepsis or CRS?');
  const groups = await app.page.$$eval('#sepsis-table tbody tr', (rows) => rows.map((r) => r.dataset.group));
  assert.deepEqual(groups, ['Bacteria', 'Viruses', 'Fungi', 'Parasites']);
  const table = await app.page.locator('#sepsis-table').innerText();
  for (const o of ['Pseudomonas aeruginosa', 'Mycobacterium kansasii', 'parvovirus B19', 'Pneumocystis', 'Leishmania']) {
    assert.match(table, new RegExp(o), o);
  }
  assert.match(await app.page.locator('#sepsis-statement').innerText(), /practically impossible/);
  assert.match(await app.page.locator('#sepsis-statements').innerText(), /10–40 %/);
  assert.match(await app.page.locator('#sepsis-elements').innerText(), /especially in neutropenic patients/);
  const body = await app.page.locator('main').innerText();
  assert.doesNotMatch(body, /sepsis probability|probability of sepsis\s*[:=]\s*\d|\d\s*% (probability|chance)/i);
  assert.match(body, /computes no probability of sepsis/);
});

test('the work-up is saved with the patient and printed in the summary (EN and ES)', async () => {
  await go(app.page, 'sepsis');
  await app.page.selectOption('#workup-cultures_taken', 'yes');
  await app.page.selectOption('#workup-imaging_done', 'no');
  await app.page.selectOption('#workup-empirical_antibiotics_started', 'yes');
  await app.page.fill('#workup-antibiotics-time', '2026-12-01T08:30');
  await app.page.selectOption('#workup-neutropenia', 'yes');
  await app.page.reload();
  await ready(app.page);
  assert.equal(await app.page.inputValue('#workup-cultures_taken'), 'yes');
  assert.equal(await app.page.inputValue('#workup-imaging_done'), 'no');
  assert.equal(await app.page.inputValue('#workup-antibiotics-time'), '2026-12-01T08:30');
  assert.equal(await app.page.inputValue('#workup-mdr_colonisation'), '');
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
  await app.page.selectOption('#lang', 'es');
  const es = await copySummary();
  assert.match(es, /== ¿Sepsis o SLC\? — estudio de infección/);
  assert.match(es, /Muestras microbiológicas \(cultivos\) tomadas: Sí/);
  assert.match(es, /inicio 2026-12-01 08:30 \(UTC\+01:00\)/);
  await app.page.selectOption('#lang', 'en');
  await newPatient(app.page);
  await go(app.page, 'sepsis');
  assert.equal(await app.page.inputValue('#workup-cultures_taken'), '');
});

test('linked from the CRS page and the infection steps of the treatment page', async () => {
  await go(app.page, 'crs');
  await app.page.click('main a[href="#/sepsis"]');
  await app.page.waitForFunction(() => location.hash === '#/sepsis');
  await go(app.page, 'crs');
  await fill(app.page, 'temperature', '39');
  await choose(app.page, 'fever_masking_therapy', 'no');
  await choose(app.page, 'hypotension', 'yes');
  await fill(app.page, 'vasopressors', '1');
  await choose(app.page, 'vasopressin', 'no');
  await choose(app.page, 'oxygen_device', 'nasal_cannula');
  await fill(app.page, 'oxygen_flow', '4');
  await choose(app.page, 'crs_death', 'no');
  assert.equal(await app.page.locator('#crs-grade').innerText(), 'grade 3');
  await go(app.page, 'treatment');
  const link = app.page.locator('#treatment-steps li[data-step=InfectionWorkup] a[href="#/sepsis"], #treatment-steps li[data-step=EmpiricalAntibiotics] a[href="#/sepsis"]');
  assert.ok((await link.count()) >= 1);
  await link.first().click();
  await app.page.waitForFunction(() => location.hash === '#/sepsis');
  assert.deepEqual(app.problems(), []);
});
