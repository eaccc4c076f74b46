use iectox::scores::hlh2004::{self, Criterion, HaemoglobinRule, TriglycerideSample};
use iectox::{Field, Status};
use yew::prelude::*;

use crate::components::conclusion_badge::ConclusionBadge;
use crate::components::field_input::Fieldset;
use crate::components::missing_list::MissingList;
use crate::components::page::Page;
use crate::components::status_mark::StatusMark;
use crate::hooks::{use_app, use_strings};
use crate::i18n::{tr, Lang};
use crate::route::Route;
use crate::state::Action;

pub const INPUTS: &[Field] = &[
    Field::MolecularDiagnosis,
    Field::FeverConfirmed,
    Field::Temperature,
    Field::Splenomegaly,
    Field::Age,
    Field::Haemoglobin,
    Field::Platelets,
    Field::Neutrophils,
    Field::Triglycerides,
    Field::TriglyceridesFasting,
    Field::Fibrinogen,
    Field::TissueHemophagocytosis,
    Field::NkActivityLow,
    Field::Ferritin,
    Field::Scd25,
];

pub fn criterion_label(lang: Lang, c: Criterion) -> &'static str {
    match c {
        Criterion::Fever => tr(lang, "1. Fever", "1. Fiebre"),
        Criterion::Splenomegaly => tr(lang, "2. Splenomegaly", "2. Esplenomegalia"),
        Criterion::Cytopenias => tr(lang, "3. Cytopenias ≥ 2 of 3 lineages (Hb < 90 g/L [< 100 g/L under 4 weeks], platelets < 100 ×10⁹/L, neutrophils < 1.0 ×10⁹/L)", "3. Citopenias ≥ 2 de 3 líneas (Hb < 90 g/L [< 100 g/L si < 4 semanas], plaquetas < 100 ×10⁹/L, neutrófilos < 1,0 ×10⁹/L)"),
        Criterion::TriglyceridesOrFibrinogen => tr(lang, "4. Fasting triglycerides ≥ 3.0 mmol/L (≥ 265 mg/dL) and/or fibrinogen ≤ 1.5 g/L (≤ 150 mg/dL)", "4. Triglicéridos en ayunas ≥ 3,0 mmol/L (≥ 265 mg/dL) y/o fibrinógeno ≤ 1,5 g/L (≤ 150 mg/dL)"),
        Criterion::Hemophagocytosis => tr(lang, "5. Hemophagocytosis in bone marrow, spleen or lymph nodes (no evidence of malignancy)", "5. Hemofagocitosis en médula ósea, bazo o ganglios (sin evidencia de malignidad)"),
        Criterion::NkActivity => tr(lang, "6. Low or absent NK-cell activity", "6. Actividad NK baja o ausente"),
        Criterion::Ferritin => tr(lang, "7. Ferritin ≥ 500 µg/L", "7. Ferritina ≥ 500 µg/L"),
        Criterion::Scd25 => tr(lang, "8. Soluble CD25 (sIL-2R) ≥ 2400 U/mL", "8. CD25 soluble (sIL-2R) ≥ 2400 U/mL"),
    }
}

#[component(Hlh2004Page)]
pub fn page() -> Html {
    let app = use_app();
    let s = use_strings();
    let lang = app.lang;
    let r = hlh2004::assess(&app.parsed.patient);
    let a = &r.assessment;
    let met = a.range.min;
    let unknown = a.range.max - a.range.min;
    let on_rule = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            app.dispatch(Action::SetHlhFeverNumeric(on));
        })
    };
    let sub = |st: Status| html! { <StatusMark status={st} /> };
    html! {
        <Page route={Route::Hlh2004}>
            <div class="two-col">
                <div>
                    <label class="setting">
                        <input type="checkbox" id="hlh-fever-numeric" checked={app.form.hlh_fever_numeric} onchange={on_rule} />
                        { tr(lang, " Fever by temperature ≥ 38.5 °C (Jordan 2011) instead of clinician-confirmed fever (HLH-2004 gives no number)", " Fiebre por temperatura ≥ 38,5 °C (Jordan 2011) en lugar de fiebre confirmada por el clínico (HLH-2004 no da cifra)") }
                    </label>
                    <Fieldset legend={s.inputs} fields={INPUTS.to_vec()} />
                </div>
                <div class="results" aria-live="polite">
                    <p class="big">
                        <strong id="hlh-count">{ format!("{met}/8") }</strong>
                        { tr(lang, " criteria met", " criterios cumplidos") }
                        if unknown > 0 { { format!(" ({unknown} {})", tr(lang, "unknown", "desconocidos")) } }
                    </p>
                    <p>{ tr(lang, "HLH-2004 diagnosis (molecular diagnosis, or ≥ 5 of 8): ", "Diagnóstico HLH-2004 (diagnóstico molecular, o ≥ 5 de 8): ") }
                        <ConclusionBadge id="hlh-conclusion" conclusion={a.conclusion} /></p>
                    <p>{ tr(lang, "5-of-8 clinical path: ", "Vía clínica 5 de 8: ") }
                        <ConclusionBadge id="hlh-clinical" conclusion={r.clinical_criteria} />
                        if r.clinical_criteria == iectox::Conclusion::Undetermined { { tr(lang, " — cannot exclude", " — no se puede descartar") } }
                    </p>
                    <p>{ tr(lang, "Molecular path: ", "Vía molecular: ") }{ sub(r.molecular) }</p>
                    if r.still_needed > 0 {
                        <p id="hlh-needed">{ format!("{} {}", tr(lang, "Criteria still needed for the clinical path:", "Criterios que aún faltan para la vía clínica:"), r.still_needed) }</p>
                    }
                    <MissingList missing={a.missing.clone()} />
                    <table class="checklist" id="hlh-checklist">
                        <caption>{ tr(lang, "The 8 criteria", "Los 8 criterios") }</caption>
                        <thead><tr><th scope="col">{ s.item }</th><th scope="col">{ s.result }</th></tr></thead>
                        <tbody>
                        { for a.items.iter().map(|i| html! {
                            <tr data-criterion={format!("{:?}", i.key)}>
                                <th scope="row">{ criterion_label(lang, i.key) }
                                    { detail(lang, &r, i.key) }
                                </th>
                                <td>{ sub(i.status) }</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                    <p class="note">{ tr(lang, "Designed for (mainly paediatric) familial HLH; not validated in adult ICU or IEC patients.", "Diseñados para HLH familiar (sobre todo pediátrica); no validados en UCI de adultos ni tras células efectoras inmunes.") }</p>
                </div>
            </div>
        </Page>
    }
}

fn detail(lang: Lang, r: &hlh2004::Hlh2004, c: Criterion) -> Html {
    match c {
        Criterion::Cytopenias => {
            let cy = &r.cytopenias;
            let hb_rule = match cy.haemoglobin_rule {
                HaemoglobinRule::Infant => tr(
                    lang,
                    " (infant < 4 weeks: < 100 g/L)",
                    " (lactante < 4 semanas: < 100 g/L)",
                ),
                HaemoglobinRule::AgeNeeded => tr(
                    lang,
                    " (age needed: Hb 90–99 g/L)",
                    " (se necesita la edad: Hb 90–99 g/L)",
                ),
                _ => "",
            };
            html! {
                <ul class="sub">
                    <li>{ tr(lang, "Haemoglobin", "Hemoglobina") }{ hb_rule }{ ": " }<StatusMark status={cy.haemoglobin.status} /></li>
                    <li>{ tr(lang, "Platelets", "Plaquetas") }{ ": " }<StatusMark status={cy.platelets.status} /></li>
                    <li>{ tr(lang, "Neutrophils", "Neutrófilos") }{ ": " }<StatusMark status={cy.neutrophils.status} /></li>
                </ul>
            }
        }
        Criterion::TriglyceridesOrFibrinogen => {
            let t = &r.triglycerides_or_fibrinogen;
            let sample = match t.sample {
                TriglycerideSample::Fasting => "",
                TriglycerideSample::NotFasting => tr(
                    lang,
                    " (not fasting: not usable)",
                    " (no en ayunas: no utilizable)",
                ),
                TriglycerideSample::NotRecorded => {
                    tr(lang, " (fasting not recorded)", " (ayuno no registrado)")
                }
            };
            html! {
                <ul class="sub">
                    <li>{ tr(lang, "Triglycerides", "Triglicéridos") }{ sample }{ ": " }<StatusMark status={t.triglycerides.status} /></li>
                    <li>{ tr(lang, "Fibrinogen", "Fibrinógeno") }{ ": " }<StatusMark status={t.fibrinogen.status} /></li>
                </ul>
            }
        }
        _ => html! {},
    }
}
