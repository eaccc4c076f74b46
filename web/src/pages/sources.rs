use yew::prelude::*;

use crate::components::page::Page;
use crate::route::Route;

#[component(SourcesPage)]
pub fn page() -> Html {
    html! { <Page route={Route::Sources} /> }
}
