//! Units at the edge: parsing, conversion, plausible bounds and precise errors.

use iectox::units::*;
use iectox::{Error, ErrorKind, Field};
use proptest::prelude::*;

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
fn without_a_field_range_both_readings_are_refused_and_reported() {
    for (t, d, k) in [
        ("1,000", 1.0, 1000.0),
        ("12.500", 12.5, 12500.0),
        ("999,999", 999.999, 999_999.0),
    ] {
        let e = parse_number(Field::Ferritin, t).unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::AmbiguousSeparator {
                text: t.into(),
                decimal_reading: d,
                thousands_reading: k,
                unit: None
            },
            "{t}"
        );
    }
    assert_eq!(
        read_number(Field::Ferritin, "-1,250"),
        Ok(Some(Reading::Ambiguous {
            decimal: -1.25,
            thousands: -1250.0
        }))
    );
    // Never ambiguous: a leading 0, four or more integer digits, other than three decimals.
    assert_eq!(parse_number(Field::Ferritin, "1000,5"), Ok(Some(1000.5)));
    assert_eq!(parse_number(Field::Creatinine, "0,125"), Ok(Some(0.125)));
    assert_eq!(parse_number(Field::Ferritin, "1000.000"), Ok(Some(1000.0)));
    assert_eq!(parse_number(Field::Ferritin, "1.0000"), Ok(Some(1.0)));
    assert_eq!(parse_number(Field::Ferritin, "1.00"), Ok(Some(1.0)));
}

/// What a quantity field makes of text typed in `unit`.
fn typed(field: Field, text: &str, unit: Unit) -> Result<Option<f64>, Error> {
    parse_quantity(field, text, unit).expect("a quantity field")
}

fn ambiguous(field: Field, text: &str, unit: Unit) -> (f64, f64) {
    match typed(field, text, unit) {
        Err(Error {
            field: f,
            kind:
                ErrorKind::AmbiguousSeparator {
                    text: t,
                    decimal_reading,
                    thousands_reading,
                    unit: Some(u),
                },
        }) if f == field && t == text && u == unit => (decimal_reading, thousands_reading),
        other => panic!("{field:?} {text:?} {unit}: expected ambiguous, got {other:?}"),
    }
}

#[test]
fn the_only_plausible_reading_is_kept() {
    // Product decision 11 and the values the issue found refused after a unit switch.
    assert_eq!(
        Triglycerides::parse("1.498", Unit::MmolPerL)
            .unwrap()
            .unwrap(),
        Triglycerides::new(1.498, Unit::MmolPerL).unwrap()
    );
    assert_eq!(
        typed(Field::Triglycerides, "1,498", Unit::MmolPerL),
        Ok(Some(1.498))
    );
    assert_eq!(
        typed(Field::Temperature, "39.389", Unit::Celsius),
        Ok(Some(39.389))
    );
    assert_eq!(
        typed(Field::Triglycerides, "2.992", Unit::MmolPerL),
        Ok(Some(2.992))
    );
}

#[test]
fn two_plausible_readings_are_refused_with_both() {
    assert_eq!(
        ambiguous(Field::Ferritin, "1.000", Unit::NgPerMl),
        (1.0, 1000.0)
    );
    assert_eq!(
        ambiguous(Field::Ferritin, "1,000", Unit::NgPerMl),
        (1.0, 1000.0)
    );
    let e = Ferritin::parse("1.000", Unit::NgPerMl).unwrap_err();
    assert_eq!(
        e.to_string(),
        "ferritin: \"1.000\" could be 1 or 1000 ng/mL: for 1000 type it without a separator; \
         for 1 use fewer or more than three decimals"
    );
    // Typed the other ways, each reading is accepted.
    assert_eq!(
        typed(Field::Ferritin, "1000", Unit::NgPerMl),
        Ok(Some(1000.0))
    );
    assert_eq!(typed(Field::Ferritin, "1,0", Unit::NgPerMl), Ok(Some(1.0)));
}

#[test]
fn platelets_per_microlitre_with_a_thousands_separator() {
    // 150 /µL and 150 000 /µL are both within 0–3 000 000 /µL: refused, both shown.
    assert_eq!(
        ambiguous(Field::Platelets, "150.000", Unit::PerUl),
        (150.0, 150_000.0)
    );
    // Two separators are not a number at all; the plain number is read as typed.
    assert!(matches!(
        typed(Field::Platelets, "150.000.000", Unit::PerUl)
            .unwrap_err()
            .kind,
        ErrorKind::NotANumber { .. }
    ));
    assert_eq!(
        typed(Field::Platelets, "150000", Unit::PerUl),
        Ok(Some(150_000.0))
    );
    // In 10⁹/L, 150 000 is impossible: 150.
    assert_eq!(
        typed(Field::Platelets, "150.000", Unit::E9PerL),
        Ok(Some(150.0))
    );
}

#[test]
fn every_quantity_applies_the_rule_in_the_chosen_unit() {
    use Unit::*;
    let accepted: &[(Field, &str, Unit, f64)] = &[
        (Field::Age, "12.500", Years, 12.5),
        (Field::Age, "18.000", Months, 18.0),
        (Field::Weight, "70.500", Kg, 70.5),
        (Field::Weight, "154.000", Lb, 154.0),
        (Field::Height, "172.500", Cm, 172.5),
        (Field::Height, "68.500", Inch, 68.5),
        (Field::Temperature, "102.920", Fahrenheit, 102.92),
        (Field::OxygenFlow, "6.000", LPerMin, 6.0),
        (Field::Fio2, "40.000", Percent, 40.0),
        (Field::Ferritin, "600.500", NgPerMl, 600.5), // 600 500 > 500 000
        (Field::Triglycerides, "132.700", MgPerDl, 132.7),
        (Field::Fibrinogen, "1.500", GPerL, 1.5),
        (Field::Fibrinogen, "150.000", MgPerDl, 150.0),
        (Field::Haemoglobin, "9.200", GPerDl, 9.2),
        (Field::Haemoglobin, "92.000", GPerL, 92.0),
        (Field::Leukocytes, "4.500", E9PerL, 4.5),
        (Field::Neutrophils, "1.200", E9PerL, 1.2),
        (Field::Ast, "1.200", UkatPerL, 1.2),
        (Field::Alt, "55.000", UPerL, 55.0), // 55 000 > 50 000
        (Field::Bilirubin, "1.200", MgPerDl, 1.2),
        (Field::Bilirubin, "20.500", UmolPerL, 20.5),
        (Field::Ldh, "250.500", UPerL, 250.5), // 250 500 > 100 000
        (Field::Crp, "15.000", MgPerL, 15.0),
        (Field::Creatinine, "88.400", UmolPerL, 88.4),
        (Field::Scd25, "600.000", UPerMl, 600.0), // 600 000 > 500 000
        // Reference values: their own bounds choose (a ULN of 1 ng/mL is implausible).
        (Field::FerritinUln, "1.000", NgPerMl, 1000.0),
        (Field::AstUln, "40.000", UPerL, 40.0),
        (Field::FibrinogenLln, "1.500", GPerL, 1.5),
    ];
    for &(field, text, unit, value) in accepted {
        assert_eq!(
            typed(field, text, unit),
            Ok(Some(value)),
            "{field:?} {text} {unit}"
        );
        let comma = text.replace('.', ",");
        assert_eq!(
            typed(field, &comma, unit),
            Ok(Some(value)),
            "{field:?} {comma} {unit}"
        );
    }
    let refused: &[(Field, &str, Unit)] = &[
        (Field::Leukocytes, "4.500", PerUl),
        (Field::Ast, "40.000", UPerL),
        (Field::Ldh, "25.000", UPerL),
        (Field::Scd25, "2.400", UPerMl),
        (Field::Height, "10.500", Cm), // 10.5 cm and 10 500 cm: neither is plausible
    ];
    for &(field, text, unit) in refused {
        ambiguous(field, text, unit);
    }
    // A unit the field does not take is that error, whatever the reading.
    assert!(matches!(
        typed(Field::Temperature, "39.389", MmolPerL)
            .unwrap_err()
            .kind,
        ErrorKind::UnitNotAccepted { .. }
    ));
    assert!(matches!(
        typed(Field::Scd25, "2.400", PgPerMl).unwrap_err().kind,
        ErrorKind::NotConvertible { .. }
    ));
    // Errors name the field typed into, reference values included.
    assert_eq!(
        typed(Field::FerritinUln, "5", NgPerMl).unwrap_err().field,
        Field::FerritinUln
    );
    assert_eq!(typed(Field::Ferritin, " ", NgPerMl), Ok(None));
    assert!(parse_quantity(Field::Hepatomegaly, "1", Kg).is_none());
}

#[test]
fn a_reading_at_a_plausible_bound() {
    use Unit::NgPerMl;
    // Ferritin 0–500 000 ng/mL: the thousands reading at the bound is plausible (refused as
    // ambiguous), just inside likewise, just outside leaves only the decimal reading.
    assert_eq!(
        ambiguous(Field::Ferritin, "500.000", NgPerMl),
        (500.0, 500_000.0)
    );
    assert_eq!(
        ambiguous(Field::Ferritin, "499.999", NgPerMl),
        (499.999, 499_999.0)
    );
    assert_eq!(
        typed(Field::Ferritin, "500.001", NgPerMl),
        Ok(Some(500.001))
    );
    // Ferritin ULN 10–2000 ng/mL: the decimal reading is never plausible here.
    assert_eq!(
        typed(Field::FerritinUln, "2.000", NgPerMl),
        Ok(Some(2000.0))
    );
    assert_eq!(
        typed(Field::FerritinUln, "1.999", NgPerMl),
        Ok(Some(1999.0))
    );
    assert_eq!(
        ambiguous(Field::FerritinUln, "2.001", NgPerMl),
        (2.001, 2001.0)
    );
    // Temperature 25–45 °C (77–113 °F): the decimal reading at, inside and outside the bound.
    assert_eq!(
        typed(Field::Temperature, "45.000", Unit::Celsius),
        Ok(Some(45.0))
    );
    assert_eq!(
        typed(Field::Temperature, "113.000", Unit::Fahrenheit),
        Ok(Some(113.0))
    );
    assert_eq!(
        typed(Field::Temperature, "44.999", Unit::Celsius),
        Ok(Some(44.999))
    );
    assert_eq!(
        ambiguous(Field::Temperature, "45.001", Unit::Celsius),
        (45.001, 45_001.0)
    );
}

#[test]
fn counts_keep_the_whole_reading_in_range() {
    assert_eq!(parse_count(Field::IceOrientation, "3", 4), Ok(Some(3)));
    assert_eq!(parse_count(Field::IceOrientation, "", 4), Ok(None));
    // 1.000 is 1 (1000 is not an ICE item); 1.498 is neither a whole number nor in range.
    assert_eq!(parse_count(Field::IceOrientation, "1.000", 4), Ok(Some(1)));
    assert!(matches!(
        parse_count(Field::IceOrientation, "1,498", 4).unwrap_err().kind,
        ErrorKind::AmbiguousSeparator {
            decimal_reading,
            thousands_reading,
            unit: None,
            ..
        } if decimal_reading == 1.498 && thousands_reading == 1498.0
    ));
    // 1 hour or 1000 hours on vasopressors: both possible.
    assert!(matches!(
        parse_count(Field::VasopressorHours, "1.000", 2000)
            .unwrap_err()
            .kind,
        ErrorKind::AmbiguousSeparator { .. }
    ));
    assert_eq!(
        parse_count(Field::IceNaming, "2,5", 3).unwrap_err().kind,
        ErrorKind::NotAWholeNumber {
            text: "2,5".into(),
            max: 3
        }
    );
    assert_eq!(
        parse_count(Field::IceNaming, "2,5", 3)
            .unwrap_err()
            .to_string(),
        "ICE naming (0–3): \"2,5\" is not a whole number (accepted 0–3)"
    );
    assert_eq!(
        parse_count(Field::IceNaming, "4", 3).unwrap_err().kind,
        ErrorKind::CountOutOfRange {
            value: 4.0,
            min: 0,
            max: 3
        }
    );
    assert!(matches!(
        parse_count(Field::IceNaming, "-1", 3).unwrap_err().kind,
        ErrorKind::CountOutOfRange { value: -1.0, .. }
    ));
}

#[test]
fn not_a_number_quotes_the_text_once() {
    let e = parse_number(Field::Temperature, "abc").unwrap_err();
    assert_eq!(
        e.to_string(),
        "maximum temperature: \"abc\" is not a number"
    );
    // Text that arrives quoted (a JSON string) is not quoted twice.
    let e = Error::new(
        Field::Ferritin,
        ErrorKind::NotANumber {
            text: "\"NaN\"".into(),
        },
    );
    assert_eq!(e.to_string(), "ferritin: \"NaN\" is not a number");
}

proptest! {
    /// A value with three decimals in a field's plausible range whose thousands reading is
    /// not: typed with "." or with ",", it reads back as itself. When both readings are
    /// plausible, the text is refused with both.
    #[test]
    fn three_decimals_read_back(
        (field, unit) in field_and_unit(),
        int in 1u32..1000,
        frac in 0u32..1000,
    ) {
        let dot = format!("{int}.{frac:03}");
        let v: f64 = dot.parse().unwrap();
        let thousands = f64::from(int * 1000 + frac);
        let plausible = |x: f64| check_quantity(field, x, unit).unwrap().is_ok();
        for text in [dot.clone(), dot.replace('.', ",")] {
            let got = typed(field, &text, unit);
            match (plausible(v), plausible(thousands)) {
                (true, false) => prop_assert_eq!(got, Ok(Some(v)), "{}", text),
                (false, true) => prop_assert_eq!(got, Ok(Some(thousands)), "{}", text),
                _ => prop_assert!(
                    matches!(
                        got,
                        Err(Error { kind: ErrorKind::AmbiguousSeparator { decimal_reading, thousands_reading, .. }, .. })
                            if decimal_reading == v && thousands_reading == thousands
                    ),
                    "{} {:?}", text, got
                ),
            }
        }
    }
}

/// Every quantity field of the patient with every unit it accepts.
fn field_and_unit() -> impl Strategy<Value = (Field, Unit)> {
    let pairs: Vec<(Field, Unit)> = Field::ALL
        .iter()
        .flat_map(|&f| Unit::ALL.iter().map(move |&u| (f, u)))
        .filter(|&(f, u)| {
            check_quantity(f, 1.0, u).is_some_and(|r| {
                !matches!(
                    r,
                    Err(Error {
                        kind: ErrorKind::UnitNotAccepted { .. } | ErrorKind::NotConvertible { .. },
                        ..
                    })
                )
            })
        })
        .collect();
    assert!(pairs.len() > 50, "{}", pairs.len());
    proptest::sample::select(pairs)
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
