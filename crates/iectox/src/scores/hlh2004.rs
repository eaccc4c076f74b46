//! Placeholder: being written.

use crate::patient::Patient;

/// Placeholder result.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Hlh2004 {}

/// Placeholder.
pub fn assess(_p: &Patient) -> Hlh2004 {
    Hlh2004 {}
}
