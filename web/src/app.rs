use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{header::Header, nav::Nav};
use crate::hooks::use_persisted_state;
use crate::i18n::Lang;
use crate::pages;
use crate::route::Route;
use crate::state::{AppContext, AppState, OpenPatient};

#[component(App)]
pub fn app() -> Html {
    let state = use_persisted_state();
    // The language alone, for the components that need only the strings (`use_strings`): they
    // are not rendered again on every keystroke, only when the language changes.
    let lang = state.lang;
    // The same for the components that only dispatch (the dispatcher never changes) and for
    // those that show only who the open patient is: the header is not redrawn on keystrokes.
    let dispatcher = state.dispatcher();
    let open = OpenPatient::of(&state);
    html! {
        <ContextProvider<AppContext> context={state}>
            <ContextProvider<Lang> context={lang}>
            <ContextProvider<UseReducerDispatcher<AppState>> context={dispatcher}>
            <ContextProvider<OpenPatient> context={open}>
                <HashRouter>
                    <Switch<Route> render={switch} />
                </HashRouter>
            </ContextProvider<OpenPatient>>
            </ContextProvider<UseReducerDispatcher<AppState>>>
            </ContextProvider<Lang>>
        </ContextProvider<AppContext>>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Embed { calc } => html! { <pages::embed::Embed {calc} /> },
        other => html! {
            <>
                <Header />
                <crate::components::storage_banner::StorageBanner />
                <div class="layout">
                    <Nav />
                    <main id="main" tabindex="-1">{ page(other) }</main>
                </div>
            </>
        },
    }
}

/// The page of a route (also used by the embed view).
pub fn page(route: Route) -> Html {
    match route {
        Route::Overview => html! { <pages::overview::Overview /> },
        Route::Crs => html! { <pages::crs::CrsPage /> },
        Route::Icans => html! { <pages::icans::IcansPage /> },
        Route::HScore => html! { <pages::hscore::HScorePage /> },
        Route::Hlh2004 => html! { <pages::hlh2004::Hlh2004Page /> },
        Route::IecHs => html! { <pages::iec_hs::IecHsPage /> },
        Route::Labs => html! { <pages::labs::LabsPage /> },
        Route::Systems => html! { <pages::systems::SystemsPage /> },
        Route::Measix => html! { <pages::measix::MeasixPage /> },
        Route::Treatment => html! { <pages::treatment::TreatmentPage /> },
        Route::Sepsis => html! { <pages::sepsis::SepsisPage /> },
        Route::Sources => html! { <pages::sources::SourcesPage /> },
        Route::Launch => html! { <crate::smart::page::LaunchPage /> },
        Route::Patients => html! { <pages::patients::PatientsPage /> },
        Route::Import => html! { <pages::fhir::FhirPage /> },
        Route::Course => html! { <pages::course::CoursePage /> },
        Route::NotFound | Route::Embed { .. } => html! { <pages::not_found::NotFound /> },
    }
}
