// Lighthouse (mobile, its default simulated slow 4G and 4× CPU) on the release build served by
// Debian's nginx with the README's snippets: once with the precompressed copies (brotli) and
// once without compression, as on many intranet servers. Prints performance, accessibility
// and best-practices scores and the main timings. Not run by the test command (about a minute
// per run). Usage, after `trunk build --release` and `source scripts/setup.sh`:
//   cd tests && CHROME_PATH=/usr/bin/chromium node bench/lighthouse.mjs
// THROTTLING=devtools measures a really slowed load instead of Lighthouse's model of one.
// The JSON reports are written to tests/bench/output/.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { startNginx, PREFIX } from '../e2e/servers.mjs';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), 'output');
// 'simulate' (Lighthouse's default: one fast load, then a model of a slow one) or 'devtools'
// (the load itself is slowed, and measured).
const THROTTLING = process.env.THROTTLING ?? 'simulate';
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive'];

await mkdir(OUTPUT, { recursive: true });
const rows = [];
for (const compress of [true, false]) {
  const server = await startNginx({ compress });
  // A new browser (empty cache, no service worker) per run.
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const url = `${server.origin}${PREFIX}`;
    const { lhr } = await lighthouse(url, {
      port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, throttlingMethod: THROTTLING,
    });
    const name = `${compress ? 'nginx-brotli' : 'nginx-uncompressed'}-${THROTTLING}`;
    await writeFile(join(OUTPUT, `lighthouse-${name}.json`), JSON.stringify(lhr, null, 1));
    const score = (c) => Math.round((lhr.categories[c]?.score ?? NaN) * 100);
    rows.push(`${name.padEnd(28)} ${CATEGORIES.map((c) => `${c} ${score(c)}`).join(', ')}; ` +
      METRICS.map((m) => `${m} ${lhr.audits[m]?.displayValue ?? '—'}`).join(', '));
    const failed = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual'
        && a.scoreDisplayMode !== 'notApplicable' && !METRICS.includes(a.id))
      .map((a) => `${a.id} (${Math.round(a.score * 100)})`);
    if (failed.length) rows.push(`${''.padEnd(28)} not full marks: ${failed.join(', ')}`);
  } finally {
    await chrome.kill();
    await server.stop();
  }
}
console.log(`Lighthouse, mobile (slow 4G, 4× CPU, throttling: ${THROTTLING}), release build through nginx:`);
for (const r of rows) console.log(r);
