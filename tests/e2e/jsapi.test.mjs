// The JS/wasm API's example page (built by scripts/build-js.sh) in headless Chromium, under
// the strict CSP, and its TypeScript types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage } from './harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../target/iectox-js');

test('example page scores a patient and reports an error through the ES module', { timeout: 60000 }, async () => {
  const server = await serve({ root, prefix: '/lib/' });
  const browser = await launch();
  const { page, problems, context } = await openPage(browser, server.origin);
  await page.goto(`${server.url}index.html`);
  await page.waitForFunction(() => !document.getElementById('out').textContent.startsWith('loading'));
  const out = await page.locator('#out').textContent();
  assert.match(out, /HScore 137–337 \(undetermined\)/);
  assert.match(out, /error: maximum temperature: 3\.8 °C is outside the accepted range 25–45 °C \(1 problem\)/);
  assert.deepEqual(problems(), []);
  await context.close();
  await browser.close();
  server.close();
});

test('TypeScript declarations type every score', async () => {
  const dts = await readFile(resolve(root, 'pkg/iectox_js.d.ts'), 'utf8');
  for (const fn of ['assess', 'hscore', 'hlh2004', 'crs', 'icans', 'iecHs', 'ctcae', 'measix', 'crsLegacy']) {
    assert.match(dts, new RegExp(`export function ${fn}\\(patient_value: Patient\\)`), fn);
  }
  assert.match(dts, /export interface Assessment/);
});
