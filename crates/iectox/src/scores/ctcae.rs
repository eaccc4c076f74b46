//! Placeholder: being written.

use crate::patient::Patient;

/// Placeholder result.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ctcae {}

/// Placeholder.
pub fn assess(_p: &Patient) -> Ctcae {
    Ctcae {}
}
