// Prints the release bundle's size: raw, gzip (-9) and brotli (q 11) per file and in total.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
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
