//! # iectox — scores and grades for immune effector cell toxicities
//!
//! Pure functions that grade and score the toxicities of CAR-T cells and T-cell engagers, each
//! exactly as its primary paper publishes it:
//!
//! | module | rule | source |
//! |---|---|---|
//! | [`scores::hscore`] | HScore for reactive HLH (0–337, cut-off 169) with the published probability table | Fardet 2014 |
//! | [`scores::hlh2004`] | HLH-2004 diagnostic criteria (molecular path or ≥ 5 of 8) | Henter 2007 |
//! | [`scores::crs`] | ASTCT consensus CRS grade (0–5) | Lee 2019 |
//! | [`scores::icans`] | ASTCT ICANS grade with ICE (adults) or CAPD (children) | Lee 2019 |
//! | [`scores::iec_hs`] | IEC-HS feature checklist and clinician-selected grade (provisional) | Hines 2023 |
//! | [`scores::ctcae`] | CTCAE v5.0 grades of the laboratory terms the other rules use | CTCAE v5.0 |
//! | [`scores::measix`] | m-EASIX = LDH × CRP / platelets (no cut-off) | Pennisi 2021 |
//! | [`scores::crs_legacy`] | Lee 2014, Penn, MSKCC and CARTOX CRS grades beside ASTCT | Pennisi 2020 |
//! | [`course`] | the course over time: day +n, values carried within validity windows, baselines at infusion, every score per time point, CRS-phase peak ferritin with CARTOX HLH/MAS, trends, CRS and ICANS episodes | clinical spec §12 (rules from the rows above) |
//!
//! The narrative review the project started from (Mayor-Vázquez 2025) has transcription errors;
//! they are listed in [`sources::ERRATA`] and none of them is implemented.
//!
//! ## Missing data
//! Every input of a [`Patient`] is optional, and a missing input is **never** read as normal.
//! Each score returns an [`Assessment`]: the value when the missing inputs cannot change it, the
//! breakdown per item, the list of missing inputs, the [`Range`] still reachable, and a
//! tri-state [`Conclusion`] (`Met`, `NotMet`, `Undetermined`) against the score's cut-off.
//!
//! ## Units
//! Every measure is a newtype built from a value and a [`units::Unit`] (°C/°F, mg/dL/mmol/L,
//! g/L, ×10⁹/L or /µL, …), checked against physiologically plausible bounds. A value is
//! compared with a threshold in the unit the paper published it in, so a value typed exactly at
//! a boundary never flips by conversion rounding. Bad input is an [`Error`] naming the field,
//! the value and the accepted range, and yields no score.
//!
//! ## Example
//! ```
//! use iectox::units::{Ferritin, Quantity, Temperature, Unit};
//! use iectox::{Conclusion, Patient};
//!
//! let mut patient = Patient::default();
//! patient.temperature = Some(Temperature::new(39.6, Unit::Celsius)?);
//! patient.ferritin = Some(Ferritin::new(12_000.0, Unit::NgPerMl)?);
//! let report = iectox::assess(&patient);
//! let hscore = &report.hscore.assessment;
//! assert_eq!(hscore.value, None); // seven variables are missing
//! assert_eq!((hscore.range.min, hscore.range.max), (99, 337));
//! assert_eq!(hscore.conclusion, Conclusion::Undetermined);
//! # Ok::<(), iectox::Error>(())
//! ```
//!
//! ## Features
//! - `std` (default): `std::error::Error` for [`Error`]. Without it the crate is `#![no_std]`
//!   (it needs `alloc`).
//! - `serde`: `Serialize`/`Deserialize` on every input, output and error.
//! - `json`: [`json::parse_record`] / [`json::parse_patient`], reading a patient from a JSON
//!   record with every error, each naming its field and JSON path (used by the batch CLI, for
//!   JSON and CSV, and the JavaScript API), and `course::json::process_courses`, reading
//!   patients' courses from time-stamped records.
//! - `fhir`: [`fhir::import`] and [`fhir::export`], FHIR R4 JSON (Bundle, Observation, Patient,
//!   MedicationAdministration) with LOINC codes and UCUM units, and a used/ignored report.

#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

pub mod assessment;
pub mod course;
pub mod error;
#[cfg(feature = "fhir")]
pub mod fhir;
#[cfg(feature = "json")]
pub mod json;
pub mod order;
pub mod patient;
pub mod scores;
pub mod sources;
pub mod treatment;
pub mod units;

pub use assessment::{Assessment, Band, Conclusion, Item, Range, Status};
pub use error::{Error, ErrorKind};
pub use patient::{Field, Patient};

/// Every assessment of one patient.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Report {
    /// HScore.
    pub hscore: scores::hscore::HScore,
    /// HLH-2004.
    pub hlh2004: scores::hlh2004::Hlh2004,
    /// ASTCT CRS grade.
    pub crs: scores::crs::Crs,
    /// ASTCT ICANS grade.
    pub icans: scores::icans::Icans,
    /// IEC-HS checklist and grade.
    pub iec_hs: scores::iec_hs::IecHs,
    /// CTCAE v5.0 laboratory grades.
    pub ctcae: scores::ctcae::Ctcae,
    /// m-EASIX.
    pub measix: scores::measix::MEasix,
    /// Pre-2019 CRS grading systems.
    pub crs_legacy: scores::crs_legacy::LegacyCrs,
}

/// Runs every score on one patient.
pub fn assess(patient: &Patient) -> Report {
    Report {
        hscore: scores::hscore::assess(patient),
        hlh2004: scores::hlh2004::assess(patient),
        crs: scores::crs::assess(patient),
        icans: scores::icans::assess(patient),
        iec_hs: scores::iec_hs::assess(patient),
        ctcae: scores::ctcae::assess(patient),
        measix: scores::measix::assess(patient),
        crs_legacy: scores::crs_legacy::assess(patient),
    }
}
