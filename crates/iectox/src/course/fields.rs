//! How each [`Field`] behaves over time: its validity class, the fields measured together with
//! it, and generic access to its value in a [`Patient`].
//!
//! Every field is classified in one exhaustive `match` ([`class_of`]): a new field does not
//! compile until it is classified here.

use crate::patient::{Field, Patient};
use crate::units::{Quantity, RawQuantity, Unit};

/// How long a value of a field stays current (clinical spec §12). The windows are in
/// [`CourseSettings`](super::CourseSettings).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FieldClass {
    /// A laboratory result: current for the lab window (24 h by default, §12).
    Lab,
    /// A vital sign, an organ support or a bedside neurological assessment (temperature,
    /// hypotension and vasopressors, oxygen, ICE, CAPD, level of consciousness, seizure…):
    /// current for the bedside window (12 h by default, §12). These change within hours.
    Bedside,
    /// A clinical finding or clinician judgement that is re-examined at the daily review
    /// (organomegaly, clinician-confirmed fever, new or worsening cytopenias, IEC-HS timing and
    /// grade, organ toxicity grade, coagulopathy, hospitalisation): current for the finding
    /// window (24 h by default — a product choice: §12 names only labs and vital signs; a stale
    /// judgement must not silently persist for days).
    Finding,
    /// A fact that does not expire within a course: age, weight, height, developmental delay,
    /// the laboratory's reference limits (ULN/LLN), history (underlying immunosuppression),
    /// tissue or marrow hemophagocytosis, NK-cell activity, a molecular diagnosis, and a
    /// recorded death. The latest value wins, however old. The core does not age the patient:
    /// the age is used as entered.
    Permanent,
    /// A baseline (`*_baseline`): filled from the last value at or before the infusion unless
    /// the clinician entered one (see [`Course::baselines_at`](super::Course::baselines_at)).
    Baseline,
}

/// The validity class of a field. Exhaustive on purpose: a new field must be classified.
pub const fn class_of(field: Field) -> FieldClass {
    use Field::*;
    use FieldClass::*;
    match field {
        // Laboratory: one sample each (24 h).
        Ferritin | Triglycerides | TriglyceridesFasting | Fibrinogen | Haemoglobin | Leukocytes
        | Neutrophils | Platelets | Ast | Alt | Bilirubin | Ldh | Crp | Creatinine | Scd25 => Lab,
        // Vital signs, support and bedside neurological assessment (12 h). Whether fever is
        // masked by antipyretic or anti-cytokine therapy is re-stated with the temperature.
        Temperature | FeverMaskingTherapy | Hypotension | Vasopressors | Vasopressin
        | HighDoseVasopressor | VasopressorHours | FluidBoluses | OxygenDevice | OxygenFlow
        | Fio2 | IceOrientation | IceNaming | IceCommands | IceWriting | IceAttention
        | IceTotal | Consciousness | Seizure | MotorWeakness | CerebralEdema | CapdTotal
        | CapdEyeContact | CapdPurposeful | CapdAware | CapdCommunicates | CapdRestless
        | CapdInconsolable | CapdUnderactive | CapdSlowToRespond => Bedside,
        // Findings and clinician judgements of the daily review (24 h).
        Hepatomegaly
        | Splenomegaly
        | FeverConfirmed
        | CytopeniasNewOrWorsening
        | IecHsTiming
        | IecHsGrade
        | OtherOrganToxicityGrade
        | Coagulopathy
        | HospitalisedForCrs => Finding,
        // No expiry.
        Age
        | Weight
        | Height
        | DevelopmentalDelay
        | FerritinUln
        | FibrinogenLln
        | HaemoglobinLln
        | LeukocytesLln
        | NeutrophilsLln
        | PlateletsLln
        | AstUln
        | AltUln
        | BilirubinUln
        | CreatinineUln
        | Immunosuppression
        | MarrowHemophagocytosis
        | TissueHemophagocytosis
        | NkActivityLow
        | MolecularDiagnosis
        | CrsDeath
        | IcansDeath => Permanent,
        FerritinBaseline | FibrinogenBaseline | AstBaseline | AltBaseline | BilirubinBaseline
        | CreatinineBaseline => Baseline,
    }
}

/// The ICE test: items and total are one assessment.
pub const ICE: &[Field] = &[
    Field::IceOrientation,
    Field::IceNaming,
    Field::IceCommands,
    Field::IceWriting,
    Field::IceAttention,
    Field::IceTotal,
];
/// The CAPD assessment: items and total.
pub const CAPD: &[Field] = &[
    Field::CapdTotal,
    Field::CapdEyeContact,
    Field::CapdPurposeful,
    Field::CapdAware,
    Field::CapdCommunicates,
    Field::CapdRestless,
    Field::CapdInconsolable,
    Field::CapdUnderactive,
    Field::CapdSlowToRespond,
];
/// The oxygen support: device, flow and FiO₂ describe one setting.
pub const OXYGEN: &[Field] = &[Field::OxygenDevice, Field::OxygenFlow, Field::Fio2];
/// The hemodynamic support: hypotension and what treats it.
pub const HEMODYNAMIC: &[Field] = &[
    Field::Hypotension,
    Field::Vasopressors,
    Field::Vasopressin,
    Field::HighDoseVasopressor,
    Field::VasopressorHours,
    Field::FluidBoluses,
];
/// A triglyceride result and whether that sample was taken fasting.
pub const TRIGLYCERIDES: &[Field] = &[Field::Triglycerides, Field::TriglyceridesFasting];

/// Every group of fields measured together.
pub const GROUPS: &[&[Field]] = &[ICE, CAPD, OXYGEN, HEMODYNAMIC, TRIGLYCERIDES];

/// The fields entered together with `field` as one measurement, when it belongs to such a
/// group. A group is carried as a whole: the latest time point that has **any** of its fields
/// supplies **all** of them (those it lacks are missing), so values of different measurements
/// are never mixed — an ICE total from the morning never meets ICE items from the evening, and
/// a nasal-cannula flow never outlives the cannula.
pub fn group_of(field: Field) -> Option<&'static [Field]> {
    GROUPS.iter().copied().find(|g| g.contains(&field))
}

/// The baseline fields with the analyte each is the baseline of.
pub const BASELINES: &[(Field, Field)] = &[
    (Field::FerritinBaseline, Field::Ferritin),
    (Field::FibrinogenBaseline, Field::Fibrinogen),
    (Field::AstBaseline, Field::Ast),
    (Field::AltBaseline, Field::Alt),
    (Field::BilirubinBaseline, Field::Bilirubin),
    (Field::CreatinineBaseline, Field::Creatinine),
];

macro_rules! access {
    ($($variant:ident => $($path:ident).+),+ $(,)?) => {
        /// Whether `p` has a value for `field`.
        pub fn has(p: &Patient, field: Field) -> bool {
            match field {
                $(Field::$variant => p.$($path).+.is_some()),+
            }
        }

        /// Copies the value of `field` (possibly none) from `from` into `to`.
        pub fn copy(to: &mut Patient, from: &Patient, field: Field) {
            match field {
                $(Field::$variant => to.$($path).+ = from.$($path).+),+
            }
        }

        /// Removes the value of `field` from `p`.
        pub fn clear(p: &mut Patient, field: Field) {
            match field {
                $(Field::$variant => p.$($path).+ = None),+
            }
        }
    };
}

access! {
    Age => age,
    Weight => weight,
    Height => height,
    DevelopmentalDelay => developmental_delay,
    Temperature => temperature,
    FeverMaskingTherapy => fever_masking_therapy,
    Hypotension => hypotension,
    Vasopressors => vasopressors,
    Vasopressin => vasopressin,
    HighDoseVasopressor => high_dose_vasopressor,
    VasopressorHours => vasopressor_hours,
    FluidBoluses => fluid_boluses,
    OxygenDevice => oxygen_device,
    OxygenFlow => oxygen_flow,
    Fio2 => fio2,
    CrsDeath => crs_death,
    IceOrientation => ice_items.orientation,
    IceNaming => ice_items.naming,
    IceCommands => ice_items.commands,
    IceWriting => ice_items.writing,
    IceAttention => ice_items.attention,
    IceTotal => ice_total,
    Consciousness => consciousness,
    Seizure => seizure,
    MotorWeakness => motor_weakness,
    CerebralEdema => cerebral_edema,
    CapdTotal => capd_total,
    CapdEyeContact => capd_items.eye_contact,
    CapdPurposeful => capd_items.purposeful,
    CapdAware => capd_items.aware,
    CapdCommunicates => capd_items.communicates,
    CapdRestless => capd_items.restless,
    CapdInconsolable => capd_items.inconsolable,
    CapdUnderactive => capd_items.underactive,
    CapdSlowToRespond => capd_items.slow_to_respond,
    IcansDeath => icans_death,
    Ferritin => ferritin,
    FerritinUln => ferritin_uln,
    FerritinBaseline => ferritin_baseline,
    Triglycerides => triglycerides,
    Fibrinogen => fibrinogen,
    FibrinogenLln => fibrinogen_lln,
    FibrinogenBaseline => fibrinogen_baseline,
    Haemoglobin => haemoglobin,
    HaemoglobinLln => haemoglobin_lln,
    Leukocytes => leukocytes,
    LeukocytesLln => leukocytes_lln,
    Neutrophils => neutrophils,
    NeutrophilsLln => neutrophils_lln,
    Platelets => platelets,
    PlateletsLln => platelets_lln,
    Ast => ast,
    AstUln => ast_uln,
    AstBaseline => ast_baseline,
    Alt => alt,
    AltUln => alt_uln,
    AltBaseline => alt_baseline,
    Bilirubin => bilirubin,
    BilirubinUln => bilirubin_uln,
    BilirubinBaseline => bilirubin_baseline,
    Ldh => ldh,
    Crp => crp,
    Creatinine => creatinine,
    CreatinineUln => creatinine_uln,
    CreatinineBaseline => creatinine_baseline,
    Scd25 => scd25,
    Immunosuppression => immunosuppression,
    Hepatomegaly => hepatomegaly,
    Splenomegaly => splenomegaly,
    MarrowHemophagocytosis => marrow_hemophagocytosis,
    TissueHemophagocytosis => tissue_hemophagocytosis,
    NkActivityLow => nk_activity_low,
    MolecularDiagnosis => molecular_diagnosis,
    FeverConfirmed => fever_confirmed,
    TriglyceridesFasting => triglycerides_fasting,
    CytopeniasNewOrWorsening => cytopenias_new_or_worsening,
    IecHsTiming => iec_hs_timing,
    IecHsGrade => iec_hs_grade,
    OtherOrganToxicityGrade => other_organ_toxicity_grade,
    Coagulopathy => coagulopathy,
    HospitalisedForCrs => hospitalised_for_crs,
}

/// A measured value: as entered, and in the canonical unit of its quantity (for trends, which
/// compare values entered in different units).
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Measured {
    /// The value and unit as entered.
    pub entered: RawQuantity,
    /// The value in `canonical_unit`.
    pub canonical: f64,
    /// The canonical unit of the quantity (e.g. ng/mL for ferritin, g/L for fibrinogen).
    pub canonical_unit: Unit,
}

fn measured<Q: Quantity>(q: Option<Q>) -> Option<Measured> {
    q.map(|q| Measured {
        entered: RawQuantity {
            value: q.value(),
            unit: q.unit(),
        },
        canonical: q.canonical(),
        canonical_unit: Q::CANONICAL,
    })
}

/// The value of a measured field (a quantity), `None` when absent or when the field is not a
/// quantity (a count, a yes/no or a choice).
pub fn quantity(p: &Patient, field: Field) -> Option<Measured> {
    use Field::*;
    match field {
        Age => measured(p.age),
        Weight => measured(p.weight),
        Height => measured(p.height),
        Temperature => measured(p.temperature),
        OxygenFlow => measured(p.oxygen_flow),
        Fio2 => measured(p.fio2),
        Ferritin => measured(p.ferritin),
        FerritinUln => measured(p.ferritin_uln),
        FerritinBaseline => measured(p.ferritin_baseline),
        Triglycerides => measured(p.triglycerides),
        Fibrinogen => measured(p.fibrinogen),
        FibrinogenLln => measured(p.fibrinogen_lln),
        FibrinogenBaseline => measured(p.fibrinogen_baseline),
        Haemoglobin => measured(p.haemoglobin),
        HaemoglobinLln => measured(p.haemoglobin_lln),
        Leukocytes => measured(p.leukocytes),
        LeukocytesLln => measured(p.leukocytes_lln),
        Neutrophils => measured(p.neutrophils),
        NeutrophilsLln => measured(p.neutrophils_lln),
        Platelets => measured(p.platelets),
        PlateletsLln => measured(p.platelets_lln),
        Ast => measured(p.ast),
        AstUln => measured(p.ast_uln),
        AstBaseline => measured(p.ast_baseline),
        Alt => measured(p.alt),
        AltUln => measured(p.alt_uln),
        AltBaseline => measured(p.alt_baseline),
        Bilirubin => measured(p.bilirubin),
        BilirubinUln => measured(p.bilirubin_uln),
        BilirubinBaseline => measured(p.bilirubin_baseline),
        Ldh => measured(p.ldh),
        Crp => measured(p.crp),
        Creatinine => measured(p.creatinine),
        CreatinineUln => measured(p.creatinine_uln),
        CreatinineBaseline => measured(p.creatinine_baseline),
        Scd25 => measured(p.scd25),
        _ => None,
    }
}

/// Whether a field is a measured quantity (with a unit), i.e. has a trend.
pub fn is_quantity(field: Field) -> bool {
    crate::units::check_quantity(field, f64::NAN, Unit::Celsius).is_some()
}

/// The laboratory analytes measured as quantities, in field order: the series of
/// [`Course::trends`](super::Course::trends).
pub const LAB_ANALYTES: &[Field] = &[
    Field::Ferritin,
    Field::Triglycerides,
    Field::Fibrinogen,
    Field::Haemoglobin,
    Field::Leukocytes,
    Field::Neutrophils,
    Field::Platelets,
    Field::Ast,
    Field::Alt,
    Field::Bilirubin,
    Field::Ldh,
    Field::Crp,
    Field::Creatinine,
    Field::Scd25,
];

/// Copies the value of the analyte of baseline field `to` from `source` into `to` in
/// `target`. Returns whether a value was copied: a value outside the plausible bounds of a
/// baseline ([`crate::units::REFERENCE_PLAUSIBLE`], e.g. a ferritin of 0) is not used.
pub(crate) fn copy_as_baseline(target: &mut Patient, to: Field, source: &Patient) -> bool {
    let Some(analyte) = BASELINES.iter().find(|b| b.0 == to).map(|b| b.1) else {
        return false;
    };
    let plausible = quantity(source, analyte).is_some_and(|m| {
        crate::units::check_quantity(to, m.entered.value, m.entered.unit).is_some_and(|r| r.is_ok())
    });
    if !plausible {
        return false;
    }
    match to {
        Field::FerritinBaseline => target.ferritin_baseline = source.ferritin,
        Field::FibrinogenBaseline => target.fibrinogen_baseline = source.fibrinogen,
        Field::AstBaseline => target.ast_baseline = source.ast,
        Field::AltBaseline => target.alt_baseline = source.alt,
        Field::BilirubinBaseline => target.bilirubin_baseline = source.bilirubin,
        Field::CreatinineBaseline => target.creatinine_baseline = source.creatinine,
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_shares_one_class_and_no_field_is_in_two_groups() {
        for g in GROUPS {
            for f in *g {
                assert_eq!(class_of(*f), class_of(g[0]), "{f:?}");
                assert_eq!(group_of(*f), Some(*g));
            }
        }
        let grouped: usize = GROUPS.iter().map(|g| g.len()).sum();
        let distinct = Field::ALL
            .iter()
            .filter(|f| group_of(**f).is_some())
            .count();
        assert_eq!(grouped, distinct);
    }

    #[test]
    fn lab_analytes_are_every_lab_quantity() {
        let labs: alloc::vec::Vec<Field> = Field::ALL
            .iter()
            .copied()
            .filter(|&f| class_of(f) == FieldClass::Lab && is_quantity(f))
            .collect();
        assert_eq!(labs, LAB_ANALYTES);
        for f in Field::ALL {
            let mut p = Patient::default();
            clear(&mut p, *f);
            assert!(!has(&p, *f));
        }
    }

    #[test]
    fn baselines_are_classified_as_baselines() {
        for (b, analyte) in BASELINES {
            assert_eq!(class_of(*b), FieldClass::Baseline);
            assert_eq!(class_of(*analyte), FieldClass::Lab);
        }
        let count = Field::ALL
            .iter()
            .filter(|f| class_of(**f) == FieldClass::Baseline)
            .count();
        assert_eq!(count, BASELINES.len());
    }
}
