// Bedside layout at the three sizes that matter (tablet landscape 1024×768, tablet portrait
// 768×1024, phone 390×844), in English and Spanish, with a vignette entered: no page scrolls
// sideways, the CRS grading table shows all its grade columns on a tablet with the patient's
// cell marked, the phone keeps a compact result bar in sight while typing, the header is one
// line, and touch targets are at least 44 px. Screenshots of every page at every size are
// written to tests/e2e/output/layout-*.png for a human look.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useApp, ready, screenshot, OUTPUT } from './harness.mjs';
import { go, fill, choose } from './app.mjs';

// Every page of the navigation (Route::NAV, web/src/route.rs).
export const ROUTES = ['', 'course', 'crs', 'icans', 'hscore', 'hlh2004', 'iec-hs', 'labs', 'systems', 'measix', 'treatment', 'sepsis', 'sources', 'patients', 'import'];
const SIZES = [[1024, 768], [768, 1024], [390, 844]];

const app = useApp({ open: false });

/** A local datetime-local value `days` days from now. */
function local(days) {
  const t = new Date(Date.now() + days * 86400000);
  const p = (n) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:${p(t.getMinutes())}`;
}

async function vignette(page) {
  // A course: infusion two days ago, a baseline time point before it, then today's values.
  await go(page, 'course');
  await page.fill('#course-infusion', local(-2));
  await page.fill('#course-new-at', local(-3));
  await page.click('#course-add');
  await go(page, 'hscore');
  await fill(page, 'ferritin', '400');
  await fill(page, 'fibrinogen', '3.0');
  await go(page, 'course');
  await page.fill('#course-new-at', local(0));
  await page.click('#course-add');
  await page.locator('#course-time-points .tp-select').last().click();
  await go(page, 'hscore');
  await fill(page, 'temperature', '39.6');
  await choose(page, 'hepatomegaly', 'yes');
  await fill(page, 'haemoglobin', '8.1');
  await fill(page, 'leukocytes', '1.2');
  await fill(page, 'platelets', '45');
  await fill(page, 'ferritin', '12500');
  await fill(page, 'triglycerides', '310', 'mg/dL');
  await fill(page, 'fibrinogen', '1.2');
  await fill(page, 'ast', '240');
  await go(page, 'crs');
  await choose(page, 'fever_masking_therapy', 'no');
  await choose(page, 'hypotension', 'yes');
  await fill(page, 'vasopressors', '2');
  await choose(page, 'oxygen_device', 'nasal_cannula');
  await fill(page, 'oxygen_flow', '4');
  await go(page, 'icans');
  await fill(page, 'age', '58');
  await fill(page, 'ice_total', '5');
  await go(page, 'treatment');
  await fill(page, 'weight', '70');
  await fill(page, 'height', '175');
}

/** Elements wider than the viewport or reaching past its right edge (for the failure message). */
function overflowing(page) {
  return page.evaluate(() => {
    const w = innerWidth;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > w + 0.5 && getComputedStyle(el).position !== 'fixed') {
        out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
      }
    }
    return out.slice(0, 8);
  });
}

for (const lang of ['en', 'es']) {
  test(`no page scrolls sideways at 1024×768, 768×1024 and 390×844; screenshots (${lang})`, async () => {
    const { page, problems, context } = await app.open();
    await page.selectOption('#lang', lang);
    await page.click('#disclaimer-ok');
    await vignette(page);
    const shots = [];
    const wide = [];
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      for (const route of ROUTES) {
        await page.goto(`${app.server.url}#/${route}`);
        await ready(page);
        await page.evaluate(() => scrollTo(0, 0));
        const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: innerWidth }));
        if (sw > iw) wide.push(`#/${route} at ${w}×${h}: scrollWidth ${sw} > ${iw}: ${(await overflowing(page)).join(', ')}`);
        shots.push(await screenshot(page, `layout-${route || 'overview'}-${w}x${h}-${lang}`));
        // The whole page too (in English), for a look below the fold.
        if (lang === 'en') {
          const path = join(OUTPUT, `layout-full-${route || 'overview'}-${w}x${h}-en.png`);
          await page.screenshot({ path, fullPage: true });
          shots.push(path);
        }
      }
    }
    assert.deepEqual(wide, [], `pages that scroll sideways (${lang})`);
    console.log(`${shots.length} screenshots (${lang}) in tests/e2e/output/layout-*.png`);
    assert.deepEqual(problems(), []);
    await context.close();
  });
}

/** The bounding box of `sel`, and whether it lies wholly inside the viewport. */
async function inView(page, sel) {
  return page.locator(sel).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { inside: r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight, box: [r.left, r.top, r.right, r.bottom].map(Math.round) };
  });
}

for (const lang of ['en', 'es']) test(`CRS at 1024×768: all five grade columns and the patient's marked cell in view, beside the inputs (${lang})`, async () => {
  const { page, problems, context } = await app.open('', { viewport: { width: 1024, height: 768 } });
  await page.selectOption('#lang', lang);
  await page.click('#disclaimer-ok');
  await go(page, 'crs');
  await choose(page, 'fever_masking_therapy', 'no');
  await fill(page, 'temperature', '39.2');
  await choose(page, 'hypotension', 'yes');
  await fill(page, 'vasopressors', '1');
  await choose(page, 'oxygen_device', 'nasal_cannula');
  await fill(page, 'oxygen_flow', '4');
  await page.evaluate(() => scrollTo(0, 0));
  for (const g of [1, 2, 3, 4, 5]) {
    const v = await inView(page, `#crs-table thead th[data-grade="${g}"]`);
    assert.ok(v.inside, `grade ${g} column header in view: ${v.box}`);
  }
  // Grade 3 by one vasopressor; the oxygen row's grade-2 cell is marked too.
  const hit = page.locator('#crs-table tr[data-domain=Hypotension] td[data-hit=true]');
  assert.equal(await hit.getAttribute('data-grade'), '3');
  assert.ok((await inView(page, '#crs-table tr[data-domain=Hypotension] td[data-hit=true]')).inside, 'marked cell in view');
  assert.ok((await inView(page, '#crs-table tr[data-domain=Hypoxia] td[data-hit=true]')).inside);
  assert.ok((await inView(page, '#crs-grade')).inside, 'the grade headline in view');
  assert.ok((await inView(page, '#in-temperature')).inside, 'an input in view at the same time');
  // A changing result moves no input: the first and last inputs stay where they were.
  const before = await page.evaluate(() => ['#in-temperature', '#in-crs_death'].map((s) => document.querySelector(s).getBoundingClientRect().top));
  await fill(page, 'vasopressors', '2');
  assert.equal(await page.locator('#crs-grade').innerText(), lang === 'es' ? 'grado 4' : 'grade 4');
  await fill(page, 'vasopressors', '');
  const after = await page.evaluate(() => ['#in-temperature', '#in-crs_death'].map((s) => document.querySelector(s).getBoundingClientRect().top));
  assert.deepEqual(after, before);
  await screenshot(page, `layout-crs-marked-1024x768-${lang}`);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('tablet portrait 768×1024: the result column is beside the inputs, and the result bar in view while typing', async () => {
  const { page, problems, context } = await app.open('#/hscore', { viewport: { width: 768, height: 1024 } });
  await page.click('#disclaimer-ok');
  await fill(page, 'ferritin', '8000');
  await page.locator('#in-marrow_hemophagocytosis').focus();
  await page.locator('#in-marrow_hemophagocytosis').scrollIntoViewIfNeeded();
  assert.ok((await inView(page, '#in-marrow_hemophagocytosis')).inside);
  assert.ok((await inView(page, '#result-bar')).inside, 'the result bar in view with the last input');
  const [inputs, results] = await page.evaluate(() => ['.two-col > fieldset', '.two-col > .results'].map((s) => document.querySelector(s).getBoundingClientRect()));
  assert.ok(results.left >= inputs.right, 'results beside the inputs');
  await page.evaluate(() => scrollTo(0, 0));
  assert.ok((await inView(page, '#hscore-total')).inside && (await inView(page, '#in-temperature')).inside);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('phone 390×844: the result bar stays in view while the last input has focus', async () => {
  const { page, problems, context } = await app.open('#/hscore', { viewport: { width: 390, height: 844 } });
  await page.click('#disclaimer-ok');
  await fill(page, 'ferritin', '8000');
  const last = page.locator('#in-marrow_hemophagocytosis');
  await last.focus();
  await last.scrollIntoViewIfNeeded();
  assert.ok((await inView(page, '#in-marrow_hemophagocytosis')).inside);
  const bar = await inView(page, '#result-bar');
  assert.ok(bar.inside, `result bar in view: ${bar.box}`);
  assert.ok(await page.evaluate(() => scrollY > 200), 'the page did scroll to the last input');
  assert.match(await page.locator('#result-bar').innerText(), /HScore/);
  await choose(page, 'marrow_hemophagocytosis', 'yes');
  assert.match(await page.locator('#result-bar').innerText(), /\d/);
  await screenshot(page, 'layout-phone-result-bar-390x844');
  // CRS too: the bar shows the grade while the last CRS input has focus.
  await go(page, 'crs');
  await fill(page, 'temperature', '39');
  await choose(page, 'hypotension', 'yes');
  await fill(page, 'vasopressors', '2');
  await page.locator('#in-crs_death').focus();
  await page.locator('#in-crs_death').scrollIntoViewIfNeeded();
  assert.ok((await inView(page, '#result-bar')).inside);
  assert.match(await page.locator('#result-bar').innerText(), /grade 4/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('phone 390×844: the header menu hides only its own actions (the import page\'s buttons stay visible)', async () => {
  const { page, problems, context } = await app.open('#/import', { viewport: { width: 390, height: 844 } });
  await page.click('#disclaimer-ok');
  const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Observation',
    status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '2276-4' }] },
    effectiveDateTime: '2026-11-30T08:00:00Z', valueQuantity: { value: 800, unit: 'ng/mL',
      system: 'http://unitsofmeasure.org', code: 'ng/mL' } } }] };
  await page.fill('#fhir-paste', JSON.stringify(bundle));
  await page.click('#fhir-read-paste');
  await page.locator('#fhir-read').waitFor();
  assert.equal(await page.locator('#header-actions').isVisible(), false, 'header actions folded into the menu');
  for (const id of ['#fhir-apply-here', '#fhir-apply-new']) {
    assert.ok(await page.locator(id).isVisible(), `${id} visible`);
  }
  await page.click('#fhir-apply-new');
  await page.locator('#fhir-applied').waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

test('header: one line at every size; the full disclaimer on first use, one tap away after, and in print', async () => {
  const { page, problems, context } = await app.open();
  assert.ok(await page.locator('#disclaimer').isVisible(), 'shown on first use');
  assert.match(await page.locator('#disclaimer').innerText(), /not a substitute for clinical judgement/);
  await page.click('#disclaimer-ok');
  assert.equal(await page.locator('#disclaimer').isVisible(), false);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#disclaimer').isVisible(), false, 'acknowledged: closed on the next visit');
  await page.click('#disclaimer-toggle');
  assert.ok(await page.locator('#disclaimer').isVisible(), 'one tap away');
  await page.click('#disclaimer-toggle');
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('#disclaimer').isVisible(), 'always printed');
  await page.emulateMedia({ media: 'screen' });
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    const height = await page.locator('.app-header').evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(height <= 64, `header height ${height} at ${w}×${h}`);
    if (w < 900) {
      await page.click('#menu-toggle');
      assert.ok(await page.locator('#new-patient').isVisible(), 'actions in the menu');
      await page.click('#menu-toggle');
    } else {
      assert.ok(await page.locator('#new-patient').isVisible());
    }
  }
  assert.deepEqual(problems(), []);
  await context.close();
});

test('touch targets: every visible control, header and nav link is at least 44 × 44 px on every page at the three sizes', async () => {
  const { page, problems, context } = await app.open();
  await page.click('#disclaimer-ok');
  const small = [];
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    for (const route of ROUTES) {
      await page.goto(`${app.server.url}#/${route}`);
      await ready(page);
      // The header's menu open where it is a menu, so that its controls are measured too.
      if (w < 900) await page.click('#menu-toggle');
      small.push(...(await page.evaluate(([route, w]) => {
        const out = [];
        // The skip link is for keyboards (off screen until focused).
        for (const el of document.querySelectorAll('button, select, input, textarea, nav a, header a:not(.skip), [role=tab]')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
          // A checkbox or radio counts with its label (the label is the target).
          const target = (el.type === 'checkbox' || el.type === 'radio') ? el.closest('label') ?? el : el;
          const t = target.getBoundingClientRect();
          if (t.height < 44 - 0.5 || t.width < 44 - 0.5) out.push(`#/${route} ${w}px: ${el.tagName.toLowerCase()}#${el.id} ${Math.round(t.width)}×${Math.round(t.height)}`);
        }
        return out;
      }, [route, w])));
    }
  }
  assert.deepEqual(small, []);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('no layout shift when a result changes (CRS and HScore at the three sizes)', async () => {
  const { page, problems, context } = await app.open();
  await page.click('#disclaimer-ok');
  // Every layout shift is counted, also those right after typing (which CLS forgives).
  await page.evaluate(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__score = (window.__score ?? 0) + e.value;
        window.__shifts.push(...e.sources.map((s) => `${s.node?.nodeName ?? '?'} "${(s.node?.textContent ?? '').slice(0, 30)}" in ${s.node?.parentElement?.closest('[id]')?.id} (${Math.round(s.previousRect.x)}, ${Math.round(s.previousRect.y)}) → (${Math.round(s.currentRect.x)}, ${Math.round(s.currentRect.y)})`));
      }
    }).observe({ type: 'layout-shift' });
  });
  // Measured at the top of the page (typing may have scrolled the field into view).
  const boxes = () => page.evaluate(() => scrollTo(0, 0)).then(() => page.evaluate(() => [...document.querySelectorAll('main input, main select, #result-bar, .grade-table, #hscore-breakdown')]
    .map((el) => { const r = el.getBoundingClientRect(); return `${el.id || el.className} ${Math.round(r.top)} ${Math.round(r.height)}`; })));
  const moved = [];
  const shifts = [];
  let score = 0;
  // Entries are delivered asynchronously: those of the set-up are let through first.
  const resetShifts = () => page.waitForTimeout(300).then(() => page.evaluate(() => { window.__shifts = []; window.__score = 0; }));
  const takeShifts = async (what) => {
    const got = await page.evaluate(() => ({ shifts: window.__shifts, score: window.__score }));
    shifts.push(...got.shifts.map((s) => `${what}: ${s}`));
    score += got.score;
  };
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await go(page, 'crs');
    await fill(page, 'temperature', '39');
    await choose(page, 'fever_masking_therapy', 'no');
    await choose(page, 'hypotension', 'yes');
    await fill(page, 'vasopressors', '1');
    await choose(page, 'vasopressin', 'no');
    await choose(page, 'oxygen_device', 'none');
    await page.evaluate(() => { scrollTo(0, 0); window.__shifts = []; });
    const crs = await boxes();
    for (const v of ['2', '1']) {
      await resetShifts();
      await fill(page, 'vasopressors', v);
      await page.waitForTimeout(300);
      await takeShifts(`CRS ${w}×${h}`);
      assert.match(await page.locator('#crs-grade').innerText(), v === '2' ? /4/ : /3/);
      const now = await boxes();
      if (now.join() !== crs.join()) moved.push(`CRS ${w}×${h}: ${now.filter((b, i) => b !== crs[i]).join(', ')}`);
    }
    await go(page, 'hscore');
    await fill(page, 'ferritin', '1000');
    await page.evaluate(() => { scrollTo(0, 0); });
    const hs = await boxes();
    await resetShifts();
    await fill(page, 'ferritin', '8000');
    await page.waitForTimeout(300);
    await takeShifts(`HScore ${w}×${h}`);
    const now = await boxes();
    if (now.join() !== hs.join()) moved.push(`HScore ${w}×${h}: ${now.filter((b, i) => b !== hs[i]).join(', ')}`);
  }
  assert.deepEqual(moved, [], 'inputs, result bar and tables stay where they were');
  // What remains is text inside a table cell: a grade mark (●) appearing before a cell's text,
  // a right-aligned number changing. Printed, and bounded far below a visible jump.
  console.log(`layout shift while results changed: score ${score.toFixed(5)}, ${shifts.length} entries: ${shifts.join('; ')}`);
  assert.ok(shifts.every((s) => / in (crs-table|hscore-breakdown) /.test(s)), shifts.join('\n'));
  assert.ok(score < 0.01, `layout-shift score ${score}`);
  assert.deepEqual(problems(), []);
  await context.close();
});
