//! Batch scoring for other software: one patient as a JSON object (or an array of them), many
//! as JSON Lines or as CSV rows, in; one result per patient out, as JSON Lines or CSV.
//!
//! Records are read by [`iectox::json::parse_record`] (see its docs for the format; CSV rows
//! become records as [`csv`] describes). A bad record yields `{"record": n, "id": …,
//! "errors": [...]}`, every error with the JSON `path` of its value, the `field` it names, the
//! value and accepted range or options, and a `message`, and the batch goes on; a good one
//! yields `{"record": n, "id": …, "report": {...}}` with every assessment, and with
//! [`Options::treatment`] a `"treatment"` dose plan (the same plan the app shows).

pub mod args;
pub mod csv;

use iectox::json::{parse_record, Node, RecordError};
use iectox::treatment::{treatment_plan, AgeGroup, Regimen};
use iectox::Patient;
use serde_json::{json, Map, Value};

pub use args::{InputFormat, OutputFormat};

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
    let mut v = e.to_value();
    if let Value::Object(m) = &mut v {
        m.insert("message".into(), Value::String(e.to_string()));
    }
    v
}

/// Scores every record of `input` (JSON or JSON Lines, detected): one output value per record,
/// in order.
pub fn process(input: &str) -> Vec<Value> {
    process_with(input, &Options::default())
}

/// [`process`] with options (a dose plan per record).
pub fn process_with(input: &str, options: &Options) -> Vec<Value> {
    process_as(input, None, options)
}

/// Splits `input` into records: as `format` says, or JSON / JSON Lines detected when `None`.
pub fn records(input: &str, format: Option<InputFormat>) -> Vec<Result<Node, RecordError>> {
    let syntax = |message: String| RecordError::Syntax { message };
    match format {
        None => iectox::json::records(input)
            .into_iter()
            .map(|r| r.map_err(syntax))
            .collect(),
        Some(InputFormat::Json) => match Node::parse(input) {
            Ok(Node::Array(items)) => items.into_iter().map(Ok).collect(),
            Ok(other) => vec![Ok(other)],
            Err(e) => vec![Err(syntax(e.to_string()))],
        },
        Some(InputFormat::JsonLines) => input
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| Node::parse(l).map_err(|e| syntax(e.to_string())))
            .collect(),
        Some(InputFormat::Csv) => csv::records(input),
    }
}

/// Scores every record of `input`, read as `format` says (see [`records`]).
pub fn process_as(input: &str, format: Option<InputFormat>, options: &Options) -> Vec<Value> {
    records(input, format)
        .into_iter()
        .enumerate()
        .map(|(i, record)| score(i + 1, record, options))
        .collect()
}

/// The result of one record: its report, or its errors.
pub fn score(number: usize, record: Result<Node, RecordError>, options: &Options) -> Value {
    let mut out = Map::new();
    out.insert("record".into(), json!(number));
    let parsed = match record {
        Err(e) => Err(vec![e]),
        Ok(node) => {
            if let Some(id) = node.get("id") {
                out.insert("id".into(), id.to_value());
            }
            parse_record(&node)
        }
    };
    match parsed {
        Ok(p) => {
            let report = iectox::assess(&p);
            out.insert(
                "report".into(),
                serde_json::to_value(report).unwrap_or(Value::Null),
            );
            if let Some(choice) = options.treatment {
                out.insert("treatment".into(), treatment_value(&p, choice, options));
            }
        }
        Err(errors) => {
            out.insert("errors".into(), errors.iter().map(error_value).collect());
        }
    }
    Value::Object(out)
}
