//! Record errors (issue 9, item 2): every error of a record, each naming its field and the
//! JSON path of its value, with the accepted values; and the units a record accepts.

use iectox::json::{parse_patient, parse_record, Node};
use iectox::units::{Quantity, Unit};
use serde_json::{json, Value};

/// The errors of one JSON record as the CLI reports them.
fn errors(record: &str) -> Vec<Value> {
    let r = iectox_cli::process(record);
    assert_eq!(r.len(), 1, "{r:?}");
    r[0]["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors: {}", r[0]))
        .clone()
}

fn only_error(record: &str) -> Value {
    let e = errors(record);
    assert_eq!(e.len(), 1, "{e:?}");
    e[0].clone()
}

#[test]
fn a_record_with_three_type_errors_reports_three_errors_each_with_its_field() {
    let e = errors(r#"{"hepatomegaly": 3, "vasopressors": true, "oxygen_device": 7}"#);
    assert_eq!(e.len(), 3, "{e:?}");
    let got: Vec<(&str, &str, &str)> = e
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap(),
                e["path"].as_str().unwrap(),
                e["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("hepatomegaly", "hepatomegaly", "not_yes_no"),
            ("vasopressors", "vasopressors", "not_a_whole_number"),
            ("oxygen_device", "oxygen_device", "unknown_option"),
        ]
    );
    assert_eq!(
        e[0]["message"],
        "hepatomegaly: \"3\" is not yes or no; use true or false"
    );
    assert_eq!(e[1]["max"], 10);
}

#[test]
fn counts_and_choices_say_the_range_or_the_options() {
    let e = only_error(r#"{"vasopressors": -1}"#);
    assert_eq!(
        (&e["field"], &e["kind"], &e["value"], &e["min"], &e["max"]),
        (
            &json!("vasopressors"),
            &json!("count_out_of_range"),
            &json!(-1),
            &json!(0),
            &json!(10)
        )
    );
    let e = only_error(r#"{"vasopressors": 1.5}"#);
    assert_eq!(
        (&e["kind"], &e["text"]),
        (&json!("not_a_whole_number"), &json!("1.5"))
    );
    let e = only_error(r#"{"oxygen_device": "helmet"}"#);
    assert_eq!(e["kind"], "unknown_option");
    assert_eq!(e["accepted"].as_array().unwrap().len(), 10);
    assert!(e["message"]
        .as_str()
        .unwrap()
        .ends_with("accepted options: none, blow_by, nasal_cannula, high_flow_nasal_cannula, facemask, non_rebreather, venturi, cpap, bipap, mechanical_ventilation"));
    // Options are keys, whatever their case; yes/no also as words.
    let r = iectox_cli::process(
        r#"{"oxygen_device": "Nasal_Cannula", "hepatomegaly": "yes", "splenomegaly": "FALSE"}"#,
    );
    assert!(r[0].get("report").is_some(), "{}", r[0]);
}

#[test]
fn a_number_without_a_unit_says_a_unit_is_needed_and_which() {
    for record in [
        r#"{"ferritin": 12500}"#,
        r#"{"ferritin": "12500"}"#,
        r#"{"ferritin": {"value": 12500}}"#,
        r#"{"ferritin": {"value": 12500, "unit": null}}"#,
        r#"{"ferritin": {"value": "12500", "unit": ""}}"#,
    ] {
        let e = only_error(record);
        assert_eq!(e["kind"], "unit_required", "{record}");
        assert_eq!(e["field"], "ferritin");
        assert_eq!(e["accepted"], json!(["ng/mL", "µg/L", "pmol/L"]));
        assert_eq!(
            e["message"], "ferritin: a unit is needed for 12500; use ng/mL, µg/L (ug/L), pmol/L",
            "{record}"
        );
    }
    // No value is missing, never an error and never normal.
    let r = iectox_cli::process(r#"{"ferritin": {"value": null, "unit": "ng/mL"}}"#);
    let missing = &r[0]["report"]["hscore"]["assessment"]["missing"];
    assert!(missing.as_array().unwrap().contains(&json!("ferritin")));
}

#[test]
fn a_number_out_of_a_doubles_range_is_refused_by_its_field() {
    let e = only_error(r#"{"ferritin": {"value": 1e309, "unit": "ng/mL"}}"#);
    assert_eq!(
        (&e["field"], &e["kind"]),
        (&json!("ferritin"), &json!("not_finite"))
    );
    let e = only_error(r#"{"ice_items": {"orientation": -1e400}}"#);
    assert_eq!(
        (&e["field"], &e["path"], &e["kind"]),
        (
            &json!("ice_orientation"),
            &json!("ice_items.orientation"),
            &json!("not_finite")
        )
    );
}

#[test]
fn a_key_given_twice_is_an_error_naming_the_field() {
    let e = only_error(
        r#"{"ferritin": {"value": 800, "unit": "ng/mL"}, "ferritin": {"value": 8000, "unit": "ng/mL"}}"#,
    );
    assert_eq!(
        (&e["field"], &e["path"], &e["kind"]),
        (
            &json!("ferritin"),
            &json!("ferritin"),
            &json!("duplicate_key")
        )
    );
    let e = only_error(r#"{"ice_items": {"naming": 3, "naming": 2, "naming": 1}}"#);
    assert_eq!(e["path"], "ice_items.naming");
    let e = only_error(r#"{"ferritin": {"value": 800, "unit": "ng/mL", "value": 8000}}"#);
    assert_eq!(
        (&e["field"], &e["path"]),
        (&json!("ferritin"), &json!("ferritin.value"))
    );
}

#[test]
fn nested_items_have_their_json_path() {
    let e = errors(
        r#"{"ice_items": {"orientation": 5, "naming": "x", "spelling": 1},
            "capd_items": {"restless": 9}, "settings": {"hlh_fever_rule": "numeric"}}"#,
    );
    let paths: Vec<&str> = e.iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "ice_items.orientation",
            "ice_items.naming",
            "ice_items.spelling",
            "capd_items.restless",
            "settings.hlh_fever_rule",
        ]
    );
    assert_eq!(e[0]["field"], "ice_orientation");
    assert_eq!(e[2]["kind"], "unknown_key");
    assert_eq!(e[3]["field"], "capd_restless");
    assert_eq!(e[4]["field"], "hlh_fever_rule");
    assert_eq!(
        e[4]["accepted"],
        json!(["clinician_confirmed", "at_least38_5"])
    );
    // An item written at the top level is pointed to its place.
    let e = only_error(r#"{"ice_orientation": 4}"#);
    assert_eq!(e["suggestion"], "ice_items.orientation");
    let e = only_error(r#"{"ice_items": 9}"#);
    assert_eq!(
        (&e["kind"], &e["path"]),
        (&json!("not_an_object"), &json!("ice_items"))
    );
    // Errors found after reading (a total the items contradict) have their path too.
    let e = only_error(r#"{"ice_total": 10, "ice_items": {"orientation": 0}}"#);
    assert_eq!(
        (&e["path"], &e["kind"]),
        (&json!("ice_total"), &json!("total_contradicts_items"))
    );
}

#[test]
fn numbers_as_strings_only_when_unambiguous() {
    let r = iectox_cli::process(
        r#"{"ferritin": {"value": "7000", "unit": "ng/mL"}, "ferritin_uln": {"value": "300.5", "unit": "ng/mL"},
            "vasopressors": "1", "vasopressor_hours": " 12 "}"#,
    );
    assert!(r[0].get("report").is_some(), "{}", r[0]);
    let e = only_error(r#"{"ferritin": {"value": "7,000", "unit": "ng/mL"}}"#);
    assert_eq!(e["kind"], "ambiguous_separator");
    let e = only_error(r#"{"vasopressor_hours": "1,000"}"#);
    assert_eq!(
        (&e["kind"], &e["decimal_reading"], &e["thousands_reading"]),
        (&json!("ambiguous_separator"), &json!(1.0), &json!(1000.0))
    );
    let e = only_error(r#"{"crp": {"value": "NaN", "unit": "mg/L"}}"#);
    assert_eq!(e["message"], "CRP: \"NaN\" is not a number");
}

#[test]
fn every_error_has_a_path_a_kind_and_a_message_and_inputs_a_field() {
    let records = [
        r#"[1]"#,
        r#"{"temprature": 1, "id": 1, "id": 2}"#,
        r#"{"ferritin": {"value": 1, "unit": "ng/mL", "note": "x"}, "platelets": {"value": 4, "unit": "g/L"}}"#,
        r#"{"weight": {"value": 3, "unit": "stone"}, "age": [5], "seizure": null, "ldh": true}"#,
    ];
    let mut n = 0;
    for record in records {
        for e in errors(record) {
            n += 1;
            assert!(e["kind"].is_string() && e["message"].is_string(), "{e}");
            assert!(e["path"].is_string(), "{e}");
            let input = !matches!(
                e["kind"].as_str(),
                Some("unknown_key" | "not_an_object" | "duplicate_key")
            );
            assert_eq!(e["field"].is_string(), input, "{e}");
        }
    }
    assert_eq!(n, 8);
}

#[test]
fn ucum_units_in_records_score_as_the_conventional_spelling() {
    let pairs = [
        ("temperature", 38.4, "°C", "Cel"),
        ("temperature", 102.9, "°F", "[degF]"),
        ("ferritin", 2000.0, "µg/L", "ug/L"),
        ("triglycerides", 132.7, "mg/dL", "mg/dl"),
        ("fibrinogen", 2.5, "g/L", "G/L"),
        ("haemoglobin", 9.2, "g/dL", "g/dl"),
        ("ast", 30.0, "U/L", "U/l"),
        ("leukocytes", 5.0, "10^9/L", "10*9/L"),
        ("leukocytes", 5.0, "10^9/L", "/nL"),
        ("platelets", 110.0, "10^9/L", "10*3/uL"),
        ("platelets", 110.0, "10^9/L", "G/L"),
        ("platelets", 110000.0, "/µL", "/uL"),
        ("neutrophils", 1.0, "10^9/L", "Gpt/L"),
        ("scd25", 2400.0, "U/mL", "kU/L"),
        ("age", 28.0, "days", "d"),
        ("age", 4.0, "weeks", "wk"),
        ("age", 58.0, "years", "a"),
        ("weight", 154.0, "lb", "[lb_av]"),
        ("height", 69.0, "in", "[in_i]"),
    ];
    for (field, value, conventional, ucum) in pairs {
        let report = |unit: &str| {
            let r = iectox_cli::process(&format!(
                r#"{{"{field}": {{"value": {value}, "unit": "{unit}"}}, "settings": {{"hlh_fever_rule": "at_least38_5"}}}}"#
            ));
            r[0]["report"].clone()
        };
        let (a, b) = (report(conventional), report(ucum));
        assert!(a.is_object(), "{field} {conventional}");
        assert_eq!(a, b, "{field}: {value} {ucum} vs {conventional}");
    }
    // serde reads every spelling too (the JSON form of a patient).
    let u: Unit = serde_json::from_str(r#""10*3/uL""#).unwrap();
    assert_eq!(u, Unit::E9PerL);
    let p: iectox::Patient =
        serde_json::from_str(r#"{"platelets": {"value": 45, "unit": "G/L"}, "fibrinogen": {"value": 1.2, "unit": "G/L"}}"#)
            .unwrap();
    assert_eq!(
        p.platelets.map(|q| (q.value(), q.unit())),
        Some((45.0, Unit::E9PerL))
    );
    assert_eq!(p.fibrinogen.map(|q| q.unit()), Some(Unit::GPerL));
}

#[test]
fn an_unknown_unit_lists_the_fields_units() {
    let e = only_error(r#"{"platelets": {"value": 45, "unit": "mg"}}"#);
    assert_eq!(e["kind"], "unknown_unit");
    assert_eq!(e["accepted"], json!(["10^9/L", "/µL"]));
    assert_eq!(
        e["message"],
        "platelets: unknown unit \"mg\"; use ×10⁹/L (10*9/L), /µL (/uL)"
    );
}

#[test]
fn values_and_text_give_the_same_errors() {
    // The JavaScript API reads objects (no duplicate keys there); the CLI reads text.
    let text = r#"{"hepatomegaly": 3, "ferritin": 12500, "ice_items": {"orientation": 9}}"#;
    let mut from_text = parse_record(&Node::parse(text).unwrap()).unwrap_err();
    // A `serde_json::Value` sorts its keys: compare in path order.
    let mut from_value = parse_patient(serde_json::from_str(text).unwrap()).unwrap_err();
    from_text.sort_by_key(|e| e.path());
    from_value.sort_by_key(|e| e.path());
    assert_eq!(from_text, from_value);
    assert_eq!(from_text.len(), 3);
}

#[test]
fn every_field_is_read_at_its_path_with_a_value_of_its_kind() {
    use iectox::json::path_of;
    use iectox::patient::Entry;
    for &field in iectox::Field::ALL {
        let value = match field.entry() {
            Entry::Quantity(units) => {
                // A value inside the plausible range of its field, in its first unit.
                let v = [1.0, 10.0, 37.0, 50.0]
                    .into_iter()
                    .find(|&v| iectox::units::check_quantity(field, v, units[0]) == Some(Ok(())))
                    .unwrap_or_else(|| panic!("{field:?}"));
                json!({"value": v, "unit": serde_json::to_value(units[0]).unwrap()})
            }
            Entry::Count(max) => json!(max.min(1)),
            Entry::YesNo => json!(true),
            Entry::Choice(options) => json!(options[0]),
        };
        let mut record = serde_json::Map::new();
        match path_of(field).split_once('.') {
            Some((group, item)) => {
                record.insert(group.into(), json!({ item: value }));
            }
            None => {
                record.insert(path_of(field), value);
            }
        }
        let r = parse_patient(Value::Object(record));
        assert!(r.is_ok(), "{field:?}: {r:?}");
    }
}

#[test]
fn option_keys_are_the_serde_names() {
    use iectox::patient::{
        CerebralEdema, Consciousness, FeverRule, IecHsGrade, OxygenDevice, Seizure,
    };
    fn check<T: serde::Serialize + serde::de::DeserializeOwned>(keys: &[&str], count: usize) {
        assert_eq!(keys.len(), count);
        for key in keys {
            let v: T = serde_json::from_value(json!(key)).unwrap();
            assert_eq!(serde_json::to_value(v).unwrap(), json!(key));
        }
    }
    // The counts are the number of variants: an exhaustive match fails to compile when one is
    // added, reminding to add its key.
    let _ = |d: OxygenDevice| match d {
        OxygenDevice::None
        | OxygenDevice::BlowBy
        | OxygenDevice::NasalCannula
        | OxygenDevice::HighFlowNasalCannula
        | OxygenDevice::Facemask
        | OxygenDevice::NonRebreather
        | OxygenDevice::Venturi
        | OxygenDevice::Cpap
        | OxygenDevice::Bipap
        | OxygenDevice::MechanicalVentilation => (),
    };
    check::<OxygenDevice>(OxygenDevice::KEYS, 10);
    check::<Consciousness>(Consciousness::KEYS, 5);
    check::<Seizure>(Seizure::KEYS, 3);
    check::<CerebralEdema>(CerebralEdema::KEYS, 3);
    check::<IecHsGrade>(IecHsGrade::KEYS, 5);
    check::<FeverRule>(FeverRule::KEYS, 2);
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_crash() {
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let r = iectox_cli::process(&deep);
    assert_eq!(r[0]["errors"][0]["kind"], "syntax", "{}", r[0]);
    let nested = format!(
        r#"{{"ice_items": {}1{}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    assert_eq!(
        iectox_cli::process(&nested)[0]["errors"][0]["kind"],
        "syntax"
    );
}

/// Rows of the core's bad-input matrix (`crates/iectox/tests/bad_input_matrix.rs`), through
/// the CLI: the same per-field errors as the core's reader (kind, field, path, value, range,
/// message), from JSON and from CSV cells.
#[test]
fn bad_input_matrix_rows_give_the_cores_errors() {
    let record = r#"{"temperature": {"value": "abc", "unit": "°C"},
        "ferritin": {"value": -1, "unit": "ng/mL"},
        "ferritin_uln": {"value": 0, "unit": "ng/mL"},
        "platelets": {"value": 45, "unit": "mmol/L"},
        "fibrinogen": {"value": "1,234,567", "unit": "g/L"},
        "weight": {"value": 1e309, "unit": "kg"},
        "oxygen_flow": 4,
        "ice_total": 1e21,
        "hepatomegaly": 0,
        "oxygen_device": true,
        "age": {"value": "40,5", "unit": "years"}}"#;
    let core: Vec<Value> = iectox::json::read_record(&Node::parse(record).unwrap())
        .1
        .iter()
        .map(|e| {
            let mut v = e.to_value();
            v["message"] = Value::String(e.to_string());
            v
        })
        .collect();
    let cli = errors(record);
    assert_eq!(cli, core);
    let got: Vec<(&str, &str)> = cli
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("temperature", "not_a_number"),
            ("ferritin", "out_of_range"),
            ("ferritin_uln", "out_of_range"),
            ("platelets", "unit_not_accepted"),
            ("fibrinogen", "not_a_number"),
            ("weight", "not_finite"),
            ("oxygen_flow", "unit_required"),
            ("ice_total", "count_out_of_range"),
            ("hepatomegaly", "not_yes_no"),
            ("oxygen_device", "unknown_option"),
        ]
    );
    assert_eq!(
        cli[2]["message"],
        "ferritin upper limit of normal: 0 ng/mL is outside the accepted range 10–2000 ng/mL"
    );
    assert_eq!(
        cli[7]["message"],
        "ICE total (0–10): 1000000000000000000000 is outside the accepted range 0–10"
    );

    // The same cells from a CSV row: the same errors (CSV cells are text).
    let csv = "temperature,temperature_unit,ferritin_uln,ferritin_uln_unit,platelets,platelets_unit,ice_total,hepatomegaly\n\
               abc,°C,0,ng/mL,45,mmol/L,1000000000000000000000,0\n";
    let out = iectox_cli::process_as(csv, Some(iectox_cli::InputFormat::Csv), &Default::default());
    let csv_errors: Vec<(&str, &str, &str)> = out[0]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap(),
                e["kind"].as_str().unwrap(),
                e["message"].as_str().unwrap(),
            )
        })
        .collect();
    let by_path = |p: &str| cli.iter().find(|e| e["path"] == p).unwrap();
    for (path, kind, message) in &csv_errors[..3] {
        assert_eq!(by_path(path)["kind"], *kind);
        assert_eq!(by_path(path)["message"], *message);
    }
    assert_eq!(
        csv_errors[3..],
        [
            (
                "ice_total",
                "count_out_of_range",
                "ICE total (0–10): 1000000000000000000000 is outside the accepted range 0–10"
            ),
            (
                "hepatomegaly",
                "not_yes_no",
                "hepatomegaly: \"0\" is not yes or no; use true or false"
            ),
        ]
    );
}

#[test]
fn a_record_with_a_refused_value_still_scores_the_rest_without_it() {
    // Temperature refused; hypotension on two vasopressors and ferritin are valid.
    let r = iectox_cli::process(
        r#"{"id": "p1", "temperature": {"value": 3.8, "unit": "°C"},
            "hypotension": true, "vasopressors": 2, "vasopressin": false,
            "ferritin": {"value": 8000, "unit": "ng/mL"}}"#,
    );
    let r = &r[0];
    assert_eq!(r["errors"][0]["field"], "temperature");
    assert!(r.get("report").is_none(), "no full report: {r}");
    let partial = &r["partial_report"];
    // The refused temperature is missing, never normal: CRS needs fever, so it is not decided…
    let crs = &partial["crs"]["assessment"];
    assert_eq!(crs["value"], Value::Null, "{crs}");
    assert!(
        crs["missing"]
            .as_array()
            .unwrap()
            .contains(&json!("temperature")),
        "{crs}"
    );
    // …while the valid ferritin still gives its HScore points.
    let items = partial["hscore"]["assessment"]["items"].as_array().unwrap();
    let ferritin = items
        .iter()
        .find(|i| i["key"] == "ferritin")
        .unwrap_or_else(|| panic!("{items:?}"));
    assert_eq!(ferritin["points"], 50, "{ferritin}");
    // Not an object: nothing to score, no partial report.
    let r = iectox_cli::process("[1, 2]");
    assert!(r.iter().all(|o| o.get("partial_report").is_none()), "{r:?}");
}
