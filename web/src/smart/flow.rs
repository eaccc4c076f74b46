//! The SMART App Launch flow of a public client, start to finish:
//!
//! 1. [`launch_request`] reads what the URL carries: an EHR launch (`iss` + `launch`), a
//!    standalone launch (`iss`, or nothing on `#/launch`), or the authorization response
//!    (`state` + `code` or `error`).
//! 2. [`start`]: the issuer must be in `config.json`, else nothing is requested from it;
//!    discovery; PKCE verifier and `state` kept in sessionStorage for the redirect only;
//!    the browser goes to the authorization endpoint.
//! 3. [`complete`]: the pending launch is taken out of sessionStorage (deleted), `state` is
//!    checked, the code is exchanged, and every query runs with the access token, which lives
//!    in this function's variables only and is dropped when it returns. All queries must
//!    succeed before anything is returned: nothing is ever half-imported.

use gloo::storage::{SessionStorage, Storage};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use yew::Callback;

use super::codes;
use super::config::{normalize_iss, SmartConfig, CONFIG_PATH};
use super::discovery::{scope_allows, DiscoveryError, LaunchKind, SmartConfiguration};
use super::http::{self, Answer, NoAnswer};
use super::pkce;

/// sessionStorage key of the launch in progress (PKCE verifier, `state`, endpoints), written
/// just before the redirect to the authorization server and deleted as soon as it returns.
pub const PENDING_KEY: &str = "iectox.smart.pending";
/// A sign-in that takes longer than this is not accepted (a stale or replayed response).
pub const PENDING_MAX_AGE_MS: f64 = 15.0 * 60.0 * 1000.0;
/// At most this many pages per search (10,000 resources at 100 a page).
pub const MAX_PAGES: usize = 100;

/// What the URL asks of the launch page.
#[derive(Clone, Debug, PartialEq)]
pub enum LaunchRequest {
    /// From inside the EHR: `?iss=…&launch=…`.
    Ehr { iss: String, launch: String },
    /// Started from IEC-Tox: `?iss=…` without `launch`, or `#/launch` (choose the issuer).
    Standalone { iss: Option<String> },
    /// Back from the authorization server: `?state=…&code=…` or `?state=…&error=…`.
    Callback {
        state: String,
        result: Result<String, OAuthError>,
        /// RFC 9207 `iss` of the authorization server, when it sends one.
        auth_iss: Option<String>,
    },
}

/// An OAuth error response (`error`, `error_description`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OAuthError {
    pub error: String,
    pub description: Option<String>,
}

/// Reads a query string (`?a=b&…`, from `location.search` or after `#/launch`). `None`: it
/// holds no SMART parameter.
pub fn launch_request(query: &str) -> Option<LaunchRequest> {
    let q = web_sys::UrlSearchParams::new_with_str(query).ok()?;
    let get = |k: &str| q.get(k).filter(|v| !v.is_empty());
    if let Some(state) = get("state") {
        let result = match (get("code"), get("error")) {
            (_, Some(error)) => Err(OAuthError {
                error,
                description: get("error_description"),
            }),
            (Some(code), None) => Ok(code),
            (None, None) => return None,
        };
        return Some(LaunchRequest::Callback {
            state,
            result,
            auth_iss: get("iss"),
        });
    }
    let iss = get("iss")?;
    Some(match get("launch") {
        Some(launch) => LaunchRequest::Ehr { iss, launch },
        None => LaunchRequest::Standalone { iss: Some(iss) },
    })
}

/// The launch in progress, across the redirect (sessionStorage only; no token ever).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub state: String,
    pub verifier: String,
    /// The FHIR base URL (`iss`) the launch is for.
    pub iss: String,
    pub client_id: String,
    pub token_endpoint: String,
    /// The authorization server's `issuer`, when its smart-configuration names it.
    pub auth_issuer: Option<String>,
    pub redirect_uri: String,
    pub scope: String,
    pub standalone: bool,
    pub created_ms: f64,
}

/// Everything that can stop a launch, each with its own message (see `text.rs`).
#[derive(Clone, Debug, PartialEq)]
pub enum SmartError {
    /// No config.json, or one without a `smart` section.
    NotConfigured,
    ConfigInvalid(String),
    /// The issuer is not on config.json's list: nothing was requested from it.
    IssuerNotAllowed(String),
    /// `#/launch` opened but no issuer is offered for standalone launch.
    NoStandaloneIssuer,
    /// No answer from a server (network, CORS, CSP, time limit).
    Unreachable {
        host: String,
        timeout: bool,
    },
    /// The smart-configuration is missing, malformed or unusable.
    Discovery {
        iss: String,
        detail: String,
    },
    /// The user (or the EHR) refused access: `error=access_denied`.
    AccessDenied,
    /// Another error from the authorization server.
    Authorization(OAuthError),
    /// No launch of this tab is waiting for this response (state unknown, reused or forged).
    NoPendingLaunch,
    /// A launch is waiting but the `state` (or the RFC 9207 `iss`) differs.
    StateMismatch,
    /// The sign-in took longer than [`PENDING_MAX_AGE_MS`].
    LaunchExpired,
    /// The token endpoint refused the code.
    TokenRefused {
        status: u16,
        error: Option<String>,
    },
    /// The token response has no patient in context.
    NoPatient,
    /// The granted scope does not allow reading the Patient or the Observations.
    ScopeNotGranted(Query),
    /// 401 during the queries: the access token expired or was revoked.
    SessionExpired,
    /// One query failed (HTTP status, or a response that is not the expected FHIR JSON).
    QueryFailed {
        query: Query,
        status: Option<u16>,
    },
    /// More than [`MAX_PAGES`] pages, or a `next` link leaving the FHIR server.
    Paging(Query),
    /// An internal browser failure (crypto, storage).
    Browser(String),
}

/// The queries of a launch, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Query {
    Patient,
    Observations,
    Medications,
}

/// Where the launch is, for the progress line.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    ReadingConfig,
    Discovering(String),
    Redirecting(String),
    ExchangingCode,
    Reading { query: Query, resources: usize },
}

/// The patient as the record names them, to check it is the right person.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PatientSummary {
    pub name: Option<String>,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
}

/// What a completed launch hands to the import: the FHIR JSON as received, in memory only.
#[derive(Clone, Debug, PartialEq)]
pub struct Fetched {
    /// The FHIR server (`iss`): the source of every value.
    pub iss: String,
    pub patient_id: String,
    pub encounter: Option<String>,
    pub patient: PatientSummary,
    /// The Patient resource, then every search page (a `searchset` Bundle), as JSON text.
    pub resources: Vec<String>,
    pub observations: usize,
    /// `None`: the granted scope does not allow reading administrations (not asked).
    pub medications: Option<usize>,
    /// When the queries finished (ms since the epoch), for "read at …".
    pub fetched_ms: f64,
}

impl Fetched {
    pub fn is_empty(&self) -> bool {
        self.observations == 0 && self.medications.unwrap_or(0) == 0
    }
}

fn host_of(url: &str) -> String {
    web_sys::Url::new(url)
        .map(|u| u.host())
        .unwrap_or_else(|_| url.to_string())
}

fn unreachable(url: &str, e: NoAnswer) -> SmartError {
    SmartError::Unreachable {
        host: host_of(url),
        timeout: e == NoAnswer::Timeout,
    }
}

fn browser(e: wasm_bindgen::JsValue) -> SmartError {
    SmartError::Browser(format!("{e:?}"))
}

/// The app's base URL (`<base href>`), which config.json and the redirect path are relative to.
fn base_uri() -> String {
    gloo::utils::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| gloo::utils::window().location().href().unwrap_or_default())
}

/// Reads and checks config.json (only ever called by the launch page).
pub async fn load_config() -> Result<SmartConfig, SmartError> {
    let url = web_sys::Url::new_with_base(CONFIG_PATH, &base_uri())
        .map_err(browser)?
        .href();
    let answer = http::get_own(&url)
        .await
        .map_err(|e| unreachable(&url, e))?;
    match answer.status {
        200 => SmartConfig::parse(&answer.body)
            .map_err(|e| SmartError::ConfigInvalid(e.0))?
            .ok_or(SmartError::NotConfigured),
        404 => Err(SmartError::NotConfigured),
        s => Err(SmartError::ConfigInvalid(format!("config.json: HTTP {s}"))),
    }
}

/// The redirect URI: config.json's `redirect_path` against the app's base URL, without query
/// or fragment (it must equal the one registered with the authorization server).
pub fn redirect_uri(config: &SmartConfig) -> Result<String, SmartError> {
    let url = web_sys::Url::new_with_base(&config.redirect_path, &base_uri()).map_err(browser)?;
    url.set_search("");
    url.set_hash("");
    Ok(url.href())
}

/// The authorization request URL (SMART App Launch 2.0 §2.1.6; `aud` is the FHIR base).
pub fn authorize_url(
    endpoint: &str,
    pending: &Pending,
    challenge: &str,
    launch: Option<&str>,
) -> String {
    let mut params: Vec<(&str, &str)> = vec![
        ("response_type", "code"),
        ("client_id", &pending.client_id),
        ("redirect_uri", &pending.redirect_uri),
        ("scope", &pending.scope),
        ("state", &pending.state),
        ("aud", &pending.iss),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ];
    if let Some(l) = launch {
        params.push(("launch", l));
    }
    let query = params
        .iter()
        .map(|(k, v)| format!("{k}={}", codes::encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    format!("{endpoint}{sep}{query}")
}

/// Discovery: `{iss}/.well-known/smart-configuration`.
pub async fn discover(iss: &str) -> Result<SmartConfiguration, SmartError> {
    let url = format!("{}/.well-known/smart-configuration", normalize_iss(iss));
    let answer = http::get(&url, "application/json", None)
        .await
        .map_err(|e| unreachable(&url, e))?;
    let detail = |d: String| SmartError::Discovery {
        iss: iss.to_string(),
        detail: d,
    };
    if answer.status != 200 {
        return Err(detail(format!("HTTP {}", answer.status)));
    }
    SmartConfiguration::parse(&answer.body).map_err(|e| {
        detail(match e {
            DiscoveryError::Malformed(m) => m,
            DiscoveryError::InsecureEndpoint(u) => format!("endpoint is not https: {u}"),
            DiscoveryError::NoS256 => "PKCE S256 is not supported".into(),
        })
    })
}

/// Starts a launch for `iss` (refused unless config.json lists it): discovery, PKCE, and the
/// browser goes to the authorization server. Returns once the navigation has been asked for.
pub async fn start(
    config: &SmartConfig,
    iss: &str,
    launch: Option<&str>,
    step: &Callback<Step>,
) -> Result<(), SmartError> {
    let issuer = config
        .issuer(iss)
        .ok_or_else(|| SmartError::IssuerNotAllowed(iss.to_string()))?;
    step.emit(Step::Discovering(host_of(iss)));
    let smart = discover(iss).await?;
    let kind = if launch.is_some() {
        LaunchKind::Ehr
    } else {
        LaunchKind::Standalone
    };
    let pending = Pending {
        state: pkce::new_state().map_err(browser)?,
        verifier: pkce::new_verifier().map_err(browser)?,
        iss: normalize_iss(iss).to_string(),
        client_id: issuer.client_id.clone(),
        token_endpoint: smart.token_endpoint.clone(),
        auth_issuer: smart.issuer.clone(),
        redirect_uri: redirect_uri(config)?,
        scope: smart.scope(kind),
        standalone: kind == LaunchKind::Standalone,
        created_ms: js_sys::Date::now(),
    };
    let challenge = pkce::challenge_s256(&pending.verifier)
        .await
        .map_err(browser)?;
    let url = authorize_url(&smart.authorization_endpoint, &pending, &challenge, launch);
    SessionStorage::set(PENDING_KEY, &pending).map_err(|e| SmartError::Browser(e.to_string()))?;
    step.emit(Step::Redirecting(host_of(&smart.authorization_endpoint)));
    gloo::utils::window()
        .location()
        .assign(&url)
        .map_err(browser)?;
    Ok(())
}

/// Takes the pending launch out of sessionStorage: it is deleted whatever happens next.
pub fn take_pending() -> Option<Pending> {
    let pending = SessionStorage::get::<Pending>(PENDING_KEY).ok();
    SessionStorage::delete(PENDING_KEY);
    pending
}

/// Checks an authorization response against the pending launch; the code on success.
pub fn check_callback(
    pending: Option<&Pending>,
    state: &str,
    result: &Result<String, OAuthError>,
    auth_iss: Option<&str>,
    now_ms: f64,
) -> Result<String, SmartError> {
    let pending = pending.ok_or(SmartError::NoPendingLaunch)?;
    if !pkce::state_matches(&pending.state, state) {
        return Err(SmartError::StateMismatch);
    }
    // RFC 9207: a response naming another authorization server is a mix-up.
    if let (Some(expected), Some(got)) = (&pending.auth_issuer, auth_iss) {
        if normalize_iss(expected) != normalize_iss(got) {
            return Err(SmartError::StateMismatch);
        }
    }
    if now_ms - pending.created_ms > PENDING_MAX_AGE_MS || now_ms < pending.created_ms {
        return Err(SmartError::LaunchExpired);
    }
    match result {
        Ok(code) => Ok(code.clone()),
        Err(e) if e.error == "access_denied" => Err(SmartError::AccessDenied),
        Err(e) => Err(SmartError::Authorization(e.clone())),
    }
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    token_type: String,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    patient: Option<String>,
    #[serde(default)]
    encounter: Option<String>,
}

#[derive(Deserialize)]
struct TokenError {
    error: String,
}

/// The launch context and granted scope; the token stays private to this module.
struct Session {
    token: String,
    iss: String,
    patient: String,
    encounter: Option<String>,
    scope: String,
}

async fn exchange(pending: &Pending, code: &str) -> Result<Session, SmartError> {
    let answer = http::post_form(
        &pending.token_endpoint,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", &pending.redirect_uri),
            ("client_id", &pending.client_id),
            ("code_verifier", &pending.verifier),
        ],
    )
    .await
    .map_err(|e| unreachable(&pending.token_endpoint, e))?;
    if answer.status != 200 {
        return Err(SmartError::TokenRefused {
            status: answer.status,
            error: serde_json::from_str::<TokenError>(&answer.body)
                .ok()
                .map(|e| e.error),
        });
    }
    let t: TokenResponse =
        serde_json::from_str(&answer.body).map_err(|_| SmartError::TokenRefused {
            status: answer.status,
            error: Some("malformed token response".into()),
        })?;
    if !t.token_type.eq_ignore_ascii_case("bearer") || t.access_token.is_empty() {
        return Err(SmartError::TokenRefused {
            status: answer.status,
            error: Some(format!("token_type {}", t.token_type)),
        });
    }
    let patient = t
        .patient
        .filter(|p| !p.is_empty())
        .ok_or(SmartError::NoPatient)?;
    Ok(Session {
        token: t.access_token,
        iss: pending.iss.clone(),
        patient,
        encounter: t.encounter,
        // RFC 6749 §5.1: no scope in the response means the scope requested.
        scope: t.scope.unwrap_or_else(|| pending.scope.clone()),
    })
}

fn query_failed(query: Query, a: &Answer) -> SmartError {
    match a.status {
        401 => SmartError::SessionExpired,
        s => SmartError::QueryFailed {
            query,
            status: Some(s),
        },
    }
}

async fn fhir_get(session: &Session, url: &str, query: Query) -> Result<Value, SmartError> {
    let answer = http::get(url, "application/fhir+json", Some(&session.token))
        .await
        .map_err(|e| unreachable(url, e))?;
    if answer.status != 200 {
        return Err(query_failed(query, &answer));
    }
    serde_json::from_str(&answer.body).map_err(|_| SmartError::QueryFailed {
        query,
        status: None,
    })
}

/// Runs a search and follows `link[relation=next]` (only on the same FHIR server). Returns
/// the pages and how many resources of `resource_type` they hold.
async fn search(
    session: &Session,
    first: String,
    query: Query,
    resource_type: &str,
    found: &mut Vec<Value>,
    step: &Callback<Step>,
) -> Result<usize, SmartError> {
    let mut next = Some(first);
    let mut count = 0;
    let mut pages = 0;
    let base = format!("{}/", session.iss);
    while let Some(url) = next.take() {
        pages += 1;
        if pages > MAX_PAGES || !url.starts_with(&base) {
            return Err(SmartError::Paging(query));
        }
        let page = fhir_get(session, &url, query).await?;
        if page["resourceType"] != "Bundle" {
            return Err(SmartError::QueryFailed {
                query,
                status: None,
            });
        }
        count += page["entry"]
            .as_array()
            .map(|es| {
                es.iter()
                    .filter(|e| e["resource"]["resourceType"] == resource_type)
                    .count()
            })
            .unwrap_or(0);
        next = page["link"].as_array().and_then(|links| {
            links
                .iter()
                .find(|l| l["relation"] == "next")
                .and_then(|l| l["url"].as_str())
                .map(str::to_string)
        });
        found.push(page);
        step.emit(Step::Reading {
            query,
            resources: count,
        });
    }
    Ok(count)
}

fn summarize(patient: &Value) -> PatientSummary {
    let name = patient["name"].as_array().and_then(|names| {
        let n = names
            .iter()
            .find(|n| n["use"] == "official")
            .or(names.first())?;
        if let Some(t) = n["text"].as_str() {
            return Some(t.to_string());
        }
        let given = n["given"]
            .as_array()
            .map(|g| {
                g.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        let full = format!("{given} {}", n["family"].as_str().unwrap_or(""))
            .trim()
            .to_string();
        (!full.is_empty()).then_some(full)
    });
    PatientSummary {
        name,
        birth_date: patient["birthDate"].as_str().map(str::to_string),
        gender: patient["gender"].as_str().map(str::to_string),
    }
}

/// Finishes a launch after the redirect: checks, token, every query. The access token never
/// leaves this function.
pub async fn complete(
    request: LaunchRequest,
    step: &Callback<Step>,
) -> Result<Fetched, SmartError> {
    let LaunchRequest::Callback {
        state,
        result,
        auth_iss,
    } = request
    else {
        return Err(SmartError::NoPendingLaunch);
    };
    let pending = take_pending();
    let code = check_callback(
        pending.as_ref(),
        &state,
        &result,
        auth_iss.as_deref(),
        js_sys::Date::now(),
    )?;
    let pending = pending.ok_or(SmartError::NoPendingLaunch)?;
    step.emit(Step::ExchangingCode);
    let session = exchange(&pending, &code).await?;
    read_patient_data(&session, step).await
}

async fn read_patient_data(
    session: &Session,
    step: &Callback<Step>,
) -> Result<Fetched, SmartError> {
    if !scope_allows(&session.scope, "Patient", 'r') {
        return Err(SmartError::ScopeNotGranted(Query::Patient));
    }
    if !scope_allows(&session.scope, "Observation", 's') {
        return Err(SmartError::ScopeNotGranted(Query::Observations));
    }
    step.emit(Step::Reading {
        query: Query::Patient,
        resources: 0,
    });
    let patient = fhir_get(
        session,
        &codes::patient_url(&session.iss, &session.patient),
        Query::Patient,
    )
    .await?;
    if patient["resourceType"] != "Patient" {
        return Err(SmartError::QueryFailed {
            query: Query::Patient,
            status: None,
        });
    }
    let mut pages = Vec::new();
    let observations = search(
        session,
        codes::observation_query(&session.iss, &session.patient),
        Query::Observations,
        "Observation",
        &mut pages,
        step,
    )
    .await?;
    let medications = if scope_allows(&session.scope, "MedicationAdministration", 's') {
        Some(
            search(
                session,
                codes::medication_query(&session.iss, &session.patient),
                Query::Medications,
                "MedicationAdministration",
                &mut pages,
                step,
            )
            .await?,
        )
    } else {
        None
    };
    let mut resources = vec![patient.to_string()];
    resources.extend(pages.iter().map(Value::to_string));
    Ok(Fetched {
        iss: session.iss.clone(),
        patient_id: session.patient.clone(),
        encounter: session.encounter.clone(),
        patient: summarize(&patient),
        resources,
        observations,
        medications,
        fetched_ms: js_sys::Date::now(),
    })
}

/// The query string the launch page reads: `location.search`, else what follows `?` in the
/// hash (`#/launch?iss=…`, when an EHR appended its parameters after the fragment).
pub fn current_query() -> String {
    let location = gloo::utils::window().location();
    let search = location.search().unwrap_or_default();
    if search.len() > 1 {
        return search;
    }
    let hash = location.hash().unwrap_or_default();
    hash.split_once('?')
        .map(|(_, q)| format!("?{q}"))
        .unwrap_or_default()
}

/// Removes the launch parameters (the authorization code above all) from the address bar and
/// the history entry, keeping the app on `#/launch`.
pub fn clear_query() {
    let window = gloo::utils::window();
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}#/launch")),
        );
    }
}

/// Called once before the app renders: a URL carrying SMART parameters (EHR launch, or the
/// authorization server's redirect to the app's root) is shown on the launch page. Reads the
/// URL only; no request.
pub fn route_launch_params() {
    let location = gloo::utils::window().location();
    let search = location.search().unwrap_or_default();
    if search.len() > 1 && launch_request(&search).is_some() {
        let hash = location.hash().unwrap_or_default();
        if !hash.starts_with("#/launch") {
            // Replaced, not pushed: "back" must not return to a used authorization code.
            if let Ok(history) = gloo::utils::window().history() {
                let _ = history.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&format!("{search}#/launch")),
                );
            }
        }
    }
}
