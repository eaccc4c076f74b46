use iectox::scores::crs::{self, CrsDomain, CrsNote, FeverFinding};
use iectox::Field;
use yew::prelude::*;
use yew_router::prelude::Link;

use crate::components::field_input::Fieldset;
use crate::components::grade_result::GradeResult;
use crate::components::grade_table::{GradeRow, GradeTable};
use crate::components::page::Page;
use crate::hooks::use_app;
use crate::i18n::{tr, Lang};
use crate::route::Route;

pub const INPUTS: &[Field] = &[
    Field::Temperature,
    Field::FeverMaskingTherapy,
    Field::Hypotension,
    Field::Vasopressors,
    Field::Vasopressin,
    Field::OxygenDevice,
    Field::OxygenFlow,
    Field::CrsDeath,
];

fn row_cells(lang: Lang, d: CrsDomain) -> [&'static str; 4] {
    match d {
        CrsDomain::Fever => ["T ≥ 38.0 °C", "T ≥ 38.0 °C", "T ≥ 38.0 °C", "T ≥ 38.0 °C"],
        CrsDomain::Hypotension => [
            tr(lang, "none", "no"),
            tr(
                lang,
                "not requiring vasopressors",
                "sin necesidad de vasopresores",
            ),
            tr(
                lang,
                "requiring one vasopressor with or without vasopressin",
                "un vasopresor con o sin vasopresina",
            ),
            tr(
                lang,
                "requiring multiple vasopressors (excluding vasopressin)",
                "varios vasopresores (sin contar vasopresina)",
            ),
        ],
        CrsDomain::Hypoxia => [
            tr(lang, "none", "no"),
            tr(
                lang,
                "low-flow nasal cannula (≤ 6 L/min) or blow-by",
                "gafas nasales de bajo flujo (≤ 6 L/min) o blow-by",
            ),
            tr(
                lang,
                "high-flow nasal cannula (> 6 L/min), facemask, non-rebreather or Venturi mask",
                "gafas de alto flujo (> 6 L/min), mascarilla, reservorio o Venturi",
            ),
            tr(
                lang,
                "positive pressure (CPAP, BiPAP, intubation and mechanical ventilation)",
                "presión positiva (CPAP, BiPAP, intubación y ventilación mecánica)",
            ),
        ],
        CrsDomain::Death => ["—", "—", "—", "—"],
    }
}

pub fn domain_label(lang: Lang, d: CrsDomain) -> &'static str {
    match d {
        CrsDomain::Fever => tr(lang, "Fever", "Fiebre"),
        CrsDomain::Hypotension => tr(lang, "with hypotension", "con hipotensión"),
        CrsDomain::Hypoxia => tr(lang, "and/or hypoxia", "y/o hipoxia"),
        CrsDomain::Death => tr(
            lang,
            "Death due to CRS (grade 5)",
            "Muerte por SLC (grado 5)",
        ),
    }
}

#[component(CrsPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let r = crs::assess(&app.parsed.patient);
    let a = &r.assessment;
    let rows: Vec<GradeRow> = a
        .items
        .iter()
        .filter(|i| i.key != CrsDomain::Death)
        .map(|i| {
            // Fever is a condition of every grade ≥ 1, not a grade of its own: its row carries
            // the finding in words instead of a marked cell.
            let (label, range) = match i.key {
                CrsDomain::Fever => (
                    format!(
                        "{} — {}",
                        domain_label(lang, i.key),
                        fever_text(lang, r.fever)
                    ),
                    (0, 0),
                ),
                _ => (
                    domain_label(lang, i.key).to_string(),
                    (i.range.min, i.range.max),
                ),
            };
            GradeRow {
                key: format!("{:?}", i.key),
                label,
                cells: row_cells(lang, i.key),
                range,
                deciding: r.deciding.contains(&i.key),
            }
        })
        .collect();
    html! {
        <Page route={Route::Crs}>
            <div class="two-col">
                <Fieldset legend={tr(lang, "Inputs (graded by the support required, not by blood pressure or PaO₂)", "Datos (se gradúa por el soporte necesario, no por la presión arterial ni la PaO₂)")} fields={INPUTS.to_vec()} />
                <div class="results" aria-live="polite">
                    <GradeResult id="crs-grade" name={tr(lang, "ASTCT CRS", "SLC ASTCT")} value={a.value} range={(a.range.min, a.range.max)} conclusion={a.conclusion} missing={a.missing.clone()} />
                    <p id="crs-reason">{ reason(lang, &r) }</p>
                    <GradeTable id="crs-table" caption={tr(lang, "ASTCT consensus CRS grading (Lee 2019): the more severe of hypotension and hypoxia", "Gradación ASTCT del SLC (Lee 2019): manda la más grave entre hipotensión e hipoxia")}
                        domain_header={tr(lang, "Parameter", "Parámetro")} grade_word={tr(lang, "Grade", "Grado")}
                        deciding_word={tr(lang, "decides the grade", "decide el grado")} rows={rows} />
                    { for r.notes.iter().map(|n| html! { <p class="note">{ note(lang, *n) }</p> }) }
                    <p class="note">{ tr(lang, "Fever is not required once antipyretic or anti-cytokine therapy (tocilizumab, corticosteroids) has been given. Organ toxicities are graded with CTCAE and do not change the CRS grade. Inotropes (dobutamine, milrinone) are not vasopressors; oxygen for comfort only is not hypoxia.", "La fiebre deja de ser necesaria tras antipiréticos o anticitoquinas (tocilizumab, corticoides). Las toxicidades orgánicas se gradúan con CTCAE y no cambian el grado de SLC. Los inotrópicos (dobutamina, milrinona) no son vasopresores; el oxígeno solo por confort no es hipoxia.") }</p>
                    <p><Link<Route> to={Route::Sepsis}>{ tr(lang, "Sepsis or CRS? Infection work-up →", "¿Sepsis o SLC? Estudio de infección →") }</Link<Route>></p>
                    if let Some(g) = a.value.filter(|g| (1..=4).contains(g)) {
                        <p><Link<Route> to={Route::Treatment}>{ format!("{} {g} →", tr(lang, "Management steps for grade", "Pasos de tratamiento para el grado")) }</Link<Route>></p>
                    }
                </div>
            </div>
        </Page>
    }
}

fn note(lang: Lang, n: CrsNote) -> &'static str {
    match n {
        CrsNote::VasopressinAloneCountedAsOneVasopressor => tr(lang, "Vasopressin alone is not addressed by ASTCT; it is counted here as one vasopressor (grade 3).", "ASTCT no contempla la vasopresina sola; aquí cuenta como un vasopresor (grado 3)."),
        CrsNote::FeverNotRequiredAfterTherapy => tr(lang, "Fever not required: antipyretic or anti-cytokine therapy was given; the grade is driven by hypotension and hypoxia.", "Fiebre no necesaria: se administró antipirético o anticitoquina; el grado lo marcan la hipotensión y la hipoxia."),
    }
}

fn reason(lang: Lang, r: &crs::Crs) -> String {
    let a = &r.assessment;
    let Some(g) = a.value else {
        return tr(
            lang,
            "The grade depends on the missing inputs.",
            "El grado depende de los datos que faltan.",
        )
        .into();
    };
    if g == 0 {
        return match r.fever {
            Some(FeverFinding::NoFever) => tr(lang, "No CRS: temperature below 38.0 °C and no antipyretic or anti-cytokine therapy given.", "Sin SLC: temperatura < 38,0 °C y sin antipiréticos ni anticitoquinas.").into(),
            _ => tr(lang, "No CRS.", "Sin SLC.").into(),
        };
    }
    if g == 5 {
        return tr(
            lang,
            "Grade 5: death due to CRS.",
            "Grado 5: muerte por SLC.",
        )
        .into();
    }
    if g == 1 {
        return tr(
            lang,
            "Grade 1: fever without hypotension or hypoxia.",
            "Grado 1: fiebre sin hipotensión ni hipoxia.",
        )
        .into();
    }
    let parts: Vec<&str> = r
        .deciding
        .iter()
        .map(|d| match d {
            CrsDomain::Hypotension => tr(
                lang,
                "the hypotension support",
                "el soporte de la hipotensión",
            ),
            CrsDomain::Hypoxia => tr(lang, "the oxygen support", "el soporte de oxígeno"),
            _ => "",
        })
        .filter(|s| !s.is_empty())
        .collect();
    format!(
        "{} {g}: {} {}.",
        tr(lang, "Grade", "Grado"),
        tr(lang, "set by", "lo marca"),
        parts.join(tr(lang, " and ", " y "))
    )
}

fn fever_text(lang: Lang, f: Option<FeverFinding>) -> &'static str {
    match f {
        Some(FeverFinding::Fever) => tr(lang, "present (≥ 38.0 °C)", "presente (≥ 38,0 °C)"),
        Some(FeverFinding::NoFever) => tr(lang, "absent", "ausente"),
        Some(FeverFinding::NotRequired) => tr(
            lang,
            "not required (antipyretic/anti-cytokine given)",
            "no necesaria (antipirético/anticitoquina administrado)",
        ),
        None => tr(lang, "unknown", "desconocida"),
    }
}
