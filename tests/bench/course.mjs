// Course benchmark (issue 11): a 30-day course with 4 time points a day (120 time points, the
// daily panel at each) is imported through the app's FHIR page, then the Course page is timed:
// first render of the page with its nine charts, and one edit → the updated chart (adding a
// tocilizumab dose: its marker appears on every chart's axis). Prints numbers; asserts nothing
// about time. Run after `trunk build --release`: `node tests/bench/course.mjs`.
import { serve, launch, openPage, ready } from '../e2e/harness.mjs';
import { importCourse } from './course-bundle.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await serve({ prefix: '/bench/' });
const browser = await launch();
const { page, context } = await openPage(browser, server.origin, { viewport: { width: 1024, height: 768 } });
try {
  await page.goto(server.url);
  await ready(page);
  await importCourse(page);
  // The grade table shows the latest time points until asked for all.
  await page.click('#grade-strip-all');
  const points = await page.locator('#grade-strip tbody tr').count();
  await page.click('#grade-strip-all');
  const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('iectox.patients.'))
    .reduce((n, k) => n + localStorage.getItem(k).length, 0));

  // First render of the Course page (from another page), to the charts on screen.
  const renders = [];
  for (let i = 0; i < 5; i++) {
    await page.click('nav a[href="#/"]');
    const t0 = await page.evaluate(() => performance.now());
    await page.click('nav a[href="#/course"]');
    await page.locator('#chart-temperature').waitFor();
    renders.push(await page.evaluate((s) => new Promise((ok) => requestAnimationFrame(() => ok(performance.now() - s))), t0));
  }
  // One edit → the updated charts: a tocilizumab dose added; its marker drawn.
  const edits = [];
  for (let i = 0; i < 5; i++) {
    const before = await page.locator('.treatment-marker').count();
    await page.fill('#course-tr-at', `2026-11-0${2 + i}T10:00`);
    await page.locator('#course-tr-at').dispatchEvent('change');
    const t0 = await page.evaluate(() => performance.now());
    await page.click('#course-tr-add');
    await page.waitForFunction((n) => document.querySelectorAll('.treatment-marker').length > n, before);
    edits.push(await page.evaluate((s) => new Promise((ok) => requestAnimationFrame(() => ok(performance.now() - s))), t0));
  }
  console.log(`course benchmark: ${points} time points (30 days × 4), 9 charts; saved ${(saved / 1024).toFixed(0)} KiB`);
  console.log(`  Course page render (nav click → charts painted): median ${median(renders).toFixed(0)} ms (${renders.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  one edit (add a dose) → updated charts painted: median ${median(edits).toFixed(0)} ms (${edits.map((x) => x.toFixed(0)).join(', ')})`);
} finally {
  await context.close();
  await browser.close();
  server.close();
}
