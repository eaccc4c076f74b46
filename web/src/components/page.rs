use yew::prelude::*;

use crate::components::nav::page_title;
use crate::hooks::use_strings;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub route: Route,
    #[prop_or_default]
    pub children: Html,
}

/// A page: its title (focusable heading) and content.
#[component(Page)]
pub fn page(props: &PageProps) -> Html {
    let s = use_strings();
    let title = page_title(s, &props.route);
    use_effect_with((props.route.clone(), title), |(_, title)| {
        gloo::utils::document().set_title(&format!("{title} · IEC-Tox"));
    });
    html! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">{ title }</h1>
            if !matches!(props.route, Route::Course | Route::Patients | Route::Sources) {
                <crate::components::time_point_select::TimePointSelect />
            }
            { props.children.clone() }
        </section>
    }
}
