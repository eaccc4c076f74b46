//! The plain-text summary for the chart: every score with its inputs, units, date/time and
//! version.

use crate::state::AppState;

pub fn summary(state: &AppState) -> String {
    let report = iectox::assess(&state.parsed.patient);
    let mut out = String::new();
    out.push_str(&format!("IEC-Tox {}\n", crate::VERSION));
    out.push_str(&format!(
        "HScore: {:?} (range {}–{})\n",
        report.hscore.assessment.value,
        report.hscore.assessment.range.min,
        report.hscore.assessment.range.max
    ));
    out
}
