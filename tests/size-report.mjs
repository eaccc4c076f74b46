// Prints the release bundle's size: raw, gzip (-9) and brotli (q 11) per file and in total.
// With a budget name (`node tests/size-report.mjs dist app`), fails when the brotli total is
// above that budget in tests/size-budget.json (the one place budgets are kept).
import { readdir, readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const budgetName = process.argv[3];
const files = (await readdir(dir, { recursive: true })).filter((f) => /\.(wasm|js|html|css|json|webmanifest|png|svg)$/.test(f)).sort();
const rows = [];
for (const f of files) {
  const buf = await readFile(join(dir, f));
  rows.push([
    f,
    buf.length,
    gzipSync(buf, { level: 9 }).length,
    brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  ]);
}
const total = rows.reduce((t, r) => [t[0], t[1] + r[1], t[2] + r[2], t[3] + r[3]], ['total', 0, 0, 0]);
const w = Math.max(...rows.map((r) => r[0].length), 5);
const fmt = (r) => `${r[0].padEnd(w)}  ${String(r[1]).padStart(9)}  ${String(r[2]).padStart(9)}  ${String(r[3]).padStart(9)}`;
console.log('bundle size report (bytes)');
console.log(fmt(['file', 'raw', 'gzip', 'brotli']));
for (const r of rows) console.log(fmt(r));
console.log(fmt(total));

if (budgetName) {
  const budgets = JSON.parse(await readFile(join(dirname(fileURLToPath(import.meta.url)), 'size-budget.json'), 'utf8'));
  const budget = budgets[budgetName]?.brotli;
  if (!budget) throw new Error(`no budget "${budgetName}" in tests/size-budget.json`);
  const pct = ((100 * total[3]) / budget).toFixed(1);
  if (total[3] > budget) {
    console.error(`size budget "${budgetName}" exceeded: ${total[3]} bytes brotli > ${budget} (${pct} %); see tests/size-budget.json`);
    process.exit(1);
  }
  console.log(`size budget "${budgetName}": ${total[3]} of ${budget} bytes brotli (${pct} %)`);
}
