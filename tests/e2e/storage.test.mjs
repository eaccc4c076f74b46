// Several patients on one device, and storage that never loses data (issue 11, items 3–4):
// switching patients, unreadable data kept aside, two tabs on one patient, "New patient" in
// one tab, export → clear → import, and a full or blocked storage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { useApp, ready } from './harness.mjs';
import { go, fill, choose, text, newPatient } from './app.mjs';

const app = useApp({ prefix: '/ward/iectox/', open: false });

/** A fresh browser context (its own storage) with one page on the app. */
const fresh = (route = '') => app.open(`#/${route}`);

/** Another tab of the same context (same storage). */
const secondTab = (context, route = '') => app.open(`#/${route}`, { context });

async function label(page, value) {
  await go(page, 'patients');
  await page.fill('#patient-label', value);
}

async function openPatient(page, name) {
  await go(page, 'patients');
  await page.click(`#patient-list tr:has(th:text-is("${name}")) .open-patient, #archived-list tr:has(th:text-is("${name}")) .open-patient`);
  await page.waitForFunction((n) => document.querySelector('#current-patient')?.textContent === n, name);
}

/** axe-core's violations on the page as it is (ids and first targets). */
async function axe(page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

const value = (page, field) => page.inputValue(`#in-${field}`);

/** Waits until a field shows a value (another tab's change arrives by the storage event). */
const shows = (page, field, v) => page.waitForFunction(([f, v]) => document.querySelector(`#in-${f}`)?.value === v, [field, v]);

/** Every stored patient record, by id. */
const records = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage)
  .filter((k) => k.startsWith('iectox.patients.'))
  .map((k) => [k.slice('iectox.patients.'.length), JSON.parse(localStorage.getItem(k)).patient])));

test('two patients are switched without mixing their data', { timeout: 120000 }, async () => {
  const { page, context, problems } = await fresh();
  await label(page, 'Bed 1');
  await go(page, 'hscore');
  await fill(page, 'ferritin', '12500');
  await choose(page, 'hepatomegaly', 'yes');
  await newPatient(page);
  assert.equal(await value(page, 'ferritin'), '', 'the new patient starts empty');
  assert.equal(await value(page, 'hepatomegaly'), '');
  await fill(page, 'ferritin', '700');
  await label(page, 'Bed 2');
  assert.equal(await text(page, '#current-patient'), 'Bed 2');
  assert.equal(await page.locator('#patient-list tbody tr').count(), 2);
  assert.match(await text(page, '#storage-origin'), new RegExp(`for ${app.server.origin.replaceAll('.', '\\.')}\\.`));

  await openPatient(page, 'Bed 1');
  await go(page, 'hscore');
  assert.equal(await value(page, 'ferritin'), '12500');
  assert.equal(await value(page, 'hepatomegaly'), 'yes');
  await openPatient(page, 'Bed 2');
  await go(page, 'hscore');
  assert.equal(await value(page, 'ferritin'), '700');
  assert.equal(await value(page, 'hepatomegaly'), '');
  // A reload keeps this tab's patient.
  await page.reload();
  await ready(page);
  assert.equal(await text(page, '#current-patient'), 'Bed 2');
  assert.equal(await value(page, 'ferritin'), '700');
  const stored = Object.values(await records(page));
  assert.deepEqual(stored.map((p) => p.label).sort(), ['Bed 1', 'Bed 2']);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('archive, unarchive, and delete only after two confirmations', { timeout: 120000 }, async () => {
  const { page, context, problems } = await fresh();
  await label(page, 'Bed 5');
  await page.fill('#patient-infusion', '2026-01-01T08:00');
  await page.dispatchEvent('#patient-infusion', 'change');
  await page.waitForFunction(() => /day \+\d+/.test(document.querySelector('#patient-list .patient-day')?.textContent));
  await newPatient(page);
  await label(page, 'Bed 6');
  await page.click('#patient-list tr:has(th:text-is("Bed 5")) .archive-patient');
  assert.equal(await page.locator('#patient-list tbody tr').count(), 1);
  assert.equal(await page.locator('#archived-list tbody tr').count(), 1);
  await page.click('#archived-list tr:has(th:text-is("Bed 5")) .archive-patient');
  assert.equal(await page.locator('#archived-list').count(), 0);
  // First ask: the inline confirmation; second ask: the dialog. Declining keeps the patient.
  await page.click('#patient-list tr:has(th:text-is("Bed 5")) .delete-patient');
  assert.match(await text(page, '.confirm-delete'), /Delete “Bed 5” and every value/);
  page.once('dialog', (d) => d.dismiss());
  await page.click('.confirm-delete-yes');
  assert.equal(await page.locator('#patient-list tbody tr').count(), 2);
  // Another tab has Bed 5 open when it is deleted here.
  const { page: other } = await secondTab(context);
  await openPatient(other, 'Bed 5');
  await page.click('#patient-list tr:has(th:text-is("Bed 5")) .delete-patient');
  let message = '';
  page.once('dialog', (d) => { message = d.message(); d.accept(); });
  await page.click('.confirm-delete-yes');
  assert.match(message, /Really delete “Bed 5”\? This cannot be undone/);
  await page.waitForFunction(() => document.querySelectorAll('#patient-list tbody tr').length === 1);
  assert.deepEqual(Object.values(await records(page)).map((p) => p.label), ['Bed 6']);
  await other.locator('#removed-banner').waitFor();
  assert.match(await text(other, '#removed-banner'), /The patient “Bed 5” was deleted in another window; a new patient was opened here/);
  assert.notEqual(await text(other, '#current-patient'), 'Bed 5');
  // Typing there does not bring Bed 5 back.
  await go(other, 'hscore');
  await fill(other, 'ferritin', '100');
  await page.waitForFunction(() => document.querySelectorAll('#patient-list tbody tr').length === 2);
  assert.deepEqual((await page.locator('#patient-list th').allInnerTexts()).filter((t) => t.includes('Bed 5')), []);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('unreadable saved data is kept aside, announced with count and date, and exportable', { timeout: 120000 }, async () => {
  const { page, context, problems } = await fresh();
  const repro = '{"texts":{"ferritin_old_name":"12500"},"units":{},"choices":{}}';
  const truncated = '{"schema":2,"patient":{"id":"pbroken","label":"Bed 9","cre';
  await page.evaluate(([a, b]) => {
    localStorage.clear();
    localStorage.setItem('iectox.patient.v1', a);
    localStorage.setItem('iectox.patients.pbroken', b);
  }, [repro, truncated]);
  await page.reload();
  await ready(page);
  const banner = await text(page, '#quarantine-banner');
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv'));
  assert.match(banner, /2 saved items could not be read\. They were kept aside unchanged on \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  assert.ok(banner.includes(today), banner);
  const kept = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage)
    .filter((k) => k.startsWith('iectox.quarantine.')).map((k) => [k, localStorage.getItem(k)])));
  assert.deepEqual(Object.values(kept).sort(), [truncated, repro].sort(), 'kept byte for byte');
  assert.equal(await page.evaluate(() => localStorage.getItem('iectox.patient.v1')), null);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#quarantine-export')]);
  assert.match(download.suggestedFilename(), /^iectox-unreadable-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(file.format, 'iectox-unreadable');
  assert.deepEqual(file.items.map((i) => i.raw).sort(), [truncated, repro].sort());

  // Still there after a reload, in both languages; the app works meanwhile.
  await page.reload();
  await ready(page);
  assert.deepEqual(await axe(page), [], 'the banner in English');
  await page.selectOption('#lang', 'es');
  assert.match(await text(page, '#quarantine-banner'), /2 elementos guardados no se pudieron leer/);
  assert.deepEqual(await axe(page), [], 'the banner in Spanish');
  await page.selectOption('#lang', 'en');
  await go(page, 'hscore');
  await fill(page, 'ferritin', '800');
  // Deleting it asks first; declining keeps it.
  page.once('dialog', (d) => d.dismiss());
  await page.click('#quarantine-discard');
  assert.equal(await page.locator('#quarantine-banner').count(), 1);
  page.once('dialog', (d) => d.accept());
  await page.click('#quarantine-discard');
  await page.locator('#quarantine-banner').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('iectox.quarantine.')).length), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('two tabs on the same patient editing different fields both keep their edits', { timeout: 120000 }, async () => {
  const { page: a, context, problems } = await fresh('hscore');
  await fill(a, 'ferritin', '12500');
  const { page: b } = await secondTab(context, 'hscore');
  assert.equal(await value(b, 'ferritin'), '12500', 'a new tab opens the patient opened last');
  await fill(a, 'triglycerides', '3.5');
  await fill(b, 'fibrinogen', '1.2');
  await choose(a, 'hepatomegaly', 'yes');
  await fill(b, 'ast', '240');
  // Each tab hears the other.
  await shows(a, 'ast', '240');
  await shows(b, 'hepatomegaly', 'yes');
  for (const p of [a, b]) {
    await p.reload();
    await ready(p);
    await go(p, 'hscore');
    assert.equal(await value(p, 'ferritin'), '12500');
    assert.equal(await value(p, 'triglycerides'), '3.5', 'A\'s triglycerides survive B\'s edits');
    assert.equal(await value(p, 'fibrinogen'), '1.2');
    assert.equal(await value(p, 'hepatomegaly'), 'yes');
    assert.equal(await value(p, 'ast'), '240');
  }
  const stored = Object.values(await records(a));
  assert.equal(stored.length, 1, 'one patient');
  assert.equal(await a.locator('#conflict-banner').count(), 0, 'nothing changed in both tabs');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a burst of typing is stored in fewer writes, and kept when the page is reloaded or closed at once', { timeout: 120000 }, async () => {
  const { page, context, problems } = await fresh('hscore');
  // Count the writes of patient records (storage writes are coalesced while typing).
  const countWrites = () => page.evaluate(() => {
    window.__recordWrites = 0;
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k.startsWith('iectox.patients.')) window.__recordWrites++;
      return set.call(this, k, v);
    };
  });
  await countWrites();
  await page.locator('#in-ferritin').pressSequentially('12500');
  await page.waitForFunction(() => window.__recordWrites > 0);
  await page.waitForTimeout(1000);
  // The first keystroke at once, the next ones when typing pauses (fewer writes than keys).
  const writes = await page.evaluate(() => window.__recordWrites);
  assert.ok(writes < 5, `five keystrokes, ${writes} writes`);
  assert.equal(Object.values(await records(page))[0].course.time_points[0].form.texts.ferritin, '12500');

  // Typed, then reloaded at once: kept.
  await page.locator('#in-platelets').pressSequentially('45');
  await page.reload();
  await ready(page);
  await go(page, 'hscore');
  assert.equal(await value(page, 'platelets'), '45', 'typed just before a reload');

  // Typed, then the tab closed at once: kept (read by another tab of the same browser).
  const { page: other } = await secondTab(context, 'patients');
  await page.locator('#in-ast').pressSequentially('240');
  await page.close();
  await go(other, 'hscore');
  await shows(other, 'ast', '240');
  const [record] = Object.values(await records(other));
  assert.equal(record.course.time_points[0].form.texts.ast, '240', 'typed just before the tab closed');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('"New patient" in one tab neither brings back nor destroys the other tab\'s patient', { timeout: 120000 }, async () => {
  const { page: a, context, problems } = await fresh();
  await label(a, 'Bed 7');
  await go(a, 'hscore');
  await fill(a, 'ferritin', '12500');
  const { page: b } = await secondTab(context, 'hscore');
  assert.equal(await text(b, '#current-patient'), 'Bed 7');
  await newPatient(a);
  assert.equal(await value(a, 'ferritin'), '');
  await fill(b, 'fibrinogen', '0.9');
  await fill(b, 'ferritin', '13000');
  // A reloads: still its new, empty patient; nothing of Bed 7 comes back into it.
  await a.reload();
  await ready(a);
  await go(a, 'hscore');
  assert.notEqual(await text(a, '#current-patient'), 'Bed 7');
  assert.equal(await value(a, 'ferritin'), '');
  assert.equal(await value(a, 'fibrinogen'), '');
  await fill(a, 'ferritin', '300');
  // B keeps Bed 7 whole.
  await b.reload();
  await ready(b);
  await go(b, 'hscore');
  assert.equal(await text(b, '#current-patient'), 'Bed 7');
  assert.equal(await value(b, 'ferritin'), '13000');
  assert.equal(await value(b, 'fibrinogen'), '0.9');
  await go(b, 'patients');
  await b.waitForFunction(() => document.querySelectorAll('#patient-list tbody tr').length === 2);
  const stored = Object.values(await records(a)).map((p) => p.course.time_points[0].form.texts.ferritin).sort();
  assert.deepEqual(stored, ['13000', '300']);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('export, clear storage, import restores everything; a changed patient asks before replacing', { timeout: 150000 }, async () => {
  const { page, context, problems } = await fresh();
  await label(page, 'Bed 1');
  await page.fill('#patient-infusion', '2026-01-01T08:00');
  await page.dispatchEvent('#patient-infusion', 'change');
  await go(page, 'hscore');
  await fill(page, 'ferritin', '12500');
  await fill(page, 'triglycerides', '354', 'mg/dL');
  await go(page, 'treatment');
  await page.fill('#toci-when', '2026-01-02T08:00');
  await page.click('#toci-add');
  await newPatient(page);
  await label(page, 'Bed 2');
  await go(page, 'crs');
  await choose(page, 'oxygen_device', 'facemask');
  await page.evaluate(() => localStorage.setItem('iectox.quarantine.1780000000000.iectox.patient.v1', '{"broken'));
  const before = await records(page);
  assert.equal(Object.keys(before).length, 2);

  await go(page, 'patients');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-backup')]);
  assert.match(download.suggestedFilename(), /^iectox-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const path = await download.path();
  const backup = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(backup.format, 'iectox-backup');
  assert.equal(backup.schema, 2);
  assert.match(backup.app_version, /^\d+\.\d+\.\d+/);
  assert.equal(backup.patients.length, 2);

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await ready(page);
  await go(page, 'patients');
  assert.equal(await page.locator('#patient-list tbody tr').count(), 1, 'only an empty new patient');
  await page.setInputFiles('#import-backup', path);
  await page.waitForFunction(() => /Imported: 2 added/.test(document.querySelector('#import-status')?.textContent));
  assert.deepEqual(await records(page), before, 'every record back, identical');
  assert.equal(await page.evaluate(() => localStorage.getItem('iectox.quarantine.1780000000000.iectox.patient.v1')), '{"broken');
  await openPatient(page, 'Bed 1');
  await go(page, 'hscore');
  assert.equal(await value(page, 'ferritin'), '12500');
  assert.equal(await value(page, 'triglycerides'), '354');
  await go(page, 'treatment');
  assert.match(await text(page, '#toci-log'), /2026/);

  // Importing the same file again: nothing to do.
  await go(page, 'patients');
  await page.setInputFiles('#import-backup', path);
  await page.waitForFunction(() => /0 added, 0 replaced, 0 kept both, 0 skipped, 2 identical/.test(document.querySelector('#import-status')?.textContent));

  // Bed 1 changed here: importing asks; "replace" brings back the file's version.
  await go(page, 'hscore');
  await fill(page, 'ferritin', '9999');
  await go(page, 'patients');
  await page.setInputFiles('#import-backup', path);
  await page.locator('#import-plan').waitFor();
  assert.equal(await page.locator('.import-conflict').count(), 1);
  assert.ok(await page.locator('#import-apply').isDisabled(), 'nothing replaced before a choice');
  for (const lang of ['es', 'en']) {
    await page.selectOption('#lang', lang);
    assert.deepEqual(await axe(page), [], `the import choices (${lang})`);
  }
  await page.check('.import-conflict input[value=replace]');
  await page.click('#import-apply');
  await page.waitForFunction(() => /1 replaced/.test(document.querySelector('#import-status')?.textContent));
  await go(page, 'hscore');
  assert.equal(await value(page, 'ferritin'), '12500');
  // Changed again, "keep both" adds the file's version beside it.
  await fill(page, 'ferritin', '8888');
  await go(page, 'patients');
  await page.setInputFiles('#import-backup', path);
  await page.check('.import-conflict input[value=keep-both]');
  await page.click('#import-apply');
  await page.waitForFunction(() => document.querySelectorAll('#patient-list tbody tr').length === 3);
  assert.equal(await page.locator('#patient-list th:text-is("Bed 1 (imported)")').count(), 1);
  await go(page, 'hscore');
  assert.equal(await value(page, 'ferritin'), '8888', 'the open patient kept its entry');

  // Not a backup: refused, nothing changes.
  await go(page, 'patients');
  await page.setInputFiles('#import-backup', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
  await page.waitForFunction(() => /not an IEC-Tox backup/.test(document.querySelector('#import-status')?.textContent));
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a full storage is shown in a banner and the entry stays in the tab', { timeout: 120000 }, async () => {
  const context = await app.browser.newContext();
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const { page, problems } = await app.open('#/hscore', { context });
  assert.equal(await page.locator('#storage-problem').count(), 0);
  await fill(page, 'ferritin', '12500');
  await page.locator('#storage-problem').waitFor();
  assert.match(await text(page, '#storage-problem'), /Browser storage is full: the last change was not saved on this device/);
  assert.equal(await value(page, 'ferritin'), '12500');
  assert.match(await text(page, '#hscore-breakdown tr[data-item=Ferritin] td.num'), /50/);
  await page.selectOption('#lang', 'es');
  assert.match(await text(page, '#storage-problem'), /El almacenamiento del navegador está lleno/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a blocked storage is shown in a banner, and the app still works', { timeout: 120000 }, async () => {
  const context = await app.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
    });
  });
  const { page, problems } = await app.open('#/hscore', { context });
  assert.match(await text(page, '#storage-problem'), /Browser storage is blocked/);
  await fill(page, 'ferritin', '12500');
  assert.match(await text(page, '#hscore-breakdown tr[data-item=Ferritin] td.num'), /50/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('rapid edits in two tabs at the same moment converge, every last edit kept', { timeout: 120000 }, async () => {
  const { page: a, context, problems } = await fresh('hscore');
  await fill(a, 'ferritin', '1');
  const { page: b } = await secondTab(context, 'hscore');
  const fieldsA = ['ferritin', 'triglycerides', 'fibrinogen', 'ast', 'platelets'];
  const fieldsB = ['haemoglobin', 'leukocytes', 'temperature'];
  // Each tab types without waiting for the other.
  const type = (page, fields, n) => page.evaluate(async ([fields, n]) => {
    for (let i = 0; i < n; i++) {
      const input = document.querySelector(`#in-${fields[i % fields.length]}`);
      input.value = String(10 + i);
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, (i * 7) % 3));
    }
  }, [fields, n]);
  await Promise.all([type(a, fieldsA, 50), type(b, fieldsB, 30)]);
  const expected = { ferritin: '55', triglycerides: '56', fibrinogen: '57', ast: '58', platelets: '59', haemoglobin: '37', leukocytes: '38', temperature: '39' };
  const read = (p) => p.evaluate((fs) => Object.fromEntries(fs.map((f) => [f, document.querySelector(`#in-${f}`).value])), Object.keys(expected));
  await a.waitForFunction(() => document.querySelector('#in-temperature').value === '39');
  await b.waitForFunction(() => document.querySelector('#in-platelets').value === '59');
  assert.deepEqual(await read(a), expected);
  assert.deepEqual(await read(b), expected);
  await a.reload();
  await ready(a);
  await go(a, 'hscore');
  assert.deepEqual(await read(a), expected);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('an entry made in both tabs keeps the newest, and the tab whose entry was replaced is told', { timeout: 120000 }, async () => {
  const { page: a, context, problems } = await fresh('hscore');
  await label(a, 'Bed 3');
  await go(a, 'hscore');
  await fill(a, 'ferritin', '3000');
  const { page: b } = await secondTab(context, 'hscore');
  // Tab A cannot store for a while (storage full): its entries stay in the tab.
  await a.evaluate(() => {
    const setItem = Storage.prototype.setItem;
    window.full = true;
    Storage.prototype.setItem = function (k, v) {
      if (window.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, k, v);
    };
  });
  await fill(a, 'ferritin', '7000');
  await fill(a, 'triglycerides', '3.1');
  await a.locator('#storage-problem').waitFor();
  // Meanwhile tab B changes the same ferritin, later.
  await fill(b, 'ferritin', '9000');
  await shows(a, 'ferritin', '9000');
  const notice = await text(a, '#conflict-banner');
  assert.match(notice, /Another window changed the same entries at the same time; the newest entry was kept/);
  assert.match(notice, /Bed 3: ferritin, time point \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC[+-]\d{2}:\d{2}\) — kept “9000 ng\/mL”, replacing this window's “7000 ng\/mL”/);
  assert.equal(await b.locator('#conflict-banner').count(), 0, 'B lost nothing');
  assert.deepEqual(await axe(a), []);
  await a.selectOption('#lang', 'es');
  assert.match(await text(a, '#conflict-banner'), /Bed 3: ferritina, punto temporal .* se conserva «9000 ng\/mL» en lugar de «7000 ng\/mL» de esta ventana/);
  assert.deepEqual(await axe(a), []);
  await a.selectOption('#lang', 'en');
  // Room again: A's next change stores everything it held, triglycerides included.
  await a.evaluate(() => { window.full = false; });
  await fill(a, 'ast', '240');
  await a.locator('#storage-problem').waitFor({ state: 'detached' });
  await shows(b, 'triglycerides', '3.1');
  await shows(b, 'ast', '240');
  assert.equal(await value(b, 'ferritin'), '9000');
  await a.click('#conflict-banner button');
  assert.equal(await a.locator('#conflict-banner').count(), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});
