//! Result types shared by every score: an [`Assessment`] with its per-item breakdown, the
//! missing inputs, the reachable [`Range`], a tri-state [`Conclusion`] and its [`Source`]s.

use alloc::vec::Vec;

use crate::patient::Field;
use crate::sources::Source;
use crate::units::Threshold;

/// How a category of a measured item is bounded by its published threshold(s), for labels
/// ("< 38.4 °C", "38.4–39.4 °C"): each rule compares with the same thresholds and states its
/// band next to them, and a test checks the band against the rule at the boundary, so a
/// label cannot drift from its rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Band {
    /// `x < t`.
    Below(Threshold),
    /// `x ≤ t`.
    AtMost(Threshold),
    /// `x ≥ t`.
    AtLeast(Threshold),
    /// `x > t`.
    Above(Threshold),
    /// `low ≤ x ≤ high` (both inclusive).
    Between(Threshold, Threshold),
}

/// The conclusion of a score against its cut-off, given what is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Conclusion {
    /// Met whatever the missing inputs turn out to be.
    Met,
    /// Not met whatever the missing inputs turn out to be.
    NotMet,
    /// Depends on inputs that are missing.
    Undetermined,
}

impl Conclusion {
    /// The conclusion of `value ≥ cutoff` when the value lies somewhere in `range`.
    pub fn at_least(range: Range, cutoff: u16) -> Conclusion {
        if range.min >= cutoff {
            Conclusion::Met
        } else if range.max < cutoff {
            Conclusion::NotMet
        } else {
            Conclusion::Undetermined
        }
    }
}

/// The state of one criterion of a checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Status {
    /// The criterion is met.
    Met,
    /// The criterion is not met.
    NotMet,
    /// Not known: an input it needs is missing.
    Unknown,
}

impl Status {
    /// `Met` / `NotMet` from a known boolean, `Unknown` from `None`.
    pub fn from_option(value: Option<bool>) -> Status {
        match value {
            Some(true) => Status::Met,
            Some(false) => Status::NotMet,
            None => Status::Unknown,
        }
    }

    /// Either of two sub-criteria: met if one is met, not met only if both are not met.
    pub fn or(self, other: Status) -> Status {
        match (self, other) {
            (Status::Met, _) | (_, Status::Met) => Status::Met,
            (Status::NotMet, Status::NotMet) => Status::NotMet,
            _ => Status::Unknown,
        }
    }
}

/// The lowest and highest value still reachable given the missing inputs (inclusive). When
/// nothing is missing, `min == max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Range {
    /// Lowest reachable value.
    pub min: u16,
    /// Highest reachable value.
    pub max: u16,
}

impl Range {
    /// A single known value.
    pub const fn exact(value: u16) -> Range {
        Range {
            min: value,
            max: value,
        }
    }

    /// `[min, max]`.
    pub const fn new(min: u16, max: u16) -> Range {
        Range { min, max }
    }

    /// The value, when the range is a single point.
    pub fn value(self) -> Option<u16> {
        (self.min == self.max).then_some(self.min)
    }

    /// Whether `value` lies in the range.
    pub fn contains(self, value: u16) -> bool {
        self.min <= value && value <= self.max
    }

    /// The sum of two ranges.
    #[must_use]
    pub fn plus(self, other: Range) -> Range {
        Range::new(self.min + other.min, self.max + other.max)
    }

    /// The maximum of two ranges (the range of `max(a, b)`).
    #[must_use]
    pub fn max_with(self, other: Range) -> Range {
        Range::new(self.min.max(other.min), self.max.max(other.max))
    }
}

/// One line of a breakdown: a criterion or variable of a score.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Item<K> {
    /// Which criterion or variable.
    pub key: K,
    /// The category the input falls in, as an index into the score's published categories
    /// for this item (0 = the first row of the paper's table); `None` when not known.
    pub category: Option<u8>,
    /// The points (scores) or grade (grading domains) of the item's range, when known.
    pub points: Option<u16>,
    /// The points or grade still reachable for this item.
    pub range: Range,
    /// Met / not met / unknown for checklists; for scores, whether it adds points.
    pub status: Status,
    /// The inputs this item needed and did not get.
    pub missing: Vec<Field>,
}

impl<K> Item<K> {
    /// An item whose points are known.
    pub fn known(key: K, category: u8, points: u16) -> Self {
        Item {
            key,
            category: Some(category),
            points: Some(points),
            range: Range::exact(points),
            status: if points > 0 {
                Status::Met
            } else {
                Status::NotMet
            },
            missing: Vec::new(),
        }
    }

    /// An item that cannot be scored yet: points somewhere in `range`.
    pub fn unknown(key: K, range: Range, missing: Vec<Field>) -> Self {
        let points = range.value();
        Item {
            key,
            category: None,
            points,
            range,
            status: Status::Unknown,
            missing,
        }
    }
}

/// The result of one score or grading system for one patient.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Assessment<K> {
    /// The score or grade, when the missing inputs cannot change it.
    pub value: Option<u16>,
    /// The reachable range of the score or grade.
    pub range: Range,
    /// The conclusion against the score's cut-off (documented per score).
    pub conclusion: Conclusion,
    /// The per-item breakdown.
    pub items: Vec<Item<K>>,
    /// Every input needed and missing, without repeats, in field order.
    pub missing: Vec<Field>,
    /// Where the rule comes from.
    pub sources: Vec<Source>,
}

impl<K> Assessment<K> {
    /// Builds an assessment from its items: `missing` is the union of the items' missing
    /// fields plus `extra_missing`.
    pub fn from_items(
        items: Vec<Item<K>>,
        range: Range,
        conclusion: Conclusion,
        extra_missing: &[Field],
        sources: &[Source],
    ) -> Self {
        let mut missing: Vec<Field> = items
            .iter()
            .flat_map(|i| i.missing.iter().copied())
            .chain(extra_missing.iter().copied())
            .collect();
        crate::order::sort_small(&mut missing);
        missing.dedup();
        Assessment {
            value: range.value(),
            range,
            conclusion,
            items,
            missing,
            sources: sources.to_vec(),
        }
    }

    /// The breakdown line for `key`.
    pub fn item(&self, key: K) -> Option<&Item<K>>
    where
        K: PartialEq,
    {
        self.items.iter().find(|i| i.key == key)
    }
}
