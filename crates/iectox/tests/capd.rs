//! CAPD item by item (Traube 2014; clinical spec §4.3): reverse scoring of items 1–4, the
//! ≥ 9 cut-off through the ICANS grade, partial answers as ranges.

use iectox::patient::{CapdItems, Consciousness};
use iectox::scores::icans::{self, Domain, Tool};
use iectox::units::{Age, Quantity, Unit};
use iectox::{ErrorKind, Field, Patient};

fn child(items: CapdItems, consciousness: Option<Consciousness>) -> Patient {
    Patient {
        age: Some(Age::new(5.0, Unit::Years).unwrap()),
        capd_items: items,
        consciousness,
        ..Default::default()
    }
}

/// All items at the "best" answer: always for 1–4 (0 points), never for 5–8 (0 points).
fn calm() -> CapdItems {
    CapdItems {
        eye_contact: Some(4),
        purposeful: Some(4),
        aware: Some(4),
        communicates: Some(4),
        restless: Some(0),
        inconsolable: Some(0),
        underactive: Some(0),
        slow_to_respond: Some(0),
    }
}

fn capd(p: &Patient) -> iectox::Item<Domain> {
    let r = icans::assess(p);
    assert_eq!(r.tool, Tool::Capd);
    r.assessment.item(Domain::Capd).unwrap().clone()
}

#[test]
fn items_one_to_four_are_reverse_scored() {
    assert_eq!(calm().range(), Some((0, 0)));
    let never_eye_contact = CapdItems {
        eye_contact: Some(0),
        ..calm()
    };
    assert_eq!(never_eye_contact.range(), Some((4, 4)));
    let always_restless = CapdItems {
        restless: Some(4),
        ..calm()
    };
    assert_eq!(always_restless.range(), Some((4, 4)));
}

#[test]
fn total_8_is_grade_1_or_2_and_9_is_grade_3() {
    // 8 points: never eye contact (4) + always restless (4).
    let eight = CapdItems {
        eye_contact: Some(0),
        restless: Some(4),
        ..calm()
    };
    assert_eq!(eight.range(), Some((8, 8)));
    assert_eq!(
        capd(&child(eight, Some(Consciousness::AwakensSpontaneously))).points,
        Some(1)
    );
    assert_eq!(
        capd(&child(eight, Some(Consciousness::AwakensToVoice))).points,
        Some(2)
    );
    let nine = CapdItems {
        purposeful: Some(3),
        ..eight
    };
    assert_eq!(nine.range(), Some((9, 9)));
    assert_eq!(capd(&child(nine, None)).points, Some(3));
    assert_eq!(capd(&child(calm(), None)).points, Some(0));
}

#[test]
fn partial_answers_give_a_range_and_list_the_unanswered_items() {
    let partial = CapdItems {
        eye_contact: Some(0),
        restless: Some(4),
        ..CapdItems::default()
    };
    assert_eq!(partial.range(), Some((8, 32)));
    let item = capd(&child(partial, Some(Consciousness::Alert)));
    assert_eq!((item.range.min, item.range.max), (1, 3));
    assert!(item.missing.contains(&Field::CapdPurposeful));
    assert!(!item.missing.contains(&Field::CapdEyeContact));
}

#[test]
fn invalid_answers_are_reported_and_count_as_unanswered() {
    let bad = Patient {
        capd_items: CapdItems {
            restless: Some(7),
            ..calm()
        },
        ..child(calm(), None)
    };
    assert!(bad
        .validate()
        .iter()
        .any(|e| e.field == Field::CapdRestless));
    // The invalid answer counts as unanswered: a range, never a normal 0.
    assert_eq!(bad.capd_items.range(), Some((0, 4)));
}

// ------------------------------------------------ a total and items that contradict it (decision 12)

/// The errors `validate` gives about the CAPD total.
fn total_errors(p: &Patient) -> Vec<ErrorKind> {
    p.validate()
        .into_iter()
        .filter(|e| e.field == Field::CapdTotal)
        .map(|e| e.kind)
        .collect()
}

fn with_total(items: CapdItems, total: u8) -> Patient {
    Patient {
        capd_total: Some(total),
        ..child(items, Some(Consciousness::Alert))
    }
}

#[test]
fn a_total_all_answers_contradict_is_an_error_and_the_domain_unknown() {
    // Every answer the best (0 points), total 20: neither is used.
    let p = with_total(calm(), 20);
    let all: Vec<Field> = calm().answers().iter().map(|(f, _)| *f).collect();
    assert_eq!(
        total_errors(&p),
        vec![ErrorKind::TotalContradictsItems {
            total: 20,
            min: 0,
            max: 0,
            items: all.clone()
        }]
    );
    let item = capd(&p);
    assert_eq!(item.points, None);
    assert_eq!((item.range.min, item.range.max), (0, 3));
    let mut both = vec![Field::CapdTotal];
    both.extend(all);
    assert_eq!(item.missing, both);
    let a = icans::assess(&p).assessment;
    assert_eq!(a.value, None);
    assert!(a.missing.contains(&Field::CapdTotal));
    assert!(a.missing.contains(&Field::CapdEyeContact));
    // Equal: accepted.
    let p = with_total(calm(), 0);
    assert!(p.validate().is_empty());
    assert_eq!(capd(&p).points, Some(0));
}

#[test]
fn every_answer_and_a_total_one_apart() {
    // 8 points: never eye contact (4, reverse-scored) + always restless (4).
    let eight = CapdItems {
        eye_contact: Some(0),
        restless: Some(4),
        ..calm()
    };
    assert!(with_total(eight, 8).validate().is_empty());
    assert_eq!(capd(&with_total(eight, 8)).points, Some(1));
    for bad in [7, 9] {
        let p = with_total(eight, bad);
        assert!(
            matches!(
                total_errors(&p).as_slice(),
                [ErrorKind::TotalContradictsItems { min: 8, max: 8, .. }]
            ),
            "total {bad}"
        );
        // 9 alone would be grade 3 and 8 grade 1: neither is chosen.
        assert_eq!(capd(&p).points, None, "total {bad}");
    }
}

#[test]
fn a_total_consistent_with_some_answers_is_used() {
    // Never eye contact (4 points) and always restless (4): 8–32 possible.
    let low = CapdItems {
        eye_contact: Some(0),
        restless: Some(4),
        ..CapdItems::default()
    };
    let p = with_total(low, 8);
    assert!(p.validate().is_empty());
    // The total decides what the answers alone leave open (grade 1–3).
    assert_eq!(capd(&p).points, Some(1));
    let p = with_total(low, 7);
    assert_eq!(
        total_errors(&p),
        vec![ErrorKind::TotalContradictsItems {
            total: 7,
            min: 8,
            max: 32,
            items: vec![Field::CapdEyeContact, Field::CapdRestless]
        }]
    );
    assert_eq!(capd(&p).points, None);
    // Always eye contact (0 points, reverse-scored): 0–28 possible.
    let high = CapdItems {
        eye_contact: Some(4),
        ..CapdItems::default()
    };
    let p = with_total(high, 28);
    assert!(p.validate().is_empty());
    assert_eq!(capd(&p).points, Some(3));
    let p = with_total(high, 29);
    assert!(matches!(
        total_errors(&p).as_slice(),
        [ErrorKind::TotalContradictsItems {
            total: 29,
            min: 0,
            max: 28,
            ..
        }]
    ));
    assert_eq!(capd(&p).points, None);
    assert_eq!(
        p.validate()[0].to_string(),
        "CAPD total (0–32): 29 is impossible with the entered items (CAPD 1. makes eye contact \
         with caregiver), which allow 0–28; correct the total or the items"
    );
}
