//! UCUM codes and laboratory-export spellings of units: each reads as the conventional unit,
//! so at every published HScore and HLH-2004 threshold (and one step of the published
//! precision either side) the scores are exactly those of the conventional spelling.

use iectox::patient::FeverRule;
use iectox::scores::{hlh2004, hscore};
use iectox::units::*;
use iectox::{Error, ErrorKind, Field, Patient};

/// Every spelling each unit is read in: the symbol first, then the UCUM code and what
/// laboratory exports and FHIR write.
fn spellings(unit: Unit) -> &'static [&'static str] {
    match unit {
        Unit::Celsius => &["°C", "Cel", "C", "cel", "[degC]"],
        Unit::Fahrenheit => &["°F", "[degF]", "F", "degF"],
        Unit::NgPerMl => &["ng/mL", "ng/ml", "NG/ML"],
        Unit::UgPerL => &["µg/L", "ug/L", "μg/L", "mcg/L", "ug/l"],
        Unit::PmolPerL => &["pmol/L", "pmol/l"],
        Unit::MmolPerL => &["mmol/L", "mmol/l", "MMOL/L"],
        Unit::UmolPerL => &["µmol/L", "umol/L", "umol/l", "μmol/L"],
        Unit::MgPerL => &["mg/L", "mg/l"],
        Unit::UkatPerL => &["µkat/L", "ukat/L", "ukat/l"],
        Unit::MgPerDl => &["mg/dL", "mg/dl", "MG/DL"],
        Unit::GPerL => &["g/L", "g/l", "G/L"],
        Unit::GPerDl => &["g/dL", "g/dl", "G/DL"],
        Unit::UPerL => &["U/L", "U/l", "IU/L", "[IU]/L", "[iU]/L"],
        Unit::E9PerL => &[
            "×10⁹/L",
            "10*9/L",
            "10*3/uL",
            "10^9/L",
            "x10^9/L",
            "G/L",
            "G/l",
            "/nL",
            "Gpt/L",
            "10*3/mm3",
            "10³/µL",
            "10*9/L{cells}",
        ],
        Unit::PerUl => &["/µL", "/uL", "/mm3", "{cells}/uL", "/mm³"],
        Unit::UPerMl => &["U/mL", "U/ml", "kU/L", "[IU]/mL"],
        Unit::Weeks => &["weeks", "wk"],
        Unit::Days => &["days", "d"],
        Unit::Years => &["years", "a"],
        Unit::Months => &["months", "mo"],
        Unit::Kg => &["kg"],
        Unit::Lb => &["lb", "[lb_av]"],
        Unit::Cm => &["cm"],
        Unit::Inch => &["in", "[in_i]"],
        Unit::LPerMin => &["L/min", "l/min"],
        Unit::Percent => &["%"],
        Unit::Fraction => &["fraction", "1"],
        other => panic!("no spellings listed for {other}"),
    }
}

/// The field of a unit's threshold table below, for units whose reading depends on it.
fn a_field_of(unit: Unit) -> Field {
    Field::ALL
        .iter()
        .copied()
        .find(|f| accepted_units(*f).contains(&unit))
        .unwrap_or(Field::Ferritin)
}

#[test]
fn every_units_ucum_code_reads_as_the_unit() {
    for &unit in Unit::ALL {
        if unit == Unit::PgPerMl {
            assert_eq!(Unit::parse(Field::Scd25, "pg/mL"), Ok(Unit::PgPerMl));
            continue;
        }
        assert_eq!(Unit::from_text(unit.ucum()), Some(unit), "{}", unit.ucum());
        for s in spellings(unit) {
            assert_eq!(Unit::parse(a_field_of(unit), s), Ok(unit), "{s} for {unit}");
        }
    }
}

#[test]
fn g_per_l_is_giga_for_a_cell_count_and_grams_for_a_mass() {
    for f in [
        Field::Platelets,
        Field::PlateletsLln,
        Field::Leukocytes,
        Field::Neutrophils,
    ] {
        assert_eq!(Unit::parse(f, "G/L"), Ok(Unit::E9PerL), "{f:?}");
        assert_eq!(Unit::parse(f, " G / l "), Ok(Unit::E9PerL), "{f:?}");
        // Lower-case g is grams in UCUM: not a unit of a count.
        assert_eq!(Unit::parse(f, "g/L"), Ok(Unit::GPerL));
        let e = check_quantity(f, 45.0, Unit::GPerL).unwrap().unwrap_err();
        assert!(
            matches!(&e.kind, ErrorKind::UnitNotAccepted { accepted, .. } if accepted.contains(&Unit::E9PerL)),
            "{e:?}"
        );
    }
    for f in [Field::Fibrinogen, Field::Haemoglobin, Field::FibrinogenLln] {
        assert_eq!(Unit::parse(f, "G/L"), Ok(Unit::GPerL), "{f:?}");
        assert_eq!(Unit::parse(f, "g/L"), Ok(Unit::GPerL), "{f:?}");
    }
    // 45 G/L platelets is 45 × 10⁹/L, not 45 000 /µL read wrongly.
    let p = Platelets::new(45.0, Unit::parse(Field::Platelets, "G/L").unwrap()).unwrap();
    assert_eq!(p.canonical(), 45.0);
}

#[test]
fn an_unknown_unit_lists_the_units_of_its_field() {
    let e = Unit::parse(Field::Ferritin, "mg/furlong").unwrap_err();
    assert_eq!(
        e,
        Error::new(
            Field::Ferritin,
            ErrorKind::UnknownUnit {
                text: "mg/furlong".into(),
                accepted: vec![Unit::NgPerMl, Unit::UgPerL, Unit::PmolPerL],
            }
        )
    );
    assert_eq!(
        e.to_string(),
        "ferritin: unknown unit \"mg/furlong\"; use ng/mL, µg/L (ug/L), pmol/L"
    );
    let e = Unit::parse(Field::Temperature, "K").unwrap_err();
    assert!(e.to_string().ends_with("use °C (Cel), °F ([degF])"), "{e}");
    // UCUM's `Cel` is Celsius whatever the case, an annotation left open is not a unit.
    assert_eq!(Unit::from_text("CEL"), Some(Unit::Celsius));
    assert_eq!(Unit::from_text("{cells/uL"), None);
    assert_eq!(Unit::from_text("mg/dLmg/dLmg/dLmg/dLmg/dL"), None);
}

/// A patient with one quantity, as a record reader builds it: the unit read for the field,
/// then the value checked.
fn patient_with(field: Field, value: f64, unit_text: &str) -> Patient {
    let unit = Unit::parse(field, unit_text).unwrap();
    let mut p = Patient::default();
    p.settings.hlh_fever_rule = FeverRule::AtLeast38_5;
    p.triglycerides_fasting = Some(true);
    match field {
        Field::Temperature => p.temperature = Some(Temperature::new(value, unit).unwrap()),
        Field::Ferritin => p.ferritin = Some(Ferritin::new(value, unit).unwrap()),
        Field::Triglycerides => p.triglycerides = Some(Triglycerides::new(value, unit).unwrap()),
        Field::Fibrinogen => p.fibrinogen = Some(Fibrinogen::new(value, unit).unwrap()),
        Field::Ast => p.ast = Some(Ast::new(value, unit).unwrap()),
        Field::Haemoglobin => p.haemoglobin = Some(Haemoglobin::new(value, unit).unwrap()),
        Field::Leukocytes => p.leukocytes = Some(Leukocytes::new(value, unit).unwrap()),
        Field::Platelets => p.platelets = Some(Platelets::new(value, unit).unwrap()),
        Field::Neutrophils => p.neutrophils = Some(Neutrophils::new(value, unit).unwrap()),
        Field::Scd25 => p.scd25 = Some(Scd25::new(value, unit).unwrap()),
        Field::Age => {
            // The infant haemoglobin rule decides 9.5 g/dL: a cytopenia below 4 weeks only.
            p.age = Some(Age::new(value, unit).unwrap());
            p.haemoglobin = Some(Haemoglobin::new(9.5, Unit::GPerDl).unwrap());
        }
        other => panic!("{other:?} is not in the table"),
    }
    p
}

/// Every published HScore and HLH-2004 threshold of a measured input, with its field.
fn thresholds() -> Vec<(&'static str, Field, Threshold)> {
    vec![
        (
            "HScore temperature low",
            Field::Temperature,
            hscore::TEMPERATURE_LOW,
        ),
        (
            "HScore temperature high",
            Field::Temperature,
            hscore::TEMPERATURE_HIGH,
        ),
        ("HScore ferritin low", Field::Ferritin, hscore::FERRITIN_LOW),
        (
            "HScore ferritin high",
            Field::Ferritin,
            hscore::FERRITIN_HIGH,
        ),
        (
            "HScore triglycerides low",
            Field::Triglycerides,
            hscore::TRIGLYCERIDES_LOW,
        ),
        (
            "HScore triglycerides high",
            Field::Triglycerides,
            hscore::TRIGLYCERIDES_HIGH,
        ),
        ("HScore fibrinogen", Field::Fibrinogen, hscore::FIBRINOGEN),
        ("HScore AST", Field::Ast, hscore::AST),
        (
            "HScore haemoglobin",
            Field::Haemoglobin,
            hscore::HAEMOGLOBIN,
        ),
        ("HScore leukocytes", Field::Leukocytes, hscore::LEUKOCYTES),
        ("HScore platelets", Field::Platelets, hscore::PLATELETS),
        ("HLH fever", Field::Temperature, hlh2004::FEVER),
        ("HLH haemoglobin", Field::Haemoglobin, hlh2004::HAEMOGLOBIN),
        ("HLH infant age", Field::Age, hlh2004::INFANT_AGE),
        ("HLH platelets", Field::Platelets, hlh2004::PLATELETS),
        ("HLH neutrophils", Field::Neutrophils, hlh2004::NEUTROPHILS),
        (
            "HLH triglycerides",
            Field::Triglycerides,
            hlh2004::TRIGLYCERIDES,
        ),
        ("HLH fibrinogen", Field::Fibrinogen, hlh2004::FIBRINOGEN),
        ("HLH ferritin", Field::Ferritin, hlh2004::FERRITIN),
        ("HLH sCD25", Field::Scd25, hlh2004::SCD25),
    ]
}

#[test]
fn every_spelling_at_every_published_threshold_scores_as_the_conventional_unit() {
    let mut cases = 0;
    for (name, field, threshold) in thresholds() {
        for &(unit, value, decimals) in threshold.published {
            let step = 10f64.powi(-i32::from(decimals));
            let scores = |v: f64, spelling: &str| {
                let p = patient_with(field, v, spelling);
                (hscore::assess(&p), hlh2004::assess(&p))
            };
            let conventional = spellings(unit)[0];
            assert_eq!(conventional, unit.symbol(), "{unit}");
            // The threshold decides something: one step either side scores differently.
            assert_ne!(
                scores(value - step, conventional),
                scores(value + step, conventional),
                "{name}: {value} {unit} ± {step} changes nothing"
            );
            for spelling in spellings(unit) {
                for v in [value - step, value, value + step] {
                    assert_eq!(
                        scores(v, spelling),
                        scores(v, conventional),
                        "{name}: {v} {spelling} differs from {v} {conventional}"
                    );
                    cases += 1;
                }
            }
        }
    }
    assert!(cases > 300, "{cases}");
}

#[test]
fn boundary_values_keep_their_published_side_in_ucum() {
    // Spot checks of the outcome (not only the equality): inclusive and strict bounds.
    let points = |field, v, unit: &str, item: hscore::HScoreItem| {
        hscore::assess(&patient_with(field, v, unit))
            .assessment
            .items
            .iter()
            .find(|i| i.key == item)
            .and_then(|i| i.points)
    };
    use hscore::HScoreItem as I;
    assert_eq!(
        points(Field::Temperature, 38.4, "Cel", I::Temperature),
        Some(33)
    );
    assert_eq!(
        points(Field::Temperature, 101.1, "[degF]", I::Temperature),
        Some(33)
    );
    assert_eq!(
        points(Field::Temperature, 102.9, "[degF]", I::Temperature),
        Some(33)
    );
    assert_eq!(
        points(Field::Triglycerides, 132.7, "mg/dl", I::Triglycerides),
        Some(44)
    );
    assert_eq!(
        points(Field::Fibrinogen, 2.5, "G/L", I::Fibrinogen),
        Some(30)
    );
    assert_eq!(
        points(Field::Ferritin, 6000.0, "ug/L", I::Ferritin),
        Some(35)
    );
    assert_eq!(
        points(Field::Ferritin, 6001.0, "ug/L", I::Ferritin),
        Some(50)
    );
}
