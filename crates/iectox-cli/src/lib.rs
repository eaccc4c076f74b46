//! Batch scoring for other software: one patient as a JSON object (or an array of them), or
//! many as JSON Lines, in; one JSON result per patient out.
//!
//! Records are read by [`iectox::json::parse_patient`] (see its docs for the format). A bad
//! record yields `{"record": n, "id": …, "errors": [...]}`, each error naming its field, value
//! and accepted range with a `message`, and the batch goes on; a good one yields
//! `{"record": n, "id": …, "report": {...}}` with every assessment.

use iectox::json::{parse_patient, records, RecordError};
use serde_json::{json, Map, Value};

fn error_value(e: &RecordError) -> Value {
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
                            out.insert("errors".into(), errors.iter().map(error_value).collect());
                        }
                    }
                }
            }
            Value::Object(out)
        })
        .collect()
}
