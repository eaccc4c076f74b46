//! Batch scoring for other software: one patient as a JSON object (or an array of them), or
//! many as JSON Lines, in; one JSON result per patient out.
//!
//! Records are read by [`iectox::json::parse_patient`] (see its docs for the format). A bad
//! record yields `{"record": n, "id": …, "errors": [...]}`, each error naming its field, value
//! and accepted range with a `message`, and the batch goes on; a good one yields
//! `{"record": n, "id": …, "report": {...}}` with every assessment, and with
//! [`Options::treatment`] a `"treatment"` dose plan (the same plan the app shows).
//!
//! Course mode ([`process_courses`], `--course`): records of several patients over time, each
//! with a `patient_id` and a `time`, in any order; one result per patient with every time
//! point assessed, the baselines used, the CRS and ICANS episodes, the CRS-phase peak ferritin,
//! trends and treatments (format: [`iectox::course::json`]).

use iectox::json::{parse_patient, records, RecordError};
use iectox::treatment::{treatment_plan, AgeGroup, Regimen};
use iectox::Patient;
use serde_json::{json, Map, Value};

/// Which dose plan to add to each scored record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreatmentChoice {
    /// This regimen for every record.
    Regimen(Regimen),
    /// The regimen of each record's ASTCT CRS grade when it is decided and 1–4 (otherwise the
    /// plan says why there is none).
    CrsGrade,
}

impl TreatmentChoice {
    /// Reads `auto` or a regimen key (`crs_grade_3`, `crs_refractory`, `iec_hs`, …).
    pub fn parse(text: &str) -> Option<TreatmentChoice> {
        if text == "auto" {
            Some(TreatmentChoice::CrsGrade)
        } else {
            Regimen::from_key(text).map(TreatmentChoice::Regimen)
        }
    }
}

/// What to add to each record's output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Add a dose plan.
    pub treatment: Option<TreatmentChoice>,
    /// The answer to "adult or child?" for records without an age.
    pub age_group: Option<AgeGroup>,
}

fn treatment_value(p: &Patient, choice: TreatmentChoice, options: &Options) -> Value {
    let regimen = match choice {
        TreatmentChoice::Regimen(r) => Some(r),
        TreatmentChoice::CrsGrade => iectox::scores::crs::assess(p)
            .assessment
            .value
            .filter(|g| (1..=4).contains(g))
            .map(|g| Regimen::CrsGrade(g as u8)),
    };
    match regimen {
        Some(r) => {
            serde_json::to_value(treatment_plan(p, r, options.age_group)).unwrap_or(Value::Null)
        }
        None => json!({"regimen": null, "reason": "crs_grade_not_decided_or_not_1_to_4"}),
    }
}

fn error_value(e: &RecordError) -> Value {
    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.insert("message".into(), Value::String(e.to_string()));
    }
    v
}

/// Course mode: reads the records of every input (in order; record numbers count across the
/// inputs) as observations, treatments and infusion times of patients, and assesses each
/// patient's course: one output value per patient, in the order of their first record.
pub fn process_courses<S: AsRef<str>>(inputs: &[S]) -> Vec<Value> {
    let all = inputs.iter().flat_map(|t| records(t.as_ref())).collect();
    iectox::course::json::process_courses(all)
}

/// Scores every record of `input`: one output value per record, in order.
pub fn process(input: &str) -> Vec<Value> {
    process_with(input, &Options::default())
}

/// [`process`] with options (a dose plan per record).
pub fn process_with(input: &str, options: &Options) -> Vec<Value> {
    records(input)
        .into_iter()
        .enumerate()
        .map(|(i, rec)| {
            let mut out = Map::new();
            out.insert("record".into(), json!(i + 1));
            match rec {
                Err(syntax) => {
                    out.insert(
                        "errors".into(),
                        json!([{"kind": "syntax", "message": syntax}]),
                    );
                }
                Ok(value) => {
                    if let Some(id) = value.get("id") {
                        out.insert("id".into(), id.clone());
                    }
                    match parse_patient(value) {
                        Ok(p) => {
                            let report = iectox::assess(&p);
                            out.insert(
                                "report".into(),
                                serde_json::to_value(report).unwrap_or(Value::Null),
                            );
                            if let Some(choice) = options.treatment {
                                out.insert(
                                    "treatment".into(),
                                    treatment_value(&p, choice, options),
                                );
                            }
                        }
                        Err(errors) => {
                            out.insert("errors".into(), errors.iter().map(error_value).collect());
                        }
                    }
                }
            }
            Value::Object(out)
        })
        .collect()
}
