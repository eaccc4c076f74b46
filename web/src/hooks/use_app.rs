use yew::prelude::*;

use crate::i18n::{Lang, Strings};
use crate::state::AppContext;

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
