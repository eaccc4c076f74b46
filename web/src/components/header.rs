use yew::prelude::*;

use crate::hooks::{use_app, use_strings};
use crate::i18n::Lang;
use crate::state::Action;
use crate::VERSION;

#[component(Header)]
pub fn header() -> Html {
    let app = use_app();
    let s = use_strings();
    let on_lang = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let lang = if value == "es" { Lang::Es } else { Lang::En };
            app.dispatch(Action::SetLang(lang));
        })
    };
    // Nothing is cleared: the patient left stays in the patient list (and in other tabs).
    let on_new = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::NewPatient))
    };
    let on_print = Callback::from(|_| {
        let _ = gloo::utils::window().print();
    });
    html! {
        <header class="app-header">
            <a class="skip" href="#main">{ "↓" }</a>
            <div class="brand">
                <span class="product" id="product">{ s.product }</span>
                <span class="version" id="version">{ format!("{} {}", s.version, VERSION) }</span>
                <span class="tagline">{ s.tagline }</span>
            </div>
            <crate::components::patient_badge::PatientBadge />
            <p class="disclaimer" id="disclaimer" role="note">{ s.disclaimer }</p>
            <div class="actions">
                <label class="lang">
                    <span>{ s.language }</span>
                    <select id="lang" onchange={on_lang}>
                        { for Lang::ALL.iter().map(|l| html! {
                            <option value={l.code()} selected={*l == app.lang}>{ l.name() }</option>
                        }) }
                    </select>
                </label>
                <crate::components::header::CopySummary />
                <button type="button" class="secondary" onclick={on_print}>{ s.print }</button>
                <button type="button" id="new-patient" class="secondary" onclick={on_new}>{ s.new_patient }</button>
            </div>
        </header>
    }
}

/// Puts the plain-text summary of every score on the clipboard, for the chart. The text is
/// also kept in the page (hidden), for users without clipboard access and for tests. Both the
/// "copied" message and that text belong to the patient they were made from: any change to
/// the patient, and "New patient", removes them, so no trace of a previous patient remains.
#[component(CopySummary)]
pub fn copy_summary() -> Html {
    let app = use_app();
    let s = use_strings();
    let copied = use_state(|| None::<String>);
    {
        let copied = copied.clone();
        use_effect_with((app.current.clone(), app.form.clone()), move |_| {
            copied.set(None)
        });
    }
    let onclick = {
        let app = app.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            let text = crate::summary::summary_now(&app);
            let clipboard = gloo::utils::window().navigator().clipboard();
            let _ = clipboard.write_text(&text);
            copied.set(Some(text));
        })
    };
    html! {
        <>
            <button type="button" id="copy-summary" {onclick}>{ s.copy_summary }</button>
            <span class="sr-status" id="copy-status" role="status" aria-live="polite">{ if copied.is_some() { s.copied } else { "" } }</span>
            if let Some(text) = &*copied {
                <pre id="summary-text" hidden=true>{ text.clone() }</pre>
            }
        </>
    }
}
