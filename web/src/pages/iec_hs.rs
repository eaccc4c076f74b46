use iectox::patient::IecHsGrade;
use iectox::scores::iec_hs::{CartoxCriterion, IecHsDescriptor, IecHsFeature};
use iectox::Field;
use yew::prelude::*;
use yew_router::prelude::Link;

use crate::components::conclusion_badge::ConclusionBadge;
use crate::components::field_input::Fieldset;
use crate::components::missing_list::MissingList;
use crate::components::page::Page;
use crate::components::status_mark::StatusMark;
use crate::hooks::use_app;
use crate::i18n::numbers::{band, band_all, plain};
use crate::i18n::{tr, Lang};
use crate::route::Route;
use crate::state::Action;

const INPUTS: &[Field] = &[
    Field::Ferritin,
    Field::FerritinUln,
    Field::FerritinBaseline,
    Field::Ast,
    Field::AstUln,
    Field::AstBaseline,
    Field::Alt,
    Field::AltUln,
    Field::AltBaseline,
    Field::Fibrinogen,
    Field::FibrinogenLln,
    Field::TissueHemophagocytosis,
    Field::CytopeniasNewOrWorsening,
    Field::IecHsTiming,
];

pub fn feature_label(lang: Lang, f: IecHsFeature) -> String {
    use iectox::scores::{ctcae, iec_hs as h};
    let x = |v: f64| plain(lang, v);
    // The transaminase feature is a CTCAE grade: the multiples of its lower bound.
    let g = usize::from(
        h::PROVISIONAL
            .transaminase_min_ctcae_grade
            .saturating_sub(1),
    );
    match f {
        IecHsFeature::Ferritin => format!(
            "{} > {} × {} > {} × {}",
            tr(lang, "Ferritin", "Ferritina"),
            x(h::PROVISIONAL.ferritin_uln_multiple),
            tr(lang, "ULN or", "LSN o"),
            x(h::PROVISIONAL.ferritin_baseline_multiple),
            tr(
                lang,
                "baseline (at infusion), and/or rapidly rising",
                "basal (en la infusión), y/o en ascenso rápido"
            ),
        ),
        IecHsFeature::Transaminases => format!(
            "{} > {} × {} > {} × {}",
            tr(lang, "Transaminases", "Transaminasas"),
            x(ctcae::TRANSAMINASE_ULN.multiples[g]),
            tr(lang, "ULN (baseline normal) or", "LSN (basal normal) o"),
            x(ctcae::TRANSAMINASE_BASELINE.multiples[g]),
            tr(
                lang,
                "baseline (baseline abnormal)",
                "basal (basal anormal)"
            ),
        ),
        IecHsFeature::Fibrinogen => format!(
            "{} {} {}",
            tr(lang, "Hypofibrinogenemia", "Hipofibrinogenemia"),
            band_all(lang, &h::FIBRINOGEN_BAND),
            tr(lang, "or < LLN", "o < LIN")
        ),
        IecHsFeature::Hemophagocytosis => tr(
            lang,
            "Hemophagocytosis in bone marrow or other tissue",
            "Hemofagocitosis en médula ósea u otro tejido",
        )
        .into(),
        IecHsFeature::Cytopenias => tr(
            lang,
            "New-onset, worsening or refractory cytopenias",
            "Citopenias nuevas, que empeoran o refractarias",
        )
        .into(),
        IecHsFeature::Timing => tr(
            lang,
            "Onset with resolving CRS, or worsening inflammation after initial improvement",
            "Inicio con SLC en resolución, o empeoramiento inflamatorio tras mejoría inicial",
        )
        .into(),
    }
}

pub fn descriptor_text(lang: Lang, d: IecHsDescriptor) -> &'static str {
    match d {
        IecHsDescriptor::AsymptomaticOrMild => tr(lang, "Grade 1 — asymptomatic or mild; observation or diagnostic evaluation only", "Grado 1 — asintomático o leve; solo observación o estudio diagnóstico"),
        IecHsDescriptor::MildModerateRequiresIntervention => tr(lang, "Grade 2 — mild to moderate; requires intervention (IEC-HS-directed immunosuppression and/or transfusion, e.g. for hypofibrinogenemia)", "Grado 2 — leve-moderado; requiere intervención (inmunosupresión dirigida y/o transfusión, p. ej. por hipofibrinogenemia)"),
        IecHsDescriptor::Severe => tr(lang, "Grade 3 — severe, e.g. coagulopathy with bleeding, hypotension, respiratory compromise, new renal or hepatic dysfunction; urgent in-hospital escalation", "Grado 3 — grave, p. ej. coagulopatía con sangrado, hipotensión, compromiso respiratorio, disfunción renal o hepática nueva; escalada urgente"),
        IecHsDescriptor::LifeThreatening => tr(lang, "Grade 4 — life-threatening, e.g. requiring vasopressors, mechanical ventilation or dialysis; immediate intervention", "Grado 4 — amenaza vital, p. ej. precisa vasopresores, ventilación mecánica o diálisis; intervención inmediata"),
        IecHsDescriptor::Death => tr(lang, "Grade 5 — death", "Grado 5 — muerte"),
    }
}

fn cartox_label(lang: Lang, c: CartoxCriterion) -> String {
    use iectox::scores::iec_hs as h;
    let grade = |what_en: &str, what_es: &str| {
        format!(
            "{} ≥ {} {}",
            tr(lang, "Grade", "Grado"),
            h::CARTOX_ORGAN_MIN_GRADE,
            if lang == Lang::Es { what_es } else { what_en }
        )
    };
    match c {
        CartoxCriterion::Ferritin => format!(
            "{} {} {}",
            tr(lang, "Peak ferritin", "Ferritina máxima"),
            band(lang, &h::CARTOX_FERRITIN_BAND, None),
            tr(lang, "during the CRS phase", "en la fase de SLC")
        ),
        CartoxCriterion::Liver => grade("bilirubin, AST or ALT", "de bilirrubina, AST o ALT"),
        CartoxCriterion::Renal => grade(
            "oliguria or creatinine rise",
            "de oliguria o aumento de creatinina",
        ),
        CartoxCriterion::PulmonaryEdema => grade("pulmonary edema", "de edema pulmonar"),
        CartoxCriterion::Hemophagocytosis => tr(
            lang,
            "Hemophagocytosis in bone marrow or organs",
            "Hemofagocitosis en médula u órganos",
        )
        .into(),
    }
}

/// Why the ferritin criterion is decided without an entered ULN (the numbers are the core's).
pub fn uln_not_entered_text(lang: Lang, why: iectox::scores::iec_hs::UlnNotEntered) -> String {
    use iectox::scores::iec_hs::UlnNotEntered;
    let limit = |multiple: f64, uln: f64, unit: iectox::units::Unit| {
        format!(
            "{} × {} {}",
            plain(lang, multiple),
            plain(lang, uln),
            crate::i18n::labels::unit_label(lang, unit)
        )
    };
    match why {
        UlnNotEntered::AboveEveryAcceptedUln {
            multiple,
            uln,
            unit,
        } => format!(
            "{} {} {}",
            tr(
                lang,
                "ULN not entered: ferritin is above",
                "LSN no introducido: la ferritina supera"
            ),
            limit(multiple, uln, unit),
            tr(
                lang,
                "(the largest ULN accepted): the criterion is met whatever the ULN.",
                "(el mayor LSN aceptado): el criterio se cumple sea cual sea el LSN."
            )
        ),
        UlnNotEntered::NotAboveAnyAcceptedUln {
            multiple,
            uln,
            unit,
        } => format!(
            "{} {} {}",
            tr(
                lang,
                "ULN not entered: ferritin is not above",
                "LSN no introducido: la ferritina no supera"
            ),
            limit(multiple, uln, unit),
            tr(
                lang,
                "(the smallest ULN accepted): the ULN part is not met whatever the ULN.",
                "(el menor LSN aceptado): la parte del LSN no se cumple sea cual sea el LSN."
            )
        ),
    }
}

const GRADES: [(IecHsGrade, &str); 5] = [
    (IecHsGrade::Grade1, "grade1"),
    (IecHsGrade::Grade2, "grade2"),
    (IecHsGrade::Grade3, "grade3"),
    (IecHsGrade::Grade4, "grade4"),
    (IecHsGrade::Grade5, "grade5"),
];

#[component(IecHsPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let r = &app.report.iec_hs;
    let chooser = GRADES.iter().map(|&(g, key)| {
        let selected = r.grade == Some(g);
        let onchange = {
            let app = app.clone();
            Callback::from(move |_| app.dispatch(Action::SetChoice(Field::IecHsGrade, key.into())))
        };
        html! {
            <label class={classes!("grade-choice", selected.then_some("selected"))}>
                <input type="radio" name="iec-hs-grade" value={key} checked={selected} {onchange} />
                { descriptor_text(lang, IecHsDescriptor::of(g)) }
            </label>
        }
    });
    let clear = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::SetChoice(Field::IecHsGrade, String::new())))
    };
    html! {
        <Page route={Route::IecHs}>
            <p class="note provisional">{ tr(lang, "Provisional: the Hines 2023 thresholds and grade descriptors are recalled, not yet verified against the paper's tables. IEC-HS is a clinical diagnosis: this checklist reports features, never a bare \"diagnosed\". Consider alternatives (infection, disease progression, primary HLH).", "Provisional: los umbrales y descriptores de Hines 2023 son recordados, aún no verificados con las tablas del artículo. El IEC-HS es un diagnóstico clínico: esta lista informa de rasgos, nunca un «diagnosticado». Considere alternativas (infección, progresión, HLH primaria).") }</p>
            <div class="two-col">
                <Fieldset legend={tr(lang, "Inputs", "Datos")} fields={INPUTS.to_vec()} />
                <div class="results" aria-live="polite">
                    <p>{ tr(lang, "Ferritin criterion: ", "Criterio de ferritina: ") }<ConclusionBadge id="iec-ferritin" conclusion={r.ferritin_criterion} /></p>
                    if let Some(why) = r.ferritin_uln_not_entered {
                        <p class="note" id="iec-ferritin-reason">{ uln_not_entered_text(lang, why) }</p>
                    }
                    <p id="iec-present">{ format!("{} {}/{}", tr(lang, "Features present:", "Rasgos presentes:"), r.present.len(), r.features.items.len()) }</p>
                    <table id="iec-features" class="checklist">
                        <caption>{ tr(lang, "IEC-HS features (Hines 2023)", "Rasgos de IEC-HS (Hines 2023)") }</caption>
                        <tbody>
                        { for r.features.items.iter().map(|i| html! {
                            <tr data-feature={format!("{:?}", i.key)}>
                                <th scope="row">{ feature_label(lang, i.key) }</th>
                                <td><StatusMark status={i.status} /></td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                    <MissingList missing={r.features.missing.clone()} />
                    <fieldset class="grade-chooser" id="iec-grade">
                        <legend>{ tr(lang, "Grade (clinician-selected, with the descriptors)", "Grado (lo elige el clínico, con los descriptores)") }</legend>
                        { for chooser }
                        <button type="button" class="secondary" onclick={clear}>{ tr(lang, "Clear grade", "Borrar grado") }</button>
                    </fieldset>
                    if r.grade.is_some() {
                        <p><Link<Route> to={Route::Treatment}>{ tr(lang, "IEC-HS management steps →", "Pasos de tratamiento del IEC-HS →") }</Link<Route>></p>
                    }
                    <h2>{ tr(lang, "Predecessor: CARTOX CAR-T-related HLH/MAS (Neelapu 2018)", "Predecesor: HLH/SAM asociado a CAR-T de CARTOX (Neelapu 2018)") }</h2>
                    <p>{ format!("{} {} {} ≥ {} {}: ", tr(lang, "Ferritin", "Ferritina"), band(lang, &iectox::scores::iec_hs::CARTOX_FERRITIN_BAND, None), tr(lang, "plus", "y"), iectox::scores::iec_hs::CARTOX_MIN_ORGAN_CRITERIA, tr(lang, "organ criteria", "criterios orgánicos")) }<ConclusionBadge id="cartox-hlh" conclusion={r.cartox_hlh.assessment.conclusion} /></p>
                    <ul class="plain">
                    { for r.cartox_hlh.assessment.items.iter().map(|i| html! {
                        <li>{ cartox_label(lang, i.key) }{ ": " }<StatusMark status={i.status} /></li>
                    }) }
                    </ul>
                </div>
            </div>
        </Page>
    }
}
