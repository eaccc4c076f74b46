//! The patients of this device and their courses, as the app holds and stores them, and how
//! two versions of one patient merge.
//!
//! No clinical rule here: times are held, never interpreted. Validity windows, baselines,
//! episodes and the day of a time relative to the infusion are the core's `iectox::course`.
//!
//! # Data model
//! A [`PatientRecord`] (id, free-text label, archived flag, revision) holds one [`Course`]: an
//! optional infusion time, [`TimePoint`]s (a time and the form as typed then) and
//! [`Treatment`] events. Times are milliseconds since the Unix epoch (`Millis`).
//!
//! # Merging (two tabs, two windows, imports)
//! Every piece of a record that can change on its own is a *register*: the label, the archived
//! flag, the infusion time, each treatment event, and per time point its time, each form field
//! (its text, unit, display unit and choice together: the number and its unit are one fact,
//! product decision 10) and each other form setting. Each register carries a stamp: the time
//! of its last change, kept in `stamps` maps ([`touch`] sets them by comparing the record
//! before and after an edit). Deleted time points and treatments leave a dated tombstone.
//!
//! [`merge`] takes, per register, the version with the newest stamp (equal stamps: the greater
//! value, so that every tab picks the same). So a field changed only in the other tab is
//! taken, and a field changed in both keeps the newest entry; the tab whose entry was replaced
//! is told which one ([`conflicts`]). A time point edited after another tab deleted it (the
//! edit not knowing of the delete) comes back rather than losing the edit. The merge is
//! commutative, associative and idempotent, so tabs that write at the same moment still end
//! with the same record whatever order the browser delivers their writes in.

use crate::vec_map::VecMap;
use std::cell::RefCell;

use iectox::units::Unit;
use iectox::Field;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::form::FormState;

/// Milliseconds since the Unix epoch.
pub type Millis = i64;

/// The time of each register's last change, by register key.
pub type Stamps = VecMap<String, Millis>;

/// One patient on this device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatientRecord {
    /// Random, unique on this device; never shown.
    pub id: String,
    /// Bed, initials or any free text chosen by the clinician ("" = none).
    #[serde(default)]
    pub label: String,
    /// Hidden from the main list, kept with all its data.
    #[serde(default)]
    pub archived: bool,
    pub created: Millis,
    /// The last change (the newest stamp in the record).
    pub updated: Millis,
    /// Raised by every change; tells two copies of a record apart (imports ask when the same
    /// patient arrives with another revision).
    pub revision: u64,
    pub course: Course,
    /// Stamps of `label` and `archived`.
    #[serde(default, skip_serializing_if = "VecMap::is_empty")]
    pub stamps: Stamps,
}

/// The course of one patient. Adding a field here needs a register in [`touch`], [`merge`]
/// and `registers` (the test `every_stored_course_key_is_a_merged_register` fails otherwise).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    /// The IEC infusion (day 0), when known.
    #[serde(default)]
    pub infusion: Option<Millis>,
    /// Sorted by time (then id).
    #[serde(default)]
    pub time_points: Vec<TimePoint>,
    /// Sorted by time (then id).
    #[serde(default)]
    pub treatments: Vec<Treatment>,
    /// The clinician's mark "ferritin rapidly rising" (IEC-HS: clinical judgement, never
    /// decided by the tool), as the time it was marked. Absent when not marked, so records
    /// without it read and write exactly as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ferritin_rapidly_rising: Option<Millis>,
    /// Stamps of `infusion`, `ferritin_rapidly_rising` and of each treatment (`tr:<id>`).
    #[serde(default, skip_serializing_if = "VecMap::is_empty")]
    pub stamps: Stamps,
    /// Tombstones: when a time point (`tp:<id>`) or treatment (`tr:<id>`) was deleted.
    #[serde(default, skip_serializing_if = "VecMap::is_empty")]
    pub deleted: Stamps,
}

/// The values observed at one time, as typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimePoint {
    pub id: String,
    pub at: Millis,
    pub form: FormState,
    /// Stamps of this time point's registers: `@` (created), `@at`, each field by its name,
    /// `@<key>` for the form's other settings.
    #[serde(default, skip_serializing_if = "VecMap::is_empty")]
    pub stamps: Stamps,
}

/// A treatment given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Treatment {
    pub id: String,
    pub kind: TreatmentKind,
    pub at: Millis,
    #[serde(default)]
    pub dose_mg: Option<f64>,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatmentKind {
    Tocilizumab,
    Dexamethasone,
    Methylprednisolone,
    Anakinra,
    Other,
}

impl TreatmentKind {
    pub const ALL: [TreatmentKind; 5] = [
        TreatmentKind::Tocilizumab,
        TreatmentKind::Dexamethasone,
        TreatmentKind::Methylprednisolone,
        TreatmentKind::Anakinra,
        TreatmentKind::Other,
    ];
}

/// A fresh random id with a one-letter prefix (`p` patient, `t` time point, `x` treatment):
/// ten base-36 digits, so two tabs creating one each at the same moment do not collide.
pub fn new_id(prefix: char) -> String {
    let mut id = String::with_capacity(11);
    id.push(prefix);
    for _ in 0..10 {
        let d = (js_sys::Math::random() * 36.0) as u32 % 36;
        id.push(char::from_digit(d, 36).unwrap_or('0'));
    }
    id
}

/// Now, in milliseconds since the epoch.
pub fn now() -> Millis {
    js_sys::Date::now() as Millis
}

impl PatientRecord {
    /// A new, empty patient (nothing is stored until it has content: [`Self::is_empty`]).
    pub fn new(id: String, now: Millis) -> Self {
        PatientRecord {
            id,
            label: String::new(),
            archived: false,
            created: now,
            updated: now,
            revision: 0,
            course: Course::default(),
            stamps: Stamps::new(),
        }
    }

    /// A patient with one time point holding `form` (and nothing else), at `at`.
    pub fn with_form(id: String, form: FormState, at: Millis) -> Self {
        let old = PatientRecord::new(id, at);
        let mut new = old.clone();
        new.course.time_points.push(TimePoint {
            id: new_id('t'),
            at,
            form,
            stamps: Stamps::new(),
        });
        touch(&old, new, at)
    }

    /// No label, no time point, no treatment, no infusion: not worth storing.
    pub fn is_empty(&self) -> bool {
        self.label.is_empty()
            && !self.archived
            && self.course.infusion.is_none()
            && self.course.time_points.is_empty()
            && self.course.treatments.is_empty()
    }
}

impl Course {
    /// The latest time point.
    pub fn latest(&self) -> Option<&TimePoint> {
        self.time_points.last()
    }

    pub fn time_point(&self, id: &str) -> Option<&TimePoint> {
        self.time_points.iter().find(|t| t.id == id)
    }

    pub fn treatment(&self, id: &str) -> Option<&Treatment> {
        self.treatments.iter().find(|t| t.id == id)
    }

    /// The tocilizumab doses, in time order.
    pub fn tocilizumab(&self) -> impl Iterator<Item = &Treatment> {
        self.treatments
            .iter()
            .filter(|t| t.kind == TreatmentKind::Tocilizumab)
    }

    /// Restores the time order (ties by id, so every tab orders alike).
    pub fn sort(&mut self) {
        iectox::order::sort_by(&mut self.time_points, |a, b| {
            a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id))
        });
        iectox::order::sort_by(&mut self.treatments, |a, b| {
            a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id))
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Registers of a form

/// The four maps of [`FormState`] that hold one field each; every other key of its JSON is a
/// setting register of its own (`@<key>`), so a field added to `FormState` later merges too.
const FORM_MAPS: [&str; 4] = ["texts", "units", "display_units", "choices"];

thread_local! {
    static FIELD_NAMES: RefCell<Vec<(Field, String)>> = const { RefCell::new(Vec::new()) };
}

/// Every field with its stored name ("ferritin"), which is its register key.
fn field_names() -> Vec<(Field, String)> {
    FIELD_NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if names.is_empty() {
            *names = Field::ALL
                .iter()
                .map(|f| {
                    let name = serde_json::to_value(f)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_else(|| format!("{f:?}"));
                    (*f, name)
                })
                .collect();
        }
        names.clone()
    })
}

/// One field of a form as typed: text, unit, display unit, choice.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldValue {
    pub text: Option<String>,
    pub unit: Option<Unit>,
    pub display_unit: Option<Unit>,
    pub choice: Option<String>,
}

impl FieldValue {
    pub fn of(form: &FormState, field: Field) -> Self {
        FieldValue {
            text: form.texts.get(&field).cloned(),
            unit: form.units.get(&field).copied(),
            display_unit: form.display_units.get(&field).copied(),
            choice: form.choices.get(&field).cloned(),
        }
    }

    fn put(self, form: &mut FormState, field: Field) {
        fn set<V>(map: &mut VecMap<Field, V>, field: Field, v: Option<V>) {
            match v {
                Some(v) => {
                    map.insert(field, v);
                }
                None => {
                    map.remove(&field);
                }
            }
        }
        set(&mut form.texts, field, self.text);
        set(&mut form.units, field, self.unit);
        set(&mut form.display_units, field, self.display_unit);
        set(&mut form.choices, field, self.choice);
    }
}

/// The form's settings (every JSON key but the four field maps).
fn form_settings(form: &FormState) -> serde_json::Map<String, Value> {
    match serde_json::to_value(form) {
        Ok(Value::Object(mut map)) => {
            // In place: collecting into a new map compiles another sort.
            map.retain(|k, _| !FORM_MAPS.contains(&k.as_str()));
            map
        }
        _ => serde_json::Map::new(),
    }
}

/// Sets one setting of the form by its JSON key (no change if the value does not fit).
fn set_form_setting(form: &mut FormState, key: &str, value: Option<&Value>) {
    if let Ok(Value::Object(mut map)) = serde_json::to_value(&*form) {
        match value {
            Some(v) => {
                map.insert(key.to_owned(), v.clone());
            }
            None => {
                map.remove(key);
            }
        }
        if let Ok(f) = serde_json::from_value(Value::Object(map)) {
            *form = f;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Stamping

/// `new` with every register that differs from `old` stamped, deleted time points and
/// treatments tombstoned, its revision raised and `updated` set; `new` unchanged (same
/// revision) when nothing differs. The stamp is `now`, or just after the record's newest stamp
/// if the clock went back, so an edit always wins over what this tab has seen.
pub fn touch(old: &PatientRecord, mut new: PatientRecord, now: Millis) -> PatientRecord {
    let stamp = now.max(old.updated + 1).max(new.updated + 1);
    let mut changed = false;
    let mut mark = |stamps: &mut Stamps, key: &str| {
        stamps.insert(key.to_owned(), stamp);
        changed = true;
    };
    if old.label != new.label {
        mark(&mut new.stamps, "label");
    }
    if old.archived != new.archived {
        mark(&mut new.stamps, "archived");
    }
    let course = &mut new.course;
    if old.course.infusion != course.infusion {
        mark(&mut course.stamps, "infusion");
    }
    if old.course.ferritin_rapidly_rising != course.ferritin_rapidly_rising {
        mark(&mut course.stamps, "ferritin_rapidly_rising");
    }
    for t in &course.treatments {
        if old.course.treatment(&t.id) != Some(t) {
            mark(&mut course.stamps, &format!("tr:{}", t.id));
        }
    }
    for t in &old.course.treatments {
        if course.treatment(&t.id).is_none() {
            let key = format!("tr:{}", t.id);
            course.stamps.remove(&key);
            mark(&mut course.deleted, &key);
        }
    }
    for (i, tp) in course.time_points.iter_mut().enumerate() {
        // Usually at the same place (an edit keeps the order): no search through a long course.
        let before = match old.course.time_points.get(i) {
            Some(o) if o.id == tp.id => Some(o),
            _ => old.course.time_point(&tp.id),
        };
        match before {
            Some(o) if o == tp => {}
            Some(o) => {
                if o.at != tp.at {
                    mark(&mut tp.stamps, "@at");
                }
                if o.form != tp.form {
                    for (f, name) in field_names() {
                        if FieldValue::of(&o.form, f) != FieldValue::of(&tp.form, f) {
                            mark(&mut tp.stamps, &name);
                        }
                    }
                    let (a, b) = (form_settings(&o.form), form_settings(&tp.form));
                    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
                    iectox::order::sort_dedup(&mut keys);
                    for k in keys {
                        if a.get(k) != b.get(k) {
                            mark(&mut tp.stamps, &format!("@{k}"));
                        }
                    }
                }
            }
            None => {
                // New: every register it holds is as new as the time point.
                mark(&mut tp.stamps, "@");
                mark(&mut tp.stamps, "@at");
                let empty = FieldValue::default();
                for (f, name) in field_names() {
                    if FieldValue::of(&tp.form, f) != empty {
                        mark(&mut tp.stamps, &name);
                    }
                }
                let defaults = form_settings(&FormState::default());
                for (k, v) in form_settings(&tp.form) {
                    if defaults.get(&k) != Some(&v) {
                        mark(&mut tp.stamps, &format!("@{k}"));
                    }
                }
            }
        }
    }
    for tp in &old.course.time_points {
        if course.time_point(&tp.id).is_none() {
            mark(&mut course.deleted, &format!("tp:{}", tp.id));
        }
    }
    course.sort();
    if changed {
        new.updated = stamp;
        new.revision = old.revision.max(new.revision) + 1;
    }
    new
}

// ---------------------------------------------------------------------------------------------
// Merging

fn stamp(stamps: &Stamps, key: &str) -> Millis {
    stamps.get(key).copied().unwrap_or(Millis::MIN)
}

/// True when `b`'s version of a register wins over `a`'s: newer stamp, or the same stamp and
/// the greater value (any fixed order will do: it only has to be the same in every tab).
fn b_wins<T: Serialize + PartialEq>(sa: Millis, a: &T, sb: Millis, b: &T) -> bool {
    if sa != sb {
        return sb > sa;
    }
    a != b && serde_json::to_string(b).ok() > serde_json::to_string(a).ok()
}

/// The value of register `key` that [`b_wins`] keeps, of `a` (stamps `sa`) and `b` (`sb`).
fn newer_register<T: Serialize + PartialEq + Clone>(
    sa: &Stamps,
    a: &T,
    sb: &Stamps,
    b: &T,
    key: &str,
) -> T {
    if b_wins(stamp(sa, key), a, stamp(sb, key), b) {
        b.clone()
    } else {
        a.clone()
    }
}

fn max_stamps(a: &Stamps, b: &Stamps) -> Stamps {
    let mut out = a.clone();
    for (k, &v) in b {
        let e = out.entry(k.clone()).or_insert(v);
        *e = (*e).max(v);
    }
    out
}

/// Not deleted, or changed after it was deleted (by a tab that did not know of the delete).
fn alive(newest: Millis, deleted: &Stamps, key: &str) -> bool {
    deleted.get(key).is_none_or(|&d| newest > d)
}

fn newest(stamps: &Stamps) -> Millis {
    stamps.values().copied().max().unwrap_or(Millis::MIN)
}

fn merge_time_point(a: &TimePoint, b: &TimePoint) -> TimePoint {
    if a == b {
        return a.clone();
    }
    let mut out = a.clone();
    if b_wins(
        stamp(&a.stamps, "@at"),
        &a.at,
        stamp(&b.stamps, "@at"),
        &b.at,
    ) {
        out.at = b.at;
    }
    if a.form != b.form || a.stamps != b.stamps {
        for (f, name) in field_names() {
            let (va, vb) = (FieldValue::of(&a.form, f), FieldValue::of(&b.form, f));
            if b_wins(stamp(&a.stamps, &name), &va, stamp(&b.stamps, &name), &vb) {
                vb.put(&mut out.form, f);
            }
        }
        let (sa, sb) = (form_settings(&a.form), form_settings(&b.form));
        let mut keys: Vec<&String> = sa.keys().chain(sb.keys()).collect();
        iectox::order::sort_dedup(&mut keys);
        for k in keys {
            let key = format!("@{k}");
            if b_wins(
                stamp(&a.stamps, &key),
                &sa.get(k),
                stamp(&b.stamps, &key),
                &sb.get(k),
            ) {
                set_form_setting(&mut out.form, k, sb.get(k));
            }
        }
    }
    out.stamps = max_stamps(&a.stamps, &b.stamps);
    out
}

/// The two versions of one patient merged register by register (see the module docs). The
/// result's revision is the higher one; a caller that stores it raises it.
pub fn merge(a: &PatientRecord, b: &PatientRecord) -> PatientRecord {
    if a == b {
        return a.clone();
    }
    let mut out = a.clone();
    out.created = a.created.min(b.created);
    out.updated = a.updated.max(b.updated);
    out.revision = a.revision.max(b.revision);
    out.label = newer_register(&a.stamps, &a.label, &b.stamps, &b.label, "label");
    out.archived = newer_register(&a.stamps, &a.archived, &b.stamps, &b.archived, "archived");
    out.stamps = max_stamps(&a.stamps, &b.stamps);

    let (ca, cb) = (&a.course, &b.course);
    let c = &mut out.course;
    c.infusion = newer_register(
        &ca.stamps,
        &ca.infusion,
        &cb.stamps,
        &cb.infusion,
        "infusion",
    );
    c.ferritin_rapidly_rising = newer_register(
        &ca.stamps,
        &ca.ferritin_rapidly_rising,
        &cb.stamps,
        &cb.ferritin_rapidly_rising,
        "ferritin_rapidly_rising",
    );
    c.deleted = max_stamps(&ca.deleted, &cb.deleted);
    c.stamps = max_stamps(&ca.stamps, &cb.stamps);

    let mut treatments: VecMap<&str, &Treatment> = VecMap::new();
    for t in &ca.treatments {
        treatments.insert(&t.id, t);
    }
    for t in &cb.treatments {
        let key = format!("tr:{}", t.id);
        match treatments.get(t.id.as_str()) {
            Some(ta) if !b_wins(stamp(&ca.stamps, &key), *ta, stamp(&cb.stamps, &key), t) => {}
            _ => {
                treatments.insert(&t.id, t);
            }
        }
    }
    c.treatments = treatments
        .into_values()
        .filter(|t| {
            let key = format!("tr:{}", t.id);
            alive(stamp(&c.stamps, &key), &c.deleted, &key)
        })
        .cloned()
        .collect();
    let mut live: Vec<String> = c
        .treatments
        .iter()
        .map(|t| format!("tr:{}", t.id))
        .collect();
    iectox::order::sort_dedup(&mut live);
    c.stamps
        .retain(|k, _| !k.starts_with("tr:") || live.binary_search(k).is_ok());

    let mut points: VecMap<&str, TimePoint> = VecMap::new();
    for tp in &ca.time_points {
        points.insert(&tp.id, tp.clone());
    }
    for tp in &cb.time_points {
        let merged = match points.get(tp.id.as_str()) {
            Some(pa) => merge_time_point(pa, tp),
            None => tp.clone(),
        };
        points.insert(&tp.id, merged);
    }
    c.time_points = points
        .into_values()
        .filter(|tp| alive(newest(&tp.stamps), &c.deleted, &format!("tp:{}", tp.id)))
        .collect();
    c.sort();
    out
}

/// `with` (an imported version) replacing `here`: every register where they differ gets a
/// fresh stamp, and every time point or treatment only `here` has a tombstone, so that the
/// imported version also wins in the merge of every other tab still holding `here`.
pub fn replace(here: &PatientRecord, with: &PatientRecord, now: Millis) -> PatientRecord {
    let mut new = with.clone();
    new.id = here.id.clone();
    new.revision = here.revision.max(with.revision);
    new.updated = here.updated.max(with.updated);
    new.stamps = max_stamps(&here.stamps, &with.stamps);
    new.course.stamps = max_stamps(&here.course.stamps, &with.course.stamps);
    new.course.deleted = max_stamps(&here.course.deleted, &with.course.deleted);
    for tp in &mut new.course.time_points {
        if let Some(h) = here.course.time_point(&tp.id) {
            tp.stamps = max_stamps(&h.stamps, &tp.stamps);
        }
    }
    touch(here, new, now)
}

/// Equal but for the revision number (two tabs may number the same merge differently).
pub fn same_content(a: &PatientRecord, b: &PatientRecord) -> bool {
    if a.revision == b.revision {
        return a == b;
    }
    let mut a = a.clone();
    a.revision = b.revision;
    a == *b
}

// ---------------------------------------------------------------------------------------------
// Conflicts

/// What an entry replaced by a newer one from elsewhere was.
#[derive(Clone, Debug, PartialEq)]
pub enum Register {
    Label,
    Archived,
    Infusion,
    FerritinRapidlyRising,
    Treatment { id: String },
    TimePointTime { at: Millis },
    Field { at: Millis, field: Field },
    Setting { at: Millis, key: String },
}

/// An entry changed both here and elsewhere since this tab last saw the stored record: the
/// newest was kept (see the module docs); this tab's version (`mine`) was replaced by `kept`.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub register: Register,
    pub mine: String,
    pub kept: String,
}

/// Every register of a record: key → (stamp, value as JSON, what it is).
fn registers(r: &PatientRecord) -> VecMap<String, (Millis, String, Register)> {
    let mut out = VecMap::new();
    out.insert(
        "label".into(),
        (stamp(&r.stamps, "label"), json(&r.label), Register::Label),
    );
    out.insert(
        "archived".into(),
        (
            stamp(&r.stamps, "archived"),
            json(&r.archived),
            Register::Archived,
        ),
    );
    let c = &r.course;
    out.insert(
        "infusion".into(),
        (
            stamp(&c.stamps, "infusion"),
            json(&c.infusion),
            Register::Infusion,
        ),
    );
    out.insert(
        "ferritin_rapidly_rising".into(),
        (
            stamp(&c.stamps, "ferritin_rapidly_rising"),
            json(&c.ferritin_rapidly_rising),
            Register::FerritinRapidlyRising,
        ),
    );
    for t in &c.treatments {
        let key = format!("tr:{}", t.id);
        out.insert(
            key.clone(),
            (
                stamp(&c.stamps, &key),
                json(t),
                Register::Treatment { id: t.id.clone() },
            ),
        );
    }
    for tp in &c.time_points {
        let at = tp.at;
        out.insert(
            format!("tp:{}/@at", tp.id),
            (
                stamp(&tp.stamps, "@at"),
                json(&tp.at),
                Register::TimePointTime { at },
            ),
        );
        for (f, name) in field_names() {
            let v = FieldValue::of(&tp.form, f);
            if v != FieldValue::default() || tp.stamps.contains_key(&name) {
                out.insert(
                    format!("tp:{}/{name}", tp.id),
                    (
                        stamp(&tp.stamps, &name),
                        json(&v),
                        Register::Field { at, field: f },
                    ),
                );
            }
        }
        for (k, v) in form_settings(&tp.form) {
            let key = format!("@{k}");
            out.insert(
                format!("tp:{}/{key}", tp.id),
                (
                    stamp(&tp.stamps, &key),
                    v.to_string(),
                    Register::Setting { at, key: k },
                ),
            );
        }
    }
    out
}

/// A register's value as JSON text (for comparing and showing it).
fn json<T: Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// The entries of `mine` that `kept` replaced although both changed them since `base` (the
/// stored record this tab last saw).
pub fn conflicts(
    base: &PatientRecord,
    mine: &PatientRecord,
    kept: &PatientRecord,
) -> Vec<Conflict> {
    let (rb, rm, rk) = (registers(base), registers(mine), registers(kept));
    let mut out = Vec::new();
    for (key, (sm, vm, register)) in &rm {
        let sb = rb.get(key).map_or(Millis::MIN, |r| r.0);
        let Some((sk, vk, _)) = rk.get(key) else {
            continue;
        };
        if *sm != sb && *sk != sb && *sk != *sm && vm != vk {
            out.push(Conflict {
                register: register.clone(),
                mine: vm.clone(),
                kept: vk.clone(),
            });
        }
    }
    out
}
