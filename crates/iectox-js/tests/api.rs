//! The JS API in headless Chromium: plain objects in, plain objects out, errors as `Error`s.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |acc, k| {
        js_sys::Reflect::get(&acc, &k.into()).unwrap()
    })
}

#[wasm_bindgen_test]
fn hscore_of_a_partial_patient_has_a_range() {
    let r = iectox_js::hscore(js(r#"{"ferritin": {"value": 7000, "unit": "ng/mL"}}"#)).unwrap();
    assert_eq!(get(&r, "assessment.range.min").as_f64(), Some(50.0));
    assert_eq!(get(&r, "assessment.range.max").as_f64(), Some(337.0));
    assert!(get(&r, "assessment.value").is_null());
    assert_eq!(
        get(&r, "assessment.conclusion").as_string().as_deref(),
        Some("undetermined")
    );
}

#[wasm_bindgen_test]
fn assess_returns_every_score() {
    let r = iectox_js::assess(js(r#"{"temperature": {"value": 38.5, "unit": "C"}, "fever_masking_therapy": false,
        "hypotension": false, "vasopressors": 0, "vasopressin": false, "oxygen_device": "nasal_cannula",
        "oxygen_flow": {"value": 6, "unit": "L/min"}, "crs_death": false}"#))
    .unwrap();
    assert_eq!(get(&r, "crs.assessment.value").as_f64(), Some(2.0));
    for key in [
        "hscore",
        "hlh2004",
        "icans",
        "iec_hs",
        "ctcae",
        "measix",
        "crs_legacy",
    ] {
        assert!(get(&r, key).is_object(), "{key}");
    }
}

#[wasm_bindgen_test]
fn bad_patient_throws_an_error_with_every_problem() {
    let e = iectox_js::hscore(js(r#"{"temperature": {"value": 3.8, "unit": "°C"},
        "scd25": {"value": 10, "unit": "pg/mL"}}"#))
    .unwrap_err();
    let e: js_sys::Error = e.into();
    let msg: String = e.message().into();
    assert!(
        msg.contains("3.8 °C is outside the accepted range 25–45 °C"),
        "{msg}"
    );
    assert!(msg.contains("pg/mL cannot be converted"), "{msg}");
    let errors = get(&e.into(), "errors");
    assert_eq!(js_sys::Array::from(&errors).length(), 2);
}

#[wasm_bindgen_test]
fn unknown_fields_are_errors() {
    let e = iectox_js::crs(js(r#"{"temprature": 38}"#)).unwrap_err();
    let e: js_sys::Error = e.into();
    assert!(String::from(e.message()).contains("temprature"));
}

#[wasm_bindgen_test]
fn data_exports() {
    assert_eq!(
        js_sys::Array::from(&iectox_js::errata().unwrap()).length(),
        27
    );
    assert!(js_sys::Array::from(&iectox_js::sources().unwrap()).length() >= 10);
    assert!(!iectox_js::version().is_empty());
}

fn first_dose(plan: &JsValue, step_id: &str) -> JsValue {
    let steps: js_sys::Array = get(plan, "steps").into();
    let step = steps
        .iter()
        .find(|s| get(s, "step.id").as_string().as_deref() == Some(step_id))
        .unwrap();
    let doses: js_sys::Array = get(&step, "doses").into();
    doses.get(0)
}

#[wasm_bindgen_test]
fn treatment_plan_child_and_adult() {
    let child =
        js(r#"{"age": {"value": 3, "unit": "years"}, "weight": {"value": 12, "unit": "kg"}}"#);
    let plan = iectox_js::treatment(child, "crs_grade_4", None).unwrap();
    assert_eq!(
        get(&plan, "population.population").as_string().as_deref(),
        Some("child")
    );
    assert_eq!(
        get(&first_dose(&plan, "tocilizumab"), "Ok.per_dose.high").as_f64(),
        Some(144.0)
    );
    assert_eq!(
        get(&first_dose(&plan, "dexamethasone"), "Err")
            .as_string()
            .as_deref(),
        Some("adult_dose_for_child")
    );
    let adult =
        js(r#"{"age": {"value": 50, "unit": "years"}, "weight": {"value": 70, "unit": "kg"}}"#);
    let plan = iectox_js::treatment(adult, "crs_grade_3", None).unwrap();
    assert_eq!(
        get(&first_dose(&plan, "tocilizumab"), "Ok.per_dose.high").as_f64(),
        Some(560.0)
    );
    let err = iectox_js::treatment(js("{}"), "crs_grade_9", None).unwrap_err();
    let message: js_sys::Error = err.into();
    assert!(String::from(message.message()).contains("crs_grade_9"));
}

#[wasm_bindgen_test]
fn every_error_has_its_path_and_field_and_ucum_units_are_read() {
    // Three type errors, a number without its unit, a nested item out of range.
    let e = iectox_js::assess(js(r#"{"hepatomegaly": 3, "vasopressors": 1.5,
        "oxygen_device": "helmet", "ferritin": 12500, "ice_items": {"orientation": 5}}"#))
    .unwrap_err();
    let errors = js_sys::Array::from(&get(&e, "errors"));
    assert_eq!(errors.length(), 5);
    let pairs: Vec<(String, String)> = errors
        .iter()
        .map(|e| {
            (
                get(&e, "path").as_string().unwrap(),
                get(&e, "field").as_string().unwrap(),
            )
        })
        .collect();
    assert!(pairs.contains(&("ice_items.orientation".into(), "ice_orientation".into())));
    assert!(pairs.contains(&("ferritin".into(), "ferritin".into())));
    let ferritin = errors
        .iter()
        .find(|e| get(e, "path").as_string().as_deref() == Some("ferritin"))
        .unwrap();
    assert_eq!(
        get(&ferritin, "kind").as_string().as_deref(),
        Some("unit_required")
    );
    // A number JavaScript holds as Infinity is refused by its field.
    let e =
        iectox_js::hscore(js(r#"{"ferritin": {"value": 1e309, "unit": "ng/mL"}}"#)).unwrap_err();
    let first = js_sys::Array::from(&get(&e, "errors")).get(0);
    assert_eq!(
        get(&first, "field").as_string().as_deref(),
        Some("ferritin")
    );
    assert_eq!(
        get(&first, "kind").as_string().as_deref(),
        Some("not_finite")
    );
    // UCUM and laboratory-export units.
    let ucum = iectox_js::hscore(js(r#"{"temperature": {"value": 38.4, "unit": "Cel"},
        "platelets": {"value": 45, "unit": "G/L"}, "fibrinogen": {"value": 2.5, "unit": "G/L"}}"#))
    .unwrap();
    let conventional = iectox_js::hscore(js(r#"{"temperature": {"value": 38.4, "unit": "°C"},
        "platelets": {"value": 45, "unit": "x10^9/L"}, "fibrinogen": {"value": 2.5, "unit": "g/L"}}"#))
    .unwrap();
    assert_eq!(
        js_sys::JSON::stringify(&ucum).unwrap(),
        js_sys::JSON::stringify(&conventional).unwrap()
    );
    assert_eq!(get(&ucum, "assessment.range.min").as_f64(), Some(63.0));
}
