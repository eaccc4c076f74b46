//! "Sepsis or CRS?": the review's statements and Table 3 beside the infection work-up
//! checklist (saved with the patient, printed in the summary). Never a probability of sepsis.

use iectox::treatment::checklist::{
    self, CommonName, DifferentialElement, InfectionGroup, Organism, Statement, WorkupItem,
    WorkupKind,
};
use yew::prelude::*;

use crate::components::page::Page;
use crate::hooks::use_app;
use crate::i18n::{tr, Lang};
use crate::route::Route;
use crate::state::Action;

pub fn group_label(lang: Lang, g: InfectionGroup) -> &'static str {
    match g {
        InfectionGroup::Bacteria => tr(lang, "Bacteria", "Bacterias"),
        InfectionGroup::Viruses => tr(lang, "Viruses", "Virus"),
        InfectionGroup::Fungi => tr(lang, "Fungi", "Hongos"),
        InfectionGroup::Parasites => tr(lang, "Parasites", "Parásitos"),
    }
}

pub fn common_name(lang: Lang, c: CommonName) -> &'static str {
    match c {
        CommonName::Ebv => tr(lang, "EBV", "VEB"),
        CommonName::Cmv => "CMV",
        CommonName::Influenza => tr(lang, "influenza", "gripe"),
        CommonName::VariousHerpesviruses => {
            tr(lang, "various herpesviruses", "diversos herpesvirus")
        }
        CommonName::Adenovirus => "adenovirus",
        CommonName::ParvovirusB19 => "parvovirus B19",
        CommonName::Enterovirus => "enterovirus",
        CommonName::HepatitisABC => tr(lang, "hepatitis A/B/C", "hepatitis A/B/C"),
        CommonName::Rubella => tr(lang, "rubella", "rubéola"),
        CommonName::Measles => tr(lang, "measles", "sarampión"),
        CommonName::Mumps => tr(lang, "mumps", "parotiditis"),
        CommonName::Hiv => tr(lang, "HIV", "VIH"),
        CommonName::Dengue => "dengue",
        CommonName::Coronavirus => "coronavirus",
    }
}

pub fn organism_text(lang: Lang, o: Organism) -> &'static str {
    match o {
        Organism::Scientific(name) => name,
        Organism::Common(c) => common_name(lang, c),
    }
}

pub fn element_text(lang: Lang, e: DifferentialElement) -> &'static str {
    match e {
        DifferentialElement::LocateSourceByCulturesAndImaging => tr(
            lang,
            "Locate the source of infection, guided by cultures and imaging.",
            "Localizar el foco infeccioso, guiados por cultivos y pruebas de imagen.",
        ),
        DifferentialElement::EmpiricalAntibioticsEspeciallyIfNeutropenic => tr(
            lang,
            "Start empirical antibiotics, especially in neutropenic patients.",
            "Iniciar antibióticos empíricos, sobre todo en pacientes neutropénicos.",
        ),
        DifferentialElement::TreatInfectionAndCrsTogether => tr(
            lang,
            "It is customary to treat the infection and CRS at the same time.",
            "Es habitual tratar la infección y el SLC a la vez.",
        ),
    }
}

pub fn statement_text(lang: Lang, s: Statement) -> String {
    match s {
        Statement::InfectionIncidence {
            low_percent,
            high_percent,
        } => format!(
            "{} {low_percent}–{high_percent} % {}",
            tr(lang, "Infections and sepsis affect", "Las infecciones y la sepsis afectan al"),
            tr(
                lang,
                "of patients after immunotherapy, especially in the first days after the infusion.",
                "de los pacientes tras la inmunoterapia, sobre todo en los primeros días tras la infusión.",
            )
        ),
        Statement::ClinicallyIndistinguishable => tr(
            lang,
            "CRS and sepsis share signs, symptoms, timing and risk factors: telling them apart clinically is \"practically impossible\".",
            "El SLC y la sepsis comparten signos, síntomas, cronología y factores de riesgo: distinguirlos clínicamente es «prácticamente imposible».",
        )
        .into(),
        Statement::CrsStartsSlightlyEarlier => tr(
            lang,
            "CRS tends to start slightly earlier.",
            "El SLC tiende a empezar algo antes.",
        )
        .into(),
        Statement::BiomarkersNotYetValidated => tr(
            lang,
            "Cytokine and endothelial biomarker profiles may tell them apart in the future; they are not validated and are not used here.",
            "Los perfiles de citoquinas y biomarcadores endoteliales podrían distinguirlos en el futuro; no están validados y no se usan aquí.",
        )
        .into(),
        Statement::EpidemiologicalContext => tr(
            lang,
            "Consider the epidemiological context: active haematological neoplasm, neutropenia, colonisation by multidrug-resistant organisms.",
            "Considere el contexto epidemiológico: neoplasia hematológica activa, neutropenia, colonización por microorganismos multirresistentes.",
        )
        .into(),
    }
}

pub fn workup_label(lang: Lang, i: WorkupItem) -> &'static str {
    match i {
        WorkupItem::CulturesTaken => tr(
            lang,
            "Microbiological samples (cultures) taken",
            "Muestras microbiológicas (cultivos) tomadas",
        ),
        WorkupItem::ImagingDone => tr(
            lang,
            "Imaging adjusted to the clinical picture done",
            "Imagen adecuada al cuadro clínico realizada",
        ),
        WorkupItem::EmpiricalAntibioticsStarted => tr(
            lang,
            "Empirical antipseudomonal antibiotics started",
            "Antibióticos empíricos antipseudomónicos iniciados",
        ),
        WorkupItem::Neutropenia => tr(lang, "Neutropenia", "Neutropenia"),
        WorkupItem::MdrColonisation => tr(
            lang,
            "Colonisation by multidrug-resistant organisms",
            "Colonización por microorganismos multirresistentes",
        ),
    }
}

/// A `datetime-local` value ("2026-12-01T10:00") for an instant, in the browser's time zone.
fn local_input_value(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

#[component(SepsisPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let s = lang.strings();
    let item = |i: WorkupItem| {
        let value = app.form.sepsis_workup.get(&i).cloned().unwrap_or_default();
        let onchange = {
            let app = app.clone();
            Callback::from(move |e: Event| {
                let v = e
                    .target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value();
                app.dispatch(Action::SetWorkup(i, v));
            })
        };
        let id = format!("workup-{}", i.key());
        html! {
            <div class="field">
                <label for={id.clone()}>{ workup_label(lang, i) }</label>
                <select id={id} {onchange}>
                    <option value="" selected={value.is_empty()}>{ format!("— {} —", s.not_known) }</option>
                    <option value="yes" selected={value == "yes"}>{ s.yes }</option>
                    <option value="no" selected={value == "no"}>{ s.no }</option>
                </select>
                if i.has_time() && value == "yes" { { antibiotics_time(&app) } }
            </div>
        }
    };
    html! {
        <Page route={Route::Sepsis}>
            <p class="note provisional" id="sepsis-statement">
                <strong>{ statement_text(lang, Statement::ClinicallyIndistinguishable) }</strong>
                { " " }{ tr(lang, "This page computes no probability of sepsis: it is a work-up checklist beside the review's table.", "Esta página no calcula ninguna probabilidad de sepsis: es una lista de comprobación junto a la tabla de la revisión.") }
            </p>
            <div class="two-col">
                <div>
                    <fieldset class="inputs" id="sepsis-workup">
                        <legend>{ tr(lang, "Work-up the review asks for", "Estudio que pide la revisión") }</legend>
                        { for WorkupItem::ALL.iter().filter(|i| i.kind() == WorkupKind::Action).map(|&i| item(i)) }
                    </fieldset>
                    <fieldset class="inputs" id="sepsis-context">
                        <legend>{ tr(lang, "Epidemiological context", "Contexto epidemiológico") }</legend>
                        { for WorkupItem::ALL.iter().filter(|i| i.kind() == WorkupKind::Context).map(|&i| item(i)) }
                    </fieldset>
                </div>
                <div class="results">
                    <h2>{ tr(lang, "What the review says", "Qué dice la revisión") }</h2>
                    <ul class="plain" id="sepsis-statements">
                        { for checklist::STATEMENTS.iter().filter(|s| **s != Statement::ClinicallyIndistinguishable).map(|st| html! { <li>{ statement_text(lang, *st) }</li> }) }
                    </ul>
                    <table id="sepsis-table" class="stack-table">
                        <caption>{ tr(lang, "Table 3 of the review: main infectious aetiologies in the onco-haematological population", "Tabla 3 de la revisión: principales etiologías infecciosas en la población oncohematológica") }</caption>
                        <thead><tr>
                            <th scope="col">{ tr(lang, "Group", "Grupo") }</th>
                            <th scope="col">{ tr(lang, "Organisms", "Microorganismos") }</th>
                        </tr></thead>
                        <tbody>
                        { for checklist::TABLE_3.iter().map(|row| html! {
                            <tr data-group={format!("{:?}", row.group)}>
                                <th scope="row">{ group_label(lang, row.group) }</th>
                                <td>{ for row.organisms.iter().enumerate().map(|(n, o)| html! {
                                    <>
                                        if n > 0 { { ", " } }
                                        if matches!(o, Organism::Scientific(_)) { <i>{ organism_text(lang, *o) }</i> } else { { organism_text(lang, *o) } }
                                    </>
                                }) }</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                    <h3>{ tr(lang, "Differential elements versus CRS (the table's second column, for every group)", "Elementos diferenciales frente al SLC (segunda columna de la tabla, para todos los grupos)") }</h3>
                    <ul class="plain" id="sepsis-elements">
                        { for checklist::DIFFERENTIAL_ELEMENTS.iter().map(|e| html! { <li>{ element_text(lang, *e) }</li> }) }
                    </ul>
                    <p class="note">{ tr(lang, "The list mixes organisms that trigger secondary HLH (EBV, Leishmania, Histoplasma …) with common causes of bacteraemia; it is shown as the review gives it.", "La lista mezcla microorganismos que desencadenan HLH secundaria (VEB, Leishmania, Histoplasma…) con causas habituales de bacteriemia; se muestra tal como la da la revisión.") }</p>
                    <p class="note">{ tr(lang, "Source: ", "Fuente: ") }<span class="citation" lang="en">{ iectox::sources::Source::MayorVazquez2025.citation() }</span></p>
                </div>
            </div>
        </Page>
    }
}

fn antibiotics_time(app: &crate::state::AppContext) -> Html {
    let lang = app.lang;
    let value = app
        .form
        .antibiotics_started_at
        .map(local_input_value)
        .unwrap_or_default();
    let oninput = {
        let app = app.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            let at = if v.is_empty() {
                None
            } else {
                let t = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&v)).get_time();
                t.is_finite().then_some(t)
            };
            app.dispatch(Action::SetAntibioticsStart(at));
        })
    };
    let now = {
        let app = app.clone();
        Callback::from(move |_| {
            // To the minute, as the input shows it.
            let t = (js_sys::Date::now() / 60_000.0).floor() * 60_000.0;
            app.dispatch(Action::SetAntibioticsStart(Some(t)));
        })
    };
    html! {
        <div class="field time-started">
            <label for="workup-antibiotics-time">{ tr(lang, "Time started", "Hora de inicio") }</label>
            <span class="quantity">
                <input id="workup-antibiotics-time" type="datetime-local" {value} {oninput} />
                <button type="button" class="secondary" id="workup-antibiotics-now" onclick={now}>{ tr(lang, "Now", "Ahora") }</button>
            </span>
        </div>
    }
}
