use iectox::scores::crs_legacy::{LegacyDomain, LegacySystem};
use iectox::Field;
use yew::prelude::*;

use crate::components::field_input::Fieldset;
use crate::components::grade_result::grade_text;
use crate::components::page::Page;
use crate::hooks::use_app;
use crate::i18n::labels::field_label;
use crate::i18n::{tr, Lang};
use crate::route::Route;

const EXTRA: &[Field] = &[
    Field::Fio2,
    Field::HighDoseVasopressor,
    Field::VasopressorHours,
    Field::FluidBoluses,
    Field::OtherOrganToxicityGrade,
    Field::Coagulopathy,
    Field::HospitalisedForCrs,
    Field::Creatinine,
    Field::CreatinineUln,
    Field::CreatinineBaseline,
    Field::Ast,
    Field::AstUln,
    Field::Alt,
    Field::AltUln,
];

pub fn system_label(s: LegacySystem) -> &'static str {
    match s {
        LegacySystem::Lee2014 => "Lee 2014",
        LegacySystem::Penn => "Penn (Porter 2018)",
        LegacySystem::Mskcc => "MSKCC (Park 2018)",
        LegacySystem::Cartox => "CARTOX (Neelapu 2018)",
    }
}

fn domain_label(lang: Lang, d: LegacyDomain) -> &'static str {
    match d {
        LegacyDomain::Presence => tr(lang, "CRS present", "SLC presente"),
        LegacyDomain::Hypotension => tr(lang, "Hypotension", "Hipotensión"),
        LegacyDomain::Oxygen => tr(lang, "Oxygen", "Oxígeno"),
        LegacyDomain::Creatinine => tr(lang, "Creatinine", "Creatinina"),
        LegacyDomain::Transaminases => tr(lang, "Transaminases", "Transaminasas"),
        LegacyDomain::OtherOrganToxicity => {
            tr(lang, "Other organ toxicity", "Otra toxicidad orgánica")
        }
        LegacyDomain::Coagulopathy => tr(lang, "Coagulopathy", "Coagulopatía"),
        LegacyDomain::Hospitalisation => tr(lang, "Hospitalisation", "Hospitalización"),
        LegacyDomain::Death => tr(lang, "Death", "Muerte"),
    }
}

#[component(SystemsPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let legacy = &app.report.crs_legacy;
    let astct = &app.report.crs.assessment;
    html! {
        <Page route={Route::Systems}>
            <p class="note">{ tr(lang, "Pre-2019 systems graded the same patients differently: they agreed on the presence of CRS in 99 % but on the same grade in only 25 % (Pennisi 2020). ASTCT is the current standard; the others are shown for comparison with older papers and trials. A system that needs an input you have not entered says \"not assessable\" and what it needs.", "Las escalas previas a 2019 gradúan distinto al mismo paciente: coinciden en la presencia de SLC en el 99 % pero en el mismo grado solo en el 25 % (Pennisi 2020). ASTCT es el estándar actual; las demás se muestran para comparar con estudios antiguos. Si una escala necesita un dato que falta, indica «no evaluable» y qué necesita.") }</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label={tr(lang, "CRS systems table", "Tabla de escalas de SLC")}>
            <table id="systems-table" class="systems stack-table">
                <caption>{ tr(lang, "The same patient in five CRS grading systems", "El mismo paciente en cinco escalas de SLC") }</caption>
                <thead><tr>
                    <th scope="col">{ tr(lang, "System", "Escala") }</th>
                    <th scope="col">{ tr(lang, "Grade", "Grado") }</th>
                    <th scope="col">{ tr(lang, "Needs", "Necesita") }</th>
                </tr></thead>
                <tbody>
                    <tr data-system="Astct">
                        <th scope="row">{ "ASTCT 2019 (Lee 2019)" }</th>
                        <td data-label={tr(lang, "Grade", "Grado")}>{ grade_text(lang, astct.value, (astct.range.min, astct.range.max)) }</td>
                        <td data-label={tr(lang, "Needs", "Necesita")}>{ missing_text(lang, &astct.missing) }</td>
                    </tr>
                    { for legacy.systems.iter().map(|g| {
                        let a = &g.assessment;
                        let grade = match a.value {
                            Some(_) => grade_text(lang, a.value, (a.range.min, a.range.max)),
                            None => format!("{} ({})", tr(lang, "not assessable", "no evaluable"), grade_text(lang, None, (a.range.min, a.range.max))),
                        };
                        // The core names the deciding domain(s); presence alone (grade 0–1) is not shown.
                        let deciding: Vec<&str> = g.deciding.iter()
                            .filter(|d| **d != LegacyDomain::Presence)
                            .map(|d| domain_label(lang, *d)).collect();
                        html! {
                            <tr data-system={format!("{:?}", g.system)}>
                                <th scope="row">{ system_label(g.system) }</th>
                                <td data-label={tr(lang, "Grade", "Grado")}>{ grade }
                                    if !deciding.is_empty() { <span class="why">{ format!(" — {}", deciding.join(", ")) }</span> }
                                </td>
                                <td data-label={tr(lang, "Needs", "Necesita")}>{ missing_text(lang, &a.missing) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            <Fieldset legend={tr(lang, "Inputs the older systems need (besides the CRS page's)", "Datos que necesitan las escalas antiguas (además de los de la página SLC)")} fields={EXTRA.to_vec()} />
        </Page>
    }
}

fn missing_text(lang: Lang, missing: &[Field]) -> String {
    if missing.is_empty() {
        "—".into()
    } else {
        missing
            .iter()
            .map(|f| field_label(lang, *f))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
