//! Labels of the core crate's enums, per language. Exhaustive matches: a new variant without
//! a translation does not compile.

use iectox::treatment::tocilizumab_log::LogWarning;
use iectox::units::{Rounded, Unit};
use iectox::{Conclusion, Error, ErrorKind, Field, Status};

use super::{tr, Lang};

pub fn field_label(lang: Lang, field: Field) -> &'static str {
    match lang {
        Lang::En => field.label(),
        Lang::Es => field_es(field),
    }
}

fn field_es(field: Field) -> &'static str {
    match field {
        Field::Age => "edad",
        Field::Weight => "peso",
        Field::Height => "talla",
        Field::DevelopmentalDelay => "retraso del desarrollo",
        Field::Temperature => "temperatura máxima",
        Field::FeverMaskingTherapy => {
            "antipirético o anticitoquina administrado desde el inicio del SLC"
        }
        Field::Hypotension => "hipotensión",
        Field::Vasopressors => "número de vasopresores (sin contar vasopresina)",
        Field::Vasopressin => "vasopresina",
        Field::HighDoseVasopressor => "vasopresor a dosis alta",
        Field::VasopressorHours => "horas con vasopresores",
        Field::FluidBoluses => "bolos de fluidos por hipotensión",
        Field::OxygenDevice => "dispositivo de oxígeno",
        Field::OxygenFlow => "flujo de oxígeno",
        Field::Fio2 => "FiO₂",
        Field::CrsDeath => "muerte por SLC",
        Field::IceOrientation => "ICE orientación (0–4)",
        Field::IceNaming => "ICE nombrar objetos (0–3)",
        Field::IceCommands => "ICE obedecer órdenes (0–1)",
        Field::IceWriting => "ICE escritura (0–1)",
        Field::IceAttention => "ICE atención (0–1)",
        Field::IceTotal => "ICE total (0–10)",
        Field::Consciousness => "nivel de consciencia",
        Field::Seizure => "crisis convulsiva",
        Field::MotorWeakness => "debilidad motora focal profunda",
        Field::CerebralEdema => "HTIC / edema cerebral",
        Field::CapdTotal => "CAPD total (0–32)",
        Field::CapdEyeContact => "CAPD 1. establece contacto visual con el cuidador",
        Field::CapdPurposeful => "CAPD 2. sus acciones tienen un propósito",
        Field::CapdAware => "CAPD 3. es consciente de su entorno",
        Field::CapdCommunicates => "CAPD 4. comunica necesidades y deseos",
        Field::CapdRestless => "CAPD 5. está inquieto",
        Field::CapdInconsolable => "CAPD 6. está inconsolable",
        Field::CapdUnderactive => "CAPD 7. hipoactivo, apenas se mueve estando despierto",
        Field::CapdSlowToRespond => "CAPD 8. tarda mucho en responder a las interacciones",
        Field::IcansDeath => "muerte por ICANS",
        Field::Ferritin => "ferritina",
        Field::FerritinUln => "ferritina, límite superior normal",
        Field::FerritinBaseline => "ferritina en la infusión (basal)",
        Field::Triglycerides => "triglicéridos",
        Field::Fibrinogen => "fibrinógeno",
        Field::FibrinogenLln => "fibrinógeno, límite inferior normal",
        Field::FibrinogenBaseline => "fibrinógeno basal",
        Field::Haemoglobin => "hemoglobina",
        Field::HaemoglobinLln => "hemoglobina, límite inferior normal",
        Field::Leukocytes => "leucocitos",
        Field::LeukocytesLln => "leucocitos, límite inferior normal",
        Field::Neutrophils => "neutrófilos",
        Field::NeutrophilsLln => "neutrófilos, límite inferior normal",
        Field::Platelets => "plaquetas",
        Field::PlateletsLln => "plaquetas, límite inferior normal",
        Field::Ast => "AST (GOT)",
        Field::AstUln => "AST, límite superior normal",
        Field::AstBaseline => "AST basal",
        Field::Alt => "ALT (GPT)",
        Field::AltUln => "ALT, límite superior normal",
        Field::AltBaseline => "ALT basal",
        Field::Bilirubin => "bilirrubina total",
        Field::BilirubinUln => "bilirrubina, límite superior normal",
        Field::BilirubinBaseline => "bilirrubina basal",
        Field::Ldh => "LDH",
        Field::Crp => "PCR",
        Field::Creatinine => "creatinina",
        Field::CreatinineUln => "creatinina, límite superior normal",
        Field::CreatinineBaseline => "creatinina basal",
        Field::Scd25 => "CD25 soluble (sIL-2R)",
        Field::Immunosuppression => {
            "inmunosupresión de base conocida (VIH o inmunosupresores a largo plazo)"
        }
        Field::Hepatomegaly => "hepatomegalia",
        Field::Splenomegaly => "esplenomegalia",
        Field::MarrowHemophagocytosis => "hemofagocitosis en aspirado de médula ósea",
        Field::TissueHemophagocytosis => "hemofagocitosis en médula, bazo, ganglio u otro tejido",
        Field::NkActivityLow => "actividad NK baja o ausente",
        Field::MolecularDiagnosis => "diagnóstico molecular compatible con HLH",
        Field::FeverConfirmed => "fiebre confirmada por el clínico",
        Field::TriglyceridesFasting => "triglicéridos en ayunas",
        Field::CytopeniasNewOrWorsening => "citopenias nuevas, que empeoran o refractarias",
        Field::IecHsTiming => "inicio con SLC en resolución o empeoramiento tras mejoría inicial",
        Field::IecHsGrade => "grado IEC-HS (elegido por el clínico)",
        Field::OtherOrganToxicityGrade => "peor grado CTCAE de otra toxicidad orgánica por SLC",
        Field::Coagulopathy => "coagulopatía que requiere plasma, crioprecipitado o fibrinógeno",
        Field::HospitalisedForCrs => "hospitalización necesaria por SLC",
        Field::HlhFeverRule => "regla de fiebre HLH-2004 (ajuste)",
        Field::CapdBelowAgeYears => {
            "CAPD en lugar de ICE por debajo de esta edad, en años (ajuste)"
        }
    }
}

/// A unit as written in the language: the symbols are international, the words are not
/// ("45 years" is "45 años").
pub fn unit_label(lang: Lang, unit: Unit) -> &'static str {
    match (lang, unit) {
        (Lang::Es, Unit::Years) => "años",
        (Lang::Es, Unit::Months) => "meses",
        (Lang::Es, Unit::Weeks) => "semanas",
        (Lang::Es, Unit::Days) => "días",
        (Lang::Es, Unit::Fraction) => "fracción",
        _ => unit.symbol(),
    }
}

/// Labels of the choice options of [`crate::form`].
pub fn option_label(lang: Lang, key: &str) -> std::borrow::Cow<'static, str> {
    if key == "prolonged" {
        // The minutes are the core's.
        let mut text = crate::pages::icans::seizure_prolonged(lang);
        // The text starts with an ASCII letter in both languages; the ASCII form keeps
        // Unicode's case tables (about 13 KB) out of the app.
        if let Some(first) = text.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        return text.into();
    }
    let (en, es) = match key {
        "none" => ("None", "Ninguno"),
        "blow_by" => ("Blow-by", "Blow-by"),
        "nasal_cannula" => ("Nasal cannula", "Gafas nasales"),
        "high_flow_nasal_cannula" => ("High-flow nasal cannula", "Gafas nasales de alto flujo"),
        "facemask" => ("Facemask", "Mascarilla simple"),
        "non_rebreather" => ("Non-rebreather mask", "Mascarilla con reservorio"),
        "venturi" => ("Venturi mask", "Mascarilla Venturi"),
        "cpap" => ("CPAP", "CPAP"),
        "bipap" => ("BiPAP / NIV", "BiPAP / VMNI"),
        "mechanical_ventilation" => (
            "Intubation, mechanical ventilation",
            "Intubación, ventilación mecánica",
        ),
        "alert" => ("Alert", "Alerta"),
        "awakens_spontaneously" => ("Awakens spontaneously", "Despierta espontáneamente"),
        "awakens_to_voice" => ("Awakens to voice", "Despierta a la voz"),
        "awakens_to_touch" => (
            "Awakens only to tactile stimulus",
            "Despierta solo al estímulo táctil",
        ),
        "unarousable" => (
            "Unarousable / stupor or coma",
            "No despertable / estupor o coma",
        ),
        "resolves_rapidly" => (
            "Seizure that resolves rapidly (or EEG seizures resolving with intervention)",
            "Crisis que cede rápido (o crisis en EEG que ceden con tratamiento)",
        ),
        "focal" => (
            "Focal/local edema on imaging",
            "Edema focal/local en imagen",
        ),
        "diffuse" => (
            "Diffuse edema, posturing, CN VI palsy, papilledema or Cushing's triad",
            "Edema difuso, posturas, parálisis del VI, papiledema o tríada de Cushing",
        ),
        "never" => ("Never", "Nunca"),
        "rarely" => ("Rarely", "Rara vez"),
        "sometimes" => ("Sometimes", "A veces"),
        "often" => ("Often", "A menudo"),
        "always" => ("Always", "Siempre"),
        "grade1" => ("Grade 1", "Grado 1"),
        "grade2" => ("Grade 2", "Grado 2"),
        "grade3" => ("Grade 3", "Grado 3"),
        "grade4" => ("Grade 4", "Grado 4"),
        "grade5" => ("Grade 5", "Grado 5"),
        _ => ("?", "?"),
    };
    match lang {
        Lang::En => en.into(),
        Lang::Es => es.into(),
    }
}

pub fn conclusion_label(lang: Lang, c: Conclusion) -> &'static str {
    let s = lang.strings();
    match c {
        Conclusion::Met => s.met,
        Conclusion::NotMet => s.not_met,
        Conclusion::Undetermined => s.undetermined,
    }
}

pub fn status_label(lang: Lang, st: Status) -> &'static str {
    let s = lang.strings();
    match st {
        Status::Met => s.met,
        Status::NotMet => s.not_met,
        Status::Unknown => s.unknown,
    }
}

/// An input error in the user's language: the field's label, the value, the accepted range.
pub fn error_message(lang: Lang, e: &Error) -> String {
    let es = lang == Lang::Es;
    match &e.kind {
        ErrorKind::NotANumber { text } => {
            let text = unquoted(text);
            if es {
                format!("«{text}» no es un número")
            } else {
                format!("\"{text}\" is not a number")
            }
        }
        ErrorKind::AmbiguousSeparator {
            text,
            decimal_reading,
            thousands_reading,
            unit,
        } => {
            let text = unquoted(text);
            let (d, t) = (Rounded(*decimal_reading), Rounded(*thousands_reading));
            let unit = unit.map(|u| format!(" {u}")).unwrap_or_default();
            if es {
                format!("«{text}» puede ser {d} o {t}{unit}: para {t}, escríbalo sin separador; para {d}, con menos o más de tres decimales")
            } else {
                format!("\"{text}\" could be {d} or {t}{unit}: for {t}, type it without a separator; for {d}, use fewer or more than three decimals")
            }
        }
        ErrorKind::NotAWholeNumber { text, max } => {
            let text = unquoted(text);
            if es {
                format!("«{text}» no es un número entero (se acepta 0–{max})")
            } else {
                format!("\"{text}\" is not a whole number (accepted 0–{max})")
            }
        }
        ErrorKind::NotFinite => (if es {
            "valor no válido"
        } else {
            "invalid value"
        })
        .into(),
        ErrorKind::OutOfRange {
            value,
            unit,
            min,
            max,
        } => {
            let (v, lo, hi) = (Rounded(*value), Rounded(*min), Rounded(*max));
            let unit = unit_label(lang, *unit);
            if es {
                format!("{v} {unit} está fuera del rango aceptado {lo}–{hi} {unit}")
            } else {
                format!("{v} {unit} is outside the accepted range {lo}–{hi} {unit}")
            }
        }
        ErrorKind::UnknownUnit { text, accepted } => {
            let units = units_list(lang, accepted);
            match (es, accepted.is_empty()) {
                (true, true) => format!("unidad desconocida «{text}»"),
                (true, false) => format!("unidad desconocida «{text}»; use {units}"),
                (false, true) => format!("unknown unit \"{text}\""),
                (false, false) => format!("unknown unit \"{text}\"; use {units}"),
            }
        }
        ErrorKind::UnitRequired { text, accepted } => {
            let (text, units) = (unquoted(text), units_list(lang, accepted));
            if es {
                format!("falta la unidad de {text}; use {units}")
            } else {
                format!("a unit is needed for {text}; use {units}")
            }
        }
        ErrorKind::UnitNotAccepted { unit, accepted } => {
            let (unit, units) = (unit_label(lang, *unit), units_list(lang, accepted));
            if es {
                format!("{unit} no es una unidad de este campo; use {units}")
            } else {
                format!("{unit} is not a unit of this field; use {units}")
            }
        }
        ErrorKind::NotConvertible { from, to } => {
            if es {
                format!("{from} no se puede convertir a {to} (ensayos distintos); introduzca el valor en {to}")
            } else {
                format!("{from} cannot be converted to {to} (different assays); enter the value in {to}")
            }
        }
        ErrorKind::CountOutOfRange { value, min, max } => {
            if es {
                format!("{value} está fuera del rango aceptado {min}–{max} (número entero)")
            } else {
                format!("{value} is outside the accepted range {min}–{max} (whole number)")
            }
        }
        ErrorKind::TotalContradictsItems {
            total,
            min,
            max,
            items,
        } => {
            let items = items
                .iter()
                .map(|f| field_label(lang, *f))
                .collect::<Vec<_>>()
                .join(", ");
            if es {
                format!("{total} es imposible con los ítems introducidos ({items}), que permiten {min}–{max}: corrija el total o los ítems")
            } else {
                format!("{total} is impossible with the entered items ({items}), which allow {min}–{max}: correct the total or the items")
            }
        }
        ErrorKind::Inconsistent { with } => {
            if es {
                format!("contradice «{}»", field_label(lang, *with))
            } else {
                format!("contradicts \"{}\"", field_label(lang, *with))
            }
        }
        ErrorKind::UnknownOption { text, accepted } => {
            let text = unquoted(text);
            let options = accepted
                .iter()
                .map(|o| option_label(lang, o))
                .collect::<Vec<_>>()
                .join(", ");
            match (es, accepted.is_empty()) {
                (true, true) => format!("«{text}» no es una opción válida"),
                (true, false) => format!("«{text}» no es una opción válida: {options}"),
                (false, true) => format!("\"{text}\" is not an accepted option"),
                (false, false) => format!("\"{text}\" is not an accepted option: {options}"),
            }
        }
        ErrorKind::NotYesNo { text } => {
            let text = unquoted(text);
            if es {
                format!("«{text}» no es sí o no")
            } else {
                format!("\"{text}\" is not yes or no")
            }
        }
        _ => e.to_string(),
    }
}

/// Units for a message, as written in the language ("ng/mL, µg/L, pmol/L").
fn units_list(lang: Lang, units: &[Unit]) -> String {
    units
        .iter()
        .map(|u| unit_label(lang, *u))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text without one pair of surrounding double quotes, so that quoting it never doubles
/// them.
fn unquoted(text: &str) -> &str {
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text)
}

/// A tocilizumab log warning in words, with the core's limits and the doses' local times
/// (`minutes` since the Unix epoch, as the log counts them).
pub fn tocilizumab_warning(lang: Lang, w: &LogWarning) -> String {
    use iectox::treatment::tocilizumab_log::{
        HOUR, MAX_PER_WINDOW, MAX_TOTAL, MIN_INTERVAL_MINUTES, WINDOW_MINUTES,
    };
    let window_h = WINDOW_MINUTES / HOUR;
    match w {
        LogWarning::ThreeDosesIn24h { until } => format!(
            "{MAX_PER_WINDOW} {} {window_h} h: {} {}",
            tr(lang, "doses in the last", "dosis en las últimas"),
            tr(lang, "no further dose until", "ninguna más hasta"),
            dose_time(*until)
        ),
        LogWarning::FourDosesTotal => format!(
            "{MAX_TOTAL} {}",
            tr(
                lang,
                "doses in total: the maximum.",
                "dosis en total: el máximo."
            )
        ),
        LogWarning::TotalExceeded { total } => format!(
            "{} {total} {} {MAX_TOTAL} {}",
            tr(lang, "Maximum exceeded:", "Máximo superado:"),
            tr(lang, "doses recorded (maximum", "dosis registradas (máximo"),
            tr(lang, "in total).", "en total).")
        ),
        LogWarning::In24hExceeded { count, first, last } => format!(
            "{} {window_h} h {}: {count} {} {} – {} ({} {MAX_PER_WINDOW} {} {window_h} h)",
            tr(lang, "Limit of", "Límite de"),
            tr(lang, "exceeded", "superado"),
            tr(lang, "doses between", "dosis entre"),
            dose_time(*first),
            dose_time(*last),
            tr(lang, "maximum", "máximo"),
            tr(lang, "in", "en")
        ),
        LogWarning::IntervalUnder8h { .. } => format!(
            "{} {} h.",
            tr(
                lang,
                "Two recorded doses are less than",
                "Dos dosis registradas distan menos de"
            ),
            MIN_INTERVAL_MINUTES / HOUR
        ),
    }
}

fn dose_time(minutes: i64) -> String {
    crate::files::local_datetime(minutes.saturating_mul(60_000))
}
