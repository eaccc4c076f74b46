//! Batch scoring for other software: one patient as a JSON object (or an array of them), or
//! many as JSON Lines, in; one JSON result per patient out.
//!
//! A record is a [`iectox::Patient`] in JSON: quantities as `{"value": 7.2, "unit": "mmol/L"}`
//! (units as clinicians write them: `mg/dL`, `x10^9/L`, `/mm3`, `°F`, …), yes/no findings as
//! booleans, choices as snake_case strings. An optional `"id"` is echoed back. A bad record
//! yields `{"record": n, "id": …, "errors": [...]}` naming each field, value and accepted
//! range, and the batch goes on; a good one yields `{"record": n, "id": …, "report": {...}}`.

use iectox::units::{check_quantity, Unit};
use iectox::{Error, ErrorKind, Field, Patient};
use serde_json::{json, Map, Value};

/// Splits the input into records: a JSON array, a single JSON value, or JSON Lines (one value
/// per non-empty line). A line that is not JSON is a record with a syntax error.
pub fn records(input: &str) -> Vec<Result<Value, String>> {
    if let Ok(v) = serde_json::from_str::<Value>(input) {
        return match v {
            Value::Array(items) => items.into_iter().map(Ok).collect(),
            other => vec![Ok(other)],
        };
    }
    input
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).map_err(|e| e.to_string()))
        .collect()
}

/// Turns one JSON record into a typed patient, or every problem it has.
pub fn parse_patient(record: Value) -> Result<Patient, Vec<Value>> {
    let Value::Object(mut map) = record else {
        return Err(vec![
            json!({"kind": "not_an_object", "message": "a record must be a JSON object"}),
        ]);
    };
    map.remove("id");
    let mut errors: Vec<Value> = Vec::new();
    let keys: Vec<String> = map.keys().cloned().collect();
    for key in keys {
        let Ok(field) = serde_json::from_value::<Field>(Value::String(key.clone())) else {
            continue; // not a field name: left for serde, which reports unknown fields
        };
        // `check_quantity` answers `None` for fields that are not quantities.
        if check_quantity(field, f64::NAN, Unit::Celsius).is_none() {
            continue;
        }
        match normalise_quantity(field, &map[&key]) {
            Ok(v) => {
                map.insert(key, v);
            }
            Err(e) => {
                errors.push(error_value(&e));
                map.remove(&key);
            }
        }
    }
    let patient = match serde_json::from_value::<Patient>(Value::Object(map)) {
        Ok(p) => Some(p),
        Err(e) => {
            errors.push(json!({"kind": "malformed", "message": e.to_string()}));
            None
        }
    };
    if let Some(p) = &patient {
        errors.extend(p.validate().iter().map(error_value));
    }
    match patient {
        Some(p) if errors.is_empty() => Ok(p),
        _ => Err(errors),
    }
}

/// `{"value": number, "unit": text}` checked for `field`, rewritten with the unit's canonical
/// spelling. `null` stays `null` (missing).
fn normalise_quantity(field: Field, v: &Value) -> Result<Value, Error> {
    if v.is_null() {
        return Ok(Value::Null);
    }
    let malformed = |text: String| Error::new(field, ErrorKind::NotANumber { text });
    let obj = v.as_object().ok_or_else(|| malformed(v.to_string()))?;
    let value = obj
        .get("value")
        .and_then(Value::as_f64)
        .ok_or_else(|| malformed(obj.get("value").map_or("(none)".into(), Value::to_string)))?;
    let unit_text = obj.get("unit").and_then(Value::as_str).ok_or_else(|| {
        Error::new(
            field,
            ErrorKind::UnknownUnit {
                text: obj.get("unit").map_or("(none)".into(), Value::to_string),
            },
        )
    })?;
    let unit = Unit::parse(field, unit_text)?;
    check_quantity(field, value, unit).unwrap_or(Ok(()))?;
    Ok(json!({"value": value, "unit": unit}))
}

fn error_value(e: &Error) -> Value {
    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.insert("message".into(), Value::String(e.to_string()));
    }
    v
}

/// Scores every record of `input`: one output value per record, in order.
pub fn process(input: &str) -> Vec<Value> {
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
                        }
                        Err(errors) => {
                            out.insert("errors".into(), Value::Array(errors));
                        }
                    }
                }
            }
            Value::Object(out)
        })
        .collect()
}
