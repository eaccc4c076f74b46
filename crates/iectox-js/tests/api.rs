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
fn course_of_two_patients_in_any_order() {
    let records = js(r#"[
        {"patient_id": "bed-4", "time": "2026-12-02T12:00:00Z", "temperature": {"value": 38.6, "unit": "°C"},
         "fever_masking_therapy": false, "hypotension": false, "vasopressors": 0, "vasopressin": false,
         "oxygen_device": "none", "ferritin": {"value": 1000, "unit": "ng/mL"}},
        {"patient_id": "bed-4", "time": "2026-12-03T12:00+01:00", "drug": "tocilizumab", "dose_mg": 560},
        {"patient_id": 9, "time": "2026-12-02T12:00:00", "temperature": {"value": 38.6, "unit": "°C"}},
        {"patient_id": "bed-4", "infusion": 29935320},
        {"patient_id": "bed-4", "time": "2026-11-30T14:00:00Z", "ferritin": {"value": 400, "unit": "ng/mL"}},
        {"patient_id": "bed-4", "time": 29938320, "temperature": {"value": 37.0, "unit": "°C"},
         "fever_masking_therapy": false}
    ]"#);
    let out = js_sys::Array::from(&iectox_js::course(records).unwrap());
    assert_eq!(out.length(), 2);
    let bed4 = out.get(0);
    assert_eq!(
        get(&bed4, "patient_id").as_string().as_deref(),
        Some("bed-4")
    );
    let points = js_sys::Array::from(&get(&bed4, "course.time_points"));
    assert_eq!(points.length(), 3);
    let days: Vec<f64> = points
        .iter()
        .map(|p| get(&p, "day").as_f64().unwrap())
        .collect();
    assert_eq!(days, vec![-1.0, 1.0, 2.0]);
    let day1 = points.get(1);
    assert_eq!(
        get(&day1, "time_utc").as_string().as_deref(),
        Some("2026-12-02T12:00Z")
    );
    assert_eq!(
        get(&day1, "report.crs.assessment.value").as_f64(),
        Some(1.0)
    );
    // 1000 > 2 × the infusion baseline 400.
    assert_eq!(
        get(&day1, "report.iec_hs.ferritin_criterion")
            .as_string()
            .as_deref(),
        Some("met")
    );
    let ferritin_baseline = js_sys::Array::from(&get(&bed4, "course.baselines")).get(0);
    assert_eq!(
        get(&ferritin_baseline, "origin").as_string().as_deref(),
        Some("last_at_or_before_infusion")
    );
    assert_eq!(
        get(&ferritin_baseline, "value.entered.value").as_f64(),
        Some(400.0)
    );
    let episode = js_sys::Array::from(&get(&bed4, "course.crs.episodes")).get(0);
    assert_eq!(
        get(&episode, "end.state").as_string().as_deref(),
        Some("resolved")
    );
    assert_eq!(get(&episode, "max_grade.min").as_f64(), Some(1.0));
    assert_eq!(
        js_sys::Array::from(&get(&bed4, "course.tocilizumab_doses")).length(),
        1
    );
    // The other patient: errors naming the record, no course.
    let nine = out.get(1);
    assert_eq!(get(&nine, "patient_id").as_f64(), Some(9.0));
    assert!(get(&nine, "course").is_undefined());
    let kinds: Vec<String> = js_sys::Array::from(&get(&nine, "errors"))
        .iter()
        .map(|e| get(&e, "kind").as_string().unwrap())
        .collect();
    assert_eq!(kinds, vec!["time", "missing_infusion"]);
    let first = js_sys::Array::from(&get(&nine, "errors")).get(0);
    assert_eq!(get(&first, "record").as_f64(), Some(3.0));
    assert_eq!(
        get(&first, "problem").as_string().as_deref(),
        Some("no_offset")
    );
    // Not an array: thrown.
    assert!(iectox_js::course(js(r#"{"patient_id": "x"}"#)).is_err());
}
