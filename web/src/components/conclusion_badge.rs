use iectox::Conclusion;
use yew::prelude::*;

use crate::hooks::use_lang;
use crate::i18n::labels::conclusion_label;

#[derive(Properties, PartialEq)]
pub struct ConclusionBadgeProps {
    pub conclusion: Conclusion,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// Met / not met / undetermined, in words and with a symbol: colour is never the only signal.
#[component(ConclusionBadge)]
pub fn conclusion_badge(props: &ConclusionBadgeProps) -> Html {
    let lang = use_lang();
    let (class, symbol) = match props.conclusion {
        Conclusion::Met => ("badge met", "●"),
        Conclusion::NotMet => ("badge not-met", "○"),
        Conclusion::Undetermined => ("badge undetermined", "◐"),
    };
    html! {
        <span class={class} id={props.id.clone()}>
            <span aria-hidden="true">{ symbol }{ " " }</span>{ conclusion_label(lang, props.conclusion) }
        </span>
    }
}
