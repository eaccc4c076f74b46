//! The plain-text summary for the chart. Pasted into a record it must not be misread: every
//! time is local with its UTC offset, each system has its own heading, each score gives its
//! value (or the range still reachable) together with what is missing and its conclusion,
//! counts carry their denominators and unknowns, and inputs that were refused are listed
//! apart, with the reason, never among the inputs used. No clinical number is typed here:
//! cut-offs and maxima come from the core.
//!
//! [`summary`] is a pure function of the state, the language, the instant and the time zone
//! (tested without a clock in `web/tests/wasm.rs`); [`summary_now`] reads the browser's.

use iectox::patient::FeverRule;
use iectox::scores::icans::{IceSource, Tool, ToolReason};
use iectox::scores::measix::NotComputable;
use iectox::scores::{crs, ctcae, hlh2004, hscore, icans};
use iectox::treatment::{tocilizumab_log, WorkupItem};
use iectox::{Conclusion, Field, Range, Status};

use crate::form::{format_number, kind, Kind};
use crate::i18n::labels::{conclusion_label, error_message, field_label, option_label, unit_label};
use crate::i18n::{tr, Lang};
use crate::pages::hscore::probability_text;
use crate::pages::iec_hs::{descriptor_text, feature_label, uln_not_entered_text};
use crate::pages::labs::{reading_text, term_label};
use crate::pages::sepsis::workup_label;
use crate::pages::systems::system_label;
use crate::state::AppState;

/// The summary as of now, in the browser's time zone (the offset of each instant, so a dose
/// given before a daylight-saving change keeps its own offset).
pub fn summary_now(state: &AppState) -> String {
    summary(state, state.lang, js_sys::Date::now(), &browser_offset)
}

/// Minutes east of UTC at the instant `ms` in the browser's time zone (UTC+01:00 → 60).
pub fn browser_offset(ms: f64) -> i32 {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    // getTimezoneOffset is UTC − local, in minutes.
    -(d.get_timezone_offset() as i32)
}

/// A local date and time with its UTC offset, to the minute: "2026-12-01 10:00 (UTC+01:00)".
/// `ms` is milliseconds since the Unix epoch; `offset_minutes` is minutes east of UTC.
pub fn local_time(ms: f64, offset_minutes: i32) -> String {
    let local = (ms / 60_000.0).floor() as i64 + i64::from(offset_minutes);
    let (y, m, d) = civil_from_days(local.div_euclid(1440));
    let minute_of_day = local.rem_euclid(1440);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} (UTC{sign}{:02}:{:02})",
        minute_of_day / 60,
        minute_of_day % 60,
        off / 60,
        off % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The summary of every score for `state`'s patient, in `lang`, dated `now_ms`
/// (milliseconds since the Unix epoch); `utc_offset(ms)` gives the local offset (minutes
/// east of UTC) at an instant.
pub fn summary(
    state: &AppState,
    lang: Lang,
    now_ms: f64,
    utc_offset: &dyn Fn(f64) -> i32,
) -> String {
    let s = Summary { state, lang };
    let r = &*state.report;
    let mut out = String::new();
    out += &format!(
        "IEC-Tox {} — {}\n{}: {}\n{}\n",
        crate::VERSION,
        tr(lang, "Summary", "Resumen"),
        tr(lang, "Date", "Fecha"),
        local_time(now_ms, utc_offset(now_ms)),
        lang.strings().disclaimer
    );

    // ASTCT CRS
    let c = &r.crs.assessment;
    out += &heading(tr(
        lang,
        "CRS — ASTCT 2019 (Lee 2019)",
        "SLC — ASTCT 2019 (Lee 2019)",
    ));
    out += &s.grade_line(c.value, c.range);
    out += &format!(
        "{} ({} ≥ {}): {}\n",
        tr(lang, "CRS present", "SLC presente"),
        tr(lang, "grade", "grado"),
        crs::PRESENT_FROM_GRADE,
        s.presence(c.conclusion)
    );
    for n in &r.crs.notes {
        out += &format!("{}\n", crs_note(lang, *n));
    }
    out += &s.missing_line(&c.missing);

    // ICANS
    let i = &r.icans;
    let a = &i.assessment;
    out += &heading(tr(
        lang,
        "ICANS — ASTCT 2019 (Lee 2019)",
        "ICANS — ASTCT 2019 (Lee 2019)",
    ));
    out += &s.grade_line(a.value, a.range);
    out += &format!(
        "{}: {}\n",
        tr(lang, "Tool", "Herramienta"),
        s.tool_text(i.tool, i.tool_reason)
    );
    if i.tool != Tool::Capd {
        out += &s.ice_line(i.ice_source, i.ice_total);
    }
    if i.tool != Tool::Ice {
        out += &s.capd_line();
    }
    out += &format!(
        "{} ({} ≥ {}): {}\n",
        tr(lang, "ICANS present", "ICANS presente"),
        tr(lang, "grade", "grado"),
        icans::PRESENT_FROM_GRADE,
        s.presence(a.conclusion)
    );
    out += &s.missing_line(&a.missing);

    // HScore
    let h = &r.hscore.assessment;
    out += &heading("HScore (Fardet 2014)");
    out += &format!(
        "{}: {}\n",
        tr(lang, "Score", "Puntuación"),
        s.value_of(h.value, h.range, hscore::MAX)
    );
    out += &format!(
        "{} ≥ {}: {}\n",
        tr(lang, "Cut-off", "Punto de corte"),
        hscore::CUTOFF,
        conclusion_label(lang, h.conclusion)
    );
    if let Some(p) = r.hscore.probability {
        out += &format!(
            "{}: {}\n",
            tr(
                lang,
                "Approximate probability (published table)",
                "Probabilidad aproximada (tabla publicada)"
            ),
            probability_text(p)
        );
    }
    out += &s.missing_line(&h.missing);

    // HLH-2004
    let hl = &r.hlh2004;
    let ha = &hl.assessment;
    out += &heading("HLH-2004 (Henter 2007)");
    out += &s.count_line(
        tr(lang, "Criteria met", "Criterios cumplidos"),
        ha.range,
        u16::from(hlh2004::CRITERIA),
    );
    out += &format!(
        "{}: {}\n",
        tr(
            lang,
            "Fever rule (criterion 1)",
            "Regla de fiebre (criterio 1)"
        ),
        s.fever_rule(hl.fever_rule)
    );
    out += &format!(
        "{} (≥ {} {} {}): {}{}\n",
        tr(lang, "Clinical path", "Vía clínica"),
        hlh2004::CUTOFF,
        tr(lang, "of", "de"),
        hlh2004::CRITERIA,
        conclusion_label(lang, hl.clinical_criteria),
        if hl.clinical_criteria == Conclusion::Undetermined {
            tr(lang, " — cannot exclude", " — no se puede descartar")
        } else {
            ""
        }
    );
    out += &format!(
        "{}: {}\n",
        tr(
            lang,
            "Molecular diagnosis consistent with HLH",
            "Diagnóstico molecular compatible con HLH"
        ),
        match hl.molecular {
            Status::Met => lang.strings().yes,
            Status::NotMet => lang.strings().no,
            Status::Unknown => lang.strings().not_known,
        }
    );
    out += &format!(
        "{} ({} ≥ {} {} {}): {}\n",
        tr(lang, "HLH-2004 diagnosis", "Diagnóstico HLH-2004"),
        tr(lang, "molecular, or", "molecular, o"),
        hlh2004::CUTOFF,
        tr(lang, "of", "de"),
        hlh2004::CRITERIA,
        conclusion_label(lang, ha.conclusion)
    );
    if let Some(met) = hl.triglycerides_or_fibrinogen.if_fasting {
        out += &format!(
            "{}: {}\n",
            tr(
                lang,
                "Triglycerides, fasting status not recorded (not used)",
                "Triglicéridos, ayuno no registrado (no utilizados)"
            ),
            if met {
                tr(
                    lang,
                    "if fasting, the threshold is met",
                    "si en ayunas, se cumple el umbral",
                )
            } else {
                tr(
                    lang,
                    "if fasting, the threshold is not met",
                    "si en ayunas, no se cumple el umbral",
                )
            }
        );
    }
    out += &s.missing_line(&ha.missing);

    // IEC-HS
    let ie = &r.iec_hs;
    out += &heading(tr(
        lang,
        "IEC-HS (Hines 2023) — provisional",
        "IEC-HS (Hines 2023) — provisional",
    ));
    out += &format!(
        "{}\n",
        tr(
            lang,
            "Thresholds recalled, not yet verified against the paper; a clinical diagnosis, never a bare \"diagnosed\".",
            "Umbrales recordados, aún no verificados con el artículo; es un diagnóstico clínico, nunca un «diagnosticado»."
        )
    );
    out += &s.count_line(
        tr(lang, "Features present", "Rasgos presentes"),
        ie.features.range,
        ie.features.items.len() as u16,
    );
    for f in &ie.present {
        out += &format!("  ● {}\n", feature_label(lang, *f));
    }
    out += &format!(
        "{}: {}\n",
        tr(lang, "Ferritin criterion", "Criterio de ferritina"),
        conclusion_label(lang, ie.ferritin_criterion)
    );
    if let Some(why) = ie.ferritin_uln_not_entered {
        out += &format!("  {}\n", uln_not_entered_text(lang, why));
    }
    out += &format!(
        "{}: {}\n",
        tr(
            lang,
            "Grade (clinician-selected)",
            "Grado (elegido por el clínico)"
        ),
        ie.descriptor
            .map_or(tr(lang, "not chosen", "no elegido"), |d| {
                descriptor_text(lang, d)
            })
    );
    out += &format!(
        "{}: {}\n",
        tr(
            lang,
            "CARTOX CAR-T-related HLH/MAS (Neelapu 2018)",
            "HLH/SAM asociado a CAR-T de CARTOX (Neelapu 2018)"
        ),
        conclusion_label(lang, ie.cartox_hlh.assessment.conclusion)
    );
    out += &s.missing_line(&ie.features.missing);

    // CTCAE laboratory grades
    let ct = &r.ctcae.assessment;
    out += &heading(tr(
        lang,
        "CTCAE v5.0 laboratory grades",
        "Grados de laboratorio CTCAE v5.0",
    ));
    for item in &ct.items {
        out += &format!(
            "  {}: {}",
            term_label(lang, item.key),
            s.grade_value(item.points, item.range)
        );
        if !item.missing.is_empty() {
            out += &format!(" — {}", s.missing_fields(&item.missing));
        }
        out += "\n";
        for reading in item.key.readings() {
            out += &format!("    ({})\n", reading_text(lang, *reading));
        }
    }
    out += &format!(
        "{} ≥ {}: {}\n",
        tr(lang, "Some term at grade", "Algún término con grado"),
        ctcae::SEVERE_FROM_GRADE,
        conclusion_label(lang, ct.conclusion)
    );

    // m-EASIX
    let m = &r.measix;
    out += &heading("m-EASIX (Pennisi 2021)");
    let value = match (m.value, m.not_computable) {
        (Some(v), _) => s.number((v * 100.0).round() / 100.0),
        (None, Some(NotComputable::ZeroPlatelets)) => tr(
            lang,
            "not computable: platelets are 0",
            "no calculable: plaquetas 0",
        )
        .into(),
        _ => tr(lang, "not computed", "no calculado").into(),
    };
    out += &format!("{}: {value}", tr(lang, "Value", "Valor"));
    if let (Some(_), Some(i)) = (m.value, m.inputs) {
        out += &format!(
            " (= LDH {} U/L × {} {} mg/dL ÷ {} {} ×10⁹/L)",
            s.number(i.ldh_u_per_l),
            tr(lang, "CRP", "PCR"),
            s.number(i.crp_mg_per_dl),
            tr(lang, "platelets", "plaquetas"),
            s.number(i.platelets_e9_per_l)
        );
    }
    out += "\n";
    out += &format!(
        "{}\n",
        tr(
            lang,
            "No validated cut-off has been published: no conclusion.",
            "No hay punto de corte validado publicado: sin conclusión."
        )
    );
    out += &s.missing_line(&m.missing);

    // Pre-2019 CRS systems
    out += &heading(tr(
        lang,
        "Pre-2019 CRS systems (for comparison; ASTCT above is the standard)",
        "Escalas de SLC previas a 2019 (para comparar; ASTCT, arriba, es el estándar)",
    ));
    for g in &r.crs_legacy.systems {
        let a = &g.assessment;
        out += &format!("  {}: ", system_label(g.system));
        out += &match a.value {
            Some(_) => s.grade_value(a.value, a.range),
            None => format!(
                "{} ({} {}–{})",
                tr(lang, "not assessable", "no evaluable"),
                tr(lang, "grade", "grado"),
                a.range.min,
                a.range.max
            ),
        };
        if !a.missing.is_empty() {
            out += &format!(" — {}", s.missing_fields(&a.missing));
        }
        out += "\n";
    }

    out += &course_section(state, lang, utc_offset);

    // Tocilizumab log: times and count only (the log's rules live on the treatment page).
    let doses: Vec<f64> = state.course().tocilizumab().map(|t| t.at as f64).collect();
    out += &heading(tr(
        lang,
        "Treatment — tocilizumab doses recorded",
        "Tratamiento — dosis de tocilizumab registradas",
    ));
    out += &format!(
        "{}: {} {} {}\n",
        tr(lang, "Doses recorded", "Dosis registradas"),
        doses.len(),
        tr(lang, "of at most", "de un máximo de"),
        tocilizumab_log::MAX_TOTAL
    );
    for (n, ms) in doses.iter().enumerate() {
        out += &format!("  {}. {}\n", n + 1, local_time(*ms, utc_offset(*ms)));
    }

    // Sepsis or CRS? The work-up as answered (the review's checklist; no probability).
    out += &heading(tr(
        lang,
        "Sepsis or CRS? — infection work-up (Mayor-Vázquez 2025)",
        "¿Sepsis o SLC? — estudio de infección (Mayor-Vázquez 2025)",
    ));
    for &item in WorkupItem::ALL {
        let answer = match state.form.sepsis_workup.get(&item).map(String::as_str) {
            Some("yes") => lang.strings().yes,
            Some("no") => lang.strings().no,
            _ => lang.strings().not_known,
        };
        out += &format!("  {}: {answer}", workup_label(lang, item));
        if item.has_time() {
            if let Some(ms) = state.form.antibiotics_started_at {
                out += &format!(
                    " — {} {}",
                    tr(lang, "started", "inicio"),
                    local_time(ms, utc_offset(ms))
                );
            }
        }
        out += "\n";
    }

    // Inputs: used, then refused.
    out += &heading(tr(lang, "Inputs used", "Datos utilizados"));
    let used: Vec<Field> = Field::ALL
        .iter()
        .copied()
        .filter(|f| !state.parsed.errors.contains_key(f) && !s.entered(*f).is_empty())
        .collect();
    if used.is_empty() {
        out += &format!("  {}\n", tr(lang, "(none)", "(ninguno)"));
    }
    for f in used {
        out += &format!("  {}: {}\n", field_label(lang, f), s.entered(f));
    }
    out += &heading(tr(lang, "Not used (refused)", "No utilizados (rechazados)"));
    if state.parsed.errors.is_empty() {
        out += &format!("  {}\n", tr(lang, "(none)", "(ninguno)"));
    }
    for (f, e) in &state.parsed.errors {
        out += &format!(
            "  {}: {} — {}\n",
            field_label(lang, *f),
            s.entered(*f),
            error_message(lang, e)
        );
    }
    out
}

fn heading(title: &str) -> String {
    format!("\n== {title} ==\n")
}

fn crs_note(lang: Lang, n: crs::CrsNote) -> &'static str {
    match n {
        crs::CrsNote::VasopressinAloneCountedAsOneVasopressor => tr(
            lang,
            "Vasopressin alone is not addressed by ASTCT; counted here as one vasopressor.",
            "ASTCT no contempla la vasopresina sola; aquí cuenta como un vasopresor.",
        ),
        crs::CrsNote::FeverNotRequiredAfterTherapy => tr(
            lang,
            "Fever not required: antipyretic or anti-cytokine therapy was given.",
            "Fiebre no necesaria: se administró antipirético o anticitoquina.",
        ),
    }
}

struct Summary<'a> {
    state: &'a AppState,
    lang: Lang,
}

impl Summary<'_> {
    fn not_decided(&self) -> &'static str {
        tr(
            self.lang,
            "not decided: depends on the missing inputs",
            "no decidido: depende de los datos que faltan",
        )
    }

    /// "Grade: 2", or "Grade: 1–4 (not decided: …)".
    fn grade_line(&self, value: Option<u16>, range: Range) -> String {
        format!(
            "{}: {}\n",
            tr(self.lang, "Grade", "Grado"),
            match value {
                Some(v) => v.to_string(),
                None => format!("{}–{} ({})", range.min, range.max, self.not_decided()),
            }
        )
    }

    /// "grade 2", or "grade 0–4 (not decided)".
    fn grade_value(&self, value: Option<u16>, range: Range) -> String {
        let grade = tr(self.lang, "grade", "grado");
        match value {
            Some(v) => format!("{grade} {v}"),
            None => format!(
                "{grade} {}–{} ({})",
                range.min,
                range.max,
                tr(self.lang, "not decided", "no decidido")
            ),
        }
    }

    /// "200 of 337", or "99–337 of 337 (not decided: …)".
    fn value_of(&self, value: Option<u16>, range: Range, max: u16) -> String {
        let of = tr(self.lang, "of", "de");
        match value {
            Some(v) => format!("{v} {of} {max}"),
            None => format!(
                "{}–{} {of} {max} ({})",
                range.min,
                range.max,
                self.not_decided()
            ),
        }
    }

    /// A count of a checklist: "Features present: 1 of 6, 3 not known" (a decided count is
    /// printed once: "5 of 8").
    fn count_line(&self, label: &str, range: Range, of: u16) -> String {
        let unknown = range.max - range.min;
        let mut line = format!("{label}: {} {} {of}", range.min, tr(self.lang, "of", "de"));
        if unknown > 0 {
            let not_known = match (self.lang, unknown) {
                (Lang::Es, 1) => "desconocido",
                (Lang::Es, _) => "desconocidos",
                (Lang::En, _) => "not known",
            };
            line += &format!(", {unknown} {not_known}");
        }
        line + "\n"
    }

    /// Yes / no / not decided, for "present" conclusions.
    fn presence(&self, c: Conclusion) -> &'static str {
        let s = self.lang.strings();
        match c {
            Conclusion::Met => s.yes,
            Conclusion::NotMet => s.no,
            Conclusion::Undetermined => tr(self.lang, "not decided", "no decidido"),
        }
    }

    /// "Missing inputs: a, b (refused …)" or "Nothing missing".
    fn missing_line(&self, missing: &[Field]) -> String {
        if missing.is_empty() {
            format!("{}\n", self.lang.strings().nothing_missing)
        } else {
            format!("{}\n", self.missing_fields(missing))
        }
    }

    fn missing_fields(&self, missing: &[Field]) -> String {
        let refused = tr(
            self.lang,
            "entered but refused, see \"Not used\"",
            "introducido pero rechazado, ver «No utilizados»",
        );
        let list: Vec<String> = missing
            .iter()
            .map(|f| {
                let label = field_label(self.lang, *f);
                if self.state.parsed.errors.contains_key(f) {
                    format!("{label} ({refused})")
                } else {
                    label.to_string()
                }
            })
            .collect();
        format!(
            "{}: {}",
            tr(self.lang, "Missing inputs", "Datos que faltan"),
            // "; ": some labels hold commas ("hemophagocytosis in bone marrow, spleen, …").
            list.join("; ")
        )
    }

    fn tool_text(&self, tool: Tool, reason: ToolReason) -> String {
        let lang = self.lang;
        let years = self.state.parsed.patient.settings.capd_below_age_years;
        let name = match tool {
            Tool::Ice => "ICE",
            Tool::Capd => "CAPD",
            Tool::Undetermined => tr(lang, "ICE or CAPD, not decided", "ICE o CAPD, sin decidir"),
        };
        let why = match reason {
            ToolReason::DevelopmentalDelay => tr(
                lang,
                "developmental delay recorded",
                "retraso del desarrollo registrado",
            )
            .to_string(),
            ToolReason::AgeBelowSetting => format!(
                "{} {years} {}",
                tr(lang, "age below", "edad menor de"),
                tr(lang, "years", "años")
            ),
            ToolReason::AgeAtOrAboveSetting => format!(
                "{} {years} {}",
                tr(lang, "age", "edad"),
                tr(
                    lang,
                    "years or more, no developmental delay recorded",
                    "años o más, sin retraso del desarrollo registrado"
                )
            ),
            ToolReason::AgeUnknown => tr(
                lang,
                "age not known: both tools are considered",
                "edad desconocida: se consideran ambas herramientas",
            )
            .to_string(),
            ToolReason::DeclaredAdult => format!(
                "{} {years} {}",
                tr(
                    lang,
                    "age not known; answered: adult (",
                    "edad desconocida; respuesta: adulto ("
                ),
                tr(lang, "years or more)", "años o más)")
            ),
            ToolReason::DeclaredChild => format!(
                "{} {years} {}",
                tr(
                    lang,
                    "age not known; answered: child (under",
                    "edad desconocida; respuesta: niño (menor de"
                ),
                tr(lang, "years)", "años)")
            ),
        };
        format!("{name} — {why}")
    }

    fn ice_line(&self, source: IceSource, total: Option<(u8, u8)>) -> String {
        let lang = self.lang;
        let of = tr(lang, "of", "de");
        let max = icans::ICE_MAX;
        let how = match source {
            IceSource::Items => tr(lang, "sum of the items", "suma de los ítems"),
            IceSource::Total => tr(lang, "total entered", "total introducido"),
            IceSource::PartialItems => tr(
                lang,
                "range allowed by the items entered so far",
                "rango que permiten los ítems introducidos",
            ),
            IceSource::Missing => "",
            IceSource::Contradictory => tr(
                lang,
                "total contradicts the items: not used",
                "el total contradice los ítems: no se usa",
            ),
        };
        if source == IceSource::Contradictory {
            return format!("ICE: {} ({how})\n", lang.strings().not_known);
        }
        match total {
            Some((lo, hi)) if lo == hi => format!("ICE: {lo} {of} {max} ({how})\n"),
            Some((lo, hi)) => format!("ICE: {lo}–{hi} {of} {max} ({how})\n"),
            // Not entered, or refused (the missing inputs say which).
            None => format!("ICE: {}\n", lang.strings().not_known),
        }
    }

    fn capd_line(&self) -> String {
        let lang = self.lang;
        let p = &self.state.parsed.patient;
        let of = tr(lang, "of", "de");
        let max = icans::CAPD_MAX;
        // The items win over a total, as in the core's CAPD item.
        let total = match p.capd_items.range() {
            Some(r) => Some((r, tr(lang, "from the items", "según los ítems"))),
            None => p
                .capd_total
                .filter(|&t| t <= max)
                .map(|t| ((t, t), tr(lang, "total entered", "total introducido"))),
        };
        match total {
            Some(((lo, hi), how)) if lo == hi => format!("CAPD: {lo} {of} {max} ({how})\n"),
            Some(((lo, hi), how)) => format!("CAPD: {lo}–{hi} {of} {max} ({how})\n"),
            None => format!("CAPD: {}\n", lang.strings().not_known),
        }
    }

    fn fever_rule(&self, rule: FeverRule) -> String {
        let lang = self.lang;
        match rule {
            FeverRule::ClinicianConfirmed => tr(
                lang,
                "fever confirmed by the clinician (HLH-2004 gives no number)",
                "fiebre confirmada por el clínico (HLH-2004 no da cifra)",
            )
            .to_string(),
            FeverRule::AtLeast38_5 => {
                let (unit, value) = hlh2004::FEVER.primary();
                format!(
                    "{} ≥ {} {} (Jordan 2011)",
                    tr(lang, "temperature", "temperatura"),
                    self.number(value),
                    unit_label(lang, unit)
                )
            }
        }
    }

    /// A number for reading, with the language's decimal mark.
    fn number(&self, v: f64) -> String {
        let s = format_number(v);
        match self.lang {
            Lang::Es => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// A field as entered (the text as typed, with its unit or option label; "" if empty).
    fn entered(&self, field: Field) -> String {
        let lang = self.lang;
        let form = &self.state.form;
        let s = lang.strings();
        match kind(field) {
            Kind::Quantity(_) => {
                let t = form.text(field);
                if t.is_empty() {
                    String::new()
                } else {
                    format!("{t} {}", unit_label(lang, form.unit(field)))
                }
            }
            Kind::Count(_) => form.text(field).to_owned(),
            Kind::YesNo => match form.choice(field) {
                "yes" => s.yes.into(),
                "no" => s.no.into(),
                other => other.into(),
            },
            Kind::Choice(keys) => {
                let c = form.choice(field);
                if keys.contains(&c) {
                    option_label(lang, c).into()
                } else {
                    c.into()
                }
            }
        }
    }
}

/// The course over time (issue 11): infusion, CRS and ICANS episodes, the CRS phase's peak
/// ferritin and the treatments given, all from the core's course report.
fn course_section(state: &AppState, lang: Lang, utc_offset: &dyn Fn(f64) -> i32) -> String {
    use crate::course_report::{assess, Unassessable};
    use iectox::course::{EpisodeEnd, Therapy};
    let at = |minutes: i64| {
        let ms = minutes as f64 * 60_000.0;
        local_time(ms, utc_offset(ms))
    };
    let grades = |r: iectox::Range| {
        if r.min == r.max {
            r.min.to_string()
        } else {
            format!("{}–{}", r.min, r.max)
        }
    };
    let mut out = heading(tr(lang, "Course", "Evolución"));
    let a = match assess(state.course()) {
        Ok(a) => a,
        Err(Unassessable::NoInfusion) => {
            out += tr(
                lang,
                "No infusion time entered: no day 0, no baseline, no episodes.\n",
                "Sin hora de infusión: sin día 0, sin basal, sin episodios.\n",
            );
            return out;
        }
        Err(Unassessable::Invalid(errors)) => {
            out += &format!(
                "{} ({})\n",
                tr(
                    lang,
                    "The course cannot be assessed: some times are invalid",
                    "No se puede evaluar la evolución: algunas horas no son válidas"
                ),
                errors.len()
            );
            return out;
        }
    };
    let r = &a.report;
    out += &format!(
        "{}: {}; {}: {}\n",
        tr(lang, "Infusion (day 0)", "Infusión (día 0)"),
        at(r.infusion),
        tr(lang, "time points", "momentos"),
        r.time_points.len()
    );
    for (name, episodes) in [("CRS", &r.crs), ("ICANS", &r.icans)] {
        let name = if name == "CRS" {
            tr(lang, "CRS", "SLC")
        } else {
            name
        };
        if episodes.episodes.is_empty() {
            out += &format!(
                "{name}: {}\n",
                tr(lang, "no episode recorded", "ningún episodio registrado")
            );
        }
        for e in &episodes.episodes {
            let end = match e.end {
                EpisodeEnd::Resolved(b) => {
                    format!("{} {}", tr(lang, "resolved", "resuelto"), at(b.time))
                }
                EpisodeEnd::Ongoing => tr(lang, "ongoing", "en curso").to_string(),
                EpisodeEnd::Undetermined { from } => format!(
                    "{} {}",
                    tr(lang, "end not decided from", "fin no decidido desde"),
                    at(from)
                ),
            };
            let duration = e
                .duration_minutes
                .map(|d| {
                    let h = |m: i64| (m as f64 / 60.0).round();
                    if d.min == d.max {
                        format!("; {} {} h", tr(lang, "duration", "duración"), h(d.min))
                    } else {
                        format!(
                            "; {} {}–{} h",
                            tr(lang, "duration", "duración"),
                            h(d.min),
                            h(d.max)
                        )
                    }
                })
                .unwrap_or_default();
            out += &format!(
                "{name}: {} {} ({} +{}); {} {} {} {}; {end}{duration}\n",
                tr(lang, "onset", "inicio"),
                at(e.onset.time),
                tr(lang, "day", "día"),
                a.course.day(e.onset.time),
                tr(lang, "maximum grade", "grado máximo"),
                grades(e.max_grade),
                tr(lang, "at", "el"),
                at(e.max_at)
            );
        }
    }
    match r.crs_phase_ferritin.peak {
        Some(p) => {
            use iectox::units::Quantity;
            out += &format!(
                "{}: {} {} ({})\n",
                tr(
                    lang,
                    "Peak ferritin in the CRS phase",
                    "Ferritina máxima en la fase de SLC"
                ),
                crate::form::format_number(p.ferritin.value()),
                p.ferritin.unit(),
                at(p.time)
            )
        }
        None => {
            out += tr(
                lang,
                "Peak ferritin in the CRS phase: no ferritin measured in it\n",
                "Ferritina máxima en la fase de SLC: ninguna medida en ella\n",
            )
        }
    }
    if let Some(marked) = r.ferritin_rapidly_rising {
        out += &format!(
            "{} ({})\n",
            tr(
                lang,
                "Ferritin rapidly rising: marked by the clinician",
                "Ferritina en ascenso rápido: marcado por el clínico"
            ),
            at(marked)
        );
    }
    if r.treatments.is_empty() {
        out += &format!(
            "{}: {}\n",
            tr(lang, "Treatments", "Tratamientos"),
            tr(lang, "(none recorded)", "(ninguno registrado)")
        );
    } else {
        out += &format!("{}:\n", tr(lang, "Treatments", "Tratamientos"));
    }
    for t in &r.treatments {
        let name = match &t.therapy {
            Therapy::Drug(d) => crate::pages::treatment::drug_name(lang, *d).to_string(),
            Therapy::Other(text) => text.clone(),
        };
        let dose = t
            .dose_mg
            .map(|mg| format!(" {} mg", crate::form::format_number(mg)))
            .unwrap_or_default();
        out += &format!("  {} — {name}{dose}\n", at(t.time));
    }
    out
}
