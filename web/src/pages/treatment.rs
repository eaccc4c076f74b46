use iectox::scores::crs;
use iectox::treatment::dose::{DoseError, DoseResult, DoseRule, MgRange, Schedule};
use iectox::treatment::regimens::{
    self, Days, Regimen, ReviewEvidence, StepId, Trigger, Verification,
};
use iectox::treatment::tocilizumab_log::{LogWarning, TocilizumabLog};
use iectox::Field;
use yew::prelude::*;

use crate::components::field_input::Fieldset;
use crate::components::page::Page;
use crate::form::format_number;
use crate::hooks::use_app;
use crate::i18n::{tr, Lang};
use crate::route::Route;
use crate::state::Action;

fn regimen_label(lang: Lang, r: Regimen) -> String {
    match r {
        Regimen::CrsGrade(g) => format!("{} {g}", tr(lang, "CRS grade", "SLC grado")),
        Regimen::CrsRefractory => tr(lang, "Refractory CRS", "SLC refractario").into(),
        Regimen::IecHs => "IEC-HS".into(),
    }
}

pub fn step_label(lang: Lang, id: StepId) -> &'static str {
    let (en, es) = match id {
        StepId::SupportiveCare => ("Supportive care", "Medidas de soporte"),
        StepId::InfectionWorkup => ("Infection work-up", "Estudio de infección"),
        StepId::EmpiricalAntibiotics => (
            "Empirical antibiotics (if neutropenic or infection suspected)",
            "Antibióticos empíricos (si neutropenia o sospecha de infección)",
        ),
        StepId::Tocilizumab => ("Tocilizumab", "Tocilizumab"),
        StepId::DexamethasoneWithTocilizumab => (
            "Dexamethasone with tocilizumab (high ICANS risk)",
            "Dexametasona con tocilizumab (alto riesgo de ICANS)",
        ),
        StepId::Dexamethasone => ("Dexamethasone", "Dexametasona"),
        StepId::DexamethasoneEscalation => ("Dexamethasone escalation", "Escalada de dexametasona"),
        StepId::NotifyIcu => ("Notify the ICU", "Avisar a UCI"),
        StepId::IcuTransfer => ("ICU transfer", "Traslado a UCI"),
        StepId::VasopressorSupport => ("Vasopressor support", "Soporte vasopresor"),
        StepId::OxygenSupport => (
            "Oxygen / ventilatory support",
            "Soporte de oxígeno / ventilatorio",
        ),
        StepId::MethylprednisolonePulse => {
            ("Methylprednisolone pulse", "Pulsos de metilprednisolona")
        }
        StepId::MethylprednisoloneAscoAlternative => (
            "Methylprednisolone (ASCO 2021 alternative)",
            "Metilprednisolona (alternativa ASCO 2021)",
        ),
        StepId::Anakinra => ("Anakinra", "Anakinra"),
        StepId::Thiamine => ("Thiamine", "Tiamina"),
        StepId::RefractoryOptions => ("Refractory options", "Opciones en refractariedad"),
        StepId::Siltuximab => ("Siltuximab", "Siltuximab"),
        StepId::Ruxolitinib => ("Ruxolitinib", "Ruxolitinib"),
        StepId::Emapalumab => ("Emapalumab", "Emapalumab"),
        StepId::Etanercept => ("Etanercept", "Etanercept"),
        StepId::Dasatinib => ("Dasatinib", "Dasatinib"),
        StepId::Cyclophosphamide => ("Cyclophosphamide", "Ciclofosfamida"),
        StepId::ExtracorporealTherapy => ("Extracorporeal therapies", "Terapias extracorpóreas"),
        StepId::AnakinraLowDose => ("Anakinra, low dose", "Anakinra, dosis baja"),
        StepId::AnakinraHighDose => ("Anakinra, high dose", "Anakinra, dosis alta"),
        StepId::Corticosteroids => ("Corticosteroids", "Corticoides"),
        StepId::Reassess48h => (
            "Reassess at 48 h; switch if no response",
            "Reevaluar a las 48 h; cambiar si no hay respuesta",
        ),
        StepId::Etoposide => ("Etoposide", "Etopósido"),
        StepId::IntrathecalCytarabine => (
            "Intrathecal cytarabine (with ICANS)",
            "Citarabina intratecal (con ICANS)",
        ),
        StepId::IntrathecalHydrocortisone => (
            "Intrathecal hydrocortisone (with ICANS)",
            "Hidrocortisona intratecal (con ICANS)",
        ),
        StepId::RuDep => ("Ru-DEP regimen", "Esquema Ru-DEP"),
        StepId::FibrinogenReplacement => (
            "Fibrinogen replacement (cryoprecipitate or concentrate)",
            "Reposición de fibrinógeno (crioprecipitado o concentrado)",
        ),
        StepId::RedCellTransfusion => ("Red-cell transfusion", "Transfusión de hematíes"),
        StepId::PlateletTransfusion => ("Platelet transfusion", "Transfusión de plaquetas"),
        StepId::GCsf => ("G-CSF", "G-CSF"),
        StepId::VitaminK => ("Vitamin K", "Vitamina K"),
        StepId::FreshFrozenPlasma => ("Fresh frozen plasma", "Plasma fresco congelado"),
        StepId::DailyMonitoring => ("Daily monitoring panel", "Monitorización diaria"),
    };
    tr(lang, en, es)
}

fn trigger_text(lang: Lang, t: Trigger) -> String {
    match t {
        Trigger::Always => tr(
            lang,
            "for every patient at this grade",
            "para todo paciente en este grado",
        )
        .into(),
        Trigger::Consider => tr(lang, "consider", "considerar").into(),
        Trigger::Controversial => tr(lang, "controversial", "controvertido").into(),
        Trigger::AnyOf(list) => list
            .iter()
            .map(|t| trigger_text(lang, *t))
            .collect::<Vec<_>>()
            .join(tr(lang, ", or ", ", o ")),
        Trigger::FeverLongerThanHours(h) => format!(
            "{} {h} h",
            tr(lang, "fever longer than", "fiebre durante más de")
        ),
        Trigger::HighRiskPatient => tr(lang, "high-risk patient", "paciente de alto riesgo").into(),
        Trigger::NoImprovementAfterHours(h) => format!(
            "{} {h} h",
            tr(lang, "no improvement after", "sin mejoría tras")
        ),
        Trigger::NoImprovement => tr(lang, "no improvement", "sin mejoría").into(),
        Trigger::HighIcansRisk => tr(lang, "high risk of ICANS", "alto riesgo de ICANS").into(),
        Trigger::Refractory => tr(lang, "refractory", "refractario").into(),
        Trigger::NoResponseAfterHours(h) => format!(
            "{} {h} h",
            tr(lang, "no response after", "sin respuesta tras")
        ),
        Trigger::Icans => tr(lang, "with ICANS", "con ICANS").into(),
        Trigger::BleedingOrCoagulopathy => {
            tr(lang, "bleeding or coagulopathy", "sangrado o coagulopatía").into()
        }
        Trigger::InrAbove(x) => format!("INR > {}", format_number(x)),
        Trigger::Daily => tr(lang, "daily", "diario").into(),
        Trigger::StudiedInRefractoryRelapsedHlhOfMixedCauses => tr(
            lang,
            "studied in refractory/relapsed HLH of mixed causes (Wang 2021), NOT in IEC-HS",
            "estudiado en HLH refractaria/recidivante de causas mixtas (Wang 2021), NO en IEC-HS",
        )
        .into(),
    }
}

fn schedule_text(lang: Lang, s: Schedule) -> String {
    match s {
        Schedule::Once => tr(lang, "single dose", "dosis única").into(),
        Schedule::Every {
            hours_min,
            hours_max,
        } if hours_min == hours_max => format!("{} {hours_min} h", tr(lang, "every", "cada")),
        Schedule::Every {
            hours_min,
            hours_max,
        } => format!("{} {hours_min}–{hours_max} h", tr(lang, "every", "cada")),
        Schedule::AsNeeded {
            min_interval_h,
            max_per_24h,
            max_total,
        } => format!(
            "{} ≥ {min_interval_h} h; ≤ {max_per_24h} {}; ≤ {max_total} {}",
            tr(
                lang,
                "repeat only if needed,",
                "repetir solo si es necesario,"
            ),
            tr(lang, "doses in 24 h", "dosis en 24 h"),
            tr(lang, "doses in total", "dosis en total")
        ),
        Schedule::RepeatAfterDays { min, max } => format!(
            "{} {min}–{max} {}",
            tr(
                lang,
                "per dose; may repeat after",
                "por dosis; repetible tras"
            ),
            tr(lang, "days", "días")
        ),
    }
}

fn mg(r: MgRange) -> String {
    if r.is_single() {
        format!("{} mg", format_number(round1(r.low)))
    } else {
        format!(
            "{}–{} mg",
            format_number(round1(r.low)),
            format_number(round1(r.high))
        )
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The dose with its working: "8 mg/kg × 112 kg = 896 mg → capped at 800 mg".
pub fn dose_text(lang: Lang, d: &DoseResult) -> String {
    let w = d
        .weight_kg
        .map(|w| format_number(round1(w)))
        .unwrap_or_default();
    let mut s = match d.rule {
        DoseRule::PerKg { mg_per_kg, .. } => format!(
            "{} mg/kg × {w} kg = {}",
            format_number(mg_per_kg),
            d.per_dose_uncapped.map(mg).unwrap_or_default()
        ),
        DoseRule::PerKgPerDay {
            mg_per_kg_day,
            doses_per_day,
            ..
        } => format!(
            "{} mg/kg/{} × {w} kg = {}/{}, {} {doses_per_day} {} = {} {}",
            format_number(mg_per_kg_day),
            tr(lang, "day", "día"),
            d.per_day.map(mg).unwrap_or_default(),
            tr(lang, "day", "día"),
            tr(lang, "in", "en"),
            tr(lang, "doses", "dosis"),
            d.per_dose_uncapped.map(mg).unwrap_or_default(),
            tr(lang, "per dose", "por dosis"),
        ),
        DoseRule::PerM2 {
            mg_per_m2_low,
            mg_per_m2_high,
            ..
        } => {
            let per = if mg_per_m2_low == mg_per_m2_high {
                format_number(mg_per_m2_low)
            } else {
                format!(
                    "{}–{}",
                    format_number(mg_per_m2_low),
                    format_number(mg_per_m2_high)
                )
            };
            format!(
                "{per} mg/m² × {} m² = {}",
                d.bsa_m2
                    .map(|b| format_number((b * 100.0).round() / 100.0))
                    .unwrap_or_default(),
                d.per_dose_uncapped.map(mg).unwrap_or_default()
            )
        }
        DoseRule::Fixed { .. } | DoseRule::FixedRange { .. } => {
            d.per_dose.map(mg).unwrap_or_default()
        }
        DoseRule::PerDay { mg_low, mg_high } => format!(
            "{}/{}",
            mg(MgRange {
                low: mg_low,
                high: mg_high
            }),
            tr(lang, "day", "día")
        ),
    };
    if d.capped {
        if let (Some(cap), Some(given)) = (d.cap_mg, d.per_dose) {
            s.push_str(&format!(
                " → {} {} ({})",
                tr(lang, "capped at", "limitado a"),
                format_number(cap),
                mg(given)
            ));
        }
    }
    if let Some(a) = d.approx_per_dose_mg {
        s.push_str(&format!(" (≈ {} mg)", format_number(a)));
    }
    if let Some(sched) = d.rule.schedule() {
        s.push_str(&format!(", {}", schedule_text(lang, sched)));
    }
    if let (Some(day), false) = (
        d.per_day,
        matches!(
            d.rule,
            DoseRule::PerKgPerDay { .. } | DoseRule::PerDay { .. }
        ),
    ) {
        s.push_str(&format!(" = {}/{}", mg(day), tr(lang, "day", "día")));
    }
    if let Some(m) = d.max_per_24h_mg {
        s.push_str(&format!(
            " ({} {} mg/24 h)",
            tr(lang, "max", "máx."),
            format_number(m)
        ));
    }
    s
}

fn dose_error(lang: Lang, e: DoseError) -> &'static str {
    match e {
        DoseError::MissingWeight => tr(
            lang,
            "enter the weight to compute this dose",
            "introduzca el peso para calcular esta dosis",
        ),
        DoseError::MissingHeight => tr(
            lang,
            "enter the height to compute this dose (BSA)",
            "introduzca la talla para calcular esta dosis (SC)",
        ),
        DoseError::MissingWeightAndHeight => tr(
            lang,
            "enter weight and height to compute this dose (BSA)",
            "introduzca peso y talla para calcular esta dosis (SC)",
        ),
        _ => tr(
            lang,
            "dose cannot be computed",
            "no se puede calcular la dosis",
        ),
    }
}

fn days_text(lang: Lang, d: Days) -> String {
    match d {
        Days::For { min, max } if min == max => format!("× {min} {}", tr(lang, "days", "días")),
        Days::For { min, max } => format!("× {min}–{max} {}", tr(lang, "days", "días")),
        Days::On(days) => format!(
            "{} {}",
            tr(lang, "on day(s)", "día(s)"),
            days.iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Days::UntilGradeAtMost(g) => format!("{} ≤ {g}", tr(lang, "until grade", "hasta grado")),
    }
}

fn verification(lang: Lang, v: Verification) -> Html {
    match v {
        Verification::Verified => {
            html! { <span class="tag verified">{ tr(lang, "✔ verified against guidance", "✔ verificado con guías") }</span> }
        }
        Verification::ReviewChoiceGuidelinesDiffer => {
            html! { <span class="tag differ">{ tr(lang, "≈ review's choice; guidelines differ", "≈ elección de la revisión; las guías difieren") }</span> }
        }
        Verification::AsStatedInReviewNotVerified => {
            html! { <span class="tag unverified">{ tr(lang, "⚠ as stated in the review, not verified against a guideline", "⚠ según la revisión, no verificado con una guía") }</span> }
        }
        Verification::Corrected { review_said } => {
            html! { <span class="tag corrected">{ tr(lang, "✎ corrected; the review said: ", "✎ corregido; la revisión decía: ") }{ review_said }</span> }
        }
    }
}

fn now_minutes() -> i64 {
    (js_sys_now() / 60_000.0).floor() as i64
}

fn js_sys_now() -> f64 {
    js_sys::Date::now()
}

#[component(TreatmentPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let p = &app.parsed.patient;
    let grade = crs::assess(p)
        .assessment
        .value
        .filter(|g| (1..=4).contains(g));
    let selected = use_state(|| None::<Regimen>);
    let regimen = selected.unwrap_or(match grade {
        Some(g) => Regimen::CrsGrade(g as u8),
        None => Regimen::CrsGrade(1),
    });
    let planned = regimens::plan(regimen.steps(), p.weight, p.height);
    let bsa = match (p.weight, p.height) {
        (Some(w), Some(h)) => Some(iectox::treatment::dose::bsa_mosteller(w, h)),
        _ => None,
    };
    let tabs = Regimen::ALL.iter().map(|&r| {
        let onclick = {
            let selected = selected.clone();
            Callback::from(move |_| selected.set(Some(r)))
        };
        let active = r == regimen;
        html! {
            <button type="button" role="tab" aria-selected={if active { "true" } else { "false" }}
                class={classes!("tab", active.then_some("active"))} {onclick}>{ regimen_label(lang, r) }</button>
        }
    });
    html! {
        <Page route={Route::Treatment}>
            <p class="note">{ tr(lang, "Management steps of the review (Mayor-Vázquez 2025) as data, with the corrected doses and caps. Decision support: check every dose against your protocol and the product label.", "Pasos de tratamiento de la revisión (Mayor-Vázquez 2025) como datos, con las dosis corregidas y los topes. Apoyo a la decisión: compruebe cada dosis con su protocolo y la ficha técnica.") }</p>
            <div class="two-col">
                <div>
                    <Fieldset legend={tr(lang, "Dosing weight and height", "Peso y talla para la dosis")} fields={vec![Field::Weight, Field::Height]} />
                    if let Some(b) = bsa {
                        <p id="bsa">{ format!("{} (Mosteller) = {} m²", tr(lang, "Body-surface area", "Superficie corporal"), format_number((b * 100.0).round() / 100.0)) }</p>
                    }
                    <TocilizumabLogPanel />
                </div>
                <div>
                    <div role="tablist" class="tabs" aria-label={tr(lang, "Regimen", "Esquema")}>{ for tabs }</div>
                    if let Some(g) = grade {
                        <p class="hint">{ format!("{} {g}", tr(lang, "Current ASTCT CRS grade:", "Grado ASTCT actual de SLC:")) }</p>
                    }
                    <ol class="steps" id="treatment-steps">
                    { for planned.iter().map(|ps| {
                        let step = ps.step;
                        html! {
                            <li class="step" data-step={format!("{:?}", step.id)}>
                                <h3>{ step_label(lang, step.id) }</h3>
                                <p class="trigger">{ trigger_text(lang, step.trigger) }</p>
                                { for step.regimen.iter().zip(ps.doses.iter()).map(|(phase, dose)| {
                                    let drug = phase.drug.or(step.drug).map(|d| d.name()).unwrap_or("");
                                    let text = match dose {
                                        Some(Ok(d)) => dose_text(lang, d),
                                        Some(Err(e)) => dose_error(lang, *e).to_string(),
                                        None => tr(lang, "taper (doses as per protocol)", "descenso (dosis según protocolo)").to_string(),
                                    };
                                    html! {
                                        <p class="dose">
                                            if !drug.is_empty() { <strong>{ drug }{ ": " }</strong> }
                                            { text }
                                            if let Some(days) = phase.days { { format!(" {}", days_text(lang, days)) } }
                                        </p>
                                    }
                                }) }
                                { verification(lang, step.verification) }
                                if let ReviewEvidence::AsStated(e) = step.review_evidence { <p class="evidence">{ tr(lang, "Evidence (review): ", "Evidencia (revisión): ") }{ e }</p> }
                                if let Some(n) = step.note { <p class="step-note">{ n }</p> }
                            </li>
                        }
                    }) }
                    </ol>
                </div>
            </div>
        </Page>
    }
}

#[component(TocilizumabLogPanel)]
fn tocilizumab_log_panel() -> Html {
    let app = use_app();
    let lang = app.lang;
    let doses: Vec<i64> = app
        .form
        .tocilizumab_doses
        .iter()
        .map(|ms| (ms / 60_000.0).floor() as i64)
        .collect();
    let log = TocilizumabLog::from_doses(&doses);
    let now = now_minutes();
    let when = use_state(String::new);
    let on_when = {
        let when = when.clone();
        Callback::from(move |e: InputEvent| {
            when.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let add = {
        let app = app.clone();
        let when = when.clone();
        Callback::from(move |_| {
            let at = if when.is_empty() {
                js_sys_now()
            } else {
                let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&when));
                d.get_time()
            };
            if at.is_finite() {
                app.dispatch(Action::AddTocilizumabDose(at));
            }
        })
    };
    let next = log.next_earliest(now);
    html! {
        <section class="toci-log" id="toci-log" aria-labelledby="toci-title">
            <h2 id="toci-title">{ tr(lang, "Tocilizumab dose log", "Registro de dosis de tocilizumab") }</h2>
            <ol>
            { for log.doses().iter().enumerate().map(|(i, &m)| {
                let remove = {
                    let app = app.clone();
                    Callback::from(move |_| app.dispatch(Action::RemoveTocilizumabDose(i)))
                };
                html! { <li>{ time_text(m) }{ " " }<button type="button" class="small secondary" onclick={remove} aria-label={tr(lang, "Remove this dose", "Quitar esta dosis")}>{ "✕" }</button></li> }
            }) }
            </ol>
            <label for="toci-when">{ tr(lang, "Time given (empty = now)", "Hora de administración (vacío = ahora)") }</label>
            <input id="toci-when" type="datetime-local" value={(*when).clone()} oninput={on_when} />
            <button type="button" id="toci-add" onclick={add}>{ tr(lang, "Record dose", "Registrar dosis") }</button>
            <p id="toci-next">{ match next {
                Some(t) if t <= now => tr(lang, "A dose may be given now (if indicated).", "Se puede administrar una dosis ahora (si está indicada).").to_string(),
                Some(t) => format!("{} {}", tr(lang, "Next dose not before", "Siguiente dosis no antes de"), time_text(t)),
                None => tr(lang, "Maximum of 4 doses reached: no further tocilizumab.", "Máximo de 4 dosis alcanzado: no más tocilizumab.").to_string(),
            } }</p>
            { for log.warnings(now).iter().map(|w| html! { <p class="warning" role="alert">{ "⚠ " }{ warning_text(lang, w) }</p> }) }
        </section>
    }
}

fn warning_text(lang: Lang, w: &LogWarning) -> String {
    match w {
        LogWarning::ThreeDosesIn24h { until } => format!(
            "{} {}",
            tr(
                lang,
                "3 doses in the last 24 h: no further dose until",
                "3 dosis en las últimas 24 h: ninguna más hasta"
            ),
            time_text(*until)
        ),
        LogWarning::FourDosesTotal => tr(
            lang,
            "4 doses in total: the maximum.",
            "4 dosis en total: el máximo.",
        )
        .into(),
        LogWarning::IntervalUnder8h { .. } => tr(
            lang,
            "Two recorded doses are less than 8 h apart.",
            "Dos dosis registradas distan menos de 8 h.",
        )
        .into(),
    }
}

fn time_text(minutes: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(minutes as f64 * 60_000.0));
    let s: String = d
        .to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED)
        .into();
    s
}
