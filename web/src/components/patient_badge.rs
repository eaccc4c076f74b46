use yew::prelude::*;
use yew_router::prelude::*;

use crate::files::local_datetime;
use crate::hooks::use_open_patient;
use crate::i18n::{tr, Lang};
use crate::route::Route;

/// The open patient's name as the list shows it: its label, or when it was created.
pub fn patient_name(lang: Lang, label: &str, created: i64) -> String {
    if label.trim().is_empty() {
        format!(
            "{} {}",
            tr(lang, "No label, created", "Sin etiqueta, creado"),
            local_datetime(created)
        )
    } else {
        label.to_owned()
    }
}

/// Which patient every page is showing (several patients share this device), with a link to
/// the patient list. Drawn from who the patient is only (not redrawn on keystrokes).
#[component(PatientBadge)]
pub fn patient_badge() -> Html {
    let p = use_open_patient();
    if p.embed {
        return Html::default();
    }
    let lang = use_context::<Lang>().expect("the language is provided by App");
    html! {
        <p class="patient-badge">
            <span class="badge-label">{ tr(lang, "Patient: ", "Paciente: ") }</span>
            <Link<Route> to={Route::Patients}>
                <span id="current-patient">{ patient_name(lang, &p.label, p.created) }</span>
            </Link<Route>>
        </p>
    }
}
