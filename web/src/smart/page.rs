//! `#/launch`: the only page that talks to a record system. It reads config.json, starts an
//! EHR or standalone launch, finishes it after the redirect, and hands the data read to
//! [`super::handoff`]. Every failure is shown in words and the rest of the app stays usable.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::config::Issuer;
use super::flow::{self, Fetched, LaunchRequest, SmartError, Step};
use super::handoff::FetchedReport;
use super::text;
use crate::hooks::use_app;
use crate::i18n::{tr, Lang, Strings};
use crate::route::Route;

/// The page title (also the navigation's, though the page is not in the menu).
pub fn title(s: &Strings) -> &'static str {
    if std::ptr::eq(s, Lang::Es.strings()) {
        "Abrir desde la historia clínica"
    } else {
        "Open from the record"
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Working(Step),
    Choose(Vec<Issuer>),
    Failed(SmartError),
    Fetched(Rc<Fetched>),
    Discarded,
    /// The patient was replaced: values applied, tocilizumab doses.
    Imported(usize, usize),
}

#[component(LaunchPage)]
pub fn launch_page() -> Html {
    let lang = use_app().lang;
    let phase = use_state(|| Phase::Working(Step::ReadingConfig));
    let step = {
        let phase = phase.clone();
        Callback::from(move |s: Step| phase.set(Phase::Working(s)))
    };

    // Runs once per visit of the page: what the URL asks, then the URL is cleaned.
    {
        let phase = phase.clone();
        let step = step.clone();
        use_effect_with((), move |_| {
            let request = flow::launch_request(&flow::current_query());
            if request.is_some() {
                flow::clear_query();
            }
            spawn_local(async move {
                let outcome = run(request, &step).await;
                if let Some(next) = outcome {
                    phase.set(next);
                }
            });
        });
    }

    let start_standalone = {
        let phase = phase.clone();
        let step = step.clone();
        Callback::from(move |iss: String| {
            let phase = phase.clone();
            let step = step.clone();
            spawn_local(async move {
                if let Some(next) =
                    run(Some(LaunchRequest::Standalone { iss: Some(iss) }), &step).await
                {
                    phase.set(next);
                }
            });
        })
    };
    let discard = {
        let phase = phase.clone();
        Callback::from(move |()| phase.set(Phase::Discarded))
    };
    let imported = {
        let phase = phase.clone();
        Callback::from(move |(values, doses): (usize, usize)| {
            phase.set(Phase::Imported(values, doses))
        })
    };

    let body = match &*phase {
        Phase::Working(s) => html! {
            <p id="smart-status" role="status" aria-live="polite">{ text::step(lang, s) }</p>
        },
        Phase::Choose(issuers) => html! {
            <>
                <p>{ tr(lang, "Choose the record system to read the patient's data from. You will sign in there and choose the patient.", "Elija el sistema de historia clínica del que leer los datos del paciente. Iniciará sesión allí y elegirá al paciente.") }</p>
                <ul class="smart-issuers">
                    { for issuers.iter().map(|i| {
                        let iss = i.iss.clone();
                        let onclick = {
                            let cb = start_standalone.clone();
                            Callback::from(move |_| cb.emit(iss.clone()))
                        };
                        html! { <li><button type="button" class="smart-issuer" data-iss={i.iss.clone()} {onclick}>{ i.label().to_string() }</button></li> }
                    }) }
                </ul>
            </>
        },
        Phase::Discarded => html! {
            <p id="smart-status" role="status">{ tr(lang, "What was read has been discarded. Nothing was imported.", "Lo leído se ha descartado. No se ha importado nada.") }</p>
        },
        Phase::Failed(e) => {
            let (title, detail) = text::error(lang, e);
            html! {
                <div id="smart-error" class="smart-error" role="alert">
                    <p class="error" id="smart-error-title">{ title }</p>
                    <p id="smart-error-detail">{ detail }</p>
                </div>
            }
        }
        Phase::Fetched(f) => {
            html! { <FetchedReport fetched={f.clone()} on_discard={discard} on_imported={imported} /> }
        }
        Phase::Imported(values, doses) => html! {
            <>
                <p id="smart-imported" role="status">{ match lang {
                    Lang::En => format!("Imported {values} values and {doses} tocilizumab doses from the record. Check them against the patient."),
                    Lang::Es => format!("Importados {values} valores y {doses} dosis de tocilizumab de la historia clínica. Compruébelos con el paciente."),
                } }</p>
                <p><Link<Route> to={Route::Overview}>{ tr(lang, "Go to the overview →", "Ir al resumen →") }</Link<Route>></p>
            </>
        },
    };
    let s = lang.strings();
    html! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">{ title(s) }</h1>
            { body }
            <p class="note"><Link<Route> to={Route::Overview}>{ tr(lang, "Enter values by hand →", "Introducir los valores a mano →") }</Link<Route>></p>
        </section>
    }
}

/// One step of the page's life: `None` while the browser is leaving for the sign-in page.
async fn run(request: Option<LaunchRequest>, step: &Callback<Step>) -> Option<Phase> {
    let outcome = match request {
        Some(callback @ LaunchRequest::Callback { .. }) => {
            return Some(match flow::complete(callback, step).await {
                Ok(f) => Phase::Fetched(Rc::new(f)),
                Err(e) => Phase::Failed(e),
            });
        }
        Some(LaunchRequest::Ehr { iss, launch }) => start(&iss, Some(&launch), step).await,
        Some(LaunchRequest::Standalone { iss: Some(iss) }) => start(&iss, None, step).await,
        Some(LaunchRequest::Standalone { iss: None }) | None => {
            step.emit(Step::ReadingConfig);
            match flow::load_config().await {
                Ok(config) => {
                    let offered: Vec<Issuer> = config.standalone_issuers().cloned().collect();
                    if offered.is_empty() {
                        Err(SmartError::NoStandaloneIssuer)
                    } else {
                        return Some(Phase::Choose(offered));
                    }
                }
                Err(e) => Err(e),
            }
        }
    };
    match outcome {
        Ok(()) => None,
        Err(e) => Some(Phase::Failed(e)),
    }
}

async fn start(iss: &str, launch: Option<&str>, step: &Callback<Step>) -> Result<(), SmartError> {
    step.emit(Step::ReadingConfig);
    let config = flow::load_config().await?;
    flow::start(&config, iss, launch, step).await
}
