//! Dose arithmetic: body-surface area (Mosteller) and weight-, BSA- or fixed-dose rules with
//! their caps (clinical spec, product decision 8 and §9).
//!
//! Every amount is in **milligrams** and is returned unrounded, together with the practical
//! rounding of a weight- or BSA-based dose ([`DoseRounding`]: to what step, why, and by how
//! much it changes the dose; clinical spec §9.1). A missing weight or height is a
//! [`DoseError`], never a number; an implausible
//! weight or height is refused earlier, when the [`Weight`] or [`Height`] is built
//! ([`crate::units::PLAUSIBLE`]: 0.3–400 kg, 20–250 cm).
//!
//! ```
//! use iectox::treatment::dose::{compute, DoseRule, Schedule};
//! use iectox::units::{Quantity, Unit, Weight};
//!
//! // Tocilizumab 8 mg/kg, max 800 mg/dose: 8 mg/kg × 112 kg = 896 mg → capped at 800 mg.
//! let rule = DoseRule::PerKg {
//!     mg_per_kg: 8.0,
//!     cap_mg: Some(800.0),
//!     schedule: Schedule::AsNeeded { min_interval_h: 8, max_per_24h: 3, max_total: 4 },
//! };
//! let dose = compute(rule, Some(Weight::new(112.0, Unit::Kg)?), None).unwrap();
//! assert_eq!(dose.per_dose_uncapped.unwrap().high, 896.0);
//! assert_eq!(dose.per_dose.unwrap().high, 800.0);
//! assert!(dose.capped);
//! # Ok::<(), iectox::Error>(())
//! ```

use crate::units::{round_to, Height, Quantity, Weight};

/// Body-surface area by Mosteller, in m²: `sqrt(height_cm × weight_kg / 3600)`, unrounded.
///
/// Weight and height are converted to kg and cm first, so lb and inches are accepted.
/// 70 kg and 175 cm give `sqrt(12 250 / 3600)` = 1.8447 m². Doses use
/// [`bsa_for_dosing`] (rounded to [`BSA_DECIMALS`]).
pub fn bsa_mosteller(weight: Weight, height: Height) -> f64 {
    libm::sqrt(height.canonical() * weight.canonical() / 3600.0)
}

/// Decimals of the body-surface area used in dose arithmetic (m², the usual precision of
/// chemotherapy prescriptions), so that "75 mg/m² × 1.84 m² = 138 mg" is what is shown and what
/// is computed.
pub const BSA_DECIMALS: u8 = 2;

/// The Mosteller body-surface area rounded to [`BSA_DECIMALS`]: the value every BSA-based dose
/// uses and shows (70 kg, 175 cm → 1.84 m²).
pub fn bsa_for_dosing(weight: Weight, height: Height) -> f64 {
    round_to(bsa_mosteller(weight, height), BSA_DECIMALS)
}

/// Rounding a computed dose changes it by more than this percentage: the difference is shown
/// (clinical spec §9.1).
pub const ROUNDING_DIFFERENCE_SHOWN_PERCENT: f64 = 10.0;

/// The practical step a weight- or BSA-based dose is rounded to when the rule names none:
/// whole milligrams, the precision to which an injectable dose is drawn up.
pub const WHOLE_MILLIGRAM_STEP: f64 = 1.0;

/// When the doses of a regimen are given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum Schedule {
    /// A single dose.
    Once,
    /// Regularly every `hours_min`–`hours_max` hours (q6h: 6–6; q6–8h: 6–8; once daily: 24–24).
    Every {
        /// Shortest interval, hours.
        hours_min: u16,
        /// Longest interval, hours.
        hours_max: u16,
    },
    /// Repeated only if needed (no improvement), with limits: tocilizumab is at least 8 h apart,
    /// at most 3 doses in 24 h and 4 in all.
    AsNeeded {
        /// Shortest interval between two doses, hours.
        min_interval_h: u16,
        /// Most doses in any 24 hours.
        max_per_24h: u8,
        /// Most doses in all.
        max_total: u8,
    },
    /// One dose, repeatable after `min`–`max` days (etoposide: 4–7 days).
    RepeatAfterDays {
        /// Fewest days before a repeat.
        min: u8,
        /// Most days before a repeat.
        max: u8,
    },
}

impl Schedule {
    /// Doses per day of a regular schedule (`Every`): `24 / hours_max` to `24 / hours_min`
    /// (q6–8h → 3–4). `None` for a single, as-needed or every-few-days dose.
    pub fn doses_per_day(self) -> Option<CountRange> {
        match self {
            Schedule::Every {
                hours_min,
                hours_max,
            } if hours_min > 0 && hours_max >= hours_min => Some(CountRange {
                low: (24 / hours_max) as u8,
                high: (24 / hours_min) as u8,
            }),
            _ => None,
        }
    }
}

/// How a dose is worked out.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum DoseRule {
    /// A dose per kg of body weight, optionally capped per dose (tocilizumab 8 mg/kg, max
    /// 800 mg; anakinra 2 mg/kg q6h, max 100 mg/dose).
    PerKg {
        /// mg per kg per dose.
        mg_per_kg: f64,
        /// Largest dose, mg.
        cap_mg: Option<f64>,
        /// When it is given.
        schedule: Schedule,
    },
    /// A daily amount per kg, split into equal doses (ruxolitinib 0.3 mg/kg/day in 2 doses).
    PerKgPerDay {
        /// mg per kg per day.
        mg_per_kg_day: f64,
        /// Number of doses the daily amount is split into (at least 1).
        doses_per_day: u8,
        /// Largest single dose, mg.
        cap_per_dose_mg: Option<f64>,
        /// The practical step the dose is rounded to, when it is not whole milligrams
        /// (ruxolitinib: 2.5 mg, the smallest step of the published weight-band doses, so that
        /// 10.5 mg is given as 10 mg). See [`DoseRounding`].
        practical_step_mg: Option<f64>,
    },
    /// A dose per kg that depends on a weight band: `mg_per_kg_below` under `below_kg`,
    /// `mg_per_kg` at or above it, capped per dose (tocilizumab for CRS: 12 mg/kg under 30 kg,
    /// 8 mg/kg from 30 kg, max 800 mg; product label, Mahadeo 2019).
    PerKgByWeightBand {
        /// The band limit, kg (a weight exactly at it takes `mg_per_kg`).
        below_kg: f64,
        /// mg per kg per dose under `below_kg`.
        mg_per_kg_below: f64,
        /// mg per kg per dose at or above `below_kg`.
        mg_per_kg: f64,
        /// Largest dose, mg.
        cap_mg: Option<f64>,
        /// When it is given.
        schedule: Schedule,
    },
    /// A dose per m² of body-surface area (Mosteller), as a range (etoposide 75–100 mg/m²).
    PerM2 {
        /// Lower end, mg/m².
        mg_per_m2_low: f64,
        /// Upper end, mg/m² (equal to the lower end for a single value).
        mg_per_m2_high: f64,
        /// When it is given.
        schedule: Schedule,
    },
    /// A fixed dose (dexamethasone 10 mg q6h).
    Fixed {
        /// mg per dose.
        mg: f64,
        /// When it is given.
        schedule: Schedule,
    },
    /// A fixed dose range (anakinra 100–200 mg q6–12h).
    FixedRange {
        /// Lower end, mg per dose.
        mg_low: f64,
        /// Upper end, mg per dose.
        mg_high: f64,
        /// When it is given.
        schedule: Schedule,
    },
    /// A daily amount whose split into doses the source does not state (anakinra low dose
    /// 100–200 mg/day s.c.).
    PerDay {
        /// Lower end, mg/day.
        mg_low: f64,
        /// Upper end, mg/day.
        mg_high: f64,
    },
}

impl DoseRule {
    /// Whether the rule needs the weight.
    pub fn needs_weight(&self) -> bool {
        matches!(
            self,
            DoseRule::PerKg { .. }
                | DoseRule::PerKgByWeightBand { .. }
                | DoseRule::PerKgPerDay { .. }
                | DoseRule::PerM2 { .. }
        )
    }

    /// Whether the rule is an adult fixed amount (not scaled to the patient).
    pub const fn is_fixed(&self) -> bool {
        matches!(
            self,
            DoseRule::Fixed { .. } | DoseRule::FixedRange { .. } | DoseRule::PerDay { .. }
        )
    }

    /// Whether the rule needs the height (BSA-based rules).
    pub fn needs_height(&self) -> bool {
        matches!(self, DoseRule::PerM2 { .. })
    }

    /// The schedule, when the rule has one (`PerKgPerDay` with n doses is `Every` 24/n hours
    /// when n divides 24; `PerDay` has none).
    pub fn schedule(&self) -> Option<Schedule> {
        match *self {
            DoseRule::PerKg { schedule, .. }
            | DoseRule::PerKgByWeightBand { schedule, .. }
            | DoseRule::PerM2 { schedule, .. }
            | DoseRule::Fixed { schedule, .. }
            | DoseRule::FixedRange { schedule, .. } => Some(schedule),
            DoseRule::PerKgPerDay { doses_per_day, .. }
                if doses_per_day > 0 && 24 % u16::from(doses_per_day) == 0 =>
            {
                let h = 24 / u16::from(doses_per_day);
                Some(Schedule::Every {
                    hours_min: h,
                    hours_max: h,
                })
            }
            DoseRule::PerKgPerDay { .. } | DoseRule::PerDay { .. } => None,
        }
    }
}

/// An amount range in mg (`low == high` for a single value).
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MgRange {
    /// Lower end, mg.
    pub low: f64,
    /// Upper end, mg.
    pub high: f64,
}

impl MgRange {
    /// A single value.
    pub const fn single(mg: f64) -> MgRange {
        MgRange { low: mg, high: mg }
    }

    /// Whether it is a single value.
    pub fn is_single(&self) -> bool {
        self.low == self.high
    }

    fn scale(self, by: f64) -> MgRange {
        MgRange {
            low: self.low * by,
            high: self.high * by,
        }
    }

    fn cap(self, cap: Option<f64>) -> MgRange {
        match cap {
            Some(c) => MgRange {
                low: self.low.min(c),
                high: self.high.min(c),
            },
            None => self,
        }
    }
}

/// A count range (doses per day), `low == high` for a single value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CountRange {
    /// Fewest.
    pub low: u8,
    /// Most.
    pub high: u8,
}

/// A dose worked out for one patient, with everything needed to show the arithmetic
/// ("8 mg/kg × 112 kg = 896 mg → capped at 800 mg").
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DoseResult {
    /// The rule applied.
    pub rule: DoseRule,
    /// The weight used, kg (weight-based rules only).
    pub weight_kg: Option<f64>,
    /// The mg/kg applied (per-kg rules; for a weight-band rule, the band's).
    pub mg_per_kg: Option<f64>,
    /// For a weight-band rule: whether the weight is under the band limit.
    pub below_weight_band: Option<bool>,
    /// The body-surface area used, m², rounded to [`BSA_DECIMALS`] (BSA-based rules only).
    pub bsa_m2: Option<f64>,
    /// The dose before any cap, mg (`None` for a [`DoseRule::PerDay`] rule, whose split into
    /// doses is not stated).
    pub per_dose_uncapped: Option<MgRange>,
    /// The dose to give, after the cap, mg.
    pub per_dose: Option<MgRange>,
    /// The cap per dose, mg, if the rule has one.
    pub cap_mg: Option<f64>,
    /// Whether the cap lowered the dose (strictly above the cap; a dose exactly at the cap, as
    /// 8 mg/kg × 100 kg = 800 mg, is not "capped").
    pub capped: bool,
    /// Doses per day of a regular schedule.
    pub doses_per_day: Option<CountRange>,
    /// Daily amount after the cap, mg (regular schedules and daily rules; `None` for single,
    /// as-needed or every-few-days doses).
    pub per_day: Option<MgRange>,
    /// For an as-needed schedule with a 24-hour limit: the most that can be given in 24 h, mg
    /// (upper dose × doses allowed per 24 h; tocilizumab 3 × 800 = 2400 mg).
    pub max_per_24h_mg: Option<f64>,
    /// The practical rounding of a weight- or BSA-based dose (`None` for fixed doses).
    pub rounding: Option<DoseRounding>,
}

/// Why a dose is rounded to its step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RoundingReason {
    /// Whole milligrams: the precision to which an injectable dose is drawn up.
    WholeMilligram,
    /// The smallest step of the published weight-band doses (ruxolitinib 2.5 mg).
    WeightBandStep,
}

/// The practical rounding of a computed dose (clinical spec §9.1): the unrounded dose, the step
/// and why, the rounded dose, and how much rounding changes it. A dose below the smallest
/// practical unit (one step) is shown as such, neither rounded to 0 nor up to a whole step:
/// `rounded` is `None` and `below_smallest_step` is set.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DoseRounding {
    /// The step, mg.
    pub step_mg: f64,
    /// Why this step.
    pub reason: RoundingReason,
    /// The dose before rounding (after any cap), mg.
    pub unrounded: MgRange,
    /// The dose rounded to the nearest step (half away from zero), mg; `None` when the dose is
    /// below the smallest practical unit.
    pub rounded: Option<MgRange>,
    /// The largest relative change of either end, percent (0 when not rounded).
    pub difference_percent: f64,
    /// The computed dose (its lower end) is smaller than one step, the smallest practical unit.
    pub below_smallest_step: bool,
}

impl DoseRounding {
    fn new(unrounded: MgRange, step_mg: f64, reason: RoundingReason) -> DoseRounding {
        let round = |v: f64| libm::round(v / step_mg) * step_mg;
        let rounded = MgRange {
            low: round(unrounded.low),
            high: round(unrounded.high),
        };
        // §9.1: "a computed dose below the smallest practical unit is shown as such".
        let below = unrounded.low < step_mg;
        let change = |from: f64, to: f64| {
            if from > 0.0 {
                libm::fabs(to - from) / from * 100.0
            } else {
                0.0
            }
        };
        DoseRounding {
            step_mg,
            reason,
            unrounded,
            rounded: (!below).then_some(rounded),
            difference_percent: if below {
                0.0
            } else {
                change(unrounded.low, rounded.low).max(change(unrounded.high, rounded.high))
            },
            below_smallest_step: below,
        }
    }

    /// Whether rounding changes the dose at all.
    pub fn changes_dose(&self) -> bool {
        self.rounded.is_some_and(|r| r != self.unrounded)
    }

    /// Whether the change is large enough to be shown ([`ROUNDING_DIFFERENCE_SHOWN_PERCENT`]).
    pub fn difference_shown(&self) -> bool {
        self.difference_percent > ROUNDING_DIFFERENCE_SHOWN_PERCENT
    }
}

/// Why a dose cannot be worked out. Never a number in place of a dose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DoseError {
    /// The rule is weight-based and no weight was entered.
    MissingWeight,
    /// The rule is BSA-based and no height was entered (the weight is present).
    MissingHeight,
    /// The rule is BSA-based and neither weight nor height was entered.
    MissingWeightAndHeight,
    /// The rule itself is malformed (e.g. 0 doses per day, a range whose low end exceeds its
    /// high end): a data error, not a patient error.
    InvalidRule,
    /// An adult fixed dose, not computed for a child: "adult dose — for children use your
    /// paediatric protocol" (clinical spec §9.1).
    AdultDoseForChild,
    /// Children are dosed by weight bands that are not verified here (ruxolitinib): not
    /// computed.
    ChildWeightBandsNotComputed,
    /// No rule for children is documented in the sources: not computed for a child.
    NoChildRule,
    /// Age unknown and weight under 40 kg or unknown: the clinician must say whether the
    /// patient is an adult or a child before an adult dose is shown.
    AskAdultOrChild,
}

impl core::fmt::Display for DoseError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            DoseError::MissingWeight => "weight needed to compute this dose",
            DoseError::MissingHeight => "height needed to compute this dose (body-surface area)",
            DoseError::MissingWeightAndHeight => {
                "weight and height needed to compute this dose (body-surface area)"
            }
            DoseError::InvalidRule => "invalid dose rule",
            DoseError::AdultDoseForChild => {
                "adult dose — for children use your paediatric protocol"
            }
            DoseError::ChildWeightBandsNotComputed => {
                "paediatric dosing by weight band — not computed"
            }
            DoseError::NoChildRule => {
                "no paediatric dose in the sources — use your paediatric protocol"
            }
            DoseError::AskAdultOrChild => "adult or child? Answer to show this dose",
        })
    }
}

#[cfg(feature = "std")]
impl std::error::Error for DoseError {}

/// Works out a dose for one patient.
///
/// Weight and height are only required by the rules that use them ([`DoseRule::needs_weight`],
/// [`DoseRule::needs_height`]); a fixed dose is computed without either. A cap applies to each
/// dose; the daily amount is the capped dose × doses per day.
pub fn compute(
    rule: DoseRule,
    weight: Option<Weight>,
    height: Option<Height>,
) -> Result<DoseResult, DoseError> {
    let weight_kg = if rule.needs_weight() {
        match (weight, rule.needs_height(), height) {
            (None, true, None) => return Err(DoseError::MissingWeightAndHeight),
            (None, _, _) => return Err(DoseError::MissingWeight),
            (Some(_), true, None) => return Err(DoseError::MissingHeight),
            (Some(w), ..) => Some(w.canonical()),
        }
    } else {
        None
    };
    let kg = weight_kg.unwrap_or(f64::NAN);

    let mut result = DoseResult {
        rule,
        weight_kg,
        mg_per_kg: None,
        below_weight_band: None,
        bsa_m2: None,
        per_dose_uncapped: None,
        per_dose: None,
        cap_mg: None,
        capped: false,
        doses_per_day: match rule {
            DoseRule::PerKgPerDay { doses_per_day, .. } => Some(CountRange {
                low: doses_per_day,
                high: doses_per_day,
            }),
            _ => rule.schedule().and_then(Schedule::doses_per_day),
        },
        per_day: None,
        max_per_24h_mg: None,
        rounding: None,
    };

    let (uncapped, cap, practical_step) = match rule {
        DoseRule::PerKg {
            mg_per_kg, cap_mg, ..
        } => {
            result.mg_per_kg = Some(mg_per_kg);
            (Some(MgRange::single(mg_per_kg * kg)), cap_mg, None)
        }
        DoseRule::PerKgByWeightBand {
            below_kg,
            mg_per_kg_below,
            mg_per_kg,
            cap_mg,
            ..
        } => {
            let below = kg < below_kg;
            let per_kg = if below { mg_per_kg_below } else { mg_per_kg };
            result.mg_per_kg = Some(per_kg);
            result.below_weight_band = Some(below);
            (Some(MgRange::single(per_kg * kg)), cap_mg, None)
        }
        DoseRule::PerKgPerDay {
            mg_per_kg_day,
            doses_per_day,
            cap_per_dose_mg,
            practical_step_mg,
        } => {
            if doses_per_day == 0 {
                return Err(DoseError::InvalidRule);
            }
            result.mg_per_kg = Some(mg_per_kg_day);
            let per_dose = mg_per_kg_day * kg / f64::from(doses_per_day);
            (
                Some(MgRange::single(per_dose)),
                cap_per_dose_mg,
                practical_step_mg,
            )
        }
        DoseRule::PerM2 {
            mg_per_m2_low,
            mg_per_m2_high,
            ..
        } => {
            if mg_per_m2_low > mg_per_m2_high {
                return Err(DoseError::InvalidRule);
            }
            // Both are present: checked above.
            let (Some(w), Some(h)) = (weight, height) else {
                return Err(DoseError::MissingWeightAndHeight);
            };
            let bsa = bsa_for_dosing(w, h);
            result.bsa_m2 = Some(bsa);
            let range = MgRange {
                low: mg_per_m2_low,
                high: mg_per_m2_high,
            };
            (Some(range.scale(bsa)), None, None)
        }
        DoseRule::Fixed { mg, .. } => (Some(MgRange::single(mg)), None, None),
        DoseRule::FixedRange {
            mg_low, mg_high, ..
        } => {
            if mg_low > mg_high {
                return Err(DoseError::InvalidRule);
            }
            (
                Some(MgRange {
                    low: mg_low,
                    high: mg_high,
                }),
                None,
                None,
            )
        }
        DoseRule::PerDay { mg_low, mg_high } => {
            if mg_low > mg_high {
                return Err(DoseError::InvalidRule);
            }
            result.per_day = Some(MgRange {
                low: mg_low,
                high: mg_high,
            });
            (None, None, None)
        }
    };

    if let Some(uncapped) = uncapped {
        let per_dose = uncapped.cap(cap);
        result.per_dose_uncapped = Some(uncapped);
        result.per_dose = Some(per_dose);
        result.cap_mg = cap;
        result.capped = cap.is_some_and(|c| uncapped.high > c);
        if let Some(n) = result.doses_per_day {
            result.per_day = Some(MgRange {
                low: per_dose.low * f64::from(n.low),
                high: per_dose.high * f64::from(n.high),
            });
        }
        if let Some(Schedule::AsNeeded { max_per_24h, .. }) = rule.schedule() {
            result.max_per_24h_mg = Some(per_dose.high * f64::from(max_per_24h));
        }
        if rule.needs_weight() {
            let (step, reason) = match practical_step.filter(|s| *s > 0.0) {
                Some(step) => (step, RoundingReason::WeightBandStep),
                None => (WHOLE_MILLIGRAM_STEP, RoundingReason::WholeMilligram),
            };
            result.rounding = Some(DoseRounding::new(per_dose, step, reason));
        }
    }
    Ok(result)
}
