use iectox::Status;
use yew::prelude::*;

use crate::hooks::use_lang;
use crate::i18n::labels::status_label;

#[derive(Properties, PartialEq)]
pub struct StatusMarkProps {
    pub status: Status,
}

/// Met / not met / unknown with a symbol and a word (never colour alone).
#[component(StatusMark)]
pub fn status_mark(props: &StatusMarkProps) -> Html {
    let lang = use_lang();
    let (class, symbol) = match props.status {
        Status::Met => ("status met", "✔"),
        Status::NotMet => ("status not-met", "✘"),
        Status::Unknown => ("status unknown", "?"),
    };
    html! {
        <span class={class}><span aria-hidden="true">{ symbol }{ " " }</span>{ status_label(lang, props.status) }</span>
    }
}
