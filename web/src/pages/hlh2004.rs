use iectox::scores::hlh2004::{self, Criterion, HaemoglobinRule, TriglycerideSample};
use iectox::{Field, Status};
use yew::prelude::*;

use crate::components::conclusion_badge::ConclusionBadge;
use crate::components::field_input::Fieldset;
use crate::components::missing_list::MissingList;
use crate::components::page::Page;
use crate::components::status_mark::StatusMark;
use crate::hooks::{use_app, use_strings};
use crate::i18n::numbers::{band, band_all};
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

pub fn criterion_label(lang: Lang, c: Criterion) -> String {
    use hlh2004 as h;
    let n = Criterion::ALL
        .iter()
        .position(|x| *x == c)
        .map_or(0, |i| i + 1);
    let b = |band: &iectox::Band| band_all(lang, band);
    let text = match c {
        Criterion::Fever => tr(lang, "Fever", "Fiebre").to_string(),
        Criterion::Splenomegaly => tr(lang, "Splenomegaly", "Esplenomegalia").to_string(),
        Criterion::Cytopenias => format!(
            "{} ≥ {} {} (Hb {} [{} {} {}], {} {}, {} {})",
            tr(lang, "Cytopenias", "Citopenias"),
            h::CYTOPENIC_LINEAGES_NEEDED,
            tr(lang, "of 3 lineages", "de 3 líneas"),
            band(lang, &h::HAEMOGLOBIN_BAND, None),
            band(lang, &h::HAEMOGLOBIN_INFANT_BAND, None),
            tr(lang, "if age", "si edad"),
            band(lang, &h::INFANT_AGE_BAND, None),
            tr(lang, "platelets", "plaquetas"),
            band(lang, &h::PLATELETS_BAND, None),
            tr(lang, "neutrophils", "neutrófilos"),
            band(lang, &h::NEUTROPHILS_BAND, None),
        ),
        Criterion::TriglyceridesOrFibrinogen => format!(
            "{} {} {} {}",
            tr(lang, "Fasting triglycerides", "Triglicéridos en ayunas"),
            b(&h::TRIGLYCERIDES_BAND),
            tr(lang, "and/or fibrinogen", "y/o fibrinógeno"),
            b(&h::FIBRINOGEN_BAND)
        ),
        Criterion::Hemophagocytosis => tr(
            lang,
            "Hemophagocytosis in bone marrow, spleen or lymph nodes (no evidence of malignancy)",
            "Hemofagocitosis en médula ósea, bazo o ganglios (sin evidencia de malignidad)",
        )
        .to_string(),
        Criterion::NkActivity => tr(
            lang,
            "Low or absent NK-cell activity",
            "Actividad NK baja o ausente",
        )
        .to_string(),
        Criterion::Ferritin => format!(
            "{} {}",
            tr(lang, "Ferritin", "Ferritina"),
            band(lang, &h::FERRITIN_BAND, None)
        ),
        Criterion::Scd25 => format!(
            "{} {}",
            tr(lang, "Soluble CD25 (sIL-2R)", "CD25 soluble (sIL-2R)"),
            band(lang, &h::SCD25_BAND, None)
        ),
    };
    format!("{n}. {text}")
}

#[component(Hlh2004Page)]
pub fn page() -> Html {
    let app = use_app();
    let s = use_strings();
    let lang = app.lang;
    let r = &app.report.hlh2004;
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
                        { format!(" {} {} {}", tr(lang, "Fever by temperature", "Fiebre por temperatura"), band(lang, &hlh2004::FEVER_BAND, Some(app.form.display_unit(Field::Temperature))), tr(lang, "(Jordan 2011) instead of clinician-confirmed fever (HLH-2004 gives no number)", "(Jordan 2011) en lugar de fiebre confirmada por el clínico (HLH-2004 no da cifra)")) }
                    </label>
                    <Fieldset legend={s.inputs} fields={INPUTS.to_vec()} />
                </div>
                <div class="results" aria-live="polite">
                    <p class="big">
                        <strong id="hlh-count">{ format!("{met}/{}", hlh2004::CRITERIA) }</strong>
                        { tr(lang, " criteria met", " criterios cumplidos") }
                        if unknown > 0 { { format!(" ({unknown} {})", tr(lang, "unknown", "desconocidos")) } }
                    </p>
                    <p>{ format!("{} ≥ {} {} {}): ", tr(lang, "HLH-2004 diagnosis (molecular diagnosis, or", "Diagnóstico HLH-2004 (diagnóstico molecular, o"), hlh2004::CUTOFF, tr(lang, "of", "de"), hlh2004::CRITERIA) }
                        <ConclusionBadge id="hlh-conclusion" conclusion={a.conclusion} /></p>
                    <p>{ format!("{} ({} {} {}): ", tr(lang, "Clinical path", "Vía clínica"), hlh2004::CUTOFF, tr(lang, "of", "de"), hlh2004::CRITERIA) }
                        <ConclusionBadge id="hlh-clinical" conclusion={r.clinical_criteria} />
                        if r.clinical_criteria == iectox::Conclusion::Undetermined { { tr(lang, " — cannot exclude", " — no se puede descartar") } }
                    </p>
                    <p>{ tr(lang, "Molecular path: ", "Vía molecular: ") }{ sub(r.molecular) }</p>
                    if r.still_needed > 0 {
                        <p id="hlh-needed">{ format!("{} {}", tr(lang, "Criteria still needed for the clinical path:", "Criterios que aún faltan para la vía clínica:"), r.still_needed) }</p>
                    }
                    <MissingList missing={a.missing.clone()} />
                    <table class="checklist" id="hlh-checklist">
                        <caption>{ format!("{} {} {}", tr(lang, "The", "Los"), hlh2004::CRITERIA, tr(lang, "criteria", "criterios")) }</caption>
                        <thead><tr><th scope="col">{ s.item }</th><th scope="col">{ s.result }</th></tr></thead>
                        <tbody>
                        { for a.items.iter().map(|i| html! {
                            <tr data-criterion={format!("{:?}", i.key)}>
                                <th scope="row">{ criterion_label(lang, i.key) }
                                    { detail(lang, r, i.key) }
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
                HaemoglobinRule::Infant => format!(
                    " ({} {}: {})",
                    tr(lang, "infant", "lactante"),
                    band(lang, &hlh2004::INFANT_AGE_BAND, None),
                    band(lang, &hlh2004::HAEMOGLOBIN_INFANT_BAND, None)
                ),
                HaemoglobinRule::AgeNeeded => format!(
                    " ({}: Hb {} {} {})",
                    tr(lang, "age needed", "se necesita la edad"),
                    band(lang, &iectox::Band::AtLeast(hlh2004::HAEMOGLOBIN), None),
                    tr(lang, "and", "y"),
                    band(lang, &hlh2004::HAEMOGLOBIN_INFANT_BAND, None)
                ),
                _ => String::new(),
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
            let if_fasting = t.if_fasting.map(|met| {
                if met {
                    tr(
                        lang,
                        "if the sample was fasting, the value meets the threshold and criterion 4 is met",
                        "si la muestra era en ayunas, el valor cumple el umbral y el criterio 4 se cumple",
                    )
                } else {
                    tr(
                        lang,
                        "if the sample was fasting, the value is below the threshold: criterion 4 then depends on fibrinogen",
                        "si la muestra era en ayunas, el valor no llega al umbral: el criterio 4 depende entonces del fibrinógeno",
                    )
                }
            });
            html! {
                <ul class="sub">
                    <li>{ tr(lang, "Triglycerides", "Triglicéridos") }{ sample }{ ": " }<StatusMark status={t.triglycerides.status} />
                        if let Some(text) = if_fasting { <span class="entered" id="hlh-tg-if-fasting">{ format!("{}: {text}", tr(lang, "Fasting status not recorded", "Ayuno no registrado")) }</span> }
                    </li>
                    <li>{ tr(lang, "Fibrinogen", "Fibrinógeno") }{ ": " }<StatusMark status={t.fibrinogen.status} /></li>
                </ul>
            }
        }
        _ => html! {},
    }
}
