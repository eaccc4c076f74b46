// Every clinical number the app shows comes from the core (issue 12, item 4): no string literal
// in web/src (outside comments and test modules) holds one of the clinical specification's
// cut-offs, maxima or thresholds. A label that needs one formats the core's constant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/src');

// The spec's cut-offs (§1–§13), as they would be typed in a label, in either decimal mark.
export const CUTOFFS = [
  /\b169\b/, /\b337\b/, /\b93 ?%/, /\b86 ?%/, // HScore cut-off, maximum, performance
  /38[.,]4/, /39[.,]4/, /101[.,]1/, /102[.,]9/, /\b2000\b/, /\b6000\b/, /132[.,]7/, /\b354\b/,
  /\b250 ?mg/, /\b2[.,]5 ?g/, /\b9[.,]2\b/, /5[.,]71/, /\b110\b/, /\b30 ?U\/L/, // HScore bands
  /38[.,]0/, /100[.,]4/, /\b6 ?L\/min/, // ASTCT CRS
  /38[.,]5/, /101[.,]3/, /\b265\b/, /\b3[.,]0 ?mmol/, /\b2400\b/, /\b500 ?(µg|ng)/, /\b90 ?g\/L/,
  /\b100 ?g\/L/, /\b4 ?(weeks|semanas)\b/, /\b1[.,]0 ?×/, /\b150 ?mg/, /\b1[.,]5 ?g\/L/, // HLH-2004
  /10[\s\u202f]?000/, /\b[25] ?× ?(ULN|LSN|baseline|basal)/, // IEC-HS, CARTOX
  /\b7–9\b/, /\b3–6\b/, /\b0–2\b/, /≥ ?9\b/, /\b1–8\b/, /> ?5 ?min/, /< ?12 ?(years|años)/, // ICANS
  /\b90 ?%/, /\b65 ?mmHg/, /\b60 ?mmHg/, /\b90 ?mmHg/, // management targets
  /\b18 ?(years|años)/, /\b(30|40) ?kg/, /\b4 ?(doses|dosis)/, /\b3 ?(doses|dosis)/, /\b8 ?h\b/, // dosing
];

async function rustFiles(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await rustFiles(p)));
    else if (e.name.endsWith('.rs')) out.push(p);
  }
  return out;
}

/** The string literals of Rust source, without comments and without test modules. */
export function literals(src) {
  const cut = src.search(/#\[cfg\((all\()?test/);
  if (cut >= 0) src = src.slice(0, cut);
  const out = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i) + 2;
    } else if (c === 'r' && /^r#*"/.test(src.slice(i, i + 10)) && !/\w/.test(src[i - 1] ?? '')) {
      const hashes = src.slice(i + 1).match(/^#*/)[0];
      const start = i + 2 + hashes.length;
      const end = src.indexOf(`"${hashes}`, start);
      out.push(src.slice(start, end));
      i = end + 1 + hashes.length;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\') { s += src[j + 1]; j += 2; } else { s += src[j]; j += 1; }
      }
      out.push(s);
      i = j + 1;
    } else if (c === "'" && src[i + 2] === "'") {
      i += 3; // a char literal such as '"'
    } else if (c === "'" && src[i + 1] === '\\') {
      i = src.indexOf("'", i + 2) + 1;
    } else {
      i += 1;
    }
  }
  return out;
}

test('no clinical cut-off is typed in web/src: labels take them from the core', async () => {
  const found = [];
  const files = await rustFiles(SRC);
  assert.ok(files.length > 20);
  for (const f of files) {
    for (const lit of literals(await readFile(f, 'utf8'))) {
      for (const re of CUTOFFS) {
        if (re.test(lit)) found.push(`${f.slice(SRC.length + 1)}: ${JSON.stringify(lit.slice(0, 90))} matches ${re}`);
      }
    }
  }
  assert.deepEqual(found, []);
});

test('the literal scanner sees strings and skips comments and test modules', () => {
  const src = '// "38.4" in a comment\nlet a = "≥ 169"; let b = r#"x "39.4" y"#; let c = \'"\';\n#[cfg(test)]\nmod t { "337" }';
  assert.deepEqual(literals(src), ['≥ 169', 'x "39.4" y']);
});
