//! HScore (Fardet 2014): boundary tests at every threshold in every published unit, the
//! review's errata, missing-data ranges and property tests.

use iectox::scores::hscore::{self, HScoreItem, Probability};
use iectox::units::*;
use iectox::{Conclusion, Field, Patient};
use proptest::prelude::*;

fn points(p: &Patient, item: HScoreItem) -> Option<u16> {
    hscore::assess(p).assessment.item(item).unwrap().points
}

fn with<F: FnOnce(&mut Patient)>(f: F) -> Patient {
    let mut p = Patient::default();
    f(&mut p);
    p
}

fn temp(v: f64, u: Unit) -> Patient {
    with(|p| p.temperature = Some(Temperature::new(v, u).unwrap()))
}

#[test]
fn temperature_boundaries_celsius() {
    let t = |v| points(&temp(v, Unit::Celsius), HScoreItem::Temperature);
    assert_eq!(t(38.3), Some(0));
    assert_eq!(t(38.39), Some(0));
    assert_eq!(t(38.4), Some(33));
    assert_eq!(t(38.5), Some(33));
    assert_eq!(t(39.4), Some(33));
    assert_eq!(t(39.41), Some(49));
    assert_eq!(t(39.5), Some(49));
}

#[test]
fn temperature_boundaries_fahrenheit() {
    let t = |v| points(&temp(v, Unit::Fahrenheit), HScoreItem::Temperature);
    assert_eq!(t(101.0), Some(0));
    assert_eq!(t(101.1), Some(33)); // = 38.39 °C, but 101.1 °F is the published boundary
    assert_eq!(t(102.9), Some(33));
    assert_eq!(t(103.0), Some(49));
}

#[test]
fn ferritin_boundaries() {
    for unit in [Unit::NgPerMl, Unit::UgPerL] {
        let f = |v| {
            points(
                &with(|p| p.ferritin = Some(Ferritin::new(v, unit).unwrap())),
                HScoreItem::Ferritin,
            )
        };
        assert_eq!(f(1999.0), Some(0));
        assert_eq!(f(2000.0), Some(35));
        assert_eq!(f(2001.0), Some(35));
        assert_eq!(f(6000.0), Some(35));
        assert_eq!(f(6001.0), Some(50));
    }
    // pmol/L is converted (÷ 2.247) and rounded to the published precision (whole ng/mL).
    let f = |v| {
        points(
            &with(|p| p.ferritin = Some(Ferritin::new(v, Unit::PmolPerL).unwrap())),
            HScoreItem::Ferritin,
        )
    };
    assert_eq!(f(4494.0), Some(35)); // 2000.0 ng/mL
    assert_eq!(f(4490.0), Some(0)); // 1998.2 ng/mL
}

#[test]
fn triglyceride_boundaries_in_both_units() {
    let tg = |v, u| {
        points(
            &with(|p| p.triglycerides = Some(Triglycerides::new(v, u).unwrap())),
            HScoreItem::Triglycerides,
        )
    };
    assert_eq!(tg(1.4, Unit::MmolPerL), Some(0));
    assert_eq!(tg(1.5, Unit::MmolPerL), Some(44));
    assert_eq!(tg(4.0, Unit::MmolPerL), Some(44));
    assert_eq!(tg(4.1, Unit::MmolPerL), Some(64));
    assert_eq!(tg(132.6, Unit::MgPerDl), Some(0));
    // 132.7 mg/dL is 1.498 mmol/L: compared in mg/dL it is exactly at the boundary (spec §1.4).
    assert_eq!(tg(132.7, Unit::MgPerDl), Some(44));
    assert_eq!(tg(354.0, Unit::MgPerDl), Some(44));
    assert_eq!(tg(354.1, Unit::MgPerDl), Some(64));
}

#[test]
fn fibrinogen_boundaries_in_both_units() {
    let fib = |v, u| {
        points(
            &with(|p| p.fibrinogen = Some(Fibrinogen::new(v, u).unwrap())),
            HScoreItem::Fibrinogen,
        )
    };
    assert_eq!(fib(2.4, Unit::GPerL), Some(30));
    assert_eq!(fib(2.5, Unit::GPerL), Some(30));
    assert_eq!(fib(2.6, Unit::GPerL), Some(0));
    assert_eq!(fib(249.0, Unit::MgPerDl), Some(30));
    assert_eq!(fib(250.0, Unit::MgPerDl), Some(30));
    assert_eq!(fib(251.0, Unit::MgPerDl), Some(0));
}

#[test]
fn ast_boundaries() {
    let ast = |v, u| {
        points(
            &with(|p| p.ast = Some(Ast::new(v, u).unwrap())),
            HScoreItem::Ast,
        )
    };
    assert_eq!(ast(29.0, Unit::UPerL), Some(0));
    assert_eq!(ast(30.0, Unit::UPerL), Some(19));
    assert_eq!(ast(31.0, Unit::UPerL), Some(19));
    assert_eq!(ast(0.5, Unit::UkatPerL), Some(19)); // 30 U/L
    assert_eq!(ast(0.48, Unit::UkatPerL), Some(0)); // 28.8 U/L → 29
}

fn blood(hb: (f64, Unit), wbc: (f64, Unit), plt: (f64, Unit)) -> Patient {
    with(|p| {
        p.haemoglobin = Some(Haemoglobin::new(hb.0, hb.1).unwrap());
        p.leukocytes = Some(Leukocytes::new(wbc.0, wbc.1).unwrap());
        p.platelets = Some(Platelets::new(plt.0, plt.1).unwrap());
    })
}

#[test]
fn cytopenia_thresholds_are_inclusive_in_every_unit() {
    let c = |p: Patient| points(&p, HScoreItem::Cytopenias);
    let normal_wbc = (6.0, Unit::E9PerL);
    let normal_plt = (200.0, Unit::E9PerL);
    // Haemoglobin: 9.2 g/dL = 92 g/L = 5.71 mmol/L, each exact in its unit.
    for hb in [
        (9.2, Unit::GPerDl),
        (92.0, Unit::GPerL),
        (5.71, Unit::MmolPerL),
    ] {
        assert_eq!(
            c(blood(hb, (5.0, Unit::E9PerL), normal_plt)),
            Some(24),
            "{hb:?}"
        );
    }
    for hb in [
        (9.3, Unit::GPerDl),
        (93.0, Unit::GPerL),
        (5.78, Unit::MmolPerL),
    ] {
        assert_eq!(
            c(blood(hb, (5.0, Unit::E9PerL), normal_plt)),
            Some(0),
            "{hb:?}"
        );
    }
    // Leukocytes 5.0 ×10⁹/L = 5000/µL.
    assert_eq!(
        c(blood(
            (9.0, Unit::GPerDl),
            (5000.0, Unit::PerUl),
            normal_plt
        )),
        Some(24)
    );
    assert_eq!(
        c(blood(
            (9.0, Unit::GPerDl),
            (5001.0, Unit::PerUl),
            normal_plt
        )),
        Some(0)
    );
    assert_eq!(
        c(blood((9.0, Unit::GPerDl), (5.1, Unit::E9PerL), normal_plt)),
        Some(0)
    );
    // Platelets 110 ×10⁹/L = 110 000/µL.
    assert_eq!(
        c(blood(
            (12.0, Unit::GPerDl),
            normal_wbc,
            (110.0, Unit::E9PerL)
        )),
        Some(0)
    ); // one lineage
    assert_eq!(
        c(blood(
            (9.0, Unit::GPerDl),
            normal_wbc,
            (110_000.0, Unit::PerUl)
        )),
        Some(24)
    );
    assert_eq!(
        c(blood(
            (9.0, Unit::GPerDl),
            normal_wbc,
            (111.0, Unit::E9PerL)
        )),
        Some(0)
    );
    assert_eq!(
        c(blood(
            (9.0, Unit::GPerDl),
            (2.0, Unit::E9PerL),
            (50.0, Unit::E9PerL)
        )),
        Some(34)
    );
}

#[test]
fn erratum_11_ferritin_below_2000_scores_zero_not_three() {
    let p = with(|p| p.ferritin = Some(Ferritin::new(1500.0, Unit::NgPerMl).unwrap()));
    assert_eq!(points(&p, HScoreItem::Ferritin), Some(0));
}

#[test]
fn erratum_12_cytopenias_inclusive() {
    let p = blood(
        (9.2, Unit::GPerDl),
        (5.0, Unit::E9PerL),
        (110.0, Unit::E9PerL),
    );
    assert_eq!(points(&p, HScoreItem::Cytopenias), Some(34));
}

#[test]
fn errata_13_14_immunosuppression_and_marrow_are_separate_yes_no_inputs() {
    let p = with(|p| {
        p.immunosuppression = Some(true);
        p.marrow_hemophagocytosis = Some(true);
        // Hemophagocytosis elsewhere (HLH-2004 input) does not score in HScore.
        p.tissue_hemophagocytosis = Some(true);
    });
    assert_eq!(points(&p, HScoreItem::Immunosuppression), Some(18));
    assert_eq!(points(&p, HScoreItem::MarrowHemophagocytosis), Some(35));
    let q = with(|p| p.tissue_hemophagocytosis = Some(true));
    assert_eq!(points(&q, HScoreItem::MarrowHemophagocytosis), None);
}

fn complete() -> Patient {
    with(|p| {
        p.immunosuppression = Some(false);
        p.temperature = Some(Temperature::new(39.0, Unit::Celsius).unwrap()); // 33
        p.hepatomegaly = Some(true);
        p.splenomegaly = Some(true); // 38
        p.haemoglobin = Some(Haemoglobin::new(8.0, Unit::GPerDl).unwrap());
        p.leukocytes = Some(Leukocytes::new(1.0, Unit::E9PerL).unwrap());
        p.platelets = Some(Platelets::new(150.0, Unit::E9PerL).unwrap()); // 24
        p.ferritin = Some(Ferritin::new(8000.0, Unit::NgPerMl).unwrap()); // 50
        p.triglycerides = Some(Triglycerides::new(3.0, Unit::MmolPerL).unwrap()); // 44
        p.fibrinogen = Some(Fibrinogen::new(1.2, Unit::GPerL).unwrap()); // 30
        p.ast = Some(Ast::new(120.0, Unit::UPerL).unwrap()); // 19
        p.marrow_hemophagocytosis = Some(false);
    })
}

#[test]
fn complete_vignette_total_and_probability() {
    let h = hscore::assess(&complete());
    assert_eq!(h.assessment.value, Some(33 + 38 + 24 + 50 + 44 + 30 + 19));
    assert_eq!(h.assessment.value, Some(238));
    assert_eq!(h.assessment.conclusion, Conclusion::Met);
    assert!(h.assessment.missing.is_empty());
    assert_eq!(
        h.probability,
        Some(Probability::Between { low: 98, high: 99 })
    );
}

#[test]
fn marrow_not_done_gives_a_range_and_undetermined() {
    // Spec decision 2: "152–187, undetermined vs 169".
    let mut p = complete();
    p.temperature = Some(Temperature::new(38.0, Unit::Celsius).unwrap()); // 0
    p.ast = Some(Ast::new(20.0, Unit::UPerL).unwrap()); // 0
    p.fibrinogen = Some(Fibrinogen::new(3.0, Unit::GPerL).unwrap()); // 0
    p.immunosuppression = Some(true); // 18
    p.marrow_hemophagocytosis = None;
    // 18 + 0 + 38 + 24 + 50 + 44 + 0 + 0 = 174 → 174–209: met either way.
    let h = hscore::assess(&p);
    assert_eq!((h.assessment.range.min, h.assessment.range.max), (174, 209));
    assert_eq!(h.assessment.conclusion, Conclusion::Met);
    assert_eq!(h.assessment.missing, vec![Field::MarrowHemophagocytosis]);
    assert_eq!(h.assessment.value, None);
    assert_eq!(h.probability, None);
    p.triglycerides = Some(Triglycerides::new(1.0, Unit::MmolPerL).unwrap()); // 0
    let h = hscore::assess(&p);
    assert_eq!((h.assessment.range.min, h.assessment.range.max), (130, 165));
    assert_eq!(h.assessment.conclusion, Conclusion::NotMet);
    p.triglycerides = Some(Triglycerides::new(5.0, Unit::MmolPerL).unwrap()); // 64
    let h = hscore::assess(&p);
    assert_eq!((h.assessment.range.min, h.assessment.range.max), (194, 229));
    p.ferritin = Some(Ferritin::new(1000.0, Unit::NgPerMl).unwrap()); // 0
    let h = hscore::assess(&p);
    assert_eq!((h.assessment.range.min, h.assessment.range.max), (144, 179));
    assert_eq!(h.assessment.conclusion, Conclusion::Undetermined);
}

#[test]
fn nothing_known_is_zero_to_337() {
    let h = hscore::assess(&Patient::default());
    assert_eq!(
        (h.assessment.range.min, h.assessment.range.max),
        (0, hscore::MAX)
    );
    assert_eq!(h.assessment.missing.len(), 12);
    assert_eq!(h.assessment.conclusion, Conclusion::Undetermined);
}

#[test]
fn partial_organomegaly_and_cytopenias() {
    let p = with(|p| p.hepatomegaly = Some(true));
    let i = hscore::assess(&p);
    let o = i.assessment.item(HScoreItem::Organomegaly).unwrap();
    assert_eq!((o.range.min, o.range.max), (23, 38));
    let p = with(|p| {
        p.haemoglobin = Some(Haemoglobin::new(8.0, Unit::GPerDl).unwrap());
        p.platelets = Some(Platelets::new(300.0, Unit::E9PerL).unwrap());
    });
    let i = hscore::assess(&p);
    let c = i.assessment.item(HScoreItem::Cytopenias).unwrap();
    assert_eq!((c.range.min, c.range.max), (0, 24));
    assert_eq!(c.missing, vec![Field::Leukocytes]);
    // None cytopenic and one unknown: 0 or 1 lineage → decided 0, missing still reported.
    let p = with(|p| {
        p.haemoglobin = Some(Haemoglobin::new(13.0, Unit::GPerDl).unwrap());
        p.platelets = Some(Platelets::new(300.0, Unit::E9PerL).unwrap());
    });
    let i = hscore::assess(&p);
    let c = i.assessment.item(HScoreItem::Cytopenias).unwrap();
    assert_eq!(c.points, Some(0));
    assert_eq!(c.missing, vec![Field::Leukocytes]);
}

#[test]
fn probability_table_display_rule() {
    assert_eq!(Probability::of(0), Probability::BelowOnePercent);
    assert_eq!(Probability::of(90), Probability::BelowOnePercent);
    assert_eq!(
        Probability::of(91),
        Probability::Between { low: 0, high: 1 }
    );
    assert_eq!(
        Probability::of(169),
        Probability::Between { low: 40, high: 54 }
    );
    assert_eq!(Probability::of(170), Probability::Tabulated { percent: 54 });
    assert_eq!(
        Probability::of(171),
        Probability::Between { low: 54, high: 70 }
    );
    assert_eq!(
        Probability::of(249),
        Probability::Between { low: 99, high: 100 }
    );
    assert_eq!(Probability::of(250), Probability::AboveNinetyNinePercent);
    assert_eq!(Probability::of(337), Probability::AboveNinetyNinePercent);
    // Never the sensitivity: 93 % is not the probability at the cut-off.
    assert_ne!(Probability::of(169), Probability::Tabulated { percent: 93 });
}

fn arb_patient() -> impl Strategy<Value = Patient> {
    let ob = || proptest::option::of(any::<bool>());
    (
        (ob(), ob(), ob(), ob()),
        proptest::option::of(35.0f64..42.0),
        proptest::option::of(0.0f64..20000.0),
        proptest::option::of(0.1f64..10.0),
        proptest::option::of(0.1f64..8.0),
        proptest::option::of(3.0f64..16.0),
        proptest::option::of(0.1f64..15.0),
        proptest::option::of(1.0f64..400.0),
        proptest::option::of(5.0f64..200.0),
    )
        .prop_map(
            |((imm, hep, spl, marrow), t, fer, tg, fib, hb, wbc, plt, ast)| {
                with(|p| {
                    p.immunosuppression = imm;
                    p.hepatomegaly = hep;
                    p.splenomegaly = spl;
                    p.marrow_hemophagocytosis = marrow;
                    p.temperature = t.map(|v| Temperature::new(v, Unit::Celsius).unwrap());
                    p.ferritin = fer.map(|v| Ferritin::new(v, Unit::NgPerMl).unwrap());
                    p.triglycerides = tg.map(|v| Triglycerides::new(v, Unit::MmolPerL).unwrap());
                    p.fibrinogen = fib.map(|v| Fibrinogen::new(v, Unit::GPerL).unwrap());
                    p.haemoglobin = hb.map(|v| Haemoglobin::new(v, Unit::GPerDl).unwrap());
                    p.leukocytes = wbc.map(|v| Leukocytes::new(v, Unit::E9PerL).unwrap());
                    p.platelets = plt.map(|v| Platelets::new(v, Unit::E9PerL).unwrap());
                    p.ast = ast.map(|v| Ast::new(v, Unit::UPerL).unwrap());
                })
            },
        )
}

/// Every way of filling the missing inputs, with values on each side of each threshold.
fn completions(p: &Patient) -> Vec<Patient> {
    let mut out = vec![p.clone()];
    macro_rules! expand {
        ($field:ident, [$($v:expr),+]) => {
            if p.$field.is_none() {
                out = out.into_iter().flat_map(|q| [$($v),+].into_iter().map(move |v| {
                    let mut r = q.clone();
                    r.$field = Some(v);
                    r
                })).collect();
            }
        };
    }
    expand!(immunosuppression, [false, true]);
    expand!(hepatomegaly, [false, true]);
    expand!(splenomegaly, [false, true]);
    expand!(marrow_hemophagocytosis, [false, true]);
    let t = |v| Temperature::new(v, Unit::Celsius).unwrap();
    expand!(temperature, [t(37.0), t(39.0), t(40.0)]);
    let f = |v| Ferritin::new(v, Unit::NgPerMl).unwrap();
    expand!(ferritin, [f(100.0), f(3000.0), f(9000.0)]);
    let tg = |v| Triglycerides::new(v, Unit::MmolPerL).unwrap();
    expand!(triglycerides, [tg(1.0), tg(2.0), tg(5.0)]);
    let fib = |v| Fibrinogen::new(v, Unit::GPerL).unwrap();
    expand!(fibrinogen, [fib(1.0), fib(4.0)]);
    let hb = |v| Haemoglobin::new(v, Unit::GPerDl).unwrap();
    expand!(haemoglobin, [hb(8.0), hb(13.0)]);
    let w = |v| Leukocytes::new(v, Unit::E9PerL).unwrap();
    expand!(leukocytes, [w(1.0), w(8.0)]);
    let pl = |v| Platelets::new(v, Unit::E9PerL).unwrap();
    expand!(platelets, [pl(50.0), pl(250.0)]);
    let a = |v| Ast::new(v, Unit::UPerL).unwrap();
    expand!(ast, [a(10.0), a(100.0)]);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn range_contains_every_completion(p in arb_patient()) {
        let h = hscore::assess(&p).assessment;
        let mut seen_min = u16::MAX;
        let mut seen_max = 0;
        for q in completions(&p) {
            let v = hscore::assess(&q).assessment.value.expect("complete patient has a value");
            prop_assert!(h.range.contains(v), "{v} outside {:?}", h.range);
            seen_min = seen_min.min(v);
            seen_max = seen_max.max(v);
        }
        // The range is tight: its ends are reached by some completion.
        prop_assert_eq!((seen_min, seen_max), (h.range.min, h.range.max));
    }

    #[test]
    fn moving_a_lab_toward_abnormal_never_lowers_the_score(
        p in arb_patient(),
        d_fer in 0.0f64..5000.0, d_tg in 0.0f64..3.0, d_fib in 0.0f64..1.0,
        d_hb in 0.0f64..2.0, d_wbc in 0.0f64..2.0, d_plt in 0.0f64..50.0, d_ast in 0.0f64..100.0,
        d_t in 0.0f64..1.5,
    ) {
        let before = hscore::assess(&p).assessment.range;
        let mut q = p.clone();
        let up = |v: f64, d: f64, hi: f64| (v + d).min(hi);
        let down = |v: f64, d: f64, lo: f64| (v - d).max(lo);
        q.ferritin = p.ferritin.map(|x| Ferritin::new(up(x.value(), d_fer, 500_000.0), Unit::NgPerMl).unwrap());
        q.triglycerides = p.triglycerides.map(|x| Triglycerides::new(up(x.value(), d_tg, 60.0), Unit::MmolPerL).unwrap());
        q.ast = p.ast.map(|x| Ast::new(up(x.value(), d_ast, 50_000.0), Unit::UPerL).unwrap());
        q.temperature = p.temperature.map(|x| Temperature::new(up(x.value(), d_t, 45.0), Unit::Celsius).unwrap());
        q.fibrinogen = p.fibrinogen.map(|x| Fibrinogen::new(down(x.value(), d_fib, 0.0), Unit::GPerL).unwrap());
        q.haemoglobin = p.haemoglobin.map(|x| Haemoglobin::new(down(x.value(), d_hb, 1.0), Unit::GPerDl).unwrap());
        q.leukocytes = p.leukocytes.map(|x| Leukocytes::new(down(x.value(), d_wbc, 0.0), Unit::E9PerL).unwrap());
        q.platelets = p.platelets.map(|x| Platelets::new(down(x.value(), d_plt, 0.0), Unit::E9PerL).unwrap());
        let after = hscore::assess(&q).assessment.range;
        prop_assert!(after.min >= before.min && after.max >= before.max);
    }

    #[test]
    fn same_value_in_another_unit_scores_the_same_away_from_boundaries(tg in 0.2f64..10.0, fib in 0.2f64..8.0) {
        // Away from a boundary (> 0.05 of it), mmol/L and mg/dL entries agree.
        prop_assume!((tg - 1.5).abs() > 0.05 && (tg - 4.0).abs() > 0.05 && (fib - 2.5).abs() > 0.05);
        let a = with(|p| { p.triglycerides = Some(Triglycerides::new(tg, Unit::MmolPerL).unwrap()); p.fibrinogen = Some(Fibrinogen::new(fib, Unit::GPerL).unwrap()); });
        let b = with(|p| { p.triglycerides = Some(Triglycerides::new(tg * 88.57, Unit::MgPerDl).unwrap()); p.fibrinogen = Some(Fibrinogen::new(fib * 100.0, Unit::MgPerDl).unwrap()); });
        prop_assert_eq!(hscore::assess(&a).assessment.range, hscore::assess(&b).assessment.range);
    }
}

/// The category the HScore gives `item` for `value` in `unit`.
fn category_of(item: HScoreItem, value: f64, unit: Unit) -> Option<u8> {
    let mut p = Patient::default();
    match item {
        HScoreItem::Temperature => p.temperature = Some(Temperature::new(value, unit).unwrap()),
        HScoreItem::Ferritin => p.ferritin = Some(Ferritin::new(value, unit).unwrap()),
        HScoreItem::Triglycerides => {
            p.triglycerides = Some(Triglycerides::new(value, unit).unwrap())
        }
        HScoreItem::Fibrinogen => p.fibrinogen = Some(Fibrinogen::new(value, unit).unwrap()),
        HScoreItem::Ast => p.ast = Some(Ast::new(value, unit).unwrap()),
        _ => unreachable!(),
    }
    hscore::assess(&p)
        .assessment
        .items
        .iter()
        .find(|i| i.key == item)
        .unwrap()
        .category
}

#[test]
fn category_bands_agree_with_the_rule_at_every_published_boundary() {
    use iectox::Band;
    let items = [
        HScoreItem::Temperature,
        HScoreItem::Ferritin,
        HScoreItem::Triglycerides,
        HScoreItem::Fibrinogen,
        HScoreItem::Ast,
    ];
    let mut checked = 0;
    for item in items {
        for category in 0..item.points().len() as u8 {
            let band = hscore::category_band(item, category).unwrap();
            // (threshold, is the boundary value itself inside, direction of the inside)
            let edges: Vec<(Threshold, bool, f64)> = match band {
                Band::Below(t) => vec![(t, false, -1.0)],
                Band::AtMost(t) => vec![(t, true, -1.0)],
                Band::AtLeast(t) => vec![(t, true, 1.0)],
                Band::Above(t) => vec![(t, false, 1.0)],
                Band::Between(lo, hi) => vec![(lo, true, 1.0), (hi, true, -1.0)],
            };
            for (t, inclusive, inside) in edges {
                for &(unit, value, decimals) in t.published {
                    let step = 10f64.powi(-i32::from(decimals.max(1)));
                    let at = category_of(item, value, unit);
                    assert_eq!(
                        at == Some(category),
                        inclusive,
                        "{item:?} {category} at {value} {unit}"
                    );
                    let within = category_of(item, value + inside * step, unit);
                    assert_eq!(
                        within,
                        Some(category),
                        "{item:?} {category} near {value} {unit}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 20, "{checked}");
    assert_eq!(hscore::cytopenia_lineages(0), (0, 1));
    assert_eq!(hscore::cytopenia_lineages(1), (2, 2));
    assert_eq!(hscore::cytopenia_lineages(2), (3, 3));
    assert!(hscore::category_band(HScoreItem::Organomegaly, 1).is_none());
}
