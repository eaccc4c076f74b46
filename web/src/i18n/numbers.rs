//! Clinical numbers in labels, always from the core's constants and published thresholds,
//! in the user's language (decimal mark) and, where the source printed it, the user's unit:
//! the app types no cut-off of its own (a test greps `web/src` for the spec's cut-offs).

use iectox::units::{Threshold, Unit};
use iectox::Band;

use super::labels::unit_label;
use super::Lang;

/// A number with `decimals` decimals, "," as the decimal mark in Spanish, and a thin space
/// grouping thousands from 10 000 (labels only: never an input's text).
pub fn num(lang: Lang, v: f64, decimals: u8) -> String {
    let s = format!("{v:.prec$}", prec = usize::from(decimals));
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let digits = int.trim_start_matches('-');
    let grouped = if digits.len() > 4 {
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push('\u{202f}');
            }
            out.push(c);
        }
        if int.starts_with('-') {
            format!("-{out}")
        } else {
            out
        }
    } else {
        int
    };
    match frac {
        Some(f) => format!("{grouped}{}{f}", if lang == Lang::Es { ',' } else { '.' }),
        None => grouped,
    }
}

/// A plain number from the core (a multiple, a count): as few decimals as it needs.
pub fn plain(lang: Lang, v: f64) -> String {
    let decimals = (0..=3u8)
        .find(|&d| {
            ((v * 10f64.powi(i32::from(d))).round() - v * 10f64.powi(i32::from(d))).abs() < 1e-9
        })
        .unwrap_or(3);
    num(lang, v, decimals)
}

/// The published value of `t` in `unit` when the source printed it there, else in its
/// primary unit: "38.4 °C".
pub fn threshold(lang: Lang, t: &Threshold, unit: Option<Unit>) -> String {
    let (u, v, d) = pick(t, unit);
    with_unit(lang, num(lang, v, d), u)
}

fn pick(t: &Threshold, unit: Option<Unit>) -> (Unit, f64, u8) {
    unit.and_then(|u| t.published.iter().find(|p| p.0 == u))
        .copied()
        .unwrap_or(t.published[0])
}

fn with_unit(lang: Lang, n: String, u: Unit) -> String {
    match u {
        Unit::Percent => format!("{n} %"),
        _ => format!("{n} {}", unit_label(lang, u)),
    }
}

/// A band in one unit: "< 38.4 °C", "38.4–39.4 °C", "≤ 2.5 g/L".
pub fn band(lang: Lang, b: &Band, unit: Option<Unit>) -> String {
    match b {
        Band::Below(t) => format!("< {}", threshold(lang, t, unit)),
        Band::AtMost(t) => format!("≤ {}", threshold(lang, t, unit)),
        Band::AtLeast(t) => format!("≥ {}", threshold(lang, t, unit)),
        Band::Above(t) => format!("> {}", threshold(lang, t, unit)),
        Band::Between(lo, hi) => {
            let (u, v, d) = pick(lo, unit);
            let (_, w, e) = pick(hi, Some(u));
            with_unit(lang, format!("{}–{}", num(lang, v, d), num(lang, w, e)), u)
        }
    }
}

/// A band in every unit the source printed it in, the primary first:
/// "< 38.4 °C (< 101.1 °F)"; units whose value is the same number are given once.
pub fn band_all(lang: Lang, b: &Band) -> String {
    let first = match b {
        Band::Below(t) | Band::AtMost(t) | Band::AtLeast(t) | Band::Above(t) => t,
        Band::Between(lo, _) => lo,
    };
    let mut parts: Vec<String> = Vec::new();
    for &(u, v, _) in first.published {
        // ng/mL and µg/L print the same number: name the first only.
        if first
            .published
            .iter()
            .take_while(|p| p.0 != u)
            .any(|p| p.1 == v)
        {
            continue;
        }
        parts.push(band(lang, b, Some(u)));
    }
    match parts.split_first() {
        Some((head, rest)) if !rest.is_empty() => format!("{head} ({})", rest.join("; ")),
        Some((head, _)) => head.clone(),
        None => String::new(),
    }
}
