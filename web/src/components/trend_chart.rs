//! Trend charts of the daily panel on one shared time axis: hand-written SVG (no chart
//! crate), each with a data table alternative. Values, steps (fold change, change per 24 h)
//! and thresholds all come from the core: the thresholds are the scores' published `Threshold`
//! constants, never retyped here.

use std::rc::Rc;

use iectox::course::{CourseReport, Therapy, Trend};
use iectox::scores::{crs, hlh2004, hscore, iec_hs};
use iectox::treatment::Drug;
use iectox::units::{Threshold, Unit};
use iectox::Field;
use yew::prelude::*;

use crate::course_report::{millis, Assessed, Unassessable};
use crate::files::local_datetime;
use crate::i18n::labels::field_label;
use crate::i18n::{tr, Lang};

const W: f64 = 640.0;
const H: f64 = 150.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 22.0;

/// The shared time axis (minutes since the epoch): from the infusion or first entry to the
/// last entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    pub from: i64,
    pub to: i64,
    pub infusion: i64,
    /// The calendar the course counts its days in (day ticks at its midnights).
    pub offset: iectox::course::UtcOffset,
}

impl Axis {
    pub fn of(report: &CourseReport, course: &iectox::course::Course) -> Axis {
        let mut from = report.infusion;
        let mut to = course.last_time().max(report.infusion);
        for t in &report.time_points {
            from = from.min(t.time);
            to = to.max(t.time);
        }
        for t in &report.treatments {
            from = from.min(t.time);
        }
        if to <= from {
            to = from + 60;
        }
        Axis {
            from,
            to,
            infusion: report.infusion,
            offset: course.utc_offset,
        }
    }

    pub fn x(&self, t: i64) -> f64 {
        LEFT + (t - self.from) as f64 / (self.to - self.from) as f64 * (W - LEFT - RIGHT)
    }
}

/// A threshold drawn on a chart: the score it belongs to, its constant, and which side is
/// "beyond" (as the score's rule reads: ≥ for the high ones, ≤ for the low ones).
struct Line {
    source: &'static str,
    threshold: &'static Threshold,
    above: bool,
}

/// The charts in order, with the thresholds of the scores that use them.
fn lines(field: Field) -> Vec<Line> {
    let l = |source, threshold, above| Line {
        source,
        threshold,
        above,
    };
    match field {
        Field::Ferritin => vec![
            l("HLH-2004", &hlh2004::FERRITIN, true),
            l("HScore", &hscore::FERRITIN_LOW, true),
            l("HScore", &hscore::FERRITIN_HIGH, true),
            l("CARTOX HLH/MAS", &iec_hs::CARTOX_FERRITIN, true),
        ],
        Field::Fibrinogen => vec![
            l("HLH-2004", &hlh2004::FIBRINOGEN, false),
            l("IEC-HS", &iec_hs::PROVISIONAL.fibrinogen, false),
        ],
        Field::Ast => vec![l("HScore", &hscore::AST, true)],
        Field::Temperature => vec![
            l("CRS (ASTCT)", &crs::FEVER, true),
            l("HLH-2004", &hlh2004::FEVER, true),
        ],
        _ => Vec::new(),
    }
}

pub const CHARTS: [Field; 9] = [
    Field::Ferritin,
    Field::Ldh,
    Field::Fibrinogen,
    Field::Ast,
    Field::Alt,
    Field::Bilirubin,
    Field::Creatinine,
    Field::Crp,
    Field::Temperature,
];

/// The threshold's published value in `unit` (the unit plotted); `None` when the paper did
/// not print it in that unit (then it is not drawn rather than converted here).
fn value_in(t: &Threshold, unit: Unit) -> Option<f64> {
    t.published
        .iter()
        .find(|(u, _, _)| *u == unit)
        .map(|(_, v, _)| *v)
}

fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r}")
    }
}

/// "▲ ≥ 500 ng/mL (HLH-2004)" for every threshold the value is beyond.
fn flags(lang: Lang, v: f64, unit: Unit, drawn: &[(f64, &Line)]) -> Vec<String> {
    drawn
        .iter()
        .filter(|(t, l)| if l.above { v >= *t } else { v <= *t })
        .map(|(t, l)| {
            let (sym, word) = if l.above {
                ("▲", tr(lang, "at or above", "igual o superior a"))
            } else {
                ("▼", tr(lang, "at or below", "igual o inferior a"))
            };
            format!("{sym} {word} {} {} ({})", num(*t), unit.symbol(), l.source)
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct TrendChartsProps {
    /// Compared by pointer: the course is assessed once per change of the record.
    pub assessed: crate::state::SameRc<Result<Assessed, Unassessable>>,
    pub axis: Axis,
}

/// A treatment marker: time (minutes since the epoch), symbol, drug name.
type Marker = (i64, &'static str, String);

/// Every chart with data, the treatment markers and the grade strip on the same axis. Each
/// chart and the strip are components of their own, redrawn only when their own series (or
/// the axis, the markers, the language) change.
#[component(TrendCharts)]
pub fn trend_charts(props: &TrendChartsProps) -> Html {
    let lang = use_context::<Lang>().expect("the language is provided by App");
    let Some(Ok(a)) = props.assessed.0.as_deref() else {
        return html! {};
    };
    let axis = props.axis;
    let r = &a.report;
    let trends: Vec<Trend> = CHARTS
        .iter()
        .filter_map(|&f| {
            r.trends
                .iter()
                .find(|t| t.field == f)
                .cloned()
                .or_else(|| a.course.trend(f))
        })
        .filter(|t| !t.points.is_empty())
        .collect();
    let markers: Rc<Vec<Marker>> = Rc::new(
        r.treatments
            .iter()
            .filter_map(|t| {
                let (sym, name) = match &t.therapy {
                    Therapy::Drug(Drug::Tocilizumab) => ("T", "Tocilizumab"),
                    Therapy::Drug(Drug::Dexamethasone) => {
                        ("S", tr(lang, "Dexamethasone", "Dexametasona"))
                    }
                    Therapy::Drug(Drug::Methylprednisolone) => {
                        ("S", tr(lang, "Methylprednisolone", "Metilprednisolona"))
                    }
                    Therapy::Drug(Drug::Anakinra) => ("A", "Anakinra"),
                    _ => return None,
                };
                Some((t.time, sym, name.to_string()))
            })
            .collect(),
    );
    let grades: Rc<Vec<StripPoint>> = Rc::new(
        r.time_points
            .iter()
            .map(|tp| StripPoint {
                time: tp.time,
                crs: (
                    tp.report.crs.assessment.value,
                    tp.report.crs.assessment.range,
                ),
                icans: (
                    tp.report.icans.assessment.value,
                    tp.report.icans.assessment.range,
                ),
            })
            .collect(),
    );
    html! {
        <section class="card trends" aria-labelledby="trends-title">
            <h2 id="trends-title">{ tr(lang, "Trends", "Tendencias") }</h2>
            <p class="note">{ tr(lang,
                "One time axis (days since infusion). Dashed lines: published thresholds; ▲/▼ a value at or beyond one. Purple markers: T tocilizumab, S steroid, A anakinra. Values are plotted in one unit per chart.",
                "Un solo eje de tiempo (días desde la infusión). Líneas discontinuas: umbrales publicados; ▲/▼ un valor que los alcanza o supera. Marcas moradas: T tocilizumab, S corticoide, A anakinra. Cada gráfica usa una sola unidad.") }</p>
            <AxisStrip {lang} {axis} {grades} />
            if trends.is_empty() {
                <p>{ tr(lang, "No laboratory value or temperature entered yet.", "Aún no hay valores de laboratorio ni temperatura.") }</p>
            }
            { for trends.into_iter().map(|trend| {
                let key = format!("{:?}", trend.field);
                html! { <TrendChart {key} {lang} {axis} markers={markers.clone()} {trend} /> }
            }) }
        </section>
    }
}

/// One time point's CRS and ICANS grades (value, range) on the strip.
#[derive(Clone, Copy, PartialEq)]
struct StripPoint {
    time: i64,
    crs: (Option<u16>, iectox::Range),
    icans: (Option<u16>, iectox::Range),
}

#[derive(Properties, PartialEq)]
struct AxisStripProps {
    lang: Lang,
    axis: Axis,
    grades: Rc<Vec<StripPoint>>,
}

/// The grade strip on the charts' axis: CRS / ICANS per time point, as text (numbers). On a
/// phone it keeps the charts' legible width and scrolls sideways in its own box, as they do.
#[component(AxisStrip)]
fn axis_strip(props: &AxisStripProps) -> Html {
    let lang = props.lang;
    let axis = props.axis;
    let strip_h = 48.0;
    let g = |(v, r): (Option<u16>, iectox::Range)| match v {
        Some(v) => v.to_string(),
        None => format!("{}–{}", r.min, r.max),
    };
    html! {
        <div class="grade-strip-box">
        <svg class="grade-strip-axis" viewBox={format!("0 0 {W} {strip_h}")} role="img"
            aria-label={tr(lang, "CRS and ICANS grade per time point, on the charts' time axis (the table above has the same)", "Grado de SLC e ICANS por punto temporal, en el eje de tiempo de las gráficas (la tabla anterior contiene lo mismo)")}>
            <text x="2" y="18" font-size="12">{ "CRS" }</text>
            <text x="2" y="40" font-size="12">{ "ICANS" }</text>
            { for props.grades.iter().map(|p| {
                let x = num(axis.x(p.time));
                html! { <>
                    <text x={x.clone()} y="18" font-size="12" text-anchor="middle">{ g(p.crs) }</text>
                    <text {x} y="40" font-size="12" text-anchor="middle">{ g(p.icans) }</text>
                </> }
            }) }
        </svg>
        </div>
    }
}

/// Where each threshold's label goes (its y), top to bottom: above its line, moved down below
/// the label above it when two thresholds are too close for both labels to be read.
fn label_ys(line_ys: &[f64]) -> Vec<f64> {
    const LABEL_H: f64 = 11.0;
    let order =
        iectox::order::stable_order(line_ys.len(), &|a, b| line_ys[a].total_cmp(&line_ys[b]));
    let mut out = vec![0.0; line_ys.len()];
    let mut prev = f64::NEG_INFINITY;
    for i in order {
        let y = (line_ys[i] - 3.0).max(prev + LABEL_H);
        out[i] = y;
        prev = y;
    }
    out
}

#[derive(Properties, PartialEq)]
struct TrendChartProps {
    lang: Lang,
    axis: Axis,
    markers: Rc<Vec<Marker>>,
    trend: Trend,
}

/// One chart and its table (the table is drawn only while it is open: a long course's nine
/// tables would otherwise be most of the page's elements).
#[component(TrendChart)]
fn trend_chart(props: &TrendChartProps) -> Html {
    let lang = props.lang;
    let axis = props.axis;
    let t = &props.trend;
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::Element>()
                    .has_attribute("open"),
            )
        })
    };
    let marker_svg = |y0: f64, y1: f64| -> Html {
        html! { <>{ for props.markers.iter().map(|(t, sym, name)| {
            let x = axis.x(*t);
            html! {
                <g class="treatment-marker">
                    <title>{ format!("{name} — {}", local_datetime(millis(*t))) }</title>
                    <line x1={num(x)} x2={num(x)} y1={num(y0)} y2={num(y1)} stroke="#6a3d9a" stroke-dasharray="2 3" />
                    <text x={num(x + 2.0)} y={num(y0 + 9.0)} font-size="10" fill="#6a3d9a">{ *sym }</text>
                </g>
            }
        }) }</> }
    };
    // A long course has a tick a day on each of nine charts: the lines are one path and the
    // labels bare texts, not an element group per day (the course page's element count).
    let day_ticks = |y: f64| -> Html {
        let first = iectox::course::day_of(axis.infusion, axis.from, axis.offset);
        let last = iectox::course::day_of(axis.infusion, axis.to, axis.offset);
        let days: Vec<(i64, f64)> = (first..=last + 1)
            .filter_map(|d| {
                let t = iectox::course::day_start(axis.infusion, d, axis.offset);
                (t >= axis.from && t <= axis.to).then(|| (d, axis.x(t)))
            })
            .collect();
        let lines: String = days
            .iter()
            .map(|(_, x)| format!("M{},{}V{}", num(*x), num(TOP), num(y)))
            .collect();
        html! { <>
            <path class="day-ticks" d={lines} stroke="#ddd" fill="none" />
            { for days.iter().map(|(d, x)| html! {
                <text x={num(*x)} y={num(y + 14.0)} font-size="10" text-anchor="middle">{ format!("{}{d}", if *d < 0 { "" } else { "+" }) }</text>
            }) }
        </> }
    };

    let field = t.field;
    let unit = t.points[0].value.canonical_unit;
    let id = format!("chart-{}", format!("{field:?}").to_ascii_lowercase());
    let drawn: Vec<(f64, Line)> = lines(field)
        .into_iter()
        .filter_map(|l| value_in(l.threshold, unit).map(|v| (v, l)))
        .collect();
    let drawn_ref: Vec<(f64, &Line)> = drawn.iter().map(|(v, l)| (*v, l)).collect();
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for p in &t.points {
        lo = lo.min(p.value.canonical);
        hi = hi.max(p.value.canonical);
    }
    for (v, _) in &drawn {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    if field != Field::Temperature {
        lo = lo.min(0.0);
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    let pad = (hi - lo) * 0.08;
    let (lo, hi) = (lo - if lo == 0.0 { 0.0 } else { pad }, hi + pad);
    let y = |v: f64| TOP + (hi - v) / (hi - lo) * (H - TOP - BOTTOM);
    let path: String = t
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{}{},{}",
                if i == 0 { "M" } else { " L" },
                num(axis.x(p.time)),
                num(y(p.value.canonical))
            )
        })
        .collect();
    let mut plain_points = String::new();
    let mut flagged = Vec::new();
    for p in &t.points {
        let v = p.value.canonical;
        let (cx, cy) = (num(axis.x(p.time)), num(y(v)));
        let f = flags(lang, v, unit, &drawn_ref);
        if f.is_empty() {
            plain_points.push_str(&format!("M{cx},{cy}h0"));
        } else {
            flagged.push((cx, cy, f));
        }
    }
    let labels = label_ys(&drawn.iter().map(|(v, _)| y(*v)).collect::<Vec<_>>());
    let name = field_label(lang, field);
    html! {
        <figure class="trend" id={id.clone()} data-field={format!("{field:?}")}>
            <figcaption>{ format!("{name} ({})", unit.symbol()) }</figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-labelledby={format!("{id}-desc")}>
                <desc id={format!("{id}-desc")}>{ match lang {
                    Lang::En => format!("{name} over time in {}; the table below has every value.", unit.symbol()),
                    Lang::Es => format!("{name} a lo largo del tiempo en {}; la tabla siguiente tiene todos los valores.", unit.symbol()),
                } }</desc>
                { day_ticks(H - BOTTOM) }
                <line x1={num(LEFT)} x2={num(W - RIGHT)} y1={num(H - BOTTOM)} y2={num(H - BOTTOM)} stroke="#888" />
                <text x="2" y={num(y(hi - pad) + 4.0)} font-size="10">{ num(hi - pad) }</text>
                <text x="2" y={num(H - BOTTOM)} font-size="10">{ num(lo) }</text>
                { for drawn.iter().zip(&labels).map(|((v, l), ly)| html! {
                    <g class="threshold" data-value={num(*v)}>
                        <title>{ format!("{} {} {} ({})", if l.above { "≥" } else { "≤" }, num(*v), unit.symbol(), l.source) }</title>
                        <line x1={num(LEFT)} x2={num(W - RIGHT)} y1={num(y(*v))} y2={num(y(*v))} stroke="#b15928" stroke-dasharray="6 4" />
                        <text x={num(W - RIGHT - 2.0)} y={num(*ly)} font-size="9" text-anchor="end" fill="#b15928">{ format!("{} {} ({})", num(*v), unit.symbol(), l.source) }</text>
                    </g>
                }) }
                { marker_svg(TOP, H - BOTTOM) }
                <path d={path} fill="none" stroke="#1f4e79" stroke-width="1.5" />
                // The points within every threshold: one path of round dots (a zero-length
                // segment each, drawn as a 6 px disc), not an element per point.
                <path class="points" d={plain_points} fill="none" stroke="#1f4e79" stroke-width="6" stroke-linecap="round" />
                { for flagged.into_iter().map(|(cx, cy, f)| html! {
                    <g class="point flagged"><title>{ f.join("; ") }</title>
                        <text x={cx} y={cy} font-size="12" text-anchor="middle" dominant-baseline="middle" fill="#b15928">{ if f[0].starts_with('▼') { "▼" } else { "▲" } }</text></g>
                }) }
            </svg>
            <details ontoggle={on_toggle}>
                <summary>{ format!("{} — {}", tr(lang, "Table", "Tabla"), name) }</summary>
                if *open {
                <table class="trend-table" id={format!("{id}-table")}>
                    <thead><tr>
                        <th scope="col">{ tr(lang, "Time", "Hora") }</th>
                        <th scope="col">{ tr(lang, "Value", "Valor") }</th>
                        <th scope="col">{ tr(lang, "Unit", "Unidad") }</th>
                        <th scope="col">{ tr(lang, "Flag", "Señal") }</th>
                        <th scope="col">{ tr(lang, "Fold change", "Cambio (veces)") }</th>
                        <th scope="col">{ tr(lang, "Change per 24 h", "Cambio por 24 h") }</th>
                    </tr></thead>
                    <tbody>
                    { for t.points.iter().enumerate().map(|(i, p)| {
                        let step = i.checked_sub(1).and_then(|j| t.steps.get(j));
                        let f = flags(lang, p.value.canonical, unit, &drawn_ref);
                        html! { <tr>
                            <th scope="row">{ format!("{} {}{} · {}", tr(lang, "day", "día"), if iectox::course::day_of(axis.infusion, p.time, axis.offset) < 0 { "" } else { "+" }, iectox::course::day_of(axis.infusion, p.time, axis.offset), local_datetime(millis(p.time))) }</th>
                            <td>{ num(p.value.entered.value) }</td>
                            <td>{ p.value.entered.unit.symbol() }</td>
                            <td class="flag">{ if f.is_empty() { "—".to_string() } else { f.join("; ") } }</td>
                            <td>{ step.and_then(|s| s.fold_change).map(|x| format!("× {}", num(x))).unwrap_or_else(|| "—".into()) }</td>
                            <td>{ step.map(|s| format!("{}{} {}", if s.change_per_24h >= 0.0 { "+" } else { "" }, num(s.change_per_24h), s.unit.symbol())).unwrap_or_else(|| "—".into()) }</td>
                        </tr> }
                    }) }
                    </tbody>
                </table>
                }
            </details>
        </figure>
    }
}
