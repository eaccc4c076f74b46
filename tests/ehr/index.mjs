// A test EHR for the SMART on FHIR e2e tests: a FHIR R4 server (Medplum's engine) and an
// authorization server (oidc-provider), each on its own free port of 127.0.0.1 (two origins,
// as in a hospital), loaded with the CAR-T course Bundle and re-created HL7 examples.
import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAuthServer } from './auth-server.mjs';
import { createFhirHandler, loadRepository } from './fhir-server.mjs';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

const TIME_KEYS = new Set(['effectiveDateTime', 'start', 'end']);

/** Every date-time with a time of day in `json`, moved by `ms` (dates alone stay). */
function shiftTimes(json, ms) {
  if (Array.isArray(json)) return json.map((v) => shiftTimes(v, ms));
  if (json === null || typeof json !== 'object') return json;
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k,
    TIME_KEYS.has(k) && typeof v === 'string' && v.includes('T')
      ? new Date(Date.parse(v) + ms).toISOString().replace('.000Z', 'Z') : shiftTimes(v, ms)]));
}

/** The latest date-time of a Bundle (ms), or -Infinity. */
function latest(json) {
  if (Array.isArray(json)) return Math.max(-Infinity, ...json.map(latest));
  if (json === null || typeof json !== 'object') return -Infinity;
  return Math.max(-Infinity, ...Object.entries(json).map(([k, v]) =>
    TIME_KEYS.has(k) && typeof v === 'string' && v.includes('T') ? Date.parse(v) : latest(v)));
}

/** Every fixture as a Bundle (single resources are wrapped). */
export async function fixtures() {
  const bundles = [];
  for (const name of (await readdir(FIXTURES)).filter((f) => f.endsWith('.json')).sort()) {
    const json = JSON.parse(await readFile(join(FIXTURES, name), 'utf8'));
    bundles.push(json.resourceType === 'Bundle' ? json : { resourceType: 'Bundle', type: 'collection', entry: [{ resource: json }] });
  }
  return bundles;
}

async function listen() {
  const server = createServer();
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, port: server.address().port, sockets };
}

/**
 * Starts the test EHR: both servers listen at once (so their origins can go into the app's
 * CSP), and answer once `registerApp` has named the app. `smartV1`: advertise SMART v1 scopes
 * only; `maxPageSize`: the FHIR server's page size cap.
 */
export async function startEhr({ clientId = 'iectox', smartV1 = false, maxPageSize = 40, latestAgoMs = 3600000 } = {}) {
  const fhir = await listen();
  const authListener = await listen();
  const fhirBase = `http://127.0.0.1:${fhir.port}/fhir/r4`;
  const issuer = `http://127.0.0.1:${authListener.port}`;
  // The CAR-T course happens now, as in a live record: its last result is `latestAgoMs` old.
  // (The HL7 examples keep their dates of 1999-2014.)
  const bundles = (await fixtures()).map((b) => b.type !== 'transaction' ? b
    : shiftTimes(b, Math.floor((Date.now() - latestAgoMs - latest(b)) / 60000) * 60000));
  const repo = await loadRepository(bundles);
  const patients = [
    { id: 'cart-1', name: 'Ana CAR-T Test (CAR-T course)' },
    { id: 'example', name: 'Amy Shaw (HL7 US Core examples)' },
    { id: 'no-data', name: 'Nadia Nodata (no results)' },
  ];
  /**
   * What goes wrong, set by a test: `revokeAfter` n (the access token is revoked after n data
   * requests: every later one gets 401), `downAfter` n (the server stops after n data
   * requests), `fail[Type]` = HTTP status for every request on that resource type.
   */
  const faults = {
    revokeAfter: null, downAfter: null, fail: {}, dataRequests: 0, discoveryRequests: 0, log: [],
    takeDown: () => {
      if (fhir.server.listening) fhir.server.close();
      for (const s of fhir.sockets) s.destroy();
    },
  };
  let auth = null;
  let fhirHandler = null;
  const notYet = (req, res) => res.writeHead(503).end('the test EHR has no app registered yet');
  fhir.server.on('request', (req, res) => (fhirHandler ?? notYet)(req, res));
  authListener.server.on('request', (req, res) => (auth?.handler ?? notYet)(req, res));
  return {
    fhirBase,
    fhirOrigin: new URL(fhirBase).origin,
    issuer,
    patients,
    faults,
    /** Registers the app (public client): its origin (CORS) and its redirect URI. */
    registerApp({ appOrigin, redirectUri }) {
      auth = createAuthServer({ issuer, fhirBase, clientId, redirectUris: [redirectUri], patients });
      fhirHandler = createFhirHandler({ fhirBase, issuer, repo, auth, allowedOrigins: [appOrigin], smartV1, maxPageSize, faults });
    },
    /** Access tokens issued so far. */
    get issued() { return auth?.issued ?? []; },
    /** Scopes the test "user" will not grant at consent. */
    get refused() { return auth.refused; },
    /** The URL the EHR opens to launch the app for this patient (EHR launch). */
    launchUrl(appUrl, patient, encounter) {
      const u = new URL(appUrl);
      u.searchParams.set('iss', fhirBase);
      u.searchParams.set('launch', auth.launch(patient, encounter));
      return u.href;
    },
    close() {
      faults.takeDown();
      if (authListener.server.listening) authListener.server.close();
      for (const s of authListener.sockets) s.destroy();
    },
  };
}
