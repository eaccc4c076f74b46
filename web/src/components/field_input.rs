use iectox::units::Unit;
use iectox::Field;
use yew::prelude::*;

use crate::form::{kind, Kind};
use crate::hooks::use_app;
use crate::i18n::labels::{error_message, field_label, option_label};
use crate::i18n::tr;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct FieldInputProps {
    pub field: Field,
}

/// The id of a field's control, stable for tests and labels: `in-<snake_case field>`.
pub fn field_id(field: Field) -> String {
    let name = serde_json::to_value(field)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    format!("in-{name}")
}

/// What one field's input shows: everything [`FieldControl`] draws from, so that a keystroke
/// in one field renders that field alone (every other field's view compares equal).
#[derive(Clone, PartialEq)]
pub struct FieldView {
    pub field: Field,
    pub lang: crate::i18n::Lang,
    pub error: Option<iectox::Error>,
    /// A quantity: the text and unit shown (converted after a unit switch).
    pub shown: Option<crate::form::Shown>,
    /// A count: the text typed.
    pub text: String,
    /// A yes/no or option choice ("" = not known).
    pub choice: String,
}

impl FieldView {
    pub fn of(app: &crate::state::AppState, field: Field) -> Self {
        let (shown, text, choice) = match kind(field) {
            Kind::Quantity(_) => (Some(app.form.display(field)), String::new(), String::new()),
            Kind::Count(_) => (None, app.form.text(field).to_owned(), String::new()),
            Kind::YesNo | Kind::Choice(_) => {
                (None, String::new(), app.form.choice(field).to_owned())
            }
        };
        FieldView {
            field,
            lang: app.lang,
            error: app.parsed.errors.get(&field).cloned(),
            shown,
            text,
            choice,
        }
    }
}

/// One input of the shared patient, entered the way its kind needs. A value that cannot be
/// used shows why, inline, and counts as missing.
#[component(FieldInput)]
pub fn field_input(props: &FieldInputProps) -> Html {
    let app = use_app();
    let view = FieldView::of(&app, props.field);
    html! { <FieldControl {view} dispatcher={app.dispatcher()} /> }
}

#[derive(Properties, PartialEq)]
pub struct FieldControlProps {
    pub view: FieldView,
    pub dispatcher: UseReducerDispatcher<crate::state::AppState>,
}

/// The input of [`FieldInput`], drawn from its [`FieldView`] only.
#[component(FieldControl)]
fn field_control(props: &FieldControlProps) -> Html {
    let view = &props.view;
    let app = &props.dispatcher;
    let lang = view.lang;
    let s = lang.strings();
    let field = view.field;
    let id = field_id(field);
    let err_id = format!("{id}-error");
    let error = view.error.as_ref();
    let label = field_label(lang, field);
    let described = error.map(|_| err_id.clone());

    // Typed text is kept as typed; the core parses it (both numeric kinds).
    let oninput = {
        let app = app.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            app.dispatch(Action::SetText(field, v));
        })
    };
    // After a unit switch the input shows the typed value converted, with a note naming the
    // fact it came from; every score keeps using the fact (product decision 10).
    let note_id = format!("{id}-converted");
    let note = view
        .shown
        .as_ref()
        .and_then(|shown| shown.converted_from.as_ref())
        .map(|(text, unit)| {
            format!(
                "{} {text} {unit} — {}",
                tr(lang, "converted from", "convertido de"),
                tr(
                    lang,
                    "results use the value as typed",
                    "los resultados usan el valor introducido"
                ),
            )
        });
    let quantity_described = match (&described, &note) {
        (Some(e), Some(_)) => Some(format!("{e} {note_id}")),
        (None, Some(_)) => Some(note_id.clone()),
        (e, None) => e.clone(),
    };
    let control = match (kind(field), &view.shown) {
        (Kind::Quantity(units), Some(shown)) => {
            let oninput = oninput.clone();
            let onchange = {
                let app = app.clone();
                Callback::from(move |e: Event| {
                    let v = e
                        .target_unchecked_into::<web_sys::HtmlSelectElement>()
                        .value();
                    if let Some(u) = Unit::ALL.iter().find(|u| u.symbol() == v) {
                        app.dispatch(Action::SetUnit(field, *u));
                    }
                })
            };
            let current = shown.unit;
            let unit_label = format!("{} – {}", label, s.unit);
            html! {
                <span class="quantity">
                    <input id={id.clone()} type="text" inputmode="decimal" autocomplete="off"
                        value={shown.text.clone()} {oninput}
                        class={classes!(note.is_some().then_some("converted"))}
                        aria-invalid={error.is_some().then_some("true")}
                        aria-describedby={quantity_described} />
                    if units.len() > 1 {
                        <select id={format!("{id}-unit")} aria-label={unit_label} {onchange}>
                            { for units.iter().map(|u| html! {
                                <option value={u.symbol()} selected={*u == current}>{ crate::i18n::labels::unit_label(lang, *u) }</option>
                            }) }
                        </select>
                    } else {
                        <span class="unit">{ crate::i18n::labels::unit_label(lang, current) }</span>
                    }
                </span>
            }
        }
        (Kind::Count(max), _) => {
            let oninput = oninput.clone();
            html! {
                <input id={id.clone()} type="text" inputmode="numeric" autocomplete="off"
                    placeholder={format!("0–{max}")}
                    value={view.text.clone()} {oninput}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={described.clone()} />
            }
        }
        (Kind::Choice(keys), _) => {
            let labels: Vec<(&str, std::borrow::Cow<'static, str>)> =
                keys.iter().map(|k| (*k, option_label(lang, k))).collect();
            let options: Vec<(&str, &str)> = labels.iter().map(|(k, l)| (*k, l.as_ref())).collect();
            choice(app, field, &view.choice, &id, &options, s.not_known)
        }
        // Yes/no (a quantity always has its `shown`).
        _ => choice(
            app,
            field,
            &view.choice,
            &id,
            &[("yes", s.yes), ("no", s.no)],
            s.not_known,
        ),
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ label }</label>
            { control }
            if let Some(note) = note {
                <p class="converted-note" id={note_id}>{ note }</p>
            }
            if let Some(e) = error {
                <p class="error" id={err_id} role="alert">{ "⚠ " }{ error_message(lang, e) }</p>
            }
        </div>
    }
}

fn choice(
    app: &UseReducerDispatcher<crate::state::AppState>,
    field: Field,
    current: &str,
    id: &str,
    options: &[(&str, &str)],
    not_known: &str,
) -> Html {
    let onchange = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            app.dispatch(Action::SetChoice(field, v));
        })
    };
    html! {
        <select id={id.to_owned()} {onchange}>
            <option value="" selected={current.is_empty()}>{ format!("— {not_known} —") }</option>
            { for options.iter().map(|(k, label)| html! {
                <option value={k.to_string()} selected={current == *k}>{ label.to_string() }</option>
            }) }
        </select>
    }
}

#[derive(Properties, PartialEq)]
pub struct FieldsetProps {
    pub legend: AttrValue,
    pub fields: Vec<Field>,
}

/// A group of inputs under a legend.
#[component(Fieldset)]
pub fn fieldset(props: &FieldsetProps) -> Html {
    html! {
        <fieldset class="inputs">
            <legend>{ props.legend.clone() }</legend>
            { for props.fields.iter().map(|f| html! { <FieldInput field={*f} /> }) }
        </fieldset>
    }
}

/// A field's value as entered, with its unit or option label ("" when empty).
pub fn shown_value(app: &crate::state::AppState, field: Field) -> String {
    let s = app.lang.strings();
    match kind(field) {
        Kind::Quantity(_) => {
            let t = app.form.text(field);
            if t.is_empty() {
                String::new()
            } else if app.parsed.errors.contains_key(&field) {
                format!("{t} {} ⚠", app.form.unit(field))
            } else {
                format!("{t} {}", app.form.unit(field))
            }
        }
        Kind::Count(_) => app.form.text(field).to_owned(),
        Kind::YesNo => match app.form.choice(field) {
            "yes" => s.yes.into(),
            "no" => s.no.into(),
            _ => String::new(),
        },
        Kind::Choice(_) => {
            let c = app.form.choice(field);
            if c.is_empty() {
                String::new()
            } else {
                option_label(app.lang, c).into()
            }
        }
    }
}
