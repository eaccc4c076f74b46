use yew::prelude::*;

use crate::i18n::Strings;
use crate::state::AppContext;

/// The app state and its dispatcher, from the context that `App` provides.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("AppContext is provided by App")
}

/// The strings of the current language.
#[hook]
pub fn use_strings() -> &'static Strings {
    use_app().lang.strings()
}
