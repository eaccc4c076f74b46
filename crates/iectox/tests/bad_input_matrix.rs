//! The bad-input matrix (issue 13, item 6): every input of a patient record — enumerated from
//! the core's own list ([`Field::ALL`], each at its JSON path [`path_of`], written as
//! [`Field::entry`] says) — × every kind of bad value a clinician, a laboratory export or
//! another program sends: empty, spaces, text, negative, zero, NaN/Infinity, 1e309, huge, comma
//! decimal, thousands separators, a wrong unit, the unit of another field, and each JSON type
//! in place of another. For each cell:
//! - the outcome expected for the field's kind (written out below, per case, not skipped):
//!   missing, accepted (as which value), or an error of a given kind;
//! - an error names the field (its `field`, its JSON `path`, its label in the message), the
//!   rejected value and the accepted range, units or options;
//! - nothing is computed from a refused value: the patient read from the record is exactly the
//!   record without that value (so every score is the one of the record without it, and lists
//!   the field as missing), never a default;
//! - the rest of the record is still read and scored (a valid 39 °C still gives CRS its fever).
//!
//! `cargo test -p iectox --features json --test bad_input_matrix -- --nocapture` prints the
//! matrix (field × case → outcome).
#![cfg(feature = "json")]

use std::collections::BTreeSet;

use iectox::json::{path_of, read_record, Node, RecordError};
use iectox::patient::Entry;
use iectox::scores::crs::FeverFinding;
use iectox::units::{accepted_units, check_quantity, Rounded, Unit};
use iectox::{ErrorKind, Field, Patient};
use serde_json::Value;

/// What a cell must give.
#[derive(Clone, Debug)]
enum Expect {
    /// Missing: the value is left out, no error.
    Missing,
    /// Accepted, as this value written in the canonical form.
    Accepted(Node),
    /// An error of this kind (its serde name) whose message quotes each of these texts (the
    /// rejected value, the accepted range, units or options).
    Error(&'static str, Vec<String>),
}

use Expect::{Accepted, Error as Refused, Missing};

fn s(text: &str) -> Node {
    Node::String(text.into())
}

fn n(v: f64) -> Node {
    Node::Number(v)
}

fn obj(entries: &[(&str, Node)]) -> Node {
    Node::Object(
        entries
            .iter()
            .map(|(k, v)| ((*k).into(), v.clone()))
            .collect(),
    )
}

fn q(value: Node, unit: &str) -> Node {
    obj(&[("value", value), ("unit", s(unit))])
}

/// A JSON text read as the batch interface reads it (so `1e309` goes through the parser).
fn parsed(text: &str) -> Node {
    Node::parse(text).unwrap()
}

/// Quantity fields whose accepted range includes 0 in their first unit (a count of 0
/// platelets, an age of 0, no oxygen flow): written out so that a new field, or a change of a
/// plausible bound, is a decision this test makes visible.
const ZERO_ACCEPTED: &[Field] = &[
    Field::Age,
    Field::OxygenFlow,
    Field::Ferritin,
    Field::Triglycerides,
    Field::Fibrinogen,
    Field::Leukocytes,
    Field::Neutrophils,
    Field::Platelets,
    Field::Ast,
    Field::Alt,
    Field::Bilirubin,
    Field::Ldh,
    Field::Crp,
    Field::Scd25,
];

/// Fields whose absence some score reports in its `missing` list whatever the rest of the
/// sample record (others are listed only when they could change a conclusion, e.g. the age
/// when the two ICANS tools would grade differently).
const LISTED_MISSING: &[Field] = &[
    Field::Temperature,
    Field::Ferritin,
    Field::Triglycerides,
    Field::Fibrinogen,
    Field::Platelets,
    Field::Haemoglobin,
    Field::Leukocytes,
    Field::Ast,
    Field::Ldh,
    Field::Crp,
];

/// A quantity field's accepted range in `unit`, as the core states it in its error (the
/// analyte's bounds, then those of a reference value, which are stricter).
fn range(field: Field, unit: Unit) -> (f64, f64) {
    let refused = |v: f64| match check_quantity(field, v, unit) {
        Some(Err(e)) => match e.kind {
            ErrorKind::OutOfRange { min, max, .. } => Some((min, max)),
            other => panic!("{field:?}: {other:?}"),
        },
        Some(Ok(())) => None,
        None => panic!("{field:?} is not a quantity"),
    };
    let (lo, hi) = refused(1e300).unwrap();
    refused(hi).or_else(|| refused(lo)).unwrap_or((lo, hi))
}

/// A valid value of the field, for the record the bad values are placed in.
fn sample(field: Field) -> Node {
    match field.entry() {
        Entry::Quantity(units) => {
            // 39 °C: a fever, so that CRS has something to score from the rest of a record.
            let v = if field == Field::Temperature {
                39.0
            } else {
                let (lo, hi) = range(field, units[0]);
                (((lo + hi) / 2.0) * 10.0).round() / 10.0
            };
            q(n(v), units[0].symbol())
        }
        Entry::Count(_) => n(1.0),
        Entry::YesNo => Node::Bool(false),
        Entry::Choice(options) => s(options[options.len() - 1]),
    }
}

/// A unit the field does not accept: another field's.
fn other_unit(field: Field) -> Unit {
    let units = accepted_units(field);
    *Unit::ALL
        .iter()
        .find(|u| !units.contains(u) && **u != Unit::PgPerMl)
        .unwrap()
}

fn units_text(units: &[Unit]) -> Vec<String> {
    units.iter().map(|u| u.symbol().to_string()).collect()
}

/// Every case for one field, with what it must give.
fn cases(field: Field) -> Vec<(&'static str, Node, Expect)> {
    let mut out: Vec<(&'static str, Node, Expect)> = vec![
        ("empty", s(""), Missing),
        ("spaces", s("   "), Missing),
        ("null", Node::Null, Missing),
    ];
    match field.entry() {
        Entry::Quantity(units) => {
            let u = units[0];
            let sym = u.symbol();
            let (lo, hi) = range(field, u);
            let accepted = units_text(units);
            let with_range = |v: &str| {
                vec![
                    v.to_string(),
                    format!("{}–{} {sym}", Rounded(lo), Rounded(hi)),
                ]
            };
            let Node::Object(parts) = sample(field) else {
                unreachable!()
            };
            let Node::Number(mid) = parts[0].1 else {
                unreachable!()
            };
            let (d, t) = (1.5, 1500.0);
            let fits = |v: f64| lo <= v && v <= hi;
            let thousands = match (fits(d), fits(t)) {
                (true, false) => Accepted(q(n(d), sym)),
                (false, true) => Accepted(q(n(t), sym)),
                _ => Refused(
                    "ambiguous_separator",
                    vec!["\"1,500\"".into(), "1.5".into(), "1500".into()],
                ),
            };
            let other = other_unit(field);
            out.extend([
                ("empty value", q(s(""), sym), Missing),
                ("spaces value", q(s("  "), sym), Missing),
                // An object with neither value nor unit holds no value (a CSV row with both
                // cells empty): missing, not zero.
                ("json {}", obj(&[]), Missing),
                (
                    "text",
                    q(s("abc"), sym),
                    Refused("not_a_number", vec!["\"abc\"".into()]),
                ),
                (
                    "negative",
                    q(n(-1.0), sym),
                    Refused("out_of_range", with_range("-1")),
                ),
                (
                    "negative text",
                    q(s("-1"), sym),
                    Refused("out_of_range", with_range("-1")),
                ),
                (
                    "zero",
                    q(n(0.0), sym),
                    if ZERO_ACCEPTED.contains(&field) {
                        Accepted(q(n(0.0), sym))
                    } else {
                        Refused("out_of_range", with_range("0"))
                    },
                ),
                (
                    "NaN text",
                    q(s("NaN"), sym),
                    Refused("not_a_number", vec!["\"NaN\"".into()]),
                ),
                (
                    "Infinity text",
                    q(s("Infinity"), sym),
                    Refused("not_a_number", vec!["\"Infinity\"".into()]),
                ),
                // A JavaScript NaN or Infinity (the JS API), not expressible in JSON text.
                (
                    "NaN number",
                    q(n(f64::NAN), sym),
                    Refused("not_finite", vec![]),
                ),
                (
                    "Infinity number",
                    q(n(f64::INFINITY), sym),
                    Refused("not_finite", vec![]),
                ),
                (
                    "1e309",
                    parsed(&format!(r#"{{"value": 1e309, "unit": "{sym}"}}"#)),
                    Refused("not_finite", vec![]),
                ),
                (
                    "1e309 text",
                    q(s("1e309"), sym),
                    Refused("not_a_number", vec!["\"1e309\"".into()]),
                ),
                (
                    "huge",
                    q(n(1e21), sym),
                    Refused("out_of_range", with_range("1000000000000000000000")),
                ),
                (
                    "huge text",
                    q(s("1000000000000000000000"), sym),
                    Refused("out_of_range", with_range("1000000000000000000000")),
                ),
                (
                    "comma decimal",
                    q(s(&format!("{mid:.1}").replace('.', ",")), sym),
                    Accepted(q(n(mid), sym)),
                ),
                (
                    "thousands grouped",
                    q(s("1,234,567"), sym),
                    Refused("not_a_number", vec!["\"1,234,567\"".into()]),
                ),
                ("thousands single", q(s("1,500"), sym), thousands),
                (
                    "unit in the value",
                    q(s(&format!("{mid} {sym}")), sym),
                    Refused("not_a_number", vec![format!("\"{mid} {sym}\"")]),
                ),
                (
                    "wrong unit",
                    q(n(mid), "furlongs"),
                    Refused(
                        "unknown_unit",
                        [vec!["\"furlongs\"".into()], accepted.clone()].concat(),
                    ),
                ),
                (
                    "no unit",
                    n(mid),
                    Refused(
                        "unit_required",
                        [vec![format!("{mid}")], accepted.clone()].concat(),
                    ),
                ),
                (
                    "no unit text",
                    s(&format!("{mid}")),
                    Refused(
                        "unit_required",
                        [vec![format!("{mid}")], accepted.clone()].concat(),
                    ),
                ),
                (
                    "value without unit",
                    obj(&[("value", n(mid))]),
                    Refused(
                        "unit_required",
                        [vec![format!("{mid}")], accepted.clone()].concat(),
                    ),
                ),
                (
                    "unit of another field",
                    q(n(mid), other.symbol()),
                    Refused(
                        "unit_not_accepted",
                        [vec![other.symbol().to_string()], accepted.clone()].concat(),
                    ),
                ),
                (
                    "json true",
                    Node::Bool(true),
                    Refused("not_a_number", vec!["true".into()]),
                ),
                (
                    "json array",
                    Node::Array(vec![n(mid)]),
                    Refused("not_a_number", vec![format!("[{mid}]")]),
                ),
                (
                    "json value true",
                    q(Node::Bool(true), sym),
                    Refused("not_a_number", vec!["true".into()]),
                ),
                (
                    "json value object",
                    q(obj(&[("x", n(1.0))]), sym),
                    Refused("not_a_number", vec!["{\"x\":1}".into()]),
                ),
                (
                    "json unit number",
                    obj(&[("value", n(mid)), ("unit", n(5.0))]),
                    Refused(
                        "unknown_unit",
                        [vec!["\"5\"".into()], accepted.clone()].concat(),
                    ),
                ),
            ]);
            if field == Field::Scd25 {
                out.push((
                    "unit of another assay",
                    q(n(mid), "pg/mL"),
                    Refused("not_convertible", vec!["pg/mL".into(), "U/mL".into()]),
                ));
            }
        }
        Entry::Count(max) => {
            let range = format!("0–{max}");
            let thousands = if max >= 1500 {
                Accepted(n(1500.0))
            } else {
                Refused(
                    "ambiguous_separator",
                    vec!["\"1,500\"".into(), "1.5".into(), "1500".into()],
                )
            };
            out.extend([
                (
                    "text",
                    s("abc"),
                    Refused("not_a_number", vec!["\"abc\"".into()]),
                ),
                (
                    "negative",
                    n(-1.0),
                    Refused("count_out_of_range", vec!["-1".into(), range.clone()]),
                ),
                (
                    "negative text",
                    s("-1"),
                    Refused("count_out_of_range", vec!["-1".into(), range.clone()]),
                ),
                ("zero", n(0.0), Accepted(n(0.0))),
                ("zero text", s(" 0 "), Accepted(n(0.0))),
                (
                    "above max",
                    n(f64::from(max) + 1.0),
                    Refused(
                        "count_out_of_range",
                        vec![format!("{}", max + 1), range.clone()],
                    ),
                ),
                (
                    "NaN text",
                    s("NaN"),
                    Refused("not_a_number", vec!["\"NaN\"".into()]),
                ),
                (
                    "Infinity text",
                    s("Infinity"),
                    Refused("not_a_number", vec!["\"Infinity\"".into()]),
                ),
                ("NaN number", n(f64::NAN), Refused("not_finite", vec![])),
                (
                    "Infinity number",
                    n(f64::INFINITY),
                    Refused("not_finite", vec![]),
                ),
                ("1e309", parsed("1e309"), Refused("not_finite", vec![])),
                (
                    "1e309 text",
                    s("1e309"),
                    Refused("not_a_number", vec!["\"1e309\"".into()]),
                ),
                (
                    "huge",
                    n(1e21),
                    Refused(
                        "count_out_of_range",
                        vec!["1000000000000000000000".into(), range.clone()],
                    ),
                ),
                (
                    "huge text",
                    s("1000000000000000000000"),
                    Refused(
                        "count_out_of_range",
                        vec!["1000000000000000000000".into(), range.clone()],
                    ),
                ),
                (
                    "comma decimal",
                    s("1,5"),
                    Refused("not_a_whole_number", vec!["\"1,5\"".into(), range.clone()]),
                ),
                (
                    "decimal",
                    n(1.5),
                    Refused("not_a_whole_number", vec!["\"1.5\"".into(), range.clone()]),
                ),
                (
                    "thousands grouped",
                    s("1,234,567"),
                    Refused("not_a_number", vec!["\"1,234,567\"".into()]),
                ),
                ("thousands single", s("1,500"), thousands),
                (
                    "unit in the value",
                    s("1 points"),
                    Refused("not_a_number", vec!["\"1 points\"".into()]),
                ),
                (
                    "wrong unit",
                    q(n(1.0), "furlongs"),
                    Refused("not_a_whole_number", vec!["furlongs".into(), range.clone()]),
                ),
                (
                    "unit of another field",
                    q(n(1.0), "mg/dL"),
                    Refused("not_a_whole_number", vec!["mg/dL".into(), range.clone()]),
                ),
                ("json string number", s("1"), Accepted(n(1.0))),
                (
                    "json true",
                    Node::Bool(true),
                    Refused("not_a_whole_number", vec!["\"true\"".into(), range.clone()]),
                ),
                (
                    "json array",
                    Node::Array(vec![n(1.0)]),
                    Refused("not_a_whole_number", vec!["\"[1]\"".into(), range.clone()]),
                ),
                (
                    "json {}",
                    obj(&[]),
                    Refused("not_a_whole_number", vec!["\"{}\"".into(), range.clone()]),
                ),
            ]);
        }
        Entry::YesNo => {
            let no = |text: &str| {
                Refused(
                    "not_yes_no",
                    vec![format!("\"{text}\""), "true or false".into()],
                )
            };
            out.extend([
                ("text", s("abc"), no("abc")),
                ("negative", n(-1.0), no("-1")),
                // 0 and 1 are not no and yes: a count or a score in the wrong column.
                ("zero", n(0.0), no("0")),
                ("one", n(1.0), no("1")),
                ("NaN text", s("NaN"), no("NaN")),
                ("Infinity text", s("Infinity"), no("Infinity")),
                ("NaN number", n(f64::NAN), no("NaN")),
                ("Infinity number", n(f64::INFINITY), no("inf")),
                ("1e309", parsed("1e309"), no("inf")),
                ("huge", n(1e21), no("1000000000000000000000")),
                ("comma decimal", s("1,5"), no("1,5")),
                ("thousands", s("1,500"), no("1,500")),
                (
                    "wrong unit",
                    q(Node::Bool(true), "furlongs"),
                    no(r#"{"unit":"furlongs","value":true}"#),
                ),
                (
                    "unit of another field",
                    q(Node::Bool(true), "mg/dL"),
                    no(r#"{"unit":"mg/dL","value":true}"#),
                ),
                ("json string yes", s(" Yes "), Accepted(Node::Bool(true))),
                ("json string false", s("FALSE"), Accepted(Node::Bool(false))),
                ("json true", Node::Bool(true), Accepted(Node::Bool(true))),
                (
                    "json array",
                    Node::Array(vec![Node::Bool(true)]),
                    no("[true]"),
                ),
                ("json {}", obj(&[]), no("{}")),
            ]);
        }
        Entry::Choice(options) => {
            let no = |text: &str| {
                Refused(
                    "unknown_option",
                    [
                        vec![format!("\"{text}\"")],
                        options.iter().map(|o| o.to_string()).collect(),
                    ]
                    .concat(),
                )
            };
            let first = options[0];
            out.extend([
                ("text", s("abc"), no("abc")),
                ("negative", n(-1.0), no("-1")),
                // An option's position is not the option.
                ("zero", n(0.0), no("0")),
                ("NaN text", s("NaN"), no("NaN")),
                ("NaN number", n(f64::NAN), no("NaN")),
                ("1e309", parsed("1e309"), no("inf")),
                ("huge", n(1e21), no("1000000000000000000000")),
                ("comma decimal", s("1,5"), no("1,5")),
                ("thousands", s("1,500"), no("1,500")),
                (
                    "wrong unit",
                    q(s(first), "furlongs"),
                    no(&format!(r#"{{"unit":"furlongs","value":"{first}"}}"#)),
                ),
                (
                    "json string upper case",
                    s(&format!(" {} ", first.to_uppercase())),
                    Accepted(s(first)),
                ),
                ("json true", Node::Bool(true), no("true")),
                (
                    "json array",
                    Node::Array(vec![s(first)]),
                    no(&format!(r#"["{first}"]"#)),
                ),
                ("json {}", obj(&[]), no("{}")),
            ]);
        }
    }
    out
}

/// A record with every field at its sample value except `field`, which is left out or
/// given `value`. Totals are kept consistent with their items as the core computes them (a
/// total the items make impossible is an error naming both, product decision 12): the total
/// is set to the lowest the items allow, or, when the total is the field under test, its
/// items are left out.
fn record(field: Option<Field>, value: Option<Node>) -> Node {
    let mut fields: Vec<(Field, Node)> = Field::ALL
        .iter()
        .filter(|&&f| Some(f) != field)
        .map(|&f| (f, sample(f)))
        .collect();
    if let (Some(f), Some(v)) = (field, value) {
        fields.push((f, v));
    }
    let (_, errors) = read_record(&build(&fields));
    for e in errors {
        if let RecordError::Input(iectox::Error {
            field: total,
            kind: ErrorKind::TotalContradictsItems { min, items, .. },
        }) = e
        {
            if Some(total) == field {
                fields.retain(|(f, _)| !items.contains(f));
            } else {
                for (f, v) in &mut fields {
                    if *f == total {
                        *v = n(min as f64);
                    }
                }
            }
        }
    }
    build(&fields)
}

fn build(fields: &[(Field, Node)]) -> Node {
    let mut top: Vec<(String, Node)> = Vec::new();
    for (field, value) in fields {
        let path = path_of(*field);
        match path.split_once('.') {
            None => top.push((path, value.clone())),
            Some((group, key)) => {
                let at = match top.iter().position(|(k, _)| k == group) {
                    Some(i) => i,
                    None => {
                        top.push((group.into(), Node::Object(vec![])));
                        top.len() - 1
                    }
                };
                let Node::Object(items) = &mut top[at].1 else {
                    unreachable!()
                };
                items.push((key.into(), value.clone()));
            }
        }
    }
    Node::Object(top)
}

fn patient(record: &Node) -> Patient {
    match read_record(record) {
        (Some(p), errors) if errors.is_empty() => p,
        other => panic!("{other:?}"),
    }
}

/// Every field named in a `missing` list anywhere in a report.
fn missing_anywhere(report: &iectox::Report) -> BTreeSet<String> {
    fn walk(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    if k == "missing" {
                        if let Value::Array(items) = v {
                            out.extend(items.iter().filter_map(|i| i.as_str().map(String::from)));
                        }
                    }
                    walk(v, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(&serde_json::to_value(report).unwrap(), &mut out);
    out
}

fn key(field: Field) -> String {
    serde_json::to_value(field)
        .unwrap()
        .as_str()
        .unwrap()
        .into()
}

#[test]
fn every_cell_of_the_bad_input_matrix() {
    let mut cells = 0;
    let mut summary = Vec::new();
    for &field in Field::ALL {
        let path = path_of(field);
        let without = patient(&record(Some(field), None));
        let report_without = iectox::assess(&without);
        // Missing is never normal: the scores that use these fields list them as missing
        // (and give a range) when they are absent — as when refused, below.
        if LISTED_MISSING.contains(&field) {
            assert!(
                missing_anywhere(&report_without).contains(&key(field)),
                "{path}: not listed as missing when absent"
            );
        }
        assert_ne!(
            report_without,
            iectox::assess(&Patient::default()),
            "{path}"
        );
        let mut row = Vec::new();
        for (case, value, expect) in cases(field) {
            cells += 1;
            let cell = format!("{path} × {case} ({value:?})");
            let (read, errors) = read_record(&record(Some(field), Some(value.clone())));
            let read = read.unwrap_or_else(|| panic!("{cell}: no patient, {errors:?}"));
            let outcome = match &expect {
                Missing => {
                    assert_eq!(errors, vec![], "{cell}");
                    assert_eq!(read, without, "{cell}: must be missing");
                    "missing".to_string()
                }
                Accepted(canonical) => {
                    assert_eq!(errors, vec![], "{cell}");
                    let want = patient(&record(Some(field), Some(canonical.clone())));
                    assert_eq!(read, want, "{cell}: accepted as {canonical:?}");
                    // (A setting left out takes its default, which an option may equal.)
                    if !path.starts_with("settings.") {
                        assert_ne!(read, without, "{cell}: accepted yet missing");
                    }
                    "ok".to_string()
                }
                Refused(kind, quoted) => {
                    assert_eq!(errors.len(), 1, "{cell}: {errors:?}");
                    let e = &errors[0];
                    let v = e.to_value();
                    assert_eq!(v["kind"], *kind, "{cell}: {v}");
                    assert_eq!(e.field(), Some(field), "{cell}: {v}");
                    assert_eq!(e.path(), path, "{cell}");
                    assert_eq!(v["path"], path.as_str(), "{cell}");
                    let message = e.to_string();
                    assert!(
                        message.starts_with(&format!("{}: ", field.label())),
                        "{cell}: {message}"
                    );
                    for q in quoted {
                        assert!(
                            message.contains(q.as_str()),
                            "{cell}: {message:?} lacks {q:?}"
                        );
                    }
                    // Nothing is computed from the refused value, and the rest is read.
                    assert_eq!(read, without, "{cell}: the refused value must be missing");
                    kind.to_string()
                }
            };
            if field != Field::Temperature {
                // The rest of the record still scores: the valid 39 °C gives CRS its fever.
                let crs = iectox::scores::crs::assess(&read);
                assert_eq!(crs.fever, Some(FeverFinding::Fever), "{cell}");
            } else if !matches!(expect, Accepted(_)) {
                let crs = iectox::scores::crs::assess(&read);
                assert_eq!(crs.fever, None, "{cell}: fever from a refused temperature");
                assert!(
                    crs.assessment.missing.contains(&Field::Temperature),
                    "{cell}"
                );
            }
            row.push(format!("{case}={outcome}"));
        }
        summary.push(format!("{path}: {}", row.join(", ")));
    }
    println!(
        "bad-input matrix: {} fields, {cells} cells",
        Field::ALL.len()
    );
    for line in summary {
        println!("  {line}");
    }
    assert!(cells > 1000, "{cells}");
}

/// The matrix enumerates [`Field::ALL`]: that list must be exactly the inputs of a
/// [`Patient`], so that a new member of the patient is a new row of the matrix.
#[test]
fn the_record_fields_are_the_patients_inputs() {
    fn keys(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
        if let Value::Object(m) = v {
            for (k, v) in m {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                if prefix.is_empty() && v.is_object() {
                    keys(v, &path, out);
                } else {
                    out.insert(path);
                }
            }
        }
    }
    let mut members = BTreeSet::new();
    keys(
        &serde_json::to_value(Patient::default()).unwrap(),
        "",
        &mut members,
    );
    // The clinician's "adult or child?" answer is an option of the interfaces (the CLI's
    // `--age-group`), not a value of the record.
    assert!(members.remove("settings.icans_age_group"));
    let paths: BTreeSet<String> = Field::ALL.iter().map(|&f| path_of(f)).collect();
    assert_eq!(members, paths);
    // And each is read: a valid value of every field reaches the patient.
    for &field in Field::ALL {
        let with = patient(&record(None, None));
        let without = patient(&record(Some(field), None));
        assert_ne!(with, without, "{}", path_of(field));
    }
}
