//! Pre-2019 CRS grading systems, for side-by-side display with ASTCT: Lee 2014 (Blood
//! 124:188), Penn (Porter 2018, J Hematol Oncol 11:35), MSKCC (Park 2018, NEJM 378:449) and
//! CARTOX (Neelapu 2018, Nat Rev Clin Oncol 15:47), as compared by Pennisi 2020. Clinical
//! specification §8.
//!
//! Each system's grade is the worst of its domains (hypotension, oxygen, organ toxicity, …)
//! once CRS is present, 0 without CRS and 5 for death due to CRS. Every domain is an item
//! whose points are the grade that domain alone gives (1 = nothing beyond grade 1). These
//! systems need inputs ASTCT does not (FiO₂ ≥ 40 %, high-dose vasopressors, hours on
//! vasopressors, CTCAE organ grades, …): when one of them is missing and could change the
//! grade, the system is **not assessable** — its value is `None`, and its range and missing
//! inputs say what is still possible and what to enter. Nothing is guessed.
//!
//! Where the §8 table is ambiguous the reading chosen is listed, per system, as
//! [`Interpretation`]s (shown beside the grade); each is documented on its variant.

use alloc::vec;
use alloc::vec::Vec;

use crate::assessment::{Assessment, Conclusion, Item, Range, Status};
use crate::patient::{Field, OxygenDevice, Patient};
use crate::scores::crs::{
    bool_candidates, device_candidates, explore, presence, FeverFinding, DEVICES,
};
use crate::scores::ctcae::{self, CtcaeTerm};
use crate::sources::Source;
use crate::units::{Quantity, Threshold, Unit};

/// CRS is present from grade 1.
pub const PRESENT_FROM_GRADE: u16 = 1;
/// Grade 5: death due to CRS.
pub const DEATH_GRADE: u16 = 5;
/// FiO₂ 40 % (0.40): below it grade 2, at or above it grade 3 (Lee 2014, MSKCC, CARTOX).
pub const FIO2_40: Threshold = Threshold {
    published: &[(Unit::Percent, 40.0, 0), (Unit::Fraction, 0.40, 2)],
};
/// Hours on vasopressors: from 24 h, MSKCC grade 3.
pub const MSKCC_VASOPRESSOR_HOURS: u16 = 24;
/// Fluid boluses: from 2 ("multiple"), Penn grade 3.
pub const PENN_MULTIPLE_BOLUSES: u8 = 2;

/// A pre-2019 grading system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum LegacySystem {
    /// Lee 2014.
    Lee2014,
    /// University of Pennsylvania (Porter 2018).
    Penn,
    /// Memorial Sloan Kettering (Park 2018).
    Mskcc,
    /// CARTOX (Neelapu 2018).
    Cartox,
}

impl LegacySystem {
    /// Every system, in display order.
    pub const ALL: [LegacySystem; 4] = [
        LegacySystem::Lee2014,
        LegacySystem::Penn,
        LegacySystem::Mskcc,
        LegacySystem::Cartox,
    ];

    /// The publication that defines the system.
    pub const fn source(self) -> Source {
        match self {
            LegacySystem::Lee2014 => Source::Lee2014,
            LegacySystem::Penn => Source::Porter2018,
            LegacySystem::Mskcc => Source::Park2018,
            LegacySystem::Cartox => Source::Neelapu2018,
        }
    }

    /// The domains the system uses (besides presence and death).
    pub const fn domains(self) -> &'static [LegacyDomain] {
        match self {
            LegacySystem::Lee2014 | LegacySystem::Cartox => &[
                LegacyDomain::Hypotension,
                LegacyDomain::Oxygen,
                LegacyDomain::Creatinine,
                LegacyDomain::Transaminases,
                LegacyDomain::OtherOrganToxicity,
            ],
            LegacySystem::Penn => &[
                LegacyDomain::Hypotension,
                LegacyDomain::Oxygen,
                LegacyDomain::Creatinine,
                LegacyDomain::Transaminases,
                LegacyDomain::Coagulopathy,
                LegacyDomain::Hospitalisation,
            ],
            LegacySystem::Mskcc => &[LegacyDomain::Hypotension, LegacyDomain::Oxygen],
        }
    }

    /// The readings chosen where the §8 table is ambiguous.
    pub const fn interpretations(self) -> &'static [Interpretation] {
        match self {
            LegacySystem::Lee2014 => &[
                Interpretation::PresenceByFeverRule,
                Interpretation::VasopressinCountsAsVasopressor,
                Interpretation::VasopressorDetailsOnlyWithVasopressor,
                Interpretation::VentilatorSupportIncludesNonInvasive,
                Interpretation::OrganToxicityInputs,
            ],
            LegacySystem::Penn => &[
                Interpretation::PresenceByFeverRule,
                Interpretation::VasopressinCountsAsVasopressor,
                Interpretation::VasopressorDetailsOnlyWithVasopressor,
                Interpretation::MechanicalVentilationIsInvasive,
                Interpretation::AnyVasopressorNotHighDoseIsLowDose,
                Interpretation::MultipleBolusesMeansTwoOrMore,
                Interpretation::OrganDysfunctionWithoutHospitalisationFlag,
                Interpretation::PennOrganToxicityFromCreatinineAndTransaminases,
            ],
            LegacySystem::Mskcc => &[
                Interpretation::PresenceByFeverRule,
                Interpretation::VasopressinCountsAsVasopressor,
                Interpretation::VasopressorDetailsOnlyWithVasopressor,
                Interpretation::MechanicalVentilationIsInvasive,
                Interpretation::HypotensionWithoutVasopressorIsSupportiveCare,
                Interpretation::RefractoryToHighDoseReadAsHighDose,
            ],
            LegacySystem::Cartox => &[
                Interpretation::PresenceByFeverRule,
                Interpretation::VasopressinCountsAsVasopressor,
                Interpretation::VasopressorDetailsOnlyWithVasopressor,
                Interpretation::VentilatorSupportIncludesNonInvasive,
                Interpretation::OrganToxicityInputs,
                Interpretation::LifeThreateningHypotensionNotComputed,
            ],
        }
    }
}

/// A domain of a pre-2019 grade. Points = the grade the domain alone gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum LegacyDomain {
    /// CRS present (1) or not (0), by the ASTCT fever rule (see
    /// [`Interpretation::PresenceByFeverRule`]).
    Presence,
    /// Hypotension and its treatment: fluids, vasopressors (number, vasopressin, high dose,
    /// hours).
    Hypotension,
    /// Oxygen: device and FiO₂.
    Oxygen,
    /// CTCAE grade of creatinine increased.
    Creatinine,
    /// CTCAE grade of AST / ALT increased (the worse of the two): "transaminitis".
    Transaminases,
    /// The worst CTCAE grade of any other CRS-related organ toxicity (entered).
    OtherOrganToxicity,
    /// Coagulopathy needing plasma, cryoprecipitate or fibrinogen concentrate (Penn 3).
    Coagulopathy,
    /// Hospitalisation needed for CRS (Penn 2).
    Hospitalisation,
    /// Death due to CRS: 5 (or 0).
    Death,
}

/// A reading chosen where the §8 table is ambiguous, shown beside the grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Interpretation {
    /// CRS presence (grade ≥ 1) is decided, in every system, by the ASTCT rule (fever
    /// ≥ 38.0 °C, or fever not required after antipyretic / anti-cytokine therapy), so that
    /// the same patient is compared; without CRS every system grades 0 (the systems agree on
    /// presence in 99 % of patients, Pennisi 2020).
    PresenceByFeverRule,
    /// Only ASTCT excludes vasopressin: in the pre-2019 systems vasopressin is a vasopressor
    /// like any other ("multiple" counts it; vasopressin alone is one vasopressor).
    VasopressinCountsAsVasopressor,
    /// "High-dose vasopressor" and "hours on vasopressors" are read only when at least one
    /// vasopressor is recorded; with no vasopressor they cannot raise the grade.
    VasopressorDetailsOnlyWithVasopressor,
    /// "Ventilator support" (Lee 2014 and CARTOX grade 4) includes non-invasive positive
    /// pressure (CPAP, BiPAP) as well as invasive ventilation: the higher-grade reading.
    VentilatorSupportIncludesNonInvasive,
    /// "Mechanical ventilation" (Penn and MSKCC grade 4) is invasive ventilation: Penn's own
    /// grade 3 lists CPAP and BiPAP as supplemental oxygen; MSKCC grades CPAP/BiPAP by FiO₂.
    MechanicalVentilationIsInvasive,
    /// Organ toxicity = the worst of the CTCAE creatinine grade and the entered "other organ
    /// toxicity" grade (bilirubin and non-laboratory toxicities enter there); transaminitis
    /// (AST/ALT) is graded on its own because grade 4 transaminitis is grade 3 CRS.
    OrganToxicityInputs,
    /// Penn "low-dose vasopressors": any vasopressor not recorded as high-dose (one or
    /// several) is grade 3; high-dose is grade 4.
    AnyVasopressorNotHighDoseIsLowDose,
    /// Penn "multiple fluid boluses": two or more.
    MultipleBolusesMeansTwoOrMore,
    /// Penn grade 3 "hospitalisation for organ dysfunction incl. grade 4 LFTs or grade 3
    /// creatinine" is met by the laboratory grade alone (a patient with such values is
    /// hospitalised); grade 2 creatinine or grade 3 LFTs give grade 2.
    OrganDysfunctionWithoutHospitalisationFlag,
    /// Penn names organ dysfunction by creatinine and LFTs (AST/ALT) only; the "other organ
    /// toxicity" grade is not used.
    PennOrganToxicityFromCreatinineAndTransaminases,
    /// MSKCC: hypotension not needing a vasopressor is "supportive care only" (grade 1).
    HypotensionWithoutVasopressorIsSupportiveCare,
    /// MSKCC grade 4 "refractory to high-dose vasopressors" is read as "requiring high-dose
    /// vasopressors" (the higher-grade reading; refractoriness is not an input).
    RefractoryToHighDoseReadAsHighDose,
    /// CARTOX grade 4 "life-threatening hypotension" has no input (it is a clinical
    /// judgement): the hypotension domain reaches at most 3 (high-dose or multiple
    /// vasopressors), and the UI should say a life-threatening hypotension makes it 4.
    LifeThreateningHypotensionNotComputed,
}

/// One system's grade for the patient.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LegacyGrade {
    /// The system.
    pub system: LegacySystem,
    /// Value = grade 0–5, `None` when not assessable (then `range` and `missing` say what is
    /// still possible and what to enter); items = presence, the system's domains, death.
    /// Conclusion: CRS present (grade ≥ 1).
    pub assessment: Assessment<LegacyDomain>,
    /// The readings applied (see [`LegacySystem::interpretations`]).
    pub interpretations: Vec<Interpretation>,
    /// The domain(s) that decide the grade, as in [`crate::scores::crs::Crs::deciding`]:
    /// empty while the grade is not decided; `Death` for 5; `Presence` for 0 and 1;
    /// otherwise every domain at the grade.
    #[cfg_attr(feature = "serde", serde(default))]
    pub deciding: Vec<LegacyDomain>,
}

/// The patient graded in the four pre-2019 systems.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LegacyCrs {
    /// One grade per system, in [`LegacySystem::ALL`] order.
    pub systems: Vec<LegacyGrade>,
    /// Every input missing for some system, without repeats.
    pub missing: Vec<Field>,
    /// The comparison (Pennisi 2020) and each system's source.
    pub sources: Vec<Source>,
}

impl LegacyCrs {
    /// The grade of one system.
    pub fn system(&self, system: LegacySystem) -> &LegacyGrade {
        self.systems
            .iter()
            .find(|s| s.system == system)
            .expect("every system is graded")
    }
}

/// Grades the patient in Lee 2014, Penn, MSKCC and CARTOX.
///
/// ```
/// use iectox::scores::crs_legacy::{self, LegacySystem};
/// use iectox::Patient;
/// let p = Patient::default();
/// let legacy = crs_legacy::assess(&p);
/// // nothing entered: not assessable in any system
/// assert!(legacy.systems.iter().all(|s| s.assessment.value.is_none()));
/// // an unanswered death is "no": grade 5 needs a recorded death
/// assert_eq!(legacy.system(LegacySystem::Mskcc).assessment.range.max, 4);
/// ```
pub fn assess(p: &Patient) -> LegacyCrs {
    let inputs = Inputs::of(p);
    let systems: Vec<LegacyGrade> = LegacySystem::ALL
        .iter()
        .map(|&s| grade(s, p, &inputs))
        .collect();
    let mut missing: Vec<Field> = systems
        .iter()
        .flat_map(|s| s.assessment.missing.iter().copied())
        .collect();
    crate::order::sort_small(&mut missing);
    missing.dedup();
    let mut sources = vec![Source::Pennisi2020];
    sources.extend(LegacySystem::ALL.iter().map(|s| s.source()));
    LegacyCrs {
        systems,
        missing,
        sources,
    }
}

/// The discretised inputs, as candidate lists for [`explore`].
struct Inputs {
    presence: (Option<FeverFinding>, Vec<Field>),
    creatinine: Item<CtcaeTerm>,
    ast: Item<CtcaeTerm>,
    alt: Item<CtcaeTerm>,
}

impl Inputs {
    fn of(p: &Patient) -> Inputs {
        Inputs {
            presence: presence(p),
            creatinine: ctcae::term(p, CtcaeTerm::CreatinineIncreased),
            ast: ctcae::term(p, CtcaeTerm::AstIncreased),
            alt: ctcae::term(p, CtcaeTerm::AltIncreased),
        }
    }
}

const GRADES: [u8; 6] = [0, 1, 2, 3, 4, 5];

fn grade_candidates(range: Range) -> &'static [u8] {
    let lo = usize::from(range.min.min(5));
    let hi = usize::from(range.max.min(5));
    &GRADES[lo..=hi]
}

fn grade(system: LegacySystem, p: &Patient, inputs: &Inputs) -> LegacyGrade {
    let presence_item = match inputs.presence.0 {
        Some(f) => Item::known(
            LegacyDomain::Presence,
            f.category(),
            u16::from(f != FeverFinding::NoFever),
        ),
        None => Item::unknown(
            LegacyDomain::Presence,
            Range::new(0, 1),
            inputs.presence.1.clone(),
        ),
    };
    let domains: Vec<Item<LegacyDomain>> = system
        .domains()
        .iter()
        .map(|&d| domain_item(system, d, p, inputs))
        .collect();
    // Grade 5 needs a recorded death due to CRS. A patient being graded is alive unless the
    // clinician records otherwise: an unanswered death question is "no", the one input read
    // this way (a living patient is not missing a result; ASTCT grade 5 is retrospective).
    let died = p.crs_death.unwrap_or(false);
    let death = Item::known(
        LegacyDomain::Death,
        u8::from(died),
        if died { DEATH_GRADE } else { 0 },
    );

    let (range, missing) =
        crate::scores::crs::grade_range(&presence_item, &domains.iter().collect::<Vec<_>>(), died);

    let deciding = match range.value() {
        None => Vec::new(),
        Some(DEATH_GRADE) => vec![LegacyDomain::Death],
        Some(0 | 1) => vec![LegacyDomain::Presence],
        Some(g) => domains
            .iter()
            .filter(|i| i.points == Some(g))
            .map(|i| i.key)
            .collect(),
    };
    let mut items = Vec::with_capacity(domains.len() + 2);
    items.push(presence_item);
    items.extend(domains);
    items.push(death);

    LegacyGrade {
        system,
        assessment: Assessment {
            value: range.value(),
            range,
            conclusion: Conclusion::at_least(range, PRESENT_FROM_GRADE),
            items,
            missing,
            sources: vec![system.source(), Source::Pennisi2020],
        },
        interpretations: system.interpretations().to_vec(),
        deciding,
    }
}

/// An item from an exploration; `fields[i]` lists the inputs behind candidate list `i`.
fn item_from(
    key: LegacyDomain,
    (range, needed): (Range, impl AsRef<[bool]>),
    fields: &[&[Field]],
) -> Item<LegacyDomain> {
    match range.value() {
        Some(g) => {
            let mut item = Item::known(key, g as u8, g);
            item.status = if g > 1 { Status::Met } else { Status::NotMet };
            item
        }
        None => {
            let mut missing: Vec<Field> = fields
                .iter()
                .zip(needed.as_ref())
                .filter(|(_, n)| **n)
                .flat_map(|(f, _)| f.iter().copied())
                .collect();
            crate::order::sort_small(&mut missing);
            missing.dedup();
            Item::unknown(key, range, missing)
        }
    }
}

fn domain_item(
    system: LegacySystem,
    domain: LegacyDomain,
    p: &Patient,
    inputs: &Inputs,
) -> Item<LegacyDomain> {
    match domain {
        LegacyDomain::Hypotension => {
            let vasopressors: &[u8] = match p.vasopressors {
                Some(0) => &[0],
                Some(1) => &[1],
                Some(_) => &[2],
                None => &[0, 1, 2],
            };
            let boluses: &[u8] = match p.fluid_boluses {
                Some(0) => &[0],
                Some(1) => &[1],
                Some(_) => &[2],
                None => &[0, 1, 2],
            };
            let hours = bool_candidates(p.vasopressor_hours.map(|h| h >= MSKCC_VASOPRESSOR_HOURS));
            let explored = explore(
                [
                    bool_candidates(p.hypotension),
                    vasopressors,
                    bool_candidates(p.vasopressin),
                    bool_candidates(p.high_dose_vasopressor),
                    hours,
                    boluses,
                ],
                |v| {
                    hypotension_grade(
                        system,
                        Hypotension {
                            hypotension: v[0] == 1,
                            vasopressors: v[1] + v[2],
                            high_dose: v[3] == 1,
                            day_or_more: v[4] == 1,
                            boluses: v[5],
                        },
                    )
                },
            );
            item_from(
                domain,
                explored,
                &[
                    &[Field::Hypotension],
                    &[Field::Vasopressors],
                    &[Field::Vasopressin],
                    &[Field::HighDoseVasopressor],
                    &[Field::VasopressorHours],
                    &[Field::FluidBoluses],
                ],
            )
        }
        LegacyDomain::Oxygen => {
            let fio2 = bool_candidates(p.fio2.map(|f| f.at_least(&FIO2_40)));
            let explored = explore([device_candidates(p.oxygen_device), fio2], |v| {
                oxygen_grade(system, DEVICES[usize::from(v[0])], v[1] == 1)
            });
            item_from(domain, explored, &[&[Field::OxygenDevice], &[Field::Fio2]])
        }
        LegacyDomain::Creatinine => {
            let c = &inputs.creatinine;
            let explored = explore([grade_candidates(c.range)], |v| {
                creatinine_contribution(system, v[0])
            });
            item_from(domain, explored, &[c.missing.as_slice()])
        }
        LegacyDomain::Transaminases => {
            let (ast, alt) = (&inputs.ast, &inputs.alt);
            let explored = explore(
                [grade_candidates(ast.range), grade_candidates(alt.range)],
                |v| transaminase_contribution(system, v[0].max(v[1])),
            );
            item_from(
                domain,
                explored,
                &[ast.missing.as_slice(), alt.missing.as_slice()],
            )
        }
        LegacyDomain::OtherOrganToxicity => {
            let candidates: &[u8] = match p.other_organ_toxicity_grade {
                Some(g) => {
                    let g = usize::from(g.min(5));
                    &GRADES[g..=g]
                }
                None => &GRADES,
            };
            let explored = explore([candidates], |v| organ_contribution(v[0]));
            item_from(domain, explored, &[&[Field::OtherOrganToxicityGrade]])
        }
        LegacyDomain::Coagulopathy => {
            let explored = explore([bool_candidates(p.coagulopathy)], |v| {
                if v[0] == 1 {
                    3
                } else {
                    1
                }
            });
            item_from(domain, explored, &[&[Field::Coagulopathy]])
        }
        LegacyDomain::Hospitalisation => {
            let explored = explore([bool_candidates(p.hospitalised_for_crs)], |v| {
                if v[0] == 1 {
                    2
                } else {
                    1
                }
            });
            item_from(domain, explored, &[&[Field::HospitalisedForCrs]])
        }
        LegacyDomain::Presence | LegacyDomain::Death => unreachable!("not a graded domain"),
    }
}

/// Complete hypotension inputs for one system.
#[derive(Clone, Copy, Debug)]
struct Hypotension {
    hypotension: bool,
    /// Vasopressors including vasopressin (0, 1, 2 = several).
    vasopressors: u8,
    high_dose: bool,
    day_or_more: bool,
    /// Fluid boluses (0, 1, 2 = several).
    boluses: u8,
}

/// The grade the hypotension domain gives in a system.
fn hypotension_grade(system: LegacySystem, h: Hypotension) -> u16 {
    let on = h.vasopressors >= 1;
    let high = on && h.high_dose;
    match system {
        // 2: hypotension responsive to fluids or one low-dose vasopressor; 3: high-dose or
        // multiple vasopressors.
        LegacySystem::Lee2014 => {
            if high || h.vasopressors >= 2 {
                3
            } else if on || h.hypotension {
                2
            } else {
                1
            }
        }
        // 3: multiple fluid boluses or low-dose vasopressors; 4: high-dose vasopressors.
        LegacySystem::Penn => {
            if high {
                4
            } else if on || h.boluses >= PENN_MULTIPLE_BOLUSES {
                3
            } else {
                1
            }
        }
        // 2: any vasopressor < 24 h; 3: ≥ 24 h; 4: refractory to high-dose vasopressors.
        LegacySystem::Mskcc => {
            if high {
                4
            } else if on && h.day_or_more {
                3
            } else if on {
                2
            } else {
                1
            }
        }
        // 2: responding to fluids or one low-dose vasopressor; 3: high-dose or multiple.
        LegacySystem::Cartox => {
            if high || h.vasopressors >= 2 {
                3
            } else if on || h.hypotension {
                2
            } else {
                1
            }
        }
    }
}

/// The grade the oxygen domain gives in a system; `fio2_high` = FiO₂ ≥ 40 %.
fn oxygen_grade(system: LegacySystem, device: OxygenDevice, fio2_high: bool) -> u16 {
    let by_fio2 = if fio2_high { 3 } else { 2 };
    match (system, device) {
        (_, OxygenDevice::None) => 1,
        (_, OxygenDevice::MechanicalVentilation) => 4,
        (
            LegacySystem::Lee2014 | LegacySystem::Cartox,
            OxygenDevice::Cpap | OxygenDevice::Bipap,
        ) => 4,
        (LegacySystem::Penn, _) => 3,
        _ => by_fio2,
    }
}

/// Organ toxicity grade → CRS grade (Lee 2014, CARTOX): grade 2 → 2, 3 → 3, 4 → 4.
fn organ_contribution(grade: u8) -> u16 {
    u16::from(grade.clamp(1, 4))
}

fn creatinine_contribution(system: LegacySystem, grade: u8) -> u16 {
    match system {
        LegacySystem::Penn => match grade {
            0 | 1 => 1,
            2 => 2,
            _ => 3,
        },
        _ => organ_contribution(grade),
    }
}

fn transaminase_contribution(system: LegacySystem, grade: u8) -> u16 {
    match system {
        // grade 3 LFTs → 2; grade 4 LFTs → 3.
        LegacySystem::Penn => match grade {
            0..=2 => 1,
            3 => 2,
            _ => 3,
        },
        // grade 2 → 2, grade 3 → 3, grade 4 transaminitis → 3 (excluded from grade 4).
        _ => u16::from(grade.clamp(1, 3)),
    }
}
