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
fn a_refused_value_leaves_the_rest_of_the_patient_scored_in_partial_report() {
    let e = iectox_js::assess(js(r#"{"temperature": {"value": 3.8, "unit": "°C"},
        "ferritin": {"value": 8000, "unit": "ng/mL"}}"#))
    .unwrap_err();
    let partial = get(&e, "partialReport");
    let hscore = get(&get(&partial, "hscore"), "assessment");
    let items = js_sys::Array::from(&get(&hscore, "items"));
    let ferritin = items
        .iter()
        .find(|i| get(i, "key").as_string().as_deref() == Some("ferritin"))
        .expect("ferritin item");
    assert_eq!(get(&ferritin, "points").as_f64(), Some(50.0));
    let missing: Vec<String> = js_sys::Array::from(&get(&hscore, "missing"))
        .iter()
        .filter_map(|m| m.as_string())
        .collect();
    assert!(missing.contains(&"temperature".to_string()), "{missing:?}");
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

#[wasm_bindgen_test]
fn fhir_export_then_import_round_trip() {
    let points = js(
        r#"[{"time": "2026-12-01T10:00:00+01:00", "patient": {"ferritin": {"value": 12500, "unit": "ng/mL"}, "hepatomegaly": true}}]"#,
    );
    let bundle = iectox_js::fhir_export(points).unwrap();
    assert_eq!(
        get(&bundle, "resourceType").as_string().as_deref(),
        Some("Bundle")
    );
    let text = String::from(js_sys::JSON::stringify(&bundle).unwrap());
    let import = iectox_js::fhir_import(&text).unwrap();
    let points: js_sys::Array = get(&import, "timePoints").into();
    assert_eq!(points.length(), 1);
    let p = points.get(0);
    assert_eq!(get(&p, "patient.ferritin.value").as_f64(), Some(12500.0));
    assert_eq!(get(&p, "patient.hepatomegaly").as_bool(), Some(true));
    assert_eq!(
        get(&p, "time").as_string().as_deref(),
        Some("2026-12-01T09:00:00Z")
    );
    let err = iectox_js::fhir_import("not json").unwrap_err();
    let message: js_sys::Error = err.into();
    assert!(String::from(message.message()).contains("FHIR"));
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

/// Rows of the core's bad-input matrix (`crates/iectox/tests/bad_input_matrix.rs`) through the
/// JS API: the thrown `errors` are the core reader's, field by field (kind, field, path, value,
/// range, message), including a JavaScript `NaN`, which JSON text cannot hold.
#[wasm_bindgen_test]
fn bad_input_matrix_rows_give_the_cores_errors() {
    let record = r#"{"temperature": {"value": "abc", "unit": "°C"},
        "ferritin_uln": {"value": 0, "unit": "ng/mL"},
        "platelets": {"value": 45, "unit": "mmol/L"},
        "ice_total": 1e21,
        "hepatomegaly": 0,
        "age": {"value": "40,5", "unit": "years"}}"#;
    let core: Vec<serde_json::Value> =
        iectox::json::read_record(&iectox::json::Node::parse(record).unwrap())
            .1
            .iter()
            .map(|e| {
                let mut v = e.to_value();
                v["message"] = serde_json::Value::String(e.to_string());
                v
            })
            .collect();
    let e = iectox_js::crs(js(record)).unwrap_err();
    // Compared as JavaScript sees them (JSON has one kind of number).
    let stringify = |v: &JsValue| js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    let core_js =
        serde::Serialize::serialize(&core, &serde_wasm_bindgen::Serializer::json_compatible())
            .unwrap();
    assert_eq!(stringify(&get(&e, "errors")), stringify(&core_js));
    let thrown: serde_json::Value = serde_json::from_str(&stringify(&get(&e, "errors"))).unwrap();
    let paths: Vec<&str> = thrown
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "temperature",
            "ferritin_uln",
            "platelets",
            "ice_total",
            "hepatomegaly"
        ]
    );
    assert_eq!(
        thrown[1]["message"],
        "ferritin upper limit of normal: 0 ng/mL is outside the accepted range 10–2000 ng/mL"
    );
    // A JavaScript NaN for a count: refused by its field, as in the matrix.
    let nan = js_sys::Object::new();
    js_sys::Reflect::set(&nan, &"vasopressors".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    let e = iectox_js::crs(nan.into()).unwrap_err();
    let first = js_sys::Array::from(&get(&e, "errors")).get(0);
    assert_eq!(
        get(&first, "path").as_string().as_deref(),
        Some("vasopressors")
    );
    assert_eq!(
        get(&first, "kind").as_string().as_deref(),
        Some("not_finite")
    );
}
