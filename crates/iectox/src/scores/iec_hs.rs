//! IEC-HS, immune effector cell-associated HLH-like syndrome (Hines et al., Transplant Cell
//! Ther 2023;29:438.e1-438.e16), clinical specification §5; and its predecessor, CARTOX
//! "CAR-T-related HLH/MAS" (Neelapu 2018), §5.3.
//!
//! IEC-HS has no validated point score or n-of-m rule: this module is a **structured
//! checklist** that reports which features are present (each Met / NotMet / Unknown) and
//! whether the ferritin criterion is met, plus the grade the clinician selects with the grade
//! descriptors shown. It never reports a bare "diagnosed".
//!
//! The thresholds of §5.1 are **provisional** (recalled, not yet checked against the paper's
//! tables): they are all in one table, [`PROVISIONAL`]. The review's versions (errata 17–21:
//! bilirubin in the liver criterion, a CTCAE grade-4 cytopenia requirement, fibrinogen
//! without "or < LLN") are not implemented.

use alloc::vec;
use alloc::vec::Vec;
use core::cmp::Ordering;

use crate::assessment::Band;
use crate::assessment::{Assessment, Conclusion, Item, Range, Status};
use crate::patient::{Field, IecHsGrade, Patient};
use crate::scores::ctcae::{self, compare_multiple, CtcaeTerm};
use crate::sources::Source;
use crate::units::{Ferritin, Quantity, Threshold, Unit};

/// The provisional IEC-HS thresholds (§5.1, recalled): one table, to be corrected in one
/// place once checked against Hines 2023.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProvisionalThresholds {
    /// Ferritin above this multiple of the ULN (2 ×).
    pub ferritin_uln_multiple: f64,
    /// Ferritin above this multiple of the baseline at infusion (2 ×).
    pub ferritin_baseline_multiple: f64,
    /// Transaminases: CTCAE v5 grade at or above this (3: > 5 × ULN with a normal baseline,
    /// > 5 × baseline with an abnormal one), AST or ALT.
    pub transaminase_min_ctcae_grade: u16,
    /// Fibrinogen below this absolute value (150 mg/dL = 1.5 g/L), or below the LLN.
    pub fibrinogen: Threshold,
}

/// The provisional IEC-HS thresholds (Hines 2023 as recalled in spec §5.1).
pub const PROVISIONAL: ProvisionalThresholds = ProvisionalThresholds {
    ferritin_uln_multiple: 2.0,
    ferritin_baseline_multiple: 2.0,
    transaminase_min_ctcae_grade: 3,
    fibrinogen: Threshold {
        published: &[(Unit::MgPerDl, 150.0, 0), (Unit::GPerL, 1.5, 1)],
    },
};

/// CARTOX HLH/MAS: peak ferritin > 10 000 ng/mL (µg/L).
pub const CARTOX_FERRITIN: Threshold = Threshold {
    published: &[(Unit::NgPerMl, 10_000.0, 0), (Unit::UgPerL, 10_000.0, 0)],
};
/// CARTOX HLH/MAS: peak ferritin above [`CARTOX_FERRITIN`].
pub const CARTOX_FERRITIN_BAND: Band = Band::Above(CARTOX_FERRITIN);
/// IEC-HS hypofibrinogenaemia: below the provisional absolute value (or below the LLN).
pub const FIBRINOGEN_BAND: Band = Band::Below(PROVISIONAL.fibrinogen);
/// CARTOX HLH/MAS: organ criteria are CTCAE grade ≥ 3.
pub const CARTOX_ORGAN_MIN_GRADE: u16 = 3;
/// CARTOX HLH/MAS: at least this many organ criteria, with the ferritin.
pub const CARTOX_MIN_ORGAN_CRITERIA: u16 = 2;

/// A feature of the IEC-HS checklist (§5.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum IecHsFeature {
    /// Ferritin > 2 × ULN or > 2 × baseline (at infusion). Rapidly rising ferritin is a
    /// clinical judgement the tool does not make.
    Ferritin,
    /// AST or ALT > 5 × ULN (baseline normal) or > 5 × baseline (baseline abnormal), i.e.
    /// CTCAE v5 grade ≥ 3. Bilirubin is not part of it (erratum 17).
    Transaminases,
    /// Fibrinogen < 150 mg/dL (1.5 g/L) or < LLN.
    Fibrinogen,
    /// Hemophagocytosis in bone marrow or other tissue.
    Hemophagocytosis,
    /// New-onset, worsening or refractory cytopenias (no CTCAE grade-4 requirement;
    /// erratum 18).
    Cytopenias,
    /// Onset with resolving CRS, or worsening inflammation after initial improvement with
    /// CRS-directed therapy.
    Timing,
}

/// The descriptor shown with each clinician-selected IEC-HS grade (§5.2, recalled).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum IecHsDescriptor {
    /// Grade 1: asymptomatic or mild; observation or diagnostic evaluation only.
    AsymptomaticOrMild,
    /// Grade 2: mild-moderate; requires intervention (IEC-HS-directed immunosuppression
    /// and/or transfusion, e.g. for hypofibrinogenemia).
    MildModerateRequiresIntervention,
    /// Grade 3: severe (e.g. coagulopathy with bleeding, hypotension, respiratory compromise,
    /// new renal or hepatic dysfunction); urgent or in-hospital escalation.
    Severe,
    /// Grade 4: life-threatening (e.g. requiring vasopressors, mechanical ventilation or
    /// dialysis); immediate intervention.
    LifeThreatening,
    /// Grade 5: death.
    Death,
}

impl IecHsDescriptor {
    /// The descriptor of a grade.
    pub const fn of(grade: IecHsGrade) -> IecHsDescriptor {
        match grade {
            IecHsGrade::Grade1 => IecHsDescriptor::AsymptomaticOrMild,
            IecHsGrade::Grade2 => IecHsDescriptor::MildModerateRequiresIntervention,
            IecHsGrade::Grade3 => IecHsDescriptor::Severe,
            IecHsGrade::Grade4 => IecHsDescriptor::LifeThreatening,
            IecHsGrade::Grade5 => IecHsDescriptor::Death,
        }
    }

    /// Every grade with its descriptor, to show the clinician when selecting.
    pub const ALL: [(IecHsGrade, IecHsDescriptor); 5] = [
        (IecHsGrade::Grade1, IecHsDescriptor::AsymptomaticOrMild),
        (
            IecHsGrade::Grade2,
            IecHsDescriptor::MildModerateRequiresIntervention,
        ),
        (IecHsGrade::Grade3, IecHsDescriptor::Severe),
        (IecHsGrade::Grade4, IecHsDescriptor::LifeThreatening),
        (IecHsGrade::Grade5, IecHsDescriptor::Death),
    ];
}

/// The numeric value of a grade (1–5).
pub const fn grade_number(grade: IecHsGrade) -> u8 {
    match grade {
        IecHsGrade::Grade1 => 1,
        IecHsGrade::Grade2 => 2,
        IecHsGrade::Grade3 => 3,
        IecHsGrade::Grade4 => 4,
        IecHsGrade::Grade5 => 5,
    }
}

/// A criterion of CARTOX "CAR-T-related HLH/MAS" (Neelapu 2018; §5.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CartoxCriterion {
    /// Peak ferritin > 10 000 ng/mL during the CRS phase (required).
    Ferritin,
    /// CTCAE grade ≥ 3 rise in bilirubin, AST or ALT.
    Liver,
    /// CTCAE grade ≥ 3 oliguria or creatinine rise. Oliguria is not an input: without a
    /// grade ≥ 3 creatinine the criterion stays unknown.
    Renal,
    /// CTCAE grade ≥ 3 pulmonary edema. Not an input: always unknown.
    PulmonaryEdema,
    /// Hemophagocytosis in bone marrow or organs.
    Hemophagocytosis,
}

/// A finding a CARTOX criterion needs that the patient record has no field for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum NotAnInput {
    /// Grade ≥ 3 oliguria (renal criterion).
    Oliguria,
    /// Grade ≥ 3 pulmonary edema.
    PulmonaryEdema,
}

/// CARTOX HLH/MAS, tri-state.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CartoxHlh {
    /// Value = number of organ criteria met (0–4; the ferritin item is not counted), range;
    /// conclusion: ferritin > 10 000 ng/mL **and** ≥ 2 organ criteria.
    pub assessment: Assessment<CartoxCriterion>,
    /// Findings the criteria need that are not inputs (their criteria stay unknown).
    pub not_inputs: Vec<NotAnInput>,
}

/// The IEC-HS checklist for one patient.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct IecHs {
    /// One item per feature (status Met / NotMet / Unknown; points 1 when met). Value = the
    /// number of features present (a count, not a score: there is no cut-off), range = the
    /// counts still reachable. Conclusion = the ferritin criterion. `missing` also lists the
    /// clinician-selected grade when it is not given.
    pub features: Assessment<IecHsFeature>,
    /// Whether the ferritin criterion is met (same as `features.conclusion`).
    pub ferritin_criterion: Conclusion,
    /// The features present (Met).
    pub present: Vec<IecHsFeature>,
    /// The grade selected by the clinician, if any.
    pub grade: Option<IecHsGrade>,
    /// Its descriptor.
    pub descriptor: Option<IecHsDescriptor>,
    /// CARTOX HLH/MAS, the predecessor definition.
    pub cartox_hlh: CartoxHlh,
    /// When the ferritin ULN is not entered but the "> 2 × ULN" part is the same for every
    /// ULN the crate accepts ([`crate::units::REFERENCE_PLAUSIBLE`]): why it is decided.
    #[cfg_attr(feature = "serde", serde(default))]
    pub ferritin_uln_not_entered: Option<UlnNotEntered>,
}

/// A criterion against a limit of normal that was not entered, decided because it comes out
/// the same for every limit the crate accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum UlnNotEntered {
    /// Above `multiple` × the largest accepted ULN (`uln`, in `unit`): met whatever the ULN.
    AboveEveryAcceptedUln {
        /// The multiple of the criterion.
        multiple: f64,
        /// The largest accepted ULN.
        uln: f64,
        /// Its unit.
        unit: Unit,
    },
    /// At most `multiple` × the smallest accepted ULN: not met whatever the ULN.
    NotAboveAnyAcceptedUln {
        /// The multiple of the criterion.
        multiple: f64,
        /// The smallest accepted ULN.
        uln: f64,
        /// Its unit.
        unit: Unit,
    },
}

/// Fills the IEC-HS checklist and CARTOX HLH/MAS.
///
/// ```
/// use iectox::scores::iec_hs::{self, IecHsFeature};
/// use iectox::units::{Ferritin, Quantity, Unit};
/// use iectox::{Conclusion, Patient};
/// let mut p = Patient::default();
/// p.ferritin = Some(Ferritin::new(900.0, Unit::NgPerMl).unwrap());
/// p.ferritin_uln = Some(Ferritin::new(400.0, Unit::NgPerMl).unwrap());
/// let h = iec_hs::assess(&p);
/// assert_eq!(h.ferritin_criterion, Conclusion::Met);
/// assert_eq!(h.present, vec![IecHsFeature::Ferritin]);
/// ```
pub fn assess(p: &Patient) -> IecHs {
    let (ferritin_item, ferritin_uln_not_entered) = ferritin(p);
    let items = vec![
        ferritin_item,
        transaminases(p),
        fibrinogen(p),
        hemophagocytosis(p, IecHsFeature::Hemophagocytosis),
        flag(
            IecHsFeature::Cytopenias,
            p.cytopenias_new_or_worsening,
            Field::CytopeniasNewOrWorsening,
        ),
        flag(IecHsFeature::Timing, p.iec_hs_timing, Field::IecHsTiming),
    ];
    let range = count_range(&items);
    let ferritin_criterion = conclusion_of(items[0].status);
    let present = items
        .iter()
        .filter(|i| i.status == Status::Met)
        .map(|i| i.key)
        .collect();
    let extra: &[Field] = if p.iec_hs_grade.is_none() {
        &[Field::IecHsGrade]
    } else {
        &[]
    };
    let features = Assessment::from_items(
        items,
        range,
        ferritin_criterion,
        extra,
        &[Source::Hines2023],
    );
    IecHs {
        features,
        ferritin_criterion,
        present,
        grade: p.iec_hs_grade,
        descriptor: p.iec_hs_grade.map(IecHsDescriptor::of),
        cartox_hlh: cartox_hlh(p),
        ferritin_uln_not_entered,
    }
}

fn conclusion_of(status: Status) -> Conclusion {
    match status {
        Status::Met => Conclusion::Met,
        Status::NotMet => Conclusion::NotMet,
        Status::Unknown => Conclusion::Undetermined,
    }
}

fn count_range<K>(items: &[Item<K>]) -> Range {
    let met = items.iter().filter(|i| i.status == Status::Met).count() as u16;
    let unknown = items.iter().filter(|i| i.status == Status::Unknown).count() as u16;
    Range::new(met, met + unknown)
}

/// A checklist item from a status and the fields that would decide it.
fn checked<K>(key: K, status: Status, missing: Vec<Field>) -> Item<K> {
    match status {
        Status::Met => Item::known(key, 1, 1),
        Status::NotMet => Item::known(key, 0, 0),
        Status::Unknown => Item::unknown(key, Range::new(0, 1), missing),
    }
}

fn flag<K>(key: K, value: Option<bool>, field: Field) -> Item<K> {
    checked(key, Status::from_option(value), vec![field])
}

/// Whether a CTCAE term is at `min` or above: Met, NotMet or Unknown (with its missing
/// inputs).
fn at_least(item: &Item<CtcaeTerm>, min: u16) -> (Status, &[Field]) {
    if item.range.min >= min {
        (Status::Met, &[])
    } else if item.range.max < min {
        (Status::NotMet, &[])
    } else {
        (Status::Unknown, &item.missing)
    }
}

/// Any of several statuses: Met if one is met, NotMet if all are not met; the missing
/// inputs of the unknown ones when undecided.
fn any_of(parts: &[(Status, &[Field])]) -> (Status, Vec<Field>) {
    let status = parts.iter().fold(Status::NotMet, |acc, (s, _)| acc.or(*s));
    let missing = if status == Status::Unknown {
        parts
            .iter()
            .filter(|(s, _)| *s == Status::Unknown)
            .flat_map(|(_, m)| m.iter().copied())
            .collect()
    } else {
        Vec::new()
    };
    (status, missing)
}

/// The accepted range of a reference value, in its analyte's canonical unit.
fn accepted_reference(field: Field) -> Option<(f64, f64)> {
    crate::units::REFERENCE_PLAUSIBLE
        .iter()
        .find(|(f, _, _)| *f == field)
        .map(|&(_, lo, hi)| (lo, hi))
}

fn ferritin(p: &Patient) -> (Item<IecHsFeature>, Option<UlnNotEntered>) {
    let key = IecHsFeature::Ferritin;
    let Some(f) = p.ferritin else {
        let mut missing = vec![Field::Ferritin];
        if p.ferritin_uln.is_none() {
            missing.push(Field::FerritinUln);
        }
        if p.ferritin_baseline.is_none() {
            missing.push(Field::FerritinBaseline);
        }
        return (Item::unknown(key, Range::new(0, 1), missing), None);
    };
    let above = |reference: Option<_>, multiple: f64, field: Field| match reference {
        Some(r) => (
            Status::from_option(Some(compare_multiple(f, multiple, r) == Ordering::Greater)),
            field,
        ),
        None => (Status::Unknown, field),
    };
    let multiple = PROVISIONAL.ferritin_uln_multiple;
    let mut uln = above(p.ferritin_uln, multiple, Field::FerritinUln);
    // Without an entered ULN, the "> 2 × ULN" part is decided when it is the same for every
    // ULN the crate accepts: above 2 × the largest, or at most 2 × the smallest.
    let mut not_entered = None;
    if p.ferritin_uln.is_none() {
        if let Some((lo, hi)) = accepted_reference(Field::FerritinUln) {
            let unit = Ferritin::CANONICAL;
            let at = |v: f64| Ferritin::new(v, unit).ok();
            if let (Some(smallest), Some(largest)) = (at(lo), at(hi)) {
                if compare_multiple(f, multiple, largest) == Ordering::Greater {
                    uln.0 = Status::Met;
                    not_entered = Some(UlnNotEntered::AboveEveryAcceptedUln {
                        multiple,
                        uln: hi,
                        unit,
                    });
                } else if compare_multiple(f, multiple, smallest) != Ordering::Greater {
                    uln.0 = Status::NotMet;
                    not_entered = Some(UlnNotEntered::NotAboveAnyAcceptedUln {
                        multiple,
                        uln: lo,
                        unit,
                    });
                }
            }
        }
    }
    let baseline = above(
        p.ferritin_baseline,
        PROVISIONAL.ferritin_baseline_multiple,
        Field::FerritinBaseline,
    );
    let (status, missing) = any_of(&[(uln.0, &[uln.1]), (baseline.0, &[baseline.1])]);
    // The reason is worth showing only when it decides something.
    let shown = match not_entered {
        Some(UlnNotEntered::AboveEveryAcceptedUln { .. }) => not_entered,
        Some(UlnNotEntered::NotAboveAnyAcceptedUln { .. }) if status == Status::NotMet => {
            not_entered
        }
        _ => None,
    };
    (checked(key, status, missing), shown)
}

fn transaminases(p: &Patient) -> Item<IecHsFeature> {
    let ast = ctcae::term(p, CtcaeTerm::AstIncreased);
    let alt = ctcae::term(p, CtcaeTerm::AltIncreased);
    let min = PROVISIONAL.transaminase_min_ctcae_grade;
    let (status, missing) = any_of(&[at_least(&ast, min), at_least(&alt, min)]);
    checked(IecHsFeature::Transaminases, status, missing)
}

fn fibrinogen(p: &Patient) -> Item<IecHsFeature> {
    let key = IecHsFeature::Fibrinogen;
    let Some(f) = p.fibrinogen else {
        return Item::unknown(key, Range::new(0, 1), vec![Field::Fibrinogen]);
    };
    let absolute = if f.below(&PROVISIONAL.fibrinogen) {
        Status::Met
    } else {
        Status::NotMet
    };
    let lln = Status::from_option(
        p.fibrinogen_lln
            .map(|l| compare_multiple(f, 1.0, l) == Ordering::Less),
    );
    let (status, missing) = any_of(&[(absolute, &[]), (lln, &[Field::FibrinogenLln])]);
    checked(key, status, missing)
}

fn hemophagocytosis<K>(p: &Patient, key: K) -> Item<K> {
    // "Tissue" covers bone marrow, spleen, lymph node or other tissue: a "no" there is a no
    // for the marrow too. A marrow "no" alone leaves other tissues unknown.
    let status = match (p.tissue_hemophagocytosis, p.marrow_hemophagocytosis) {
        (Some(true), _) | (_, Some(true)) => Status::Met,
        (Some(false), _) => Status::NotMet,
        (None, _) => Status::Unknown,
    };
    checked(key, status, vec![Field::TissueHemophagocytosis])
}

fn cartox_hlh(p: &Patient) -> CartoxHlh {
    let ferritin = match p.ferritin {
        Some(f) => checked(
            CartoxCriterion::Ferritin,
            Status::from_option(Some(f.above(&CARTOX_FERRITIN))),
            Vec::new(),
        ),
        None => Item::unknown(
            CartoxCriterion::Ferritin,
            Range::new(0, 1),
            vec![Field::Ferritin],
        ),
    };
    let min = CARTOX_ORGAN_MIN_GRADE;
    let bilirubin = ctcae::term(p, CtcaeTerm::BloodBilirubinIncreased);
    let ast = ctcae::term(p, CtcaeTerm::AstIncreased);
    let alt = ctcae::term(p, CtcaeTerm::AltIncreased);
    let (liver, liver_missing) = any_of(&[
        at_least(&bilirubin, min),
        at_least(&ast, min),
        at_least(&alt, min),
    ]);
    let creatinine = ctcae::term(p, CtcaeTerm::CreatinineIncreased);
    // Oliguria is not an input: the renal criterion is met by creatinine, never ruled out.
    let (renal, renal_missing) = match at_least(&creatinine, min) {
        (Status::Met, _) => (Status::Met, Vec::new()),
        (_, m) => (Status::Unknown, m.to_vec()),
    };
    let organs = vec![
        checked(CartoxCriterion::Liver, liver, liver_missing),
        checked(CartoxCriterion::Renal, renal, renal_missing),
        checked(CartoxCriterion::PulmonaryEdema, Status::Unknown, Vec::new()),
        hemophagocytosis(p, CartoxCriterion::Hemophagocytosis),
    ];
    let count = count_range(&organs);
    let need = CARTOX_MIN_ORGAN_CRITERIA;
    let conclusion = match ferritin.status {
        Status::NotMet => Conclusion::NotMet,
        _ if count.max < need => Conclusion::NotMet,
        Status::Met if count.min >= need => Conclusion::Met,
        _ => Conclusion::Undetermined,
    };
    let mut not_inputs = vec![NotAnInput::PulmonaryEdema];
    if renal != Status::Met {
        not_inputs.insert(0, NotAnInput::Oliguria);
    }
    let mut items = vec![ferritin];
    items.extend(organs);
    CartoxHlh {
        assessment: Assessment::from_items(items, count, conclusion, &[], &[Source::Neelapu2018]),
        not_inputs,
    }
}
