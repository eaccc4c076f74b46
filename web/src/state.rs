//! The app's one reducer: every change to the patients, to the open patient's course, to the
//! form of the selected time point or to the language is an [`Action`].
//!
//! State: the patients of this device (as this tab knows them) → the open patient
//! ([`AppState::current`]) → the selected time point ([`AppState::selected`], `None` = the
//! latest). [`AppState::form`] is the selected time point's form, and every calculator page
//! reads and edits it. Storing is not done here: `hooks::use_persisted_state` stores every
//! record that changed and feeds other tabs' changes back as [`Action::Incoming`].

use crate::vec_map::VecMap;
use std::rc::Rc;

use iectox::units::Unit;
use iectox::Field;
use yew::prelude::*;

use crate::course::{
    self, conflicts, merge, new_id, now, same_content, Conflict, Course, Millis, PatientRecord,
    TimePoint, Treatment, TreatmentKind,
};
use crate::form::{FormState, Parsed};
use crate::i18n::Lang;
use crate::storage::{ImportChoice, Problem, QuarantineItem};

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    // ---- The form of the selected time point (the latest unless one is selected). An edit
    // when the patient has no time point yet makes one, at the time of the edit.
    /// The text of a numeric field: the new fact, in the unit the field is shown in.
    SetText(Field, String),
    /// A new unit for a field. A value already typed stays the fact (its number and unit)
    /// and is shown converted for reading; no score changes (product decision 10).
    SetUnit(Field, Unit),
    /// A yes/no/option choice ("" = not known).
    SetChoice(Field, String),
    SetHlhFeverNumeric(bool),
    /// "adult", "child" or "" (not answered), for dosing when the age is unknown.
    SetDosingAgeGroup(String),

    SetLang(Lang),
    /// The regimen tab chosen on the treatment page (`None`: follow the decided CRS grade).
    SelectRegimen(Option<iectox::treatment::Regimen>),

    // ---- The open patient's course
    /// A new, empty time point (nothing is copied into it) at `at`; it becomes the selected
    /// one (`selected = None` when it is the latest).
    AddTimePoint {
        at: Millis,
    },
    /// Moves a time point to another time.
    SetTimePointAt {
        id: String,
        at: Millis,
    },
    DeleteTimePoint(String),
    /// The time point the pages show and edit; `None` = always the latest.
    SelectTimePoint(Option<String>),
    SetInfusion(Option<Millis>),
    /// The clinician marks (at that time) or unmarks "ferritin rapidly rising".
    MarkFerritinRapidlyRising(Option<Millis>),
    AddTreatment {
        kind: TreatmentKind,
        at: Millis,
        dose_mg: Option<f64>,
        note: String,
    },
    /// Replaces the treatment with the same id.
    UpdateTreatment(Treatment),
    RemoveTreatment(String),

    /// A "Sepsis or CRS?" work-up answer ("yes", "no"; "" = not known).
    SetWorkup(iectox::treatment::WorkupItem, String),
    /// "adult", "child" or "" (not answered), for the ICANS tool when the age is unknown.
    SetIcansAgeGroup(String),
    /// When empirical antibiotics were started (ms since the Unix epoch; `None` clears it).
    SetAntibioticsStart(Option<f64>),

    // ---- Patients
    /// Opens a new, empty patient; every other patient stays as it is (in this tab and in
    /// every other).
    NewPatient,
    OpenPatient(String),
    SetLabel {
        id: String,
        label: String,
    },
    SetArchived {
        id: String,
        archived: bool,
    },
    /// Deletes a patient (the page asked twice). The open patient deleted: a new one opens.
    DeletePatient(String),
    /// Patients of a backup file with what the user chose for each.
    Import(Vec<(PatientRecord, ImportChoice)>),
    /// A FHIR import (file or SMART launch) into the open patient or a new one, in one step:
    /// one revision, nothing half-applied (`crate::fhir_import`).
    ApplyCourseImport(Rc<crate::fhir_import::CourseImport>),

    // ---- From storage (dispatched by `use_persisted_state`)
    /// A version of a patient stored by another tab, or the merge stored by this one.
    /// `base` is the stored version this tab had seen before: entries changed both here and
    /// there since are reported when this tab's were replaced.
    Incoming {
        record: Rc<PatientRecord>,
        base: Option<Rc<PatientRecord>>,
    },
    /// The patient was deleted in another tab.
    RemovedElsewhere(String),
    /// The stored record vanished without being deleted (storage cleared elsewhere): this
    /// tab's copy is stored again.
    Rewrite(String),
    /// Storing works again (`None`) or does not.
    StorageProblem(Option<Problem>),
    Quarantined(Vec<QuarantineItem>),
    DismissConflicts,
    DismissRemoved,
}

/// What the storage banner tells the user.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Notices {
    /// Data that could not be read, kept aside.
    pub quarantined: Vec<QuarantineItem>,
    /// Why the last change was not stored.
    pub problem: Option<Problem>,
    /// Patients saved by a newer version of the app (left untouched).
    pub newer: usize,
    /// This tab's entries replaced by newer ones from another tab: (patient label, entry).
    pub conflicts: Vec<(String, Conflict)>,
    /// Labels of patients deleted in another tab while open here.
    pub removed: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    /// Every patient of this device, by id (the open one is always here, stored or not).
    pub patients: Rc<VecMap<String, Rc<PatientRecord>>>,
    /// The open patient.
    pub current: String,
    /// The selected time point; `None` = the latest.
    pub selected: Option<String>,
    /// The selected time point's form (empty when the patient has none yet).
    pub form: FormState,
    /// The form mapped to the core's typed patient, recomputed on every change.
    pub parsed: Parsed,
    /// Every score of `parsed`, computed once per change of the form and read by every page,
    /// the result bar and the summary (none of them assesses again).
    pub report: Rc<iectox::Report>,
    /// The regimen tab chosen on the treatment page; another patient clears it.
    pub regimen: Option<iectox::treatment::Regimen>,
    pub notices: Rc<Notices>,
    /// An embedded calculator: nothing is read from or written to storage.
    pub embed: bool,
    /// The last change was typing in a field ([`Action::SetText`]): it is stored after a pause
    /// in typing rather than at once (`hooks::use_persisted_state`), so that a keystroke does
    /// not wait for the whole record to be written. Not stored.
    pub typing: bool,
}

impl Default for AppState {
    fn default() -> Self {
        AppState::with_patients(Lang::default(), Vec::new(), None)
    }
}

impl AppState {
    /// One patient with one time point holding `form` (none when `form` is empty).
    pub fn new(lang: Lang, form: FormState) -> Self {
        let record = if form == FormState::default() {
            PatientRecord::new(new_id('p'), now())
        } else {
            PatientRecord::with_form(new_id('p'), form, now())
        };
        let id = record.id.clone();
        AppState::with_patients(lang, vec![record], Some(id))
    }

    /// These patients, with `open` open (a new, empty patient with that id if it is not
    /// among them, or with a new id when `None`).
    pub fn with_patients(lang: Lang, records: Vec<PatientRecord>, open: Option<String>) -> Self {
        // Inserted one by one (a repeated id keeps the last record, as `collect` does):
        // collecting compiles a copy of the standard sort for the map's entries.
        let mut patients: VecMap<String, Rc<PatientRecord>> = VecMap::new();
        for r in records {
            patients.insert(r.id.clone(), Rc::new(r));
        }
        let current = open.unwrap_or_else(|| new_id('p'));
        patients
            .entry(current.clone())
            .or_insert_with(|| Rc::new(PatientRecord::new(current.clone(), now())));
        let parsed = FormState::default().parse();
        let mut state = AppState {
            lang,
            patients: Rc::new(patients),
            current,
            selected: None,
            form: FormState::default(),
            report: Rc::new(iectox::assess(&parsed.patient)),
            parsed,
            regimen: None,
            notices: Rc::default(),
            embed: false,
            typing: false,
        };
        state.refresh();
        state
    }

    /// The open patient.
    pub fn patient(&self) -> &PatientRecord {
        self.patients
            .get(&self.current)
            .expect("the open patient is always in the map")
    }

    pub fn course(&self) -> &Course {
        &self.patient().course
    }

    /// The time point the pages show: the selected one, else the latest.
    pub fn time_point(&self) -> Option<&TimePoint> {
        let course = self.course();
        self.selected
            .as_deref()
            .and_then(|id| course.time_point(id))
            .or_else(|| course.latest())
    }

    /// Patients in the order of the list: most recently changed first.
    pub fn patient_list(&self) -> Vec<&PatientRecord> {
        let mut list: Vec<&PatientRecord> = self.patients.values().map(|r| &**r).collect();
        iectox::order::sort_by(&mut list, |a, b| {
            b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id))
        });
        list
    }

    /// Re-reads the form from the selected time point (a vanished selection follows the
    /// latest again).
    fn refresh(&mut self) {
        if let Some(id) = &self.selected {
            if self.course().time_point(id).is_none() {
                self.selected = None;
            }
        }
        let form = self
            .time_point()
            .map(|t| t.form.clone())
            .unwrap_or_default();
        if form != self.form {
            self.parsed = form.parse();
            self.report = Rc::new(iectox::assess(&self.parsed.patient));
            self.form = form;
        }
    }

    fn put(&mut self, record: Rc<PatientRecord>) {
        Rc::make_mut(&mut self.patients).insert(record.id.clone(), record);
    }

    /// Changes one patient: `change` edits a copy, whose changed entries are then stamped.
    fn edit(&mut self, id: &str, change: impl FnOnce(&mut PatientRecord)) {
        let Some(old) = self.patients.get(id).cloned() else {
            return;
        };
        let mut new = (*old).clone();
        change(&mut new);
        let new = course::touch(&old, new, now());
        if new != *old {
            self.put(Rc::new(new));
        }
        if id == self.current {
            self.refresh();
        }
    }

    /// Stores `form` in the selected time point (a new one, now, if there is none).
    fn set_form(&mut self, form: FormState) {
        let tp = self.time_point().map(|t| t.id.clone());
        let id = self.current.clone();
        self.edit(&id, move |r| {
            match tp.and_then(|tp| r.course.time_points.iter_mut().find(|t| t.id == tp)) {
                Some(t) => t.form = form,
                None => r.course.time_points.push(TimePoint {
                    id: new_id('t'),
                    at: now(),
                    form,
                    stamps: Default::default(),
                }),
            }
        });
    }

    /// Opens `id`; the patient left behind is dropped if it is empty (it was never stored).
    fn open(&mut self, id: String) {
        if id != self.current && self.patient().is_empty() {
            let old = self.current.clone();
            Rc::make_mut(&mut self.patients).remove(&old);
        }
        if !self.patients.contains_key(&id) {
            self.put(Rc::new(PatientRecord::new(id.clone(), now())));
        }
        self.current = id;
        self.selected = None;
        self.regimen = None;
        self.refresh();
    }

    fn notices(&mut self) -> &mut Notices {
        Rc::make_mut(&mut self.notices)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let mut form = self.form.clone();
        next.typing = matches!(action, Action::SetText(..));
        match action {
            Action::SetText(field, text) => form.set_text(field, text),
            Action::SetUnit(field, unit) => form.set_unit(field, unit),
            Action::SetChoice(field, choice) => {
                if choice.is_empty() {
                    form.choices.remove(&field);
                } else {
                    form.choices.insert(field, choice);
                }
            }
            Action::SetHlhFeverNumeric(on) => form.hlh_fever_numeric = on,
            Action::SetDosingAgeGroup(group) => form.dosing_age_group = group,
            Action::SetWorkup(item, answer) => {
                if answer.is_empty() {
                    form.sepsis_workup.remove(&item);
                } else {
                    form.sepsis_workup.insert(item, answer);
                }
            }
            Action::SetAntibioticsStart(at) => form.antibiotics_started_at = at,
            Action::SetIcansAgeGroup(group) => form.icans_age_group = group,
            Action::SetLang(l) => next.lang = l,
            Action::SelectRegimen(r) => next.regimen = r,

            Action::AddTimePoint { at } => {
                let tp = new_id('t');
                let id = next.current.clone();
                let added = tp.clone();
                next.edit(&id, move |r| {
                    r.course.time_points.push(TimePoint {
                        id: added,
                        at,
                        form: FormState::default(),
                        stamps: Default::default(),
                    })
                });
                let latest = next.course().latest().map(|t| t.id.clone());
                next.selected = (latest.as_deref() != Some(&tp)).then_some(tp);
                next.refresh();
            }
            Action::SetTimePointAt { id: tp, at } => {
                let id = next.current.clone();
                next.edit(&id, |r| {
                    if let Some(t) = r.course.time_points.iter_mut().find(|t| t.id == tp) {
                        t.at = at;
                    }
                });
            }
            Action::DeleteTimePoint(tp) => {
                let id = next.current.clone();
                next.edit(&id, |r| r.course.time_points.retain(|t| t.id != tp));
            }
            Action::SelectTimePoint(tp) => {
                next.selected = tp;
                next.refresh();
            }
            Action::SetInfusion(at) => {
                let id = next.current.clone();
                next.edit(&id, |r| r.course.infusion = at);
            }
            Action::MarkFerritinRapidlyRising(at) => {
                let id = next.current.clone();
                next.edit(&id, |r| r.course.ferritin_rapidly_rising = at);
            }
            Action::AddTreatment {
                kind,
                at,
                dose_mg,
                note,
            } => {
                let id = next.current.clone();
                next.edit(&id, |r| {
                    r.course.treatments.push(Treatment {
                        id: new_id('x'),
                        kind,
                        at,
                        dose_mg,
                        note,
                    })
                });
            }
            Action::UpdateTreatment(t) => {
                let id = next.current.clone();
                next.edit(&id, |r| {
                    if let Some(old) = r.course.treatments.iter_mut().find(|o| o.id == t.id) {
                        *old = t;
                    }
                });
            }
            Action::RemoveTreatment(tr) => {
                let id = next.current.clone();
                next.edit(&id, |r| r.course.treatments.retain(|t| t.id != tr));
            }

            Action::NewPatient => {
                if !next.patient().is_empty() {
                    next.open(new_id('p'));
                }
                next.regimen = None;
            }
            Action::OpenPatient(id) => {
                if next.patients.contains_key(&id) {
                    next.open(id);
                }
            }
            Action::SetLabel { id, label } => next.edit(&id, |r| r.label = label),
            Action::SetArchived { id, archived } => next.edit(&id, |r| r.archived = archived),
            Action::DeletePatient(id) => {
                if id == next.current {
                    next.open(new_id('p'));
                }
                Rc::make_mut(&mut next.patients).remove(&id);
            }
            Action::Import(items) => {
                let lang = next.lang;
                for (record, choice) in items {
                    let here = next.patients.get(&record.id).cloned();
                    match (choice, here) {
                        (ImportChoice::Skip, _) => {}
                        (ImportChoice::Add, None) => next.put(Rc::new(record)),
                        (ImportChoice::Add, Some(here)) if here.is_empty() => {
                            next.put(Rc::new(record))
                        }
                        (ImportChoice::Add, Some(here)) => {
                            next.put(Rc::new(merge(&here, &record)));
                        }
                        (ImportChoice::Replace, Some(here)) => {
                            next.put(Rc::new(course::replace(&here, &record, now())));
                        }
                        (ImportChoice::Replace, None) => next.put(Rc::new(record)),
                        (ImportChoice::KeepBoth, _) => {
                            let mut copy = record;
                            copy.id = new_id('p');
                            copy.label = format!(
                                "{}{}",
                                copy.label,
                                crate::i18n::tr(lang, " (imported)", " (importado)")
                            );
                            next.put(Rc::new(copy));
                        }
                    }
                }
                next.refresh();
            }
            Action::ApplyCourseImport(import) => {
                if import.new_patient && !next.patient().is_empty() {
                    next.open(new_id('p'));
                }
                let id = next.current.clone();
                next.edit(&id, |r| crate::fhir_import::apply_to(r, &import));
                next.selected = None;
                next.refresh();
            }

            Action::Incoming { record, base } => {
                let id = record.id.clone();
                match next.patients.get(&id).cloned() {
                    None => next.put(record),
                    Some(local) if Rc::ptr_eq(&local, &record) => {}
                    Some(local) => {
                        let merged = merge(&local, &record);
                        let kept = if same_content(&merged, &record) {
                            record
                        } else {
                            let mut m = merged;
                            m.revision = local.revision.max(record.revision) + 1;
                            Rc::new(m)
                        };
                        if let Some(base) = base.filter(|b| !Rc::ptr_eq(b, &local)) {
                            let found = conflicts(&base, &local, &kept);
                            let label = kept.label.clone();
                            next.notices()
                                .conflicts
                                .extend(found.into_iter().map(|c| (label.clone(), c)));
                        }
                        next.put(kept);
                    }
                }
                if id == next.current {
                    next.refresh();
                }
            }
            Action::RemovedElsewhere(id) => {
                if let Some(gone) = next.patients.get(&id).cloned() {
                    if id == next.current {
                        next.notices().removed.push(gone.label.clone());
                        next.open(new_id('p'));
                    }
                    Rc::make_mut(&mut next.patients).remove(&id);
                }
            }
            Action::Rewrite(id) => {
                if let Some(r) = next.patients.get(&id).cloned() {
                    next.put(Rc::new((*r).clone()));
                }
            }
            Action::StorageProblem(p) => next.notices().problem = p,
            Action::Quarantined(items) => next.notices().quarantined = items,
            Action::DismissConflicts => next.notices().conflicts.clear(),
            Action::DismissRemoved => next.notices().removed.clear(),
        }
        if form != self.form {
            next.set_form(form);
        }
        Rc::new(next)
    }
}

pub type AppContext = UseReducerHandle<AppState>;

/// Who the open patient is, as the header shows it: a context of its own, so that what shows
/// only this is not redrawn on every change of the patient's values.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenPatient {
    pub embed: bool,
    pub label: String,
    pub created: crate::course::Millis,
}

impl OpenPatient {
    pub fn of(state: &AppState) -> Self {
        let p = state.patient();
        OpenPatient {
            embed: state.embed,
            label: p.label.clone(),
            created: p.created,
        }
    }
}

/// Equal when both hold the same allocation (or both none): for hooks keyed on "this record
/// changed" without comparing its content.
#[derive(Clone)]
pub struct SameRc<T>(pub Option<Rc<T>>);

impl<T> PartialEq for SameRc<T> {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}
