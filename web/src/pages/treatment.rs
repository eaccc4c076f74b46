use iectox::treatment::dose::{
    DoseError, DoseResult, DoseRounding, DoseRule, MgRange, RoundingReason, Schedule, BSA_DECIMALS,
};
use iectox::treatment::population::{population, Population, PopulationReason};
use iectox::treatment::regimens::{
    self, Analyte, Days, DosingPatient, Drug, Guideline, Regimen, Relation, ReviewEvidence,
    Route as DrugRoute, StepId, Target, TargetContext, Trigger, Verification,
};
use iectox::treatment::tocilizumab_log::TocilizumabLog;
use iectox::treatment::RefractoryStatement;
use iectox::Field;
use yew::prelude::*;

use crate::components::field_input::Fieldset;
use crate::components::page::Page;
use crate::course::TreatmentKind;
use crate::form::format_number;
use crate::hooks::use_app;
use crate::i18n::{tr, Lang};
use crate::route::Route;
use crate::state::Action;

fn regimen_label(lang: Lang, r: Regimen) -> String {
    match r {
        Regimen::CrsGrade(g) => format!("{} {g}", tr(lang, "CRS grade", "SLC grado")),
        Regimen::CrsRefractory => tr(lang, "Refractory CRS", "SLC refractario").into(),
        Regimen::IecHs => "IEC-HS".into(),
    }
}

pub fn step_label(lang: Lang, id: StepId) -> &'static str {
    let (en, es) = match id {
        StepId::SupportiveCare => ("Supportive care", "Medidas de soporte"),
        StepId::InfectionWorkup => ("Infection work-up", "Estudio de infección"),
        StepId::Fluids => ("Fluids", "Fluidoterapia"),
        StepId::EmpiricalAntibiotics => (
            "Empirical antibiotics (if neutropenic or infection suspected)",
            "Antibióticos empíricos (si neutropenia o sospecha de infección)",
        ),
        StepId::Tocilizumab => ("Tocilizumab", "Tocilizumab"),
        StepId::DexamethasoneWithTocilizumab => (
            "Dexamethasone with tocilizumab (high ICANS risk)",
            "Dexametasona con tocilizumab (alto riesgo de ICANS)",
        ),
        StepId::Dexamethasone => ("Dexamethasone", "Dexametasona"),
        StepId::DexamethasoneEscalation => ("Dexamethasone escalation", "Escalada de dexametasona"),
        StepId::NotifyIcu => ("Notify the ICU", "Avisar a UCI"),
        StepId::IcuTransfer => ("ICU transfer", "Traslado a UCI"),
        StepId::VasopressorSupport => ("Vasopressor support", "Soporte vasopresor"),
        StepId::OxygenSupport => (
            "Oxygen / ventilatory support",
            "Soporte de oxígeno / ventilatorio",
        ),
        StepId::MethylprednisolonePulse => {
            ("Methylprednisolone pulse", "Pulsos de metilprednisolona")
        }
        StepId::MethylprednisoloneAscoAlternative => (
            "Methylprednisolone (ASCO 2021 alternative)",
            "Metilprednisolona (alternativa ASCO 2021)",
        ),
        StepId::Anakinra => ("Anakinra", "Anakinra"),
        StepId::Thiamine => ("Thiamine", "Tiamina"),
        StepId::RefractoryOptions => ("Refractory options", "Opciones en refractariedad"),
        StepId::Siltuximab => ("Siltuximab", "Siltuximab"),
        StepId::Ruxolitinib => ("Ruxolitinib", "Ruxolitinib"),
        StepId::Emapalumab => ("Emapalumab", "Emapalumab"),
        StepId::Etanercept => ("Etanercept", "Etanercept"),
        StepId::Dasatinib => ("Dasatinib", "Dasatinib"),
        StepId::Cyclophosphamide => ("Cyclophosphamide", "Ciclofosfamida"),
        StepId::ExtracorporealTherapy => ("Extracorporeal therapies", "Terapias extracorpóreas"),
        StepId::AnakinraLowDose => ("Anakinra, low dose", "Anakinra, dosis baja"),
        StepId::AnakinraHighDose => ("Anakinra, high dose", "Anakinra, dosis alta"),
        StepId::Corticosteroids => ("Corticosteroids", "Corticoides"),
        StepId::Reassess48h => (
            "Reassess at 48 h; switch if no response",
            "Reevaluar a las 48 h; cambiar si no hay respuesta",
        ),
        StepId::Etoposide => ("Etoposide", "Etopósido"),
        StepId::IntrathecalCytarabine => (
            "Intrathecal cytarabine (with ICANS)",
            "Citarabina intratecal (con ICANS)",
        ),
        StepId::IntrathecalHydrocortisone => (
            "Intrathecal hydrocortisone (with ICANS)",
            "Hidrocortisona intratecal (con ICANS)",
        ),
        StepId::RuDep => ("Ru-DEP regimen", "Esquema Ru-DEP"),
        StepId::FibrinogenReplacement => (
            "Fibrinogen replacement (cryoprecipitate or concentrate)",
            "Reposición de fibrinógeno (crioprecipitado o concentrado)",
        ),
        StepId::RedCellTransfusion => ("Red-cell transfusion", "Transfusión de hematíes"),
        StepId::PlateletTransfusion => ("Platelet transfusion", "Transfusión de plaquetas"),
        StepId::GCsf => ("G-CSF", "G-CSF"),
        StepId::VitaminK => ("Vitamin K", "Vitamina K"),
        StepId::FreshFrozenPlasma => ("Fresh frozen plasma", "Plasma fresco congelado"),
        StepId::DailyMonitoring => ("Daily monitoring panel", "Monitorización diaria"),
    };
    tr(lang, en, es)
}

fn trigger_text(lang: Lang, t: Trigger) -> String {
    match t {
        Trigger::Always => tr(
            lang,
            "for every patient at this grade",
            "para todo paciente en este grado",
        )
        .into(),
        Trigger::Consider => tr(lang, "consider", "considerar").into(),
        Trigger::Controversial => tr(lang, "controversial", "controvertido").into(),
        Trigger::AnyOf(list) => list
            .iter()
            .map(|t| trigger_text(lang, *t))
            .collect::<Vec<_>>()
            .join(tr(lang, ", or ", ", o ")),
        Trigger::FeverLongerThanHours(h) => format!(
            "{} {h} h",
            tr(lang, "fever longer than", "fiebre durante más de")
        ),
        Trigger::HighRiskPatient => tr(lang, "high-risk patient", "paciente de alto riesgo").into(),
        Trigger::NoImprovementAfterHours(h) => format!(
            "{} {h} h",
            tr(lang, "no improvement after", "sin mejoría tras")
        ),
        Trigger::NoImprovement => tr(lang, "no improvement", "sin mejoría").into(),
        Trigger::HighIcansRisk => tr(lang, "high risk of ICANS", "alto riesgo de ICANS").into(),
        Trigger::Refractory => tr(lang, "refractory", "refractario").into(),
        Trigger::NoResponseAfterHours(h) => format!(
            "{} {h} h",
            tr(lang, "no response after", "sin respuesta tras")
        ),
        Trigger::Icans => tr(lang, "with ICANS", "con ICANS").into(),
        Trigger::BleedingOrCoagulopathy => tr(
            lang,
            "only with bleeding or coagulopathy",
            "solo con sangrado o coagulopatía",
        )
        .into(),
        Trigger::BelowTarget => tr(
            lang,
            "only when below the target (see targets)",
            "solo si está por debajo del objetivo (ver objetivos)",
        )
        .into(),
        Trigger::InrAbove(x) => format!(
            "{} INR > {}",
            tr(lang, "only if", "solo si"),
            format_number(x)
        ),
        Trigger::Daily => tr(lang, "daily", "diario").into(),
        Trigger::StudiedInRefractoryRelapsedHlhOfMixedCauses => tr(
            lang,
            "studied in refractory/relapsed HLH of mixed causes (Wang 2021), NOT in IEC-HS",
            "estudiado en HLH refractaria/recidivante de causas mixtas (Wang 2021), NO en IEC-HS",
        )
        .into(),
    }
}

fn schedule_text(lang: Lang, s: Schedule) -> String {
    match s {
        Schedule::Once => tr(lang, "single dose", "dosis única").into(),
        Schedule::Every {
            hours_min,
            hours_max,
        } if hours_min == hours_max => format!("{} {hours_min} h", tr(lang, "every", "cada")),
        Schedule::Every {
            hours_min,
            hours_max,
        } => format!("{} {hours_min}–{hours_max} h", tr(lang, "every", "cada")),
        Schedule::AsNeeded {
            min_interval_h,
            max_per_24h,
            max_total,
        } => format!(
            "{} ≥ {min_interval_h} h; ≤ {max_per_24h} {}; ≤ {max_total} {}",
            tr(
                lang,
                "repeat only if needed,",
                "repetir solo si es necesario,"
            ),
            tr(lang, "doses in 24 h", "dosis en 24 h"),
            tr(lang, "doses in total", "dosis en total")
        ),
        Schedule::RepeatAfterDays { min, max } => format!(
            "{} {min}–{max} {}",
            tr(
                lang,
                "per dose; may repeat after",
                "por dosis; repetible tras"
            ),
            tr(lang, "days", "días")
        ),
    }
}

/// An amount shown to 0.1 mg (the unrounded working; the practical dose is in the rounding).
fn mg(r: MgRange) -> String {
    if r.is_single() {
        format!("{} mg", format_number(round1(r.low)))
    } else {
        format!(
            "{}–{} mg",
            format_number(round1(r.low)),
            format_number(round1(r.high))
        )
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn route_text(lang: Lang, r: DrugRoute) -> &'static str {
    match r {
        DrugRoute::Iv => tr(lang, "IV", "IV"),
        DrugRoute::Sc => tr(lang, "s.c.", "s.c."),
        DrugRoute::IvOrSc => tr(lang, "IV or s.c.", "IV o s.c."),
        DrugRoute::Oral => tr(lang, "oral", "oral"),
        DrugRoute::Intrathecal => tr(lang, "intrathecal", "intratecal"),
    }
}

/// The practical dose: "→ give 10 mg (nearest 2.5 mg: …)", the difference when over the
/// core's threshold, or "below the smallest practical unit" — never "≈ 0 mg".
fn rounding_text(lang: Lang, r: &DoseRounding) -> Option<String> {
    let why = match r.reason {
        RoundingReason::WholeMilligram => tr(
            lang,
            "whole milligrams, as drawn up",
            "miligramos enteros, como se prepara",
        ),
        RoundingReason::WeightBandStep => tr(
            lang,
            "the smallest step of the published weight-band doses",
            "el menor escalón de las dosis por tramos de peso publicadas",
        ),
    };
    if r.below_smallest_step {
        return Some(format!(
            " — {} ({} mg: {why})",
            tr(
                lang,
                "below the smallest practical unit",
                "por debajo de la menor unidad práctica"
            ),
            format_number(r.step_mg)
        ));
    }
    let rounded = r.rounded.filter(|_| r.changes_dose())?;
    let mut s = format!(
        " → {} {} ({} {} mg: {why})",
        tr(lang, "practical dose", "dosis práctica"),
        mg(rounded),
        tr(lang, "nearest", "redondeo a"),
        format_number(r.step_mg)
    );
    if r.difference_shown() {
        s.push_str(&format!(
            " — {} {} %",
            tr(
                lang,
                "rounding changes the dose by",
                "el redondeo cambia la dosis un"
            ),
            format_number(r.difference_percent.round())
        ));
    }
    Some(s)
}

/// The dose with its working: "8 mg/kg × 112 kg = 896 mg → capped at 800 mg".
pub fn dose_text(lang: Lang, d: &DoseResult) -> String {
    let w = d
        .weight_kg
        .map(|w| format_number(round1(w)))
        .unwrap_or_default();
    let mut s = match d.rule {
        DoseRule::PerKg { .. } => format!(
            "{} mg/kg × {w} kg = {}",
            format_number(d.mg_per_kg.unwrap_or_default()),
            d.per_dose_uncapped.map(mg).unwrap_or_default()
        ),
        DoseRule::PerKgByWeightBand { below_kg, .. } => format!(
            "{} mg/kg × {w} kg = {} ({} {} kg)",
            format_number(d.mg_per_kg.unwrap_or_default()),
            d.per_dose_uncapped.map(mg).unwrap_or_default(),
            if d.below_weight_band == Some(true) {
                tr(lang, "weight under", "peso menor de")
            } else {
                tr(lang, "weight", "peso")
            },
            if d.below_weight_band == Some(true) {
                format_number(below_kg)
            } else {
                format!("≥ {}", format_number(below_kg))
            },
        ),
        DoseRule::PerKgPerDay {
            mg_per_kg_day,
            doses_per_day,
            ..
        } => format!(
            "{} mg/kg/{} × {w} kg = {}/{}, {} {doses_per_day} {} = {} {}",
            format_number(mg_per_kg_day),
            tr(lang, "day", "día"),
            d.per_day.map(mg).unwrap_or_default(),
            tr(lang, "day", "día"),
            tr(lang, "in", "en"),
            if doses_per_day == 1 {
                tr(lang, "dose", "dosis")
            } else {
                tr(lang, "doses", "dosis")
            },
            d.per_dose_uncapped.map(mg).unwrap_or_default(),
            tr(lang, "per dose", "por dosis"),
        ),
        DoseRule::PerM2 {
            mg_per_m2_low,
            mg_per_m2_high,
            ..
        } => {
            let per = if mg_per_m2_low == mg_per_m2_high {
                format_number(mg_per_m2_low)
            } else {
                format!(
                    "{}–{}",
                    format_number(mg_per_m2_low),
                    format_number(mg_per_m2_high)
                )
            };
            format!(
                "{per} mg/m² × {} m² = {}",
                // The core rounds the BSA it uses to BSA_DECIMALS: shown as used.
                d.bsa_m2
                    .map(|b| format!("{b:.prec$}", prec = usize::from(BSA_DECIMALS)))
                    .unwrap_or_default(),
                d.per_dose_uncapped.map(mg).unwrap_or_default()
            )
        }
        DoseRule::Fixed { .. } | DoseRule::FixedRange { .. } => {
            d.per_dose.map(mg).unwrap_or_default()
        }
        DoseRule::PerDay { mg_low, mg_high } => format!(
            "{}/{}",
            mg(MgRange {
                low: mg_low,
                high: mg_high
            }),
            tr(lang, "day", "día")
        ),
    };
    if d.capped {
        if let Some(given) = d.per_dose {
            s.push_str(&format!(
                " → {} {}",
                tr(lang, "capped at", "limitado a"),
                mg(given)
            ));
        }
    }
    if let Some(r) = d.rounding.as_ref().and_then(|r| rounding_text(lang, r)) {
        s.push_str(&r);
    }
    if let Some(sched) = d.rule.schedule() {
        s.push_str(&format!(", {}", schedule_text(lang, sched)));
    }
    if let (Some(day), false) = (
        d.per_day,
        matches!(
            d.rule,
            DoseRule::PerKgPerDay { .. } | DoseRule::PerDay { .. }
        ),
    ) {
        s.push_str(&format!(" = {}/{}", mg(day), tr(lang, "day", "día")));
    }
    if let Some(m) = d.max_per_24h_mg {
        s.push_str(&format!(
            " ({} {}/24 h)",
            tr(lang, "max", "máx."),
            mg(MgRange::single(m))
        ));
    }
    s
}

fn dose_error(lang: Lang, e: DoseError) -> &'static str {
    match e {
        DoseError::MissingWeight => tr(
            lang,
            "enter the weight to compute this dose",
            "introduzca el peso para calcular esta dosis",
        ),
        DoseError::MissingHeight => tr(
            lang,
            "enter the height to compute this dose (BSA)",
            "introduzca la talla para calcular esta dosis (SC)",
        ),
        DoseError::MissingWeightAndHeight => tr(
            lang,
            "enter weight and height to compute this dose (BSA)",
            "introduzca peso y talla para calcular esta dosis (SC)",
        ),
        DoseError::AdultDoseForChild => tr(
            lang,
            "adult dose — for children use your paediatric protocol",
            "dosis de adulto — en niños use su protocolo pediátrico",
        ),
        DoseError::ChildWeightBandsNotComputed => tr(
            lang,
            "paediatric dosing by weight band — not computed",
            "dosificación pediátrica por tramos de peso — no calculada",
        ),
        DoseError::NoChildRule => tr(
            lang,
            "no paediatric dose in the sources — use your paediatric protocol",
            "sin dosis pediátrica en las fuentes — use su protocolo pediátrico",
        ),
        DoseError::AskAdultOrChild => tr(
            lang,
            "adult or child? Answer above to see this dose",
            "¿adulto o niño? Responda arriba para ver esta dosis",
        ),
        DoseError::InvalidRule => tr(
            lang,
            "dose cannot be computed",
            "no se puede calcular la dosis",
        ),
    }
}

fn population_text(lang: Lang, reason: PopulationReason) -> String {
    use iectox::treatment::population::{ADULT_FROM_AGE_YEARS, ASK_UNDER_WEIGHT_KG};
    let age = format_number(ADULT_FROM_AGE_YEARS);
    let kg = format_number(ASK_UNDER_WEIGHT_KG);
    let es = lang == Lang::Es;
    match reason {
        PopulationReason::AgeUnder18 if es => format!("Niño (menor de {age} años): solo se calculan las dosis documentadas en niños."),
        PopulationReason::AgeUnder18 => format!("Child (under {age} years): only doses documented for children are computed."),
        PopulationReason::Age18OrOver if es => format!("Adulto ({age} años o más)."),
        PopulationReason::Age18OrOver => format!("Adult ({age} years or older)."),
        PopulationReason::DeclaredChild => tr(
            lang,
            "Child (as answered; age unknown): only doses documented for children are computed.",
            "Niño (según respuesta; edad desconocida): solo se calculan las dosis documentadas en niños.",
        )
        .into(),
        PopulationReason::DeclaredAdult => tr(lang, "Adult (as answered; age unknown).", "Adulto (según respuesta; edad desconocida).").into(),
        PopulationReason::AgeUnknownWeightUnder40Kg if es => format!("Edad desconocida y peso menor de {kg} kg: ¿adulto o niño? No se muestra ninguna dosis fija de adulto hasta que responda."),
        PopulationReason::AgeUnknownWeightUnder40Kg => format!("Age unknown and weight under {kg} kg: adult or child? No adult fixed dose is shown until you answer."),
        PopulationReason::AgeAndWeightUnknown => tr(
            lang,
            "Age and weight unknown: adult or child? No adult fixed dose is shown until you answer.",
            "Edad y peso desconocidos: ¿adulto o niño? No se muestra ninguna dosis fija de adulto hasta que responda.",
        )
        .into(),
        PopulationReason::AgeUnknownWeight40KgOrMore if es => format!("Edad desconocida, peso de {kg} kg o más: dosis de adulto. Responda \"niño\" si es menor de {age} años."),
        PopulationReason::AgeUnknownWeight40KgOrMore => format!("Age unknown, weight {kg} kg or more: adult doses. Answer \"child\" if the patient is under {age}."),
    }
}

fn analyte_text(lang: Lang, a: Analyte) -> &'static str {
    match a {
        Analyte::Fibrinogen => tr(lang, "fibrinogen", "fibrinógeno"),
        Analyte::Haemoglobin => tr(lang, "haemoglobin", "hemoglobina"),
        Analyte::Platelets => tr(lang, "platelets", "plaquetas"),
        Analyte::Anc => tr(lang, "neutrophils (ANC)", "neutrófilos (RAN)"),
        Analyte::Inr => "INR",
        Analyte::SpO2 => "SpO₂",
        Analyte::Sbp => tr(lang, "SBP", "PAS"),
        Analyte::Dbp => tr(lang, "DBP", "PAD"),
        Analyte::Map => tr(lang, "MAP", "PAM"),
    }
}

/// "Under 30 kg: " for a weight-band dose, the band from the dose rule.
/// A drug's name in the user's language.
pub fn drug_name(lang: Lang, d: Drug) -> &'static str {
    match d {
        Drug::Tocilizumab => "tocilizumab",
        Drug::Dexamethasone => tr(lang, "dexamethasone", "dexametasona"),
        Drug::Methylprednisolone => tr(lang, "methylprednisolone", "metilprednisolona"),
        Drug::Anakinra => "anakinra",
        Drug::Thiamine => tr(lang, "thiamine", "tiamina"),
        Drug::Siltuximab => "siltuximab",
        Drug::Ruxolitinib => "ruxolitinib",
        Drug::Emapalumab => "emapalumab",
        Drug::Etanercept => "etanercept",
        Drug::Dasatinib => "dasatinib",
        Drug::Cyclophosphamide => tr(lang, "cyclophosphamide", "ciclofosfamida"),
        Drug::Etoposide => tr(lang, "etoposide", "etopósido"),
        Drug::Cytarabine => tr(lang, "cytarabine", "citarabina"),
        Drug::Hydrocortisone => tr(lang, "hydrocortisone", "hidrocortisona"),
        Drug::LiposomalDoxorubicin => tr(lang, "liposomal doxorubicin", "doxorrubicina liposomal"),
        Drug::CryoprecipitateOrFibrinogenConcentrate => tr(
            lang,
            "cryoprecipitate or fibrinogen concentrate",
            "crioprecipitado o concentrado de fibrinógeno",
        ),
        Drug::RedCells => tr(lang, "red cells", "concentrado de hematíes"),
        Drug::PlateletConcentrate => tr(lang, "platelets", "plaquetas"),
        Drug::GCsf => "G-CSF",
        Drug::VitaminK => tr(lang, "vitamin K", "vitamina K"),
        Drug::FreshFrozenPlasma => tr(lang, "fresh frozen plasma", "plasma fresco congelado"),
    }
}

fn weight_band_text(lang: Lang, rule: iectox::treatment::DoseRule) -> String {
    match rule {
        iectox::treatment::DoseRule::PerKgByWeightBand { below_kg, .. } => format!(
            "{} {} kg: ",
            tr(lang, "Under", "Menos de"),
            format_number(below_kg)
        ),
        _ => String::new(),
    }
}

fn refractory_statement(lang: Lang, s: RefractoryStatement) -> &'static str {
    match s {
        RefractoryStatement::EvidenceLimitedPublicationBiasPossible => tr(
            lang,
            "The evidence is limited, and publication bias is possible.",
            "La evidencia es limitada y es posible un sesgo de publicación.",
        ),
        RefractoryStatement::AnakinraIvWhenOedematous => tr(
            lang,
            "Anakinra: IV rather than subcutaneous when the patient is oedematous.",
            "Anakinra: IV mejor que subcutánea si el paciente está edematoso.",
        ),
        RefractoryStatement::RuleOutInfectionIecHsProgression => tr(
            lang,
            "Rule out infection, IEC-HS and disease progression.",
            "Descarte infección, IEC-HS y progresión de la enfermedad.",
        ),
    }
}

/// Whether the patient form has the analyte (bedside SpO₂, blood pressures and INR are read
/// at the bedside, not entered here).
fn is_input(a: Analyte) -> bool {
    matches!(
        a,
        Analyte::Fibrinogen | Analyte::Haemoglobin | Analyte::Platelets | Analyte::Anc
    )
}

fn context_text(lang: Lang, c: TargetContext) -> &'static str {
    match c {
        TargetContext::Always => "",
        TargetContext::WithoutBleeding => tr(lang, "without bleeding", "sin sangrado"),
        TargetContext::WithBleeding => tr(lang, "with bleeding", "con sangrado"),
        TargetContext::WithBleedingOrCoagulopathy => tr(
            lang,
            "with bleeding or coagulopathy",
            "con sangrado o coagulopatía",
        ),
        TargetContext::StartWhen => "",
    }
}

/// "Target: fibrinogen > 100 mg/dL without bleeding — patient 0.9 g/L: below the 1 g/L target".
fn target_line(lang: Lang, t: &Target, p: &iectox::Patient) -> Html {
    let relation = match t.relation {
        Relation::Above => ">",
        Relation::AtLeast => "≥",
        Relation::Below => "<",
    };
    let unit = t
        .unit
        .map(|u| format!(" {u}"))
        .or_else(|| t.analyte.fixed_unit_symbol().map(|s| format!(" {s}")))
        .unwrap_or_default();
    let head = format!(
        "{}: {} {relation} {}{unit} {}",
        if t.when == TargetContext::StartWhen {
            tr(lang, "Start when", "Iniciar si")
        } else {
            tr(lang, "Target", "Objetivo")
        },
        analyte_text(lang, t.analyte),
        format_number(t.value),
        context_text(lang, t.when)
    );
    let status = t.check(p).map(|c| {
        let target = format!("{} {}", format_number(c.target_in_unit), c.unit);
        let value = format!("{} {}", format_number(c.value), c.unit);
        if c.met {
            format!(
                " — {} {value}: {} ({relation} {target}) ✔",
                tr(lang, "patient", "paciente"),
                tr(lang, "meets the target", "cumple el objetivo")
            )
        } else {
            format!(
                " — {} {value}: ⚠ {} ({relation} {target})",
                tr(lang, "patient", "paciente"),
                tr(lang, "below the target", "por debajo del objetivo")
            )
        }
    });
    let class = match t.check(p) {
        Some(c) if !c.met => "target below",
        _ => "target",
    };
    html! {
        <p class={class}>{ head.trim_end() }{ status.unwrap_or_else(|| if is_input(t.analyte) { format!(" — {}", tr(lang, "no current value", "sin valor actual")) } else { String::new() }) }</p>
    }
}

fn guideline_short(g: Guideline) -> Option<&'static str> {
    match g {
        Guideline::TocilizumabLabel => Some("tocilizumab label"),
        Guideline::Mahadeo2019 => Some("Mahadeo 2019"),
        _ => None,
    }
}

fn days_text(lang: Lang, d: Days) -> String {
    match d {
        Days::For { min, max } if min == max => format!("× {min} {}", tr(lang, "days", "días")),
        Days::For { min, max } => format!("× {min}–{max} {}", tr(lang, "days", "días")),
        Days::On(days) => format!(
            "{} {}",
            tr(lang, "on day(s)", "día(s)"),
            days.iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Days::UntilGradeAtMost(g) => format!("{} ≤ {g}", tr(lang, "until grade", "hasta grado")),
    }
}

/// The verification tag; for a child the review's wrong adult figure is not quoted (it is in
/// Sources & errata).
fn verification(lang: Lang, v: Verification, population: Population, errata: &[u8]) -> Html {
    match v {
        Verification::Verified => {
            html! { <span class="tag verified">{ tr(lang, "✔ verified against guidance", "✔ verificado con guías") }</span> }
        }
        Verification::ReviewChoiceGuidelinesDiffer => {
            html! { <span class="tag differ">{ tr(lang, "≈ review's choice; guidelines differ", "≈ elección de la revisión; las guías difieren") }</span> }
        }
        Verification::AsStatedInReviewNotVerified => {
            html! { <span class="tag unverified">{ tr(lang, "⚠ as stated in the review, not verified against a guideline", "⚠ según la revisión, no verificado con una guía") }</span> }
        }
        Verification::Corrected { .. } if population != Population::Adult => {
            html! { <span class="tag corrected">{ tr(lang, "✎ corrected (the review's figure: see Sources & errata)", "✎ corregido (la cifra de la revisión: ver Fuentes y erratas)") }</span> }
        }
        Verification::Corrected { review_said } => {
            // The review's wording is its erratum's, which has the Spanish text.
            let said = match lang {
                Lang::En => review_said,
                Lang::Es => errata
                    .first()
                    .and_then(|n| iectox::sources::ERRATA.iter().find(|e| e.number == *n))
                    .map_or(review_said, |e| e.es.review),
            };
            html! { <span class="tag corrected">{ tr(lang, "✎ corrected; the review said: ", "✎ corregido; la revisión decía: ") }{ said }</span> }
        }
    }
}

fn now_minutes() -> i64 {
    (js_sys_now() / 60_000.0).floor() as i64
}

fn js_sys_now() -> f64 {
    js_sys::Date::now()
}

#[component(TreatmentPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let p = &app.parsed.patient;
    let crs_assessment = &app.report.crs.assessment;
    let grade = crs_assessment.value.filter(|g| (1..=4).contains(g));
    // An undecided grade opens no regimen: the clinician picks one.
    let regimen = app.regimen.or(grade.map(|g| Regimen::CrsGrade(g as u8)));
    let decision = population(p.age, p.weight, app.form.age_group_answer());
    let dosing = DosingPatient {
        weight: p.weight,
        height: p.height,
        population: decision.population,
    };
    let planned = regimen
        .map(|r| regimens::plan(r.steps(), &dosing))
        .unwrap_or_default();
    let bsa = match (p.weight, p.height) {
        (Some(w), Some(h)) => Some(iectox::treatment::dose::bsa_for_dosing(w, h)),
        _ => None,
    };
    let on_age_group = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            app.dispatch(Action::SetDosingAgeGroup(v));
        })
    };
    let answer = app.form.dosing_age_group.clone();
    let tabs = Regimen::ALL.iter().map(|&r| {
        let onclick = {
            let app = app.clone();
            Callback::from(move |_| app.dispatch(Action::SelectRegimen(Some(r))))
        };
        let active = Some(r) == regimen;
        html! {
            <button type="button" role="tab" aria-selected={if active { "true" } else { "false" }}
                class={classes!("tab", active.then_some("active"))} {onclick}>{ regimen_label(lang, r) }</button>
        }
    });
    html! {
        <Page route={Route::Treatment}>
            <p class="note">{ tr(lang, "Management steps of the review (Mayor-Vázquez 2025) as data, with the corrected doses and caps. Decision support: check every dose against your protocol and the product label.", "Pasos de tratamiento de la revisión (Mayor-Vázquez 2025) como datos, con las dosis corregidas y los topes. Apoyo a la decisión: compruebe cada dosis con su protocolo y la ficha técnica.") }</p>
            <div class="two-col">
                <div>
                    <Fieldset legend={tr(lang, "Age, dosing weight and height", "Edad, peso y talla para la dosis")} fields={vec![Field::Age, Field::Weight, Field::Height]} />
                    if decision.asks_adult_or_child() {
                        <div class="field">
                            <label for="in-dosing-age-group">{ format!("{} {})?", tr(lang, "Age unknown: adult or child (under", "Edad desconocida: ¿adulto o niño (menor de"), format_number(iectox::treatment::population::ADULT_FROM_AGE_YEARS)) }</label>
                            <select id="in-dosing-age-group" onchange={on_age_group}>
                                <option value="" selected={answer.is_empty()}>{ format!("— {} —", app.lang.strings().not_known) }</option>
                                <option value="adult" selected={answer == "adult"}>{ tr(lang, "Adult", "Adulto") }</option>
                                <option value="child" selected={answer == "child"}>{ tr(lang, "Child", "Niño") }</option>
                            </select>
                        </div>
                    }
                    <p id="dosing-population" class={classes!("population", (decision.population != Population::Adult).then_some("child"))} role="status">{ population_text(lang, decision.reason) }</p>
                    if let Some(b) = bsa {
                        <p id="bsa">{ format!("{} (Mosteller) = {b:.prec$} m²", tr(lang, "Body-surface area", "Superficie corporal"), prec = usize::from(BSA_DECIMALS)) }</p>
                    }
                    <TocilizumabLogPanel />
                </div>
                <div>
                    <div role="tablist" class="tabs" aria-label={tr(lang, "Regimen", "Esquema")}>{ for tabs }</div>
                    if let Some(g) = grade {
                        <p class="hint" id="crs-grade-hint">{ format!("{} {g}", tr(lang, "Current ASTCT CRS grade:", "Grado ASTCT actual de SLC:")) }</p>
                    } else {
                        <p class="hint warning" id="crs-grade-hint">{ format!("{} ({}–{}). {}", tr(lang, "CRS grade not decided", "Grado de SLC no decidido"), crs_assessment.range.min, crs_assessment.range.max, tr(lang, "Choose the regimen to look at.", "Elija el esquema que quiere ver.")) }</p>
                    }
                    if let Some(statements) = regimen.map(Regimen::statements).filter(|s| !s.is_empty()) {
                        <ul class="plain provisional" id="refractory-statements">
                            { for statements.iter().map(|st| html! { <li>{ refractory_statement(lang, *st) }</li> }) }
                            <li>{ tr(lang, "As stated in the review, not verified against a guideline.", "Según la revisión, no verificado con una guía.") }</li>
                        </ul>
                    }
                    <ol class="steps" id="treatment-steps">
                    { for planned.iter().map(|ps| {
                        let step = ps.step;
                        html! {
                            <li class="step" data-step={format!("{:?}", step.id)}>
                                <h3>{ step_label(lang, step.id) }</h3>
                                <p class="trigger">{ trigger_text(lang, step.trigger) }</p>
                                { for step.regimen.iter().zip(ps.doses.iter()).map(|(phase, dose)| {
                                    let drug = phase.drug.or(step.drug).map(|d| drug_name(lang, d)).unwrap_or("");
                                    let (text, withheld) = match dose {
                                        Some(Ok(d)) => (dose_text(lang, d), false),
                                        Some(Err(e)) => (dose_error(lang, *e).to_string(), true),
                                        None => (tr(lang, "taper (doses as per protocol)", "descenso (dosis según protocolo)").to_string(), false),
                                    };
                                    html! {
                                        <p class={classes!("dose", withheld.then_some("withheld"))}>
                                            if !drug.is_empty() { <strong>{ drug }{ ": " }</strong> }
                                            if let Some(r) = phase.route { <span class="route">{ route_text(lang, r) }{ " · " }</span> }
                                            { text }
                                            if let Some(days) = phase.days { { format!(" {}", days_text(lang, days)) } }
                                        </p>
                                    }
                                }) }
                                { for step.targets.iter().map(|t| target_line(lang, t, p)) }
                                { verification(lang, step.verification, decision.population, step.errata) }
                                if let Some(band) = ps.doses.iter().find_map(|d| match d { Some(Ok(r)) if r.below_weight_band == Some(true) => Some(r.rule), _ => None }) {
                                    <p class="source">{ weight_band_text(lang, band) }{ step.guidelines.iter().filter_map(|g| guideline_short(*g)).collect::<Vec<_>>().join(", ") }</p>
                                }
                                if let ReviewEvidence::AsStated(e) = step.review_evidence { <p class="evidence">{ tr(lang, "Evidence (review): ", "Evidencia (revisión): ") }{ e }</p> }
                                if let Some(n) = if lang == Lang::Es { ps.note.and(step.note_es) } else { ps.note } { <p class="step-note">{ n }</p> }
                                if matches!(step.id, StepId::InfectionWorkup | StepId::EmpiricalAntibiotics) {
                                    <p class="sepsis-link"><yew_router::prelude::Link<Route> to={Route::Sepsis}>{ tr(lang, "Sepsis or CRS? Work-up checklist and the review's Table 3 →", "¿Sepsis o SLC? Lista de estudio y tabla 3 de la revisión →") }</yew_router::prelude::Link<Route>></p>
                                }
                            </li>
                        }
                    }) }
                    </ol>
                </div>
            </div>
        </Page>
    }
}

#[component(TocilizumabLogPanel)]
fn tocilizumab_log_panel() -> Html {
    let app = use_app();
    let lang = app.lang;
    // The course's tocilizumab events (in time order), as minutes for the core's log.
    let given: Vec<(String, i64)> = app
        .course()
        .tocilizumab()
        .map(|t| (t.id.clone(), t.at.div_euclid(60_000)))
        .collect();
    let doses: Vec<i64> = given.iter().map(|(_, m)| *m).collect();
    let log = TocilizumabLog::from_doses(&doses);
    let now = now_minutes();
    let when = use_state(String::new);
    let on_when = {
        let when = when.clone();
        Callback::from(move |e: InputEvent| {
            when.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let add = {
        let app = app.clone();
        let when = when.clone();
        Callback::from(move |_| {
            let at = if when.is_empty() {
                js_sys_now()
            } else {
                let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&when));
                d.get_time()
            };
            if at.is_finite() {
                app.dispatch(Action::AddTreatment {
                    kind: TreatmentKind::Tocilizumab,
                    at: at as i64,
                    dose_mg: None,
                    note: String::new(),
                });
            }
        })
    };
    let next = log.next_earliest(now);
    html! {
        <section class="toci-log" id="toci-log" aria-labelledby="toci-title">
            <h2 id="toci-title">{ tr(lang, "Tocilizumab dose log", "Registro de dosis de tocilizumab") }</h2>
            <ol>
            { for given.iter().map(|(id, m)| {
                let m = *m;
                let remove = {
                    let app = app.clone();
                    let id = id.clone();
                    Callback::from(move |_| app.dispatch(Action::RemoveTreatment(id.clone())))
                };
                html! { <li>{ time_text(m) }{ " " }<button type="button" class="small secondary" onclick={remove} aria-label={tr(lang, "Remove this dose", "Quitar esta dosis")}>{ "✕" }</button></li> }
            }) }
            </ol>
            <label for="toci-when">{ tr(lang, "Time given (empty = now)", "Hora de administración (vacío = ahora)") }</label>
            <input id="toci-when" type="datetime-local" value={(*when).clone()} oninput={on_when} />
            <button type="button" id="toci-add" onclick={add}>{ tr(lang, "Record dose", "Registrar dosis") }</button>
            <p id="toci-next">{ match next {
                Some(t) if t <= now => tr(lang, "A dose may be given now (if indicated).", "Se puede administrar una dosis ahora (si está indicada).").to_string(),
                Some(t) => format!("{} {}", tr(lang, "Next dose not before", "Siguiente dosis no antes de"), time_text(t)),
                None => format!("{} {} {}", tr(lang, "Maximum of", "Máximo de"), iectox::treatment::tocilizumab_log::MAX_TOTAL, tr(lang, "doses reached: no further tocilizumab.", "dosis alcanzado: no más tocilizumab.")),
            } }</p>
            { for log.warnings(now).iter().map(|w| html! { <p class="warning" role="alert">{ "⚠ " }{ crate::i18n::labels::tocilizumab_warning(lang, w) }</p> }) }
        </section>
    }
}

fn time_text(minutes: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(minutes as f64 * 60_000.0));
    let s: String = d
        .to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED)
        .into();
    s
}
