//! m-EASIX (Pennisi 2021): formula, unit conversions, platelets 0, missing inputs, no cut-off.

// Tests build patients field by field from `Patient::default()`, as a form does.
#![allow(clippy::field_reassign_with_default)]

use iectox::scores::measix::{self, formula, CutOff, NotComputable};
use iectox::sources::Source;
use iectox::units::{Crp, Ldh, Platelets, Quantity, Unit};
use iectox::{Conclusion, Field, Patient};
use proptest::prelude::*;

fn patient(ldh: (f64, Unit), crp: (f64, Unit), plt: (f64, Unit)) -> Patient {
    Patient {
        ldh: Some(Ldh::new(ldh.0, ldh.1).unwrap()),
        crp: Some(Crp::new(crp.0, crp.1).unwrap()),
        platelets: Some(Platelets::new(plt.0, plt.1).unwrap()),
        ..Patient::default()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn formula_with_crp_in_mg_per_dl() {
    let m = measix::assess(&patient(
        (300.0, Unit::UPerL),
        (8.0, Unit::MgPerDl),
        (60.0, Unit::E9PerL),
    ));
    assert_eq!(m.value, Some(40.0));
    assert!(close(m.log2.unwrap(), 40f64.log2()));
    assert_eq!(m.not_computable, None);
    assert!(m.missing.is_empty());
    let i = m.inputs.unwrap();
    assert_eq!(
        (i.ldh_u_per_l, i.crp_mg_per_dl, i.platelets_e9_per_l),
        (300.0, 8.0, 60.0)
    );
}

#[test]
fn crp_in_mg_per_l_is_divided_by_10() {
    let mg_l = measix::assess(&patient(
        (300.0, Unit::UPerL),
        (80.0, Unit::MgPerL),
        (60.0, Unit::E9PerL),
    ));
    assert_eq!(mg_l.value, Some(40.0)); // not 400
    assert_eq!(mg_l.inputs.unwrap().crp_mg_per_dl, 8.0);
}

#[test]
fn ldh_in_ukat_and_platelets_per_ul_are_converted() {
    // 5 µkat/L = 300 U/L; 60 000/µL = 60 ×10⁹/L.
    let m = measix::assess(&patient(
        (5.0, Unit::UkatPerL),
        (8.0, Unit::MgPerDl),
        (60_000.0, Unit::PerUl),
    ));
    assert!(close(m.value.unwrap(), 40.0));
}

#[test]
fn log2_of_a_power_of_two() {
    let m = measix::assess(&patient(
        (256.0, Unit::UPerL),
        (4.0, Unit::MgPerDl),
        (1.0, Unit::E9PerL),
    ));
    assert_eq!(m.value, Some(1024.0));
    assert_eq!(m.log2, Some(10.0));
}

#[test]
fn zero_platelets_is_not_computable_without_dividing() {
    let m = measix::assess(&patient(
        (300.0, Unit::UPerL),
        (8.0, Unit::MgPerDl),
        (0.0, Unit::E9PerL),
    ));
    assert_eq!(m.value, None);
    assert_eq!(m.log2, None);
    assert_eq!(m.not_computable, Some(NotComputable::ZeroPlatelets));
    assert!(m.missing.is_empty());
    assert_eq!(formula(300.0, 8.0, 0.0), None);
    let m = measix::assess(&patient(
        (300.0, Unit::UPerL),
        (8.0, Unit::MgPerDl),
        (0.0, Unit::PerUl),
    ));
    assert_eq!(m.not_computable, Some(NotComputable::ZeroPlatelets));
}

#[test]
fn zero_crp_gives_zero_and_no_log2() {
    let m = measix::assess(&patient(
        (300.0, Unit::UPerL),
        (0.0, Unit::MgPerL),
        (60.0, Unit::E9PerL),
    ));
    assert_eq!(m.value, Some(0.0));
    assert_eq!(m.log2, None);
    assert_eq!(m.not_computable, None);
}

#[test]
fn missing_inputs_are_listed() {
    let m = measix::assess(&Patient::default());
    assert_eq!(m.value, None);
    assert_eq!(m.inputs, None);
    assert_eq!(m.not_computable, Some(NotComputable::MissingInputs));
    assert_eq!(m.missing, vec![Field::Platelets, Field::Ldh, Field::Crp]);
    let mut p = Patient::default();
    p.crp = Some(Crp::new(10.0, Unit::MgPerL).unwrap());
    p.platelets = Some(Platelets::new(0.0, Unit::E9PerL).unwrap());
    let m = measix::assess(&p);
    assert_eq!(m.missing, vec![Field::Ldh]);
    assert_eq!(m.not_computable, Some(NotComputable::MissingInputs));
}

#[test]
fn no_cut_off_and_cited() {
    for p in [
        Patient::default(),
        patient(
            (5000.0, Unit::UPerL),
            (30.0, Unit::MgPerDl),
            (5.0, Unit::E9PerL),
        ),
    ] {
        let m = measix::assess(&p);
        assert_eq!(m.conclusion, Conclusion::Undetermined);
        assert_eq!(m.cutoff, CutOff::NotEstablished);
        assert_eq!(m.sources, vec![Source::Pennisi2021]);
    }
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trip() {
    let m = measix::assess(&patient(
        (300.0, Unit::UPerL),
        (8.0, Unit::MgPerDl),
        (60.0, Unit::E9PerL),
    ));
    let json = serde_json::to_string(&m).unwrap();
    let back: measix::MEasix = serde_json::from_str(&json).unwrap();
    assert_eq!(back, m);
}

proptest! {
    #[test]
    fn value_is_the_formula_in_formula_units(
        ldh in 0.0..10_000.0f64,
        crp_mg_l in 0.0..500.0f64,
        plt in 0.0..1000.0f64,
        crp_in_mg_l in any::<bool>(),
        plt_per_ul in any::<bool>(),
    ) {
        let crp = if crp_in_mg_l { (crp_mg_l, Unit::MgPerL) } else { (crp_mg_l / 10.0, Unit::MgPerDl) };
        let platelets = if plt_per_ul { (plt * 1000.0, Unit::PerUl) } else { (plt, Unit::E9PerL) };
        let m = measix::assess(&patient((ldh, Unit::UPerL), crp, platelets));
        if plt == 0.0 {
            prop_assert_eq!(m.value, None);
            prop_assert_eq!(m.not_computable, Some(NotComputable::ZeroPlatelets));
        } else {
            let expected = ldh * (crp_mg_l / 10.0) / plt;
            let v = m.value.unwrap();
            prop_assert!(v.is_finite() && v >= 0.0);
            prop_assert!(close(v, expected), "{} vs {}", v, expected);
            if v > 0.0 {
                prop_assert!(close(m.log2.unwrap(), v.log2()));
            }
        }
    }
}
