use iectox::scores::hscore::{self, HScoreItem, Probability};
use iectox::Field;
use yew::prelude::*;

use crate::components::conclusion_badge::ConclusionBadge;
use crate::components::field_input::Fieldset;
use crate::components::missing_list::MissingList;
use crate::components::page::Page;
use crate::hooks::{use_app, use_strings};
use crate::i18n::labels::field_label;
use crate::i18n::numbers::{band, band_all};
use crate::i18n::{tr, Lang};
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
    let result = &app.report.hscore;
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
                            { s.total }{ ": " }<strong id="hscore-total">{ total }</strong>{ format!(" / {}", hscore::MAX) }
                        </p>
                        <p>
                            { cutoff_text(lang) }{ ": " }
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
                            <th scope="col">{ format!("{} ({})", s.item, s.value.to_ascii_lowercase()) }</th>
                            <th scope="col">{ s.category }</th>
                            <th scope="col" class="num">{ s.points }</th>
                        </tr></thead>
                        <tbody>
                            { for a.items.iter().map(|item| {
                                let points = match item.points {
                                    Some(p) => p.to_string(),
                                    None => format!("{}–{}", item.range.min, item.range.max),
                                };
                                html! {
                                    <tr data-item={format!("{:?}", item.key)}>
                                        <th scope="row">{ item_label(lang, item.key) }
                                            <span class="entered">{ item_inputs(&app, item.key) }</span>
                                        </th>
                                        <td class="category">{ item.category.map_or_else(|| s.unknown.to_string(), |c| category_label(lang, item.key, c).to_string()) }</td>
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

pub fn item_label(lang: Lang, item: HScoreItem) -> String {
    let es = lang == Lang::Es;
    let label = match item {
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
            return format!(
                "{} ({})",
                if es { "Citopenias" } else { "Cytopenias" },
                hscore::CYTOPENIA_BANDS
                    .iter()
                    .zip([Field::Haemoglobin, Field::Leukocytes, Field::Platelets])
                    .map(|(b, f)| format!("{} {}", short_name(lang, f), band(lang, b, None)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
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
    };
    label.to_string()
}

/// "Cut-off ≥ 169 (sensitivity 93 %, specificity 86 %)", from the core.
pub fn cutoff_text(lang: Lang) -> String {
    format!(
        "{} ≥ {} ({} {} %, {} {} %)",
        tr(lang, "Cut-off", "Punto de corte"),
        hscore::CUTOFF,
        tr(lang, "sensitivity", "sensibilidad"),
        hscore::SENSITIVITY_PERCENT,
        tr(lang, "specificity", "especificidad"),
        hscore::SPECIFICITY_PERCENT
    )
}

fn short_name(lang: Lang, f: Field) -> &'static str {
    match f {
        Field::Haemoglobin => "Hb",
        Field::Leukocytes => tr(lang, "leukocytes", "leucocitos"),
        _ => tr(lang, "platelets", "plaquetas"),
    }
}

/// The text of an item's category: its band from the core in every published unit, or the
/// words of a yes/no, organomegaly or cytopenia category.
pub fn category_label(lang: Lang, item: HScoreItem, category: u8) -> String {
    if let Some(b) = hscore::category_band(item, category) {
        return band_all(lang, &b);
    }
    let es = lang == Lang::Es;
    match (item, category) {
        (HScoreItem::Immunosuppression | HScoreItem::MarrowHemophagocytosis, 0) => "No".into(),
        (HScoreItem::Immunosuppression | HScoreItem::MarrowHemophagocytosis, _) => {
            tr(lang, "Yes", "Sí").into()
        }
        (HScoreItem::Organomegaly, 0) => tr(lang, "None", "Ninguna").into(),
        (HScoreItem::Organomegaly, 1) => tr(
            lang,
            "Hepatomegaly or splenomegaly",
            "Hepatomegalia o esplenomegalia",
        )
        .into(),
        (HScoreItem::Organomegaly, _) => tr(
            lang,
            "Hepatomegaly and splenomegaly",
            "Hepatomegalia y esplenomegalia",
        )
        .into(),
        (HScoreItem::Cytopenias, c) => {
            let (from, to) = hscore::cytopenia_lineages(c);
            let n = if from == to {
                from.to_string()
            } else {
                format!("{from} {} {to}", if es { "o" } else { "or" })
            };
            let word = match (to, es) {
                (1, false) => "lineage",
                (_, false) => "lineages",
                (1, true) => "línea",
                (_, true) => "líneas",
            };
            format!("{n} {word}")
        }
        _ => String::new(),
    }
}
