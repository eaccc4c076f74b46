use iectox::scores::icans::{self, Domain, Tool, ToolReason};
use iectox::Field;
use yew::prelude::*;

use crate::components::field_input::Fieldset;
use crate::components::grade_result::{grade_text, GradeResult};
use crate::components::grade_table::{Grade5, GradeRow, GradeTable, RowCells};
use crate::components::page::Page;
use crate::hooks::use_app;
use crate::i18n::{tr, Lang};
use crate::route::Route;
use crate::state::Action;

const PATIENT: &[Field] = &[Field::Age, Field::DevelopmentalDelay];
const ICE: &[Field] = &[
    Field::IceOrientation,
    Field::IceNaming,
    Field::IceCommands,
    Field::IceWriting,
    Field::IceAttention,
    Field::IceTotal,
];
const NEURO: &[Field] = &[
    Field::Consciousness,
    Field::Seizure,
    Field::MotorWeakness,
    Field::CerebralEdema,
    Field::IcansDeath,
];
const CAPD: &[Field] = &[
    Field::CapdEyeContact,
    Field::CapdPurposeful,
    Field::CapdAware,
    Field::CapdCommunicates,
    Field::CapdRestless,
    Field::CapdInconsolable,
    Field::CapdUnderactive,
    Field::CapdSlowToRespond,
    Field::CapdTotal,
];

/// "prolonged (> 5 min) or repetitive without return to baseline", the minutes from the core.
pub fn seizure_prolonged(lang: Lang) -> String {
    format!(
        "{} (> {} min) {}",
        tr(lang, "prolonged", "prolongada"),
        icans::PROLONGED_SEIZURE_MINUTES,
        tr(
            lang,
            "or repetitive without return to baseline",
            "o repetidas sin recuperación entre ellas"
        )
    )
}

pub fn domain_label(lang: Lang, d: Domain) -> &'static str {
    match d {
        Domain::Ice => tr(lang, "ICE score", "Puntuación ICE"),
        Domain::Capd => tr(lang, "CAPD (children)", "CAPD (niños)"),
        Domain::Consciousness => tr(
            lang,
            "Depressed level of consciousness",
            "Disminución del nivel de consciencia",
        ),
        Domain::Seizure => tr(lang, "Seizure", "Crisis convulsiva"),
        Domain::MotorWeakness => tr(lang, "Motor findings", "Hallazgos motores"),
        Domain::CerebralEdema => tr(lang, "Raised ICP / cerebral edema", "HTIC / edema cerebral"),
        Domain::Death => tr(lang, "Death", "Muerte"),
    }
}

/// The ICE totals of each ICE grade 1–3, read from the core's [`icans::ice_grade`].
fn ice_totals(grade: u8) -> String {
    let totals: Vec<u8> = (0..=icans::ICE_MAX)
        .filter(|&t| icans::ice_grade(t) == grade)
        .collect();
    match (totals.first(), totals.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

fn cells(lang: Lang, d: Domain) -> RowCells {
    let c = |v: [Option<&str>; 4]| RowCells::PerGrade(v.map(|t| t.map(str::to_string)));
    // CAPD totals below the grade-3 cut-off grade 1 or 2 by the level of consciousness.
    let capd_low = format!("1–{}", icans::CAPD_GRADE_3_FROM - 1);
    match d {
        Domain::Ice => RowCells::PerGrade([
            Some(ice_totals(1)),
            Some(ice_totals(2)),
            Some(ice_totals(3)),
            Some(format!("0 {}", tr(lang, "(unarousable, cannot perform ICE)", "(no despertable, no puede hacer ICE)"))),
        ]),
        Domain::Capd => RowCells::PerGrade([
            Some(capd_low.clone()),
            Some(format!("{capd_low} {}", tr(lang, "(awakens to voice)", "(despierta a la voz)"))),
            Some(format!("≥ {}", icans::CAPD_GRADE_3_FROM)),
            Some(tr(lang, "unable to perform CAPD", "no puede realizar CAPD").into()),
        ]),
        Domain::Consciousness => c([
            Some(tr(lang, "awakens spontaneously", "despierta espontáneamente")),
            Some(tr(lang, "awakens to voice", "despierta a la voz")),
            Some(tr(lang, "awakens only to tactile stimulus", "despierta solo al estímulo táctil")),
            Some(tr(lang, "unarousable, or vigorous/repetitive stimuli needed; stupor or coma", "no despertable o precisa estímulos vigorosos/repetidos; estupor o coma")),
        ]),
        Domain::Seizure => c([
            None,
            None,
            Some(tr(lang, "any clinical seizure that resolves rapidly, or EEG seizures resolving with intervention", "cualquier crisis clínica que cede rápido, o crisis en EEG que ceden con tratamiento")),
            Some(&seizure_prolonged(lang)),
        ]),
        Domain::MotorWeakness => c([None, None, None, Some(tr(lang, "deep focal motor weakness (hemiparesis, paraparesis)", "debilidad motora focal profunda (hemiparesia, paraparesia)"))]),
        Domain::CerebralEdema => c([
            None,
            None,
            Some(tr(lang, "focal/local edema on neuroimaging", "edema focal/local en neuroimagen")),
            Some(tr(lang, "diffuse edema; decerebrate/decorticate posturing; CN VI palsy; papilledema; Cushing's triad", "edema difuso; posturas de descerebración/decorticación; parálisis del VI; papiledema; tríada de Cushing")),
        ]),
        Domain::Death => c([None, None, None, None]),
    }
}

#[component(IcansPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let r = &app.report.icans;
    let a = &r.assessment;
    let worst = a.range.max;
    let rows: Vec<GradeRow> = a
        .items
        .iter()
        .filter(|i| i.key != Domain::Death)
        .filter(|i| match r.tool {
            Tool::Ice => i.key != Domain::Capd,
            Tool::Capd => i.key != Domain::Ice,
            Tool::Undetermined => true,
        })
        .map(|i| GradeRow {
            key: format!("{:?}", i.key),
            label: domain_label(lang, i.key).into(),
            cells: cells(lang, i.key),
            range: (i.range.min, i.range.max),
            deciding: r.deciding.contains(&i.key),
        })
        .collect();
    let capd_age = app.parsed.patient.settings.capd_below_age_years;
    let tool = match r.tool {
        Tool::Ice => tr(
            lang,
            "Assessed with ICE (adult tool)",
            "Evaluado con ICE (herramienta de adultos)",
        )
        .to_string(),
        Tool::Capd => format!(
            "{} < {capd_age} {}",
            tr(lang, "Assessed with CAPD (child", "Evaluado con CAPD (niño"),
            tr(
                lang,
                "years or developmental delay)",
                "años o retraso del desarrollo)"
            )
        ),
        Tool::Undetermined => {
            tr(lang, "ICE or CAPD: age needed", "ICE o CAPD: falta la edad").to_string()
        }
    };
    let declared = match r.tool_reason {
        ToolReason::DeclaredAdult | ToolReason::DeclaredChild => format!(
            " ({})",
            tr(
                lang,
                "age unknown, as answered",
                "edad desconocida, según respuesta"
            )
        ),
        _ => String::new(),
    };
    let on_age_group = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            app.dispatch(Action::SetIcansAgeGroup(v));
        })
    };
    let answer = app.form.icans_age_group.clone();
    // Asked only while the age is unknown (an entered age always decides the tool).
    let ask =
        app.parsed.patient.age.is_none() && app.parsed.patient.developmental_delay != Some(true);
    let ice = match r.ice_total {
        Some((lo, hi)) if lo == hi => format!("ICE {lo}/{}", icans::ICE_MAX),
        Some((lo, hi)) => format!("ICE {lo}–{hi}/{}", icans::ICE_MAX),
        None => String::new(),
    };
    let _ = worst;
    let grade5 = a
        .items
        .iter()
        .find(|i| i.key == Domain::Death)
        .map(|i| Grade5 {
            label: domain_label(lang, Domain::Death).into(),
            text: tr(lang, "death due to ICANS", "muerte por ICANS").into(),
            range: (i.range.min, i.range.max),
        });
    html! {
        <Page route={Route::Icans}>
            <div class="two-col">
                <div>
                    <Fieldset legend={tr(lang, "Patient", "Paciente")} fields={PATIENT.to_vec()} />
                    if ask {
                        <div class="field" id="icans-age-group-field">
                            <label for="in-icans-age-group">{ format!("{} {capd_age} {})?", tr(lang, "Age unknown: adult or child (under", "Edad desconocida: ¿adulto o niño (menor de"), tr(lang, "years", "años")) }</label>
                            <select id="in-icans-age-group" onchange={on_age_group}>
                                <option value="" selected={answer.is_empty()}>{ format!("— {} —", lang.strings().not_known) }</option>
                                <option value="adult" selected={answer == "adult"}>{ format!("{} (ICE)", tr(lang, "Adult", "Adulto")) }</option>
                                <option value="child" selected={answer == "child"}>{ format!("{} (CAPD)", tr(lang, "Child", "Niño")) }</option>
                            </select>
                        </div>
                    }
                    <Fieldset legend={format!("ICE ({} {})", icans::ICE_MAX, tr(lang, "points; enter items or the total", "puntos; ítems o total"))} fields={ICE.to_vec()} />
                    <Fieldset legend={tr(lang, "Neurological findings", "Hallazgos neurológicos")} fields={NEURO.to_vec()} />
                    if r.tool != Tool::Ice {
                        <Fieldset legend={format!("CAPD ({} < {capd_age} {}", tr(lang, "children", "niños"), tr(lang, "years or developmental delay): how often over the shift; or the total", "años o retraso del desarrollo): con qué frecuencia en el turno; o el total"))} fields={CAPD.to_vec()} />
                    }
                </div>
                <div class="results" aria-live="polite">
                    <GradeResult id="icans-grade" name="ICANS" value={a.value} range={(a.range.min, a.range.max)} conclusion={a.conclusion} missing={a.missing.clone()} />
                    <p id="icans-tool">{ tool }{ declared }{ if ice.is_empty() { String::new() } else { format!(" — {ice}") } }</p>
                    <p class="sr-only">{ grade_text(lang, a.value, (a.range.min, a.range.max)) }</p>
                    <GradeTable id="icans-table" caption={tr(lang, "ASTCT ICANS grading (worst domain wins)", "Gradación ASTCT de ICANS (manda el peor dominio)")}
                        domain_header={tr(lang, "Domain", "Dominio")} grade_word={tr(lang, "Grade", "Grado")}
                        deciding_word={tr(lang, "decides the grade", "decide el grado")} rows={rows} {grade5} dense=true />
                    <p class="note">{ tr(lang, "Findings must not be attributable to another cause (e.g. sedation). Tremor and myoclonus do not change the ICANS grade; intracranial haemorrhage is excluded from ICANS grading.", "Los hallazgos no deben atribuirse a otra causa (p. ej., sedación). El temblor y las mioclonías no cambian el grado de ICANS; la hemorragia intracraneal se excluye de la gradación.") }</p>
                </div>
            </div>
        </Page>
    }
}
