// Entry rules (issue 10, product decisions 11 and 12) through the app's inputs: a number with
// one separator and three decimals is read by plausibility ("1.498" mmol/L triglycerides is
// 1.498; "1.000" ng/mL ferritin is refused with both readings shown), and an ICE total that the
// entered items make impossible is an error naming both, never scored silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './harness.mjs';
import { go, fill, choose, text } from './app.mjs';

const app = useApp();

test('"1.498" mmol/L triglycerides is accepted as 1.498 (1498 mmol/L is impossible)', async () => {
  await go(app.page, 'hscore');
  await fill(app.page, 'triglycerides', '1.498', 'mmol/L');
  assert.equal(await app.page.locator('#in-triglycerides-error').count(), 0);
  // 1.498 mmol/L is below 1.5: the triglycerides row scores 0 (not unknown).
  const row = await text(app.page, 'tr:has-text("triglycerides")');
  assert.match(row, /1\.498 mmol\/L/);
  assert.match(row, /\b0\b/);
});

test('"1.000" ng/mL ferritin is refused with both readings shown', async () => {
  await fill(app.page, 'ferritin', '1.000', 'ng/mL');
  const err = await text(app.page, '#in-ferritin-error');
  assert.match(err, /"1\.000" could be 1 or 1000 ng\/mL/);
  await fill(app.page, 'ferritin', '1000');
  assert.equal(await app.page.locator('#in-ferritin-error').count(), 0);
});

test('an ICE total the entered items make impossible is an error naming both', async () => {
  await go(app.page, 'icans');
  await fill(app.page, 'age', '40');
  await choose(app.page, 'consciousness', 'alert');
  await fill(app.page, 'ice_total', '9');
  for (const item of ['ice_orientation', 'ice_naming', 'ice_commands', 'ice_writing']) {
    await fill(app.page, item, '0');
  }
  const err = await text(app.page, '#in-ice_total-error');
  assert.match(err, /9 is impossible with the entered items/);
  assert.match(err, /ICE orientation/);
  const result = await text(app.page, 'main');
  assert.doesNotMatch(result, /nothing missing/i);
  assert.deepEqual(app.problems(), []);
});
