use yew::prelude::*;
use yew_router::prelude::*;

use crate::hooks::use_strings;
use crate::i18n::Strings;
use crate::route::Route;

pub fn page_title(s: &Strings, route: &Route) -> &'static str {
    match route {
        Route::Overview => s.page_overview,
        Route::Crs => s.page_crs,
        Route::Icans => s.page_icans,
        Route::HScore => s.page_hscore,
        Route::Hlh2004 => s.page_hlh2004,
        Route::IecHs => s.page_iec_hs,
        Route::Labs => s.page_labs,
        Route::Systems => s.page_systems,
        Route::Measix => s.page_measix,
        Route::Treatment => s.page_treatment,
        Route::Sepsis => s.page_sepsis,
        Route::Sources => s.page_sources,
        Route::Launch => crate::smart::page::title(s),
        Route::Patients => s.page_patients,
        Route::Import => s.page_import,
        Route::Course => s.page_course,
        Route::NotFound | Route::Embed { .. } => s.page_not_found,
    }
}

#[component(Nav)]
pub fn nav() -> Html {
    let s = use_strings();
    let current = use_route::<Route>();
    // Where the navigation is one scrollable line (tablet portrait, phone), bring the current
    // page's entry into it; the page itself does not move.
    use_effect_with(current.clone(), |_| center_active_link());
    html! {
        <nav class="app-nav" aria-label={s.nav_label}>
            <ul>
                { for Route::NAV.iter().map(|r| {
                    let active = current.as_ref() == Some(r);
                    html! {
                        <li>
                            <Link<Route> to={r.clone()} classes={classes!(active.then_some("active"))}>
                                <span aria-current={active.then_some("page")}>{ page_title(s, r) }</span>
                            </Link<Route>>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}

fn center_active_link() {
    use wasm_bindgen::JsCast;
    let doc = gloo::utils::document();
    let Some(link) = doc
        .query_selector(".app-nav a.active")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let Some(list) = doc.query_selector(".app-nav ul").ok().flatten() else {
        return;
    };
    if list.scroll_width() > list.client_width() {
        let left = link.offset_left() - (list.client_width() - link.offset_width()) / 2;
        list.set_scroll_left(left.max(0));
    }
}
