//! FHIR R4 into and out of a patient's course: "Import from the record" (a file chosen,
//! dropped or pasted; read here, nothing uploaded) and "Export FHIR".
//!
//! The core reads the document ([`iectox::fhir::import`]: codes, units, plausible bounds,
//! used/ignored reasons). [`plan`] turns what it read into the course: one form per distinct
//! time, each made by the embed's form-from-record path ([`form_of`]), so a value the form
//! cannot hold exactly is refused rather than changed; treatments with their doses and times.
//! Applying is one reducer action ([`crate::state::Action::ApplyCourseImport`]): one revision,
//! nothing half-applied. The SMART launch hands its data to the same path.

use std::rc::Rc;

use iectox::fhir::{Import, ImportedTreatment, ImportedValue, TreatmentDrug};
use iectox::json::parse_patient;
use serde_json::Value;

use crate::course::{new_id, Millis, PatientRecord, TimePoint, Treatment, TreatmentKind};
use crate::form::FormState;
use crate::pages::embed::{form_of, HostProblem};

/// One time point of the import: its time, the form holding its values, and the values read
/// (with their source), for the report.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedPoint {
    pub at: Millis,
    pub form: FormState,
    pub values: Vec<ImportedValue>,
}

/// What applying an import would do.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub points: Vec<PlannedPoint>,
    pub treatments: Vec<ImportedTreatment>,
    /// Values of one time that no form can hold: (time, problem). Any problem: nothing is
    /// applied.
    pub problems: Vec<(Millis, HostProblem)>,
}

/// Minutes since the epoch (the core's times) as the app's milliseconds.
pub fn millis(minutes: i64) -> Millis {
    minutes * 60_000
}

pub fn treatment_kind(drug: TreatmentDrug) -> TreatmentKind {
    match drug {
        TreatmentDrug::Tocilizumab => TreatmentKind::Tocilizumab,
        TreatmentDrug::Dexamethasone => TreatmentKind::Dexamethasone,
        TreatmentDrug::Methylprednisolone => TreatmentKind::Methylprednisolone,
        TreatmentDrug::Anakinra => TreatmentKind::Anakinra,
    }
}

/// The course an import gives: one form per distinct time, read by the shared record parser.
pub fn plan(import: &Import) -> Plan {
    let mut points = Vec::new();
    let mut problems = Vec::new();
    for (at, record) in import.records() {
        let values = import
            .values
            .iter()
            .filter(|v| v.at == at)
            .cloned()
            .collect();
        let form = parse_patient(Value::Object(record))
            .map_err(|errors| errors.into_iter().map(HostProblem::Record).collect())
            .and_then(|patient| form_of(&patient));
        match form {
            Ok(form) => points.push(PlannedPoint {
                at: millis(at),
                form,
                values,
            }),
            Err(found) => problems.extend(found.into_iter().map(|p| (millis(at), p))),
        }
    }
    Plan {
        points,
        treatments: import.treatments.clone(),
        problems,
    }
}

/// An import ready for the reducer.
#[derive(Clone, Debug, PartialEq)]
pub struct CourseImport {
    /// Into a new patient (else the open one).
    pub new_patient: bool,
    pub points: Vec<(Millis, FormState)>,
    pub treatments: Vec<(TreatmentKind, Millis, Option<f64>, String)>,
}

impl CourseImport {
    /// `None` when the plan has problems (nothing may be applied).
    pub fn of(plan: &Plan, new_patient: bool, origin: &str) -> Option<Rc<CourseImport>> {
        if !plan.problems.is_empty() {
            return None;
        }
        Some(Rc::new(CourseImport {
            new_patient,
            points: plan.points.iter().map(|p| (p.at, p.form.clone())).collect(),
            treatments: plan
                .treatments
                .iter()
                .map(|t| {
                    let note = match &t.source {
                        Some(id) => format!("{origin} ({id})"),
                        None => origin.to_string(),
                    };
                    (treatment_kind(t.drug), millis(t.at), t.dose_mg, note)
                })
                .collect(),
        }))
    }
}

/// Puts an import into a record: a time point already at the same time receives the values
/// (each imported field replaces that field; the others stay), otherwise a new time point.
pub fn apply_to(record: &mut PatientRecord, import: &CourseImport) {
    for (at, form) in &import.points {
        match record.course.time_points.iter_mut().find(|t| t.at == *at) {
            Some(t) => merge_form(&mut t.form, form),
            None => record.course.time_points.push(TimePoint {
                id: new_id('t'),
                at: *at,
                form: form.clone(),
                stamps: Default::default(),
            }),
        }
    }
    for (kind, at, dose_mg, note) in &import.treatments {
        let known = record
            .course
            .treatments
            .iter()
            .any(|t| t.kind == *kind && t.at == *at && t.dose_mg == *dose_mg);
        // The same administration imported twice is one dose, not two.
        if !known {
            record.course.treatments.push(Treatment {
                id: new_id('x'),
                kind: *kind,
                at: *at,
                dose_mg: *dose_mg,
                note: note.clone(),
            });
        }
    }
    record.course.sort();
}

fn merge_form(into: &mut FormState, from: &FormState) {
    let fields = from
        .texts
        .keys()
        .chain(from.units.keys())
        .chain(from.choices.keys())
        .copied()
        .collect::<Vec<_>>();
    for f in fields {
        into.texts.remove(&f);
        into.units.remove(&f);
        into.display_units.remove(&f);
        into.choices.remove(&f);
        if let Some(t) = from.texts.get(&f) {
            into.texts.insert(f, t.clone());
        }
        if let Some(u) = from.units.get(&f) {
            into.units.insert(f, *u);
        }
        if let Some(c) = from.choices.get(&f) {
            into.choices.insert(f, c.clone());
        }
    }
    if from.hlh_fever_numeric {
        into.hlh_fever_numeric = true;
    }
}

/// The course's time points as the core's patients (minutes since the epoch), for export.
pub fn export_points(record: &PatientRecord) -> Vec<(i64, iectox::Patient)> {
    record
        .course
        .time_points
        .iter()
        .map(|t| (t.at.div_euclid(60_000), t.form.parse().patient))
        .collect()
}

/// The FHIR Bundle of a patient's course, as text.
pub fn export_text(record: &PatientRecord) -> String {
    let bundle = iectox::fhir::export(&export_points(record), crate::VERSION);
    serde_json::to_string_pretty(&bundle).unwrap_or_default()
}
