//! The patients on this device: the open one's label and infusion time, the list (switch,
//! archive, delete), and the backup file (export, import).

use std::rc::Rc;

use yew::prelude::*;

use crate::components::page::Page;
use crate::components::patient_badge::patient_name;
use crate::course::{now, Millis, PatientRecord};
use crate::files::{download, local_date, local_datetime, read_text};
use crate::hooks::use_app;
use crate::i18n::{tr, Lang};
use crate::route::Route;
use crate::state::{Action, AppContext};
use crate::storage::{self, import_status, Backup, BackupError, ImportChoice, ImportStatus};

/// `YYYY-MM-DDTHH:MM` in local time, for a `datetime-local` input.
fn input_value(ms: Millis) -> String {
    local_datetime(ms)
        .chars()
        .take(16)
        .collect::<String>()
        .replacen(' ', "T", 1)
}

/// A `datetime-local` value read in local time; `None` when empty or invalid.
fn parse_input(value: &str) -> Option<Millis> {
    if value.is_empty() {
        return None;
    }
    let t = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(value)).get_time();
    t.is_finite().then_some(t as Millis)
}

/// A backup read and what the user chose for each patient that is here already and differs.
#[derive(Clone, PartialEq)]
struct Plan {
    backup: Rc<Backup>,
    statuses: Vec<ImportStatus>,
    choices: Vec<Option<ImportChoice>>,
}

#[derive(Clone, PartialEq)]
enum ImportMessage {
    Done {
        added: usize,
        replaced: usize,
        both: usize,
        skipped: usize,
        same: usize,
    },
    Failed(String),
}

fn apply(app: &AppContext, plan: &Plan) -> ImportMessage {
    let mut counts = (0, 0, 0, 0, 0);
    let mut items = Vec::new();
    let mut restore = Vec::new();
    for ((p, status), choice) in plan
        .backup
        .patients
        .iter()
        .zip(&plan.statuses)
        .zip(&plan.choices)
    {
        let choice = match status {
            ImportStatus::New => ImportChoice::Add,
            ImportStatus::Same => {
                counts.4 += 1;
                continue;
            }
            ImportStatus::Differs => choice.unwrap_or(ImportChoice::Skip),
        };
        match choice {
            ImportChoice::Add => counts.0 += 1,
            ImportChoice::Replace => counts.1 += 1,
            ImportChoice::KeepBoth => counts.2 += 1,
            ImportChoice::Skip => counts.3 += 1,
        }
        if matches!(choice, ImportChoice::Add | ImportChoice::Replace) {
            restore.push(p.id.clone());
        }
        items.push((p.clone(), choice));
    }
    // A patient deleted here and imported again may be stored again.
    if let Err(e) = storage::forget_deleted(&restore)
        .and_then(|()| storage::restore_quarantine(&plan.backup.unreadable))
    {
        return ImportMessage::Failed(format!("{e:?}"));
    }
    app.dispatch(Action::Import(items));
    app.dispatch(Action::Quarantined(storage::quarantined()));
    ImportMessage::Done {
        added: counts.0,
        replaced: counts.1,
        both: counts.2,
        skipped: counts.3,
        same: counts.4,
    }
}

fn backup_error(lang: Lang, e: &BackupError) -> String {
    match e {
        BackupError::NotJson(m) => format!(
            "{} ({m})",
            tr(
                lang,
                "This file is not JSON and cannot be imported",
                "Este archivo no es JSON y no se puede importar"
            )
        ),
        BackupError::NotABackup => tr(
            lang,
            "This file is not an IEC-Tox backup: nothing was imported.",
            "Este archivo no es una copia de seguridad de IEC-Tox: no se ha importado nada.",
        )
        .into(),
        BackupError::Newer(v) => format!(
            "{} {v}): {}",
            tr(
                lang,
                "This backup was made by a newer version of IEC-Tox (schema",
                "Esta copia la hizo una versión más reciente de IEC-Tox (esquema"
            ),
            tr(
                lang,
                "reload to update, then import it.",
                "recargue para actualizar y luego impórtela."
            )
        ),
        BackupError::Invalid(m) => format!(
            "{} ({m})",
            tr(
                lang,
                "This backup cannot be read: nothing was imported",
                "Esta copia no se puede leer: no se ha importado nada"
            )
        ),
    }
}

#[component(PatientsPage)]
pub fn patients_page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let confirming = use_state(|| None::<String>);
    let plan = use_state(|| None::<Plan>);
    let message = use_state(|| None::<ImportMessage>);
    let origin = gloo::utils::window()
        .location()
        .origin()
        .unwrap_or_default();
    let now = now();
    let current = app.patient().clone();

    let on_label = {
        let app = app.clone();
        let id = current.id.clone();
        Callback::from(move |e: InputEvent| {
            let label = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            app.dispatch(Action::SetLabel {
                id: id.clone(),
                label,
            });
        })
    };
    let on_infusion = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            app.dispatch(Action::SetInfusion(parse_input(&v)));
        })
    };
    let on_new = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::NewPatient))
    };
    let on_export = {
        let app = app.clone();
        Callback::from(move |_| {
            let records: Vec<&PatientRecord> = app
                .patient_list()
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect();
            let now = crate::course::now();
            let _ = download(
                &format!("iectox-backup-{}.json", local_date(now)),
                "application/json",
                &storage::backup(&records, now),
            );
        })
    };
    let on_import = {
        let app = app.clone();
        let plan = plan.clone();
        let message = message.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let app = app.clone();
            let plan = plan.clone();
            let message = message.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let lang = app.lang;
                let text = match read_text(file).await {
                    Ok(t) => t,
                    Err(_) => {
                        message.set(Some(ImportMessage::Failed(
                            tr(
                                lang,
                                "The file could not be read.",
                                "No se pudo leer el archivo.",
                            )
                            .into(),
                        )));
                        return;
                    }
                };
                match storage::read_backup(&text) {
                    Ok(backup) => {
                        let statuses: Vec<ImportStatus> = backup
                            .patients
                            .iter()
                            .map(|p| import_status(app.patients.get(&p.id).map(|r| &**r), p))
                            .collect();
                        let new = Plan {
                            choices: vec![None; statuses.len()],
                            statuses,
                            backup: Rc::new(backup),
                        };
                        if new.statuses.contains(&ImportStatus::Differs) {
                            message.set(None);
                            plan.set(Some(new));
                        } else {
                            message.set(Some(apply(&app, &new)));
                            plan.set(None);
                        }
                    }
                    Err(e) => {
                        plan.set(None);
                        message.set(Some(ImportMessage::Failed(backup_error(lang, &e))));
                    }
                }
            });
        })
    };

    let row = |p: &PatientRecord| -> Html {
        let id = p.id.clone();
        let name = patient_name(lang, &p.label, p.created);
        let is_open = p.id == app.current;
        let open = {
            let app = app.clone();
            let id = id.clone();
            Callback::from(move |_| app.dispatch(Action::OpenPatient(id.clone())))
        };
        let archive = {
            let app = app.clone();
            let id = id.clone();
            let archived = !p.archived;
            Callback::from(move |_| {
                app.dispatch(Action::SetArchived {
                    id: id.clone(),
                    archived,
                })
            })
        };
        let ask = {
            let confirming = confirming.clone();
            let id = id.clone();
            Callback::from(move |_| confirming.set(Some(id.clone())))
        };
        let cancel = {
            let confirming = confirming.clone();
            Callback::from(move |_| confirming.set(None))
        };
        let delete = {
            let app = app.clone();
            let id = id.clone();
            let confirming = confirming.clone();
            let name = name.clone();
            Callback::from(move |_| {
                let really = gloo::dialogs::confirm(&match app.lang {
                    Lang::En => {
                        format!("Really delete \u{201c}{name}\u{201d}? This cannot be undone.")
                    }
                    Lang::Es => format!("¿Eliminar de verdad «{name}»? No se puede deshacer."),
                });
                if really {
                    app.dispatch(Action::DeletePatient(id.clone()));
                }
                confirming.set(None);
            })
        };
        let stored = !p.is_empty();
        html! {
            <tr data-id={p.id.clone()} class={classes!(is_open.then_some("open"))}>
                <th scope="row" class="patient-name">
                    { name.clone() }
                    if is_open { <span class="open-mark">{ tr(lang, " (open)", " (abierto)") }</span> }
                </th>
                <td class="patient-day" data-label={tr(lang, "Day since infusion", "Día desde la infusión")}>{ match p.course.infusion {
                    Some(inf) => crate::pages::course::day_text(lang, crate::course_report::day(inf, now)),
                    None => tr(lang, "no infusion time", "sin hora de infusión").into(),
                } }</td>
                <td class="patient-updated" data-label={tr(lang, "Last change", "Último cambio")}>{ if stored { local_datetime(p.updated) } else { tr(lang, "nothing entered yet", "nada introducido aún").into() } }</td>
                <td class="patient-actions">
                    if !is_open {
                        <button type="button" class="small open-patient" onclick={open} aria-label={format!("{} {name}", tr(lang, "Open", "Abrir"))}>{ tr(lang, "Open", "Abrir") }</button>
                    }
                    if stored {
                        <button type="button" class="small secondary archive-patient" onclick={archive} aria-label={format!("{} {name}", if p.archived { tr(lang, "Unarchive", "Desarchivar") } else { tr(lang, "Archive", "Archivar") })}>
                            { if p.archived { tr(lang, "Unarchive", "Desarchivar") } else { tr(lang, "Archive", "Archivar") } }
                        </button>
                        <button type="button" class="small danger delete-patient" onclick={ask} aria-label={format!("{} {name}", tr(lang, "Delete", "Eliminar"))}>{ tr(lang, "Delete…", "Eliminar…") }</button>
                    }
                    if confirming.as_deref() == Some(p.id.as_str()) {
                        <div class="confirm-delete" role="alert">
                            <p>{ match lang {
                                Lang::En => format!("Delete \u{201c}{name}\u{201d} and every value, time point and treatment of it from this device? Export a backup first if unsure."),
                                Lang::Es => format!("¿Eliminar «{name}» y todos sus valores, puntos temporales y tratamientos de este dispositivo? Exporte antes una copia de seguridad si tiene dudas."),
                            } }</p>
                            <button type="button" class="small danger confirm-delete-yes" onclick={delete}>{ tr(lang, "Delete permanently", "Eliminar definitivamente") }</button>
                            <button type="button" class="small secondary" onclick={cancel}>{ tr(lang, "Cancel", "Cancelar") }</button>
                        </div>
                    }
                </td>
            </tr>
        }
    };
    let head = html! {
        <thead><tr>
            <th scope="col">{ tr(lang, "Patient", "Paciente") }</th>
            <th scope="col">{ tr(lang, "Day since infusion", "Día desde la infusión") }</th>
            <th scope="col">{ tr(lang, "Last change", "Último cambio") }</th>
            <th scope="col">{ tr(lang, "Actions", "Acciones") }</th>
        </tr></thead>
    };
    let list = app.patient_list();
    let active: Vec<&PatientRecord> = list.iter().copied().filter(|p| !p.archived).collect();
    let archived: Vec<&PatientRecord> = list.iter().copied().filter(|p| p.archived).collect();

    let plan_view = plan.as_ref().map(|pl| {
        let choose = |i: usize, c: ImportChoice| {
            let plan = plan.clone();
            Callback::from(move |_| {
                if let Some(mut p) = (*plan).clone() {
                    p.choices[i] = Some(c);
                    plan.set(Some(p));
                }
            })
        };
        let ready = pl
            .statuses
            .iter()
            .zip(&pl.choices)
            .all(|(s, c)| *s != ImportStatus::Differs || c.is_some());
        let go = {
            let app = app.clone();
            let plan = plan.clone();
            let message = message.clone();
            Callback::from(move |_| {
                if let Some(p) = &*plan {
                    message.set(Some(apply(&app, p)));
                    plan.set(None);
                }
            })
        };
        let cancel = {
            let plan = plan.clone();
            Callback::from(move |_| plan.set(None))
        };
        let count = |s: ImportStatus| pl.statuses.iter().filter(|x| **x == s).count();
        html! {
            <div id="import-plan" class="import-plan">
                <p>{ match lang {
                    Lang::En => format!("In this backup: {} new patient(s) to add, {} identical to the ones here (nothing to do), {} already here with other changes — choose for each:", count(ImportStatus::New), count(ImportStatus::Same), count(ImportStatus::Differs)),
                    Lang::Es => format!("En esta copia: {} paciente(s) nuevo(s) que añadir, {} idéntico(s) a los de aquí (nada que hacer), {} ya presente(s) con otros cambios; elija para cada uno:", count(ImportStatus::New), count(ImportStatus::Same), count(ImportStatus::Differs)),
                } }</p>
                { for pl.backup.patients.iter().enumerate().filter(|(i, _)| pl.statuses[*i] == ImportStatus::Differs).map(|(i, p)| {
                    let here = app.patients.get(&p.id);
                    let name = patient_name(lang, &p.label, p.created);
                    let options = [
                        (ImportChoice::KeepBoth, "keep-both", tr(lang, "Keep both (the imported one is added under a new entry)", "Conservar ambos (el importado se añade como otro paciente)")),
                        (ImportChoice::Replace, "replace", tr(lang, "Replace the one here with the imported one", "Sustituir el de aquí por el importado")),
                        (ImportChoice::Skip, "skip", tr(lang, "Skip (keep the one here)", "Omitir (conservar el de aquí)")),
                    ];
                    html! {
                        <fieldset class="import-conflict" data-id={p.id.clone()}>
                            <legend>{ match lang {
                                Lang::En => format!("\u{201c}{name}\u{201d}: here revision {}, last change {}; in the file revision {}, last change {}", here.map_or(0, |h| h.revision), here.map_or(String::new(), |h| local_datetime(h.updated)), p.revision, local_datetime(p.updated)),
                                Lang::Es => format!("«{name}»: aquí revisión {}, último cambio {}; en el archivo revisión {}, último cambio {}", here.map_or(0, |h| h.revision), here.map_or(String::new(), |h| local_datetime(h.updated)), p.revision, local_datetime(p.updated)),
                            } }</legend>
                            { for options.into_iter().map(|(c, key, text)| {
                                let id = format!("import-{i}-{key}");
                                html! {
                                    <label for={id.clone()} class="radio">
                                        <input type="radio" id={id} name={format!("import-{i}")} value={key}
                                            checked={pl.choices[i] == Some(c)} onchange={choose(i, c)} />
                                        { text }
                                    </label>
                                }
                            }) }
                        </fieldset>
                    }
                }) }
                <button type="button" id="import-apply" onclick={go} disabled={!ready}>{ tr(lang, "Import", "Importar") }</button>
                <button type="button" class="secondary" onclick={cancel}>{ tr(lang, "Cancel", "Cancelar") }</button>
            </div>
        }
    });

    html! {
        <Page route={Route::Patients}>
            <p id="storage-origin" class="note">{ match lang {
                Lang::En => format!("Identifiers stay on this device, in this browser's storage for {origin}. Every page of that origin can read this storage: see the README, \u{201c}Hosting\u{201d}."),
                Lang::Es => format!("Los identificadores se quedan en este dispositivo, en el almacenamiento de este navegador para {origin}. Cualquier página de ese origen puede leer este almacenamiento: véase el README, «Hosting»."),
            } }</p>

            <section class="card" aria-labelledby="open-patient-title">
                <h2 id="open-patient-title">{ tr(lang, "Open patient", "Paciente abierto") }</h2>
                <div class="field">
                    <label for="patient-label">{ tr(lang, "Label (bed, initials…)", "Etiqueta (cama, iniciales…)") }</label>
                    <input id="patient-label" type="text" autocomplete="off" value={current.label.clone()} oninput={on_label} />
                </div>
                <div class="field">
                    <label for="patient-infusion">{ tr(lang, "Infusion (day 0)", "Infusión (día 0)") }</label>
                    <input id="patient-infusion" type="datetime-local" value={current.course.infusion.map(input_value).unwrap_or_default()} onchange={on_infusion} />
                </div>
                <p class="note">{ format!("{} {} · {} {}",
                    tr(lang, "Time points:", "Puntos temporales:"), current.course.time_points.len(),
                    tr(lang, "treatments:", "tratamientos:"), current.course.treatments.len()) }</p>
                <button type="button" id="patients-new" onclick={on_new}>{ tr(lang, "New patient", "Paciente nuevo") }</button>
            </section>

            <section class="card" aria-labelledby="patient-list-title">
                <h2 id="patient-list-title">{ tr(lang, "Patients on this device", "Pacientes en este dispositivo") }</h2>
                <div class="table-wrap">
                    <table id="patient-list" class="patients stack-table">
                        { head.clone() }
                        <tbody>{ for active.iter().map(|p| row(p)) }</tbody>
                    </table>
                </div>
            </section>

            if !archived.is_empty() {
                <section class="card" aria-labelledby="archived-title">
                    <h2 id="archived-title">{ tr(lang, "Archived", "Archivados") }</h2>
                    <div class="table-wrap">
                        <table id="archived-list" class="patients stack-table">
                            { head }
                            <tbody>{ for archived.iter().map(|p| row(p)) }</tbody>
                        </table>
                    </div>
                </section>
            }

            <section class="card" aria-labelledby="backup-title">
                <h2 id="backup-title">{ tr(lang, "Backup", "Copia de seguridad") }</h2>
                <p class="note">{ tr(lang,
                    "One file with every patient on this device (and any data kept aside as unreadable). It holds the labels: keep it as you would a patient list.",
                    "Un archivo con todos los pacientes de este dispositivo (y los datos apartados por ilegibles). Contiene las etiquetas: guárdelo como guardaría una lista de pacientes.") }</p>
                <button type="button" id="export-backup" onclick={on_export}>{ tr(lang, "Export all patients", "Exportar todos los pacientes") }</button>
                <div class="field">
                    <label for="import-backup">{ tr(lang, "Import a backup file (nothing here is replaced without asking)", "Importar una copia de seguridad (no se sustituye nada sin preguntar)") }</label>
                    <input id="import-backup" type="file" accept=".json,application/json" onchange={on_import} />
                </div>
                { plan_view }
                <p id="import-status" role="status" aria-live="polite">{ match &*message {
                    None => String::new(),
                    Some(ImportMessage::Failed(m)) => format!("⚠ {m}"),
                    Some(ImportMessage::Done { added, replaced, both, skipped, same }) => match lang {
                        Lang::En => format!("Imported: {added} added, {replaced} replaced, {both} kept both, {skipped} skipped, {same} identical already here."),
                        Lang::Es => format!("Importado: {added} añadido(s), {replaced} sustituido(s), {both} conservado(s) ambos, {skipped} omitido(s), {same} idéntico(s) ya presente(s)."),
                    },
                } }</p>
            </section>
        </Page>
    }
}
