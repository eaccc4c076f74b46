use iectox::scores::icans::{self, Domain, Tool};
use iectox::Field;
use yew::prelude::*;

use crate::components::field_input::Fieldset;
use crate::components::grade_result::{grade_text, GradeResult};
use crate::components::grade_table::{GradeRow, GradeTable};
use crate::components::page::Page;
use crate::hooks::use_app;
use crate::i18n::{tr, Lang};
use crate::route::Route;

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
        Domain::Death => tr(
            lang,
            "Death due to ICANS (grade 5)",
            "Muerte por ICANS (grado 5)",
        ),
    }
}

fn cells(lang: Lang, d: Domain) -> [&'static str; 4] {
    match d {
        Domain::Ice => ["7–9", "3–6", "0–2", tr(lang, "0 (unarousable, cannot perform ICE)", "0 (no despertable, no puede hacer ICE)")],
        Domain::Capd => ["1–8", tr(lang, "1–8 (awakens to voice)", "1–8 (despierta a la voz)"), "≥ 9", tr(lang, "unable to perform CAPD", "no puede realizar CAPD")],
        Domain::Consciousness => [
            tr(lang, "awakens spontaneously", "despierta espontáneamente"),
            tr(lang, "awakens to voice", "despierta a la voz"),
            tr(lang, "awakens only to tactile stimulus", "despierta solo al estímulo táctil"),
            tr(lang, "unarousable, or vigorous/repetitive stimuli needed; stupor or coma", "no despertable o precisa estímulos vigorosos/repetidos; estupor o coma"),
        ],
        Domain::Seizure => [
            "—",
            "—",
            tr(lang, "any clinical seizure that resolves rapidly, or EEG seizures resolving with intervention", "cualquier crisis clínica que cede rápido, o crisis en EEG que ceden con tratamiento"),
            tr(lang, "prolonged (> 5 min) or repetitive without return to baseline", "prolongada (> 5 min) o repetidas sin recuperación entre ellas"),
        ],
        Domain::MotorWeakness => ["—", "—", "—", tr(lang, "deep focal motor weakness (hemiparesis, paraparesis)", "debilidad motora focal profunda (hemiparesia, paraparesia)")],
        Domain::CerebralEdema => [
            "—",
            "—",
            tr(lang, "focal/local edema on neuroimaging", "edema focal/local en neuroimagen"),
            tr(lang, "diffuse edema; decerebrate/decorticate posturing; CN VI palsy; papilledema; Cushing's triad", "edema difuso; posturas de descerebración/decorticación; parálisis del VI; papiledema; tríada de Cushing"),
        ],
        Domain::Death => ["—", "—", "—", "—"],
    }
}

#[component(IcansPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let r = icans::assess(&app.parsed.patient);
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
            deciding: a
                .value
                .is_some_and(|v| v > 0 && i.range.min == v && i.range.max == v),
        })
        .collect();
    let tool = match r.tool {
        Tool::Ice => tr(
            lang,
            "Assessed with ICE (adult tool)",
            "Evaluado con ICE (herramienta de adultos)",
        ),
        Tool::Capd => tr(
            lang,
            "Assessed with CAPD (child < 12 years or developmental delay)",
            "Evaluado con CAPD (niño < 12 años o retraso del desarrollo)",
        ),
        Tool::Undetermined => tr(lang, "ICE or CAPD: age needed", "ICE o CAPD: falta la edad"),
    };
    let ice = match r.ice_total {
        Some((lo, hi)) if lo == hi => format!("ICE {lo}/10"),
        Some((lo, hi)) => format!("ICE {lo}–{hi}/10"),
        None => String::new(),
    };
    let _ = worst;
    html! {
        <Page route={Route::Icans}>
            <div class="two-col">
                <div>
                    <Fieldset legend={tr(lang, "Patient", "Paciente")} fields={PATIENT.to_vec()} />
                    <Fieldset legend={tr(lang, "ICE (10 points; enter items or the total)", "ICE (10 puntos; ítems o total)")} fields={ICE.to_vec()} />
                    <Fieldset legend={tr(lang, "Neurological findings", "Hallazgos neurológicos")} fields={NEURO.to_vec()} />
                    if r.tool != Tool::Ice {
                        <Fieldset legend={tr(lang, "CAPD (children < 12 years or developmental delay): how often over the shift; or the total", "CAPD (niños < 12 años o retraso del desarrollo): con qué frecuencia en el turno; o el total")} fields={CAPD.to_vec()} />
                    }
                </div>
                <div class="results" aria-live="polite">
                    <GradeResult id="icans-grade" name="ICANS" value={a.value} range={(a.range.min, a.range.max)} conclusion={a.conclusion} missing={a.missing.clone()} />
                    <p id="icans-tool">{ tool }{ if ice.is_empty() { String::new() } else { format!(" — {ice}") } }</p>
                    <p class="sr-only">{ grade_text(lang, a.value, (a.range.min, a.range.max)) }</p>
                    <GradeTable id="icans-table" caption={tr(lang, "ASTCT ICANS grading (worst domain wins)", "Gradación ASTCT de ICANS (manda el peor dominio)")}
                        domain_header={tr(lang, "Domain", "Dominio")} grade_word={tr(lang, "Grade", "Grado")}
                        deciding_word={tr(lang, "decides the grade", "decide el grado")} rows={rows} />
                    <p class="note">{ tr(lang, "Findings must not be attributable to another cause (e.g. sedation). Tremor and myoclonus do not change the ICANS grade; intracranial haemorrhage is excluded from ICANS grading.", "Los hallazgos no deben atribuirse a otra causa (p. ej., sedación). El temblor y las mioclonías no cambian el grado de ICANS; la hemorragia intracraneal se excluye de la gradación.") }</p>
                </div>
            </div>
        </Page>
    }
}
