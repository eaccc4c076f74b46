use iectox::{Conclusion, Report};
use yew::prelude::*;
use yew_router::prelude::Link;

use crate::components::conclusion_badge::ConclusionBadge;
use crate::components::grade_result::grade_text;
use crate::components::page::Page;
use crate::hooks::use_app;
use crate::i18n::labels::field_label;
use crate::i18n::{tr, Lang};
use crate::route::Route;

/// One score's headline: the overview's cards and the phone's sticky result bar.
pub struct Card {
    pub route: Route,
    pub id: &'static str,
    pub title: String,
    pub value: String,
    pub conclusion: Option<(String, Conclusion)>,
    pub missing: Vec<iectox::Field>,
}

fn range_text(value: Option<u16>, min: u16, max: u16) -> String {
    value.map_or_else(|| format!("{min}–{max}"), |v| v.to_string())
}

pub fn cards(lang: Lang, r: &Report) -> Vec<Card> {
    let h = &r.hscore.assessment;
    let hlh = &r.hlh2004.assessment;
    let crs = &r.crs.assessment;
    let icans = &r.icans.assessment;
    let iec = &r.iec_hs;
    let m = &r.measix;
    vec![
        Card {
            route: Route::Crs,
            id: "card-crs",
            title: tr(lang, "CRS (ASTCT)", "SLC (ASTCT)").into(),
            value: grade_text(lang, crs.value, (crs.range.min, crs.range.max)),
            conclusion: Some((
                tr(lang, "CRS present", "SLC presente").into(),
                crs.conclusion,
            )),
            missing: crs.missing.clone(),
        },
        Card {
            route: Route::Icans,
            id: "card-icans",
            title: "ICANS (ASTCT)".into(),
            value: grade_text(lang, icans.value, (icans.range.min, icans.range.max)),
            conclusion: Some((
                tr(lang, "ICANS present", "ICANS presente").into(),
                icans.conclusion,
            )),
            missing: icans.missing.clone(),
        },
        Card {
            route: Route::HScore,
            id: "card-hscore",
            title: "HScore".into(),
            value: format!(
                "{} / {}",
                range_text(h.value, h.range.min, h.range.max),
                iectox::scores::hscore::MAX
            ),
            conclusion: Some((
                format!("≥ {}", iectox::scores::hscore::CUTOFF),
                h.conclusion,
            )),
            missing: h.missing.clone(),
        },
        Card {
            route: Route::Hlh2004,
            id: "card-hlh2004",
            title: "HLH-2004".into(),
            value: format!(
                "{} / {}",
                range_text(hlh.value, hlh.range.min, hlh.range.max),
                iectox::scores::hlh2004::CRITERIA
            ),
            conclusion: Some((tr(lang, "diagnostic", "diagnóstico").into(), hlh.conclusion)),
            missing: hlh.missing.clone(),
        },
        Card {
            route: Route::IecHs,
            id: "card-iec-hs",
            title: "IEC-HS".into(),
            value: format!(
                "{} {}",
                iec.present.len(),
                tr(lang, "features present", "rasgos presentes")
            ),
            conclusion: Some((
                tr(lang, "ferritin criterion", "criterio de ferritina").into(),
                iec.ferritin_criterion,
            )),
            missing: iec.features.missing.clone(),
        },
        Card {
            route: Route::Measix,
            id: "card-measix",
            title: "m-EASIX".into(),
            value: m.value.map_or("—".into(), |v| {
                crate::form::format_number((v * 100.0).round() / 100.0)
            }),
            conclusion: None,
            missing: m.missing.clone(),
        },
    ]
}

#[component(Overview)]
pub fn overview() -> Html {
    let app = use_app();
    let lang = app.lang;
    let report = app.report.clone();
    let errors = app.parsed.errors.len();
    // Day +n of the time point shown (the core counts days from the infusion).
    let day = app
        .course()
        .infusion
        .zip(app.time_point().map(|t| t.at))
        .map(|(inf, at)| crate::course_report::day(inf, at));
    html! {
        <Page route={Route::Overview}>
            if let Some(d) = day {
                <p class="day-badge" id="overview-day">{ crate::pages::course::day_text(lang, d) }</p>
            }
            <p>{ tr(lang, "Enter the patient once, on any page: every score updates. Missing inputs are never counted as normal: each card shows the range still possible and whether the conclusion is already decided.", "Introduzca el paciente una vez, en cualquier página: todas las escalas se actualizan. Un dato que falta nunca cuenta como normal: cada tarjeta muestra el rango posible y si la conclusión ya está decidida.") }</p>
            if errors > 0 {
                <p class="warning" role="alert" id="input-errors">{ format!("⚠ {errors} {}", tr(lang, "input(s) could not be used and count as missing; see the marked fields.", "dato(s) no utilizables que cuentan como ausentes; vea los campos marcados.")) }</p>
            }
            <div class="cards" aria-live="polite">
            { for cards(lang, &report).into_iter().map(|c| html! {
                <article class="card" id={c.id}>
                    <h2><Link<Route> to={c.route}>{ c.title }</Link<Route>></h2>
                    <p class="card-value">{ c.value }</p>
                    if let Some((label, conclusion)) = c.conclusion {
                        <p>{ label }{ ": " }<ConclusionBadge conclusion={conclusion} /></p>
                    }
                    <p class="card-missing">{
                        if c.missing.is_empty() { tr(lang, "Nothing missing", "No falta nada").to_string() }
                        else { format!("{} {}: {}", c.missing.len(), tr(lang, "missing", "faltan"), c.missing.iter().take(4).map(|f| field_label(lang, *f)).collect::<Vec<_>>().join(", ") + if c.missing.len() > 4 { "…" } else { "" }) }
                    }</p>
                </article>
            }) }
            </div>
            <p class="note">{ app.lang.strings().stored_locally }</p>
        </Page>
    }
}
