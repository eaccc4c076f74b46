//! The app's one reducer: every change to the patient or the language is an [`Action`].

use std::rc::Rc;

use iectox::units::Unit;
use iectox::Field;
use yew::prelude::*;

use crate::form::{convert_text, FormState, Parsed};
use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The text of a numeric field.
    SetText(Field, String),
    /// A new unit for a field: the typed value is converted to it when it parses, so the
    /// quantity never silently changes meaning.
    SetUnit(Field, Unit),
    /// A yes/no/option choice ("" = not known).
    SetChoice(Field, String),
    SetHlhFeverNumeric(bool),
    /// "adult", "child" or "" (not answered), for dosing when the age is unknown.
    SetDosingAgeGroup(String),
    SetLang(Lang),
    /// The regimen tab chosen on the treatment page (`None`: follow the decided CRS grade).
    SelectRegimen(Option<iectox::treatment::Regimen>),
    AddTocilizumabDose(f64),
    RemoveTocilizumabDose(usize),
    /// Clears the patient (the language stays).
    NewPatient,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    pub form: FormState,
    /// The form mapped to the core's typed patient, recomputed on every change.
    pub parsed: Parsed,
    /// The regimen tab chosen on the treatment page; "New patient" clears it.
    pub regimen: Option<iectox::treatment::Regimen>,
}

impl AppState {
    pub fn new(lang: Lang, form: FormState) -> Self {
        let parsed = form.parse();
        AppState {
            lang,
            form,
            parsed,
            regimen: None,
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut form = self.form.clone();
        let mut lang = self.lang;
        let mut regimen = self.regimen;
        match action {
            Action::SetText(field, text) => {
                if text.is_empty() {
                    form.texts.remove(&field);
                } else {
                    form.texts.insert(field, text);
                }
            }
            Action::SetUnit(field, unit) => {
                let from = form.unit(field);
                if let Some(converted) = convert_text(field, form.text(field), from, unit) {
                    form.texts.insert(field, converted);
                }
                form.units.insert(field, unit);
            }
            Action::SetChoice(field, choice) => {
                if choice.is_empty() {
                    form.choices.remove(&field);
                } else {
                    form.choices.insert(field, choice);
                }
            }
            Action::SetHlhFeverNumeric(on) => form.hlh_fever_numeric = on,
            Action::SetDosingAgeGroup(group) => form.dosing_age_group = group,
            Action::SetLang(l) => lang = l,
            Action::AddTocilizumabDose(at) => {
                form.tocilizumab_doses.push(at);
                form.tocilizumab_doses.sort_by(f64::total_cmp);
            }
            Action::RemoveTocilizumabDose(i) => {
                if i < form.tocilizumab_doses.len() {
                    form.tocilizumab_doses.remove(i);
                }
            }
            Action::SelectRegimen(r) => regimen = r,
            Action::NewPatient => {
                form = FormState::default();
                regimen = None;
            }
        }
        if form == self.form {
            return Rc::new(AppState {
                lang,
                regimen,
                ..(*self).clone()
            });
        }
        Rc::new(AppState {
            regimen,
            ..AppState::new(lang, form)
        })
    }
}

pub type AppContext = UseReducerHandle<AppState>;
