// The README's server snippets, as a hospital's IT team would copy them, with the real
// servers from Debian's packages (installed by scripts/setup.sh): nginx and Apache 2.4 run in
// the foreground on a free port of 127.0.0.1, with their own config, pid and logs in a temp
// dir, serving a copy of dist/ under /tools/iectox/. Every file: its type, the policy, its
// cache header, the precompressed copy (brotli, gzip) or the file itself; a missing file still
// gets the policy; and the app loads through the server and works offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, mkdir, readFile, readdir, rm, writeFile, chmod, access, symlink } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { launch, openPage, ready, CSP, DIST } from './harness.mjs';

const README = resolve(dirname(fileURLToPath(import.meta.url)), '../../README.md');
const PREFIX = '/tools/iectox/';
const FOLDER = '/srv/iectox/dist/';
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;
const TYPES = {
  html: /^text\/html\b/,
  js: /^(text|application)\/javascript\b/,
  wasm: /^application\/wasm$/,
  css: /^text\/css\b/,
  webmanifest: /^application\/manifest\+json\b/,
  png: /^image\/png$/,
};

/** The fenced block after `<!-- servers-test:NAME -->` in the README, verbatim. */
async function snippet(name) {
  const md = await readFile(README, 'utf8');
  const at = md.indexOf(`<!-- servers-test:${name} -->`);
  assert.ok(at >= 0, `README marker servers-test:${name}`);
  return md.slice(at).match(/```[a-z]*\n([\s\S]*?)\n```/)[1];
}

const freePort = () => new Promise((ok, fail) => {
  const s = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => ok(port));
  });
});

function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).once('error', fail).end();
  });
}

/** Starts `cmd` in the foreground and waits until `url` answers; `stop()` ends it. */
async function start(cmd, args, url, logFile) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((ok) => child.once('exit', ok));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      throw new Error(`${cmd} exited (${child.exitCode}): ${out}\n${log}`);
    }
    try {
      await get(url);
      break;
    } catch (e) {
      if (i > 100) throw new Error(`${cmd} did not answer on ${url}: ${e.message}\n${out}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
  return {
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A temp dir readable by a server's unprivileged workers, with a copy of dist/ in it. */
async function workdir(name) {
  const dir = await mkdtemp(join(tmpdir(), `iectox-${name}-`));
  await chmod(dir, 0o755);
  await cp(DIST, join(dir, 'dist'), { recursive: true });
  return dir;
}

async function startNginx() {
  const dir = await workdir('nginx');
  const port = await freePort();
  const http = await snippet('nginx-http');
  const server = (await snippet('nginx-server')).replaceAll(FOLDER, `${dir}/dist/`);
  // Debian's modules-enabled/*.conf name modules relative to the prefix (/usr/share/nginx).
  await symlink('/usr/lib/nginx/modules', join(dir, 'modules'));
  // Debian's nginx.conf, reduced to what a test needs: the modules Debian enabled (brotli
  // static), mime.types, and this dir for everything the server writes.
  await writeFile(join(dir, 'nginx.conf'), `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
include /etc/nginx/modules-enabled/*.conf;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${http}
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
${server}
  }
}
`);
  const origin = `http://127.0.0.1:${port}`;
  const proc = await start('/usr/sbin/nginx', ['-e', `${dir}/error.log`, '-p', `${dir}/`, '-c', `${dir}/nginx.conf`, '-g', 'daemon off;'],
    origin, join(dir, 'error.log'));
  return { origin, dir, stop: async () => { await proc.stop(); await rm(dir, { recursive: true, force: true }); } };
}

async function startApache() {
  const dir = await workdir('apache');
  const port = await freePort();
  await writeFile(join(dir, 'dist', '.htaccess'), `${await snippet('apache')}\n`);
  await mkdir(join(dir, 'www'));
  const mods = ['mpm_event', 'authz_core', 'mime', 'dir', 'alias', 'headers', 'rewrite', 'filter', 'deflate'];
  // Debian's apache2.conf, reduced: its default mime.conf (which types .gz and calls .br
  // Breton) and deflate.conf (on-the-fly gzip), an Alias for the sub-path, and
  // AllowOverride FileInfo as the README asks.
  await writeFile(join(dir, 'httpd.conf'), `ServerRoot ${dir}
Listen 127.0.0.1:${port}
ServerName 127.0.0.1
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
Mutex file:${dir} default
ErrorLog ${dir}/error.log
LogLevel warn
${process.getuid() === 0 ? 'User nobody\nGroup nogroup' : ''}
${mods.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n')}
Include /etc/apache2/mods-available/mime.conf
Include /etc/apache2/mods-available/deflate.conf
DirectoryIndex index.html
DocumentRoot ${dir}/www
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<FilesMatch "^\\.ht">
  Require all denied
</FilesMatch>
Alias ${PREFIX} ${dir}/dist/
<Directory ${dir}/dist/>
  AllowOverride FileInfo
  Require all granted
</Directory>
`);
  const origin = `http://127.0.0.1:${port}`;
  const proc = await start('/usr/sbin/apache2', ['-f', `${dir}/httpd.conf`, '-DFOREGROUND'], origin, join(dir, 'error.log'));
  return { origin, dir, stop: async () => { await proc.stop(); await rm(dir, { recursive: true, force: true }); } };
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function checkServer(name, startServer) {
  for (const bin of ['/usr/sbin/nginx', '/usr/sbin/apache2']) await access(bin);
  const srv = await startServer();
  try {
    const files = (await readdir(DIST, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile() && !/\.(br|gz)$/.test(d.name))
      .map((d) => join(d.parentPath ?? d.path, d.name).slice(DIST.length + 1));
    let served = 0;
    for (const f of ['', ...files]) {
      const file = f || 'index.html';
      const raw = await readFile(join(DIST, file));
      const ext = file.split('.').pop();
      const url = `${srv.origin}${PREFIX}${f}`;
      const text = ext !== 'png';
      for (const [accept, encoding] of [[undefined, undefined], ['gzip, deflate, br', 'br'], ['gzip', 'gzip']]) {
        const res = await get(url, accept ? { 'accept-encoding': accept } : {});
        const what = `${name} ${PREFIX}${f} (Accept-Encoding: ${accept ?? 'none'})`;
        assert.equal(res.status, 200, what);
        assert.match(res.headers['content-type'] ?? '', TYPES[ext], `${what}: type ${res.headers['content-type']}`);
        assert.equal(res.headers['content-security-policy'], CSP, `${what}: policy`);
        assert.equal(res.headers['cache-control'], HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache', `${what}: cache`);
        assert.equal(res.headers['content-language'], undefined, `${what}: no language`);
        const expected = text ? encoding : undefined;
        assert.equal(res.headers['content-encoding'], expected, `${what}: encoding`);
        const body = expected === 'br' ? brotliDecompressSync(res.body) : expected === 'gzip' ? gunzipSync(res.body) : res.body;
        assert.ok(body.equals(raw), `${what}: the file's bytes`);
        if (expected) assert.match(res.headers.vary ?? '', /accept-encoding/i, `${what}: Vary`);
        served++;
      }
    }
    const missing = await get(`${srv.origin}${PREFIX}no-such-file.js`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['content-security-policy'], CSP, `${name}: policy on a 404`);

    // The app through this server: loads under the policy, registers its worker, works offline.
    const { page, context, problems } = await openPage(browser, srv.origin);
    await page.goto(`${srv.origin}${PREFIX}`);
    await ready(page);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await ready(page);
    assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), `${name}: controlled by the service worker`);
    await context.setOffline(true);
    await page.reload();
    await ready(page);
    await page.click('nav a[href="#/hscore"]');
    await page.waitForFunction(() => document.querySelector('#page-title')?.textContent === 'HScore');
    assert.deepEqual(problems(), []);
    await context.close();
    console.log(`${name}: ${served} responses checked (${files.length + 1} URLs × 3 encodings), app loaded and reloaded offline`);
  } finally {
    await srv.stop();
  }
}

test("the README's nginx snippets with Debian's nginx", { timeout: 120000 }, () => checkServer('nginx', startNginx));
test("the README's Apache .htaccess with Debian's Apache 2.4", { timeout: 120000 }, () => checkServer('apache', startApache));
