//! FHIR R4 import and export: every LOINC code of every analyte, every ignore reason, HL7's
//! example resources, a CAR-T course Bundle, times, and the export → import round trip.
#![cfg(feature = "fhir")]

use iectox::fhir::{
    export, format_date_time, import, parse_date, parse_date_time, IgnoreReason, Outcome,
    TimeError, TreatmentDrug, INPUT_SYSTEM, LOINC, SCORE_SYSTEM,
};
use iectox::units::{Quantity, Unit};
use iectox::{Field, Patient};
use serde_json::{json, Value};

const HL7: &str = include_str!("fixtures/fhir/hl7-examples.json");
const COURSE: &str = include_str!("fixtures/fhir/cart-course.json");

fn observation(code: &str, value: f64, ucum: &str) -> Value {
    json!({"resourceType": "Observation", "id": "x", "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "effectiveDateTime": "2026-12-01T10:00:00+01:00",
        "valueQuantity": {"value": value, "unit": ucum, "system": "http://unitsofmeasure.org", "code": ucum}})
}

fn only_outcome(resource: Value) -> Outcome {
    let i = import(&resource.to_string()).unwrap();
    assert_eq!(i.report.len(), 1, "{:?}", i.report);
    i.report[0].outcome.clone()
}

fn ignored(resource: Value) -> IgnoreReason {
    match only_outcome(resource) {
        Outcome::Ignored { reason } => reason,
        other => panic!("used: {other:?}"),
    }
}

/// A plausible value in a UCUM unit for each field with LOINC codes.
fn sample(field: Field, code: &str) -> (f64, &'static str) {
    match (field, code) {
        (Field::Ferritin, "14723-1") => (2000.0, "pmol/L"),
        (Field::Ferritin, _) => (1000.0, "ng/mL"),
        (Field::Triglycerides, "14927-8") => (2.0, "mmol/L"),
        (Field::Triglycerides, _) => (180.0, "mg/dL"),
        (Field::Fibrinogen, "3255-7") => (250.0, "mg/dL"),
        (Field::Fibrinogen, _) => (2.5, "g/L"),
        (Field::Ast | Field::Alt | Field::Ldh, _) => (40.0, "U/L"),
        (Field::Bilirubin, "14631-6") => (20.0, "umol/L"),
        (Field::Bilirubin, _) => (1.2, "mg/dL"),
        (Field::Creatinine, "14682-9") => (90.0, "umol/L"),
        (Field::Creatinine, _) => (1.0, "mg/dL"),
        (Field::Haemoglobin, "59260-0") => (6.0, "mmol/L"),
        (Field::Haemoglobin, _) => (9.0, "g/dL"),
        (Field::Platelets | Field::Neutrophils | Field::Leukocytes, _) => (4.0, "10*3/uL"),
        (Field::Crp, _) => (50.0, "mg/L"),
        (Field::Scd25, _) => (2400.0, "U/mL"),
        (Field::Temperature, _) => (39.0, "Cel"),
        (Field::Weight, _) => (70.0, "kg"),
        (Field::Height, _) => (170.0, "cm"),
        (Field::OxygenFlow, _) => (6.0, "L/min"),
        (Field::Fio2, _) => (40.0, "%"),
        (Field::Age, _) => (45.0, "a"),
        _ => panic!("no sample for {field:?}"),
    }
}

#[test]
fn every_loinc_code_of_every_analyte_imports() {
    let mut checked = 0;
    for (field, codes) in LOINC {
        for code in *codes {
            // CRP in nmol/L (76485-2) has no conversion (molar mass not used): refused below.
            if *code == "76485-2" {
                continue;
            }
            let (value, ucum) = sample(*field, code);
            let outcome = only_outcome(observation(code, value, ucum));
            assert_eq!(
                outcome,
                Outcome::Used {
                    fields: vec![*field]
                },
                "{code}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 45, "{checked}");
}

#[test]
fn ucum_units_convert_and_compare_as_typed() {
    let i = import(&observation("2276-4", 12.5, "ug/L").to_string()).unwrap();
    let p = &i.time_points()[0].1;
    let f = p.ferritin.unwrap();
    assert_eq!((f.value(), f.unit()), (12.5, Unit::UgPerL));
    let i = import(&observation("8310-5", 102.2, "[degF]").to_string()).unwrap();
    let t = i.time_points()[0].1.temperature.unwrap();
    assert_eq!((t.value(), t.unit()), (102.2, Unit::Fahrenheit));
    let i = import(&observation("777-3", 45.0, "10*3/uL").to_string()).unwrap();
    let plt = i.time_points()[0].1.platelets.unwrap();
    assert_eq!((plt.value(), plt.unit()), (45.0, Unit::E9PerL));
}

#[test]
fn each_ignore_reason() {
    // Unknown code.
    let r = ignored(observation("1234-5", 1.0, "mg/dL"));
    assert!(
        matches!(r, IgnoreReason::UnknownCode { ref codes } if codes == &["http://loinc.org|1234-5"])
    );
    // A code read but not an input (SpO₂ without components).
    assert_eq!(
        ignored(observation("59408-5", 95.0, "%")),
        IgnoreReason::NotAnInput {
            code: "59408-5".into()
        }
    );
    // Unit not convertible (CRP in nmol/L; sCD25 in pg/mL).
    assert!(matches!(
        ignored(observation("76485-2", 400.0, "nmol/L")),
        IgnoreReason::Invalid { .. }
    ));
    assert!(matches!(
        ignored(observation("76039-7", 900.0, "pg/mL")),
        IgnoreReason::Invalid { .. }
    ));
    // Implausible value, with the accepted range in the error.
    match ignored(observation("2276-4", 5_000_000.0, "ng/mL")) {
        IgnoreReason::Invalid { error } => {
            assert_eq!(error.field, Field::Ferritin);
            assert!(error.to_string().contains("500000"), "{error}");
        }
        other => panic!("{other:?}"),
    }
    // No value.
    let mut o = observation("2276-4", 1.0, "ng/mL");
    o.as_object_mut().unwrap().remove("valueQuantity");
    assert_eq!(ignored(o.clone()), IgnoreReason::NoValue);
    // Data absent.
    o["dataAbsentReason"] = json!({"coding": [{"code": "not-performed"}]});
    assert_eq!(
        ignored(o),
        IgnoreReason::DataAbsent {
            reason: "not-performed".into()
        }
    );
    // Wrong status.
    for status in ["entered-in-error", "cancelled", "registered"] {
        let mut o = observation("2276-4", 1000.0, "ng/mL");
        o["status"] = json!(status);
        assert_eq!(
            ignored(o),
            IgnoreReason::Status {
                status: status.into()
            }
        );
    }
    // No time, a date only, no time zone.
    let mut o = observation("2276-4", 1000.0, "ng/mL");
    o.as_object_mut().unwrap().remove("effectiveDateTime");
    assert_eq!(ignored(o.clone()), IgnoreReason::NoTime { error: None });
    o["effectiveDateTime"] = json!("2026-12-01");
    assert!(matches!(
        ignored(o.clone()),
        IgnoreReason::NoTime {
            error: Some(TimeError::DateOnly { .. })
        }
    ));
    o["effectiveDateTime"] = json!("2026-12-01T10:00:00");
    assert!(matches!(
        ignored(o),
        IgnoreReason::NoTime {
            error: Some(TimeError::NoTimeZone { .. })
        }
    ));
    // A resource type not read.
    assert_eq!(
        ignored(json!({"resourceType": "Condition", "id": "c"})),
        IgnoreReason::UnsupportedResource
    );
    // A result written by IEC-Tox.
    let mut o = observation("x", 264.0, "1");
    o["code"] = json!({"coding": [{"system": SCORE_SYSTEM, "code": "hscore"}]});
    assert_eq!(ignored(o), IgnoreReason::IecToxResult);
    // Another medication.
    let med = json!({"resourceType": "MedicationAdministration", "id": "m", "status": "completed",
        "medicationCodeableConcept": {"text": "paracetamol"}, "effectiveDateTime": "2026-12-01T10:00:00Z"});
    assert_eq!(ignored(med), IgnoreReason::OtherMedication);
}

#[test]
fn effective_period_start_is_the_time() {
    let mut o = observation("2276-4", 1000.0, "ng/mL");
    o.as_object_mut().unwrap().remove("effectiveDateTime");
    o["effectivePeriod"] = json!({"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T09:00:00Z"});
    let i = import(&o.to_string()).unwrap();
    assert_eq!(
        i.values[0].at,
        parse_date_time("2026-12-01T08:00:00Z").unwrap()
    );
}

#[test]
fn hl7_examples_components_and_blood_pressure() {
    let i = import(HL7).unwrap();
    let used = |id: &str| {
        i.report
            .iter()
            .filter(|r| r.id.as_deref() == Some(id))
            .map(|r| r.outcome.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        used("serum-creatinine"),
        vec![Outcome::Used {
            fields: vec![Field::Creatinine]
        }]
    );
    // Weight in [lb_av], height in [in_i].
    assert_eq!(
        used("weight"),
        vec![Outcome::Used {
            fields: vec![Field::Weight]
        }]
    );
    assert_eq!(
        used("height"),
        vec![Outcome::Used {
            fields: vec![Field::Height]
        }]
    );
    // SpO₂ with inhaled O₂ flow (6 L/min) and concentration (40 %): both components used,
    // the saturation itself is not an input.
    let sat = used("satO2-fiO2");
    assert!(sat.contains(&Outcome::Used {
        fields: vec![Field::OxygenFlow]
    }));
    assert!(sat.contains(&Outcome::Used {
        fields: vec![Field::Fio2]
    }));
    assert!(sat.iter().any(|o| matches!(
        o,
        Outcome::Ignored {
            reason: IgnoreReason::NotAnInput { .. }
        }
    )));
    // Blood pressure: read, not an input; a missing component has its data-absent reason.
    assert!(used("blood-pressure").iter().all(|o| matches!(
        o,
        Outcome::Ignored {
            reason: IgnoreReason::NotAnInput { .. }
        }
    )));
    let points = i.time_points();
    let sat_point = points
        .iter()
        .find(|(t, _)| *t == parse_date_time("2014-12-05T09:30:10+01:00").unwrap())
        .unwrap();
    assert_eq!(sat_point.1.oxygen_flow.unwrap().value(), 6.0);
}

#[test]
fn a_car_t_course_bundle_reads_values_times_treatments_and_age() {
    let i = import(COURSE).unwrap();
    assert_eq!(i.birth_date, parse_date("1968-03-14"));
    let points = i.time_points();
    assert!(points.len() >= 10, "{}", points.len());
    // Ferritin series (ng/mL and µg/L) in time order, the entered-in-error one ignored.
    let ferritin: Vec<f64> = points
        .iter()
        .filter_map(|(_, p)| p.ferritin.map(|f| f.value()))
        .collect();
    assert_eq!(
        ferritin,
        vec![820.0, 1500.0, 4200.0, 9800.0, 18500.0, 31000.0]
    );
    assert!(i.report.iter().any(|r| r.outcome
        == Outcome::Ignored {
            reason: IgnoreReason::Status {
                status: "entered-in-error".into()
            }
        }));
    // Age at each time point from the birth date: 58 years.
    assert!(points
        .iter()
        .all(|(_, p)| p.age.is_some_and(|a| (58.0..59.0).contains(&a.value()))));
    // Treatments: tocilizumab ×2 with dose, dexamethasone; paracetamol ignored.
    let drugs: Vec<TreatmentDrug> = i.treatments.iter().map(|t| t.drug).collect();
    assert_eq!(
        drugs,
        vec![
            TreatmentDrug::Tocilizumab,
            TreatmentDrug::Tocilizumab,
            TreatmentDrug::Dexamethasone
        ]
    );
    assert_eq!(i.treatments[0].dose_mg, Some(544.0));
    assert_eq!(
        i.treatments[0].at,
        parse_date_time("2026-11-22T10:00:00+01:00").unwrap()
    );
}

#[test]
fn bundle_types_and_single_resources() {
    let one = observation("2276-4", 1000.0, "ng/mL");
    for kind in ["collection", "searchset", "transaction", "batch"] {
        let b = json!({"resourceType": "Bundle", "type": kind, "entry": [{"resource": one}]});
        assert_eq!(import(&b.to_string()).unwrap().values.len(), 1, "{kind}");
    }
    assert_eq!(import(&one.to_string()).unwrap().values.len(), 1);
    assert!(import("not json").is_err());
    assert!(import("{\"no\": 1}").is_err());
}

#[test]
fn times_with_zones_and_their_errors() {
    let utc = parse_date_time("2026-12-01T09:00:00Z").unwrap();
    assert_eq!(parse_date_time("2026-12-01T10:00:00+01:00"), Ok(utc));
    assert_eq!(parse_date_time("2026-12-01T04:30:00.123-04:30"), Ok(utc));
    assert_eq!(format_date_time(utc), "2026-12-01T09:00:00Z");
    assert_eq!(
        format_date_time(parse_date_time("2024-02-29T23:59:00Z").unwrap()),
        "2024-02-29T23:59:00Z"
    );
    assert!(parse_date("2026-02-29").is_none());
    assert!(parse_date_time("2026-13-01T10:00:00Z").is_err());
    assert!(parse_date_time("2026-12-01T24:00:00Z").is_err());
    assert!(matches!(
        parse_date_time("2026-12"),
        Err(TimeError::DateOnly { .. })
    ));
}

fn vignette() -> Patient {
    let record = json!({
        "age": {"value": 58, "unit": "years"}, "weight": {"value": 70, "unit": "kg"},
        "immunosuppression": false, "temperature": {"value": 39.6, "unit": "°C"},
        "hepatomegaly": true, "splenomegaly": true, "haemoglobin": {"value": 8.1, "unit": "g/dL"},
        "leukocytes": {"value": 1.2, "unit": "x10^9/L"}, "platelets": {"value": 45000, "unit": "/µL"},
        "ferritin": {"value": 12500, "unit": "ng/mL"}, "triglycerides": {"value": 310, "unit": "mg/dL"},
        "triglycerides_fasting": true, "fibrinogen": {"value": 1.2, "unit": "g/L"},
        "ast": {"value": 240, "unit": "U/L"}, "marrow_hemophagocytosis": false,
        "fever_confirmed": true, "vasopressors": 1, "oxygen_device": "nasal_cannula",
        "oxygen_flow": {"value": 4, "unit": "L/min"}, "ferritin_uln": {"value": 300, "unit": "ng/mL"},
        "ice_items": {"orientation": 4, "naming": 3, "commands": 1, "writing": 1, "attention": 0},
        "consciousness": "awakens_to_voice"
    });
    iectox::json::parse_patient(record).unwrap()
}

#[test]
fn export_then_import_gives_the_same_patient_and_results() {
    let at = parse_date_time("2026-12-01T10:00:00+01:00").unwrap();
    let later = at + 24 * 60;
    let mut second = vignette();
    second.ferritin = Some(iectox::units::Ferritin::new(20_000.0, Unit::UgPerL).unwrap());
    let points = vec![(at, vignette()), (later, second)];
    let bundle = export(&points, "test");
    let back = import(&bundle.to_string()).unwrap();
    let read = back.time_points();
    assert_eq!(read.len(), 2);
    for ((t0, p0), (t1, p1)) in points.iter().zip(&read) {
        assert_eq!(t0, t1);
        assert_eq!(p0, p1);
        assert_eq!(iectox::assess(p0), iectox::assess(p1));
    }
    // Every input used, every result recognised as IEC-Tox's own.
    assert!(
        back.report.iter().all(|r| matches!(
            r.outcome,
            Outcome::Used { .. }
                | Outcome::Ignored {
                    reason: IgnoreReason::IecToxResult | IgnoreReason::UnsupportedResource
                }
        )),
        "{:?}",
        back.report
            .iter()
            .filter(|r| !matches!(r.outcome, Outcome::Used { .. }))
            .collect::<Vec<_>>()
    );
}

#[test]
fn export_structure_codes_units_results_and_provenance() {
    let at = parse_date_time("2026-12-01T09:00:00Z").unwrap();
    let bundle = export(&[(at, vignette())], "9.9.9");
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    let entries = bundle["entry"].as_array().unwrap();
    let resource = |pred: &dyn Fn(&Value) -> bool| {
        entries
            .iter()
            .map(|e| &e["resource"])
            .find(|r| pred(r))
            .cloned()
            .unwrap()
    };
    for e in entries {
        assert!(e["fullUrl"].as_str().unwrap().starts_with("urn:uuid:"));
    }
    // Ferritin with its primary LOINC code and UCUM unit.
    let ferritin = resource(&|r| r["code"]["coding"][0]["code"] == "2276-4");
    assert_eq!(ferritin["valueQuantity"]["code"], "ng/mL");
    assert_eq!(
        ferritin["valueQuantity"]["system"],
        "http://unitsofmeasure.org"
    );
    assert_eq!(ferritin["effectiveDateTime"], "2026-12-01T09:00:00Z");
    let temp = resource(&|r| r["code"]["coding"][0]["code"] == "8310-5");
    assert_eq!(temp["valueQuantity"]["code"], "Cel");
    // A finding in the project's input system.
    let hep = resource(&|r| r["code"]["coding"][0]["code"] == "hepatomegaly");
    assert_eq!(hep["code"]["coding"][0]["system"], INPUT_SYSTEM);
    assert_eq!(hep["valueBoolean"], true);
    // The HScore result: 264, met, derived from the inputs.
    let hscore = resource(&|r| r["code"]["coding"][0]["code"] == "hscore");
    assert_eq!(hscore["code"]["coding"][0]["system"], SCORE_SYSTEM);
    assert_eq!(hscore["valueInteger"], 264);
    assert_eq!(hscore["interpretation"][0]["coding"][0]["code"], "POS");
    assert!(hscore["derivedFrom"].as_array().unwrap().len() > 10);
    let prov = resource(&|r| r["resourceType"] == "Provenance");
    assert_eq!(prov["agent"][0]["who"]["display"], "IEC-Tox 9.9.9");
    assert_eq!(prov["target"].as_array().unwrap().len(), entries.len() - 1);
}

#[test]
fn medication_names_match_in_any_case() {
    // The names are matched on an ASCII lower-case form (Unicode's case tables are not in the
    // app); KELVIN SIGN still lower-cases to `k`, as `str::to_lowercase` does.
    let drug = |text: &str| {
        let med = json!({"resourceType": "MedicationAdministration", "id": "m",
            "status": "completed", "medicationCodeableConcept": {"text": text},
            "effectiveDateTime": "2026-12-01T10:00:00Z"});
        import(&med.to_string())
            .unwrap()
            .treatments
            .first()
            .map(|t| t.drug)
    };
    assert_eq!(
        drug("TOCILIZUMAB 8 mg/kg"),
        Some(TreatmentDrug::Tocilizumab)
    );
    assert_eq!(drug("Dexamethasone"), Some(TreatmentDrug::Dexamethasone));
    assert_eq!(
        drug("MethylPrednisolone"),
        Some(TreatmentDrug::Methylprednisolone)
    );
    assert_eq!(drug("ANA\u{212A}INRA"), Some(TreatmentDrug::Anakinra));
    // A dotted capital I lower-cases to i + U+0307, which never matched.
    assert_eq!(drug("TOC\u{130}LIZUMAB"), None);
}
