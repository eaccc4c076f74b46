//! What storage needs the user to know, under the header on every page: data kept aside as
//! unreadable (with its export), a full or blocked storage, patients of a newer version, and
//! entries replaced by another tab's newer ones. Never silent.

use iectox::Field;
use yew::prelude::*;

use crate::course::{Conflict, FieldValue, Register};
use crate::files::{download, local_date, local_datetime};
use crate::form::{default_unit, kind, Kind};
use crate::hooks::use_app;
use crate::i18n::labels::{field_label, option_label, unit_label};
use crate::i18n::{tr, Lang};
use crate::state::Action;
use crate::storage::{self, Problem};

#[component(StorageBanner)]
pub fn storage_banner() -> Html {
    let app = use_app();
    if app.embed {
        return Html::default();
    }
    let lang = app.lang;
    let n = &app.notices;
    let quarantine = (!n.quarantined.is_empty()).then(|| {
        let count = n.quarantined.len();
        let first = n.quarantined.iter().map(|i| i.at).min().unwrap_or_default();
        let export = Callback::from(move |_| {
            let now = crate::course::now();
            let _ = download(
                &format!("iectox-unreadable-{}.json", local_date(now)),
                "application/json",
                &storage::quarantine_file(now),
            );
        });
        let discard = {
            let app = app.clone();
            Callback::from(move |_| {
                let items = app.notices.quarantined.clone();
                let ok = gloo::dialogs::confirm(tr(
                    app.lang,
                    "Delete the unreadable data for good? Export it first if anyone may need it.",
                    "¿Eliminar definitivamente los datos ilegibles? Expórtelos antes si alguien pudiera necesitarlos.",
                ));
                if ok {
                    storage::discard_quarantine(&items);
                    app.dispatch(Action::Quarantined(storage::quarantined()));
                }
            })
        };
        html! {
            <div class="banner warning" id="quarantine-banner" role="alert">
                <p>{ "⚠ " }{ match lang {
                    Lang::En => format!(
                        "{count} saved {} could not be read. {} kept aside unchanged on {}; nothing was deleted.",
                        if count == 1 { "item" } else { "items" },
                        if count == 1 { "It was" } else { "They were" },
                        local_datetime(first)
                    ),
                    Lang::Es => format!(
                        "{count} {} guardado{} no se {} leer. Se {} apartado sin cambios el {}; no se ha eliminado nada.",
                        if count == 1 { "elemento" } else { "elementos" },
                        if count == 1 { "" } else { "s" },
                        if count == 1 { "pudo" } else { "pudieron" },
                        if count == 1 { "ha" } else { "han" },
                        local_datetime(first)
                    ),
                } }</p>
                <button type="button" id="quarantine-export" onclick={export}>
                    { if count == 1 { tr(lang, "Export it as a file", "Exportarlo como archivo") } else { tr(lang, "Export them as a file", "Exportarlos como archivo") } }
                </button>
                <button type="button" class="secondary" id="quarantine-discard" onclick={discard}>
                    { if count == 1 { tr(lang, "Delete it…", "Eliminarlo…") } else { tr(lang, "Delete them…", "Eliminarlos…") } }
                </button>
            </div>
        }
    });
    let problem = n.problem.as_ref().map(|p| {
        let text = match p {
            Problem::Full => tr(
                lang,
                "Browser storage is full: the last change was not saved on this device (it stays in this tab until it is closed). Export a backup from the patient list, then delete patients no longer needed.",
                "El almacenamiento del navegador está lleno: el último cambio no se ha guardado en este dispositivo (se conserva en esta pestaña hasta cerrarla). Exporte una copia de seguridad desde la lista de pacientes y elimine los pacientes que ya no necesite.",
            )
            .to_owned(),
            Problem::Blocked => tr(
                lang,
                "Browser storage is blocked (private browsing or site settings): nothing is saved on this device, and what is entered is lost when this tab is closed.",
                "El almacenamiento del navegador está bloqueado (navegación privada o ajustes del sitio): no se guarda nada en este dispositivo y lo introducido se pierde al cerrar esta pestaña.",
            )
            .to_owned(),
            Problem::Newer => tr(
                lang,
                "This patient was saved by a newer version of IEC-Tox in another tab: reload this tab to continue. Changes made here are not saved.",
                "Este paciente lo guardó una versión más reciente de IEC-Tox en otra pestaña: recargue esta pestaña para continuar. Los cambios hechos aquí no se guardan.",
            )
            .to_owned(),
            Problem::Other(m) => format!(
                "{} {m}",
                tr(
                    lang,
                    "The last change could not be saved on this device:",
                    "El último cambio no se pudo guardar en este dispositivo:"
                )
            ),
        };
        html! { <div class="banner danger" id="storage-problem" role="alert"><p>{ "⚠ " }{ text }</p></div> }
    });
    let newer = (n.newer > 0).then(|| {
        html! {
            <div class="banner warning" id="storage-newer" role="alert"><p>{ "⚠ " }{ match lang {
                Lang::En => format!("{} saved patient(s) were written by a newer version of IEC-Tox and cannot be opened here; they are left untouched. Reload to update.", n.newer),
                Lang::Es => format!("{} paciente(s) guardado(s) los escribió una versión más reciente de IEC-Tox y no se pueden abrir aquí; se dejan intactos. Recargue para actualizar.", n.newer),
            } }</p></div>
        }
    });
    let conflicts = (!n.conflicts.is_empty()).then(|| {
        let dismiss = {
            let app = app.clone();
            Callback::from(move |_| app.dispatch(Action::DismissConflicts))
        };
        html! {
            <div class="banner warning" id="conflict-banner" role="alert">
                <p>{ "⚠ " }{ tr(lang,
                    "Another window changed the same entries at the same time; the newest entry was kept:",
                    "Otra ventana cambió los mismos datos a la vez; se ha conservado el dato más reciente:") }</p>
                <ul>{ for n.conflicts.iter().map(|(label, c)| html! { <li>{ conflict_text(lang, label, c) }</li> }) }</ul>
                <button type="button" class="secondary" onclick={dismiss}>{ tr(lang, "Understood", "Entendido") }</button>
            </div>
        }
    });
    let removed = (!n.removed.is_empty()).then(|| {
        let dismiss = {
            let app = app.clone();
            Callback::from(move |_| app.dispatch(Action::DismissRemoved))
        };
        html! {
            <div class="banner warning" id="removed-banner" role="alert">
                { for n.removed.iter().map(|label| html! { <p>{ "⚠ " }{ match lang {
                    Lang::En => format!("The patient \u{201c}{label}\u{201d} was deleted in another window; a new patient was opened here."),
                    Lang::Es => format!("El paciente «{label}» se eliminó en otra ventana; aquí se ha abierto un paciente nuevo."),
                } }</p> }) }
                <button type="button" class="secondary" onclick={dismiss}>{ tr(lang, "Understood", "Entendido") }</button>
            </div>
        }
    });
    html! { <>{ quarantine }{ problem }{ newer }{ conflicts }{ removed }</> }
}

fn conflict_text(lang: Lang, label: &str, c: &Conflict) -> String {
    let what = match &c.register {
        Register::Label => tr(lang, "label", "etiqueta").to_owned(),
        Register::Archived => tr(lang, "archived", "archivado").to_owned(),
        Register::Infusion => tr(lang, "infusion time", "hora de la infusión").to_owned(),
        Register::FerritinRapidlyRising => tr(
            lang,
            "the mark \"ferritin rapidly rising\"",
            "la marca «ferritina en ascenso rápido»",
        )
        .to_owned(),
        Register::Treatment { .. } => tr(lang, "a treatment", "un tratamiento").to_owned(),
        Register::TimePointTime { at } => format!(
            "{} {}",
            tr(
                lang,
                "time of the time point of",
                "hora del punto temporal del"
            ),
            local_datetime(*at)
        ),
        Register::Field { at, field } => format!(
            "{}, {} {}",
            field_label(lang, *field),
            tr(lang, "time point", "punto temporal"),
            local_datetime(*at)
        ),
        Register::Setting { at, key } => format!(
            "{key}, {} {}",
            tr(lang, "time point", "punto temporal"),
            local_datetime(*at)
        ),
    };
    let value = |json: &str| -> String {
        if let Register::Field { field, .. } = c.register {
            if let Ok(v) = serde_json::from_str::<FieldValue>(json) {
                return field_value_text(lang, field, &v);
            }
        }
        match serde_json::from_str::<serde_json::Value>(json) {
            Ok(serde_json::Value::String(s)) => s,
            Ok(serde_json::Value::Null) => tr(lang, "(empty)", "(vacío)").to_owned(),
            _ => json.to_owned(),
        }
    };
    let patient = if label.is_empty() {
        String::new()
    } else {
        format!("{label}: ")
    };
    let (kept, mine) = (value(&c.kept), value(&c.mine));
    match lang {
        Lang::En => format!(
            "{patient}{what} — kept \u{201c}{kept}\u{201d}, replacing this window's \u{201c}{mine}\u{201d}"
        ),
        Lang::Es => {
            format!("{patient}{what}: se conserva «{kept}» en lugar de «{mine}» de esta ventana")
        }
    }
}

/// A field's entry as typed: the text with its unit (the field's default when none was
/// chosen), or the option chosen.
fn field_value_text(lang: Lang, field: Field, v: &FieldValue) -> String {
    match (&v.text, &v.choice) {
        (Some(t), _) => match kind(field) {
            Kind::Quantity(_) => {
                let unit = v.unit.unwrap_or_else(|| default_unit(field));
                format!("{t} {}", unit_label(lang, unit))
            }
            _ => t.clone(),
        },
        (None, Some(c)) => option_label(lang, c).into_owned(),
        (None, None) => tr(lang, "(empty)", "(vacío)").to_owned(),
    }
}
