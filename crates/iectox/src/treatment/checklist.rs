//! "Sepsis or CRS?": the checklist page.
//!
//! **Placeholder.** The issue asks for the review's Table 3 (infectious aetiologies and the
//! elements that tell infection from CRS) with the review's timing note. Neither is
//! transcribed in the clinical specification, so this list holds only what the specification
//! supports: the infection work-up (Hines 2023, Table 4; §5.4), the alternative diagnoses that
//! must be considered (§5.1) and the "not attributable to another cause" confirmation every
//! grading system requires (spec, general conventions). [`SEPSIS_OR_CRS_FROM_REVIEW_TABLE_3`]
//! is `false` until Table 3 is transcribed and verified; the interface should say so.

use crate::sources::Source;

/// Whether [`SEPSIS_OR_CRS`] reproduces the review's Table 3 (not yet: see the module docs).
pub const SEPSIS_OR_CRS_FROM_REVIEW_TABLE_3: bool = false;

/// An item of the checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ChecklistId {
    /// Infection work-up done (cultures and the tests local practice requires).
    InfectionWorkupDone,
    /// Infection considered as the cause, or as coexisting with CRS / IEC-HS.
    InfectionConsidered,
    /// Disease progression considered.
    DiseaseProgressionConsidered,
    /// Primary (familial) HLH considered.
    PrimaryHlhConsidered,
    /// The clinician confirms the findings are not attributable to another cause (the tool
    /// cannot infer this).
    NotAttributableToAnotherCause,
}

/// One checklist item and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChecklistItem {
    /// The item.
    pub id: ChecklistId,
    /// Sources.
    pub sources: &'static [Source],
}

/// The checklist (placeholder; see the module docs).
pub const SEPSIS_OR_CRS: &[ChecklistItem] = &[
    ChecklistItem {
        id: ChecklistId::InfectionWorkupDone,
        sources: &[Source::Hines2023],
    },
    ChecklistItem {
        id: ChecklistId::InfectionConsidered,
        sources: &[Source::Hines2023],
    },
    ChecklistItem {
        id: ChecklistId::DiseaseProgressionConsidered,
        sources: &[Source::Hines2023],
    },
    ChecklistItem {
        id: ChecklistId::PrimaryHlhConsidered,
        sources: &[Source::Hines2023],
    },
    ChecklistItem {
        id: ChecklistId::NotAttributableToAnotherCause,
        sources: &[Source::Lee2019, Source::Hines2023],
    },
];
