use iectox::scores::hscore::{self, HScoreItem, Probability};
use iectox::Field;
use yew::prelude::*;

use crate::components::conclusion_badge::ConclusionBadge;
use crate::components::field_input::Fieldset;
use crate::components::missing_list::MissingList;
use crate::components::page::Page;
use crate::hooks::{use_app, use_strings};
use crate::i18n::labels::field_label;
use crate::i18n::Lang;
use crate::route::Route;
use crate::state::AppState;

pub const INPUTS: &[Field] = &[
    Field::Immunosuppression,
    Field::Temperature,
    Field::Hepatomegaly,
    Field::Splenomegaly,
    Field::Haemoglobin,
    Field::Leukocytes,
    Field::Platelets,
    Field::Ferritin,
    Field::Triglycerides,
    Field::Fibrinogen,
    Field::Ast,
    Field::MarrowHemophagocytosis,
];

#[component(HScorePage)]
pub fn page() -> Html {
    let app = use_app();
    let s = use_strings();
    let result = hscore::assess(&app.parsed.patient);
    let a = &result.assessment;
    let lang = app.lang;
    let total = match a.value {
        Some(v) => v.to_string(),
        None => format!("{}–{}", a.range.min, a.range.max),
    };
    html! {
        <Page route={Route::HScore}>
            <div class="two-col">
                <Fieldset legend={s.inputs} fields={INPUTS.to_vec()} />
                <div class="results" aria-live="polite">
                    <div class="result-head">
                        <p class="big">
                            { s.total }{ ": " }<strong id="hscore-total">{ total }</strong>{ " / 337" }
                        </p>
                        <p>
                            { if lang == Lang::Es { "Punto de corte ≥ 169 (sensibilidad 93 %, especificidad 86 %): " } else { "Cut-off ≥ 169 (sensitivity 93 %, specificity 86 %): " } }
                            <ConclusionBadge id="hscore-conclusion" conclusion={a.conclusion} />
                        </p>
                        <p id="hscore-probability">
                            { if lang == Lang::Es { "Probabilidad aproximada (tabla publicada): " } else { "Approximate probability (published table): " } }
                            <strong>{ result.probability.map_or_else(|| "—".to_string(), probability_text) }</strong>
                        </p>
                        <MissingList missing={a.missing.clone()} />
                    </div>
                    <table class="breakdown" id="hscore-breakdown">
                        <caption>{ if lang == Lang::Es { "Desglose" } else { "Breakdown" } }</caption>
                        <thead><tr>
                            <th scope="col">{ s.item }</th>
                            <th scope="col">{ s.value }</th>
                            <th scope="col">{ s.category }</th>
                            <th scope="col">{ s.points }</th>
                        </tr></thead>
                        <tbody>
                            { for a.items.iter().map(|item| {
                                let points = match item.points {
                                    Some(p) => p.to_string(),
                                    None => format!("{}–{}", item.range.min, item.range.max),
                                };
                                html! {
                                    <tr data-item={format!("{:?}", item.key)}>
                                        <th scope="row">{ item_label(lang, item.key) }</th>
                                        <td>{ item_inputs(&app, item.key) }</td>
                                        <td>{ item.category.map_or_else(|| s.unknown.to_string(), |c| category_label(lang, item.key, c).to_string()) }</td>
                                        <td class="num">{ points }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            </div>
        </Page>
    }
}

pub fn probability_text(p: Probability) -> String {
    match p {
        Probability::BelowOnePercent => "< 1 %".into(),
        Probability::Tabulated { percent } => format!("{percent} %"),
        Probability::Between { low, high } => {
            let low = if low == 0 {
                "< 1".to_string()
            } else {
                low.to_string()
            };
            let high = if high == 100 {
                "> 99".to_string()
            } else {
                high.to_string()
            };
            format!("{low}–{high} %")
        }
        Probability::AboveNinetyNinePercent => "> 99 %".into(),
    }
}

fn fields_of(item: HScoreItem) -> &'static [Field] {
    match item {
        HScoreItem::Immunosuppression => &[Field::Immunosuppression],
        HScoreItem::Temperature => &[Field::Temperature],
        HScoreItem::Organomegaly => &[Field::Hepatomegaly, Field::Splenomegaly],
        HScoreItem::Cytopenias => &[Field::Haemoglobin, Field::Leukocytes, Field::Platelets],
        HScoreItem::Ferritin => &[Field::Ferritin],
        HScoreItem::Triglycerides => &[Field::Triglycerides],
        HScoreItem::Fibrinogen => &[Field::Fibrinogen],
        HScoreItem::Ast => &[Field::Ast],
        HScoreItem::MarrowHemophagocytosis => &[Field::MarrowHemophagocytosis],
    }
}

/// The inputs behind an item, as entered, with units.
fn item_inputs(app: &AppState, item: HScoreItem) -> String {
    let s = app.lang.strings();
    fields_of(item)
        .iter()
        .map(|&f| {
            let shown = crate::components::field_input::shown_value(app, f);
            let shown = if shown.is_empty() {
                "—".to_string()
            } else {
                shown
            };
            if fields_of(item).len() > 1 {
                format!("{}: {}", field_label(app.lang, f), shown)
            } else {
                shown
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
        .replace("—", s.not_known)
}

pub fn item_label(lang: Lang, item: HScoreItem) -> &'static str {
    let es = lang == Lang::Es;
    match item {
        HScoreItem::Immunosuppression => {
            if es {
                "Inmunosupresión conocida"
            } else {
                "Known immunosuppression"
            }
        }
        HScoreItem::Temperature => {
            if es {
                "Temperatura"
            } else {
                "Temperature"
            }
        }
        HScoreItem::Organomegaly => {
            if es {
                "Organomegalia"
            } else {
                "Organomegaly"
            }
        }
        HScoreItem::Cytopenias => {
            if es {
                "Citopenias (Hb ≤ 9,2 g/dL, leucocitos ≤ 5 ×10⁹/L, plaquetas ≤ 110 ×10⁹/L)"
            } else {
                "Cytopenias (Hb ≤ 9.2 g/dL, leukocytes ≤ 5 ×10⁹/L, platelets ≤ 110 ×10⁹/L)"
            }
        }
        HScoreItem::Ferritin => {
            if es {
                "Ferritina"
            } else {
                "Ferritin"
            }
        }
        HScoreItem::Triglycerides => {
            if es {
                "Triglicéridos"
            } else {
                "Triglycerides"
            }
        }
        HScoreItem::Fibrinogen => {
            if es {
                "Fibrinógeno"
            } else {
                "Fibrinogen"
            }
        }
        HScoreItem::Ast => "AST",
        HScoreItem::MarrowHemophagocytosis => {
            if es {
                "Hemofagocitosis en aspirado medular"
            } else {
                "Hemophagocytosis on marrow aspirate"
            }
        }
    }
}

pub fn category_label(lang: Lang, item: HScoreItem, category: u8) -> &'static str {
    let es = lang == Lang::Es;
    match (item, category) {
        (HScoreItem::Immunosuppression | HScoreItem::MarrowHemophagocytosis, 0) => "No",
        (HScoreItem::Immunosuppression | HScoreItem::MarrowHemophagocytosis, _) => {
            if es {
                "Sí"
            } else {
                "Yes"
            }
        }
        (HScoreItem::Temperature, 0) => "< 38.4 °C (< 101.1 °F)",
        (HScoreItem::Temperature, 1) => "38.4–39.4 °C (101.1–102.9 °F)",
        (HScoreItem::Temperature, _) => "> 39.4 °C (> 102.9 °F)",
        (HScoreItem::Organomegaly, 0) => {
            if es {
                "Ninguna"
            } else {
                "None"
            }
        }
        (HScoreItem::Organomegaly, 1) => {
            if es {
                "Hepatomegalia o esplenomegalia"
            } else {
                "Hepatomegaly or splenomegaly"
            }
        }
        (HScoreItem::Organomegaly, _) => {
            if es {
                "Hepatomegalia y esplenomegalia"
            } else {
                "Hepatomegaly and splenomegaly"
            }
        }
        (HScoreItem::Cytopenias, 0) => {
            if es {
                "0 o 1 línea"
            } else {
                "0 or 1 lineage"
            }
        }
        (HScoreItem::Cytopenias, 1) => {
            if es {
                "2 líneas"
            } else {
                "2 lineages"
            }
        }
        (HScoreItem::Cytopenias, _) => {
            if es {
                "3 líneas"
            } else {
                "3 lineages"
            }
        }
        (HScoreItem::Ferritin, 0) => "< 2000 ng/mL",
        (HScoreItem::Ferritin, 1) => "2000–6000 ng/mL",
        (HScoreItem::Ferritin, _) => "> 6000 ng/mL",
        (HScoreItem::Triglycerides, 0) => "< 1.5 mmol/L (< 132.7 mg/dL)",
        (HScoreItem::Triglycerides, 1) => "1.5–4 mmol/L (132.7–354 mg/dL)",
        (HScoreItem::Triglycerides, _) => "> 4 mmol/L (> 354 mg/dL)",
        (HScoreItem::Fibrinogen, 0) => "> 2.5 g/L (> 250 mg/dL)",
        (HScoreItem::Fibrinogen, _) => "≤ 2.5 g/L (≤ 250 mg/dL)",
        (HScoreItem::Ast, 0) => "< 30 U/L",
        (HScoreItem::Ast, _) => "≥ 30 U/L",
    }
}
