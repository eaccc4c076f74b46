// Every page: an axe-core accessibility scan (0 violations, at 1024×768 and 390×844) and screenshots at tablet
// (1024×768, 768×1024) and phone (390×844) sizes, in English and Spanish, with a vignette entered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { useApp, ready, screenshot } from './harness.mjs';
import { go, fill, choose } from './app.mjs';

const ROUTES = ['', 'course', 'crs', 'icans', 'hscore', 'hlh2004', 'iec-hs', 'labs', 'systems', 'measix', 'treatment', 'sepsis', 'sources', 'patients', 'import'];
const app = useApp({ prefix: '/', open: false });

async function someData(page) {
  await go(page, 'hscore');
  await fill(page, 'temperature', '39.2');
  await fill(page, 'ferritin', '8000');
  await fill(page, 'platelets', '40');
  await fill(page, 'fibrinogen', '99'); // out of range in g/L: shows an inline error
  await go(page, 'crs');
  await choose(page, 'hypotension', 'yes');
  await fill(page, 'vasopressors', '2');
  await go(page, 'treatment');
  await fill(page, 'weight', '70');
  await fill(page, 'height', '175');
}

for (const lang of ['en', 'es']) {
  test(`axe finds no violations on any page, and screenshots (${lang})`, async () => {
    const { page, problems, context } = await app.open();
    await page.selectOption('#lang', lang);
    await someData(page);
    const shots = [];
    let axeMs = 0;
    for (const route of ROUTES) {
      await page.goto(`${app.server.url}#/${route}`);
      await ready(page);
      const t0 = Date.now();
      const { violations } = await new AxeBuilder({ page }).analyze();
      axeMs += Date.now() - t0;
      assert.deepEqual(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`),
        [],
        `#/${route}`,
      );
      const name = route || 'overview';
      for (const [w, h] of [[1024, 768], [768, 1024], [390, 844]]) {
        await page.setViewportSize({ width: w, height: h });
        shots.push(await screenshot(page, `${lang}-${name}-${w}x${h}`));
      }
      // The phone layout too (navigation line, result bar, header menu open, stacked tables).
      await page.click('#menu-toggle');
      const t1 = Date.now();
      const phone = await new AxeBuilder({ page }).analyze();
      axeMs += Date.now() - t1;
      assert.deepEqual(
        phone.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`),
        [],
        `#/${route} at 390×844`,
      );
      await page.setViewportSize({ width: 1024, height: 768 });
    }
    console.log(`axe (${lang}): 0 violations on ${ROUTES.length} pages at 1024×768 and 390×844 in ${axeMs} ms; ${shots.length} screenshots in tests/e2e/output/`);
    assert.deepEqual(problems(), []);
    await context.close();
  });
}

test('keyboard only: tab reaches the navigation and a page can be opened with Enter', async () => {
  const { page, context } = await app.open();
  let reached = false;
  for (let i = 0; i < 25 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('href') === '#/hscore');
  }
  assert.ok(reached, 'HScore link reachable by Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#/hscore');
  await context.close();
});
