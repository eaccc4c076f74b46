use std::rc::Rc;

use yew::prelude::*;

use crate::course::PatientRecord;
use crate::course_report::{assess, Assessed, Unassessable};
use crate::hooks::use_app;
use crate::state::SameRc;

/// The open patient's course assessed by the core, recomputed only when that patient's record
/// changes (not on a language switch or another patient's change). Keyed on the record's
/// allocation: the reducer replaces the `Rc` exactly when the record changes, and comparing a
/// long course's content on every render would cost as much as a small change.
#[hook]
pub fn use_course_report() -> Rc<Result<Assessed, Unassessable>> {
    let app = use_app();
    let record: Rc<PatientRecord> = app
        .patients
        .get(&app.current)
        .cloned()
        .expect("the open patient is always in the map");
    use_memo(SameRc(Some(record)), |r| {
        assess(&r.0.as_ref().expect("the key holds the record").course)
    })
}
