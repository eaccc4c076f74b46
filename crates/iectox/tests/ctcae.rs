//! CTCAE v5.0 laboratory grades: boundaries in every published unit, baseline branches,
//! missing limits and baselines.

// Tests build patients field by field from the default, as a form would.
#![allow(clippy::field_reassign_with_default)]

use iectox::scores::ctcae::{self, CtcaeTerm};
use iectox::units::{
    Alt, Ast, Bilirubin, Creatinine, Fibrinogen, Haemoglobin, Leukocytes, Neutrophils, Platelets,
    Quantity, Unit,
};
use iectox::{Conclusion, Field, Patient, Range};
use proptest::prelude::*;

fn q<Q: Quantity>(v: f64, unit: Unit) -> Q {
    Q::new(v, unit).unwrap()
}

fn exact(g: u16) -> Range {
    Range::exact(g)
}

// ---- Decreased counts: "< A – B" means B ≤ x < A ----

#[test]
fn neutrophils_boundaries_e9_per_l() {
    let lln = Some(q::<Neutrophils>(2.0, Unit::E9PerL));
    let cases = [
        (2.1, 0),
        (2.0, 0),
        (1.99, 1),
        (1.5, 1),
        (1.49, 2),
        (1.0, 2),
        (0.99, 3),
        (0.5, 3),
        (0.49, 4),
    ];
    for (v, g) in cases {
        assert_eq!(
            ctcae::neutrophil_grade(q(v, Unit::E9PerL), lln),
            exact(g),
            "{v}"
        );
    }
}

#[test]
fn neutrophils_boundaries_per_ul() {
    let lln = Some(q::<Neutrophils>(2000.0, Unit::PerUl));
    let cases = [
        (2000.0, 0),
        (1999.0, 1),
        (1500.0, 1),
        (1499.0, 2),
        (1000.0, 2),
        (999.0, 3),
        (500.0, 3),
        (499.0, 4),
    ];
    for (v, g) in cases {
        assert_eq!(
            ctcae::neutrophil_grade(q(v, Unit::PerUl), lln),
            exact(g),
            "{v}"
        );
    }
    // LLN in the other unit
    let lln = Some(q::<Neutrophils>(2.0, Unit::E9PerL));
    assert_eq!(
        ctcae::neutrophil_grade(q(2000.0, Unit::PerUl), lln),
        exact(0)
    );
    assert_eq!(
        ctcae::neutrophil_grade(q(1999.0, Unit::PerUl), lln),
        exact(1)
    );
}

#[test]
fn neutrophils_without_lln() {
    // decided by the absolute thresholds
    assert_eq!(
        ctcae::neutrophil_grade(q(1.2, Unit::E9PerL), None),
        exact(2)
    );
    // grade 0 or 1: the LLN decides
    assert_eq!(
        ctcae::neutrophil_grade(q(1.8, Unit::E9PerL), None),
        Range::new(0, 1)
    );
    let mut p = Patient::default();
    p.neutrophils = Some(q(1.8, Unit::E9PerL));
    let item = ctcae::term(&p, CtcaeTerm::NeutrophilCountDecreased);
    assert_eq!(item.points, None);
    assert_eq!(item.missing, vec![Field::NeutrophilsLln]);
    p.neutrophils = Some(q(1.2, Unit::E9PerL));
    let item = ctcae::term(&p, CtcaeTerm::NeutrophilCountDecreased);
    assert_eq!(item.points, Some(2));
    assert!(item.missing.is_empty());
}

#[test]
fn platelets_boundaries_both_units() {
    let lln = Some(q::<Platelets>(150.0, Unit::E9PerL));
    let cases = [
        (150.0, 0),
        (149.0, 1),
        (75.0, 1),
        (74.9, 2),
        (50.0, 2),
        (49.9, 3),
        (25.0, 3),
        (24.9, 4),
    ];
    for (v, g) in cases {
        assert_eq!(
            ctcae::platelet_grade(q(v, Unit::E9PerL), lln),
            exact(g),
            "{v}"
        );
        assert_eq!(
            ctcae::platelet_grade(q(v * 1000.0, Unit::PerUl), lln),
            exact(g),
            "{v} ×10³/µL"
        );
    }
}

#[test]
fn leukocytes_boundaries_both_units() {
    let lln = Some(q::<Leukocytes>(4.0, Unit::E9PerL));
    let cases = [
        (4.0, 0),
        (3.99, 1),
        (3.0, 1),
        (2.99, 2),
        (2.0, 2),
        (1.99, 3),
        (1.0, 3),
        (0.99, 4),
    ];
    for (v, g) in cases {
        assert_eq!(
            ctcae::leukocyte_grade(q(v, Unit::E9PerL), lln),
            exact(g),
            "{v}"
        );
        assert_eq!(
            ctcae::leukocyte_grade(q(v * 1000.0, Unit::PerUl), lln),
            exact(g),
            "{v} ×10³/µL"
        );
    }
}

#[test]
fn anaemia_boundaries_three_units() {
    let lln = Some(q::<Haemoglobin>(12.0, Unit::GPerDl));
    let g_dl = [
        (12.0, 0),
        (11.9, 1),
        (10.0, 1),
        (9.9, 2),
        (8.0, 2),
        (7.9, 3),
    ];
    for (v, g) in g_dl {
        assert_eq!(
            ctcae::anaemia_grade(q(v, Unit::GPerDl), lln),
            exact(g),
            "{v} g/dL"
        );
    }
    for (v, g) in [(100.0, 1), (99.0, 2), (80.0, 2), (79.0, 3)] {
        assert_eq!(
            ctcae::anaemia_grade(q(v, Unit::GPerL), lln),
            exact(g),
            "{v} g/L"
        );
    }
    // mmol/L thresholds as published: 6.2 and 4.9 (not 10.0 × 0.6206 = 6.206)
    for (v, g) in [(6.2, 1), (6.19, 2), (4.9, 2), (4.89, 3)] {
        assert_eq!(
            ctcae::anaemia_grade(q(v, Unit::MmolPerL), lln),
            exact(g),
            "{v} mmol/L"
        );
    }
    // grade 4 is clinical: the laboratory grade stops at 3
    assert_eq!(ctcae::anaemia_grade(q(4.0, Unit::GPerDl), lln), exact(3));
}

// ---- Increased terms: "> A – B" means A < x ≤ B ----

#[test]
fn ast_baseline_normal_boundaries() {
    let uln = Some(q::<Ast>(40.0, Unit::UPerL));
    let baseline = Some(q::<Ast>(30.0, Unit::UPerL));
    let cases = [
        (40.0, 0),
        (40.1, 1),
        (120.0, 1),
        (120.1, 2),
        (200.0, 2),
        (200.1, 3),
        (800.0, 3),
        (800.1, 4),
    ];
    for (v, g) in cases {
        assert_eq!(
            ctcae::transaminase_grade(q::<Ast>(v, Unit::UPerL), uln, baseline),
            exact(g),
            "{v}"
        );
    }
}

#[test]
fn alt_baseline_abnormal_boundaries() {
    let uln = Some(q::<Alt>(40.0, Unit::UPerL));
    let baseline = Some(q::<Alt>(60.0, Unit::UPerL));
    let cases = [
        (89.9, 0),
        (90.0, 1), // 1.5 × baseline, inclusive
        (180.0, 1),
        (180.1, 2),
        (300.0, 2),
        (300.1, 3),
        (1200.0, 3),
        (1200.1, 4),
    ];
    for (v, g) in cases {
        assert_eq!(
            ctcae::transaminase_grade(q::<Alt>(v, Unit::UPerL), uln, baseline),
            exact(g),
            "{v}"
        );
    }
    // baseline exactly at ULN is a normal baseline
    let at_uln = Some(q::<Alt>(40.0, Unit::UPerL));
    assert_eq!(
        ctcae::transaminase_grade(q::<Alt>(41.0, Unit::UPerL), uln, at_uln),
        exact(1)
    );
}

#[test]
fn transaminase_in_ukat_per_l() {
    // 1 µkat/L = 60 U/L; 3.34 µkat/L = 200.4 U/L > 5 × 40
    let uln = Some(q::<Ast>(40.0, Unit::UPerL));
    let baseline = Some(q::<Ast>(0.5, Unit::UkatPerL));
    assert_eq!(
        ctcae::transaminase_grade(q::<Ast>(3.34, Unit::UkatPerL), uln, baseline),
        exact(3)
    );
    // exactly 5 × ULN in µkat/L: 0.6667 × 5 = 3.3333…
    let uln = Some(q::<Ast>(0.6, Unit::UkatPerL));
    assert_eq!(
        ctcae::transaminase_grade(q::<Ast>(3.0, Unit::UkatPerL), uln, baseline),
        exact(2)
    );
}

#[test]
fn transaminase_missing_baseline_or_uln() {
    let uln = Some(q::<Ast>(40.0, Unit::UPerL));
    // at or below ULN: grade 0 whatever the baseline
    assert_eq!(
        ctcae::transaminase_grade(q::<Ast>(40.0, Unit::UPerL), uln, None),
        exact(0)
    );
    // > 5 × ULN: grade 3 if the baseline was normal, anything lower if it was abnormal
    assert_eq!(
        ctcae::transaminase_grade(q::<Ast>(250.0, Unit::UPerL), uln, None),
        Range::new(0, 3)
    );
    let mut p = Patient::default();
    p.ast = Some(q(250.0, Unit::UPerL));
    p.ast_uln = uln;
    let item = ctcae::term(&p, CtcaeTerm::AstIncreased);
    assert_eq!(item.missing, vec![Field::AstBaseline]);
    assert_eq!(
        ctcae::transaminase_grade(q::<Ast>(250.0, Unit::UPerL), None, None),
        Range::new(0, 4)
    );
    p.ast = None;
    let item = ctcae::term(&p, CtcaeTerm::AstIncreased);
    assert_eq!(item.missing, vec![Field::Ast]);
    assert_eq!(item.range, Range::new(0, 4));
}

#[test]
fn bilirubin_boundaries_both_units() {
    let uln = Some(q::<Bilirubin>(1.2, Unit::MgPerDl));
    let baseline = Some(q::<Bilirubin>(0.8, Unit::MgPerDl));
    let cases = [
        (1.2, 0),
        (1.21, 1),
        (1.8, 1), // exactly 1.5 × ULN (1.7999… in floating point)
        (1.81, 2),
        (3.6, 2),
        (3.61, 3),
        (12.0, 3),
        (12.01, 4),
    ];
    for (v, g) in cases {
        assert_eq!(
            ctcae::bilirubin_grade(q(v, Unit::MgPerDl), uln, baseline),
            exact(g),
            "{v} mg/dL"
        );
    }
    let uln = Some(q::<Bilirubin>(20.5, Unit::UmolPerL));
    let baseline = Some(q::<Bilirubin>(10.0, Unit::UmolPerL));
    for (v, g) in [(30.75, 1), (30.8, 2), (61.5, 2), (61.6, 3)] {
        assert_eq!(
            ctcae::bilirubin_grade(q(v, Unit::UmolPerL), uln, baseline),
            exact(g),
            "{v} µmol/L"
        );
    }
}

#[test]
fn bilirubin_baseline_abnormal() {
    let uln = Some(q::<Bilirubin>(1.2, Unit::MgPerDl));
    let baseline = Some(q::<Bilirubin>(2.0, Unit::MgPerDl));
    for (v, g) in [
        (2.0, 0),
        (2.01, 1),
        (3.0, 1),
        (3.01, 2),
        (6.0, 2),
        (6.01, 3),
        (20.0, 3),
        (20.01, 4),
    ] {
        assert_eq!(
            ctcae::bilirubin_grade(q(v, Unit::MgPerDl), uln, baseline),
            exact(g),
            "{v}"
        );
    }
}

#[test]
fn creatinine_boundaries() {
    let uln = Some(q::<Creatinine>(1.2, Unit::MgPerDl));
    let baseline = Some(q::<Creatinine>(1.2, Unit::MgPerDl));
    for (v, g) in [
        (1.2, 0),
        (1.21, 1),
        (1.8, 1),
        (1.81, 2),
        (3.6, 2),
        (3.61, 3),
        (7.2, 3),
        (7.21, 4),
    ] {
        assert_eq!(
            ctcae::creatinine_grade(q(v, Unit::MgPerDl), uln, baseline),
            exact(g),
            "{v}"
        );
    }
    // µmol/L: ULN 106, 1.5 × ULN = 159
    let uln = Some(q::<Creatinine>(106.0, Unit::UmolPerL));
    let baseline = Some(q::<Creatinine>(106.0, Unit::UmolPerL));
    for (v, g) in [(106.0, 0), (107.0, 1), (159.0, 1), (160.0, 2)] {
        assert_eq!(
            ctcae::creatinine_grade(q(v, Unit::UmolPerL), uln, baseline),
            exact(g),
            "{v} µmol/L"
        );
    }
}

#[test]
fn creatinine_against_baseline() {
    let uln = Some(q::<Creatinine>(1.2, Unit::MgPerDl));
    let baseline = Some(q::<Creatinine>(0.5, Unit::MgPerDl));
    // 0.75 = 1.5 × baseline: not above; 0.76 above → grade 2 although below ULN
    assert_eq!(
        ctcae::creatinine_grade(q(0.75, Unit::MgPerDl), uln, baseline),
        exact(0)
    );
    assert_eq!(
        ctcae::creatinine_grade(q(0.76, Unit::MgPerDl), uln, baseline),
        exact(2)
    );
    assert_eq!(
        ctcae::creatinine_grade(q(1.5, Unit::MgPerDl), uln, baseline),
        exact(2)
    );
    assert_eq!(
        ctcae::creatinine_grade(q(1.51, Unit::MgPerDl), uln, baseline),
        exact(3)
    );
    // baseline missing: anything up to 3
    assert_eq!(
        ctcae::creatinine_grade(q(1.0, Unit::MgPerDl), uln, None),
        Range::new(0, 3)
    );
    assert_eq!(
        ctcae::creatinine_grade(q(8.0, Unit::MgPerDl), uln, None),
        exact(4)
    );
}

#[test]
fn fibrinogen_boundaries_lln() {
    let lln = Some(q::<Fibrinogen>(2.0, Unit::GPerL));
    let baseline = Some(q::<Fibrinogen>(3.0, Unit::GPerL));
    for (v, g) in [
        (2.0, 0),
        (1.99, 1),
        (1.5, 1),
        (1.49, 2),
        (1.0, 2),
        (0.99, 3),
        (0.5, 3),
        (0.49, 4),
    ] {
        assert_eq!(
            ctcae::fibrinogen_grade(q(v, Unit::GPerL), lln, baseline),
            exact(g),
            "{v} g/L"
        );
    }
    let lln = Some(q::<Fibrinogen>(200.0, Unit::MgPerDl));
    for (v, g) in [(150.0, 1), (149.0, 2), (50.0, 3), (49.0, 4)] {
        assert_eq!(
            ctcae::fibrinogen_grade(q(v, Unit::MgPerDl), lln, baseline),
            exact(g),
            "{v} mg/dL"
        );
    }
}

#[test]
fn fibrinogen_absolute_grade_4_needs_nothing_else() {
    assert_eq!(
        ctcae::fibrinogen_grade(q(49.0, Unit::MgPerDl), None, None),
        exact(4)
    );
    assert_eq!(
        ctcae::fibrinogen_grade(q(0.49, Unit::GPerL), None, None),
        exact(4)
    );
    assert_eq!(
        ctcae::fibrinogen_grade(q(0.5, Unit::GPerL), None, None),
        Range::new(0, 4)
    );
}

#[test]
fn fibrinogen_baseline_abnormal_by_decrease() {
    let lln = Some(q::<Fibrinogen>(4.0, Unit::GPerL));
    let baseline = Some(q::<Fibrinogen>(3.0, Unit::GPerL));
    for (v, g) in [
        (3.0, 0),
        (2.99, 1),
        (2.26, 1),
        (2.25, 2), // 25 % decrease
        (1.51, 2),
        (1.5, 3), // 50 %
        (0.76, 3),
        (0.75, 4), // 75 %
    ] {
        assert_eq!(
            ctcae::fibrinogen_grade(q(v, Unit::GPerL), lln, baseline),
            exact(g),
            "{v}"
        );
    }
}

#[test]
fn summary_and_sources() {
    let mut p = Patient::default();
    p.platelets = Some(q(20.0, Unit::E9PerL));
    let c = ctcae::assess(&p);
    assert_eq!(c.term(CtcaeTerm::PlateletCountDecreased).points, Some(4));
    assert_eq!(c.assessment.range.min, 4);
    assert_eq!(c.assessment.conclusion, Conclusion::Met);
    assert_eq!(c.assessment.items.len(), CtcaeTerm::ALL.len());
    assert_eq!(c.assessment.sources, vec![iectox::sources::Source::Ctcae5]);
    let empty = ctcae::assess(&Patient::default());
    assert_eq!(empty.assessment.conclusion, Conclusion::Undetermined);
    assert!(empty.assessment.missing.contains(&Field::Neutrophils));
}

// ---- Properties: ranges contain every completion of a missing limit or baseline ----

proptest! {
    #[test]
    fn transaminase_range_contains_completions(
        v in 1.0f64..3000.0,
        uln in 10.0f64..80.0,
        baseline in 5.0f64..400.0,
        hide_uln in any::<bool>(),
        hide_baseline in any::<bool>(),
    ) {
        let a = |x: f64| q::<Ast>(x, Unit::UPerL);
        let full = ctcae::transaminase_grade(a(v), Some(a(uln)), Some(a(baseline)));
        let g = full.value().unwrap();
        let partial = ctcae::transaminase_grade(
            a(v),
            (!hide_uln).then(|| a(uln)),
            (!hide_baseline).then(|| a(baseline)),
        );
        prop_assert!(partial.contains(g), "{} not in {:?}", g, partial);
    }

    #[test]
    fn bilirubin_range_contains_completions(
        v in 0.1f64..40.0,
        uln in 0.5f64..2.0,
        baseline in 0.2f64..10.0,
        hide_uln in any::<bool>(),
        hide_baseline in any::<bool>(),
    ) {
        let b = |x: f64| q::<Bilirubin>(x, Unit::MgPerDl);
        let g = ctcae::bilirubin_grade(b(v), Some(b(uln)), Some(b(baseline))).value().unwrap();
        let partial = ctcae::bilirubin_grade(
            b(v),
            (!hide_uln).then(|| b(uln)),
            (!hide_baseline).then(|| b(baseline)),
        );
        prop_assert!(partial.contains(g));
    }

    #[test]
    fn creatinine_range_contains_completions(
        v in 0.1f64..15.0,
        uln in 0.6f64..1.5,
        baseline in 0.2f64..5.0,
        hide_uln in any::<bool>(),
        hide_baseline in any::<bool>(),
    ) {
        let c = |x: f64| q::<Creatinine>(x, Unit::MgPerDl);
        let g = ctcae::creatinine_grade(c(v), Some(c(uln)), Some(c(baseline))).value().unwrap();
        let partial = ctcae::creatinine_grade(
            c(v),
            (!hide_uln).then(|| c(uln)),
            (!hide_baseline).then(|| c(baseline)),
        );
        prop_assert!(partial.contains(g));
    }

    #[test]
    fn fibrinogen_range_contains_completions(
        v in 0.1f64..6.0,
        lln in 1.5f64..4.0,
        baseline in 0.5f64..6.0,
        hide_lln in any::<bool>(),
        hide_baseline in any::<bool>(),
    ) {
        let f = |x: f64| q::<Fibrinogen>(x, Unit::GPerL);
        let g = ctcae::fibrinogen_grade(f(v), Some(f(lln)), Some(f(baseline))).value().unwrap();
        let partial = ctcae::fibrinogen_grade(
            f(v),
            (!hide_lln).then(|| f(lln)),
            (!hide_baseline).then(|| f(baseline)),
        );
        prop_assert!(partial.contains(g));
    }

    #[test]
    fn neutrophil_range_contains_completions(v in 0.0f64..5.0, lln in 1.0f64..3.0) {
        let n = |x: f64| q::<Neutrophils>(x, Unit::E9PerL);
        let g = ctcae::neutrophil_grade(n(v), Some(n(lln))).value().unwrap();
        prop_assert!(ctcae::neutrophil_grade(n(v), None).contains(g));
    }
}
