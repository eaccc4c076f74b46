//! HLH-2004 diagnostic criteria (Henter et al., Pediatr Blood Cancer 2007;48:124-31).
//! Clinical specification §2.
//!
//! HLH is diagnosed by **either** a molecular diagnosis consistent with HLH **or** at least
//! 5 of the 8 clinical criteria. This module counts the criteria met (`n/8`), the range still
//! reachable with the criteria that are unknown, and concludes on both paths.
//!
//! Thresholds are the primary paper's, never the review's (spec §10, errata 6–10 and 26):
//! - cytopenias use haemoglobin **< 90 g/L** (< 100 g/L under 4 weeks of age), platelets
//!   **< 100 ×10⁹/L** and **neutrophils** **< 1.0 ×10⁹/L**, all strict; total leukocytes are
//!   not an HLH-2004 input (they are the HScore's);
//! - fasting triglycerides **≥ 3.0 mmol/L (≥ 265 mg/dL)** and fibrinogen **≤ 1.5 g/L
//!   (≤ 150 mg/dL)**, both inclusive;
//! - ferritin **≥ 500 µg/L** (ng/mL, not mg/L);
//! - soluble CD25 (soluble IL-2 receptor, not IL-2) **≥ 2400 U/mL**;
//! - hemophagocytosis in bone marrow, spleen or lymph nodes; HLH-2004 prints "no evidence of
//!   malignancy" beside this item, which the clinician must judge (the tool cannot).
//!
//! The criteria were designed for (mainly paediatric) familial HLH and are not validated in
//! adult ICU or immune-effector-cell patients.

use alloc::vec;
use alloc::vec::Vec;

use crate::assessment::Band;
use crate::assessment::{Assessment, Conclusion, Item, Range, Status};
use crate::patient::{FeverRule, Field, Patient};
use crate::sources::Source;
use crate::units::{Quantity, Threshold, Unit};

/// Number of clinical criteria.
pub const CRITERIA: u8 = 8;
/// Clinical path: at least this many of the 8 criteria (Henter 2007).
pub const CUTOFF: u8 = 5;
/// Criterion 3 is met when at least this many of the 3 lineages are cytopenic.
pub const CYTOPENIC_LINEAGES_NEEDED: u8 = 2;

// Thresholds, in every unit the sources printed them in (spec §2).
/// Fever by the optional numeric rule: ≥ 38.5 °C (101.3 °F) (Jordan 2011; Henter 2007 gives
/// no number).
pub const FEVER: Threshold = Threshold {
    published: &[(Unit::Celsius, 38.5, 1), (Unit::Fahrenheit, 101.3, 1)],
};
/// Haemoglobin < 90 g/L (< 9.0 g/dL) is a cytopenic lineage (Henter 2007). Strict.
pub const HAEMOGLOBIN: Threshold = Threshold {
    published: &[(Unit::GPerL, 90.0, 0), (Unit::GPerDl, 9.0, 1)],
};
/// Infants younger than 4 weeks: haemoglobin < 100 g/L (< 10.0 g/dL) (Henter 2007). Strict.
pub const HAEMOGLOBIN_INFANT: Threshold = Threshold {
    published: &[(Unit::GPerL, 100.0, 0), (Unit::GPerDl, 10.0, 1)],
};
/// The infant haemoglobin rule applies below 4 weeks (28 days) of age (Henter 2007).
pub const INFANT_AGE: Threshold = Threshold {
    published: &[(Unit::Weeks, 4.0, 1), (Unit::Days, 28.0, 0)],
};
/// Platelets < 100 ×10⁹/L (100 000/µL) is a cytopenic lineage (Henter 2007). Strict.
pub const PLATELETS: Threshold = Threshold {
    published: &[(Unit::E9PerL, 100.0, 0), (Unit::PerUl, 100_000.0, 0)],
};
/// Neutrophils < 1.0 ×10⁹/L (1000/µL) is a cytopenic lineage (Henter 2007). Strict.
pub const NEUTROPHILS: Threshold = Threshold {
    published: &[(Unit::E9PerL, 1.0, 1), (Unit::PerUl, 1000.0, 0)],
};
/// Fasting triglycerides ≥ 3.0 mmol/L (≥ 265 mg/dL) (Henter 2007). Inclusive.
pub const TRIGLYCERIDES: Threshold = Threshold {
    published: &[(Unit::MmolPerL, 3.0, 1), (Unit::MgPerDl, 265.0, 0)],
};
/// Fibrinogen ≤ 1.5 g/L (≤ 150 mg/dL) (Henter 2007). Inclusive.
pub const FIBRINOGEN: Threshold = Threshold {
    published: &[(Unit::GPerL, 1.5, 1), (Unit::MgPerDl, 150.0, 0)],
};
/// Ferritin ≥ 500 µg/L (= ng/mL) (Henter 2007). Inclusive.
pub const FERRITIN: Threshold = Threshold {
    published: &[(Unit::UgPerL, 500.0, 0), (Unit::NgPerMl, 500.0, 0)],
};
/// Soluble CD25 (soluble IL-2 receptor) ≥ 2400 U/mL (Henter 2007). Inclusive.
pub const SCD25: Threshold = Threshold {
    published: &[(Unit::UPerMl, 2400.0, 0)],
};

// The band of each threshold above, as the rules below compare (for labels).
/// Fever (numeric rule): T ≥ 38.5 °C.
pub const FEVER_BAND: Band = Band::AtLeast(FEVER);
/// Haemoglobin < 90 g/L.
pub const HAEMOGLOBIN_BAND: Band = Band::Below(HAEMOGLOBIN);
/// Infants: haemoglobin < 100 g/L.
pub const HAEMOGLOBIN_INFANT_BAND: Band = Band::Below(HAEMOGLOBIN_INFANT);
/// Infant: age < 4 weeks.
pub const INFANT_AGE_BAND: Band = Band::Below(INFANT_AGE);
/// Platelets < 100 ×10⁹/L.
pub const PLATELETS_BAND: Band = Band::Below(PLATELETS);
/// Neutrophils < 1.0 ×10⁹/L.
pub const NEUTROPHILS_BAND: Band = Band::Below(NEUTROPHILS);
/// Fasting triglycerides ≥ 3.0 mmol/L.
pub const TRIGLYCERIDES_BAND: Band = Band::AtLeast(TRIGLYCERIDES);
/// Fibrinogen ≤ 1.5 g/L.
pub const FIBRINOGEN_BAND: Band = Band::AtMost(FIBRINOGEN);
/// Ferritin ≥ 500 µg/L.
pub const FERRITIN_BAND: Band = Band::AtLeast(FERRITIN);
/// Soluble CD25 ≥ 2400 U/mL.
pub const SCD25_BAND: Band = Band::AtLeast(SCD25);

/// One of the 8 clinical criteria, in the paper's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Criterion {
    /// 1. Fever: clinician-confirmed (default) or ≥ 38.5 °C (setting).
    Fever,
    /// 2. Splenomegaly.
    Splenomegaly,
    /// 3. Cytopenias affecting ≥ 2 of 3 lineages (see [`Cytopenias`]).
    Cytopenias,
    /// 4. Fasting hypertriglyceridemia and/or hypofibrinogenemia (see
    ///    [`TriglyceridesOrFibrinogen`]).
    TriglyceridesOrFibrinogen,
    /// 5. Hemophagocytosis in bone marrow, spleen or lymph nodes.
    Hemophagocytosis,
    /// 6. Low or absent NK-cell activity (local laboratory reference).
    NkActivity,
    /// 7. Ferritin ≥ 500 µg/L.
    Ferritin,
    /// 8. Soluble CD25 (soluble IL-2 receptor) ≥ 2400 U/mL.
    Scd25,
}

impl Criterion {
    /// The 8 criteria in the paper's order.
    pub const ALL: [Criterion; 8] = [
        Criterion::Fever,
        Criterion::Splenomegaly,
        Criterion::Cytopenias,
        Criterion::TriglyceridesOrFibrinogen,
        Criterion::Hemophagocytosis,
        Criterion::NkActivity,
        Criterion::Ferritin,
        Criterion::Scd25,
    ];
}

/// A sub-test of a criterion (one cytopenic lineage, triglycerides, fibrinogen).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SubTest {
    /// Met, not met, or unknown.
    pub status: Status,
    /// The inputs this sub-test needed and did not get (or could not use).
    pub missing: Vec<Field>,
}

impl SubTest {
    fn known(met: bool) -> SubTest {
        SubTest {
            status: Status::from_option(Some(met)),
            missing: Vec::new(),
        }
    }

    fn unknown(missing: Vec<Field>) -> SubTest {
        SubTest {
            status: Status::Unknown,
            missing,
        }
    }
}

/// Which haemoglobin threshold criterion 3 used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum HaemoglobinRule {
    /// Age ≥ 4 weeks: < 90 g/L.
    Standard,
    /// Age < 4 weeks: < 100 g/L.
    Infant,
    /// Age unknown and the haemoglobin lies in 90–99 g/L, where the two rules disagree: the
    /// lineage is unknown and `Age` is listed as missing.
    AgeNeeded,
    /// Age unknown, but both rules give the same answer (or haemoglobin is missing).
    AgeNotNeeded,
}

/// Criterion 3: the three lineages (all thresholds strict).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Cytopenias {
    /// Haemoglobin < 90 g/L (< 100 g/L under 4 weeks).
    pub haemoglobin: SubTest,
    /// Which haemoglobin threshold applied.
    pub haemoglobin_rule: HaemoglobinRule,
    /// Platelets < 100 ×10⁹/L.
    pub platelets: SubTest,
    /// Neutrophils < 1.0 ×10⁹/L.
    pub neutrophils: SubTest,
    /// Lineages known to be cytopenic.
    pub lineages_met: u8,
    /// Lineages not known.
    pub lineages_unknown: u8,
}

/// How the triglyceride sample was taken. HLH-2004 asks for a **fasting** value, so only a
/// sample recorded as fasting is used. A sample recorded as not fasting, or with the fasting
/// status not recorded, leaves the triglyceride sub-test unknown whatever its value (with
/// `TriglyceridesFasting` listed as missing), and criterion 4 then rests on fibrinogen. Reading
/// an unrecorded status as "fasting" would let a later answer ("not fasting") lower a count
/// already reported as reached, so it is not done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TriglycerideSample {
    /// Fasting: used.
    Fasting,
    /// Not fasting: not usable for HLH-2004 (a fasting sample is needed).
    NotFasting,
    /// Fasting status not recorded: not usable until it is.
    NotRecorded,
}

/// Criterion 4: either sub-test suffices.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TriglyceridesOrFibrinogen {
    /// Fasting triglycerides ≥ 3.0 mmol/L (≥ 265 mg/dL).
    pub triglycerides: SubTest,
    /// How the triglyceride sample was taken.
    pub sample: TriglycerideSample,
    /// Fibrinogen ≤ 1.5 g/L (≤ 150 mg/dL).
    pub fibrinogen: SubTest,
    /// With a triglyceride value whose fasting status is not recorded: whether it would
    /// meet the threshold if the sample were fasting (what recording "fasting" would change;
    /// the value is not used until then). `None` when there is no such value.
    #[cfg_attr(feature = "serde", serde(default))]
    pub if_fasting: Option<bool>,
}

/// Which input decided criterion 5.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum HemophagocytosisBasis {
    /// Hemophagocytosis in bone marrow, spleen, lymph node or other tissue (as entered).
    Tissue,
    /// Only the bone marrow aspirate was entered, and it shows hemophagocytosis: met.
    MarrowAspirate,
    /// Not known: no tissue result, and no marrow aspirate showing hemophagocytosis (a
    /// negative aspirate does not exclude spleen or lymph nodes).
    Unknown,
}

/// HLH-2004 for one patient.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Hlh2004 {
    /// Value = number of criteria met (0–8), range = met ..= met + unknown, one item per
    /// criterion. Conclusion (both paths): `Met` if the molecular diagnosis is positive or
    /// ≥ 5 criteria are met; `NotMet` if fewer than 5 can be reached and the molecular
    /// diagnosis is known negative; `Undetermined` otherwise (including "molecular testing not
    /// done, clinical criteria not met").
    pub assessment: Assessment<Criterion>,
    /// The molecular path (a molecular diagnosis consistent with HLH): met / not met / not
    /// known.
    pub molecular: Status,
    /// The clinical path alone (≥ 5 of 8): `Undetermined` means "cannot exclude" (fewer than
    /// 5 met, but 5 or more still reachable with the unknown criteria).
    pub clinical_criteria: Conclusion,
    /// How many more criteria the clinical path needs (`5 − met`, 0 once met). When it
    /// exceeds the number of unknown criteria the clinical path cannot be met.
    pub still_needed: u8,
    /// Criterion 3 by lineage.
    pub cytopenias: Cytopenias,
    /// Criterion 4 by sub-test.
    pub triglycerides_or_fibrinogen: TriglyceridesOrFibrinogen,
    /// What decided criterion 5.
    pub hemophagocytosis: HemophagocytosisBasis,
    /// The fever rule used (a visible setting).
    pub fever_rule: FeverRule,
}

/// Assesses HLH-2004.
///
/// ```
/// use iectox::units::{Ferritin, Quantity, Unit};
/// use iectox::{Conclusion, Patient};
/// let mut p = Patient::default();
/// p.ferritin = Some(Ferritin::new(500.0, Unit::UgPerL).unwrap());
/// let h = iectox::scores::hlh2004::assess(&p);
/// assert_eq!((h.assessment.range.min, h.assessment.range.max), (1, 8));
/// assert_eq!(h.clinical_criteria, Conclusion::Undetermined); // cannot exclude
/// assert_eq!(h.still_needed, 4);
/// ```
pub fn assess(p: &Patient) -> Hlh2004 {
    let cytopenias = cytopenias(p);
    let lipids = triglycerides_or_fibrinogen(p);
    let (hemophagocytosis_status, hemophagocytosis) = hemophagocytosis(p);

    let items = vec![
        fever(p),
        from_status(
            Criterion::Splenomegaly,
            Status::from_option(p.splenomegaly),
            vec![Field::Splenomegaly],
        ),
        from_status(
            Criterion::Cytopenias,
            cytopenia_status(&cytopenias),
            merged(&[
                &cytopenias.haemoglobin,
                &cytopenias.platelets,
                &cytopenias.neutrophils,
            ]),
        ),
        from_status(
            Criterion::TriglyceridesOrFibrinogen,
            lipids.triglycerides.status.or(lipids.fibrinogen.status),
            merged(&[&lipids.triglycerides, &lipids.fibrinogen]),
        ),
        from_status(
            Criterion::Hemophagocytosis,
            hemophagocytosis_status,
            vec![Field::TissueHemophagocytosis],
        ),
        from_status(
            Criterion::NkActivity,
            Status::from_option(p.nk_activity_low),
            vec![Field::NkActivityLow],
        ),
        from_status(
            Criterion::Ferritin,
            Status::from_option(p.ferritin.map(|f| f.at_least(&FERRITIN))),
            vec![Field::Ferritin],
        ),
        from_status(
            Criterion::Scd25,
            Status::from_option(p.scd25.map(|s| s.at_least(&SCD25))),
            vec![Field::Scd25],
        ),
    ];

    let met = count(&items, Status::Met);
    let unknown = count(&items, Status::Unknown);
    let range = Range::new(u16::from(met), u16::from(met + unknown));
    let clinical_criteria = Conclusion::at_least(range, u16::from(CUTOFF));
    let molecular = Status::from_option(p.molecular_diagnosis);
    let conclusion = overall(molecular, clinical_criteria);
    let extra: &[Field] = if molecular == Status::Unknown && clinical_criteria != Conclusion::Met {
        &[Field::MolecularDiagnosis]
    } else {
        &[]
    };
    let assessment = Assessment::from_items(
        items,
        range,
        conclusion,
        extra,
        &sources(p.settings.hlh_fever_rule),
    );

    Hlh2004 {
        assessment,
        molecular,
        clinical_criteria,
        still_needed: CUTOFF.saturating_sub(met),
        cytopenias,
        triglycerides_or_fibrinogen: lipids,
        hemophagocytosis,
        fever_rule: p.settings.hlh_fever_rule,
    }
}

/// Both diagnostic paths combined: `molecular` or `clinical`.
pub fn overall(molecular: Status, clinical: Conclusion) -> Conclusion {
    match (molecular, clinical) {
        (Status::Met, _) | (_, Conclusion::Met) => Conclusion::Met,
        (Status::NotMet, Conclusion::NotMet) => Conclusion::NotMet,
        _ => Conclusion::Undetermined,
    }
}

fn sources(rule: FeverRule) -> Vec<Source> {
    match rule {
        FeverRule::ClinicianConfirmed => vec![Source::Henter2007],
        FeverRule::AtLeast38_5 => vec![Source::Henter2007, Source::Jordan2011],
    }
}

fn count(items: &[Item<Criterion>], status: Status) -> u8 {
    items.iter().filter(|i| i.status == status).count() as u8
}

/// A criterion item: 1 point when met. A decided criterion lists no missing inputs (they
/// could not change it); an unknown one lists those that could.
fn from_status(key: Criterion, status: Status, missing: Vec<Field>) -> Item<Criterion> {
    match status {
        Status::Met => Item::known(key, 1, 1),
        Status::NotMet => Item::known(key, 0, 0),
        Status::Unknown => Item::unknown(key, Range::new(0, 1), missing),
    }
}

/// The missing inputs of the sub-tests that are still unknown.
fn merged(parts: &[&SubTest]) -> Vec<Field> {
    let mut fields: Vec<Field> = parts
        .iter()
        .filter(|s| s.status == Status::Unknown)
        .flat_map(|s| s.missing.iter().copied())
        .collect();
    crate::order::sort_small(&mut fields);
    fields.dedup();
    fields
}

fn fever(p: &Patient) -> Item<Criterion> {
    match p.settings.hlh_fever_rule {
        FeverRule::ClinicianConfirmed => from_status(
            Criterion::Fever,
            Status::from_option(p.fever_confirmed),
            vec![Field::FeverConfirmed],
        ),
        FeverRule::AtLeast38_5 => from_status(
            Criterion::Fever,
            Status::from_option(p.temperature.map(|t| t.at_least(&FEVER))),
            vec![Field::Temperature],
        ),
    }
}

/// Criterion 3 from its lineages: met if ≥ 2 cytopenic, not met if fewer than 2 reachable.
pub fn cytopenia_status(c: &Cytopenias) -> Status {
    if c.lineages_met >= CYTOPENIC_LINEAGES_NEEDED {
        Status::Met
    } else if c.lineages_met + c.lineages_unknown < CYTOPENIC_LINEAGES_NEEDED {
        Status::NotMet
    } else {
        Status::Unknown
    }
}

fn cytopenias(p: &Patient) -> Cytopenias {
    let (haemoglobin, haemoglobin_rule) = haemoglobin(p);
    let platelets = match p.platelets {
        Some(v) => SubTest::known(v.below(&PLATELETS)),
        None => SubTest::unknown(vec![Field::Platelets]),
    };
    let neutrophils = match p.neutrophils {
        Some(v) => SubTest::known(v.below(&NEUTROPHILS)),
        None => SubTest::unknown(vec![Field::Neutrophils]),
    };
    let lineages = [&haemoglobin, &platelets, &neutrophils];
    let lineages_met = lineages.iter().filter(|s| s.status == Status::Met).count() as u8;
    let lineages_unknown = lineages
        .iter()
        .filter(|s| s.status == Status::Unknown)
        .count() as u8;
    Cytopenias {
        haemoglobin,
        haemoglobin_rule,
        platelets,
        neutrophils,
        lineages_met,
        lineages_unknown,
    }
}

fn haemoglobin(p: &Patient) -> (SubTest, HaemoglobinRule) {
    let infant = p.age.map(|a| a.below(&INFANT_AGE));
    let Some(hb) = p.haemoglobin else {
        let rule = match infant {
            Some(true) => HaemoglobinRule::Infant,
            Some(false) => HaemoglobinRule::Standard,
            None => HaemoglobinRule::AgeNotNeeded,
        };
        return (SubTest::unknown(vec![Field::Haemoglobin]), rule);
    };
    match infant {
        Some(true) => (
            SubTest::known(hb.below(&HAEMOGLOBIN_INFANT)),
            HaemoglobinRule::Infant,
        ),
        Some(false) => (
            SubTest::known(hb.below(&HAEMOGLOBIN)),
            HaemoglobinRule::Standard,
        ),
        None => {
            let standard = hb.below(&HAEMOGLOBIN);
            let infant_rule = hb.below(&HAEMOGLOBIN_INFANT);
            if standard == infant_rule {
                (SubTest::known(standard), HaemoglobinRule::AgeNotNeeded)
            } else {
                (
                    SubTest::unknown(vec![Field::Age]),
                    HaemoglobinRule::AgeNeeded,
                )
            }
        }
    }
}

fn triglycerides_or_fibrinogen(p: &Patient) -> TriglyceridesOrFibrinogen {
    let sample = match p.triglycerides_fasting {
        Some(true) => TriglycerideSample::Fasting,
        Some(false) => TriglycerideSample::NotFasting,
        None => TriglycerideSample::NotRecorded,
    };
    let triglycerides = match (p.triglycerides, sample) {
        (None, TriglycerideSample::Fasting) => SubTest::unknown(vec![Field::Triglycerides]),
        (None, _) => SubTest::unknown(vec![Field::Triglycerides, Field::TriglyceridesFasting]),
        (Some(tg), TriglycerideSample::Fasting) => SubTest::known(tg.at_least(&TRIGLYCERIDES)),
        (Some(_), TriglycerideSample::NotFasting | TriglycerideSample::NotRecorded) => {
            SubTest::unknown(vec![Field::TriglyceridesFasting])
        }
    };
    let fibrinogen = match p.fibrinogen {
        Some(f) => SubTest::known(f.at_most(&FIBRINOGEN)),
        None => SubTest::unknown(vec![Field::Fibrinogen]),
    };
    let if_fasting = match (p.triglycerides, sample) {
        (Some(tg), TriglycerideSample::NotRecorded) => Some(tg.at_least(&TRIGLYCERIDES)),
        _ => None,
    };
    TriglyceridesOrFibrinogen {
        triglycerides,
        sample,
        fibrinogen,
        if_fasting,
    }
}

/// Met if hemophagocytosis is found in tissue or on the marrow aspirate (the marrow is one of
/// the tissues; a positive aspirate wins over a contradictory "no" for tissue); not met if
/// tissue is "no" and the aspirate is not positive; unknown otherwise (a negative aspirate
/// does not exclude spleen or lymph nodes).
fn hemophagocytosis(p: &Patient) -> (Status, HemophagocytosisBasis) {
    match (p.tissue_hemophagocytosis, p.marrow_hemophagocytosis) {
        (Some(true), _) => (Status::Met, HemophagocytosisBasis::Tissue),
        (_, Some(true)) => (Status::Met, HemophagocytosisBasis::MarrowAspirate),
        (Some(false), _) => (Status::NotMet, HemophagocytosisBasis::Tissue),
        (None, _) => (Status::Unknown, HemophagocytosisBasis::Unknown),
    }
}
