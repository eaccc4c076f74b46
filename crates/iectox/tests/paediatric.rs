//! Children and dose display (clinical spec §9.1, a binding product decision): adult or child
//! at its edges, the tocilizumab weight band, no adult fixed dose for a child, practical
//! rounding, supportive targets against the patient's values, and the tocilizumab log's
//! "exceeded" warnings.

use iectox::treatment::dose::{compute, DoseError, RoundingReason};
use iectox::treatment::population::{
    population, AgeGroup, Population, PopulationReason, ADULT_FROM_AGE_YEARS, ASK_UNDER_WEIGHT_KG,
};
use iectox::treatment::regimens::{
    crs_steps, plan, ChildDosing, DosingPatient, Drug, PlannedStep, Regimen, StepId, Trigger,
    ANAKINRA_CRS_DOSE, IEC_HS_STEPS, RUXOLITINIB_DOSE, TOCILIZUMAB_CHILD_DOSE, TOCILIZUMAB_DOSE,
};
use iectox::treatment::tocilizumab_log::{LogWarning, TocilizumabLog, HOUR};
use iectox::units::{
    Age, Fibrinogen, Haemoglobin, Height, Neutrophils, Platelets, Quantity, Unit, Weight,
};
use iectox::Patient;

fn kg(v: f64) -> Option<Weight> {
    Some(Weight::new(v, Unit::Kg).unwrap())
}
fn years(v: f64) -> Option<Age> {
    Some(Age::new(v, Unit::Years).unwrap())
}
fn cm(v: f64) -> Option<Height> {
    Some(Height::new(v, Unit::Cm).unwrap())
}
fn per_dose_high(weight_kg: f64) -> f64 {
    compute(TOCILIZUMAB_CHILD_DOSE, kg(weight_kg), None)
        .unwrap()
        .per_dose
        .unwrap()
        .high
}
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

// ----- adult or child -----------------------------------------------------------------------

#[test]
fn age_17_99_is_a_child_and_18_an_adult() {
    assert_eq!(ADULT_FROM_AGE_YEARS, 18.0);
    let p = |a| population(years(a), kg(70.0), None);
    assert_eq!(p(17.99).population, Population::Child);
    assert_eq!(p(17.99).reason, PopulationReason::AgeUnder18);
    assert_eq!(p(18.0).population, Population::Adult);
    assert_eq!(p(18.01).population, Population::Adult);
    // 215 months is 17.9 years; 216 months is 18 years.
    let months = |m| population(Some(Age::new(m, Unit::Months).unwrap()), None, None);
    assert_eq!(months(215.0).population, Population::Child);
    assert_eq!(months(216.0).population, Population::Adult);
}

#[test]
fn age_unknown_under_40_kg_asks_and_40_kg_reads_adult() {
    assert_eq!(ASK_UNDER_WEIGHT_KG, 40.0);
    let p = |w| population(None, kg(w), None);
    assert_eq!(p(39.9).population, Population::Undecided);
    assert_eq!(p(39.9).reason, PopulationReason::AgeUnknownWeightUnder40Kg);
    assert!(p(39.9).asks_adult_or_child());
    assert_eq!(p(40.0).population, Population::Adult);
    assert_eq!(p(40.0).reason, PopulationReason::AgeUnknownWeight40KgOrMore);
    // The age is unknown: the question is still offered.
    assert!(p(40.0).asks_adult_or_child());
    assert_eq!(p(40.1).population, Population::Adult);
}

#[test]
fn age_and_weight_unknown_asks_missing_is_not_normal() {
    let d = population(None, None, None);
    assert_eq!(d.population, Population::Undecided);
    assert_eq!(d.reason, PopulationReason::AgeAndWeightUnknown);
}

#[test]
fn the_clinicians_answer_decides_only_when_the_age_is_unknown() {
    let child = population(None, kg(70.0), Some(AgeGroup::Child));
    assert_eq!(child.population, Population::Child);
    assert_eq!(child.reason, PopulationReason::DeclaredChild);
    let adult = population(None, kg(35.0), Some(AgeGroup::Adult));
    assert_eq!(adult.population, Population::Adult);
    assert_eq!(adult.reason, PopulationReason::DeclaredAdult);
    // A known age wins over an answer.
    let known = population(years(10.0), kg(35.0), Some(AgeGroup::Adult));
    assert_eq!(known.population, Population::Child);
    assert!(!known.asks_adult_or_child());
}

// ----- tocilizumab weight band --------------------------------------------------------------

#[test]
fn tocilizumab_12_mg_per_kg_under_30_kg_and_8_from_30_kg() {
    let at = |w| compute(TOCILIZUMAB_CHILD_DOSE, kg(w), None).unwrap();
    let d = at(29.9);
    assert_eq!(d.mg_per_kg, Some(12.0));
    assert_eq!(d.below_weight_band, Some(true));
    assert!(close(d.per_dose.unwrap().high, 12.0 * 29.9));
    let d = at(30.0);
    assert_eq!(d.mg_per_kg, Some(8.0));
    assert_eq!(d.below_weight_band, Some(false));
    assert!(close(d.per_dose.unwrap().high, 240.0));
    assert!(close(per_dose_high(30.1), 8.0 * 30.1));
    assert!(close(per_dose_high(12.0), 144.0));
    // The cap is unchanged: 100 kg exactly 800 mg, 101 kg capped.
    assert!(close(per_dose_high(100.0), 800.0));
    assert!(close(per_dose_high(101.0), 800.0));
    assert!(
        compute(TOCILIZUMAB_CHILD_DOSE, kg(101.0), None)
            .unwrap()
            .capped
    );
}

#[test]
fn tocilizumab_band_in_pounds_converts_first() {
    // 66 lb = 29.94 kg: under 30 kg.
    let d = compute(
        TOCILIZUMAB_CHILD_DOSE,
        Some(Weight::new(66.0, Unit::Lb).unwrap()),
        None,
    )
    .unwrap();
    assert_eq!(d.mg_per_kg, Some(12.0));
}

/// Whether a text quotes a fixed amount ("10 mg", "100–200 mg/day"), not a rate per kg or m².
fn quotes_fixed_mg(text: &str) -> bool {
    text.match_indices(" mg").any(|(i, _)| {
        let after = &text[i + 3..];
        !(after.starts_with("/kg") || after.starts_with("/m²"))
    })
}

// ----- a 12 kg child ------------------------------------------------------------------------

fn child_12kg() -> DosingPatient {
    DosingPatient {
        weight: kg(12.0),
        height: cm(90.0),
        population: Population::Child,
    }
}

fn find(plan: &[PlannedStep], id: StepId) -> &PlannedStep {
    plan.iter().find(|p| p.step.id == id).unwrap()
}

/// Walks every regimen step for a 12 kg child: a dose is computed only where the rule is
/// documented for children, no adult fixed amount is ever computed, and no note shown to a
/// child quotes an adult dose.
#[test]
fn no_adult_fixed_dose_anywhere_for_a_12_kg_child() {
    for population in [Population::Child, Population::Undecided] {
        let patient = DosingPatient {
            population,
            ..child_12kg()
        };
        for &regimen in Regimen::ALL {
            for planned in plan(regimen.steps(), &patient) {
                for (phase, dose) in planned.step.regimen.iter().zip(&planned.doses) {
                    match dose {
                        Some(Ok(d)) => {
                            assert!(
                                matches!(
                                    phase.child,
                                    ChildDosing::SameRule | ChildDosing::OwnRule(_)
                                ),
                                "{:?} computed for a child",
                                planned.step.id
                            );
                            assert!(!d.rule.is_fixed(), "{:?}: fixed dose", planned.step.id);
                        }
                        Some(Err(e)) if !matches!(phase.child, ChildDosing::SameRule) => {
                            let expected = match (population, phase.child) {
                                (Population::Undecided, _) => DoseError::AskAdultOrChild,
                                (_, ChildDosing::AdultFixedDose) => DoseError::AdultDoseForChild,
                                (_, ChildDosing::WeightBandsNotComputed) => {
                                    DoseError::ChildWeightBandsNotComputed
                                }
                                _ => DoseError::NoChildRule,
                            };
                            assert_eq!(*e, expected, "{:?}", planned.step.id);
                        }
                        Some(Err(e)) => panic!("{:?}: {e}", planned.step.id),
                        None => {}
                    }
                }
                if let Some(note) = planned.note {
                    assert!(
                        !quotes_fixed_mg(note),
                        "{:?}: note quotes an adult dose: {note}",
                        planned.step.id
                    );
                }
            }
        }
    }
}

/// The tocilizumab dose of a CRS grade 2 plan for this weight and population.
fn tocilizumab_plan(weight_kg: f64, population: Population) -> Result<(f64, f64), DoseError> {
    let patient = DosingPatient {
        weight: kg(weight_kg),
        height: None,
        population,
    };
    let planned = plan(crs_steps(2), &patient);
    find(&planned, StepId::Tocilizumab).doses[0]
        .clone()
        .unwrap()
        .map(|d| (d.mg_per_kg.unwrap(), d.per_dose.unwrap().high))
}

#[test]
fn tocilizumab_band_is_for_children_adults_take_8_mg_per_kg() {
    // Child: 12 mg/kg under 30 kg, 8 mg/kg from 30 kg.
    let child = |w| tocilizumab_plan(w, Population::Child).unwrap();
    assert_eq!(child(29.9).0, 12.0);
    assert!(close(child(29.9).1, 358.8));
    assert_eq!(child(30.0), (8.0, 240.0));
    assert!(close(child(30.1).1, 240.8));
    // Adult: 8 mg/kg at any weight (decision 8).
    let adult = |w| tocilizumab_plan(w, Population::Adult).unwrap();
    assert_eq!(adult(28.0), (8.0, 224.0));
    assert!(close(adult(29.9).1, 239.2));
    assert_eq!(adult(30.0), (8.0, 240.0));
    // Undecided: from 30 kg both rules agree, so the dose is shown; under 30 kg they differ,
    // so "adult or child?" comes first.
    assert_eq!(
        tocilizumab_plan(30.0, Population::Undecided),
        Ok((8.0, 240.0))
    );
    assert_eq!(
        tocilizumab_plan(35.0, Population::Undecided),
        Ok((8.0, 280.0))
    );
    assert_eq!(
        tocilizumab_plan(29.9, Population::Undecided),
        Err(DoseError::AskAdultOrChild)
    );
    // No weight: the weight is asked for, whoever the patient is.
    let no_weight = DosingPatient {
        weight: None,
        height: None,
        population: Population::Undecided,
    };
    assert_eq!(
        find(&plan(crs_steps(2), &no_weight), StepId::Tocilizumab).doses[0],
        Some(Err(DoseError::MissingWeight))
    );
}

/// The plan as the CLI and the JS API write it: for a child no adult fixed amount appears
/// anywhere in it, as a dose rule or in a note (§9.1), while an adult's plan keeps them.
#[cfg(feature = "serde")]
#[test]
fn serialised_plan_for_a_child_shows_no_adult_fixed_dose() {
    fn fixed_rules(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(k) = m.get("kind").and_then(|k| k.as_str()) {
                    if ["fixed", "fixed_range", "per_day"].contains(&k) {
                        out.push(v.to_string());
                    }
                }
                m.values().for_each(|x| fixed_rules(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| fixed_rules(x, out)),
            _ => {}
        }
    }
    for population in [Population::Child, Population::Undecided, Population::Adult] {
        let patient = DosingPatient {
            population,
            ..child_12kg()
        };
        let mut fixed = Vec::new();
        let mut notes = Vec::new();
        for &regimen in Regimen::ALL {
            let json = serde_json::to_value(plan(regimen.steps(), &patient)).unwrap();
            fixed_rules(&json, &mut fixed);
            for s in json.as_array().unwrap() {
                for text in [
                    &s["step"]["note"],
                    &s["step"]["note_es"],
                    &s["step"]["verification"]["review_said"],
                ] {
                    if let Some(n) = text.as_str() {
                        notes.push(n.to_string());
                    }
                }
            }
        }
        let quoting: Vec<_> = notes.iter().filter(|n| quotes_fixed_mg(n)).collect();
        if population == Population::Adult {
            assert!(!fixed.is_empty() && !quoting.is_empty());
        } else {
            assert_eq!(fixed, Vec::<String>::new(), "{population:?}");
            assert_eq!(quoting, Vec::<&String>::new(), "{population:?}");
        }
    }
    // A child's tocilizumab step shows the children's rule in the adult rule's place.
    let json = serde_json::to_value(plan(crs_steps(2), &child_12kg())).unwrap();
    let toci = json
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"]["id"] == "tocilizumab")
        .unwrap();
    assert_eq!(
        toci["step"]["regimen"][0]["dose"]["kind"],
        "per_kg_by_weight_band"
    );
    assert_eq!(toci["doses"][0]["Ok"]["mg_per_kg"], 12.0);
}

#[test]
fn a_12_kg_child_gets_tocilizumab_144_mg_anakinra_24_mg_q6h_and_etoposide_by_bsa() {
    let grade4 = plan(crs_steps(4), &child_12kg());
    let toci = find(&grade4, StepId::Tocilizumab).doses[0]
        .clone()
        .unwrap()
        .unwrap();
    assert!(close(toci.per_dose.unwrap().high, 144.0));
    assert_eq!(toci.mg_per_kg, Some(12.0));
    let ana = find(&grade4, StepId::Anakinra).doses[0]
        .clone()
        .unwrap()
        .unwrap();
    assert!(close(ana.per_dose.unwrap().high, 24.0));
    assert!(!ana.capped);
    assert_eq!(
        find(&grade4, StepId::Dexamethasone).doses[0],
        Some(Err(DoseError::AdultDoseForChild))
    );
    assert!(find(&grade4, StepId::MethylprednisolonePulse)
        .doses
        .iter()
        .all(|d| d == &Some(Err(DoseError::AdultDoseForChild))));

    let iec = plan(IEC_HS_STEPS, &child_12kg());
    // BSA sqrt(90 × 12 / 3600) = 0.5477 → 0.55 m²: 41.25–55 mg.
    let eto = find(&iec, StepId::Etoposide).doses[0]
        .clone()
        .unwrap()
        .unwrap();
    assert_eq!(eto.bsa_m2, Some(0.55));
    assert!(close(eto.per_dose.unwrap().low, 41.25) && close(eto.per_dose.unwrap().high, 55.0));
    assert_eq!(
        find(&iec, StepId::Ruxolitinib).doses[0],
        Some(Err(DoseError::ChildWeightBandsNotComputed))
    );
    for id in [
        StepId::AnakinraLowDose,
        StepId::AnakinraHighDose,
        StepId::IntrathecalCytarabine,
        StepId::IntrathecalHydrocortisone,
    ] {
        assert_eq!(
            find(&iec, id).doses[0],
            Some(Err(DoseError::AdultDoseForChild)),
            "{id:?}"
        );
    }
}

#[test]
fn an_adult_is_unchanged() {
    let adult = DosingPatient {
        weight: kg(70.0),
        height: cm(175.0),
        population: Population::Adult,
    };
    let grade3 = plan(crs_steps(3), &adult);
    let toci = find(&grade3, StepId::Tocilizumab).doses[0]
        .clone()
        .unwrap()
        .unwrap();
    assert!(close(toci.per_dose.unwrap().high, 560.0));
    let dexa = find(&grade3, StepId::Dexamethasone).doses[0]
        .clone()
        .unwrap()
        .unwrap();
    assert!(close(dexa.per_dose.unwrap().high, 10.0));
    assert!(grade3.iter().any(|p| p.note.is_some_and(quotes_fixed_mg)));
}

// ----- rounding (§9.1) ----------------------------------------------------------------------

#[test]
fn ruxolitinib_rounding_states_step_reason_and_large_differences() {
    let at = |w| {
        compute(RUXOLITINIB_DOSE, kg(w), None)
            .unwrap()
            .rounding
            .unwrap()
    };
    // 70 kg: 10.5 mg → 10 mg, −4.8 %: not flagged.
    let r = at(70.0);
    assert_eq!(r.step_mg, 2.5);
    assert_eq!(r.reason, RoundingReason::WeightBandStep);
    assert_eq!(r.rounded.unwrap().high, 10.0);
    assert!(!r.difference_shown());
    // 20 kg: 3 mg → 2.5 mg, −16.7 %: flagged.
    let r = at(20.0);
    assert!(close(r.unrounded.high, 3.0));
    assert_eq!(r.rounded.unwrap().high, 2.5);
    assert!((r.difference_percent - 16.666_666_7).abs() < 1e-6);
    assert!(r.difference_shown());
    // Exactly one step (2.5 mg at 16 2/3 kg) is given as one step.
    let r = at(50.0 / 3.0);
    assert!(!r.below_smallest_step);
    assert_eq!(r.rounded.unwrap().high, 2.5);
    // Below one step — 1.8 mg at 12 kg, 0.525 mg at 3.5 kg — the dose is below the smallest
    // practical unit and shown as such (§9.1): neither "≈ 0 mg" nor rounded up to 2.5 mg.
    for w in [12.0, 3.5] {
        let r = at(w);
        assert!(r.below_smallest_step, "{w} kg");
        assert_eq!(r.rounded, None);
        assert_eq!(r.difference_percent, 0.0);
    }
}

#[test]
fn per_kg_doses_round_to_whole_milligrams() {
    let d = compute(TOCILIZUMAB_DOSE, kg(70.3), None).unwrap();
    let r = d.rounding.unwrap();
    assert_eq!(r.reason, RoundingReason::WholeMilligram);
    assert!(close(r.unrounded.high, 562.4));
    assert_eq!(r.rounded.unwrap().high, 562.0);
    assert!(r.changes_dose());
    let r = compute(ANAKINRA_CRS_DOSE, kg(12.0), None)
        .unwrap()
        .rounding
        .unwrap();
    assert!(!r.changes_dose());
    // Fixed doses are not rounded.
    let dexa = plan(
        crs_steps(3),
        &DosingPatient {
            weight: kg(70.0),
            height: None,
            population: Population::Adult,
        },
    );
    let d = find(&dexa, StepId::Dexamethasone).doses[0]
        .clone()
        .unwrap()
        .unwrap();
    assert_eq!(d.rounding, None);
}

// ----- conditions and targets ---------------------------------------------------------------

#[test]
fn iec_hs_transfusion_steps_are_conditional() {
    for step in IEC_HS_STEPS {
        assert_ne!(step.trigger, Trigger::Always, "{:?}", step.id);
    }
    let fib = IEC_HS_STEPS
        .iter()
        .find(|s| s.id == StepId::FibrinogenReplacement)
        .unwrap();
    assert_eq!(fib.trigger, Trigger::BelowTarget);
}

fn target_of(id: StepId, i: usize) -> iectox::treatment::Target {
    IEC_HS_STEPS.iter().find(|s| s.id == id).unwrap().targets[i]
}

#[test]
fn fibrinogen_target_against_the_patients_value_at_the_boundary() {
    let without_bleeding = target_of(StepId::FibrinogenReplacement, 0);
    let with = |v: f64, u: Unit| {
        let p = Patient {
            fibrinogen: Some(Fibrinogen::new(v, u).unwrap()),
            ..Patient::default()
        };
        without_bleeding.check(&p).unwrap()
    };
    let c = with(0.9, Unit::GPerL);
    assert!(!c.met);
    assert_eq!((c.value, c.unit, c.target_in_unit), (0.9, Unit::GPerL, 1.0));
    // "> 100 mg/dL": exactly 1.0 g/L (= 100 mg/dL) is not above it.
    assert!(!with(1.0, Unit::GPerL).met);
    assert!(!with(100.0, Unit::MgPerDl).met);
    assert!(with(1.01, Unit::GPerL).met);
    assert!(with(101.0, Unit::MgPerDl).met);
    // With bleeding: > 150 mg/dL.
    let bleeding = target_of(StepId::FibrinogenReplacement, 1);
    let p = Patient {
        fibrinogen: Some(Fibrinogen::new(1.2, Unit::GPerL).unwrap()),
        ..Patient::default()
    };
    assert!(!bleeding.check(&p).unwrap().met);
    assert!(without_bleeding.check(&Patient::default()).is_none());
}

#[test]
fn haemoglobin_platelet_and_anc_targets_at_least() {
    let hb = target_of(StepId::RedCellTransfusion, 0);
    let p = |v, u| Patient {
        haemoglobin: Some(Haemoglobin::new(v, u).unwrap()),
        ..Patient::default()
    };
    assert!(hb.check(&p(7.0, Unit::GPerDl)).unwrap().met);
    assert!(!hb.check(&p(6.9, Unit::GPerDl)).unwrap().met);
    assert!(hb.check(&p(70.0, Unit::GPerL)).unwrap().met);
    assert!(!hb.check(&p(69.0, Unit::GPerL)).unwrap().met);

    let plt = target_of(StepId::PlateletTransfusion, 0);
    let p = |v, u| Patient {
        platelets: Some(Platelets::new(v, u).unwrap()),
        ..Patient::default()
    };
    assert!(plt.check(&p(50.0, Unit::E9PerL)).unwrap().met);
    assert!(!plt.check(&p(49_999.0, Unit::PerUl)).unwrap().met);

    let anc = target_of(StepId::GCsf, 0);
    let p = |v, u| Patient {
        neutrophils: Some(Neutrophils::new(v, u).unwrap()),
        ..Patient::default()
    };
    let c = anc.check(&p(0.5, Unit::E9PerL)).unwrap();
    assert!(c.met);
    assert_eq!(c.target_in_unit, 0.5);
    assert!(!anc.check(&p(0.499, Unit::E9PerL)).unwrap().met);
}

#[test]
fn every_step_with_a_drug_has_a_route_on_each_dosed_phase() {
    for &regimen in Regimen::ALL {
        for step in regimen.steps() {
            for phase in step.regimen {
                if phase.dose.is_some() && step.drug != Some(Drug::Thiamine) {
                    assert!(phase.route.is_some(), "{:?} has no route", step.id);
                }
            }
        }
    }
}

// ----- tocilizumab log: exceeded ------------------------------------------------------------

#[test]
fn a_fifth_dose_is_called_exceeded() {
    let doses: Vec<i64> = (0..5).map(|i| i * 12 * HOUR).collect();
    let log = TocilizumabLog::from_doses(&doses);
    let w = log.warnings(doses[4]);
    assert!(w.contains(&LogWarning::TotalExceeded { total: 5 }), "{w:?}");
    assert!(!w.contains(&LogWarning::FourDosesTotal));
    let four = TocilizumabLog::from_doses(&doses[..4]);
    let w = four.warnings(doses[3]);
    assert!(w.contains(&LogWarning::FourDosesTotal));
    assert!(!w
        .iter()
        .any(|x| matches!(x, LogWarning::TotalExceeded { .. })));
}

#[test]
fn four_doses_within_24_hours_is_called_exceeded() {
    // q7h: 0, 7, 14, 21 h — four doses in 24 h (and under 8 h apart).
    let doses = [0, 7 * HOUR, 14 * HOUR, 21 * HOUR];
    let w = TocilizumabLog::from_doses(&doses).warnings(21 * HOUR);
    assert!(
        w.contains(&LogWarning::In24hExceeded {
            count: 4,
            first: 0,
            last: 21 * HOUR
        }),
        "{w:?}"
    );
    // q8h: 0, 8, 16, 24 h — the fourth is exactly 24 h after the first: allowed.
    let doses = [0, 8 * HOUR, 16 * HOUR, 24 * HOUR];
    let w = TocilizumabLog::from_doses(&doses).warnings(24 * HOUR);
    assert!(!w
        .iter()
        .any(|x| matches!(x, LogWarning::In24hExceeded { .. })));
}
