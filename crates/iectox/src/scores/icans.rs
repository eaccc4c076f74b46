//! ASTCT consensus grading of immune effector cell-associated neurotoxicity syndrome (ICANS)
//! (Lee et al., Biol Blood Marrow Transplant 2019;25:625-38), with the ICE score for adults
//! and the Cornell Assessment of Pediatric Delirium (CAPD; Traube 2014) for children.
//! Clinical specification §4.
//!
//! The grade is the **worst domain** (0–4), or 5 for death due to ICANS. Each domain is an
//! item whose points are its grade; a domain with missing inputs carries the range of grades
//! it could still take, and the grade's range is the maximum of the domains' ranges.
//!
//! Not inputs, by design: tremor and myoclonus (graded with CTCAE, they do not affect the
//! ICANS grade) and intracranial haemorrhage (excluded from ICANS grading). Every finding
//! must not be attributable to another cause (e.g. sedatives): the clinician confirms this.

use alloc::vec;
use alloc::vec::Vec;

use crate::assessment::{Assessment, Conclusion, Item, Range};
use crate::patient::{
    CerebralEdema, Consciousness, Field, IcansAgeGroup, IceItems, Patient, Seizure,
};
use crate::sources::Source;
use crate::units::{Age, Quantity, Unit};

/// ICANS is present from grade 1.
pub const PRESENT_FROM_GRADE: u16 = 1;
/// Grade 5: death due to ICANS.
pub const DEATH_GRADE: u16 = 5;
/// The highest ICE score (no impairment).
pub const ICE_MAX: u8 = 10;
/// The highest CAPD total.
pub const CAPD_MAX: u8 = 32;
/// CAPD at or above this is grade 3 (and a positive delirium screen, Traube 2014).
pub const CAPD_GRADE_3_FROM: u8 = 9;
/// A seizure is "prolonged" (grade 4) beyond this many minutes (Lee 2019: > 5 min).
pub const PROLONGED_SEIZURE_MINUTES: u8 = 5;

/// A domain of the ICANS grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Domain {
    /// Encephalopathy by ICE (adults): 10 → 0; 7–9 → 1; 3–6 → 2; 0–2 → 3. An ICE of 0
    /// because the patient is unarousable is grade 4, carried by [`Domain::Consciousness`].
    Ice,
    /// Encephalopathy by CAPD (children): 0 → 0; 1–8 → 1 (awakens spontaneously or alert)
    /// or 2 (awakens to voice or worse); ≥ 9 → 3. Unable to perform CAPD (unarousable) is
    /// grade 4, carried by [`Domain::Consciousness`].
    Capd,
    /// Depressed level of consciousness: alert 0, awakens spontaneously 1, to voice 2, only to
    /// touch 3, unarousable 4.
    Consciousness,
    /// Seizure: none 0, resolves rapidly 3, prolonged or repetitive 4.
    Seizure,
    /// Deep focal motor weakness: 4.
    MotorWeakness,
    /// Raised ICP / cerebral edema: focal 3, diffuse 4.
    CerebralEdema,
    /// Death due to ICANS: 5.
    Death,
}

/// Which encephalopathy tool applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Tool {
    /// ICE (adults and children at or above the age setting without developmental delay).
    Ice,
    /// CAPD (children below the age setting, or developmental delay).
    Capd,
    /// Age unknown (and no developmental delay recorded): both tools are assessed, both
    /// items are shown, and the grade takes either; `Age` is listed as missing.
    Undetermined,
}

/// Why that tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ToolReason {
    /// Developmental delay recorded: CAPD at any age.
    DevelopmentalDelay,
    /// Age below the setting (`Settings::capd_below_age_years`, default 12).
    AgeBelowSetting,
    /// Age at or above the setting, and no developmental delay recorded (a missing
    /// developmental-delay answer is read as "ICE can be used", which the UI shows).
    AgeAtOrAboveSetting,
    /// Age unknown.
    AgeUnknown,
    /// Age unknown; the clinician answered "adult" (`Settings::icans_age_group`): ICE.
    DeclaredAdult,
    /// Age unknown; the clinician answered "child": CAPD.
    DeclaredChild,
}

/// Where the ICE score came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum IceSource {
    /// All five items entered (their sum is used).
    Items,
    /// The total entered (used when the items are incomplete).
    Total,
    /// Some items entered, no total: the range of totals they allow.
    PartialItems,
    /// A total the entered items make impossible (product decision 12): neither is used, the
    /// ICE domain is unknown and both are listed as missing ([`Patient::validate`] reports it).
    Contradictory,
    /// Nothing entered.
    Missing,
}

/// The ICANS grade for one patient.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Icans {
    /// Value = grade 0–5 (the worst domain), range, one item per domain (points = the
    /// domain's grade). Conclusion: ICANS present (grade ≥ 1).
    pub assessment: Assessment<Domain>,
    /// The encephalopathy tool that applies.
    pub tool: Tool,
    /// Why.
    pub tool_reason: ToolReason,
    /// Where the ICE score came from.
    pub ice_source: IceSource,
    /// The ICE total, or the range of totals the entered items allow (`(min, max)`); `None`
    /// when nothing is entered or the total contradicts the items.
    pub ice_total: Option<(u8, u8)>,
    /// The domain(s) that decide the grade, for highlighting (empty while the grade is not
    /// decided or is 0): every domain at the decided grade (worst domain wins).
    #[cfg_attr(feature = "serde", serde(default))]
    pub deciding: Vec<Domain>,
}

/// The ICE domain grade of an ICE total: 10 → 0; 7–9 → 1; 3–6 → 2; 0–2 → 3. Totals above 10
/// are invalid ([`Patient::validate`]) and read as 10.
pub const fn ice_grade(total: u8) -> u8 {
    match total {
        0..=2 => 3,
        3..=6 => 2,
        7..=9 => 1,
        _ => 0,
    }
}

/// The CAPD domain grade: 0 → 0; ≥ 9 → 3; 1–8 → 1 if the child is alert or awakens
/// spontaneously, 2 if it awakens to voice or worse. `None` when the total is 1–8 and the
/// level of consciousness is unknown (then the grade is 1 or 2).
pub const fn capd_grade(total: u8, consciousness: Option<Consciousness>) -> Option<u8> {
    match total {
        0 => Some(0),
        1..=8 => match consciousness {
            Some(Consciousness::Alert | Consciousness::AwakensSpontaneously) => Some(1),
            Some(_) => Some(2),
            None => None,
        },
        _ => Some(3),
    }
}

/// The consciousness domain grade (0–4).
pub const fn consciousness_grade(c: Consciousness) -> u8 {
    match c {
        Consciousness::Alert => 0,
        Consciousness::AwakensSpontaneously => 1,
        Consciousness::AwakensToVoice => 2,
        Consciousness::AwakensToTouch => 3,
        Consciousness::Unarousable => 4,
    }
}

/// The seizure domain grade (0, 3 or 4).
pub const fn seizure_grade(s: Seizure) -> u8 {
    match s {
        Seizure::None => 0,
        Seizure::ResolvesRapidly => 3,
        Seizure::Prolonged => 4,
    }
}

/// The cerebral-edema domain grade (0, 3 or 4).
pub const fn cerebral_edema_grade(e: CerebralEdema) -> u8 {
    match e {
        CerebralEdema::None => 0,
        CerebralEdema::Focal => 3,
        CerebralEdema::Diffuse => 4,
    }
}

/// Whether CAPD applies at this age with the given age boundary in years (`age < boundary`),
/// compared in the unit the age was entered in when it converts exactly.
pub fn capd_age(age: Age, below_years: u8) -> bool {
    let years = f64::from(below_years);
    match age.unit() {
        Unit::Years => age.value() < years,
        Unit::Months => age.value() < years * 12.0,
        Unit::Days => age.value() < years * 365.25,
        _ => crate::units::round_to(age.canonical(), 6) < years,
    }
}

/// Grades ICANS.
///
/// ```
/// use iectox::patient::Consciousness;
/// use iectox::units::{Age, Quantity, Unit};
/// use iectox::Patient;
/// let mut p = Patient::default();
/// p.age = Some(Age::new(60.0, Unit::Years).unwrap());
/// p.ice_total = Some(8);
/// p.consciousness = Some(Consciousness::AwakensToVoice);
/// let icans = iectox::scores::icans::assess(&p);
/// // grade 2 so far; seizure, motor and edema unknown: 2–4 (an unanswered death is "no")
/// assert_eq!((icans.assessment.range.min, icans.assessment.range.max), (2, 4));
/// ```
pub fn assess(p: &Patient) -> Icans {
    let (tool, tool_reason) = tool(p);
    let (ice_source, ice_total) = ice_total(p);
    let mut items = Vec::new();
    if tool != Tool::Capd {
        items.push(ice_item(&p.ice_items, ice_source, ice_total));
    }
    if tool != Tool::Ice {
        items.push(capd_item(p));
    }
    items.push(graded(
        Domain::Consciousness,
        p.consciousness.map(consciousness_grade),
        4,
        Field::Consciousness,
    ));
    items.push(graded(
        Domain::Seizure,
        p.seizure.map(seizure_grade),
        4,
        Field::Seizure,
    ));
    items.push(graded(
        Domain::MotorWeakness,
        p.motor_weakness.map(|m| if m { 4 } else { 0 }),
        4,
        Field::MotorWeakness,
    ));
    items.push(graded(
        Domain::CerebralEdema,
        p.cerebral_edema.map(cerebral_edema_grade),
        4,
        Field::CerebralEdema,
    ));
    // Grade 5 needs a recorded death due to ICANS: an unanswered death question is "no" (the
    // patient being graded is alive), the one input read this way.
    items.push(graded(
        Domain::Death,
        Some(if p.icans_death == Some(true) { 5 } else { 0 }),
        5,
        Field::IcansDeath,
    ));

    let range = grade_range(&items, tool);
    let conclusion = Conclusion::at_least(range, PRESENT_FROM_GRADE);

    // Missing inputs: those of the domains that could still raise the grade above its
    // lowest reachable value (a domain capped below the grade already reached cannot change
    // it), plus the age when the tool is undetermined and the two tools' ranges differ.
    let mut missing: Vec<Field> = items
        .iter()
        .filter(|i| i.range.max > range.min)
        .flat_map(|i| i.missing.iter().copied())
        .collect();
    if tool == Tool::Undetermined && range.min != range.max {
        missing.push(Field::Age);
    }
    crate::order::sort_small(&mut missing);
    missing.dedup();

    let mut sources = vec![Source::Lee2019];
    if tool != Tool::Ice {
        sources.push(Source::Traube2014);
    }

    let deciding = match range.value() {
        Some(g) if g > 0 => items
            .iter()
            .filter(|i| i.points == Some(g))
            .map(|i| i.key)
            .collect(),
        _ => Vec::new(),
    };

    Icans {
        assessment: Assessment {
            value: range.value(),
            range,
            conclusion,
            items,
            missing,
            sources,
        },
        tool,
        tool_reason,
        ice_source,
        ice_total,
        deciding,
    }
}

/// The grade's range: the maximum of the domains; with the tool undetermined, the ICE and
/// CAPD items are alternatives (only one applies), so their ranges are joined first.
fn grade_range(items: &[Item<Domain>], tool: Tool) -> Range {
    let encephalopathy = |key: Domain| items.iter().find(|i| i.key == key).map(|i| i.range);
    let tool_range = match tool {
        Tool::Ice => encephalopathy(Domain::Ice),
        Tool::Capd => encephalopathy(Domain::Capd),
        Tool::Undetermined => match (encephalopathy(Domain::Ice), encephalopathy(Domain::Capd)) {
            (Some(a), Some(b)) => Some(Range::new(a.min.min(b.min), a.max.max(b.max))),
            (a, b) => a.or(b),
        },
    };
    items
        .iter()
        .filter(|i| i.key != Domain::Ice && i.key != Domain::Capd)
        .map(|i| i.range)
        .chain(tool_range)
        .fold(Range::exact(0), Range::max_with)
}

fn graded(key: Domain, grade: Option<u8>, max: u16, field: Field) -> Item<Domain> {
    match grade {
        Some(g) => known(key, g),
        None => Item::unknown(key, Range::new(0, max), vec![field]),
    }
}

/// A domain whose grade is known; the category is the grade.
fn known(key: Domain, grade: u8) -> Item<Domain> {
    Item::known(key, grade, u16::from(grade))
}

fn tool(p: &Patient) -> (Tool, ToolReason) {
    if p.developmental_delay == Some(true) {
        return (Tool::Capd, ToolReason::DevelopmentalDelay);
    }
    match p.age {
        Some(age) if capd_age(age, p.settings.capd_below_age_years) => {
            (Tool::Capd, ToolReason::AgeBelowSetting)
        }
        Some(_) => (Tool::Ice, ToolReason::AgeAtOrAboveSetting),
        None => match p.settings.icans_age_group {
            Some(IcansAgeGroup::Adult) => (Tool::Ice, ToolReason::DeclaredAdult),
            Some(IcansAgeGroup::Child) => (Tool::Capd, ToolReason::DeclaredChild),
            None => (Tool::Undetermined, ToolReason::AgeUnknown),
        },
    }
}

/// An ICE total or item above its maximum is invalid input (reported by
/// [`Patient::validate`]): it counts as missing here, never as a normal score. A total the
/// entered items make impossible is used neither way: the ICE is unknown.
fn ice_total(p: &Patient) -> (IceSource, Option<(u8, u8)>) {
    if p.ice_items.contradicts(p.ice_total).is_some() {
        (IceSource::Contradictory, None)
    } else if let Some(t) = p.ice_items.total() {
        (IceSource::Items, Some((t, t)))
    } else if let Some(t) = p.ice_total.filter(|&t| t <= ICE_MAX) {
        (IceSource::Total, Some((t, t)))
    } else if let Some((lo, hi)) = p.ice_items.range() {
        (IceSource::PartialItems, Some((lo, hi)))
    } else {
        (IceSource::Missing, None)
    }
}

fn ice_item(items: &IceItems, source: IceSource, total: Option<(u8, u8)>) -> Item<Domain> {
    let key = Domain::Ice;
    match total {
        // A lower ICE is a higher grade.
        Some((lo, hi)) if ice_grade(lo) == ice_grade(hi) => known(key, ice_grade(lo)),
        Some((lo, hi)) => {
            let missing = match source {
                IceSource::PartialItems => items.missing(),
                _ => vec![Field::IceTotal],
            };
            Item::unknown(
                key,
                Range::new(u16::from(ice_grade(hi)), u16::from(ice_grade(lo))),
                missing,
            )
        }
        // Contradicted: the total and the items that contradict it are to be corrected.
        None if source == IceSource::Contradictory => {
            let mut missing = vec![Field::IceTotal];
            missing.extend(items.entered());
            Item::unknown(key, Range::new(0, 3), missing)
        }
        None => Item::unknown(key, Range::new(0, 3), vec![Field::IceTotal]),
    }
}

fn capd_item(p: &Patient) -> Item<Domain> {
    let key = Domain::Capd;
    // A total the answered items make impossible is used neither way (product decision 12):
    // the domain is unknown, and the total and those items are to be corrected.
    if p.capd_items.contradicts(p.capd_total).is_some() {
        let mut missing = vec![Field::CapdTotal];
        missing.extend(p.capd_items.entered());
        return Item::unknown(key, Range::new(0, 3), missing);
    }
    // As for ICE: every item answered, else the total (consistent with any answered items),
    // else the range the answered items allow. A total above 32 is invalid input: missing,
    // never read as a valid score.
    let total = p.capd_total.filter(|&t| t <= CAPD_MAX);
    let (totals, missing) = match (p.capd_items.range(), total) {
        (Some(range), _) if p.capd_items.missing().is_empty() => (Some(range), Vec::new()),
        (_, Some(t)) => (Some((t, t)), vec![Field::CapdTotal]),
        (Some(range), None) => (Some(range), p.capd_items.missing()),
        (None, None) => (None, vec![Field::CapdTotal]),
    };
    let Some((lo, hi)) = totals else {
        return Item::unknown(key, Range::new(0, 3), missing);
    };
    // Every grade reachable over the possible totals (1–8 is grade 1 or 2 by consciousness).
    let (mut min, mut max) = (u8::MAX, 0);
    for t in lo..=hi {
        let (a, b) = match capd_grade(t, p.consciousness) {
            Some(g) => (g, g),
            None => (1, 2),
        };
        min = min.min(a);
        max = max.max(b);
    }
    if min == max {
        return known(key, min);
    }
    let mut why = if lo == hi { Vec::new() } else { missing };
    if p.consciousness.is_none() && (lo..=hi).any(|t| (1..=8).contains(&t)) {
        why.push(Field::Consciousness);
    }
    Item::unknown(key, Range::new(u16::from(min), u16::from(max)), why)
}
