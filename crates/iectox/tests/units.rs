//! Units at the edge: parsing, conversion, plausible bounds and precise errors.

use iectox::units::*;
use iectox::{Error, ErrorKind, Field};

#[test]
fn numbers_accept_comma_or_dot_and_empty_is_missing() {
    assert_eq!(parse_number(Field::Temperature, "38,5"), Ok(Some(38.5)));
    assert_eq!(parse_number(Field::Temperature, " 38.5 "), Ok(Some(38.5)));
    assert_eq!(parse_number(Field::Temperature, ""), Ok(None));
    assert_eq!(parse_number(Field::Temperature, "   "), Ok(None));
    assert_eq!(parse_number(Field::Ferritin, "0.750"), Ok(Some(0.75)));
    assert_eq!(parse_number(Field::Ferritin, "12000"), Ok(Some(12000.0)));
}

#[test]
fn malformed_numbers_are_errors_naming_the_field() {
    for bad in [
        "abc", "3.8.1", "1,2,3", "NaN", "inf", "-", ".", "1e5", "38 5",
    ] {
        let e = parse_number(Field::Ferritin, bad).unwrap_err();
        assert_eq!(e.field, Field::Ferritin, "{bad}");
        assert!(
            matches!(e.kind, ErrorKind::NotANumber { .. }),
            "{bad}: {e:?}"
        );
    }
}

#[test]
fn thousands_separators_are_ambiguous_not_guessed() {
    for t in ["1,000", "12.500", "999,999"] {
        let e = parse_number(Field::Ferritin, t).unwrap_err();
        assert!(
            matches!(e.kind, ErrorKind::AmbiguousSeparator { .. }),
            "{t}"
        );
    }
    assert_eq!(parse_number(Field::Ferritin, "1000,5"), Ok(Some(1000.5)));
    assert_eq!(parse_number(Field::Creatinine, "0,125"), Ok(Some(0.125)));
}

#[test]
fn out_of_range_names_field_value_and_range_in_the_entered_unit() {
    let e = Temperature::new(3.8, Unit::Celsius).unwrap_err();
    assert_eq!(e.field, Field::Temperature);
    assert_eq!(
        e.kind,
        ErrorKind::OutOfRange {
            value: 3.8,
            unit: Unit::Celsius,
            min: 25.0,
            max: 45.0
        }
    );
    assert_eq!(
        e.to_string(),
        "maximum temperature: 3.8 °C is outside the accepted range 25–45 °C"
    );
    let e = Temperature::new(200.0, Unit::Fahrenheit).unwrap_err();
    let ErrorKind::OutOfRange { min, max, .. } = e.kind else {
        panic!()
    };
    assert!((min - 77.0).abs() < 1e-9 && (max - 113.0).abs() < 1e-9);
    assert!(Ferritin::new(500_001.0, Unit::NgPerMl).is_err());
    assert!(Ferritin::new(500_000.0, Unit::NgPerMl).is_ok());
    assert!(Ferritin::new(-1.0, Unit::NgPerMl).is_err());
}

#[test]
fn wrong_unit_for_the_field_is_an_error() {
    let e = Temperature::new(38.0, Unit::MmolPerL).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::UnitNotAccepted { .. }));
    assert!(e.to_string().contains("°C"));
}

#[test]
fn scd25_in_pg_per_ml_is_refused_as_not_convertible() {
    let e = Scd25::new(5000.0, Unit::PgPerMl).unwrap_err();
    assert_eq!(
        e,
        Error::new(
            Field::Scd25,
            ErrorKind::NotConvertible {
                from: Unit::PgPerMl,
                to: Unit::UPerMl
            }
        )
    );
    assert!(e.to_string().contains("cannot be converted"));
    assert!(Scd25::new(2400.0, Unit::UPerMl).is_ok());
}

#[test]
fn non_finite_values_are_refused() {
    assert_eq!(
        Ferritin::new(f64::NAN, Unit::NgPerMl).unwrap_err().kind,
        ErrorKind::NotFinite
    );
    assert!(Weight::new(f64::INFINITY, Unit::Kg).is_err());
}

#[test]
fn conversions() {
    let t = Temperature::new(100.4, Unit::Fahrenheit).unwrap();
    assert!((t.canonical() - 38.0).abs() < 1e-9);
    let tg = Triglycerides::new(1.0, Unit::MmolPerL).unwrap();
    assert!((tg.in_unit(Unit::MgPerDl).unwrap() - 88.57).abs() < 1e-9);
    let hb = Haemoglobin::new(92.0, Unit::GPerL).unwrap();
    assert!((hb.canonical() - 9.2).abs() < 1e-9);
    let plt = Platelets::new(110_000.0, Unit::PerUl).unwrap();
    assert!((plt.canonical() - 110.0).abs() < 1e-9);
    let w = Weight::new(154.0, Unit::Lb).unwrap();
    assert!((w.canonical() - 69.853_225).abs() < 1e-5);
    let crp = Crp::new(150.0, Unit::MgPerL).unwrap();
    assert!((crp.in_unit(Unit::MgPerDl).unwrap() - 15.0).abs() < 1e-9);
    let cr = Creatinine::new(88.4, Unit::UmolPerL).unwrap();
    assert!((cr.canonical() - 1.0).abs() < 1e-9);
    assert_eq!(crp.in_unit(Unit::Celsius), None);
}

#[test]
fn units_parse_as_clinicians_write_them() {
    let p = |t| Unit::parse(Field::Ferritin, t);
    assert_eq!(p("ng/mL"), Ok(Unit::NgPerMl));
    assert_eq!(p("mcg/L"), Ok(Unit::UgPerL));
    assert_eq!(p("µg/L"), Ok(Unit::UgPerL));
    assert_eq!(p("x10^9/L"), Ok(Unit::E9PerL));
    assert_eq!(p("×10⁹/L"), Ok(Unit::E9PerL));
    assert_eq!(p("/mm3"), Ok(Unit::PerUl));
    assert_eq!(p("/µL"), Ok(Unit::PerUl));
    assert_eq!(p("°F"), Ok(Unit::Fahrenheit));
    assert_eq!(p("IU/L"), Ok(Unit::UPerL));
    assert_eq!(p("MMOL/L"), Ok(Unit::MmolPerL));
    assert!(matches!(
        p("furlongs").unwrap_err().kind,
        ErrorKind::UnknownUnit { .. }
    ));
    for u in Unit::ALL {
        assert_eq!(Unit::parse(Field::Ferritin, u.symbol()), Ok(*u), "{u}");
    }
}

#[test]
fn plausible_table_covers_every_quantity_field() {
    for f in [
        Field::Temperature,
        Field::Ferritin,
        Field::Triglycerides,
        Field::Fibrinogen,
        Field::Haemoglobin,
        Field::Leukocytes,
        Field::Neutrophils,
        Field::Platelets,
        Field::Ast,
        Field::Alt,
        Field::Bilirubin,
        Field::Ldh,
        Field::Crp,
        Field::Creatinine,
        Field::Scd25,
        Field::Weight,
        Field::Height,
        Field::OxygenFlow,
        Field::Fio2,
        Field::Age,
    ] {
        assert!(PLAUSIBLE.iter().any(|(g, ..)| *g == f), "{f:?}");
    }
}

#[test]
fn reference_values_report_their_own_field() {
    let e = Ferritin::new(-5.0, Unit::NgPerMl)
        .unwrap_err()
        .for_field(Field::FerritinUln);
    assert_eq!(e.field, Field::FerritinUln);
}

#[test]
fn reference_limits_of_zero_are_refused() {
    // A ULN of 0 would make any ferritin "> 2 × ULN" (review finding).
    let e = check_quantity(Field::FerritinUln, 0.0, Unit::NgPerMl)
        .unwrap()
        .unwrap_err();
    assert_eq!(e.field, Field::FerritinUln);
    assert!(matches!(e.kind, ErrorKind::OutOfRange { min, .. } if min == 10.0));
    assert!(check_quantity(Field::AstUln, 0.0, Unit::UPerL)
        .unwrap()
        .is_err());
    assert!(check_quantity(Field::AstUln, 40.0, Unit::UPerL)
        .unwrap()
        .is_ok());
    assert!(check_quantity(Field::FibrinogenLln, 150.0, Unit::MgPerDl)
        .unwrap()
        .is_ok());
    assert!(check_quantity(Field::FibrinogenLln, 10.0, Unit::MgPerDl)
        .unwrap()
        .is_err());
    // The analyte itself may be 0 (e.g. platelets).
    assert!(check_quantity(Field::Platelets, 0.0, Unit::E9PerL)
        .unwrap()
        .is_ok());
    // Not a quantity: no answer.
    assert!(check_quantity(Field::Hepatomegaly, 1.0, Unit::Kg).is_none());
}

#[test]
fn ice_items_above_their_maximum_never_overflow() {
    let p = iectox::Patient {
        ice_items: iectox::patient::IceItems {
            orientation: Some(200),
            naming: Some(100),
            commands: Some(0),
            writing: Some(0),
            attention: Some(0),
        },
        ..Default::default()
    };
    assert_eq!(p.ice_items.total(), None);
    let errors = p.validate();
    assert!(errors.iter().any(|e| e.field == Field::IceOrientation));
    assert!(errors.iter().any(|e| e.field == Field::IceNaming));
    let _ = iectox::assess(&p); // no panic
}

#[test]
fn out_of_range_ice_and_capd_totals_are_missing_not_normal() {
    use iectox::patient::{CerebralEdema, Consciousness, Seizure};
    let base = iectox::Patient {
        age: Some(Age::new(60.0, Unit::Years).unwrap()),
        developmental_delay: Some(false),
        consciousness: Some(Consciousness::Alert),
        seizure: Some(Seizure::None),
        motor_weakness: Some(false),
        cerebral_edema: Some(CerebralEdema::None),
        icans_death: Some(false),
        ..Default::default()
    };
    let p = iectox::Patient {
        ice_total: Some(50),
        ..base.clone()
    };
    let a = iectox::scores::icans::assess(&p).assessment;
    assert_eq!(a.value, None, "ICE 50 is not a normal ICE of 10");
    assert_eq!((a.range.min, a.range.max), (0, 3));
    assert!(p.validate().iter().any(|e| e.field == Field::IceTotal));
    let p = iectox::Patient {
        ice_total: Some(10),
        ..base
    };
    assert_eq!(iectox::scores::icans::assess(&p).assessment.value, Some(0));
}
