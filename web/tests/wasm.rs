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
