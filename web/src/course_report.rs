//! The one place where the app's course ([`crate::course::Course`]: times in milliseconds,
//! forms as typed) becomes the core's [`iectox::course::Course`] (minutes, typed patients).
//! Everything about time — day +n, carried values, baselines, episodes, trends — is then the
//! core's; nothing here interprets a value.

use iectox::course::{self as core, CourseError, Observation, Therapy, TreatmentEvent, UtcOffset};
use iectox::treatment::Drug;

use crate::course::{Course, Millis, TreatmentKind};

/// Milliseconds since the epoch → the core's whole minutes (floor, so that a time before 1970
/// still falls in its own minute).
pub fn minutes(ms: Millis) -> i64 {
    ms.div_euclid(60_000)
}

/// The core's minutes → milliseconds.
pub fn millis(minutes: i64) -> Millis {
    minutes * 60_000
}

/// The device's calendar at the infusion, whose days the course counts (§12: day 0 is the
/// calendar day of the infusion): its UTC offset then, in minutes east.
pub fn local_offset(infusion: Millis) -> UtcOffset {
    let west =
        js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(infusion as f64)).get_timezone_offset();
    // A device offset is always within ±23:59 (NaN for an invalid date: UTC).
    UtcOffset::new(-(west as i32)).unwrap_or(UtcOffset::UTC)
}

/// Day +n of `at` for a course whose infusion is `infusion` ([`iectox::course::day_of`] in the
/// device's calendar at the infusion).
pub fn day(infusion: Millis, at: Millis) -> i64 {
    iectox::course::day_of(minutes(infusion), minutes(at), local_offset(infusion))
}

/// The core's therapy for a treatment of the app.
pub fn therapy(kind: TreatmentKind, note: &str) -> Therapy {
    match kind {
        TreatmentKind::Tocilizumab => Therapy::Drug(Drug::Tocilizumab),
        TreatmentKind::Dexamethasone => Therapy::Drug(Drug::Dexamethasone),
        TreatmentKind::Methylprednisolone => Therapy::Drug(Drug::Methylprednisolone),
        TreatmentKind::Anakinra => Therapy::Drug(Drug::Anakinra),
        TreatmentKind::Other if note.trim().is_empty() => Therapy::Other("other".into()),
        TreatmentKind::Other => Therapy::Other(note.trim().into()),
    }
}

/// Why the course cannot be assessed.
#[derive(Clone, Debug, PartialEq)]
pub enum Unassessable {
    /// No infusion time: there is no day 0 and no baseline.
    NoInfusion,
    /// The core refused some entries (their indexes are those of the app's lists, which are in
    /// the same time order).
    Invalid(Vec<CourseError>),
}

/// The app's course as the core's. Time points and treatments are already sorted by time
/// (`Course::sort`); each time point's form is parsed as the pages parse it (fields with an
/// input error are missing, as on the pages).
pub fn to_core(course: &Course) -> Result<core::Course, Unassessable> {
    let infusion = course.infusion.ok_or(Unassessable::NoInfusion)?;
    let observations = course
        .time_points
        .iter()
        .map(|t| Observation {
            time: minutes(t.at),
            values: t.form.parse().patient,
        })
        .collect();
    let treatments = course
        .treatments
        .iter()
        .map(|t| TreatmentEvent {
            time: minutes(t.at),
            therapy: therapy(t.kind, &t.note),
            dose_mg: t.dose_mg,
        })
        .collect();
    let mut core = core::Course::from_parts(minutes(infusion), observations, treatments)
        .map_err(Unassessable::Invalid)?;
    core.ferritin_rapidly_rising = course.ferritin_rapidly_rising.map(minutes);
    core.utc_offset = local_offset(infusion);
    Ok(core)
}

/// The course assessed: the core course and its report (`None` when it cannot be assessed).
#[derive(Debug, PartialEq)]
pub struct Assessed {
    pub course: core::Course,
    pub report: core::CourseReport,
}

/// Maps and assesses; see [`to_core`].
pub fn assess(course: &Course) -> Result<Assessed, Unassessable> {
    let course = to_core(course)?;
    let report = course.report();
    Ok(Assessed { course, report })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{TimePoint, Treatment};
    use crate::form::FormState;
    use iectox::Field;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn tp(id: &str, at: Millis, ferritin: &str) -> TimePoint {
        let mut form = FormState::default();
        form.set_text(Field::Ferritin, ferritin.into());
        TimePoint {
            id: id.into(),
            at,
            form,
            stamps: Default::default(),
        }
    }

    const H: Millis = 3_600_000;
    const INF: Millis = 1_700_000_000_000;

    #[wasm_bindgen_test]
    fn maps_times_values_and_treatments() {
        let course = Course {
            infusion: Some(INF),
            time_points: vec![
                tp("a", INF - 2 * H, "400"),
                tp("b", INF + 24 * H + 30_000, "1200"),
            ],
            treatments: vec![Treatment {
                id: "x".into(),
                kind: TreatmentKind::Tocilizumab,
                at: INF + 20 * H,
                dose_mg: Some(560.0),
                note: String::new(),
            }],
            ..Default::default()
        };
        let a = assess(&course).unwrap();
        assert_eq!(a.course.infusion(), INF / 60_000);
        assert_eq!(a.course.observations()[1].time, (INF + 24 * H) / 60_000);
        let r = &a.report;
        assert_eq!(r.time_points.len(), 2);
        assert_eq!(r.time_points[1].day, 1);
        assert_eq!(r.tocilizumab_doses, vec![(INF + 20 * H) / 60_000]);
        assert_eq!(r.treatments[0].dose_mg, Some(560.0));
        // Ferritin 1200 > 2 × the baseline 400 taken before the infusion.
        assert_eq!(
            r.time_points[1].report.iec_hs.ferritin_criterion,
            iectox::Conclusion::Met
        );
    }

    #[wasm_bindgen_test]
    fn no_infusion_and_duplicate_minutes_are_reported() {
        let mut course = Course {
            time_points: vec![tp("a", INF, "400")],
            ..Default::default()
        };
        assert_eq!(assess(&course).unwrap_err(), Unassessable::NoInfusion);
        course.infusion = Some(INF);
        course.time_points.push(tp("b", INF + 10_000, "500"));
        match assess(&course).unwrap_err() {
            Unassessable::Invalid(e) => assert_eq!(e[0].index, Some(1)),
            other => panic!("{other:?}"),
        }
    }
}
