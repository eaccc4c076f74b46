//! IEC-HS checklist (Hines 2023, provisional thresholds) and CARTOX HLH/MAS (Neelapu 2018).

// Tests build patients field by field from the default, as a form would.
#![allow(clippy::field_reassign_with_default)]

use iectox::patient::IecHsGrade;
use iectox::scores::iec_hs::{
    self, CartoxCriterion, IecHsDescriptor, IecHsFeature, NotAnInput, PROVISIONAL,
};
use iectox::sources::Source;
use iectox::units::{
    Alt, Ast, Bilirubin, Creatinine, Ferritin, Fibrinogen, Neutrophils, Quantity, Unit,
};
use iectox::{Conclusion, Field, Patient, Range, Status};
use proptest::prelude::*;

fn q<Q: Quantity>(v: f64, unit: Unit) -> Q {
    Q::new(v, unit).unwrap()
}

fn status(p: &Patient, f: IecHsFeature) -> Status {
    iec_hs::assess(p).features.item(f).unwrap().status
}

// ---- Ferritin > 2 × ULN or > 2 × baseline ----

#[test]
fn ferritin_against_uln_boundary() {
    for (unit, uln, baseline) in [
        (Unit::NgPerMl, 300.0, 500.0),
        (Unit::UgPerL, 300.0, 500.0),
        (Unit::PmolPerL, 674.1, 1123.5),
    ] {
        let at = uln * 2.0;
        for (v, expected) in [
            (at * 0.999, Status::NotMet),
            (at, Status::NotMet),
            (at * 1.001, Status::Met),
        ] {
            let mut p = Patient::default();
            p.ferritin = Some(q(v, unit));
            p.ferritin_uln = Some(q(uln, unit));
            p.ferritin_baseline = Some(q(baseline, unit));
            assert_eq!(status(&p, IecHsFeature::Ferritin), expected, "{v} {unit}");
        }
    }
}

#[test]
fn ferritin_against_baseline_boundary() {
    for (v, expected) in [
        (399.0, Status::NotMet),
        (400.0, Status::NotMet),
        (401.0, Status::Met),
    ] {
        let mut p = Patient::default();
        p.ferritin = Some(q(v, Unit::NgPerMl));
        p.ferritin_uln = Some(q(500.0, Unit::NgPerMl));
        p.ferritin_baseline = Some(q(200.0, Unit::NgPerMl));
        let h = iec_hs::assess(&p);
        assert_eq!(
            h.features.item(IecHsFeature::Ferritin).unwrap().status,
            expected
        );
        let c = if expected == Status::Met {
            Conclusion::Met
        } else {
            Conclusion::NotMet
        };
        assert_eq!(h.ferritin_criterion, c);
        assert_eq!(h.features.conclusion, c);
    }
}

#[test]
fn ferritin_one_reference_missing() {
    let mut p = Patient::default();
    p.ferritin = Some(q(700.0, Unit::NgPerMl));
    p.ferritin_uln = Some(q(400.0, Unit::NgPerMl));
    // not above 2 × ULN; above 2 × baseline is still possible
    let h = iec_hs::assess(&p);
    assert_eq!(h.ferritin_criterion, Conclusion::Undetermined);
    assert_eq!(
        h.features.item(IecHsFeature::Ferritin).unwrap().missing,
        vec![Field::FerritinBaseline]
    );
    // above 2 × ULN: met without the baseline
    p.ferritin = Some(q(900.0, Unit::NgPerMl));
    assert_eq!(iec_hs::assess(&p).ferritin_criterion, Conclusion::Met);
    p.ferritin = None;
    let item = iec_hs::assess(&p)
        .features
        .item(IecHsFeature::Ferritin)
        .unwrap()
        .clone();
    assert_eq!(item.status, Status::Unknown);
    assert_eq!(item.missing, vec![Field::Ferritin, Field::FerritinBaseline]);
}

// ---- Transaminases > 5 × ULN / > 5 × baseline (CTCAE grade ≥ 3) ----

#[test]
fn transaminases_baseline_normal_boundary() {
    for (v, expected) in [(200.0, Status::NotMet), (200.1, Status::Met)] {
        let mut p = Patient::default();
        p.ast = Some(q::<Ast>(v, Unit::UPerL));
        p.ast_uln = Some(q(40.0, Unit::UPerL));
        p.ast_baseline = Some(q(30.0, Unit::UPerL));
        p.alt = Some(q::<Alt>(30.0, Unit::UPerL));
        p.alt_uln = Some(q(40.0, Unit::UPerL));
        assert_eq!(status(&p, IecHsFeature::Transaminases), expected, "{v}");
    }
}

#[test]
fn transaminases_baseline_abnormal_boundary() {
    for (v, expected) in [(300.0, Status::NotMet), (300.1, Status::Met)] {
        let mut p = Patient::default();
        p.alt = Some(q::<Alt>(v, Unit::UPerL));
        p.alt_uln = Some(q(40.0, Unit::UPerL));
        p.alt_baseline = Some(q(60.0, Unit::UPerL));
        p.ast = Some(q::<Ast>(30.0, Unit::UPerL));
        p.ast_uln = Some(q(40.0, Unit::UPerL));
        assert_eq!(status(&p, IecHsFeature::Transaminases), expected, "{v}");
    }
    assert_eq!(PROVISIONAL.transaminase_min_ctcae_grade, 3);
}

#[test]
fn transaminases_baseline_missing_is_unknown() {
    let mut p = Patient::default();
    p.ast = Some(q::<Ast>(250.0, Unit::UPerL));
    p.ast_uln = Some(q(40.0, Unit::UPerL));
    p.alt = Some(q::<Alt>(30.0, Unit::UPerL));
    p.alt_uln = Some(q(40.0, Unit::UPerL));
    let item = iec_hs::assess(&p)
        .features
        .item(IecHsFeature::Transaminases)
        .unwrap()
        .clone();
    assert_eq!(item.status, Status::Unknown);
    assert_eq!(item.missing, vec![Field::AstBaseline]);
}

#[test]
fn erratum_17_bilirubin_is_not_the_liver_criterion() {
    let mut p = Patient::default();
    p.bilirubin = Some(q::<Bilirubin>(15.0, Unit::MgPerDl));
    p.bilirubin_uln = Some(q(1.2, Unit::MgPerDl));
    p.ast = Some(q::<Ast>(30.0, Unit::UPerL));
    p.ast_uln = Some(q(40.0, Unit::UPerL));
    p.alt = Some(q::<Alt>(30.0, Unit::UPerL));
    p.alt_uln = Some(q(40.0, Unit::UPerL));
    assert_eq!(status(&p, IecHsFeature::Transaminases), Status::NotMet);
}

// ---- Fibrinogen < 150 mg/dL (1.5 g/L) or < LLN ----

#[test]
fn fibrinogen_absolute_boundary_both_units() {
    for (v, unit, expected) in [
        (151.0, Unit::MgPerDl, Status::NotMet),
        (150.0, Unit::MgPerDl, Status::NotMet),
        (149.0, Unit::MgPerDl, Status::Met),
        (1.51, Unit::GPerL, Status::NotMet),
        (1.5, Unit::GPerL, Status::NotMet),
        (1.49, Unit::GPerL, Status::Met),
    ] {
        let mut p = Patient::default();
        p.fibrinogen = Some(q::<Fibrinogen>(v, unit));
        p.fibrinogen_lln = Some(q(1.4, Unit::GPerL));
        assert_eq!(status(&p, IecHsFeature::Fibrinogen), expected, "{v} {unit}");
    }
}

#[test]
fn erratum_19_fibrinogen_below_lln() {
    let mut p = Patient::default();
    p.fibrinogen = Some(q::<Fibrinogen>(180.0, Unit::MgPerDl));
    p.fibrinogen_lln = Some(q(200.0, Unit::MgPerDl));
    assert_eq!(status(&p, IecHsFeature::Fibrinogen), Status::Met);
    p.fibrinogen_lln = Some(q(180.0, Unit::MgPerDl));
    assert_eq!(status(&p, IecHsFeature::Fibrinogen), Status::NotMet);
    p.fibrinogen_lln = None;
    let h = iec_hs::assess(&p);
    let item = h.features.item(IecHsFeature::Fibrinogen).unwrap();
    assert_eq!(item.status, Status::Unknown);
    assert_eq!(item.missing, vec![Field::FibrinogenLln]);
    // below 150 mg/dL the LLN is not needed
    p.fibrinogen = Some(q(120.0, Unit::MgPerDl));
    assert_eq!(status(&p, IecHsFeature::Fibrinogen), Status::Met);
}

// ---- Hemophagocytosis, cytopenias, timing ----

#[test]
fn hemophagocytosis_sites() {
    let mut p = Patient::default();
    p.marrow_hemophagocytosis = Some(true);
    assert_eq!(status(&p, IecHsFeature::Hemophagocytosis), Status::Met);
    p.marrow_hemophagocytosis = Some(false);
    assert_eq!(status(&p, IecHsFeature::Hemophagocytosis), Status::Unknown);
    p.tissue_hemophagocytosis = Some(false);
    assert_eq!(status(&p, IecHsFeature::Hemophagocytosis), Status::NotMet);
    p.tissue_hemophagocytosis = Some(true);
    assert_eq!(status(&p, IecHsFeature::Hemophagocytosis), Status::Met);
}

#[test]
fn erratum_18_cytopenias_need_no_grade_4() {
    let mut p = Patient::default();
    p.cytopenias_new_or_worsening = Some(true);
    p.neutrophils = Some(q::<Neutrophils>(1.2, Unit::E9PerL)); // grade 2 only
    assert_eq!(status(&p, IecHsFeature::Cytopenias), Status::Met);
    p.cytopenias_new_or_worsening = None;
    assert_eq!(status(&p, IecHsFeature::Cytopenias), Status::Unknown);
}

#[test]
fn timing_flag() {
    let mut p = Patient::default();
    p.iec_hs_timing = Some(false);
    assert_eq!(status(&p, IecHsFeature::Timing), Status::NotMet);
    p.iec_hs_timing = Some(true);
    assert_eq!(status(&p, IecHsFeature::Timing), Status::Met);
}

// ---- Report ----

#[test]
fn features_present_count_and_grade_descriptor() {
    let mut p = Patient::default();
    p.ferritin = Some(q(5000.0, Unit::NgPerMl));
    p.ferritin_uln = Some(q(300.0, Unit::NgPerMl));
    p.fibrinogen = Some(q(1.0, Unit::GPerL));
    p.cytopenias_new_or_worsening = Some(true);
    p.iec_hs_timing = Some(false);
    p.tissue_hemophagocytosis = Some(false);
    p.iec_hs_grade = Some(IecHsGrade::Grade3);
    let h = iec_hs::assess(&p);
    assert_eq!(
        h.present,
        vec![
            IecHsFeature::Ferritin,
            IecHsFeature::Fibrinogen,
            IecHsFeature::Cytopenias
        ]
    );
    // transaminases unknown: 3 or 4 features
    assert_eq!(h.features.range, Range::new(3, 4));
    assert_eq!(h.features.value, None);
    assert_eq!(h.grade, Some(IecHsGrade::Grade3));
    assert_eq!(h.descriptor, Some(IecHsDescriptor::Severe));
    assert!(!h.features.missing.contains(&Field::IecHsGrade));
    assert_eq!(h.features.sources, vec![Source::Hines2023]);
}

#[test]
fn grade_5_and_all_descriptors() {
    assert_eq!(
        IecHsDescriptor::of(IecHsGrade::Grade5),
        IecHsDescriptor::Death
    );
    assert_eq!(IecHsDescriptor::ALL.len(), 5);
    for (g, d) in IecHsDescriptor::ALL {
        assert_eq!(IecHsDescriptor::of(g), d);
    }
    let h = iec_hs::assess(&Patient::default());
    assert_eq!(h.grade, None);
    assert_eq!(h.descriptor, None);
    assert!(h.features.missing.contains(&Field::IecHsGrade));
    assert_eq!(h.features.range, Range::new(0, 6));
    assert_eq!(h.ferritin_criterion, Conclusion::Undetermined);
    assert!(h.present.is_empty());
}

// ---- CARTOX HLH/MAS ----

fn cartox_patient(ferritin: f64) -> Patient {
    let mut p = Patient::default();
    p.ferritin = Some(q(ferritin, Unit::NgPerMl));
    // grade 3 AST
    p.ast = Some(q::<Ast>(250.0, Unit::UPerL));
    p.ast_uln = Some(q(40.0, Unit::UPerL));
    p.ast_baseline = Some(q(30.0, Unit::UPerL));
    p
}

#[test]
fn cartox_ferritin_boundary() {
    let mut p = cartox_patient(10_000.0);
    p.tissue_hemophagocytosis = Some(true);
    let c = iec_hs::assess(&p).cartox_hlh;
    assert_eq!(c.assessment.conclusion, Conclusion::NotMet);
    let p2 = {
        let mut p = p.clone();
        p.ferritin = Some(q(10_001.0, Unit::UgPerL));
        p
    };
    let c = iec_hs::assess(&p2).cartox_hlh;
    assert_eq!(c.assessment.conclusion, Conclusion::Met);
    assert_eq!(c.assessment.range.min, 2);
    assert_eq!(c.assessment.sources, vec![Source::Neelapu2018]);
}

#[test]
fn cartox_one_organ_criterion_is_undetermined() {
    // liver only; renal (oliguria) and pulmonary edema are not inputs
    let mut p = cartox_patient(20_000.0);
    p.tissue_hemophagocytosis = Some(false);
    p.creatinine = Some(q::<Creatinine>(0.8, Unit::MgPerDl));
    p.creatinine_uln = Some(q(1.2, Unit::MgPerDl));
    p.creatinine_baseline = Some(q(0.8, Unit::MgPerDl));
    let c = iec_hs::assess(&p).cartox_hlh;
    assert_eq!(c.assessment.conclusion, Conclusion::Undetermined);
    assert_eq!(c.assessment.range, Range::new(1, 3));
    assert_eq!(
        c.not_inputs,
        vec![NotAnInput::Oliguria, NotAnInput::PulmonaryEdema]
    );
    let pulmonary = c.assessment.item(CartoxCriterion::PulmonaryEdema).unwrap();
    assert_eq!(pulmonary.status, Status::Unknown);
    // grade 3 creatinine makes the renal criterion: met
    p.creatinine = Some(q(4.0, Unit::MgPerDl));
    let c = iec_hs::assess(&p).cartox_hlh;
    assert_eq!(c.assessment.conclusion, Conclusion::Met);
    assert_eq!(c.not_inputs, vec![NotAnInput::PulmonaryEdema]);
}

#[test]
fn cartox_ferritin_missing() {
    let mut p = cartox_patient(1.0);
    p.ferritin = None;
    p.tissue_hemophagocytosis = Some(true);
    let c = iec_hs::assess(&p).cartox_hlh;
    assert_eq!(c.assessment.conclusion, Conclusion::Undetermined);
    assert!(c.assessment.missing.contains(&Field::Ferritin));
}

proptest! {
    /// Hiding inputs never turns a decided feature into the opposite decision.
    #[test]
    fn hiding_inputs_never_flips_a_feature(
        ferritin in 10.0f64..30_000.0,
        ferritin_uln in 100.0f64..500.0,
        ferritin_baseline in 50.0f64..5000.0,
        fibrinogen in 0.3f64..6.0,
        lln in 1.5f64..2.5,
        hide in proptest::collection::vec(any::<bool>(), 5),
    ) {
        let build = |hide: &[bool]| {
            let mut p = Patient::default();
            p.ferritin = (!hide[0]).then(|| q(ferritin, Unit::NgPerMl));
            p.ferritin_uln = (!hide[1]).then(|| q(ferritin_uln, Unit::NgPerMl));
            p.ferritin_baseline = (!hide[2]).then(|| q(ferritin_baseline, Unit::NgPerMl));
            p.fibrinogen = (!hide[3]).then(|| q(fibrinogen, Unit::GPerL));
            p.fibrinogen_lln = (!hide[4]).then(|| q(lln, Unit::GPerL));
            iec_hs::assess(&p)
        };
        let full = build(&[false; 5]);
        let partial = build(&hide);
        for f in [IecHsFeature::Ferritin, IecHsFeature::Fibrinogen] {
            let a = full.features.item(f).unwrap().status;
            let b = partial.features.item(f).unwrap().status;
            prop_assert_ne!(a, Status::Unknown);
            prop_assert!(b == a || b == Status::Unknown, "{:?}: {:?} became {:?}", f, a, b);
        }
        prop_assert!(partial.features.range.min <= full.features.range.min);
        prop_assert!(partial.features.range.max >= full.features.range.max);
    }
}

#[test]
fn ferritin_without_uln_is_decided_when_every_accepted_uln_agrees() {
    use iectox::scores::iec_hs::UlnNotEntered;
    let (lo, hi) = iectox::units::REFERENCE_PLAUSIBLE
        .iter()
        .find(|(f, _, _)| *f == Field::FerritinUln)
        .map(|&(_, lo, hi)| (lo, hi))
        .unwrap();
    assert_eq!((lo, hi), (10.0, 2000.0));
    let with = |v: f64, unit: Unit| {
        let mut p = Patient::default();
        p.ferritin = Some(Ferritin::new(v, unit).unwrap());
        iec_hs::assess(&p)
    };
    // The example: 12 500 ng/mL > 2 × 2000 whatever the ULN.
    let h = with(12_500.0, Unit::NgPerMl);
    assert_eq!(h.ferritin_criterion, Conclusion::Met);
    assert_eq!(
        h.ferritin_uln_not_entered,
        Some(UlnNotEntered::AboveEveryAcceptedUln {
            multiple: 2.0,
            uln: 2000.0,
            unit: Unit::NgPerMl
        })
    );
    assert!(!h.features.missing.contains(&Field::FerritinUln));
    // Boundary: exactly 2 × the largest ULN is not above it: undetermined as before.
    let h = with(4000.0, Unit::NgPerMl);
    assert_eq!(h.ferritin_criterion, Conclusion::Undetermined);
    assert_eq!(h.ferritin_uln_not_entered, None);
    assert!(h.features.missing.contains(&Field::FerritinUln));
    assert_eq!(
        with(4000.1, Unit::NgPerMl).ferritin_criterion,
        Conclusion::Met
    );
    assert_eq!(
        with(4000.1, Unit::UgPerL).ferritin_criterion,
        Conclusion::Met
    );
    // Low end: at most 2 × the smallest ULN is never above it; the baseline still decides.
    let h = with(20.0, Unit::NgPerMl);
    assert_eq!(h.ferritin_criterion, Conclusion::Undetermined);
    assert_eq!(
        h.features.missing,
        h.features
            .missing
            .iter()
            .copied()
            .filter(|f| *f != Field::FerritinUln)
            .collect::<Vec<_>>()
    );
    let mut p = Patient::default();
    p.ferritin = Some(Ferritin::new(20.0, Unit::NgPerMl).unwrap());
    p.ferritin_baseline = Some(Ferritin::new(15.0, Unit::NgPerMl).unwrap());
    let h = iec_hs::assess(&p);
    assert_eq!(h.ferritin_criterion, Conclusion::NotMet);
    assert!(matches!(
        h.ferritin_uln_not_entered,
        Some(UlnNotEntered::NotAboveAnyAcceptedUln { uln, .. }) if uln == 10.0
    ));
    assert!(with(20.1, Unit::NgPerMl)
        .features
        .missing
        .contains(&Field::FerritinUln));
    // An entered ULN is always used.
    p.ferritin = Some(Ferritin::new(12_500.0, Unit::NgPerMl).unwrap());
    p.ferritin_uln = Some(Ferritin::new(400.0, Unit::NgPerMl).unwrap());
    let h = iec_hs::assess(&p);
    assert_eq!(h.ferritin_criterion, Conclusion::Met);
    assert_eq!(h.ferritin_uln_not_entered, None);
}
