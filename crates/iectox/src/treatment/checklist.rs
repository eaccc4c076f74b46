//! "Sepsis or CRS?": the review's Table 3 and its statements on the differential diagnosis
//! with sepsis, as data, and the infection work-up checklist (clinical spec §11).
//!
//! Source: the review (Mayor-Vázquez 2025), section "Differential diagnosis with sepsis" and
//! Table 3 "Main infectious etiologies in the oncohematological population" (the review's own
//! elaboration), read from the review itself. Two entries the review writes with "or" are kept
//! as two organisms ("*Mycobacterium tuberculosis* or *M. kansasii*", "*Plasmodium falciparum*
//! or *vivax*").
//!
//! There is no rule here and no probability of sepsis: the review states that telling CRS
//! from sepsis clinically is "practically impossible". The list mixes organisms that trigger
//! secondary HLH (EBV, *Leishmania*, *Histoplasma* …) with common causes of bacteraemia; it is
//! shown as the review gives it. The work-up items are what the review asks the clinician to
//! do or consider; the tool records the answers, it never infers them.

use crate::sources::Source;

/// Whether [`TABLE_3`] and [`STATEMENTS`] reproduce the review's Table 3 and text (they do,
/// as read from the review: clinical spec §11).
pub const SEPSIS_OR_CRS_FROM_REVIEW_TABLE_3: bool = true;

/// The source of every item of this module.
pub const SOURCES: &[Source] = &[Source::MayorVazquez2025];

/// A row of Table 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum InfectionGroup {
    /// bacteria.
    Bacteria,
    /// viruses.
    Viruses,
    /// fungi.
    Fungi,
    /// parasites.
    Parasites,
}

/// How an organism is named: a Latin binomial or genus is the same in every language; a
/// common name (virus, disease) is given in the user's language by the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Organism {
    /// A scientific name (italic in print).
    Scientific(&'static str),
    /// A common name, to be rendered per language.
    Common(CommonName),
}

/// The common names in Table 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CommonName {
    /// Epstein–Barr virus.
    Ebv,
    /// Cytomegalovirus.
    Cmv,
    /// influenza.
    Influenza,
    /// various herpesviruses.
    VariousHerpesviruses,
    /// adenovirus.
    Adenovirus,
    /// Parvovirus B19.
    ParvovirusB19,
    /// enterovirus.
    Enterovirus,
    /// Hepatitis A, B or C.
    HepatitisABC,
    /// rubella.
    Rubella,
    /// measles.
    Measles,
    /// mumps.
    Mumps,
    /// Human immunodeficiency virus.
    Hiv,
    /// dengue.
    Dengue,
    /// coronavirus.
    Coronavirus,
}

/// One row of Table 3: a group and the organisms the review lists, in the review's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Table3Row {
    /// The group (row heading).
    pub group: InfectionGroup,
    /// The organisms, in the review's order.
    pub organisms: &'static [Organism],
}

use CommonName as C;
use Organism::{Common, Scientific as S};

/// Table 3 of the review, "Main infectious etiologies in the oncohematological population".
pub const TABLE_3: &[Table3Row] = &[
    Table3Row {
        group: InfectionGroup::Bacteria,
        organisms: &[
            S("Pseudomonas aeruginosa"),
            S("Staphylococcus aureus"),
            S("Campylobacter"),
            S("Fusobacterium"),
            S("Mycoplasma"),
            S("Chlamydia"),
            S("Legionella"),
            S("Streptococcus pneumoniae"),
            S("Salmonella typhi"),
            S("Rickettsia"),
            S("Brucella"),
            S("Ehrlichia"),
            S("Borrelia burgdorferi"),
            S("Mycobacterium tuberculosis"),
            S("Mycobacterium kansasii"),
        ],
    },
    Table3Row {
        group: InfectionGroup::Viruses,
        organisms: &[
            Common(C::Ebv),
            Common(C::Cmv),
            Common(C::Influenza),
            Common(C::VariousHerpesviruses),
            Common(C::Adenovirus),
            Common(C::ParvovirusB19),
            Common(C::Enterovirus),
            Common(C::HepatitisABC),
            Common(C::Rubella),
            Common(C::Measles),
            Common(C::Mumps),
            Common(C::Hiv),
            Common(C::Dengue),
            Common(C::Coronavirus),
        ],
    },
    Table3Row {
        group: InfectionGroup::Fungi,
        organisms: &[
            S("Candida"),
            S("Cryptococcus"),
            S("Pneumocystis"),
            S("Histoplasma"),
            S("Aspergillus"),
            S("Fusarium"),
        ],
    },
    Table3Row {
        group: InfectionGroup::Parasites,
        organisms: &[
            S("Plasmodium falciparum"),
            S("Plasmodium vivax"),
            S("Toxoplasma"),
            S("Babesia"),
            S("Strongyloides"),
            S("Leishmania"),
        ],
    },
];

/// Table 3's second column, "differential elements versus CRS": one cell for every row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DifferentialElement {
    /// Locate the source of infection, guided by cultures and imaging.
    LocateSourceByCulturesAndImaging,
    /// Start empirical antibiotics, especially in neutropenic patients.
    EmpiricalAntibioticsEspeciallyIfNeutropenic,
    /// It is customary to treat the infection and CRS at the same time.
    TreatInfectionAndCrsTogether,
}

/// The differential elements, in the review's order.
pub const DIFFERENTIAL_ELEMENTS: &[DifferentialElement] = &[
    DifferentialElement::LocateSourceByCulturesAndImaging,
    DifferentialElement::EmpiricalAntibioticsEspeciallyIfNeutropenic,
    DifferentialElement::TreatInfectionAndCrsTogether,
];

/// The review's statements in "Differential diagnosis with sepsis". None is a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Statement {
    /// Infections/sepsis affect `low_percent`–`high_percent` % of patients after
    /// immunotherapy, especially in the first days after infusion.
    InfectionIncidence {
        /// Lower bound of the range, in percent.
        low_percent: u8,
        /// Upper bound of the range, in percent.
        high_percent: u8,
    },
    /// CRS and sepsis share signs, symptoms, timing and risk factors; telling them apart
    /// clinically is "practically impossible".
    ClinicallyIndistinguishable,
    /// CRS tends to start slightly earlier.
    CrsStartsSlightlyEarlier,
    /// Cytokine and endothelial biomarker profiles may separate them in the future; not
    /// validated (text only, never a rule).
    BiomarkersNotYetValidated,
    /// Consider the epidemiological context: active haematological neoplasm, neutropenia,
    /// colonisation by multidrug-resistant organisms.
    EpidemiologicalContext,
}

/// The statements, in the review's order.
pub const STATEMENTS: &[Statement] = &[
    Statement::InfectionIncidence {
        low_percent: 10,
        high_percent: 40,
    },
    Statement::ClinicallyIndistinguishable,
    Statement::CrsStartsSlightlyEarlier,
    Statement::BiomarkersNotYetValidated,
    Statement::EpidemiologicalContext,
];

/// An item of the work-up checklist: what the review asks to do or consider. Each is
/// answered by the clinician (yes / no / not known) and saved with the patient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum WorkupItem {
    /// Microbiological samples (cultures) taken.
    CulturesTaken,
    /// Imaging adjusted to the clinical picture done.
    ImagingDone,
    /// Empirical (antipseudomonal) antibiotics started early; the time started is recorded
    /// with it.
    EmpiricalAntibioticsStarted,
    /// Epidemiological context: neutropenia.
    Neutropenia,
    /// Epidemiological context: colonisation by multidrug-resistant organisms.
    MdrColonisation,
}

/// Whether an item is an action taken or a fact about the patient's context.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum WorkupKind {
    /// action.
    Action,
    /// context.
    Context,
}

impl WorkupItem {
    /// Every item, in the order of the review's text.
    pub const ALL: &'static [WorkupItem] = &[
        WorkupItem::CulturesTaken,
        WorkupItem::ImagingDone,
        WorkupItem::EmpiricalAntibioticsStarted,
        WorkupItem::Neutropenia,
        WorkupItem::MdrColonisation,
    ];

    /// A stable key for storage and export.
    pub const fn key(self) -> &'static str {
        match self {
            WorkupItem::CulturesTaken => "cultures_taken",
            WorkupItem::ImagingDone => "imaging_done",
            WorkupItem::EmpiricalAntibioticsStarted => "empirical_antibiotics_started",
            WorkupItem::Neutropenia => "neutropenia",
            WorkupItem::MdrColonisation => "mdr_colonisation",
        }
    }

    /// The item with this [`key`](Self::key).
    pub fn from_key(key: &str) -> Option<WorkupItem> {
        WorkupItem::ALL.iter().copied().find(|i| i.key() == key)
    }

    /// Action taken, or epidemiological context.
    pub const fn kind(self) -> WorkupKind {
        match self {
            WorkupItem::CulturesTaken
            | WorkupItem::ImagingDone
            | WorkupItem::EmpiricalAntibioticsStarted => WorkupKind::Action,
            WorkupItem::Neutropenia | WorkupItem::MdrColonisation => WorkupKind::Context,
        }
    }

    /// Whether the item records a time besides its answer (the antibiotics' start).
    pub const fn has_time(self) -> bool {
        matches!(self, WorkupItem::EmpiricalAntibioticsStarted)
    }
}
