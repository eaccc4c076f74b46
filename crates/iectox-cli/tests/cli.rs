//! The batch interface on the documented example file and on invalid records.

use serde_json::Value;

const EXAMPLE: &str = include_str!("../examples/patients.jsonl");

fn results() -> Vec<Value> {
    iectox_cli::process(EXAMPLE)
}

#[test]
fn one_result_per_record_in_order_and_bad_records_do_not_stop_the_batch() {
    let r = results();
    assert_eq!(r.len(), 5);
    for (i, v) in r.iter().enumerate() {
        assert_eq!(v["record"], i + 1);
    }
    assert!(r[0].get("report").is_some());
    assert!(r[1].get("report").is_some());
    assert!(r[2].get("errors").is_some());
    assert!(r[3].get("errors").is_some());
    assert!(r[4].get("errors").is_some());
    assert_eq!(r[4]["errors"][0]["kind"], "syntax");
}

#[test]
fn full_vignette_scores() {
    let r = &results()[0];
    assert_eq!(r["id"], "vignette-1");
    let h = &r["report"]["hscore"]["assessment"];
    // 0 + 49 + 38 + 34 + 50 + 44 + 30 + 19 + 0
    assert_eq!(h["value"], 264);
    assert_eq!(h["conclusion"], "met");
    // Fever, splenomegaly, 3 cytopenic lineages, fasting TG 310 mg/dL, ferritin: 5 of 8.
    assert_eq!(r["report"]["hlh2004"]["assessment"]["range"]["min"], 5);
    assert_eq!(r["report"]["hlh2004"]["assessment"]["conclusion"], "met");
}

#[test]
fn partial_record_reports_range_and_missing() {
    let r = &results()[1];
    let h = &r["report"]["hscore"]["assessment"];
    assert_eq!(h["value"], Value::Null);
    // 101.3 °F → 33; 4500 µg/L → 35; 2.1 mmol/L → 44: 112 known.
    assert_eq!(h["range"]["min"], 112);
    assert!(h["missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f == "marrow_hemophagocytosis"));
}

#[test]
fn invalid_record_names_each_field_value_and_range() {
    let r = &results()[2];
    assert_eq!(r["id"], "implausible");
    let errors = r["errors"].as_array().unwrap();
    let fields: Vec<&str> = errors
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"temperature"));
    assert!(
        fields.contains(&"ferritin_uln"),
        "reference values keep their own field: {fields:?}"
    );
    assert!(fields.contains(&"scd25"));
    let t = errors.iter().find(|e| e["field"] == "temperature").unwrap();
    assert_eq!(t["kind"], "out_of_range");
    assert_eq!(t["min"], 25.0);
    assert_eq!(t["max"], 45.0);
    assert!(t["message"].as_str().unwrap().contains("25–45 °C"));
    let s = errors.iter().find(|e| e["field"] == "scd25").unwrap();
    assert_eq!(s["kind"], "not_convertible");
}

#[test]
fn unknown_fields_are_reported_not_ignored() {
    let r = &results()[3];
    let msg = r["errors"][0]["message"].as_str().unwrap();
    assert!(msg.contains("temprature"), "{msg}");
}

#[test]
fn single_object_and_array_inputs() {
    let one = iectox_cli::process(r#"{"ferritin": {"value": 7000, "unit": "ng/mL"}}"#);
    assert_eq!(one.len(), 1);
    let many = iectox_cli::process(r#"[{"ferritin": {"value": 7000, "unit": "ng/mL"}}, {}]"#);
    assert_eq!(many.len(), 2);
    assert_eq!(
        many[1]["report"]["hscore"]["assessment"]["range"]["max"],
        337
    );
}

#[test]
fn binary_scores_the_example_file() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_iectox"))
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/patients.jsonl"
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "some records have errors");
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 5);
    for line in text.lines() {
        let _: Value = serde_json::from_str(line).unwrap();
    }
}
