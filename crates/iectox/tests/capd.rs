//! CAPD item by item (Traube 2014; clinical spec §4.3): reverse scoring of items 1–4, the
//! ≥ 9 cut-off through the ICANS grade, partial answers as ranges.

use iectox::patient::{CapdItems, Consciousness};
use iectox::scores::icans::{self, Domain, Tool};
use iectox::units::{Age, Quantity, Unit};
use iectox::{Field, Patient};

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
fn items_take_precedence_over_a_total_and_invalid_answers_are_reported() {
    let p = Patient {
        capd_total: Some(20),
        ..child(calm(), None)
    };
    assert_eq!(capd(&p).points, Some(0));
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
