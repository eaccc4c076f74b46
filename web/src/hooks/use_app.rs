use yew::prelude::*;

use crate::i18n::{Lang, Strings};
use crate::state::{AppContext, AppState, OpenPatient};

/// The app state and its dispatcher, from the context that `App` provides.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("AppContext is provided by App")
}

/// The strings of the current language. Reads the language's own context (not the app
/// state): a component that needs only the strings is not rendered again on every change of
/// the patient.
#[hook]
pub fn use_strings() -> &'static Strings {
    use_context::<Lang>()
        .expect("the language is provided by App")
        .strings()
}

/// The current language, from its own context: a component that needs only the language is
/// not rendered again on every change of the patient.
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().expect("the language is provided by App")
}

/// The app's dispatcher alone (it never changes): a component that only sends actions is not
/// rendered again by changes of the state.
#[hook]
pub fn use_dispatch() -> UseReducerDispatcher<AppState> {
    use_context::<UseReducerDispatcher<AppState>>().expect("the dispatcher is provided by App")
}

/// Who the open patient is (see [`OpenPatient`]).
#[hook]
pub fn use_open_patient() -> OpenPatient {
    use_context::<OpenPatient>().expect("the open patient is provided by App")
}
