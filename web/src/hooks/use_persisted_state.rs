use gloo::storage::{LocalStorage, Storage};
use yew::prelude::*;

use crate::form::FormState;
use crate::i18n::Lang;
use crate::state::{AppContext, AppState};

const PATIENT_KEY: &str = "iectox.patient.v1";
const LANG_KEY: &str = "iectox.lang";

/// The app state, loaded from and saved to this browser's localStorage only. The language is
/// kept apart from the patient, so "New patient" keeps it.
#[hook]
pub fn use_persisted_state() -> AppContext {
    let state = use_reducer(|| {
        let form: FormState = LocalStorage::get(PATIENT_KEY).unwrap_or_default();
        let lang: Lang = LocalStorage::get(LANG_KEY).unwrap_or_else(|_| browser_lang());
        AppState::new(lang, form)
    });
    {
        let form = state.form.clone();
        use_effect_with(form, |form| {
            if *form == FormState::default() {
                LocalStorage::delete(PATIENT_KEY);
            } else {
                // A full or blocked storage only loses persistence, never the session.
                let _ = LocalStorage::set(PATIENT_KEY, form);
            }
        });
    }
    use_effect_with(state.lang, |lang| {
        let _ = LocalStorage::set(LANG_KEY, lang);
        if let Some(html) = gloo::utils::document().document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
    });
    state
}

fn browser_lang() -> Lang {
    let nav = gloo::utils::window().navigator();
    match nav.language() {
        Some(l) if l.starts_with("es") => Lang::Es,
        _ => Lang::En,
    }
}
