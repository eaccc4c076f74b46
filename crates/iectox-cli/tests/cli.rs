//! The batch interface on the documented example file and on invalid records.

use iectox::units::Quantity;
use serde_json::{json, Value};

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

// ----- dose plans (--treatment) -------------------------------------------------------------

fn plan_of(record: &str, treatment: &str, age_group: Option<iectox::treatment::AgeGroup>) -> Value {
    let options = iectox_cli::Options {
        treatment: iectox_cli::TreatmentChoice::parse(treatment),
        age_group,
    };
    iectox_cli::process_with(record, &options)[0]["treatment"].clone()
}

fn step<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"]["id"] == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

#[test]
fn treatment_plan_for_a_12_kg_three_year_old_has_no_adult_fixed_dose() {
    let child = r#"{"age": {"value": 3, "unit": "years"}, "weight": {"value": 12, "unit": "kg"}}"#;
    let plan = plan_of(child, "crs_grade_4", None);
    assert_eq!(plan["regimen"], "crs_grade_4");
    assert_eq!(plan["population"]["population"], "child");
    assert_eq!(plan["population"]["reason"], "age_under18");
    let toci = &step(&plan, "tocilizumab")["doses"][0]["Ok"];
    assert_eq!(toci["per_dose"]["high"], 144.0);
    assert_eq!(toci["mg_per_kg"], 12.0);
    assert_eq!(
        step(&plan, "dexamethasone")["doses"][0]["Err"],
        "adult_dose_for_child"
    );
    let ana = &step(&plan, "anakinra")["doses"][0]["Ok"];
    assert_eq!(ana["per_dose"]["high"], 24.0);
}

#[test]
fn treatment_plan_auto_follows_the_crs_grade_and_an_adult_is_unchanged() {
    let adult = r#"{"age": {"value": 50, "unit": "years"}, "weight": {"value": 70, "unit": "kg"},
        "temperature": {"value": 39.5, "unit": "°C"}, "vasopressors": 1, "oxygen_device": "none"}"#;
    let plan = plan_of(adult, "auto", None);
    assert_eq!(plan["regimen"], "crs_grade_3");
    assert_eq!(
        step(&plan, "tocilizumab")["doses"][0]["Ok"]["per_dose"]["high"],
        560.0
    );
    assert_eq!(
        step(&plan, "dexamethasone")["doses"][0]["Ok"]["per_dose"]["high"],
        10.0
    );
    // Undecided grade: no plan, and it says why.
    let undecided = plan_of(r#"{"weight": {"value": 70, "unit": "kg"}}"#, "auto", None);
    assert_eq!(undecided["regimen"], Value::Null);
}

#[test]
fn treatment_plan_without_age_asks_under_40_kg_or_takes_the_answer() {
    let light = r#"{"weight": {"value": 35, "unit": "kg"}}"#;
    let plan = plan_of(light, "crs_grade_3", None);
    assert_eq!(plan["population"]["population"], "undecided");
    assert_eq!(
        step(&plan, "dexamethasone")["doses"][0]["Err"],
        "ask_adult_or_child"
    );
    let plan = plan_of(
        light,
        "crs_grade_3",
        Some(iectox::treatment::AgeGroup::Adult),
    );
    assert_eq!(
        step(&plan, "dexamethasone")["doses"][0]["Ok"]["per_dose"]["high"],
        10.0
    );
    assert_eq!(iectox_cli::TreatmentChoice::parse("crs_grade_9"), None);
}

#[test]
fn contradictory_ice_total_and_items_are_refused_naming_both() {
    // The issue's repro: ICE total 9 with four items at 0 (at most 1 possible).
    let r = iectox_cli::process(
        r#"{"age": {"value": 40, "unit": "years"}, "consciousness": "alert", "ice_total": 9,
            "ice_items": {"orientation": 0, "naming": 0, "commands": 0, "writing": 0}}"#,
    );
    assert!(r[0].get("report").is_none(), "{}", r[0]);
    let errors = r[0]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(e["field"], "ice_total");
    assert_eq!(e["kind"], "total_contradicts_items");
    assert_eq!(
        (&e["total"], &e["min"], &e["max"]),
        (&json!(9), &json!(0), &json!(1))
    );
    assert_eq!(
        e["items"],
        json!([
            "ice_orientation",
            "ice_naming",
            "ice_commands",
            "ice_writing"
        ])
    );
    let msg = e["message"].as_str().unwrap();
    assert!(
        msg.contains("9 is impossible") && msg.contains("allow 0–1"),
        "{msg}"
    );
    // A total the items allow is scored.
    let r = iectox_cli::process(
        r#"{"age": {"value": 40, "unit": "years"}, "ice_total": 1,
            "ice_items": {"orientation": 0, "naming": 0, "commands": 0, "writing": 0}}"#,
    );
    assert_eq!(r[0]["report"]["icans"]["ice_source"], "total");
}

#[test]
fn numbers_as_typed_follow_the_decimal_separator_rule() {
    let p = iectox::json::parse_patient(json!({
        "triglycerides": {"value": "1,498", "unit": "mmol/L"},
        "temperature": {"value": "39.389", "unit": "°C"},
        "ferritin_uln": {"value": "1.000", "unit": "ng/mL"},
        "platelets": {"value": "", "unit": "/µL"},
    }))
    .unwrap();
    assert_eq!(p.triglycerides.map(|t| t.value()), Some(1.498));
    assert_eq!(p.temperature.map(|t| t.value()), Some(39.389));
    assert_eq!(p.ferritin_uln.map(|t| t.value()), Some(1000.0));
    assert_eq!(p.platelets, None);

    let r = iectox_cli::process(
        r#"{"ferritin": {"value": "1.000", "unit": "ng/mL"}, "crp": {"value": "NaN", "unit": "mg/L"},
            "ldh": {"value": [1], "unit": "U/L"}}"#,
    );
    let errors = r[0]["errors"].as_array().unwrap();
    let f = errors.iter().find(|e| e["field"] == "ferritin").unwrap();
    assert_eq!(f["kind"], "ambiguous_separator");
    assert_eq!(f["decimal_reading"], 1.0);
    assert_eq!(f["thousands_reading"], 1000.0);
    assert_eq!(f["unit"], "ng/mL");
    assert!(f["message"]
        .as_str()
        .unwrap()
        .contains("\"1.000\" could be 1 or 1000 ng/mL"));
    let c = errors.iter().find(|e| e["field"] == "crp").unwrap();
    assert_eq!(c["message"], "CRP: \"NaN\" is not a number");
    let l = errors.iter().find(|e| e["field"] == "ldh").unwrap();
    assert_eq!(l["message"], "LDH: \"[1]\" is not a number");
}

// ----- courses (--course) -------------------------------------------------------------------

const COURSE: &str = include_str!("../examples/course.jsonl");

fn course_results(input: &str) -> Vec<Value> {
    iectox_cli::process_courses(&[input])
}

#[test]
fn course_example_one_result_per_patient_in_order_of_first_record() {
    let r = course_results(COURSE);
    assert_eq!(r.len(), 3);
    assert_eq!(r[0]["patient_id"], "bed-4");
    assert_eq!(r[1]["patient_id"], "bed-7");
    // The record without a patient_id: its own error, at its place.
    assert_eq!(r[2]["record"], 18);
    assert_eq!(r[2]["errors"][0]["kind"], "missing_patient_id");
    assert_eq!(r[0]["records"].as_array().unwrap().len(), 14);
}

#[test]
fn course_grades_per_day_episode_and_ferritin_against_the_infusion_baseline() {
    let r = &course_results(COURSE)[0];
    let c = &r["course"];
    assert_eq!(c["infusion_utc"], "2026-12-01T10:00Z");
    let points = c["time_points"].as_array().unwrap();
    let days: Vec<i64> = points.iter().map(|p| p["day"].as_i64().unwrap()).collect();
    assert_eq!(days, vec![-1, 0, 1, 1, 2, 3, 4, 5, 6, 7]);
    let grades: Vec<i64> = points
        .iter()
        .map(|p| p["report"]["crs"]["assessment"]["value"].as_i64().unwrap())
        .collect();
    assert_eq!(grades, vec![0, 0, 1, 2, 3, 2, 0, 0, 0, 0]);
    // Times given with an offset are the same instant: day 1 02:00 UTC given as 03:00+01:00.
    assert_eq!(points[2]["time_utc"], "2026-12-02T12:00Z");
    let e = &c["crs"]["episodes"][0];
    assert_eq!(e["onset"]["time"], points[2]["time"]);
    assert_eq!(e["max_grade"]["min"], 3);
    assert_eq!(e["max_at"], points[4]["time"]);
    assert_eq!(e["end"]["state"], "resolved");
    assert_eq!(e["end"]["time"], points[6]["time"]);
    assert_eq!(e["duration_minutes"]["min"], 3 * 1440);
    assert_eq!(c["crs"]["episodes"].as_array().unwrap().len(), 1);
    // IEC-HS ferritin criterion met on day 5 against the day −1 baseline (400 ng/mL).
    assert_eq!(points[7]["report"]["iec_hs"]["ferritin_criterion"], "met");
    assert_eq!(
        points[6]["report"]["iec_hs"]["ferritin_criterion"],
        "not_met"
    );
    assert_eq!(c["baselines"][0]["field"], "ferritin_baseline");
    assert_eq!(c["baselines"][0]["value"]["entered"]["value"], 400.0);
    assert_eq!(c["baselines"][0]["origin"], "last_at_or_before_infusion");
    assert_eq!(c["baselines"][0]["time"], points[0]["time"]);
    // Treatments and the tocilizumab log.
    assert_eq!(c["tocilizumab_doses"].as_array().unwrap().len(), 2);
    // At the same minute, treatments are ordered by name (so any record order gives one output).
    assert_eq!(c["treatments"][1]["therapy"]["drug"], "dexamethasone");
    assert_eq!(c["treatments"][1]["dose_mg"], 10.0);
    assert_eq!(c["treatments"][2]["therapy"]["drug"], "tocilizumab");
    // Carried values say so.
    let evening = &points[3]["sources"];
    let ferritin = evening
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["field"] == "ferritin")
        .unwrap();
    assert_eq!(ferritin["origin"], "carried_forward");
    assert_eq!(ferritin["age_minutes"], 480);
}

/// Day 0 is the calendar day of the infusion in the infusion's own offset (§12): after an
/// infusion at 22:00+01:00, the next morning is day +1 and the same morning day 0.
#[test]
fn course_days_are_calendar_days_in_the_infusions_offset() {
    let input = r#"{"patient_id":"p","infusion":"2026-12-01T22:00+01:00"}
{"patient_id":"p","time":"2026-11-30T23:59+01:00","temperature":{"value":36.5,"unit":"°C"}}
{"patient_id":"p","time":"2026-12-01T00:00+01:00","temperature":{"value":36.5,"unit":"°C"}}
{"patient_id":"p","time":"2026-12-01T08:00+01:00","temperature":{"value":36.5,"unit":"°C"}}
{"patient_id":"p","time":"2026-12-01T23:59+01:00","temperature":{"value":38.5,"unit":"°C"}}
{"patient_id":"p","time":"2026-12-02T00:00+01:00","temperature":{"value":38.5,"unit":"°C"}}
{"patient_id":"p","time":"2026-12-02T09:00Z","temperature":{"value":38.5,"unit":"°C"}}
{"patient_id":"p","time":"2026-12-02T23:30Z","temperature":{"value":38.5,"unit":"°C"}}"#;
    let r = &course_results(input)[0];
    let days: Vec<i64> = r["course"]["time_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["day"].as_i64().unwrap())
        .collect();
    // 23:30Z on 2 Dec is 00:30+01:00 on 3 Dec: day +2 in the infusion's calendar.
    assert_eq!(days, vec![-1, 0, 0, 0, 1, 1, 2], "{r}");
    // The calendar used is part of the output.
    assert_eq!(r["course"]["utc_offset"], 60);
    // The exact time since the infusion is given beside the day.
    assert_eq!(
        r["course"]["time_points"][4]["minutes_since_infusion"],
        2 * 60
    );
}

#[test]
fn course_records_in_any_order_give_the_same_result() {
    let mut lines: Vec<&str> = COURSE.lines().filter(|l| l.contains("bed-4")).collect();
    let forward = course_results(&lines.join("\n"));
    lines.reverse();
    let backward = course_results(&lines.join("\n"));
    assert_eq!(forward[0]["course"], backward[0]["course"]);
}

#[test]
fn course_errors_name_the_record_and_the_problem() {
    let r = &course_results(COURSE)[1];
    assert_eq!(r["patient_id"], "bed-7");
    assert!(r.get("course").is_none(), "no partial course is scored");
    let errors = r["errors"].as_array().unwrap();
    let no_offset = errors.iter().find(|e| e["kind"] == "time").unwrap();
    assert_eq!(no_offset["key"], "time");
    assert_eq!(no_offset["problem"], "no_offset");
    assert!(no_offset["message"].as_str().unwrap().contains("add Z"));
    let temp = errors.iter().find(|e| e["field"] == "temperature").unwrap();
    assert_eq!(temp["kind"], "out_of_range");
    let records: Vec<i64> = errors
        .iter()
        .map(|e| e["record"].as_i64().unwrap())
        .collect();
    assert_eq!(records, vec![16, 17]);

    // Duplicate times, too early, missing and conflicting infusion, bad treatments.
    let input = r#"
{"patient_id": 12, "infusion": 29000000}
{"patient_id": 12, "time": 29000060, "ferritin": {"value": 500, "unit": "ng/mL"}}
{"patient_id": 12, "time": "2025-02-19T23:20+01:00", "ferritin": {"value": 600, "unit": "ng/mL"}}
{"patient_id": 12, "time": 28900000, "crp": {"value": 10, "unit": "mg/L"}}
{"patient_id": 13, "time": 29000060, "crp": {"value": 10, "unit": "mg/L"}}
{"patient_id": 14, "infusion": 29000000}
{"patient_id": 14, "infusion": 29000001, "time": 29000100, "drug": "tocilizumav"}
{"patient_id": 14, "time": 29000100, "dose_mg": 5}
{"patient_id": 14, "crp": {"value": 10, "unit": "mg/L"}}
"#;
    let r = course_results(input);
    assert_eq!(r.len(), 3);
    let e12 = r[0]["errors"].as_array().unwrap();
    assert_eq!(r[0]["patient_id"], 12);
    let dup = e12.iter().find(|e| e["kind"] == "duplicate_time").unwrap();
    assert_eq!(
        (dup["record"].as_i64(), dup["other_record"].as_i64()),
        (Some(3), Some(2))
    );
    assert_eq!(dup["entry"], "observation");
    let early = e12.iter().find(|e| e["kind"] == "too_early").unwrap();
    assert_eq!(early["record"], 4);
    assert!(early["message"].as_str().unwrap().contains("30 days"));
    assert_eq!(r[1]["errors"][0]["kind"], "missing_infusion");
    let e14: Vec<&str> = r[2]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        e14,
        vec![
            "conflicting_infusion",
            "treatment",
            "treatment",
            "missing_time"
        ]
    );
    let unknown_drug = &r[2]["errors"][1]["message"];
    assert!(
        unknown_drug.as_str().unwrap().contains("tocilizumav"),
        "{unknown_drug}"
    );
}

#[test]
fn binary_course_mode_and_single_mode_unchanged() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/course.jsonl");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_iectox"))
        .args(["--course", example])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "bed-7 has errors");
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 3);
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["patient_id"], "bed-4");
    // Only the valid patient: exit code 0.
    let bed4: String = COURSE
        .lines()
        .filter(|l| l.contains("bed-4"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_iectox"))
        .arg("--course")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(bed4.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    // --course does not combine with a dose plan.
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_iectox"))
        .args(["--course", "--treatment", "auto", example])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn arguments_are_read_in_one_place() {
    use iectox_cli::args::{parse, Command};
    use iectox_cli::{InputFormat, OutputFormat};
    let run = |a: &[&str]| match parse(a.iter().map(|s| s.to_string())) {
        Ok(Command::Run(args)) => args,
        other => panic!("{a:?}: {other:?}"),
    };
    let a = run(&[
        "--treatment",
        "auto",
        "in.csv",
        "--age-group",
        "child",
        "-o",
        "out.csv",
    ]);
    assert_eq!(
        a.options.age_group,
        Some(iectox::treatment::AgeGroup::Child)
    );
    assert_eq!(
        a.options.treatment,
        iectox_cli::TreatmentChoice::parse("auto")
    );
    assert_eq!(a.inputs, ["in.csv"]);
    assert_eq!(a.input_format("in.csv"), Some(InputFormat::Csv));
    assert_eq!(a.input_format("-"), None);
    assert_eq!(a.output_format(), OutputFormat::Csv);
    let a = run(&[
        "--format", "jsonl", "--output", "jsonl", "-o", "out.csv", "x.csv",
    ]);
    assert_eq!(a.input_format("x.csv"), Some(InputFormat::JsonLines));
    assert_eq!(a.output_format(), OutputFormat::JsonLines);
    let a = run(&[]);
    assert_eq!(a.inputs, ["-"]);
    assert_eq!(a.output_format(), OutputFormat::JsonLines);
    assert_eq!(a.input_format("p.ndjson"), Some(InputFormat::JsonLines));
    assert_eq!(parse(["--help".to_string()]), Ok(Command::Help));
    for bad in [
        vec!["--output", "xml"],
        vec!["--format"],
        vec!["--age-group", "teen"],
        vec!["--bogus"],
    ] {
        assert!(parse(bad.iter().map(|s| s.to_string())).is_err(), "{bad:?}");
    }
}

#[test]
fn fhir_input_scores_each_time_point_of_the_car_t_course_bundle() {
    let bundle = include_str!("../../iectox/tests/fixtures/fhir/cart-course.json");
    let out = iectox_cli::process_as(
        bundle,
        Some(iectox_cli::InputFormat::Fhir),
        &Default::default(),
    );
    assert!(out.len() >= 10, "{}", out.len());
    // Time points in time order, each with its UTC time as id and a report.
    let ids: Vec<&str> = out.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert_eq!(ids[0], "2026-11-19T07:00:00Z");
    assert!(out.iter().all(|r| r.get("report").is_some()));
    let bad = iectox_cli::process_as(
        "{}",
        Some(iectox_cli::InputFormat::Fhir),
        &Default::default(),
    );
    assert_eq!(bad[0]["errors"][0]["kind"], "syntax");
}
