use yew::prelude::*;

use crate::hooks::{use_app, use_dispatch, use_strings};
use crate::i18n::{tr, Lang};
use crate::state::Action;
use crate::VERSION;

/// Drawn from the language and the dispatcher only: not redrawn on keystrokes (the patient
/// badge and the copy button below follow the state on their own).
#[component(Header)]
pub fn header() -> Html {
    let app = use_dispatch();
    let lang = use_context::<Lang>().expect("the language is provided by App");
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
    // The full disclaimer is open on first use (until acknowledged on this device), one tap
    // away afterwards, and always printed (style.css, @media print).
    let disclaimer_open = use_state(|| !crate::storage::disclaimer_seen());
    let toggle_disclaimer = {
        let open = disclaimer_open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let acknowledge = {
        let open = disclaimer_open.clone();
        Callback::from(move |_| {
            crate::storage::set_disclaimer_seen();
            open.set(false);
        })
    };
    // On narrow screens the actions fold into a menu so the header stays one line.
    let menu_open = use_state(|| false);
    let toggle_menu = {
        let open = menu_open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    html! {
        <>
        <header class={classes!("app-header", menu_open.then_some("menu-open"))}>
            <a class="skip" href="#main">{ "↓" }</a>
            <div class="brand">
                <span class="product" id="product">{ s.product }</span>
                <span class="version" id="version" title={format!("{} {}", s.version, VERSION)}>{ format!("v{VERSION}") }</span>
            </div>
            <crate::components::patient_badge::PatientBadge />
            <button type="button" id="disclaimer-toggle" class="disclaimer-toggle secondary"
                aria-expanded={disclaimer_open.to_string()} aria-controls="disclaimer" onclick={toggle_disclaimer}>
                <span aria-hidden="true">{ "⚠ " }</span>
                <span class="long-label">{ tr(lang, "Decision support", "Apoyo a la decisión") }</span>
                <span class="short-label">{ tr(lang, "Notice", "Aviso") }</span>
            </button>
            <button type="button" id="menu-toggle" class="menu-toggle secondary"
                aria-expanded={menu_open.to_string()} aria-controls="header-actions" onclick={toggle_menu}>
                <span aria-hidden="true">{ "☰" }</span><span class="sr-only">{ tr(lang, "Menu", "Menú") }</span>
            </button>
            <div class="actions" id="header-actions">
                <label class="lang">
                    <span class="sr-only">{ s.language }</span>
                    <select id="lang" onchange={on_lang}>
                        { for Lang::ALL.iter().map(|l| html! {
                            <option value={l.code()} selected={*l == lang}>{ l.name() }</option>
                        }) }
                    </select>
                </label>
                <crate::components::header::CopySummary />
                <button type="button" class="secondary" onclick={on_print}>{ s.print }</button>
                <button type="button" id="new-patient" class="secondary" onclick={on_new}>{ s.new_patient }</button>
            </div>
        </header>
        <aside id="disclaimer" class={classes!("disclaimer", (!*disclaimer_open).then_some("closed"))} aria-label={tr(lang, "Disclaimer", "Aviso")}>
            <p><strong>{ s.disclaimer }</strong></p>
            <p class="tagline">{ s.tagline }{ format!(" · {} {}", s.version, VERSION) }</p>
            <button type="button" id="disclaimer-ok" class="secondary" onclick={acknowledge}>{ tr(lang, "Understood", "Entendido") }</button>
        </aside>
        </>
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
    // The state changes on every keystroke: the button (drawn from `copied` alone) is then not
    // redrawn. The text is made from the state at the click; a change of the open patient, of
    // its record or of the time point shown clears what was copied.
    let latest = use_mut_ref(|| app.clone());
    *latest.borrow_mut() = app.clone();
    {
        let copied = copied.clone();
        let patient = crate::state::SameRc(app.patients.get(&app.current).cloned());
        use_effect_with(
            (app.current.clone(), app.selected.clone(), patient),
            move |_| copied.set(None),
        );
    }
    let onclick = {
        let copied = copied.setter();
        use_callback((), move |_: MouseEvent, ()| {
            let text = crate::summary::summary_now(&latest.borrow());
            let clipboard = gloo::utils::window().navigator().clipboard();
            let _ = clipboard.write_text(&text);
            copied.set(Some(text));
        })
    };
    html! { <CopyButton copied={(*copied).clone()} {onclick} label={s.copy_summary} done={s.copied} /> }
}

#[derive(Properties, PartialEq)]
struct CopyButtonProps {
    copied: Option<String>,
    onclick: Callback<MouseEvent>,
    label: &'static str,
    done: &'static str,
}

#[component(CopyButton)]
fn copy_button(props: &CopyButtonProps) -> Html {
    html! {
        <>
            <button type="button" id="copy-summary" onclick={props.onclick.clone()}>{ props.label }</button>
            <span class="sr-status" id="copy-status" role="status" aria-live="polite">{ if props.copied.is_some() { props.done } else { "" } }</span>
            if let Some(text) = &props.copied {
                <pre id="summary-text" hidden=true>{ text.clone() }</pre>
            }
        </>
    }
}
