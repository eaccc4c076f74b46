use yew::prelude::*;

use crate::files::local_datetime;
use crate::hooks::use_app;
use crate::i18n::{tr, Lang};
use crate::pages::course::day_text;
use crate::state::Action;

/// "Time point: day +3 · 2026-12-04 10:00 (latest)": which time point the page shows and
/// edits, with a selector when the course has more than one. Day +n is the core's `day_of`.
#[component(TimePointSelect)]
pub fn time_point_select() -> Html {
    let app = use_app();
    let course = app.course();
    if course.time_points.len() < 2 && course.infusion.is_none() {
        return html! {};
    }
    let view = TimePoints {
        lang: app.lang,
        infusion: course.infusion,
        points: course
            .time_points
            .iter()
            .map(|t| (t.id.clone(), t.at))
            .collect(),
        selected: app.time_point().map(|t| t.id.clone()),
    };
    html! { <TimePointOptions {view} dispatcher={app.dispatcher()} /> }
}

/// What the selector shows: a keystroke changes none of it, so a long course's options are
/// not formatted again on every keystroke.
#[derive(Clone, PartialEq)]
struct TimePoints {
    lang: Lang,
    infusion: Option<i64>,
    /// (id, time), in time order.
    points: Vec<(String, i64)>,
    selected: Option<String>,
}

#[derive(Properties, PartialEq)]
struct TimePointOptionsProps {
    view: TimePoints,
    dispatcher: UseReducerDispatcher<crate::state::AppState>,
}

#[component(TimePointOptions)]
fn time_point_options(props: &TimePointOptionsProps) -> Html {
    let app = &props.dispatcher;
    let v = &props.view;
    let lang = v.lang;
    let selected = v.selected.clone();
    let last = v.points.last().map(|(id, _)| id.clone());
    let label = |at: i64, latest: bool| {
        let day = v
            .infusion
            .map(|i| format!("{} · ", day_text(lang, crate::course_report::day(i, at))))
            .unwrap_or_default();
        let latest = if latest {
            tr(lang, " (latest)", " (último)")
        } else {
            ""
        };
        format!("{day}{}{latest}", local_datetime(at))
    };
    let on_change = {
        let app = app.clone();
        let last = last.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            app.dispatch(Action::SelectTimePoint(
                (Some(&v) != last.as_ref()).then_some(v),
            ));
        })
    };
    let name = match lang {
        Lang::En => "Time point",
        Lang::Es => "Punto temporal",
    };
    html! {
        <div class="time-point-select field">
            <label for="time-point-select">{ name }</label>
            if v.points.is_empty() {
                <span id="time-point-select">{ tr(lang, "none yet", "ninguno aún") }</span>
            } else {
                <select id="time-point-select" onchange={on_change}>
                { for v.points.iter().map(|(id, at)| html! {
                    <option value={id.clone()} selected={selected.as_ref() == Some(id)}>{ label(*at, last.as_ref() == Some(id)) }</option>
                }) }
                </select>
            }
        </div>
    }
}
