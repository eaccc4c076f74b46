//! The plain-text summary for the chart: every score with its inputs, units, date/time and
//! version.

use iectox::{Conclusion, Field};

use crate::components::field_input::shown_value;
use crate::components::grade_result::grade_text;
use crate::i18n::labels::{conclusion_label, field_label};
use crate::i18n::tr;
use crate::state::AppState;

pub fn summary(state: &AppState) -> String {
    let lang = state.lang;
    let r = iectox::assess(&state.parsed.patient);
    let now: String = js_sys::Date::new_0().to_iso_string().into();
    let c = |x: Conclusion| conclusion_label(lang, x);
    let mut out = format!(
        "IEC-Tox {} — {} {}\n{}\n\n",
        crate::VERSION,
        tr(lang, "summary", "resumen"),
        now,
        lang.strings().disclaimer
    );
    let crs = &r.crs.assessment;
    out += &format!(
        "CRS (ASTCT 2019): {}\n",
        grade_text(lang, crs.value, (crs.range.min, crs.range.max))
    );
    let icans = &r.icans.assessment;
    out += &format!(
        "ICANS (ASTCT 2019): {}\n",
        grade_text(lang, icans.value, (icans.range.min, icans.range.max))
    );
    let h = &r.hscore.assessment;
    out += &format!(
        "HScore (Fardet 2014): {} / 337 ({} ≥ 169: {})\n",
        h.value.map_or_else(
            || format!("{}–{}", h.range.min, h.range.max),
            |v| v.to_string()
        ),
        tr(lang, "cut-off", "corte"),
        c(h.conclusion)
    );
    if let Some(p) = r.hscore.probability {
        out += &format!(
            "  {}: {}\n",
            tr(
                lang,
                "approximate probability (published table)",
                "probabilidad aproximada (tabla publicada)"
            ),
            crate::pages::hscore::probability_text(p)
        );
    }
    let hlh = &r.hlh2004.assessment;
    out += &format!(
        "HLH-2004 (Henter 2007): {}–{}/8 {}; {}: {}\n",
        hlh.range.min,
        hlh.range.max,
        tr(lang, "criteria", "criterios"),
        tr(lang, "diagnosis", "diagnóstico"),
        c(hlh.conclusion)
    );
    out += &format!(
        "IEC-HS (Hines 2023, {}): {} {}; {}: {}\n",
        tr(lang, "provisional", "provisional"),
        r.iec_hs.present.len(),
        tr(lang, "features present", "rasgos presentes"),
        tr(lang, "ferritin criterion", "criterio de ferritina"),
        c(r.iec_hs.ferritin_criterion)
    );
    if let Some(v) = r.measix.value {
        out += &format!(
            "m-EASIX (Pennisi 2021): {}\n",
            crate::form::format_number((v * 100.0).round() / 100.0)
        );
    }
    for g in &r.crs_legacy.systems {
        let a = &g.assessment;
        out += &format!(
            "  {}: {}\n",
            crate::pages::systems::system_label(g.system),
            grade_text(lang, a.value, (a.range.min, a.range.max))
        );
    }
    out += &format!("\n{}:\n", tr(lang, "Inputs", "Datos"));
    for &f in Field::ALL {
        let v = shown_value(state, f);
        if !v.is_empty() {
            out += &format!("  {}: {}\n", field_label(lang, f), v);
        }
    }
    if !state.form.tocilizumab_doses.is_empty() {
        out += &format!(
            "\n{}:\n",
            tr(lang, "Tocilizumab doses", "Dosis de tocilizumab")
        );
        for ms in &state.form.tocilizumab_doses {
            let s: String = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(*ms))
                .to_iso_string()
                .into();
            out += &format!("  {s}\n");
        }
    }
    out
}
