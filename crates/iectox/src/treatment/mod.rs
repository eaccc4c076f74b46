//! Treatment guidance as data: the review's CRS algorithm by ASTCT grade, refractory-CRS
//! options and IEC-HS treatment ([`regimens`]), a weight- and BSA-based dose calculator with
//! caps ([`dose`]), the tocilizumab dose log ([`tocilizumab_log`]) and the "Sepsis or CRS?"
//! page ([`checklist`]: the review's Table 3, its statements and the work-up checklist).
//!
//! This is decision support (clinical spec, product decision 8): the corrected doses of §10
//! are implemented, never the review's errors; unverified regimens carry
//! [`Verification::AsStatedInReviewNotVerified`].
//!
//! ```
//! use iectox::treatment::{crs_steps, plan, DoseError, DosingPatient, Drug, Population};
//! use iectox::units::{Height, Quantity, Unit, Weight};
//!
//! let adult = DosingPatient {
//!     weight: Some(Weight::new(70.0, Unit::Kg)?),
//!     height: Some(Height::new(175.0, Unit::Cm)?),
//!     population: Population::Adult,
//! };
//! let grade3 = plan(crs_steps(3), &adult);
//! let toci = grade3.iter().find(|p| p.step.drug == Some(Drug::Tocilizumab)).unwrap();
//! let dose = toci.doses[0].as_ref().unwrap().as_ref().unwrap();
//! assert_eq!(dose.per_dose.unwrap().high, 560.0); // 8 mg/kg × 70 kg
//!
//! // A 12 kg child: tocilizumab 12 mg/kg (under 30 kg), no adult fixed dose.
//! let child = DosingPatient {
//!     weight: Some(Weight::new(12.0, Unit::Kg)?),
//!     height: None,
//!     population: Population::Child,
//! };
//! let grade3 = plan(crs_steps(3), &child);
//! let toci = grade3.iter().find(|p| p.step.drug == Some(Drug::Tocilizumab)).unwrap();
//! let dose = toci.doses[0].as_ref().unwrap().as_ref().unwrap();
//! assert_eq!(dose.per_dose.unwrap().high, 144.0);
//! let dexa = grade3.iter().find(|p| p.step.drug == Some(Drug::Dexamethasone)).unwrap();
//! assert_eq!(dexa.doses[0], Some(Err(DoseError::AdultDoseForChild)));
//! # Ok::<(), iectox::Error>(())
//! ```

pub mod checklist;
pub mod dose;
pub mod population;
pub mod regimens;
pub mod tocilizumab_log;

pub use checklist::{
    CommonName, DifferentialElement, InfectionGroup, Organism, Statement, Table3Row, WorkupItem,
    WorkupKind, DIFFERENTIAL_ELEMENTS, SEPSIS_OR_CRS_FROM_REVIEW_TABLE_3, STATEMENTS, TABLE_3,
};
pub use dose::{
    bsa_for_dosing, bsa_mosteller, compute, CountRange, DoseError, DoseResult, DoseRounding,
    DoseRule, MgRange, RoundingReason, Schedule,
};
pub use population::{population, AgeGroup, Population, PopulationDecision, PopulationReason};
pub use regimens::{
    crs_steps, phase_dose, plan, treatment_plan, Analyte, ChildDosing, Days, DosingPatient, Drug,
    Frequency, Guideline, LabTest, Monitoring, Phase, PlannedStep, RefractoryStatement, Regimen,
    Relation, ReviewEvidence, Route, Step, StepId, Target, TargetCheck, TargetContext,
    TreatmentPlan, Trigger, Verification, BLOOD_PRESSURE_TARGETS, CRS_REFRACTORY,
    CRS_REFRACTORY_STATEMENTS, IEC_HS_MONITORING, IEC_HS_STEPS, MAP_VASOPRESSOR_THRESHOLD,
    SPO2_TARGET,
};
pub use tocilizumab_log::{LogWarning, Reason, TocilizumabLog};
