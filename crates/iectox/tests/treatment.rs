//! Treatment guidance: dose arithmetic and caps at their boundaries, the regimens for a
//! 70 kg / 175 cm patient, the review's errata, and the tocilizumab log's limits.

use iectox::sources::ERRATA;
use iectox::treatment::checklist::{self, InfectionGroup, Organism, WorkupItem, TABLE_3};
use iectox::treatment::dose::{
    bsa_for_dosing, bsa_mosteller, compute, DoseError, DoseResult, DoseRule, RoundingReason,
    Schedule,
};
use iectox::treatment::population::Population;
use iectox::treatment::regimens::{
    crs_steps, plan, Analyte, Days, DosingPatient, Drug, Frequency, LabTest, PlannedStep, Regimen,
    Relation, ReviewEvidence, Route, Step, StepId, TargetContext, Trigger, Verification,
    ANAKINRA_CRS_DOSE, CRS_REFRACTORY, ETOPOSIDE_DOSE, IEC_HS_MONITORING, IEC_HS_STEPS,
    METHYLPREDNISOLONE_PULSE, RUXOLITINIB_DOSE, TOCILIZUMAB_CHILD_DOSE, TOCILIZUMAB_DOSE,
};
use iectox::treatment::tocilizumab_log::{
    LogWarning, Reason, TocilizumabLog, HOUR, MAX_PER_WINDOW, MAX_TOTAL, MIN_INTERVAL_MINUTES,
    WINDOW_MINUTES,
};
use iectox::units::{Height, Quantity, Unit, Weight};
use iectox::Patient;

const EPS: f64 = 1e-9;

fn kg(v: f64) -> Option<Weight> {
    Some(Weight::new(v, Unit::Kg).unwrap())
}

fn cm(v: f64) -> Option<Height> {
    Some(Height::new(v, Unit::Cm).unwrap())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < EPS
}

fn assert_close(actual: f64, expected: f64) {
    assert!(close(actual, expected), "{actual} != {expected}");
}

fn dose(rule: DoseRule, weight_kg: f64) -> DoseResult {
    compute(rule, kg(weight_kg), None).unwrap()
}

fn per_dose(r: &DoseResult) -> (f64, f64) {
    let d = r.per_dose.unwrap();
    (d.low, d.high)
}

fn per_day(r: &DoseResult) -> (f64, f64) {
    let d = r.per_day.unwrap();
    (d.low, d.high)
}

fn adult(weight: Option<Weight>, height: Option<Height>) -> DosingPatient {
    DosingPatient {
        weight,
        height,
        population: Population::Adult,
    }
}

/// 70 kg / 175 cm: the issue's reference patient.
fn reference_plan(steps: &'static [Step]) -> Vec<PlannedStep> {
    plan(steps, &adult(kg(70.0), cm(175.0)))
}

fn find(plan: &[PlannedStep], id: StepId) -> &PlannedStep {
    plan.iter()
        .find(|p| p.step.id == id)
        .unwrap_or_else(|| panic!("{id:?} missing"))
}

fn phase_dose(p: &PlannedStep, i: usize) -> &DoseResult {
    p.doses[i]
        .as_ref()
        .expect("phase has a dose")
        .as_ref()
        .expect("dose computable")
}

fn ids(steps: &[Step]) -> Vec<StepId> {
    steps.iter().map(|s| s.id).collect()
}

// ----- BSA ----------------------------------------------------------------------------------

#[test]
fn bsa_mosteller_70_kg_175_cm_hand_computed() {
    // 175 × 70 = 12 250; / 3600 = 3.402 777…; sqrt = 1.844 661…
    let bsa = bsa_mosteller(kg(70.0).unwrap(), cm(175.0).unwrap());
    assert_close(bsa, (12_250.0f64 / 3600.0).sqrt());
    assert!((bsa - 1.8447).abs() < 5e-5, "{bsa}");
}

#[test]
fn bsa_from_lb_and_inches_converts_first() {
    let w = Weight::new(154.0, Unit::Lb).unwrap(); // 69.853 kg
    let h = Height::new(69.0, Unit::Inch).unwrap(); // 175.26 cm
    let expected = (154.0 * 0.453_592_37 * 69.0 * 2.54 / 3600.0f64).sqrt();
    assert_close(bsa_mosteller(w, h), expected);
    assert!((bsa_mosteller(w, h) - 1.8441).abs() < 5e-5);
}

// ----- tocilizumab --------------------------------------------------------------------------

#[test]
fn tocilizumab_cap_boundary_99_100_101_kg() {
    let d99 = dose(TOCILIZUMAB_DOSE, 99.0);
    assert_eq!(per_dose(&d99), (792.0, 792.0));
    assert!(!d99.capped);

    let d100 = dose(TOCILIZUMAB_DOSE, 100.0);
    assert_eq!(per_dose(&d100), (800.0, 800.0));
    assert_eq!(d100.per_dose_uncapped.unwrap().high, 800.0);
    assert!(!d100.capped, "exactly at the cap is not capped");

    let d101 = dose(TOCILIZUMAB_DOSE, 101.0);
    assert_eq!(d101.per_dose_uncapped.unwrap().high, 808.0);
    assert_eq!(per_dose(&d101), (800.0, 800.0));
    assert!(d101.capped);
    assert_eq!(d101.cap_mg, Some(800.0));
}

#[test]
fn tocilizumab_112_kg_shows_the_arithmetic() {
    // "8 mg/kg × 112 kg = 896 mg → capped at 800 mg"
    let d = dose(TOCILIZUMAB_DOSE, 112.0);
    assert_eq!(d.weight_kg, Some(112.0));
    assert_eq!(d.per_dose_uncapped.unwrap().high, 896.0);
    assert_eq!(d.per_dose.unwrap().high, 800.0);
    assert!(d.capped);
    assert_eq!(d.max_per_24h_mg, Some(2400.0));
    assert_eq!(d.per_day, None, "as needed: no regular daily amount");
    assert_eq!(d.doses_per_day, None);
}

#[test]
fn tocilizumab_schedule_matches_the_log_limits() {
    // The adult rule and the children's weight-band rule share the schedule.
    for rule in [TOCILIZUMAB_DOSE, TOCILIZUMAB_CHILD_DOSE] {
        let Some(Schedule::AsNeeded {
            min_interval_h,
            max_per_24h,
            max_total,
        }) = rule.schedule()
        else {
            panic!("tocilizumab is given as needed");
        };
        assert_eq!(i64::from(min_interval_h) * HOUR, MIN_INTERVAL_MINUTES);
        assert_eq!(usize::from(max_per_24h), MAX_PER_WINDOW);
        assert_eq!(usize::from(max_total), MAX_TOTAL);
    }
    assert_eq!(WINDOW_MINUTES, 1440);
}

#[test]
fn adult_tocilizumab_is_8_mg_per_kg_at_any_weight() {
    // Binding decision 8: 8 mg/kg, max 800 mg; the label's 12 mg/kg under 30 kg is a
    // children's rule here (§9.1), and the step's note names it for adults.
    assert!(matches!(
        TOCILIZUMAB_DOSE,
        DoseRule::PerKg {
            mg_per_kg: 8.0,
            cap_mg: Some(800.0),
            ..
        }
    ));
    for (kg, mg) in [(28.0, 224.0), (29.9, 239.2), (30.0, 240.0), (30.1, 240.8)] {
        let d = dose(TOCILIZUMAB_DOSE, kg);
        assert_eq!(d.mg_per_kg, Some(8.0), "{kg} kg");
        assert_eq!(d.below_weight_band, None);
        assert_close(d.per_dose.unwrap().high, mg);
    }
    let note = crs_steps(2)
        .iter()
        .find(|s| s.id == StepId::Tocilizumab)
        .and_then(|s| s.note)
        .unwrap();
    assert!(note.contains("Adults: 8 mg/kg at any weight"), "{note}");
    assert!(note.contains("label gives 12 mg/kg under 30 kg"), "{note}");
}

// ----- anakinra -----------------------------------------------------------------------------

#[test]
fn anakinra_cap_boundary_49_50_51_kg() {
    let d49 = dose(ANAKINRA_CRS_DOSE, 49.0);
    assert_eq!(per_dose(&d49), (98.0, 98.0));
    assert!(!d49.capped);
    assert_eq!(per_day(&d49), (392.0, 392.0));

    let d50 = dose(ANAKINRA_CRS_DOSE, 50.0);
    assert_eq!(per_dose(&d50), (100.0, 100.0));
    assert!(!d50.capped);
    assert_eq!(per_day(&d50), (400.0, 400.0));

    let d51 = dose(ANAKINRA_CRS_DOSE, 51.0);
    assert_eq!(d51.per_dose_uncapped.unwrap().high, 102.0);
    assert_eq!(per_dose(&d51), (100.0, 100.0));
    assert!(d51.capped);
    assert_eq!(per_day(&d51), (400.0, 400.0));
}

#[test]
fn erratum_anakinra_70_kg_is_capped_at_100_mg_per_dose() {
    // Review: 8 mg/kg/day in 4 doses, no cap → 560 mg/day for 70 kg.
    let d = dose(ANAKINRA_CRS_DOSE, 70.0);
    assert_eq!(d.per_dose_uncapped.unwrap().high, 140.0);
    assert_eq!(per_dose(&d), (100.0, 100.0));
    assert!(d.capped);
    assert_eq!(d.doses_per_day.map(|c| (c.low, c.high)), Some((4, 4)));
    assert_eq!(per_day(&d), (400.0, 400.0));
}

// ----- ruxolitinib --------------------------------------------------------------------------

#[test]
fn erratum_ruxolitinib_is_mg_not_mg_per_kg() {
    let d = dose(RUXOLITINIB_DOSE, 70.0);
    assert_close(per_day(&d).0, 21.0);
    assert_close(per_day(&d).1, 21.0);
    assert_close(per_dose(&d).0, 10.5);
    let r = d.rounding.unwrap();
    assert_eq!(r.rounded.unwrap().high, 10.0, "≈ 10 mg q12h");
    assert_eq!(r.reason, RoundingReason::WeightBandStep);
    assert_eq!(d.doses_per_day.map(|c| c.high), Some(2));
    // The review's "10 mg/kg/12 h" would be 1400 mg/day.
    assert!(per_day(&d).1 < 22.0);
    let step = IEC_HS_STEPS
        .iter()
        .find(|s| s.id == StepId::Ruxolitinib)
        .unwrap();
    assert_eq!(
        step.verification,
        Verification::Corrected {
            review_said: "10 mg/kg/12 h for 70 kg"
        }
    );
    assert_eq!(step.errata, &[22]);
}

// ----- corticosteroids ----------------------------------------------------------------------

#[test]
fn erratum_methylprednisolone_pulse_is_three_days_then_taper() {
    let first = METHYLPREDNISOLONE_PULSE[0];
    assert_eq!(first.days, Some(Days::For { min: 3, max: 3 }));
    assert!(!first.taper);
    let d = compute(first.dose.unwrap(), None, None).unwrap();
    assert_eq!(per_dose(&d), (1000.0, 1000.0));
    assert_eq!(per_day(&d), (1000.0, 1000.0));

    let taper: Vec<(f64, Option<Days>)> = METHYLPREDNISOLONE_PULSE[1..]
        .iter()
        .map(|p| {
            assert!(p.taper);
            let d = compute(p.dose.unwrap(), None, None).unwrap();
            assert_eq!(d.doses_per_day.map(|c| c.high), Some(2), "q12h");
            (d.per_dose.unwrap().high, p.days)
        })
        .collect();
    let two = Some(Days::For { min: 2, max: 2 });
    assert_eq!(taper, vec![(250.0, two), (125.0, two), (60.0, two)]);

    let step = crs_steps(4)
        .iter()
        .find(|s| s.id == StepId::MethylprednisolonePulse)
        .unwrap();
    assert_eq!(step.regimen, METHYLPREDNISOLONE_PULSE);
    assert!(matches!(
        step.verification,
        Verification::Corrected { review_said } if review_said.contains("2 days")
    ));
    assert_eq!(step.errata, &[24]);
}

#[test]
fn dexamethasone_regimens_per_day() {
    let q6 = compute(
        DoseRule::Fixed {
            mg: 10.0,
            schedule: Schedule::Every {
                hours_min: 6,
                hours_max: 6,
            },
        },
        None,
        None,
    )
    .unwrap();
    assert_eq!(per_day(&q6), (40.0, 40.0));
    let q6_8 = compute(
        DoseRule::Fixed {
            mg: 10.0,
            schedule: Schedule::Every {
                hours_min: 6,
                hours_max: 8,
            },
        },
        None,
        None,
    )
    .unwrap();
    assert_eq!(q6_8.doses_per_day.map(|c| (c.low, c.high)), Some((3, 4)));
    assert_eq!(per_day(&q6_8), (30.0, 40.0));
}

// ----- etoposide ----------------------------------------------------------------------------

#[test]
fn erratum_etoposide_per_dose_by_bsa() {
    let d = compute(ETOPOSIDE_DOSE, kg(70.0), cm(175.0)).unwrap();
    // BSA 1.8447 m² is used as shown, to 2 decimals: 1.84 m².
    assert_close(d.bsa_m2.unwrap(), 1.84);
    assert_close(bsa_for_dosing(kg(70.0).unwrap(), cm(175.0).unwrap()), 1.84);
    let (low, high) = per_dose(&d);
    assert_close(low, 75.0 * 1.84);
    assert_close(high, 100.0 * 1.84);
    assert_eq!((low.round(), high.round()), (138.0, 184.0));
    assert_eq!(d.per_day, None, "per dose, not per day");
    assert!(matches!(
        ETOPOSIDE_DOSE,
        DoseRule::PerM2 {
            schedule: Schedule::RepeatAfterDays { min: 4, max: 7 },
            ..
        }
    ));
}

// ----- missing and implausible input --------------------------------------------------------

#[test]
fn missing_weight_or_height_is_an_error_not_a_number() {
    assert_eq!(
        compute(TOCILIZUMAB_DOSE, None, cm(175.0)),
        Err(DoseError::MissingWeight)
    );
    assert_eq!(
        compute(RUXOLITINIB_DOSE, None, None),
        Err(DoseError::MissingWeight)
    );
    assert_eq!(
        compute(ETOPOSIDE_DOSE, kg(70.0), None),
        Err(DoseError::MissingHeight)
    );
    assert_eq!(
        compute(ETOPOSIDE_DOSE, None, cm(175.0)),
        Err(DoseError::MissingWeight)
    );
    assert_eq!(
        compute(ETOPOSIDE_DOSE, None, None),
        Err(DoseError::MissingWeightAndHeight)
    );
    // A fixed dose needs neither.
    let fixed = DoseRule::Fixed {
        mg: 10.0,
        schedule: Schedule::Once,
    };
    assert!(compute(fixed, None, None).is_ok());
}

#[test]
fn malformed_rule_is_refused() {
    let zero = DoseRule::PerKgPerDay {
        mg_per_kg_day: 1.0,
        doses_per_day: 0,
        cap_per_dose_mg: None,
        practical_step_mg: None,
    };
    assert_eq!(compute(zero, kg(70.0), None), Err(DoseError::InvalidRule));
    let inverted = DoseRule::FixedRange {
        mg_low: 200.0,
        mg_high: 100.0,
        schedule: Schedule::Once,
    };
    assert_eq!(compute(inverted, None, None), Err(DoseError::InvalidRule));
}

#[test]
fn implausible_weight_and_height_are_refused_before_any_dose() {
    assert!(Weight::new(500.0, Unit::Kg).is_err());
    assert!(Weight::new(0.0, Unit::Kg).is_err());
    assert!(Weight::new(1000.0, Unit::Lb).is_err());
    assert!(Height::new(300.0, Unit::Cm).is_err());
    assert!(Height::new(5.0, Unit::Inch).is_err());
    assert!(Weight::new(400.0, Unit::Kg).is_ok());
}

#[test]
fn pounds_and_inches() {
    let w = Some(Weight::new(154.0, Unit::Lb).unwrap());
    let h = Some(Height::new(69.0, Unit::Inch).unwrap());
    let kg154 = 154.0 * 0.453_592_37; // 69.853 kg
    let toci = compute(TOCILIZUMAB_DOSE, w, None).unwrap();
    assert_close(toci.weight_kg.unwrap(), kg154);
    assert_close(per_dose(&toci).0, 8.0 * kg154);
    assert!(!toci.capped);
    let ana = compute(ANAKINRA_CRS_DOSE, w, None).unwrap();
    assert_eq!(per_dose(&ana), (100.0, 100.0));
    assert!(ana.capped);
    let rux = compute(RUXOLITINIB_DOSE, w, None).unwrap();
    assert_close(per_day(&rux).0, 0.3 * kg154);
    assert_eq!(rux.rounding.unwrap().rounded.unwrap().high, 10.0);
    let eto = compute(ETOPOSIDE_DOSE, w, h).unwrap();
    let bsa = ((kg154 * 69.0 * 2.54 / 3600.0).sqrt() * 100.0).round() / 100.0;
    assert_close(per_dose(&eto).1, 100.0 * bsa);
    // 220 lb = 99.79 kg: just under the tocilizumab cap; 221 lb = 100.24 kg: capped.
    let under = compute(
        TOCILIZUMAB_DOSE,
        Some(Weight::new(220.0, Unit::Lb).unwrap()),
        None,
    );
    assert!(!under.unwrap().capped);
    let over = compute(
        TOCILIZUMAB_DOSE,
        Some(Weight::new(221.0, Unit::Lb).unwrap()),
        None,
    );
    let over = over.unwrap();
    assert!(over.capped);
    assert_eq!(per_dose(&over), (800.0, 800.0));
}

// ----- regimens for 70 kg / 175 cm ----------------------------------------------------------

#[test]
fn crs_grade_1_for_70_kg() {
    let p = reference_plan(crs_steps(1));
    let toci = find(&p, StepId::Tocilizumab);
    assert_eq!(per_dose(phase_dose(toci, 0)), (560.0, 560.0));
    assert_eq!(
        toci.step.trigger,
        Trigger::AnyOf(&[
            Trigger::FeverLongerThanHours(24),
            Trigger::HighRiskPatient,
            Trigger::NoImprovementAfterHours(72),
        ])
    );
    assert_eq!(
        toci.step.verification,
        Verification::ReviewChoiceGuidelinesDiffer
    );
    let dex = find(&p, StepId::DexamethasoneWithTocilizumab);
    assert_eq!(per_dose(phase_dose(dex, 0)), (10.0, 10.0));
    assert_eq!(dex.step.trigger, Trigger::HighIcansRisk);
    assert_eq!(
        dex.step.verification,
        Verification::AsStatedInReviewNotVerified
    );
    assert!(p.iter().any(|s| s.step.id == StepId::InfectionWorkup));
}

#[test]
fn crs_grade_2_for_70_kg() {
    let p = reference_plan(crs_steps(2));
    let toci = find(&p, StepId::Tocilizumab);
    assert_eq!(toci.step.trigger, Trigger::Always);
    assert_eq!(toci.step.verification, Verification::Verified);
    assert_eq!(per_dose(phase_dose(toci, 0)), (560.0, 560.0));
    assert_eq!(phase_dose(toci, 0).max_per_24h_mg, Some(1680.0));
    let dex = find(&p, StepId::Dexamethasone);
    assert_eq!(dex.step.trigger, Trigger::NoImprovement);
    assert_eq!(per_dose(phase_dose(dex, 0)), (10.0, 10.0));
    assert_eq!(per_day(phase_dose(dex, 0)), (30.0, 40.0));
    assert!(ids(crs_steps(2)).contains(&StepId::NotifyIcu));
}

#[test]
fn crs_grade_3_e2e_from_a_patient() {
    // The e2e walk of the issue: a grade-3 CRS (grade as given by the clinician or the CRS
    // score) to its steps, with doses for the patient's entered weight and height.
    let patient = Patient {
        weight: kg(70.0),
        height: cm(175.0),
        ..Patient::default()
    };
    let p = plan(crs_steps(3), &adult(patient.weight, patient.height));
    assert_eq!(p.len(), crs_steps(3).len());
    assert!(ids(crs_steps(3)).starts_with(&[StepId::IcuTransfer]));

    let toci = find(&p, StepId::Tocilizumab);
    assert_eq!(per_dose(phase_dose(toci, 0)), (560.0, 560.0));

    let dex = find(&p, StepId::Dexamethasone);
    assert_eq!(dex.step.verification, Verification::Verified);
    assert_eq!(per_day(phase_dose(dex, 0)), (40.0, 40.0));

    let esc = find(&p, StepId::DexamethasoneEscalation);
    assert_eq!(esc.step.trigger, Trigger::Refractory);
    assert_eq!(per_dose(phase_dose(esc, 0)), (20.0, 20.0));
    assert_eq!(per_day(phase_dose(esc, 0)), (80.0, 80.0));
    assert_eq!(esc.step.regimen[0].days, Some(Days::For { min: 1, max: 3 }));

    let ana = find(&p, StepId::Anakinra);
    let a = phase_dose(ana, 0);
    assert_eq!(a.per_dose_uncapped.unwrap().high, 140.0);
    assert_eq!(per_dose(a), (100.0, 100.0));
    assert_eq!(per_day(a), (400.0, 400.0));
    assert_eq!(ana.step.errata, &[25]);

    let thiamine = find(&p, StepId::Thiamine);
    assert_eq!(per_day(phase_dose(thiamine, 0)), (1500.0, 1500.0));
    assert_eq!(
        thiamine.step.regimen[0].days,
        Some(Days::For { min: 3, max: 3 })
    );
    assert_eq!(per_day(phase_dose(thiamine, 1)), (500.0, 500.0));
    assert_eq!(
        thiamine.step.verification,
        Verification::AsStatedInReviewNotVerified
    );
    assert!(ids(crs_steps(3)).contains(&StepId::RefractoryOptions));
}

#[test]
fn crs_grade_4_for_70_kg() {
    let p = reference_plan(crs_steps(4));
    assert_eq!(
        per_dose(phase_dose(find(&p, StepId::Tocilizumab), 0)),
        (560.0, 560.0)
    );
    let dex = find(&p, StepId::Dexamethasone);
    assert_eq!(per_day(phase_dose(dex, 0)), (80.0, 80.0));
    assert_eq!(dex.step.regimen[0].days, Some(Days::For { min: 3, max: 3 }));
    assert_eq!(dex.doses[1], None, "taper phase without stated doses");
    assert!(dex.step.regimen[1].taper);
    assert_eq!(dex.step.regimen[1].days, Some(Days::For { min: 3, max: 7 }));

    let mp = find(&p, StepId::MethylprednisolonePulse);
    let mp_doses: Vec<f64> = (0..4).map(|i| per_dose(phase_dose(mp, i)).1).collect();
    assert_eq!(mp_doses, vec![1000.0, 250.0, 125.0, 60.0]);

    let asco = find(&p, StepId::MethylprednisoloneAscoAlternative);
    assert_eq!(per_day(phase_dose(asco, 0)), (1000.0, 1000.0)); // 500 mg q12h
    assert_eq!(asco.step.regimen[3].days, Some(Days::UntilGradeAtMost(1)));
    assert_eq!(
        per_dose(phase_dose(find(&p, StepId::Anakinra), 0)),
        (100.0, 100.0)
    );
}

#[test]
fn crs_grades_outside_1_to_4_have_no_steps() {
    assert!(crs_steps(0).is_empty());
    assert!(crs_steps(5).is_empty());
    assert!(crs_steps(200).is_empty());
    for g in 1..=4 {
        assert!(!crs_steps(g).is_empty());
        assert_eq!(Regimen::CrsGrade(g).steps(), crs_steps(g));
        assert!(
            ids(crs_steps(g)).contains(&StepId::Tocilizumab),
            "grade {g}"
        );
    }
}

#[test]
fn refractory_crs_options() {
    assert_eq!(
        ids(CRS_REFRACTORY),
        vec![
            StepId::Anakinra,
            StepId::Siltuximab,
            StepId::Ruxolitinib,
            StepId::Emapalumab,
            StepId::Etanercept,
            StepId::Dasatinib,
            StepId::Cyclophosphamide,
            StepId::ExtracorporealTherapy,
        ]
    );
    // Anakinra (§13 lists it first): the grade 3–4 step, with its corrected, capped dose.
    let anakinra = &CRS_REFRACTORY[0];
    assert_eq!(anakinra.trigger, Trigger::Refractory);
    assert_eq!(anakinra.dose(), Some(ANAKINRA_CRS_DOSE));
    assert!(crs_steps(3).contains(anakinra) && crs_steps(4).contains(anakinra));
    for s in &CRS_REFRACTORY[1..] {
        assert_eq!(
            s.review_evidence,
            ReviewEvidence::NotTranscribed,
            "{:?}",
            s.id
        );
        assert!(s.regimen.is_empty(), "no dose in the spec for {:?}", s.id);
        assert_eq!(s.trigger, Trigger::Refractory);
        assert_eq!(s.verification, Verification::AsStatedInReviewNotVerified);
    }
    assert_eq!(CRS_REFRACTORY[7].drug, None);
    assert_eq!(Regimen::CrsRefractory.steps(), CRS_REFRACTORY);
}

#[test]
fn iec_hs_for_70_kg_175_cm() {
    let p = reference_plan(IEC_HS_STEPS);

    let low = find(&p, StepId::AnakinraLowDose);
    let l = phase_dose(low, 0);
    assert_eq!(l.per_dose, None, "split not stated");
    assert_eq!(per_day(l), (100.0, 200.0));
    assert_eq!(low.step.regimen[0].route, Some(Route::Sc));

    let high = find(&p, StepId::AnakinraHighDose);
    let h = phase_dose(high, 0);
    assert_eq!(per_dose(h), (100.0, 200.0));
    assert_eq!(per_day(h), (200.0, 800.0));
    assert_eq!(high.step.regimen[0].route, Some(Route::Iv));

    assert!(find(&p, StepId::Corticosteroids).step.regimen.is_empty());
    assert_eq!(
        find(&p, StepId::Reassess48h).step.trigger,
        Trigger::NoResponseAfterHours(48)
    );

    let rux = find(&p, StepId::Ruxolitinib);
    assert_close(per_dose(phase_dose(rux, 0)).0, 10.5);
    assert_eq!(
        phase_dose(rux, 0).rounding.unwrap().rounded.unwrap().high,
        10.0
    );

    let eto = find(&p, StepId::Etoposide);
    let (lo, hi) = per_dose(phase_dose(eto, 0));
    // BSA 1.84 m² (2 decimals, as shown).
    assert!(
        (lo - 138.0).abs() < 1e-9 && (hi - 184.0).abs() < 1e-9,
        "{lo}–{hi}"
    );

    let it = find(&p, StepId::IntrathecalCytarabine);
    assert_eq!(it.step.trigger, Trigger::Icans);
    assert_eq!(it.step.regimen[0].route, Some(Route::Intrathecal));
    assert_eq!(per_dose(phase_dose(it, 0)), (100.0, 100.0));
    assert_eq!(
        it.step.verification,
        Verification::AsStatedInReviewNotVerified
    );
    let hc = find(&p, StepId::IntrathecalHydrocortisone);
    assert_eq!(per_dose(phase_dose(hc, 0)), (50.0, 100.0));

    let ema = find(&p, StepId::Emapalumab);
    assert_eq!(ema.step.drug, Some(Drug::Emapalumab));
    assert!(ema.doses.is_empty());

    let rudep = find(&p, StepId::RuDep);
    assert_eq!(
        rudep.step.trigger,
        Trigger::StudiedInRefractoryRelapsedHlhOfMixedCauses
    );
    assert_eq!(rudep.step.errata, &[23]);
    assert!(rudep.step.note.unwrap().contains("not in IEC-HS"));
    let bsa = 1.84;
    let components: Vec<Option<Drug>> = rudep.step.regimen.iter().map(|p| p.drug).collect();
    assert_eq!(
        components,
        vec![
            Some(Drug::Ruxolitinib),
            Some(Drug::LiposomalDoxorubicin),
            Some(Drug::Etoposide),
            Some(Drug::Methylprednisolone),
        ]
    );
    assert_close(per_day(phase_dose(rudep, 0)).0, 21.0);
    assert_close(per_dose(phase_dose(rudep, 1)).0, 25.0 * bsa); // 46 mg
    assert_close(per_dose(phase_dose(rudep, 2)).0, 100.0 * bsa); // 184 mg
    assert_close(per_day(phase_dose(rudep, 3)).0, 140.0);
    assert_eq!(rudep.step.regimen[3].days, Some(Days::On(&[1, 5])));
}

#[test]
fn iec_hs_without_height_reports_the_bsa_doses_as_missing() {
    let p = plan(IEC_HS_STEPS, &adult(kg(70.0), None));
    let eto = find(&p, StepId::Etoposide);
    assert_eq!(eto.doses[0], Some(Err(DoseError::MissingHeight)));
    let rux = find(&p, StepId::Ruxolitinib);
    assert!(matches!(rux.doses[0], Some(Ok(_))));
    let none = plan(IEC_HS_STEPS, &adult(None, None));
    let rux = find(&none, StepId::Ruxolitinib);
    assert_eq!(rux.doses[0], Some(Err(DoseError::MissingWeight)));
}

#[test]
fn iec_hs_supportive_targets_hines_table_4() {
    let fib = IEC_HS_STEPS
        .iter()
        .find(|s| s.id == StepId::FibrinogenReplacement)
        .unwrap();
    let targets: Vec<(Relation, f64, Option<Unit>, TargetContext)> = fib
        .targets
        .iter()
        .map(|t| {
            assert_eq!(t.analyte, Analyte::Fibrinogen);
            (t.relation, t.value, t.unit, t.when)
        })
        .collect();
    assert_eq!(
        targets,
        vec![
            (
                Relation::Above,
                100.0,
                Some(Unit::MgPerDl),
                TargetContext::WithoutBleeding
            ),
            (
                Relation::Above,
                150.0,
                Some(Unit::MgPerDl),
                TargetContext::WithBleeding
            ),
        ]
    );
    let by_id = |id| IEC_HS_STEPS.iter().find(|s| s.id == id).unwrap();
    assert_eq!(by_id(StepId::RedCellTransfusion).targets[0].value, 7.0);
    assert_eq!(by_id(StepId::PlateletTransfusion).targets[0].value, 50.0);
    assert_eq!(by_id(StepId::GCsf).trigger, Trigger::Controversial);
    assert_eq!(by_id(StepId::VitaminK).trigger, Trigger::InrAbove(1.5));
    assert_eq!(
        by_id(StepId::FreshFrozenPlasma).trigger,
        Trigger::InrAbove(2.0)
    );
}

#[test]
fn iec_hs_daily_monitoring_panel() {
    let daily: Vec<LabTest> = IEC_HS_MONITORING
        .iter()
        .filter(|m| m.frequency == Frequency::Daily)
        .map(|m| m.test)
        .collect();
    assert_eq!(
        daily,
        vec![
            LabTest::CbcWithDifferential,
            LabTest::PtPtt,
            LabTest::Fibrinogen,
            LabTest::RenalFunction,
            LabTest::HepaticFunction,
        ]
    );
    assert!(IEC_HS_MONITORING
        .iter()
        .any(|m| m.test == LabTest::SolubleCd25 && m.frequency == Frequency::Consider));
    assert!(IEC_HS_STEPS.iter().any(|s| s.id == StepId::DailyMonitoring));
}

// ----- data integrity -----------------------------------------------------------------------

fn all_steps() -> impl Iterator<Item = &'static Step> {
    Regimen::ALL.iter().flat_map(|r| r.steps().iter())
}

#[test]
fn every_cited_erratum_exists_and_every_correction_cites_one() {
    for s in all_steps() {
        for n in s.errata {
            assert!(ERRATA.iter().any(|e| e.number == *n), "{:?}: {n}", s.id);
        }
        if matches!(s.verification, Verification::Corrected { .. }) {
            assert!(!s.errata.is_empty(), "{:?}", s.id);
        }
        assert!(!s.sources.is_empty(), "{:?}", s.id);
    }
}

#[test]
fn every_dose_computes_for_the_reference_patient() {
    for r in Regimen::ALL {
        for p in reference_plan(r.steps()) {
            for d in p.doses.iter().flatten() {
                let d = d.as_ref().unwrap();
                if let Some(pd) = d.per_dose {
                    assert!(pd.low > 0.0 && pd.low <= pd.high, "{:?}", p.step.id);
                }
            }
        }
    }
}

#[test]
fn every_tocilizumab_step_uses_the_capped_dose() {
    let mut n = 0;
    for s in all_steps().filter(|s| s.drug == Some(Drug::Tocilizumab)) {
        assert_eq!(s.dose(), Some(TOCILIZUMAB_DOSE));
        n += 1;
    }
    assert_eq!(n, 4);
}

#[test]
fn no_step_carries_the_reviews_errors() {
    for s in all_steps() {
        for p in s.regimen {
            // Ruxolitinib is never per-kg per dose at 10 mg/kg.
            if let Some(DoseRule::PerKg { mg_per_kg, .. }) = p.dose {
                assert!(mg_per_kg <= 8.0, "{:?}", s.id);
            }
            // Anakinra by weight is always capped.
            if s.drug == Some(Drug::Anakinra) {
                if let Some(DoseRule::PerKg { cap_mg, .. }) = p.dose {
                    assert_eq!(cap_mg, Some(100.0));
                }
            }
        }
    }
}

#[test]
fn sepsis_or_crs_is_the_reviews_table_3() {
    const { assert!(checklist::SEPSIS_OR_CRS_FROM_REVIEW_TABLE_3) };
    assert_eq!(
        checklist::SOURCES,
        &[iectox::sources::Source::MayorVazquez2025]
    );
    let groups: Vec<InfectionGroup> = TABLE_3.iter().map(|r| r.group).collect();
    assert_eq!(
        groups,
        [
            InfectionGroup::Bacteria,
            InfectionGroup::Viruses,
            InfectionGroup::Fungi,
            InfectionGroup::Parasites
        ]
    );
    // Counts as listed in the review (the two "X or Y" entries kept as two organisms).
    let counts: Vec<usize> = TABLE_3.iter().map(|r| r.organisms.len()).collect();
    assert_eq!(counts, [15, 14, 6, 6]);
    let bacteria = TABLE_3[0].organisms;
    assert_eq!(bacteria[0], Organism::Scientific("Pseudomonas aeruginosa"));
    assert!(bacteria.contains(&Organism::Scientific("Mycobacterium kansasii")));
    // Organisms that trigger secondary HLH are in the list, as the review gives it.
    assert!(TABLE_3[3]
        .organisms
        .contains(&Organism::Scientific("Leishmania")));
    assert!(TABLE_3[2]
        .organisms
        .contains(&Organism::Scientific("Histoplasma")));
    assert!(TABLE_3[1]
        .organisms
        .contains(&Organism::Common(checklist::CommonName::Ebv)));
    assert_eq!(
        checklist::STATEMENTS[0],
        checklist::Statement::InfectionIncidence {
            low_percent: 10,
            high_percent: 40
        }
    );
    assert!(checklist::STATEMENTS.contains(&checklist::Statement::ClinicallyIndistinguishable));
    assert_eq!(checklist::DIFFERENTIAL_ELEMENTS.len(), 3);
}

#[test]
fn sepsis_work_up_items_have_stable_keys_and_one_time() {
    assert_eq!(WorkupItem::ALL.len(), 5);
    for &i in WorkupItem::ALL {
        assert_eq!(WorkupItem::from_key(i.key()), Some(i));
    }
    assert_eq!(WorkupItem::from_key("nope"), None);
    let timed: Vec<WorkupItem> = WorkupItem::ALL
        .iter()
        .copied()
        .filter(|i| i.has_time())
        .collect();
    assert_eq!(timed, [WorkupItem::EmpiricalAntibioticsStarted]);
    assert_eq!(
        WorkupItem::Neutropenia.kind(),
        checklist::WorkupKind::Context
    );
    assert_eq!(
        WorkupItem::CulturesTaken.kind(),
        checklist::WorkupKind::Action
    );
}

// ----- tocilizumab log ----------------------------------------------------------------------

#[test]
fn empty_log_allows_a_dose_now() {
    let log = TocilizumabLog::new();
    assert_eq!(log.next_earliest(1_000), Some(1_000));
    assert_eq!(log.can_give(1_000), Ok(()));
    assert!(log.warnings(1_000).is_empty());
}

#[test]
fn spacing_exactly_8_hours_is_allowed() {
    let log = TocilizumabLog::from_doses(&[10_000]);
    let at = 10_000 + 8 * HOUR;
    assert_eq!(log.next_earliest(10_000), Some(at));
    assert_eq!(
        log.can_give(at - 1),
        Err(vec![Reason::TooSoon { earliest: at }])
    );
    assert_eq!(log.can_give(at), Ok(()));
    assert_eq!(log.can_give(at + 1), Ok(()));
    // `now` later than the earliest time: the earliest is now.
    assert_eq!(log.next_earliest(at + 100), Some(at + 100));
}

#[test]
fn window_boundary_dose_exactly_24_hours_ago_is_outside() {
    // Three doses recorded 1 h apart (a deviation the log keeps), so that only the 24-hour
    // limit decides at the window boundary.
    let log = TocilizumabLog::from_doses(&[0, 60, 120]);
    let day = 24 * HOUR;
    assert_eq!(log.in_window(day - 1), 3);
    assert_eq!(
        log.in_window(day),
        2,
        "the dose at 0 is exactly 24 h old: outside"
    );
    assert_eq!(log.in_window(day + 1), 2);

    assert_eq!(
        log.can_give(day - 1),
        Err(vec![Reason::ThreeDosesIn24h { earliest: day }])
    );
    assert_eq!(log.can_give(day), Ok(()));
    assert_eq!(log.can_give(day + 1), Ok(()));
    assert_eq!(log.next_earliest(500), Some(day));

    assert!(log
        .warnings(day - 1)
        .contains(&LogWarning::ThreeDosesIn24h { until: day }));
    assert!(!log
        .warnings(day)
        .iter()
        .any(|w| matches!(w, LogWarning::ThreeDosesIn24h { .. })));
    assert!(log.warnings(day).contains(&LogWarning::IntervalUnder8h {
        earlier: 0,
        later: 60
    }));
}

#[test]
fn q8h_dosing_allows_the_fourth_dose_at_24_hours() {
    let log = TocilizumabLog::from_doses(&[0, 8 * HOUR, 16 * HOUR]);
    assert!(log
        .warnings(20 * HOUR)
        .contains(&LogWarning::ThreeDosesIn24h { until: 24 * HOUR }));
    assert!(!log
        .warnings(20 * HOUR)
        .iter()
        .any(|w| matches!(w, LogWarning::IntervalUnder8h { .. })));
    assert_eq!(log.next_earliest(17 * HOUR), Some(24 * HOUR));
    assert_eq!(
        log.can_give(24 * HOUR - 1),
        Err(vec![
            Reason::TooSoon {
                earliest: 24 * HOUR
            },
            Reason::ThreeDosesIn24h {
                earliest: 24 * HOUR
            },
        ])
    );
    assert_eq!(log.can_give(24 * HOUR), Ok(()));
}

#[test]
fn four_doses_in_all_is_the_maximum() {
    let mut log = TocilizumabLog::from_doses(&[0, 8 * HOUR, 16 * HOUR]);
    assert!(!log
        .warnings(30 * HOUR)
        .contains(&LogWarning::FourDosesTotal));
    log.add(24 * HOUR);
    assert_eq!(log.total(), 4);
    let later = 10 * 24 * HOUR;
    assert_eq!(log.next_earliest(later), None);
    assert_eq!(log.can_give(later), Err(vec![Reason::FourDosesTotal]));
    assert_eq!(log.warnings(later), vec![LogWarning::FourDosesTotal]);
    // Right after the fourth dose, every limit shows.
    let now = 24 * HOUR + 1;
    let reasons = log.can_give(now).unwrap_err();
    assert!(reasons.contains(&Reason::FourDosesTotal));
    assert!(reasons.contains(&Reason::TooSoon {
        earliest: 32 * HOUR
    }));
    assert!(reasons.contains(&Reason::ThreeDosesIn24h {
        earliest: 32 * HOUR
    }));
}

#[test]
fn log_keeps_time_order_and_corrections() {
    let mut log = TocilizumabLog::new();
    log.add(2_000);
    log.add(500);
    log.add(1_200);
    assert_eq!(log.doses(), &[500, 1_200, 2_000]);
    assert!(log.remove(1_200));
    assert!(!log.remove(1_200));
    assert_eq!(log.doses(), &[500, 2_000]);
    // A dose recorded after `now` blocks a dose now.
    let log = TocilizumabLog::from_doses(&[5_000]);
    assert_eq!(
        log.can_give(4_000),
        Err(vec![Reason::TooSoon {
            earliest: 5_000 + MIN_INTERVAL_MINUTES
        }])
    );
}

#[cfg(feature = "serde")]
#[test]
fn log_and_doses_round_trip_through_json() {
    let log = TocilizumabLog::from_doses(&[0, 480]);
    let json = serde_json::to_string(&log).unwrap();
    assert_eq!(json, r#"{"doses":[0,480]}"#);
    assert_eq!(serde_json::from_str::<TocilizumabLog>(&json).unwrap(), log);
    let d = compute(TOCILIZUMAB_DOSE, kg(112.0), None).unwrap();
    let back: DoseResult = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
    assert_eq!(back, d);
    let step_json = serde_json::to_string(&IEC_HS_STEPS[0]).unwrap();
    assert!(step_json.contains("anakinra_low_dose"));
    let planned = serde_json::to_string(&reference_plan(crs_steps(3))).unwrap();
    assert!(planned.contains("\"capped\":true"));
}

// ----- the review's management targets (clinical spec §13) ----------------------------------

fn targets_of(steps: &[Step], id: StepId) -> Vec<(Analyte, Relation, f64, TargetContext)> {
    steps
        .iter()
        .filter(|s| s.id == id)
        .flat_map(|s| s.targets.iter())
        .map(|t| (t.analyte, t.relation, t.value, t.when))
        .collect()
}

#[test]
fn grade_2_keeps_spo2_above_90_and_sbp_90_dbp_60_with_fluids() {
    assert_eq!(
        targets_of(crs_steps(2), StepId::OxygenSupport),
        [(Analyte::SpO2, Relation::Above, 90.0, TargetContext::Always)]
    );
    assert_eq!(
        targets_of(crs_steps(2), StepId::Fluids),
        [
            (Analyte::Sbp, Relation::Above, 90.0, TargetContext::Always),
            (Analyte::Dbp, Relation::Above, 60.0, TargetContext::Always),
        ]
    );
    let fluids = crs_steps(2)
        .iter()
        .find(|s| s.id == StepId::Fluids)
        .unwrap();
    assert!(fluids.note.unwrap().contains("capillary leak"));
    assert_eq!(
        fluids.verification,
        Verification::AsStatedInReviewNotVerified
    );
    // Oxygen at grade 2 is low-flow; no "not transcribed" placeholder remains anywhere.
    for g in 1..=4 {
        for s in crs_steps(g) {
            assert!(
                !s.note.unwrap_or("").contains("not transcribed"),
                "grade {g} {:?}",
                s.id
            );
        }
    }
}

#[test]
fn grade_3_starts_vasopressors_below_map_65_and_keeps_spo2_above_90() {
    assert_eq!(
        targets_of(crs_steps(3), StepId::VasopressorSupport),
        [(
            Analyte::Map,
            Relation::Below,
            65.0,
            TargetContext::StartWhen
        )]
    );
    assert_eq!(
        targets_of(crs_steps(3), StepId::OxygenSupport),
        [(Analyte::SpO2, Relation::Above, 90.0, TargetContext::Always)]
    );
    let oxygen = crs_steps(3)
        .iter()
        .find(|s| s.id == StepId::OxygenSupport)
        .unwrap();
    assert!(oxygen.note.unwrap().contains("non-invasive ventilation"));
    // Grade 4 intensifies support: the review states no new number there.
    assert!(targets_of(crs_steps(4), StepId::VasopressorSupport).is_empty());
    assert!(crs_steps(4)
        .iter()
        .any(|s| s.id == StepId::OxygenSupport && s.note.unwrap().contains("Intensify")));
}

#[test]
fn bedside_targets_are_not_patient_inputs_and_carry_their_unit() {
    let p = Patient::default();
    for t in [
        iectox::treatment::SPO2_TARGET,
        iectox::treatment::MAP_VASOPRESSOR_THRESHOLD,
    ]
    .iter()
    .chain(iectox::treatment::BLOOD_PRESSURE_TARGETS)
    {
        assert_eq!(t.check(&p), None, "{:?}", t.analyte);
    }
    assert_eq!(iectox::treatment::SPO2_TARGET.unit, Some(Unit::Percent));
    assert_eq!(Analyte::Map.fixed_unit_symbol(), Some("mmHg"));
    assert_eq!(Analyte::SpO2.fixed_unit_symbol(), None);
}

#[test]
fn grade_1_early_tocilizumab_criteria_are_the_reviews() {
    let toci = crs_steps(1)
        .iter()
        .find(|s| s.id == StepId::Tocilizumab)
        .unwrap();
    assert_eq!(
        toci.trigger,
        Trigger::AnyOf(&[
            Trigger::FeverLongerThanHours(24),
            Trigger::HighRiskPatient,
            Trigger::NoImprovementAfterHours(72),
        ])
    );
    assert_eq!(
        toci.verification,
        Verification::ReviewChoiceGuidelinesDiffer
    );
}

#[test]
fn refractory_list_and_statements_as_in_the_review() {
    use iectox::treatment::{RefractoryStatement, CRS_REFRACTORY_STATEMENTS};
    assert_eq!(
        CRS_REFRACTORY_STATEMENTS,
        &[
            RefractoryStatement::EvidenceLimitedPublicationBiasPossible,
            RefractoryStatement::AnakinraIvWhenOedematous,
            RefractoryStatement::RuleOutInfectionIecHsProgression,
        ]
    );
    let extracorporeal = CRS_REFRACTORY.last().unwrap();
    assert_eq!(extracorporeal.id, StepId::ExtracorporealTherapy);
    assert_eq!(
        extracorporeal.note,
        Some("Hemofiltration, hemadsorption, plasma exchange.")
    );
    let dasatinib = CRS_REFRACTORY
        .iter()
        .find(|s| s.id == StepId::Dasatinib)
        .unwrap();
    assert!(dasatinib.note.unwrap().contains("reversible"));
    // The plan carries them for the CLI and the JS API; the other regimens have none.
    assert_eq!(
        Regimen::CrsRefractory.statements(),
        CRS_REFRACTORY_STATEMENTS
    );
    let plan = iectox::treatment::treatment_plan(&Patient::default(), Regimen::CrsRefractory, None);
    assert_eq!(plan.statements, CRS_REFRACTORY_STATEMENTS);
    assert!(Regimen::CrsGrade(3).statements().is_empty());
    // Anakinra, on the review's refractory list too, is a step of grades 3 and 4.
    for g in [3, 4] {
        assert!(crs_steps(g)
            .iter()
            .any(|s| s.id == StepId::Anakinra && s.trigger == Trigger::Refractory));
    }
}

// ----- Spanish ------------------------------------------------------------------------------

#[test]
fn every_note_has_a_spanish_form_and_every_correction_names_its_erratum() {
    let mut notes = 0;
    for r in Regimen::ALL {
        for s in r.steps() {
            assert_eq!(s.note.is_some(), s.note_es.is_some(), "{:?} in {r:?}", s.id);
            if let (Some(en), Some(es)) = (s.note, s.note_es) {
                assert_ne!(en, es, "{:?}", s.id);
                notes += 1;
            }
            for p in [Population::Adult, Population::Child, Population::Undecided] {
                assert_eq!(s.note_for(p).is_some(), s.note_es_for(p).is_some());
            }
            // The review's wording of a corrected figure is its erratum's (Spanish there).
            if let Verification::Corrected { review_said } = s.verification {
                let n = s.errata.first().expect("a correction cites its erratum");
                let e = ERRATA.iter().find(|e| e.number == *n).unwrap();
                assert_eq!(e.review, review_said, "{:?}", s.id);
            }
        }
    }
    assert!(notes >= 25, "{notes}");
}

#[test]
fn every_erratum_has_its_spanish_texts() {
    assert_eq!(ERRATA.len(), 27);
    for e in ERRATA {
        for (en, es) in [
            (e.location, e.es.location),
            (e.review, e.es.review),
            (e.correct, e.es.correct),
        ] {
            assert!(!es.is_empty(), "erratum {}", e.number);
            // Identical only where the text is symbols, units, numbers and names (no
            // lower-case word of 5+ letters).
            if en == es {
                let words = en.split(|c: char| !c.is_ascii_alphabetic());
                let english = words
                    .filter(|w| w.len() >= 5)
                    .any(|w| w.starts_with(|c: char| c.is_ascii_lowercase()));
                assert!(!english, "erratum {}: {en}", e.number);
            }
        }
    }
}
