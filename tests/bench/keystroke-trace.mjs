// Where a keystroke's time goes (not run by the test command): types into one field of the
// release build with the CPU slowed 4× under a Chromium trace, and prints the time per
// keystroke of each trace event (JS in event handlers, style, layout, paint …) and of each
// DOM event type. Usage: `cd tests && node bench/keystroke-trace.mjs [route] [field]`
// (default: hscore ferritin).
import { serve, launch, ready } from '../e2e/harness.mjs';
import { go } from '../e2e/app.mjs';

const [route = 'hscore', field = 'ferritin'] = process.argv.slice(2);
const N = 40;
const server = await serve({ prefix: '/trace/' });
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(server.url);
  await ready(page);
  await go(page, route);
  await page.locator(`#in-${field}`).focus();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  for (let r = 0; r < N / 4; r++) {
    for (const k of ['1', '2', 'Backspace', 'Backspace']) {
      await page.keyboard.press(k);
      await page.waitForTimeout(80);
    }
  }
  await cdp.send('Tracing.end');
  await done;
  const per = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([n, t]) => `${(t / N).toFixed(2).padStart(7)} ms/key  ${n}`);
  const byDomEvent = new Map();
  const byName = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
    if (e.name === 'EventDispatch') byDomEvent.set(e.args?.data?.type, (byDomEvent.get(e.args?.data?.type) ?? 0) + e.dur / 1000);
  }
  console.log(`#/${route}, #in-${field}: ${N} keys, CPU 4×, ${await page.evaluate(() => document.getElementsByTagName('*').length)} elements`);
  console.log('trace events (nested events overlap):');
  console.log(per(byName).slice(0, 16).join('\n'));
  console.log('DOM event dispatch (nested: keypress contains textInput contains input):');
  console.log(per(byDomEvent).join('\n'));
  await context.close();
} finally {
  await browser.close();
  server.close();
}
