use yew::prelude::*;

use crate::components::nav::page_title;
use crate::hooks::{use_app, use_strings};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub route: Route,
    #[prop_or_default]
    pub children: Html,
}

/// A page: its title (focusable heading) and content.
#[component(Page)]
pub fn page(props: &PageProps) -> Html {
    let s = use_strings();
    let title = page_title(s, &props.route);
    use_effect_with((props.route.clone(), title), |(_, title)| {
        gloo::utils::document().set_title(&format!("{title} · IEC-Tox"));
    });
    html! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">{ title }</h1>
            if !matches!(props.route, Route::Course | Route::Patients | Route::Sources) {
                <crate::components::time_point_select::TimePointSelect />
            }
            <ResultBar route={props.route.clone()} />
            { props.children.clone() }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultBarProps {
    pub route: Route,
}

/// The page's headline result in one line, kept in sight at the top of a phone screen while
/// the inputs above the full result are being entered (style.css shows it only on narrow
/// screens; tablets show the result column beside the inputs). It repeats the result that
/// the page announces, so it is hidden from assistive technology.
#[component(ResultBar)]
pub fn result_bar(props: &ResultBarProps) -> Html {
    let app = use_app();
    let cards = crate::pages::overview::cards(app.lang, &app.report);
    let Some(card) = cards.into_iter().find(|c| c.route == props.route) else {
        return html! {};
    };
    html! {
        <div class="result-bar" id="result-bar" aria-hidden="true">
            <span class="result-bar-title">{ card.title }</span>
            <strong class="result-bar-value">{ card.value }</strong>
            if let Some((label, conclusion)) = card.conclusion {
                <span class={classes!("result-bar-conclusion", conclusion_class(conclusion))}>
                    { format!("{label}: {}", crate::i18n::labels::conclusion_label(app.lang, conclusion)) }
                </span>
            }
        </div>
    }
}

fn conclusion_class(c: iectox::Conclusion) -> &'static str {
    match c {
        iectox::Conclusion::Met => "met",
        iectox::Conclusion::NotMet => "not-met",
        iectox::Conclusion::Undetermined => "undetermined",
    }
}
