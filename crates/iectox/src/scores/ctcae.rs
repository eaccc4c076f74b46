//! CTCAE v5.0 grades of the laboratory terms the other rules use (National Cancer Institute,
//! Common Terminology Criteria for Adverse Events v5.0, 2017; machine-readable check:
//! pharmaverse/admiral grading metadata). Clinical specification §6.
//!
//! Boundary semantics, exactly as §6: for a "decreased" term, "< A – B" means `B ≤ x < A`
//! (ANC 1.0 ×10⁹/L is grade 2, 0.99 is grade 3); for an "increased" term, "> A – B" means
//! `A < x ≤ B` (AST exactly 5.0 × ULN is grade 2). Absolute thresholds are compared in the
//! unit the value was entered in when CTCAE publishes one ([`Threshold`]); multiples of a
//! reference limit or baseline are compared after bringing both to one unit, with a relative
//! tolerance of 10⁻⁹ so that, e.g., a creatinine of exactly 1.5 × ULN is not pushed over the
//! boundary by floating-point rounding.
//!
//! Missing data: a grade that depends on a missing limit or baseline is reported as the range
//! of grades still reachable (e.g. neutrophils 1.2 ×10⁹/L with the LLN missing is grade 2,
//! decided by the absolute thresholds, while 1.8 ×10⁹/L is grade 0–1). A missing baseline is
//! never read as "baseline normal".

use alloc::vec;
use alloc::vec::Vec;
use core::cmp::Ordering;

use crate::assessment::{Assessment, Conclusion, Item, Range};
use crate::patient::{Field, Patient};
use crate::sources::Source;
use crate::units::{
    Alt, Ast, Bilirubin, Creatinine, Fibrinogen, Haemoglobin, Leukocytes, Neutrophils, Platelets,
    Quantity, Threshold, Unit,
};

/// The highest grade of a laboratory term (grade 5, death, is never a laboratory finding).
pub const MAX_GRADE: u16 = 4;
/// The summary conclusion of [`Ctcae`]: some term at grade ≥ 3 (severe).
pub const SEVERE_FROM_GRADE: u16 = 3;

/// A CTCAE v5.0 laboratory term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CtcaeTerm {
    /// Neutrophil count decreased: < LLN – 1.5; < 1.5 – 1.0; < 1.0 – 0.5; < 0.5 ×10⁹/L.
    NeutrophilCountDecreased,
    /// Platelet count decreased: < LLN – 75; < 75 – 50; < 50 – 25; < 25 ×10⁹/L.
    PlateletCountDecreased,
    /// White blood cell decreased: < LLN – 3.0; < 3.0 – 2.0; < 2.0 – 1.0; < 1.0 ×10⁹/L.
    WhiteBloodCellDecreased,
    /// Anemia: Hb < LLN – 10.0; < 10.0 – 8.0; < 8.0 g/dL. Grade 4 (life-threatening, urgent
    /// intervention) is a clinical judgement, not a haemoglobin value: the laboratory grade is
    /// at most 3.
    Anemia,
    /// AST increased: baseline normal > ULN – 3; > 3 – 5; > 5 – 20; > 20 × ULN. Baseline
    /// abnormal (above ULN): 1.5 – 3; > 3 – 5; > 5 – 20; > 20 × baseline.
    AstIncreased,
    /// ALT increased: as AST.
    AltIncreased,
    /// Blood bilirubin increased: baseline normal > ULN – 1.5; > 1.5 – 3; > 3 – 10; > 10 × ULN.
    /// Baseline abnormal: > 1.0 – 1.5; > 1.5 – 3; > 3 – 10; > 10 × baseline.
    BloodBilirubinIncreased,
    /// Fibrinogen decreased: < 1.0 – 0.75; < 0.75 – 0.5; < 0.5 – 0.25; < 0.25 × LLN. Baseline
    /// abnormal (below LLN): decrease from baseline < 25 %; 25 – < 50 %; 50 – < 75 %; ≥ 75 %.
    /// Either way, an absolute value < 50 mg/dL (0.5 g/L) is grade 4.
    FibrinogenDecreased,
    /// Creatinine increased: > ULN – 1.5 × ULN; > 1.5 – 3.0 × baseline or > 1.5 – 3.0 × ULN;
    /// > 3.0 × baseline or > 3.0 – 6.0 × ULN; > 6.0 × ULN.
    CreatinineIncreased,
}

impl CtcaeTerm {
    /// Every term, in the order of the breakdown.
    pub const ALL: &'static [CtcaeTerm] = &[
        CtcaeTerm::NeutrophilCountDecreased,
        CtcaeTerm::PlateletCountDecreased,
        CtcaeTerm::WhiteBloodCellDecreased,
        CtcaeTerm::Anemia,
        CtcaeTerm::AstIncreased,
        CtcaeTerm::AltIncreased,
        CtcaeTerm::BloodBilirubinIncreased,
        CtcaeTerm::FibrinogenDecreased,
        CtcaeTerm::CreatinineIncreased,
    ];

    /// The inputs of the term: the value, its reference limit (LLN or ULN) and, for the
    /// terms that have a baseline branch, the baseline.
    pub const fn fields(self) -> &'static [Field] {
        match self {
            CtcaeTerm::NeutrophilCountDecreased => &[Field::Neutrophils, Field::NeutrophilsLln],
            CtcaeTerm::PlateletCountDecreased => &[Field::Platelets, Field::PlateletsLln],
            CtcaeTerm::WhiteBloodCellDecreased => &[Field::Leukocytes, Field::LeukocytesLln],
            CtcaeTerm::Anemia => &[Field::Haemoglobin, Field::HaemoglobinLln],
            CtcaeTerm::AstIncreased => &[Field::Ast, Field::AstUln, Field::AstBaseline],
            CtcaeTerm::AltIncreased => &[Field::Alt, Field::AltUln, Field::AltBaseline],
            CtcaeTerm::BloodBilirubinIncreased => &[
                Field::Bilirubin,
                Field::BilirubinUln,
                Field::BilirubinBaseline,
            ],
            CtcaeTerm::FibrinogenDecreased => &[
                Field::Fibrinogen,
                Field::FibrinogenLln,
                Field::FibrinogenBaseline,
            ],
            CtcaeTerm::CreatinineIncreased => &[
                Field::Creatinine,
                Field::CreatinineUln,
                Field::CreatinineBaseline,
            ],
        }
    }
}

// Absolute thresholds, in every unit CTCAE v5.0 prints them in (spec §6).
/// Neutrophils 1.5 ×10⁹/L (1500/mm³): below it grade ≥ 2.
pub const NEUTROPHILS_GRADE_2: Threshold = Threshold {
    published: &[(Unit::E9PerL, 1.5, 1), (Unit::PerUl, 1500.0, 0)],
};
/// Neutrophils 1.0 ×10⁹/L (1000/mm³): below it grade ≥ 3.
pub const NEUTROPHILS_GRADE_3: Threshold = Threshold {
    published: &[(Unit::E9PerL, 1.0, 1), (Unit::PerUl, 1000.0, 0)],
};
/// Neutrophils 0.5 ×10⁹/L (500/mm³): below it grade 4.
pub const NEUTROPHILS_GRADE_4: Threshold = Threshold {
    published: &[(Unit::E9PerL, 0.5, 1), (Unit::PerUl, 500.0, 0)],
};
/// Platelets 75 ×10⁹/L (75 000/mm³): below it grade ≥ 2.
pub const PLATELETS_GRADE_2: Threshold = Threshold {
    published: &[(Unit::E9PerL, 75.0, 0), (Unit::PerUl, 75_000.0, 0)],
};
/// Platelets 50 ×10⁹/L (50 000/mm³): below it grade ≥ 3.
pub const PLATELETS_GRADE_3: Threshold = Threshold {
    published: &[(Unit::E9PerL, 50.0, 0), (Unit::PerUl, 50_000.0, 0)],
};
/// Platelets 25 ×10⁹/L (25 000/mm³): below it grade 4.
pub const PLATELETS_GRADE_4: Threshold = Threshold {
    published: &[(Unit::E9PerL, 25.0, 0), (Unit::PerUl, 25_000.0, 0)],
};
/// Leukocytes 3.0 ×10⁹/L (3000/mm³): below it grade ≥ 2.
pub const LEUKOCYTES_GRADE_2: Threshold = Threshold {
    published: &[(Unit::E9PerL, 3.0, 1), (Unit::PerUl, 3000.0, 0)],
};
/// Leukocytes 2.0 ×10⁹/L (2000/mm³): below it grade ≥ 3.
pub const LEUKOCYTES_GRADE_3: Threshold = Threshold {
    published: &[(Unit::E9PerL, 2.0, 1), (Unit::PerUl, 2000.0, 0)],
};
/// Leukocytes 1.0 ×10⁹/L (1000/mm³): below it grade 4.
pub const LEUKOCYTES_GRADE_4: Threshold = Threshold {
    published: &[(Unit::E9PerL, 1.0, 1), (Unit::PerUl, 1000.0, 0)],
};
/// Haemoglobin 10.0 g/dL (6.2 mmol/L; 100 g/L): below it grade ≥ 2.
pub const HAEMOGLOBIN_GRADE_2: Threshold = Threshold {
    published: &[
        (Unit::GPerDl, 10.0, 1),
        (Unit::MmolPerL, 6.2, 1),
        (Unit::GPerL, 100.0, 0),
    ],
};
/// Haemoglobin 8.0 g/dL (4.9 mmol/L; 80 g/L): below it grade 3.
pub const HAEMOGLOBIN_GRADE_3: Threshold = Threshold {
    published: &[
        (Unit::GPerDl, 8.0, 1),
        (Unit::MmolPerL, 4.9, 1),
        (Unit::GPerL, 80.0, 0),
    ],
};
/// Fibrinogen 50 mg/dL (0.5 g/L): below it grade 4 whatever the LLN or baseline.
pub const FIBRINOGEN_GRADE_4: Threshold = Threshold {
    published: &[(Unit::MgPerDl, 50.0, 0), (Unit::GPerL, 0.5, 1)],
};

/// Multiples of a reference for an "increased" term: grade k when the value is above
/// `multiples[k - 1]` × reference (at or above it for grade 1 when `first_inclusive`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// Lower bounds of grades 1–4, as multiples of the reference.
    pub multiples: [f64; 4],
    /// Whether the grade-1 bound is inclusive ("1.5 – 3.0 × baseline").
    pub first_inclusive: bool,
}

/// AST/ALT, baseline normal: > 1, 3, 5, 20 × ULN.
pub const TRANSAMINASE_ULN: Scale = Scale {
    multiples: [1.0, 3.0, 5.0, 20.0],
    first_inclusive: false,
};
/// AST/ALT, baseline abnormal: ≥ 1.5, > 3, 5, 20 × baseline.
pub const TRANSAMINASE_BASELINE: Scale = Scale {
    multiples: [1.5, 3.0, 5.0, 20.0],
    first_inclusive: true,
};
/// Bilirubin, baseline normal: > 1, 1.5, 3, 10 × ULN.
pub const BILIRUBIN_ULN: Scale = Scale {
    multiples: [1.0, 1.5, 3.0, 10.0],
    first_inclusive: false,
};
/// Bilirubin, baseline abnormal: > 1, 1.5, 3, 10 × baseline.
pub const BILIRUBIN_BASELINE: Scale = Scale {
    multiples: [1.0, 1.5, 3.0, 10.0],
    first_inclusive: false,
};
/// Creatinine against ULN: > 1, 1.5, 3, 6 × ULN.
pub const CREATININE_ULN: Scale = Scale {
    multiples: [1.0, 1.5, 3.0, 6.0],
    first_inclusive: false,
};
/// Creatinine against baseline: > 1.5 × baseline is grade 2, > 3 × baseline grade 3.
pub const CREATININE_BASELINE: [(f64, u16); 2] = [(3.0, 3), (1.5, 2)];
/// Fibrinogen against LLN: grade k below `fractions[k - 1]` × LLN.
pub const FIBRINOGEN_LLN: [f64; 4] = [1.0, 0.75, 0.5, 0.25];
/// Fibrinogen with an abnormal baseline: grade k at or below `fractions[k - 2]` × baseline
/// (decrease ≥ 25 %, 50 %, 75 %) for k = 2..4; grade 1 for any smaller decrease.
pub const FIBRINOGEN_BASELINE: [f64; 3] = [0.75, 0.5, 0.25];

/// How this crate reads a CTCAE rule whose wording leaves room; shown wherever the term's
/// grade is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CtcaeReading {
    /// Fibrinogen decreased: "if abnormal" is read as a baseline below the LLN; the grade by
    /// the %-decrease from that baseline then replaces the grade against the LLN.
    FibrinogenAbnormalBaselineIsBelowLln,
}

impl CtcaeTerm {
    /// The readings this crate applies to the term's rule.
    pub const fn readings(self) -> &'static [CtcaeReading] {
        match self {
            CtcaeTerm::FibrinogenDecreased => &[CtcaeReading::FibrinogenAbnormalBaselineIsBelowLln],
            _ => &[],
        }
    }
}

/// The CTCAE v5.0 laboratory grades of one patient.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ctcae {
    /// One item per term ([`CtcaeTerm::ALL`] order; `points` = the grade 0–4 when decided,
    /// `range` the grades still reachable, `missing` the inputs that would decide it).
    /// Value = the worst grade over the terms; conclusion: some term at grade ≥ 3.
    pub assessment: Assessment<CtcaeTerm>,
}

impl Ctcae {
    /// The item of one term.
    pub fn term(&self, term: CtcaeTerm) -> &Item<CtcaeTerm> {
        self.assessment.item(term).expect("every term has an item")
    }
}

/// Grades every term. Conclusion of the summary: some term at grade ≥ 3.
///
/// ```
/// use iectox::scores::ctcae::{self, CtcaeTerm};
/// use iectox::units::{Neutrophils, Quantity, Unit};
/// use iectox::Patient;
/// let mut p = Patient::default();
/// p.neutrophils = Some(Neutrophils::new(1.2, Unit::E9PerL).unwrap());
/// let c = ctcae::assess(&p);
/// // grade 2 by the absolute thresholds, LLN not needed
/// assert_eq!(c.term(CtcaeTerm::NeutrophilCountDecreased).points, Some(2));
/// ```
pub fn assess(p: &Patient) -> Ctcae {
    let items: Vec<Item<CtcaeTerm>> = CtcaeTerm::ALL.iter().map(|&t| term(p, t)).collect();
    let range = items
        .iter()
        .fold(Range::exact(0), |acc, item| acc.max_with(item.range));
    let conclusion = Conclusion::at_least(range, SEVERE_FROM_GRADE);
    let mut missing: Vec<Field> = items
        .iter()
        .filter(|i| i.range.max > range.min)
        .flat_map(|i| i.missing.iter().copied())
        .collect();
    crate::order::sort_small(&mut missing);
    missing.dedup();
    Ctcae {
        assessment: Assessment {
            value: range.value(),
            range,
            conclusion,
            items,
            missing,
            sources: vec![Source::Ctcae5],
        },
    }
}

/// The item of one term for a patient: the grade (or its reachable range) and the inputs
/// missing to decide it. Used by the rules that need CTCAE grades (IEC-HS, CARTOX, Lee 2014,
/// Penn).
pub fn term(p: &Patient, term: CtcaeTerm) -> Item<CtcaeTerm> {
    let fields = term.fields();
    let range = match term {
        CtcaeTerm::NeutrophilCountDecreased => p
            .neutrophils
            .map(|v| neutrophil_grade(v, p.neutrophils_lln)),
        CtcaeTerm::PlateletCountDecreased => {
            p.platelets.map(|v| platelet_grade(v, p.platelets_lln))
        }
        CtcaeTerm::WhiteBloodCellDecreased => {
            p.leukocytes.map(|v| leukocyte_grade(v, p.leukocytes_lln))
        }
        CtcaeTerm::Anemia => p.haemoglobin.map(|v| anaemia_grade(v, p.haemoglobin_lln)),
        CtcaeTerm::AstIncreased => p
            .ast
            .map(|v| transaminase_grade::<Ast>(v, p.ast_uln, p.ast_baseline)),
        CtcaeTerm::AltIncreased => p
            .alt
            .map(|v| transaminase_grade::<Alt>(v, p.alt_uln, p.alt_baseline)),
        CtcaeTerm::BloodBilirubinIncreased => p
            .bilirubin
            .map(|v| bilirubin_grade(v, p.bilirubin_uln, p.bilirubin_baseline)),
        CtcaeTerm::FibrinogenDecreased => p
            .fibrinogen
            .map(|v| fibrinogen_grade(v, p.fibrinogen_lln, p.fibrinogen_baseline)),
        CtcaeTerm::CreatinineIncreased => p
            .creatinine
            .map(|v| creatinine_grade(v, p.creatinine_uln, p.creatinine_baseline)),
    };
    match range {
        None => Item::unknown(term, Range::new(0, max_grade(term)), vec![fields[0]]),
        Some(r) => match r.value() {
            Some(g) => Item::known(term, g as u8, g),
            None => {
                let present = references_present(p, term);
                let missing = fields[1..]
                    .iter()
                    .zip(present)
                    .filter(|(_, present)| !present)
                    .map(|(&f, _)| f)
                    .collect();
                Item::unknown(term, r, missing)
            }
        },
    }
}

fn max_grade(term: CtcaeTerm) -> u16 {
    match term {
        CtcaeTerm::Anemia => 3,
        _ => MAX_GRADE,
    }
}

/// Whether the reference limit and (if the term has one) the baseline were entered.
fn references_present(p: &Patient, term: CtcaeTerm) -> [bool; 2] {
    match term {
        CtcaeTerm::NeutrophilCountDecreased => [p.neutrophils_lln.is_some(), true],
        CtcaeTerm::PlateletCountDecreased => [p.platelets_lln.is_some(), true],
        CtcaeTerm::WhiteBloodCellDecreased => [p.leukocytes_lln.is_some(), true],
        CtcaeTerm::Anemia => [p.haemoglobin_lln.is_some(), true],
        CtcaeTerm::AstIncreased => [p.ast_uln.is_some(), p.ast_baseline.is_some()],
        CtcaeTerm::AltIncreased => [p.alt_uln.is_some(), p.alt_baseline.is_some()],
        CtcaeTerm::BloodBilirubinIncreased => {
            [p.bilirubin_uln.is_some(), p.bilirubin_baseline.is_some()]
        }
        CtcaeTerm::FibrinogenDecreased => {
            [p.fibrinogen_lln.is_some(), p.fibrinogen_baseline.is_some()]
        }
        CtcaeTerm::CreatinineIncreased => {
            [p.creatinine_uln.is_some(), p.creatinine_baseline.is_some()]
        }
    }
}

/// Compares `value` with `multiple × reference`: in the entered unit when both share it,
/// otherwise in the canonical unit; equal within a relative tolerance of 10⁻⁹.
pub fn compare_multiple<Q: Quantity>(value: Q, multiple: f64, reference: Q) -> Ordering {
    let (a, b) = if value.unit() == reference.unit() {
        (value.value(), reference.value())
    } else {
        (value.canonical(), reference.canonical())
    };
    let t = multiple * b;
    let scale = a.abs().max(t.abs());
    if (a - t).abs() <= 1e-9 * scale {
        Ordering::Equal
    } else {
        a.total_cmp(&t)
    }
}

/// The grade of an "increased" term against one reference (ULN or baseline) on `scale`.
pub fn grade_above<Q: Quantity>(value: Q, reference: Q, scale: &Scale) -> u16 {
    for k in (1..=4u16).rev() {
        let ord = compare_multiple(value, scale.multiples[usize::from(k - 1)], reference);
        if ord == Ordering::Greater || (k == 1 && scale.first_inclusive && ord == Ordering::Equal) {
            return k;
        }
    }
    0
}

/// A decreased count graded by three absolute thresholds (grades 2–4, strict "<") and the
/// LLN (grade 1, strict "<"). With the LLN missing, only grades 2–4 can be decided.
fn decreased_count<Q: Quantity>(value: Q, lln: Option<Q>, absolute: [&Threshold; 3]) -> Range {
    let grade = absolute
        .iter()
        .rposition(|t| value.below(t))
        .map_or(0, |i| i as u16 + 2);
    if grade >= 2 {
        return Range::exact(grade);
    }
    match lln {
        Some(l) => Range::exact(u16::from(compare_multiple(value, 1.0, l) == Ordering::Less)),
        None => Range::new(0, 1),
    }
}

/// Neutrophil count decreased (grade range; the LLN decides grade 0 from 1 only).
pub fn neutrophil_grade(value: Neutrophils, lln: Option<Neutrophils>) -> Range {
    decreased_count(
        value,
        lln,
        [
            &NEUTROPHILS_GRADE_2,
            &NEUTROPHILS_GRADE_3,
            &NEUTROPHILS_GRADE_4,
        ],
    )
}

/// Platelet count decreased (grade range).
pub fn platelet_grade(value: Platelets, lln: Option<Platelets>) -> Range {
    decreased_count(
        value,
        lln,
        [&PLATELETS_GRADE_2, &PLATELETS_GRADE_3, &PLATELETS_GRADE_4],
    )
}

/// White blood cell decreased (grade range).
pub fn leukocyte_grade(value: Leukocytes, lln: Option<Leukocytes>) -> Range {
    decreased_count(
        value,
        lln,
        [
            &LEUKOCYTES_GRADE_2,
            &LEUKOCYTES_GRADE_3,
            &LEUKOCYTES_GRADE_4,
        ],
    )
}

/// Anemia by haemoglobin (grade range, at most 3: grade 4 is clinical).
pub fn anaemia_grade(value: Haemoglobin, lln: Option<Haemoglobin>) -> Range {
    let grade = if value.below(&HAEMOGLOBIN_GRADE_3) {
        3
    } else if value.below(&HAEMOGLOBIN_GRADE_2) {
        2
    } else {
        0
    };
    if grade >= 2 {
        return Range::exact(grade);
    }
    match lln {
        Some(l) => Range::exact(u16::from(compare_multiple(value, 1.0, l) == Ordering::Less)),
        None => Range::new(0, 1),
    }
}

/// An "increased" term with a baseline-normal scale (× ULN) and a baseline-abnormal scale
/// (× baseline; baseline abnormal = above ULN).
///
/// Missing inputs: with the baseline missing, the baseline-abnormal branch can give any grade
/// from 0 up to the ULN grade, so the range is `0 ..= ULN grade`; with the ULN missing, the
/// baseline-normal branch (ULN ≥ baseline) reaches at most the grade the value has against
/// the baseline on the ULN scale.
fn increased_with_baseline<Q: Quantity>(
    value: Q,
    uln: Option<Q>,
    baseline: Option<Q>,
    normal: &Scale,
    abnormal: &Scale,
) -> Range {
    match (uln, baseline) {
        (Some(u), Some(b)) => {
            if compare_multiple(b, 1.0, u) == Ordering::Greater {
                Range::exact(grade_above(value, b, abnormal))
            } else {
                Range::exact(grade_above(value, u, normal))
            }
        }
        (Some(u), None) => Range::new(0, grade_above(value, u, normal)),
        (None, Some(b)) => Range::new(
            0,
            grade_above(value, b, normal).max(grade_above(value, b, abnormal)),
        ),
        (None, None) => Range::new(0, MAX_GRADE),
    }
}

/// AST or ALT increased (grade range): > 5 × ULN (baseline normal) or > 5 × baseline
/// (baseline above ULN) is grade ≥ 3 — the IEC-HS transaminase criterion.
pub fn transaminase_grade<Q: Quantity>(value: Q, uln: Option<Q>, baseline: Option<Q>) -> Range {
    increased_with_baseline(
        value,
        uln,
        baseline,
        &TRANSAMINASE_ULN,
        &TRANSAMINASE_BASELINE,
    )
}

/// Blood bilirubin increased (grade range).
pub fn bilirubin_grade(
    value: Bilirubin,
    uln: Option<Bilirubin>,
    baseline: Option<Bilirubin>,
) -> Range {
    increased_with_baseline(value, uln, baseline, &BILIRUBIN_ULN, &BILIRUBIN_BASELINE)
}

/// Creatinine increased (grade range): the higher of the grade against ULN and the grade
/// against baseline (> 1.5 × baseline grade 2, > 3 × baseline grade 3). With the baseline
/// missing the baseline grade can be anything up to 3; with the ULN missing, anything up to 4.
pub fn creatinine_grade(
    value: Creatinine,
    uln: Option<Creatinine>,
    baseline: Option<Creatinine>,
) -> Range {
    let by_baseline = |b: Creatinine| {
        CREATININE_BASELINE
            .iter()
            .find(|(m, _)| compare_multiple(value, *m, b) == Ordering::Greater)
            .map_or(0, |&(_, g)| g)
    };
    let uln_range = match uln {
        Some(u) => Range::exact(grade_above(value, u, &CREATININE_ULN)),
        None => Range::new(0, MAX_GRADE),
    };
    let baseline_range = match baseline {
        Some(b) => Range::exact(by_baseline(b)),
        None => Range::new(0, 3),
    };
    uln_range.max_with(baseline_range)
}

/// Fibrinogen decreased (grade range). Baseline abnormal = below LLN; then the decrease from
/// baseline grades it (no decrease: grade 0). An absolute value < 50 mg/dL (0.5 g/L) is
/// grade 4 whatever the LLN or baseline.
pub fn fibrinogen_grade(
    value: Fibrinogen,
    lln: Option<Fibrinogen>,
    baseline: Option<Fibrinogen>,
) -> Range {
    if value.below(&FIBRINOGEN_GRADE_4) {
        return Range::exact(4);
    }
    let by_lln = |l: Fibrinogen| {
        (1..=4u16)
            .rev()
            .find(|&k| {
                compare_multiple(value, FIBRINOGEN_LLN[usize::from(k - 1)], l) == Ordering::Less
            })
            .unwrap_or(0)
    };
    let by_decrease = |b: Fibrinogen| {
        if let Some(i) = FIBRINOGEN_BASELINE
            .iter()
            .rposition(|&f| compare_multiple(value, f, b) != Ordering::Greater)
        {
            i as u16 + 2
        } else if compare_multiple(value, 1.0, b) == Ordering::Less {
            1
        } else {
            0
        }
    };
    match (lln, baseline) {
        (Some(l), Some(b)) => {
            if compare_multiple(b, 1.0, l) == Ordering::Less {
                Range::exact(by_decrease(b))
            } else {
                Range::exact(by_lln(l))
            }
        }
        (Some(l), None) => Range::new(0, by_lln(l)),
        (None, Some(b)) => Range::new(0, by_lln(b).max(by_decrease(b))),
        (None, None) => Range::new(0, MAX_GRADE),
    }
}
