// Where a keystroke's time goes (not run by the test command): types into one field of the
// release build with the CPU slowed 4× under a Chromium trace, and prints the time per
// keystroke of each trace event (JS in event handlers, style, layout, paint …) and of each
// DOM event type, as wall time and as the renderer main thread's CPU time (the CPU time
// varies far less with the machine's load: compare builds on it).
// Usage: `cd tests && node bench/keystroke-trace.mjs [route] [field]` (default: hscore
// ferritin); `course` (the 30-day course of course-bundle.mjs, moving its infusion time up and
// down a month) and `course-hscore` (that patient open on the HScore page, typing into
// ferritin); `bare` (a page with one text input and no app: the browser's own cost).
// DIST=/path/to/dist to trace another build.
import { serve, launch, ready } from '../e2e/harness.mjs';
import { go } from '../e2e/app.mjs';
import { importCourse } from './course-bundle.mjs';
import { BARE_PAGE } from './bare-page.mjs';

const [route = 'hscore', field = 'ferritin'] = process.argv.slice(2);
const N = 40;
const server = await serve({ prefix: '/trace/', ...(process.env.DIST ? { root: process.env.DIST } : {}) });
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  let control = `#in-${field}`;
  let keys = ['1', '2', 'Backspace', 'Backspace'];
  if (route === 'bare') {
    await page.setContent(BARE_PAGE);
    control = '#bare';
  } else {
    await page.goto(server.url);
    await ready(page);
  }
  if (route === 'course' || route === 'course-hscore') {
    await importCourse(page);
    if (route === 'course') {
      control = '#course-infusion';
      keys = ['ArrowUp', 'ArrowDown', 'ArrowUp', 'ArrowDown'];
    } else {
      await go(page, 'hscore');
    }
  } else if (route !== 'bare') {
    await go(page, route);
  }
  await page.locator(control).focus();
  // Warm up (first render of each state), untraced.
  for (const k of keys) {
    await page.keyboard.press(k);
    await page.waitForTimeout(100);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  for (let r = 0; r < N / keys.length; r++) {
    for (const k of keys) {
      await page.keyboard.press(k);
      await page.waitForTimeout(route === 'course' ? 1500 : 150);
    }
  }
  await cdp.send('Tracing.end');
  await done;
  // The renderer's main thread: the one running the DOM events.
  const main = events.find((e) => e.name === 'EventDispatch');
  const onMain = (e) => main && e.pid === main.pid && e.tid === main.tid;
  const fmt = (m) => [...m].sort((a, b) => b[1].cpu - a[1].cpu)
    .map(([n, t]) => `${(t.wall / N).toFixed(2).padStart(8)} ${(t.cpu / N).toFixed(2).padStart(8)}  ${n}`);
  const add = (m, k, e) => {
    const t = m.get(k) ?? { wall: 0, cpu: 0 };
    t.wall += e.dur / 1000;
    t.cpu += (e.tdur ?? e.dur) / 1000;
    m.set(k, t);
  };
  const byDomEvent = new Map();
  const byName = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || !onMain(e)) continue;
    add(byName, e.name, e);
    if (e.name === 'EventDispatch') add(byDomEvent, e.args?.data?.type, e);
  }
  console.log(`#/${route}, ${control}: ${N} keys, CPU 4×, ${await page.evaluate(() => document.getElementsByTagName('*').length)} elements`);
  console.log('renderer main thread, per key:   wall ms   CPU ms  (nested events overlap)');
  console.log(fmt(byName).slice(0, 16).join('\n'));
  console.log('DOM event dispatch (nested: keypress contains textInput contains input):');
  console.log(fmt(byDomEvent).join('\n'));
  await context.close();
} finally {
  await browser.close();
  server.close();
}
