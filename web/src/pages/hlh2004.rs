use yew::prelude::*;

use crate::components::page::Page;
use crate::route::Route;

#[component(Hlh2004Page)]
pub fn page() -> Html {
    html! { <Page route={Route::Hlh2004} /> }
}
