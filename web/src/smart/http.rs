//! The few HTTP requests of a SMART launch, with `fetch`: no cookies sent (`credentials:
//! omit`), nothing cached (`cache: no-store`, patient data stays out of the HTTP cache), no
//! referrer (the redirect URL held the authorization code), and a time limit.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, Headers, ReferrerPolicy, Request, RequestCache, RequestCredentials, RequestInit,
    RequestMode, Response,
};

/// A request that takes longer than this is treated as "server unreachable".
pub const TIMEOUT_MS: u32 = 30_000;

/// An HTTP answer: status and body text.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

/// No answer at all: network error, CORS refusal or CSP block (the browser does not say
/// which), or the time limit.
#[derive(Clone, Debug, PartialEq)]
pub enum NoAnswer {
    Network,
    Timeout,
}

fn init(method: &str) -> RequestInit {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_signal(Some(&AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    init
}

async fn send(url: &str, init: &RequestInit) -> Result<Answer, NoAnswer> {
    let request = Request::new_with_str_and_init(url, init).map_err(|_| NoAnswer::Network)?;
    let response = JsFuture::from(gloo::utils::window().fetch_with_request(&request))
        .await
        .map_err(|e| {
            let timeout = e
                .dyn_ref::<js_sys::Error>()
                .is_some_and(|e| e.name() == "TimeoutError");
            if timeout {
                NoAnswer::Timeout
            } else {
                NoAnswer::Network
            }
        })?;
    let response: Response = response.dyn_into().map_err(|_| NoAnswer::Network)?;
    let text = response.text().map_err(|_| NoAnswer::Network)?;
    let body = JsFuture::from(text)
        .await
        .map_err(|_| NoAnswer::Network)?
        .as_string()
        .unwrap_or_default();
    Ok(Answer {
        status: response.status(),
        body,
    })
}

fn headers(pairs: &[(&str, &str)]) -> Result<Headers, NoAnswer> {
    let h = Headers::new().map_err(|_| NoAnswer::Network)?;
    for (k, v) in pairs {
        h.set(k, v).map_err(|_| NoAnswer::Network)?;
    }
    Ok(h)
}

/// GET a JSON document; with `bearer`, as `Authorization: Bearer …`.
pub async fn get(url: &str, accept: &str, bearer: Option<&str>) -> Result<Answer, NoAnswer> {
    let init = init("GET");
    let auth = bearer.map(|t| format!("Bearer {t}"));
    let mut pairs = vec![("Accept", accept)];
    if let Some(a) = &auth {
        pairs.push(("Authorization", a));
    }
    init.set_headers(&headers(&pairs)?.into());
    send(url, &init).await
}

/// POST a form (`application/x-www-form-urlencoded`): the token request.
pub async fn post_form(url: &str, form: &[(&str, &str)]) -> Result<Answer, NoAnswer> {
    let init = init("POST");
    init.set_headers(
        &headers(&[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/json"),
        ])?
        .into(),
    );
    let body = form
        .iter()
        .map(|(k, v)| format!("{}={}", super::codes::encode(k), super::codes::encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    init.set_body(&JsValue::from_str(&body));
    send(url, &init).await
}

/// The app's own file (config.json), revalidated (`no-cache`), same origin.
pub async fn get_own(url: &str) -> Result<Answer, NoAnswer> {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_cache(RequestCache::NoCache);
    init.set_credentials(RequestCredentials::SameOrigin);
    init.set_signal(Some(&AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    send(url, &init).await
}
