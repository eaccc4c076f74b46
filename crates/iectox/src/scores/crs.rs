//! ASTCT consensus grading of cytokine release syndrome (Lee et al., Biol Blood Marrow
//! Transplant 2019;25:625-38). Clinical specification §3, "Machine rules".
//!
//! - CRS is present with fever (T ≥ 38.0 °C / 100.4 °F), or without it once antipyretic or
//!   anti-cytokine therapy has been given (fever is then no longer required).
//! - Hypotension domain: none → 1; hypotension not requiring vasopressors → 2; exactly one
//!   non-vasopressin vasopressor (± vasopressin) → 3; two or more non-vasopressin
//!   vasopressors → 4. Vasopressin alone is read as one vasopressor → 3 (the paper does not
//!   address it; §3 "interpretation points").
//! - Hypoxia domain, by the oxygen support required (no PaO₂/SpO₂ threshold): none → 1;
//!   blow-by or nasal cannula ≤ 6.0 L/min → 2; nasal cannula > 6.0 L/min, high-flow nasal
//!   cannula, facemask (any flow), non-rebreather or Venturi mask → 3; CPAP, BiPAP or
//!   mechanical ventilation → 4.
//! - Grade = the more severe of the two domains when CRS is present; 0 without CRS; 5 for
//!   death due to CRS. Blood pressure is not an input: hypotension is graded by the treatment
//!   it needs. Organ toxicities never change the grade.
//!
//! A domain's grade 1 means "none": the CRS grade is 1 when there is fever without
//! hypotension or hypoxia.

use alloc::vec;
use alloc::vec::Vec;

use crate::assessment::Band;
use crate::assessment::{Assessment, Conclusion, Item, Range, Status};
use crate::patient::{Field, OxygenDevice, Patient};
use crate::sources::Source;
use crate::units::{Age, Quantity, Threshold, Unit};

/// CRS is present from grade 1.
pub const PRESENT_FROM_GRADE: u16 = 1;
/// Grade 5: death due to CRS.
pub const DEATH_GRADE: u16 = 5;

/// Fever: T ≥ 38.0 °C (100.4 °F) (Lee 2019, table footnote).
pub const FEVER: Threshold = Threshold {
    published: &[(Unit::Celsius, 38.0, 1), (Unit::Fahrenheit, 100.4, 1)],
};
/// Low-flow nasal cannula: ≤ 6 L/min is grade 2, above it grade 3 (Lee 2019, footnote).
pub const LOW_FLOW_MAX: Threshold = Threshold {
    published: &[(Unit::LPerMin, 6.0, 1)],
};

/// Fever: T ≥ 38.0 °C.
pub const FEVER_BAND: Band = Band::AtLeast(FEVER);
/// Low-flow nasal cannula (grade 2): ≤ 6 L/min.
pub const LOW_FLOW_BAND: Band = Band::AtMost(LOW_FLOW_MAX);
/// Nasal cannula above the low-flow maximum (grade 3): > 6 L/min.
pub const HIGH_FLOW_BAND: Band = Band::Above(LOW_FLOW_MAX);

/// A domain of the ASTCT CRS grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CrsDomain {
    /// Whether CRS is present: points 1 when fever (T ≥ 38.0 °C) or fever not required
    /// (antipyretic / anti-cytokine therapy given), 0 otherwise. Category: see
    /// [`FeverFinding`].
    Fever,
    /// Hypotension domain grade (points): 1 none, 2 without vasopressors, 3 one vasopressor
    /// (± vasopressin), 4 multiple vasopressors (excluding vasopressin). Category = grade − 1
    /// (the row of the paper's table).
    Hypotension,
    /// Hypoxia domain grade (points): 1 none, 2 low-flow nasal cannula ≤ 6 L/min or blow-by,
    /// 3 high-flow (> 6 L/min), facemask, non-rebreather or Venturi, 4 positive pressure.
    /// Category = grade − 1.
    Hypoxia,
    /// Death due to CRS: points 5 (category 1) or 0 (category 0).
    Death,
}

/// How the presence of CRS was established (the category of [`CrsDomain::Fever`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FeverFinding {
    /// T < 38.0 °C and no antipyretic or anti-cytokine therapy: no CRS (category 0).
    NoFever,
    /// T ≥ 38.0 °C (category 1).
    Fever,
    /// Antipyretic or anti-cytokine therapy given: fever no longer required (category 2).
    NotRequired,
}

impl FeverFinding {
    /// The category index of the finding.
    pub const fn category(self) -> u8 {
        match self {
            FeverFinding::NoFever => 0,
            FeverFinding::Fever => 1,
            FeverFinding::NotRequired => 2,
        }
    }
}

/// An interpretation the grade relied on, to be shown beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CrsNote {
    /// Vasopressin without another vasopressor was counted as one vasopressor (grade 3):
    /// the paper does not address vasopressin monotherapy.
    VasopressinAloneCountedAsOneVasopressor,
    /// Fever was not required because antipyretic or anti-cytokine therapy was given.
    FeverNotRequiredAfterTherapy,
}

/// The paediatric hypotension definition (Mahadeo et al., Nat Rev Clin Oncol 2019;16:45-63,
/// Table 2; clinical spec §9.1): a systolic blood pressure below `base_mmhg + per_year_mmhg ×
/// age` in completed years from `from_years` to `to_years`, below `above_mmhg` above
/// `to_years`. A note for children only: the ASTCT grade is graded by the support required,
/// never by a pressure (decision 5), and this changes nothing in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaediatricHypotension {
    /// mmHg at age 0 of the linear rule.
    pub base_mmhg: u16,
    /// mmHg added per completed year.
    pub per_year_mmhg: u16,
    /// First age (completed years) of the linear rule.
    pub from_years: u16,
    /// Last age (completed years) of the linear rule.
    pub to_years: u16,
    /// The limit above `to_years`, mmHg.
    pub above_mmhg: u16,
}

/// SBP < 70 + 2 × age (1–10 years), < 90 mmHg above 10 years (Mahadeo 2019, Table 2).
pub const PAEDIATRIC_HYPOTENSION: PaediatricHypotension = PaediatricHypotension {
    base_mmhg: 70,
    per_year_mmhg: 2,
    from_years: 1,
    to_years: 10,
    above_mmhg: 90,
};

/// The systolic pressure below which a child of `age` is hypotensive
/// ([`PAEDIATRIC_HYPOTENSION`]), mmHg; `None` under its first age (not given) and from 18 years
/// (an adult).
pub fn paediatric_hypotension_below_mmhg(age: Age) -> Option<u16> {
    let rule = PAEDIATRIC_HYPOTENSION;
    let years = age.canonical();
    if !(f64::from(rule.from_years)..crate::treatment::population::ADULT_FROM_AGE_YEARS)
        .contains(&years)
    {
        return None;
    }
    let completed = libm::floor(years) as u16;
    Some(if completed > rule.to_years {
        rule.above_mmhg
    } else {
        rule.base_mmhg + rule.per_year_mmhg * completed
    })
}

/// The ASTCT CRS grade for one patient.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Crs {
    /// Value = grade 0–5 (0 = no CRS); range = the grades still reachable; one item per
    /// domain. Conclusion: CRS present (grade ≥ 1).
    pub assessment: Assessment<CrsDomain>,
    /// The domain(s) that decide the grade, for highlighting (empty while the grade is not
    /// decided): `Death` for 5, `Fever` for 0 and 1, otherwise the domain(s) at the grade.
    pub deciding: Vec<CrsDomain>,
    /// How CRS presence was established, when known.
    pub fever: Option<FeverFinding>,
    /// Interpretations applied.
    pub notes: Vec<CrsNote>,
}

/// Grades CRS. Conclusion: CRS present (grade ≥ 1).
///
/// ```
/// use iectox::patient::OxygenDevice;
/// use iectox::units::{OxygenFlow, Quantity, Temperature, Unit};
/// use iectox::Patient;
/// let mut p = Patient::default();
/// p.temperature = Some(Temperature::new(39.5, Unit::Celsius).unwrap());
/// p.hypotension = Some(true);
/// p.vasopressors = Some(1);
/// p.vasopressin = Some(false);
/// p.oxygen_device = Some(OxygenDevice::NasalCannula);
/// p.oxygen_flow = Some(OxygenFlow::new(4.0, Unit::LPerMin).unwrap());
/// p.crs_death = Some(false);
/// let crs = iectox::scores::crs::assess(&p);
/// assert_eq!(crs.assessment.value, Some(3));
/// ```
pub fn assess(p: &Patient) -> Crs {
    let (fever, fever_missing) = presence(p);
    let fever_item = match fever {
        Some(f) => Item::known(
            CrsDomain::Fever,
            f.category(),
            u16::from(f != FeverFinding::NoFever),
        ),
        None => Item::unknown(CrsDomain::Fever, Range::new(0, 1), fever_missing),
    };
    let hypotension = hypotension_item(p);
    let hypoxia = hypoxia_item(p);
    // Grade 5 needs a recorded death due to CRS. A patient being graded is alive unless the
    // clinician records otherwise: an unanswered death question is "no", the one input read
    // this way (a living patient is not missing a result; ASTCT grade 5 is retrospective).
    let died = p.crs_death.unwrap_or(false);
    let death = Item::known(
        CrsDomain::Death,
        u8::from(died),
        if died { DEATH_GRADE } else { 0 },
    );

    let (range, missing) = grade_range(&fever_item, &[&hypotension, &hypoxia], died);

    let value = range.value();
    let deciding = match value {
        None => Vec::new(),
        Some(DEATH_GRADE) => vec![CrsDomain::Death],
        Some(0) | Some(1) => vec![CrsDomain::Fever],
        Some(g) => [&hypotension, &hypoxia]
            .iter()
            .filter(|i| i.points == Some(g))
            .map(|i| i.key)
            .collect(),
    };

    let mut notes = Vec::new();
    if p.vasopressors == Some(0) && p.vasopressin == Some(true) {
        notes.push(CrsNote::VasopressinAloneCountedAsOneVasopressor);
    }
    if fever == Some(FeverFinding::NotRequired) {
        notes.push(CrsNote::FeverNotRequiredAfterTherapy);
    }

    Crs {
        assessment: Assessment {
            value,
            range,
            conclusion: Conclusion::at_least(range, PRESENT_FROM_GRADE),
            items: vec![fever_item, hypotension, hypoxia, death],
            missing,
            sources: vec![Source::Lee2019],
        },
        deciding,
        fever,
        notes,
    }
}

/// The grade of a living patient: 0 without CRS, else the worst domain.
/// The grade range of a CRS grading system, and the missing inputs that can still change it,
/// from its presence item (0 or 1), its support/organ domains (grade 1 = none) and a recorded
/// death. Shared by ASTCT and the pre-2019 systems.
pub(crate) fn grade_range<P, D>(
    presence: &Item<P>,
    domains: &[&Item<D>],
    died: bool,
) -> (Range, Vec<Field>) {
    if died {
        return (Range::exact(DEATH_GRADE), Vec::new());
    }
    let worst = domains
        .iter()
        .fold(Range::exact(1), |acc, d| acc.max_with(d.range));
    let range = combine(presence.range, worst);
    let mut missing: Vec<Field> = Vec::new();
    if range.min != range.max {
        missing.extend(presence.missing.iter().copied());
        // A domain's inputs matter only while CRS may be present and the domain could still
        // reach above what the others already give.
        if presence.range.max == 1 {
            for d in domains {
                if d.range.max > d.range.min && d.range.max > worst.min {
                    missing.extend(d.missing.iter().copied());
                }
            }
        }
    }
    crate::order::sort_small(&mut missing);
    missing.dedup();
    (range, missing)
}

fn combine(presence: Range, domains: Range) -> Range {
    match (presence.min, presence.max) {
        (1, _) => domains,
        (_, 0) => Range::exact(0),
        _ => Range::new(0, domains.max),
    }
}

/// Whether CRS is present (fever ≥ 38.0 °C, or fever not required after antipyretic or
/// anti-cytokine therapy), and the inputs missing to tell. Shared with the pre-2019 systems.
pub fn presence(p: &Patient) -> (Option<FeverFinding>, Vec<Field>) {
    let febrile = p.temperature.map(|t| t.at_least(&FEVER));
    match (febrile, p.fever_masking_therapy) {
        (Some(true), _) => (Some(FeverFinding::Fever), Vec::new()),
        (_, Some(true)) => (Some(FeverFinding::NotRequired), Vec::new()),
        (Some(false), Some(false)) => (Some(FeverFinding::NoFever), Vec::new()),
        (Some(false), None) => (None, vec![Field::FeverMaskingTherapy]),
        (None, Some(false)) => (None, vec![Field::Temperature]),
        (None, None) => (None, vec![Field::Temperature, Field::FeverMaskingTherapy]),
    }
}

/// The hypotension domain grade of complete inputs: `hypotension`, the number of
/// non-vasopressin vasopressors, vasopressin.
pub const fn hypotension_grade(hypotension: bool, vasopressors: u8, vasopressin: bool) -> u16 {
    if vasopressors >= 2 {
        4
    } else if vasopressors == 1 || vasopressin {
        3
    } else if hypotension {
        2
    } else {
        1
    }
}

/// Every oxygen device, in declaration order (index = encoding used by the enumerations).
pub const DEVICES: [OxygenDevice; 10] = [
    OxygenDevice::None,
    OxygenDevice::BlowBy,
    OxygenDevice::NasalCannula,
    OxygenDevice::HighFlowNasalCannula,
    OxygenDevice::Facemask,
    OxygenDevice::NonRebreather,
    OxygenDevice::Venturi,
    OxygenDevice::Cpap,
    OxygenDevice::Bipap,
    OxygenDevice::MechanicalVentilation,
];

/// The hypoxia domain grade of a device; `high_flow` = nasal-cannula flow > 6 L/min (read
/// only for a nasal cannula).
pub const fn hypoxia_grade(device: OxygenDevice, high_flow: bool) -> u16 {
    match device {
        OxygenDevice::None => 1,
        OxygenDevice::BlowBy => 2,
        OxygenDevice::NasalCannula => {
            if high_flow {
                3
            } else {
                2
            }
        }
        OxygenDevice::HighFlowNasalCannula
        | OxygenDevice::Facemask
        | OxygenDevice::NonRebreather
        | OxygenDevice::Venturi => 3,
        OxygenDevice::Cpap | OxygenDevice::Bipap | OxygenDevice::MechanicalVentilation => 4,
    }
}

pub(crate) const BOOLS: &[u8] = &[0, 1];
pub(crate) const DEVICE_CODES: &[u8] = &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/// Candidates of a boolean input: the known value, or both.
pub(crate) fn bool_candidates(value: Option<bool>) -> &'static [u8] {
    match value {
        Some(false) => &[0],
        Some(true) => &[1],
        None => BOOLS,
    }
}

/// Candidates of a device input.
pub(crate) fn device_candidates(value: Option<OxygenDevice>) -> &'static [u8] {
    match value {
        Some(d) => {
            let i = device_index(d);
            &DEVICE_CODES[i..=i]
        }
        None => DEVICE_CODES,
    }
}

pub(crate) fn device_index(device: OxygenDevice) -> usize {
    DEVICES.iter().position(|&d| d == device).unwrap_or(0)
}

/// Every completion of some discrete inputs (each given as the list of values it may take):
/// the lowest and highest result, and for each input whether changing it alone can change
/// the result for some completion (i.e. whether it is needed).
pub(crate) fn explore<const N: usize>(
    candidates: [&[u8]; N],
    f: impl Fn(&[u8; N]) -> u16,
) -> (Range, [bool; N]) {
    let mut index = [0usize; N];
    let mut lo = u16::MAX;
    let mut hi = 0;
    let mut needed = [false; N];
    loop {
        let values: [u8; N] = core::array::from_fn(|i| candidates[i][index[i]]);
        let result = f(&values);
        lo = lo.min(result);
        hi = hi.max(result);
        for i in 0..N {
            if !needed[i] && candidates[i].len() > 1 {
                needed[i] = candidates[i].iter().any(|&alt| {
                    let mut other = values;
                    other[i] = alt;
                    f(&other) != result
                });
            }
        }
        let mut k = 0;
        loop {
            if k == N {
                return (Range::new(lo, hi), needed);
            }
            index[k] += 1;
            if index[k] < candidates[k].len() {
                break;
            }
            index[k] = 0;
            k += 1;
        }
    }
}

/// An item from an exploration: known when the range is a point, else unknown with the
/// needed fields. `category` maps a known grade to its category.
pub(crate) fn explored_item<K, const N: usize>(
    key: K,
    (range, needed): (Range, [bool; N]),
    fields: [Field; N],
    category: impl Fn(u16) -> u8,
) -> Item<K> {
    match range.value() {
        Some(g) => {
            let mut item = Item::known(key, category(g), g);
            item.status = if g > 1 { Status::Met } else { Status::NotMet };
            item
        }
        None => Item::unknown(
            key,
            range,
            fields
                .iter()
                .zip(needed)
                .filter(|(_, n)| *n)
                .map(|(&f, _)| f)
                .collect(),
        ),
    }
}

fn hypotension_item(p: &Patient) -> Item<CrsDomain> {
    let vasopressors: &[u8] = match p.vasopressors {
        Some(0) => &[0],
        Some(1) => &[1],
        Some(_) => &[2],
        None => &[0, 1, 2],
    };
    let explored = explore(
        [
            bool_candidates(p.hypotension),
            vasopressors,
            bool_candidates(p.vasopressin),
        ],
        |v| hypotension_grade(v[0] == 1, v[1], v[2] == 1),
    );
    explored_item(
        CrsDomain::Hypotension,
        explored,
        [Field::Hypotension, Field::Vasopressors, Field::Vasopressin],
        |g| (g - 1) as u8,
    )
}

fn hypoxia_item(p: &Patient) -> Item<CrsDomain> {
    let flow = bool_candidates(p.oxygen_flow.map(|f| !f.at_most(&LOW_FLOW_MAX)));
    let explored = explore([device_candidates(p.oxygen_device), flow], |v| {
        hypoxia_grade(DEVICES[usize::from(v[0])], v[1] == 1)
    });
    explored_item(
        CrsDomain::Hypoxia,
        explored,
        [Field::OxygenDevice, Field::OxygenFlow],
        |g| (g - 1) as u8,
    )
}
