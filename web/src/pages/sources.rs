use iectox::sources::{Source, ERRATA};
use yew::prelude::*;

use crate::components::page::Page;
use crate::hooks::use_app;
use crate::i18n::tr;
use crate::route::Route;
use crate::VERSION;

#[component(SourcesPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang;
    html! {
        <Page route={Route::Sources}>
            <p>{ format!("IEC-Tox {VERSION}. ") }{ tr(lang, "Decision support, not a substitute for clinical judgement. Every rule is implemented from its primary source; where a source could not be verified the app says so.", "Apoyo a la decisión, no sustituye al juicio clínico. Cada regla se implementa desde su fuente primaria; cuando no se pudo verificar, la aplicación lo indica.") }</p>
            <h2>{ tr(lang, "Sources", "Fuentes") }</h2>
            <ol class="sources" id="sources-list" lang="en">
                { for Source::ALL.iter().map(|s| html! { <li>{ s.citation() }</li> }) }
            </ol>
            <h2>{ tr(lang, "Errata in the review (not implemented)", "Erratas de la revisión (no implementadas)") }</h2>
            <p>{ tr(lang, "The review the project started from (Mayor-Vázquez 2025) differs from the primary sources in these places; IEC-Tox follows the primary sources.", "La revisión de partida (Mayor-Vázquez 2025) difiere de las fuentes primarias en estos puntos; IEC-Tox sigue las fuentes primarias.") }</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label={tr(lang, "Errata table", "Tabla de erratas")}>
            <table id="errata-table" class="stack-table">
                <thead><tr>
                    <th scope="col">{ "#" }</th>
                    <th scope="col">{ tr(lang, "Where", "Dónde") }</th>
                    <th scope="col">{ tr(lang, "The review says", "La revisión dice") }</th>
                    <th scope="col">{ tr(lang, "Primary source (implemented)", "Fuente primaria (implementada)") }</th>
                </tr></thead>
                <tbody>
                { for ERRATA.iter().map(|e| {
                    let (location, review, correct) = match lang {
                        crate::i18n::Lang::En => (e.location, e.review, e.correct),
                        crate::i18n::Lang::Es => (e.es.location, e.es.review, e.es.correct),
                    };
                    html! {
                    <tr>
                        <td class="num" data-label="#">{ e.number }</td>
                        <td data-label={tr(lang, "Where", "Dónde")}>{ location }</td>
                        <td data-label={tr(lang, "The review says", "La revisión dice")}>{ review }</td>
                        <td data-label={tr(lang, "Primary source (implemented)", "Fuente primaria (implementada)")}>{ correct }</td>
                    </tr>
                }}) }
                </tbody>
            </table>
            </div>
            <h2>{ tr(lang, "Privacy", "Privacidad") }</h2>
            <p>{ app.lang.strings().stored_locally }</p>
        </Page>
    }
}
