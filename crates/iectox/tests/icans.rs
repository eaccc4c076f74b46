//! ASTCT ICANS grade (Lee 2019) with ICE and CAPD: boundaries, tool choice, missing data, and
//! property tests (range contains every completion; the grade is the worst domain).

// Tests build patients field by field from `Patient::default()`, as a form does.
#![allow(clippy::field_reassign_with_default)]

use iectox::patient::{CerebralEdema, Consciousness, IceItems, Seizure};
use iectox::scores::icans::{self, capd_grade, ice_grade, Domain, IceSource, Tool, ToolReason};
use iectox::sources::Source;
use iectox::units::{Age, Quantity, Unit};
use iectox::{Conclusion, Error, ErrorKind, Field, Patient, Status};
use proptest::prelude::*;

/// An adult with every non-encephalopathy domain known and normal.
fn adult() -> Patient {
    Patient {
        age: Some(Age::new(50.0, Unit::Years).unwrap()),
        consciousness: Some(Consciousness::Alert),
        seizure: Some(Seizure::None),
        motor_weakness: Some(false),
        cerebral_edema: Some(CerebralEdema::None),
        icans_death: Some(false),
        ..Patient::default()
    }
}

/// A child of 6 with every non-encephalopathy domain known and normal.
fn child() -> Patient {
    Patient {
        age: Some(Age::new(6.0, Unit::Years).unwrap()),
        ..adult()
    }
}

fn grade(p: &Patient) -> Option<u16> {
    icans::assess(p).assessment.value
}

fn ice(total: u8) -> Option<u16> {
    let mut p = adult();
    p.ice_total = Some(total);
    grade(&p)
}

fn capd(total: u8, c: Consciousness) -> Option<u16> {
    let mut p = child();
    p.capd_total = Some(total);
    p.consciousness = Some(c);
    grade(&p)
}

// ---------------------------------------------------------------- ICE boundaries

#[test]
fn ice_grade_helper() {
    let expected = [3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 0];
    for (total, g) in expected.iter().enumerate() {
        assert_eq!(ice_grade(total as u8), *g, "ICE {total}");
    }
}

#[test]
fn ice_boundaries() {
    assert_eq!(ice(10), Some(0));
    assert_eq!(ice(9), Some(1));
    assert_eq!(ice(8), Some(1));
    assert_eq!(ice(7), Some(1));
    assert_eq!(ice(6), Some(2));
    assert_eq!(ice(4), Some(2));
    assert_eq!(ice(3), Some(2));
    assert_eq!(ice(2), Some(3));
    assert_eq!(ice(1), Some(3));
    assert_eq!(ice(0), Some(3));
}

#[test]
fn ice_zero_awake_is_grade_3_unarousable_is_grade_4() {
    // Awake with global aphasia.
    let mut p = adult();
    p.ice_total = Some(0);
    p.consciousness = Some(Consciousness::AwakensSpontaneously);
    assert_eq!(grade(&p), Some(3));
    // Unarousable: consciousness carries grade 4.
    p.consciousness = Some(Consciousness::Unarousable);
    let a = icans::assess(&p).assessment;
    assert_eq!(a.value, Some(4));
    assert_eq!(a.item(Domain::Consciousness).unwrap().points, Some(4));
    assert_eq!(a.item(Domain::Ice).unwrap().points, Some(3));
}

#[test]
fn ice_items_are_summed() {
    let mut p = adult();
    p.ice_items = IceItems {
        orientation: Some(4),
        naming: Some(3),
        commands: Some(1),
        writing: Some(0),
        attention: Some(1),
    };
    let i = icans::assess(&p);
    assert_eq!(i.ice_source, IceSource::Items);
    assert_eq!(i.ice_total, Some((9, 9)));
    assert_eq!(i.assessment.value, Some(1));
}

#[test]
fn partial_ice_items_give_a_range() {
    let mut p = adult();
    p.ice_items.orientation = Some(4);
    p.ice_items.naming = Some(3);
    // Totals 7–10: grades 0–1.
    let i = icans::assess(&p);
    assert_eq!(i.ice_source, IceSource::PartialItems);
    assert_eq!(i.ice_total, Some((7, 10)));
    let item = i.assessment.item(Domain::Ice).unwrap();
    assert_eq!((item.range.min, item.range.max), (0, 1));
    assert_eq!(
        item.missing,
        vec![Field::IceCommands, Field::IceWriting, Field::IceAttention]
    );
    assert_eq!(i.assessment.value, None);
    assert_eq!((i.assessment.range.min, i.assessment.range.max), (0, 1));
    assert_eq!(i.assessment.conclusion, Conclusion::Undetermined);
    // Orientation 2 instead: totals 5–8, grades 1–2, ICANS present whatever the rest.
    p.ice_items.orientation = Some(2);
    let i = icans::assess(&p);
    assert_eq!(i.ice_total, Some((5, 8)));
    assert_eq!((i.assessment.range.min, i.assessment.range.max), (1, 2));
    assert_eq!(i.assessment.conclusion, Conclusion::Met);
}

#[test]
fn partial_ice_items_can_decide_the_grade() {
    let mut p = adult();
    p.ice_items.orientation = Some(0);
    p.ice_items.naming = Some(0);
    p.ice_items.commands = Some(0);
    // Totals 0–2: grade 3 whatever the rest.
    let i = icans::assess(&p);
    assert_eq!(i.assessment.value, Some(3));
    assert!(i.assessment.missing.is_empty());
}

#[test]
fn ice_total_used_when_items_incomplete() {
    let mut p = adult();
    p.ice_items.orientation = Some(4);
    p.ice_total = Some(6);
    let i = icans::assess(&p);
    assert_eq!(i.ice_source, IceSource::Total);
    assert_eq!(i.assessment.value, Some(2));
}

// ---------------------------------------------------------------- contradictory ICE (decision 12)

/// The errors `validate` gives about the ICE total.
fn ice_total_errors(p: &Patient) -> Vec<ErrorKind> {
    p.validate()
        .into_iter()
        .filter(|e| e.field == Field::IceTotal)
        .map(|e| e.kind)
        .collect()
}

#[test]
fn ice_total_impossible_with_partial_items_is_an_error_not_the_grade() {
    // The repro: adult, alert, ICE total 9, four items at 0 (at most 1 possible).
    let mut p = Patient {
        age: Some(Age::new(40.0, Unit::Years).unwrap()),
        consciousness: Some(Consciousness::Alert),
        ice_total: Some(9),
        ice_items: IceItems {
            orientation: Some(0),
            naming: Some(0),
            commands: Some(0),
            writing: Some(0),
            attention: None,
        },
        ..Patient::default()
    };
    let items = vec![
        Field::IceOrientation,
        Field::IceNaming,
        Field::IceCommands,
        Field::IceWriting,
    ];
    let errors = p.validate();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0],
        Error::new(
            Field::IceTotal,
            ErrorKind::TotalContradictsItems {
                total: 9,
                min: 0,
                max: 1,
                items: items.clone()
            }
        )
    );
    assert_eq!(
        errors[0].to_string(),
        "ICE total (0–10): 9 is impossible with the entered items (ICE orientation (0–4), \
         ICE naming (0–3), ICE following commands (0–1), ICE writing (0–1)), which allow 0–1; \
         correct the total or the items"
    );
    // Not grade 1 by the total, not grade 3 by the items: the ICE domain is unknown.
    let i = icans::assess(&p);
    assert_eq!(i.ice_source, IceSource::Contradictory);
    assert_eq!(i.ice_total, None);
    let ice = i.assessment.item(Domain::Ice).unwrap();
    assert_eq!(ice.status, Status::Unknown);
    assert_eq!((ice.range.min, ice.range.max), (0, 3));
    let mut both = vec![Field::IceTotal];
    both.extend(items.iter().copied());
    assert_eq!(ice.missing, both);
    assert_eq!(i.assessment.value, None);
    assert_ne!(i.assessment.missing, Vec::<Field>::new());
    for f in &both {
        assert!(i.assessment.missing.contains(f), "{f:?}");
    }
    // Seizure, motor and edema unknown as in the repro: 0–4; known normal: the ICE's 0–3.
    assert_eq!((i.assessment.range.min, i.assessment.range.max), (0, 4));
    p.seizure = Some(Seizure::None);
    p.motor_weakness = Some(false);
    p.cerebral_edema = Some(CerebralEdema::None);
    let a = icans::assess(&p).assessment;
    assert_eq!((a.range.min, a.range.max), (0, 3));
    assert_eq!(a.conclusion, Conclusion::Undetermined);
    // Correcting the total to one the items allow decides it again (0–1: grade 3).
    p.ice_total = Some(1);
    assert!(p.validate().is_empty());
    assert_eq!(grade(&p), Some(3));
}

#[test]
fn ice_total_consistent_with_partial_items_is_accepted() {
    // Orientation 2 and naming 3: totals 5–8 possible.
    let mut p = adult();
    p.ice_items.orientation = Some(2);
    p.ice_items.naming = Some(3);
    for ok in [5, 6, 8] {
        p.ice_total = Some(ok);
        assert!(ice_total_errors(&p).is_empty(), "total {ok}");
        let i = icans::assess(&p);
        assert_eq!(i.ice_source, IceSource::Total);
        assert_eq!(i.ice_total, Some((ok, ok)));
        assert_eq!(i.assessment.value, Some(u16::from(ice_grade(ok))));
    }
    // Just outside, below and above.
    for (bad, range) in [(4, (5, 8)), (9, (5, 8))] {
        p.ice_total = Some(bad);
        assert_eq!(
            ice_total_errors(&p),
            vec![ErrorKind::TotalContradictsItems {
                total: i64::from(bad),
                min: range.0,
                max: range.1,
                items: vec![Field::IceOrientation, Field::IceNaming]
            }],
            "total {bad}"
        );
        let i = icans::assess(&p);
        assert_eq!(i.ice_source, IceSource::Contradictory, "total {bad}");
        assert_eq!(i.assessment.value, None, "total {bad}");
    }
}

#[test]
fn ice_total_with_all_items_equal_or_not() {
    let mut p = adult();
    p.ice_items = IceItems {
        orientation: Some(4),
        naming: Some(3),
        commands: Some(1),
        writing: Some(0),
        attention: Some(1),
    };
    p.ice_total = Some(9);
    assert!(p.validate().is_empty());
    let i = icans::assess(&p);
    assert_eq!(i.ice_source, IceSource::Items);
    assert_eq!(i.assessment.value, Some(1));
    for bad in [8, 10] {
        p.ice_total = Some(bad);
        assert!(matches!(
            ice_total_errors(&p).as_slice(),
            [ErrorKind::TotalContradictsItems { min: 9, max: 9, items, .. }] if items.len() == 5
        ));
        let i = icans::assess(&p);
        assert_eq!(i.ice_source, IceSource::Contradictory);
        assert_eq!(i.assessment.value, None);
        assert_eq!((i.assessment.range.min, i.assessment.range.max), (0, 3));
    }
}

#[test]
fn invalid_ice_entries_are_their_own_error_not_a_contradiction() {
    // A total above 10 is out of range (and missing); it is not also "contradictory".
    let mut p = adult();
    p.ice_items.orientation = Some(0);
    p.ice_total = Some(11);
    assert_eq!(
        ice_total_errors(&p),
        vec![ErrorKind::CountOutOfRange {
            value: 11.0,
            min: 0,
            max: 10
        }]
    );
    assert_eq!(icans::assess(&p).ice_source, IceSource::PartialItems);
    // An item above its maximum is not entered: the total is checked against the others.
    p.ice_items.orientation = Some(9);
    p.ice_items.naming = Some(3);
    p.ice_total = Some(10);
    assert!(ice_total_errors(&p).is_empty());
    assert!(p
        .validate()
        .iter()
        .any(|e| e.field == Field::IceOrientation));
}

// ---------------------------------------------------------------- CAPD boundaries

#[test]
fn capd_boundaries() {
    use Consciousness::*;
    assert_eq!(capd(0, Alert), Some(0));
    assert_eq!(capd(1, Alert), Some(1));
    assert_eq!(capd(8, AwakensSpontaneously), Some(1));
    assert_eq!(capd(8, AwakensToVoice), Some(2));
    assert_eq!(capd(9, Alert), Some(3));
    assert_eq!(capd(10, Alert), Some(3));
    assert_eq!(capd(32, Alert), Some(3));
    assert_eq!(capd(7, AwakensSpontaneously), Some(1));
    // Awakens only to touch: consciousness itself is grade 3.
    assert_eq!(capd(5, AwakensToTouch), Some(3));
    assert_eq!(capd(5, Unarousable), Some(4));
}

#[test]
fn capd_grade_helper() {
    assert_eq!(capd_grade(0, None), Some(0));
    assert_eq!(capd_grade(8, None), None);
    assert_eq!(capd_grade(8, Some(Consciousness::AwakensToVoice)), Some(2));
    assert_eq!(capd_grade(9, None), Some(3));
}

#[test]
fn capd_1_to_8_without_consciousness_is_grade_1_or_2() {
    let mut p = child();
    p.capd_total = Some(4);
    p.consciousness = None;
    let i = icans::assess(&p);
    let item = i.assessment.item(Domain::Capd).unwrap();
    assert_eq!(item.status, Status::Unknown);
    assert_eq!((item.range.min, item.range.max), (1, 2));
    assert_eq!(item.missing, vec![Field::Consciousness]);
    // Consciousness unknown also opens its own domain (0–4).
    assert_eq!((i.assessment.range.min, i.assessment.range.max), (1, 4));
    assert_eq!(i.assessment.conclusion, Conclusion::Met);
    assert_eq!(i.assessment.missing, vec![Field::Consciousness]);
}

// ---------------------------------------------------------------- tool choice

#[test]
fn tool_by_age_setting() {
    let at = |years: f64, unit: Unit| {
        let mut p = Patient::default();
        p.age = Some(Age::new(years, unit).unwrap());
        let i = icans::assess(&p);
        (i.tool, i.tool_reason)
    };
    assert_eq!(
        at(11.9, Unit::Years),
        (Tool::Capd, ToolReason::AgeBelowSetting)
    );
    assert_eq!(
        at(12.0, Unit::Years),
        (Tool::Ice, ToolReason::AgeAtOrAboveSetting)
    );
    assert_eq!(at(143.0, Unit::Months).0, Tool::Capd);
    assert_eq!(at(144.0, Unit::Months).0, Tool::Ice);
    let mut p = Patient::default();
    p.age = Some(Age::new(12.5, Unit::Years).unwrap());
    p.settings.capd_below_age_years = 13;
    assert_eq!(icans::assess(&p).tool, Tool::Capd);
}

#[test]
fn developmental_delay_uses_capd_at_any_age() {
    let mut p = adult();
    p.developmental_delay = Some(true);
    p.capd_total = Some(12);
    p.ice_total = Some(10); // not used
    let i = icans::assess(&p);
    assert_eq!(
        (i.tool, i.tool_reason),
        (Tool::Capd, ToolReason::DevelopmentalDelay)
    );
    assert_eq!(i.assessment.value, Some(3));
    assert!(i.assessment.item(Domain::Ice).is_none());
    assert!(i.assessment.sources.contains(&Source::Traube2014));
}

#[test]
fn adults_use_ice_only() {
    let mut p = adult();
    p.ice_total = Some(10);
    p.capd_total = Some(20); // not used
    let i = icans::assess(&p);
    assert_eq!(i.tool, Tool::Ice);
    assert!(i.assessment.item(Domain::Capd).is_none());
    assert_eq!(i.assessment.value, Some(0));
    assert_eq!(i.assessment.conclusion, Conclusion::NotMet);
    assert_eq!(i.assessment.sources, vec![Source::Lee2019]);
}

#[test]
fn age_missing_assesses_both_tools() {
    let mut p = adult();
    p.age = None;
    p.ice_total = Some(10);
    let i = icans::assess(&p);
    assert_eq!(
        (i.tool, i.tool_reason),
        (Tool::Undetermined, ToolReason::AgeUnknown)
    );
    assert!(i.assessment.item(Domain::Ice).is_some());
    assert!(i.assessment.item(Domain::Capd).is_some());
    // ICE says 0, CAPD unknown (0–3): the grade is 0–3 and the age is missing.
    assert_eq!((i.assessment.range.min, i.assessment.range.max), (0, 3));
    assert!(i.assessment.missing.contains(&Field::Age));
    assert!(i.assessment.missing.contains(&Field::CapdTotal));
    // Both tools agree: the age does not matter.
    p.capd_total = Some(0);
    let i = icans::assess(&p);
    assert_eq!(i.assessment.value, Some(0));
    assert!(i.assessment.missing.is_empty());
}

#[test]
fn age_missing_tools_are_alternatives_not_both() {
    // ICE 10 (grade 0) and CAPD 12 (grade 3): the grade is 0 or 3, never "3 because both".
    let mut p = adult();
    p.age = None;
    p.ice_total = Some(10);
    p.capd_total = Some(12);
    let a = icans::assess(&p).assessment;
    assert_eq!((a.range.min, a.range.max), (0, 3));
    assert_eq!(a.missing, vec![Field::Age]);
}

// ---------------------------------------------------------------- other domains

#[test]
fn consciousness_grades() {
    use Consciousness::*;
    for (c, g) in [
        (Alert, 0),
        (AwakensSpontaneously, 1),
        (AwakensToVoice, 2),
        (AwakensToTouch, 3),
        (Unarousable, 4),
    ] {
        let mut p = adult();
        p.ice_total = Some(10);
        p.consciousness = Some(c);
        assert_eq!(grade(&p), Some(g), "{c:?}");
    }
}

#[test]
fn seizure_motor_edema_death_grades() {
    let base = || {
        let mut p = adult();
        p.ice_total = Some(10);
        p
    };
    let mut p = base();
    p.seizure = Some(Seizure::ResolvesRapidly);
    assert_eq!(grade(&p), Some(3));
    p.seizure = Some(Seizure::Prolonged);
    assert_eq!(grade(&p), Some(4));
    let mut p = base();
    p.motor_weakness = Some(true);
    assert_eq!(grade(&p), Some(4));
    let mut p = base();
    p.cerebral_edema = Some(CerebralEdema::Focal);
    assert_eq!(grade(&p), Some(3));
    p.cerebral_edema = Some(CerebralEdema::Diffuse);
    assert_eq!(grade(&p), Some(4));
    let mut p = base();
    p.icans_death = Some(true);
    assert_eq!(grade(&p), Some(5));
}

#[test]
fn worst_domain_wins() {
    let mut p = adult();
    p.ice_total = Some(8); // 1
    p.consciousness = Some(Consciousness::AwakensToVoice); // 2
    p.cerebral_edema = Some(CerebralEdema::Focal); // 3
    let a = icans::assess(&p).assessment;
    assert_eq!(a.value, Some(3));
    assert_eq!(a.conclusion, Conclusion::Met);
}

// ---------------------------------------------------------------- missing data

#[test]
fn empty_patient() {
    let i = icans::assess(&Patient::default());
    let a = &i.assessment;
    assert_eq!(a.value, None);
    // an unanswered death question is "no": 5 is not reachable
    assert_eq!((a.range.min, a.range.max), (0, 4));
    assert_eq!(a.conclusion, Conclusion::Undetermined);
    for f in [
        Field::Age,
        Field::IceTotal,
        Field::CapdTotal,
        Field::Consciousness,
        Field::Seizure,
        Field::MotorWeakness,
        Field::CerebralEdema,
    ] {
        assert!(a.missing.contains(&f), "{f:?}");
    }
    assert!(!a.missing.contains(&Field::IcansDeath));
}

#[test]
fn death_unanswered_is_read_as_no() {
    let mut p = adult();
    p.ice_total = Some(10);
    p.icans_death = None;
    let a = icans::assess(&p).assessment;
    assert_eq!(a.value, Some(0));
    assert_eq!((a.range.min, a.range.max), (0, 0));
    assert!(a.missing.is_empty());
    assert!(!a.missing.contains(&Field::IcansDeath));
    // a recorded death still gives 5
    p.icans_death = Some(true);
    let a = icans::assess(&p).assessment;
    assert_eq!(a.value, Some(5));
    assert_eq!((a.range.min, a.range.max), (5, 5));
}

#[test]
fn missing_inputs_that_cannot_raise_the_grade_are_not_listed() {
    let mut p = adult();
    p.ice_total = None;
    p.seizure = None;
    p.motor_weakness = Some(true); // grade 4 already
    let a = icans::assess(&p).assessment;
    assert_eq!((a.range.min, a.range.max), (4, 4));
    assert_eq!(a.value, Some(4));
    assert!(a.missing.is_empty());
    // The domains themselves still show what is unknown.
    assert_eq!(a.item(Domain::Ice).unwrap().status, Status::Unknown);
    // Death unanswered is read as "no": it is not missing and 5 is not reachable.
    p.icans_death = None;
    let a = icans::assess(&p).assessment;
    assert_eq!((a.range.min, a.range.max), (4, 4));
    assert_eq!(a.value, Some(4));
    assert!(a.missing.is_empty());
}

#[test]
fn ice_missing_is_grade_0_to_3() {
    let p = adult();
    let a = icans::assess(&p).assessment;
    let item = a.item(Domain::Ice).unwrap();
    assert_eq!((item.range.min, item.range.max), (0, 3));
    assert_eq!(item.missing, vec![Field::IceTotal]);
    assert_eq!(a.conclusion, Conclusion::Undetermined);
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trip() {
    let i = icans::assess(&Patient::default());
    let json = serde_json::to_string(&i).unwrap();
    let back: icans::Icans = serde_json::from_str(&json).unwrap();
    assert_eq!(back, i);
}

// ---------------------------------------------------------------- properties

fn consciousness() -> impl Strategy<Value = Consciousness> {
    prop_oneof![
        Just(Consciousness::Alert),
        Just(Consciousness::AwakensSpontaneously),
        Just(Consciousness::AwakensToVoice),
        Just(Consciousness::AwakensToTouch),
        Just(Consciousness::Unarousable),
    ]
}

fn seizure() -> impl Strategy<Value = Seizure> {
    prop_oneof![
        Just(Seizure::None),
        Just(Seizure::ResolvesRapidly),
        Just(Seizure::Prolonged)
    ]
}

fn edema() -> impl Strategy<Value = CerebralEdema> {
    prop_oneof![
        Just(CerebralEdema::None),
        Just(CerebralEdema::Focal),
        Just(CerebralEdema::Diffuse)
    ]
}

/// Every ICANS input, fully known. The ICE is entered either item by item or as a total.
#[derive(Clone, Debug)]
struct Full {
    age: f64,
    delay: bool,
    ice_items: [u8; 5],
    ice_as_items: bool,
    capd: u8,
    consciousness: Consciousness,
    seizure: Seizure,
    motor: bool,
    edema: CerebralEdema,
    death: bool,
}

fn full() -> impl Strategy<Value = Full> {
    (
        1.0..80.0f64,
        any::<bool>(),
        (0u8..=4, 0u8..=3, 0u8..=1, 0u8..=1, 0u8..=1),
        any::<bool>(),
        0u8..=32,
        consciousness(),
        seizure(),
        any::<bool>(),
        edema(),
        prop::bool::weighted(0.1),
    )
        .prop_map(
            |(age, delay, (o, n, c, w, a), ice_as_items, capd, cs, sz, motor, edema, death)| Full {
                age,
                delay,
                ice_items: [o, n, c, w, a],
                ice_as_items,
                capd,
                consciousness: cs,
                seizure: sz,
                motor,
                edema,
                death,
            },
        )
}

/// The patient with input `i` kept when bit `i` of `mask` is set. The developmental delay is
/// always entered (ASTCT reads a missing answer as "ICE can be used", a documented setting).
fn patient(f: &Full, mask: u32) -> Patient {
    let keep = |bit: u32| mask & (1 << bit) != 0;
    let mut p = Patient::default();
    p.age = keep(0).then(|| Age::new(f.age, Unit::Years).unwrap());
    p.developmental_delay = Some(f.delay);
    let [o, n, c, w, a] = f.ice_items;
    if f.ice_as_items {
        p.ice_items = IceItems {
            orientation: keep(1).then_some(o),
            naming: keep(2).then_some(n),
            commands: keep(3).then_some(c),
            writing: keep(4).then_some(w),
            attention: keep(5).then_some(a),
        };
    } else {
        p.ice_total = keep(1).then_some(o + n + c + w + a);
    }
    p.capd_total = keep(6).then_some(f.capd);
    p.consciousness = keep(7).then_some(f.consciousness);
    p.seizure = keep(8).then_some(f.seizure);
    p.motor_weakness = keep(9).then_some(f.motor);
    p.cerebral_edema = keep(10).then_some(f.edema);
    p.icans_death = keep(11).then_some(f.death);
    p
}

proptest! {
    #[test]
    fn range_contains_every_completion(f in full(), mask in 0u32..(1 << 12)) {
        // an unanswered death is "no" (not a missing input): a hidden death completes to false
        let f = Full { death: f.death && mask & (1 << 11) != 0, ..f };
        let partial = icans::assess(&patient(&f, mask)).assessment;
        let complete = icans::assess(&patient(&f, u32::MAX)).assessment;
        let value = complete.value.expect("all inputs entered");
        prop_assert!(partial.range.contains(value), "{} ∉ {:?}", value, partial.range);
        if let Some(v) = partial.value {
            prop_assert_eq!(v, value);
        }
        prop_assert!(
            partial.conclusion == Conclusion::Undetermined
                || partial.conclusion == complete.conclusion
        );
        prop_assert_eq!(complete.conclusion == Conclusion::Met, value >= 1);
    }

    #[test]
    fn grade_is_the_worst_domain(f in full()) {
        let i = icans::assess(&patient(&f, u32::MAX));
        let worst = i.assessment.items.iter().map(|d| d.points.unwrap()).max().unwrap();
        prop_assert_eq!(i.assessment.value, Some(worst));
        prop_assert!(i.assessment.missing.is_empty());
        // Exactly one encephalopathy tool when the age is known.
        let tools = i.assessment.items.iter()
            .filter(|d| matches!(d.key, Domain::Ice | Domain::Capd)).count();
        prop_assert_eq!(tools, 1);
    }
}

#[test]
fn the_deciding_domains_are_those_at_the_grade() {
    let mut p = adult();
    p.ice_items = IceItems::default();
    p.ice_total = Some(5);
    assert_eq!(icans::assess(&p).deciding, [Domain::Ice]);
    p.consciousness = Some(Consciousness::AwakensToVoice);
    // Both at grade 2: both decide.
    assert_eq!(
        icans::assess(&p).deciding,
        [Domain::Ice, Domain::Consciousness]
    );
    p.seizure = Some(Seizure::Prolonged);
    assert_eq!(icans::assess(&p).deciding, [Domain::Seizure]);
    // Grade 0 and an undecided grade highlight nothing.
    let mut p = adult();
    p.ice_total = Some(10);
    assert_eq!(icans::assess(&p).assessment.value, Some(0));
    assert!(icans::assess(&p).deciding.is_empty());
    p.consciousness = None;
    assert_eq!(icans::assess(&p).assessment.value, None);
    assert!(icans::assess(&p).deciding.is_empty());
}

#[test]
fn age_unknown_the_clinicians_adult_or_child_answer_chooses_the_tool() {
    use iectox::patient::IcansAgeGroup;
    let mut p = adult();
    p.age = None;
    p.ice_total = Some(10);
    // Unanswered: both tools are possible, the grade is not decided by ICE 10 alone.
    let r = icans::assess(&p);
    assert_eq!(
        (r.tool, r.tool_reason),
        (Tool::Undetermined, ToolReason::AgeUnknown)
    );
    assert_eq!(r.assessment.value, None);
    p.settings.icans_age_group = Some(IcansAgeGroup::Adult);
    let r = icans::assess(&p);
    assert_eq!(
        (r.tool, r.tool_reason),
        (Tool::Ice, ToolReason::DeclaredAdult)
    );
    assert_eq!(r.assessment.value, Some(0));
    assert!(!r.assessment.missing.contains(&Field::Age));
    p.settings.icans_age_group = Some(IcansAgeGroup::Child);
    let r = icans::assess(&p);
    assert_eq!(
        (r.tool, r.tool_reason),
        (Tool::Capd, ToolReason::DeclaredChild)
    );
    // An entered age always wins over the answer.
    p.age = Some(Age::new(58.0, Unit::Years).unwrap());
    let r = icans::assess(&p);
    assert_eq!(
        (r.tool, r.tool_reason),
        (Tool::Ice, ToolReason::AgeAtOrAboveSetting)
    );
    p.age = Some(Age::new(6.0, Unit::Years).unwrap());
    p.settings.icans_age_group = Some(IcansAgeGroup::Adult);
    assert_eq!(icans::assess(&p).tool, Tool::Capd);
}
