//! FHIR import into the course: the plan (one form per distinct time, treatments) and its
//! application in one reducer step.

use std::rc::Rc;

use iectox::Field;
use wasm_bindgen_test::*;
use web::course::{PatientRecord, TreatmentKind};
use web::fhir_import::{apply_to, plan, CourseImport};
use web::state::{Action, AppState};
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

const CART: &str = include_str!("../../crates/iectox/tests/fixtures/fhir/cart-course.json");

fn ms(text: &str) -> i64 {
    iectox::fhir::parse_date_time(text).unwrap() * 60_000
}

#[wasm_bindgen_test]
fn the_plan_has_one_form_per_distinct_time_and_the_treatments() {
    let import = iectox::fhir::import(CART).unwrap();
    let p = plan(&import);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.points.len(), import.records().len());
    let labs = p
        .points
        .iter()
        .find(|t| t.at == ms("2026-11-27T06:00:00+01:00"))
        .unwrap();
    assert_eq!(labs.form.text(Field::Ferritin), "31000");
    assert_eq!(labs.form.text(Field::Platelets), "25");
    // The age at each time, from the birth date (1968-03-14).
    assert!(labs.form.text(Field::Age).starts_with("58"));
    assert!(labs
        .values
        .iter()
        .any(|v| v.name == "ferritin" && v.source.as_deref() == Some("o15")));
    // Paracetamol is not recorded; tocilizumab twice and dexamethasone once, with doses.
    let import = CourseImport::of(&p, false, "FHIR").unwrap();
    let kinds: Vec<_> = import.treatments.iter().map(|t| (t.0, t.2)).collect();
    assert_eq!(
        kinds,
        [
            (TreatmentKind::Tocilizumab, Some(544.0)),
            (TreatmentKind::Tocilizumab, Some(544.0)),
            (TreatmentKind::Dexamethasone, Some(10.0)),
        ]
    );
}

#[wasm_bindgen_test]
fn a_time_point_at_the_same_time_receives_the_values_and_a_second_import_adds_nothing() {
    let p = plan(&iectox::fhir::import(CART).unwrap());
    let import = CourseImport::of(&p, false, "FHIR").unwrap();
    let at = ms("2026-11-27T06:00:00+01:00");
    let mut form = web::form::FormState::default();
    form.set_text(Field::Ferritin, "100".into());
    form.set_text(Field::Triglycerides, "1".into());
    form.choices.insert(Field::Hepatomegaly, "yes".into());
    let mut record = PatientRecord::with_form("p1".into(), form, at);
    apply_to(&mut record, &import);
    assert_eq!(record.course.time_points.len(), p.points.len());
    let tp = record
        .course
        .time_points
        .iter()
        .find(|t| t.at == at)
        .unwrap();
    assert_eq!(
        tp.form.text(Field::Ferritin),
        "31000",
        "the record's value replaces"
    );
    assert_eq!(
        tp.form.choices.get(&Field::Hepatomegaly).unwrap(),
        "yes",
        "the others stay"
    );
    let before = record.clone();
    apply_to(&mut record, &import);
    assert_eq!(
        record.course.time_points.len(),
        before.course.time_points.len()
    );
    assert_eq!(
        record.course.treatments.len(),
        3,
        "the same doses are not added twice"
    );
}

#[wasm_bindgen_test]
fn applying_is_one_step_into_a_new_patient() {
    let p = plan(&iectox::fhir::import(CART).unwrap());
    let state = Rc::new(AppState::default());
    let first = state.current.clone();
    let state = state.reduce(Action::SetText(Field::Ferritin, "700".into()));
    let import = CourseImport::of(&p, true, "FHIR").unwrap();
    let state = state.reduce(Action::ApplyCourseImport(import));
    assert_ne!(state.current, first, "a new patient");
    assert_eq!(state.patients.len(), 2, "the other patient stays");
    let record = state.patient();
    assert_eq!(record.revision, 1, "one revision: nothing half-applied");
    assert_eq!(record.course.time_points.len(), p.points.len());
    assert_eq!(record.course.tocilizumab().count(), 2);
    // The pages show the latest time point (day 27 08:00, a temperature).
    assert_eq!(state.form.text(Field::Temperature), "38.8");
}
