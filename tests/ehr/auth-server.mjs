// The test EHR's authorization server: the real OAuth 2.0 / OpenID Connect library
// `oidc-provider`, configured as a SMART App Launch 2.0 server for one public client:
// authorization code + PKCE (S256 only), the `launch` parameter (EHR launch) and `aud`,
// `launch` / `launch/patient` scopes, the SMART resource scopes granted for the FHIR server
// as a resource indicator, the launch context (`patient`, `encounter`) added to the token
// response, and a sign-in + consent page that can allow or deny.
import Provider from 'oidc-provider';

/** The resource scopes this server can grant, in SMART v2 and v1 syntax. */
export const RESOURCE_SCOPES = [
  'patient/Observation.rs', 'patient/Patient.r', 'patient/Patient.rs', 'patient/MedicationAdministration.rs',
  'patient/Observation.read', 'patient/Patient.read', 'patient/MedicationAdministration.read',
];
const CONTEXT_SCOPES = ['launch', 'launch/patient', 'launch/encounter', 'fhirUser'];

const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  `<link rel="icon" href="data:,"></head><body><h1>${title}</h1>${body}</body></html>`;
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function formBody(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return new URLSearchParams(raw);
}

/**
 * `issuer`: this server's URL; `fhirBase`: the FHIR server (the only resource, and the only
 * accepted `aud`); `clientId` / `redirectUris`: the one registered public client;
 * `patients`: [{ id, name }] offered by the standalone patient picker.
 */
export function createAuthServer({ issuer, fhirBase, clientId, redirectUris, patients, accessTokenTtl = 300 }) {
  /** launch id → { patient, encounter } (what the EHR session hands over). */
  const launches = new Map();
  /** grant id → { patient, encounter } decided at consent. */
  const contexts = new Map();
  /** Every access token issued, so a test can look for it where it must not be. */
  const issued = [];
  /** Scopes the "user" refuses at consent (to test a narrower grant). */
  const refused = new Set();

  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      token_endpoint_auth_method: 'none',
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    scopes: ['openid', ...CONTEXT_SCOPES],
    extraParams: ['launch', 'aud'],
    pkce: { required: () => true },
    // The app's origin (the origin of its redirect URI) may call the token endpoint.
    clientBasedCORS: (ctx, origin, client) => client.redirectUris.some((u) => new URL(u).origin === origin),
    cookies: { keys: ['test-ehr-only-not-a-secret'] },
    ttl: { AccessToken: accessTokenTtl, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => fhirBase,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource) => {
          if (resource !== fhirBase) throw new Provider.errors.InvalidTarget();
          return { scope: RESOURCE_SCOPES.join(' '), audience: fhirBase, accessTokenFormat: 'opaque', accessTokenTTL: accessTokenTtl };
        },
      },
    },
    findAccount: (ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<p id="error">${esc(out.error)}: ${esc(out.error_description ?? '')}</p>`);
    },
  });
  provider.proxy = false;

  // SMART: the launch context goes in the token response, beside the access token.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === 'token' && ctx.status === 200 && ctx.body?.access_token) {
      const context = contexts.get(ctx.oidc.entities.AuthorizationCode?.grantId) ?? {};
      issued.push(ctx.body.access_token);
      Object.assign(ctx.body, context);
    }
  });

  const callback = provider.callback();

  async function interaction(req, res, uid, action) {
    const details = await provider.interactionDetails(req, res);
    const { params } = details;
    const ehrLaunch = params.launch !== undefined;
    const context = ehrLaunch ? launches.get(params.launch) : null;
    const requested = String(params.scope ?? '').split(' ').filter(Boolean);
    if (params.aud !== fhirBase) {
      return provider.interactionFinished(req, res, { error: 'invalid_request', error_description: `aud must be ${fhirBase}` }, { mergeWithLastSubmission: false });
    }
    if (ehrLaunch && !context) {
      return provider.interactionFinished(req, res, { error: 'invalid_request', error_description: 'unknown launch' }, { mergeWithLastSubmission: false });
    }
    if (action === 'deny') {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user did not allow access' }, { mergeWithLastSubmission: false });
    }
    if (action === 'allow') {
      const form = await formBody(req);
      const patient = context?.patient ?? form.get('patient');
      const accountId = 'practitioner-1';
      const grant = new provider.Grant({ accountId, clientId: params.client_id });
      grant.addOIDCScope(requested.filter((s) => s === 'openid' || CONTEXT_SCOPES.includes(s)).join(' '));
      const resource = requested.filter((s) => RESOURCE_SCOPES.includes(s) && !refused.has(s));
      if (resource.length) grant.addResourceScope(fhirBase, resource.join(' '));
      // Refused scopes are recorded as rejected, so the grant answers the whole request.
      const rejected = requested.filter((s) => refused.has(s));
      if (rejected.length) grant.rejectResourceScope(fhirBase, rejected.join(' '));
      const grantId = await grant.save();
      contexts.set(grantId, { patient, ...(context?.encounter ? { encounter: context.encounter } : {}) });
      return provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    }
    const picker = ehrLaunch ? `<p>Patient: <strong id="context-patient">${esc(context.patient)}</strong></p>` :
      `<p><label for="patient">Patient</label> <select id="patient" name="patient">${
        patients.map((p) => `<option value="${esc(p.id)}">${esc(p.name)}</option>`).join('')}</select></p>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page('Test EHR: allow access', `
      <p>Signed in as Dr. Test. <strong>${esc(params.client_id)}</strong> asks for: <code id="scopes">${esc(requested.join(' '))}</code></p>
      <form method="post" action="/interaction/${esc(uid)}/allow">${picker}
        <button id="allow" type="submit">Allow</button></form>
      <form method="post" action="/interaction/${esc(uid)}/deny"><button id="deny" type="submit">Deny</button></form>`));
  }

  async function handler(req, res) {
    const m = /^\/interaction\/([^/]+)(?:\/(allow|deny))?$/.exec(new URL(req.url, issuer).pathname);
    if (m) {
      try {
        await interaction(req, res, m[1], m[2]);
      } catch (e) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page('Sign-in error', `<p id="error">${esc(e.message)}</p>`));
      }
      return;
    }
    callback(req, res);
  }

  return {
    provider,
    handler,
    issued,
    refused,
    /** Registers an EHR launch for this patient (and encounter); returns the `launch` value. */
    launch(patient, encounter) {
      const id = `launch-${launches.size + 1}-${Math.random().toString(36).slice(2, 8)}`;
      launches.set(id, { patient, encounter });
      return id;
    },
    /** The token's patient context and scopes, or null if it is unknown, expired or revoked. */
    async introspect(token) {
      const at = await provider.AccessToken.find(token);
      if (!at || at.isExpired || at.aud !== fhirBase) return null;
      return { scopes: new Set(String(at.scope ?? '').split(' ')), patient: contexts.get(at.grantId)?.patient, revoke: () => at.destroy() };
    },
  };
}
