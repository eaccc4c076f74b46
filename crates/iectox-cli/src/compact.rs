//! The compact JSON Lines output (`--compact`, `--fields`): per record only the values of each
//! score, not the explanation (items, missing inputs, sources), written straight into a byte
//! buffer (some 750 bytes a record instead of 13 kB; no intermediate value).
//!
//! A scored record is `{"record": n, "id": …, <score>: {…}, …, "treatment": …}` with, per score
//! (in the order asked for; every score for `--compact`):
//! - `hscore`, `crs`, `icans`, `ctcae`: `{"value", "min", "max", "conclusion"}`: the
//!   value when the missing inputs cannot change it (else `null`), the range still reachable and
//!   `met` / `not_met` / `undetermined` against the cut-off (CTCAE: the worst grade);
//! - `hlh2004`: the count of the 8 criteria as above, its `conclusion` covering both diagnostic
//!   paths (undetermined while the molecular result is unknown and fewer than 5 are met), and
//!   `"clinical_criteria"`: the "≥ 5 of 8" path alone;
//! - `iec_hs`: the same for the feature count, and `"grade"` (clinician-selected, or `null`);
//! - `measix`: `{"value", "conclusion"}` (m-EASIX has no range);
//! - `crs_legacy`: `{"lee2014": {…}, "penn": {…}, "mskcc": {…}, "cartox": {…}}`, each
//!   `{"value", "min", "max", "conclusion"}`.
//!
//! `id` is echoed when given; `treatment` only with `--treatment` (the full dose plan). A
//! record with errors is written as in the full output, `{"record", "id"?, "errors"}`, with the
//! compact values of the rest of the record apart under `"partial"` (when it is an object).

use std::io::Write;

use iectox::{Assessment, Report};

use crate::Outcome;

/// A score of the compact output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Score {
    /// HScore.
    HScore,
    /// HLH-2004.
    Hlh2004,
    /// ASTCT CRS.
    Crs,
    /// ASTCT ICANS.
    Icans,
    /// IEC-HS.
    IecHs,
    /// CTCAE v5.0 laboratory grades.
    Ctcae,
    /// m-EASIX.
    MEasix,
    /// Pre-2019 CRS grades.
    CrsLegacy,
}

impl Score {
    /// Every score, in the order of the full report.
    pub const ALL: [Score; 8] = [
        Score::HScore,
        Score::Hlh2004,
        Score::Crs,
        Score::Icans,
        Score::IecHs,
        Score::Ctcae,
        Score::MEasix,
        Score::CrsLegacy,
    ];

    /// The key, as in the full report and in `--fields`.
    pub const fn key(self) -> &'static str {
        match self {
            Score::HScore => "hscore",
            Score::Hlh2004 => "hlh2004",
            Score::Crs => "crs",
            Score::Icans => "icans",
            Score::IecHs => "iec_hs",
            Score::Ctcae => "ctcae",
            Score::MEasix => "measix",
            Score::CrsLegacy => "crs_legacy",
        }
    }

    /// Reads a `--fields` list (`crs,icans`): an unknown or repeated name, or an empty list, is
    /// an `Err` naming it and the accepted names.
    pub fn parse_list(text: &str) -> Result<Vec<Score>, String> {
        let accepted = || {
            Score::ALL
                .iter()
                .map(|s| s.key())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = Vec::new();
        for name in text.split(',').map(str::trim) {
            let Some(score) = Score::ALL.into_iter().find(|s| s.key() == name) else {
                return Err(format!(
                    "--fields: unknown field \"{name}\"; accepted: {}",
                    accepted()
                ));
            };
            if out.contains(&score) {
                return Err(format!("--fields: \"{name}\" is given twice"));
            }
            out.push(score);
        }
        Ok(out)
    }
}

/// Writes one outcome as a compact JSON line (with its `\n`), the scores in `scores`' order.
pub fn write(out: &mut Vec<u8>, outcome: &Outcome, scores: &[Score]) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"record\":");
    number(out, outcome.record);
    if let Some(id) = &outcome.id {
        out.extend_from_slice(b",\"id\":");
        serde_json::to_writer(&mut *out, id)?;
    }
    match &outcome.result {
        Ok(scored) => {
            for &score in scores {
                out.extend_from_slice(b",\"");
                out.extend_from_slice(score.key().as_bytes());
                out.extend_from_slice(b"\":");
                write_score(out, &scored.report, score)?;
            }
            if let Some(plan) = &scored.treatment {
                out.extend_from_slice(b",\"treatment\":");
                serde_json::to_writer(&mut *out, plan)?;
            }
        }
        Err(errors) => {
            // The errors exactly as the full output writes them: they are the point of the
            // line, and rare.
            let list: Vec<serde_json::Value> = errors.iter().map(crate::error_value).collect();
            out.extend_from_slice(b",\"errors\":");
            serde_json::to_writer(&mut *out, &list)?;
            // The rest of the record's values, apart: a consumer reading only the score keys
            // never mistakes them for a record without errors.
            if let Some(report) = &outcome.partial {
                out.extend_from_slice(b",\"partial\":{");
                for (i, &score) in scores.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    out.push(b'"');
                    out.extend_from_slice(score.key().as_bytes());
                    out.extend_from_slice(b"\":");
                    write_score(out, report, score)?;
                }
                out.push(b'}');
            }
        }
    }
    out.extend_from_slice(b"}\n");
    Ok(())
}

fn write_score(out: &mut Vec<u8>, r: &Report, score: Score) -> serde_json::Result<()> {
    match score {
        Score::HScore => assessment(out, &r.hscore.assessment, None),
        Score::Hlh2004 => assessment(
            out,
            &r.hlh2004.assessment,
            Some(("clinical_criteria", &r.hlh2004.clinical_criteria)),
        ),
        Score::Crs => assessment(out, &r.crs.assessment, None),
        Score::Icans => assessment(out, &r.icans.assessment, None),
        Score::IecHs => assessment(out, &r.iec_hs.features, Some(("grade", &r.iec_hs.grade))),
        Score::Ctcae => assessment(out, &r.ctcae.assessment, None),
        Score::MEasix => {
            out.extend_from_slice(b"{\"value\":");
            serde_json::to_writer(&mut *out, &r.measix.value)?;
            out.extend_from_slice(b",\"conclusion\":");
            serde_json::to_writer(&mut *out, &r.measix.conclusion)?;
            out.push(b'}');
            Ok(())
        }
        Score::CrsLegacy => {
            out.push(b'{');
            for (i, system) in r.crs_legacy.systems.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut *out, &system.system)?;
                out.push(b':');
                assessment(out, &system.assessment, None)?;
            }
            out.push(b'}');
            Ok(())
        }
    }
}

/// `{"value", "min", "max", "conclusion"}`, and one more entry when given.
fn assessment<K>(
    out: &mut Vec<u8>,
    a: &Assessment<K>,
    extra: Option<(&str, &dyn erased::Value)>,
) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"value\":");
    match a.value {
        Some(v) => number(out, v.into()),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"min\":");
    number(out, a.range.min.into());
    out.extend_from_slice(b",\"max\":");
    number(out, a.range.max.into());
    out.extend_from_slice(b",\"conclusion\":");
    serde_json::to_writer(&mut *out, &a.conclusion)?;
    if let Some((key, value)) = extra {
        out.extend_from_slice(b",\"");
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\":");
        value.write_json(out)?;
    }
    out.push(b'}');
    Ok(())
}

/// A whole number.
fn number(out: &mut Vec<u8>, n: usize) {
    // `write!` to a Vec cannot fail.
    let _ = write!(out, "{n}");
}

/// One serialisable value behind a `dyn` (the extra entry of [`assessment`]).
mod erased {
    pub trait Value {
        fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()>;
    }
    impl<T: serde::Serialize> Value for T {
        fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
            serde_json::to_writer(out, self)
        }
    }
}
