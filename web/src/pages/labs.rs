use iectox::scores::ctcae::{self, CtcaeTerm};
use iectox::Field;
use yew::prelude::*;

use crate::components::field_input::Fieldset;
use crate::components::page::Page;
use crate::hooks::use_app;
use crate::i18n::labels::field_label;
use crate::i18n::{tr, Lang};
use crate::route::Route;

pub fn term_label(lang: Lang, t: CtcaeTerm) -> &'static str {
    match t {
        CtcaeTerm::NeutrophilCountDecreased => tr(
            lang,
            "Neutrophil count decreased",
            "Disminución de neutrófilos",
        ),
        CtcaeTerm::PlateletCountDecreased => {
            tr(lang, "Platelet count decreased", "Disminución de plaquetas")
        }
        CtcaeTerm::WhiteBloodCellDecreased => tr(
            lang,
            "White blood cell decreased",
            "Disminución de leucocitos",
        ),
        CtcaeTerm::Anemia => tr(lang, "Anaemia", "Anemia"),
        CtcaeTerm::AstIncreased => tr(lang, "AST increased", "Aumento de AST"),
        CtcaeTerm::AltIncreased => tr(lang, "ALT increased", "Aumento de ALT"),
        CtcaeTerm::BloodBilirubinIncreased => {
            tr(lang, "Blood bilirubin increased", "Aumento de bilirrubina")
        }
        CtcaeTerm::FibrinogenDecreased => {
            tr(lang, "Fibrinogen decreased", "Disminución de fibrinógeno")
        }
        CtcaeTerm::CreatinineIncreased => tr(lang, "Creatinine increased", "Aumento de creatinina"),
    }
}

/// How the core reads an open CTCAE rule, shown beside the term's grade.
pub fn reading_text(lang: Lang, r: ctcae::CtcaeReading) -> &'static str {
    match r {
        ctcae::CtcaeReading::FibrinogenAbnormalBaselineIsBelowLln => tr(
            lang,
            "Reading of the CTCAE rule: \"if abnormal\" means a baseline below the LLN; then the grade by the % decrease from that baseline replaces the grade against the LLN.",
            "Lectura de la regla CTCAE: «si es anormal» significa un basal por debajo del LIN; entonces el grado por el % de descenso desde ese basal sustituye al grado frente al LIN.",
        ),
    }
}

#[component(LabsPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let c = &app.report.ctcae;
    let fields: Vec<Field> = CtcaeTerm::ALL
        .iter()
        .flat_map(|t| t.fields().iter().copied())
        .fold(Vec::new(), |mut v, f| {
            if !v.contains(&f) {
                v.push(f);
            }
            v
        });
    html! {
        <Page route={Route::Labs}>
            <div class="two-col">
                <Fieldset legend={tr(lang, "Laboratory values with their reference limits and baselines", "Valores de laboratorio con sus límites de referencia y basales")} fields={fields} />
                <div class="results" aria-live="polite">
                    <table id="ctcae-table">
                        <caption>{ tr(lang, "CTCAE v5.0 grades", "Grados CTCAE v5.0") }</caption>
                        <thead><tr>
                            <th scope="col">{ tr(lang, "Term", "Término") }</th>
                            <th scope="col">{ tr(lang, "Grade", "Grado") }</th>
                            <th scope="col">{ tr(lang, "Missing", "Falta") }</th>
                        </tr></thead>
                        <tbody>
                        { for c.assessment.items.iter().map(|i| {
                            let grade = match i.points {
                                Some(g) => g.to_string(),
                                None => format!("{}–{}", i.range.min, i.range.max),
                            };
                            html! {
                                <tr data-term={format!("{:?}", i.key)}>
                                    <th scope="row">{ term_label(lang, i.key) }
                                        { for i.key.readings().iter().map(|r| html! { <span class="entered reading" data-reading={format!("{r:?}")}>{ reading_text(lang, *r) }</span> }) }
                                    </th>
                                    <td class="num">{ grade }</td>
                                    <td>{ i.missing.iter().map(|f| field_label(lang, *f)).collect::<Vec<_>>().join(", ") }</td>
                                </tr>
                            }
                        }) }
                        </tbody>
                    </table>
                    <p class="note">{ tr(lang, "Grade 1 of a \"decreased\" term needs the local lower limit of normal; an \"increased\" term needs the upper limit of normal, and the baseline when it was abnormal. Without them the grade is shown as a range.", "El grado 1 de un término «disminución» necesita el límite inferior normal local; un término «aumento» necesita el límite superior normal, y el basal si era anormal. Sin ellos el grado se muestra como rango.") }</p>
                </div>
            </div>
        </Page>
    }
}
