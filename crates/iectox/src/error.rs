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
    /// decimals depending on the locale, and both readings are plausible for the field (or
    /// neither is): refused rather than guessed (product decision 11).
    AmbiguousSeparator {
        /// The text as entered.
        text: String,
        /// The value if the separator marks decimals (`1.000` → 1).
        decimal_reading: f64,
        /// The value if the separator groups thousands (`1.000` → 1000).
        thousands_reading: f64,
        /// The unit both readings are in, when the field has one.
        unit: Option<Unit>,
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
        /// The units the field accepts (empty when the field is not a quantity).
        accepted: alloc::vec::Vec<Unit>,
    },
    /// A number given for a quantity without its unit (`{"ferritin": 12500}`): a value is
    /// never read in a guessed unit.
    UnitRequired {
        /// The value as given.
        text: String,
        /// The units the field accepts.
        accepted: alloc::vec::Vec<Unit>,
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
        /// The value given. A number, not an integer type, so that a value beyond an
        /// integer's range (`1e21`) is reported as given, not clamped; written as an integer
        /// when it is one.
        #[cfg_attr(feature = "serde", serde(serialize_with = "whole_if_exact"))]
        value: f64,
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// A count or score (an ICE item, hours on vasopressors) typed with decimals.
    NotAWholeNumber {
        /// The text as entered.
        text: String,
        /// Largest accepted value (the smallest is 0).
        max: i64,
    },
    /// Two inputs contradict each other.
    Inconsistent {
        /// The other field involved.
        with: Field,
    },
    /// A total (the error's field) that the entered items make impossible, e.g. an ICE total of
    /// 9 with items that add up to at most 1 (product decision 12). Neither input is used.
    TotalContradictsItems {
        /// The total as entered.
        total: i64,
        /// The lowest total the entered items allow.
        min: i64,
        /// The highest total the entered items allow.
        max: i64,
        /// The entered items.
        items: alloc::vec::Vec<Field>,
    },
    /// A choice that is not one of the accepted options.
    UnknownOption {
        /// The text as written.
        text: String,
        /// The accepted options (their keys).
        accepted: alloc::vec::Vec<String>,
    },
    /// A yes/no finding given as something other than yes or no (`true`/`false`).
    NotYesNo {
        /// The value as given.
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
            ErrorKind::NotANumber { text } => {
                write!(f, "{field}: \"{}\" is not a number", unquoted(text))
            }
            ErrorKind::AmbiguousSeparator {
                text,
                decimal_reading,
                thousands_reading,
                unit,
            } => {
                let (d, t) = (
                    crate::units::Rounded(*decimal_reading),
                    crate::units::Rounded(*thousands_reading),
                );
                write!(f, "{field}: \"{}\" could be {d} or {t}", unquoted(text))?;
                if let Some(unit) = unit {
                    write!(f, " {unit}")?;
                }
                write!(
                    f,
                    ": for {t} type it without a separator; for {d} use fewer or more than three decimals"
                )
            }
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
            ErrorKind::UnknownUnit { text, accepted } => {
                write!(f, "{field}: unknown unit \"{text}\"")?;
                if !accepted.is_empty() {
                    f.write_str("; use ")?;
                    write_units(f, accepted)?;
                }
                Ok(())
            }
            ErrorKind::UnitRequired { text, accepted } => {
                write!(
                    f,
                    "{field}: a unit is needed for {}; use ",
                    unquoted(text)
                )?;
                write_units(f, accepted)
            }
            ErrorKind::UnitNotAccepted { unit, accepted } => {
                write!(f, "{field}: {unit} is not a unit of this field; use ")?;
                write_units(f, accepted)
            }
            ErrorKind::NotConvertible { from, to } => write!(
                f,
                "{field}: {from} cannot be converted to {to} (different assays); enter the value in {to}"
            ),
            ErrorKind::CountOutOfRange { value, min, max } => {
                write!(f, "{field}: {value} is outside the accepted range {min}–{max}")
            }
            ErrorKind::NotAWholeNumber { text, max } => write!(
                f,
                "{field}: \"{}\" is not a whole number (accepted 0–{max})",
                unquoted(text)
            ),
            ErrorKind::Inconsistent { with } => {
                write!(f, "{field}: contradicts {}", with.label())
            }
            ErrorKind::TotalContradictsItems {
                total,
                min,
                max,
                items,
            } => {
                write!(f, "{field}: {total} is impossible with the entered items (")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(item.label())?;
                }
                write!(
                    f,
                    "), which allow {min}–{max}; correct the total or the items"
                )
            }
            ErrorKind::UnknownOption { text, accepted } => {
                write!(
                    f,
                    "{field}: \"{}\" is not one of the accepted options",
                    unquoted(text)
                )?;
                for (i, option) in accepted.iter().enumerate() {
                    f.write_str(if i == 0 { ": " } else { ", " })?;
                    f.write_str(option)?;
                }
                Ok(())
            }
            ErrorKind::NotYesNo { text } => write!(
                f,
                "{field}: \"{}\" is not yes or no; use true or false",
                unquoted(text)
            ),
        }
    }
}

/// Units as a list for a message: the symbol, and the UCUM code where it differs
/// (`×10⁹/L (10*9/L), /µL (/uL)`).
fn write_units(f: &mut fmt::Formatter<'_>, units: &[Unit]) -> fmt::Result {
    for (i, u) in units.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{u}")?;
        if u.ucum() != u.symbol() {
            write!(f, " ({})", u.ucum())?;
        }
    }
    Ok(())
}

/// A number as a JSON integer when it is a whole number a double holds exactly (`11`, not
/// `11.0`), otherwise as a double.
#[cfg(feature = "serde")]
fn whole_if_exact<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if libm::trunc(*value) == *value && value.abs() <= EXACT {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// The text without one pair of surrounding double quotes, so that a message quoting it never
/// doubles them (a JSON string such as `"NaN"` arrives with its quotes).
fn unquoted(text: &str) -> &str {
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text)
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}
