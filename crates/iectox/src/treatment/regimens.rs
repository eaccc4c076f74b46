//! The review's CRS algorithm (by ASTCT grade 1–4), its refractory-CRS options and its IEC-HS
//! treatment section, as data (clinical spec §9, §5.4, §10 and product decision 8).
//!
//! Each [`Step`] says what (drug, route, regimen), when ([`Trigger`]), towards what
//! ([`Target`]), how far it is checked ([`Verification`]), and where it comes from
//! ([`Source`], [`Guideline`], errata numbers of [`crate::sources::ERRATA`]). The interface
//! translates the enums; the only English in the data is the short `note` of a step.
//!
//! Doses are the **corrected** ones (§10: methylprednisolone 1000 mg/day × 3 days, ruxolitinib
//! 0.3 mg/kg/day ≈ 10 mg q12h for 70 kg, anakinra 2 mg/kg capped at 100 mg/dose, etoposide per
//! dose repeatable after 4–7 days, Ru-DEP studied in refractory/relapsed HLH of mixed causes).
//! The review's wording survives only in [`Verification::Corrected`] for display as errata.
//!
//! What the clinical spec does not carry is not invented: where the review states something
//! the spec does not transcribe (vasopressor and oxygen targets, the refractory options' doses
//! and the review's level of evidence for them, the IEC-HS corticosteroid regimen), the step
//! is present without numbers and says so ([`ReviewEvidence::NotTranscribed`], `note`).
//!
//! Where a step sits within a grade (e.g. thiamine at grades 3–4, the methylprednisolone pulse
//! at grade 4) follows ASTCT severity and the spec's §9 rows; the spec does not give the
//! review's exact placement for every step.

use alloc::vec::Vec;

use super::dose::{compute, DoseError, DoseResult, DoseRule, Schedule};
use super::population::Population;
use crate::patient::Patient;
use crate::sources::Source;
use crate::units::{
    round_to, Fibrinogen, Haemoglobin, Height, Neutrophils, Platelets, Quantity, Unit, Weight,
};

/// What a step is. The same id may appear in several lists (tocilizumab at each CRS grade)
/// with different triggers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum StepId {
    /// Supportive care, as the review describes it (its details are not transcribed in the
    /// clinical specification).
    SupportiveCare,
    /// Infection work-up.
    InfectionWorkup,
    /// Empirical broad-spectrum antibiotics.
    EmpiricalAntibiotics,
    /// Tocilizumab.
    Tocilizumab,
    /// A single dexamethasone dose given with tocilizumab when the ICANS risk is high.
    DexamethasoneWithTocilizumab,
    /// Dexamethasone at the grade's regimen.
    Dexamethasone,
    /// Dexamethasone escalation when refractory.
    DexamethasoneEscalation,
    /// Notify the ICU.
    NotifyIcu,
    /// Transfer to / manage in the ICU.
    IcuTransfer,
    /// Vasopressor support.
    VasopressorSupport,
    /// Oxygen / ventilatory support.
    OxygenSupport,
    /// Fluids to a blood-pressure target, with caution (capillary leak, ARDS).
    Fluids,
    /// Methylprednisolone pulse and taper (corrected: 1000 mg/day × 3 days).
    MethylprednisolonePulse,
    /// The ASCO 2021 alternative methylprednisolone regimen (500 mg q12h × 3 days).
    MethylprednisoloneAscoAlternative,
    /// Anakinra, weight-based (CRS).
    Anakinra,
    /// Thiamine.
    Thiamine,
    /// Go to the refractory-CRS options ([`CRS_REFRACTORY`]).
    RefractoryOptions,
    /// Siltuximab.
    Siltuximab,
    /// Ruxolitinib.
    Ruxolitinib,
    /// Emapalumab.
    Emapalumab,
    /// Etanercept.
    Etanercept,
    /// Dasatinib.
    Dasatinib,
    /// Cyclophosphamide.
    Cyclophosphamide,
    /// Extracorporeal therapies, as the review lists them (which ones is not transcribed in the
    /// clinical specification).
    ExtracorporealTherapy,
    /// Anakinra, low dose (IEC-HS).
    AnakinraLowDose,
    /// Anakinra, high dose (IEC-HS).
    AnakinraHighDose,
    /// Corticosteroids (IEC-HS).
    Corticosteroids,
    /// Reassess the response at 48 hours.
    Reassess48h,
    /// Etoposide.
    Etoposide,
    /// Intrathecal cytarabine (IEC-HS with neurotoxicity).
    IntrathecalCytarabine,
    /// Intrathecal hydrocortisone, with cytarabine.
    IntrathecalHydrocortisone,
    /// Ru-DEP (ruxolitinib + liposomal doxorubicin + etoposide + methylprednisolone).
    RuDep,
    /// Cryoprecipitate or fibrinogen concentrate to a fibrinogen target.
    FibrinogenReplacement,
    /// Red-cell transfusion to a haemoglobin target.
    RedCellTransfusion,
    /// Platelet transfusion to a platelet target.
    PlateletTransfusion,
    /// G-CSF.
    GCsf,
    /// Vitamin K.
    VitaminK,
    /// Fresh frozen plasma.
    FreshFrozenPlasma,
    /// The daily monitoring panel ([`IEC_HS_MONITORING`]).
    DailyMonitoring,
}

/// A drug or blood product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Drug {
    /// Tocilizumab (anti-IL-6 receptor).
    Tocilizumab,
    /// Dexamethasone.
    Dexamethasone,
    /// Methylprednisolone.
    Methylprednisolone,
    /// Anakinra (IL-1 receptor antagonist).
    Anakinra,
    /// Thiamine.
    Thiamine,
    /// Siltuximab (anti-IL-6).
    Siltuximab,
    /// Ruxolitinib (JAK1/2 inhibitor).
    Ruxolitinib,
    /// Emapalumab (anti-IFN-γ).
    Emapalumab,
    /// Etanercept (anti-TNF).
    Etanercept,
    /// Dasatinib.
    Dasatinib,
    /// Cyclophosphamide.
    Cyclophosphamide,
    /// Etoposide.
    Etoposide,
    /// Cytarabine.
    Cytarabine,
    /// Hydrocortisone.
    Hydrocortisone,
    /// Liposomal doxorubicin.
    LiposomalDoxorubicin,
    /// Cryoprecipitate or fibrinogen concentrate.
    CryoprecipitateOrFibrinogenConcentrate,
    /// Packed red cells.
    RedCells,
    /// Platelet concentrate.
    PlateletConcentrate,
    /// Granulocyte colony-stimulating factor.
    GCsf,
    /// Vitamin K.
    VitaminK,
    /// Fresh frozen plasma.
    FreshFrozenPlasma,
}

impl Drug {
    /// The international (English) name, for the CLI and summaries; the interface may
    /// translate it.
    pub const fn name(self) -> &'static str {
        match self {
            Drug::Tocilizumab => "tocilizumab",
            Drug::Dexamethasone => "dexamethasone",
            Drug::Methylprednisolone => "methylprednisolone",
            Drug::Anakinra => "anakinra",
            Drug::Thiamine => "thiamine",
            Drug::Siltuximab => "siltuximab",
            Drug::Ruxolitinib => "ruxolitinib",
            Drug::Emapalumab => "emapalumab",
            Drug::Etanercept => "etanercept",
            Drug::Dasatinib => "dasatinib",
            Drug::Cyclophosphamide => "cyclophosphamide",
            Drug::Etoposide => "etoposide",
            Drug::Cytarabine => "cytarabine",
            Drug::Hydrocortisone => "hydrocortisone",
            Drug::LiposomalDoxorubicin => "liposomal doxorubicin",
            Drug::CryoprecipitateOrFibrinogenConcentrate => {
                "cryoprecipitate or fibrinogen concentrate"
            }
            Drug::RedCells => "red cells",
            Drug::PlateletConcentrate => "platelets",
            Drug::GCsf => "G-CSF",
            Drug::VitaminK => "vitamin K",
            Drug::FreshFrozenPlasma => "fresh frozen plasma",
        }
    }
}

/// Route of administration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Route {
    /// Intravenous.
    Iv,
    /// Subcutaneous.
    Sc,
    /// Intravenous or subcutaneous (sources disagree; see the step's note).
    IvOrSc,
    /// Oral.
    Oral,
    /// Intrathecal.
    Intrathecal,
}

/// How long a phase lasts, or on which days it is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", content = "value", rename_all = "snake_case")
)]
pub enum Days {
    /// For `min`–`max` days (equal for a fixed duration).
    For {
        /// Fewest days.
        min: u8,
        /// Most days.
        max: u8,
    },
    /// On these days of the regimen (day 1 = first day).
    On(&'static [u8]),
    /// Until the toxicity grade is at most this value.
    UntilGradeAtMost(u8),
}

/// Whether a phase's dose is computed for a child (clinical spec §9.1): only where a weight
/// or BSA rule is documented for children.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ChildDosing {
    /// The same rule is documented for children (anakinra 2 mg/kg q6h capped, etoposide per
    /// m²): computed.
    SameRule,
    /// Children have a rule of their own, computed for them instead of the phase's adult rule
    /// (tocilizumab: 12 mg/kg under 30 kg, 8 mg/kg from 30 kg, §9.1).
    OwnRule(DoseRule),
    /// An adult fixed dose: "adult dose — for children use your paediatric protocol".
    AdultFixedDose,
    /// Children are dosed by weight bands not verified here (ruxolitinib): not computed.
    WeightBandsNotComputed,
    /// No paediatric rule in the sources: not computed for a child.
    NotDocumented,
}

/// One part of a regimen: a dose for a duration, or a taper.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Phase {
    /// The drug when it differs from the step's (the components of Ru-DEP).
    pub drug: Option<Drug>,
    /// Route, when stated.
    pub route: Option<Route>,
    /// The dose; `None` for a taper whose doses are not stated.
    pub dose: Option<DoseRule>,
    /// Duration or days, when stated.
    pub days: Option<Days>,
    /// Whether this phase is a taper.
    pub taper: bool,
    /// Whether the dose is computed for a child.
    pub child: ChildDosing,
}

/// When a step applies. `AnyOf` lists alternatives.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", content = "value", rename_all = "snake_case")
)]
pub enum Trigger {
    /// At this grade, for every patient.
    Always,
    /// To be considered (clinician's judgement).
    Consider,
    /// Considered but controversial in the source (G-CSF in IEC-HS).
    Controversial,
    /// Any of these.
    AnyOf(&'static [Trigger]),
    /// Fever lasting longer than this many hours.
    FeverLongerThanHours(u16),
    /// A patient at high risk of severe CRS.
    HighRiskPatient,
    /// No improvement after this many hours.
    NoImprovementAfterHours(u16),
    /// No improvement with the previous step.
    NoImprovement,
    /// High risk of ICANS (given together with tocilizumab).
    HighIcansRisk,
    /// Refractory to the previous steps.
    Refractory,
    /// No response at this many hours of first-line therapy.
    NoResponseAfterHours(u16),
    /// With neurotoxicity (ICANS / HLH-associated neurotoxicity).
    Icans,
    /// With bleeding or coagulopathy.
    BleedingOrCoagulopathy,
    /// When a value is below the step's target (see the step's [`Target`]s and their
    /// context, e.g. fibrinogen < 100 mg/dL without bleeding).
    BelowTarget,
    /// INR above this value.
    InrAbove(f64),
    /// Every day.
    Daily,
    /// The regimen was studied in refractory/relapsed HLH of mixed causes after HLH-94 /
    /// HLH-2004 failure, **not** in IEC-HS (erratum 23): any use in IEC-HS is off-evidence.
    StudiedInRefractoryRelapsedHlhOfMixedCauses,
}

/// A measured value to reach or keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Analyte {
    /// Plasma fibrinogen.
    Fibrinogen,
    /// Haemoglobin.
    Haemoglobin,
    /// Platelet count.
    Platelets,
    /// Absolute neutrophil count.
    Anc,
    /// International normalised ratio (no unit).
    Inr,
    /// Peripheral oxygen saturation (%), a bedside target, not a patient input.
    SpO2,
    /// Systolic blood pressure (mmHg), a bedside target, not a patient input.
    Sbp,
    /// Diastolic blood pressure (mmHg), a bedside target, not a patient input.
    Dbp,
    /// Mean arterial pressure (mmHg), a bedside threshold, not a patient input.
    Map,
}

impl Analyte {
    /// The unit symbol of an analyte that has no [`Unit`] among the patient's inputs (blood
    /// pressures, in mmHg as the review states them).
    pub const fn fixed_unit_symbol(self) -> Option<&'static str> {
        match self {
            Analyte::Sbp | Analyte::Dbp | Analyte::Map => Some("mmHg"),
            _ => None,
        }
    }
}

/// The comparison of a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Relation {
    /// Strictly above (`>`).
    Above,
    /// At least (`≥`).
    AtLeast,
    /// Strictly below (`<`): a threshold that starts the step (e.g. MAP < 65 mmHg →
    /// vasopressors), with [`TargetContext::StartWhen`].
    Below,
}

/// When a target applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TargetContext {
    /// Always.
    Always,
    /// Without bleeding.
    WithoutBleeding,
    /// With bleeding.
    WithBleeding,
    /// With bleeding or coagulopathy.
    WithBleedingOrCoagulopathy,
    /// Not a value to keep: the step starts when the value is as stated.
    StartWhen,
}

/// A value to keep, e.g. fibrinogen > 100 mg/dL without bleeding.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Target {
    /// What is measured.
    pub analyte: Analyte,
    /// `>` or `≥`.
    pub relation: Relation,
    /// The value, in `unit`.
    pub value: f64,
    /// The unit as published (`None` for INR, and for blood pressures: see
    /// [`Analyte::fixed_unit_symbol`]).
    pub unit: Option<Unit>,
    /// When it applies.
    pub when: TargetContext,
}

/// A patient's value against a [`Target`], in the unit the patient's value was entered in.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TargetCheck {
    /// The patient's value, as entered.
    pub value: f64,
    /// Its unit.
    pub unit: Unit,
    /// The target converted to that unit.
    pub target_in_unit: f64,
    /// Whether the value meets the target (compared in the target's published unit).
    pub met: bool,
}

impl Target {
    /// The patient's current value against this target, when the patient has one (INR, SpO₂
    /// and blood pressures are not inputs: `None`).
    pub fn check(&self, p: &Patient) -> Option<TargetCheck> {
        fn of<Q: Quantity>(q: Option<Q>, t: &Target) -> Option<TargetCheck> {
            let q = q?;
            let unit = t.unit?;
            // Compare in the published unit; rounding to 6 decimals removes conversion noise
            // (1.0 g/L is exactly 100 mg/dL) without moving a real boundary.
            let in_target_unit = round_to(q.in_unit(unit)?, 6);
            let target_in_unit = Q::from_canonical(Q::to_canonical(t.value, unit), q.unit());
            let met = match t.relation {
                Relation::Above => in_target_unit > t.value,
                Relation::AtLeast => in_target_unit >= t.value,
                Relation::Below => in_target_unit < t.value,
            };
            Some(TargetCheck {
                value: q.value(),
                unit: q.unit(),
                target_in_unit: round_to(target_in_unit, 6),
                met,
            })
        }
        match self.analyte {
            Analyte::Fibrinogen => of::<Fibrinogen>(p.fibrinogen, self),
            Analyte::Haemoglobin => of::<Haemoglobin>(p.haemoglobin, self),
            Analyte::Platelets => of::<Platelets>(p.platelets, self),
            Analyte::Anc => of::<Neutrophils>(p.neutrophils, self),
            Analyte::Inr | Analyte::SpO2 | Analyte::Sbp | Analyte::Dbp | Analyte::Map => None,
        }
    }
}

/// How far a step was checked against guidance (clinical spec §9 verdicts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum Verification {
    /// Matches the guidance found (§9 verdict "Correct", or a verified primary table).
    Verified,
    /// The review's choice where guidelines differ (§9: "acceptable local choice", "within
    /// range"); the note names the range.
    ReviewChoiceGuidelinesDiffer,
    /// "As stated in the review, not verified against a guideline" (decision 8).
    AsStatedInReviewNotVerified,
    /// The review's figure was wrong and the corrected one is implemented; `review_said` is
    /// the review's wording, for display as errata only.
    Corrected {
        /// What the review says (never implemented).
        review_said: &'static str,
    },
}

/// The level of evidence as the review states it (asked for the refractory-CRS options).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", content = "value", rename_all = "snake_case")
)]
pub enum ReviewEvidence {
    /// The review gives no level of evidence for this step.
    NotStated,
    /// The review states a level, but the clinical specification does not transcribe it:
    /// show "level of evidence: see the review" rather than a guess.
    NotTranscribed,
    /// The level as the review states it.
    AsStated(&'static str),
}

/// A guideline or paper that is not in [`Source`]; steps citing one also cite
/// [`Source::MayorVazquez2025`] (the review, or the spec's tables reached through it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Guideline {
    /// ASCO 2021 guideline on CAR-T toxicities (Santomasso, J Clin Oncol 2021), via secondary
    /// tables.
    Asco2021,
    /// EBMT/JACIE/EHA 2021 recommendations (Hayden, Ann Oncol 2022), via secondary tables.
    Ebmt2022,
    /// NCCN guidelines on management of immunotherapy-related toxicities.
    Nccn,
    /// Tocilizumab rules as tabulated in Exp Hematol Oncol (s40164-020-00171-5, table 2).
    TocilizumabGuidanceTable,
    /// Paediatric anakinra dosing (2 mg/kg q6h, max 100 mg/dose).
    PaediatricAnakinraDosing,
    /// Gazeau 2023: anakinra dose categories (PMC10330552).
    Gazeau2023,
    /// Wang 2021 (Br J Haematol; NCT03533790): Ru-DEP in refractory/relapsed HLH.
    Wang2021RuDep,
    /// Schroeder 2024, to which the review attributes the thiamine regimen (not reached).
    Schroeder2024,
    /// La Rosée 2019: adult HLH recommendations (etoposide 50–100 mg/m² weekly).
    LaRosee2019,
    /// Tocilizumab product label for CRS: 12 mg/kg under 30 kg, 8 mg/kg from 30 kg, max
    /// 800 mg/dose.
    TocilizumabLabel,
    /// Mahadeo KM, et al. Management guidelines for paediatric patients receiving CAR T-cell
    /// therapy. Nat Rev Clin Oncol 2019;16:45-63.
    Mahadeo2019,
}

impl Guideline {
    /// A short reference.
    pub const fn reference(self) -> &'static str {
        match self {
            Guideline::Asco2021 => "Santomasso BD, et al. ASCO guideline on CAR T-cell toxicities. J Clin Oncol 2021.",
            Guideline::Ebmt2022 => "Hayden PJ, et al. EBMT/JACIE/EHA best practice recommendations on CAR T cells. Ann Oncol 2022.",
            Guideline::Nccn => "NCCN Guidelines: Management of Immunotherapy-Related Toxicities.",
            Guideline::TocilizumabGuidanceTable => "Tocilizumab rules, Exp Hematol Oncol, doi:10.1186/s40164-020-00171-5, table 2.",
            Guideline::PaediatricAnakinraDosing => "Paediatric anakinra dosing table (2 mg/kg q6h, max 100 mg/dose), Blood (ASH).",
            Guideline::Gazeau2023 => "Gazeau N, et al. Anakinra for CAR-T toxicities, Transplant Cell Ther 2023 (PMC10330552).",
            Guideline::Wang2021RuDep => "Wang J, et al. Ruxolitinib plus DEP for refractory/relapsed HLH. Br J Haematol 2021 (NCT03533790).",
            Guideline::Schroeder2024 => "Schroeder 2024, as cited by the review (not reached).",
            Guideline::LaRosee2019 => "La Rosée P, et al. Recommendations for the management of HLH in adults. Blood 2019.",
            Guideline::TocilizumabLabel => "Tocilizumab (Actemra) prescribing information, cytokine release syndrome: 12 mg/kg < 30 kg, 8 mg/kg ≥ 30 kg, max 800 mg.",
            Guideline::Mahadeo2019 => "Mahadeo KM, et al. Management guidelines for paediatric patients receiving CAR T-cell therapy. Nat Rev Clin Oncol 2019;16:45-63.",
        }
    }
}

/// One step of a treatment algorithm.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Step {
    /// What the step is.
    pub id: StepId,
    /// The drug or product, if any.
    pub drug: Option<Drug>,
    /// The regimen, phase by phase (empty when the step has no dose, or the spec gives none).
    pub regimen: &'static [Phase],
    /// When the step applies.
    pub trigger: Trigger,
    /// Values to reach or keep.
    pub targets: &'static [Target],
    /// How far it was checked.
    pub verification: Verification,
    /// The level of evidence as the review states it.
    pub review_evidence: ReviewEvidence,
    /// Sources in [`Source`].
    pub sources: &'static [Source],
    /// Guidelines not in [`Source`] (named here, cited with [`Source::MayorVazquez2025`]).
    pub guidelines: &'static [Guideline],
    /// Numbers of the related entries in [`crate::sources::ERRATA`].
    pub errata: &'static [u8],
    /// A short English note the interface shows as is.
    pub note: Option<&'static str>,
    /// The same note in Spanish, written beside the English so that an edited note cannot
    /// silently lose its translation (a test checks every note has both).
    pub note_es: Option<&'static str>,
    /// Whether the note quotes adult doses: then it is not shown for a child or an
    /// undecided population ([`Step::note_for`]).
    pub note_quotes_adult_doses: bool,
}

impl Step {
    /// The step's first dose rule, if any.
    pub fn dose(&self) -> Option<DoseRule> {
        self.regimen.iter().find_map(|p| p.dose)
    }

    /// The Spanish note for this population (same rule as [`Step::note_for`]).
    pub fn note_es_for(&self, population: Population) -> Option<&'static str> {
        self.note_for(population).and(self.note_es)
    }

    /// The note to show for this population: a note quoting adult doses is shown to adults only.
    pub fn note_for(&self, population: Population) -> Option<&'static str> {
        match population {
            Population::Adult => self.note,
            _ if self.note_quotes_adult_doses => None,
            _ => self.note,
        }
    }
}

// ----- builders (const) ---------------------------------------------------------------------

const fn step(id: StepId, trigger: Trigger, verification: Verification) -> Step {
    Step {
        id,
        drug: None,
        regimen: &[],
        trigger,
        targets: &[],
        verification,
        review_evidence: ReviewEvidence::NotStated,
        sources: &[Source::MayorVazquez2025],
        guidelines: &[],
        errata: &[],
        note: None,
        note_es: None,
        note_quotes_adult_doses: false,
    }
}

/// A phase; its dose is not computed for a child unless marked [`ChildDosing::SameRule`]
/// (see [`child_rule`]).
const fn phase(route: Option<Route>, dose: DoseRule, days: Option<Days>) -> Phase {
    Phase {
        drug: None,
        route,
        dose: Some(dose),
        days,
        taper: false,
        child: if dose.is_fixed() {
            ChildDosing::AdultFixedDose
        } else {
            ChildDosing::NotDocumented
        },
    }
}

/// A phase whose rule is documented for children too (§9.1).
const fn child_rule(phase: Phase) -> Phase {
    Phase {
        child: ChildDosing::SameRule,
        ..phase
    }
}

const fn fixed(mg: f64, schedule: Schedule) -> DoseRule {
    DoseRule::Fixed { mg, schedule }
}

const fn q(hours: u16) -> Schedule {
    Schedule::Every {
        hours_min: hours,
        hours_max: hours,
    }
}

const fn days(n: u8) -> Option<Days> {
    Some(Days::For { min: n, max: n })
}

const NOT_VERIFIED: Verification = Verification::AsStatedInReviewNotVerified;
const REVIEW: &[Source] = &[Source::MayorVazquez2025];

// ----- shared steps -------------------------------------------------------------------------

/// Tocilizumab IV over 1 h for adults: 8 mg/kg, max 800 mg/dose; repeat ≥ 8 h apart if no
/// improvement, ≤ 3 doses in 24 h, ≤ 4 in all (binding product decision 8; verified, §9).
///
/// FLAG: the product label gives 12 mg/kg under 30 kg without an age limit; the clinical
/// specification adds that band for children only (§9: "add paediatric < 30 kg dose"; §9.1),
/// so an adult under 30 kg gets 8 mg/kg here and the step's note names the label's dose.
pub const TOCILIZUMAB_DOSE: DoseRule = DoseRule::PerKg {
    mg_per_kg: 8.0,
    cap_mg: Some(800.0),
    schedule: TOCILIZUMAB_SCHEDULE,
};

const TOCILIZUMAB_SCHEDULE: Schedule = Schedule::AsNeeded {
    min_interval_h: 8,
    max_per_24h: 3,
    max_total: 4,
};

/// Tocilizumab for children (§9.1): 12 mg/kg under 30 kg, 8 mg/kg from 30 kg, max 800 mg/dose
/// (product label for CRS; Mahadeo 2019), on the adult schedule.
pub const TOCILIZUMAB_CHILD_DOSE: DoseRule = DoseRule::PerKgByWeightBand {
    below_kg: 30.0,
    mg_per_kg_below: 12.0,
    mg_per_kg: 8.0,
    cap_mg: Some(800.0),
    schedule: TOCILIZUMAB_SCHEDULE,
};

/// Anakinra for CRS, corrected (erratum 25): 2 mg/kg q6h capped at 100 mg/dose (400 mg/day).
pub const ANAKINRA_CRS_DOSE: DoseRule = DoseRule::PerKg {
    mg_per_kg: 2.0,
    cap_mg: Some(100.0),
    schedule: q(6),
};

/// Ruxolitinib, corrected (erratum 22): 0.3 mg/kg/day in 2 doses (70 kg: 21 mg/day,
/// 10.5 mg/dose, ≈ 10 mg q12h).
pub const RUXOLITINIB_DOSE: DoseRule = DoseRule::PerKgPerDay {
    mg_per_kg_day: 0.3,
    doses_per_day: 2,
    cap_per_dose_mg: None,
    practical_step_mg: Some(2.5),
};

/// Etoposide, clarified (erratum 27): 75–100 mg/m² per dose, repeatable after 4–7 days.
pub const ETOPOSIDE_DOSE: DoseRule = DoseRule::PerM2 {
    mg_per_m2_low: 75.0,
    mg_per_m2_high: 100.0,
    schedule: Schedule::RepeatAfterDays { min: 4, max: 7 },
};

const TOCILIZUMAB_REGIMEN: &[Phase] = &[Phase {
    child: ChildDosing::OwnRule(TOCILIZUMAB_CHILD_DOSE),
    ..phase(Some(Route::Iv), TOCILIZUMAB_DOSE, None)
}];
const TOCILIZUMAB_NOTE_ES: &str = "IV en 1 h; repetir con ≥ 8 h de separación si no mejora; ≤ 3 dosis/24 h, ≤ 4 en total. Niños de menos de 30 kg: 12 mg/kg (ficha técnica; Mahadeo 2019). Adultos: 8 mg/kg con cualquier peso; la ficha técnica da 12 mg/kg por debajo de 30 kg también a adultos: compruebe su protocolo.";
const TOCILIZUMAB_NOTE: &str = "IV over 1 h; repeat ≥ 8 h apart if no improvement; ≤ 3 doses/24 h, ≤ 4 in all. Children under 30 kg: 12 mg/kg (product label; Mahadeo 2019). Adults: 8 mg/kg at any weight; the label gives 12 mg/kg under 30 kg to adults too: check your protocol.";

const fn tocilizumab(trigger: Trigger) -> Step {
    Step {
        drug: Some(Drug::Tocilizumab),
        regimen: TOCILIZUMAB_REGIMEN,
        sources: &[Source::MayorVazquez2025, Source::Neelapu2018],
        guidelines: &[
            Guideline::TocilizumabGuidanceTable,
            Guideline::Asco2021,
            Guideline::TocilizumabLabel,
            Guideline::Mahadeo2019,
        ],
        note: Some(TOCILIZUMAB_NOTE),
        note_es: Some(TOCILIZUMAB_NOTE_ES),
        ..step(StepId::Tocilizumab, trigger, Verification::Verified)
    }
}

const INFECTION_WORKUP: Step = step(StepId::InfectionWorkup, Trigger::Always, NOT_VERIFIED);

/// Empirical antibiotics: antipseudomonal, started early (§11, §13: the review).
const EMPIRICAL_ANTIBIOTICS: Step = Step {
    note: Some("Empirical antipseudomonal antibiotics, started early (the review)."),
    note_es: Some("Antibióticos empíricos antipseudomónicos, de inicio precoz (la revisión)."),
    ..step(
        StepId::EmpiricalAntibiotics,
        Trigger::Consider,
        NOT_VERIFIED,
    )
};

const SUPPORTIVE_CARE: Step = step(StepId::SupportiveCare, Trigger::Always, NOT_VERIFIED);

/// Grade 1's supportive care as the review states it (§13).
const SUPPORTIVE_CARE_GRADE_1: Step = Step {
    note: Some("On the haematology ward: antipyretics and fluids; continue the product's prophylaxis (the review)."),
    note_es: Some("En la planta de hematología: antipiréticos y fluidos; mantener la profilaxis del producto (la revisión)."),
    ..SUPPORTIVE_CARE
};

// The review's management targets per CRS grade (clinical spec §13), as stated in the
// review's text ("Treatment", CRS): not verified against a guideline.

/// SpO₂ > 90 % (the review, grades 2 and 3).
pub const SPO2_TARGET: Target = Target {
    analyte: Analyte::SpO2,
    relation: Relation::Above,
    value: 90.0,
    unit: Some(Unit::Percent),
    when: TargetContext::Always,
};

/// SBP > 90 mmHg and DBP > 60 mmHg with fluids (the review, grade 2).
pub const BLOOD_PRESSURE_TARGETS: &[Target] = &[
    Target {
        analyte: Analyte::Sbp,
        relation: Relation::Above,
        value: 90.0,
        unit: None,
        when: TargetContext::Always,
    },
    Target {
        analyte: Analyte::Dbp,
        relation: Relation::Above,
        value: 60.0,
        unit: None,
        when: TargetContext::Always,
    },
];

/// MAP < 65 mmHg → start vasopressors (the review, grade 3).
pub const MAP_VASOPRESSOR_THRESHOLD: Target = Target {
    analyte: Analyte::Map,
    relation: Relation::Below,
    value: 65.0,
    unit: None,
    when: TargetContext::StartWhen,
};

const FLUIDS: Step = Step {
    targets: BLOOD_PRESSURE_TARGETS,
    note: Some("With caution (capillary leak, ARDS); haemodynamic monitoring."),

    note_es: Some("Con precaución (fuga capilar, SDRA); monitorización hemodinámica."),
    ..step(StepId::Fluids, Trigger::Always, NOT_VERIFIED)
};

const VASOPRESSORS: Step = Step {
    targets: &[MAP_VASOPRESSOR_THRESHOLD],
    ..step(StepId::VasopressorSupport, Trigger::Always, NOT_VERIFIED)
};

const VASOPRESSORS_INTENSIFY: Step = Step {
    note: Some("Intensify vasoactive support."),

    note_es: Some("Intensificar el soporte vasoactivo."),
    ..step(StepId::VasopressorSupport, Trigger::Always, NOT_VERIFIED)
};

const OXYGEN_LOW_FLOW: Step = Step {
    targets: &[SPO2_TARGET],
    note: Some("Low-flow oxygen."),

    note_es: Some("Oxígeno de bajo flujo."),
    ..step(StepId::OxygenSupport, Trigger::Always, NOT_VERIFIED)
};

const OXYGEN_HIGH_FLOW_OR_NIV: Step = Step {
    targets: &[SPO2_TARGET],
    note: Some("High-flow oxygen and/or non-invasive ventilation."),

    note_es: Some("Oxígeno de alto flujo y/o ventilación no invasiva."),
    ..step(StepId::OxygenSupport, Trigger::Always, NOT_VERIFIED)
};

const OXYGEN_INTENSIFY: Step = Step {
    note: Some("Intensify respiratory support."),

    note_es: Some("Intensificar el soporte respiratorio."),
    ..step(StepId::OxygenSupport, Trigger::Always, NOT_VERIFIED)
};

const ICU_TRANSFER: Step = step(StepId::IcuTransfer, Trigger::Always, NOT_VERIFIED);

const ANAKINRA_CRS: Step = Step {
    drug: Some(Drug::Anakinra),
    regimen: &[child_rule(phase(Some(Route::IvOrSc), ANAKINRA_CRS_DOSE, None))],
    sources: REVIEW,
    guidelines: &[Guideline::PaediatricAnakinraDosing, Guideline::Gazeau2023],
    errata: &[25],
    note: Some("2 mg/kg q6h is the paediatric IV schedule (review: s.c.); adult practice often uses fixed doses (100 mg q6–12h)."),

    note_es: Some("2 mg/kg cada 6 h es la pauta IV pediátrica (revisión: s.c.); en adultos se usan a menudo dosis fijas (100 mg cada 6–12 h)."),
    note_quotes_adult_doses: true,
    ..step(
        StepId::Anakinra,
        Trigger::Refractory,
        Verification::Corrected {
            review_said: "8 mg/kg/day in 4 doses s.c., no cap",
        },
    )
};

const THIAMINE: Step = Step {
    drug: Some(Drug::Thiamine),
    regimen: &[
        phase(Some(Route::Iv), fixed(500.0, q(8)), days(3)),
        phase(None, fixed(500.0, q(24)), None),
    ],
    guidelines: &[Guideline::Schroeder2024],
    note: Some("500 mg IV q8h for 72 h, then 500 mg/day; the review lists it for refractory grade 3 CRS."),
    note_es: Some("500 mg IV cada 8 h durante 72 h, luego 500 mg/día; la revisión lo indica en el SLC de grado 3 refractario."),
    note_quotes_adult_doses: true,
    ..step(StepId::Thiamine, Trigger::Refractory, NOT_VERIFIED)
};

const REFRACTORY_OPTIONS: Step = step(StepId::RefractoryOptions, Trigger::Refractory, NOT_VERIFIED);

// ----- CRS by grade -------------------------------------------------------------------------

/// CRS grade 1 (fever only).
pub const CRS_GRADE_1: &[Step] = &[
    SUPPORTIVE_CARE_GRADE_1,
    INFECTION_WORKUP,
    EMPIRICAL_ANTIBIOTICS,
    Step {
        verification: Verification::ReviewChoiceGuidelinesDiffer,
        guidelines: &[
            Guideline::TocilizumabGuidanceTable,
            Guideline::Asco2021,
            Guideline::Ebmt2022,
            Guideline::TocilizumabLabel,
            Guideline::Mahadeo2019,
        ],
        note: Some("Dose verified. Triggers are the review's local choice: CARTOX/ASCO wait for fever persisting > 3 days, EBMT 2022 treats earlier."),

        note_es: Some("Dosis verificada. Los criterios de inicio son una elección local de la revisión: CARTOX/ASCO esperan a fiebre persistente > 3 días, EBMT 2022 trata antes."),
        ..tocilizumab(Trigger::AnyOf(&[
            Trigger::FeverLongerThanHours(24),
            Trigger::HighRiskPatient,
            Trigger::NoImprovementAfterHours(72),
        ]))
    },
    Step {
        drug: Some(Drug::Dexamethasone),
        regimen: &[phase(Some(Route::Iv), fixed(10.0, Schedule::Once), None)],
        note: Some("Single dose with tocilizumab."),

        note_es: Some("Dosis única junto con tocilizumab."),
        ..step(
            StepId::DexamethasoneWithTocilizumab,
            Trigger::HighIcansRisk,
            NOT_VERIFIED,
        )
    },
];

/// CRS grade 2 (hypotension without vasopressors and/or low-flow oxygen).
pub const CRS_GRADE_2: &[Step] = &[
    SUPPORTIVE_CARE,
    INFECTION_WORKUP,
    EMPIRICAL_ANTIBIOTICS,
    OXYGEN_LOW_FLOW,
    FLUIDS,
    tocilizumab(Trigger::Always),
    Step {
        drug: Some(Drug::Dexamethasone),
        regimen: &[phase(
            Some(Route::Iv),
            fixed(
                10.0,
                Schedule::Every {
                    hours_min: 6,
                    hours_max: 8,
                },
            ),
            None,
        )],
        guidelines: &[Guideline::Asco2021, Guideline::Nccn],
        note: Some("Within the guideline range: q6h (CARTOX/ASCO, refractory hypotension) to q12–24h (NCCN)."),

        note_es: Some("Dentro del rango de las guías: cada 6 h (CARTOX/ASCO, hipotensión refractaria) a cada 12–24 h (NCCN)."),
        ..step(
            StepId::Dexamethasone,
            Trigger::NoImprovement,
            Verification::ReviewChoiceGuidelinesDiffer,
        )
    },
    step(StepId::NotifyIcu, Trigger::Always, NOT_VERIFIED),
];

/// CRS grade 3 (one vasopressor and/or high-flow oxygen, facemask, non-rebreather, Venturi).
pub const CRS_GRADE_3: &[Step] = &[
    ICU_TRANSFER,
    VASOPRESSORS,
    OXYGEN_HIGH_FLOW_OR_NIV,
    INFECTION_WORKUP,
    EMPIRICAL_ANTIBIOTICS,
    tocilizumab(Trigger::Always),
    Step {
        drug: Some(Drug::Dexamethasone),
        // "for 1–3 days and/or until CRS is grade 1" (§13).
        regimen: &[phase(
            Some(Route::Iv),
            fixed(10.0, q(6)),
            Some(Days::For { min: 1, max: 3 }),
        )],
        guidelines: &[Guideline::Asco2021],
        note: Some("If not started yet; for 1–3 days and/or until CRS is grade 1 (the review)."),
        note_es: Some("Si no se ha iniciado; durante 1–3 días y/o hasta que el SLC sea de grado 1 (la revisión)."),
        ..step(
            StepId::Dexamethasone,
            Trigger::Always,
            Verification::Verified,
        )
    },
    Step {
        drug: Some(Drug::Dexamethasone),
        regimen: &[phase(
            Some(Route::Iv),
            fixed(20.0, q(6)),
            Some(Days::For { min: 1, max: 3 }),
        )],
        guidelines: &[Guideline::Ebmt2022],
        ..step(
            StepId::DexamethasoneEscalation,
            Trigger::Refractory,
            Verification::Verified,
        )
    },
    ANAKINRA_CRS,
    THIAMINE,
    REFRACTORY_OPTIONS,
];

/// Methylprednisolone pulse, corrected (erratum 24): 1000 mg/day × 3 days, then 250 mg q12h
/// × 2 days, 125 mg q12h × 2 days, 60 mg q12h × 2 days.
pub const METHYLPREDNISOLONE_PULSE: &[Phase] = &[
    phase(Some(Route::Iv), fixed(1000.0, q(24)), days(3)),
    Phase {
        taper: true,
        ..phase(Some(Route::Iv), fixed(250.0, q(12)), days(2))
    },
    Phase {
        taper: true,
        ..phase(Some(Route::Iv), fixed(125.0, q(12)), days(2))
    },
    Phase {
        taper: true,
        ..phase(Some(Route::Iv), fixed(60.0, q(12)), days(2))
    },
];

/// CRS grade 4 (several vasopressors and/or positive-pressure ventilation).
pub const CRS_GRADE_4: &[Step] = &[
    ICU_TRANSFER,
    VASOPRESSORS_INTENSIFY,
    OXYGEN_INTENSIFY,
    INFECTION_WORKUP,
    EMPIRICAL_ANTIBIOTICS,
    tocilizumab(Trigger::Always),
    Step {
        drug: Some(Drug::Dexamethasone),
        regimen: &[
            phase(Some(Route::Iv), fixed(20.0, q(6)), days(3)),
            Phase {
                drug: None,
                route: Some(Route::Iv),
                dose: None,
                days: Some(Days::For { min: 3, max: 7 }),
                taper: true,
                child: ChildDosing::AdultFixedDose,
            },
        ],
        guidelines: &[Guideline::Ebmt2022],
        ..step(
            StepId::Dexamethasone,
            Trigger::Always,
            Verification::Verified,
        )
    },
    Step {
        drug: Some(Drug::Methylprednisolone),
        regimen: METHYLPREDNISOLONE_PULSE,
        guidelines: &[Guideline::Asco2021],
        errata: &[24],
        ..step(
            StepId::MethylprednisolonePulse,
            Trigger::Refractory,
            Verification::Corrected {
                review_said: "1000 mg/24 h for 2 days",
            },
        )
    },
    Step {
        drug: Some(Drug::Methylprednisolone),
        regimen: &[
            phase(Some(Route::Iv), fixed(500.0, q(12)), days(3)),
            Phase {
                taper: true,
                ..phase(Some(Route::Iv), fixed(250.0, q(12)), days(2))
            },
            Phase {
                taper: true,
                ..phase(Some(Route::Iv), fixed(125.0, q(12)), days(2))
            },
            Phase {
                taper: true,
                ..phase(
                    Some(Route::Iv),
                    fixed(60.0, q(12)),
                    Some(Days::UntilGradeAtMost(1)),
                )
            },
        ],
        guidelines: &[Guideline::Asco2021],
        note: Some("ASCO 2021 alternative; if no improvement, 1000 mg twice daily."),

        note_es: Some("Alternativa de ASCO 2021; si no mejora, 1000 mg dos veces al día."),
        note_quotes_adult_doses: true,
        ..step(
            StepId::MethylprednisoloneAscoAlternative,
            Trigger::Refractory,
            Verification::Verified,
        )
    },
    ANAKINRA_CRS,
    THIAMINE,
    REFRACTORY_OPTIONS,
];

/// The steps for an ASTCT CRS grade 1–4; empty for 0 (no CRS) and 5 (death) and any other
/// number.
pub fn crs_steps(grade: u8) -> &'static [Step] {
    match grade {
        1 => CRS_GRADE_1,
        2 => CRS_GRADE_2,
        3 => CRS_GRADE_3,
        4 => CRS_GRADE_4,
        _ => &[],
    }
}

// ----- refractory CRS -----------------------------------------------------------------------

const REFRACTORY_NOTE_ES: &str =
    "Sin dosis en la especificación clínica; la revisión no da nivel de evidencia por opción.";
const REFRACTORY_NOTE: &str =
    "No dose in the clinical specification; the review gives no level of evidence per option.";

const fn refractory(id: StepId, drug: Option<Drug>) -> Step {
    Step {
        drug,
        review_evidence: ReviewEvidence::NotTranscribed,
        note: Some(REFRACTORY_NOTE),
        note_es: Some(REFRACTORY_NOTE_ES),
        ..step(id, Trigger::Refractory, NOT_VERIFIED)
    }
}

/// Options for CRS refractory to tocilizumab and corticosteroids, as the review lists them
/// (clinical spec §13): anakinra first — the same step as in grades 3–4, with its corrected,
/// capped dose (erratum 25) — then options of which none has a dose in the clinical
/// specification, and whose level of evidence in the review is not transcribed there
/// ([`ReviewEvidence::NotTranscribed`]); the review's statements on the list as a whole are
/// [`CRS_REFRACTORY_STATEMENTS`].
pub const CRS_REFRACTORY: &[Step] = &[
    ANAKINRA_CRS,
    refractory(StepId::Siltuximab, Some(Drug::Siltuximab)),
    refractory(StepId::Ruxolitinib, Some(Drug::Ruxolitinib)),
    refractory(StepId::Emapalumab, Some(Drug::Emapalumab)),
    refractory(StepId::Etanercept, Some(Drug::Etanercept)),
    Step {
        note: Some("CAR-T blockade, reversible. No dose in the clinical specification."),

        note_es: Some("Bloqueo de las CAR-T, reversible. Sin dosis en la especificación clínica."),
        ..refractory(StepId::Dasatinib, Some(Drug::Dasatinib))
    },
    Step {
        note: Some("CAR-T blockade, irreversible. No dose in the clinical specification."),

        note_es: Some(
            "Bloqueo de las CAR-T, irreversible. Sin dosis en la especificación clínica.",
        ),
        ..refractory(StepId::Cyclophosphamide, Some(Drug::Cyclophosphamide))
    },
    Step {
        note: Some("Hemofiltration, hemadsorption, plasma exchange."),

        note_es: Some("Hemofiltración, hemoadsorción, recambio plasmático."),
        ..refractory(StepId::ExtracorporealTherapy, None)
    },
];

/// What the review says about refractory CRS as a whole (clinical spec §13), shown with
/// [`CRS_REFRACTORY`]; as stated in the review, not verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RefractoryStatement {
    /// The evidence is limited, and publication bias is possible.
    EvidenceLimitedPublicationBiasPossible,
    /// Anakinra IV rather than subcutaneous when the patient is oedematous.
    AnakinraIvWhenOedematous,
    /// Rule out infection, IEC-HS and disease progression.
    RuleOutInfectionIecHsProgression,
}

/// The review's statements on refractory CRS, in its order.
pub const CRS_REFRACTORY_STATEMENTS: &[RefractoryStatement] = &[
    RefractoryStatement::EvidenceLimitedPublicationBiasPossible,
    RefractoryStatement::AnakinraIvWhenOedematous,
    RefractoryStatement::RuleOutInfectionIecHsProgression,
];

// ----- IEC-HS -------------------------------------------------------------------------------

const HINES: &[Source] = &[Source::Hines2023];

/// IEC-HS treatment: anakinra (low or high dose) ± corticosteroids; reassessment at 48 h and
/// switch (ruxolitinib, corrected dose; etoposide per dose by BSA); intrathecal therapy with
/// neurotoxicity; emapalumab; Ru-DEP (with its real indication); supportive care to the Hines
/// Table 4 targets; the daily monitoring panel ([`IEC_HS_MONITORING`]).
pub const IEC_HS_STEPS: &[Step] = &[
    Step {
        drug: Some(Drug::Anakinra),
        regimen: &[phase(
            Some(Route::Sc),
            DoseRule::PerDay {
                mg_low: 100.0,
                mg_high: 200.0,
            },
            None,
        )],
        guidelines: &[Guideline::Gazeau2023],
        note: Some("Low dose: 100–200 mg/day s.c."),

        note_es: Some("Dosis baja: 100–200 mg/día s.c."),
        note_quotes_adult_doses: true,
        ..step(StepId::AnakinraLowDose, Trigger::Consider, Verification::Verified)
    },
    Step {
        drug: Some(Drug::Anakinra),
        regimen: &[phase(
            Some(Route::Iv),
            DoseRule::FixedRange {
                mg_low: 100.0,
                mg_high: 200.0,
                schedule: Schedule::Every {
                    hours_min: 6,
                    hours_max: 12,
                },
            },
            None,
        )],
        guidelines: &[Guideline::Gazeau2023],
        note: Some("High dose: > 200 mg/day IV (100–200 mg q6–12h)."),

        note_es: Some("Dosis alta: > 200 mg/día IV (100–200 mg cada 6–12 h)."),
        note_quotes_adult_doses: true,
        ..step(StepId::AnakinraHighDose, Trigger::Consider, Verification::Verified)
    },
    Step {
        note: Some("Corticosteroid regimen for IEC-HS not given in the clinical specification."),

        note_es: Some("La especificación clínica no da la pauta de corticoides para el IEC-HS."),
        ..step(StepId::Corticosteroids, Trigger::Consider, NOT_VERIFIED)
    },
    step(StepId::Reassess48h, Trigger::NoResponseAfterHours(48), NOT_VERIFIED),
    Step {
        drug: Some(Drug::Ruxolitinib),
        regimen: &[Phase {
            child: ChildDosing::WeightBandsNotComputed,
            ..phase(Some(Route::Oral), RUXOLITINIB_DOSE, None)
        }],
        errata: &[22],
        note: Some("0.3 mg/kg/day in 2 doses (≈ 10 mg q12h for 70 kg). Paediatric HLH studies use weight bands (2.5 / 5 / 10 mg twice daily)."),

        note_es: Some("0,3 mg/kg/día en 2 dosis (≈ 10 mg cada 12 h para 70 kg). Los estudios pediátricos de HLH usan tramos de peso (2,5 / 5 / 10 mg dos veces al día)."),
        note_quotes_adult_doses: true,
        ..step(
            StepId::Ruxolitinib,
            Trigger::NoResponseAfterHours(48),
            Verification::Corrected {
                review_said: "10 mg/kg/12 h for 70 kg",
            },
        )
    },
    Step {
        drug: Some(Drug::Etoposide),
        regimen: &[child_rule(phase(Some(Route::Iv), ETOPOSIDE_DOSE, None))],
        sources: &[Source::Neelapu2018, Source::MayorVazquez2025],
        guidelines: &[Guideline::Asco2021, Guideline::LaRosee2019],
        errata: &[27],
        note: Some("Per dose, repeatable after 4–7 days if no response at 48 h (recalled). Adult HLH: 50–100 mg/m² weekly; HLH-94: 150 mg/m²."),

        note_es: Some("Por dosis, repetible a los 4–7 días si no hay respuesta a las 48 h (recordado). HLH del adulto: 50–100 mg/m² semanal; HLH-94: 150 mg/m²."),
        ..step(
            StepId::Etoposide,
            Trigger::NoResponseAfterHours(48),
            Verification::Corrected {
                review_said: "75–100 mg/m²/4–7 days",
            },
        )
    },
    Step {
        drug: Some(Drug::Cytarabine),
        regimen: &[phase(
            Some(Route::Intrathecal),
            fixed(100.0, Schedule::Once),
            None,
        )],
        sources: &[Source::Neelapu2018, Source::MayorVazquez2025],
        note: Some("Guidance seen says only \"consider intrathecal cytarabine (± hydrocortisone)\"; the dose is the review's, unverified."),

        note_es: Some("Las guías consultadas solo dicen «considerar citarabina intratecal (± hidrocortisona)»; la dosis es la de la revisión, no verificada."),
        ..step(StepId::IntrathecalCytarabine, Trigger::Icans, NOT_VERIFIED)
    },
    Step {
        drug: Some(Drug::Hydrocortisone),
        regimen: &[phase(
            Some(Route::Intrathecal),
            DoseRule::FixedRange {
                mg_low: 50.0,
                mg_high: 100.0,
                schedule: Schedule::Once,
            },
            None,
        )],
        sources: &[Source::Neelapu2018, Source::MayorVazquez2025],
        note: Some("Optional, with intrathecal cytarabine; dose unverified."),

        note_es: Some("Opcional, con citarabina intratecal; dosis no verificada."),
        ..step(StepId::IntrathecalHydrocortisone, Trigger::Icans, NOT_VERIFIED)
    },
    Step {
        drug: Some(Drug::Emapalumab),
        note: Some("No dose in the clinical specification."),

        note_es: Some("Sin dosis en la especificación clínica."),
        ..step(StepId::Emapalumab, Trigger::Refractory, NOT_VERIFIED)
    },
    Step {
        drug: None,
        regimen: &[
            Phase {
                drug: Some(Drug::Ruxolitinib),
                route: Some(Route::Oral),
                dose: Some(RUXOLITINIB_DOSE),
                days: Some(Days::For { min: 5, max: 5 }),
                taper: false,
                child: ChildDosing::WeightBandsNotComputed,
            },
            Phase {
                drug: Some(Drug::LiposomalDoxorubicin),
                route: Some(Route::Iv),
                dose: Some(DoseRule::PerM2 {
                    mg_per_m2_low: 25.0,
                    mg_per_m2_high: 25.0,
                    schedule: Schedule::Once,
                }),
                days: Some(Days::On(&[1])),
                taper: false,
                child: ChildDosing::NotDocumented,
            },
            Phase {
                drug: Some(Drug::Etoposide),
                route: Some(Route::Iv),
                dose: Some(DoseRule::PerM2 {
                    mg_per_m2_low: 100.0,
                    mg_per_m2_high: 100.0,
                    schedule: Schedule::Once,
                }),
                days: Some(Days::On(&[1])),
                taper: false,
                child: ChildDosing::NotDocumented,
            },
            Phase {
                drug: Some(Drug::Methylprednisolone),
                route: Some(Route::Iv),
                dose: Some(DoseRule::PerKgPerDay {
                    mg_per_kg_day: 2.0,
                    doses_per_day: 1,
                    cap_per_dose_mg: None,
                    practical_step_mg: None,
                }),
                days: Some(Days::On(&[1, 5])),
                taper: false,
                child: ChildDosing::NotDocumented,
            },
        ],
        guidelines: &[Guideline::Wang2021RuDep],
        errata: &[23],
        note: Some("Studied in refractory/relapsed HLH of mixed causes (Wang 2021), not in IEC-HS. Schedule as stated in the review, unverified (methylprednisolone on days 1 and 5 to be checked; split of the ruxolitinib dose not stated)."),

        note_es: Some("Estudiado en HLH refractaria/recidivante de causas mixtas (Wang 2021), no en IEC-HS. Pauta según la revisión, no verificada (metilprednisolona los días 1 y 5 por comprobar; no se indica el reparto de la dosis de ruxolitinib)."),
        ..step(
            StepId::RuDep,
            Trigger::StudiedInRefractoryRelapsedHlhOfMixedCauses,
            NOT_VERIFIED,
        )
    },
    Step {
        drug: Some(Drug::CryoprecipitateOrFibrinogenConcentrate),
        targets: &[
            Target {
                analyte: Analyte::Fibrinogen,
                relation: Relation::Above,
                value: 100.0,
                unit: Some(Unit::MgPerDl),
                when: TargetContext::WithoutBleeding,
            },
            Target {
                analyte: Analyte::Fibrinogen,
                relation: Relation::Above,
                value: 150.0,
                unit: Some(Unit::MgPerDl),
                when: TargetContext::WithBleeding,
            },
        ],
        sources: HINES,
        note: Some("Replacement targets, not the diagnostic fibrinogen threshold."),

        note_es: Some("Objetivos de reposición, no el umbral diagnóstico de fibrinógeno."),
        ..step(
            StepId::FibrinogenReplacement,
            Trigger::BelowTarget,
            Verification::Verified,
        )
    },
    Step {
        drug: Some(Drug::RedCells),
        targets: &[Target {
            analyte: Analyte::Haemoglobin,
            relation: Relation::AtLeast,
            value: 7.0,
            unit: Some(Unit::GPerDl),
            when: TargetContext::Always,
        }],
        sources: HINES,
        ..step(
            StepId::RedCellTransfusion,
            Trigger::BelowTarget,
            Verification::Verified,
        )
    },
    Step {
        drug: Some(Drug::PlateletConcentrate),
        targets: &[Target {
            analyte: Analyte::Platelets,
            relation: Relation::AtLeast,
            value: 50.0,
            unit: Some(Unit::E9PerL),
            when: TargetContext::WithBleedingOrCoagulopathy,
        }],
        sources: HINES,
        ..step(
            StepId::PlateletTransfusion,
            Trigger::BleedingOrCoagulopathy,
            Verification::Verified,
        )
    },
    Step {
        drug: Some(Drug::GCsf),
        targets: &[Target {
            analyte: Analyte::Anc,
            relation: Relation::AtLeast,
            value: 500.0,
            unit: Some(Unit::PerUl),
            when: TargetContext::Always,
        }],
        sources: HINES,
        note: Some("\"Remains controversial\" (Hines Table 4)."),

        note_es: Some("«Sigue siendo controvertido» (Hines, tabla 4)."),
        ..step(StepId::GCsf, Trigger::Controversial, Verification::Verified)
    },
    Step {
        drug: Some(Drug::VitaminK),
        sources: HINES,
        ..step(StepId::VitaminK, Trigger::InrAbove(1.5), Verification::Verified)
    },
    Step {
        drug: Some(Drug::FreshFrozenPlasma),
        sources: HINES,
        note: Some("In addition to cryoprecipitate."),

        note_es: Some("Además del crioprecipitado."),
        ..step(
            StepId::FreshFrozenPlasma,
            Trigger::InrAbove(2.0),
            Verification::Verified,
        )
    },
    Step {
        sources: HINES,
        ..step(StepId::DailyMonitoring, Trigger::Daily, Verification::Verified)
    },
];

// ----- monitoring ---------------------------------------------------------------------------

/// A test of the IEC-HS monitoring panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum LabTest {
    /// Complete blood count with differential.
    CbcWithDifferential,
    /// PT and PTT.
    PtPtt,
    /// Fibrinogen.
    Fibrinogen,
    /// Renal function.
    RenalFunction,
    /// Hepatic function.
    HepaticFunction,
    /// Infection work-up.
    InfectionWorkup,
    /// Soluble CD25 (sIL-2R).
    SolubleCd25,
    /// NK-cell function.
    NkCellFunction,
    /// Triglycerides.
    Triglycerides,
    /// Interferon-γ.
    Ifng,
    /// CXCL9.
    Cxcl9,
    /// CXCL10.
    Cxcl10,
    /// IL-10.
    Il10,
    /// IL-18.
    Il18,
}

/// How often a monitoring test is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Frequency {
    /// Every day.
    Daily,
    /// Once, as part of the work-up.
    AtWorkup,
    /// To be considered.
    Consider,
}

/// One test of the monitoring panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Monitoring {
    /// The test.
    pub test: LabTest,
    /// How often.
    pub frequency: Frequency,
}

const fn mon(test: LabTest, frequency: Frequency) -> Monitoring {
    Monitoring { test, frequency }
}

/// The IEC-HS monitoring panel (Hines 2023, Table 4; clinical spec §5.4): daily CBC with
/// differential, PT/PTT, fibrinogen, renal and hepatic function; infection work-up; consider
/// sCD25, NK-cell function, triglycerides, IFN-γ, CXCL9, CXCL10, IL-10, IL-18.
pub const IEC_HS_MONITORING: &[Monitoring] = &[
    mon(LabTest::CbcWithDifferential, Frequency::Daily),
    mon(LabTest::PtPtt, Frequency::Daily),
    mon(LabTest::Fibrinogen, Frequency::Daily),
    mon(LabTest::RenalFunction, Frequency::Daily),
    mon(LabTest::HepaticFunction, Frequency::Daily),
    mon(LabTest::InfectionWorkup, Frequency::AtWorkup),
    mon(LabTest::SolubleCd25, Frequency::Consider),
    mon(LabTest::NkCellFunction, Frequency::Consider),
    mon(LabTest::Triglycerides, Frequency::Consider),
    mon(LabTest::Ifng, Frequency::Consider),
    mon(LabTest::Cxcl9, Frequency::Consider),
    mon(LabTest::Cxcl10, Frequency::Consider),
    mon(LabTest::Il10, Frequency::Consider),
    mon(LabTest::Il18, Frequency::Consider),
];

// ----- lists and plans ----------------------------------------------------------------------

/// A treatment page: one list of steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", content = "grade", rename_all = "snake_case")
)]
pub enum Regimen {
    /// CRS of this ASTCT grade (1–4).
    CrsGrade(u8),
    /// Refractory CRS.
    CrsRefractory,
    /// IEC-HS.
    IecHs,
}

impl Regimen {
    /// Every page, in display order.
    pub const ALL: &'static [Regimen] = &[
        Regimen::CrsGrade(1),
        Regimen::CrsGrade(2),
        Regimen::CrsGrade(3),
        Regimen::CrsGrade(4),
        Regimen::CrsRefractory,
        Regimen::IecHs,
    ];

    /// The review's statements on the regimen as a whole ([`CRS_REFRACTORY_STATEMENTS`] for
    /// refractory CRS; none for the others).
    pub fn statements(self) -> &'static [RefractoryStatement] {
        match self {
            Regimen::CrsRefractory => CRS_REFRACTORY_STATEMENTS,
            _ => &[],
        }
    }

    /// The page's steps (empty for a CRS grade outside 1–4).
    pub fn steps(self) -> &'static [Step] {
        match self {
            Regimen::CrsGrade(g) => crs_steps(g),
            Regimen::CrsRefractory => CRS_REFRACTORY,
            Regimen::IecHs => IEC_HS_STEPS,
        }
    }
}

/// What a dose plan needs of the patient: weight, height, and adult or child
/// ([`super::population::population`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DosingPatient {
    /// Dosing weight.
    pub weight: Option<Weight>,
    /// Height (for BSA).
    pub height: Option<Height>,
    /// Adult, child or undecided.
    pub population: Population,
}

/// A step with its doses worked out for one patient.
///
/// Serialised (the CLI's and the JS API's dose plans) as `{step, doses, note}`, where `step` is
/// the step as this population may see it: for a child or an undecided population, the
/// adult-only numbers are left out (§9.1: an adult fixed dose is not "shown as a number") —
/// the notes that quote adult doses are `null`, and so is each phase's `dose` that is not
/// computed for them (a child's own rule takes the adult rule's place).
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedStep {
    /// The step.
    pub step: &'static Step,
    /// One entry per phase of `step.regimen`: `None` for a phase without a dose (a taper),
    /// otherwise the dose or why it cannot be computed (for a child: why it is not).
    pub doses: Vec<Option<Result<DoseResult, DoseError>>>,
    /// The step's note for this population ([`Step::note_for`]).
    pub note: Option<&'static str>,
    /// Whom the plan is for.
    pub population: Population,
}

impl Phase {
    /// The rule this population's dose follows, as far as it may be shown: the adult rule for
    /// an adult; for a child the rule documented for children, if any; for an undecided
    /// population only a rule that is the same for both.
    pub fn dose_for(&self, population: Population) -> Option<DoseRule> {
        match (population, self.child) {
            (Population::Adult, _) | (_, ChildDosing::SameRule) => self.dose,
            (Population::Child, ChildDosing::OwnRule(child)) => Some(child),
            _ => None,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for PlannedStep {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("PlannedStep", 3)?;
        out.serialize_field("step", &shown::StepShown::of(self.step, self.population))?;
        out.serialize_field("doses", &self.doses)?;
        out.serialize_field("note", &self.note)?;
        out.end()
    }
}

/// A step as one population may see it (the serialised form of [`PlannedStep::step`]).
#[cfg(feature = "serde")]
mod shown {
    use alloc::vec::Vec;

    use super::{
        ChildDosing, Days, DoseRule, Drug, Guideline, Phase, Population, ReviewEvidence, Route,
        Source, Step, StepId, Target, Trigger, Verification,
    };

    #[derive(serde::Serialize)]
    pub(super) struct StepShown {
        id: StepId,
        drug: Option<Drug>,
        regimen: Vec<PhaseShown>,
        trigger: Trigger,
        targets: &'static [Target],
        verification: VerificationShown,
        review_evidence: ReviewEvidence,
        sources: &'static [Source],
        guidelines: &'static [Guideline],
        errata: &'static [u8],
        note: Option<&'static str>,
        note_es: Option<&'static str>,
        note_quotes_adult_doses: bool,
    }

    #[derive(serde::Serialize)]
    struct PhaseShown {
        drug: Option<Drug>,
        route: Option<Route>,
        dose: Option<DoseRule>,
        days: Option<Days>,
        taper: bool,
        child: ChildDosing,
    }

    /// The verification, where a corrected step's `review_said` (the review's wrong figure,
    /// an adult dose) is `null` for a child or an undecided population: the erratum's number
    /// in `errata` still points to it.
    struct VerificationShown {
        verification: Verification,
        review_said_shown: bool,
    }

    impl serde::Serialize for VerificationShown {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStruct;
            match self.verification {
                Verification::Corrected { .. } if !self.review_said_shown => {
                    let mut out = serializer.serialize_struct("Verification", 2)?;
                    out.serialize_field("kind", "corrected")?;
                    out.serialize_field("review_said", &None::<&str>)?;
                    out.end()
                }
                v => v.serialize(serializer),
            }
        }
    }

    impl StepShown {
        pub(super) fn of(step: &'static Step, population: Population) -> StepShown {
            StepShown {
                id: step.id,
                drug: step.drug,
                regimen: step
                    .regimen
                    .iter()
                    .map(|p: &Phase| PhaseShown {
                        drug: p.drug,
                        route: p.route,
                        dose: p.dose_for(population),
                        days: p.days,
                        taper: p.taper,
                        child: p.child,
                    })
                    .collect(),
                trigger: step.trigger,
                targets: step.targets,
                verification: VerificationShown {
                    verification: step.verification,
                    review_said_shown: population == Population::Adult,
                },
                review_evidence: step.review_evidence,
                sources: step.sources,
                guidelines: step.guidelines,
                errata: step.errata,
                note: step.note_for(population),
                note_es: step.note_es_for(population),
                note_quotes_adult_doses: step.note_quotes_adult_doses,
            }
        }
    }
}

/// Works out one phase's dose for this patient: for a child (or an undecided population) only
/// the rules documented for children are computed (clinical spec §9.1). A child's own rule
/// ([`ChildDosing::OwnRule`]) is computed for an undecided population too when it gives the
/// same dose as the adult rule (tocilizumab from 30 kg); otherwise the question comes first.
pub fn phase_dose(phase: &Phase, patient: &DosingPatient) -> Option<Result<DoseResult, DoseError>> {
    let rule = phase.dose?;
    let computed = |rule| compute(rule, patient.weight, patient.height);
    Some(match (patient.population, phase.child) {
        (Population::Adult, _) | (_, ChildDosing::SameRule) => computed(rule),
        (Population::Child, ChildDosing::OwnRule(child)) => computed(child),
        (Population::Undecided, ChildDosing::OwnRule(child)) => match computed(rule) {
            Ok(adult) if computed(child).is_ok_and(|c| c.per_dose == adult.per_dose) => Ok(adult),
            Ok(_) => Err(DoseError::AskAdultOrChild),
            Err(e) => Err(e),
        },
        (Population::Undecided, _) => Err(DoseError::AskAdultOrChild),
        (Population::Child, ChildDosing::AdultFixedDose) => Err(DoseError::AdultDoseForChild),
        (Population::Child, ChildDosing::WeightBandsNotComputed) => {
            Err(DoseError::ChildWeightBandsNotComputed)
        }
        (Population::Child, ChildDosing::NotDocumented) => Err(DoseError::NoChildRule),
    })
}

/// Works out every dose of a list of steps for one patient.
pub fn plan(steps: &'static [Step], patient: &DosingPatient) -> Vec<PlannedStep> {
    steps
        .iter()
        .map(|step| PlannedStep {
            step,
            doses: step
                .regimen
                .iter()
                .map(|p| phase_dose(p, patient))
                .collect(),
            note: step.note_for(patient.population),
            population: patient.population,
        })
        .collect()
}

impl Regimen {
    /// The regimen's key, as integrators write it: `crs_grade_1` … `crs_grade_4`,
    /// `crs_refractory`, `iec_hs`.
    pub fn key(self) -> &'static str {
        match self {
            Regimen::CrsGrade(1) => "crs_grade_1",
            Regimen::CrsGrade(2) => "crs_grade_2",
            Regimen::CrsGrade(3) => "crs_grade_3",
            Regimen::CrsGrade(4) => "crs_grade_4",
            Regimen::CrsGrade(_) => "crs_grade_other",
            Regimen::CrsRefractory => "crs_refractory",
            Regimen::IecHs => "iec_hs",
        }
    }

    /// Reads a key of [`Regimen::key`]; `None` for anything else.
    pub fn from_key(key: &str) -> Option<Regimen> {
        Regimen::ALL.iter().copied().find(|r| r.key() == key)
    }
}

/// A dose plan for one patient and one regimen: who it is for (adult or child, and why), the
/// BSA used, and every step with its doses — what the app shows, for the CLI and the JS API
/// so that no integrator re-implements the arithmetic.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TreatmentPlan {
    /// The regimen's key ([`Regimen::key`]).
    pub regimen: &'static str,
    /// Adult, child or undecided, and why.
    pub population: super::population::PopulationDecision,
    /// The body-surface area used, m² (rounded as in [`super::dose::bsa_for_dosing`]).
    pub bsa_m2: Option<f64>,
    /// The steps with their doses.
    pub steps: Vec<PlannedStep>,
    /// The review's statements on the regimen as a whole ([`Regimen::statements`]).
    pub statements: &'static [RefractoryStatement],
}

/// The dose plan of `regimen` for `patient` (age, weight, height) and the clinician's
/// "adult or child?" answer when the age is unknown.
pub fn treatment_plan(
    patient: &Patient,
    regimen: Regimen,
    declared: Option<super::population::AgeGroup>,
) -> TreatmentPlan {
    let population = super::population::population(patient.age, patient.weight, declared);
    let dosing = DosingPatient {
        weight: patient.weight,
        height: patient.height,
        population: population.population,
    };
    TreatmentPlan {
        regimen: regimen.key(),
        population,
        bsa_m2: match (patient.weight, patient.height) {
            (Some(w), Some(h)) => Some(super::dose::bsa_for_dosing(w, h)),
            _ => None,
        },
        steps: plan(regimen.steps(), &dosing),
        statements: regimen.statements(),
    }
}
