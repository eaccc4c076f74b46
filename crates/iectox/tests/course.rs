//! The course over time (clinical spec §12): baselines, validity windows, the CRS-phase peak
//! ferritin, episodes, invalid times, trends, the tocilizumab log, and a realistic 7-day course.

// Observations are built field by field from the default, as a form would.
#![allow(clippy::field_reassign_with_default)]

use iectox::course::time::{DAY, HOUR};
use iectox::course::{
    self, Baselines, Boundary, Course, CourseErrorKind, Entry, EpisodeEnd, MinuteRange,
    Observation, Origin, Syndrome, Therapy, TreatmentEvent, UtcOffset, PRE_INFUSION_WINDOW,
};
use iectox::patient::{CerebralEdema, Consciousness, OxygenDevice, Seizure};
use iectox::scores::iec_hs::IecHsFeature;
use iectox::treatment::tocilizumab_log::Reason;
use iectox::treatment::Drug;
use iectox::units::{
    Age, Alt, Ast, Bilirubin, Creatinine, Fibrinogen, OxygenFlow, Quantity, Temperature, Unit,
};
use iectox::{Conclusion, Field, Patient, Range, Status};
use proptest::prelude::*;

/// 2026-12-01T10:00Z.
const INF: i64 = 1_796_119_200 / 60;

fn q<Q: Quantity>(v: f64, unit: Unit) -> Q {
    Q::new(v, unit).unwrap()
}

fn ferritin(v: f64) -> Patient {
    let mut p = Patient::default();
    p.ferritin = Some(q(v, Unit::NgPerMl));
    p
}

/// ASTCT CRS inputs: temperature, whether fever is masked by therapy, hypotension, the number
/// of vasopressors, the oxygen device and flow.
fn crs_inputs(
    p: &mut Patient,
    temp: f64,
    masked: bool,
    hypotension: bool,
    vasopressors: u8,
    device: OxygenDevice,
    flow: Option<f64>,
) {
    p.temperature = Some(q::<Temperature>(temp, Unit::Celsius));
    p.fever_masking_therapy = Some(masked);
    p.hypotension = Some(hypotension);
    p.vasopressors = Some(vasopressors);
    p.vasopressin = Some(false);
    p.oxygen_device = Some(device);
    p.oxygen_flow = flow.map(|f| q::<OxygenFlow>(f, Unit::LPerMin));
}

fn vitals(temp: f64, hypotension: bool, vasopressors: u8, device: OxygenDevice) -> Patient {
    let mut p = Patient::default();
    let flow = (device == OxygenDevice::NasalCannula).then_some(2.0);
    crs_inputs(&mut p, temp, false, hypotension, vasopressors, device, flow);
    p
}

/// ICANS inputs of an adult with an ICE total.
fn neuro(p: &mut Patient, ice: u8) {
    p.ice_total = Some(ice);
    p.consciousness = Some(Consciousness::Alert);
    p.seizure = Some(Seizure::None);
    p.motor_weakness = Some(false);
    p.cerebral_edema = Some(CerebralEdema::None);
}

fn crs_grade(c: &Course, t: i64) -> Range {
    iectox::scores::crs::assess(&c.patient_at(t).patient)
        .assessment
        .range
}

// ---- Day +n -------------------------------------------------------------------------------

#[test]
fn day_zero_is_the_calendar_day_of_the_infusion() {
    // INF is 10:00 UTC; the course counts UTC days unless told otherwise.
    let c = Course::new(INF).unwrap();
    assert_eq!(c.utc_offset, UtcOffset::UTC);
    assert_eq!(c.day(INF), 0);
    // The same calendar day before the infusion is day 0; its midnight is the edge.
    assert_eq!(c.day(INF - 1), 0);
    assert_eq!(c.day(INF - 10 * HOUR), 0);
    assert_eq!(c.day(INF - 10 * HOUR - 1), -1);
    assert_eq!(c.day(INF - 10 * HOUR - DAY), -1);
    assert_eq!(c.day(INF - 10 * HOUR - DAY - 1), -2);
    // The next midnight starts day +1, the next morning is day +1.
    assert_eq!(c.day(INF + 14 * HOUR - 1), 0);
    assert_eq!(c.day(INF + 14 * HOUR), 1);
    assert_eq!(c.day(INF + DAY - 1), 1);
    assert_eq!(c.day(INF + DAY), 1);
    assert_eq!(c.minutes_since_infusion(INF + 90), 90);
    assert_eq!(c.hours_since_infusion(INF - 90), -1.5);
    assert_eq!(course::day_of(INF, INF + 7 * DAY + 5, UtcOffset::UTC), 7);
    assert_eq!(course::day_start(INF, 0, UtcOffset::UTC), INF - 10 * HOUR);
    assert_eq!(course::day_start(INF, 1, UtcOffset::UTC), INF + 14 * HOUR);
    assert_eq!(course::day_start(INF, -1, UtcOffset::UTC), INF - 34 * HOUR);
    // Any number may be asked about without overflow.
    let mut c = c;
    c.add_observation(INF, ferritin(500.0)).unwrap();
    assert_eq!(c.patient_at(i64::MAX).patient.ferritin, None);
    assert!(c.day(i64::MIN) < 0);
    assert!(c.day(i64::MAX) > 0);
    assert!(course::day_start(INF, i64::MAX, UtcOffset::UTC) > INF);
}

#[test]
fn days_are_counted_in_the_courses_local_calendar() {
    // UTC+02:00: the infusion is at 12:00 local; local midnights are 12 h away.
    let plus2 = UtcOffset::new(120).unwrap();
    assert_eq!(course::day_of(INF, INF - 12 * HOUR, plus2), 0);
    assert_eq!(course::day_of(INF, INF - 12 * HOUR - 1, plus2), -1);
    assert_eq!(course::day_of(INF, INF + 12 * HOUR - 1, plus2), 0);
    assert_eq!(course::day_of(INF, INF + 12 * HOUR, plus2), 1);
    assert_eq!(course::day_start(INF, 0, plus2), INF - 12 * HOUR);
    // UTC−11:00: the infusion is at 23:00 local; an hour later is day +1.
    let minus11 = UtcOffset::new(-660).unwrap();
    assert_eq!(course::day_of(INF, INF + 59, minus11), 0);
    assert_eq!(course::day_of(INF, INF + 60, minus11), 1);
    // The accepted range is what an ISO 8601 offset can write.
    assert_eq!(UtcOffset::new(1439).map(UtcOffset::minutes), Some(1439));
    assert_eq!(UtcOffset::new(-1439).map(UtcOffset::minutes), Some(-1439));
    assert_eq!(UtcOffset::new(1440), None);
    assert_eq!(UtcOffset::new(-1440), None);
    let mut c = Course::new(INF).unwrap();
    c.utc_offset = plus2;
    assert_eq!(c.day(INF + 12 * HOUR), 1);
}

proptest! {
    /// A day starts at its own midnight: that minute is in it, the minute before in the day
    /// before, in any calendar.
    #[test]
    fn day_start_is_the_first_minute_of_its_day(
        infusion in -1_000_000_000i64..1_000_000_000,
        day in -400i64..400,
        offset in -1439i32..=1439,
    ) {
        let o = UtcOffset::new(offset).unwrap();
        let start = course::day_start(infusion, day, o);
        prop_assert_eq!(course::day_of(infusion, start, o), day);
        prop_assert_eq!(course::day_of(infusion, start - 1, o), day - 1);
        prop_assert_eq!(course::day_of(infusion, infusion, o), 0);
    }
}

// ---- Baselines ----------------------------------------------------------------------------

#[test]
fn baseline_is_the_last_value_at_or_before_the_infusion() {
    let mut c = Course::new(INF).unwrap();
    c.add_observation(INF - 3 * DAY, ferritin(300.0)).unwrap();
    c.add_observation(INF - 20 * HOUR, ferritin(400.0)).unwrap();
    c.add_observation(INF + 1, ferritin(900.0)).unwrap();
    let b = &c.baselines_at(INF + 2 * DAY)[0];
    assert_eq!(b.field, Field::FerritinBaseline);
    assert_eq!(b.analyte, Field::Ferritin);
    assert_eq!(b.value.unwrap().entered.value, 400.0);
    assert_eq!(
        b.origin,
        Some(Origin::LastAtOrBeforeInfusion {
            time: INF - 20 * HOUR
        })
    );
    let at = c.patient_at(INF + 2 * DAY);
    assert_eq!(at.patient.ferritin_baseline, Some(q(400.0, Unit::NgPerMl)));
    assert_eq!(
        at.source(Field::FerritinBaseline).unwrap().origin,
        Origin::LastAtOrBeforeInfusion {
            time: INF - 20 * HOUR
        }
    );

    // A value exactly at the infusion time is "at or before".
    c.add_observation(INF, ferritin(450.0)).unwrap();
    let b = &c.baselines_at(INF + 2 * DAY)[0];
    assert_eq!(b.value.unwrap().entered.value, 450.0);
    assert_eq!(b.origin, Some(Origin::LastAtOrBeforeInfusion { time: INF }));

    // Before the infusion only what was known then: the last value at or before that time.
    let early = c.patient_at(INF - 2 * DAY).patient;
    assert_eq!(early.ferritin_baseline, Some(q(300.0, Unit::NgPerMl)));
    // Other analytes without a value have no baseline: missing, not normal.
    let ast = c.baselines_at(INF + DAY)[2];
    assert_eq!(
        (ast.field, ast.value, ast.origin),
        (Field::AstBaseline, None, None)
    );
    assert_eq!(c.patient_at(INF + DAY).patient.ast_baseline, None);
}

#[test]
fn an_implausible_value_is_not_taken_as_baseline() {
    let mut c = Course::new(INF).unwrap();
    c.add_observation(INF - HOUR, ferritin(0.0)).unwrap();
    assert_eq!(c.baselines_at(INF)[0].value, None);
    assert_eq!(c.patient_at(INF + HOUR).patient.ferritin_baseline, None);
}

#[test]
fn baseline_precedence_override_then_typed_then_derived() {
    let mut c = Course::new(INF).unwrap();
    c.add_observation(INF - 20 * HOUR, ferritin(400.0)).unwrap();
    let mut typed = ferritin(800.0);
    typed.ferritin_baseline = Some(q(350.0, Unit::NgPerMl));
    c.add_observation(INF + DAY, typed).unwrap();

    // Before the typed one: derived.
    let b = c.baselines_at(INF + 12 * HOUR)[0];
    assert_eq!(b.value.unwrap().entered.value, 400.0);
    // From it on: the clinician's typed baseline, carried without expiry.
    let b = c.baselines_at(INF + 9 * DAY)[0];
    assert_eq!(b.value.unwrap().entered.value, 350.0);
    assert_eq!(
        b.origin,
        Some(Origin::CarriedForward {
            time: INF + DAY,
            age_minutes: 8 * DAY
        })
    );
    // The course override wins over both.
    c.baseline_overrides = Baselines {
        ferritin: Some(q(500.0, Unit::UgPerL)),
        ..Baselines::default()
    };
    for t in [INF - 10 * HOUR, INF + 12 * HOUR, INF + 9 * DAY] {
        let at = c.patient_at(t);
        assert_eq!(at.patient.ferritin_baseline, Some(q(500.0, Unit::UgPerL)));
        assert_eq!(
            at.source(Field::FerritinBaseline).unwrap().origin,
            Origin::Override
        );
    }
    // 800 vs the override 500: not > 2 × baseline (IEC-HS ferritin needs the ULN then).
    let r = iectox::assess(&c.patient_at(INF + DAY).patient);
    assert_eq!(r.iec_hs.ferritin_criterion, Conclusion::Undetermined);
}

#[test]
fn baseline_feeds_ctcae_baseline_relative_grades() {
    // AST baseline abnormal (90 > ULN 40): graded against the baseline, not the ULN.
    let mut c = Course::new(INF).unwrap();
    let mut before = Patient::default();
    before.ast = Some(q::<Ast>(90.0, Unit::UPerL));
    before.ast_uln = Some(q::<Ast>(40.0, Unit::UPerL));
    c.add_observation(INF - DAY, before).unwrap();
    let mut later = Patient::default();
    later.ast = Some(q::<Ast>(250.0, Unit::UPerL)); // 2.8 × baseline; 6.25 × ULN
    c.add_observation(INF + 2 * DAY, later).unwrap();
    let ctcae = iectox::assess(&c.patient_at(INF + 2 * DAY).patient).ctcae;
    let ast = ctcae.term(iectox::scores::ctcae::CtcaeTerm::AstIncreased);
    assert_eq!(ast.points, Some(1), "1.5–3.0 × baseline is grade 1");
}

// ---- Validity windows ---------------------------------------------------------------------

#[test]
fn lab_values_are_carried_exactly_24_hours() {
    let mut c = Course::new(INF).unwrap();
    c.add_observation(INF + HOUR, ferritin(900.0)).unwrap();
    let t0 = INF + HOUR;
    let now = c.patient_at(t0);
    assert_eq!(
        now.source(Field::Ferritin).unwrap().origin,
        Origin::Current { time: t0 }
    );
    let edge = c.patient_at(t0 + 24 * HOUR);
    assert_eq!(edge.patient.ferritin, Some(q(900.0, Unit::NgPerMl)));
    assert_eq!(
        edge.source(Field::Ferritin).unwrap().origin,
        Origin::CarriedForward {
            time: t0,
            age_minutes: 1440
        }
    );
    let after = c.patient_at(t0 + 24 * HOUR + 1);
    assert_eq!(after.patient.ferritin, None, "older values are missing");
    assert_eq!(
        after.source(Field::Ferritin).unwrap().origin,
        Origin::Expired {
            time: t0,
            age_minutes: 1441
        }
    );
    // Missing, never normal: IEC-HS ferritin undetermined, not "not met".
    let r = iectox::assess(&after.patient);
    assert_eq!(r.iec_hs.ferritin_criterion, Conclusion::Undetermined);
    // Before the observation nothing is known.
    assert_eq!(c.patient_at(t0 - 1).source(Field::Ferritin), None);
}

#[test]
fn vital_signs_are_carried_12_hours_and_then_the_grade_is_undetermined() {
    let mut c = Course::new(INF).unwrap();
    let t0 = INF + DAY;
    c.add_observation(t0, vitals(38.5, false, 0, OxygenDevice::None))
        .unwrap();
    assert_eq!(crs_grade(&c, t0), Range::exact(1));
    assert_eq!(crs_grade(&c, t0 + 12 * HOUR), Range::exact(1));
    let p = c.patient_at(t0 + 12 * HOUR + 1).patient;
    assert_eq!(p.temperature, None);
    assert_eq!(p.oxygen_device, None);
    assert_eq!(p.hypotension, None);
    // Expired vital signs are missing, never normal: grade 0–4, not 0.
    assert_eq!(crs_grade(&c, t0 + 12 * HOUR + 1), Range::new(0, 4));
}

#[test]
fn each_class_has_its_window_and_settings_change_them() {
    let mut c = Course::new(INF).unwrap();
    let mut p = ferritin(900.0);
    p.age = Some(q::<Age>(58.0, Unit::Years));
    p.ferritin_uln = Some(q(300.0, Unit::NgPerMl));
    p.hepatomegaly = Some(true);
    p.tissue_hemophagocytosis = Some(true);
    p.temperature = Some(q(38.0, Unit::Celsius));
    c.add_observation(INF - 25 * DAY, p).unwrap();
    let t = |h: i64| INF - 25 * DAY + h * HOUR;
    // Permanent facts: no expiry, however old.
    let late = c.patient_at(INF + 20 * DAY).patient;
    assert_eq!(late.age, Some(q(58.0, Unit::Years)));
    assert_eq!(late.ferritin_uln, Some(q(300.0, Unit::NgPerMl)));
    assert_eq!(late.tissue_hemophagocytosis, Some(true));
    // Findings: 24 h.
    assert_eq!(c.patient_at(t(24)).patient.hepatomegaly, Some(true));
    assert_eq!(c.patient_at(t(24) + 1).patient.hepatomegaly, None);
    // Longer windows when the clinician sets them.
    c.settings.lab_validity_minutes = 48 * 60;
    c.settings.bedside_validity_minutes = 6 * 60;
    let p = c.patient_at(t(30)).patient;
    assert!(p.ferritin.is_some());
    assert_eq!(
        c.patient_at(t(6)).patient.temperature,
        Some(q(38.0, Unit::Celsius))
    );
    assert_eq!(c.patient_at(t(6) + 1).patient.temperature, None);
}

#[test]
fn every_field_is_classified() {
    use iectox::course::FieldClass;
    for f in Field::ALL {
        let class = course::class_of(*f);
        let expected = match *f {
            Field::Ferritin | Field::Platelets | Field::Crp => Some(FieldClass::Lab),
            Field::Temperature | Field::OxygenDevice | Field::IceTotal | Field::Consciousness => {
                Some(FieldClass::Bedside)
            }
            Field::Age | Field::Weight | Field::FerritinUln | Field::MarrowHemophagocytosis => {
                Some(FieldClass::Permanent)
            }
            Field::FerritinBaseline => Some(FieldClass::Baseline),
            _ => None,
        };
        if let Some(e) = expected {
            assert_eq!(class, e, "{f:?}");
        }
    }
}

#[test]
fn values_measured_together_are_carried_together() {
    let mut c = Course::new(INF).unwrap();
    let mut morning = Patient::default();
    morning.ice_total = Some(8);
    morning.oxygen_device = Some(OxygenDevice::NasalCannula);
    morning.oxygen_flow = Some(q(4.0, Unit::LPerMin));
    c.add_observation(INF + DAY, morning).unwrap();
    let mut later = Patient::default();
    later.ice_items.orientation = Some(3);
    later.oxygen_device = Some(OxygenDevice::Facemask);
    c.add_observation(INF + DAY + 2 * HOUR, later).unwrap();
    let p = c.patient_at(INF + DAY + 3 * HOUR).patient;
    // The morning ICE total never meets the later ICE items; the cannula's flow ends with it.
    assert_eq!(p.ice_total, None);
    assert_eq!(p.ice_items.orientation, Some(3));
    assert_eq!(p.oxygen_device, Some(OxygenDevice::Facemask));
    assert_eq!(p.oxygen_flow, None);
}

// ---- Peak ferritin of the CRS phase and CARTOX HLH/MAS ------------------------------------

/// A febrile observation (CRS grade 1) with a ferritin.
fn febrile_with_ferritin(v: f64) -> Patient {
    let mut p = vitals(38.6, false, 0, OxygenDevice::None);
    p.ferritin = Some(q(v, Unit::NgPerMl));
    p
}

#[test]
fn peak_ferritin_window_edges() {
    let mut c = Course::new(INF).unwrap();
    // Before the infusion: not the CRS phase.
    c.add_observation(INF - 1, febrile_with_ferritin(20_000.0))
        .unwrap();
    c.add_observation(INF, febrile_with_ferritin(3_000.0))
        .unwrap();
    // Afebrile (CRS grade 0): not counted, however high.
    c.add_observation(INF + DAY, {
        let mut p = vitals(37.0, false, 0, OxygenDevice::None);
        p.ferritin = Some(q(50_000.0, Unit::NgPerMl));
        p
    })
    .unwrap();
    // The window's last minute counts, the next does not.
    c.add_observation(INF + 5 * DAY, febrile_with_ferritin(8_000.0))
        .unwrap();
    c.add_observation(INF + 5 * DAY + 1, febrile_with_ferritin(30_000.0))
        .unwrap();
    let phase = c.crs_phase_ferritin(INF + 30 * DAY);
    assert_eq!((phase.from, phase.to), (INF, INF + 5 * DAY));
    let peak = phase.peak.unwrap();
    assert_eq!((peak.time, peak.ferritin.value()), (INF + 5 * DAY, 8_000.0));
    assert_eq!(phase.possibly_higher, None);
    // As known at a time: only what was measured up to then.
    assert_eq!(c.crs_phase_ferritin(INF + 4 * DAY).peak.unwrap().time, INF);
    assert_eq!(c.crs_phase_ferritin(INF - 1).peak, None);
    // A shorter phase (setting).
    c.settings.crs_phase_minutes = 3 * 24 * 60;
    assert_eq!(c.crs_phase_ferritin(INF + 30 * DAY).peak.unwrap().time, INF);
}

#[test]
fn a_higher_ferritin_with_crs_undetermined_is_reported_not_guessed() {
    let mut c = Course::new(INF).unwrap();
    c.add_observation(INF + DAY, febrile_with_ferritin(4_000.0))
        .unwrap();
    // Two days later: ferritin only, the vital signs have expired: CRS 0–4.
    c.add_observation(INF + 3 * DAY, ferritin(9_000.0)).unwrap();
    let phase = c.crs_phase_ferritin(INF + 3 * DAY);
    assert_eq!(phase.peak.unwrap().ferritin.value(), 4_000.0);
    let h = phase.possibly_higher.unwrap();
    assert_eq!((h.time, h.ferritin.value()), (INF + 3 * DAY, 9_000.0));
}

#[test]
fn cartox_hlh_is_evaluated_with_the_crs_phase_peak() {
    let mut c = Course::new(INF).unwrap();
    let mut before = Patient::default();
    before.ast = Some(q::<Ast>(30.0, Unit::UPerL));
    before.ast_uln = Some(q::<Ast>(40.0, Unit::UPerL));
    before.tissue_hemophagocytosis = Some(true);
    c.add_observation(INF - DAY, before).unwrap();
    c.add_observation(INF + 2 * DAY, febrile_with_ferritin(12_000.0))
        .unwrap();
    let mut day7 = vitals(37.0, false, 0, OxygenDevice::None);
    day7.ferritin = Some(q(3_000.0, Unit::NgPerMl));
    day7.ast = Some(q::<Ast>(400.0, Unit::UPerL)); // > 5 × ULN: CTCAE grade 3
    c.add_observation(INF + 7 * DAY, day7).unwrap();
    let points = c.assess_all();
    let day7 = points.last().unwrap();
    assert_eq!(day7.day, 7);
    // The snapshot rule with today's ferritin (3 000): not met.
    assert_eq!(
        day7.report.iec_hs.cartox_hlh.assessment.conclusion,
        Conclusion::NotMet
    );
    // The same rule with the CRS-phase peak (12 000 on day 2) and two organ criteria: met.
    assert_eq!(day7.crs_phase_ferritin.peak.unwrap().time, INF + 2 * DAY);
    let cartox = day7.cartox_hlh_at_peak.as_ref().unwrap();
    assert_eq!(cartox.assessment.conclusion, Conclusion::Met);
    // Before the peak was measured there is no CARTOX-at-peak.
    assert!(points[0].cartox_hlh_at_peak.is_none());
}

/// A higher ferritin measured while the CRS grade was undetermined may be the peak: CARTOX at
/// the peak is then undetermined when it decides the answer, and keeps the certain peak's
/// answer when it does not.
#[test]
fn cartox_at_peak_is_undetermined_when_an_unsure_higher_ferritin_decides_it() {
    let organs = |ferritin_value: f64| {
        let mut p = febrile_with_ferritin(ferritin_value);
        p.ast = Some(q::<Ast>(400.0, Unit::UPerL)); // > 5 × ULN: grade 3
        p.ast_uln = Some(q::<Ast>(40.0, Unit::UPerL));
        p.tissue_hemophagocytosis = Some(true);
        p
    };
    let build = |unsure: f64| {
        let mut c = Course::new(INF).unwrap();
        c.add_observation(INF + DAY, febrile_with_ferritin(8_000.0))
            .unwrap();
        // Two days later, ferritin only: the vital signs have expired, CRS 0–4.
        c.add_observation(INF + 3 * DAY, ferritin(unsure)).unwrap();
        c.add_observation(INF + 3 * DAY + HOUR, organs(9_000.0))
            .unwrap();
        c.assess_all().pop().unwrap()
    };
    // 12 000 (> 10 000) may be the peak: with two organ criteria met, CARTOX depends on it.
    let last = build(12_000.0);
    assert_eq!(
        last.crs_phase_ferritin.peak.unwrap().ferritin.value(),
        9_000.0
    );
    assert_eq!(
        last.crs_phase_ferritin
            .possibly_higher
            .unwrap()
            .ferritin
            .value(),
        12_000.0
    );
    let cartox = last.cartox_hlh_at_peak.unwrap();
    assert_eq!(cartox.assessment.conclusion, Conclusion::Undetermined);
    assert_eq!(cartox.assessment.items[0].status, Status::Unknown);
    // 9 500 cannot change the answer (both ≤ 10 000): not met, with the certain peak.
    let last = build(9_500.0);
    let cartox = last.cartox_hlh_at_peak.unwrap();
    assert_eq!(cartox.assessment.conclusion, Conclusion::NotMet);
    assert_eq!(cartox.assessment.items[0].status, Status::NotMet);
}

// ---- Episodes -----------------------------------------------------------------------------

fn course_of(points: &[(i64, Patient)]) -> Course {
    let obs = points
        .iter()
        .map(|(time, values)| Observation {
            time: *time,
            values: values.clone(),
        })
        .collect();
    Course::from_parts(INF, obs, Vec::new()).unwrap()
}

#[test]
fn crs_episode_onset_maximum_resolution_and_a_second_episode() {
    use OxygenDevice::{NasalCannula, None as NoO2};
    let c = course_of(&[
        (INF - DAY, vitals(38.2, false, 0, NoO2)), // before the infusion: ignored
        (INF + 6 * HOUR, vitals(37.0, false, 0, NoO2)),
        (INF + DAY, vitals(38.4, false, 0, NoO2)),
        (INF + DAY + 8 * HOUR, vitals(39.0, true, 1, NasalCannula)),
        (INF + 2 * DAY, vitals(38.5, true, 0, NoO2)),
        (INF + 3 * DAY, vitals(37.0, false, 0, NoO2)),
        (INF + 6 * DAY, vitals(38.8, true, 0, NoO2)),
        (INF + 7 * DAY, vitals(36.9, false, 0, NoO2)),
    ]);
    let r = c.report();
    assert_eq!(r.crs.syndrome, Syndrome::Crs);
    assert_eq!(r.crs.episodes.len(), 2);
    let e = &r.crs.episodes[0];
    assert_eq!(
        e.onset,
        Boundary {
            time: INF + DAY,
            undetermined_from: None
        }
    );
    assert_eq!(
        (e.max_grade, e.max_at),
        (Range::exact(3), INF + DAY + 8 * HOUR)
    );
    assert_eq!(
        e.end,
        EpisodeEnd::Resolved(Boundary {
            time: INF + 3 * DAY,
            undetermined_from: None
        })
    );
    assert_eq!(
        e.duration_minutes,
        Some(MinuteRange {
            min: 2 * DAY,
            max: 2 * DAY
        })
    );
    let e2 = &r.crs.episodes[1];
    assert_eq!(e2.onset.time, INF + 6 * DAY);
    assert_eq!(e2.max_grade, Range::exact(2));
    assert_eq!(e2.duration_minutes.unwrap().min, DAY);
    assert!(r.crs.undetermined.is_empty());
}

#[test]
fn undetermined_time_points_make_boundaries_undetermined() {
    use OxygenDevice::None as NoO2;
    let c = course_of(&[
        (INF + 6 * HOUR, vitals(37.0, false, 0, NoO2)),
        // More than 12 h later, ferritin only: CRS 0–4.
        (INF + DAY, ferritin(800.0)),
        (INF + DAY + 6 * HOUR, vitals(38.5, true, 0, NoO2)),
        (INF + 2 * DAY, vitals(38.1, false, 0, NoO2)),
        (INF + 3 * DAY, ferritin(700.0)),
        (INF + 3 * DAY + 6 * HOUR, vitals(37.0, false, 0, NoO2)),
        (INF + 5 * DAY, ferritin(600.0)),
    ]);
    let r = c.report();
    assert_eq!(r.crs.episodes.len(), 1);
    let e = &r.crs.episodes[0];
    assert_eq!(
        e.onset,
        Boundary {
            time: INF + DAY + 6 * HOUR,
            undetermined_from: Some(INF + DAY)
        }
    );
    // Grade 2 certain; up to 4 possible at the undetermined onset.
    assert_eq!(e.max_grade, Range::new(2, 4));
    assert_eq!(
        e.end,
        EpisodeEnd::Resolved(Boundary {
            time: INF + 3 * DAY + 6 * HOUR,
            undetermined_from: Some(INF + 3 * DAY)
        })
    );
    assert_eq!(
        e.duration_minutes,
        Some(MinuteRange {
            min: 2 * DAY - 6 * HOUR,
            max: 2 * DAY + 6 * HOUR
        })
    );
    // The last time point (day 5, vital signs expired) may hide another episode.
    assert_eq!(r.crs.undetermined.len(), 1);
    assert_eq!(r.crs.undetermined[0].from, INF + 5 * DAY);

    // An episode whose last time points are undetermined may have resolved.
    let c = course_of(&[
        (INF + DAY, vitals(38.5, false, 0, NoO2)),
        (INF + 3 * DAY, ferritin(700.0)),
    ]);
    let e = c.report().crs.episodes[0];
    assert_eq!(
        e.end,
        EpisodeEnd::Undetermined {
            from: INF + 3 * DAY
        }
    );
    assert_eq!(e.duration_minutes, None);
    // …and one still graded ≥ 1 at the end is ongoing.
    let c = course_of(&[(INF + DAY, vitals(38.5, false, 0, NoO2))]);
    assert_eq!(c.report().crs.episodes[0].end, EpisodeEnd::Ongoing);
}

#[test]
fn icans_episode() {
    let with_ice = |ice: u8| {
        let mut p = Patient::default();
        neuro(&mut p, ice);
        p
    };
    let mut first = with_ice(10);
    first.age = Some(q(45.0, Unit::Years));
    let c = course_of(&[
        (INF + 4 * DAY, first),
        (INF + 5 * DAY, with_ice(8)),
        (INF + 5 * DAY + 8 * HOUR, with_ice(5)),
        (INF + 6 * DAY, with_ice(9)),
        (INF + 7 * DAY, with_ice(10)),
    ]);
    let icans = c.report().icans;
    assert_eq!(icans.episodes.len(), 1);
    let e = icans.episodes[0];
    assert_eq!(e.onset.time, INF + 5 * DAY);
    assert_eq!(
        (e.max_grade, e.max_at),
        (Range::exact(2), INF + 5 * DAY + 8 * HOUR)
    );
    assert_eq!(
        e.end,
        EpisodeEnd::Resolved(Boundary {
            time: INF + 7 * DAY,
            undetermined_from: None
        })
    );
}

// ---- Invalid times ------------------------------------------------------------------------

#[test]
fn invalid_times_are_rejected_with_the_entry_and_index() {
    let obs = |time| Observation {
        time,
        values: Patient::default(),
    };
    // Exactly 30 days before the infusion is accepted.
    assert!(Course::from_parts(INF, vec![obs(INF - PRE_INFUSION_WINDOW)], vec![]).is_ok());
    let errors = Course::from_parts(
        INF,
        vec![
            obs(INF - PRE_INFUSION_WINDOW - 1),
            obs(INF),
            obs(INF),
            obs(INF - HOUR),
        ],
        vec![
            TreatmentEvent::drug(INF - 31 * DAY, Drug::Dexamethasone, Some(10.0)),
            TreatmentEvent::drug(INF + DAY, Drug::Tocilizumab, Some(0.0)),
            TreatmentEvent::drug(INF + DAY, Drug::Tocilizumab, None),
            TreatmentEvent {
                time: INF + 2 * DAY,
                therapy: Therapy::Other("  ".into()),
                dose_mg: None,
            },
        ],
    )
    .unwrap_err();
    let summary: Vec<(Entry, Option<usize>, &CourseErrorKind)> =
        errors.iter().map(|e| (e.entry, e.index, &e.kind)).collect();
    assert_eq!(
        summary,
        vec![
            (
                Entry::Observation,
                Some(0),
                &CourseErrorKind::TooEarly {
                    time: INF - 30 * DAY - 1,
                    infusion: INF,
                    earliest: INF - 30 * DAY
                }
            ),
            (
                Entry::Observation,
                Some(2),
                &CourseErrorKind::DuplicateTime {
                    time: INF,
                    other_index: 1
                }
            ),
            (
                Entry::Observation,
                Some(3),
                &CourseErrorKind::OutOfOrder {
                    time: INF - HOUR,
                    previous: INF
                }
            ),
            (
                Entry::Treatment,
                Some(0),
                &CourseErrorKind::TooEarly {
                    time: INF - 31 * DAY,
                    infusion: INF,
                    earliest: INF - 30 * DAY
                }
            ),
            (
                Entry::Treatment,
                Some(1),
                &CourseErrorKind::DoseOutOfRange {
                    value: 0.0,
                    min: 0.0,
                    max: 10_000.0
                }
            ),
            (
                Entry::Treatment,
                Some(2),
                &CourseErrorKind::DuplicateTime {
                    time: INF + DAY,
                    other_index: 1
                }
            ),
            (Entry::Treatment, Some(3), &CourseErrorKind::EmptyName),
        ]
    );
    let msg = errors[0].to_string();
    assert!(msg.starts_with("observation 0: "), "{msg}");
    assert!(
        msg.contains("more than 30 days before the infusion"),
        "{msg}"
    );
    assert!(errors[2]
        .to_string()
        .contains("earlier than the entry before it"));

    // The add API inserts in time order and refuses duplicates and early times.
    let mut c = Course::new(INF).unwrap();
    assert_eq!(c.add_observation(INF + DAY, Patient::default()), Ok(0));
    assert_eq!(c.add_observation(INF, Patient::default()), Ok(0));
    let dup = c
        .add_observation(INF + DAY, Patient::default())
        .unwrap_err();
    assert_eq!(
        dup.kind,
        CourseErrorKind::DuplicateTime {
            time: INF + DAY,
            other_index: 1
        }
    );
    assert_eq!(dup.entry, Entry::Observation);
    assert!(matches!(
        c.add_observation(INF - 31 * DAY, Patient::default())
            .unwrap_err()
            .kind,
        CourseErrorKind::TooEarly { .. }
    ));
    assert!(matches!(
        Course::new(i64::MAX).unwrap_err().kind,
        CourseErrorKind::TimeOutOfRange { .. }
    ));
    // Moving the infusion may not strand an observation more than 30 days before it.
    let moved = c.set_infusion(INF + 31 * DAY).unwrap_err();
    assert_eq!(
        (moved[0].entry, moved[0].index),
        (Entry::Observation, Some(0))
    );
    assert_eq!(c.infusion(), INF);
    assert!(c.set_infusion(INF - DAY).is_ok());
    assert_eq!(c.day(INF + DAY), 2);
    assert_eq!(c.day(INF + DAY - 10 * HOUR - 1), 1);
}

#[test]
fn observations_can_be_edited_and_removed() {
    let mut c = Course::new(INF).unwrap();
    c.add_observation(INF + DAY, ferritin(500.0)).unwrap();
    c.observation_mut(INF + DAY).unwrap().ferritin = Some(q(600.0, Unit::NgPerMl));
    assert_eq!(
        c.patient_at(INF + DAY).patient.ferritin,
        Some(q(600.0, Unit::NgPerMl))
    );
    assert!(c.observation_mut(INF).is_none());
    assert_eq!(c.remove_observation(INF + DAY).unwrap().time, INF + DAY);
    assert!(c.observations().is_empty());
    assert!(c.remove_observation(INF + DAY).is_none());
}

// ---- Trends -------------------------------------------------------------------------------

#[test]
fn trends_give_fold_change_and_change_per_24h_in_one_unit() {
    let mut c = Course::new(INF).unwrap();
    c.add_observation(INF + DAY, ferritin(1_000.0)).unwrap();
    c.add_observation(INF + DAY + 12 * HOUR, Patient::default())
        .unwrap();
    let mut p = Patient::default();
    p.ferritin = Some(q(6_741.0, Unit::PmolPerL)); // 3 000 ng/mL
    c.add_observation(INF + 2 * DAY + 12 * HOUR, p).unwrap();
    let t = c.trend(Field::Ferritin).unwrap();
    assert_eq!(t.points.len(), 2, "only measured values; nothing carried");
    assert_eq!(t.points[1].value.entered.unit, Unit::PmolPerL);
    let s = t.steps[0];
    assert_eq!(
        (s.from, s.to, s.unit),
        (INF + DAY, INF + 2 * DAY + 12 * HOUR, Unit::NgPerMl)
    );
    assert!((s.fold_change.unwrap() - 3.0).abs() < 1e-9);
    // +2 000 ng/mL over 36 h = +1 333.3 per 24 h.
    assert!((s.change_per_24h - 2_000.0 / 1.5).abs() < 1e-6);
    assert!(c.trend(Field::Hepatomegaly).is_none());
    let all = c.trends();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].field, Field::Ferritin);
    // The rapid-rise mark is the clinician's, stored as given.
    c.ferritin_rapidly_rising = Some(INF + 2 * DAY + 13 * HOUR);
    assert_eq!(
        c.report().ferritin_rapidly_rising,
        Some(INF + 2 * DAY + 13 * HOUR)
    );
}

// ---- Tocilizumab log from the course's events ---------------------------------------------

#[test]
fn tocilizumab_log_from_course_events() {
    let mut c = Course::new(INF).unwrap();
    c.add_treatment(TreatmentEvent::drug(
        INF + DAY + 11 * HOUR,
        Drug::Tocilizumab,
        Some(560.0),
    ))
    .unwrap();
    c.add_treatment(TreatmentEvent::drug(
        INF + 2 * DAY + 3 * HOUR,
        Drug::Dexamethasone,
        Some(10.0),
    ))
    .unwrap();
    c.add_treatment(TreatmentEvent::drug(
        INF + 2 * DAY + 3 * HOUR,
        Drug::Tocilizumab,
        Some(560.0),
    ))
    .unwrap();
    c.add_treatment(TreatmentEvent {
        time: INF + 2 * DAY,
        therapy: Therapy::Other("paracetamol".into()),
        dose_mg: Some(1_000.0),
    })
    .unwrap();
    let times: Vec<i64> = c.treatments().iter().map(|e| e.time).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "kept in time order");
    let log = c.tocilizumab_log();
    assert_eq!(
        log.doses(),
        &[INF + DAY + 11 * HOUR, INF + 2 * DAY + 3 * HOUR]
    );
    assert_eq!(
        log.can_give(INF + 2 * DAY + 10 * HOUR),
        Err(vec![Reason::TooSoon {
            earliest: INF + 2 * DAY + 11 * HOUR
        }])
    );
    assert_eq!(
        log.next_earliest(INF + 2 * DAY + 4 * HOUR),
        Some(INF + 2 * DAY + 11 * HOUR)
    );
    let r = c.report();
    assert_eq!(r.tocilizumab_doses, log.doses());
    assert_eq!(r.treatments.len(), 4);
    let removed = c.remove_treatment(0).unwrap();
    assert_eq!(removed.therapy, Therapy::Drug(Drug::Tocilizumab));
    assert_eq!(c.tocilizumab_log().total(), 1);
}

// ---- Adding a later time point never changes an earlier one -------------------------------

#[derive(Clone, Debug)]
struct Obs {
    offset: i64,
    temp: Option<f64>,
    masked: Option<bool>,
    vasopressors: Option<u8>,
    device: Option<OxygenDevice>,
    ferritin: Option<f64>,
    fibrinogen: Option<f64>,
    ast: Option<f64>,
    ice: Option<u8>,
    hepatomegaly: Option<bool>,
}

impl Obs {
    fn patient(&self) -> Patient {
        let mut p = Patient::default();
        p.temperature = self.temp.map(|t| q(t, Unit::Celsius));
        p.fever_masking_therapy = self.masked;
        p.vasopressors = self.vasopressors;
        p.oxygen_device = self.device;
        p.ferritin = self.ferritin.map(|v| q(v, Unit::NgPerMl));
        p.fibrinogen = self.fibrinogen.map(|v| q::<Fibrinogen>(v, Unit::GPerL));
        p.ast = self.ast.map(|v| q::<Ast>(v, Unit::UPerL));
        p.ice_total = self.ice;
        p.hepatomegaly = self.hepatomegaly;
        p
    }
}

fn obs() -> impl Strategy<Value = Obs> {
    (
        // Minutes from the infusion: from 3 days before to 10 days after.
        -3 * DAY..10 * DAY,
        proptest::option::of(36.0f64..40.5),
        proptest::option::of(any::<bool>()),
        proptest::option::of(0u8..3),
        proptest::option::of(prop_oneof![
            Just(OxygenDevice::None),
            Just(OxygenDevice::Facemask),
            Just(OxygenDevice::Cpap)
        ]),
        proptest::option::of(100.0f64..30_000.0),
        proptest::option::of(0.5f64..5.0),
        proptest::option::of(10.0f64..800.0),
        proptest::option::of(0u8..=10),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            |(
                offset,
                temp,
                masked,
                vasopressors,
                device,
                ferritin,
                fibrinogen,
                ast,
                ice,
                hepatomegaly,
            )| Obs {
                offset,
                temp,
                masked,
                vasopressors,
                device,
                ferritin,
                fibrinogen,
                ast,
                ice,
                hepatomegaly,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn adding_a_later_time_point_never_changes_an_earlier_one(
        list in proptest::collection::vec(obs(), 1..8),
        later in obs(),
        gap in 1i64..(3 * DAY),
    ) {
        let mut c = Course::new(INF).unwrap();
        c.ferritin_rapidly_rising = None;
        for o in &list {
            let _ = c.add_observation(INF + o.offset, o.patient()); // duplicates skipped
        }
        let before = c.assess_all();
        let last = c.observations().last().unwrap().time;
        c.add_observation(last + gap, later.patient()).unwrap();
        let after = c.assess_all();
        prop_assert_eq!(after.len(), before.len() + 1);
        for (i, (a, b)) in before.iter().zip(&after).enumerate() {
            prop_assert!(a == b, "time point {} changed", i);
        }
        // The same at any time up to the last old time point.
        let mut old = c.clone();
        old.remove_observation(last + gap);
        for t in [last, last - 1, INF.min(last)] {
            prop_assert!(c.assess_at(t) == old.assess_at(t), "assessment at {} changed", t);
            prop_assert!(c.patient_at(t) == old.patient_at(t), "patient at {} changed", t);
        }
    }
}

// ---- A realistic 7-day course -------------------------------------------------------------

/// Fever on day 1, grade 2 then 3 with tocilizumab twice and dexamethasone, resolution on
/// day 4, then ferritin rising from day 5 with fibrinogen falling.
fn seven_day_course() -> Course {
    use OxygenDevice::{NasalCannula, None as NoO2};
    let mut c = Course::new(INF).unwrap();
    let at = |day: i64, hour: i64| INF + day * DAY + hour * HOUR;
    let labs = |p: &mut Patient, fer: f64, fib: f64| {
        p.ferritin = Some(q(fer, Unit::NgPerMl));
        p.fibrinogen = Some(q::<Fibrinogen>(fib, Unit::GPerL));
    };
    let bedside = |temp, masked, hypotension, vasopressors, device, flow: Option<f64>| {
        let mut p = Patient::default();
        crs_inputs(
            &mut p,
            temp,
            masked,
            hypotension,
            vasopressors,
            device,
            flow,
        );
        neuro(&mut p, 10);
        p
    };

    // Day −1: baseline labs, demographics, the laboratory's limits.
    let mut pre = bedside(36.8, false, false, 0, NoO2, None);
    pre.age = Some(q(58.0, Unit::Years));
    pre.ferritin_uln = Some(q(700.0, Unit::NgPerMl));
    pre.fibrinogen_lln = Some(q::<Fibrinogen>(2.0, Unit::GPerL));
    pre.ast = Some(q::<Ast>(30.0, Unit::UPerL));
    pre.ast_uln = Some(q::<Ast>(40.0, Unit::UPerL));
    pre.alt = Some(q::<Alt>(25.0, Unit::UPerL));
    pre.alt_uln = Some(q::<Alt>(40.0, Unit::UPerL));
    pre.bilirubin = Some(q::<Bilirubin>(0.6, Unit::MgPerDl));
    pre.bilirubin_uln = Some(q::<Bilirubin>(1.2, Unit::MgPerDl));
    pre.creatinine = Some(q::<Creatinine>(0.8, Unit::MgPerDl));
    pre.creatinine_uln = Some(q::<Creatinine>(1.2, Unit::MgPerDl));
    labs(&mut pre, 400.0, 3.0);
    c.add_observation(INF - 20 * HOUR, pre).unwrap();

    c.add_observation(at(0, 6), bedside(37.0, false, false, 0, NoO2, None))
        .unwrap();
    let mut d1 = bedside(38.6, false, false, 0, NoO2, None);
    labs(&mut d1, 500.0, 2.8);
    c.add_observation(at(1, 2), d1).unwrap();
    c.add_observation(
        at(1, 10),
        bedside(39.2, false, true, 0, NasalCannula, Some(2.0)),
    )
    .unwrap();
    c.add_treatment(TreatmentEvent::drug(
        at(1, 11),
        Drug::Tocilizumab,
        Some(560.0),
    ))
    .unwrap();
    let mut d2 = bedside(38.9, true, true, 1, NasalCannula, Some(4.0));
    labs(&mut d2, 700.0, 2.5);
    c.add_observation(at(2, 2), d2).unwrap();
    c.add_treatment(TreatmentEvent::drug(
        at(2, 3),
        Drug::Tocilizumab,
        Some(560.0),
    ))
    .unwrap();
    c.add_treatment(TreatmentEvent::drug(
        at(2, 3),
        Drug::Dexamethasone,
        Some(10.0),
    ))
    .unwrap();
    let mut d3 = bedside(37.2, true, true, 0, NasalCannula, Some(2.0));
    labs(&mut d3, 650.0, 2.4);
    c.add_observation(at(3, 2), d3).unwrap();
    // Day 4: afebrile without support; the clinician answers that fever is no longer masked
    // (the ASTCT rule keeps CRS present after anti-cytokine therapy while the answer is yes).
    let mut d4 = bedside(36.8, false, false, 0, NoO2, None);
    labs(&mut d4, 520.0, 2.4);
    c.add_observation(at(4, 2), d4).unwrap();
    for (day, fer, fib) in [(5, 1_200.0, 1.8), (6, 4_500.0, 1.2), (7, 12_000.0, 0.9)] {
        let mut p = bedside(37.1, false, false, 0, NoO2, None);
        labs(&mut p, fer, fib);
        c.add_observation(at(day, 2), p).unwrap();
    }
    c
}

#[test]
fn realistic_seven_day_course() {
    let c = seven_day_course();
    let r = c.report();
    let days: Vec<i64> = r.time_points.iter().map(|t| t.day).collect();
    assert_eq!(days, vec![-1, 0, 1, 1, 2, 3, 4, 5, 6, 7]);
    let crs: Vec<Option<u16>> = r
        .time_points
        .iter()
        .map(|t| t.report.crs.assessment.value)
        .collect();
    let g = Some;
    assert_eq!(
        crs,
        vec![g(0), g(0), g(1), g(2), g(3), g(2), g(0), g(0), g(0), g(0)]
    );
    let icans: Vec<Option<u16>> = r
        .time_points
        .iter()
        .map(|t| t.report.icans.assessment.value)
        .collect();
    assert_eq!(icans, vec![Some(0); 10]);

    // The CRS episode: onset day 1, maximum 3 on day 2, resolved on day 4.
    assert_eq!(r.crs.episodes.len(), 1);
    let e = r.crs.episodes[0];
    let at = |day: i64, hour: i64| INF + day * DAY + hour * HOUR;
    assert_eq!(
        e.onset,
        Boundary {
            time: at(1, 2),
            undetermined_from: None
        }
    );
    assert_eq!((e.max_grade, e.max_at), (Range::exact(3), at(2, 2)));
    assert_eq!(
        e.end,
        EpisodeEnd::Resolved(Boundary {
            time: at(4, 2),
            undetermined_from: None
        })
    );
    assert_eq!(
        e.duration_minutes,
        Some(MinuteRange {
            min: 3 * DAY,
            max: 3 * DAY
        })
    );
    assert!(r.icans.episodes.is_empty());
    assert!(r.crs.undetermined.is_empty());

    // Treatments on the same axis; the tocilizumab log from them.
    assert_eq!(r.tocilizumab_doses, vec![at(1, 11), at(2, 3)]);
    assert_eq!(r.treatments.len(), 3);
    assert!(r.tocilizumab_warnings.is_empty());

    // The ferritin baseline is the day −1 value; IEC-HS's ferritin criterion is met on day 5
    // against it (1 200 > 2 × 400), not against the ULN (1 200 ≤ 2 × 700).
    let ferritin_baseline = r.baselines[0];
    assert_eq!(ferritin_baseline.value.unwrap().entered.value, 400.0);
    assert_eq!(
        ferritin_baseline.origin,
        Some(Origin::LastAtOrBeforeInfusion {
            time: INF - 20 * HOUR
        })
    );
    let by_day = |d: i64| r.time_points.iter().rfind(|t| t.day == d).unwrap();
    let criterion: Vec<Conclusion> = (1..=7)
        .map(|d| by_day(d).report.iec_hs.ferritin_criterion)
        .collect();
    use Conclusion::{Met, NotMet};
    assert_eq!(
        criterion,
        vec![NotMet, NotMet, NotMet, NotMet, Met, Met, Met]
    );
    // The observation of day 5 alone (no baseline, no ULN) cannot tell.
    let alone = iectox::assess(&c.observation(at(5, 2)).unwrap().values);
    assert_eq!(alone.iec_hs.ferritin_criterion, Conclusion::Undetermined);
    // Fibrinogen falls below 1.5 g/L on day 6.
    let fib = |d: i64| {
        by_day(d)
            .report
            .iec_hs
            .features
            .item(IecHsFeature::Fibrinogen)
            .unwrap()
            .status
    };
    assert_eq!(
        (fib(5), fib(6), fib(7)),
        (Status::Met, Status::Met, Status::Met)
    );
    assert_eq!(fib(4), Status::NotMet);

    // The CRS-phase peak is 700 on day 2 (the later, higher values are after the CRS phase
    // and with CRS grade 0): CARTOX HLH/MAS with it is not met.
    let peak = r.crs_phase_ferritin.peak.unwrap();
    assert_eq!((peak.time, peak.ferritin.value()), (at(2, 2), 700.0));
    assert_eq!(
        by_day(7)
            .cartox_hlh_at_peak
            .as_ref()
            .unwrap()
            .assessment
            .conclusion,
        Conclusion::NotMet
    );

    // Trends: ferritin rises from day 4 to 7; fibrinogen falls.
    let fer = r
        .trends
        .iter()
        .find(|t| t.field == Field::Ferritin)
        .unwrap();
    let last3: Vec<f64> = fer.steps[fer.steps.len() - 3..]
        .iter()
        .map(|s| s.fold_change.unwrap())
        .collect();
    assert!(last3.iter().all(|&f| f > 2.0), "{last3:?}");
    let fib_trend = r
        .trends
        .iter()
        .find(|t| t.field == Field::Fibrinogen)
        .unwrap();
    assert!(fib_trend
        .steps
        .iter()
        .skip(4)
        .all(|s| s.change_per_24h < 0.0));

    // Day 1 evening: the morning's labs are carried (8 h old), shown as such.
    let evening = &r.time_points[3];
    let src = evening
        .sources
        .iter()
        .find(|s| s.field == Field::Ferritin)
        .unwrap();
    assert_eq!(
        src.origin,
        Origin::CarriedForward {
            time: at(1, 2),
            age_minutes: 8 * HOUR
        }
    );
}

#[cfg(feature = "serde")]
#[test]
fn a_course_round_trips_through_json_and_is_checked_on_load() {
    let c = seven_day_course();
    let text = serde_json::to_string(&c).unwrap();
    let back: Course = serde_json::from_str(&text).unwrap();
    assert_eq!(back, c);
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["infusion"] = serde_json::json!(INF + 40 * DAY);
    let e = serde_json::from_value::<Course>(v).unwrap_err().to_string();
    assert!(e.contains("more than 30 days before the infusion"), "{e}");
    // The report reads back as written (the app may store it).
    let report = c.report();
    let text = serde_json::to_string(&report).unwrap();
    let back: iectox::course::CourseReport = serde_json::from_str(&text).unwrap();
    assert_eq!(back, report);
    let baseline = serde_json::to_value(report.baselines[0]).unwrap();
    assert_eq!(baseline["origin"], "last_at_or_before_infusion");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// `assess_all` walks the course once, keeping each field's latest observation as it goes;
    /// it must give at every time point exactly what `assess_at` gives by searching back
    /// (carried values, expiry, baselines entered or taken at/before the infusion, sources).
    #[test]
    fn assess_all_equals_assessing_each_time_point_alone(
        list in proptest::collection::vec((obs(), proptest::option::of(100.0f64..2_000.0)), 1..24),
    ) {
        let mut c = Course::new(INF).unwrap();
        for (o, ferritin_baseline) in &list {
            let mut p = o.patient();
            p.ferritin_baseline = ferritin_baseline.map(|v| q(v, Unit::NgPerMl));
            let _ = c.add_observation(INF + o.offset, p); // duplicates skipped
        }
        let all = c.assess_all();
        prop_assert_eq!(all.len(), c.observations().len());
        for (tp, o) in all.iter().zip(c.observations()) {
            let alone = c.assess_at(o.time);
            prop_assert!(*tp == alone, "time point at {} differs", o.time);
            prop_assert_eq!(&tp.sources, &c.patient_at(o.time).sources);
        }
    }
}
