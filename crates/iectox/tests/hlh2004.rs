//! HLH-2004 (Henter 2007): boundaries in every published unit, errata, missing data,
//! and a property test of the reachable range.

// Tests build patients field by field from `Patient::default()`, as a form does.
#![allow(clippy::field_reassign_with_default)]

use iectox::patient::FeverRule;
use iectox::scores::hlh2004::{
    self, Criterion, HaemoglobinRule, HemophagocytosisBasis, TriglycerideSample,
};
use iectox::scores::hscore;
use iectox::sources::{Source, ERRATA};
use iectox::units::{
    Age, Ferritin, Fibrinogen, Haemoglobin, Leukocytes, Neutrophils, Platelets, Quantity, Scd25,
    Temperature, Triglycerides, Unit,
};
use iectox::{Conclusion, Field, Patient, Status};
use proptest::prelude::*;

fn adult() -> Patient {
    Patient {
        age: Some(Age::new(40.0, Unit::Years).unwrap()),
        ..Patient::default()
    }
}

fn status(p: &Patient, c: Criterion) -> Status {
    hlh2004::assess(p).assessment.item(c).unwrap().status
}

fn hb(v: f64, u: Unit) -> Status {
    let mut p = adult();
    p.haemoglobin = Some(Haemoglobin::new(v, u).unwrap());
    hlh2004::assess(&p).cytopenias.haemoglobin.status
}

fn hb_at_age(v: f64, u: Unit, age: f64, age_unit: Unit) -> Status {
    let mut p = Patient::default();
    p.age = Some(Age::new(age, age_unit).unwrap());
    p.haemoglobin = Some(Haemoglobin::new(v, u).unwrap());
    hlh2004::assess(&p).cytopenias.haemoglobin.status
}

fn plt(v: f64, u: Unit) -> Status {
    let mut p = adult();
    p.platelets = Some(Platelets::new(v, u).unwrap());
    hlh2004::assess(&p).cytopenias.platelets.status
}

fn anc(v: f64, u: Unit) -> Status {
    let mut p = adult();
    p.neutrophils = Some(Neutrophils::new(v, u).unwrap());
    hlh2004::assess(&p).cytopenias.neutrophils.status
}

fn tg(v: f64, u: Unit) -> Status {
    let mut p = adult();
    p.triglycerides = Some(Triglycerides::new(v, u).unwrap());
    p.triglycerides_fasting = Some(true);
    hlh2004::assess(&p)
        .triglycerides_or_fibrinogen
        .triglycerides
        .status
}

fn fib(v: f64, u: Unit) -> Status {
    let mut p = adult();
    p.fibrinogen = Some(Fibrinogen::new(v, u).unwrap());
    hlh2004::assess(&p)
        .triglycerides_or_fibrinogen
        .fibrinogen
        .status
}

fn ferritin(v: f64, u: Unit) -> Status {
    let mut p = adult();
    p.ferritin = Some(Ferritin::new(v, u).unwrap());
    status(&p, Criterion::Ferritin)
}

fn scd25(v: f64) -> Status {
    let mut p = adult();
    p.scd25 = Some(Scd25::new(v, Unit::UPerMl).unwrap());
    status(&p, Criterion::Scd25)
}

fn fever_numeric(v: f64, u: Unit) -> Status {
    let mut p = adult();
    p.settings.hlh_fever_rule = FeverRule::AtLeast38_5;
    p.temperature = Some(Temperature::new(v, u).unwrap());
    status(&p, Criterion::Fever)
}

use Status::{Met, NotMet, Unknown};

// ---------------------------------------------------------------- boundaries

#[test]
fn haemoglobin_below_90_g_per_l_strict() {
    assert_eq!(hb(90.0, Unit::GPerL), NotMet);
    assert_eq!(hb(89.9, Unit::GPerL), Met);
    assert_eq!(hb(89.0, Unit::GPerL), Met);
    assert_eq!(hb(90.1, Unit::GPerL), NotMet);
}

#[test]
fn haemoglobin_below_9_0_g_per_dl_strict() {
    assert_eq!(hb(9.0, Unit::GPerDl), NotMet);
    assert_eq!(hb(8.99, Unit::GPerDl), Met);
    assert_eq!(hb(8.9, Unit::GPerDl), Met);
    assert_eq!(hb(9.1, Unit::GPerDl), NotMet);
}

#[test]
fn haemoglobin_in_mmol_per_l_is_converted_to_g_per_l() {
    // 5.0 mmol/L = 80.6 g/L; 6.0 mmol/L = 96.7 g/L.
    assert_eq!(hb(5.0, Unit::MmolPerL), Met);
    assert_eq!(hb(6.0, Unit::MmolPerL), NotMet);
}

#[test]
fn infant_haemoglobin_below_100_g_per_l_under_4_weeks() {
    assert_eq!(hb_at_age(100.0, Unit::GPerL, 3.0, Unit::Weeks), NotMet);
    assert_eq!(hb_at_age(99.9, Unit::GPerL, 3.0, Unit::Weeks), Met);
    assert_eq!(hb_at_age(95.0, Unit::GPerL, 3.0, Unit::Weeks), Met);
    assert_eq!(hb_at_age(100.1, Unit::GPerL, 3.0, Unit::Weeks), NotMet);
    assert_eq!(hb_at_age(10.0, Unit::GPerDl, 20.0, Unit::Days), NotMet);
    assert_eq!(hb_at_age(9.9, Unit::GPerDl, 20.0, Unit::Days), Met);
    assert_eq!(hb_at_age(10.1, Unit::GPerDl, 20.0, Unit::Days), NotMet);
}

#[test]
fn infant_rule_ends_at_4_weeks() {
    // 95 g/L: cytopenic under the infant rule only.
    assert_eq!(hb_at_age(95.0, Unit::GPerL, 27.0, Unit::Days), Met);
    assert_eq!(hb_at_age(95.0, Unit::GPerL, 28.0, Unit::Days), NotMet);
    assert_eq!(hb_at_age(95.0, Unit::GPerL, 29.0, Unit::Days), NotMet);
    assert_eq!(hb_at_age(95.0, Unit::GPerL, 3.9, Unit::Weeks), Met);
    assert_eq!(hb_at_age(95.0, Unit::GPerL, 4.0, Unit::Weeks), NotMet);
    assert_eq!(hb_at_age(95.0, Unit::GPerL, 4.1, Unit::Weeks), NotMet);
    assert_eq!(hb_at_age(95.0, Unit::GPerL, 2.0, Unit::Months), NotMet);
    let mut p = Patient::default();
    p.age = Some(Age::new(2.0, Unit::Weeks).unwrap());
    p.haemoglobin = Some(Haemoglobin::new(95.0, Unit::GPerL).unwrap());
    assert_eq!(
        hlh2004::assess(&p).cytopenias.haemoglobin_rule,
        HaemoglobinRule::Infant
    );
    p.age = Some(Age::new(30.0, Unit::Years).unwrap());
    assert_eq!(
        hlh2004::assess(&p).cytopenias.haemoglobin_rule,
        HaemoglobinRule::Standard
    );
}

#[test]
fn age_missing_matters_only_between_90_and_100_g_per_l() {
    let at = |v: f64| {
        let mut p = Patient::default();
        p.haemoglobin = Some(Haemoglobin::new(v, Unit::GPerL).unwrap());
        let h = hlh2004::assess(&p);
        (h.cytopenias.haemoglobin, h.cytopenias.haemoglobin_rule)
    };
    let (sub, rule) = at(95.0);
    assert_eq!(sub.status, Unknown);
    assert_eq!(sub.missing, vec![Field::Age]);
    assert_eq!(rule, HaemoglobinRule::AgeNeeded);
    let (sub, rule) = at(89.0);
    assert_eq!(sub.status, Met);
    assert_eq!(rule, HaemoglobinRule::AgeNotNeeded);
    let (sub, rule) = at(100.0);
    assert_eq!(sub.status, NotMet);
    assert_eq!(rule, HaemoglobinRule::AgeNotNeeded);
    let (sub, _) = at(90.0);
    assert_eq!(sub.status, Unknown);
}

#[test]
fn age_missing_reported_when_it_decides_the_criterion() {
    let mut p = Patient::default();
    p.haemoglobin = Some(Haemoglobin::new(95.0, Unit::GPerL).unwrap());
    p.platelets = Some(Platelets::new(50.0, Unit::E9PerL).unwrap());
    p.neutrophils = Some(Neutrophils::new(3.0, Unit::E9PerL).unwrap());
    let h = hlh2004::assess(&p);
    let item = h.assessment.item(Criterion::Cytopenias).unwrap();
    assert_eq!(item.status, Unknown);
    assert_eq!(item.missing, vec![Field::Age]);
    assert!(h.assessment.missing.contains(&Field::Age));

    // Two other lineages cytopenic: the age no longer matters.
    p.neutrophils = Some(Neutrophils::new(0.5, Unit::E9PerL).unwrap());
    let h = hlh2004::assess(&p);
    let item = h.assessment.item(Criterion::Cytopenias).unwrap();
    assert_eq!(item.status, Met);
    assert!(item.missing.is_empty());
    assert!(!h.assessment.missing.contains(&Field::Age));
}

#[test]
fn platelets_below_100_strict_in_both_units() {
    assert_eq!(plt(100.0, Unit::E9PerL), NotMet);
    assert_eq!(plt(99.0, Unit::E9PerL), Met);
    assert_eq!(plt(99.9, Unit::E9PerL), Met);
    assert_eq!(plt(101.0, Unit::E9PerL), NotMet);
    assert_eq!(plt(100_000.0, Unit::PerUl), NotMet);
    assert_eq!(plt(99_999.0, Unit::PerUl), Met);
    assert_eq!(plt(100_001.0, Unit::PerUl), NotMet);
}

#[test]
fn neutrophils_below_1_0_strict_in_both_units() {
    assert_eq!(anc(1.0, Unit::E9PerL), NotMet);
    assert_eq!(anc(0.99, Unit::E9PerL), Met);
    assert_eq!(anc(1.01, Unit::E9PerL), NotMet);
    assert_eq!(anc(1000.0, Unit::PerUl), NotMet);
    assert_eq!(anc(999.0, Unit::PerUl), Met);
    assert_eq!(anc(1001.0, Unit::PerUl), NotMet);
}

#[test]
fn cytopenias_need_two_of_three_lineages() {
    let mut p = adult();
    p.haemoglobin = Some(Haemoglobin::new(80.0, Unit::GPerL).unwrap());
    p.platelets = Some(Platelets::new(150.0, Unit::E9PerL).unwrap());
    p.neutrophils = Some(Neutrophils::new(2.0, Unit::E9PerL).unwrap());
    assert_eq!(status(&p, Criterion::Cytopenias), NotMet);
    p.platelets = Some(Platelets::new(80.0, Unit::E9PerL).unwrap());
    assert_eq!(status(&p, Criterion::Cytopenias), Met);
    let h = hlh2004::assess(&p);
    assert_eq!(
        (h.cytopenias.lineages_met, h.cytopenias.lineages_unknown),
        (2, 0)
    );
    // One cytopenic, one unknown: unknown.
    p.platelets = None;
    let h = hlh2004::assess(&p);
    let item = h.assessment.item(Criterion::Cytopenias).unwrap();
    assert_eq!(item.status, Unknown);
    assert_eq!(item.missing, vec![Field::Platelets]);
    // None cytopenic, one unknown: cannot reach 2.
    p.haemoglobin = Some(Haemoglobin::new(120.0, Unit::GPerL).unwrap());
    assert_eq!(status(&p, Criterion::Cytopenias), NotMet);
}

#[test]
fn triglycerides_at_least_3_0_mmol_per_l_inclusive() {
    assert_eq!(tg(3.0, Unit::MmolPerL), Met);
    assert_eq!(tg(2.99, Unit::MmolPerL), NotMet);
    assert_eq!(tg(2.9, Unit::MmolPerL), NotMet);
    assert_eq!(tg(3.01, Unit::MmolPerL), Met);
}

#[test]
fn triglycerides_at_least_265_mg_per_dl_inclusive() {
    assert_eq!(tg(265.0, Unit::MgPerDl), Met);
    assert_eq!(tg(264.9, Unit::MgPerDl), NotMet);
    assert_eq!(tg(264.0, Unit::MgPerDl), NotMet);
    assert_eq!(tg(265.1, Unit::MgPerDl), Met);
}

#[test]
fn triglycerides_need_a_fasting_sample() {
    for (fasting, sample) in [
        (Some(false), TriglycerideSample::NotFasting),
        (None, TriglycerideSample::NotRecorded),
    ] {
        for value in [1.0, 10.0] {
            let mut p = adult();
            p.triglycerides = Some(Triglycerides::new(value, Unit::MmolPerL).unwrap());
            p.triglycerides_fasting = fasting;
            let h = hlh2004::assess(&p);
            let t = &h.triglycerides_or_fibrinogen;
            assert_eq!(t.sample, sample);
            assert_eq!(t.triglycerides.status, Unknown);
            assert_eq!(t.triglycerides.missing, vec![Field::TriglyceridesFasting]);
        }
    }
    // Fibrinogen still decides criterion 4 on its own.
    let mut p = adult();
    p.triglycerides = Some(Triglycerides::new(10.0, Unit::MmolPerL).unwrap());
    p.triglycerides_fasting = Some(false);
    p.fibrinogen = Some(Fibrinogen::new(1.0, Unit::GPerL).unwrap());
    assert_eq!(status(&p, Criterion::TriglyceridesOrFibrinogen), Met);
    p.fibrinogen = Some(Fibrinogen::new(3.0, Unit::GPerL).unwrap());
    let h = hlh2004::assess(&p);
    let item = h
        .assessment
        .item(Criterion::TriglyceridesOrFibrinogen)
        .unwrap();
    assert_eq!(item.status, Unknown);
    assert_eq!(item.missing, vec![Field::TriglyceridesFasting]);
}

#[test]
fn fibrinogen_at_most_1_5_g_per_l_inclusive() {
    assert_eq!(fib(1.5, Unit::GPerL), Met);
    assert_eq!(fib(1.49, Unit::GPerL), Met);
    assert_eq!(fib(1.51, Unit::GPerL), NotMet);
    assert_eq!(fib(1.6, Unit::GPerL), NotMet);
}

#[test]
fn fibrinogen_at_most_150_mg_per_dl_inclusive() {
    assert_eq!(fib(150.0, Unit::MgPerDl), Met);
    assert_eq!(fib(149.0, Unit::MgPerDl), Met);
    assert_eq!(fib(150.1, Unit::MgPerDl), NotMet);
    assert_eq!(fib(151.0, Unit::MgPerDl), NotMet);
}

#[test]
fn triglycerides_or_fibrinogen_either_suffices() {
    let mut p = adult();
    p.triglycerides_fasting = Some(true);
    p.triglycerides = Some(Triglycerides::new(3.5, Unit::MmolPerL).unwrap());
    p.fibrinogen = Some(Fibrinogen::new(3.0, Unit::GPerL).unwrap());
    assert_eq!(status(&p, Criterion::TriglyceridesOrFibrinogen), Met);
    p.triglycerides = Some(Triglycerides::new(1.0, Unit::MmolPerL).unwrap());
    assert_eq!(status(&p, Criterion::TriglyceridesOrFibrinogen), NotMet);
    p.fibrinogen = Some(Fibrinogen::new(1.0, Unit::GPerL).unwrap());
    assert_eq!(status(&p, Criterion::TriglyceridesOrFibrinogen), Met);
    p.fibrinogen = None;
    assert_eq!(status(&p, Criterion::TriglyceridesOrFibrinogen), Unknown);
}

#[test]
fn ferritin_at_least_500_inclusive() {
    for u in [Unit::UgPerL, Unit::NgPerMl] {
        assert_eq!(ferritin(500.0, u), Met);
        assert_eq!(ferritin(499.9, u), NotMet);
        assert_eq!(ferritin(499.0, u), NotMet);
        assert_eq!(ferritin(500.1, u), Met);
    }
    // pmol/L converts (× 1/2.247) to µg/L: 1123.5 pmol/L = 500 µg/L.
    assert_eq!(ferritin(1123.5, Unit::PmolPerL), Met);
    assert_eq!(ferritin(1100.0, Unit::PmolPerL), NotMet);
}

#[test]
fn scd25_at_least_2400_u_per_ml_inclusive() {
    assert_eq!(scd25(2400.0), Met);
    assert_eq!(scd25(2399.0), NotMet);
    assert_eq!(scd25(2399.9), NotMet);
    assert_eq!(scd25(2401.0), Met);
}

#[test]
fn numeric_fever_at_least_38_5_c_or_101_3_f() {
    assert_eq!(fever_numeric(38.5, Unit::Celsius), Met);
    assert_eq!(fever_numeric(38.4, Unit::Celsius), NotMet);
    assert_eq!(fever_numeric(38.6, Unit::Celsius), Met);
    assert_eq!(fever_numeric(101.3, Unit::Fahrenheit), Met);
    assert_eq!(fever_numeric(101.2, Unit::Fahrenheit), NotMet);
    assert_eq!(fever_numeric(101.4, Unit::Fahrenheit), Met);
}

#[test]
fn fever_rule_setting() {
    // Default: clinician-confirmed; the temperature is not read.
    let mut p = adult();
    p.temperature = Some(Temperature::new(40.0, Unit::Celsius).unwrap());
    let h = hlh2004::assess(&p);
    assert_eq!(h.fever_rule, FeverRule::ClinicianConfirmed);
    let item = h.assessment.item(Criterion::Fever).unwrap();
    assert_eq!(item.status, Unknown);
    assert_eq!(item.missing, vec![Field::FeverConfirmed]);
    p.fever_confirmed = Some(true);
    assert_eq!(status(&p, Criterion::Fever), Met);
    p.fever_confirmed = Some(false);
    assert_eq!(status(&p, Criterion::Fever), NotMet);
    // Numeric rule: the confirmation is not read; missing temperature is unknown.
    p.settings.hlh_fever_rule = FeverRule::AtLeast38_5;
    assert_eq!(status(&p, Criterion::Fever), Met);
    p.temperature = None;
    let h = hlh2004::assess(&p);
    assert_eq!(
        h.assessment.item(Criterion::Fever).unwrap().missing,
        vec![Field::Temperature]
    );
    assert!(h.assessment.sources.contains(&Source::Jordan2011));
}

#[test]
fn hemophagocytosis_tissue_or_marrow() {
    let run = |tissue: Option<bool>, marrow: Option<bool>| {
        let mut p = adult();
        p.tissue_hemophagocytosis = tissue;
        p.marrow_hemophagocytosis = marrow;
        let h = hlh2004::assess(&p);
        (
            h.assessment
                .item(Criterion::Hemophagocytosis)
                .unwrap()
                .status,
            h.hemophagocytosis,
        )
    };
    assert_eq!(run(Some(true), None), (Met, HemophagocytosisBasis::Tissue));
    assert_eq!(
        run(None, Some(true)),
        (Met, HemophagocytosisBasis::MarrowAspirate)
    );
    assert_eq!(
        run(Some(false), Some(false)),
        (NotMet, HemophagocytosisBasis::Tissue)
    );
    assert_eq!(run(None, Some(false)).0, Unknown);
    assert_eq!(run(None, None).0, Unknown);
}

#[test]
fn splenomegaly_and_nk_activity_are_reported_flags() {
    let mut p = adult();
    p.splenomegaly = Some(true);
    p.nk_activity_low = Some(false);
    assert_eq!(status(&p, Criterion::Splenomegaly), Met);
    assert_eq!(status(&p, Criterion::NkActivity), NotMet);
}

// ---------------------------------------------------------------- errata (spec §10)

#[test]
fn erratum_6_hb_91_g_per_l_is_cytopenic_for_hscore_only() {
    let mut p = adult();
    p.haemoglobin = Some(Haemoglobin::new(91.0, Unit::GPerL).unwrap());
    assert_eq!(hlh2004::assess(&p).cytopenias.haemoglobin.status, NotMet);
    // HScore: ≤ 92 g/L is cytopenic.
    assert!(p.haemoglobin.unwrap().at_most(&hscore::HAEMOGLOBIN));
    // The review's "< 9.2 g/dL" is not used either.
    assert_eq!(hb(9.1, Unit::GPerDl), NotMet);
}

#[test]
fn erratum_6_platelets_105_are_not_cytopenic() {
    // The review's "< 110 ×10⁹/L" would count them.
    assert_eq!(plt(105.0, Unit::E9PerL), NotMet);
}

#[test]
fn erratum_6_leukocytes_are_not_an_hlh2004_input() {
    let mut p = adult();
    p.haemoglobin = Some(Haemoglobin::new(80.0, Unit::GPerL).unwrap());
    p.platelets = Some(Platelets::new(150.0, Unit::E9PerL).unwrap());
    let without = hlh2004::assess(&p);
    p.leukocytes = Some(Leukocytes::new(0.5, Unit::E9PerL).unwrap());
    let with = hlh2004::assess(&p);
    assert_eq!(with, without);
    // The neutrophil lineage is still missing: the leukocyte count does not stand in for it.
    assert_eq!(with.cytopenias.neutrophils.status, Unknown);
    assert_eq!(
        with.cytopenias.neutrophils.missing,
        vec![Field::Neutrophils]
    );
    assert!(!with.assessment.missing.contains(&Field::Leukocytes));
    // Leukocytes 4.9 ×10⁹/L (the review's < 5) with normal neutrophils: not cytopenic.
    p.leukocytes = Some(Leukocytes::new(4.9, Unit::E9PerL).unwrap());
    p.neutrophils = Some(Neutrophils::new(3.0, Unit::E9PerL).unwrap());
    assert_eq!(status(&p, Criterion::Cytopenias), NotMet);
}

#[test]
fn erratum_7_triglycerides_265_mg_per_dl_meet() {
    assert_eq!(tg(265.0, Unit::MgPerDl), Met);
    assert_eq!(tg(3.0, Unit::MmolPerL), Met);
}

#[test]
fn erratum_8_fibrinogen_150_mg_per_dl_meets() {
    assert_eq!(fib(150.0, Unit::MgPerDl), Met);
    assert_eq!(fib(1.5, Unit::GPerL), Met);
}

#[test]
fn erratum_9_ferritin_500_ug_per_l_meets() {
    assert_eq!(ferritin(500.0, Unit::UgPerL), Met);
    assert_eq!(ferritin(500.0, Unit::NgPerMl), Met);
    // 500 mg/L would be 500 000 µg/L: not the threshold (and mg/L is not a ferritin unit).
    assert!(Ferritin::new(500.0, Unit::MgPerL).is_err());
}

#[test]
fn erratum_10_hemophagocytosis_asks_for_tissue() {
    let h = hlh2004::assess(&Patient::default());
    assert_eq!(
        h.assessment
            .item(Criterion::Hemophagocytosis)
            .unwrap()
            .missing,
        vec![Field::TissueHemophagocytosis]
    );
}

#[test]
fn erratum_26_soluble_il2_receptor_not_il2() {
    assert_eq!(scd25(2400.0), Met);
    // sCD25 in pg/mL (other assays) cannot be converted to the U/mL of HLH-2004.
    assert!(Scd25::new(2400.0, Unit::PgPerMl).is_err());
    let h = hlh2004::assess(&Patient::default());
    assert_eq!(
        h.assessment.item(Criterion::Scd25).unwrap().missing,
        vec![Field::Scd25]
    );
}

#[test]
fn errata_6_to_10_and_26_cite_henter() {
    for n in [6, 7, 8, 9, 10, 26] {
        let e = ERRATA.iter().find(|e| e.number == n).unwrap();
        assert_eq!(e.source, Source::Henter2007);
    }
}

// ---------------------------------------------------------------- missing data

#[test]
fn empty_patient_is_undetermined_over_0_to_8() {
    let h = hlh2004::assess(&Patient::default());
    let a = &h.assessment;
    assert_eq!(a.value, None);
    assert_eq!((a.range.min, a.range.max), (0, 8));
    assert_eq!(a.conclusion, Conclusion::Undetermined);
    assert_eq!(h.clinical_criteria, Conclusion::Undetermined);
    assert_eq!(h.molecular, Unknown);
    assert_eq!(h.still_needed, 5);
    assert_eq!(a.items.len(), 8);
    assert!(a.items.iter().all(|i| i.status == Unknown));
    for f in [
        Field::MolecularDiagnosis,
        Field::FeverConfirmed,
        Field::Splenomegaly,
        Field::Haemoglobin,
        Field::Platelets,
        Field::Neutrophils,
        Field::Triglycerides,
        Field::Fibrinogen,
        Field::TissueHemophagocytosis,
        Field::NkActivityLow,
        Field::Ferritin,
        Field::Scd25,
    ] {
        assert!(a.missing.contains(&f), "{f:?}");
    }
    assert_eq!(a.sources, vec![Source::Henter2007]);
}

/// Four criteria met, four known not met except `unknown` of them.
fn four_met(unknown: usize) -> Patient {
    let mut p = adult();
    p.fever_confirmed = Some(true);
    p.splenomegaly = Some(true);
    p.ferritin = Some(Ferritin::new(5000.0, Unit::UgPerL).unwrap());
    p.fibrinogen = Some(Fibrinogen::new(1.0, Unit::GPerL).unwrap());
    p.haemoglobin = Some(Haemoglobin::new(120.0, Unit::GPerL).unwrap());
    p.platelets = Some(Platelets::new(200.0, Unit::E9PerL).unwrap());
    p.neutrophils = Some(Neutrophils::new(3.0, Unit::E9PerL).unwrap());
    p.tissue_hemophagocytosis = Some(false);
    if unknown < 2 {
        p.nk_activity_low = Some(false);
    }
    if unknown < 1 {
        p.scd25 = Some(Scd25::new(1000.0, Unit::UPerMl).unwrap());
    }
    p
}

#[test]
fn cannot_exclude_when_met_plus_unknown_reaches_5() {
    let h = hlh2004::assess(&four_met(2));
    let a = &h.assessment;
    assert_eq!((a.range.min, a.range.max), (4, 6));
    assert_eq!(a.value, None);
    assert_eq!(h.clinical_criteria, Conclusion::Undetermined);
    assert_eq!(a.conclusion, Conclusion::Undetermined);
    assert_eq!(h.still_needed, 1);
    assert!(a.missing.contains(&Field::NkActivityLow));
    assert!(a.missing.contains(&Field::Scd25));
    assert!(a.missing.contains(&Field::MolecularDiagnosis));
}

#[test]
fn four_of_eight_known_is_clinically_not_met() {
    let mut p = four_met(0);
    let h = hlh2004::assess(&p);
    assert_eq!(h.assessment.value, Some(4));
    assert_eq!(h.clinical_criteria, Conclusion::NotMet);
    // Molecular testing not done: the diagnosis is still undetermined.
    assert_eq!(h.assessment.conclusion, Conclusion::Undetermined);
    assert_eq!(h.assessment.missing, vec![Field::MolecularDiagnosis]);
    p.molecular_diagnosis = Some(false);
    let h = hlh2004::assess(&p);
    assert_eq!(h.assessment.conclusion, Conclusion::NotMet);
    assert!(h.assessment.missing.is_empty());
    p.molecular_diagnosis = Some(true);
    let h = hlh2004::assess(&p);
    assert_eq!(h.assessment.conclusion, Conclusion::Met);
    assert_eq!(h.molecular, Met);
    assert_eq!(h.clinical_criteria, Conclusion::NotMet);
}

#[test]
fn one_unknown_with_four_met_is_undetermined_not_met() {
    let mut p = four_met(1);
    p.molecular_diagnosis = Some(false);
    let h = hlh2004::assess(&p);
    assert_eq!((h.assessment.range.min, h.assessment.range.max), (4, 5));
    assert_eq!(h.assessment.conclusion, Conclusion::Undetermined);
}

#[test]
fn three_met_one_unknown_cannot_reach_5() {
    let mut p = four_met(1);
    p.splenomegaly = Some(false);
    p.molecular_diagnosis = Some(false);
    let h = hlh2004::assess(&p);
    assert_eq!((h.assessment.range.min, h.assessment.range.max), (3, 4));
    assert_eq!(h.clinical_criteria, Conclusion::NotMet);
    assert_eq!(h.assessment.conclusion, Conclusion::NotMet);
    assert_eq!(h.still_needed, 2);
}

#[test]
fn five_met_is_diagnostic_whatever_is_missing() {
    let mut p = four_met(2);
    p.nk_activity_low = Some(true);
    let h = hlh2004::assess(&p);
    assert_eq!((h.assessment.range.min, h.assessment.range.max), (5, 6));
    assert_eq!(h.clinical_criteria, Conclusion::Met);
    assert_eq!(h.assessment.conclusion, Conclusion::Met);
    assert_eq!(h.still_needed, 0);
    assert!(!h.assessment.missing.contains(&Field::MolecularDiagnosis));
}

#[test]
fn molecular_diagnosis_alone_is_diagnostic() {
    let mut p = Patient::default();
    p.molecular_diagnosis = Some(true);
    let h = hlh2004::assess(&p);
    assert_eq!(h.assessment.conclusion, Conclusion::Met);
    assert_eq!(h.clinical_criteria, Conclusion::Undetermined);
    assert_eq!(h.assessment.value, None);
}

#[test]
fn molecular_negative_with_clinical_unknown_is_undetermined() {
    let mut p = Patient::default();
    p.molecular_diagnosis = Some(false);
    assert_eq!(
        hlh2004::assess(&p).assessment.conclusion,
        Conclusion::Undetermined
    );
}

#[test]
fn overall_truth_table() {
    use hlh2004::overall;
    assert_eq!(overall(Met, Conclusion::NotMet), Conclusion::Met);
    assert_eq!(overall(Unknown, Conclusion::Met), Conclusion::Met);
    assert_eq!(overall(NotMet, Conclusion::NotMet), Conclusion::NotMet);
    assert_eq!(
        overall(Unknown, Conclusion::NotMet),
        Conclusion::Undetermined
    );
    assert_eq!(
        overall(NotMet, Conclusion::Undetermined),
        Conclusion::Undetermined
    );
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trip() {
    let h = hlh2004::assess(&four_met(2));
    let json = serde_json::to_string(&h).unwrap();
    let back: hlh2004::Hlh2004 = serde_json::from_str(&json).unwrap();
    assert_eq!(back, h);
}

// ---------------------------------------------------------------- property

/// Every HLH-2004 input, fully known.
#[derive(Clone, Debug)]
struct Full {
    fever_confirmed: bool,
    temperature: f64,
    splenomegaly: bool,
    age_days: f64,
    hb_g_per_l: f64,
    platelets: f64,
    neutrophils: f64,
    tg_mmol: f64,
    fasting: bool,
    fibrinogen: f64,
    tissue: bool,
    marrow: bool,
    nk: bool,
    ferritin: f64,
    scd25: f64,
    molecular: bool,
}

fn full() -> impl Strategy<Value = Full> {
    (
        (
            any::<bool>(),
            36.0..41.0f64,
            any::<bool>(),
            0.0..100.0f64,
            60.0..130.0f64,
            20.0..200.0f64,
            0.2..3.0f64,
        ),
        (
            0.5..6.0f64,
            any::<bool>(),
            0.5..4.0f64,
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            100.0..2000.0f64,
            500.0..5000.0f64,
            any::<bool>(),
        ),
    )
        .prop_map(
            |((fc, t, s, a, hb, pl, ne), (tg, fa, fi, ti, ma, nk, fe, sc, mo))| Full {
                fever_confirmed: fc,
                temperature: t,
                splenomegaly: s,
                age_days: a,
                hb_g_per_l: hb,
                platelets: pl,
                neutrophils: ne,
                tg_mmol: tg,
                fasting: fa,
                fibrinogen: fi,
                // A positive aspirate means tissue hemophagocytosis too (consistent inputs).
                tissue: ti || ma,
                marrow: ma,
                nk,
                ferritin: fe,
                scd25: sc,
                molecular: mo,
            },
        )
}

/// Builds the patient with each input kept when its mask bit is set.
fn patient(f: &Full, mask: u32, numeric_fever: bool) -> Patient {
    let keep = |bit: u32| mask & (1 << bit) != 0;
    let mut p = Patient::default();
    if numeric_fever {
        p.settings.hlh_fever_rule = FeverRule::AtLeast38_5;
    }
    p.fever_confirmed = keep(0).then_some(f.fever_confirmed);
    p.temperature = keep(1).then(|| Temperature::new(f.temperature, Unit::Celsius).unwrap());
    p.splenomegaly = keep(2).then_some(f.splenomegaly);
    p.age = keep(3).then(|| Age::new(f.age_days, Unit::Days).unwrap());
    p.haemoglobin = keep(4).then(|| Haemoglobin::new(f.hb_g_per_l, Unit::GPerL).unwrap());
    p.platelets = keep(5).then(|| Platelets::new(f.platelets, Unit::E9PerL).unwrap());
    p.neutrophils = keep(6).then(|| Neutrophils::new(f.neutrophils, Unit::E9PerL).unwrap());
    p.triglycerides = keep(7).then(|| Triglycerides::new(f.tg_mmol, Unit::MmolPerL).unwrap());
    p.triglycerides_fasting = keep(8).then_some(f.fasting);
    p.fibrinogen = keep(9).then(|| Fibrinogen::new(f.fibrinogen, Unit::GPerL).unwrap());
    p.tissue_hemophagocytosis = keep(10).then_some(f.tissue);
    p.marrow_hemophagocytosis = keep(11).then_some(f.marrow);
    p.nk_activity_low = keep(12).then_some(f.nk);
    p.ferritin = keep(13).then(|| Ferritin::new(f.ferritin, Unit::UgPerL).unwrap());
    p.scd25 = keep(14).then(|| Scd25::new(f.scd25, Unit::UPerMl).unwrap());
    p.molecular_diagnosis = keep(15).then_some(f.molecular);
    p
}

fn implies(partial: Conclusion, complete: Conclusion) -> bool {
    partial == Conclusion::Undetermined || partial == complete
}

proptest! {
    #[test]
    fn range_contains_every_completion(
        f in full(),
        g in full(),
        mask in 0u32..(1 << 16),
        numeric_fever in any::<bool>(),
    ) {
        let partial = hlh2004::assess(&patient(&f, mask, numeric_fever));
        // Completion: the missing inputs filled from `g`, the entered ones kept from `f`.
        let mut completed = patient(&f, mask, numeric_fever);
        let filler = patient(&g, !mask, numeric_fever);
        macro_rules! fill { ($($x:ident),*) => {$(
            if completed.$x.is_none() { completed.$x = filler.$x; }
        )*} }
        fill!(fever_confirmed, temperature, splenomegaly, age, haemoglobin, platelets,
              neutrophils, triglycerides, triglycerides_fasting, fibrinogen,
              tissue_hemophagocytosis, marrow_hemophagocytosis, nk_activity_low, ferritin,
              scd25, molecular_diagnosis);
        // Keep the completion consistent: a positive aspirate is a positive tissue finding.
        if completed.marrow_hemophagocytosis == Some(true)
            && completed.tissue_hemophagocytosis == Some(false)
        {
            if entered(mask, 11) {
                completed.tissue_hemophagocytosis = Some(true);
            } else {
                completed.marrow_hemophagocytosis = Some(false);
            }
        }
        let complete = hlh2004::assess(&completed);
        let (pr, cr) = (partial.assessment.range, complete.assessment.range);
        prop_assert!(pr.min <= cr.min && cr.max <= pr.max, "{:?} ⊄ {:?}", cr, pr);
        prop_assert!(implies(partial.clinical_criteria, complete.clinical_criteria));
        prop_assert!(implies(partial.assessment.conclusion, complete.assessment.conclusion));
        // With every input entered and a fasting sample, the count is exact.
        if completed.triglycerides_fasting == Some(true) {
            prop_assert!(complete.assessment.value.is_some());
        }
        prop_assert_eq!(partial.still_needed, 5u8.saturating_sub(pr.min as u8));
    }
}

fn entered(mask: u32, bit: u32) -> bool {
    mask & (1 << bit) != 0
}

#[test]
fn unrecorded_fasting_status_says_what_fasting_would_change() {
    let with_tg = |v: f64, fasting: Option<bool>| {
        let mut p = Patient::default();
        p.triglycerides = Some(Triglycerides::new(v, Unit::MmolPerL).unwrap());
        p.triglycerides_fasting = fasting;
        hlh2004::assess(&p).triglycerides_or_fibrinogen
    };
    // Not recorded: unused (unknown), and at the boundary it would be met if fasting.
    let t = with_tg(3.0, None);
    assert_eq!(t.sample, TriglycerideSample::NotRecorded);
    assert_eq!(t.triglycerides.status, Status::Unknown);
    assert_eq!(t.if_fasting, Some(true));
    let t = with_tg(2.99, None);
    assert_eq!(t.if_fasting, Some(false));
    // Fasting: used, nothing hypothetical; not fasting: unusable, nothing to change.
    assert_eq!(with_tg(3.0, Some(true)).if_fasting, None);
    assert_eq!(with_tg(3.0, Some(true)).triglycerides.status, Status::Met);
    assert_eq!(with_tg(3.0, Some(false)).if_fasting, None);
    assert_eq!(
        hlh2004::assess(&Patient::default())
            .triglycerides_or_fibrinogen
            .if_fasting,
        None
    );
}
