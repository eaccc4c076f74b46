// The app shell: loads from a deep sub-path with a strict CSP, shows product, version and the
// decision-support notice, navigates by clicking, and sends nothing off its origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, screenshot } from './harness.mjs';

const app = useApp({ prefix: '/intranet/tools/iectox/' });

test('shell loads from a sub-path and navigates between routes by clicking', async () => {
  const { page, problems, loadMs } = app;
  assert.equal(await page.locator('#product').textContent(), 'IEC-Tox');
  assert.match(await page.locator('#version').textContent(), /\d+\.\d+\.\d+/);
  assert.match(await page.locator('#disclaimer').textContent(), /not a substitute for clinical judgement/);
  assert.equal(await page.locator('#page-title').textContent(), 'Overview');

  await page.click('nav >> text=HScore');
  await page.waitForFunction(() => document.querySelector('#page-title')?.textContent === 'HScore');
  assert.match(page.url(), /\/intranet\/tools\/iectox\/#\/hscore$/);
  await page.click('nav >> text=CRS');
  await page.waitForFunction(() => document.querySelector('#page-title')?.textContent.startsWith('CRS'));
  assert.match(page.url(), /#\/crs$/);

  await page.setViewportSize({ width: 1024, height: 768 });
  const shot = await screenshot(page, 'shell-1024x768');
  console.log(`shell: first render ${loadMs} ms; screenshot ${shot}`);
  assert.deepEqual(problems(), []);
});
