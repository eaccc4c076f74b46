//! SMART launch client in a real browser: PKCE (RFC 7636 appendix B vector, with the
//! browser's SHA-256), `state` checking, the authorization response, smart-configuration
//! parsing and scope choice, config.json, and the search URLs.
#![cfg(target_arch = "wasm32")]

use gloo::storage::{SessionStorage, Storage};
use wasm_bindgen_test::*;
use web::smart::codes;
use web::smart::config::SmartConfig;
use web::smart::discovery::{scope_allows, DiscoveryError, LaunchKind, SmartConfiguration};
use web::smart::flow::{
    self, check_callback, launch_request, LaunchRequest, OAuthError, Pending, SmartError,
};
use web::smart::pkce;

wasm_bindgen_test_configure!(run_in_browser);

/// RFC 7636 appendix B: the 32 octets, their base64url verifier, and its S256 challenge.
const RFC_OCTETS: [u8; 32] = [
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77,
    105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
];
const RFC_VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC_CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

#[wasm_bindgen_test]
fn base64url_encodes_the_rfc_7636_octets_to_the_verifier() {
    assert_eq!(pkce::base64url(&RFC_OCTETS), RFC_VERIFIER);
    assert_eq!(pkce::base64url(&[]), "");
    assert_eq!(pkce::base64url(&[0xff]), "_w");
    assert_eq!(pkce::base64url(&[0xfb, 0xff]), "-_8");
    assert_eq!(pkce::base64url(b"foobar"), "Zm9vYmFy");
}

#[wasm_bindgen_test]
async fn s256_challenge_of_the_rfc_7636_verifier() {
    assert_eq!(
        pkce::challenge_s256(RFC_VERIFIER).await.unwrap(),
        RFC_CHALLENGE
    );
}

#[wasm_bindgen_test]
fn verifiers_and_states_are_random_and_url_safe() {
    let (a, b) = (pkce::new_verifier().unwrap(), pkce::new_verifier().unwrap());
    assert_eq!(
        a.len(),
        43,
        "32 bytes → 43 characters (RFC 7636 §4.1: 43 to 128)"
    );
    assert_ne!(a, b);
    assert!(a
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    let s = pkce::new_state().unwrap();
    assert_eq!(s.len(), 22);
    assert_ne!(s, pkce::new_state().unwrap());
}

#[wasm_bindgen_test]
fn state_matches_only_the_exact_value() {
    assert!(pkce::state_matches("abc123", "abc123"));
    assert!(!pkce::state_matches("abc123", "abc124"));
    assert!(!pkce::state_matches("abc123", "abc12"));
    assert!(!pkce::state_matches("abc123", "abc1234"));
    assert!(
        !pkce::state_matches("", ""),
        "an empty state is never valid"
    );
}

fn pending(created_ms: f64) -> Pending {
    Pending {
        state: "s-123".into(),
        verifier: RFC_VERIFIER.into(),
        iss: "https://fhir.example.org/r4".into(),
        client_id: "iectox".into(),
        token_endpoint: "https://auth.example.org/token".into(),
        auth_issuer: Some("https://auth.example.org".into()),
        redirect_uri: "https://tools.example.org/iectox/".into(),
        scope: "launch patient/Observation.rs".into(),
        standalone: false,
        created_ms,
    }
}

#[wasm_bindgen_test]
fn the_authorization_response_is_checked_against_the_pending_launch() {
    let now = 1_000_000.0;
    let p = pending(now - 1000.0);
    let code: Result<String, OAuthError> = Ok("the-code".into());
    assert_eq!(
        check_callback(Some(&p), "s-123", &code, None, now),
        Ok("the-code".into())
    );
    assert_eq!(
        check_callback(
            Some(&p),
            "s-123",
            &code,
            Some("https://auth.example.org/"),
            now
        ),
        Ok("the-code".into()),
        "RFC 9207 iss equal (trailing slash ignored)"
    );
    assert_eq!(
        check_callback(None, "s-123", &code, None, now),
        Err(SmartError::NoPendingLaunch)
    );
    assert_eq!(
        check_callback(Some(&p), "s-124", &code, None, now),
        Err(SmartError::StateMismatch)
    );
    assert_eq!(
        check_callback(
            Some(&p),
            "s-123",
            &code,
            Some("https://evil.example.org"),
            now
        ),
        Err(SmartError::StateMismatch),
        "a response from another authorization server (mix-up)"
    );
    assert_eq!(
        check_callback(
            Some(&pending(now - flow::PENDING_MAX_AGE_MS - 1.0)),
            "s-123",
            &code,
            None,
            now
        ),
        Err(SmartError::LaunchExpired)
    );
    let denied = Err(OAuthError {
        error: "access_denied".into(),
        description: Some("no".into()),
    });
    assert_eq!(
        check_callback(Some(&p), "s-123", &denied, None, now),
        Err(SmartError::AccessDenied)
    );
    let other = Err(OAuthError {
        error: "invalid_scope".into(),
        description: None,
    });
    assert!(matches!(
        check_callback(Some(&p), "s-123", &other, None, now),
        Err(SmartError::Authorization(e)) if e.error == "invalid_scope"
    ));
    // A wrong state is refused even when the response is an error.
    assert_eq!(
        check_callback(Some(&p), "x", &denied, None, now),
        Err(SmartError::StateMismatch)
    );
}

#[wasm_bindgen_test]
fn the_pending_launch_is_deleted_when_taken() {
    SessionStorage::set(flow::PENDING_KEY, pending(1.0)).unwrap();
    assert_eq!(flow::take_pending(), Some(pending(1.0)));
    assert_eq!(flow::take_pending(), None);
    assert!(SessionStorage::raw()
        .get_item(flow::PENDING_KEY)
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
fn launch_requests_are_read_from_the_query() {
    assert_eq!(
        launch_request("?iss=https%3A%2F%2Ffhir.example.org%2Fr4&launch=xyz"),
        Some(LaunchRequest::Ehr {
            iss: "https://fhir.example.org/r4".into(),
            launch: "xyz".into()
        })
    );
    assert_eq!(
        launch_request("?iss=https://fhir.example.org/r4"),
        Some(LaunchRequest::Standalone {
            iss: Some("https://fhir.example.org/r4".into())
        })
    );
    assert_eq!(
        launch_request("?code=c1&state=s1&iss=https%3A%2F%2Fauth"),
        Some(LaunchRequest::Callback {
            state: "s1".into(),
            result: Ok("c1".into()),
            auth_iss: Some("https://auth".into())
        })
    );
    assert_eq!(
        launch_request("?error=access_denied&error_description=User+said+no&state=s1"),
        Some(LaunchRequest::Callback {
            state: "s1".into(),
            result: Err(OAuthError {
                error: "access_denied".into(),
                description: Some("User said no".into())
            }),
            auth_iss: None
        })
    );
    assert_eq!(launch_request("?state=s1"), None, "state alone is nothing");
    assert_eq!(launch_request(""), None);
    assert_eq!(launch_request("?lang=es"), None);
}

const SMART_V2: &str = r#"{
  "issuer": "https://auth.example.org",
  "authorization_endpoint": "https://auth.example.org/auth",
  "token_endpoint": "https://auth.example.org/token",
  "code_challenge_methods_supported": ["S256"],
  "capabilities": ["launch-ehr", "launch-standalone", "client-public", "context-ehr-patient", "permission-v2"],
  "grant_types_supported": ["authorization_code"],
  "an_extension_field": {"ignored": true}
}"#;

#[wasm_bindgen_test]
fn smart_configuration_v2_gives_v2_scopes() {
    let c = SmartConfiguration::parse(SMART_V2).unwrap();
    assert_eq!(c.authorization_endpoint, "https://auth.example.org/auth");
    assert_eq!(c.token_endpoint, "https://auth.example.org/token");
    assert_eq!(c.issuer.as_deref(), Some("https://auth.example.org"));
    assert!(c.supports_v2());
    assert_eq!(
        c.scope(LaunchKind::Ehr),
        "launch patient/Observation.rs patient/Patient.r patient/MedicationAdministration.rs"
    );
    assert_eq!(
        c.scope(LaunchKind::Standalone),
        "launch/patient patient/Observation.rs patient/Patient.r patient/MedicationAdministration.rs"
    );
}

#[wasm_bindgen_test]
fn smart_configuration_without_permission_v2_gives_v1_scopes() {
    let v1 = r#"{"authorization_endpoint": "https://a.example/auth", "token_endpoint": "https://a.example/token",
                 "capabilities": ["launch-ehr", "permission-v1"]}"#;
    let c = SmartConfiguration::parse(v1).unwrap();
    assert!(!c.supports_v2());
    assert_eq!(
        c.scope(LaunchKind::Ehr),
        "launch patient/Observation.read patient/Patient.read patient/MedicationAdministration.read"
    );
}

#[wasm_bindgen_test]
fn unusable_smart_configurations_are_refused_with_the_reason() {
    assert!(matches!(
        SmartConfiguration::parse(r#"{"authorization_endpoint": "https://a/auth"}"#),
        Err(DiscoveryError::Malformed(m)) if m.contains("token_endpoint")
    ));
    assert!(matches!(
        SmartConfiguration::parse("<html>"),
        Err(DiscoveryError::Malformed(_))
    ));
    assert_eq!(
        SmartConfiguration::parse(
            r#"{"authorization_endpoint": "http://auth.example.org/auth", "token_endpoint": "https://a/token"}"#
        ),
        Err(DiscoveryError::InsecureEndpoint(
            "http://auth.example.org/auth".into()
        ))
    );
    assert_eq!(
        SmartConfiguration::parse(
            r#"{"authorization_endpoint": "https://a/auth", "token_endpoint": "https://a/token", "code_challenge_methods_supported": ["plain"]}"#
        ),
        Err(DiscoveryError::NoS256)
    );
    // Loopback http (a test EHR on this machine) is accepted.
    assert!(SmartConfiguration::parse(
        r#"{"authorization_endpoint": "http://127.0.0.1:4000/auth", "token_endpoint": "http://localhost:4000/token"}"#
    )
    .is_ok());
}

#[wasm_bindgen_test]
fn granted_scopes_are_understood_in_v1_and_v2() {
    let v2 = "launch patient/Observation.rs patient/Patient.r";
    assert!(scope_allows(v2, "Observation", 's'));
    assert!(scope_allows(v2, "Observation", 'r'));
    assert!(scope_allows(v2, "Patient", 'r'));
    assert!(!scope_allows(v2, "Patient", 's'));
    assert!(!scope_allows(v2, "MedicationAdministration", 's'));
    assert!(scope_allows(
        "patient/*.rs",
        "MedicationAdministration",
        's'
    ));
    assert!(scope_allows(
        "patient/Observation.cruds",
        "Observation",
        's'
    ));
    assert!(scope_allows("patient/Observation.read", "Observation", 's'));
    assert!(scope_allows("patient/*.read", "Patient", 'r'));
    assert!(scope_allows("patient/Observation.*", "Observation", 's'));
    assert!(!scope_allows("user/Observation.rs", "Observation", 's'));
    assert!(!scope_allows(
        "patient/Observation.write",
        "Observation",
        's'
    ));
    assert!(!scope_allows(
        "patient/Observation.rs?category=laboratory",
        "Observation",
        's'
    ));
    assert!(!scope_allows("", "Observation", 's'));
}

const CONFIG: &str = r#"{ "smart": { "redirect_path": "./", "issuers": [
    { "iss": "https://fhir.hospital.example/r4/", "client_id": "iectox", "name": "Hospital EHR", "standalone": true },
    { "iss": "http://127.0.0.1:8081/fhir", "client_id": "test" } ] } }"#;

#[wasm_bindgen_test]
fn config_lists_the_allowed_issuers() {
    let c = SmartConfig::parse(CONFIG).unwrap().unwrap();
    assert_eq!(
        c.issuer("https://fhir.hospital.example/r4")
            .unwrap()
            .client_id,
        "iectox"
    );
    assert_eq!(
        c.issuer("https://fhir.hospital.example/r4/")
            .unwrap()
            .label(),
        "Hospital EHR"
    );
    assert_eq!(
        c.issuer("http://127.0.0.1:8081/fhir").unwrap().label(),
        "http://127.0.0.1:8081/fhir"
    );
    assert!(c.issuer("https://fhir.hospital.example/r4/evil").is_none());
    assert!(c.issuer("https://fhir.hospital.example").is_none());
    assert!(c.issuer("https://FHIR.other.example/r4").is_none());
    assert_eq!(c.standalone_issuers().count(), 1);
}

#[wasm_bindgen_test]
fn bad_configs_are_refused_naming_the_field() {
    assert_eq!(SmartConfig::parse("{}").unwrap(), None, "no smart section");
    let e = SmartConfig::parse(
        r#"{"smart": {"issuers": [{"iss": "http://fhir.hospital.example", "client_id": "x"}]}}"#,
    )
    .unwrap_err();
    assert!(e.0.contains("smart.issuers[0].iss"), "{}", e.0);
    let e = SmartConfig::parse(
        r#"{"smart": {"issuers": [{"iss": "https://f.example", "client_id": " "}]}}"#,
    )
    .unwrap_err();
    assert!(e.0.contains("smart.issuers[0].client_id"), "{}", e.0);
    let e = SmartConfig::parse(
        r#"{"smart": {"issuers": [{"iss": "https://f.example", "client_id": "x", "secret": "y"}]}}"#,
    )
    .unwrap_err();
    assert!(e.0.contains("secret"), "unknown field named: {}", e.0);
    let e = SmartConfig::parse(r##"{"smart": {"redirect_path": "./#/launch", "issuers": []}}"##)
        .unwrap_err();
    assert!(e.0.contains("redirect_path"), "{}", e.0);
}

#[wasm_bindgen_test]
fn the_authorize_url_carries_every_parameter() {
    let p = pending(0.0);
    let url = flow::authorize_url(
        "https://auth.example.org/auth",
        &p,
        RFC_CHALLENGE,
        Some("L 1"),
    );
    let u = web_sys::Url::new(&url).unwrap();
    let q = u.search_params();
    assert_eq!(u.origin(), "https://auth.example.org");
    assert_eq!(q.get("response_type").as_deref(), Some("code"));
    assert_eq!(q.get("client_id").as_deref(), Some("iectox"));
    assert_eq!(
        q.get("redirect_uri").as_deref(),
        Some("https://tools.example.org/iectox/")
    );
    assert_eq!(
        q.get("scope").as_deref(),
        Some("launch patient/Observation.rs")
    );
    assert_eq!(q.get("state").as_deref(), Some("s-123"));
    assert_eq!(q.get("aud").as_deref(), Some("https://fhir.example.org/r4"));
    assert_eq!(q.get("code_challenge").as_deref(), Some(RFC_CHALLENGE));
    assert_eq!(q.get("code_challenge_method").as_deref(), Some("S256"));
    assert_eq!(q.get("launch").as_deref(), Some("L 1"));
    assert!(!url.contains(RFC_VERIFIER), "the verifier never leaves");
    let standalone = flow::authorize_url("https://a.example/auth?tenant=7", &p, "c", None);
    let q = web_sys::Url::new(&standalone).unwrap().search_params();
    assert_eq!(q.get("tenant").as_deref(), Some("7"));
    assert_eq!(q.get("launch"), None);
}

#[wasm_bindgen_test]
fn the_observation_search_asks_for_every_loinc_code() {
    let url = codes::observation_query("https://fhir.example.org/r4", "pat 1");
    let u = web_sys::Url::new(&url).unwrap();
    assert_eq!(u.pathname(), "/r4/Observation");
    let q = u.search_params();
    assert_eq!(q.get("patient").as_deref(), Some("pat 1"));
    assert_eq!(q.get("_count").as_deref(), Some("100"));
    let asked: Vec<String> = q
        .get("code")
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    assert_eq!(asked.len(), codes::observation_codes().len());
    // The core import's codes (shared/fhir-loinc.md), the "not an input" ones included.
    for code in [
        "2276-4", "20567-4", "14723-1", "8310-5", "59408-5", "85354-9", "8480-6", "751-8",
        "76039-7", "3151-8", "29463-7",
    ] {
        assert!(
            asked.contains(&format!("http://loinc.org|{code}")),
            "{code}"
        );
    }
    let meds = codes::medication_query("https://fhir.example.org/r4", "p");
    let q = web_sys::Url::new(&meds).unwrap().search_params();
    let asked = q.get("code").unwrap();
    assert!(asked.contains("http://www.nlm.nih.gov/research/umls/rxnorm|612865"));
    assert!(asked.contains("http://www.whocc.no/atc|H02AB02"));
}

/// The test EHR's CAR-T course (tests/ehr/fixtures), as if read at 07:00 UTC on day 10.
fn cart_course() -> web::smart::flow::Fetched {
    web::smart::flow::Fetched {
        iss: "https://fhir.example.org/r4".into(),
        patient_id: "cart-1".into(),
        encounter: None,
        patient: Default::default(),
        resources: vec![include_str!("../../tests/ehr/fixtures/cart-course.json").into()],
        observations: 152,
        medications: Some(5),
        fetched_ms: 0.0,
    }
}

#[wasm_bindgen_test]
fn the_core_import_gives_the_latest_current_value_of_each_field() {
    use iectox::Field;
    use web::smart::handoff::prepare;
    // Day 10 06:00 UTC is 2024-03-14T06:00Z (the last labs); read one hour later.
    let now = iectox::fhir::parse_date_time("2024-03-14T07:00:00Z").unwrap();
    let p = prepare(&cart_course(), now).unwrap();
    let row = |f: Field| p.latest.iter().find(|l| l.value.field == Some(f)).unwrap();
    assert_eq!(row(Field::Ferritin).value.value["value"], 2900.0);
    assert!(!row(Field::Ferritin).stale);
    assert_eq!(row(Field::Ferritin).window, Some(24 * 60));
    // The last temperature is from day 7 22:00: older than the 12 h bedside window.
    assert!(row(Field::Temperature).stale);
    assert_eq!(row(Field::Temperature).window, Some(12 * 60));
    // Weight and height do not expire; the age is today's, from the birth date (1961-03-14).
    assert!(!row(Field::Weight).stale);
    assert_eq!(row(Field::Age).value.value["value"], 63.0);
    assert_eq!(row(Field::Age).value.at, now);
    let form = p.form.as_ref().expect("every current value fits the form");
    assert_eq!(form.text(Field::Ferritin), "2900");
    assert_eq!(form.text(Field::Temperature), "", "stale: not applied");
    assert_eq!(p.tocilizumab_ms.len(), 2);
    assert_eq!(p.import.treatments.len(), 5);
    // Applying puts every value into the course at its own time (the file import's plan):
    // the stale temperature lands at day 7, not in the present.
    assert_eq!(
        p.applied(),
        p.import.values.iter().filter(|v| v.field.is_some()).count()
    );
    let plan = p.plan();
    assert!(plan.problems.is_empty());
    assert_eq!(plan.points.len(), p.import.records().len());
    let latest = plan.points.last().unwrap();
    assert_eq!(
        latest.form.text(Field::Temperature),
        "",
        "no temperature at the last time"
    );
    assert!(plan
        .points
        .iter()
        .any(|t| !t.form.text(Field::Temperature).is_empty()));
    // Read a month later, no lab is current, but the facts without expiry still are.
    let later = prepare(&cart_course(), now + 30 * 24 * 60).unwrap();
    assert!(later
        .latest
        .iter()
        .filter(|l| l.window.is_some())
        .all(|l| l.stale));
}
