//! The one point where a completed SMART launch hands its data to the rest of the app.
//!
//! [`Fetched::resources`] holds the FHIR JSON exactly as the server sent it (the Patient, then
//! every `searchset` page), in memory only. [`prepare`] runs the core's FHIR import on it (the
//! same reader, codes, units and used/ignored reasons as a file import) and picks, per field,
//! the latest value and whether it is still current (the core's validity windows). The
//! clinician reads the report — every value with its source and time, stale values marked and
//! not applied, every ignored resource with its reason — and confirms; only then is the app's
//! patient replaced, in one step (as "New patient" then typing them, the embed's path).
//!
//! Applying ([`apply`]) goes the file import's way (`crate::fhir_import`): every value at its
//! own time, one time point per distinct time, treatments with their doses, into a new patient
//! in one step. The "latest" table is what the clinician checks first; stale values are marked
//! and land at their own (past) times, so they never stand for the present.

use std::rc::Rc;

use iectox::course::fields::class_of;
use iectox::course::CourseSettings;
use iectox::fhir::{IgnoreReason, Import, ImportedValue, Outcome, TimeError, TreatmentDrug};
use iectox::json::parse_patient;
use iectox::units::Unit;
use iectox::Field;
use serde_json::{Map, Value};
use yew::prelude::*;

use super::flow::Fetched;
use crate::form::{format_number, FormState};
use crate::hooks::use_app;
use crate::i18n::labels::{error_message, field_label, option_label, unit_label};
use crate::i18n::{tr, Lang};
use crate::pages::embed::{form_of, HostProblem};
use crate::state::{Action, AppContext};

/// The latest value of one field in the record, and whether it is still current.
#[derive(Clone, Debug, PartialEq)]
pub struct Latest {
    pub value: ImportedValue,
    /// Older than its validity window at the time of reading: shown, not applied.
    pub stale: bool,
    /// The window in minutes (`None`: no expiry).
    pub window: Option<i64>,
}

/// What the import would do, before the clinician confirms.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    pub import: Import,
    /// The time of reading (minutes since the epoch), against which "current" is judged.
    pub now: i64,
    /// One row per field, in the order of the record.
    pub latest: Vec<Latest>,
    /// The form holding every current value, or why it cannot (then nothing is applied).
    pub form: Result<FormState, Vec<HostProblem>>,
    /// Tocilizumab doses, as the app's log keeps them (ms since the epoch).
    pub tocilizumab_ms: Vec<f64>,
}

impl Prepared {
    /// Values applied: every value read, each at its own time.
    pub fn applied(&self) -> usize {
        self.import
            .values
            .iter()
            .filter(|v| v.field.is_some())
            .count()
    }

    /// The course the import gives (the file import's plan).
    pub fn plan(&self) -> crate::fhir_import::Plan {
        crate::fhir_import::plan(&self.import)
    }
}

/// The fetched pages as one `collection` Bundle: the Patient (for the age at each time) and
/// every entry of every page.
pub fn bundle(fetched: &Fetched) -> Value {
    let mut entries = Vec::new();
    for text in &fetched.resources {
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        if v["resourceType"] == "Bundle" {
            if let Some(es) = v["entry"].as_array() {
                entries.extend(es.iter().cloned());
            }
        } else {
            entries.push(serde_json::json!({ "resource": v }));
        }
    }
    serde_json::json!({ "resourceType": "Bundle", "type": "collection", "entry": entries })
}

/// Puts `value` at a record path (`ferritin`, `ice_items.orientation`).
fn insert(record: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        Some((head, rest)) => {
            let inner = record
                .entry(head)
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = inner {
                insert(m, rest, value);
            }
        }
        None => {
            record.insert(path.into(), value);
        }
    }
}

/// Runs the core's import on what was read and decides what would be applied at `now`
/// (minutes since the epoch).
pub fn prepare(fetched: &Fetched, now: i64) -> Result<Prepared, String> {
    let import = iectox::fhir::import(&bundle(fetched).to_string()).map_err(|e| e.to_string())?;
    let settings = CourseSettings::default();
    let mut latest: Vec<Latest> = Vec::new();
    // Values are in time order: a later value of a field replaces the row.
    for v in import.values.iter().filter(|v| v.field.is_some()) {
        let field = v.field.unwrap_or(Field::Age);
        let window = settings.validity(class_of(field));
        let row = Latest {
            stale: !settings.is_current(field, v.at, now),
            window,
            value: v.clone(),
        };
        match latest.iter_mut().find(|l| l.value.field == v.field) {
            Some(existing) => *existing = row,
            None => latest.push(row),
        }
    }
    // The app holds the patient now: the age is the age today, from the birth date (the
    // import gives the age at each time point, for a course).
    if let Some(birth) = import.birth_date {
        let row = Latest {
            value: ImportedValue {
                at: now,
                name: iectox::fhir::field_name(Field::Age),
                field: Some(Field::Age),
                value: serde_json::json!({ "value": iectox::fhir::age_years_at(birth, now), "unit": "years" }),
                source: Some("Patient.birthDate".into()),
            },
            stale: false,
            window: None,
        };
        latest.retain(|l| l.value.field != Some(Field::Age));
        latest.insert(0, row);
    }
    let mut record = Map::new();
    for l in latest.iter().filter(|l| !l.stale) {
        insert(&mut record, &l.value.name, l.value.value.clone());
    }
    let form = parse_patient(Value::Object(record))
        .map_err(|errors| errors.into_iter().map(HostProblem::Record).collect())
        .and_then(|patient| form_of(&patient));
    let tocilizumab_ms = import
        .treatments
        .iter()
        .filter(|t| t.drug == TreatmentDrug::Tocilizumab)
        .map(|t| t.at as f64 * 60_000.0)
        .collect();
    Ok(Prepared {
        import,
        now,
        latest,
        form,
        tocilizumab_ms,
    })
}

/// Opens a new patient holding the whole course read (every value at its time, the
/// treatments with their doses), in one step; `false` (nothing changed) when a value cannot
/// be held by the form.
pub fn apply(app: &AppContext, prepared: &Prepared) -> bool {
    match crate::fhir_import::CourseImport::of(&prepared.plan(), true, "SMART import") {
        Some(import) => {
            app.dispatch(Action::ApplyCourseImport(import));
            true
        }
        None => false,
    }
}

/// Local date and time with the UTC offset, from minutes since the epoch.
pub fn local_time(minutes: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(minutes as f64 * 60_000.0));
    let offset = -(d.get_timezone_offset() as i64);
    let sign = if offset < 0 { '−' } else { '+' };
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} (UTC{sign}{:02}:{:02})",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        offset.abs() / 60,
        offset.abs() % 60
    )
}

/// Whole years between an ISO date (`YYYY-MM-DD`) and today, to recognise the patient.
pub fn age_today(birth_date: &str) -> Option<u32> {
    let mut parts = birth_date.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.get(..2)?.parse().ok()?;
    let now = js_sys::Date::new_0();
    let (ny, nm, nd) = (
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    );
    let mut age = ny - y;
    if (nm, nd) < (m, d) {
        age -= 1;
    }
    u32::try_from(age).ok()
}

/// A record value as the clinician reads it: `12500 ng/mL`, `yes`, `3`, an option's label.
pub fn value_text(lang: Lang, v: &Value) -> String {
    match v {
        Value::Object(q) => {
            let number = q
                .get("value")
                .and_then(Value::as_f64)
                .map(|x| format_number((x * 100.0).round() / 100.0))
                .unwrap_or_default();
            let unit = q
                .get("unit")
                .and_then(|u| serde_json::from_value::<Unit>(u.clone()).ok())
                .map(|u| unit_label(lang, u).to_string())
                .or_else(|| q.get("unit").and_then(Value::as_str).map(str::to_string))
                .unwrap_or_default();
            format!("{number} {unit}").trim().to_string()
        }
        Value::Bool(true) => tr(lang, "yes", "sí").into(),
        Value::Bool(false) => tr(lang, "no", "no").into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => option_label(lang, s).to_string(),
        other => other.to_string(),
    }
}

fn window_text(lang: Lang, minutes: i64) -> String {
    let hours = minutes / 60;
    match lang {
        Lang::En => format!("older than {hours} h: not current (kept at its own time)"),
        Lang::Es => format!("de hace más de {hours} h: no vigente (se guarda en su hora)"),
    }
}

/// Why a resource was not used, in words.
pub fn reason_text(lang: Lang, r: &IgnoreReason) -> String {
    let es = lang == Lang::Es;
    match r {
        IgnoreReason::UnknownCode { codes } if es => {
            format!("código que IEC-Tox no lee ({})", codes.join(", "))
        }
        IgnoreReason::UnknownCode { codes } => {
            format!("a code IEC-Tox does not read ({})", codes.join(", "))
        }
        IgnoreReason::NotAnInput { code } if es => {
            format!("{code}: se lee pero ninguna escala lo usa (el ASTCT gradúa por el soporte)")
        }
        IgnoreReason::NotAnInput { code } => {
            format!("{code}: read, but no score uses it (ASTCT grades by the support given)")
        }
        IgnoreReason::Invalid { error } => {
            format!(
                "{}: {}",
                field_label(lang, error.field),
                error_message(lang, error)
            )
        }
        IgnoreReason::NoValue => tr(lang, "no value", "sin valor").into(),
        IgnoreReason::DataAbsent { reason } if es => format!("dato ausente ({reason})"),
        IgnoreReason::DataAbsent { reason } => format!("data absent ({reason})"),
        IgnoreReason::Status { status } if es => format!("estado «{status}»"),
        IgnoreReason::Status { status } => format!("status \"{status}\""),
        IgnoreReason::NoTime { error } => {
            let detail = match error {
                Some(TimeError::DateOnly { text }) => {
                    format!(
                        " ({text}: {})",
                        tr(lang, "a date without a time", "fecha sin hora")
                    )
                }
                Some(TimeError::NoTimeZone { text }) => {
                    format!(
                        " ({text}: {})",
                        tr(lang, "no time zone", "sin zona horaria")
                    )
                }
                Some(TimeError::Malformed { text }) => format!(" ({text})"),
                _ => String::new(),
            };
            format!(
                "{}{detail}",
                tr(lang, "no usable time", "sin hora utilizable")
            )
        }
        IgnoreReason::UnsupportedResource => tr(
            lang,
            "a resource type IEC-Tox does not read",
            "tipo de recurso que IEC-Tox no lee",
        )
        .into(),
        IgnoreReason::IecToxResult => tr(
            lang,
            "a result written by IEC-Tox (scores are recomputed)",
            "resultado escrito por IEC-Tox (las escalas se recalculan)",
        )
        .into(),
        IgnoreReason::Malformed { message } => {
            format!("{}: {message}", tr(lang, "malformed", "mal formado"))
        }
        IgnoreReason::OtherMedication => tr(
            lang,
            "a medication IEC-Tox does not record",
            "medicación que IEC-Tox no registra",
        )
        .into(),
    }
}

pub fn drug_name(lang: Lang, d: TreatmentDrug) -> &'static str {
    match d {
        TreatmentDrug::Tocilizumab => "tocilizumab",
        TreatmentDrug::Dexamethasone => tr(lang, "dexamethasone", "dexametasona"),
        TreatmentDrug::Methylprednisolone => tr(lang, "methylprednisolone", "metilprednisolona"),
        TreatmentDrug::Anakinra => "anakinra",
    }
}

#[derive(Properties, PartialEq)]
pub struct FetchedProps {
    pub fetched: Rc<Fetched>,
    /// Forget the data read.
    pub on_discard: Callback<()>,
    /// The patient was replaced: (values applied, tocilizumab doses).
    pub on_imported: Callback<(usize, usize)>,
}

#[component(FetchedReport)]
pub fn fetched_report(props: &FetchedProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let f = &props.fetched;
    let prepared = {
        let f = f.clone();
        use_memo(f, |f| prepare(f, (f.fetched_ms / 60_000.0).floor() as i64))
    };
    let p = &f.patient;
    let unknown = tr(lang, "not given", "no consta");
    let age = p
        .birth_date
        .as_deref()
        .and_then(age_today)
        .map(|a| format!(" ({a} {})", tr(lang, "years", "años")))
        .unwrap_or_default();
    let discard = {
        let cb = props.on_discard.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let host = web_sys::Url::new(&f.iss)
        .map(|u| u.host())
        .unwrap_or_default();
    let identity = html! {
        <dl class="smart-patient">
            <dt>{ tr(lang, "Patient in the record", "Paciente en la historia") }</dt>
            <dd id="smart-patient-name">{ p.name.clone().unwrap_or_else(|| unknown.into()) }</dd>
            <dt>{ tr(lang, "Born", "Nacimiento") }</dt>
            <dd id="smart-patient-born">{ format!("{}{age}", p.birth_date.clone().unwrap_or_else(|| unknown.into())) }</dd>
            <dt>{ tr(lang, "Source", "Origen") }</dt>
            <dd id="smart-source">{ f.iss.clone() }</dd>
            if let Some(e) = &f.encounter {
                <dt>{ tr(lang, "Encounter", "Episodio") }</dt>
                <dd id="smart-encounter">{ e.clone() }</dd>
            }
            <dt>{ tr(lang, "Read at", "Leído") }</dt>
            <dd id="smart-read-at">{ local_time((f.fetched_ms / 60_000.0).floor() as i64) }</dd>
        </dl>
    };
    let counts = html! {
        <table id="smart-counts">
            <caption>{ tr(lang, "Resources read (all queries completed)", "Recursos leídos (todas las consultas completadas)") }</caption>
            <thead><tr><th scope="col">{ tr(lang, "FHIR resource", "Recurso FHIR") }</th><th scope="col">{ tr(lang, "Count", "Número") }</th></tr></thead>
            <tbody>
                <tr><th scope="row">{ "Patient" }</th><td class="num">{ 1 }</td></tr>
                <tr><th scope="row">{ "Observation" }</th><td class="num" id="smart-count-observations">{ f.observations }</td></tr>
                <tr><th scope="row">{ "MedicationAdministration" }</th>{
                    match f.medications {
                        Some(n) => html! { <td class="num" id="smart-count-medications">{ n }</td> },
                        None => html! { <td id="smart-count-medications">{ tr(lang, "not read: the access granted does not include them", "no leídas: el acceso concedido no las incluye") }</td> },
                    }
                }</tr>
            </tbody>
        </table>
    };
    let discard_button = html! {
        <button type="button" class="secondary" id="smart-discard" onclick={discard}>{ tr(lang, "Discard what was read", "Descartar lo leído") }</button>
    };
    if f.is_empty() {
        return html! {
            <section id="smart-fetched" aria-labelledby="smart-fetched-title">
                <h2 id="smart-fetched-title">{ tr(lang, "Read from the record", "Leído de la historia clínica") }</h2>
                { identity }
                <p class="warning" id="smart-no-data" role="status">{ tr(lang,
                    "The record has no laboratory results, vital signs or tocilizumab/corticosteroid administrations that IEC-Tox reads for this patient. Nothing to import: enter the values by hand.",
                    "La historia clínica no tiene resultados de laboratorio, constantes ni administraciones de tocilizumab/corticoides que IEC-Tox lea para este paciente. Nada que importar: introduzca los valores a mano.") }</p>
                <p>{ discard_button }</p>
            </section>
        };
    }
    let prepared = match &*prepared {
        Ok(p) => p.clone(),
        Err(message) => {
            return html! {
                <section id="smart-fetched" aria-labelledby="smart-fetched-title">
                    <h2 id="smart-fetched-title">{ tr(lang, "Read from the record", "Leído de la historia clínica") }</h2>
                    { identity }
                    <p class="error" id="smart-import-error" role="alert">{ format!("{}: {message}", tr(lang, "The data could not be imported; nothing was applied", "No se pudieron importar los datos; no se aplicó nada")) }</p>
                    <p>{ discard_button }</p>
                </section>
            };
        }
    };
    let rows = prepared.latest.iter().map(|l| {
        let v = &l.value;
        let label = v.field.map(|f| field_label(lang, f)).unwrap_or_default();
        let status = match (l.stale, l.window) {
            (true, Some(w)) => html! { <span class="warning">{ window_text(lang, w) }</span> },
            _ => html! { { tr(lang, "current", "vigente") } },
        };
        html! {
            <tr data-field={v.name.clone()} class={classes!(l.stale.then_some("stale"))}>
                <th scope="row">{ label }</th>
                <td class="value">{ value_text(lang, &v.value) }</td>
                <td class="time">{ local_time(v.at) }</td>
                <td class="source">{ format!("{} ({host})", v.source.clone().unwrap_or_default()) }</td>
                <td class="applies">{ status }</td>
            </tr>
        }
    });
    let earlier = prepared
        .import
        .values
        .iter()
        .filter(|v| v.field.is_some())
        .count()
        - prepared.latest.len();
    let treatments = prepared.import.treatments.iter().map(|t| {
        let applied = tr(lang, "added to the treatment log", "se añade al registro de tratamientos");
        html! {
            <tr data-drug={format!("{:?}", t.drug).to_ascii_lowercase()}>
                <th scope="row">{ drug_name(lang, t.drug) }</th>
                <td class="value">{ t.dose_mg.map(|d| format!("{} mg", format_number(d))).unwrap_or_else(|| "—".into()) }</td>
                <td class="time">{ local_time(t.at) }</td>
                <td class="source">{ format!("{} ({host})", t.source.clone().unwrap_or_default()) }</td>
                <td class="applies">{ applied }</td>
            </tr>
        }
    });
    let ignored: Vec<_> = prepared
        .import
        .report
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Ignored { reason } => Some((r, reason)),
            _ => None,
        })
        .collect();
    let used = prepared.import.report.len() - ignored.len();
    let confirm = {
        let app = app.clone();
        let prepared = prepared.clone();
        let on_imported = props.on_imported.clone();
        Callback::from(move |_| {
            if prepared.form.is_err() {
                return;
            }
            let question = tr(
                app.lang,
                "Open a new patient in IEC-Tox holding these values, each at its own time, and the treatments?",
                "¿Abrir un paciente nuevo en IEC-Tox con estos valores, cada uno en su hora, y los tratamientos?",
            );
            if gloo::dialogs::confirm(question) && apply(&app, &prepared) {
                on_imported.emit((prepared.applied(), prepared.tocilizumab_ms.len()));
            }
        })
    };
    html! {
        <section id="smart-fetched" aria-labelledby="smart-fetched-title">
            <h2 id="smart-fetched-title">{ tr(lang, "Read from the record", "Leído de la historia clínica") }</h2>
            { identity }
            { counts }
            <h3>{ tr(lang, "Values (the latest of each)", "Valores (el último de cada uno)") }</h3>
            <table id="smart-values">
                <thead><tr>
                    <th scope="col">{ tr(lang, "Field", "Campo") }</th>
                    <th scope="col">{ tr(lang, "Value", "Valor") }</th>
                    <th scope="col">{ tr(lang, "Time", "Hora") }</th>
                    <th scope="col">{ tr(lang, "Source", "Origen") }</th>
                    <th scope="col">{ tr(lang, "Import", "Importación") }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if earlier > 0 {
                <p class="note" id="smart-earlier">{ match lang {
                    Lang::En => format!("{earlier} earlier values were read: each goes into the course at its own time."),
                    Lang::Es => format!("Se leyeron {earlier} valores anteriores: cada uno va al curso en su hora."),
                } }</p>
            }
            if !prepared.import.treatments.is_empty() {
                <h3>{ tr(lang, "Treatments given", "Tratamientos administrados") }</h3>
                <table id="smart-treatments"><tbody>{ for treatments }</tbody></table>
            }
            <h3>{ tr(lang, "Report", "Informe") }</h3>
            <p id="smart-report-summary">{ match lang {
                Lang::En => format!("{used} used, {} ignored:", ignored.len()),
                Lang::Es => format!("{used} usados, {} ignorados:", ignored.len()),
            } }</p>
            <ul id="smart-ignored">
                { for ignored.iter().map(|(r, reason)| html! {
                    <li>{ format!("{}{}{}: {}", r.resource_type, r.id.as_ref().map(|i| format!("/{i}")).unwrap_or_default(),
                        r.code.as_ref().map(|c| format!(" [{c}]")).unwrap_or_default(), reason_text(lang, reason)) }</li>
                }) }
            </ul>
            {
                match &prepared.form {
                    Ok(_) if prepared.applied() > 0 || !prepared.tocilizumab_ms.is_empty() => html! {
                        <p class="actions">
                            <button type="button" id="smart-import" onclick={confirm}>{ tr(lang, "Import into IEC-Tox", "Importar en IEC-Tox") }</button>
                            { " " }{ discard_button }
                        </p>
                    },
                    Ok(_) => html! {
                        <>
                            <p class="warning" id="smart-nothing-current">{ tr(lang,
                                "No value is current (every one is older than its validity window): nothing to apply. Enter the current values by hand.",
                                "Ningún valor está vigente (todos superan su ventana de validez): nada que aplicar. Introduzca los valores actuales a mano.") }</p>
                            <p>{ discard_button }</p>
                        </>
                    },
                    Err(problems) => html! {
                        <div class="error" id="smart-import-error" role="alert">
                            <p>{ tr(lang, "These values cannot be applied; nothing was changed:", "Estos valores no se pueden aplicar; no se cambió nada:") }</p>
                            <ul>{ for problems.iter().map(|p| html! { <li>{ p.text(lang) }</li> }) }</ul>
                            <p>{ discard_button }</p>
                        </div>
                    },
                }
            }
        </section>
    }
}
