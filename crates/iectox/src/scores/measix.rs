//! Modified EASIX (Pennisi et al., Blood Adv 2021;5:3397-406). Clinical specification §7.
//!
//! **m-EASIX = LDH (U/L) × CRP (mg/dL) / platelets (10⁹/L)**, reported with its log2 (the
//! authors analysed log2 values). CRP is converted to mg/dL first (mg/L ÷ 10: entering mg/L
//! unconverted would give a value 10 times too high); LDH to U/L (µkat/L × 60); platelets to
//! 10⁹/L (/µL ÷ 1000).
//!
//! **No cut-off**: none was published in Pennisi 2021 (related cut-offs belong to other
//! scores and cohorts), so the result is the continuous value only; `conclusion` is always
//! [`Conclusion::Undetermined`] and `cutoff` is [`CutOff::NotEstablished`]. A UI must not
//! colour it red or green.
//!
//! Missing inputs make the value not computable (the reachable range of a product and a
//! quotient with a missing factor is unbounded, so no range is given); platelets of 0 make it
//! not computable for a reason of its own (no division by zero).

use alloc::vec;
use alloc::vec::Vec;

use crate::assessment::Conclusion;
use crate::patient::{Field, Patient};
use crate::sources::Source;
use crate::units::{Quantity, Unit};

/// Why m-EASIX could not be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum NotComputable {
    /// At least one of LDH, CRP and platelets is missing (see `missing`).
    MissingInputs,
    /// The platelet count is 0: the quotient is undefined.
    ZeroPlatelets,
}

/// The status of a cut-off for m-EASIX.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CutOff {
    /// No cut-off was published with the score (Pennisi 2021): show the continuous value.
    NotEstablished,
}

/// The inputs in the units of the formula, as used.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Inputs {
    /// LDH in U/L.
    pub ldh_u_per_l: f64,
    /// CRP in mg/dL (converted from mg/L when entered so).
    pub crp_mg_per_dl: f64,
    /// Platelets in 10⁹/L.
    pub platelets_e9_per_l: f64,
}

/// m-EASIX for one patient.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MEasix {
    /// LDH × CRP / platelets, when computable.
    pub value: Option<f64>,
    /// log2 of the value; `None` also when the value is 0 (LDH or CRP of 0: log2 undefined).
    pub log2: Option<f64>,
    /// The three inputs in the formula's units, when all are entered.
    pub inputs: Option<Inputs>,
    /// Why the value is missing, when it is.
    pub not_computable: Option<NotComputable>,
    /// Inputs needed and missing, in field order.
    pub missing: Vec<Field>,
    /// Always `Undetermined`: there is no cut-off to conclude against.
    pub conclusion: Conclusion,
    /// Always [`CutOff::NotEstablished`].
    pub cutoff: CutOff,
    /// Pennisi 2021.
    pub sources: Vec<Source>,
}

/// m-EASIX from values already in the formula's units (LDH U/L, CRP mg/dL, platelets
/// 10⁹/L); `None` when platelets are 0 (or not finite inputs).
pub fn formula(ldh_u_per_l: f64, crp_mg_per_dl: f64, platelets_e9_per_l: f64) -> Option<f64> {
    if platelets_e9_per_l == 0.0 {
        return None;
    }
    let value = ldh_u_per_l * crp_mg_per_dl / platelets_e9_per_l;
    value.is_finite().then_some(value)
}

/// Computes m-EASIX.
///
/// ```
/// use iectox::units::{Crp, Ldh, Platelets, Quantity, Unit};
/// use iectox::Patient;
/// let mut p = Patient::default();
/// p.ldh = Some(Ldh::new(400.0, Unit::UPerL).unwrap());
/// p.crp = Some(Crp::new(50.0, Unit::MgPerL).unwrap()); // 5 mg/dL
/// p.platelets = Some(Platelets::new(100.0, Unit::E9PerL).unwrap());
/// let m = iectox::scores::measix::assess(&p);
/// assert_eq!(m.value, Some(20.0));
/// ```
pub fn assess(p: &Patient) -> MEasix {
    let mut missing = Vec::new();
    if p.ldh.is_none() {
        missing.push(Field::Ldh);
    }
    if p.crp.is_none() {
        missing.push(Field::Crp);
    }
    if p.platelets.is_none() {
        missing.push(Field::Platelets);
    }
    crate::order::sort_small(&mut missing);

    let inputs = match (p.ldh, p.crp, p.platelets) {
        (Some(ldh), Some(crp), Some(plt)) => Some(Inputs {
            ldh_u_per_l: ldh.in_unit(Unit::UPerL).unwrap_or(f64::NAN),
            crp_mg_per_dl: crp.in_unit(Unit::MgPerDl).unwrap_or(f64::NAN),
            platelets_e9_per_l: plt.in_unit(Unit::E9PerL).unwrap_or(f64::NAN),
        }),
        _ => None,
    };
    let (value, not_computable) = match inputs {
        None => (None, Some(NotComputable::MissingInputs)),
        Some(i) if i.platelets_e9_per_l == 0.0 => (None, Some(NotComputable::ZeroPlatelets)),
        Some(i) => (
            formula(i.ldh_u_per_l, i.crp_mg_per_dl, i.platelets_e9_per_l),
            None,
        ),
    };
    let log2 = value.filter(|v| *v > 0.0).map(libm::log2);

    MEasix {
        value,
        log2,
        inputs,
        not_computable,
        missing,
        conclusion: Conclusion::Undetermined,
        cutoff: CutOff::NotEstablished,
        sources: vec![Source::Pennisi2021],
    }
}
