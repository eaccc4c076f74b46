//! "Import from the record" and "Export FHIR": a FHIR R4 JSON document chosen, dropped or
//! pasted is read here (no network request), its used/ignored report shown, and only then,
//! on the clinician's choice, applied to the open patient or a new one, in one step.

use std::rc::Rc;

use iectox::fhir::{Import, Outcome, ResourceReport};
use yew::prelude::*;

use crate::components::page::Page;
use crate::fhir_import::{plan, CourseImport, Plan};
use crate::files::{download, local_date, local_datetime, read_text};
use crate::form::format_number;
use crate::hooks::use_app;
use crate::i18n::labels::field_label;
use crate::i18n::{tr, Lang};
use crate::route::Route;
use crate::smart::handoff::{drug_name, reason_text, value_text};
use crate::state::Action;

/// What was read, before anything is applied.
#[derive(Clone, Debug, PartialEq)]
struct Read {
    import: Import,
    plan: Plan,
    /// Milliseconds the core's import took in this browser.
    took_ms: f64,
}

#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Empty,
    Failed(String),
    Read(Rc<Read>),
    /// Applied: (time points, of which already there, treatments) and the values with
    /// their source and time.
    Applied(Rc<Read>, usize, usize),
}

fn now_ms() -> f64 {
    gloo::utils::window()
        .performance()
        .map(|p| p.now())
        .unwrap_or_default()
}

fn read(text: &str) -> Stage {
    let start = now_ms();
    match iectox::fhir::import(text) {
        Ok(import) => {
            let plan = plan(&import);
            Stage::Read(Rc::new(Read {
                import,
                plan,
                took_ms: now_ms() - start,
            }))
        }
        Err(e) => Stage::Failed(e.to_string()),
    }
}

fn outcome_text(lang: Lang, r: &ResourceReport) -> (bool, String) {
    match &r.outcome {
        Outcome::Used { fields } => (
            true,
            format!(
                "{}: {}",
                tr(lang, "used", "usado"),
                fields
                    .iter()
                    .map(|f| field_label(lang, *f))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        Outcome::BirthDate => (
            true,
            tr(
                lang,
                "used: birth date (age at each time)",
                "usado: fecha de nacimiento (edad en cada momento)",
            )
            .into(),
        ),
        Outcome::Treatment => (
            true,
            tr(
                lang,
                "used: treatment given",
                "usado: tratamiento administrado",
            )
            .into(),
        ),
        Outcome::Ignored { reason } => (
            false,
            format!(
                "{}: {}",
                tr(lang, "ignored", "ignorado"),
                reason_text(lang, reason)
            ),
        ),
    }
}

fn report_table(lang: Lang, report: &[ResourceReport]) -> Html {
    html! {
        <table id="fhir-report">
            <caption>{ tr(lang, "Every resource read, and what was done with it", "Cada recurso leído y qué se hizo con él") }</caption>
            <thead><tr>
                <th scope="col">{ tr(lang, "Resource", "Recurso") }</th>
                <th scope="col">{ "Id" }</th>
                <th scope="col">{ tr(lang, "Code", "Código") }</th>
                <th scope="col">{ tr(lang, "Time", "Hora") }</th>
                <th scope="col">{ tr(lang, "Outcome", "Resultado") }</th>
            </tr></thead>
            <tbody>{ for report.iter().map(|r| {
                let (used, text) = outcome_text(lang, r);
                let code = match (&r.code, &r.component) {
                    (Some(c), Some(k)) => format!("{c} / {k}"),
                    (Some(c), None) => c.clone(),
                    (None, Some(k)) => k.clone(),
                    (None, None) => String::new(),
                };
                html! {
                    <tr class={if used { "used" } else { "ignored" }} data-outcome={if used { "used" } else { "ignored" }}>
                        <td>{ r.resource_type.clone() }</td>
                        <td class="id">{ r.id.clone().unwrap_or_default() }</td>
                        <td class="code">{ code }</td>
                        <td class="time">{ r.at.map(|m| local_datetime(m * 60_000)).unwrap_or_default() }</td>
                        <td class="outcome">{ text }</td>
                    </tr>
                }
            }) }</tbody>
        </table>
    }
}

/// The values of each time point with their source, and the treatments.
fn course_list(lang: Lang, read: &Read, existing: &[i64]) -> Html {
    html! {
        <>
            <ol id="fhir-points">{ for read.plan.points.iter().map(|p| {
                let merge = existing.contains(&p.at);
                html! {
                    <li data-at={p.at.to_string()}>
                        <strong class="time">{ local_datetime(p.at) }</strong>
                        if merge {
                            { " " }<span class="note merge">{ tr(lang, "— a time point already at this time receives these values", "— un momento ya registrado a esta hora recibe estos valores") }</span>
                        }
                        <ul>{ for p.values.iter().map(|v| html! {
                            <li data-field={v.name.clone()}>{ format!("{}: {} ({} {})",
                                v.field.map(|f| field_label(lang, f).to_string()).unwrap_or_else(|| v.name.clone()),
                                value_text(lang, &v.value),
                                tr(lang, "source", "origen"),
                                v.source.clone().unwrap_or_default()) }</li>
                        }) }</ul>
                    </li>
                }
            }) }</ol>
            if !read.plan.treatments.is_empty() {
                <ul id="fhir-treatments">{ for read.plan.treatments.iter().map(|t| html! {
                    <li data-drug={format!("{:?}", t.drug).to_ascii_lowercase()}>{ format!("{} {} — {} ({} {})",
                        drug_name(lang, t.drug),
                        t.dose_mg.map(|d| format!("{} mg", format_number(d))).unwrap_or_else(|| "—".into()),
                        local_datetime(t.at * 60_000),
                        tr(lang, "source", "origen"),
                        t.source.clone().unwrap_or_default()) }</li>
                }) }</ul>
            }
        </>
    }
}

#[component(FhirPage)]
pub fn fhir_page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let stage = use_state(|| Stage::Empty);
    let paste = use_state(String::new);

    let on_paste_input = {
        let paste = paste.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            paste.set(area.value());
        })
    };
    let on_read_paste = {
        let paste = paste.clone();
        let stage = stage.clone();
        Callback::from(move |_| stage.set(read(&paste)))
    };
    let read_file = {
        let stage = stage.clone();
        move |file: web_sys::File| {
            let stage = stage.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match read_text(file).await {
                    Ok(text) => stage.set(read(&text)),
                    Err(_) => stage.set(Stage::Failed(
                        tr(
                            lang,
                            "The file could not be read.",
                            "No se pudo leer el archivo.",
                        )
                        .into(),
                    )),
                }
            });
        }
    };
    let on_file = {
        let read_file = read_file.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                input.set_value("");
                read_file(file);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(file) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            read_file(file);
        }
    });
    let apply = |new_patient: bool| {
        let app = app.clone();
        let stage = stage.clone();
        Callback::from(move |_| {
            let Stage::Read(read) = &*stage else { return };
            let origin = tr(app.lang, "FHIR import", "Importación FHIR");
            let Some(import) = CourseImport::of(&read.plan, new_patient, origin) else {
                return;
            };
            let existing = if new_patient {
                0
            } else {
                read.plan
                    .points
                    .iter()
                    .filter(|p| app.course().time_points.iter().any(|t| t.at == p.at))
                    .count()
            };
            app.dispatch(Action::ApplyCourseImport(import));
            stage.set(Stage::Applied(
                read.clone(),
                existing,
                read.plan.treatments.len(),
            ));
        })
    };
    let cancel = {
        let stage = stage.clone();
        Callback::from(move |_| stage.set(Stage::Empty))
    };
    let export = {
        let app = app.clone();
        Callback::from(move |_| {
            let text = crate::fhir_import::export_text(app.patient());
            let name = format!("iectox-fhir-{}.json", local_date(crate::course::now()));
            let _ = download(&name, "application/fhir+json", &text);
        })
    };
    let existing: Vec<i64> = app.course().time_points.iter().map(|t| t.at).collect();

    let body = match &*stage {
        Stage::Empty => html! {},
        Stage::Failed(message) => html! {
            <p class="error" id="fhir-error" role="alert">{ format!("{}: {message}", tr(lang, "Nothing was read", "No se leyó nada")) }</p>
        },
        Stage::Read(read) => {
            let ignored = read
                .import
                .report
                .iter()
                .filter(|r| matches!(r.outcome, Outcome::Ignored { .. }))
                .count();
            let used = read.import.report.len() - ignored;
            let can_apply = read.plan.problems.is_empty()
                && (!read.plan.points.is_empty() || !read.plan.treatments.is_empty());
            html! {
                <section class="card" id="fhir-read" aria-labelledby="fhir-read-title" data-ms={format!("{:.1}", read.took_ms)}>
                    <h2 id="fhir-read-title">{ tr(lang, "Read from the record: nothing applied yet", "Leído de la historia clínica: aún no se ha aplicado nada") }</h2>
                    <p id="fhir-summary">{ match lang {
                        Lang::En => format!("{used} used, {ignored} ignored; {} time points, {} treatments.", read.plan.points.len(), read.plan.treatments.len()),
                        Lang::Es => format!("{used} usados, {ignored} ignorados; {} momentos, {} tratamientos.", read.plan.points.len(), read.plan.treatments.len()),
                    } }</p>
                    { report_table(lang, &read.import.report) }
                    <h3>{ tr(lang, "What would be applied", "Lo que se aplicaría") }</h3>
                    { course_list(lang, read, &existing) }
                    if !read.plan.problems.is_empty() {
                        <div class="error" id="fhir-problems" role="alert">
                            <p>{ tr(lang, "These values cannot be held by the form; nothing can be applied:", "El formulario no puede contener estos valores; no se puede aplicar nada:") }</p>
                            <ul>{ for read.plan.problems.iter().map(|(at, p)| html! { <li>{ format!("{}: {}", local_datetime(*at), p.text(lang)) }</li> }) }</ul>
                        </div>
                    }
                    <p class="actions">
                        <button type="button" id="fhir-apply-here" onclick={apply(false)} disabled={!can_apply}>{ tr(lang, "Apply to this patient", "Aplicar a este paciente") }</button>
                        { " " }
                        <button type="button" id="fhir-apply-new" onclick={apply(true)} disabled={!can_apply}>{ tr(lang, "Apply as a new patient", "Aplicar como paciente nuevo") }</button>
                        { " " }
                        <button type="button" class="secondary" id="fhir-cancel" onclick={cancel.clone()}>{ tr(lang, "Cancel", "Cancelar") }</button>
                    </p>
                </section>
            }
        }
        Stage::Applied(read, merged, treatments) => html! {
            <section class="card" id="fhir-applied" aria-labelledby="fhir-applied-title">
                <h2 id="fhir-applied-title">{ tr(lang, "Applied", "Aplicado") }</h2>
                <p role="status" id="fhir-applied-summary">{ match lang {
                    Lang::En => format!("{} time points ({merged} already there received the values) and {treatments} treatments added. Check them against the record.", read.plan.points.len()),
                    Lang::Es => format!("{} momentos ({merged} ya registrados recibieron los valores) y {treatments} tratamientos añadidos. Compruébelos con la historia clínica.", read.plan.points.len()),
                } }</p>
                { course_list(lang, read, &[]) }
                <p><button type="button" class="secondary" id="fhir-done" onclick={cancel}>{ tr(lang, "Import another", "Importar otro") }</button></p>
            </section>
        },
    };

    html! {
        <Page route={Route::Import}>
            <p class="note" id="fhir-local">{ tr(lang,
                "A FHIR R4 JSON file (Bundle or single resource) from the record system is read in this browser: nothing is uploaded. You see what is used and what is ignored, and why, before anything is applied.",
                "Un archivo FHIR R4 JSON (Bundle o recurso suelto) de la historia clínica se lee en este navegador: no se sube nada. Verá qué se usa y qué se ignora, y por qué, antes de aplicar nada.") }</p>
            <section class="card" aria-labelledby="fhir-in-title" id="fhir-drop" ondragover={on_drag_over} ondrop={on_drop}>
                <h2 id="fhir-in-title">{ tr(lang, "Import from the record", "Importar de la historia clínica") }</h2>
                <p>
                    <label for="fhir-file">{ tr(lang, "Choose or drop a .json file", "Elija o suelte un archivo .json") }</label>{ " " }
                    <input id="fhir-file" type="file" accept=".json,application/json,application/fhir+json" onchange={on_file} />
                </p>
                <p>
                    <label for="fhir-paste">{ tr(lang, "or paste the JSON", "o pegue el JSON") }</label><br />
                    <textarea id="fhir-paste" rows="6" cols="60" spellcheck="false" value={(*paste).clone()} oninput={on_paste_input} />
                </p>
                <p><button type="button" id="fhir-read-paste" onclick={on_read_paste} disabled={paste.trim().is_empty()}>{ tr(lang, "Read", "Leer") }</button></p>
            </section>
            { body }
            <section class="card" aria-labelledby="fhir-out-title">
                <h2 id="fhir-out-title">{ tr(lang, "Export FHIR", "Exportar FHIR") }</h2>
                <p>{ tr(lang,
                    "Every time point of the open patient, with every score's result, as a FHIR R4 Bundle file made in this browser.",
                    "Cada momento del paciente abierto, con el resultado de cada escala, como un archivo Bundle FHIR R4 generado en este navegador.") }</p>
                <p><button type="button" id="fhir-export" onclick={export} disabled={app.course().time_points.is_empty()}>{ tr(lang, "Export FHIR", "Exportar FHIR") }</button></p>
            </section>
        </Page>
    }
}
