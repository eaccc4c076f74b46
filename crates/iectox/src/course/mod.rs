//! The course of one patient over time (clinical specification §12): an infusion time,
//! time-stamped observation sets and treatment events; from them the patient as known at any
//! time, every assessment per time point, the baselines used, the peak ferritin of the CRS
//! phase with CARTOX HLH/MAS, trends, and CRS and ICANS episodes.
//!
//! The course adds time; it changes no rule. Every time point is assessed by
//! [`crate::assess`] on [`Course::patient_at`] — the snapshot engine, unchanged.
//!
//! **Times** are whole minutes since the Unix epoch (UTC), as `i64` (as in the
//! [tocilizumab log](crate::treatment::tocilizumab_log)); the core has no clock and no time zone
//! ([`time`] converts ISO 8601 date-times with an offset).
//!
//! **Day +n** (§12: "Day 0 is the day of the IEC infusion, the convention of every grading
//! paper"): calendar days, midnight to midnight, in the local calendar of the course
//! ([`Course::utc_offset`], minutes east of UTC; UTC when not given): day 0 is the calendar day
//! of the infusion — a time on that day before the infusion too — day +1 the next, day −1 the
//! one before ([`day_of`], [`day_start`]). The course's JSON input takes the offset of its
//! `infusion` date-time; the app uses the device's offset at the infusion. Nothing but the day
//! labels depends on it: the validity windows and the CRS phase are counted in minutes
//! ([`TimePoint::minutes_since_infusion`] gives the exact time).
//!
//! **Which times are accepted** ([`CourseError`]): times from 1900 to 9999; observations and
//! treatments at most [`PRE_INFUSION_WINDOW`] (30 days) before the infusion — baselines are
//! taken before the infusion, so earlier observations are legitimate, but a month is enough
//! for any baseline and anything older is most likely a typing error; no two observations at
//! the same minute (one time point = one observation set: edit it with
//! [`Course::observation_mut`]); no two identical treatments at the same minute. Building from
//! a list ([`Course::from_parts`]) requires ascending times and reports every problem with the
//! entry's index; [`Course::add_observation`] and [`Course::add_treatment`] insert in time
//! order.
//!
//! **The patient at a time** ([`Course::patient_at`]): each field takes its latest value at
//! or before `t`, carried forward only within its validity window ([`FieldClass`],
//! [`CourseSettings`]: labs 24 h, vital signs, support and bedside neurology 12 h, clinical
//! findings 24 h, facts such as age or reference limits without expiry). A value exactly at
//! the window's end is carried (24 h), one minute later it is missing — **never normal**.
//! Fields measured together (the ICE test, the CAPD, the oxygen setting, the hemodynamic
//! support, a triglyceride sample with its fasting flag) are carried as one
//! ([`fields::group_of`]). Every value says where it came from ([`FieldSource`]).
//!
//! **Baselines** (§12) for CTCAE's baseline-relative grades and IEC-HS's "> 2 × baseline
//! ferritin": in this order of precedence, (1) the course's clinician override
//! ([`Course::baseline_overrides`]), (2) a baseline the clinician typed in a time point
//! (`ferritin_baseline`, …, the latest at or before `t`, no expiry), (3) the last value of the
//! analyte at or before the infusion ([`Origin::LastAtOrBeforeInfusion`]); for a time point
//! before the infusion, the last value at or before that time point (later values are not
//! known yet then). Explicit entries win over the derived value. A derived value outside a
//! baseline's plausible bounds ([`crate::units::REFERENCE_PLAUSIBLE`], e.g. a ferritin of 0)
//! is not used: that baseline stays missing.
//!
//! **Scoring settings** ([`Settings`]: HLH-2004 fever rule, CAPD age) belong to the course
//! ([`Course::scoring`]); the `settings` of each observation's `Patient` are not read.
//!
//! ```
//! use iectox::course::{time::{DAY, HOUR}, Course, Origin, Syndrome};
//! use iectox::units::{Ferritin, Quantity, Temperature, Unit};
//! use iectox::{Field, Patient};
//!
//! let infusion = 20_138 * DAY + 10 * HOUR; // 2025-02-19T10:00Z, in minutes since the epoch
//! assert_eq!(iectox::course::time::format_utc(infusion), "2025-02-19T10:00Z");
//! let mut course = Course::new(infusion).unwrap();
//! let mut before = Patient::default();
//! before.ferritin = Some(Ferritin::new(400.0, Unit::NgPerMl)?);
//! course.add_observation(infusion - 20 * HOUR, before).unwrap();
//! let mut day5 = Patient::default();
//! day5.ferritin = Some(Ferritin::new(1200.0, Unit::NgPerMl)?);
//! course.add_observation(infusion + 5 * DAY, day5).unwrap();
//!
//! let at = course.patient_at(infusion + 5 * DAY + 6 * HOUR);
//! assert_eq!(at.patient.ferritin_baseline, Some(Ferritin::new(400.0, Unit::NgPerMl)?));
//! assert_eq!(
//!     at.source(Field::Ferritin).unwrap().origin,
//!     Origin::CarriedForward { time: infusion + 5 * DAY, age_minutes: 6 * HOUR }
//! );
//! let report = iectox::assess(&at.patient);
//! assert_eq!(report.iec_hs.ferritin_criterion, iectox::Conclusion::Met); // 1200 > 2 × 400
//! assert_eq!(course.day(infusion + 5 * DAY + 6 * HOUR), 5);
//! # Ok::<(), iectox::Error>(())
//! ```

pub mod fields;
#[cfg(feature = "json")]
pub mod json;
pub mod time;

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::patient::{Field, Patient, Settings};
use crate::scores::iec_hs::{self, CartoxHlh};
use crate::treatment::tocilizumab_log::{LogWarning, TocilizumabLog};
use crate::treatment::Drug;
use crate::units::{Alt, Ast, Bilirubin, Creatinine, Ferritin, Fibrinogen, Quantity, Unit};
use crate::{Conclusion, Range, Report};

pub use fields::{class_of, FieldClass, Measured};
use time::{format_utc, DAY, EARLIEST, LATEST};

/// How long before the infusion an observation or treatment may lie: 30 days (see the module
/// docs).
pub const PRE_INFUSION_WINDOW: i64 = 30 * DAY;
/// The largest dose accepted in a treatment event, in mg (a methylprednisolone pulse is
/// 1000 mg; a larger number is most likely a unit error).
pub const MAX_DOSE_MG: f64 = 10_000.0;

/// The day of `time` relative to an infusion: the calendar day (midnight to midnight in the
/// local calendar `offset`), day 0 being the infusion's calendar day (see the module docs).
pub const fn day_of(infusion: i64, time: i64, offset: UtcOffset) -> i64 {
    let o = offset.minutes() as i64;
    time.saturating_add(o).div_euclid(DAY) - infusion.saturating_add(o).div_euclid(DAY)
}

/// The first minute of `day` ([`day_of`]): that local midnight, in minutes since the epoch.
pub const fn day_start(infusion: i64, day: i64, offset: UtcOffset) -> i64 {
    let o = offset.minutes() as i64;
    infusion
        .saturating_add(o)
        .div_euclid(DAY)
        .saturating_add(day)
        .saturating_mul(DAY)
        .saturating_sub(o)
}

/// The offset of a local calendar from UTC, in whole minutes east (+60 for UTC+01:00), within
/// ±23:59 ([`UtcOffset::MAX_MINUTES`], what an ISO 8601 offset can write); the course counts
/// its days in it ([`day_of`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "i32", into = "i32"))]
pub struct UtcOffset(i16);

impl UtcOffset {
    /// UTC.
    pub const UTC: UtcOffset = UtcOffset(0);
    /// The largest offset accepted, in minutes: 23:59 either way, as an ISO 8601 offset can
    /// write (real zones are within −12 h … +14 h).
    pub const MAX_MINUTES: i32 = 24 * 60 - 1;

    /// The offset of `minutes` east of UTC; `None` beyond ±[`UtcOffset::MAX_MINUTES`].
    pub const fn new(minutes: i32) -> Option<UtcOffset> {
        if minutes.unsigned_abs() <= Self::MAX_MINUTES as u32 {
            Some(UtcOffset(minutes as i16))
        } else {
            None
        }
    }

    /// Minutes east of UTC.
    pub const fn minutes(self) -> i32 {
        self.0 as i32
    }
}

impl TryFrom<i32> for UtcOffset {
    type Error = UtcOffsetOutOfRange;
    fn try_from(minutes: i32) -> Result<Self, Self::Error> {
        UtcOffset::new(minutes).ok_or(UtcOffsetOutOfRange { minutes })
    }
}

impl From<UtcOffset> for i32 {
    fn from(o: UtcOffset) -> i32 {
        o.minutes()
    }
}

/// A UTC offset beyond ±23:59.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UtcOffsetOutOfRange {
    /// The offset given, in minutes.
    pub minutes: i32,
}

impl fmt::Display for UtcOffsetOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "utc_offset {} minutes is outside -{max}..={max} (±23:59)",
            self.minutes,
            max = UtcOffset::MAX_MINUTES
        )
    }
}

/// Validity windows and the CRS phase, in minutes. Visible to the user, overridable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct CourseSettings {
    /// How long a laboratory value stays current ([`FieldClass::Lab`]): 24 h (§12).
    pub lab_validity_minutes: u32,
    /// How long a vital sign, support or bedside assessment stays current
    /// ([`FieldClass::Bedside`]): 12 h (§12).
    pub bedside_validity_minutes: u32,
    /// How long a clinical finding or judgement stays current ([`FieldClass::Finding`]): 24 h.
    pub finding_validity_minutes: u32,
    /// The CRS phase for CARTOX's peak ferritin, from the infusion: 5 days ("typically first
    /// 5 days after infusion", Neelapu 2018; §5.3, §12). Inclusive: a ferritin exactly
    /// 5 × 24 h after the infusion counts, one minute later it does not.
    pub crs_phase_minutes: u32,
}

impl Default for CourseSettings {
    fn default() -> Self {
        CourseSettings {
            lab_validity_minutes: 24 * 60,
            bedside_validity_minutes: 12 * 60,
            finding_validity_minutes: 24 * 60,
            crs_phase_minutes: 5 * 24 * 60,
        }
    }
}

impl CourseSettings {
    /// The validity window of a class, in minutes; `None` = no expiry.
    pub const fn validity(&self, class: FieldClass) -> Option<i64> {
        match class {
            FieldClass::Lab => Some(self.lab_validity_minutes as i64),
            FieldClass::Bedside => Some(self.bedside_validity_minutes as i64),
            FieldClass::Finding => Some(self.finding_validity_minutes as i64),
            FieldClass::Permanent | FieldClass::Baseline => None,
        }
    }

    /// Whether a value of `field` measured at `measured` is still current at `time` (spec §12):
    /// inside its class's window, ends included (exactly 24 h old is carried; 24 h + 1 min is
    /// not). Values of a class without expiry are always current.
    pub fn is_current(&self, field: Field, measured: i64, time: i64) -> bool {
        // Saturating: `time` is any number the caller asks about.
        let age = time.saturating_sub(measured);
        self.validity(fields::class_of(field))
            .is_none_or(|w| age <= w)
    }
}

/// One time point: the values observed then (any subset of the [`Patient`] fields; `None` =
/// not observed at this time).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Observation {
    /// Minutes since the epoch.
    pub time: i64,
    /// The values observed (its `settings` are not read: see [`Course::scoring`]).
    pub values: Patient,
}

/// What was given.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Therapy {
    /// A drug or blood product of the treatment module (tocilizumab, dexamethasone,
    /// methylprednisolone, anakinra, siltuximab, …).
    Drug(Drug),
    /// Anything else, by name (not empty).
    Other(String),
}

/// A treatment given at a time.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TreatmentEvent {
    /// Minutes since the epoch.
    pub time: i64,
    /// What was given.
    pub therapy: Therapy,
    /// The dose in mg, when recorded: finite, in (0, [`MAX_DOSE_MG`]].
    pub dose_mg: Option<f64>,
}

impl TreatmentEvent {
    /// A drug given at `time`, with its dose in mg when known.
    pub fn drug(time: i64, drug: Drug, dose_mg: Option<f64>) -> Self {
        TreatmentEvent {
            time,
            therapy: Therapy::Drug(drug),
            dose_mg,
        }
    }
}

/// Baselines set by the clinician for the whole course; they win over everything else.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
#[allow(missing_docs)] // each is the baseline of the analyte it names
pub struct Baselines {
    pub ferritin: Option<Ferritin>,
    pub fibrinogen: Option<Fibrinogen>,
    pub ast: Option<Ast>,
    pub alt: Option<Alt>,
    pub bilirubin: Option<Bilirubin>,
    pub creatinine: Option<Creatinine>,
}

impl Baselines {
    /// Writes the override of baseline field `field` into `p`; whether there was one.
    fn apply(&self, p: &mut Patient, field: Field) -> bool {
        match field {
            Field::FerritinBaseline if self.ferritin.is_some() => {
                p.ferritin_baseline = self.ferritin
            }
            Field::FibrinogenBaseline if self.fibrinogen.is_some() => {
                p.fibrinogen_baseline = self.fibrinogen
            }
            Field::AstBaseline if self.ast.is_some() => p.ast_baseline = self.ast,
            Field::AltBaseline if self.alt.is_some() => p.alt_baseline = self.alt,
            Field::BilirubinBaseline if self.bilirubin.is_some() => {
                p.bilirubin_baseline = self.bilirubin
            }
            Field::CreatinineBaseline if self.creatinine.is_some() => {
                p.creatinine_baseline = self.creatinine
            }
            _ => return false,
        }
        true
    }
}

/// Which entry of a course an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Entry {
    /// The infusion time.
    Infusion,
    /// An observation set (time point).
    Observation,
    /// A treatment event.
    Treatment,
}

/// A time or treatment that cannot be part of a course: which entry, and why.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CourseError {
    /// The entry it is about.
    pub entry: Entry,
    /// Its index in the list given to [`Course::from_parts`]; `None` for the infusion and for
    /// an entry being added.
    pub index: Option<usize>,
    /// What is wrong.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub kind: CourseErrorKind,
}

/// What is wrong with a course entry.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum CourseErrorKind {
    /// A time outside 1900-01-01T00:00Z … 9999-12-31T23:59Z.
    TimeOutOfRange {
        /// The time given.
        time: i64,
        /// [`time::EARLIEST`].
        earliest: i64,
        /// [`time::LATEST`].
        latest: i64,
    },
    /// More than [`PRE_INFUSION_WINDOW`] before the infusion.
    TooEarly {
        /// The time given.
        time: i64,
        /// The infusion time.
        infusion: i64,
        /// The earliest time accepted (infusion − 30 days).
        earliest: i64,
    },
    /// Another entry has the same time (an observation), or the same therapy at the same time
    /// (a treatment).
    DuplicateTime {
        /// The time given.
        time: i64,
        /// The index of the other entry.
        other_index: usize,
    },
    /// Earlier than the entry before it in the list.
    OutOfOrder {
        /// The time given.
        time: i64,
        /// The time of the entry before it.
        previous: i64,
    },
    /// A dose that is not a finite number in (0, [`MAX_DOSE_MG`]] mg.
    DoseOutOfRange {
        /// The dose given, in mg.
        value: f64,
        /// Smallest dose (exclusive), mg.
        min: f64,
        /// Largest dose (inclusive), mg.
        max: f64,
    },
    /// An "other" therapy without a name.
    EmptyName,
}

impl CourseError {
    fn new(entry: Entry, index: Option<usize>, kind: CourseErrorKind) -> Self {
        CourseError { entry, index, kind }
    }
}

impl fmt::Display for CourseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.entry {
            Entry::Infusion => f.write_str("infusion")?,
            Entry::Observation => f.write_str("observation")?,
            Entry::Treatment => f.write_str("treatment")?,
        }
        if let Some(i) = self.index {
            write!(f, " {i}")?;
        }
        f.write_str(": ")?;
        match &self.kind {
            CourseErrorKind::TimeOutOfRange {
                time,
                earliest,
                latest,
            } => write!(
                f,
                "time {time} is outside the accepted times {} – {}",
                format_utc(*earliest),
                format_utc(*latest)
            ),
            CourseErrorKind::TooEarly {
                time,
                infusion,
                earliest,
            } => write!(
                f,
                "{} is more than 30 days before the infusion ({}); the earliest accepted is {}",
                format_utc(*time),
                format_utc(*infusion),
                format_utc(*earliest)
            ),
            CourseErrorKind::DuplicateTime { time, other_index } => write!(
                f,
                "{} is already the time of entry {other_index}",
                format_utc(*time)
            ),
            CourseErrorKind::OutOfOrder { time, previous } => write!(
                f,
                "{} is earlier than the entry before it ({}); give entries in time order",
                format_utc(*time),
                format_utc(*previous)
            ),
            CourseErrorKind::DoseOutOfRange { value, min, max } => write!(
                f,
                "dose {value} mg is outside the accepted range (more than {min}, at most {max} mg)"
            ),
            CourseErrorKind::EmptyName => {
                f.write_str("a therapy other than a listed drug needs a name")
            }
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for CourseError {}

/// Where the value of a field at a time came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "origin", rename_all = "snake_case"))]
pub enum Origin {
    /// Observed at this very time.
    Current {
        /// The time of the observation (= the time asked).
        time: i64,
    },
    /// Observed earlier and still within its validity window.
    CarriedForward {
        /// The time of the observation.
        time: i64,
        /// Minutes since it (> 0).
        age_minutes: i64,
    },
    /// The latest value is older than its validity window: **not used** (the field is
    /// missing), reported so that an interface can say "last value 30 h old".
    Expired {
        /// The time of that observation.
        time: i64,
        /// Minutes since it.
        age_minutes: i64,
    },
    /// A baseline set by the clinician for the course ([`Course::baseline_overrides`]).
    Override,
    /// A baseline taken from the last value of its analyte at or before the infusion (for a
    /// time before the infusion: at or before that time).
    LastAtOrBeforeInfusion {
        /// The time of that value.
        time: i64,
    },
}

/// Where one field's value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FieldSource {
    /// The field.
    pub field: Field,
    /// Its origin.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub origin: Origin,
}

/// The patient as known at a time.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PatientAt {
    /// The time asked.
    pub time: i64,
    /// The values current at that time (carried within their windows, baselines filled),
    /// with the course's scoring settings.
    pub patient: Patient,
    /// Every field that has a value at that time, or whose last value has expired, in field
    /// order.
    pub sources: Vec<FieldSource>,
}

impl PatientAt {
    /// Where `field` came from; `None` when it was never observed up to that time.
    pub fn source(&self, field: Field) -> Option<&FieldSource> {
        self.sources.iter().find(|s| s.field == field)
    }
}

/// The baseline used for one analyte.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BaselineUsed {
    /// The baseline field (`ferritin_baseline`, …).
    pub field: Field,
    /// The analyte it is the baseline of (`ferritin`, …).
    pub analyte: Field,
    /// The value, `None` when there is none (then the baseline-relative rules stay
    /// undetermined where they need it).
    pub value: Option<Measured>,
    /// Where it came from: [`Origin::Override`], [`Origin::Current`] /
    /// [`Origin::CarriedForward`] (typed in a time point), or
    /// [`Origin::LastAtOrBeforeInfusion`]; `None` without a value. Serialised flat
    /// (`"origin": "last_at_or_before_infusion", "time": …`), absent when `None`.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub origin: Option<Origin>,
}

/// A ferritin value with its time.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TimedFerritin {
    /// When it was measured.
    pub time: i64,
    /// The value as entered.
    pub ferritin: Ferritin,
}

/// The peak ferritin of the CRS phase (CARTOX HLH/MAS, §5.3, §12): the highest ferritin
/// **measured** (not carried) at a time point from the infusion to the end of the CRS phase
/// window ([`CourseSettings::crs_phase_minutes`]) at which the ASTCT CRS grade is ≥ 1.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CrsPhaseFerritin {
    /// Start of the window: the infusion.
    pub from: i64,
    /// End of the window (inclusive).
    pub to: i64,
    /// The highest ferritin at a time point with CRS grade ≥ 1 (first of equal values).
    pub peak: Option<TimedFerritin>,
    /// A higher ferritin measured in the window at a time point whose CRS grade is
    /// undetermined (it may be 0 or ≥ 1): the peak may be this one. `None` when no such value
    /// exceeds `peak`.
    pub possibly_higher: Option<TimedFerritin>,
}

/// Every assessment at one time point.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TimePoint {
    /// Minutes since the epoch.
    pub time: i64,
    /// Day relative to the infusion ([`day_of`]).
    pub day: i64,
    /// Minutes since the infusion (negative before it).
    pub minutes_since_infusion: i64,
    /// Every score on [`Course::patient_at`] this time: `iectox::assess`, unchanged.
    pub report: Report,
    /// The CRS-phase ferritin as known at this time (observations up to it).
    pub crs_phase_ferritin: CrsPhaseFerritin,
    /// CARTOX HLH/MAS evaluated with that peak: the same rule as `report.iec_hs.cartox_hlh`
    /// ([`iec_hs::assess`]) on a copy of the patient whose ferritin is the peak. `None`
    /// without a peak.
    pub cartox_hlh_at_peak: Option<CartoxHlh>,
    /// Where every value came from ([`PatientAt::sources`]).
    pub sources: Vec<FieldSource>,
}

/// CRS or ICANS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Syndrome {
    /// ASTCT CRS grade.
    Crs,
    /// ASTCT ICANS grade.
    Icans,
}

/// An episode boundary (onset or resolution): the first time point at which the new state is
/// certain, and whether time points just before it were undetermined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Boundary {
    /// The first time point with the new state decided (grade ≥ 1 for an onset, grade 0 for a
    /// resolution).
    pub time: i64,
    /// When the time points just before were undetermined (grade range spanning 0 and ≥ 1),
    /// the first of them: the change may have happened there already. `None` when the time
    /// point before had the old state decided (or there was none).
    pub undetermined_from: Option<i64>,
}

/// How an episode ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "state", rename_all = "snake_case"))]
pub enum EpisodeEnd {
    /// A later time point has grade 0.
    Resolved(Boundary),
    /// Grade ≥ 1 at the last time point.
    Ongoing,
    /// The last time points are undetermined from `from`: it may have resolved.
    Undetermined {
        /// The first undetermined time point after the last one with grade ≥ 1.
        from: i64,
    },
}

/// Minutes, as a range when a boundary is undetermined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MinuteRange {
    /// Shortest.
    pub min: i64,
    /// Longest.
    pub max: i64,
}

/// One CRS or ICANS episode (§12): from the first time point with grade ≥ 1 to the first later
/// time point with grade 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Episode {
    /// Onset: the first time point with grade ≥ 1.
    pub onset: Boundary,
    /// The maximum grade: `min` = the highest grade certainly reached, `max` = the highest
    /// grade possible at some time point of the episode (equal when decided).
    pub max_grade: Range,
    /// The first time point at which `max_grade.min` was reached.
    pub max_at: i64,
    /// Resolution, or why there is none.
    pub end: EpisodeEnd,
    /// From onset to resolution (`None` unless resolved); a range when a boundary is
    /// undetermined.
    pub duration_minutes: Option<MinuteRange>,
}

/// Time points whose grade is undetermined (range spanning 0 and ≥ 1) outside any episode:
/// an episode may have been missed there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct UndeterminedSpan {
    /// First undetermined time point.
    pub from: i64,
    /// Last undetermined time point of the run.
    pub to: i64,
    /// The highest grade possible in the run.
    pub max_possible: u16,
}

/// The episodes of one syndrome over the time points from the infusion on (time points before
/// the infusion are baseline observations, not part of any episode).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Episodes {
    /// Which syndrome.
    pub syndrome: Syndrome,
    /// The episodes, in time order.
    pub episodes: Vec<Episode>,
    /// Undetermined runs outside episodes.
    pub undetermined: Vec<UndeterminedSpan>,
}

/// One value of a trend.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TrendPoint {
    /// When it was measured.
    pub time: i64,
    /// The value as entered and in the canonical unit.
    pub value: Measured,
}

/// The change between two consecutive values (in the canonical unit, so that values entered
/// in different units compare). For the charts and for the clinician's "rapidly rising"
/// judgement, which the tool never makes (§12).
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TrendStep {
    /// The earlier value's time.
    pub from: i64,
    /// The later value's time.
    pub to: i64,
    /// later ÷ earlier; `None` when the earlier value is 0.
    pub fold_change: Option<f64>,
    /// (later − earlier) per 24 h, in `unit`.
    pub change_per_24h: f64,
    /// The canonical unit of the values.
    pub unit: Unit,
}

/// The measured values of one field over the course, and the steps between them.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Trend {
    /// The field.
    pub field: Field,
    /// Its values, in time order (only where observed; nothing is carried).
    pub points: Vec<TrendPoint>,
    /// Between each two consecutive points.
    pub steps: Vec<TrendStep>,
}

/// Everything the course yields, for a summary, the batch output and the JavaScript API.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CourseReport {
    /// The infusion time.
    pub infusion: i64,
    /// The local calendar the time points' `day` is counted in ([`Course::utc_offset`]).
    #[cfg_attr(feature = "serde", serde(default))]
    pub utc_offset: UtcOffset,
    /// The windows used.
    pub settings: CourseSettings,
    /// Every observation time, assessed.
    pub time_points: Vec<TimePoint>,
    /// The baselines used at the last time point (at the infusion when there is none).
    pub baselines: Vec<BaselineUsed>,
    /// CRS episodes.
    pub crs: Episodes,
    /// ICANS episodes.
    pub icans: Episodes,
    /// The CRS-phase ferritin over the whole course.
    pub crs_phase_ferritin: CrsPhaseFerritin,
    /// Trends of every laboratory analyte with at least one value ([`fields::LAB_ANALYTES`]).
    pub trends: Vec<Trend>,
    /// Every treatment, in time order.
    pub treatments: Vec<TreatmentEvent>,
    /// The tocilizumab dose times from the treatments.
    pub tocilizumab_doses: Vec<i64>,
    /// The tocilizumab log's warnings at the course's last time (last observation or
    /// treatment).
    pub tocilizumab_warnings: Vec<LogWarning>,
    /// The clinician's "ferritin rapidly rising" mark ([`Course::ferritin_rapidly_rising`]).
    pub ferritin_rapidly_rising: Option<i64>,
}

/// The course of one patient. Observations and treatments are kept in time order, with valid
/// times (see the module docs); read them with [`Course::observations`] and
/// [`Course::treatments`].
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CourseData", into = "CourseData"))]
pub struct Course {
    infusion: i64,
    observations: Vec<Observation>,
    treatments: Vec<TreatmentEvent>,
    /// Validity windows and the CRS phase.
    pub settings: CourseSettings,
    /// The scoring settings used at every time point.
    pub scoring: Settings,
    /// Baselines set by the clinician (they win over typed and derived baselines).
    pub baseline_overrides: Baselines,
    /// The clinician's mark "ferritin rapidly rising" (IEC-HS, §5.1: clinical judgement), as
    /// the time it was marked; `None` = not marked. Shown beside the results; it changes no
    /// rule (the tool never decides a rapid rise).
    pub ferritin_rapidly_rising: Option<i64>,
    /// The local calendar whose days are counted ([`day_of`]); UTC by default.
    pub utc_offset: UtcOffset,
}

/// A course as plain data (its serialised form): [`Course::from_data`] checks it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[allow(missing_docs)] // the fields of `Course`
pub struct CourseData {
    pub infusion: i64,
    #[cfg_attr(feature = "serde", serde(default))]
    pub observations: Vec<Observation>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub treatments: Vec<TreatmentEvent>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub settings: CourseSettings,
    #[cfg_attr(feature = "serde", serde(default))]
    pub scoring: Settings,
    #[cfg_attr(feature = "serde", serde(default))]
    pub baseline_overrides: Baselines,
    #[cfg_attr(feature = "serde", serde(default))]
    pub ferritin_rapidly_rising: Option<i64>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub utc_offset: UtcOffset,
}

impl TryFrom<CourseData> for Course {
    type Error = CourseError;
    /// The first problem only (serde reports one message); use [`Course::from_data`] for all.
    fn try_from(data: CourseData) -> Result<Self, CourseError> {
        Course::from_data(data).map_err(|mut e| e.swap_remove(0))
    }
}

impl From<Course> for CourseData {
    fn from(c: Course) -> CourseData {
        CourseData {
            infusion: c.infusion,
            observations: c.observations,
            treatments: c.treatments,
            settings: c.settings,
            scoring: c.scoring,
            baseline_overrides: c.baseline_overrides,
            ferritin_rapidly_rising: c.ferritin_rapidly_rising,
            utc_offset: c.utc_offset,
        }
    }
}

fn check_time(infusion: i64, time: i64) -> Result<(), CourseErrorKind> {
    if !(EARLIEST..=LATEST).contains(&time) {
        return Err(CourseErrorKind::TimeOutOfRange {
            time,
            earliest: EARLIEST,
            latest: LATEST,
        });
    }
    let earliest = infusion - PRE_INFUSION_WINDOW;
    if time < earliest {
        return Err(CourseErrorKind::TooEarly {
            time,
            infusion,
            earliest,
        });
    }
    Ok(())
}

fn check_treatment(infusion: i64, e: &TreatmentEvent) -> Vec<CourseErrorKind> {
    let mut out = Vec::new();
    if let Err(k) = check_time(infusion, e.time) {
        out.push(k);
    }
    if let Some(d) = e.dose_mg {
        if !(d.is_finite() && d > 0.0 && d <= MAX_DOSE_MG) {
            out.push(CourseErrorKind::DoseOutOfRange {
                value: d,
                min: 0.0,
                max: MAX_DOSE_MG,
            });
        }
    }
    if matches!(&e.therapy, Therapy::Other(name) if name.trim().is_empty()) {
        out.push(CourseErrorKind::EmptyName);
    }
    out
}

/// CARTOX HLH/MAS ([`iec_hs::assess`]) on a copy of `patient` whose ferritin is the CRS-phase
/// peak; `None` without a peak. When a higher ferritin was measured while the CRS grade was
/// undetermined ([`CrsPhaseFerritin::possibly_higher`]), the peak is either value (or, with no
/// certain peak, there may be none): a conclusion both give is kept, with the certain peak;
/// otherwise the ferritin criterion is unknown (listing ferritin as missing) and the
/// conclusion follows from that — never a definite answer that depends on the unknown grade.
fn cartox_at_peak(patient: &Patient, phase: CrsPhaseFerritin) -> Option<CartoxHlh> {
    let with = |ferritin: Option<Ferritin>| {
        let mut p = patient.clone();
        p.ferritin = ferritin;
        iec_hs::assess(&p).cartox_hlh
    };
    let at_peak = phase.peak.map(|pk| with(Some(pk.ferritin)));
    let Some(higher) = phase.possibly_higher else {
        return at_peak;
    };
    let at_higher = with(Some(higher.ferritin));
    // No certain peak: possibly no ferritin of the CRS phase at all, which meets nothing.
    let at_lower = at_peak
        .as_ref()
        .map_or(Conclusion::NotMet, |c| c.assessment.conclusion);
    if at_higher.assessment.conclusion == at_lower {
        at_peak
    } else {
        Some(with(None))
    }
}

/// Keeps the running CRS-phase ferritin while time points are visited in order.
struct PeakTracker {
    phase: CrsPhaseFerritin,
}

impl PeakTracker {
    fn new(infusion: i64, settings: &CourseSettings) -> Self {
        PeakTracker {
            phase: CrsPhaseFerritin {
                from: infusion,
                to: infusion + i64::from(settings.crs_phase_minutes),
                peak: None,
                possibly_higher: None,
            },
        }
    }

    fn in_window(&self, time: i64) -> bool {
        (self.phase.from..=self.phase.to).contains(&time)
    }

    /// Takes the ferritin measured at `o` into account, given the CRS grade range then.
    fn observe(&mut self, o: &Observation, crs: Range) {
        let Some(ferritin) = o.values.ferritin else {
            return;
        };
        if !self.in_window(o.time) || crs.max == 0 {
            return;
        }
        let value = TimedFerritin {
            time: o.time,
            ferritin,
        };
        let higher = |than: Option<TimedFerritin>| {
            than.is_none_or(|t| ferritin.canonical() > t.ferritin.canonical())
        };
        if crs.min >= 1 {
            if higher(self.phase.peak) {
                self.phase.peak = Some(value);
            }
        } else if higher(self.phase.possibly_higher) {
            self.phase.possibly_higher = Some(value);
        }
        // `possibly_higher` is kept only while it exceeds the peak.
        if let (Some(p), Some(h)) = (self.phase.peak, self.phase.possibly_higher) {
            if h.ferritin.canonical() <= p.ferritin.canonical() {
                self.phase.possibly_higher = None;
            }
        }
    }
}

impl Course {
    /// An empty course with this infusion time.
    pub fn new(infusion: i64) -> Result<Course, CourseError> {
        if let Err(kind) = time::check_range(infusion) {
            let time::TimeError::OutOfRange { time } = kind else {
                unreachable!("check_range only reports the range")
            };
            return Err(CourseError::new(
                Entry::Infusion,
                None,
                CourseErrorKind::TimeOutOfRange {
                    time,
                    earliest: EARLIEST,
                    latest: LATEST,
                },
            ));
        }
        Ok(Course {
            infusion,
            observations: Vec::new(),
            treatments: Vec::new(),
            settings: CourseSettings::default(),
            scoring: Settings::default(),
            baseline_overrides: Baselines::default(),
            ferritin_rapidly_rising: None,
            utc_offset: UtcOffset::UTC,
        })
    }

    /// A course from lists in ascending time order (see the module docs); every problem is
    /// reported, each with its entry and index.
    pub fn from_parts(
        infusion: i64,
        observations: Vec<Observation>,
        treatments: Vec<TreatmentEvent>,
    ) -> Result<Course, Vec<CourseError>> {
        let mut course = Course::new(infusion).map_err(|e| alloc::vec![e])?;
        let mut errors = Vec::new();
        for (i, o) in observations.iter().enumerate() {
            if let Err(k) = check_time(infusion, o.time) {
                errors.push(CourseError::new(Entry::Observation, Some(i), k));
            }
            if i > 0 {
                let previous = observations[i - 1].time;
                if o.time == previous {
                    errors.push(CourseError::new(
                        Entry::Observation,
                        Some(i),
                        CourseErrorKind::DuplicateTime {
                            time: o.time,
                            other_index: i - 1,
                        },
                    ));
                } else if o.time < previous {
                    errors.push(CourseError::new(
                        Entry::Observation,
                        Some(i),
                        CourseErrorKind::OutOfOrder {
                            time: o.time,
                            previous,
                        },
                    ));
                }
            }
        }
        for (i, e) in treatments.iter().enumerate() {
            for k in check_treatment(infusion, e) {
                errors.push(CourseError::new(Entry::Treatment, Some(i), k));
            }
            if i > 0 {
                let previous = treatments[i - 1].time;
                if e.time < previous {
                    errors.push(CourseError::new(
                        Entry::Treatment,
                        Some(i),
                        CourseErrorKind::OutOfOrder {
                            time: e.time,
                            previous,
                        },
                    ));
                }
            }
            let same = treatments[..i]
                .iter()
                .rposition(|p| p.time == e.time && p.therapy == e.therapy);
            if let Some(other_index) = same {
                errors.push(CourseError::new(
                    Entry::Treatment,
                    Some(i),
                    CourseErrorKind::DuplicateTime {
                        time: e.time,
                        other_index,
                    },
                ));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        course.observations = observations;
        course.treatments = treatments;
        Ok(course)
    }

    /// A course from its plain data (e.g. deserialised), checked as [`Course::from_parts`].
    pub fn from_data(data: CourseData) -> Result<Course, Vec<CourseError>> {
        let mut c = Course::from_parts(data.infusion, data.observations, data.treatments)?;
        c.settings = data.settings;
        c.scoring = data.scoring;
        c.baseline_overrides = data.baseline_overrides;
        c.ferritin_rapidly_rising = data.ferritin_rapidly_rising;
        c.utc_offset = data.utc_offset;
        Ok(c)
    }

    /// The infusion time (day 0 starts here).
    pub fn infusion(&self) -> i64 {
        self.infusion
    }

    /// Moves the infusion time; refused (with every entry it would invalidate) when an
    /// observation or treatment would lie more than 30 days before it.
    pub fn set_infusion(&mut self, infusion: i64) -> Result<(), Vec<CourseError>> {
        let moved =
            Course::from_parts(infusion, self.observations.clone(), self.treatments.clone())?;
        self.infusion = moved.infusion;
        Ok(())
    }

    /// The observation sets, in time order.
    pub fn observations(&self) -> &[Observation] {
        &self.observations
    }

    /// The observation at exactly `time`.
    pub fn observation(&self, time: i64) -> Option<&Observation> {
        self.index_of(time).map(|i| &self.observations[i])
    }

    /// The values of the observation at exactly `time`, to edit them (its time cannot change:
    /// remove it and add it at the new time).
    pub fn observation_mut(&mut self, time: i64) -> Option<&mut Patient> {
        self.index_of(time)
            .map(move |i| &mut self.observations[i].values)
    }

    fn index_of(&self, time: i64) -> Option<usize> {
        self.observations
            .binary_search_by_key(&time, |o| o.time)
            .ok()
    }

    /// Adds an observation set at `time`, in time order; returns its index. Refused when the
    /// time is out of range, more than 30 days before the infusion, or already taken.
    pub fn add_observation(&mut self, time: i64, values: Patient) -> Result<usize, CourseError> {
        check_time(self.infusion, time)
            .map_err(|k| CourseError::new(Entry::Observation, None, k))?;
        match self.observations.binary_search_by_key(&time, |o| o.time) {
            Ok(other_index) => Err(CourseError::new(
                Entry::Observation,
                None,
                CourseErrorKind::DuplicateTime { time, other_index },
            )),
            Err(at) => {
                self.observations.insert(at, Observation { time, values });
                Ok(at)
            }
        }
    }

    /// Removes the observation at exactly `time`.
    pub fn remove_observation(&mut self, time: i64) -> Option<Observation> {
        self.index_of(time).map(|i| self.observations.remove(i))
    }

    /// The treatment events, in time order (events at the same minute in the order added).
    pub fn treatments(&self) -> &[TreatmentEvent] {
        &self.treatments
    }

    /// Adds a treatment event in time order; returns its index. Refused for a time out of
    /// range or more than 30 days before the infusion, a dose outside (0, 10 000] mg, an
    /// unnamed other therapy, or the same therapy already recorded at that minute.
    pub fn add_treatment(&mut self, event: TreatmentEvent) -> Result<usize, CourseError> {
        if let Some(k) = check_treatment(self.infusion, &event).into_iter().next() {
            return Err(CourseError::new(Entry::Treatment, None, k));
        }
        if let Some(other_index) = self
            .treatments
            .iter()
            .position(|p| p.time == event.time && p.therapy == event.therapy)
        {
            return Err(CourseError::new(
                Entry::Treatment,
                None,
                CourseErrorKind::DuplicateTime {
                    time: event.time,
                    other_index,
                },
            ));
        }
        let at = self.treatments.partition_point(|p| p.time <= event.time);
        self.treatments.insert(at, event);
        Ok(at)
    }

    /// Removes the treatment at `index` (of [`Course::treatments`]).
    pub fn remove_treatment(&mut self, index: usize) -> Option<TreatmentEvent> {
        (index < self.treatments.len()).then(|| self.treatments.remove(index))
    }

    /// The tocilizumab dose log of the course's tocilizumab events: spacing, 24-hour and total
    /// limits, next earliest dose ([`TocilizumabLog`]).
    pub fn tocilizumab_log(&self) -> TocilizumabLog {
        let doses: Vec<i64> = self
            .treatments
            .iter()
            .filter(|e| e.therapy == Therapy::Drug(Drug::Tocilizumab))
            .map(|e| e.time)
            .collect();
        TocilizumabLog::from_doses(&doses)
    }

    /// Day of `time` relative to the infusion ([`day_of`]).
    pub fn day(&self, time: i64) -> i64 {
        day_of(self.infusion, time, self.utc_offset)
    }

    /// Minutes from the infusion to `time` (negative before it).
    pub fn minutes_since_infusion(&self, time: i64) -> i64 {
        time.saturating_sub(self.infusion)
    }

    /// Hours from the infusion to `time` (negative before it).
    pub fn hours_since_infusion(&self, time: i64) -> f64 {
        self.minutes_since_infusion(time) as f64 / 60.0
    }

    /// The observations at or before `time`.
    fn known_at(&self, time: i64) -> &[Observation] {
        &self.observations[..self.observations.partition_point(|o| o.time <= time)]
    }

    /// The patient as known at `time` (see the module docs): values carried within their
    /// windows, baselines filled, the course's scoring settings; and where each came from.
    pub fn patient_at(&self, time: i64) -> PatientAt {
        let known = self.known_at(time);
        self.patient_known(time, known, None)
    }

    /// [`Course::patient_at`], each field's latest observation taken from `index` when one is
    /// given (see [`latest`]).
    fn patient_known(
        &self,
        time: i64,
        known: &[Observation],
        index: Option<&Indexed>,
    ) -> PatientAt {
        let mut patient = Patient {
            settings: self.scoring,
            ..Patient::default()
        };
        let mut sources = Vec::new();
        for field in Field::ALL {
            let members: &[Field] = match fields::group_of(*field) {
                Some(g) if g[0] != *field => continue,
                Some(g) => g,
                None => core::slice::from_ref(field),
            };
            let class = class_of(*field);
            if class == FieldClass::Baseline {
                continue;
            }
            let Some(o) = latest(known, members, time, index) else {
                continue;
            };
            let age = time.saturating_sub(o.time);
            let current = self.settings.is_current(*field, o.time, time);
            for &f in members {
                if !fields::has(&o.values, f) {
                    continue;
                }
                let origin = if !current {
                    Origin::Expired {
                        time: o.time,
                        age_minutes: age,
                    }
                } else if age == 0 {
                    Origin::Current { time }
                } else {
                    Origin::CarriedForward {
                        time: o.time,
                        age_minutes: age,
                    }
                };
                if current {
                    fields::copy(&mut patient, &o.values, f);
                }
                sources.push(FieldSource { field: f, origin });
            }
        }
        for (field, origin) in self.fill_baselines(&mut patient, known, time, index) {
            if let Some(origin) = origin {
                sources.push(FieldSource { field, origin });
            }
        }
        crate::order::sort_by_key(&mut sources, |s| s.field);
        PatientAt {
            time,
            patient,
            sources,
        }
    }

    /// The baselines used at `time` (see the module docs for the precedence).
    pub fn baselines_at(&self, time: i64) -> Vec<BaselineUsed> {
        self.baselines_known(self.known_at(time), time)
    }

    /// Writes each baseline into `p` by precedence; returns the origin per baseline field.
    fn fill_baselines(
        &self,
        p: &mut Patient,
        known: &[Observation],
        time: i64,
        index: Option<&Indexed>,
    ) -> [(Field, Option<Origin>); 6] {
        let cutoff = time.min(self.infusion);
        let mut out = [(Field::FerritinBaseline, None); 6];
        for (slot, &(field, analyte)) in out.iter_mut().zip(fields::BASELINES) {
            let origin = if self.baseline_overrides.apply(p, field) {
                Some(Origin::Override)
            } else if let Some(o) = latest(known, &[field], time, index) {
                fields::copy(p, &o.values, field);
                Some(if o.time == time {
                    Origin::Current { time }
                } else {
                    Origin::CarriedForward {
                        time: o.time,
                        age_minutes: time.saturating_sub(o.time),
                    }
                })
            } else {
                match latest(known, &[analyte], cutoff, index) {
                    Some(o) if fields::copy_as_baseline(p, field, &o.values) => {
                        Some(Origin::LastAtOrBeforeInfusion { time: o.time })
                    }
                    _ => {
                        fields::clear(p, field);
                        None
                    }
                }
            };
            *slot = (field, origin);
        }
        out
    }

    fn baselines_known(&self, known: &[Observation], time: i64) -> Vec<BaselineUsed> {
        let mut p = Patient::default();
        self.fill_baselines(&mut p, known, time, None)
            .into_iter()
            .zip(fields::BASELINES)
            .map(|((field, origin), &(_, analyte))| BaselineUsed {
                field,
                analyte,
                value: fields::quantity(&p, field),
                origin,
            })
            .collect()
    }

    fn time_point(
        &self,
        at: PatientAt,
        peak: &mut PeakTracker,
        o: Option<&Observation>,
    ) -> TimePoint {
        let report = crate::assess(&at.patient);
        if let Some(o) = o {
            peak.observe(o, report.crs.assessment.range);
        }
        let cartox_hlh_at_peak = cartox_at_peak(&at.patient, peak.phase);
        TimePoint {
            time: at.time,
            day: self.day(at.time),
            minutes_since_infusion: self.minutes_since_infusion(at.time),
            report,
            crs_phase_ferritin: peak.phase,
            cartox_hlh_at_peak,
            sources: at.sources,
        }
    }

    /// Every assessment at every observation time, in time order. A time point depends only
    /// on the observations at or before it: adding a later one never changes it.
    pub fn assess_all(&self) -> Vec<TimePoint> {
        let mut peak = PeakTracker::new(self.infusion, &self.settings);
        // Each field's latest observation is kept up to date as the time points are walked in
        // order, instead of searched back for at each one (quadratic in a long course: a
        // 90-day course took 6× a 30-day one).
        let mut latest = Indexed::new(self.infusion);
        self.observations
            .iter()
            .enumerate()
            .map(|(i, o)| {
                latest.add(&self.observations, i);
                let at = self.patient_known(o.time, &self.observations[..=i], Some(&latest));
                self.time_point(at, &mut peak, Some(o))
            })
            .collect()
    }

    /// Every assessment at any `time` (an observation time or not, e.g. "now").
    pub fn assess_at(&self, time: i64) -> TimePoint {
        let mut peak = PeakTracker::new(self.infusion, &self.settings);
        for o in self.known_at(time) {
            if o.time == time {
                break;
            }
            if o.values.ferritin.is_some() && peak.in_window(o.time) {
                let crs = crate::scores::crs::assess(&self.patient_at(o.time).patient);
                peak.observe(o, crs.assessment.range);
            }
        }
        let this = self.observation(time);
        self.time_point(self.patient_at(time), &mut peak, this)
    }

    /// The peak ferritin of the CRS phase from the observations at or before `up_to`.
    pub fn crs_phase_ferritin(&self, up_to: i64) -> CrsPhaseFerritin {
        let mut peak = PeakTracker::new(self.infusion, &self.settings);
        for o in self.known_at(up_to) {
            if o.values.ferritin.is_some() && peak.in_window(o.time) {
                let crs = crate::scores::crs::assess(&self.patient_at(o.time).patient);
                peak.observe(o, crs.assessment.range);
            }
        }
        peak.phase
    }

    /// The measured values of a quantity field over the course with the steps between them;
    /// `None` when `field` is not a quantity (a count, yes/no or choice).
    pub fn trend(&self, field: Field) -> Option<Trend> {
        if !fields::is_quantity(field) {
            return None;
        }
        let points: Vec<TrendPoint> = self
            .observations
            .iter()
            .filter_map(|o| {
                fields::quantity(&o.values, field).map(|value| TrendPoint {
                    time: o.time,
                    value,
                })
            })
            .collect();
        let steps = points
            .windows(2)
            .map(|w| {
                let (a, b) = (w[0], w[1]);
                let (x, y) = (a.value.canonical, b.value.canonical);
                TrendStep {
                    from: a.time,
                    to: b.time,
                    fold_change: (x != 0.0).then(|| y / x),
                    change_per_24h: (y - x) * DAY as f64 / (b.time - a.time) as f64,
                    unit: b.value.canonical_unit,
                }
            })
            .collect();
        Some(Trend {
            field,
            points,
            steps,
        })
    }

    /// The trend of every laboratory analyte ([`fields::LAB_ANALYTES`]) with at least one
    /// value.
    pub fn trends(&self) -> Vec<Trend> {
        fields::LAB_ANALYTES
            .iter()
            .filter_map(|&f| self.trend(f))
            .filter(|t| !t.points.is_empty())
            .collect()
    }

    /// The course's last time: its last observation or treatment, else the infusion.
    pub fn last_time(&self) -> i64 {
        let o = self.observations.last().map(|o| o.time);
        let t = self.treatments.last().map(|e| e.time);
        o.max(t).unwrap_or(self.infusion)
    }

    /// Everything at once (what the summary, the batch interface and the JavaScript API show).
    pub fn report(&self) -> CourseReport {
        let time_points = self.assess_all();
        let crs = episodes(&time_points, Syndrome::Crs);
        let icans = episodes(&time_points, Syndrome::Icans);
        let crs_phase_ferritin = time_points.last().map_or_else(
            || PeakTracker::new(self.infusion, &self.settings).phase,
            |t| t.crs_phase_ferritin,
        );
        let log = self.tocilizumab_log();
        let last = self.observations.last().map_or(self.infusion, |o| o.time);
        CourseReport {
            infusion: self.infusion,
            utc_offset: self.utc_offset,
            settings: self.settings,
            baselines: self.baselines_at(last),
            time_points,
            crs,
            icans,
            crs_phase_ferritin,
            trends: self.trends(),
            treatments: self.treatments.clone(),
            tocilizumab_doses: log.doses().to_vec(),
            tocilizumab_warnings: log.warnings(self.last_time()),
            ferritin_rapidly_rising: self.ferritin_rapidly_rising,
        }
    }
}

/// The CRS or ICANS episodes of assessed time points (as from [`Course::assess_all`], in time
/// order). Time points before the infusion are ignored. A time point's state is *present*
/// when its grade range is ≥ 1, *absent* when it is 0, *undetermined* otherwise; an episode
/// runs from a present time point to the next absent one, and undetermined time points at its
/// edges make the boundary undetermined rather than guessed.
pub fn episodes(points: &[TimePoint], syndrome: Syndrome) -> Episodes {
    struct Open {
        onset: Boundary,
        max_grade: Range,
        max_at: i64,
    }
    let mut out = Episodes {
        syndrome,
        episodes: Vec::new(),
        undetermined: Vec::new(),
    };
    let mut open: Option<Open> = None;
    // The current run of undetermined time points: (first, last, highest possible grade).
    let mut run: Option<(i64, i64, u16)> = None;
    let close_run = |run: &mut Option<(i64, i64, u16)>, out: &mut Episodes| {
        if let Some((from, to, max_possible)) = run.take() {
            out.undetermined.push(UndeterminedSpan {
                from,
                to,
                max_possible,
            });
        }
    };
    for tp in points.iter().filter(|t| t.minutes_since_infusion >= 0) {
        let range = match syndrome {
            Syndrome::Crs => tp.report.crs.assessment.range,
            Syndrome::Icans => tp.report.icans.assessment.range,
        };
        let t = tp.time;
        if range.min >= 1 {
            match &mut open {
                Some(e) => {
                    if range.min > e.max_grade.min {
                        e.max_at = t;
                    }
                    e.max_grade = e.max_grade.max_with(range);
                }
                None => {
                    let before = run.map_or(0, |r| r.2);
                    open = Some(Open {
                        onset: Boundary {
                            time: t,
                            undetermined_from: run.map(|r| r.0),
                        },
                        max_grade: Range::new(range.min, range.max.max(before)),
                        max_at: t,
                    });
                }
            }
            run = None;
        } else if range.max == 0 {
            match open.take() {
                Some(e) => {
                    let end = Boundary {
                        time: t,
                        undetermined_from: run.map(|r| r.0),
                    };
                    let earliest_onset = e.onset.undetermined_from.unwrap_or(e.onset.time);
                    out.episodes.push(Episode {
                        onset: e.onset,
                        max_grade: e.max_grade,
                        max_at: e.max_at,
                        end: EpisodeEnd::Resolved(end),
                        duration_minutes: Some(MinuteRange {
                            min: end.undetermined_from.unwrap_or(end.time) - e.onset.time,
                            max: end.time - earliest_onset,
                        }),
                    });
                    run = None;
                }
                None => close_run(&mut run, &mut out),
            }
        } else {
            if let Some(e) = &mut open {
                e.max_grade = e.max_grade.max_with(Range::new(e.max_grade.min, range.max));
            }
            run = Some(match run {
                Some((from, _, m)) => (from, t, m.max(range.max)),
                None => (t, t, range.max),
            });
        }
    }
    match open {
        Some(e) => out.episodes.push(Episode {
            onset: e.onset,
            max_grade: e.max_grade,
            max_at: e.max_at,
            end: match run {
                Some((from, ..)) => EpisodeEnd::Undetermined { from },
                None => EpisodeEnd::Ongoing,
            },
            duration_minutes: None,
        }),
        None => close_run(&mut run, &mut out),
    }
    out
}

/// The latest observation among `known` that has a value for any of `wanted`, at or before
/// `until`: read from `index` when it holds that time, else searched back for.
fn latest<'a>(
    known: &'a [Observation],
    wanted: &[Field],
    until: i64,
    index: Option<&Indexed>,
) -> Option<&'a Observation> {
    match index.and_then(|index| index.table(until)) {
        Some(table) => wanted
            .iter()
            .filter_map(|&f| table[f as usize])
            .max()
            .map(|i| &known[i]),
        None => known
            .iter()
            .rev()
            .filter(|o| o.time <= until)
            .find(|o| wanted.iter().any(|&f| fields::has(&o.values, f))),
    }
}

/// Each field's latest observation, kept as the observations are added in time order: as of
/// the last one added, and as of the infusion (the baselines' cut-off).
struct Indexed {
    infusion: i64,
    /// The time of the last observation added.
    now: i64,
    latest: Vec<Option<usize>>,
    at_infusion: Vec<Option<usize>>,
}

impl Indexed {
    fn new(infusion: i64) -> Indexed {
        Indexed {
            infusion,
            now: i64::MIN,
            latest: alloc::vec![None; Field::ALL.len()],
            at_infusion: alloc::vec![None; Field::ALL.len()],
        }
    }

    /// Adds `observations[index]`, the next in time order.
    fn add(&mut self, observations: &[Observation], index: usize) {
        let o = &observations[index];
        self.now = o.time;
        for &field in Field::ALL {
            if fields::has(&o.values, field) {
                self.latest[field as usize] = Some(index);
                if o.time <= self.infusion {
                    self.at_infusion[field as usize] = Some(index);
                }
            }
        }
    }

    /// Each field's latest observation as of `until`, when kept: the last observation added,
    /// or the infusion.
    fn table(&self, until: i64) -> Option<&[Option<usize>]> {
        if until >= self.now {
            Some(&self.latest)
        } else if until == self.infusion {
            Some(&self.at_infusion)
        } else {
            None
        }
    }
}
