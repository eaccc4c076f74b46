//! Times of a course: whole minutes since the Unix epoch (UTC), as `i64` — the unit of the
//! tocilizumab log. The core has no clock and no time zone; these helpers convert an ISO 8601
//! date-time **with an offset** (`2026-12-01T10:00:00Z`, `2026-12-01T11:00+01:00`) to minutes
//! and back (UTC), for the batch and JavaScript interfaces.
//!
//! ```
//! use iectox::course::time::{format_utc, parse_iso8601};
//! let t = parse_iso8601("2026-12-01T11:00:00+01:00").unwrap();
//! assert_eq!(format_utc(t), "2026-12-01T10:00Z");
//! assert!(parse_iso8601("2026-12-01T10:00").is_err()); // no offset: which clock?
//! ```

use alloc::format;
use alloc::string::String;
use core::fmt;

/// Minutes in an hour.
pub const HOUR: i64 = 60;
/// Minutes in a day.
pub const DAY: i64 = 24 * HOUR;
/// The earliest time accepted: 1900-01-01T00:00Z.
pub const EARLIEST: i64 = days_from_civil(1900, 1, 1) * DAY;
/// The latest time accepted: 9999-12-31T23:59Z (four-digit years).
pub const LATEST: i64 = days_from_civil(9999, 12, 31) * DAY + DAY - 1;

/// Why a text is not an accepted date-time.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "problem", rename_all = "snake_case"))]
pub enum TimeError {
    /// Not `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM`, or an impossible date
    /// or time of day.
    NotADateTime {
        /// The text as given.
        text: String,
    },
    /// A date-time without `Z` or an offset: it could be any time zone, so it is refused.
    NoOffset {
        /// The text as given.
        text: String,
    },
    /// Outside 1900-01-01T00:00Z … 9999-12-31T23:59Z.
    OutOfRange {
        /// The time, in minutes since the epoch.
        time: i64,
    },
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeError::NotADateTime { text } => write!(
                f,
                "\"{text}\" is not an ISO 8601 date-time such as 2026-12-01T10:00:00Z or 2026-12-01T11:00+01:00"
            ),
            TimeError::NoOffset { text } => write!(
                f,
                "\"{text}\" has no time zone offset: add Z (UTC) or an offset such as +01:00"
            ),
            TimeError::OutOfRange { time } => write!(
                f,
                "{time} is outside the accepted times {} – {}",
                format_utc(EARLIEST),
                format_utc(LATEST)
            ),
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub const fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `(year, month, day)` of a day count since 1970-01-01.
pub const fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether a time lies in [`EARLIEST`] … [`LATEST`].
pub fn check_range(time: i64) -> Result<i64, TimeError> {
    if (EARLIEST..=LATEST).contains(&time) {
        Ok(time)
    } else {
        Err(TimeError::OutOfRange { time })
    }
}

/// Reads `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM` (or `±HHMM`); `T` may be
/// a space, and `t`/`z` lower case. Seconds are dropped (times are whole minutes, so
/// 10:03:59 is 10:03). A date-time without offset is refused ([`TimeError::NoOffset`]).
pub fn parse_iso8601(text: &str) -> Result<i64, TimeError> {
    parse_iso8601_with_offset(text).map(|(time, _)| time)
}

/// [`parse_iso8601`], with the offset the text gives, in minutes east of UTC (`Z`: 0).
pub fn parse_iso8601_with_offset(text: &str) -> Result<(i64, i32), TimeError> {
    let bad = || TimeError::NotADateTime { text: text.into() };
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let sep = |at: usize, chars: &[u8]| b.get(at).is_some_and(|c| chars.contains(c));
    if b.len() < 16 || !sep(4, b"-") || !sep(7, b"-") || !sep(10, b"Tt ") || !sep(13, b":") {
        return Err(bad());
    }
    let (year, month, day) = (num(0, 4), num(5, 2), num(8, 2));
    let (hour, minute) = (num(11, 2), num(14, 2));
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute)) =
        (year, month, day, hour, minute)
    else {
        return Err(bad());
    };
    let mut i = 16;
    if sep(i, b":") {
        let second = num(i + 1, 2).ok_or_else(bad)?;
        if second > 59 {
            return Err(bad());
        }
        i += 3;
        if sep(i, b".,") {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return Err(bad());
            }
        }
    }
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
    {
        return Err(bad());
    }
    let offset = match b.get(i) {
        None => return Err(TimeError::NoOffset { text: text.into() }),
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let h = num(i + 1, 2).ok_or_else(bad)?;
            let m = match b.len() - i {
                6 if sep(i + 3, b":") => num(i + 4, 2),
                5 => num(i + 3, 2),
                _ => None,
            }
            .ok_or_else(bad)?;
            if h > 23 || m > 59 {
                return Err(bad());
            }
            let o = h * HOUR + m;
            if sign == b'-' {
                -o
            } else {
                o
            }
        }
        Some(_) => return Err(bad()),
    };
    let local = days_from_civil(year, month, day) * DAY + hour * HOUR + minute;
    // |offset| ≤ 23 h 59 min: fits an i32.
    check_range(local - offset).map(|time| (time, offset as i32))
}

/// A time as `YYYY-MM-DDTHH:MMZ` (UTC).
pub fn format_utc(time: i64) -> String {
    let (year, month, day) = civil_from_days(time.div_euclid(DAY));
    let m = time.rem_euclid(DAY);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}Z",
        m / HOUR,
        m % HOUR
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(parse_iso8601("1970-01-01T00:00Z"), Ok(0));
        assert_eq!(parse_iso8601("1970-01-01T01:00:00+01:00"), Ok(0));
        assert_eq!(parse_iso8601("1969-12-31T19:00-0500"), Ok(0));
        // 2026-12-01T10:00Z = 1 796 119 200 s.
        assert_eq!(
            parse_iso8601("2026-12-01T10:00:00.000Z"),
            Ok(1_796_119_200 / 60)
        );
        assert_eq!(
            parse_iso8601("2026-12-01 10:00:59z"),
            Ok(1_796_119_200 / 60)
        );
        assert_eq!(
            parse_iso8601("2024-02-29T00:00Z").map(format_utc),
            Ok("2024-02-29T00:00Z".into())
        );
        assert_eq!(format_utc(EARLIEST), "1900-01-01T00:00Z");
        assert_eq!(format_utc(LATEST), "9999-12-31T23:59Z");
        assert_eq!(format_utc(-1), "1969-12-31T23:59Z");
    }

    #[test]
    fn refused() {
        for text in [
            "2026-12-01",
            "2026-12-01T10",
            "2026-13-01T10:00Z",
            "2025-02-29T10:00Z",
            "2026-12-01T24:00Z",
            "2026-12-01T10:60Z",
            "2026-12-01T10:00:61Z",
            "2026-12-01T10:00+1",
            "2026-12-01T10:00Z ",
            "2026-12-01T10:00.Z",
            "12/01/2026 10:00Z",
        ] {
            assert!(
                matches!(parse_iso8601(text), Err(TimeError::NotADateTime { .. })),
                "{text}"
            );
        }
        assert_eq!(
            parse_iso8601("2026-12-01T10:00:00"),
            Err(TimeError::NoOffset {
                text: "2026-12-01T10:00:00".into()
            })
        );
        assert!(matches!(
            parse_iso8601("1899-12-31T23:59Z"),
            Err(TimeError::OutOfRange { .. })
        ));
    }

    #[test]
    fn round_trip_of_days() {
        for d in [-30_000, -1, 0, 1, 365, 20_000, 2_932_896] {
            let (y, m, day) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, day), d);
        }
    }
}
