//! Patients from JSON records, for the batch (CLI) and JavaScript interfaces: one parser, so
//! that both report the same errors. Feature `json`.
//!
//! A record is a JSON object whose keys are the [`Patient`] fields (the snake_case names of
//! [`Field`]): quantities as `{"value": 7.2, "unit": "mmol/L"}` with units as clinicians
//! write them (`mg/dL`, `x10^9/L`, `/mm3`, `°F`, …), yes/no findings as booleans, choices as
//! snake_case strings, and `settings`. An `"id"` key is ignored (callers echo it). A value may
//! also be the number as typed, in a string (`"7,2"`): it is read as the app reads it, with the
//! decimal-separator rule of [`crate::units::Quantity::parse`] (`"1.498"` mmol/L is 1.498;
//! `"1.000"` ng/mL is refused as ambiguous), and `""` is missing.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde_json::{Map, Value};

use crate::units::{check_quantity, parse_quantity, Unit};
use crate::{Error, ErrorKind, Field, Patient};

/// Why a record could not be read.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RecordError {
    /// The record is not a JSON object.
    NotAnObject,
    /// Not JSON, an unknown key, or a value of the wrong type (serde's message).
    Malformed {
        /// What the JSON reader said.
        message: String,
    },
    /// An input with a precise problem (field, value, accepted range), serialised as the
    /// [`Error`] itself.
    #[serde(untagged)]
    Input(Error),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Input(e) => e.fmt(f),
            RecordError::NotAnObject => f.write_str("a record must be a JSON object"),
            RecordError::Malformed { message } => f.write_str(message),
        }
    }
}

/// Reads one record (see the module docs). Returns every problem, not only the first.
pub fn parse_patient(record: Value) -> Result<Patient, Vec<RecordError>> {
    let Value::Object(mut map) = record else {
        return Err(alloc::vec![RecordError::NotAnObject]);
    };
    map.remove("id");
    let mut errors = Vec::new();
    normalise_quantities(&mut map, &mut errors);
    let patient = match serde_json::from_value::<Patient>(Value::Object(map)) {
        Ok(p) => Some(p),
        Err(e) => {
            errors.push(RecordError::Malformed {
                message: e.to_string(),
            });
            None
        }
    };
    if let Some(p) = &patient {
        errors.extend(p.validate().into_iter().map(RecordError::Input));
    }
    match patient {
        Some(p) if errors.is_empty() => Ok(p),
        _ => Err(errors),
    }
}

/// Checks every quantity with its own field in errors, accepting unit spellings, and rewrites
/// it with the unit's canonical spelling; a bad quantity is reported and removed.
fn normalise_quantities(map: &mut Map<String, Value>, errors: &mut Vec<RecordError>) {
    let keys: Vec<String> = map.keys().cloned().collect();
    for key in keys {
        let Ok(field) = serde_json::from_value::<Field>(Value::String(key.clone())) else {
            continue; // not a field: serde reports unknown keys
        };
        // `check_quantity` answers `None` for fields that are not quantities.
        if check_quantity(field, f64::NAN, Unit::Celsius).is_none() {
            continue;
        }
        match quantity(field, &map[&key]) {
            Ok(v) => {
                map.insert(key, v);
            }
            Err(e) => {
                errors.push(RecordError::Input(e));
                map.remove(&key);
            }
        }
    }
}

fn quantity(field: Field, v: &Value) -> Result<Value, Error> {
    if v.is_null() {
        return Ok(Value::Null);
    }
    // The text as written, without the quotes of a JSON string (the message adds its own).
    let malformed = |v: Option<&Value>| {
        let text = match v {
            None => "(none)".into(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        Error::new(field, ErrorKind::NotANumber { text })
    };
    let obj = v.as_object().ok_or_else(|| malformed(Some(v)))?;
    let raw = obj.get("value");
    let number = match raw {
        Some(Value::String(_)) => None, // read once the unit is known
        _ => Some(raw.and_then(Value::as_f64).ok_or_else(|| malformed(raw))?),
    };
    let unit_text = obj.get("unit").and_then(Value::as_str).ok_or_else(|| {
        Error::new(
            field,
            ErrorKind::UnknownUnit {
                text: obj.get("unit").map_or("(none)".into(), Value::to_string),
            },
        )
    })?;
    let unit = Unit::parse(field, unit_text)?;
    let value = match (number, raw) {
        (Some(value), _) => value,
        (None, Some(Value::String(text))) => match parse_quantity(field, text, unit) {
            Some(Ok(Some(value))) => value,
            Some(Ok(None)) => return Ok(Value::Null),
            Some(Err(e)) => return Err(e),
            None => return Err(malformed(raw)),
        },
        (None, _) => return Err(malformed(raw)),
    };
    check_quantity(field, value, unit).unwrap_or(Ok(()))?;
    let mut out = Map::new();
    out.insert("value".into(), Value::from(value));
    out.insert(
        "unit".into(),
        serde_json::to_value(unit).unwrap_or(Value::Null),
    );
    Ok(Value::Object(out))
}

/// Splits a text into records: a JSON array, a single JSON value, or JSON Lines (one value per
/// non-empty line). A line that is not JSON is an `Err` with the reader's message.
pub fn records(input: &str) -> Vec<Result<Value, String>> {
    if let Ok(v) = serde_json::from_str::<Value>(input) {
        return match v {
            Value::Array(items) => items.into_iter().map(Ok).collect(),
            other => alloc::vec![Ok(other)],
        };
    }
    input
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).map_err(|e| e.to_string()))
        .collect()
}
