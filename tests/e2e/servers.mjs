// Debian's nginx and Apache 2.4 configured with the README's snippets (read from README.md,
// verbatim), run in the foreground on a free port of 127.0.0.1 with their own config, pid and
// logs in a temp dir, serving a copy of dist/ under /tools/iectox/. Used by
// servers.test.mjs and bench/lighthouse.mjs.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, mkdir, readFile, rm, writeFile, chmod, symlink } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST } from './harness.mjs';

const README = resolve(dirname(fileURLToPath(import.meta.url)), '../../README.md');
export const PREFIX = '/tools/iectox/';
const FOLDER = '/srv/iectox/dist/';
export const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;
export const TYPES = {
  html: /^text\/html\b/,
  js: /^(text|application)\/javascript\b/,
  wasm: /^application\/wasm$/,
  css: /^text\/css\b/,
  webmanifest: /^application\/manifest\+json\b/,
  png: /^image\/png$/,
};

/** The fenced block after `<!-- servers-test:NAME -->` in the README, verbatim. */
export async function snippet(name) {
  const md = await readFile(README, 'utf8');
  const at = md.indexOf(`<!-- servers-test:${name} -->`);
  if (at < 0) throw new Error(`README: no marker servers-test:${name}`);
  return md.slice(at).match(/```[a-z]*\n([\s\S]*?)\n```/)[1];
}

const freePort = () => new Promise((ok, fail) => {
  const s = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => ok(port));
  });
});

export function get(url, headers = {}) {
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

/**
 * nginx with the README's two snippets. `compress: false` leaves out the snippet's
 * gzip_static and brotli_static lines (a server that does not compress).
 */
export async function startNginx({ compress = true } = {}) {
  const dir = await workdir('nginx');
  const port = await freePort();
  const http = await snippet('nginx-http');
  let server = (await snippet('nginx-server')).replaceAll(FOLDER, `${dir}/dist/`);
  if (!compress) server = server.replace(/^\s*(gzip|brotli)_static on;\n/gm, '');
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

/** Apache with the README's .htaccess in the copied dist/. */
export async function startApache() {
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

