// Latency benchmark of the release build (dist/) in headless Chromium with the CPU slowed 4×
// (a mid-range phone): cold load → interactive, and keystroke → updated result → next frame
// (p50, p95, max) on the pages listed in PAGES, after the same measure on a page with one text
// input and no app, measured before and after the pages (the floor: what the browser alone
// takes here, waiting for the next frame included; the lower of the two runs is the floor, as
// the machine's load moves both); a summary line per page gives its distance above the floor.
// Prints numbers; asserts nothing about time
// (it fails only if a page cannot be driven). Run: `cd tests && node bench/latency.mjs`
// (scripts/test.sh runs it after the end-to-end tests). THROTTLE=… and ROUNDS=… to change,
// DIST=/path/to/dist to measure another build.
//
// To add a page: one entry in PAGES — its route, how to fill it first (`setup`, with the
// helpers of e2e/app.mjs), the control typed into and the keys of one round (the round is
// typed KEY_ROUNDS times and must leave the control as it found it). A page whose route is
// not in the build's nav is skipped with a note.
import { serve, launch, ready } from '../e2e/harness.mjs';
import { go, fill, choose } from '../e2e/app.mjs';
import { importCourse } from './course-bundle.mjs';
import { BARE_PAGE } from './bare-page.mjs';

const THROTTLE = Number(process.env.THROTTLE ?? 4);
const COLD_ROUNDS = Number(process.env.ROUNDS ?? 5);
const KEY_ROUNDS = 6;
// Type a number, then erase it.
const typeAndErase = (text) => [...text, ...[...text].map(() => 'Backspace')];

const PAGES = [
  {
    // Not the app: one text input and one line of script (bare-page.mjs), measured the same
    // way in the same run, first and last — the floor under every page on this machine.
    name: 'floor: bare text input, no app',
    bare: true,
    control: '#bare',
    keys: typeAndErase('12500'),
  },
  {
    name: 'HScore (complete patient)',
    route: 'hscore',
    setup: async (page) => {
      await choose(page, 'immunosuppression', 'no');
      await fill(page, 'temperature', '39.6');
      await choose(page, 'hepatomegaly', 'yes');
      await choose(page, 'splenomegaly', 'yes');
      await fill(page, 'haemoglobin', '8.1');
      await fill(page, 'leukocytes', '1.2');
      await fill(page, 'platelets', '45');
      await fill(page, 'triglycerides', '3.5');
      await fill(page, 'fibrinogen', '1.2');
      await fill(page, 'ast', '240');
      await choose(page, 'marrow_hemophagocytosis', 'no');
    },
    control: '#in-ferritin',
    keys: typeAndErase('12500'),
  },
  {
    name: 'CRS',
    route: 'crs',
    setup: async (page) => {
      await choose(page, 'fever_masking_therapy', 'no');
      await choose(page, 'hypotension', 'yes');
      await fill(page, 'vasopressors', '1');
      await choose(page, 'oxygen_device', 'nasal_cannula');
      await fill(page, 'oxygen_flow', '4');
      await choose(page, 'crs_death', 'no');
    },
    control: '#in-temperature',
    keys: typeAndErase('39.6'),
  },
  {
    // A 30-day course × 4 time points a day (tests/bench/course-bundle.mjs), imported as a new
    // patient; each key moves the infusion time (day 0) a month up or down: every day number,
    // episode, baseline and chart of the page follows.
    name: 'course page (30-day course)',
    route: 'course',
    setup: async (page) => {
      await importCourse(page);
    },
    control: '#course-infusion',
    clear: false,
    keys: ['ArrowUp', 'ArrowDown'],
  },
  {
    // The same patient (its latest time point) on the HScore page: what a keystroke costs
    // when the open patient holds a long course.
    name: 'HScore (30-day course open)',
    route: 'hscore',
    setup: null,
    control: '#in-ferritin',
    keys: typeAndErase('12500'),
  },
];

// In every page: when the app first shows a page title (interactive), and, per keystroke, the
// first DOM change in <main> (the updated result) and the frame after it (painted).
const probe = () => {
  window.__bench = { interactive: null, started: null, samples: [], events: [] };
  // The browser's own measure (Event Timing, as in INP): keydown → next paint, reported only
  // at 16 ms or more (the API's floor); a keystroke without an entry took less.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'keydown') window.__bench.events.push(e.duration);
  }).observe({ type: 'event', durationThreshold: 16 });
  addEventListener('TrunkApplicationStarted', () => { window.__bench.started = performance.now(); });
  new MutationObserver((_, obs) => {
    if (document.getElementById('page-title')) {
      window.__bench.interactive = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  let current = null;
  const watch = new MutationObserver(() => {
    if (current && current.dom === null) current.dom = performance.now();
  });
  addEventListener('keydown', (e) => {
    const main = document.querySelector('main');
    if (!main) return;
    watch.disconnect();
    watch.observe(main, { childList: true, subtree: true, characterData: true, attributes: true });
    const sample = { t0: e.timeStamp, dom: null, frame: null };
    current = sample;
    // The frame that shows the update: the task right after the next animation frame runs
    // once that frame has been produced.
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        sample.frame = performance.now();
        window.__bench.samples.push(sample);
      };
      ch.port2.postMessage(0);
    });
  }, { capture: true });
};

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => (x === null || x === undefined ? '—' : `${x.toFixed(1)} ms`);
const signed = (x) => `${x < 0 ? '−' : '+'}${ms(Math.abs(x))}`;

async function throttledPage(browser) {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await page.addInitScript(probe);
  return { context, page };
}

// Keystroke → next frame (p50, p95) of each page measured, and of each run of the floor.
const frames = [];
const floors = [];

// Types the page's keys into its control KEY_ROUNDS times and prints keystroke → updated
// result → next frame, and the browser's own Event Timing measure.
async function measureKeys(page, p) {
  const input = page.locator(p.control);
  if (p.clear !== false) await input.fill('');
  await input.focus();
  await page.evaluate(() => { window.__bench.samples = []; window.__bench.events = []; });
  let expected = 0;
  for (let round = 0; round < KEY_ROUNDS; round++) {
    for (const key of p.keys) {
      await page.keyboard.press(key);
      expected++;
      await page.waitForFunction((n) => window.__bench.samples.length >= n, expected);
    }
  }
  await page.waitForTimeout(500);
  // The first round warms up (first render of each state): left out of the own measure.
  const samples = (await page.evaluate(() => window.__bench.samples)).slice(p.keys.length);
  const events = await page.evaluate(() => window.__bench.events);
  const all = expected;
  // Event Timing: keys with no entry took < 16 ms; counted as 16 (an upper bound).
  const timing = [...events, ...Array(Math.max(0, all - events.length)).fill(16)];
  const dom = samples.filter((s) => s.dom !== null).map((s) => s.dom - s.t0);
  const frame = samples.map((s) => s.frame - s.t0);
  const p50 = pct(frame, 50);
  const p95 = pct(frame, 95);
  (p.bare ? floors : frames).push({ name: p.name, p50, p95 });
  console.log(`keystroke ${p.name} (${samples.length} keys into ${p.control}): ` +
    `→ updated result p50 ${ms(pct(dom, 50))} p95 ${ms(pct(dom, 95))}; ` +
    `→ next frame p50 ${ms(p50)} p95 ${ms(p95)} max ${ms(Math.max(...frame))}` +
    (dom.length < samples.length ? ` (${samples.length - dom.length} keys changed nothing in <main>)` : ''));
  console.log(`keystroke ${p.name}: Event Timing keydown → next paint (${all} keys, ${Math.max(0, all - events.length)} under 16 ms): ` +
    `p50 ${pct(timing, 50) <= 16 ? '≤ 16 ms' : ms(pct(timing, 50))} p95 ${pct(timing, 95) <= 16 ? '≤ 16 ms' : ms(pct(timing, 95))}`);
}

// The floor page in a context of its own.
async function measureFloor(p) {
  const bare = await throttledPage(browser);
  await bare.page.setContent(BARE_PAGE);
  await bare.page.evaluate(probe); // init scripts do not run for set content
  await measureKeys(bare.page, p);
  await bare.context.close();
}

// DIST=… serves another build (to compare two builds on the same machine, same load).
const server = await serve({ prefix: '/bench/iectox/', ...(process.env.DIST ? { root: process.env.DIST } : {}) });
const browser = await launch();
try {
  console.log(`latency benchmark: release build, headless Chromium, CPU throttled ${THROTTLE}×, 412×915 viewport`);

  // Cold load: a new profile each time (no HTTP cache, no service worker).
  const cold = [];
  for (let i = 0; i < COLD_ROUNDS; i++) {
    const { context, page } = await throttledPage(browser);
    await page.goto(`${server.url}#/hscore`);
    await ready(page);
    cold.push(await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      started: window.__bench.started,
      interactive: window.__bench.interactive,
    })));
    await context.close();
  }
  const med = (k) => pct(cold.map((c) => c[k]).filter((x) => x !== null), 50);
  console.log(`cold load (median of ${COLD_ROUNDS}): first contentful paint ${ms(med('fcp'))}, ` +
    `wasm started ${ms(med('started'))}, interactive (page rendered) ${ms(med('interactive'))}`);

  // Keystroke → updated result → next frame, per page.
  const { context, page } = await throttledPage(browser);
  await page.goto(server.url);
  await ready(page);
  for (const p of PAGES) {
    if (p.bare) {
      await measureFloor(p);
      continue;
    }
    if (!(await page.locator(`nav a[href="#/${p.route}"]`).count())) {
      console.log(`keystroke ${p.name}: skipped, no #/${p.route} route in this build`);
      continue;
    }
    await go(page, p.route);
    if (p.setup) {
      await p.setup(page);
      await go(page, p.route);
    }
    await measureKeys(page, p);
  }
  await measureFloor(PAGES.find((p) => p.bare));
  const floor = { p50: Math.min(...floors.map((f) => f.p50)), p95: Math.min(...floors.map((f) => f.p95)) };
  console.log(`keystroke → next frame above the floor (p50 ${ms(floor.p50)}, p95 ${ms(floor.p95)}: the lower of its ${floors.length} runs):`);
  for (const f of frames) {
    console.log(`  ${f.name}: p50 ${signed(f.p50 - floor.p50)}, p95 ${signed(f.p95 - floor.p95)}`);
  }
  await context.close();
} finally {
  await browser.close();
  server.close();
}
