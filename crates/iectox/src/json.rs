//! Patients from records, for the batch (CLI) and JavaScript interfaces: one reader, so that
//! both report the same errors. Feature `json`.
//!
//! A record is a JSON object whose keys are the [`Patient`] fields (the snake_case names of
//! [`Field`]; how each is written is [`Field::entry`]):
//! - quantities as `{"value": 7.2, "unit": "mmol/L"}`, the unit as clinicians, laboratory
//!   exports or FHIR (UCUM) write it ([`Unit::parse`]: `mg/dL`, `x10^9/L`, `10*9/L`, `G/L`,
//!   `/mm3`, `°F`, `[degF]`, `Cel`, …). The value may be the number as typed, in a string
//!   (`"7,2"`), read as the app reads it, with the decimal-separator rule of
//!   [`crate::units::Quantity::parse`] (`"1.498"` mmol/L is 1.498; `"1.000"` ng/mL is refused
//!   as ambiguous). A number without a unit is refused, naming the accepted units;
//! - yes/no findings as `true`/`false` (or the strings `"true"`, `"false"`, `"yes"`, `"no"`);
//! - counts and scores as whole numbers, or as text read by [`parse_count`];
//! - choices as snake_case strings (case-insensitive);
//! - `ice_items`, `capd_items` and `settings` as objects of their items.
//!
//! `null` and `""` are missing, never normal. An `"id"` key is ignored (callers echo it).
//!
//! Every problem of a record is reported, not only the first, each as a [`RecordError`] with
//! the JSON path of the value (`ice_items.orientation`) and, for an input, the [`Error`]
//! naming its field: a value of the wrong type, a key given twice (which a JSON object would
//! silently resolve to the last), an unknown key, a number too large for a double (`1e309`).

use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::patient::Entry;
use crate::units::{check_quantity, parse_count, parse_quantity, Unit};
use crate::{Error, ErrorKind, Field, Patient};

/// A JSON value as written: an object keeps its entries in order, and a key given twice
/// twice, so that a record can report it (a JSON map keeps only the last).
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number. One too large for a double (`1e309`) is infinite here, and refused by the
    /// field that reads it, with its name.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object's entries, in order.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// Reads JSON text. Unlike `serde_json::Value`, a key given twice is kept twice and a
    /// number out of a double's range is kept (as infinite) for its field to refuse.
    pub fn parse(text: &str) -> Result<Node, serde_json::Error> {
        // `RawValue` checks the syntax without converting numbers; each part is then read
        // again, so a number's text is converted here, where an overflow is not an error.
        let raw: &RawValue = serde_json::from_str(text)?;
        Node::from_raw(raw, 0)
    }

    fn from_raw(raw: &RawValue, depth: u8) -> Result<Node, serde_json::Error> {
        // serde_json checks a raw value's syntax without a depth limit: keep its usual one,
        // so that nesting cannot exhaust the stack here.
        if depth > 128 {
            return Err(de::Error::custom("recursion limit exceeded"));
        }
        let text = raw.get().trim();
        Ok(match text.as_bytes().first() {
            Some(b'{') => {
                let Entries(entries) = serde_json::from_str(text)?;
                let mut out = Vec::with_capacity(entries.len());
                for (key, value) in entries {
                    out.push((key, Node::from_raw(value, depth + 1)?));
                }
                Node::Object(out)
            }
            Some(b'[') => {
                let items: Vec<&RawValue> = serde_json::from_str(text)?;
                Node::Array(
                    items
                        .into_iter()
                        .map(|item| Node::from_raw(item, depth + 1))
                        .collect::<Result<_, _>>()?,
                )
            }
            Some(b'"') => Node::String(serde_json::from_str(text)?),
            Some(b't') => Node::Bool(true),
            Some(b'f') => Node::Bool(false),
            Some(b'n') => Node::Null,
            // JSON number syntax (checked) is a subset of Rust's; `1e309` reads as infinity.
            _ => Node::Number(text.parse().unwrap_or(f64::NAN)),
        })
    }

    /// The first value of `key`, when this is an object.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// As a `serde_json::Value` (the last value of a key given twice; a whole number as an
    /// integer; a non-finite number as `null`).
    pub fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) if libm::trunc(*n) == *n && n.abs() < 9.0e15 => Value::from(*n as i64),
            Node::Number(n) => Value::from(*n),
            Node::String(s) => Value::String(s.clone()),
            Node::Array(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            Node::Object(entries) => {
                // Inserted one by one (a repeated key keeps its last value, as `collect` does):
                // collecting compiles a copy of the standard sort for the map's entries.
                let mut map = Map::new();
                for (k, v) in entries {
                    map.insert(k.clone(), v.to_value());
                }
                Value::Object(map)
            }
        }
    }

    /// The value as given, for a message: a string without its quotes, anything else as
    /// compact JSON.
    fn text(&self) -> String {
        match self {
            Node::String(s) => s.clone(),
            Node::Number(n) => alloc::format!("{n}"),
            other => other.to_value().to_string(),
        }
    }

    /// `null`, or a string with nothing but spaces: a missing value.
    fn is_missing(&self) -> bool {
        match self {
            Node::Null => true,
            Node::String(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// An object's entries with their values unread (see [`Node::parse`]).
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for EntriesVisitor<'a> {
            type Value = Entries<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'a RawValue>()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}

/// From any self-describing format (a `serde_json::Value`, a JavaScript object): every key of
/// an object is kept, in order.
impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Number(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
                Ok(Node::String(v.into()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
                Ok(Node::String(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Node>()? {
                    entries.push(entry);
                }
                Ok(Node::Object(entries))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// Why a record, or one of its values, could not be read. Every variant but `Syntax` carries
/// the JSON path of the value (`ferritin`, `ice_items.orientation`; empty for the record).
#[derive(Clone, Debug, PartialEq)]
pub enum RecordError {
    /// The record is not JSON (or, in a CSV file, not a readable row).
    Syntax {
        /// What the reader said.
        message: String,
    },
    /// The record, or a value that must be an object (`ice_items`, `settings`), is not one.
    NotAnObject {
        /// The JSON path; empty for the record itself.
        path: String,
    },
    /// A key that is not an input (never ignored: a misspelt key would otherwise be missing).
    UnknownKey {
        /// The JSON path of the key.
        path: String,
        /// The accepted key it most likely stands for.
        suggestion: Option<String>,
    },
    /// A key given more than once in one object (which value is meant cannot be known).
    DuplicateKey {
        /// The JSON path of the key.
        path: String,
        /// The input it names, if any.
        field: Option<Field>,
    },
    /// An input with a precise problem: its field, the value, the accepted values. Its path
    /// is the field's ([`path_of`]).
    Input(Error),
    /// Values that each passed their field's checks but not the typed patient (a defect of
    /// this reader, not of the record).
    Malformed {
        /// What the typed reader said.
        message: String,
    },
}

impl RecordError {
    /// The JSON path of the value the error is about (empty for the record itself or a syntax
    /// error).
    pub fn path(&self) -> String {
        match self {
            RecordError::NotAnObject { path }
            | RecordError::UnknownKey { path, .. }
            | RecordError::DuplicateKey { path, .. } => path.clone(),
            RecordError::Input(error) => path_of(error.field),
            RecordError::Syntax { .. } | RecordError::Malformed { .. } => String::new(),
        }
    }

    /// The input the error is about, when it is one.
    pub fn field(&self) -> Option<Field> {
        match self {
            RecordError::Input(error) => Some(error.field),
            RecordError::DuplicateKey { field, .. } => *field,
            _ => None,
        }
    }

    /// As a JSON object: `kind`, `path`, `field` and the kind's details (the [`Error`]'s own
    /// fields for an input); callers add the `message`.
    pub fn to_value(&self) -> Value {
        let mut out = Map::new();
        let mut kind = |k: &str| {
            out.insert("kind".into(), Value::String(k.into()));
        };
        match self {
            RecordError::Syntax { .. } => kind("syntax"),
            RecordError::NotAnObject { .. } => kind("not_an_object"),
            RecordError::UnknownKey { suggestion, .. } => {
                kind("unknown_key");
                if let Some(s) = suggestion {
                    out.insert("suggestion".into(), Value::String(s.clone()));
                }
            }
            RecordError::DuplicateKey { .. } => kind("duplicate_key"),
            RecordError::Malformed { .. } => kind("malformed"),
            RecordError::Input(error) => {
                if let Ok(Value::Object(m)) = serde_json::to_value(error) {
                    out = m;
                }
            }
        }
        if let Some(field) = self.field() {
            out.insert(
                "field".into(),
                serde_json::to_value(field).unwrap_or(Value::Null),
            );
        }
        if !matches!(
            self,
            RecordError::Syntax { .. } | RecordError::Malformed { .. }
        ) {
            out.insert("path".into(), Value::String(self.path()));
        }
        Value::Object(out)
    }
}

impl serde::Serialize for RecordError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Input(error) => error.fmt(f),
            RecordError::Syntax { message } | RecordError::Malformed { message } => {
                f.write_str(message)
            }
            RecordError::NotAnObject { path } if path.is_empty() => {
                f.write_str("a record must be a JSON object")
            }
            RecordError::NotAnObject { path } => {
                write!(f, "{path}: must be an object of its items")
            }
            RecordError::UnknownKey { path, suggestion } => {
                write!(f, "unknown key \"{path}\"")?;
                if let Some(s) = suggestion {
                    write!(f, "; did you mean \"{s}\"?")?;
                }
                Ok(())
            }
            RecordError::DuplicateKey { path, field } => {
                if let Some(field) = field {
                    write!(f, "{field}: ")?;
                }
                write!(
                    f,
                    "\"{path}\" is given more than once; give it once (which value is meant cannot be known)"
                )
            }
        }
    }
}

/// The items of `ice_items`.
const ICE_ITEMS: &[(&str, Field)] = &[
    ("orientation", Field::IceOrientation),
    ("naming", Field::IceNaming),
    ("commands", Field::IceCommands),
    ("writing", Field::IceWriting),
    ("attention", Field::IceAttention),
];

/// The items of `capd_items`.
const CAPD_ITEMS: &[(&str, Field)] = &[
    ("eye_contact", Field::CapdEyeContact),
    ("purposeful", Field::CapdPurposeful),
    ("aware", Field::CapdAware),
    ("communicates", Field::CapdCommunicates),
    ("restless", Field::CapdRestless),
    ("inconsolable", Field::CapdInconsolable),
    ("underactive", Field::CapdUnderactive),
    ("slow_to_respond", Field::CapdSlowToRespond),
];

/// The items of `settings`.
const SETTINGS: &[(&str, Field)] = &[
    ("hlh_fever_rule", Field::HlhFeverRule),
    ("capd_below_age_years", Field::CapdBelowAgeYears),
];

/// The record's objects of items.
const GROUPS: &[(&str, &[(&str, Field)])] = &[
    ("ice_items", ICE_ITEMS),
    ("capd_items", CAPD_ITEMS),
    ("settings", SETTINGS),
];

/// The JSON path of a field in a record (`ferritin`, `ice_items.orientation`).
pub fn path_of(field: Field) -> String {
    for (group, items) in GROUPS {
        if let Some((key, _)) = items.iter().find(|(_, f)| *f == field) {
            return alloc::format!("{group}.{key}");
        }
    }
    key_of(field)
}

/// The snake_case name of a field (its serde name).
fn key_of(field: Field) -> String {
    match serde_json::to_value(field) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The field a top-level key names, if it is one (items of a group are not top-level keys).
fn top_level_field(key: &str) -> Option<Field> {
    let field =
        Field::deserialize(de::value::StrDeserializer::<de::value::Error>::new(key)).ok()?;
    let nested = GROUPS
        .iter()
        .any(|(_, items)| items.iter().any(|(_, f)| *f == field));
    (!nested).then_some(field)
}

/// Every accepted path: top-level keys, and `group.item`.
fn accepted_paths() -> Vec<String> {
    let mut out: Vec<String> = Field::ALL.iter().map(|&f| path_of(f)).collect();
    out.extend(GROUPS.iter().map(|(g, _)| String::from(*g)));
    out.push("id".into());
    out
}

/// The accepted key `path` most likely stands for: the value of a unit column, the same field
/// written at another level (`ice_orientation` for `ice_items.orientation`), or one within two
/// edits.
fn suggestion(path: &str) -> Option<String> {
    let accepted = accepted_paths();
    // A CSV unit column without its value column (`ferritin_unit` and no `ferritin`).
    if let Some(stem) = path.strip_suffix("_unit") {
        if accepted.iter().any(|a| a == stem) {
            return Some(stem.into());
        }
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    if let Some(f) = Field::deserialize(de::value::StrDeserializer::<de::value::Error>::new(last))
        .ok()
        .filter(|f| path_of(*f) != path)
    {
        return Some(path_of(f));
    }
    // Two keys whose lengths differ by more than two are more than two edits apart: skipping
    // them keeps an unknown key of any length cheap (a 2 KB key took ~1 ms, found by fuzzing).
    let length = path.chars().count();
    accepted
        .into_iter()
        .filter(|a| a.chars().count().abs_diff(length) <= 2)
        .map(|a| (edit_distance(path, &a), a))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

/// Levenshtein distance (for suggestions only, between keys of similar length).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(previous + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}

/// Reads one record (see the module docs). Returns every problem, not only the first.
pub fn parse_patient(record: Value) -> Result<Patient, Vec<RecordError>> {
    match Node::deserialize(record) {
        Ok(node) => parse_record(&node),
        Err(e) => Err(alloc::vec![RecordError::Syntax {
            message: e.to_string()
        }]),
    }
}

/// Reads one record given as a [`Node`] (duplicate keys and out-of-range numbers reported):
/// the patient only when the record has no error (see [`read_record`] for the values that
/// could be read from a record with errors).
pub fn parse_record(record: &Node) -> Result<Patient, Vec<RecordError>> {
    match read_record(record) {
        (Some(patient), errors) if errors.is_empty() => Ok(patient),
        (_, errors) => Err(errors),
    }
}

/// Reads one record as far as it can: every problem, and the patient with each refused value
/// left out (missing, never a default or a normal value), so that the scores show what the
/// rest of the record gives and which inputs they still need — as the app's form does with a
/// refused entry. The patient is `None` when the record is not an object (or, a defect of
/// this reader, its values do not make a patient). A value two inputs contradict (an ICE
/// total the items make impossible) stays in the patient: the scores handle the
/// contradiction themselves (product decision 12).
pub fn read_record(record: &Node) -> (Option<Patient>, Vec<RecordError>) {
    let mut errors = Vec::new();
    let Some(typed) = read_object(record, "", &mut errors, &|key| match key {
        "id" => Some(Slot::Ignored),
        _ => GROUPS
            .iter()
            .find(|(g, _)| *g == key)
            .map(|(_, items)| Slot::Group(items))
            .or_else(|| top_level_field(key).map(Slot::Field)),
    }) else {
        return (None, errors);
    };
    let patient = match serde_json::from_value::<Patient>(Value::Object(typed)) {
        Ok(p) => p,
        Err(e) => {
            errors.push(RecordError::Malformed {
                message: e.to_string(),
            });
            return (None, errors);
        }
    };
    errors.extend(patient.validate().into_iter().map(RecordError::Input));
    (Some(patient), errors)
}

/// What a key of an object holds.
enum Slot {
    /// An input.
    Field(Field),
    /// An object of items.
    Group(&'static [(&'static str, Field)]),
    /// Read by the caller (`id`).
    Ignored,
}

/// Reads an object whose keys `slot` knows into the typed form (`None` if it is not an
/// object; missing values are left out). Every problem is added to `errors`.
fn read_object(
    node: &Node,
    path: &str,
    errors: &mut Vec<RecordError>,
    slot: &dyn Fn(&str) -> Option<Slot>,
) -> Option<Map<String, Value>> {
    let Node::Object(entries) = node else {
        errors.push(RecordError::NotAnObject { path: path.into() });
        return None;
    };
    let mut out = Map::new();
    let (mut seen, mut reported) = (BTreeSet::new(), BTreeSet::new());
    for (key, value) in entries {
        // Built only for an error or a group: most values have none.
        let key_path = || join(path, key);
        let slot = slot(key);
        if !seen.insert(key.as_str()) {
            // Neither value is used; reported once however often the key repeats (an unknown
            // key is already reported as such).
            if slot.is_some() && reported.insert(key.as_str()) {
                let field = match slot {
                    Some(Slot::Field(f)) => Some(f),
                    _ => None,
                };
                errors.push(RecordError::DuplicateKey {
                    path: key_path(),
                    field,
                });
            }
            out.remove(key.as_str());
            continue;
        }
        match slot {
            None => errors.push(RecordError::UnknownKey {
                suggestion: suggestion(&key_path()),
                path: key_path(),
            }),
            Some(Slot::Ignored) => {}
            Some(Slot::Field(field)) => {
                if let Some(v) = read_value(field, &key_path, value, errors) {
                    out.insert(key.clone(), v);
                }
            }
            Some(Slot::Group(items)) => {
                if value.is_missing() {
                    continue;
                }
                let group = read_object(value, &key_path(), errors, &|k| {
                    items
                        .iter()
                        .find(|(item, _)| *item == k)
                        .map(|(_, f)| Slot::Field(*f))
                });
                if let Some(group) = group {
                    out.insert(key.clone(), Value::Object(group));
                }
            }
        }
    }
    Some(out)
}

/// `parent.key`, or `key` at the top level.
fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.into()
    } else {
        alloc::format!("{parent}.{key}")
    }
}

/// Reads one input's value in its typed form (`None` when missing or refused; a refusal is
/// added to `errors`; `path` gives the value's JSON path for the errors of its parts).
fn read_value(
    field: Field,
    path: &dyn Fn() -> String,
    node: &Node,
    errors: &mut Vec<RecordError>,
) -> Option<Value> {
    let result = match field.entry() {
        Entry::Quantity(units) => quantity(field, path, node, units, errors),
        Entry::Count(max) => count(field, node, max),
        Entry::YesNo => yes_no(field, node),
        Entry::Choice(options) => choice(field, node, options),
    };
    match result {
        Ok(v) => v,
        Err(error) => {
            errors.push(RecordError::Input(error));
            None
        }
    }
}

fn quantity(
    field: Field,
    path: &dyn Fn() -> String,
    node: &Node,
    units: &[Unit],
    errors: &mut Vec<RecordError>,
) -> Result<Option<Value>, Error> {
    let unit_required = |value: &Node| {
        Error::new(
            field,
            ErrorKind::UnitRequired {
                text: value.text(),
                accepted: units.to_vec(),
            },
        )
    };
    let (value, unit) = match node {
        _ if node.is_missing() => return Ok(None),
        Node::Number(_) | Node::String(_) => return Err(unit_required(node)),
        Node::Object(entries) => {
            let (mut value, mut unit) = (&Node::Null, &Node::Null);
            let mut seen = BTreeSet::new();
            for (key, v) in entries {
                match key.as_str() {
                    "value" | "unit" if !seen.insert(key.as_str()) => {
                        errors.push(RecordError::DuplicateKey {
                            path: join(&path(), key),
                            field: Some(field),
                        });
                        return Ok(None);
                    }
                    "value" => value = v,
                    "unit" => unit = v,
                    _ => errors.push(RecordError::UnknownKey {
                        path: join(&path(), key),
                        suggestion: None,
                    }),
                }
            }
            (value, unit)
        }
        other => {
            return Err(Error::new(
                field,
                ErrorKind::NotANumber { text: other.text() },
            ))
        }
    };
    // The unit is checked even without a value: a unit column of a CSV file, say.
    let unit = match unit {
        Node::String(text) if !text.trim().is_empty() => Some(Unit::parse(field, text)?),
        u if u.is_missing() => None,
        other => {
            return Err(Error::new(
                field,
                ErrorKind::UnknownUnit {
                    text: other.text(),
                    accepted: units.to_vec(),
                },
            ))
        }
    };
    if value.is_missing() {
        return Ok(None);
    }
    let Some(unit) = unit else {
        return Err(unit_required(value));
    };
    let number = match value {
        Node::Number(n) => {
            check_quantity(field, *n, unit).unwrap_or(Ok(()))?;
            *n
        }
        Node::String(text) => match parse_quantity(field, text, unit) {
            Some(Ok(Some(n))) => n,
            Some(Ok(None)) | None => return Ok(None),
            Some(Err(e)) => return Err(e),
        },
        other => {
            return Err(Error::new(
                field,
                ErrorKind::NotANumber { text: other.text() },
            ))
        }
    };
    let mut out = Map::new();
    out.insert("value".into(), Value::from(number));
    out.insert("unit".into(), Value::String(unit.symbol().into()));
    Ok(Some(Value::Object(out)))
}

fn count(field: Field, node: &Node, max: u16) -> Result<Option<Value>, Error> {
    let not_whole = |text: String| {
        Error::new(
            field,
            ErrorKind::NotAWholeNumber {
                text,
                max: i64::from(max),
            },
        )
    };
    match node {
        _ if node.is_missing() => Ok(None),
        Node::Number(n) if !n.is_finite() => Err(Error::new(field, ErrorKind::NotFinite)),
        Node::Number(n) if libm::trunc(*n) != *n => Err(not_whole(node.text())),
        Node::Number(n) if *n < 0.0 || *n > f64::from(max) => Err(Error::new(
            field,
            ErrorKind::CountOutOfRange {
                value: *n,
                min: 0,
                max: i64::from(max),
            },
        )),
        Node::Number(n) => Ok(Some(Value::from(*n as u64))),
        Node::String(text) => Ok(parse_count(field, text, max)?.map(Value::from)),
        other => Err(not_whole(other.text())),
    }
}

fn yes_no(field: Field, node: &Node) -> Result<Option<Value>, Error> {
    let answer = match node {
        _ if node.is_missing() => return Ok(None),
        Node::Bool(b) => Some(*b),
        Node::String(text) => {
            let t = text.trim();
            if ["true", "yes"].iter().any(|w| t.eq_ignore_ascii_case(w)) {
                Some(true)
            } else if ["false", "no"].iter().any(|w| t.eq_ignore_ascii_case(w)) {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    };
    match answer {
        Some(b) => Ok(Some(Value::Bool(b))),
        None => Err(Error::new(field, ErrorKind::NotYesNo { text: node.text() })),
    }
}

fn choice(field: Field, node: &Node, options: &[&str]) -> Result<Option<Value>, Error> {
    if node.is_missing() {
        return Ok(None);
    }
    let chosen = match node {
        Node::String(text) => options.iter().find(|o| o.eq_ignore_ascii_case(text.trim())),
        _ => None,
    };
    match chosen {
        Some(option) => Ok(Some(Value::String((*option).into()))),
        None => Err(Error::new(
            field,
            ErrorKind::UnknownOption {
                text: node.text(),
                accepted: options.iter().map(|o| String::from(*o)).collect(),
            },
        )),
    }
}

/// Splits a text into records: a JSON array, a single JSON value, or JSON Lines (one value per
/// non-empty line). A line that is not JSON is an `Err` with the reader's message. (A key
/// given twice keeps its last value here; [`nodes`] keeps both, for [`parse_record`].)
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

/// [`records`] as [`Node`]s, for [`parse_record`] (every key kept, numbers out of a double's
/// range kept for their field to refuse), read one at a time from JSON Lines.
pub fn nodes(input: &str) -> alloc::boxed::Box<dyn Iterator<Item = Result<Node, String>> + '_> {
    use alloc::boxed::Box;
    if let Ok(node) = Node::parse(input) {
        return match node {
            Node::Array(items) => Box::new(items.into_iter().map(Ok)),
            other => Box::new(core::iter::once(Ok(other))),
        };
    }
    Box::new(
        input
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| Node::parse(l).map_err(|e| e.to_string())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A count beyond an integer's range is reported as given (not clamped to `i64::MAX`), and
    /// a whole value is still written as a JSON integer (found by the bad-input matrix).
    #[test]
    fn a_huge_count_is_reported_as_given() {
        let (_, errors) = read_record(&Node::parse(r#"{"vasopressors": 1e21}"#).unwrap());
        let value = errors[0].to_value();
        assert_eq!(value["kind"], "count_out_of_range");
        assert_eq!(value["value"], 1e21);
        assert!(errors[0]
            .to_string()
            .contains(": 1000000000000000000000 is outside"));
        let (_, errors) = read_record(&Node::parse(r#"{"vasopressors": 11}"#).unwrap());
        assert_eq!(
            serde_json::to_string(&errors[0].to_value()["value"]).unwrap(),
            "11"
        );
    }

    fn suggestion_for(record: &str) -> Option<String> {
        match &read_record(&Node::parse(record).unwrap()).1[..] {
            [RecordError::UnknownKey { suggestion, .. }] => suggestion.clone(),
            other => panic!("expected one unknown key, got {other:?}"),
        }
    }

    /// A misspelt key gets the accepted key one or two edits away; a key of any length is
    /// still refused by name, with no suggestion when nothing is that close.
    #[test]
    fn unknown_keys_get_a_suggestion_only_when_two_edits_away() {
        assert_eq!(
            suggestion_for(r#"{"ferritn": 900}"#).as_deref(),
            Some("ferritin")
        );
        assert_eq!(
            suggestion_for(r#"{"feritinn": 900}"#).as_deref(),
            Some("ferritin")
        );
        assert_eq!(suggestion_for(r#"{"frtn": 900}"#), None);
        let long = format!(r#"{{"{}": 1}}"#, "ferritin".repeat(10_000));
        assert_eq!(suggestion_for(&long), None);
    }
}
