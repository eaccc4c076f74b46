//! The app in a real browser (headless Chromium via wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use gloo::storage::Storage;
use gloo::timers::future::TimeoutFuture;
use iectox::units::Unit;
use iectox::Field;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web::form::FormState;

wasm_bindgen_test_configure!(run_in_browser);

fn root() -> web_sys::Element {
    let doc = gloo::utils::document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

#[wasm_bindgen_test]
async fn app_renders_overview_with_disclaimer() {
    gloo::storage::LocalStorage::clear();
    let div = root();
    yew::Renderer::<web::App>::with_root(div.clone()).render();
    TimeoutFuture::new(50).await;
    let title = div.query_selector("#page-title").unwrap().unwrap();
    assert!(title.text_content().unwrap().len() > 3);
    let disclaimer = div.query_selector("#disclaimer").unwrap().unwrap();
    assert!(disclaimer.text_content().unwrap().contains("clinical"));
}

#[wasm_bindgen_test]
async fn typing_a_value_updates_the_hscore_breakdown() {
    gloo::storage::LocalStorage::clear();
    gloo::utils::window()
        .location()
        .set_hash("#/hscore")
        .unwrap();
    let div = root();
    yew::Renderer::<web::App>::with_root(div.clone()).render();
    TimeoutFuture::new(50).await;
    let input: web_sys::HtmlInputElement = div
        .query_selector("#in-ferritin")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value("7000");
    let ev = web_sys::InputEvent::new("input").unwrap();
    input.dispatch_event(&ev).unwrap();
    TimeoutFuture::new(50).await;
    let row = div
        .query_selector("#hscore-breakdown tr[data-item=Ferritin] td.num")
        .unwrap()
        .unwrap();
    assert_eq!(row.text_content().unwrap(), "50");
}

#[wasm_bindgen_test]
fn form_reads_separators_by_plausibility_and_refuses_contradictory_ice() {
    use web::i18n::{labels::error_message, Lang};
    let mut form = FormState::default();
    form.units.insert(Field::Triglycerides, Unit::MmolPerL);
    form.texts.insert(Field::Triglycerides, "1.498".into());
    form.units.insert(Field::Ferritin, Unit::NgPerMl);
    form.texts.insert(Field::Ferritin, "1.000".into());
    form.units.insert(Field::FerritinUln, Unit::NgPerMl);
    form.texts.insert(Field::FerritinUln, "1.000".into());
    form.texts.insert(Field::IceOrientation, "1.000".into());
    form.texts.insert(Field::IceTotal, "9".into());
    for f in [Field::IceNaming, Field::IceCommands, Field::IceWriting] {
        form.texts.insert(f, "0".into());
    }
    let parsed = form.parse();
    let tg = parsed.patient.triglycerides.unwrap();
    assert_eq!(iectox::units::Quantity::value(&tg), 1.498);
    // A ULN of 1 ng/mL is implausible: 1000.
    let uln = parsed.patient.ferritin_uln.unwrap();
    assert_eq!(iectox::units::Quantity::value(&uln), 1000.0);
    assert!(parsed.patient.ferritin.is_none());
    let e = &parsed.errors[&Field::Ferritin];
    assert_eq!(
        error_message(Lang::En, e),
        "\"1.000\" could be 1 or 1000 ng/mL: for 1000, type it without a separator; for 1, use fewer or more than three decimals"
    );
    assert!(error_message(Lang::Es, e).starts_with("«1.000» puede ser 1 o 1000 ng/mL"));
    // ICE orientation 1 (1000 is not an item score) + 0 + 0 + 0: totals 1–2, not 9.
    assert_eq!(parsed.patient.ice_items.orientation, Some(1));
    let e = &parsed.errors[&Field::IceTotal];
    assert!(
        error_message(Lang::En, e).starts_with(
            "9 is impossible with the entered items (ICE orientation (0–4), ICE naming (0–3),"
        ),
        "{}",
        error_message(Lang::En, e)
    );
    assert!(error_message(Lang::En, e).contains("which allow 1–2"));
    assert!(
        error_message(Lang::Es, e)
            .starts_with("9 es imposible con los ítems introducidos (ICE orientación (0–4)"),
        "{}",
        error_message(Lang::Es, e)
    );
}

#[wasm_bindgen_test]
fn form_maps_comma_decimals_and_reports_implausible_values() {
    let mut form = FormState::default();
    form.texts.insert(Field::Temperature, "38,4".into());
    form.texts.insert(Field::Ferritin, "5000000".into());
    form.units.insert(Field::Triglycerides, Unit::MgPerDl);
    form.texts.insert(Field::Triglycerides, "132.7".into());
    let parsed = form.parse();
    let t = parsed.patient.temperature.unwrap();
    assert_eq!(iectox::units::Quantity::value(&t), 38.4);
    assert!(
        parsed.patient.ferritin.is_none(),
        "implausible ferritin counts as missing"
    );
    assert!(parsed.errors.contains_key(&Field::Ferritin));
    assert!(parsed.patient.triglycerides.is_some());
}
