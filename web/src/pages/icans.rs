use yew::prelude::*;

use crate::components::page::Page;
use crate::route::Route;

#[component(IcansPage)]
pub fn page() -> Html {
    html! { <Page route={Route::Icans} /> }
}
