use std::rc::Rc;

use yew::prelude::*;

use crate::course::PatientRecord;
use crate::course_report::{assess, Assessed, Unassessable};
use crate::hooks::use_app;

/// The open patient's course assessed by the core, recomputed only when that patient's record
/// changes (not on a language switch or another patient's change).
#[hook]
pub fn use_course_report() -> Rc<Result<Assessed, Unassessable>> {
    let app = use_app();
    let record: Rc<PatientRecord> = app
        .patients
        .get(&app.current)
        .cloned()
        .expect("the open patient is always in the map");
    use_memo(record, |r| assess(&r.course))
}
