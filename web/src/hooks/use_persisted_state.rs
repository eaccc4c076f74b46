use gloo::storage::{LocalStorage, Storage};
use yew::prelude::*;

use super::use_embed_mode::decide_embed_mode;
use crate::form::FormState;
use crate::i18n::Lang;
use crate::state::{AppContext, AppState};

const PATIENT_KEY: &str = "iectox.patient.v1";
const LANG_KEY: &str = "iectox.lang";

/// The app state, loaded from and saved to this browser's localStorage only. The language is
/// kept apart from the patient, so "New patient" keeps it.
///
/// An app started as an embedded calculator (`#/embed/...`) is ephemeral: it starts empty and
/// never reads, writes or clears the saved patient, so the frame shows no other patient and
/// leaves nothing behind. It only reads the language preference, which is not patient data.
#[hook]
pub fn use_persisted_state() -> AppContext {
    let embed = *use_memo((), |()| decide_embed_mode());
    let state = use_reducer(move || {
        let form: FormState = if embed {
            FormState::default()
        } else {
            LocalStorage::get(PATIENT_KEY).unwrap_or_default()
        };
        let lang: Lang = LocalStorage::get(LANG_KEY).unwrap_or_else(|_| browser_lang());
        AppState::new(lang, form)
    });
    {
        let form = state.form.clone();
        use_effect_with(form, move |form| {
            // Nothing of an embed is stored, and its empty form must not clear the app's patient.
            if embed {
                return;
            }
            if *form == FormState::default() {
                LocalStorage::delete(PATIENT_KEY);
            } else {
                // A full or blocked storage only loses persistence, never the session.
                let _ = LocalStorage::set(PATIENT_KEY, form);
            }
        });
    }
    use_effect_with(state.lang, move |lang| {
        if !embed {
            let _ = LocalStorage::set(LANG_KEY, lang);
        }
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
