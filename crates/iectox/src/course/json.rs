//! Courses from JSON records, for the batch (CLI) and JavaScript interfaces: one reader, so
//! that both give the same output. Feature `json`.
//!
//! Each record is a JSON object with a `patient_id` (a non-empty string or an integer) and,
//! in any order across records and patients, one of:
//! - an **observation**: `time` plus any [`Patient`](crate::Patient) fields, read by
//!   [`crate::json::parse_patient`] exactly as a single record (`settings` included: they
//!   become the course's scoring settings and must agree across the patient's records);
//! - a **treatment**: `time`, `drug` (a [`Drug`] key: `tocilizumab`, `dexamethasone`,
//!   `methylprednisolone`, `anakinra`, …) or `other_treatment` (a name), and optionally
//!   `dose_mg`;
//! - the **infusion** alone: `{"patient_id": "bed-4", "infusion": …}`.
//!
//! Any record may carry `infusion`; every patient needs it at least once, and all given
//! values must agree. An `id` key is ignored.
//!
//! **Times** (`time`, `infusion`): an ISO 8601 date-time with `Z` or an offset
//! (`"2026-12-01T10:00:00Z"`, `"2026-12-01T11:00+01:00"`; seconds are dropped), or an integer
//! number of minutes since the Unix epoch. A date-time without offset is an error: it could be
//! any time zone. The infusion's offset is the course's local calendar: day 0 is the calendar
//! day of the infusion there ([`Course::utc_offset`]; UTC for an infusion given in minutes).
//!
//! Output ([`process_courses`]), one value per patient in the order of their first record:
//! `{"patient_id": …, "records": [1, 4, …], "course": CourseReport}` with `infusion_utc` and
//! each time point's `time_utc` added, or `{"patient_id": …, "records": […], "errors": [...]}`
//! when any of the patient's records has a problem (no partial course is scored); a record
//! without a usable `patient_id` yields `{"record": n, "errors": [...]}` at its place. Each
//! error has its `record` (1-based), a `kind`, the details, and a `message`.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde_json::{json, Map, Value};

use super::time::{check_range, format_utc, parse_iso8601, parse_iso8601_with_offset, TimeError};
use super::{Course, CourseError, Observation, Therapy, TreatmentEvent, UtcOffset};
use crate::json::{parse_patient, RecordError};
use crate::patient::Settings;
use crate::treatment::Drug;

/// Why a course record, or a patient's records together, cannot be used.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CourseRecordError {
    /// The line is not JSON.
    Syntax {
        /// The JSON reader's message.
        message: String,
    },
    /// No `patient_id`.
    MissingPatientId,
    /// A `patient_id` that is not a non-empty string or an integer.
    InvalidPatientId {
        /// The value given.
        value: Value,
    },
    /// A record with observations or a treatment but no `time`, or with neither `time` nor
    /// `infusion`.
    MissingTime,
    /// A `time` or `infusion` that is not an accepted date-time.
    Time {
        /// `time` or `infusion`.
        key: String,
        /// What is wrong.
        #[serde(flatten)]
        problem: TimeError,
    },
    /// None of the patient's records gives the infusion time.
    MissingInfusion,
    /// Two records give different infusion times.
    ConflictingInfusion {
        /// This record's infusion.
        infusion: i64,
        /// The infusion given before.
        other: i64,
        /// The record that gave it.
        other_record: usize,
    },
    /// Two records give different scoring `settings`.
    ConflictingSettings {
        /// The record that gave the other settings.
        other_record: usize,
    },
    /// A treatment record that cannot be read (unknown drug, a dose that is not a number,
    /// patient fields mixed in).
    Treatment {
        /// What is wrong.
        message: String,
    },
    /// A record's patient fields (the single-record reader's errors).
    #[serde(untagged)]
    Record(RecordError),
    /// A time that cannot be part of the course (before the infusion by more than 30 days,
    /// a duplicate time, a bad dose).
    #[serde(untagged)]
    Course(CourseError),
}

impl fmt::Display for CourseRecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CourseRecordError::Syntax { message } => f.write_str(message),
            CourseRecordError::MissingPatientId => {
                f.write_str("a course record needs a patient_id")
            }
            CourseRecordError::InvalidPatientId { value } => {
                write!(
                    f,
                    "patient_id {value} is not a non-empty string or an integer"
                )
            }
            CourseRecordError::MissingTime => {
                f.write_str("a course record needs a time (or, alone, the infusion)")
            }
            CourseRecordError::Time { key, problem } => write!(f, "{key}: {problem}"),
            CourseRecordError::MissingInfusion => {
                f.write_str("no record of this patient gives the infusion time")
            }
            CourseRecordError::ConflictingInfusion {
                infusion,
                other,
                other_record,
            } => write!(
                f,
                "infusion {} contradicts {} given in record {other_record}",
                format_utc(*infusion),
                format_utc(*other)
            ),
            CourseRecordError::ConflictingSettings { other_record } => {
                write!(f, "settings contradict those of record {other_record}")
            }
            CourseRecordError::Treatment { message } => write!(f, "treatment: {message}"),
            CourseRecordError::Record(e) => e.fmt(f),
            CourseRecordError::Course(e) => e.fmt(f),
        }
    }
}

/// A time as JSON: an integer (minutes since the epoch) or an ISO 8601 date-time with offset.
pub fn parse_time(value: &Value) -> Result<i64, TimeError> {
    match value {
        Value::String(s) => parse_iso8601(s),
        Value::Number(n) => match n.as_i64() {
            Some(t) => check_range(t),
            None => Err(TimeError::NotADateTime {
                text: n.to_string(),
            }),
        },
        other => Err(TimeError::NotADateTime {
            text: other.to_string(),
        }),
    }
}

/// One patient's records, as read.
#[derive(Default)]
struct Patient {
    id: Value,
    records: Vec<usize>,
    errors: Vec<(Option<usize>, CourseRecordError)>,
    infusion: Option<(i64, usize)>,
    /// The offset written with the infusion (its local calendar counts the days).
    infusion_offset: Option<i32>,
    settings: Option<(Settings, usize)>,
    observations: Vec<(usize, Observation)>,
    treatments: Vec<(usize, TreatmentEvent)>,
}

const TREATMENT_KEYS: [&str; 3] = ["drug", "other_treatment", "dose_mg"];

fn take_time(map: &mut Map<String, Value>, key: &str) -> Result<Option<i64>, CourseRecordError> {
    map.remove(key)
        .map(|v| {
            parse_time(&v).map_err(|problem| CourseRecordError::Time {
                key: key.into(),
                problem,
            })
        })
        .transpose()
}

impl Patient {
    /// Reads record `n` (without its `patient_id`), keeping every problem.
    fn read(&mut self, n: usize, mut map: Map<String, Value>) {
        map.remove("id");
        let mut time_failed = false;
        let mut or_report = |r: Result<Option<i64>, CourseRecordError>| {
            r.unwrap_or_else(|e| {
                self.errors.push((Some(n), e));
                time_failed = true;
                None
            })
        };
        let offset = match map.get("infusion") {
            Some(Value::String(text)) => parse_iso8601_with_offset(text).ok().map(|(_, o)| o),
            _ => None,
        };
        let infusion = or_report(take_time(&mut map, "infusion"));
        let time = or_report(take_time(&mut map, "time"));
        if let Some(t) = infusion {
            match self.infusion {
                Some((other, other_record)) if other != t => {
                    self.errors.push((
                        Some(n),
                        CourseRecordError::ConflictingInfusion {
                            infusion: t,
                            other,
                            other_record,
                        },
                    ));
                }
                Some(_) => {}
                None => {
                    self.infusion = Some((t, n));
                    self.infusion_offset = offset;
                }
            }
        }
        // A time is required unless the record only gives the infusion.
        let only_infusion = infusion.is_some() && map.is_empty();
        if time.is_none() && !time_failed && !only_infusion {
            self.errors.push((Some(n), CourseRecordError::MissingTime));
        }
        if map.contains_key("drug") || map.contains_key("other_treatment") {
            match treatment(map) {
                Ok((therapy, dose_mg)) => {
                    if let Some(time) = time {
                        self.treatments.push((
                            n,
                            TreatmentEvent {
                                time,
                                therapy,
                                dose_mg,
                            },
                        ));
                    }
                }
                Err(message) => self
                    .errors
                    .push((Some(n), CourseRecordError::Treatment { message })),
            }
            return;
        }
        if let Some(key) = TREATMENT_KEYS.iter().find(|k| map.contains_key(**k)) {
            self.errors.push((
                Some(n),
                CourseRecordError::Treatment {
                    message: alloc::format!("{key} without drug or other_treatment"),
                },
            ));
            return;
        }
        if only_infusion {
            return;
        }
        let has_settings = map.contains_key("settings");
        match parse_patient(Value::Object(map)) {
            Ok(values) => {
                if has_settings {
                    match self.settings {
                        Some((s, other_record)) if s != values.settings => {
                            self.errors.push((
                                Some(n),
                                CourseRecordError::ConflictingSettings { other_record },
                            ));
                        }
                        Some(_) => {}
                        None => self.settings = Some((values.settings, n)),
                    }
                }
                if let Some(time) = time {
                    self.observations.push((n, Observation { time, values }));
                }
            }
            Err(errors) => self.errors.extend(
                errors
                    .into_iter()
                    .map(|e| (Some(n), CourseRecordError::Record(e))),
            ),
        }
    }

    /// The course, or every error with its record.
    fn course(mut self) -> Result<Course, Vec<(Option<usize>, CourseRecordError)>> {
        let Some((infusion, _)) = self.infusion else {
            self.errors.push((None, CourseRecordError::MissingInfusion));
            return Err(self.errors);
        };
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        // Records come in any order: sort (stably) by time before building.
        crate::order::sort_by_key(&mut self.observations, |(_, o)| o.time);
        // Treatments at the same minute by name and dose, so that the record order never
        // shows in the output.
        crate::order::sort_by(&mut self.treatments, |(_, a), (_, b)| {
            let name = |t: &TreatmentEvent| match &t.therapy {
                Therapy::Drug(d) => String::from(d.name()),
                Therapy::Other(n) => n.clone(),
            };
            (a.time, name(a)).cmp(&(b.time, name(b))).then(
                a.dose_mg
                    .unwrap_or(0.0)
                    .total_cmp(&b.dose_mg.unwrap_or(0.0)),
            )
        });
        let obs_records: Vec<usize> = self.observations.iter().map(|(n, _)| *n).collect();
        let treat_records: Vec<usize> = self.treatments.iter().map(|(n, _)| *n).collect();
        let observations = self.observations.into_iter().map(|(_, o)| o).collect();
        let treatments = self.treatments.into_iter().map(|(_, e)| e).collect();
        match Course::from_parts(infusion, observations, treatments) {
            Ok(mut course) => {
                if let Some((s, _)) = self.settings {
                    course.scoring = s;
                }
                // The parser accepts offsets up to ±23:59, as UtcOffset does.
                if let Some(offset) = self.infusion_offset.and_then(UtcOffset::new) {
                    course.utc_offset = offset;
                }
                Ok(course)
            }
            Err(errors) => Err(errors
                .into_iter()
                .map(|e| {
                    let records = match e.entry {
                        super::Entry::Observation => &obs_records,
                        super::Entry::Treatment => &treat_records,
                        super::Entry::Infusion => {
                            return (self.infusion.map(|i| i.1), CourseRecordError::Course(e))
                        }
                    };
                    let record = e.index.and_then(|i| records.get(i).copied());
                    let mut e = e;
                    if let super::CourseErrorKind::DuplicateTime { other_index, .. } = &mut e.kind {
                        // Report the other entry by its record number.
                        *other_index = records.get(*other_index).copied().unwrap_or(0);
                    }
                    e.index = None;
                    (record, CourseRecordError::Course(e))
                })
                .collect()),
        }
    }
}

/// The therapy and dose of a treatment record (its other keys removed).
fn treatment(mut map: Map<String, Value>) -> Result<(Therapy, Option<f64>), String> {
    let drug = map.remove("drug");
    let other = map.remove("other_treatment");
    let dose = map.remove("dose_mg");
    if let Some(key) = map.keys().next() {
        return Err(alloc::format!(
            "\"{key}\" is not a key of a treatment record (patient_id, time, drug or other_treatment, dose_mg, infusion, id)"
        ));
    }
    let therapy = match (drug, other) {
        (Some(_), Some(_)) => return Err("give drug or other_treatment, not both".into()),
        (Some(d), None) => Therapy::Drug(
            serde_json::from_value::<Drug>(d).map_err(|e| alloc::format!("drug: {e}"))?,
        ),
        (None, Some(Value::String(name))) => Therapy::Other(name),
        (None, Some(v)) => return Err(alloc::format!("other_treatment {v} is not a name")),
        (None, None) => return Err("drug or other_treatment is needed".into()),
    };
    let dose_mg = match dose {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => n.as_f64(),
        Some(v) => return Err(alloc::format!("dose_mg {v} is not a number of mg")),
    };
    Ok((therapy, dose_mg))
}

fn error_value(record: Option<usize>, e: &CourseRecordError) -> Value {
    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
    let mut out = Map::new();
    if let Some(n) = record {
        out.insert("record".into(), json!(n));
    }
    if let Value::Object(m) = &mut v {
        m.remove("index");
        if let Some(other) = m.remove("other_index") {
            m.insert("other_record".into(), other);
        }
        out.extend(core::mem::take(m));
    }
    out.insert("message".into(), Value::String(e.to_string()));
    Value::Object(out)
}

/// Reads the records (as split by [`crate::json::records`]: `Err` = a line that is not JSON)
/// into one course per patient and assesses each (see the module docs for the format).
pub fn process_courses(records: Vec<Result<Value, String>>) -> Vec<Value> {
    // Output slots, in order of first appearance: a patient (by key) or a lone bad record.
    enum Slot {
        Patient(String),
        Lone(usize, CourseRecordError),
    }
    let mut slots = Vec::new();
    let mut patients: BTreeMap<String, Patient> = BTreeMap::new();
    for (i, rec) in records.into_iter().enumerate() {
        let n = i + 1;
        let mut map = match rec {
            Err(message) => {
                slots.push(Slot::Lone(n, CourseRecordError::Syntax { message }));
                continue;
            }
            Ok(Value::Object(map)) => map,
            Ok(_) => {
                slots.push(Slot::Lone(
                    n,
                    CourseRecordError::Record(RecordError::NotAnObject {
                        path: String::new(),
                    }),
                ));
                continue;
            }
        };
        let id = match map.remove("patient_id") {
            None => {
                slots.push(Slot::Lone(n, CourseRecordError::MissingPatientId));
                continue;
            }
            Some(v) if v.as_str().is_some_and(|s| !s.is_empty()) || v.is_i64() || v.is_u64() => v,
            Some(value) => {
                slots.push(Slot::Lone(n, CourseRecordError::InvalidPatientId { value }));
                continue;
            }
        };
        let key = id.to_string();
        let patient = patients.entry(key.clone()).or_insert_with(|| {
            slots.push(Slot::Patient(key.clone()));
            Patient {
                id,
                ..Patient::default()
            }
        });
        patient.records.push(n);
        patient.read(n, map);
    }
    slots
        .into_iter()
        .map(|slot| match slot {
            Slot::Lone(n, e) => json!({"record": n, "errors": [error_value(Some(n), &e)]}),
            Slot::Patient(key) => {
                let p = patients.remove(&key).unwrap_or_default();
                let mut out = Map::new();
                out.insert("patient_id".into(), p.id.clone());
                out.insert("records".into(), json!(p.records));
                match p.course() {
                    Ok(course) => {
                        out.insert("course".into(), report_value(&course));
                    }
                    Err(errors) => {
                        let list = errors.iter().map(|(n, e)| error_value(*n, e)).collect();
                        out.insert("errors".into(), Value::Array(list));
                    }
                }
                Value::Object(out)
            }
        })
        .collect()
}

/// The course's report as JSON, with `infusion_utc` and each time point's `time_utc` added.
pub fn report_value(course: &Course) -> Value {
    let mut v = serde_json::to_value(course.report()).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.insert(
            "infusion_utc".into(),
            Value::String(format_utc(course.infusion())),
        );
        if let Some(Value::Array(points)) = m.get_mut("time_points") {
            for p in points {
                if let Some(t) = p.get("time").and_then(Value::as_i64) {
                    if let Value::Object(pm) = p {
                        pm.insert("time_utc".into(), Value::String(format_utc(t)));
                    }
                }
            }
        }
    }
    v
}
