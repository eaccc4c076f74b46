use iectox::scores::measix::NotComputable;
use iectox::Field;
use yew::prelude::*;

use crate::components::field_input::Fieldset;
use crate::components::missing_list::MissingList;
use crate::components::page::Page;
use crate::form::format_number;
use crate::hooks::use_app;
use crate::i18n::tr;
use crate::route::Route;

#[component(MeasixPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let m = &app.report.measix;
    let value = match (m.value, m.not_computable) {
        (Some(v), _) => format_number((v * 100.0).round() / 100.0),
        (None, Some(NotComputable::ZeroPlatelets)) => tr(
            lang,
            "not computable: platelets are 0",
            "no calculable: plaquetas 0",
        )
        .into(),
        _ => "—".into(),
    };
    html! {
        <Page route={Route::Measix}>
            <div class="two-col">
                <Fieldset legend={tr(lang, "Inputs", "Datos")} fields={vec![Field::Ldh, Field::Crp, Field::Platelets]} />
                <div class="results" aria-live="polite">
                    <p class="big">{ "m-EASIX: " }<strong id="measix-value">{ value }</strong></p>
                    if let Some(l) = m.log2 { <p id="measix-log2">{ format!("log₂ = {}", format_number((l * 100.0).round() / 100.0)) }</p> }
                    if let Some(i) = m.inputs {
                        <p class="working">{ format!("= LDH {} U/L × CRP {} mg/dL ÷ {} ×10⁹/L", format_number(i.ldh_u_per_l), format_number(i.crp_mg_per_dl), format_number(i.platelets_e9_per_l)) }</p>
                    }
                    <MissingList missing={m.missing.clone()} />
                    <p class="note">{ tr(lang, "m-EASIX = LDH (U/L) × CRP (mg/dL) / platelets (10⁹/L) (Pennisi 2021). CRP in mg/L is divided by 10 first. No validated cut-off has been published: the value is shown without a risk colour.", "m-EASIX = LDH (U/L) × PCR (mg/dL) / plaquetas (10⁹/L) (Pennisi 2021). La PCR en mg/L se divide antes entre 10. No hay punto de corte validado publicado: se muestra sin color de riesgo.") }</p>
                </div>
            </div>
        </Page>
    }
}
