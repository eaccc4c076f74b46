//! Everything the app keeps in the browser, behind one module: the layout of the keys, the
//! schema version and its migrations, unreadable data kept aside, full or blocked storage
//! reported, and backups.
//!
//! # Why localStorage (and not IndexedDB)
//! The data are small: a 30-day course with 4 time points a day, 23 fields entered at each
//! (the daily panel, blood counts, vital signs, CRS support, ICE), is about 150 000 characters
//! as stored (measured by `web/tests/wasm.rs`, `a_30_day_course_of_4_time_points_a_day_fits`,
//! which also stores ten of them), so the ~5 million characters a browser gives one origin
//! hold some thirty such patients; a full storage is reported, never silent. localStorage is synchronous: a change is stored before the
//! next one is made (a burst of keystrokes, 300 ms after the last one: `hooks::use_persisted_state`),
//! a tab that is hidden or closes stores what is pending in its `visibilitychange`/`pagehide`
//! handler and loses nothing, and loading needs no asynchronous start-up before the first page
//! is drawn. Its `storage` event tells every other tab of the
//! same origin about each change, which is what keeping two tabs consistent needs. IndexedDB
//! would add atomic transactions and a larger quota, at the price of asynchronous code on
//! every path. What atomicity would give is covered by the merge instead: localStorage has no
//! compare-and-set between tabs, so a write first re-reads the stored record and merges
//! register by register ([`crate::course::merge`]), and a tab that receives another's write
//! merges it too; both end with the same record (the one remaining window — two tabs writing
//! the same patient within the same few milliseconds and the second tab closing before it
//! hears of the first — is narrower than a human edit).
//!
//! # Keys (all start with `iectox.`)
//! - `iectox.schema`: the storage schema version ([`SCHEMA`]).
//! - `iectox.patients`: the index: every patient id, and when deleted patients were deleted
//!   (so that a tab still showing one does not write it back). Records are the truth; the
//!   index is repaired from them on load.
//! - `iectox.patients.<id>`: one patient, `{"schema": 2, "patient": {…}}`.
//! - `iectox.quarantine.<ms>.<original key>`: data that could not be read, kept aside
//!   untouched (the value is the original text, byte for byte); never deleted without the
//!   user asking.
//! - `iectox.last`: the patient opened last (a new tab opens it); `iectox.lang`.
//! - sessionStorage `iectox.tab`: the patient open in this tab (a reload keeps it).
//!
//! # Schema history
//! 1. `iectox.patient.v1`: one serialized form (`FormState` with its `tocilizumab_doses`).
//!    Migrated to one patient with one time point (at the migration time: the time of the
//!    snapshot is unknown) and its doses as tocilizumab treatments, under fixed ids, so that
//!    two tabs migrating at once make one patient. Written again later by an older version
//!    still open in a tab, and different from what was migrated, it becomes another patient.
//! 2. Per-patient records (this module). A record of a higher schema (written by a newer
//!    version in another tab) is left untouched and reported. Any change to what is stored
//!    (`PatientRecord`, `Course`, `TimePoint`, `Treatment`, and `FormState`) raises
//!    [`SCHEMA`] and adds a migration here.

use crate::vec_map::VecMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

use crate::course::{
    merge, same_content, touch, Millis, PatientRecord, Stamps, TimePoint, Treatment, TreatmentKind,
};
use crate::form::FormState;
use crate::i18n::Lang;

/// The current storage schema version.
pub const SCHEMA: u32 = 2;
pub const SCHEMA_KEY: &str = "iectox.schema";
pub const INDEX_KEY: &str = "iectox.patients";
pub const RECORD_PREFIX: &str = "iectox.patients.";
pub const QUARANTINE_PREFIX: &str = "iectox.quarantine.";
/// The schema-1 key: one patient, a serialized form.
pub const V1_KEY: &str = "iectox.patient.v1";
pub const LAST_KEY: &str = "iectox.last";
pub const LANG_KEY: &str = "iectox.lang";
const TAB_KEY: &str = "iectox.tab";
/// The id of the patient migrated from schema 1 (fixed: see the module docs).
pub const V1_ID: &str = "pv1";

/// Why storage did not work.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// QuotaExceededError: the origin's storage is full.
    Full,
    /// SecurityError or no storage at all (private mode, site settings, sandbox).
    Blocked,
    /// A patient was saved by a newer version of the app, which this one cannot read.
    Newer,
    Other(String),
}

fn classify(e: JsValue) -> Problem {
    let name = e
        .dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .or_else(|| {
            js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|v| v.as_string())
        })
        .unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => Problem::Full,
        "SecurityError" => Problem::Blocked,
        _ => Problem::Other(
            e.as_string()
                .or_else(|| {
                    js_sys::Reflect::get(&e, &"message".into())
                        .ok()
                        .and_then(|v| v.as_string())
                })
                .unwrap_or(name),
        ),
    }
}

/// This origin's localStorage, or why not.
pub fn local() -> Result<web_sys::Storage, Problem> {
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(s))) => Ok(s),
        Some(Err(e)) => Err(match classify(e) {
            Problem::Other(_) => Problem::Blocked,
            p => p,
        }),
        _ => Err(Problem::Blocked),
    }
}

fn get(store: &web_sys::Storage, key: &str) -> Result<Option<String>, Problem> {
    store.get_item(key).map_err(classify)
}

fn set(store: &web_sys::Storage, key: &str, value: &str) -> Result<(), Problem> {
    store.set_item(key, value).map_err(classify)
}

fn keys(store: &web_sys::Storage) -> Vec<String> {
    let n = store.length().unwrap_or(0);
    (0..n).filter_map(|i| store.key(i).ok().flatten()).collect()
}

pub fn record_key(id: &str) -> String {
    format!("{RECORD_PREFIX}{id}")
}

// ---------------------------------------------------------------------------------------------
// Records

#[derive(Serialize)]
struct StoredRef<'a> {
    schema: u32,
    patient: &'a PatientRecord,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    #[allow(dead_code)] // read from the JSON value first, to route newer schemas
    schema: u32,
    patient: PatientRecord,
}

/// A record as stored.
pub fn encode(record: &PatientRecord) -> String {
    serde_json::to_string(&StoredRef {
        schema: SCHEMA,
        patient: record,
    })
    .unwrap_or_default()
}

/// What a stored record holds.
#[derive(Debug)]
pub enum Decoded {
    Record(Box<PatientRecord>),
    /// Written by a newer version (its schema).
    Newer(u32),
}

/// Reads a stored record; `Err` (with the reason) when it cannot be read.
pub fn decode(raw: &str) -> Result<Decoded, String> {
    let value: Value = serde_json::from_str(raw).map_err(|e| e.to_string())?;
    let schema = value
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or("no schema version")?;
    if schema > SCHEMA as u64 {
        return Ok(Decoded::Newer(schema as u32));
    }
    if schema < SCHEMA as u64 {
        return Err(format!("unknown schema {schema}"));
    }
    let mut stored: Stored = serde_json::from_value(value).map_err(|e| e.to_string())?;
    stored.patient.course.sort();
    Ok(Decoded::Record(Box::new(stored.patient)))
}

// ---------------------------------------------------------------------------------------------
// Index

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct Index {
    schema: u32,
    ids: Vec<String>,
    /// Deleted patients: id → when.
    deleted: VecMap<String, Millis>,
}

fn read_index(store: &web_sys::Storage) -> Index {
    get(store, INDEX_KEY)
        .ok()
        .flatten()
        .and_then(|raw| serde_json::from_str(&raw).ok())
        .unwrap_or_default()
}

fn write_index(store: &web_sys::Storage, index: &mut Index) -> Result<(), Problem> {
    index.schema = SCHEMA;
    set(
        store,
        INDEX_KEY,
        &serde_json::to_string(index).unwrap_or_default(),
    )
}

/// True when the patient was deleted (in this tab or another).
pub fn is_deleted(id: &str) -> bool {
    local().is_ok_and(|s| read_index(&s).deleted.contains_key(id))
}

/// Lets deleted patients be stored again (an import that restores them).
pub fn forget_deleted(ids: &[String]) -> Result<(), Problem> {
    let store = local()?;
    let mut index = read_index(&store);
    let before = index.deleted.len();
    index.deleted.retain(|k, _| !ids.contains(k));
    if index.deleted.len() != before {
        write_index(&store, &mut index)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Quarantine

/// Data that could not be read, kept aside.
#[derive(Clone, Debug, PartialEq)]
pub struct QuarantineItem {
    /// Where it is now (a quarantine key; the original key if it could not be moved).
    pub key: String,
    /// Where it was found.
    pub origin: String,
    /// When it was set aside.
    pub at: Millis,
    /// Its length in characters.
    pub chars: usize,
}

fn parse_quarantine_key(key: &str, raw: &str) -> Option<QuarantineItem> {
    let rest = key.strip_prefix(QUARANTINE_PREFIX)?;
    let (ms, origin) = rest.split_once('.')?;
    Some(QuarantineItem {
        key: key.to_owned(),
        origin: origin.to_owned(),
        at: ms.parse().ok()?,
        chars: raw.chars().count(),
    })
}

/// Moves `raw` (found under `key`) to a quarantine key, untouched. When it cannot be moved
/// (storage full) it stays where it is, and is listed from there.
fn quarantine(store: &web_sys::Storage, key: &str, raw: &str, now: Millis) -> QuarantineItem {
    let mut at = now;
    let mut target = format!("{QUARANTINE_PREFIX}{at}.{key}");
    while get(store, &target).ok().flatten().is_some() {
        at += 1;
        target = format!("{QUARANTINE_PREFIX}{at}.{key}");
    }
    if set(store, &target, raw).is_ok() {
        let _ = store.remove_item(key);
        QuarantineItem {
            key: target,
            origin: key.to_owned(),
            at,
            chars: raw.chars().count(),
        }
    } else {
        QuarantineItem {
            key: key.to_owned(),
            origin: key.to_owned(),
            at: now,
            chars: raw.chars().count(),
        }
    }
}

/// Everything kept aside, oldest first.
pub fn quarantined() -> Vec<QuarantineItem> {
    let Ok(store) = local() else {
        return Vec::new();
    };
    let mut items: Vec<QuarantineItem> = keys(&store)
        .into_iter()
        .filter_map(|k| {
            let raw = get(&store, &k).ok().flatten()?;
            parse_quarantine_key(&k, &raw)
        })
        .collect();
    iectox::order::sort_by(&mut items, |a, b| {
        a.at.cmp(&b.at).then_with(|| a.key.cmp(&b.key))
    });
    items
}

/// One unreadable item in a file: where it was found and its text, untouched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unreadable {
    /// Its quarantine key (which says when it was set aside and where it was found).
    pub key: String,
    pub raw: String,
}

fn unreadable_items(items: &[QuarantineItem]) -> Vec<Unreadable> {
    let Ok(store) = local() else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|i| {
            Some(Unreadable {
                key: i.key.clone(),
                raw: get(&store, &i.key).ok().flatten()?,
            })
        })
        .collect()
}

/// The file offered by "Export unreadable data": every item kept aside, untouched.
pub fn quarantine_file(now: Millis) -> String {
    #[derive(Serialize)]
    struct File {
        format: &'static str,
        app_version: &'static str,
        exported: Millis,
        items: Vec<Unreadable>,
    }
    serde_json::to_string_pretty(&File {
        format: "iectox-unreadable",
        app_version: crate::VERSION,
        exported: now,
        items: unreadable_items(&quarantined()),
    })
    .unwrap_or_default()
}

/// Deletes what was kept aside (only when the user asked, after a confirmation).
pub fn discard_quarantine(items: &[QuarantineItem]) {
    if let Ok(store) = local() {
        for i in items {
            let _ = store.remove_item(&i.key);
        }
    }
}

/// Puts unreadable items of a backup back aside (those not already there).
pub fn restore_quarantine(items: &[Unreadable]) -> Result<(), Problem> {
    let store = local()?;
    for i in items {
        if i.key.starts_with(QUARANTINE_PREFIX) && get(&store, &i.key)?.is_none() {
            set(&store, &i.key, &i.raw)?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Migration from schema 1

/// The keys a schema-1 form may hold; any other key is data this version would drop, so the
/// whole item is kept aside instead.
const V1_KEYS: [&str; 7] = [
    "texts",
    "units",
    "choices",
    "display_units",
    "tocilizumab_doses",
    "hlh_fever_numeric",
    "dosing_age_group",
];

/// A schema-1 form as one patient (see the module docs); `Err` when it cannot be read whole.
pub fn migrate_v1(raw: &str, now: Millis) -> Result<PatientRecord, String> {
    let value: Value = serde_json::from_str(raw).map_err(|e| e.to_string())?;
    let Value::Object(map) = &value else {
        return Err("not an object".into());
    };
    if let Some(k) = map.keys().find(|k| !V1_KEYS.contains(&k.as_str())) {
        return Err(format!("unknown key {k:?}"));
    }
    let form: FormState = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    let doses: Vec<f64> = match map.get("tocilizumab_doses") {
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    if doses.iter().any(|d| !d.is_finite()) {
        return Err("a tocilizumab dose time is not a number".into());
    }
    let empty = PatientRecord::new(V1_ID.into(), now);
    let mut record = empty.clone();
    record.course.time_points.push(TimePoint {
        id: "tv1".into(),
        at: now,
        form,
        stamps: Stamps::new(),
    });
    record.course.treatments = doses
        .iter()
        .enumerate()
        .map(|(n, &ms)| Treatment {
            id: format!("xv1{n}"),
            kind: TreatmentKind::Tocilizumab,
            at: ms.round() as Millis,
            dose_mg: None,
            note: String::new(),
        })
        .collect();
    Ok(touch(&empty, record, now))
}

// ---------------------------------------------------------------------------------------------
// Load

/// What is on this device, read once when the app starts.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Vec<PatientRecord>,
    /// The stored text of each record, by id.
    pub raws: VecMap<String, String>,
    pub quarantined: Vec<QuarantineItem>,
    /// Keys of records written by a newer version (left untouched).
    pub newer: Vec<String>,
    /// Storage could not be used at all, or a migration could not be written.
    pub problem: Option<Problem>,
}

/// Reads every patient, running migrations and setting aside what cannot be read.
pub fn load(now: Millis) -> Loaded {
    let mut out = Loaded::default();
    let store = match local() {
        Ok(s) => s,
        Err(p) => {
            out.problem = Some(p);
            return out;
        }
    };
    // Schema 1 → 2 (whenever the old key is there: an old version in another tab may have
    // written it again).
    if let Ok(Some(raw)) = get(&store, V1_KEY) {
        match migrate_v1(&raw, now) {
            Ok(mut record) => {
                // Migrated before, and written again since by an older version still open in
                // another tab: when it differs from what was migrated then, it becomes a
                // patient of its own rather than overwriting later edits.
                let existing = get(&store, &record_key(V1_ID)).ok().flatten();
                if let Some(Ok(Decoded::Record(e))) = existing.as_deref().map(decode) {
                    let same = e.course.time_points.first().map(|t| &t.form)
                        == record.course.time_points.first().map(|t| &t.form)
                        && e.course
                            .tocilizumab()
                            .map(|t| t.at)
                            .eq(record.course.tocilizumab().map(|t| t.at));
                    record = if same {
                        *e
                    } else {
                        PatientRecord {
                            id: format!("{V1_ID}{now}"),
                            ..record
                        }
                    };
                }
                match set(&store, &record_key(&record.id), &encode(&record)) {
                    Ok(()) => {
                        let _ = store.remove_item(V1_KEY);
                    }
                    Err(p) => out.problem = Some(p),
                }
            }
            Err(_) => {
                quarantine(&store, V1_KEY, &raw, now);
            }
        }
    }
    if get(&store, SCHEMA_KEY).ok().flatten().as_deref() != Some("2") {
        let _ = set(&store, SCHEMA_KEY, &SCHEMA.to_string());
    }
    let mut index = read_index(&store);
    for key in keys(&store) {
        let Some(id) = key.strip_prefix(RECORD_PREFIX) else {
            continue;
        };
        let Ok(Some(raw)) = get(&store, &key) else {
            continue;
        };
        match decode(&raw) {
            Ok(Decoded::Record(r)) if r.id == id => {
                if index.deleted.contains_key(id) {
                    // Written back by a tab that had not heard of the delete.
                    let _ = store.remove_item(&key);
                    continue;
                }
                out.raws.insert(r.id.clone(), raw);
                out.records.push(*r);
            }
            Ok(Decoded::Newer(_)) => out.newer.push(key),
            Ok(Decoded::Record(_)) | Err(_) => {
                quarantine(&store, &key, &raw, now);
            }
        }
    }
    out.quarantined = quarantined();
    // Items that could not be moved aside are listed where they are.
    for k in [V1_KEY.to_owned()].into_iter().chain(
        keys(&store)
            .into_iter()
            .filter(|k| k.starts_with(RECORD_PREFIX)),
    ) {
        if let Ok(Some(raw)) = get(&store, &k) {
            let readable = if k == V1_KEY {
                migrate_v1(&raw, now).is_ok()
            } else {
                decode(&raw).is_ok()
            };
            if !readable {
                out.quarantined.push(QuarantineItem {
                    key: k.clone(),
                    origin: k,
                    at: now,
                    chars: raw.chars().count(),
                });
            }
        }
    }
    // Repair the index from the records.
    let mut ids: Vec<&str> = out.records.iter().map(|r| r.id.as_str()).collect();
    iectox::order::sort_dedup(&mut ids);
    let before = index.ids.clone();
    index
        .ids
        .retain(|id| ids.binary_search(&id.as_str()).is_ok());
    for r in &out.records {
        if !index.ids.contains(&r.id) {
            index.ids.push(r.id.clone());
        }
    }
    if index.ids != before || index.schema != SCHEMA {
        let _ = write_index(&store, &mut index);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Save and delete

/// What saving a record did.
#[derive(Debug)]
pub enum Saved {
    /// Stored as it was.
    Written { raw: String },
    /// Another tab had stored changes this one had not seen: the merge was stored; the app
    /// takes it.
    Merged { record: PatientRecord, raw: String },
    /// What is stored already holds everything of this record: nothing written; the app
    /// takes the stored record.
    Adopt { record: PatientRecord, raw: String },
    /// The patient was deleted in another tab: nothing written.
    Deleted,
}

/// Stores a record without ever writing over changes it has not seen: unless the stored text
/// is `written` (the last text this tab stored or took for this patient), the stored record is
/// read and merged first.
pub fn save(record: &PatientRecord, written: Option<&str>) -> Result<Saved, Problem> {
    let store = local()?;
    let mut index = read_index(&store);
    if index.deleted.contains_key(&record.id) {
        return Ok(Saved::Deleted);
    }
    let key = record_key(&record.id);
    let stored = get(&store, &key)?;
    let to_write = match &stored {
        None => record.clone(),
        Some(raw) if Some(raw.as_str()) == written => record.clone(),
        Some(raw) => match decode(raw) {
            Ok(Decoded::Record(s)) if s.id == record.id => {
                let mut m = merge(record, &s);
                if same_content(&m, &s) {
                    return Ok(Saved::Adopt {
                        record: *s,
                        raw: raw.clone(),
                    });
                }
                m.revision = record.revision.max(s.revision + 1);
                m
            }
            Ok(Decoded::Newer(_)) => return Err(Problem::Newer),
            Ok(Decoded::Record(_)) | Err(_) => {
                quarantine(&store, &key, raw, crate::course::now());
                record.clone()
            }
        },
    };
    let raw = encode(&to_write);
    set(&store, &key, &raw)?;
    if !index.ids.contains(&record.id) {
        index.ids.push(record.id.clone());
        let _ = write_index(&store, &mut index);
    }
    Ok(if to_write == *record {
        Saved::Written { raw }
    } else {
        Saved::Merged {
            record: to_write,
            raw,
        }
    })
}

/// Deletes a patient for good (the user confirmed twice), leaving a dated tombstone in the
/// index so that no tab writes it back.
pub fn delete(id: &str, now: Millis) -> Result<(), Problem> {
    let store = local()?;
    let mut index = read_index(&store);
    index.ids.retain(|i| i != id);
    index.deleted.insert(id.to_owned(), now);
    write_index(&store, &mut index)?;
    store.remove_item(&record_key(id)).map_err(classify)
}

/// Reads one stored record (for another tab's change).
pub fn read(id: &str) -> Option<(PatientRecord, String)> {
    let store = local().ok()?;
    let raw = get(&store, &record_key(id)).ok()??;
    match decode(&raw) {
        Ok(Decoded::Record(r)) if r.id == id => Some((*r, raw)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// This tab's patient, the last patient, the language

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The patient open in this tab before a reload.
pub fn tab_patient() -> Option<String> {
    session()?.get_item(TAB_KEY).ok()?
}

/// The patient opened last in any tab.
pub fn last_patient() -> Option<String> {
    local().ok()?.get_item(LAST_KEY).ok()?
}

/// Remembers the patient open in this tab (and as the last one opened). Failures only lose
/// the convenience, never data.
pub fn remember_patient(id: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(TAB_KEY, id);
    }
    if let Ok(s) = local() {
        let _ = s.set_item(LAST_KEY, id);
    }
}

pub fn lang() -> Option<Lang> {
    let raw = local().ok()?.get_item(LANG_KEY).ok()??;
    serde_json::from_str(&raw).ok()
}

pub fn set_lang(lang: Lang) {
    if let Ok(s) = local() {
        let _ = s.set_item(LANG_KEY, &serde_json::to_string(&lang).unwrap_or_default());
    }
}

/// Set once the clinician has acknowledged the full disclaimer on this device (not patient
/// data; web/static/pwa.js reads the same key before the first paint).
const DISCLAIMER_SEEN_KEY: &str = "iectox.disclaimer.seen";

/// Whether the full disclaimer was acknowledged here; a blocked storage reads as not yet.
pub fn disclaimer_seen() -> bool {
    local()
        .ok()
        .and_then(|s| s.get_item(DISCLAIMER_SEEN_KEY).ok().flatten())
        .is_some_and(|v| v == "true")
}

/// A blocked storage only means the disclaimer shows again next time.
pub fn set_disclaimer_seen() {
    if let Ok(s) = local() {
        let _ = s.set_item(DISCLAIMER_SEEN_KEY, "true");
    }
}

// ---------------------------------------------------------------------------------------------
// Backups

pub const BACKUP_FORMAT: &str = "iectox-backup";

/// Every patient in one file (JSON, versioned).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub schema: u32,
    pub app_version: String,
    pub exported: Millis,
    pub patients: Vec<PatientRecord>,
    /// Data kept aside as unreadable, untouched (so that a backup holds everything).
    #[serde(default)]
    pub unreadable: Vec<Unreadable>,
}

/// The backup file of these patients (and of everything kept aside).
pub fn backup(records: &[&PatientRecord], now: Millis) -> String {
    #[derive(Serialize)]
    struct BackupRef<'a> {
        format: &'static str,
        schema: u32,
        app_version: &'static str,
        exported: Millis,
        patients: &'a [&'a PatientRecord],
        unreadable: Vec<Unreadable>,
    }
    serde_json::to_string(&BackupRef {
        format: BACKUP_FORMAT,
        schema: SCHEMA,
        app_version: crate::VERSION,
        exported: now,
        patients: records,
        unreadable: unreadable_items(&quarantined()),
    })
    .unwrap_or_default()
}

/// Why a file cannot be imported.
#[derive(Clone, Debug, PartialEq)]
pub enum BackupError {
    NotJson(String),
    NotABackup,
    /// Made by a newer version (its schema).
    Newer(u32),
    Invalid(String),
}

pub fn read_backup(text: &str) -> Result<Backup, BackupError> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| BackupError::NotJson(e.to_string()))?;
    if value.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
        return Err(BackupError::NotABackup);
    }
    let schema = value.get("schema").and_then(Value::as_u64).unwrap_or(0);
    if schema > SCHEMA as u64 {
        return Err(BackupError::Newer(schema as u32));
    }
    let mut backup: Backup =
        serde_json::from_value(value).map_err(|e| BackupError::Invalid(e.to_string()))?;
    for p in &mut backup.patients {
        p.course.sort();
    }
    Ok(backup)
}

/// How a patient of a backup relates to this device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStatus {
    /// Not on this device: added.
    New,
    /// Already here, identical: nothing to do.
    Same,
    /// Here with other content or another revision: the user chooses.
    Differs,
}

/// What to do with one patient of a backup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportChoice {
    Add,
    /// Keep the patient here and add the imported one beside it, under a new id.
    KeepBoth,
    /// The imported patient replaces the one here.
    Replace,
    Skip,
}

/// How a patient of a backup relates to the one here with the same id.
pub fn import_status(here: Option<&PatientRecord>, imported: &PatientRecord) -> ImportStatus {
    match here {
        // An empty patient here (never stored) has nothing to lose.
        None => ImportStatus::New,
        Some(h) if h.is_empty() => ImportStatus::New,
        Some(h) if h == imported => ImportStatus::Same,
        Some(_) => ImportStatus::Differs,
    }
}
