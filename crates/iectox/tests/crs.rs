//! ASTCT CRS grade (Lee 2019): boundaries, errata, missing data, properties.

// Tests build patients field by field from the default, as a form would.
#![allow(clippy::field_reassign_with_default)]

use iectox::patient::OxygenDevice;
use iectox::scores::crs::{self, CrsDomain, CrsNote, FeverFinding};
use iectox::units::{Age, OxygenFlow, Quantity, Temperature, Unit};
use iectox::{Conclusion, Field, Patient, Range};
use proptest::prelude::*;

fn temp(v: f64, unit: Unit) -> Temperature {
    Temperature::new(v, unit).unwrap()
}

fn flow(v: f64) -> OxygenFlow {
    OxygenFlow::new(v, Unit::LPerMin).unwrap()
}

/// Febrile, no hypotension, no oxygen, alive: grade 1.
fn febrile() -> Patient {
    let mut p = Patient::default();
    p.temperature = Some(temp(38.5, Unit::Celsius));
    p.fever_masking_therapy = Some(false);
    p.hypotension = Some(false);
    p.vasopressors = Some(0);
    p.vasopressin = Some(false);
    p.oxygen_device = Some(OxygenDevice::None);
    p.crs_death = Some(false);
    p
}

fn grade(p: &Patient) -> Option<u16> {
    crs::assess(p).assessment.value
}

fn item_points(p: &Patient, d: CrsDomain) -> Option<u16> {
    crs::assess(p).assessment.item(d).unwrap().points
}

// ---- Fever boundary: T ≥ 38.0 °C (100.4 °F) ----

#[test]
fn fever_boundary_celsius() {
    for (t, expected) in [(37.9, 0), (38.0, 1), (38.1, 1)] {
        let mut p = febrile();
        p.temperature = Some(temp(t, Unit::Celsius));
        assert_eq!(grade(&p), Some(expected), "{t} °C");
    }
}

#[test]
fn fever_boundary_fahrenheit() {
    for (t, expected) in [(100.3, 0), (100.4, 1), (100.5, 1)] {
        let mut p = febrile();
        p.temperature = Some(temp(t, Unit::Fahrenheit));
        assert_eq!(grade(&p), Some(expected), "{t} °F");
    }
}

#[test]
fn fever_finding_reported() {
    let a = crs::assess(&febrile());
    assert_eq!(a.fever, Some(FeverFinding::Fever));
    assert_eq!(a.deciding, vec![CrsDomain::Fever]);
    let mut p = febrile();
    p.temperature = Some(temp(37.0, Unit::Celsius));
    let a = crs::assess(&p);
    assert_eq!(a.fever, Some(FeverFinding::NoFever));
    assert_eq!(a.assessment.conclusion, Conclusion::NotMet);
}

#[test]
fn fever_not_required_after_antipyretic_or_anticytokine_therapy() {
    let mut p = febrile();
    p.temperature = Some(temp(37.0, Unit::Celsius));
    p.fever_masking_therapy = Some(true);
    p.vasopressors = Some(1);
    let a = crs::assess(&p);
    assert_eq!(a.assessment.value, Some(3));
    assert_eq!(a.fever, Some(FeverFinding::NotRequired));
    assert!(a.notes.contains(&CrsNote::FeverNotRequiredAfterTherapy));
    // the temperature is not needed then
    p.temperature = None;
    assert_eq!(grade(&p), Some(3));
}

#[test]
fn no_fever_no_therapy_is_grade_0_whatever_the_support() {
    let mut p = febrile();
    p.temperature = Some(temp(37.2, Unit::Celsius));
    p.vasopressors = Some(2);
    p.oxygen_device = Some(OxygenDevice::MechanicalVentilation);
    assert_eq!(grade(&p), Some(0));
}

// ---- Hypotension domain ----

#[test]
fn hypotension_domain_grades() {
    let cases = [
        (false, 0, false, 1),
        (true, 0, false, 2),
        (true, 1, false, 3),
        (true, 1, true, 3),
        (true, 2, false, 4),
        (true, 2, true, 4),
        (true, 3, false, 4),
    ];
    for (h, n, v, expected) in cases {
        let mut p = febrile();
        p.hypotension = Some(h);
        p.vasopressors = Some(n);
        p.vasopressin = Some(v);
        assert_eq!(item_points(&p, CrsDomain::Hypotension), Some(expected));
        assert_eq!(grade(&p), Some(expected), "{h} {n} {v}");
    }
}

#[test]
fn vasopressin_alone_is_one_vasopressor() {
    let mut p = febrile();
    p.hypotension = Some(true);
    p.vasopressin = Some(true);
    let a = crs::assess(&p);
    assert_eq!(a.assessment.value, Some(3));
    assert!(a
        .notes
        .contains(&CrsNote::VasopressinAloneCountedAsOneVasopressor));
}

#[test]
fn vasopressin_does_not_make_multiple() {
    // one norepinephrine + vasopressin = grade 3, not 4 ("excluding vasopressin")
    let mut p = febrile();
    p.hypotension = Some(true);
    p.vasopressors = Some(1);
    p.vasopressin = Some(true);
    assert_eq!(grade(&p), Some(3));
}

// ---- Hypoxia domain ----

#[test]
fn nasal_cannula_flow_boundary() {
    for (f, expected) in [(5.9, 2), (6.0, 2), (6.1, 3)] {
        let mut p = febrile();
        p.oxygen_device = Some(OxygenDevice::NasalCannula);
        p.oxygen_flow = Some(flow(f));
        assert_eq!(grade(&p), Some(expected), "{f} L/min");
    }
}

#[test]
fn devices_grade_by_support() {
    let cases = [
        (OxygenDevice::None, 1),
        (OxygenDevice::BlowBy, 2),
        (OxygenDevice::HighFlowNasalCannula, 3),
        (OxygenDevice::Facemask, 3),
        (OxygenDevice::NonRebreather, 3),
        (OxygenDevice::Venturi, 3),
        (OxygenDevice::Cpap, 4),
        (OxygenDevice::Bipap, 4),
        (OxygenDevice::MechanicalVentilation, 4),
    ];
    for (device, expected) in cases {
        let mut p = febrile();
        p.oxygen_device = Some(device);
        // the flow is not needed for these devices
        let a = crs::assess(&p);
        assert_eq!(a.assessment.value, Some(expected), "{device:?}");
        assert!(a.assessment.missing.is_empty());
    }
}

#[test]
fn worse_domain_wins_and_decides() {
    // 39.5 °C + one vasopressor + low-flow cannula = grade 3 (spec §3 example)
    let mut p = febrile();
    p.temperature = Some(temp(39.5, Unit::Celsius));
    p.hypotension = Some(true);
    p.vasopressors = Some(1);
    p.oxygen_device = Some(OxygenDevice::NasalCannula);
    p.oxygen_flow = Some(flow(3.0));
    let a = crs::assess(&p);
    assert_eq!(a.assessment.value, Some(3));
    assert_eq!(a.deciding, vec![CrsDomain::Hypotension]);
    p.oxygen_device = Some(OxygenDevice::Venturi);
    assert_eq!(
        crs::assess(&p).deciding,
        vec![CrsDomain::Hypotension, CrsDomain::Hypoxia]
    );
}

#[test]
fn organ_toxicity_never_changes_the_grade() {
    use iectox::units::{Ast, Creatinine};
    let mut p = febrile();
    let before = crs::assess(&p).assessment;
    p.other_organ_toxicity_grade = Some(4);
    p.creatinine = Some(Creatinine::new(8.0, Unit::MgPerDl).unwrap());
    p.creatinine_uln = Some(Creatinine::new(1.0, Unit::MgPerDl).unwrap());
    p.ast = Some(Ast::new(2000.0, Unit::UPerL).unwrap());
    p.coagulopathy = Some(true);
    assert_eq!(crs::assess(&p).assessment, before);
}

// ---- Errata (spec §10 items 1–5): the primary rule runs ----

#[test]
fn erratum_1_fever_is_at_least_38() {
    let mut p = febrile();
    p.temperature = Some(temp(37.5, Unit::Celsius));
    assert_eq!(grade(&p), Some(0)); // review: "Fever (temp. < 38 °C)"
    p.temperature = Some(temp(38.0, Unit::Celsius));
    assert_eq!(grade(&p), Some(1));
}

#[test]
fn errata_2_3_no_pao2_spo2_or_blood_pressure_input() {
    for f in Field::ALL {
        let label = f.label().to_lowercase();
        for word in ["pao", "spo", "sbp", "systolic", "blood pressure", "mmhg"] {
            assert!(!label.contains(word), "{f:?} looks like a {word} input");
        }
    }
    // hypotension is graded by the treatment it needs, never by a number
    let mut p = febrile();
    p.hypotension = Some(true);
    assert_eq!(grade(&p), Some(2));
    let a = crs::assess(&p);
    let needed: Vec<Field> = a
        .assessment
        .items
        .iter()
        .flat_map(|i| i.missing.clone())
        .collect();
    assert!(needed.is_empty());
}

#[test]
fn erratum_4_six_litres_is_grade_2_and_facemask_is_grade_3() {
    let mut p = febrile();
    p.oxygen_device = Some(OxygenDevice::NasalCannula);
    p.oxygen_flow = Some(flow(6.0));
    assert_eq!(grade(&p), Some(2));
    p.oxygen_device = Some(OxygenDevice::Facemask);
    p.oxygen_flow = Some(flow(4.0));
    assert_eq!(grade(&p), Some(3));
    p.oxygen_device = Some(OxygenDevice::NonRebreather);
    assert_eq!(grade(&p), Some(3));
    p.oxygen_device = Some(OxygenDevice::Venturi);
    assert_eq!(grade(&p), Some(3));
}

#[test]
fn erratum_5_grade_5_exists() {
    let mut p = febrile();
    p.crs_death = Some(true);
    let a = crs::assess(&p);
    assert_eq!(a.assessment.value, Some(5));
    assert_eq!(a.deciding, vec![CrsDomain::Death]);
    assert_eq!(a.assessment.conclusion, Conclusion::Met);
}

// ---- Missing data ----

#[test]
fn flow_missing_for_nasal_cannula() {
    let mut p = febrile();
    p.oxygen_device = Some(OxygenDevice::NasalCannula);
    let a = crs::assess(&p).assessment;
    assert_eq!(a.value, None);
    assert_eq!(a.range, Range::new(2, 3));
    assert_eq!(a.missing, vec![Field::OxygenFlow]);
    assert_eq!(a.conclusion, Conclusion::Met);
    let hypoxia = a.item(CrsDomain::Hypoxia).unwrap();
    assert_eq!(hypoxia.range, Range::new(2, 3));
}

#[test]
fn flow_missing_does_not_matter_when_hypotension_is_worse() {
    let mut p = febrile();
    p.oxygen_device = Some(OxygenDevice::NasalCannula);
    p.hypotension = Some(true);
    p.vasopressors = Some(2);
    let a = crs::assess(&p).assessment;
    assert_eq!(a.value, Some(4));
    assert!(a.missing.is_empty());
    // the domain still says what it lacks
    assert_eq!(
        a.item(CrsDomain::Hypoxia).unwrap().missing,
        vec![Field::OxygenFlow]
    );
}

#[test]
fn missing_fever_with_support_includes_0() {
    let mut p = febrile();
    p.temperature = None;
    p.fever_masking_therapy = None;
    p.hypotension = Some(true);
    p.vasopressors = Some(2);
    let a = crs::assess(&p).assessment;
    assert_eq!(a.value, None);
    assert_eq!(a.range, Range::new(0, 4));
    assert_eq!(a.conclusion, Conclusion::Undetermined);
    assert_eq!(
        a.missing,
        vec![Field::Temperature, Field::FeverMaskingTherapy]
    );
}

#[test]
fn normal_temperature_without_therapy_answer_is_undetermined() {
    let mut p = febrile();
    p.temperature = Some(temp(37.0, Unit::Celsius));
    p.fever_masking_therapy = None;
    p.oxygen_device = Some(OxygenDevice::Bipap);
    let a = crs::assess(&p).assessment;
    assert_eq!(a.range, Range::new(0, 4));
    assert_eq!(a.missing, vec![Field::FeverMaskingTherapy]);
}

#[test]
fn death_unanswered_is_read_as_no() {
    let mut p = febrile();
    p.crs_death = None;
    let a = crs::assess(&p).assessment;
    // the grade of the fever alone: an unanswered death question is "no"
    assert_eq!(a.value, Some(1));
    assert_eq!(a.range, Range::exact(1));
    assert!(!a.missing.contains(&Field::CrsDeath));
    assert!(a.missing.is_empty());
    assert_eq!(a.conclusion, Conclusion::Met);
    // with hypotension on one vasopressor, the grade is that of the hypotension, not up to 5
    p.hypotension = Some(true);
    p.vasopressors = Some(1);
    assert_eq!(grade(&p), Some(3));
    // a recorded death still gives 5
    p.crs_death = Some(true);
    let a = crs::assess(&p).assessment;
    assert_eq!(a.value, Some(5));
    assert_eq!(a.range, Range::exact(5));
}

#[test]
fn nothing_entered() {
    let a = crs::assess(&Patient::default());
    assert_eq!(a.assessment.value, None);
    // an unanswered death question is "no": 5 is not reachable
    assert_eq!(a.assessment.range, Range::new(0, 4));
    assert!(!a.assessment.missing.contains(&Field::CrsDeath));
    assert_eq!(a.assessment.conclusion, Conclusion::Undetermined);
    assert!(a.deciding.is_empty());
    assert_eq!(a.assessment.sources, vec![iectox::sources::Source::Lee2019]);
}

#[test]
fn vasopressor_count_unknown_with_vasopressin() {
    let mut p = febrile();
    p.hypotension = None;
    p.vasopressors = None;
    p.vasopressin = Some(true);
    let a = crs::assess(&p).assessment;
    let h = a.item(CrsDomain::Hypotension).unwrap();
    assert_eq!(h.range, Range::new(3, 4));
    // whether hypotension is present does not matter any more
    assert_eq!(h.missing, vec![Field::Vasopressors]);
}

#[test]
fn no_hypotension_answer_does_not_hide_vasopressors() {
    // "no hypotension" but vasopressors unknown: a normal pressure on norepinephrine must not
    // be read as grade 1
    let mut p = febrile();
    p.vasopressors = None;
    p.vasopressin = None;
    let a = crs::assess(&p).assessment;
    assert_eq!(a.range, Range::new(1, 4));
    assert_eq!(a.missing, vec![Field::Vasopressors, Field::Vasopressin]);
}

// ---- Properties ----

#[derive(Clone, Debug)]
struct Inputs {
    temperature: Option<f64>,
    masking: Option<bool>,
    hypotension: Option<bool>,
    vasopressors: Option<u8>,
    vasopressin: Option<bool>,
    device: Option<usize>,
    flow: Option<f64>,
    death: Option<bool>,
}

impl Inputs {
    fn patient(&self) -> Patient {
        let mut p = Patient::default();
        p.temperature = self.temperature.map(|t| temp(t, Unit::Celsius));
        p.fever_masking_therapy = self.masking;
        p.hypotension = self.hypotension;
        p.vasopressors = self.vasopressors;
        p.vasopressin = self.vasopressin;
        p.oxygen_device = self.device.map(|i| crs::DEVICES[i]);
        p.oxygen_flow = self.flow.map(flow);
        p.crs_death = self.death;
        p
    }

    /// Every completion of the missing inputs, by representative values.
    fn completions(&self) -> Vec<Inputs> {
        fn opts<T: Clone>(v: &Option<T>, all: &[T]) -> Vec<Option<T>> {
            match v {
                Some(x) => vec![Some(x.clone())],
                None => all.iter().cloned().map(Some).collect(),
            }
        }
        // an unanswered death is "no" (not a missing input): its one completion is Some(false)
        let death = Some(self.death.unwrap_or(false));
        let mut out = Vec::new();
        for temperature in opts(&self.temperature, &[37.0, 38.0, 40.0]) {
            for masking in opts(&self.masking, &[false, true]) {
                for hypotension in opts(&self.hypotension, &[false, true]) {
                    for vasopressors in opts(&self.vasopressors, &[0, 1, 2, 3]) {
                        for vasopressin in opts(&self.vasopressin, &[false, true]) {
                            for device in opts(&self.device, &(0..10).collect::<Vec<_>>()) {
                                for flow in opts(&self.flow, &[2.0, 6.0, 6.5, 15.0]) {
                                    out.push(Inputs {
                                        temperature,
                                        masking,
                                        hypotension,
                                        vasopressors,
                                        vasopressin,
                                        device,
                                        flow,
                                        death,
                                    });
                                }
                            }
                        }
                    }
                }
            }
        }
        out
    }
}

fn inputs() -> impl Strategy<Value = Inputs> {
    (
        proptest::option::of(prop_oneof![Just(37.9), Just(38.0), 35.0f64..42.0]),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(0u8..5),
        proptest::option::of(any::<bool>()),
        proptest::option::of(0usize..10),
        proptest::option::of(prop_oneof![Just(6.0), 0.5f64..20.0]),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            |(
                temperature,
                masking,
                hypotension,
                vasopressors,
                vasopressin,
                device,
                flow,
                death,
            )| {
                Inputs {
                    temperature,
                    masking,
                    hypotension,
                    vasopressors,
                    vasopressin,
                    device,
                    flow,
                    death,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn grade_is_the_worst_domain(i in inputs()) {
        let a = crs::assess(&i.patient());
        let points = |d| a.assessment.item(d).unwrap().points;
        if let (Some(g), Some(fever), Some(h), Some(x), Some(death)) = (
            a.assessment.value,
            points(CrsDomain::Fever),
            points(CrsDomain::Hypotension),
            points(CrsDomain::Hypoxia),
            points(CrsDomain::Death),
        ) {
            let expected = if death == 5 { 5 } else if fever == 1 { h.max(x) } else { 0 };
            prop_assert_eq!(g, expected);
        }
        prop_assert!(a.assessment.range.min <= a.assessment.range.max);
        prop_assert!(a.assessment.range.max <= 5);
        prop_assert_eq!(a.assessment.value.is_some(), a.assessment.missing.is_empty());
    }

    #[test]
    fn range_contains_every_completion_and_is_tight(i in inputs()) {
        let a = crs::assess(&i.patient()).assessment;
        let mut seen_min = false;
        let mut seen_max = false;
        for c in i.completions() {
            let full = crs::assess(&c.patient()).assessment;
            let g = full.value.expect("complete inputs give a grade");
            prop_assert!(a.range.contains(g), "{:?} gives {} outside {:?}", c, g, a.range);
            // the domain items contain the completed domains too
            for item in &full.items {
                prop_assert!(a.item(item.key).unwrap().range.contains(item.points.unwrap()));
            }
            seen_min |= g == a.range.min;
            seen_max |= g == a.range.max;
        }
        prop_assert!(seen_min && seen_max, "range {:?} not tight", a.range);
    }
}

// ----- paediatric hypotension (a note for children, §9.1) ---------------------------------

#[test]
fn paediatric_hypotension_is_70_plus_2_age_from_1_to_10_years_and_90_above() {
    let below =
        |v: f64, unit: Unit| crs::paediatric_hypotension_below_mmhg(Age::new(v, unit).unwrap());
    // Under 1 year: not given.
    assert_eq!(below(0.99, Unit::Years), None);
    assert_eq!(below(11.0, Unit::Months), None);
    // From 1 to 10 completed years: 70 + 2 × age.
    assert_eq!(below(1.0, Unit::Years), Some(72));
    assert_eq!(below(12.0, Unit::Months), Some(72));
    assert_eq!(below(1.99, Unit::Years), Some(72));
    assert_eq!(below(6.0, Unit::Years), Some(82));
    assert_eq!(below(9.99, Unit::Years), Some(88));
    assert_eq!(below(10.0, Unit::Years), Some(90));
    // Above 10 years: 90 mmHg, up to the adult age.
    assert_eq!(below(10.5, Unit::Years), Some(90));
    assert_eq!(below(17.99, Unit::Years), Some(90));
    assert_eq!(below(18.0, Unit::Years), None);
}

#[test]
fn paediatric_hypotension_never_changes_the_grade() {
    // The grade reads the support required only: the patient's age does not enter it.
    let mut p = Patient::default();
    p.temperature = Some(Temperature::new(39.0, Unit::Celsius).unwrap());
    p.hypotension = Some(true);
    p.vasopressors = Some(0);
    p.vasopressin = Some(false);
    p.oxygen_device = Some(OxygenDevice::None);
    p.crs_death = Some(false);
    let adult = crs::assess(&p).assessment;
    p.age = Some(Age::new(6.0, Unit::Years).unwrap());
    assert_eq!(crs::assess(&p).assessment, adult);
    assert_eq!(adult.value, Some(2));
}
