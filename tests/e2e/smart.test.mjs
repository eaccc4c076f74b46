// Launch from the record system (SMART App Launch 2.0) against a test EHR made of real parts:
// Medplum's FHIR engine and the oidc-provider OAuth server (tests/ehr/), each on its own
// origin. The app is served with a config.json naming that EHR and a CSP whose connect-src
// adds exactly the two EHR origins. Every test checks what reached the servers, what the
// clinician reads, and that nothing was half-applied or left behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serve, launch, openPage, ready, screenshot, CSP, DIST } from './harness.mjs';
import { startEhr } from '../ehr/index.mjs';

const PREFIX = '/tools/iectox/';
/** Every stored patient record (`iectox.patients.<id>`), as JSON text. */
const storedPatients = (page) => page.evaluate(() => Object.keys(localStorage)
  .filter((k) => k.startsWith('iectox.patients.')).map((k) => localStorage.getItem(k)));
// The CAR-T course fixture: Observations with a LOINC code the app asks for, and the
// tocilizumab/dexamethasone administrations (the acetaminophen one is not asked for).
const CART_OBSERVATIONS = 152;
const CART_MEDICATIONS = 5;

let browser, root;
before(async () => {
  browser = await launch();
  root = await mkdtemp(join(tmpdir(), 'iectox-smart-'));
  await cp(DIST, root, { recursive: true });
});
after(async () => {
  await browser?.close();
  await rm(root, { recursive: true, force: true });
});

/**
 * A test EHR and the app configured for it. `config(ehr)` may change config.json.
 * Returns { ehr, app, page, context, problems, requests, close }.
 */
async function setup({ smartV1 = false, config = (c) => c, lang } = {}) {
  const ehr = await startEhr({ smartV1 });
  const csp = CSP.replace("connect-src 'self'", `connect-src 'self' ${ehr.fhirOrigin} ${ehr.issuer}`);
  assert.notEqual(csp, CSP);
  const dir = await mkdtemp(join(root, 'app-'));
  await cp(DIST, dir, { recursive: true });
  const app = await serve({ root: dir, prefix: PREFIX, csp });
  ehr.registerApp({ appOrigin: app.origin, redirectUri: app.url });
  await writeFile(join(dir, 'config.json'), JSON.stringify(config({
    smart: { redirect_path: './', issuers: [{ iss: ehr.fhirBase, client_id: 'iectox', name: 'Test EHR', standalone: true }] },
  })));
  const { page, context, problems } = await openPage(browser, app.origin);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  if (lang) await page.addInitScript((l) => localStorage.setItem('iectox.lang', JSON.stringify(l)), lang);
  return {
    ehr, app, page, context, requests,
    /** Problems other than requests to the two EHR origins (and, when a test expects
     * failing HTTP answers, the browser's "Failed to load resource" lines). */
    problems: ({ failedLoads = false } = {}) => problems().filter((p) =>
      !p.startsWith(`external request: ${ehr.fhirOrigin}/`) && !p.startsWith(`external request: ${ehr.issuer}/`) &&
      !(failedLoads && p.startsWith('console: Failed to load resource'))),
    close: async () => { await context.close(); ehr.close(); app.close(); },
  };
}

/** Follows an EHR launch to the test EHR's consent page. */
async function toConsent(s, patient = 'cart-1', encounter) {
  await s.page.goto(s.ehr.launchUrl(s.app.url, patient, encounter));
  await s.page.waitForURL((u) => u.href.startsWith(`${s.ehr.issuer}/interaction/`), { timeout: 30000 });
  return s.page.locator('#scopes').innerText();
}

/** Waits until the app shows the launch outcome (data read, or an error). */
async function outcome(page) {
  await page.waitForURL((u) => u.pathname === PREFIX && u.hash.startsWith('#/launch'), { timeout: 30000 });
  await page.locator('#smart-fetched, #smart-error').first().waitFor({ timeout: 30000 });
}

/** Everything the app's origin keeps in the browser, as one string (token search). */
async function everythingStored(s) {
  const dump = await s.page.evaluate(async () => {
    const out = { local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie, idb: [], caches: [] };
    for (const info of (await indexedDB.databases?.()) ?? []) {
      const db = await new Promise((ok, ko) => { const r = indexedDB.open(info.name); r.onsuccess = () => ok(r.result); r.onerror = ko; });
      for (const store of db.objectStoreNames) {
        const all = await new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); });
        out.idb.push({ db: info.name, store, all });
      }
      db.close();
    }
    for (const k of await caches.keys()) {
      for (const r of await (await caches.open(k)).keys()) out.caches.push(r.url);
    }
    return out;
  });
  const cookies = await s.context.cookies(s.app.origin);
  return { dump, text: JSON.stringify(dump) + JSON.stringify(cookies) };
}

/** axe-core finds no accessibility violation on the page as it is. */
async function noAxeViolations(page, what) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), [], what);
}

/** The app's patient is untouched: no saved patient, the HScore page empty. */
async function nothingApplied(s) {
  assert.deepEqual(await storedPatients(s.page), [], 'no patient saved');
  await s.page.click('nav a[href="#/hscore"]');
  await ready(s.page);
  assert.equal(await s.page.inputValue('#in-ferritin'), '', 'the form is as before the launch');
}

test('EHR launch: sign in, allow, and every query completes before anything is shown', { timeout: 120000 }, async () => {
  const s = await setup();
  try {
    const scopes = await toConsent(s, 'cart-1', 'enc-cart-1');
    assert.equal(scopes, 'launch patient/Observation.rs patient/Patient.r patient/MedicationAdministration.rs',
      'least scopes, SMART v2 syntax');
    const authorize = new URL(s.requests.find((u) => u.startsWith(`${s.ehr.issuer}/auth?`)));
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('code_challenge'), /^[A-Za-z0-9_-]{43}$/);
    assert.equal(authorize.searchParams.get('aud'), s.ehr.fhirBase);
    assert.match(authorize.searchParams.get('state'), /^[A-Za-z0-9_-]{22}$/);
    assert.ok(authorize.searchParams.get('launch'));
    await s.page.click('#allow');
    await outcome(s.page);
    assert.equal(await s.page.locator('#page-title').innerText(), 'Open from the record');
    assert.equal(await s.page.locator('#smart-patient-name').innerText(), 'Ana CAR-T Test');
    assert.match(await s.page.locator('#smart-patient-born').innerText(), /^1961-03-14 \(\d+ years\)$/);
    assert.equal(await s.page.locator('#smart-source').innerText(), s.ehr.fhirBase);
    assert.equal(await s.page.locator('#smart-encounter').innerText(), 'enc-cart-1');
    assert.equal(Number(await s.page.locator('#smart-count-observations').innerText()), CART_OBSERVATIONS);
    assert.equal(Number(await s.page.locator('#smart-count-medications').innerText()), CART_MEDICATIONS);
    // Paging: the server caps pages at 40, so the app followed link[next] to the end.
    const obsPages = s.ehr.faults.log.filter((l) => l.startsWith('GET /Observation?'));
    assert.equal(obsPages.length, Math.ceil(CART_OBSERVATIONS / 40));
    assert.ok(obsPages[0].includes('_count=100') && obsPages[0].includes('patient=cart-1'));
    assert.ok(s.ehr.faults.log.includes('GET /Patient/cart-1'));
    // The code and state are gone from the address bar; "back" does not hold them either.
    assert.equal(new URL(s.page.url()).search, '');
    // The token: issued once, used, and nowhere in the browser's storage.
    assert.equal(s.ehr.issued.length, 1);
    const { dump, text } = await everythingStored(s);
    assert.ok(!text.includes(s.ehr.issued[0]), 'access token not in any storage');
    assert.equal(dump.session['iectox.smart.pending'], undefined, 'PKCE verifier and state deleted');
    assert.ok(!dump.caches.some((u) => u.startsWith(s.ehr.fhirOrigin)), 'no FHIR response in Cache Storage');
    // The core's import report: the latest value of each field with its time and source;
    // values older than their validity window are marked and not applied.
    const row = (field) => s.page.locator(`#smart-values tr[data-field="${field}"]`);
    assert.equal(await row('ferritin').locator('td.value').innerText(), '2900 ng/mL');
    assert.match(await row('ferritin').locator('td.source').innerText(), new RegExp(`^obs-\\d+ \\(${new URL(s.ehr.fhirBase).host}\\)$`));
    assert.match(await row('ferritin').locator('td.time').innerText(), /^\d{4}-\d\d-\d\d \d\d:\d\d \(UTC[+−]\d\d:\d\d\)$/);
    assert.equal(await row('ferritin').locator('td.applies').innerText(), 'current');
    assert.equal(await row('platelets').locator('td.value').innerText(), '80 ×10⁹/L');
    assert.equal(await row('weight').locator('td.applies').innerText(), 'current', 'no expiry');
    assert.equal(await row('temperature').locator('td.applies').innerText(), 'older than 12 h: not current (kept at its own time)',
      'the last temperature is from day 7, three days before the last labs');
    assert.equal(await row('age').locator('td.source').innerText(), `Patient.birthDate (${new URL(s.ehr.fhirBase).host})`);
    assert.equal(await s.page.locator('#smart-treatments tr[data-drug="tocilizumab"]').count(), 2);
    assert.equal(await s.page.locator('#smart-treatments tr[data-drug="dexamethasone"]').count(), 3);
    const ignored = await s.page.locator('#smart-ignored').innerText();
    assert.match(ignored, /Observation\/obs-\d+ \[http:\/\/loinc.org\|2276-4\]: status "entered-in-error"/);
    assert.match(ignored, /data absent \(error\)/);
    assert.match(ignored, /59408-5: read, but no score uses it/);
    assert.match(await s.page.locator('#smart-report-summary').innerText(), /^\d+ used, \d+ ignored:$/);
    await noAxeViolations(s.page, 'the import report');
    await s.page.screenshot({ path: await screenshot(s.page, 'smart-ehr-launch'), fullPage: true });
    // Nothing applied to the app's patient until the import is confirmed.
    const launchUrl = s.page.url();
    await nothingApplied(s);
    await s.page.goto(launchUrl);
    await s.page.locator('button.smart-issuer').waitFor();
    assert.equal(await s.page.locator('#smart-fetched').count(), 0, 'revisiting #/launch starts over: the data are gone');
    assert.deepEqual(s.problems(), []);
  } finally {
    await s.close();
  }
});

test('EHR launch, then confirm: a new patient in IEC-Tox holds the course, each value at its own time', { timeout: 120000 }, async () => {
  const s = await setup();
  try {
    await toConsent(s, 'cart-1', 'enc-cart-1');
    await s.page.click('#allow');
    await outcome(s.page);
    s.page.once('dialog', (d) => d.accept());
    await s.page.click('#smart-import');
    assert.match(await s.page.locator('#smart-imported').innerText(),
      /^Imported \d+ values and 2 tocilizumab doses from the record\. Check them against the patient\.$/);
    await s.page.click('nav a[href="#/hscore"]');
    await ready(s.page);
    assert.equal(await s.page.inputValue('#in-ferritin'), '2900');
    assert.equal(await s.page.inputValue('#in-platelets'), '80');
    assert.equal(await s.page.inputValue('#in-temperature'), '', 'the last temperature is days old: not at the latest time point, missing, never normal');
    const [saved] = await storedPatients(s.page);
    assert.ok(saved.includes('2900'), 'the imported patient is the app\'s patient');
    // Every value at its own time: one time point per distinct time, the temperatures among them.
    const course = JSON.parse(saved).patient.course;
    assert.ok(course.time_points.length > 1, 'the whole course, not only the latest values');
    assert.ok(course.time_points.some((t) => t.form.texts.temperature), 'the older temperatures are in the course at their times');
    assert.equal(course.treatments.filter((t) => t.kind === 'tocilizumab').length, 2);
    assert.ok(!(await everythingStored(s)).text.includes(s.ehr.issued[0]), 'still no token anywhere');
    assert.deepEqual(s.problems(), []);
  } finally {
    await s.close();
  }
});

test('standalone launch: choose the record system, then the patient, in the EHR', { timeout: 120000 }, async () => {
  const s = await setup();
  try {
    await s.page.goto(`${s.app.url}#/launch`);
    await s.page.locator('button.smart-issuer').waitFor();
    assert.equal(await s.page.locator('button.smart-issuer').innerText(), 'Test EHR');
    await s.page.click('button.smart-issuer');
    await s.page.waitForURL((u) => u.href.startsWith(`${s.ehr.issuer}/interaction/`));
    assert.equal(await s.page.locator('#scopes').innerText(),
      'launch/patient patient/Observation.rs patient/Patient.r patient/MedicationAdministration.rs');
    await s.page.selectOption('#patient', 'example');
    await s.page.click('#allow');
    await outcome(s.page);
    assert.equal(await s.page.locator('#smart-patient-name').innerText(), 'Amy V. Shaw');
    assert.match(await s.page.locator('#smart-patient-born').innerText(), /^1987-02-20/);
    assert.equal(await s.page.locator('#smart-encounter').count(), 0, 'no encounter in a standalone launch');
    assert.equal(Number(await s.page.locator('#smart-count-observations').innerText()), 6, 'the six US Core examples');
    assert.equal(Number(await s.page.locator('#smart-count-medications').innerText()), 0);
    // The HL7 examples are dated 1999–2014, most without a time of day.
    const ignored = await s.page.locator('#smart-ignored').innerText();
    assert.match(ignored, /Observation\/cbc-hemoglobin \[http:\/\/loinc.org\|718-7\]: no usable time \(2005-07-05: a date without a time\)/);
    assert.match(await s.page.locator('#smart-values tr[data-field="oxygen_flow"] td.applies').innerText(), /^older than 12 h/);
    assert.ok(!(await everythingStored(s)).text.includes(s.ehr.issued[0]));
    assert.deepEqual(s.problems(), []);
  } finally {
    await s.close();
  }
});

test('a SMART v1 server gets v1 scopes; without MedicationAdministration granted, it is not asked', { timeout: 120000 }, async () => {
  const s = await setup({ smartV1: true });
  try {
    assert.equal(await toConsent(s), 'launch patient/Observation.read patient/Patient.read patient/MedicationAdministration.read');
    s.ehr.refused.add('patient/MedicationAdministration.read');
    await s.page.click('#allow');
    await outcome(s.page);
    assert.equal(Number(await s.page.locator('#smart-count-observations').innerText()), CART_OBSERVATIONS);
    assert.match(await s.page.locator('#smart-count-medications').innerText(), /not read: the access granted does not include them/);
    assert.ok(!s.ehr.faults.log.some((l) => l.includes('MedicationAdministration')), 'no query outside the granted scope');
    assert.deepEqual(s.problems(), []);
  } finally {
    await s.close();
  }
});

test('a launch from an issuer not in config.json is refused before any request to it', { timeout: 90000 }, async () => {
  const s = await setup();
  try {
    const evil = 'https://fhir.evil.example/r4';
    await s.page.goto(`${s.app.url}?iss=${encodeURIComponent(evil)}&launch=abc`);
    await s.page.locator('#smart-error').waitFor();
    assert.equal(await s.page.locator('#smart-error-title').innerText(), 'This record system is not allowed');
    const detail = await s.page.locator('#smart-error-detail').innerText();
    assert.ok(detail.includes(evil) && detail.includes('Nothing was requested from it'), detail);
    assert.ok(!s.requests.some((u) => new URL(u).host.endsWith('evil.example')), 'nothing sent to the unknown issuer');
    assert.equal(s.ehr.faults.discoveryRequests, 0);
    // The launch parameters are cleaned from the address bar; the app works by hand.
    assert.equal(new URL(s.page.url()).search, '');
    await s.page.click('text=Enter values by hand →');
    await s.page.waitForFunction(() => location.hash === '#/');
    assert.deepEqual(s.problems(), []);
  } finally {
    await s.close();
  }
});

test('denied consent: said in words (Spanish here), nothing read, nothing stored', { timeout: 120000 }, async () => {
  const s = await setup({ lang: 'es' });
  try {
    await toConsent(s);
    await s.page.click('#deny');
    await outcome(s.page);
    assert.equal(await s.page.locator('#smart-error-title').innerText(), 'No se permitió el acceso');
    assert.match(await s.page.locator('#smart-error-detail').innerText(), /No se ha importado nada\. Puede introducir los valores a mano\./);
    await noAxeViolations(s.page, 'an error, in Spanish');
    assert.equal(s.ehr.faults.dataRequests, 0);
    assert.equal(s.ehr.issued.length, 0, 'no token was issued');
    assert.equal((await everythingStored(s)).dump.session['iectox.smart.pending'], undefined);
    await nothingApplied(s);
    assert.deepEqual(s.problems(), []);
  } finally {
    await s.close();
  }
});

test('token expired mid-import (401): nothing half-applied, relaunch asked', { timeout: 120000 }, async () => {
  const s = await setup();
  try {
    await toConsent(s);
    s.ehr.faults.revokeAfter = 2; // the Patient and the first Observation page succeed
    await s.page.click('#allow');
    await outcome(s.page);
    assert.equal(await s.page.locator('#smart-error-title').innerText(), 'The session with the record system expired');
    assert.match(await s.page.locator('#smart-error-detail').innerText(), /Open IEC-Tox again from the patient's record\. Nothing was imported\./);
    assert.equal(await s.page.locator('#smart-fetched').count(), 0, 'no partial data offered');
    assert.equal(s.ehr.faults.dataRequests, 3, 'stopped at the first 401');
    assert.ok(!(await everythingStored(s)).text.includes(s.ehr.issued[0]));
    await nothingApplied(s);
    assert.deepEqual(s.problems({ failedLoads: true }), []);
  } finally {
    await s.close();
  }
});

test('FHIR server down mid-import: unreachable, nothing half-applied', { timeout: 120000 }, async () => {
  const s = await setup();
  try {
    await toConsent(s);
    s.ehr.faults.downAfter = 3;
    await s.page.click('#allow');
    await outcome(s.page);
    assert.equal(await s.page.locator('#smart-error-title').innerText(), 'The record system could not be reached');
    assert.match(await s.page.locator('#smart-error-detail').innerText(), new RegExp(`No answer from ${new URL(s.ehr.fhirBase).host}`));
    assert.equal(await s.page.locator('#smart-fetched').count(), 0);
    await nothingApplied(s);
    assert.deepEqual(s.problems({ failedLoads: true }).filter((p) => !p.includes('ERR_')), []);
  } finally {
    await s.close();
  }
});

test('one query fails (medications, HTTP 500): named, and the rest is not offered', { timeout: 120000 }, async () => {
  const s = await setup();
  try {
    await toConsent(s);
    s.ehr.faults.fail.MedicationAdministration = 500;
    await s.page.click('#allow');
    await outcome(s.page);
    assert.equal(await s.page.locator('#smart-error-title').innerText(), 'Reading medication administrations failed');
    assert.match(await s.page.locator('#smart-error-detail').innerText(), /HTTP 500\. All the data must be read before any is offered, so none was kept\./);
    assert.equal(await s.page.locator('#smart-fetched').count(), 0);
    await nothingApplied(s);
    assert.deepEqual(s.problems({ failedLoads: true }), []);
  } finally {
    await s.close();
  }
});

test('a patient without data: said so, nothing to import', { timeout: 120000 }, async () => {
  const s = await setup();
  try {
    await toConsent(s, 'no-data');
    await s.page.click('#allow');
    await outcome(s.page);
    assert.equal(await s.page.locator('#smart-patient-name').innerText(), 'Nadia Nodata');
    assert.match(await s.page.locator('#smart-no-data').innerText(), /has no laboratory results, vital signs or tocilizumab\/corticosteroid administrations/);
    assert.equal(await s.page.locator('#smart-counts').count(), 0);
    assert.deepEqual(s.problems(), []);
  } finally {
    await s.close();
  }
});

test('a sign-in response that this window did not start is refused', { timeout: 90000 }, async () => {
  const s = await setup();
  try {
    await s.page.goto(`${s.app.url}?code=stolen-code&state=forged-state`);
    await s.page.locator('#smart-error').waitFor();
    assert.equal(await s.page.locator('#smart-error-title').innerText(), 'This sign-in does not match a launch from this window');
    assert.ok(!s.requests.some((u) => u.startsWith(s.ehr.issuer)), 'the code was never sent to the token endpoint');
    assert.deepEqual(s.problems(), []);
  } finally {
    await s.close();
  }
});

test('unconfigured build: no request at all without a launch; a launch says it is not set up', { timeout: 90000 }, async () => {
  const app = await serve({ prefix: PREFIX });
  const { page, context, problems } = await openPage(browser, app.origin);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  try {
    await page.goto(`${app.url}#/hscore`);
    await ready(page);
    await page.fill('#in-ferritin', '7000');
    await page.waitForTimeout(500);
    assert.ok(!requests.some((p) => p.endsWith('config.json')), `config.json not fetched: ${requests}`);
    // An EHR launch reaching an unconfigured copy: refused without contacting the issuer.
    await page.goto(`${app.url}?iss=${encodeURIComponent('https://fhir.hospital.example/r4')}&launch=x`);
    await page.locator('#smart-error').waitFor();
    assert.equal(await page.locator('#smart-error-title').innerText(), 'Launch from the record is not set up');
    assert.deepEqual(problems().filter((p) => !p.startsWith('console: Failed to load resource')), [], 'only config.json 404');
    assert.ok(requests.some((p) => p === `${PREFIX}config.json`));
  } finally {
    await context.close();
    app.close();
  }
});
