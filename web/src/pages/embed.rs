//! One calculator without the app chrome, sized for an iframe. With `?origin=<host origin>` in
//! the hash (e.g. `#/embed/hscore?origin=https://ehr.example`), every result is also sent to
//! the host page with `postMessage`, to that origin only; without it, nothing is posted.

use serde_json::json;
use yew::prelude::*;

use crate::hooks::use_app;
use crate::i18n::tr;
use crate::route::Route;
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

/// The host origin to post results to, from `?origin=` in the hash.
fn host_origin() -> Option<String> {
    let hash = gloo::utils::window().location().hash().ok()?;
    let query = hash.split_once('?')?.1;
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == "origin")
            .then(|| js_sys::decode_uri_component(v).ok().map(String::from))
            .flatten()
    })
}

#[component(Embed)]
pub fn embed(props: &EmbedProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let calc = props.calc.clone();
    {
        let calc = calc.clone();
        use_effect_with((app.parsed.clone(), calc), move |(parsed, calc)| {
            if let Some(origin) = host_origin() {
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
                let message = json!({
                    "source": "iectox",
                    "version": VERSION,
                    "calculator": calc,
                    "result": result.unwrap_or_default(),
                });
                if let (Ok(text), Some(parent)) = (serde_json::to_string(&message), parent_window())
                {
                    let value = js_sys::JSON::parse(&text).unwrap_or_default();
                    let _ = parent.post_message(&value, &origin);
                }
            }
        });
    }
    let body = match route_of(&calc) {
        Some(route) => crate::app::page(route),
        None => crate::app::page(Route::NotFound),
    };
    html! {
        <div class="embed">
            <main id="main">{ body }</main>
            <footer class="embed-footer">
                { format!("IEC-Tox {VERSION} — ") }{ app.lang.strings().disclaimer }
                { " " }{ tr(lang, "Data stay in this browser.", "Los datos se quedan en este navegador.") }
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
