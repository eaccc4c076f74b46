//! The crate's one error type.
//!
//! Every error names the [`Field`] it is about and what was wrong with it, so a form can show
//! it inline and a batch run can report it per record. An input with an error yields no score.

use alloc::string::String;
use core::fmt;

use crate::patient::Field;
use crate::units::Unit;

/// An input that cannot be used: which field, and why.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Error {
    /// The input field the error is about.
    pub field: Field,
    /// What is wrong with it.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub kind: ErrorKind,
}

/// What is wrong with an input.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not a number (after accepting `,` or `.` as decimal separator).
    NotANumber {
        /// The text as entered.
        text: String,
    },
    /// Text such as `1,000` or `12.500`, where the separator may group thousands or mark
    /// decimals depending on the locale: refused rather than guessed.
    AmbiguousSeparator {
        /// The text as entered.
        text: String,
    },
    /// The value is NaN or infinite.
    NotFinite,
    /// The value lies outside the physiologically plausible range, given in the entered unit.
    OutOfRange {
        /// The value as entered.
        value: f64,
        /// The unit it was entered in.
        unit: Unit,
        /// Smallest accepted value, in `unit`.
        min: f64,
        /// Largest accepted value, in `unit`.
        max: f64,
    },
    /// The unit text is not one this crate knows.
    UnknownUnit {
        /// The unit as written.
        text: String,
    },
    /// The unit is known but not a unit of this field (e.g. `mmol/L` for a temperature).
    UnitNotAccepted {
        /// The unit given.
        unit: Unit,
        /// The units the field accepts.
        accepted: alloc::vec::Vec<Unit>,
    },
    /// The unit measures something that cannot be converted to the unit of the rule
    /// (soluble CD25 in pg/mL versus the HLH-2004 threshold in U/mL: the assays differ).
    NotConvertible {
        /// The unit given.
        from: Unit,
        /// The unit the rule needs.
        to: Unit,
    },
    /// A count or score outside its defined range (e.g. an ICE total of 11).
    CountOutOfRange {
        /// The value given.
        value: i64,
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// Two inputs contradict each other (e.g. an ICE total and ICE items that disagree).
    Inconsistent {
        /// The other field involved.
        with: Field,
    },
    /// A choice that is not one of the accepted options.
    UnknownOption {
        /// The text as written.
        text: String,
    },
}

impl Error {
    /// An error about `field`.
    pub fn new(field: Field, kind: ErrorKind) -> Self {
        Error { field, kind }
    }

    /// The same error, about another field (for values that share a type, such as a ferritin
    /// and its upper limit of normal).
    #[must_use]
    pub fn for_field(mut self, field: Field) -> Self {
        self.field = field;
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = self.field.label();
        match &self.kind {
            ErrorKind::NotANumber { text } => write!(f, "{field}: \"{text}\" is not a number"),
            ErrorKind::AmbiguousSeparator { text } => write!(
                f,
                "{field}: \"{text}\" is ambiguous (thousands or decimals?); write it without a thousands separator"
            ),
            ErrorKind::NotFinite => write!(f, "{field}: the value is not a finite number"),
            ErrorKind::OutOfRange {
                value,
                unit,
                min,
                max,
            } => write!(
                f,
                "{field}: {value} {unit} is outside the accepted range {min}–{max} {unit}",
                min = crate::units::Rounded(*min),
                max = crate::units::Rounded(*max),
            ),
            ErrorKind::UnknownUnit { text } => write!(f, "{field}: unknown unit \"{text}\""),
            ErrorKind::UnitNotAccepted { unit, accepted } => {
                write!(f, "{field}: {unit} is not a unit of this field; use ")?;
                for (i, u) in accepted.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{u}")?;
                }
                Ok(())
            }
            ErrorKind::NotConvertible { from, to } => write!(
                f,
                "{field}: {from} cannot be converted to {to} (different assays); enter the value in {to}"
            ),
            ErrorKind::CountOutOfRange { value, min, max } => {
                write!(f, "{field}: {value} is outside the accepted range {min}–{max}")
            }
            ErrorKind::Inconsistent { with } => {
                write!(f, "{field}: contradicts {}", with.label())
            }
            ErrorKind::UnknownOption { text } => {
                write!(f, "{field}: \"{text}\" is not one of the accepted options")
            }
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}
