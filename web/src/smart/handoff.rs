//! The one point where a completed SMART launch hands its data to the rest of the app.
//!
//! [`Fetched::resources`] holds the FHIR JSON exactly as the server sent it (the Patient, then
//! every `searchset` page), in memory only. Until the FHIR import (core feature `fhir`, the
//! "Import from the record" report and confirmation) is wired here, this shows what was read:
//! who, from where, when, and how many resources of each type. Nothing is applied to the
//! patient in the app.

use std::rc::Rc;

use yew::prelude::*;

use super::flow::Fetched;
use crate::hooks::use_app;
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct FetchedProps {
    pub fetched: Rc<Fetched>,
    /// Forget the data read (the page returns to its start).
    pub on_discard: Callback<()>,
}

/// Whole years between an ISO date (`YYYY-MM-DD`, or a prefix of it) and today, for
/// recognising the patient. `None` when the date is partial or in the future.
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

fn time_of(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

#[component(FetchedReport)]
pub fn fetched_report(props: &FetchedProps) -> Html {
    let lang = use_app().lang;
    let f = &props.fetched;
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
    let medications = match f.medications {
        Some(n) => html! { <td class="num" id="smart-count-medications">{ n }</td> },
        None => html! {
            <td id="smart-count-medications">{ tr(lang, "not read: the access granted does not include them", "no leídas: el acceso concedido no las incluye") }</td>
        },
    };
    html! {
        <section id="smart-fetched" aria-labelledby="smart-fetched-title">
            <h2 id="smart-fetched-title">{ tr(lang, "Read from the record", "Leído de la historia clínica") }</h2>
            <dl class="smart-patient">
                <dt>{ tr(lang, "Patient", "Paciente") }</dt>
                <dd id="smart-patient-name">{ p.name.clone().unwrap_or_else(|| unknown.into()) }</dd>
                <dt>{ tr(lang, "Born", "Nacimiento") }</dt>
                <dd id="smart-patient-born">{ format!("{}{age}", p.birth_date.clone().unwrap_or_else(|| unknown.into())) }</dd>
                <dt>{ tr(lang, "Source", "Origen") }</dt>
                <dd id="smart-source">{ f.iss.clone() }</dd>
                if let Some(e) = &f.encounter {
                    <dt>{ tr(lang, "Encounter", "Episodio") }</dt>
                    <dd id="smart-encounter">{ e.clone() }</dd>
                }
                <dt>{ tr(lang, "Read at", "Leído a las") }</dt>
                <dd id="smart-read-at">{ time_of(f.fetched_ms) }</dd>
            </dl>
            if f.is_empty() {
                <p class="warning" id="smart-no-data" role="status">{ tr(lang,
                    "The record has no laboratory results, vital signs or tocilizumab/corticosteroid administrations that IEC-Tox reads for this patient. Nothing to import: enter the values by hand.",
                    "La historia clínica no tiene resultados de laboratorio, constantes ni administraciones de tocilizumab/corticoides que IEC-Tox lea para este paciente. Nada que importar: introduzca los valores a mano.") }</p>
            } else {
                <table id="smart-counts">
                    <caption>{ tr(lang, "Resources read (all queries completed)", "Recursos leídos (todas las consultas completadas)") }</caption>
                    <thead><tr><th scope="col">{ tr(lang, "FHIR resource", "Recurso FHIR") }</th><th scope="col">{ tr(lang, "Count", "Número") }</th></tr></thead>
                    <tbody>
                        <tr><th scope="row">{ "Patient" }</th><td class="num">{ 1 }</td></tr>
                        <tr><th scope="row">{ "Observation" }</th><td class="num" id="smart-count-observations">{ f.observations }</td></tr>
                        <tr><th scope="row">{ "MedicationAdministration" }</th>{ medications }</tr>
                    </tbody>
                </table>
                <p class="note" id="smart-import-pending">{ tr(lang,
                    "These data are held in this window only and have not been applied to the patient in IEC-Tox: importing them into the course (with the used/ignored report and your confirmation) comes with the FHIR import.",
                    "Estos datos solo se conservan en esta ventana y no se han aplicado al paciente en IEC-Tox: su importación al curso (con el informe de usados/ignorados y su confirmación) llegará con la importación FHIR.") }</p>
            }
            <p><button type="button" class="secondary" id="smart-discard" onclick={discard}>{ tr(lang, "Discard what was read", "Descartar lo leído") }</button></p>
        </section>
    }
}
