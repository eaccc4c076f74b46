//! HScore for reactive hemophagocytic syndrome (Fardet et al., Arthritis Rheumatol
//! 2014;66:2613-20). Nine variables, 0–337 points, cut-off 169 (sensitivity 93 %,
//! specificity 86 %). Clinical specification §1.

use alloc::vec;
use alloc::vec::Vec;

use crate::assessment::Band;
use crate::assessment::{Assessment, Conclusion, Item, Range};
use crate::patient::{Field, Patient};
use crate::sources::Source;
use crate::units::{Quantity, Threshold, Unit};

/// The cut-off: HScore ≥ 169 (sensitivity 93 %, specificity 86 %).
pub const CUTOFF: u16 = 169;
/// The highest possible HScore.
pub const MAX: u16 = 337;
/// Sensitivity of the cut-off, in percent (Fardet 2014). Not a probability.
pub const SENSITIVITY_PERCENT: u8 = 93;
/// Specificity of the cut-off, in percent (Fardet 2014).
pub const SPECIFICITY_PERCENT: u8 = 86;

/// A variable of the HScore, in the paper's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum HScoreItem {
    /// Known underlying immunosuppression: no 0, yes 18.
    Immunosuppression,
    /// Temperature: < 38.4 °C 0; 38.4–39.4 °C 33; > 39.4 °C 49.
    Temperature,
    /// Organomegaly: none 0; hepatomegaly or splenomegaly 23; both 38.
    Organomegaly,
    /// Cytopenic lineages: 0–1 → 0; 2 → 24; 3 → 34.
    Cytopenias,
    /// Ferritin: < 2000 ng/mL 0; 2000–6000 35; > 6000 50.
    Ferritin,
    /// Triglycerides: < 1.5 mmol/L 0; 1.5–4 44; > 4 64.
    Triglycerides,
    /// Fibrinogen: > 2.5 g/L 0; ≤ 2.5 g/L 30.
    Fibrinogen,
    /// AST: < 30 U/L 0; ≥ 30 U/L 19.
    Ast,
    /// Hemophagocytosis on bone marrow aspirate: no 0, yes 35.
    MarrowHemophagocytosis,
}

impl HScoreItem {
    /// The points of each category of the item, in the paper's order (category index =
    /// position).
    pub const fn points(self) -> &'static [u16] {
        match self {
            HScoreItem::Immunosuppression => &[0, 18],
            HScoreItem::Temperature => &[0, 33, 49],
            HScoreItem::Organomegaly => &[0, 23, 38],
            HScoreItem::Cytopenias => &[0, 24, 34],
            HScoreItem::Ferritin => &[0, 35, 50],
            HScoreItem::Triglycerides => &[0, 44, 64],
            HScoreItem::Fibrinogen => &[0, 30],
            HScoreItem::Ast => &[0, 19],
            HScoreItem::MarrowHemophagocytosis => &[0, 35],
        }
    }
}

// Thresholds in every unit the sources printed them in (spec §1.1, §1.2, §1.4).
/// 38.4 °C (101.1 °F): from here 33 points.
pub const TEMPERATURE_LOW: Threshold = Threshold {
    published: &[(Unit::Celsius, 38.4, 1), (Unit::Fahrenheit, 101.1, 1)],
};
/// 39.4 °C (102.9 °F): above it 49 points.
pub const TEMPERATURE_HIGH: Threshold = Threshold {
    published: &[(Unit::Celsius, 39.4, 1), (Unit::Fahrenheit, 102.9, 1)],
};
/// Ferritin 2000 ng/mL: from here 35 points.
pub const FERRITIN_LOW: Threshold = Threshold {
    published: &[(Unit::NgPerMl, 2000.0, 0), (Unit::UgPerL, 2000.0, 0)],
};
/// Ferritin 6000 ng/mL: above it 50 points.
pub const FERRITIN_HIGH: Threshold = Threshold {
    published: &[(Unit::NgPerMl, 6000.0, 0), (Unit::UgPerL, 6000.0, 0)],
};
/// Triglycerides 1.5 mmol/L (132.7 mg/dL): from here 44 points.
pub const TRIGLYCERIDES_LOW: Threshold = Threshold {
    published: &[(Unit::MmolPerL, 1.5, 1), (Unit::MgPerDl, 132.7, 1)],
};
/// Triglycerides 4 mmol/L (354 mg/dL): above it 64 points.
pub const TRIGLYCERIDES_HIGH: Threshold = Threshold {
    published: &[(Unit::MmolPerL, 4.0, 1), (Unit::MgPerDl, 354.0, 0)],
};
/// Fibrinogen 2.5 g/L (250 mg/dL): at or below it 30 points.
pub const FIBRINOGEN: Threshold = Threshold {
    published: &[(Unit::GPerL, 2.5, 1), (Unit::MgPerDl, 250.0, 0)],
};
/// AST 30 U/L: from here 19 points.
pub const AST: Threshold = Threshold {
    published: &[(Unit::UPerL, 30.0, 0)],
};
/// Haemoglobin ≤ 9.2 g/dL (92 g/L, 5.71 mmol/L) is a cytopenic lineage.
pub const HAEMOGLOBIN: Threshold = Threshold {
    published: &[
        (Unit::GPerDl, 9.2, 1),
        (Unit::GPerL, 92.0, 0),
        (Unit::MmolPerL, 5.71, 2),
    ],
};
/// Leukocytes ≤ 5.0 ×10⁹/L (5000/µL) is a cytopenic lineage.
pub const LEUKOCYTES: Threshold = Threshold {
    published: &[(Unit::E9PerL, 5.0, 1), (Unit::PerUl, 5000.0, 0)],
};
/// Platelets ≤ 110 ×10⁹/L (110 000/µL) is a cytopenic lineage.
pub const PLATELETS: Threshold = Threshold {
    published: &[(Unit::E9PerL, 110.0, 0), (Unit::PerUl, 110_000.0, 0)],
};

/// The band of a measured item's category (category index as in [`HScoreItem::points`]);
/// `None` for the yes/no items, organomegaly and cytopenias (see [`CYTOPENIA_BANDS`] and
/// [`cytopenia_lineages`]).
pub const fn category_band(item: HScoreItem, category: u8) -> Option<Band> {
    Some(match (item, category) {
        (HScoreItem::Temperature, 0) => Band::Below(TEMPERATURE_LOW),
        (HScoreItem::Temperature, 1) => Band::Between(TEMPERATURE_LOW, TEMPERATURE_HIGH),
        (HScoreItem::Temperature, _) => Band::Above(TEMPERATURE_HIGH),
        (HScoreItem::Ferritin, 0) => Band::Below(FERRITIN_LOW),
        (HScoreItem::Ferritin, 1) => Band::Between(FERRITIN_LOW, FERRITIN_HIGH),
        (HScoreItem::Ferritin, _) => Band::Above(FERRITIN_HIGH),
        (HScoreItem::Triglycerides, 0) => Band::Below(TRIGLYCERIDES_LOW),
        (HScoreItem::Triglycerides, 1) => Band::Between(TRIGLYCERIDES_LOW, TRIGLYCERIDES_HIGH),
        (HScoreItem::Triglycerides, _) => Band::Above(TRIGLYCERIDES_HIGH),
        (HScoreItem::Fibrinogen, 0) => Band::Above(FIBRINOGEN),
        (HScoreItem::Fibrinogen, _) => Band::AtMost(FIBRINOGEN),
        (HScoreItem::Ast, 0) => Band::Below(AST),
        (HScoreItem::Ast, _) => Band::AtLeast(AST),
        _ => return None,
    })
}

/// The cytopenia of each lineage: haemoglobin, leukocytes, platelets (spec §1.2).
pub const CYTOPENIA_BANDS: [Band; 3] = [
    Band::AtMost(HAEMOGLOBIN),
    Band::AtMost(LEUKOCYTES),
    Band::AtMost(PLATELETS),
];

/// The numbers of cytopenic lineages `(from, to)` of a cytopenia category (0: 0–1, 1: 2,
/// 2: 3), read from [`cytopenia_points`].
pub const fn cytopenia_lineages(category: u8) -> (u8, u8) {
    let points = HScoreItem::Cytopenias.points();
    let mut from = 0;
    let mut to = 0;
    let mut found = false;
    let mut n = 0;
    while n <= 3 {
        if cytopenia_points(n) == points[category as usize] {
            if !found {
                from = n;
                found = true;
            }
            to = n;
        }
        n += 1;
    }
    (from, to)
}

/// The HScore assessment: the common [`Assessment`] plus the probability band.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HScore {
    /// Total, breakdown, missing inputs, reachable range; conclusion = total ≥ 169.
    pub assessment: Assessment<HScoreItem>,
    /// Approximate probability of HLH from the published table, when the total is known.
    pub probability: Option<Probability>,
}

/// The approximate probability of HLH for a total score, from Fardet's published table
/// (values at 10-point steps). Never the sensitivity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum Probability {
    /// Score ≤ 90: < 1 %.
    BelowOnePercent,
    /// A tabulated score: its value in percent.
    Tabulated {
        /// Percent.
        percent: u8,
    },
    /// Between two tabulated scores: the two neighbouring values in percent (the lower may
    /// be "< 1", written as 0, the upper "> 99", written as 100).
    Between {
        /// Lower neighbour, percent (0 = "< 1 %").
        low: u8,
        /// Upper neighbour, percent (100 = "> 99 %").
        high: u8,
    },
    /// Score ≥ 250: > 99 %.
    AboveNinetyNinePercent,
}

/// Fardet 2014 probability table (clinical spec §1.3): P(HLH) at 90, 100, …, 250.
/// 0 stands for "< 1 %" (at 90) and 100 for "> 99 %" (at 250).
pub const PROBABILITY_TABLE: [(u16, u8); 17] = [
    (90, 0),
    (100, 1),
    (110, 3),
    (120, 5),
    (130, 9),
    (140, 16),
    (150, 25),
    (160, 40),
    (170, 54),
    (180, 70),
    (190, 80),
    (200, 88),
    (210, 93),
    (220, 96),
    (230, 98),
    (240, 99),
    (250, 100),
];

impl Probability {
    /// The probability band of a total score.
    pub fn of(score: u16) -> Probability {
        if score <= 90 {
            return Probability::BelowOnePercent;
        }
        if score >= 250 {
            return Probability::AboveNinetyNinePercent;
        }
        let mut previous = PROBABILITY_TABLE[0];
        for &(at, percent) in &PROBABILITY_TABLE[1..] {
            if score == at {
                return Probability::Tabulated { percent };
            }
            if score < at {
                return Probability::Between {
                    low: previous.1,
                    high: percent,
                };
            }
            previous = (at, percent);
        }
        Probability::AboveNinetyNinePercent
    }
}

/// Scores the HScore. Conclusion: total ≥ 169.
///
/// ```
/// use iectox::{Patient, units::{Quantity, Ferritin, Unit}};
/// let mut p = Patient::default();
/// p.ferritin = Some(Ferritin::new(7000.0, Unit::NgPerMl).unwrap());
/// let h = iectox::scores::hscore::assess(&p);
/// assert_eq!(h.assessment.item(iectox::scores::hscore::HScoreItem::Ferritin).unwrap().points, Some(50));
/// assert_eq!(h.assessment.range.min, 50); // everything else missing: 50–337
/// assert_eq!(h.assessment.range.max, 337 - 50 + 50);
/// ```
pub fn assess(p: &Patient) -> HScore {
    let items = vec![
        flag(
            HScoreItem::Immunosuppression,
            p.immunosuppression,
            Field::Immunosuppression,
        ),
        temperature(p),
        organomegaly(p),
        cytopenias(p),
        ferritin(p),
        triglycerides(p),
        fibrinogen(p),
        ast(p),
        flag(
            HScoreItem::MarrowHemophagocytosis,
            p.marrow_hemophagocytosis,
            Field::MarrowHemophagocytosis,
        ),
    ];
    let range = items
        .iter()
        .fold(Range::exact(0), |acc, item| acc.plus(item.range));
    let conclusion = Conclusion::at_least(range, CUTOFF);
    let assessment = Assessment::from_items(items, range, conclusion, &[], &[Source::Fardet2014]);
    HScore {
        probability: assessment.value.map(Probability::of),
        assessment,
    }
}

fn by_category(key: HScoreItem, category: u8) -> Item<HScoreItem> {
    Item::known(key, category, key.points()[usize::from(category)])
}

fn missing(key: HScoreItem, field: Field) -> Item<HScoreItem> {
    let points = key.points();
    Item::unknown(
        key,
        Range::new(points[0], points[points.len() - 1]),
        vec![field],
    )
}

fn flag(key: HScoreItem, value: Option<bool>, field: Field) -> Item<HScoreItem> {
    match value {
        Some(present) => by_category(key, u8::from(present)),
        None => missing(key, field),
    }
}

/// Three categories split by a low threshold (inclusive) and a high one (exclusive above).
fn banded<Q: Quantity>(
    key: HScoreItem,
    value: Option<Q>,
    field: Field,
    low: &Threshold,
    high: &Threshold,
) -> Item<HScoreItem> {
    match value {
        None => missing(key, field),
        Some(v) if v.above(high) => by_category(key, 2),
        Some(v) if v.at_least(low) => by_category(key, 1),
        Some(_) => by_category(key, 0),
    }
}

fn temperature(p: &Patient) -> Item<HScoreItem> {
    banded(
        HScoreItem::Temperature,
        p.temperature,
        Field::Temperature,
        &TEMPERATURE_LOW,
        &TEMPERATURE_HIGH,
    )
}

fn ferritin(p: &Patient) -> Item<HScoreItem> {
    banded(
        HScoreItem::Ferritin,
        p.ferritin,
        Field::Ferritin,
        &FERRITIN_LOW,
        &FERRITIN_HIGH,
    )
}

fn triglycerides(p: &Patient) -> Item<HScoreItem> {
    banded(
        HScoreItem::Triglycerides,
        p.triglycerides,
        Field::Triglycerides,
        &TRIGLYCERIDES_LOW,
        &TRIGLYCERIDES_HIGH,
    )
}

fn fibrinogen(p: &Patient) -> Item<HScoreItem> {
    match p.fibrinogen {
        None => missing(HScoreItem::Fibrinogen, Field::Fibrinogen),
        Some(f) => by_category(HScoreItem::Fibrinogen, u8::from(f.at_most(&FIBRINOGEN))),
    }
}

fn ast(p: &Patient) -> Item<HScoreItem> {
    match p.ast {
        None => missing(HScoreItem::Ast, Field::Ast),
        Some(a) => by_category(HScoreItem::Ast, u8::from(a.at_least(&AST))),
    }
}

fn organomegaly(p: &Patient) -> Item<HScoreItem> {
    let key = HScoreItem::Organomegaly;
    match (p.hepatomegaly, p.splenomegaly) {
        (Some(h), Some(s)) => by_category(key, u8::from(h) + u8::from(s)),
        // One organ known enlarged: at least 23, at most 38.
        (Some(true), None) => Item::unknown(key, Range::new(23, 38), vec![Field::Splenomegaly]),
        (None, Some(true)) => Item::unknown(key, Range::new(23, 38), vec![Field::Hepatomegaly]),
        (Some(false), None) => Item::unknown(key, Range::new(0, 23), vec![Field::Splenomegaly]),
        (None, Some(false)) => Item::unknown(key, Range::new(0, 23), vec![Field::Hepatomegaly]),
        (None, None) => Item::unknown(
            key,
            Range::new(0, 38),
            vec![Field::Hepatomegaly, Field::Splenomegaly],
        ),
    }
}

/// Points for a number of cytopenic lineages (0 or 1 → 0, 2 → 24, 3 → 34).
pub const fn cytopenia_points(lineages: u8) -> u16 {
    match lineages {
        0 | 1 => 0,
        2 => 24,
        _ => 34,
    }
}

/// Category index: "0 or 1 lineage" 0, "2 lineages" 1, "3 lineages" 2.
fn cytopenia_category(lineages: u8) -> u8 {
    lineages.saturating_sub(1)
}

fn cytopenias(p: &Patient) -> Item<HScoreItem> {
    let key = HScoreItem::Cytopenias;
    let lineages = [
        (
            p.haemoglobin.map(|h| h.at_most(&HAEMOGLOBIN)),
            Field::Haemoglobin,
        ),
        (
            p.leukocytes.map(|l| l.at_most(&LEUKOCYTES)),
            Field::Leukocytes,
        ),
        (p.platelets.map(|l| l.at_most(&PLATELETS)), Field::Platelets),
    ];
    let cytopenic = lineages.iter().filter(|(v, _)| *v == Some(true)).count() as u8;
    let unknown: Vec<Field> = lineages
        .iter()
        .filter(|(v, _)| v.is_none())
        .map(|&(_, f)| f)
        .collect();
    let most = cytopenic + unknown.len() as u8;
    if cytopenia_category(cytopenic) == cytopenia_category(most) {
        // Decided even if a lineage is missing (e.g. one unknown and none cytopenic: 0 or 1
        // lineage scores 0 either way); the missing count is still reported.
        let mut item = by_category(key, cytopenia_category(cytopenic));
        item.missing = unknown;
        item
    } else {
        let range = Range::new(cytopenia_points(cytopenic), cytopenia_points(most));
        Item::unknown(key, range, unknown)
    }
}
