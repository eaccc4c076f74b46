//! Batch scoring for other software: one patient as a JSON object (or an array of them), many
//! as JSON Lines or as CSV rows, in; one result per patient out, as JSON Lines or CSV.
//!
//! Records are read by [`iectox::json::read_record`] (see its docs for the format; CSV rows
//! become records as [`csv`] describes). A bad record yields `{"record": n, "id": …,
//! "errors": [...], "partial_report": {...}}`, every error with the JSON `path` of its value,
//! the `field` it names, the value and accepted range or options, and a `message`, and the
//! report of the rest of the record with each refused value missing (absent when the record
//! is not an object; no dose plan); the batch goes on; a good one
//! yields `{"record": n, "id": …, "report": {...}}` with every assessment, and with
//! [`Options::treatment`] a `"treatment"` dose plan (the same plan the app shows).
//!
//! [`compact`] (`--compact`, `--fields`) writes only each score's values; [`batch`] streams
//! JSON Lines through worker threads, the output in input order and the same bytes whatever
//! the number of threads.
//!
//! Course mode ([`process_courses`], `--course`): records of several patients over time, each
//! with a `patient_id` and a `time`, in any order; one result per patient with every time
//! point assessed, the baselines used, the CRS and ICANS episodes, the CRS-phase peak ferritin,
//! trends and treatments (format: [`iectox::course::json`]).

pub mod args;
pub mod batch;
pub mod compact;
pub mod csv;

use iectox::json::{read_record, Node, RecordError};
use iectox::treatment::{treatment_plan, AgeGroup, Regimen};
use iectox::Patient;
use serde_json::{json, Value};

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

pub(crate) fn error_value(e: &RecordError) -> Value {
    let mut v = e.to_value();
    if let Value::Object(m) = &mut v {
        m.insert("message".into(), Value::String(e.to_string()));
    }
    v
}

/// Course mode: reads the records of every input (in order; record numbers count across the
/// inputs) as observations, treatments and infusion times of patients, and assesses each
/// patient's course: one output value per patient, in the order of their first record.
pub fn process_courses<S: AsRef<str>>(inputs: &[S]) -> Vec<Value> {
    let all = inputs
        .iter()
        .flat_map(|t| iectox::json::records(t.as_ref()))
        .collect();
    iectox::course::json::process_courses(all)
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

/// The records of `input`, read one at a time: as `format` says, or JSON / JSON Lines
/// detected when `None`.
pub fn records(
    input: &str,
    format: Option<InputFormat>,
) -> Box<dyn Iterator<Item = Result<Node, RecordError>> + '_> {
    let syntax = |message: String| RecordError::Syntax { message };
    match format {
        None => Box::new(iectox::json::nodes(input).map(move |r| r.map_err(syntax))),
        Some(InputFormat::Json) => match Node::parse(input) {
            Ok(document) => document_records(document),
            Err(e) => Box::new(std::iter::once(Err(syntax(e.to_string())))),
        },
        Some(InputFormat::JsonLines) => Box::new(
            input
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(move |l| Node::parse(l).map_err(|e| syntax(e.to_string()))),
        ),
        Some(InputFormat::Csv) => csv::records(input),
        Some(InputFormat::Fhir) => match iectox::fhir::import(input) {
            Ok(import) => Box::new(import.records().into_iter().map(move |(at, mut record)| {
                record.insert(
                    "id".into(),
                    Value::String(iectox::fhir::format_date_time(at)),
                );
                Node::parse(&Value::Object(record).to_string()).map_err(|e| syntax(e.to_string()))
            })),
            Err(e) => Box::new(std::iter::once(Err(syntax(e.to_string())))),
        },
    }
}

/// The records of one JSON document: the items of an array, or the document itself.
pub fn document_records(document: Node) -> Box<dyn Iterator<Item = Result<Node, RecordError>>> {
    match document {
        Node::Array(items) => Box::new(items.into_iter().map(Ok)),
        other => Box::new(std::iter::once(Ok(other))),
    }
}

/// The outcome of one record: its number (from 1, in input order), its `id` if it has one,
/// and its report (with the dose plan when asked for) or every error.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The record's number, from 1.
    pub record: usize,
    /// The record's `id`, echoed.
    pub id: Option<Value>,
    /// The report, or why there is none.
    pub result: Result<Scored, Vec<RecordError>>,
    /// For a record with errors that is still an object: the report of the rest of it, every
    /// refused value missing (never a default), so each score shows what the valid values give
    /// and which inputs it still needs — as the app does with a refused entry. No dose plan.
    pub partial: Option<iectox::Report>,
}

/// A scored record.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    /// Every assessment.
    pub report: iectox::Report,
    /// The dose plan ([`Options::treatment`]).
    pub treatment: Option<Value>,
}

impl Outcome {
    /// As the JSON object of the JSON Lines output (what [`Outcome`]'s `Serialize` writes).
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// `{"record", "id"?, "report", "treatment"?}` or `{"record", "id"?, "errors",
/// "partial_report"?}`, written
/// straight from the typed report (a report is some 13 kB of JSON: building it as a
/// `serde_json::Value` first would cost several times the scoring).
impl serde::Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("record", &self.record)?;
        if let Some(id) = &self.id {
            map.serialize_entry("id", id)?;
        }
        match &self.result {
            Ok(scored) => {
                map.serialize_entry("report", &scored.report)?;
                if let Some(plan) = &scored.treatment {
                    map.serialize_entry("treatment", plan)?;
                }
            }
            Err(errors) => {
                let list: Vec<Value> = errors.iter().map(error_value).collect();
                map.serialize_entry("errors", &list)?;
                if let Some(report) = &self.partial {
                    map.serialize_entry("partial_report", report)?;
                }
            }
        }
        map.end()
    }
}

/// The outcome of every record of `input`, read as `format` says (see [`records`]), computed
/// one at a time: a large batch is never held in memory.
pub fn outcomes<'a>(
    input: &'a str,
    format: Option<InputFormat>,
    options: &'a Options,
) -> impl Iterator<Item = Outcome> + 'a {
    records(input, format)
        .enumerate()
        .map(move |(i, record)| outcome(i + 1, record, options))
}

/// [`outcomes`] as JSON values.
pub fn results<'a>(
    input: &'a str,
    format: Option<InputFormat>,
    options: &'a Options,
) -> impl Iterator<Item = Value> + 'a {
    outcomes(input, format, options).map(|o| o.to_value())
}

/// Scores every record of `input`, read as `format` says (see [`records`]).
pub fn process_as(input: &str, format: Option<InputFormat>, options: &Options) -> Vec<Value> {
    results(input, format, options).collect()
}

/// The outcome of one record: its report, or its errors and the report of the rest of it.
pub fn outcome(number: usize, record: Result<Node, RecordError>, options: &Options) -> Outcome {
    let (id, patient, errors) = match record {
        Err(e) => (None, None, vec![e]),
        Ok(node) => {
            let (patient, errors) = read_record(&node);
            (node.get("id").map(Node::to_value), patient, errors)
        }
    };
    let (result, partial) = match patient {
        Some(p) if errors.is_empty() => (
            Ok(Scored {
                report: iectox::assess(&p),
                treatment: options
                    .treatment
                    .map(|choice| treatment_value(&p, choice, options)),
            }),
            None,
        ),
        patient => (Err(errors), patient.map(|p| iectox::assess(&p))),
    };
    Outcome {
        record: number,
        id,
        result,
        partial,
    }
}
