//! The open patient's course: infusion, time points (add, move, delete, select), where each
//! value of the selected time point comes from, the grade strip, episodes, baselines, the
//! CRS-phase peak ferritin, treatments and trend charts. Every number about time comes from
//! the core (`course_report`); this page only lays it out.

use iectox::course::{Episode, EpisodeEnd, Episodes, Origin, TimePoint as CoreTimePoint};
use iectox::{Assessment, Conclusion};
use yew::prelude::*;

use crate::components::grade_result::grade_text;
use crate::components::page::Page;
use crate::components::trend_chart::{Axis, TrendCharts};
use crate::course::{now, Millis, TreatmentKind};
use crate::course_report::{millis, Unassessable};
use crate::files::local_datetime;
use crate::hooks::{use_app, use_course_report};
use crate::i18n::labels::field_label;
use crate::i18n::{tr, Lang};
use crate::route::Route;
use crate::state::Action;

/// `YYYY-MM-DDTHH:MM` in local time, for a `datetime-local` input.
pub fn input_value(ms: Millis) -> String {
    local_datetime(ms)
        .chars()
        .take(16)
        .collect::<String>()
        .replacen(' ', "T", 1)
}

/// A `datetime-local` value read in local time; `None` when empty or invalid.
pub fn parse_input(value: &str) -> Option<Millis> {
    if value.is_empty() {
        return None;
    }
    let t = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(value)).get_time();
    t.is_finite().then_some(t as Millis)
}

/// "day +3" / "día −1", from the core's day number.
pub fn day_text(lang: Lang, day: i64) -> String {
    let sign = if day < 0 { '−' } else { '+' };
    format!("{} {sign}{}", tr(lang, "day", "día"), day.unsigned_abs())
}

/// "+26 h" from the core's minutes since infusion.
fn hours_text(minutes: i64) -> String {
    let h = minutes as f64 / 60.0;
    let sign = if h < 0.0 { '−' } else { '+' };
    let a = h.abs();
    if a.fract() == 0.0 {
        format!("{sign}{a:.0} h")
    } else {
        format!("{sign}{a:.1} h")
    }
}

fn age_text(lang: Lang, minutes: i64) -> String {
    let h = minutes / 60;
    let m = minutes % 60;
    let t = if m == 0 {
        format!("{h} h")
    } else {
        format!("{h} h {m} min")
    };
    match lang {
        Lang::En => format!("{t} old"),
        Lang::Es => format!("de hace {t}"),
    }
}

fn input_text(e: &Event) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

pub fn treatment_name(lang: Lang, kind: TreatmentKind) -> &'static str {
    match kind {
        TreatmentKind::Tocilizumab => "Tocilizumab",
        TreatmentKind::Dexamethasone => tr(lang, "Dexamethasone", "Dexametasona"),
        TreatmentKind::Methylprednisolone => tr(lang, "Methylprednisolone", "Metilprednisolona"),
        TreatmentKind::Anakinra => "Anakinra",
        TreatmentKind::Other => tr(lang, "Other", "Otro"),
    }
}

fn iec_hs_cell(lang: Lang, tp: &CoreTimePoint) -> String {
    let f = &tp.report.iec_hs.features;
    let count = match f.value {
        Some(v) => v.to_string(),
        None => format!("{}–{}", f.range.min, f.range.max),
    };
    let ferritin = match tp.report.iec_hs.ferritin_criterion {
        Conclusion::Met => tr(
            lang,
            "ferritin criterion met",
            "criterio de ferritina cumplido",
        ),
        Conclusion::NotMet => tr(
            lang,
            "ferritin criterion not met",
            "criterio de ferritina no cumplido",
        ),
        _ => tr(
            lang,
            "ferritin criterion undetermined",
            "criterio de ferritina indeterminado",
        ),
    };
    let mark = match tp.report.iec_hs.ferritin_criterion {
        Conclusion::Met => "▲",
        Conclusion::NotMet => "○",
        _ => "◐",
    };
    format!(
        "{mark} {count} {} · {ferritin}",
        tr(lang, "features", "rasgos")
    )
}

fn when(lang: Lang, infusion: i64, minutes: i64) -> String {
    format!(
        "{} · {}",
        day_text(
            lang,
            crate::course_report::day(millis(infusion), millis(minutes))
        ),
        local_datetime(millis(minutes))
    )
}

fn episode_rows(lang: Lang, infusion: i64, name: &str, eps: &Episodes, id: &str) -> Html {
    let duration = |e: &Episode| match e.duration_minutes {
        Some(r) if r.min == r.max => format!("{:.1} h", r.min as f64 / 60.0),
        Some(r) => format!("{:.1}–{:.1} h", r.min as f64 / 60.0, r.max as f64 / 60.0),
        None => "—".into(),
    };
    let end = |e: &Episode| match e.end {
        EpisodeEnd::Resolved(b) => format!(
            "✓ {} {}",
            tr(lang, "resolved", "resuelto"),
            when(lang, infusion, b.time)
        ),
        EpisodeEnd::Ongoing => format!("● {}", tr(lang, "ongoing", "en curso")),
        EpisodeEnd::Undetermined { from } => format!(
            "◐ {} {}",
            tr(
                lang,
                "may have resolved from",
                "puede haberse resuelto desde"
            ),
            when(lang, infusion, from)
        ),
    };
    html! {
        <>
            { for eps.episodes.iter().enumerate().map(|(i, e)| html! {
                <tr id={format!("{id}-{i}")}>
                    <th scope="row">{ name }</th>
                    <td class="ep-onset" data-label={tr(lang, "Onset", "Inicio")}>{ when(lang, infusion, e.onset.time) }
                        if let Some(u) = e.onset.undetermined_from {
                            { format!(" ({} {})", tr(lang, "possibly from", "posiblemente desde"), when(lang, infusion, u)) }
                        }
                    </td>
                    <td class="ep-max" data-label={tr(lang, "Maximum grade", "Grado máximo")}>{ grade_text(lang, (e.max_grade.min == e.max_grade.max).then_some(e.max_grade.min), (e.max_grade.min, e.max_grade.max)) }{ " · " }{ when(lang, infusion, e.max_at) }</td>
                    <td class="ep-end" data-label={tr(lang, "End", "Fin")}>{ end(e) }</td>
                    <td class="ep-duration" data-label={tr(lang, "Duration", "Duración")}>{ duration(e) }</td>
                </tr>
            }) }
            if eps.episodes.is_empty() {
                <tr><th scope="row">{ name }</th><td colspan="4">{ tr(lang, "No episode", "Ningún episodio") }</td></tr>
            }
        </>
    }
}

#[component(CoursePage)]
pub fn course_page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let assessed = use_course_report();
    let course = app.course();
    let selected_id = app.time_point().map(|t| t.id.clone());

    let on_infusion = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            app.dispatch(Action::SetInfusion(parse_input(&input_text(&e))))
        })
    };

    let (report, problem) = match &*assessed {
        Ok(a) => (Some(&a.report), None),
        Err(e) => (None, Some(e.clone())),
    };
    let infusion_min = report.map(|r| r.infusion);

    let dispatcher = app.dispatcher();
    let last = course.time_points.len().saturating_sub(1);
    let show_all_points = use_state(|| false);
    let show_all_grades = use_state(|| false);
    let sel_index = selected_id
        .as_deref()
        .and_then(|id| course.time_points.iter().position(|t| t.id == id));
    let total = course.time_points.len();
    let shown_points = Shown::new(total, sel_index, *show_all_points);
    let shown_grades = Shown::new(total, sel_index, *show_all_grades);
    let rows = course
        .time_points
        .iter()
        .enumerate()
        .filter(|(i, _)| shown_points.has(*i))
        .map(|(i, t)| {
            let core_tp = report.and_then(|r| r.time_points.get(i));
            html! {
                <TimePointRow key={t.id.clone()} index={i} id={t.id.clone()} at={t.at}
                    since={core_tp.map(|c| (c.day, c.minutes_since_infusion))}
                    selected={selected_id.as_deref() == Some(&t.id)} latest={i == last}
                    {lang} dispatcher={dispatcher.clone()} />
            }
        });

    let problem_view = match problem {
        None => html! {},
        Some(Unassessable::NoInfusion) => html! {
            <p id="course-problem" class="warning" role="status">{ "⚠ " }{ tr(lang,
                "Enter the infusion time (day 0): without it there is no day +n, no baseline and no episode.",
                "Introduzca la hora de la infusión (día 0): sin ella no hay día +n, ni valor basal, ni episodios.") }</p>
        },
        Some(Unassessable::Invalid(errors)) => html! {
            <div id="course-problem" class="warning" role="alert">
                <p>{ "⚠ " }{ tr(lang, "The course cannot be assessed:", "La evolución no se puede evaluar:") }</p>
                <ul>{ for errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }</ul>
            </div>
        },
    };

    // Where the selected time point's values come from.
    let sources_view = match (report, sel_index) {
        (Some(r), Some(i)) => {
            let tp = &r.time_points[i];
            html! {
                <section class="card" aria-labelledby="sources-title">
                    <h2 id="sources-title">{ tr(lang, "Values at the selected time point", "Valores en el punto temporal seleccionado") }{ " — " }{ day_text(lang, tp.day) }</h2>
                    <table id="course-sources">
                        <thead><tr><th scope="col">{ tr(lang, "Field", "Campo") }</th><th scope="col">{ tr(lang, "Origin", "Origen") }</th></tr></thead>
                        <tbody>
                        { for tp.sources.iter().map(|s| html! {
                            <tr data-field={format!("{:?}", s.field)}>
                                <th scope="row">{ field_label(lang, s.field) }</th>
                                <td>{ match s.origin {
                                    Origin::Current { .. } => format!("● {}", tr(lang, "current", "actual")),
                                    Origin::CarriedForward { age_minutes, .. } => format!("↪ {}, {}", tr(lang, "carried forward", "arrastrado"), age_text(lang, age_minutes)),
                                    Origin::Expired { age_minutes, .. } => format!("✕ {}, {} — {}", tr(lang, "expired", "caducado"), age_text(lang, age_minutes), tr(lang, "not used (missing)", "no usado (falta)")),
                                    Origin::Override => tr(lang, "baseline set by the clinician", "basal fijado por el clínico").into(),
                                    Origin::LastAtOrBeforeInfusion { time } => format!("{} {}", tr(lang, "baseline: last value at or before infusion,", "basal: último valor en o antes de la infusión,"), local_datetime(millis(time))),
                                } }</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                </section>
            }
        }
        _ => html! {},
    };

    let strip = report.map(|r| {
        html! {
            <section class="card" aria-labelledby="strip-title">
                <h2 id="strip-title">{ tr(lang, "Grades per time point", "Grados por punto temporal") }</h2>
                <div class="table-wrap">
                <table id="grade-strip" class="stack-table">
                    <thead><tr>
                        <th scope="col">{ tr(lang, "Time point", "Punto temporal") }</th>
                        <th scope="col">{ "CRS (ASTCT)" }</th>
                        <th scope="col">{ "ICANS (ASTCT)" }</th>
                        <th scope="col">{ "IEC-HS" }</th>
                    </tr></thead>
                    <tbody>
                    { for r.time_points.iter().zip(&course.time_points).enumerate().filter(|(i, _)| shown_grades.has(*i)).map(|(_, (tp, t))| html! {
                        <StripRow key={t.id.clone()} {lang} day={tp.day} time={tp.time}
                            crs={Grade::of(&tp.report.crs.assessment)} icans={Grade::of(&tp.report.icans.assessment)}
                            iec={iec_hs_cell(lang, tp)} />
                    }) }
                    </tbody>
                </table>
                </div>
                { show_all_toggle(lang, "grade-strip-all", shown_grades, &show_all_grades) }
            </section>
        }
    });

    let episodes = report.map(|r| {
        html! {
            <section class="card" aria-labelledby="episodes-title">
                <h2 id="episodes-title">{ tr(lang, "Episodes", "Episodios") }</h2>
                <div class="table-wrap">
                <table id="course-episodes" class="stack-table">
                    <thead><tr>
                        <th scope="col">{ tr(lang, "Syndrome", "Síndrome") }</th>
                        <th scope="col">{ tr(lang, "Onset", "Inicio") }</th>
                        <th scope="col">{ tr(lang, "Maximum grade", "Grado máximo") }</th>
                        <th scope="col">{ tr(lang, "End", "Fin") }</th>
                        <th scope="col">{ tr(lang, "Duration", "Duración") }</th>
                    </tr></thead>
                    <tbody>
                        { episode_rows(lang, r.infusion, "CRS", &r.crs, "ep-crs") }
                        { episode_rows(lang, r.infusion, "ICANS", &r.icans, "ep-icans") }
                    </tbody>
                </table>
                </div>
            </section>
        }
    });

    let baselines = report.map(|r| html! {
        <section class="card" aria-labelledby="baselines-title">
            <h2 id="baselines-title">{ tr(lang, "Baselines used", "Valores basales usados") }</h2>
            <ul id="course-baselines">
            { for r.baselines.iter().map(|b| html! {
                <li data-field={format!("{:?}", b.analyte)}>
                    <strong>{ field_label(lang, b.analyte) }</strong>{ ": " }
                    { match (&b.value, b.origin) {
                        (Some(v), Some(o)) => format!("{} {} — {}", v.entered.value, v.entered.unit.symbol(), match o {
                            Origin::Override => tr(lang, "set by the clinician", "fijado por el clínico").to_string(),
                            Origin::LastAtOrBeforeInfusion { time } => format!("{} {}", tr(lang, "last value at or before the infusion, from", "último valor en o antes de la infusión, del"), local_datetime(millis(time))),
                            Origin::Current { time } | Origin::CarriedForward { time, .. } | Origin::Expired { time, .. } => format!("{} {}", tr(lang, "entered as baseline at", "introducido como basal el"), local_datetime(millis(time))),
                        }),
                        _ => format!("✕ {}", tr(lang, "none (baseline-relative criteria stay undetermined)", "ninguno (los criterios relativos al basal quedan indeterminados)")),
                    } }
                </li>
            }) }
            </ul>
            <p id="crs-peak-ferritin">{ tr(lang, "Peak ferritin during the CRS phase (CARTOX HLH/MAS): ", "Ferritina máxima en la fase de SLC (CARTOX HLH/MAS): ") }
            { match r.crs_phase_ferritin.peak {
                Some(p) => format!("{} {} — {}", iectox::units::Quantity::value(&p.ferritin), iectox::units::Quantity::unit(&p.ferritin).symbol(), when(lang, r.infusion, p.time)),
                None => tr(lang, "none measured while CRS grade ≥ 1", "ninguna medida con SLC de grado ≥ 1").into(),
            } }
            if let Some(h) = r.crs_phase_ferritin.possibly_higher {
                { format!(" ({} {} {} {})", tr(lang, "possibly higher:", "posiblemente mayor:"), iectox::units::Quantity::value(&h.ferritin), iectox::units::Quantity::unit(&h.ferritin).symbol(), when(lang, r.infusion, h.time)) }
            }
            </p>
            { ferritin_mark(lang, r, &app) }
        </section>
    });

    let treatments = html! {
        <section class="card" aria-labelledby="course-tr-title">
            <h2 id="course-tr-title">{ tr(lang, "Treatments", "Tratamientos") }</h2>
            <ul id="course-treatments">
            { for course.treatments.iter().map(|t| {
                let remove = {
                    let app = app.clone();
                    let id = t.id.clone();
                    Callback::from(move |_| app.dispatch(Action::RemoveTreatment(id.clone())))
                };
                let day = infusion_min.map(|inf| format!("{} · ", day_text(lang, crate::course_report::day(millis(inf), t.at)))).unwrap_or_default();
                html! {
                    <li data-kind={format!("{:?}", t.kind)}>
                        { format!("{}{} — {}", day, local_datetime(t.at), treatment_name(lang, t.kind)) }
                        { t.dose_mg.map(|d| format!(", {d} mg")).unwrap_or_default() }
                        { " " }
                        <button type="button" class="small secondary" onclick={remove}>{ tr(lang, "Remove", "Quitar") }</button>
                    </li>
                }
            }) }
            </ul>
            if let Some(r) = report {
                { for r.tocilizumab_warnings.iter().map(|w| html! { <p class="warning" role="alert">{ "⚠ " }{ crate::i18n::labels::tocilizumab_warning(lang, w) }</p> }) }
            }
            <TreatmentForm {lang} dispatcher={dispatcher.clone()} />
        </section>
    };

    let charts = match &*assessed {
        Ok(a) => {
            let axis = Axis::of(&a.report, &a.course);
            html! { <TrendCharts assessed={crate::state::SameRc(Some(assessed.clone()))} axis={axis} /> }
        }
        Err(_) => html! {},
    };

    html! {
        <Page route={Route::Course}>
            <section class="card" aria-labelledby="course-tp-title">
                <div class="field">
                    <label for="course-infusion">{ tr(lang, "Infusion (day 0)", "Infusión (día 0)") }</label>
                    <input id="course-infusion" type="datetime-local" value={course.infusion.map(input_value).unwrap_or_default()} onchange={on_infusion} />
                </div>
                { problem_view }
                <h2 id="course-tp-title">{ tr(lang, "Time points", "Puntos temporales") }</h2>
                <p class="note">{ tr(lang,
                    "The other pages show and edit the selected time point (the latest unless you select another).",
                    "Las demás páginas muestran y editan el punto temporal seleccionado (el último, salvo que elija otro).") }</p>
                <div class="table-wrap">
                <table id="course-time-points" class="stack-table">
                    <thead><tr>
                        <th scope="col">{ tr(lang, "Date and time", "Fecha y hora") }</th>
                        <th scope="col">{ tr(lang, "Day", "Día") }</th>
                        <th scope="col">{ tr(lang, "Since infusion", "Desde la infusión") }</th>
                        <th scope="col">{ tr(lang, "Actions", "Acciones") }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                </div>
                { show_all_toggle(lang, "course-time-points-all", shown_points, &show_all_points) }
                <NewTimePoint {lang} dispatcher={dispatcher.clone()} />
            </section>
            { sources_view }
            { strip.unwrap_or_default() }
            { episodes.unwrap_or_default() }
            { charts }
            { baselines.unwrap_or_default() }
            { treatments }
        </Page>
    }
}

/// How many of a long course's latest time points its tables show until all are asked for:
/// three days at one panel every six hours. A 30-day course has 120 rows in each table, most
/// of the page's elements; the charts above always show the whole course.
const LATEST_ROWS: usize = 12;

/// Which rows of a per-time-point table are shown: every row, or the latest ones and the
/// selected one (wherever it is, so that the selection is never hidden).
#[derive(Clone, Copy)]
struct Shown {
    total: usize,
    from: usize,
    selected: Option<usize>,
}

impl Shown {
    fn new(total: usize, selected: Option<usize>, all: bool) -> Shown {
        let from = if all {
            0
        } else {
            total.saturating_sub(LATEST_ROWS)
        };
        Shown {
            total,
            from,
            selected,
        }
    }

    fn has(&self, index: usize) -> bool {
        index >= self.from || self.selected == Some(index)
    }

    /// Rows left out.
    fn hidden(&self) -> usize {
        self.from - usize::from(self.selected.is_some_and(|s| s < self.from))
    }
}

/// The button under a table that shows every time point, or the latest ones again; nothing
/// when the course is short enough to show whole.
fn show_all_toggle(lang: Lang, id: &'static str, shown: Shown, all: &UseStateHandle<bool>) -> Html {
    if shown.total <= LATEST_ROWS {
        return html! {};
    }
    let showing_all = **all;
    let toggle = {
        let all = all.clone();
        Callback::from(move |_| all.set(!showing_all))
    };
    let (note, label) = if showing_all {
        (
            match lang {
                Lang::En => format!("All {} time points shown.", shown.total),
                Lang::Es => format!("Se muestran los {} puntos temporales.", shown.total),
            },
            match lang {
                Lang::En => format!("Show the latest {LATEST_ROWS} only"),
                Lang::Es => format!("Mostrar solo los {LATEST_ROWS} últimos"),
            },
        )
    } else {
        (
            match lang {
                Lang::En => format!("{} earlier time points not shown (the charts show the whole course).", shown.hidden()),
                Lang::Es => format!("{} puntos temporales anteriores no se muestran (las gráficas muestran toda la evolución).", shown.hidden()),
            },
            match lang {
                Lang::En => format!("Show all {} time points", shown.total),
                Lang::Es => format!("Mostrar los {} puntos temporales", shown.total),
            },
        )
    };
    html! {
        <p class="note show-all">
            { note }{ " " }
            <button type="button" class="small secondary" {id} aria-expanded={if showing_all { "true" } else { "false" }} onclick={toggle}>{ label }</button>
        </p>
    }
}

/// IEC-HS counts a rapidly rising ferritin, which is clinical judgement: the last step of the
/// ferritin trend is shown as a fact, and only the clinician's mark says "rapidly rising".
fn ferritin_mark(
    lang: Lang,
    r: &iectox::course::CourseReport,
    app: &crate::state::AppContext,
) -> Html {
    let last_step = r
        .trends
        .iter()
        .find(|t| t.field == iectox::Field::Ferritin)
        .and_then(|t| t.steps.last());
    let step = last_step.map(|s| {
        let fold = s
            .fold_change
            .map(|f| format!("× {f:.2}"))
            .unwrap_or_else(|| "—".into());
        format!(
            "{} {} → {}: {fold}, {}{:.0} {}/24 h",
            tr(lang, "Last ferritin change", "Último cambio de ferritina"),
            when(lang, r.infusion, s.from),
            when(lang, r.infusion, s.to),
            if s.change_per_24h >= 0.0 { "+" } else { "−" },
            s.change_per_24h.abs(),
            s.unit.symbol(),
        )
    });
    let marked = r.ferritin_rapidly_rising;
    let toggle = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            let at = on.then(now);
            app.dispatch(Action::MarkFerritinRapidlyRising(at));
        })
    };
    html! {
        <div id="ferritin-rapid" class="field">
            if let Some(step) = step {
                <p id="ferritin-last-step">{ step }</p>
            }
            <label class="check">
                <input type="checkbox" id="ferritin-rapid-mark" checked={marked.is_some()} onchange={toggle} />
                { tr(lang, " Ferritin rapidly rising (your clinical judgement, IEC-HS)", " Ferritina en ascenso rápido (su juicio clínico, IEC-HS)") }
            </label>
            <p class="hint">
                { match marked {
                    Some(at) => format!("{} {}. ", tr(lang, "Marked", "Marcado el"), local_datetime(millis(at))),
                    None => String::new(),
                } }
                { tr(lang, "The tool shows the changes; it never decides a rapid rise, and the mark changes no score.", "La herramienta muestra los cambios; nunca decide un ascenso rápido, y la marca no cambia ninguna puntuación.") }
            </p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct TimePointRowProps {
    index: usize,
    id: AttrValue,
    at: Millis,
    /// (day, minutes since infusion), from the core; `None` when the course is not assessed.
    since: Option<(i64, i64)>,
    selected: bool,
    latest: bool,
    lang: Lang,
    dispatcher: UseReducerDispatcher<crate::state::AppState>,
}

/// One row of the time points: redrawn only when what it shows changes (an edit elsewhere in
/// a long course leaves the other rows alone).
#[component(TimePointRow)]
fn time_point_row(props: &TimePointRowProps) -> Html {
    let lang = props.lang;
    let is_sel = props.selected;
    let select = {
        let app = props.dispatcher.clone();
        let id = props.id.to_string();
        let latest = props.latest;
        Callback::from(move |_| {
            app.dispatch(Action::SelectTimePoint((!latest).then(|| id.clone())))
        })
    };
    let on_at = {
        let app = props.dispatcher.clone();
        let id = props.id.to_string();
        Callback::from(move |e: Event| {
            if let Some(at) = parse_input(&input_text(&e)) {
                app.dispatch(Action::SetTimePointAt { id: id.clone(), at });
            }
        })
    };
    let delete = {
        let app = props.dispatcher.clone();
        let id = props.id.to_string();
        let at = local_datetime(props.at);
        Callback::from(move |_| {
            let q = match lang {
                Lang::En => format!("Delete the time point {at} and every value in it?"),
                Lang::Es => format!("¿Borrar el punto temporal {at} y todos sus valores?"),
            };
            if gloo::utils::window()
                .confirm_with_message(&q)
                .unwrap_or(false)
            {
                app.dispatch(Action::DeleteTimePoint(id.clone()));
            }
        })
    };
    let input_id = format!("tp-at-{}", props.index);
    html! {
        <tr class={classes!("tp-row", is_sel.then_some("selected"))} data-id={props.id.clone()} aria-current={is_sel.then_some("true")}>
            <td>
                <label for={input_id.clone()} class="visually-hidden">{ tr(lang, "Time", "Hora") }</label>
                <input id={input_id} type="datetime-local" value={input_value(props.at)} onchange={on_at} />
            </td>
            <td class="tp-day" data-label={tr(lang, "Day", "Día")}>{ props.since.map(|(d, _)| day_text(lang, d)).unwrap_or_else(|| "—".into()) }</td>
            <td class="tp-hours" data-label={tr(lang, "Since infusion", "Desde la infusión")}>{ props.since.map(|(_, m)| hours_text(m)).unwrap_or_else(|| "—".into()) }</td>
            <td>
                <button type="button" class="small tp-select" aria-pressed={if is_sel { "true" } else { "false" }} onclick={select}>
                    { if is_sel { tr(lang, "✓ Selected", "✓ Seleccionado") } else { tr(lang, "Select", "Seleccionar") } }
                </button>
                { " " }
                <button type="button" class="small secondary tp-delete" onclick={delete}>{ tr(lang, "Delete", "Borrar") }</button>
            </td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct FormProps {
    lang: Lang,
    dispatcher: UseReducerDispatcher<crate::state::AppState>,
}

/// The new time point's time: its own state, so that choosing it does not redraw the page.
#[component(NewTimePoint)]
fn new_time_point(props: &FormProps) -> Html {
    let lang = props.lang;
    let new_at = use_state(|| input_value(now()));
    let on_new_at = {
        let new_at = new_at.clone();
        Callback::from(move |e: Event| new_at.set(input_text(&e)))
    };
    let on_add = {
        let app = props.dispatcher.clone();
        let new_at = new_at.clone();
        Callback::from(move |_| {
            let at = parse_input(&new_at).unwrap_or_else(now);
            app.dispatch(Action::AddTimePoint { at });
            new_at.set(input_value(now()));
        })
    };
    html! {
        <>
            <div class="field">
                <label for="course-new-at">{ tr(lang, "New time point at (empty: nothing is copied into it)", "Nuevo punto temporal a las (vacío: no se copia nada)") }</label>
                <input id="course-new-at" type="datetime-local" value={(*new_at).clone()} onchange={on_new_at} />
            </div>
            <button type="button" id="course-add" onclick={on_add}>{ tr(lang, "Add time point", "Añadir punto temporal") }</button>
        </>
    }
}

/// A new treatment's kind, time and dose: their own state, so that filling them in does not
/// redraw the page.
#[component(TreatmentForm)]
fn treatment_form(props: &FormProps) -> Html {
    let lang = props.lang;
    let tr_kind = use_state(|| TreatmentKind::Tocilizumab);
    let tr_at = use_state(|| input_value(now()));
    let tr_dose = use_state(String::new);
    let on_kind = {
        let tr_kind = tr_kind.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Some(k) = TreatmentKind::ALL.iter().find(|k| format!("{k:?}") == v) {
                tr_kind.set(*k);
            }
        })
    };
    let on_tr_at = {
        let tr_at = tr_at.clone();
        Callback::from(move |e: Event| tr_at.set(input_text(&e)))
    };
    let on_dose = {
        let tr_dose = tr_dose.clone();
        Callback::from(move |e: Event| tr_dose.set(input_text(&e)))
    };
    let add_treatment = {
        let app = props.dispatcher.clone();
        let (tr_kind, tr_at, tr_dose) = (tr_kind.clone(), tr_at.clone(), tr_dose.clone());
        Callback::from(move |_| {
            let at = parse_input(&tr_at).unwrap_or_else(now);
            let dose_mg = tr_dose.trim().replace(',', ".").parse::<f64>().ok();
            app.dispatch(Action::AddTreatment {
                kind: *tr_kind,
                at,
                dose_mg,
                note: String::new(),
            });
        })
    };
    html! {
        <>
            <div class="field">
                <label for="course-tr-kind">{ tr(lang, "Treatment", "Tratamiento") }</label>
                <select id="course-tr-kind" onchange={on_kind}>
                { for TreatmentKind::ALL.iter().map(|k| html! {
                    <option value={format!("{k:?}")} selected={*k == *tr_kind}>{ treatment_name(lang, *k) }</option>
                }) }
                </select>
            </div>
            <div class="field">
                <label for="course-tr-at">{ tr(lang, "Time given", "Hora de administración") }</label>
                <input id="course-tr-at" type="datetime-local" value={(*tr_at).clone()} onchange={on_tr_at} />
            </div>
            <div class="field">
                <label for="course-tr-dose">{ tr(lang, "Dose (mg, optional)", "Dosis (mg, opcional)") }</label>
                <input id="course-tr-dose" type="text" inputmode="decimal" value={(*tr_dose).clone()} onchange={on_dose} />
            </div>
            <button type="button" id="course-tr-add" onclick={add_treatment}>{ tr(lang, "Add treatment", "Añadir tratamiento") }</button>
        </>
    }
}

/// A grade as the strip shows it (the core's value and range), as symbol + words, never colour
/// alone: "● grade 2", "○ grade 0", "◐ grade 0–2 (undetermined)".
#[derive(Clone, Copy, PartialEq)]
struct Grade {
    value: Option<u16>,
    min: u16,
    max: u16,
}

impl Grade {
    fn of<K>(a: &Assessment<K>) -> Self {
        Grade {
            value: a.value,
            min: a.range.min,
            max: a.range.max,
        }
    }

    fn cell(self, lang: Lang) -> String {
        let symbol = match self.value {
            Some(0) => "○",
            Some(_) => "●",
            None => "◐",
        };
        format!(
            "{symbol} {}",
            grade_text(lang, self.value, (self.min, self.max))
        )
    }
}

#[derive(Properties, PartialEq)]
struct StripRowProps {
    lang: Lang,
    day: i64,
    /// Minutes since the epoch.
    time: i64,
    crs: Grade,
    icans: Grade,
    iec: String,
}

/// One row of the grade strip, redrawn only when its time point's grades or day change.
#[component(StripRow)]
fn strip_row(props: &StripRowProps) -> Html {
    let lang = props.lang;
    html! {
        <tr data-day={props.day.to_string()}>
            <th scope="row">{ day_text(lang, props.day) }{ " · " }{ local_datetime(millis(props.time)) }</th>
            <td class="strip-crs" data-label="CRS (ASTCT)">{ props.crs.cell(lang) }</td>
            <td class="strip-icans" data-label="ICANS (ASTCT)">{ props.icans.cell(lang) }</td>
            <td class="strip-iec" data-label="IEC-HS">{ props.iec.clone() }</td>
        </tr>
    }
}
