use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{header::Header, nav::Nav};
use crate::hooks::use_persisted_state;
use crate::pages;
use crate::route::Route;
use crate::state::AppContext;

#[component(App)]
pub fn app() -> Html {
    let state = use_persisted_state();
    html! {
        <ContextProvider<AppContext> context={state}>
            <HashRouter>
                <Header />
                <div class="layout">
                    <Nav />
                    <main id="main" tabindex="-1">
                        <Switch<Route> render={switch} />
                    </main>
                </div>
            </HashRouter>
        </ContextProvider<AppContext>>
    }
}

fn switch(route: Route) -> Html {
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
        Route::Sources => html! { <pages::sources::SourcesPage /> },
        Route::NotFound => html! { <pages::not_found::NotFound /> },
    }
}
