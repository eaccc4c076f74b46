//! Pre-2019 CRS systems (Lee 2014, Penn, MSKCC, CARTOX): boundaries, not-assessable cases,
//! properties.

// Tests build patients field by field from the default, as a form would.
#![allow(clippy::field_reassign_with_default)]

use iectox::patient::OxygenDevice;
use iectox::scores::crs_legacy::{self, Interpretation, LegacyDomain, LegacySystem};
use iectox::sources::Source;
use iectox::units::{Alt, Ast, Fio2, Quantity, Temperature, Unit};
use iectox::{Conclusion, Field, Patient, Range};
use proptest::prelude::*;

use LegacySystem::{Cartox, Lee2014, Mskcc, Penn};

fn q<Q: Quantity>(v: f64, unit: Unit) -> Q {
    Q::new(v, unit).unwrap()
}

/// Febrile, nothing else abnormal, every input entered: grade 1 everywhere.
fn base() -> Patient {
    let mut p = Patient::default();
    p.temperature = Some(q::<Temperature>(38.6, Unit::Celsius));
    p.fever_masking_therapy = Some(false);
    p.hypotension = Some(false);
    p.vasopressors = Some(0);
    p.vasopressin = Some(false);
    p.high_dose_vasopressor = Some(false);
    p.vasopressor_hours = Some(0);
    p.fluid_boluses = Some(0);
    p.oxygen_device = Some(OxygenDevice::None);
    p.fio2 = Some(q::<Fio2>(21.0, Unit::Percent));
    p.crs_death = Some(false);
    p.creatinine = Some(q(0.8, Unit::MgPerDl));
    p.creatinine_uln = Some(q(1.2, Unit::MgPerDl));
    p.creatinine_baseline = Some(q(0.8, Unit::MgPerDl));
    p.ast = Some(q(30.0, Unit::UPerL));
    p.ast_uln = Some(q(40.0, Unit::UPerL));
    p.ast_baseline = Some(q(30.0, Unit::UPerL));
    p.alt = Some(q(30.0, Unit::UPerL));
    p.alt_uln = Some(q(40.0, Unit::UPerL));
    p.alt_baseline = Some(q(30.0, Unit::UPerL));
    p.other_organ_toxicity_grade = Some(0);
    p.coagulopathy = Some(false);
    p.hospitalised_for_crs = Some(false);
    p
}

fn grades(p: &Patient) -> [Option<u16>; 4] {
    let l = crs_legacy::assess(p);
    [Lee2014, Penn, Mskcc, Cartox].map(|s| l.system(s).assessment.value)
}

fn all(lee: u16, penn: u16, mskcc: u16, cartox: u16) -> [Option<u16>; 4] {
    [Some(lee), Some(penn), Some(mskcc), Some(cartox)]
}

#[test]
fn febrile_only_is_grade_1_everywhere() {
    assert_eq!(grades(&base()), all(1, 1, 1, 1));
}

#[test]
fn no_crs_is_grade_0_and_death_is_5() {
    let mut p = base();
    p.temperature = Some(q(37.0, Unit::Celsius));
    p.oxygen_device = Some(OxygenDevice::MechanicalVentilation);
    assert_eq!(grades(&p), all(0, 0, 0, 0));
    p.crs_death = Some(true);
    assert_eq!(grades(&p), all(5, 5, 5, 5));
}

// ---- FiO₂ 40 %: both published forms ----

#[test]
fn fio2_boundary_percent_and_fraction() {
    let cases = [
        (39.0, Unit::Percent, 2),
        (40.0, Unit::Percent, 3),
        (41.0, Unit::Percent, 3),
        (0.39, Unit::Fraction, 2),
        (0.40, Unit::Fraction, 3),
        (0.41, Unit::Fraction, 3),
    ];
    for (v, unit, g) in cases {
        let mut p = base();
        p.oxygen_device = Some(OxygenDevice::NasalCannula);
        p.fio2 = Some(q(v, unit));
        // Penn: any supplemental oxygen is grade 3
        assert_eq!(grades(&p), all(g, 3, g, g), "FiO₂ {v} {unit}");
    }
}

#[test]
fn ventilation_readings() {
    let mut p = base();
    p.fio2 = Some(q(50.0, Unit::Percent));
    p.oxygen_device = Some(OxygenDevice::Bipap);
    // Lee 2014 / CARTOX: ventilator support includes BiPAP; Penn: supplemental O₂ (3);
    // MSKCC: by FiO₂
    assert_eq!(grades(&p), all(4, 3, 3, 4));
    p.oxygen_device = Some(OxygenDevice::MechanicalVentilation);
    assert_eq!(grades(&p), all(4, 4, 4, 4));
    let l = crs_legacy::assess(&p);
    assert!(l
        .system(Lee2014)
        .interpretations
        .contains(&Interpretation::VentilatorSupportIncludesNonInvasive));
    assert!(l
        .system(Penn)
        .interpretations
        .contains(&Interpretation::MechanicalVentilationIsInvasive));
}

// ---- Hypotension ----

#[test]
fn one_low_dose_vasopressor_and_hours_boundary() {
    for (hours, mskcc) in [(23, 2), (24, 3), (25, 3)] {
        let mut p = base();
        p.hypotension = Some(true);
        p.vasopressors = Some(1);
        p.vasopressor_hours = Some(hours);
        assert_eq!(grades(&p), all(2, 3, mskcc, 2), "{hours} h");
    }
}

#[test]
fn high_dose_and_multiple_vasopressors() {
    let mut p = base();
    p.hypotension = Some(true);
    p.vasopressors = Some(1);
    p.high_dose_vasopressor = Some(true);
    assert_eq!(grades(&p), all(3, 4, 4, 3));
    p.high_dose_vasopressor = Some(false);
    p.vasopressors = Some(2);
    p.vasopressor_hours = Some(2);
    assert_eq!(grades(&p), all(3, 3, 2, 3));
    // vasopressin is a vasopressor in these systems: norepinephrine + vasopressin = multiple
    p.vasopressors = Some(1);
    p.vasopressin = Some(true);
    assert_eq!(grades(&p), all(3, 3, 2, 3));
}

#[test]
fn vasopressin_alone_is_one_vasopressor() {
    let mut p = base();
    p.hypotension = Some(true);
    p.vasopressin = Some(true);
    assert_eq!(grades(&p), all(2, 3, 2, 2));
}

#[test]
fn hypotension_on_fluids_and_bolus_boundary() {
    for (boluses, penn) in [(0, 1), (1, 1), (2, 3), (3, 3)] {
        let mut p = base();
        p.hypotension = Some(true);
        p.fluid_boluses = Some(boluses);
        assert_eq!(grades(&p), all(2, penn, 1, 2), "{boluses} boluses");
    }
}

#[test]
fn high_dose_flag_ignored_without_vasopressor() {
    let mut p = base();
    p.high_dose_vasopressor = None;
    p.vasopressor_hours = None;
    assert_eq!(grades(&p), all(1, 1, 1, 1));
}

// ---- Organ toxicity (CTCAE via the ctcae helpers) ----

#[test]
fn creatinine_grades() {
    // ULN 1.2, baseline 0.8: 2.0 → grade 2, 4.0 → 3, 8.0 → 4
    for (v, lee, penn) in [(2.0, 2, 2), (4.0, 3, 3), (8.0, 4, 3)] {
        let mut p = base();
        p.creatinine = Some(q(v, Unit::MgPerDl));
        assert_eq!(grades(&p), all(lee, penn, 1, lee), "creatinine {v}");
    }
}

#[test]
fn transaminase_grades() {
    // ULN 40: 150 → grade 2, 250 → 3, 900 → 4 (transaminitis: CRS grade 3, never 4)
    for (v, lee, penn) in [(150.0, 2, 1), (250.0, 3, 2), (900.0, 3, 3)] {
        let mut p = base();
        p.alt = Some(q::<Alt>(v, Unit::UPerL));
        assert_eq!(grades(&p), all(lee, penn, 1, lee), "ALT {v}");
    }
}

#[test]
fn other_organ_coagulopathy_hospitalisation() {
    let mut p = base();
    p.other_organ_toxicity_grade = Some(4);
    assert_eq!(grades(&p), all(4, 1, 1, 4));
    p.other_organ_toxicity_grade = Some(2);
    assert_eq!(grades(&p), all(2, 1, 1, 2));
    let mut p = base();
    p.coagulopathy = Some(true);
    assert_eq!(grades(&p), all(1, 3, 1, 1));
    let mut p = base();
    p.hospitalised_for_crs = Some(true);
    assert_eq!(grades(&p), all(1, 2, 1, 1));
}

// ---- Not assessable ----

#[test]
fn fio2_missing_is_not_assessable_where_needed() {
    let mut p = base();
    p.oxygen_device = Some(OxygenDevice::NasalCannula);
    p.fio2 = None;
    let l = crs_legacy::assess(&p);
    for s in [Lee2014, Mskcc, Cartox] {
        let a = &l.system(s).assessment;
        assert_eq!(a.value, None, "{s:?}");
        assert_eq!(a.range, Range::new(2, 3));
        assert_eq!(a.missing, vec![Field::Fio2]);
        assert_eq!(a.conclusion, Conclusion::Met);
    }
    assert_eq!(l.system(Penn).assessment.value, Some(3));
    assert_eq!(l.missing, vec![Field::Fio2]);
    // FiO₂ does not matter without oxygen
    let mut p = base();
    p.fio2 = None;
    assert_eq!(grades(&p), all(1, 1, 1, 1));
}

#[test]
fn vasopressor_details_missing() {
    let mut p = base();
    p.hypotension = Some(true);
    p.vasopressors = Some(1);
    p.high_dose_vasopressor = None;
    p.vasopressor_hours = None;
    let l = crs_legacy::assess(&p);
    let lee = &l.system(Lee2014).assessment;
    assert_eq!(lee.range, Range::new(2, 3));
    assert_eq!(lee.missing, vec![Field::HighDoseVasopressor]);
    let mskcc = &l.system(Mskcc).assessment;
    assert_eq!(mskcc.range, Range::new(2, 4));
    assert_eq!(
        mskcc.missing,
        vec![Field::HighDoseVasopressor, Field::VasopressorHours]
    );
    assert_eq!(l.system(Penn).assessment.range, Range::new(3, 4));
    // hours known: MSKCC still needs the dose
    p.vasopressor_hours = Some(30);
    let l = crs_legacy::assess(&p);
    assert_eq!(l.system(Mskcc).assessment.range, Range::new(3, 4));
}

#[test]
fn organ_inputs_missing() {
    let mut p = base();
    p.creatinine = None;
    let l = crs_legacy::assess(&p);
    for s in [Lee2014, Penn, Cartox] {
        let a = &l.system(s).assessment;
        assert_eq!(a.value, None, "{s:?}");
        assert_eq!(a.missing, vec![Field::Creatinine]);
    }
    assert_eq!(l.system(Mskcc).assessment.value, Some(1));
    // AST above ULN with baseline missing: grade 0–3
    let mut p = base();
    p.ast = Some(q::<Ast>(250.0, Unit::UPerL));
    p.ast_baseline = None;
    let l = crs_legacy::assess(&p);
    let lee = &l.system(Lee2014).assessment;
    assert_eq!(lee.range, Range::new(1, 3));
    assert_eq!(lee.missing, vec![Field::AstBaseline]);
    let item = lee.item(LegacyDomain::Transaminases).unwrap();
    assert_eq!(item.range, Range::new(1, 3));
}

#[test]
fn missing_that_cannot_change_the_grade_is_not_listed() {
    let mut p = base();
    p.oxygen_device = Some(OxygenDevice::MechanicalVentilation);
    p.creatinine = None;
    p.other_organ_toxicity_grade = None;
    p.fio2 = None;
    let l = crs_legacy::assess(&p);
    // Lee 2014 / CARTOX: grade 4 already, the organ inputs cannot change it
    assert_eq!(l.system(Lee2014).assessment.value, Some(4));
    assert!(l.system(Lee2014).assessment.missing.is_empty());
    assert_eq!(l.system(Cartox).assessment.value, Some(4));
}

#[test]
fn nothing_entered_is_not_assessable() {
    let l = crs_legacy::assess(&Patient::default());
    for s in &l.systems {
        assert_eq!(s.assessment.value, None);
        // an unanswered death question is "no": 5 is not reachable
        assert_eq!(s.assessment.range, Range::new(0, 4));
        assert_eq!(s.assessment.conclusion, Conclusion::Undetermined);
        assert!(s.assessment.missing.contains(&Field::Temperature));
        assert!(!s.assessment.missing.contains(&Field::CrsDeath));
    }
}

#[test]
fn every_system_is_cited() {
    let l = crs_legacy::assess(&base());
    for (s, src) in [
        (Lee2014, Source::Lee2014),
        (Penn, Source::Porter2018),
        (Mskcc, Source::Park2018),
        (Cartox, Source::Neelapu2018),
    ] {
        assert!(l.system(s).assessment.sources.contains(&src));
        assert!(l.sources.contains(&src));
    }
    assert!(l.sources.contains(&Source::Pennisi2020));
}

// ---- Property: the range of a partly entered patient contains the grade of the full one ----

#[derive(Clone, Debug)]
struct Full {
    temperature: f64,
    masking: bool,
    hypotension: bool,
    vasopressors: u8,
    vasopressin: bool,
    high_dose: bool,
    hours: u16,
    boluses: u8,
    device: usize,
    fio2: f64,
    other: u8,
    coagulopathy: bool,
    hospitalised: bool,
    death: bool,
    creatinine: f64,
    creatinine_baseline: f64,
    ast: f64,
    ast_baseline: f64,
}

fn full() -> impl Strategy<Value = Full> {
    (
        (
            prop_oneof![Just(37.0), Just(38.0), 36.0f64..41.0],
            any::<bool>(),
            any::<bool>(),
            0u8..4,
            any::<bool>(),
            any::<bool>(),
            prop_oneof![Just(23u16), Just(24u16), 0u16..100],
            0u8..4,
            0usize..10,
        ),
        (
            prop_oneof![Just(40.0), 21.0f64..100.0],
            0u8..6,
            any::<bool>(),
            any::<bool>(),
            prop::bool::weighted(0.1),
            0.3f64..10.0,
            0.3f64..3.0,
            5.0f64..2000.0,
            5.0f64..200.0,
        ),
    )
        .prop_map(|(a, b)| Full {
            temperature: a.0,
            masking: a.1,
            hypotension: a.2,
            vasopressors: a.3,
            vasopressin: a.4,
            high_dose: a.5,
            hours: a.6,
            boluses: a.7,
            device: a.8,
            fio2: b.0,
            other: b.1,
            coagulopathy: b.2,
            hospitalised: b.3,
            death: b.4,
            creatinine: b.5,
            creatinine_baseline: b.6,
            ast: b.7,
            ast_baseline: b.8,
        })
}

fn patient(f: &Full, hide: &[bool]) -> Patient {
    let keep = |i: usize| !hide.get(i).copied().unwrap_or(false);
    let mut p = Patient::default();
    p.temperature = keep(0).then(|| q(f.temperature, Unit::Celsius));
    p.fever_masking_therapy = keep(1).then_some(f.masking);
    p.hypotension = keep(2).then_some(f.hypotension);
    p.vasopressors = keep(3).then_some(f.vasopressors);
    p.vasopressin = keep(4).then_some(f.vasopressin);
    p.high_dose_vasopressor = keep(5).then_some(f.high_dose);
    p.vasopressor_hours = keep(6).then_some(f.hours);
    p.fluid_boluses = keep(7).then_some(f.boluses);
    p.oxygen_device = keep(8).then(|| iectox::scores::crs::DEVICES[f.device]);
    p.fio2 = keep(9).then(|| q(f.fio2, Unit::Percent));
    p.other_organ_toxicity_grade = keep(10).then_some(f.other);
    p.coagulopathy = keep(11).then_some(f.coagulopathy);
    p.hospitalised_for_crs = keep(12).then_some(f.hospitalised);
    p.crs_death = keep(13).then_some(f.death);
    p.creatinine = keep(14).then(|| q(f.creatinine, Unit::MgPerDl));
    p.creatinine_uln = keep(15).then(|| q(1.2, Unit::MgPerDl));
    p.creatinine_baseline = keep(16).then(|| q(f.creatinine_baseline, Unit::MgPerDl));
    p.ast = keep(17).then(|| q(f.ast, Unit::UPerL));
    p.ast_uln = keep(18).then(|| q(40.0, Unit::UPerL));
    p.ast_baseline = keep(19).then(|| q(f.ast_baseline, Unit::UPerL));
    p.alt = Some(q(20.0, Unit::UPerL));
    p.alt_uln = Some(q(40.0, Unit::UPerL));
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn range_contains_the_grade_of_the_completed_patient(
        f in full(),
        hide in proptest::collection::vec(prop::bool::weighted(0.3), 20),
    ) {
        // an unanswered death is "no" (not a missing input): a hidden death completes to false
        let f = Full { death: f.death && !hide[13], ..f };
        let complete = crs_legacy::assess(&patient(&f, &[]));
        let partial = crs_legacy::assess(&patient(&f, &hide));
        for (c, p) in complete.systems.iter().zip(&partial.systems) {
            let g = c.assessment.value.expect("complete inputs give a grade");
            prop_assert!(
                p.assessment.range.contains(g),
                "{:?}: {} outside {:?}", c.system, g, p.assessment.range
            );
            prop_assert_eq!(p.assessment.value.is_some(), p.assessment.missing.is_empty());
            // the grade is the worst domain once CRS is present
            let points = |d| c.assessment.item(d).unwrap().points.unwrap();
            let expected = if points(LegacyDomain::Death) == 5 {
                5
            } else if points(LegacyDomain::Presence) == 0 {
                0
            } else {
                c.assessment
                    .items
                    .iter()
                    .filter(|i| !matches!(i.key, LegacyDomain::Presence | LegacyDomain::Death))
                    .map(|i| i.points.unwrap())
                    .fold(1, u16::max)
            };
            prop_assert_eq!(g, expected);
        }
    }
}

#[test]
fn each_system_names_the_domains_that_decide_its_grade() {
    let deciding = |p: &Patient, s: LegacySystem| crs_legacy::assess(p).system(s).deciding.clone();
    let p = base();
    for s in LegacySystem::ALL {
        assert_eq!(deciding(&p, s), [LegacyDomain::Presence], "{s:?}");
    }
    let mut p = base();
    p.hypotension = Some(true);
    p.vasopressors = Some(1);
    p.high_dose_vasopressor = Some(true);
    // Penn 4 and Lee 2014 3 are set by the hypotension domain.
    assert_eq!(deciding(&p, Penn), [LegacyDomain::Hypotension]);
    assert_eq!(deciding(&p, Lee2014), [LegacyDomain::Hypotension]);
    p.crs_death = Some(true);
    assert_eq!(deciding(&p, Mskcc), [LegacyDomain::Death]);
    // Not decided: nothing is highlighted.
    let mut p = base();
    p.temperature = None;
    p.fever_masking_therapy = None;
    p.hypotension = None;
    assert!(crs_legacy::assess(&p)
        .systems
        .iter()
        .all(|g| g.assessment.value.is_some() || g.deciding.is_empty()));
}
