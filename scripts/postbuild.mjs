// Trunk post-build hook (runs on the staging dir before it becomes dist/):
// 1. moves Trunk's inline module script into a hashed file, so the page runs under a strict
//    Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`, no inline script);
// 2. writes the service worker's precache list from the real output (hashed names).
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');
const hash = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 16);

const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (m) {
  const code = m[1].trim() + '\n';
  const name = `boot-${hash(code)}.js`;
  await writeFile(join(dir, name), code);
  html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
  await writeFile(indexPath, html);
}

// Precache list for sw.js: every file of this build.
const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
  .filter((d) => d.isFile() && d.name !== 'sw.js')
  .map((d) => join(d.parentPath ?? d.path, d.name).slice(dir.length + 1))
  .sort();
const contents = await Promise.all(files.map((f) => readFile(join(dir, f))));
const version = hash(Buffer.concat(contents));
const swTemplatePath = join(dir, 'sw.js');
try {
  const sw = await readFile(swTemplatePath, 'utf8');
  const list = ['./', ...files.map((f) => `./${f}`)];
  await writeFile(
    swTemplatePath,
    sw.replace('self.__PRECACHE__', JSON.stringify(list)).replace('self.__BUILD__', JSON.stringify(version)),
  );
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}
console.log(`postbuild: ${files.length} files, build ${version}`);
