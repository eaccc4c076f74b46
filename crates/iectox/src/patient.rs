//! One patient: every input of every score, each optional, entered once.
//!
//! `None` always means *not known*; it is never read as normal. Scores list the fields they
//! needed and did not get in their `missing` list.

use core::fmt;

use crate::units::{
    Age, Alt, Ast, Bilirubin, Creatinine, Crp, Ferritin, Fibrinogen, Fio2, Haemoglobin, Height,
    Ldh, Leukocytes, Neutrophils, OxygenFlow, Platelets, Scd25, Temperature, Triglycerides, Weight,
};

macro_rules! fields {
    ($($(#[$m:meta])* $variant:ident => $label:literal),+ $(,)?) => {
        /// An input field: used in errors, missing-input lists and breakdowns.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
        pub enum Field {
            $($(#[$m])* #[doc = $label] $variant),+
        }

        impl Field {
            /// Every field, in declaration order.
            pub const ALL: &'static [Field] = &[$(Field::$variant),+];

            /// The English label of the field (user interfaces translate by variant).
            pub const fn label(self) -> &'static str {
                match self {
                    $(Field::$variant => $label),+
                }
            }
        }
    };
}

fields! {
    Age => "age",
    Weight => "weight",
    Height => "height",
    DevelopmentalDelay => "developmental delay",
    Temperature => "maximum temperature",
    FeverMaskingTherapy => "antipyretic or anti-cytokine therapy given since CRS onset",
    Hypotension => "hypotension",
    Vasopressors => "number of vasopressors (not counting vasopressin)",
    Vasopressin => "vasopressin",
    HighDoseVasopressor => "high-dose vasopressor",
    VasopressorHours => "hours on vasopressors",
    FluidBoluses => "fluid boluses for hypotension",
    OxygenDevice => "oxygen device",
    OxygenFlow => "oxygen flow",
    Fio2 => "FiO₂",
    CrsDeath => "death due to CRS",
    IceOrientation => "ICE orientation (0–4)",
    IceNaming => "ICE naming (0–3)",
    IceCommands => "ICE following commands (0–1)",
    IceWriting => "ICE writing (0–1)",
    IceAttention => "ICE attention (0–1)",
    IceTotal => "ICE total (0–10)",
    Consciousness => "level of consciousness",
    Seizure => "seizure",
    MotorWeakness => "deep focal motor weakness",
    CerebralEdema => "raised ICP / cerebral edema",
    CapdTotal => "CAPD total (0–32)",
    CapdEyeContact => "CAPD 1. makes eye contact with caregiver",
    CapdPurposeful => "CAPD 2. actions are purposeful",
    CapdAware => "CAPD 3. aware of surroundings",
    CapdCommunicates => "CAPD 4. communicates needs and wants",
    CapdRestless => "CAPD 5. restless",
    CapdInconsolable => "CAPD 6. inconsolable",
    CapdUnderactive => "CAPD 7. underactive, very little movement while awake",
    CapdSlowToRespond => "CAPD 8. slow to react to interactions",
    IcansDeath => "death due to ICANS",
    Ferritin => "ferritin",
    FerritinUln => "ferritin upper limit of normal",
    FerritinBaseline => "ferritin at infusion (baseline)",
    Triglycerides => "triglycerides",
    Fibrinogen => "fibrinogen",
    FibrinogenLln => "fibrinogen lower limit of normal",
    FibrinogenBaseline => "fibrinogen baseline",
    Haemoglobin => "haemoglobin",
    HaemoglobinLln => "haemoglobin lower limit of normal",
    Leukocytes => "leukocytes",
    LeukocytesLln => "leukocytes lower limit of normal",
    Neutrophils => "neutrophils",
    NeutrophilsLln => "neutrophils lower limit of normal",
    Platelets => "platelets",
    PlateletsLln => "platelets lower limit of normal",
    Ast => "AST",
    AstUln => "AST upper limit of normal",
    AstBaseline => "AST baseline",
    Alt => "ALT",
    AltUln => "ALT upper limit of normal",
    AltBaseline => "ALT baseline",
    Bilirubin => "total bilirubin",
    BilirubinUln => "bilirubin upper limit of normal",
    BilirubinBaseline => "bilirubin baseline",
    Ldh => "LDH",
    Crp => "CRP",
    Creatinine => "creatinine",
    CreatinineUln => "creatinine upper limit of normal",
    CreatinineBaseline => "creatinine baseline",
    Scd25 => "soluble CD25 (sIL-2R)",
    Immunosuppression => "known underlying immunosuppression (HIV or long-term immunosuppressive therapy)",
    Hepatomegaly => "hepatomegaly",
    Splenomegaly => "splenomegaly",
    MarrowHemophagocytosis => "hemophagocytosis on bone marrow aspirate",
    TissueHemophagocytosis => "hemophagocytosis in bone marrow, spleen, lymph node or other tissue",
    NkActivityLow => "low or absent NK-cell activity",
    MolecularDiagnosis => "molecular diagnosis consistent with HLH",
    FeverConfirmed => "clinician-confirmed fever",
    TriglyceridesFasting => "triglycerides taken fasting",
    CytopeniasNewOrWorsening => "new-onset, worsening or refractory cytopenias",
    IecHsTiming => "onset with resolving CRS or worsening after initial improvement",
    IecHsGrade => "IEC-HS grade (clinician-selected)",
    OtherOrganToxicityGrade => "worst CTCAE grade of other CRS-related organ toxicity",
    Coagulopathy => "coagulopathy requiring plasma, cryoprecipitate or fibrinogen",
    HospitalisedForCrs => "hospitalisation needed for CRS",
    HlhFeverRule => "HLH-2004 fever rule (setting)",
    CapdBelowAgeYears => "CAPD instead of ICE below this age, in years (setting)",
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How a field is written in a record (JSON, CSV): what its value is and which values are
/// accepted. One table for every interface that reads records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A number with one of these units.
    Quantity(&'static [crate::units::Unit]),
    /// A whole number in `0..=max`.
    Count(u16),
    /// Yes or no.
    YesNo,
    /// One of these options (snake_case keys).
    Choice(&'static [&'static str]),
}

impl Field {
    /// How the field is written in a record.
    pub fn entry(self) -> Entry {
        let units = crate::units::accepted_units(self);
        if !units.is_empty() {
            return Entry::Quantity(units);
        }
        match self {
            Field::IceOrientation => Entry::Count(4),
            Field::IceNaming => Entry::Count(3),
            Field::IceCommands | Field::IceWriting | Field::IceAttention => Entry::Count(1),
            Field::IceTotal => Entry::Count(10),
            Field::CapdTotal => Entry::Count(32),
            Field::CapdEyeContact
            | Field::CapdPurposeful
            | Field::CapdAware
            | Field::CapdCommunicates
            | Field::CapdRestless
            | Field::CapdInconsolable
            | Field::CapdUnderactive
            | Field::CapdSlowToRespond => Entry::Count(4),
            Field::Vasopressors => Entry::Count(10),
            Field::FluidBoluses => Entry::Count(50),
            Field::VasopressorHours => Entry::Count(2000),
            Field::OtherOrganToxicityGrade => Entry::Count(5),
            // ICANS by CAPD is for children (clinical spec §4.3): an age limit above 18 years
            // is not a paediatric setting.
            Field::CapdBelowAgeYears => Entry::Count(18),
            Field::OxygenDevice => Entry::Choice(OxygenDevice::KEYS),
            Field::Consciousness => Entry::Choice(Consciousness::KEYS),
            Field::Seizure => Entry::Choice(Seizure::KEYS),
            Field::CerebralEdema => Entry::Choice(CerebralEdema::KEYS),
            Field::IecHsGrade => Entry::Choice(IecHsGrade::KEYS),
            Field::HlhFeverRule => Entry::Choice(FeverRule::KEYS),
            _ => Entry::YesNo,
        }
    }

    /// The largest accepted value of a count field.
    pub fn count_max(self) -> Option<u16> {
        match self.entry() {
            Entry::Count(max) => Some(max),
            _ => None,
        }
    }
}

/// Oxygen support, by device: ASTCT grades hypoxia by the support required.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum OxygenDevice {
    /// No supplemental oxygen (or oxygen for comfort only, which is not hypoxia).
    None,
    /// Blow-by oxygen.
    BlowBy,
    /// Nasal cannula; the flow decides low-flow (≤ 6 L/min) from high-flow (> 6 L/min).
    NasalCannula,
    /// High-flow nasal cannula (> 6 L/min by definition).
    HighFlowNasalCannula,
    /// Simple facemask (grade 3 at any flow).
    Facemask,
    /// Non-rebreather mask.
    NonRebreather,
    /// Venturi mask.
    Venturi,
    /// Continuous positive airway pressure.
    Cpap,
    /// Bilevel positive airway pressure / non-invasive ventilation.
    Bipap,
    /// Intubation and mechanical ventilation.
    MechanicalVentilation,
}

impl OxygenDevice {
    /// The record keys of the options, in order (their serde names).
    pub const KEYS: &'static [&'static str] = &[
        "none",
        "blow_by",
        "nasal_cannula",
        "high_flow_nasal_cannula",
        "facemask",
        "non_rebreather",
        "venturi",
        "cpap",
        "bipap",
        "mechanical_ventilation",
    ];
}

/// Depressed level of consciousness (ICANS).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Consciousness {
    /// Alert, not depressed.
    Alert,
    /// Awakens spontaneously (grade 1).
    AwakensSpontaneously,
    /// Awakens to voice (grade 2).
    AwakensToVoice,
    /// Awakens only to tactile stimulus (grade 3).
    AwakensToTouch,
    /// Unarousable, or needs vigorous or repetitive tactile stimuli; stupor or coma (grade 4).
    Unarousable,
}

impl Consciousness {
    /// The record keys of the options, in order (their serde names).
    pub const KEYS: &'static [&'static str] = &[
        "alert",
        "awakens_spontaneously",
        "awakens_to_voice",
        "awakens_to_touch",
        "unarousable",
    ];
}

/// Seizures (ICANS).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Seizure {
    /// No seizure.
    None,
    /// Any clinical seizure that resolves rapidly, or non-convulsive seizures on EEG that
    /// resolve with intervention (grade 3).
    ResolvesRapidly,
    /// Life-threatening prolonged seizure (> 5 min), or repetitive seizures without return to
    /// baseline in between (grade 4).
    Prolonged,
}

impl Seizure {
    /// The record keys of the options, in order (their serde names).
    pub const KEYS: &'static [&'static str] = &["none", "resolves_rapidly", "prolonged"];
}

/// Raised intracranial pressure / cerebral edema (ICANS).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CerebralEdema {
    /// None.
    None,
    /// Focal or local edema on neuroimaging (grade 3).
    Focal,
    /// Diffuse edema on neuroimaging, decerebrate or decorticate posturing, cranial nerve VI
    /// palsy, papilledema or Cushing's triad (grade 4).
    Diffuse,
}

impl CerebralEdema {
    /// The record keys of the options, in order (their serde names).
    pub const KEYS: &'static [&'static str] = &["none", "focal", "diffuse"];
}

/// The ICE score, item by item (10 points in all).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct IceItems {
    /// Orientation to year, month, city, hospital: 0–4.
    pub orientation: Option<u8>,
    /// Naming three objects: 0–3.
    pub naming: Option<u8>,
    /// Following simple commands: 0–1.
    pub commands: Option<u8>,
    /// Writing a standard sentence: 0–1.
    pub writing: Option<u8>,
    /// Counting backwards from 100 by 10: 0–1.
    pub attention: Option<u8>,
}

/// The Cornell Assessment of Pediatric Delirium, item by item (Traube 2014; clinical spec
/// §4.3). Each answer is how often the behaviour was seen over the shift: 0 never, 1 rarely,
/// 2 sometimes, 3 often, 4 always. Items 1–4 are scored in reverse (never = 4 … always = 0),
/// items 5–8 directly; the total is 0–32 and ≥ 9 is positive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(missing_docs)] // each answer is documented by its `Field` label
pub struct CapdItems {
    pub eye_contact: Option<u8>,
    pub purposeful: Option<u8>,
    pub aware: Option<u8>,
    pub communicates: Option<u8>,
    pub restless: Option<u8>,
    pub inconsolable: Option<u8>,
    pub underactive: Option<u8>,
    pub slow_to_respond: Option<u8>,
}

impl CapdItems {
    /// The answers with their fields, in the item order.
    pub fn answers(&self) -> [(Field, Option<u8>); 8] {
        [
            (Field::CapdEyeContact, self.eye_contact),
            (Field::CapdPurposeful, self.purposeful),
            (Field::CapdAware, self.aware),
            (Field::CapdCommunicates, self.communicates),
            (Field::CapdRestless, self.restless),
            (Field::CapdInconsolable, self.inconsolable),
            (Field::CapdUnderactive, self.underactive),
            (Field::CapdSlowToRespond, self.slow_to_respond),
        ]
    }

    /// Points of each item (reverse scoring for items 1–4); `None` for an unanswered or
    /// invalid (> 4) answer.
    fn points(&self) -> [Option<u8>; 8] {
        let mut out = [None; 8];
        for (i, (_, answer)) in self.answers().into_iter().enumerate() {
            out[i] = answer
                .filter(|&a| a <= 4)
                .map(|a| if i < 4 { 4 - a } else { a });
        }
        out
    }

    /// The lowest and highest total reachable given the answered items (`None` if none is).
    pub fn range(&self) -> Option<(u8, u8)> {
        let points = self.points();
        if points.iter().all(Option::is_none) {
            return None;
        }
        let lo = points.iter().map(|p| p.unwrap_or(0)).sum();
        let hi = points.iter().map(|p| p.unwrap_or(4)).sum();
        Some((lo, hi))
    }

    /// When the CAPD total (valid, 0–32) is impossible with the answered items: the totals
    /// they allow (product decision 12). Reverse scoring is applied.
    pub fn contradicts(&self, total: Option<u8>) -> Option<(u8, u8)> {
        contradiction(total, 32, self.range())
    }

    /// The fields of the answered (valid) items.
    pub fn entered(&self) -> alloc::vec::Vec<Field> {
        self.answers()
            .into_iter()
            .zip(self.points())
            .filter(|(_, p)| p.is_some())
            .map(|((f, _), _)| f)
            .collect()
    }

    /// The fields of the unanswered (or invalid) items.
    pub fn missing(&self) -> alloc::vec::Vec<Field> {
        self.answers()
            .into_iter()
            .zip(self.points())
            .filter(|(_, p)| p.is_none())
            .map(|((f, _), _)| f)
            .collect()
    }
}

/// IEC-HS grade, selected by the clinician with the descriptors shown (Hines 2023).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum IecHsGrade {
    /// Grade 1: asymptomatic or mild.
    Grade1,
    /// Grade 2: mild-moderate, requires intervention.
    Grade2,
    /// Grade 3: severe.
    Grade3,
    /// Grade 4: life-threatening.
    Grade4,
    /// Grade 5: death.
    Grade5,
}

impl IecHsGrade {
    /// The record keys of the options, in order (their serde names).
    pub const KEYS: &'static [&'static str] = &["grade1", "grade2", "grade3", "grade4", "grade5"];
}

/// How HLH-2004 criterion 1 (fever) is decided: Henter 2007 gives no number (decision 4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FeverRule {
    /// The clinician confirms fever (default).
    #[default]
    ClinicianConfirmed,
    /// Temperature ≥ 38.5 °C (Jordan 2011 operationalisation).
    AtLeast38_5,
}

impl FeverRule {
    /// The record keys of the options, in order (their serde names).
    pub const KEYS: &'static [&'static str] = &["clinician_confirmed", "at_least38_5"];
}

/// Settings that change how rules read the patient; every one is shown to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Settings {
    /// HLH-2004 fever criterion.
    pub hlh_fever_rule: FeverRule,
    /// Children younger than this many years are graded for ICANS with CAPD, not ICE
    /// (clinical spec §4.3; default 12).
    pub capd_below_age_years: u8,
    /// The clinician's answer to "adult or child (younger than `capd_below_age_years`)?",
    /// used for the ICANS tool only while the age is unknown (an entered age always wins).
    pub icans_age_group: Option<IcansAgeGroup>,
}

/// Whether a patient of unknown age is graded for ICANS as an adult (ICE) or as a child
/// (CAPD), as the clinician answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum IcansAgeGroup {
    /// At least `capd_below_age_years` old: ICE.
    Adult,
    /// Younger than `capd_below_age_years`: CAPD.
    Child,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            hlh_fever_rule: FeverRule::ClinicianConfirmed,
            capd_below_age_years: 12,
            icans_age_group: None,
        }
    }
}

/// Every input of every score. All optional: `None` is "not known", never "normal".
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
#[allow(missing_docs)] // each field is documented by its `Field` label
pub struct Patient {
    pub settings: Settings,
    // Demographics
    pub age: Option<Age>,
    pub weight: Option<Weight>,
    pub height: Option<Height>,
    pub developmental_delay: Option<bool>,
    // CRS
    pub temperature: Option<Temperature>,
    pub fever_masking_therapy: Option<bool>,
    pub hypotension: Option<bool>,
    pub vasopressors: Option<u8>,
    pub vasopressin: Option<bool>,
    pub high_dose_vasopressor: Option<bool>,
    pub vasopressor_hours: Option<u16>,
    pub fluid_boluses: Option<u8>,
    pub oxygen_device: Option<OxygenDevice>,
    pub oxygen_flow: Option<OxygenFlow>,
    pub fio2: Option<Fio2>,
    pub crs_death: Option<bool>,
    // ICANS
    pub ice_items: IceItems,
    pub ice_total: Option<u8>,
    pub consciousness: Option<Consciousness>,
    pub seizure: Option<Seizure>,
    pub motor_weakness: Option<bool>,
    pub cerebral_edema: Option<CerebralEdema>,
    pub capd_total: Option<u8>,
    pub capd_items: CapdItems,
    pub icans_death: Option<bool>,
    // Laboratory
    pub ferritin: Option<Ferritin>,
    pub ferritin_uln: Option<Ferritin>,
    pub ferritin_baseline: Option<Ferritin>,
    pub triglycerides: Option<Triglycerides>,
    pub triglycerides_fasting: Option<bool>,
    pub fibrinogen: Option<Fibrinogen>,
    pub fibrinogen_lln: Option<Fibrinogen>,
    pub fibrinogen_baseline: Option<Fibrinogen>,
    pub haemoglobin: Option<Haemoglobin>,
    pub haemoglobin_lln: Option<Haemoglobin>,
    pub leukocytes: Option<Leukocytes>,
    pub leukocytes_lln: Option<Leukocytes>,
    pub neutrophils: Option<Neutrophils>,
    pub neutrophils_lln: Option<Neutrophils>,
    pub platelets: Option<Platelets>,
    pub platelets_lln: Option<Platelets>,
    pub ast: Option<Ast>,
    pub ast_uln: Option<Ast>,
    pub ast_baseline: Option<Ast>,
    pub alt: Option<Alt>,
    pub alt_uln: Option<Alt>,
    pub alt_baseline: Option<Alt>,
    pub bilirubin: Option<Bilirubin>,
    pub bilirubin_uln: Option<Bilirubin>,
    pub bilirubin_baseline: Option<Bilirubin>,
    pub ldh: Option<Ldh>,
    pub crp: Option<Crp>,
    pub creatinine: Option<Creatinine>,
    pub creatinine_uln: Option<Creatinine>,
    pub creatinine_baseline: Option<Creatinine>,
    pub scd25: Option<Scd25>,
    // Findings
    pub immunosuppression: Option<bool>,
    pub hepatomegaly: Option<bool>,
    pub splenomegaly: Option<bool>,
    pub marrow_hemophagocytosis: Option<bool>,
    pub tissue_hemophagocytosis: Option<bool>,
    pub nk_activity_low: Option<bool>,
    pub molecular_diagnosis: Option<bool>,
    pub fever_confirmed: Option<bool>,
    // IEC-HS
    pub cytopenias_new_or_worsening: Option<bool>,
    pub iec_hs_timing: Option<bool>,
    pub iec_hs_grade: Option<IecHsGrade>,
    // Organ toxicity for the pre-2019 CRS systems
    pub other_organ_toxicity_grade: Option<u8>,
    pub coagulopathy: Option<bool>,
    pub hospitalised_for_crs: Option<bool>,
}

impl Patient {
    /// Checks the inputs that are not quantities (counts and scores) and their consistency.
    /// Quantities are checked when they are built. Returns every problem, not just the first.
    pub fn validate(&self) -> alloc::vec::Vec<crate::Error> {
        use crate::error::{Error, ErrorKind};
        let mut errors = alloc::vec::Vec::new();
        let mut count = |field: Field, value: Option<u16>| {
            let max = field.count_max().unwrap_or(u16::MAX);
            if let Some(v) = value.filter(|&v| v > max) {
                errors.push(Error::new(
                    field,
                    ErrorKind::CountOutOfRange {
                        value: f64::from(v),
                        min: 0,
                        max: i64::from(max),
                    },
                ));
            }
        };
        let i = &self.ice_items;
        let counts = [
            (Field::IceOrientation, i.orientation),
            (Field::IceNaming, i.naming),
            (Field::IceCommands, i.commands),
            (Field::IceWriting, i.writing),
            (Field::IceAttention, i.attention),
            (Field::IceTotal, self.ice_total),
            (Field::CapdTotal, self.capd_total),
            (Field::Vasopressors, self.vasopressors),
            (Field::FluidBoluses, self.fluid_boluses),
            (
                Field::OtherOrganToxicityGrade,
                self.other_organ_toxicity_grade,
            ),
            (
                Field::CapdBelowAgeYears,
                Some(self.settings.capd_below_age_years),
            ),
        ];
        for (field, value) in counts.into_iter().chain(self.capd_items.answers()) {
            count(field, value.map(u16::from));
        }
        count(Field::VasopressorHours, self.vasopressor_hours);
        // Product decision 12: a total the entered items make impossible is an error naming
        // both, even when only some items are entered.
        let contradictions = [
            (
                Field::IceTotal,
                self.ice_total,
                self.ice_items.contradicts(self.ice_total),
                self.ice_items.entered(),
            ),
            (
                Field::CapdTotal,
                self.capd_total,
                self.capd_items.contradicts(self.capd_total),
                self.capd_items.entered(),
            ),
        ];
        for (field, total, possible, items) in contradictions {
            if let (Some(total), Some((min, max))) = (total, possible) {
                errors.push(Error::new(
                    field,
                    ErrorKind::TotalContradictsItems {
                        total: i64::from(total),
                        min: i64::from(min),
                        max: i64::from(max),
                        items,
                    },
                ));
            }
        }
        errors
    }
}

/// The totals `items` allow, when a valid `total` (at most `max`) lies outside them. A total
/// above `max` is invalid on its own and reported as such, not as a contradiction.
fn contradiction(total: Option<u8>, max: u8, items: Option<(u8, u8)>) -> Option<(u8, u8)> {
    let total = total.filter(|&t| t <= max)?;
    let (lo, hi) = items?;
    (total < lo || total > hi).then_some((lo, hi))
}

impl IceItems {
    /// The total when all five items are entered.
    /// `None` also when an item is above its maximum (such items are reported by
    /// [`Patient::validate`] and never summed).
    pub fn total(&self) -> Option<u8> {
        let items = [
            (self.orientation?, 4),
            (self.naming?, 3),
            (self.commands?, 1),
            (self.writing?, 1),
            (self.attention?, 1),
        ];
        if items.iter().any(|&(v, max)| v > max) {
            return None;
        }
        Some(items.iter().map(|&(v, _)| v).sum())
    }

    /// The items with their fields and maxima, in the order of the ICE.
    fn items(&self) -> [(Field, Option<u8>, u8); 5] {
        [
            (Field::IceOrientation, self.orientation, 4),
            (Field::IceNaming, self.naming, 3),
            (Field::IceCommands, self.commands, 1),
            (Field::IceWriting, self.writing, 1),
            (Field::IceAttention, self.attention, 1),
        ]
    }

    /// When the ICE total (valid, 0–10) is impossible with the entered items, even some of
    /// them: the totals they allow (product decision 12).
    pub fn contradicts(&self, total: Option<u8>) -> Option<(u8, u8)> {
        contradiction(total, 10, self.range())
    }

    /// The fields of the entered (valid) items.
    pub fn entered(&self) -> alloc::vec::Vec<Field> {
        self.items()
            .into_iter()
            .filter(|&(_, v, m)| v.is_some_and(|x| x <= m))
            .map(|(f, ..)| f)
            .collect()
    }

    /// The fields of the items not entered (or invalid).
    pub fn missing(&self) -> alloc::vec::Vec<Field> {
        self.items()
            .into_iter()
            .filter(|&(_, v, m)| v.is_none_or(|x| x > m))
            .map(|(f, ..)| f)
            .collect()
    }

    /// The lowest and highest total reachable given the entered items (`None` if no item is
    /// entered).
    pub fn range(&self) -> Option<(u8, u8)> {
        let items = self.items().map(|(_, v, m)| (v, m));
        if items.iter().all(|&(v, m)| v.filter(|&x| x <= m).is_none()) {
            return None;
        }
        // An item above its maximum is invalid input: treated as not entered.
        let valid = |v: Option<u8>, m: u8| v.filter(|&x| x <= m);
        let lo = items.iter().map(|&(v, m)| valid(v, m).unwrap_or(0)).sum();
        let hi = items.iter().map(|&(v, m)| valid(v, m).unwrap_or(m)).sum();
        Some((lo, hi))
    }
}
