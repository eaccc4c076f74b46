//! Units at the edge: one newtype per analyte or measure.
//!
//! A value is kept **as entered** (number and unit) and is only converted when a rule needs
//! it. A rule compares against a [`Threshold`] that lists the value(s) the paper published in
//! each unit; when the entered unit is one of them the comparison is exact in that unit, so a
//! value typed exactly at a boundary never flips by conversion rounding (clinical spec §1.4,
//! product decision 9). Otherwise the value is converted to the first published unit and
//! rounded to the precision of the published threshold before comparing.
//!
//! Physiologically plausible bounds (the accepted range of every measure) are in one table,
//! [`PLAUSIBLE`]; a value outside them is an [`Error`] naming the field, the value and the
//! range, and yields no score.

use core::cmp::Ordering;
use core::fmt;

use crate::error::{Error, ErrorKind};
use crate::patient::Field;

/// A unit of measurement, as clinicians write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
// Serialised as its symbol; read (serde and [`Unit::parse`]) in every spelling of
// [`Unit::from_text`], UCUM codes included.
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Unit {
    /// Degrees Celsius.
    #[cfg_attr(feature = "serde", serde(rename = "°C"))]
    Celsius,
    /// Degrees Fahrenheit.
    #[cfg_attr(feature = "serde", serde(rename = "°F"))]
    Fahrenheit,
    /// Nanograms per millilitre (= µg/L).
    #[cfg_attr(feature = "serde", serde(rename = "ng/mL"))]
    NgPerMl,
    /// Micrograms per litre (= ng/mL).
    #[cfg_attr(feature = "serde", serde(rename = "µg/L"))]
    UgPerL,
    /// Picomoles per litre.
    #[cfg_attr(feature = "serde", serde(rename = "pmol/L"))]
    PmolPerL,
    /// Milligrams per decilitre.
    #[cfg_attr(feature = "serde", serde(rename = "mg/dL"))]
    MgPerDl,
    /// Milligrams per litre.
    #[cfg_attr(feature = "serde", serde(rename = "mg/L"))]
    MgPerL,
    /// Millimoles per litre.
    #[cfg_attr(feature = "serde", serde(rename = "mmol/L"))]
    MmolPerL,
    /// Micromoles per litre.
    #[cfg_attr(feature = "serde", serde(rename = "µmol/L"))]
    UmolPerL,
    /// Grams per litre.
    #[cfg_attr(feature = "serde", serde(rename = "g/L"))]
    GPerL,
    /// Grams per decilitre.
    #[cfg_attr(feature = "serde", serde(rename = "g/dL"))]
    GPerDl,
    /// 10⁹ cells per litre (= 10³/µL).
    #[cfg_attr(feature = "serde", serde(rename = "10^9/L"))]
    E9PerL,
    /// Cells per microlitre (= per mm³).
    #[cfg_attr(feature = "serde", serde(rename = "/µL"))]
    PerUl,
    /// Units per litre (= IU/L).
    #[cfg_attr(feature = "serde", serde(rename = "U/L"))]
    UPerL,
    /// Microkatal per litre (enzyme activity, SI).
    #[cfg_attr(feature = "serde", serde(rename = "µkat/L"))]
    UkatPerL,
    /// Units per millilitre (soluble CD25).
    #[cfg_attr(feature = "serde", serde(rename = "U/mL"))]
    UPerMl,
    /// Picograms per millilitre (soluble CD25 by some assays; not convertible to U/mL).
    #[cfg_attr(feature = "serde", serde(rename = "pg/mL"))]
    PgPerMl,
    /// Kilograms.
    #[cfg_attr(feature = "serde", serde(rename = "kg"))]
    Kg,
    /// Pounds.
    #[cfg_attr(feature = "serde", serde(rename = "lb"))]
    Lb,
    /// Centimetres.
    #[cfg_attr(feature = "serde", serde(rename = "cm"))]
    Cm,
    /// Inches.
    #[cfg_attr(feature = "serde", serde(rename = "in"))]
    Inch,
    /// Litres per minute.
    #[cfg_attr(feature = "serde", serde(rename = "L/min"))]
    LPerMin,
    /// Percent.
    #[cfg_attr(feature = "serde", serde(rename = "%"))]
    Percent,
    /// A fraction of one (FiO₂ 0.21–1.0).
    #[cfg_attr(feature = "serde", serde(rename = "fraction"))]
    Fraction,
    /// Years.
    #[cfg_attr(feature = "serde", serde(rename = "years"))]
    Years,
    /// Months.
    #[cfg_attr(feature = "serde", serde(rename = "months"))]
    Months,
    /// Weeks.
    #[cfg_attr(feature = "serde", serde(rename = "weeks"))]
    Weeks,
    /// Days.
    #[cfg_attr(feature = "serde", serde(rename = "days"))]
    Days,
}

impl Unit {
    /// The unit's usual symbol.
    pub const fn symbol(self) -> &'static str {
        match self {
            Unit::Celsius => "°C",
            Unit::Fahrenheit => "°F",
            Unit::NgPerMl => "ng/mL",
            Unit::UgPerL => "µg/L",
            Unit::PmolPerL => "pmol/L",
            Unit::MgPerDl => "mg/dL",
            Unit::MgPerL => "mg/L",
            Unit::MmolPerL => "mmol/L",
            Unit::UmolPerL => "µmol/L",
            Unit::GPerL => "g/L",
            Unit::GPerDl => "g/dL",
            Unit::E9PerL => "×10⁹/L",
            Unit::PerUl => "/µL",
            Unit::UPerL => "U/L",
            Unit::UkatPerL => "µkat/L",
            Unit::UPerMl => "U/mL",
            Unit::PgPerMl => "pg/mL",
            Unit::Kg => "kg",
            Unit::Lb => "lb",
            Unit::Cm => "cm",
            Unit::Inch => "in",
            Unit::LPerMin => "L/min",
            Unit::Percent => "%",
            Unit::Fraction => "fraction",
            Unit::Years => "years",
            Unit::Months => "months",
            Unit::Weeks => "weeks",
            Unit::Days => "days",
        }
    }

    /// Every unit, in declaration order.
    pub const ALL: &'static [Unit] = &[
        Unit::Celsius,
        Unit::Fahrenheit,
        Unit::NgPerMl,
        Unit::UgPerL,
        Unit::PmolPerL,
        Unit::MgPerDl,
        Unit::MgPerL,
        Unit::MmolPerL,
        Unit::UmolPerL,
        Unit::GPerL,
        Unit::GPerDl,
        Unit::E9PerL,
        Unit::PerUl,
        Unit::UPerL,
        Unit::UkatPerL,
        Unit::UPerMl,
        Unit::PgPerMl,
        Unit::Kg,
        Unit::Lb,
        Unit::Cm,
        Unit::Inch,
        Unit::LPerMin,
        Unit::Percent,
        Unit::Fraction,
        Unit::Years,
        Unit::Months,
        Unit::Weeks,
        Unit::Days,
    ];

    /// The unit's UCUM code (FHIR `valueQuantity.code`). `Fraction` is UCUM's unity, `1`.
    pub const fn ucum(self) -> &'static str {
        match self {
            Unit::Celsius => "Cel",
            Unit::Fahrenheit => "[degF]",
            Unit::NgPerMl => "ng/mL",
            Unit::UgPerL => "ug/L",
            Unit::PmolPerL => "pmol/L",
            Unit::MgPerDl => "mg/dL",
            Unit::MgPerL => "mg/L",
            Unit::MmolPerL => "mmol/L",
            Unit::UmolPerL => "umol/L",
            Unit::GPerL => "g/L",
            Unit::GPerDl => "g/dL",
            Unit::E9PerL => "10*9/L",
            Unit::PerUl => "/uL",
            Unit::UPerL => "U/L",
            Unit::UkatPerL => "ukat/L",
            Unit::UPerMl => "U/mL",
            Unit::PgPerMl => "pg/mL",
            Unit::Kg => "kg",
            Unit::Lb => "[lb_av]",
            Unit::Cm => "cm",
            Unit::Inch => "[in_i]",
            Unit::LPerMin => "L/min",
            Unit::Percent => "%",
            Unit::Fraction => "1",
            Unit::Years => "a",
            Unit::Months => "mo",
            Unit::Weeks => "wk",
            Unit::Days => "d",
        }
    }

    /// Reads a unit for `field` as clinicians, laboratory exports and FHIR write it (see
    /// [`Unit::from_text`]). The one spelling whose meaning depends on the field is `G/L`:
    /// UCUM's `G` is giga, so a cell count (a field accepting 10⁹/L) reads `G/L` as 10⁹/L, as
    /// laboratory exports print it; any other field reads it as grams per litre, the only
    /// reading there (lower-case `g/L` is always grams). An unknown unit is an error listing
    /// the units `field` accepts.
    pub fn parse(field: Field, text: &str) -> Result<Unit, Error> {
        let accepted = accepted_units(field);
        if accepted.contains(&Unit::E9PerL) && is_giga_per_litre(text) {
            return Ok(Unit::E9PerL);
        }
        Unit::from_text(text).ok_or_else(|| {
            Error::new(
                field,
                ErrorKind::UnknownUnit {
                    text: alloc::string::String::from(text),
                    accepted: accepted.to_vec(),
                },
            )
        })
    }

    /// Reads a unit with no field to decide by: every symbol of [`Unit::symbol`], its UCUM
    /// code ([`Unit::ucum`]: `Cel`, `[degF]`, `10*9/L`, `10*3/uL`, `[lb_av]`, `[in_i]`, `a`,
    /// `mo`, `wk`, `d`…, UCUM annotations such as `{cells}` ignored), laboratory-export forms
    /// (`/nL`, `Gpt/L` for 10⁹/L; `kU/L` = U/mL) and bedside spellings (`x10^9/L`, `/mm3`,
    /// `mcg/L`, `IU/L`, `C`, `F`, `lbs`, `years`). Case-insensitive: no two units this crate
    /// accepts differ only by case, except UCUM's `G/L` (giga) and `g/L` (grams), read here
    /// as grams; [`Unit::parse`] reads `G/L` by field.
    pub fn from_text(text: &str) -> Option<Unit> {
        let mut buf = [0u8; 24];
        let mut n = 0;
        let mut in_annotation = false;
        for c in text.trim().chars() {
            if in_annotation {
                in_annotation = c != '}';
                continue;
            }
            // Fold case and the usual spellings of µ, ×, ³ and ⁹ into ASCII; drop what only
            // decorates (degree sign, spaces, `^`, UCUM's `*` and square brackets).
            let folded: &[u8] = match c {
                'µ' | 'μ' => b"u",
                '×' => b"x",
                '³' => b"3",
                '⁹' => b"9",
                '°' | ' ' | '^' | '*' | '[' | ']' => b"",
                '{' => {
                    in_annotation = true;
                    b""
                }
                c if c.is_ascii() => &[c.to_ascii_lowercase() as u8],
                _ => return None,
            };
            for &b in folded {
                *buf.get_mut(n)? = b;
                n += 1;
            }
        }
        if in_annotation {
            return None;
        }
        let unit = match core::str::from_utf8(&buf[..n]).ok()? {
            "c" | "degc" | "cel" | "celsius" => Unit::Celsius,
            "f" | "degf" | "fahrenheit" => Unit::Fahrenheit,
            "ng/ml" => Unit::NgPerMl,
            "ug/l" | "mcg/l" => Unit::UgPerL,
            "pmol/l" => Unit::PmolPerL,
            "mg/dl" => Unit::MgPerDl,
            "mg/l" => Unit::MgPerL,
            "mmol/l" => Unit::MmolPerL,
            "umol/l" | "mcmol/l" => Unit::UmolPerL,
            "g/l" => Unit::GPerL,
            "g/dl" => Unit::GPerDl,
            "109/l" | "x109/l" | "e9/l" | "giga/l" | "gpt/l" | "/nl" | "10e9/l" | "x10e9/l"
            | "103/ul" | "x103/ul" | "103/mm3" | "x103/mm3" | "k/ul" => Unit::E9PerL,
            "/ul" | "/mm3" | "cells/ul" | "cells/mm3" | "/mcl" => Unit::PerUl,
            "u/l" | "iu/l" => Unit::UPerL,
            "ukat/l" | "mckat/l" => Unit::UkatPerL,
            "u/ml" | "iu/ml" | "ku/l" => Unit::UPerMl,
            "pg/ml" => Unit::PgPerMl,
            "kg" => Unit::Kg,
            "lb" | "lbs" | "lb_av" => Unit::Lb,
            "cm" => Unit::Cm,
            "in" | "in_i" | "inch" | "inches" => Unit::Inch,
            "l/min" | "lpm" => Unit::LPerMin,
            "%" | "percent" => Unit::Percent,
            "fraction" | "1" => Unit::Fraction,
            "years" | "year" | "y" | "yr" | "a" => Unit::Years,
            "months" | "month" | "mo" => Unit::Months,
            "weeks" | "week" | "wk" => Unit::Weeks,
            "days" | "day" | "d" => Unit::Days,
            _ => return None,
        };
        Some(unit)
    }
}

/// `G/L` with a capital G (spaces and UCUM annotations aside): giga per litre in UCUM.
fn is_giga_per_litre(text: &str) -> bool {
    let mut rest = text.trim().chars().filter(|c| *c != ' ');
    matches!(
        (rest.next(), rest.next(), rest.next(), rest.next()),
        (Some('G'), Some('/'), Some('L' | 'l'), None)
    )
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Unit;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a unit such as \"mg/dL\", \"x10^9/L\" or a UCUM code")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Unit, E> {
                Unit::from_text(text)
                    .ok_or_else(|| E::custom(alloc::format!("unknown unit \"{text}\"")))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// Formats a float without a trailing `.0` and with at most 4 significant decimals, for
/// messages.
#[derive(Clone, Copy, Debug)]
pub struct Rounded(pub f64);

impl fmt::Display for Rounded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        // No decimals to round from 1e15 on, and scaling there would alter the digits
        // (1e21 × 10⁴ ÷ 10⁴ prints as 1000000000000000100000).
        if !v.is_finite() || v.abs() >= 1e15 {
            return write!(f, "{v}");
        }
        let r = libm::round(v * 10_000.0) / 10_000.0;
        if r == libm::trunc(r) && r.abs() < 1e15 {
            write!(f, "{}", r as i64)
        } else {
            write!(f, "{r}")
        }
    }
}

/// A number as typed: one value, or two readings when the separator may group thousands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reading {
    /// The only reading.
    Exact(f64),
    /// One separator followed by exactly three digits after one to three integer digits
    /// (`1.498`, `1,000`): a decimal mark in some locales, a thousands separator in others.
    Ambiguous {
        /// The value if the separator marks decimals (`1.498` → 1.498).
        decimal: f64,
        /// The value if it groups thousands (`1.498` → 1498).
        thousands: f64,
    },
}

/// Reads a number as typed at the bedside: surrounding spaces ignored, `,` or `.` as the
/// decimal separator. Empty text is `Ok(None)` (missing, never zero). Text such as `1,000` or
/// `12.500` gives both of its readings ([`Reading::Ambiguous`]); which one, if any, is meant
/// depends on the field ([`Quantity::parse`], [`parse_count`]).
pub fn read_number(field: Field, text: &str) -> Result<Option<Reading>, Error> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let not_a_number = || {
        Error::new(
            field,
            ErrorKind::NotANumber {
                text: alloc::string::String::from(text),
            },
        )
    };
    let bytes = t.as_bytes();
    let valid = bytes
        .iter()
        .enumerate()
        .all(|(i, &b)| b.is_ascii_digit() || b == b'.' || b == b',' || (i == 0 && b == b'-'));
    let separators = bytes.iter().filter(|&&b| b == b'.' || b == b',').count();
    if !valid || separators > 1 || !bytes.iter().any(u8::is_ascii_digit) {
        return Err(not_a_number());
    }
    let mut buf = [0u8; 64];
    if bytes.len() > buf.len() {
        return Err(not_a_number());
    }
    for (i, &b) in bytes.iter().enumerate() {
        buf[i] = if b == b',' { b'.' } else { b };
    }
    let normalised = core::str::from_utf8(&buf[..bytes.len()]).map_err(|_| not_a_number())?;
    let value: f64 = normalised.parse().map_err(|_| not_a_number())?;
    if !value.is_finite() {
        return Err(Error::new(field, ErrorKind::NotFinite));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == b'.' || b == b',') {
        let int_part = &t[..pos];
        let frac_part = &t[pos + 1..];
        let int_digits = int_part.trim_start_matches('-');
        // "0.750" is never a thousands grouping; "1000,5" and "1,5" are never ambiguous.
        if frac_part.len() == 3
            && !int_digits.is_empty()
            && int_digits.len() <= 3
            && !int_digits.starts_with('0')
        {
            let mut digits = [0u8; 7];
            digits[..int_digits.len()].copy_from_slice(int_digits.as_bytes());
            digits[int_digits.len()..int_digits.len() + 3].copy_from_slice(frac_part.as_bytes());
            let joined = core::str::from_utf8(&digits[..int_digits.len() + 3])
                .map_err(|_| not_a_number())?;
            let magnitude: f64 = joined.parse().map_err(|_| not_a_number())?;
            let thousands = if int_part.starts_with('-') {
                -magnitude
            } else {
                magnitude
            };
            return Ok(Some(Reading::Ambiguous {
                decimal: value,
                thousands,
            }));
        }
    }
    Ok(Some(Reading::Exact(value)))
}

/// Reads a number with no field-specific range: like [`read_number`], but text with two
/// readings is refused as [`ErrorKind::AmbiguousSeparator`] (with both readings).
/// Quantities and counts use [`Quantity::parse`] and [`parse_count`] instead, which accept
/// the one plausible reading.
pub fn parse_number(field: Field, text: &str) -> Result<Option<f64>, Error> {
    resolve(field, text, None, |_| false)
}

/// [`read_number`], keeping of two readings the one `plausible` accepts when it accepts
/// exactly one (product decision 11); otherwise an [`ErrorKind::AmbiguousSeparator`] with
/// both readings, in `unit` when the field has one.
fn resolve(
    field: Field,
    text: &str,
    unit: Option<Unit>,
    plausible: impl Fn(f64) -> bool,
) -> Result<Option<f64>, Error> {
    match read_number(field, text)? {
        None => Ok(None),
        Some(Reading::Exact(v)) => Ok(Some(v)),
        Some(Reading::Ambiguous { decimal, thousands }) => {
            match (plausible(decimal), plausible(thousands)) {
                (true, false) => Ok(Some(decimal)),
                (false, true) => Ok(Some(thousands)),
                _ => Err(ambiguous(field, text, decimal, thousands, unit)),
            }
        }
    }
}

fn ambiguous(field: Field, text: &str, decimal: f64, thousands: f64, unit: Option<Unit>) -> Error {
    Error::new(
        field,
        ErrorKind::AmbiguousSeparator {
            text: alloc::string::String::from(text),
            decimal_reading: decimal,
            thousands_reading: thousands,
            unit,
        },
    )
}

/// Reads a count or score as typed (an ICE item, a CAPD total, hours on vasopressors): a whole
/// number in `0..=max`; empty text is `Ok(None)`. Of the two readings of `1,000` the one that
/// is a whole number within range is kept when only one is.
pub fn parse_count(field: Field, text: &str, max: u16) -> Result<Option<u16>, Error> {
    // `libm`: `f64::trunc` needs std.
    let whole = |v: f64| libm::trunc(v) == v;
    let in_range = |v: f64| whole(v) && (0.0..=f64::from(max)).contains(&v);
    let Some(v) = resolve(field, text, None, in_range)? else {
        return Ok(None);
    };
    if !whole(v) {
        return Err(Error::new(
            field,
            ErrorKind::NotAWholeNumber {
                text: alloc::string::String::from(text),
                max: i64::from(max),
            },
        ));
    }
    if !in_range(v) {
        return Err(Error::new(
            field,
            ErrorKind::CountOutOfRange {
                value: v,
                min: 0,
                max: i64::from(max),
            },
        ));
    }
    Ok(Some(v as u16))
}

/// A threshold as published: the value in each unit the paper printed it in, the first being
/// the unit used when the entered unit is not among them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Threshold {
    /// `(unit, value, decimals)`: the published value and its precision.
    pub published: &'static [(Unit, f64, u8)],
}

impl Threshold {
    /// The published value in the first (primary) unit.
    pub const fn primary(&self) -> (Unit, f64) {
        (self.published[0].0, self.published[0].1)
    }
}

/// A measured quantity with a fixed set of accepted units.
pub trait Quantity: Copy + Sized {
    /// The field a bare value of this type fills (errors can be re-targeted with
    /// [`Error::for_field`]).
    const FIELD: Field;
    /// The canonical unit (what [`Quantity::canonical`] returns).
    const CANONICAL: Unit;
    /// Units accepted on input.
    const UNITS: &'static [Unit];

    /// Builds the value without checks (the checks are in [`Quantity::new`]).
    #[doc(hidden)]
    fn from_parts(value: f64, unit: Unit) -> Self;
    /// The value as entered.
    fn value(&self) -> f64;
    /// The unit it was entered in.
    fn unit(&self) -> Unit;
    /// Converts `value` in `from` to the canonical unit (`from` is one of [`Quantity::UNITS`]).
    fn to_canonical(value: f64, from: Unit) -> f64;
    /// Converts a canonical value to `to` (one of [`Quantity::UNITS`]).
    fn from_canonical(value: f64, to: Unit) -> f64;

    /// Checks and stores a value as entered: finite, in an accepted unit, within the
    /// plausible range of [`PLAUSIBLE`].
    fn new(value: f64, unit: Unit) -> Result<Self, Error> {
        check_linear::<Self>(value, unit)
    }

    /// Parses text and a unit as typed (see [`read_number`]); empty text is `Ok(None)`. Text
    /// with two readings (`1.498`) is read as the one that is plausible in `unit`, and refused
    /// when both or neither are (product decision 11).
    fn parse(text: &str, unit: Unit) -> Result<Option<Self>, Error> {
        Self::parse_as(Self::FIELD, text, unit)
    }

    /// [`Quantity::parse`] for `field`, this quantity or a reference value of it (a ferritin's
    /// upper limit of normal): errors name `field`, and both the quantity's bounds and the
    /// reference bounds of [`REFERENCE_PLAUSIBLE`] apply, to the value and to the choice
    /// between two readings. The checks are those of [`check_quantity`].
    fn parse_as(field: Field, text: &str, unit: Unit) -> Result<Option<Self>, Error> {
        let check = |v: f64| check_as::<Self>(field, v, unit).map(|_| ());
        match choose_reading(field, text, unit, &check)? {
            None => Ok(None),
            // The chosen reading is checked again to build the value (the same, pure check).
            Some(value) => check_as::<Self>(field, value, unit).map(Some),
        }
    }

    /// The value in the canonical unit.
    fn canonical(&self) -> f64 {
        Self::to_canonical(self.value(), self.unit())
    }

    /// The value in `unit`, if that unit is accepted for this quantity.
    fn in_unit(&self, unit: Unit) -> Option<f64> {
        if unit == self.unit() {
            Some(self.value())
        } else if Self::UNITS.contains(&unit) {
            Some(Self::from_canonical(self.canonical(), unit))
        } else {
            None
        }
    }

    /// Compares the value with a published threshold: exactly in the entered unit when the
    /// threshold was published in it, otherwise converted and rounded to the published
    /// precision.
    fn compare(&self, threshold: &Threshold) -> Ordering {
        if let Some(&(_, t, _)) = threshold.published.iter().find(|p| p.0 == self.unit()) {
            return self.value().total_cmp(&t);
        }
        let (unit, t, decimals) = threshold.published[0];
        let converted = Self::from_canonical(self.canonical(), unit);
        round_to(converted, decimals).total_cmp(&t)
    }

    /// `value ≥ threshold`.
    fn at_least(&self, threshold: &Threshold) -> bool {
        self.compare(threshold) != Ordering::Less
    }
    /// `value > threshold`.
    fn above(&self, threshold: &Threshold) -> bool {
        self.compare(threshold) == Ordering::Greater
    }
    /// `value ≤ threshold`.
    fn at_most(&self, threshold: &Threshold) -> bool {
        self.compare(threshold) != Ordering::Greater
    }
    /// `value < threshold`.
    fn below(&self, threshold: &Threshold) -> bool {
        self.compare(threshold) == Ordering::Less
    }
}

/// Rounds half away from zero to `decimals` places.
pub fn round_to(value: f64, decimals: u8) -> f64 {
    let scale = libm::pow(10.0, f64::from(decimals));
    libm::round(value * scale) / scale
}

/// Physiologically plausible bounds of every measured field, in its canonical unit: the
/// accepted range on input. One table, so that it can be reviewed and corrected in one place.
/// Wide on purpose: they refuse typing errors (a ferritin of 5 000 000, a temperature of
/// 3.8), not rare patients.
pub const PLAUSIBLE: &[(Field, f64, f64, Unit)] = &[
    (Field::Temperature, 25.0, 45.0, Unit::Celsius),
    (Field::Ferritin, 0.0, 500_000.0, Unit::NgPerMl),
    (Field::Triglycerides, 0.0, 60.0, Unit::MmolPerL),
    (Field::Fibrinogen, 0.0, 15.0, Unit::GPerL),
    (Field::Haemoglobin, 1.0, 25.0, Unit::GPerDl),
    (Field::Leukocytes, 0.0, 500.0, Unit::E9PerL),
    (Field::Neutrophils, 0.0, 300.0, Unit::E9PerL),
    (Field::Platelets, 0.0, 3_000.0, Unit::E9PerL),
    (Field::Ast, 0.0, 50_000.0, Unit::UPerL),
    (Field::Alt, 0.0, 50_000.0, Unit::UPerL),
    (Field::Bilirubin, 0.0, 80.0, Unit::MgPerDl),
    (Field::Ldh, 0.0, 100_000.0, Unit::UPerL),
    (Field::Crp, 0.0, 1_000.0, Unit::MgPerL),
    (Field::Creatinine, 0.05, 30.0, Unit::MgPerDl),
    (Field::Scd25, 0.0, 500_000.0, Unit::UPerMl),
    (Field::Weight, 0.3, 400.0, Unit::Kg),
    (Field::Height, 20.0, 250.0, Unit::Cm),
    (Field::OxygenFlow, 0.0, 80.0, Unit::LPerMin),
    (Field::Fio2, 21.0, 100.0, Unit::Percent),
    (Field::Age, 0.0, 120.0, Unit::Years),
];

/// Plausible bounds of the reference values (limits of normal and baselines), in the canonical
/// unit of their analyte. Stricter than the analyte's own bounds: a limit of normal of 0 would
/// make every multiple of it "abnormal". Checked by [`check_quantity`].
pub const REFERENCE_PLAUSIBLE: &[(Field, f64, f64)] = &[
    (Field::FerritinUln, 10.0, 2_000.0),
    (Field::FerritinBaseline, 1.0, 500_000.0),
    (Field::FibrinogenLln, 0.5, 6.0),
    (Field::FibrinogenBaseline, 0.1, 15.0),
    (Field::HaemoglobinLln, 5.0, 20.0),
    (Field::LeukocytesLln, 0.5, 20.0),
    (Field::NeutrophilsLln, 0.1, 10.0),
    (Field::PlateletsLln, 10.0, 500.0),
    (Field::AstUln, 5.0, 500.0),
    (Field::AstBaseline, 1.0, 50_000.0),
    (Field::AltUln, 5.0, 500.0),
    (Field::AltBaseline, 1.0, 50_000.0),
    (Field::BilirubinUln, 0.1, 10.0),
    (Field::BilirubinBaseline, 0.01, 80.0),
    (Field::CreatinineUln, 0.1, 10.0),
    (Field::CreatinineBaseline, 0.05, 30.0),
];

fn plausible(field: Field) -> (f64, f64) {
    PLAUSIBLE
        .iter()
        .find(|(f, ..)| *f == field)
        .map_or((f64::NEG_INFINITY, f64::INFINITY), |&(_, lo, hi, _)| {
            (lo, hi)
        })
}

macro_rules! linear_quantity {
    (
        $(#[$meta:meta])*
        $name:ident, $field:expr, canonical $canonical:expr,
        [$($unit:expr => $factor:expr),+ $(,)?]
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "QuantityText", into = "RawQuantity"))]
        pub struct $name {
            value: f64,
            unit: Unit,
        }

        impl $name {
            /// `(unit, factor)`: canonical value = entered value × factor.
            const FACTORS: &'static [(Unit, f64)] = &[$(($unit, $factor)),+];
        }

        impl Quantity for $name {
            const FIELD: Field = $field;
            const CANONICAL: Unit = $canonical;
            const UNITS: &'static [Unit] = &[$($unit),+];

            fn from_parts(value: f64, unit: Unit) -> Self {
                $name { value, unit }
            }
            fn value(&self) -> f64 {
                self.value
            }
            fn unit(&self) -> Unit {
                self.unit
            }
            fn to_canonical(value: f64, from: Unit) -> f64 {
                value * factor(Self::FACTORS, from)
            }
            fn from_canonical(value: f64, to: Unit) -> f64 {
                value / factor(Self::FACTORS, to)
            }
        }
    };
}

fn factor(factors: &[(Unit, f64)], unit: Unit) -> f64 {
    factors
        .iter()
        .find(|(u, _)| *u == unit)
        .map_or(f64::NAN, |&(_, f)| f)
}

/// A value and its unit, as written in JSON: `{"value": 7.2, "unit": "mmol/L"}`.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RawQuantity {
    /// The number.
    pub value: f64,
    /// Its unit.
    pub unit: Unit,
}

/// A value and its unit as text, as a quantity is read from JSON: the unit is read by
/// [`Unit::parse`] for the quantity's field (so `G/L` is 10⁹/L for a cell count).
#[cfg(feature = "serde")]
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct QuantityText {
    /// The number.
    pub value: f64,
    /// Its unit as written.
    pub unit: alloc::string::String,
}

linear_quantity!(
    /// Serum ferritin. Canonical ng/mL (= µg/L); pmol/L = µg/L × 2.247.
    Ferritin, Field::Ferritin, canonical Unit::NgPerMl,
    [Unit::NgPerMl => 1.0, Unit::UgPerL => 1.0, Unit::PmolPerL => 1.0 / 2.247]
);
linear_quantity!(
    /// Serum triglycerides. Canonical mmol/L; mg/dL = mmol/L × 88.57.
    Triglycerides, Field::Triglycerides, canonical Unit::MmolPerL,
    [Unit::MmolPerL => 1.0, Unit::MgPerDl => 1.0 / 88.57]
);
linear_quantity!(
    /// Plasma fibrinogen. Canonical g/L; mg/dL = g/L × 100.
    Fibrinogen, Field::Fibrinogen, canonical Unit::GPerL,
    [Unit::GPerL => 1.0, Unit::MgPerDl => 0.01]
);
linear_quantity!(
    /// Haemoglobin. Canonical g/dL; g/L = g/dL × 10; mmol/L = g/dL × 0.6206.
    Haemoglobin, Field::Haemoglobin, canonical Unit::GPerDl,
    [Unit::GPerDl => 1.0, Unit::GPerL => 0.1, Unit::MmolPerL => 1.0 / 0.6206]
);
linear_quantity!(
    /// Total leukocyte (white cell) count. Canonical 10⁹/L; /µL = 10⁹/L × 1000.
    Leukocytes, Field::Leukocytes, canonical Unit::E9PerL,
    [Unit::E9PerL => 1.0, Unit::PerUl => 0.001]
);
linear_quantity!(
    /// Absolute neutrophil count. Canonical 10⁹/L; /µL = 10⁹/L × 1000.
    Neutrophils, Field::Neutrophils, canonical Unit::E9PerL,
    [Unit::E9PerL => 1.0, Unit::PerUl => 0.001]
);
linear_quantity!(
    /// Platelet count. Canonical 10⁹/L; /µL = 10⁹/L × 1000.
    Platelets, Field::Platelets, canonical Unit::E9PerL,
    [Unit::E9PerL => 1.0, Unit::PerUl => 0.001]
);
linear_quantity!(
    /// Aspartate aminotransferase. Canonical U/L; 1 µkat/L = 60 U/L.
    Ast, Field::Ast, canonical Unit::UPerL,
    [Unit::UPerL => 1.0, Unit::UkatPerL => 60.0]
);
linear_quantity!(
    /// Alanine aminotransferase. Canonical U/L; 1 µkat/L = 60 U/L.
    Alt, Field::Alt, canonical Unit::UPerL,
    [Unit::UPerL => 1.0, Unit::UkatPerL => 60.0]
);
linear_quantity!(
    /// Total bilirubin. Canonical mg/dL; µmol/L = mg/dL × 17.1.
    Bilirubin, Field::Bilirubin, canonical Unit::MgPerDl,
    [Unit::MgPerDl => 1.0, Unit::UmolPerL => 1.0 / 17.1]
);
linear_quantity!(
    /// Lactate dehydrogenase. Canonical U/L; 1 µkat/L = 60 U/L.
    Ldh, Field::Ldh, canonical Unit::UPerL,
    [Unit::UPerL => 1.0, Unit::UkatPerL => 60.0]
);
linear_quantity!(
    /// C-reactive protein. Canonical mg/L; mg/dL = mg/L ÷ 10.
    Crp, Field::Crp, canonical Unit::MgPerL,
    [Unit::MgPerL => 1.0, Unit::MgPerDl => 10.0]
);
linear_quantity!(
    /// Serum creatinine. Canonical mg/dL; µmol/L = mg/dL × 88.4.
    Creatinine, Field::Creatinine, canonical Unit::MgPerDl,
    [Unit::MgPerDl => 1.0, Unit::UmolPerL => 1.0 / 88.4]
);
linear_quantity!(
    /// Body weight. Canonical kg; 1 lb = 0.45359237 kg.
    Weight, Field::Weight, canonical Unit::Kg,
    [Unit::Kg => 1.0, Unit::Lb => 0.453_592_37]
);
linear_quantity!(
    /// Body height. Canonical cm; 1 in = 2.54 cm.
    Height, Field::Height, canonical Unit::Cm,
    [Unit::Cm => 1.0, Unit::Inch => 2.54]
);
linear_quantity!(
    /// Oxygen flow. L/min.
    OxygenFlow, Field::OxygenFlow, canonical Unit::LPerMin,
    [Unit::LPerMin => 1.0]
);
linear_quantity!(
    /// Fraction of inspired oxygen. Canonical %; a fraction 0.21–1.0 is accepted too.
    Fio2, Field::Fio2, canonical Unit::Percent,
    [Unit::Percent => 1.0, Unit::Fraction => 100.0]
);
linear_quantity!(
    /// Age. Canonical years (365.25 days).
    Age, Field::Age, canonical Unit::Years,
    [
        Unit::Years => 1.0,
        Unit::Months => 1.0 / 12.0,
        Unit::Weeks => 7.0 / 365.25,
        Unit::Days => 1.0 / 365.25,
    ]
);

/// Soluble CD25 (soluble IL-2 receptor α). Only U/mL is accepted: results in pg/mL come from
/// assays that cannot be converted to the U/mL of HLH-2004.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "QuantityText", into = "RawQuantity")
)]
pub struct Scd25 {
    value: f64,
}

impl Quantity for Scd25 {
    const FIELD: Field = Field::Scd25;
    const CANONICAL: Unit = Unit::UPerMl;
    const UNITS: &'static [Unit] = &[Unit::UPerMl];

    fn new(value: f64, unit: Unit) -> Result<Self, Error> {
        if unit == Unit::PgPerMl {
            return Err(Error::new(
                Field::Scd25,
                ErrorKind::NotConvertible {
                    from: Unit::PgPerMl,
                    to: Unit::UPerMl,
                },
            ));
        }
        check_linear::<Self>(value, unit)
    }
    fn from_parts(value: f64, _unit: Unit) -> Self {
        Scd25 { value }
    }
    fn value(&self) -> f64 {
        self.value
    }
    fn unit(&self) -> Unit {
        Unit::UPerMl
    }
    fn to_canonical(value: f64, _from: Unit) -> f64 {
        value
    }
    fn from_canonical(value: f64, _to: Unit) -> f64 {
        value
    }
}

/// Temperature. Canonical °C; °F = °C × 9/5 + 32.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "QuantityText", into = "RawQuantity")
)]
pub struct Temperature {
    value: f64,
    unit: Unit,
}

impl Quantity for Temperature {
    const FIELD: Field = Field::Temperature;
    const CANONICAL: Unit = Unit::Celsius;
    const UNITS: &'static [Unit] = &[Unit::Celsius, Unit::Fahrenheit];

    fn from_parts(value: f64, unit: Unit) -> Self {
        Temperature { value, unit }
    }
    fn value(&self) -> f64 {
        self.value
    }
    fn unit(&self) -> Unit {
        self.unit
    }
    fn to_canonical(value: f64, from: Unit) -> f64 {
        match from {
            Unit::Fahrenheit => (value - 32.0) * 5.0 / 9.0,
            _ => value,
        }
    }
    fn from_canonical(value: f64, to: Unit) -> f64 {
        match to {
            Unit::Fahrenheit => value * 9.0 / 5.0 + 32.0,
            _ => value,
        }
    }
}

#[cfg(feature = "serde")]
macro_rules! raw_conversions {
    ($($name:ident),*) => {$(
        impl TryFrom<QuantityText> for $name {
            type Error = Error;
            fn try_from(raw: QuantityText) -> Result<Self, Error> {
                let unit = Unit::parse(<$name as Quantity>::FIELD, &raw.unit)?;
                <$name as Quantity>::new(raw.value, unit)
            }
        }
        impl From<$name> for RawQuantity {
            fn from(q: $name) -> RawQuantity {
                RawQuantity { value: q.value(), unit: q.unit() }
            }
        }
    )*};
}
#[cfg(feature = "serde")]
// The JSON form `{"value", "unit"}` of every quantity, checked on the way in.
raw_conversions!(
    Scd25,
    Temperature,
    Ferritin,
    Triglycerides,
    Fibrinogen,
    Haemoglobin,
    Leukocytes,
    Neutrophils,
    Platelets,
    Ast,
    Alt,
    Bilirubin,
    Ldh,
    Crp,
    Creatinine,
    Weight,
    Height,
    OxygenFlow,
    Fio2,
    Age
);

// The checks below are written once, not per quantity type: the generic functions only pass
// the type's constants and conversions to a non-generic one (each generic copy cost the app's
// wasm about 1.3 KB, twenty types over).

/// The checks of [`Quantity::new`], for types that override it.
fn check_linear<Q: Quantity>(value: f64, unit: Unit) -> Result<Q, Error> {
    linear_checks(
        Q::FIELD,
        Q::UNITS,
        Q::to_canonical,
        Q::from_canonical,
        value,
        unit,
    )?;
    Ok(Q::from_parts(value, unit))
}

/// [`check_linear`] for a quantity given by its field, units and conversions.
fn linear_checks(
    field: Field,
    units: &'static [Unit],
    to_canonical: fn(f64, Unit) -> f64,
    from_canonical: fn(f64, Unit) -> f64,
    value: f64,
    unit: Unit,
) -> Result<(), Error> {
    if !value.is_finite() {
        return Err(Error::new(field, ErrorKind::NotFinite));
    }
    if !units.contains(&unit) {
        return Err(Error::new(
            field,
            ErrorKind::UnitNotAccepted {
                unit,
                accepted: units.to_vec(),
            },
        ));
    }
    let (min, max) = plausible(field);
    let canonical = to_canonical(value, unit);
    if canonical < min || canonical > max {
        return Err(Error::new(
            field,
            ErrorKind::OutOfRange {
                value,
                unit,
                min: from_canonical(min, unit),
                max: from_canonical(max, unit),
            },
        ));
    }
    Ok(())
}

/// Builds `Q` for `field` (its own field or one of its reference values): the checks of
/// [`Quantity::new`] with errors naming `field`, then the bounds of [`REFERENCE_PLAUSIBLE`].
fn check_as<Q: Quantity>(field: Field, value: f64, unit: Unit) -> Result<Q, Error> {
    let bounds = Bounds {
        field,
        value,
        unit,
        from_canonical: Q::from_canonical,
    };
    match Q::new(value, unit) {
        Ok(q) => bounds.check(q.canonical()).map(|()| q),
        Err(e) => Err(bounds.error(e)),
    }
}

/// The reference bounds of [`check_as`], for a value entered for `field`.
struct Bounds {
    field: Field,
    value: f64,
    unit: Unit,
    from_canonical: fn(f64, Unit) -> f64,
}

impl Bounds {
    fn reference(&self) -> Option<(f64, f64)> {
        REFERENCE_PLAUSIBLE
            .iter()
            .find(|(f, ..)| *f == self.field)
            .map(|&(_, lo, hi)| (lo, hi))
    }

    fn out_of_range(&self, (lo, hi): (f64, f64)) -> Error {
        Error::new(
            self.field,
            ErrorKind::OutOfRange {
                value: self.value,
                unit: self.unit,
                min: (self.from_canonical)(lo, self.unit),
                max: (self.from_canonical)(hi, self.unit),
            },
        )
    }

    /// The error for `field` when building the quantity failed with `e`.
    fn error(&self, e: Error) -> Error {
        match (&e.kind, self.reference()) {
            // A reference value outside even its analyte's bounds: the range it accepts is its
            // own (stricter) one, not the analyte's.
            (ErrorKind::OutOfRange { .. }, Some(range)) => self.out_of_range(range),
            _ => e.for_field(self.field),
        }
    }

    /// The reference bounds applied to the built quantity's canonical value.
    fn check(&self, canonical: f64) -> Result<(), Error> {
        match self.reference() {
            Some(range) if canonical < range.0 || canonical > range.1 => {
                Err(self.out_of_range(range))
            }
            _ => Ok(()),
        }
    }
}

/// The number `text` means for `field` in `unit` (`None` for empty text): its only reading, or
/// of two readings (`1.498`) the one that passes `check`; an error when both or neither do.
fn choose_reading(
    field: Field,
    text: &str,
    unit: Unit,
    check: &dyn Fn(f64) -> Result<(), Error>,
) -> Result<Option<f64>, Error> {
    match read_number(field, text)? {
        None => Ok(None),
        Some(Reading::Exact(v)) => Ok(Some(v)),
        Some(Reading::Ambiguous { decimal, thousands }) => match (check(decimal), check(thousands))
        {
            (Ok(()), Err(_)) => Ok(Some(decimal)),
            (Err(_), Ok(())) => Ok(Some(thousands)),
            // A unit the field does not accept is wrong whatever the number.
            (Err(e), Err(_)) if !matches!(e.kind, ErrorKind::OutOfRange { .. }) => Err(e),
            _ => Err(ambiguous(field, text, decimal, thousands, Some(unit))),
        },
    }
}

/// Calls `$f::<Q>` with the quantity type `Q` of a [`crate::Patient`] quantity field, or
/// evaluates to `None` for a field that is not a quantity.
macro_rules! with_quantity_type {
    ($field:expr, $f:ident($($arg:expr),*)) => {
        match $field {
            Field::Age => Some($f::<Age>($($arg),*)),
            Field::Weight => Some($f::<Weight>($($arg),*)),
            Field::Height => Some($f::<Height>($($arg),*)),
            Field::Temperature => Some($f::<Temperature>($($arg),*)),
            Field::OxygenFlow => Some($f::<OxygenFlow>($($arg),*)),
            Field::Fio2 => Some($f::<Fio2>($($arg),*)),
            Field::Ferritin | Field::FerritinUln | Field::FerritinBaseline => {
                Some($f::<Ferritin>($($arg),*))
            }
            Field::Triglycerides => Some($f::<Triglycerides>($($arg),*)),
            Field::Fibrinogen | Field::FibrinogenLln | Field::FibrinogenBaseline => {
                Some($f::<Fibrinogen>($($arg),*))
            }
            Field::Haemoglobin | Field::HaemoglobinLln => Some($f::<Haemoglobin>($($arg),*)),
            Field::Leukocytes | Field::LeukocytesLln => Some($f::<Leukocytes>($($arg),*)),
            Field::Neutrophils | Field::NeutrophilsLln => Some($f::<Neutrophils>($($arg),*)),
            Field::Platelets | Field::PlateletsLln => Some($f::<Platelets>($($arg),*)),
            Field::Ast | Field::AstUln | Field::AstBaseline => Some($f::<Ast>($($arg),*)),
            Field::Alt | Field::AltUln | Field::AltBaseline => Some($f::<Alt>($($arg),*)),
            Field::Bilirubin | Field::BilirubinUln | Field::BilirubinBaseline => {
                Some($f::<Bilirubin>($($arg),*))
            }
            Field::Ldh => Some($f::<Ldh>($($arg),*)),
            Field::Crp => Some($f::<Crp>($($arg),*)),
            Field::Creatinine | Field::CreatinineUln | Field::CreatinineBaseline => {
                Some($f::<Creatinine>($($arg),*))
            }
            Field::Scd25 => Some($f::<Scd25>($($arg),*)),
            _ => None,
        }
    };
}

/// Checks a value and unit for a quantity field of [`crate::Patient`] (the JSON key of a field
/// is its snake_case name): `None` if `field` is not a quantity, otherwise what building the
/// quantity gives, with the error naming `field` itself (e.g. a ferritin's upper limit of
/// normal, not "ferritin").
pub fn check_quantity(field: Field, value: f64, unit: Unit) -> Option<Result<(), Error>> {
    fn check<Q: Quantity>(field: Field, value: f64, unit: Unit) -> Result<(), Error> {
        check_as::<Q>(field, value, unit).map(|_| ())
    }
    with_quantity_type!(field, check(field, value, unit))
}

/// The units a quantity field of [`crate::Patient`] accepts (empty for other fields).
pub fn accepted_units(field: Field) -> &'static [Unit] {
    fn units<Q: Quantity>() -> &'static [Unit] {
        Q::UNITS
    }
    with_quantity_type!(field, units()).unwrap_or(&[])
}

/// Parses text typed into a quantity field of [`crate::Patient`] in `unit`, as
/// [`Quantity::parse_as`] does (the separator rule of product decision 11 included): `None` if
/// `field` is not a quantity, otherwise the value as entered (`Ok(None)` for empty text).
pub fn parse_quantity(field: Field, text: &str, unit: Unit) -> Option<Result<Option<f64>, Error>> {
    fn parse<Q: Quantity>(field: Field, text: &str, unit: Unit) -> Result<Option<f64>, Error> {
        Q::parse_as(field, text, unit).map(|q| q.map(|q| q.value()))
    }
    with_quantity_type!(field, parse(field, text, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A count beyond an integer's range is reported as typed, not clamped to `i64::MAX`
    /// (found by the bad-input matrix, issue 13).
    #[test]
    fn a_huge_count_is_reported_as_typed() {
        let e = parse_count(Field::IceTotal, "1000000000000000000000", 10).unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::CountOutOfRange {
                value: 1e21,
                min: 0,
                max: 10
            }
        );
        assert_eq!(
            alloc::format!("{e}"),
            "ICE total (0–10): 1000000000000000000000 is outside the accepted range 0–10"
        );
    }

    /// A huge value is shown with its digits, not altered by the rounding (found by the
    /// bad-input matrix through the app, issue 13: 1e21 was shown as 1000000000000000100000).
    #[test]
    fn rounded_keeps_the_digits_of_a_huge_value() {
        assert_eq!(
            alloc::format!("{}", Rounded(1e21)),
            "1000000000000000000000"
        );
        assert_eq!(
            alloc::format!("{}", Rounded(-1e21)),
            "-1000000000000000000000"
        );
        assert_eq!(alloc::format!("{}", Rounded(2.5e15)), "2500000000000000");
        assert_eq!(alloc::format!("{}", Rounded(38.123_456)), "38.1235");
        assert_eq!(alloc::format!("{}", Rounded(120.0)), "120");
    }

    /// A reference value outside even its analyte's bounds states its own accepted range,
    /// not the analyte's (found by the bad-input matrix, issue 13).
    #[test]
    fn a_reference_value_states_its_own_range() {
        for value in [-1.0, 600_000.0, 5.0, 3_000.0] {
            let e = check_quantity(Field::FerritinUln, value, Unit::NgPerMl)
                .unwrap()
                .unwrap_err();
            assert_eq!(e.field, Field::FerritinUln);
            assert_eq!(
                e.kind,
                ErrorKind::OutOfRange {
                    value,
                    unit: Unit::NgPerMl,
                    min: 10.0,
                    max: 2_000.0
                },
                "{value}"
            );
        }
    }
}
