// The copied summary cannot be misread (issue 10, item 9): local times with their UTC offset in
// a non-UTC time zone (Europe/Madrid), one heading per system, missing and refused inputs with
// their reasons, and nothing of it left in the page after "New patient".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './harness.mjs';
import { go, fill, choose, newPatient } from './app.mjs';

const app = useApp({ timezoneId: 'Europe/Madrid', clipboard: true });

/** The lines between `== title ==` and the next heading. */
function section(s, title) {
  const head = `== ${title} ==\n`;
  const at = s.indexOf(head);
  assert.ok(at >= 0, `no heading ${JSON.stringify(head)} in\n${s}`);
  const rest = s.slice(at + head.length);
  const end = rest.indexOf('\n== ');
  return end < 0 ? rest : rest.slice(0, end);
}

let summary = '';

test('partial patient: the copied summary lists missing and refused inputs, local times with offset', async () => {
  await go(app.page, 'hscore');
  await fill(app.page, 'ferritin', '12.500'); // thousands or decimals? refused
  await fill(app.page, 'temperature', '3.8'); // outside the plausible range
  await choose(app.page, 'splenomegaly', 'yes');
  await go(app.page, 'icans');
  await fill(app.page, 'age', '45');
  await go(app.page, 'treatment');
  await app.page.fill('#toci-when', '2026-12-01T10:00'); // local (Madrid) time: 09:00 UTC
  await app.page.click('#toci-add');

  await app.page.click('#copy-summary');
  await app.page.locator('#summary-text').waitFor({ state: 'attached' });
  summary = await app.page.locator('#summary-text').textContent();
  assert.equal(await app.page.evaluate(() => navigator.clipboard.readText()), summary);
  assert.match(await app.page.locator('#copy-status').textContent(), /copied/);
  const s = summary;

  // Times: local, with the offset of Madrid (+01:00 in December, +02:00 in summer), never UTC ISO.
  assert.match(s, /Date: \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\+0[12]:00\)/);
  assert.match(section(s, 'Treatment — tocilizumab doses recorded'), /Doses recorded: 1 of at most 4\n {2}1\. 2026-12-01 10:00 \(UTC\+01:00\)/);
  assert.doesNotMatch(s, /\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z/);
  assert.doesNotMatch(s, /T09:00/);

  // One heading per system, in this order.
  const headings = ['CRS — ASTCT 2019 (Lee 2019)', 'ICANS — ASTCT 2019 (Lee 2019)', 'HScore (Fardet 2014)',
    'HLH-2004 (Henter 2007)', 'IEC-HS (Hines 2023) — provisional', 'CTCAE v5.0 laboratory grades',
    'm-EASIX (Pennisi 2021)', 'Pre-2019 CRS systems (for comparison; ASTCT above is the standard)',
    'Treatment — tocilizumab doses recorded', 'Inputs used', 'Not used (refused)'];
  let last = -1;
  for (const h of headings) {
    const at = s.indexOf(`== ${h} ==`);
    assert.ok(at > last, `heading ${h} missing or out of order`);
    last = at;
  }
  assert.match(section(s, 'Pre-2019 CRS systems (for comparison; ASTCT above is the standard)'), /Lee 2014: [^]*CARTOX \(Neelapu 2018\): /);

  // Refused inputs: listed apart with the app's reason, never among the inputs used.
  const refused = section(s, 'Not used (refused)');
  assert.match(refused, /ferritin: 12\.500 ng\/mL — .*12\.500.* could be 12\.5 or 12500 ng\/mL/);
  assert.match(refused, /maximum temperature: 3\.8 °C — 3\.8 °C is outside the accepted range 25–45 °C/);
  const used = section(s, 'Inputs used');
  assert.match(used, /age: 45 years/);
  assert.match(used, /splenomegaly: Yes/);
  assert.doesNotMatch(used, /ferritin|temperature/);
  assert.doesNotMatch(s, /⚠/);

  // Per score: the range when undetermined, and what is missing (refused ones marked).
  const hscore = section(s, 'HScore (Fardet 2014)');
  assert.match(hscore, /Score: \d+–\d+ of 337 \(not decided/);
  assert.match(hscore, /Missing inputs: .*ferritin \(entered but refused, see "Not used"\)/);
  assert.match(hscore, /Missing inputs: .*hepatomegaly/);
  assert.match(section(s, 'CRS — ASTCT 2019 (Lee 2019)'), /Missing inputs: .*maximum temperature \(entered but refused/);

  // Counts with denominators and unknowns; the ICANS tool and the HLH-2004 fever rule.
  assert.match(section(s, 'HLH-2004 (Henter 2007)'), /Criteria met: 1 of 8, 7 not known\n/);
  assert.match(section(s, 'HLH-2004 (Henter 2007)'), /Fever rule \(criterion 1\): fever confirmed by the clinician/);
  assert.match(section(s, 'IEC-HS (Hines 2023) — provisional'), /Features present: 0 of 6, 6 not known\n/);
  assert.match(section(s, 'ICANS — ASTCT 2019 (Lee 2019)'), /Tool: ICE — age 12 years or more, no developmental delay recorded/);
});

test('Spanish summary is fully Spanish', async () => {
  await app.page.selectOption('#lang', 'es');
  await app.page.click('#copy-summary');
  const s = await app.page.locator('#summary-text').textContent();
  assert.match(s, /Fecha: \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\+0[12]:00\)/);
  assert.match(s, /edad: 45 años/);
  assert.match(s, /Criterios cumplidos: 1 de 8, 7 desconocidos/);
  assert.match(s, /== No utilizados \(rechazados\) ==\n[^]*ferritina: 12\.500 ng\/mL — /);
  assert.doesNotMatch(s, /\byears\b|\bfeatures\b|\bMissing\b|\bgrade\b|\bnot known\b/);
  await app.page.selectOption('#lang', 'en');
});

test('"New patient" removes the copied message and every trace of the summary', async () => {
  assert.ok(summary.length > 0);
  await newPatient(app.page);
  await app.page.waitForFunction(() => !document.querySelector('#summary-text'));
  assert.equal(await app.page.locator('#summary-text').count(), 0);
  assert.equal((await app.page.locator('#copy-status').textContent()).trim(), '');
  const html = await app.page.content();
  for (const trace of ['== HScore', 'Inputs used', '12.500', 'copied', '2026-12-01 10:00']) {
    assert.ok(!html.includes(trace), `${trace} still in the page after New patient`);
  }
  assert.deepEqual(app.problems(), []);
});
