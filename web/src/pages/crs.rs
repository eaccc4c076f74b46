use iectox::scores::crs::{self, CrsDomain, CrsNote, FeverFinding};
use iectox::units::Unit;
use iectox::Field;
use yew::prelude::*;
use yew_router::prelude::Link;

use crate::components::field_input::Fieldset;
use crate::components::grade_result::GradeResult;
use crate::components::grade_table::{Grade5, GradeRow, GradeTable, RowCells};
use crate::components::page::Page;
use crate::hooks::use_app;
use crate::i18n::numbers::{band, threshold};
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

fn row_cells(lang: Lang, d: CrsDomain, unit: Unit) -> RowCells {
    let per = |c: [Option<String>; 4]| RowCells::PerGrade(c);
    let s = |t: &str| Some(t.to_string());
    match d {
        CrsDomain::Fever => RowCells::AllGrades(format!(
            "T {} {}",
            band(lang, &crs::FEVER_BAND, Some(unit)),
            tr(
                lang,
                "(unless antipyretic or anti-cytokine given)",
                "(salvo antipirético o anticitoquina)"
            )
        )),
        CrsDomain::Hypotension => per([
            None,
            s(tr(lang, "not requiring vasopressors", "sin vasopresores")),
            s(tr(
                lang,
                "one vasopressor ± vasopressin",
                "un vasopresor ± vasopresina",
            )),
            s(tr(
                lang,
                "multiple vasopressors (excluding vasopressin)",
                "varios vasopresores (sin contar vasopresina)",
            )),
        ]),
        CrsDomain::Hypoxia => per([
            None,
            Some(format!(
                "{} ({}) {}",
                tr(lang, "low-flow NC", "GN de bajo flujo"),
                band(lang, &crs::LOW_FLOW_BAND, None),
                tr(lang, "or blow-by", "o blow-by")
            )),
            Some(format!(
                "{} ({}), {}",
                tr(lang, "HFNC", "GNAF"),
                band(lang, &crs::HIGH_FLOW_BAND, None),
                tr(
                    lang,
                    "facemask, NRB or Venturi mask",
                    "mascarilla, reservorio o Venturi"
                )
            )),
            s(tr(
                lang,
                "positive pressure (CPAP, BiPAP, intubation and MV)",
                "presión positiva (CPAP, BiPAP, intubación y VM)",
            )),
        ]),
        CrsDomain::Death => per([None, None, None, None]),
    }
}

pub fn domain_label(lang: Lang, d: CrsDomain) -> &'static str {
    match d {
        CrsDomain::Fever => tr(lang, "Fever", "Fiebre"),
        CrsDomain::Hypotension => tr(lang, "with hypotension", "con hipotensión"),
        CrsDomain::Hypoxia => tr(lang, "and/or hypoxia", "y/o hipoxia"),
        CrsDomain::Death => tr(lang, "Death", "Muerte"),
    }
}

#[component(CrsPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let r = &app.report.crs;
    let a = &r.assessment;
    let rows: Vec<GradeRow> = a
        .items
        .iter()
        .filter(|i| i.key != CrsDomain::Death)
        .map(|i| {
            // Fever is a condition of every grade ≥ 1, not a grade of its own: one cell across
            // grades 1–4, marked when it holds, and the finding in words.
            let (label, range) = match i.key {
                CrsDomain::Fever => (
                    format!(
                        "{} — {}",
                        domain_label(lang, i.key),
                        fever_text(lang, r.fever)
                    ),
                    match r.fever {
                        Some(FeverFinding::Fever | FeverFinding::NotRequired) => (1, 1),
                        Some(FeverFinding::NoFever) => (0, 0),
                        None => (0, 1),
                    },
                ),
                _ => (
                    domain_label(lang, i.key).to_string(),
                    (i.range.min, i.range.max),
                ),
            };
            GradeRow {
                key: format!("{:?}", i.key),
                label,
                cells: row_cells(lang, i.key, app.form.display_unit(Field::Temperature)),
                range,
                deciding: r.deciding.contains(&i.key),
            }
        })
        .collect();
    let grade5 = a
        .items
        .iter()
        .find(|i| i.key == CrsDomain::Death)
        .map(|i| Grade5 {
            label: domain_label(lang, CrsDomain::Death).into(),
            text: tr(lang, "death due to CRS", "muerte por SLC").into(),
            range: (i.range.min, i.range.max),
        });
    html! {
        <Page route={Route::Crs}>
            <div class="two-col">
                <Fieldset legend={tr(lang, "Inputs (graded by the support required, not by blood pressure or PaO₂)", "Datos (se gradúa por el soporte necesario, no por la presión arterial ni la PaO₂)")} fields={INPUTS.to_vec()} />
                <div class="results" aria-live="polite">
                    <GradeResult id="crs-grade" name={tr(lang, "ASTCT CRS", "SLC ASTCT")} value={a.value} range={(a.range.min, a.range.max)} conclusion={a.conclusion} missing={a.missing.clone()} />
                    <p id="crs-reason">{ reason(lang, r, app.form.display_unit(Field::Temperature)) }</p>
                    <GradeTable id="crs-table" caption={tr(lang, "ASTCT CRS grading (Lee 2019): the worse of hypotension and hypoxia", "Gradación ASTCT del SLC (Lee 2019): manda la peor de hipotensión e hipoxia")}
                        domain_header={tr(lang, "Parameter", "Parámetro")} grade_word={tr(lang, "Grade", "Grado")}
                        deciding_word={tr(lang, "decides the grade", "decide el grado")} rows={rows} {grade5}
                        legend={tr(lang, "NC: nasal cannula; HFNC: high-flow nasal cannula; NRB: non-rebreather mask; MV: mechanical ventilation.", "GN: gafas nasales; GNAF: gafas nasales de alto flujo; VM: ventilación mecánica.")} />
                    { for r.notes.iter().map(|n| html! { <p class="note">{ note(lang, *n) }</p> }) }
                    if let Some(text) = paediatric_hypotension(lang, &app.parsed.patient, app.form.age_group_answer()) {
                        <p class="note" id="crs-paediatric-hypotension">{ text }</p>
                    }
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

/// For a child (as the treatment page decides: under 18, or declared a child), the paediatric
/// hypotension definition (§9.1, Mahadeo 2019) with this child's limit when the core gives one;
/// it changes nothing in the grade.
fn paediatric_hypotension(
    lang: Lang,
    p: &iectox::Patient,
    declared: Option<iectox::treatment::AgeGroup>,
) -> Option<String> {
    use iectox::treatment::{population, Population};
    if population(p.age, p.weight, declared).population != Population::Child {
        return None;
    }
    let limit = p
        .age
        .and_then(crs::paediatric_hypotension_below_mmhg)
        .map(|mmhg| match lang {
            Lang::En => format!(" For this child: systolic below {mmhg} mmHg."),
            Lang::Es => format!(" Para este niño: sistólica inferior a {mmhg} mmHg."),
        });
    let r = crs::PAEDIATRIC_HYPOTENSION;
    let (base, per_year, from, to, above) = (
        r.base_mmhg,
        r.per_year_mmhg,
        r.from_years,
        r.to_years,
        r.above_mmhg,
    );
    let rule = match lang {
        Lang::En => format!("Children: hypotension is a systolic pressure below {base} + {per_year} × age in years ({from}–{to} years), below {above} mmHg above {to} years (Mahadeo 2019). It does not change the ASTCT grade, which is graded by the support required."),
        Lang::Es => format!("Niños: hipotensión es una sistólica inferior a {base} + {per_year} × edad en años ({from}–{to} años), inferior a {above} mmHg por encima de {to} años (Mahadeo 2019). No cambia el grado ASTCT, que se gradúa por el soporte necesario."),
    };
    Some(format!("{rule}{}", limit.unwrap_or_default()))
}

fn note(lang: Lang, n: CrsNote) -> &'static str {
    match n {
        CrsNote::VasopressinAloneCountedAsOneVasopressor => tr(lang, "Vasopressin alone is not addressed by ASTCT; it is counted here as one vasopressor (grade 3).", "ASTCT no contempla la vasopresina sola; aquí cuenta como un vasopresor (grado 3)."),
        CrsNote::FeverNotRequiredAfterTherapy => tr(lang, "Fever not required: antipyretic or anti-cytokine therapy was given; the grade is driven by hypotension and hypoxia.", "Fiebre no necesaria: se administró antipirético o anticitoquina; el grado lo marcan la hipotensión y la hipoxia."),
    }
}

fn reason(lang: Lang, r: &crs::Crs, unit: Unit) -> String {
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
            Some(FeverFinding::NoFever) => format!(
                "{} {} {}",
                tr(lang, "No CRS: temperature below", "Sin SLC: temperatura <"),
                threshold(lang, &crs::FEVER, Some(unit)),
                tr(
                    lang,
                    "and no antipyretic or anti-cytokine therapy given.",
                    "y sin antipiréticos ni anticitoquinas."
                )
            ),
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
        Some(FeverFinding::Fever) => tr(lang, "present", "presente"),
        Some(FeverFinding::NoFever) => tr(lang, "absent", "ausente"),
        Some(FeverFinding::NotRequired) => tr(
            lang,
            "not required (antipyretic/anti-cytokine given)",
            "no necesaria (antipirético/anticitoquina administrado)",
        ),
        None => tr(lang, "unknown", "desconocida"),
    }
}
