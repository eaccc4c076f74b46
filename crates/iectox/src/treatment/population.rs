//! Adult or child, for dosing (clinical spec §9.1, a binding product decision).
//!
//! The review and its algorithm are written for adults. Below 18 years — or, with the age
//! unknown, under 40 kg — no adult fixed dose is computed: the clinician is asked "adult or
//! child?" first when the age is unknown, and a child gets only the doses whose weight or BSA
//! rule is documented for children (see [`super::regimens::ChildDosing`]).
//!
//! A missing weight with a missing age is not read as "40 kg or more": whether the weight is
//! under 40 kg is then unknown, so the question is asked (missing is never normal).
//!
//! ```
//! use iectox::treatment::population::{population, Population, PopulationReason};
//! use iectox::units::{Age, Quantity, Unit, Weight};
//!
//! let child = population(Some(Age::new(3.0, Unit::Years)?), Some(Weight::new(12.0, Unit::Kg)?), None);
//! assert_eq!(child.population, Population::Child);
//! let ask = population(None, Some(Weight::new(39.9, Unit::Kg)?), None);
//! assert_eq!(ask.population, Population::Undecided);
//! assert_eq!(ask.reason, PopulationReason::AgeUnknownWeightUnder40Kg);
//! # Ok::<(), iectox::Error>(())
//! ```

use crate::units::{Age, Quantity, Weight};

/// Age from which adult doses apply, years (clinical spec §9.1).
pub const ADULT_FROM_AGE_YEARS: f64 = 18.0;

/// With the age unknown, a weight under this many kg asks "adult or child?" (§9.1).
pub const ASK_UNDER_WEIGHT_KG: f64 = 40.0;

/// The clinician's answer to "adult or child?" when the age is unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AgeGroup {
    /// 18 years or older.
    Adult,
    /// Under 18 years.
    Child,
}

/// Whose doses to compute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Population {
    /// Adult doses.
    Adult,
    /// Child: only the rules documented for children are computed.
    Child,
    /// Not known: ask "adult or child?"; meanwhile only the rules documented for children are
    /// computed, and no adult fixed dose is shown.
    Undecided,
}

/// Why a population was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum PopulationReason {
    /// Age under 18 years.
    AgeUnder18,
    /// Age 18 years or more.
    Age18OrOver,
    /// Age unknown; the clinician answered "child".
    DeclaredChild,
    /// Age unknown; the clinician answered "adult".
    DeclaredAdult,
    /// Age unknown and weight under 40 kg: ask.
    AgeUnknownWeightUnder40Kg,
    /// Age and weight unknown: ask.
    AgeAndWeightUnknown,
    /// Age unknown and weight 40 kg or more: adult doses (the clinician may still answer
    /// "child").
    AgeUnknownWeight40KgOrMore,
}

/// The population and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PopulationDecision {
    /// Whose doses.
    pub population: Population,
    /// Why.
    pub reason: PopulationReason,
}

impl PopulationDecision {
    /// Whether the interface should offer the "adult or child?" question (the age is unknown).
    pub fn asks_adult_or_child(&self) -> bool {
        !matches!(
            self.reason,
            PopulationReason::AgeUnder18 | PopulationReason::Age18OrOver
        )
    }
}

/// Adult or child for dosing: the age decides when known (under 18 → child); otherwise the
/// clinician's answer; otherwise a weight of 40 kg or more reads adult, and a weight under
/// 40 kg or unknown asks.
pub fn population(
    age: Option<Age>,
    weight: Option<Weight>,
    declared: Option<AgeGroup>,
) -> PopulationDecision {
    use PopulationReason as R;
    let (population, reason) = match (age, declared, weight) {
        (Some(a), ..) if a.canonical() < ADULT_FROM_AGE_YEARS => (Population::Child, R::AgeUnder18),
        (Some(_), ..) => (Population::Adult, R::Age18OrOver),
        (None, Some(AgeGroup::Child), _) => (Population::Child, R::DeclaredChild),
        (None, Some(AgeGroup::Adult), _) => (Population::Adult, R::DeclaredAdult),
        (None, None, None) => (Population::Undecided, R::AgeAndWeightUnknown),
        (None, None, Some(w)) if w.canonical() < ASK_UNDER_WEIGHT_KG => {
            (Population::Undecided, R::AgeUnknownWeightUnder40Kg)
        }
        (None, None, Some(_)) => (Population::Adult, R::AgeUnknownWeight40KgOrMore),
    };
    PopulationDecision { population, reason }
}
