use iectox::Field;
use yew::prelude::*;

use crate::hooks::{use_lang, use_strings};
use crate::i18n::labels::field_label;

#[derive(Properties, PartialEq)]
pub struct MissingListProps {
    pub missing: Vec<Field>,
}

/// The inputs a score needed and did not get.
#[component(MissingList)]
pub fn missing_list(props: &MissingListProps) -> Html {
    let lang = use_lang();
    let s = use_strings();
    if props.missing.is_empty() {
        return html! { <p class="missing none">{ s.nothing_missing }</p> };
    }
    html! {
        <p class="missing">
            <strong>{ s.missing }{ ": " }</strong>
            { props.missing.iter().map(|f| field_label(lang, *f)).collect::<Vec<_>>().join(", ") }
        </p>
    }
}
