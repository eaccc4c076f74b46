//! One calculator without the app chrome, sized for an iframe (README, "Embedding one
//! calculator").
//!
//! - Its inputs live only as long as the frame: the app starts empty in embed mode and never
//!   reads or writes the patient saved by the full app (see `hooks::use_persisted_state`).
//! - With `?origin=<exact host origin>` in the hash (e.g.
//!   `#/embed/hscore?origin=https://ehr.example`), every result is posted to the host page, to
//!   that origin only, and only when the page around the frame has that origin as far as the
//!   browser tells. `*`, paths and malformed values are refused with a visible message.
//! - The host page (that origin, the parent window) may fill the form with one message
//!   `{source: "iectox-host", type: "set", values: <patient record>}`, read by the core's JSON
//!   record parser.

use iectox::json::{parse_patient, RecordError};
use iectox::patient::FeverRule;
use iectox::units::Unit;
use iectox::{Field, Patient};
use serde_json::{json, Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::Routable;

use crate::form::{kind, FormState, Kind, CAPD_FREQUENCY};
use crate::hooks::{use_app, use_embed_mode};
use crate::i18n::labels::{error_message, field_label};
use crate::i18n::{tr, Lang};
use crate::route::Route;
use crate::state::{Action, AppContext};
use crate::VERSION;

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    pub calc: String,
}

pub fn route_of(calc: &str) -> Option<Route> {
    Some(match calc {
        "crs" => Route::Crs,
        "icans" => Route::Icans,
        "hscore" => Route::HScore,
        "hlh2004" => Route::Hlh2004,
        "iec-hs" => Route::IecHs,
        "labs" => Route::Labs,
        "systems" => Route::Systems,
        "measix" => Route::Measix,
        "treatment" => Route::Treatment,
        _ => return None,
    })
}

/// Whether a location hash opens the embedded calculator (the router's own route table).
pub fn is_embed_hash(hash: &str) -> bool {
    let path = hash.strip_prefix('#').unwrap_or(hash);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    matches!(Route::recognize(path), Some(Route::Embed { .. }))
}

/// True when `text` is exactly an origin `scheme://host[:port]` with scheme http or https, as
/// the browser itself writes it: no path, query, fragment, user info or trailing slash, the
/// host in lower case, no default port. The browser's URL parser decides, so the frame posts to
/// exactly the origin the browser will compare.
pub fn is_exact_origin(text: &str) -> bool {
    let Ok(url) = web_sys::Url::new(text) else {
        return false;
    };
    matches!(url.protocol().as_str(), "http:" | "https:") && url.origin() == text
}

/// Where results may be posted.
#[derive(Clone, Debug, PartialEq)]
enum Posting {
    /// No `?origin=`: nothing is posted.
    Off,
    /// Every result is posted to this origin only.
    To(String),
    /// `?origin=` is given but refused: nothing is posted, and the embed says why.
    Refused(Refusal),
}

#[derive(Clone, Debug, PartialEq)]
enum Refusal {
    NotExact(String),
    Repeated,
    NotFramed(String),
    ParentMismatch { parent: String, origin: String },
}

/// The `origin` values of the query in the hash, decoded.
fn origin_params(hash: &str) -> Vec<String> {
    let Some((_, query)) = hash.split_once('?') else {
        return Vec::new();
    };
    query
        .split('&')
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            // An undecodable value is kept as typed: it is then refused as not an origin.
            (k == "origin").then(|| {
                js_sys::decode_uri_component(v)
                    .ok()
                    .map_or_else(|| v.to_string(), String::from)
            })
        })
        .collect()
}

/// The origin of the page around the frame, when the browser exposes it:
/// `location.ancestorOrigins` (Chromium, Safari), else the origin of `document.referrer`.
fn parent_origin() -> Option<String> {
    let location = gloo::utils::window().location();
    let ancestors = js_sys::Reflect::get(&location, &"ancestorOrigins".into()).ok();
    if let Some(list) = ancestors.filter(|l| l.is_object()) {
        return js_sys::Reflect::get(&list, &0.into())
            .ok()
            .and_then(|v| v.as_string());
    }
    let referrer = gloo::utils::document().referrer();
    if referrer.is_empty() {
        return None;
    }
    web_sys::Url::new(&referrer).ok().map(|u| u.origin())
}

fn posting() -> Posting {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    match origin_params(&hash).as_slice() {
        [] => Posting::Off,
        [origin] if !is_exact_origin(origin) => Posting::Refused(Refusal::NotExact(origin.clone())),
        [origin] => {
            if parent_window().is_none() {
                return Posting::Refused(Refusal::NotFramed(origin.clone()));
            }
            match parent_origin() {
                Some(parent) if parent != *origin => Posting::Refused(Refusal::ParentMismatch {
                    parent,
                    origin: origin.clone(),
                }),
                // Unknown parent origin: `postMessage` itself delivers to `origin` only.
                _ => Posting::To(origin.clone()),
            }
        }
        _ => Posting::Refused(Refusal::Repeated),
    }
}

fn posting_message(lang: Lang, posting: &Posting) -> Option<Html> {
    let text = match (posting, lang) {
        (Posting::Off, _) => return None,
        (Posting::To(o), Lang::En) => {
            return Some(html! { <p class="note" id="embed-posting">{ format!("Results are sent to {o} only.") }</p> })
        }
        (Posting::To(o), Lang::Es) => {
            return Some(html! { <p class="note" id="embed-posting">{ format!("Los resultados se envían solo a {o}.") }</p> })
        }
        (Posting::Refused(Refusal::NotExact(o)), Lang::En) => format!(
            "Results are not sent: origin \"{o}\" is not an exact origin (scheme://host[:port])."
        ),
        (Posting::Refused(Refusal::NotExact(o)), Lang::Es) => format!(
            "Los resultados no se envían: el origen «{o}» no es un origen exacto (esquema://host[:puerto])."
        ),
        (Posting::Refused(Refusal::Repeated), Lang::En) => {
            "Results are not sent: \"origin\" is given more than once.".into()
        }
        (Posting::Refused(Refusal::Repeated), Lang::Es) => {
            "Los resultados no se envían: «origin» aparece más de una vez.".into()
        }
        (Posting::Refused(Refusal::NotFramed(o)), Lang::En) => {
            format!("Results are not sent: this calculator is not inside a page of {o}.")
        }
        (Posting::Refused(Refusal::NotFramed(o)), Lang::Es) => format!(
            "Los resultados no se envían: esta calculadora no está dentro de una página de {o}."
        ),
        (Posting::Refused(Refusal::ParentMismatch { parent, origin }), Lang::En) => format!(
            "Results are not sent: this calculator is inside a page of {parent}, not of {origin}."
        ),
        (Posting::Refused(Refusal::ParentMismatch { parent, origin }), Lang::Es) => format!(
            "Los resultados no se envían: esta calculadora está dentro de una página de {parent}, no de {origin}."
        ),
    };
    Some(html! { <p class="error" id="embed-posting" role="alert">{ "⚠ " }{ text }</p> })
}

/// What became of the host page's last `set` message.
#[derive(Clone, Debug, PartialEq)]
enum HostInput {
    None,
    /// The form now holds exactly these many values from the host.
    Set(usize),
    /// Nothing was changed.
    Refused(Vec<HostProblem>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum HostProblem {
    Record(RecordError),
    /// A value the record parser accepts but this form cannot hold exactly (e.g. a setting
    /// the app has no input for).
    NotInForm(String),
    UnknownType(String),
}

impl HostProblem {
    fn to_json(&self) -> Value {
        match self {
            HostProblem::Record(e) => serde_json::to_value(e).unwrap_or_default(),
            HostProblem::NotInForm(key) => json!({ "kind": "not_in_form", "key": key }),
            HostProblem::UnknownType(t) => json!({ "kind": "unknown_type", "type": t }),
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            HostProblem::Record(RecordError::Input(e)) => {
                format!("{}: {}", field_label(lang, e.field), error_message(lang, e))
            }
            HostProblem::Record(RecordError::NotAnObject { .. }) => tr(
                lang,
                "values must be a JSON object",
                "values debe ser un objeto JSON",
            )
            .into(),
            HostProblem::Record(RecordError::UnknownKey { path, .. }) if es => {
                format!("«{path}» no es un campo del paciente")
            }
            HostProblem::Record(RecordError::UnknownKey { path, .. }) => {
                format!("\"{path}\" is not a patient field")
            }
            HostProblem::Record(RecordError::DuplicateKey { path, .. }) if es => {
                format!("«{path}» aparece dos veces")
            }
            HostProblem::Record(RecordError::DuplicateKey { path, .. }) => {
                format!("\"{path}\" is given twice")
            }
            HostProblem::Record(RecordError::Syntax { message }) => message.clone(),
            HostProblem::Record(RecordError::Malformed { message }) => {
                // serde's "unknown field `x`, expected one of …" lists every key: name the one.
                let unknown = message
                    .strip_prefix("unknown field `")
                    .and_then(|rest| rest.split_once('`'))
                    .map(|(key, _)| key);
                match unknown {
                    Some(key) if es => format!("«{key}» no es un campo del paciente"),
                    Some(key) => format!("\"{key}\" is not a patient field"),
                    // Otherwise the JSON reader's own words (English), naming the key at fault.
                    None => message.clone(),
                }
            }
            HostProblem::NotInForm(key) if es => {
                format!("«{key}»: no se puede introducir en este formulario")
            }
            HostProblem::NotInForm(key) => format!("\"{key}\": cannot be entered in this form"),
            HostProblem::UnknownType(t) if es => format!("tipo de mensaje desconocido «{t}»"),
            HostProblem::UnknownType(t) => format!("unknown message type \"{t}\""),
        }
    }
}

fn host_input_message(lang: Lang, input: &HostInput) -> Html {
    match input {
        HostInput::None => html! {},
        HostInput::Set(n) => html! {
            <p class="note" id="embed-host-input">{ match lang {
                Lang::En => format!("{n} values received from the host page: check them against the patient."),
                Lang::Es => format!("{n} valores recibidos de la página anfitriona: compruébelos con el paciente."),
            } }</p>
        },
        HostInput::Refused(problems) => html! {
            <div class="error" id="embed-host-input" role="alert">
                <p>{ "⚠ " }{ tr(lang,
                    "Values from the host page were refused; nothing was changed:",
                    "Se rechazaron los valores de la página anfitriona; no se cambió nada:") }</p>
                <ul>{ for problems.iter().map(|p| html! { <li>{ p.text(lang) }</li> }) }</ul>
            </div>
        },
    }
}

/// Text for a number from the host that reads back as exactly that number: Rust writes the
/// shortest exact decimal, never an exponent; three decimals after 1–3 digits ("1.498") would
/// read as a thousands group, so one more zero keeps both the value and a single reading.
fn number_text(v: f64) -> String {
    let s = v.to_string();
    match s.split_once('.') {
        Some((_, frac)) if frac.len() == 3 => s + "0",
        _ => s,
    }
}

/// The form that holds `patient` (a record the core accepted), or the keys it cannot hold.
/// The form is read back and compared with the record, so no value is changed silently.
pub(crate) fn form_of(patient: &Patient) -> Result<FormState, Vec<HostProblem>> {
    let mut form = FormState::default();
    let Ok(Value::Object(record)) = serde_json::to_value(patient) else {
        return Err(vec![HostProblem::NotInForm("(record)".into())]);
    };
    let field = |key: &str| serde_json::from_value::<Field>(Value::String(key.into())).ok();
    for (key, v) in &record {
        match (key.as_str(), v) {
            (_, Value::Null) => {}
            ("settings", _) => {
                form.hlh_fever_numeric = patient.settings.hlh_fever_rule == FeverRule::AtLeast38_5;
            }
            ("ice_items", Value::Object(items)) => {
                for (k, n) in items {
                    if let (Some(f), Some(n)) = (field(&format!("ice_{k}")), n.as_u64()) {
                        form.texts.insert(f, n.to_string());
                    }
                }
            }
            ("capd_items", Value::Object(items)) => {
                for (k, n) in items {
                    let answer = n.as_u64().and_then(|n| CAPD_FREQUENCY.get(n as usize));
                    if let (Some(f), Some(answer)) = (field(&format!("capd_{k}")), answer) {
                        form.choices.insert(f, (*answer).into());
                    }
                }
            }
            _ => {
                let Some(f) = field(key) else { continue };
                match (kind(f), v) {
                    (Kind::Quantity(_), Value::Object(q)) => {
                        let value = q.get("value").and_then(Value::as_f64);
                        let unit = q
                            .get("unit")
                            .and_then(|u| serde_json::from_value::<Unit>(u.clone()).ok());
                        if let (Some(value), Some(unit)) = (value, unit) {
                            form.units.insert(f, unit);
                            form.texts.insert(f, number_text(value));
                        }
                    }
                    (Kind::Count(_), Value::Number(n)) => {
                        form.texts.insert(f, n.to_string());
                    }
                    (Kind::YesNo, Value::Bool(b)) => {
                        form.choices.insert(f, if *b { "yes" } else { "no" }.into());
                    }
                    (Kind::Choice(_), Value::String(s)) => {
                        form.choices.insert(f, s.clone());
                    }
                    _ => {}
                }
            }
        }
    }
    let parsed = form.parse();
    let read_back = serde_json::to_value(&parsed.patient).unwrap_or_default();
    let mut problems: Vec<HostProblem> = record
        .iter()
        .filter(|(k, v)| read_back.get(k.as_str()) != Some(v))
        .map(|(k, _)| HostProblem::NotInForm(k.clone()))
        .collect();
    problems.extend(
        parsed
            .errors
            .into_values()
            .map(|e| HostProblem::Record(RecordError::Input(e))),
    );
    if problems.is_empty() {
        Ok(form)
    } else {
        Err(problems)
    }
}

/// Reads one message of the host page; `None` when it is not addressed to IEC-Tox.
fn host_message(data: &JsValue) -> Option<Result<FormState, Vec<HostProblem>>> {
    let text = js_sys::JSON::stringify(data).ok()?.as_string()?;
    let Value::Object(mut message) = serde_json::from_str::<Value>(&text).ok()? else {
        return None;
    };
    if message.get("source").and_then(Value::as_str) != Some("iectox-host") {
        return None;
    }
    let kind = message.get("type").and_then(Value::as_str).unwrap_or("");
    if kind != "set" {
        return Some(Err(vec![HostProblem::UnknownType(kind.into())]));
    }
    let values = message
        .remove("values")
        .unwrap_or(Value::Object(Map::new()));
    Some(
        parse_patient(values)
            .map_err(|errors| errors.into_iter().map(HostProblem::Record).collect())
            .and_then(|patient| form_of(&patient)),
    )
}

/// Replaces every input by the host's values, as "New patient" then typing them.
pub(crate) fn apply(app: &AppContext, form: &FormState) {
    app.dispatch(Action::NewPatient);
    // Units first, on empty fields, so that no typed value is converted.
    for (f, u) in &form.units {
        app.dispatch(Action::SetUnit(*f, *u));
    }
    for (f, t) in &form.texts {
        app.dispatch(Action::SetText(*f, t.clone()));
    }
    for (f, c) in &form.choices {
        app.dispatch(Action::SetChoice(*f, c.clone()));
    }
    app.dispatch(Action::SetHlhFeverNumeric(form.hlh_fever_numeric));
}

fn post(origin: &str, message: &Value) {
    if let (Ok(text), Some(parent)) = (serde_json::to_string(message), parent_window()) {
        let value = js_sys::JSON::parse(&text).unwrap_or_default();
        let _ = parent.post_message(&value, origin);
    }
}

#[component(Embed)]
pub fn embed(props: &EmbedProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let calc = props.calc.clone();
    let embedded = use_embed_mode();
    let posting = posting();
    let host_input = use_state(|| HostInput::None);

    // Started as the full app and then sent here by a hash change: this state may be the saved
    // patient, so start again as an embed (the hash stays).
    let restart =
        !embedded && is_embed_hash(&gloo::utils::window().location().hash().unwrap_or_default());
    use_effect_with(restart, |&restart| {
        if restart {
            let _ = gloo::utils::window().location().reload();
        }
    });

    {
        let calc = calc.clone();
        use_effect_with(
            (app.parsed.clone(), calc, posting.clone()),
            move |(parsed, calc, posting)| {
                if let Posting::To(origin) = posting {
                    let report = iectox::assess(&parsed.patient);
                    let result = match calc.as_str() {
                        "crs" => serde_json::to_value(&report.crs),
                        "icans" => serde_json::to_value(&report.icans),
                        "hscore" => serde_json::to_value(&report.hscore),
                        "hlh2004" => serde_json::to_value(&report.hlh2004),
                        "iec-hs" => serde_json::to_value(&report.iec_hs),
                        "labs" => serde_json::to_value(&report.ctcae),
                        "systems" => serde_json::to_value(&report.crs_legacy),
                        "measix" => serde_json::to_value(&report.measix),
                        _ => serde_json::to_value(&report),
                    };
                    post(
                        origin,
                        &json!({
                            "source": "iectox",
                            "type": "result",
                            "version": VERSION,
                            "calculator": calc,
                            "result": result.unwrap_or_default(),
                        }),
                    );
                }
            },
        );
    }

    {
        // Values from the host page: only from the allowed origin, only from the parent window.
        let app = app.clone();
        let host_input = host_input.clone();
        use_effect_with((posting.clone(), calc.clone()), move |(posting, calc)| {
            let listener = if let Posting::To(origin) = posting.clone() {
                let calc = calc.clone();
                let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(
                    move |e: web_sys::MessageEvent| {
                        if e.origin() != origin {
                            return;
                        }
                        let from_parent = match (e.source(), parent_window()) {
                            (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
                            _ => false,
                        };
                        if !from_parent {
                            return;
                        }
                        match host_message(&e.data()) {
                            None => {}
                            Some(Ok(form)) => {
                                apply(&app, &form);
                                host_input
                                    .set(HostInput::Set(form.texts.len() + form.choices.len()));
                            }
                            Some(Err(problems)) => {
                                post(
                                    &origin,
                                    &json!({
                                        "source": "iectox",
                                        "type": "set-refused",
                                        "version": VERSION,
                                        "calculator": calc,
                                        "errors": problems.iter().map(HostProblem::to_json).collect::<Vec<_>>(),
                                    }),
                                );
                                host_input.set(HostInput::Refused(problems));
                            }
                        }
                    },
                );
                let window = gloo::utils::window();
                let _ = window
                    .add_event_listener_with_callback("message", handler.as_ref().unchecked_ref());
                Some(handler)
            } else {
                None
            };
            move || {
                if let Some(handler) = listener {
                    let _ = gloo::utils::window().remove_event_listener_with_callback(
                        "message",
                        handler.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    if !embedded {
        return html! {
            <div class="embed"><p class="note">{ tr(lang,
                "Opening the embedded calculator…",
                "Abriendo la calculadora integrada…") }</p></div>
        };
    }
    let body = match route_of(&calc) {
        Some(route) => crate::app::page(route),
        None => crate::app::page(Route::NotFound),
    };
    html! {
        <div class="embed">
            { posting_message(lang, &posting).unwrap_or_default() }
            { host_input_message(lang, &host_input) }
            <main id="main">{ body }</main>
            <footer class="embed-footer">
                { format!("IEC-Tox {VERSION} — ") }{ app.lang.strings().disclaimer }
                { " " }{ tr(lang,
                    "Inputs are not saved: they are cleared when this frame closes.",
                    "Los datos no se guardan: se borran al cerrar este marco.") }
            </footer>
        </div>
    }
}

fn parent_window() -> Option<web_sys::Window> {
    let w = gloo::utils::window();
    let parent = w.parent().ok()??;
    // Only a real embedding: the top-level page has itself as parent.
    if js_sys::Object::is(&parent, &w) {
        None
    } else {
        Some(parent)
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn exact_origins_only() {
        for ok in [
            "https://ehr.example.org",
            "http://127.0.0.1:8080",
            "https://ehr.example.org:8443",
            "http://[::1]:3000",
        ] {
            assert!(is_exact_origin(ok), "{ok}");
        }
        for refused in [
            "*",
            "",
            "null",
            "https://ehr.example.org/",
            "https://ehr.example.org/chart",
            "https://ehr.example.org?x=1",
            "https://ehr.example.org#x",
            "https://user@ehr.example.org",
            "https://EHR.example.org",
            "https://ehr.example.org:443",
            "ftp://ehr.example.org",
            "javascript:alert(1)",
            "ehr.example.org",
        ] {
            assert!(!is_exact_origin(refused), "{refused}");
        }
    }

    #[wasm_bindgen_test]
    fn origin_parameter_is_read_once_and_decoded() {
        assert_eq!(origin_params("#/embed/hscore"), Vec::<String>::new());
        assert_eq!(
            origin_params("#/embed/hscore?origin=https%3A%2F%2Fa.example"),
            vec!["https://a.example"]
        );
        assert_eq!(
            origin_params("#/embed/hscore?origin=a&origin=b").len(),
            2,
            "a repeated origin is seen (and refused)"
        );
    }

    #[wasm_bindgen_test]
    fn embed_hashes() {
        assert!(is_embed_hash("#/embed/hscore"));
        assert!(is_embed_hash("#/embed/hscore?origin=https://a.example"));
        assert!(!is_embed_hash("#/hscore"));
        assert!(!is_embed_hash(""));
        assert!(!is_embed_hash("#/"));
    }

    #[wasm_bindgen_test]
    fn host_values_fill_the_form_exactly() {
        let data = js_sys::JSON::parse(
            r#"{"source":"iectox-host","type":"set","values":{
                "ferritin":{"value":7000,"unit":"µg/L"},
                "triglycerides":{"value":1.498,"unit":"mmol/L"},
                "temperature":{"value":39.4,"unit":"C"},
                "hepatomegaly":true,"splenomegaly":false,
                "oxygen_device":"nasal_cannula",
                "ice_items":{"orientation":4},
                "capd_items":{"aware":2},
                "vasopressors":1}}"#,
        )
        .unwrap();
        let form = host_message(&data).unwrap().unwrap();
        assert_eq!(form.text(Field::Ferritin), "7000");
        assert_eq!(form.unit(Field::Ferritin), Unit::UgPerL);
        // Three decimals would read as a thousands group: one more zero, same value.
        assert_eq!(form.text(Field::Triglycerides), "1.4980");
        assert_eq!(form.unit(Field::Triglycerides), Unit::MmolPerL);
        assert_eq!(form.text(Field::Temperature), "39.4");
        assert_eq!(form.choice(Field::Hepatomegaly), "yes");
        assert_eq!(form.choice(Field::Splenomegaly), "no");
        assert_eq!(form.choice(Field::OxygenDevice), "nasal_cannula");
        assert_eq!(form.text(Field::IceOrientation), "4");
        assert_eq!(form.choice(Field::CapdAware), "sometimes");
        assert_eq!(form.text(Field::Vasopressors), "1");
        assert_eq!(form.texts.len() + form.choices.len(), 9);
    }

    #[wasm_bindgen_test]
    fn host_values_are_refused_whole_with_every_reason() {
        let data = js_sys::JSON::parse(
            r#"{"source":"iectox-host","type":"set","values":{
                "ferritin":{"value":5000000,"unit":"ng/mL"},"spleen":true}}"#,
        )
        .unwrap();
        let problems = host_message(&data).unwrap().unwrap_err();
        assert!(problems.iter().any(|p| matches!(p,
            HostProblem::Record(RecordError::Input(e)) if e.field == Field::Ferritin)));
        assert!(problems
            .iter()
            .any(|p| matches!(p, HostProblem::Record(RecordError::UnknownKey { path, .. }) if path == "spleen")));
        // A setting the form has no input for is refused, never dropped.
        let data = js_sys::JSON::parse(
            r#"{"source":"iectox-host","type":"set","values":{"settings":{"capd_below_age_years":10}}}"#,
        )
        .unwrap();
        assert_eq!(
            host_message(&data).unwrap().unwrap_err(),
            vec![HostProblem::NotInForm("settings".into())]
        );
        let other = js_sys::JSON::parse(r#"{"source":"other","type":"set"}"#).unwrap();
        assert!(host_message(&other).is_none());
    }
}
