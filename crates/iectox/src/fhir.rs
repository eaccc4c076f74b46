//! FHIR R4 import and export (feature `fhir`): the few resources a record system sends —
//! Bundle (any type), Observation (with components), Patient, MedicationAdministration — read
//! with small serde structs, no FHIR SDK.
//!
//! **Import** ([`import`]) turns a Bundle or a single resource into values with their times
//! and a report of every resource: used (which fields) or ignored with the reason (unknown
//! code, unit not convertible, implausible value with the accepted range, no value, data absent,
//! wrong status, no time). Nothing is applied here: the interface shows the report and the
//! clinician confirms. Values are read by the same parser as every other input
//! ([`crate::json::parse_patient`]), so units, plausible bounds and errors are shared.
//!
//! Codes: every LOINC code of an analyte's set is accepted (mass, molar and method variants;
//! [`LOINC`], from the project's FHIR/LOINC table); units are UCUM (`valueQuantity.code`), or
//! the printed unit when the code is absent.
//!
//! **Export** ([`export`]) writes a Bundle (type `collection`): each input as an Observation
//! (the primary LOINC code and UCUM unit where one exists, otherwise the project's input
//! CodeSystem [`INPUT_SYSTEM`]), each score's result as an Observation coded in
//! [`SCORE_SYSTEM`] with its value (or range), interpretation and `derivedFrom` its inputs, and
//! a Provenance naming IEC-Tox and its version. Export → import gives the same patient and
//! therefore the same results.
//!
//! Times are minutes since the Unix epoch (UTC), as elsewhere in the crate; a FHIR dateTime
//! must carry a time zone when it has a time (FHIR R4), and a date without a time is not
//! placed on the course (ignored, with that reason).
//!
//! ```
//! let bundle = r#"{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {
//!   "resourceType": "Observation", "id": "f1", "status": "final",
//!   "code": {"coding": [{"system": "http://loinc.org", "code": "20567-4"}]},
//!   "effectiveDateTime": "2026-12-01T10:00:00+01:00",
//!   "valueQuantity": {"value": 12500, "unit": "µg/L", "system": "http://unitsofmeasure.org", "code": "ug/L"}}}]}"#;
//! let import = iectox::fhir::import(bundle).unwrap();
//! let points = import.time_points();
//! assert_eq!(points.len(), 1);
//! assert_eq!(points[0].0, iectox::fhir::parse_date_time("2026-12-01T09:00:00Z").unwrap());
//! assert!(points[0].1.ferritin.is_some());
//! ```

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::error::Error;
use crate::json::{parse_patient, RecordError};
use crate::patient::{Field, Patient};
use crate::units::Unit;

/// LOINC's system URI.
pub const LOINC_SYSTEM: &str = "http://loinc.org";
/// UCUM's system URI.
pub const UCUM_SYSTEM: &str = "http://unitsofmeasure.org";
/// The project's CodeSystem for the inputs that have no LOINC code here (findings, choices,
/// counts, limits of normal, baselines): code = the field's JSON name (`hepatomegaly`,
/// `ice_items.orientation`). A URN, so that it claims no web domain.
pub const INPUT_SYSTEM: &str = "urn:iectox:fhir:CodeSystem:input";
/// The project's CodeSystem for score results (`hscore`, `hlh2004`, `crs_astct`, …).
pub const SCORE_SYSTEM: &str = "urn:iectox:fhir:CodeSystem:score";
/// The version of both CodeSystems (the crate's version).
pub const CODE_SYSTEM_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The LOINC codes read per field: the first is the primary code written on export (clinical
/// spec's FHIR/LOINC table, `shared/fhir-loinc.md`). Blood pressure and SpO₂ are read but are
/// not inputs of any score (ASTCT grades by the support given, not by a number).
pub const LOINC: &[(Field, &[&str])] = &[
    (
        Field::Ferritin,
        &["2276-4", "20567-4", "14723-1", "24373-3"],
    ),
    (Field::Triglycerides, &["2571-8", "14927-8", "3043-7"]),
    (
        Field::Fibrinogen,
        &["3255-7", "48664-7", "30902-1", "3256-5"],
    ),
    (Field::Ast, &["1920-8", "30239-8", "88112-8"]),
    (Field::Alt, &["1742-6", "14390-9"]),
    (Field::Bilirubin, &["1975-2", "14631-6", "42719-5"]),
    (
        Field::Creatinine,
        &["2160-0", "14682-9", "38483-4", "59826-8"],
    ),
    (Field::Haemoglobin, &["718-7", "59260-0"]),
    (Field::Platelets, &["777-3", "26515-7", "778-1"]),
    (Field::Neutrophils, &["751-8", "26499-4", "753-4"]),
    (Field::Leukocytes, &["6690-2", "26464-8", "804-5"]),
    (Field::Ldh, &["2532-0", "14804-9", "14805-6"]),
    (Field::Crp, &["1988-5", "30522-7", "76485-2"]),
    (Field::Scd25, &["76039-7"]),
    (Field::Temperature, &["8310-5", "8331-1"]),
    (Field::Weight, &["29463-7"]),
    (Field::Height, &["8302-2"]),
    (Field::OxygenFlow, &["3151-8"]),
    (Field::Fio2, &["3150-0"]),
    (Field::Age, &["30525-0"]),
];

/// Codes read and reported as "not an input": SpO₂, blood pressure (panel and components).
pub const NOT_INPUTS: &[&str] = &["59408-5", "2708-6", "85354-9", "8480-6", "8462-4"];

/// The field of a LOINC code.
pub fn field_of_loinc(code: &str) -> Option<Field> {
    LOINC
        .iter()
        .find(|(_, codes)| codes.contains(&code))
        .map(|&(f, _)| f)
}

/// The primary LOINC code of a field, if it has one.
pub fn primary_loinc(field: Field) -> Option<&'static str> {
    LOINC.iter().find(|(f, _)| *f == field).map(|(_, c)| c[0])
}

/// Reads a unit from `valueQuantity.code` (UCUM), or the printed unit when the code is absent,
/// with the crate's one unit reader ([`Unit::parse`], which knows every UCUM code).
fn unit_of(field: Field, code: Option<&str>, printed: Option<&str>) -> Result<Unit, Error> {
    Unit::parse(field, code.or(printed).unwrap_or(""))
}

// ----- time -----------------------------------------------------------------------------------

/// Why a FHIR dateTime cannot be placed on the time axis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TimeError {
    /// Not a FHIR dateTime.
    Malformed {
        /// The text.
        text: String,
    },
    /// A date (or year-month) without a time: not placed on the course.
    DateOnly {
        /// The text.
        text: String,
    },
    /// A time without a time zone (FHIR requires one).
    NoTimeZone {
        /// The text.
        text: String,
    },
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    // Howard Hinnant's algorithm: days since 1970-01-01 of a proleptic Gregorian date.
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn digits(s: &str) -> Option<i64> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A date `YYYY-MM-DD` as days since 1970-01-01.
pub fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.split('-');
    let (y, m, d) = (
        digits(parts.next()?)?,
        digits(parts.next()?)?,
        digits(parts.next()?)?,
    );
    if parts.next().is_some() || text.len() != 10 || !(1..=12).contains(&m) {
        return None;
    }
    let days_in_month =
        days_from_civil(y + i64::from(m == 12), m % 12 + 1, 1) - days_from_civil(y, m, 1);
    (1..=days_in_month)
        .contains(&d)
        .then(|| days_from_civil(y, m, d))
}

/// A FHIR dateTime with a time and zone (`2026-12-01T10:00:00+01:00`, `…Z`, seconds and
/// fractions optional) as minutes since the Unix epoch (UTC; seconds are dropped).
pub fn parse_date_time(text: &str) -> Result<i64, TimeError> {
    let malformed = || TimeError::Malformed { text: text.into() };
    let Some((date, rest)) = text.split_once('T') else {
        return Err(
            if parse_date(text).is_some() || text.len() == 7 || text.len() == 4 {
                TimeError::DateOnly { text: text.into() }
            } else {
                malformed()
            },
        );
    };
    let days = parse_date(date).ok_or_else(malformed)?;
    let (clock, offset_min) = if let Some(c) = rest.strip_suffix('Z') {
        (c, 0)
    } else if let Some(i) = rest.rfind(['+', '-']) {
        let (c, z) = rest.split_at(i);
        let sign = if z.starts_with('-') { -1 } else { 1 };
        let (h, m) = z[1..].split_once(':').ok_or_else(malformed)?;
        let (h, m) = (
            digits(h).ok_or_else(malformed)?,
            digits(m).ok_or_else(malformed)?,
        );
        if h > 14 || m > 59 {
            return Err(malformed());
        }
        (c, sign * (h * 60 + m))
    } else {
        return Err(TimeError::NoTimeZone { text: text.into() });
    };
    let mut hms = clock.split(':');
    let h = digits(hms.next().ok_or_else(malformed)?).ok_or_else(malformed)?;
    let m = digits(hms.next().ok_or_else(malformed)?).ok_or_else(malformed)?;
    if let Some(s) = hms.next() {
        let whole = s.split('.').next().unwrap_or("");
        if digits(whole).is_none_or(|s| s > 60) {
            return Err(malformed());
        }
    }
    if h > 23 || m > 59 || hms.next().is_some() {
        return Err(malformed());
    }
    Ok(days * 1440 + h * 60 + m - offset_min)
}

/// Minutes since the epoch as a FHIR dateTime in UTC (`2026-12-01T09:00:00Z`).
pub fn format_date_time(minutes: i64) -> String {
    let days = minutes.div_euclid(1440);
    let min = minutes.rem_euclid(1440);
    // Inverse of days_from_civil.
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:00Z", min / 60, min % 60)
}

/// Age in whole years at `at` (minutes) of a patient born on `birth_days` (days since epoch).
pub fn age_years_at(birth_days: i64, at: i64) -> f64 {
    // Years of 365.25 days, the crate's Age canonical unit; two decimals are enough for the
    // 18-year and 12-year cut-offs to be read on the right side within a day.
    let days = at.div_euclid(1440) - birth_days;
    libm::floor(days as f64 / 365.25 * 100.0) / 100.0
}

// ----- resources (the parts read) --------------------------------------------------------------

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct Coding {
    system: Option<String>,
    code: Option<String>,
    display: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct CodeableConcept {
    coding: Vec<Coding>,
    text: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct Quantity {
    value: Option<f64>,
    unit: Option<String>,
    code: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Period {
    start: Option<String>,
    end: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Component {
    code: CodeableConcept,
    value_quantity: Option<Quantity>,
    data_absent_reason: Option<CodeableConcept>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Resource {
    resource_type: String,
    id: Option<String>,
    status: Option<String>,
    // Observation
    code: Option<CodeableConcept>,
    effective_date_time: Option<String>,
    effective_period: Option<Period>,
    effective_instant: Option<String>,
    value_quantity: Option<Quantity>,
    value_boolean: Option<bool>,
    value_integer: Option<i64>,
    value_string: Option<String>,
    data_absent_reason: Option<CodeableConcept>,
    component: Vec<Component>,
    // Patient
    birth_date: Option<String>,
    // MedicationAdministration
    medication_codeable_concept: Option<CodeableConcept>,
    dosage: Option<Dosage>,
    // Bundle
    entry: Vec<Entry>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct Dosage {
    dose: Option<Quantity>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct Entry {
    resource: Option<Value>,
}

// ----- import ----------------------------------------------------------------------------------

/// Why a resource (or one of its components) was not used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum IgnoreReason {
    /// No code of any analyte IEC-Tox reads.
    UnknownCode {
        /// The codes seen (`system|code`).
        codes: Vec<String>,
    },
    /// A code IEC-Tox reads but no score uses (SpO₂, blood pressure: ASTCT grades by support).
    NotAnInput {
        /// The code.
        code: String,
    },
    /// The value could not be used: unknown or unconvertible unit, implausible value (the
    /// error names the field, the value and the accepted range).
    Invalid {
        /// The core's error.
        error: Error,
    },
    /// No value and no data-absent reason.
    NoValue,
    /// The record system says the data is absent (`dataAbsentReason`).
    DataAbsent {
        /// The reason's code or text.
        reason: String,
    },
    /// The status says it must not be used (`entered-in-error`, `cancelled`, `not-done`,
    /// `preliminary` is used; see [`import`]).
    Status {
        /// The status.
        status: String,
    },
    /// No usable time (none, a date without a time, no time zone).
    NoTime {
        /// Why.
        error: Option<TimeError>,
    },
    /// A resource type IEC-Tox does not read.
    UnsupportedResource,
    /// A score result written by IEC-Tox (read back from the inputs, never from the result).
    IecToxResult,
    /// Not a JSON object with a `resourceType`.
    Malformed {
        /// The reader's message.
        message: String,
    },
    /// A medication IEC-Tox does not record (only tocilizumab and corticosteroids, anakinra).
    OtherMedication,
}

/// What happened to one resource.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// Used for these fields.
    Used {
        /// The fields filled.
        fields: Vec<Field>,
    },
    /// Used as the patient's birth date.
    BirthDate,
    /// Used as a treatment event.
    Treatment,
    /// Not used.
    Ignored {
        /// Why.
        reason: IgnoreReason,
    },
}

/// One line of the report: a resource (or component), what it was, and its outcome.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceReport {
    /// `Observation`, `Patient`, …
    pub resource_type: String,
    /// The resource id, if any.
    pub id: Option<String>,
    /// The code read (`http://loinc.org|2276-4`), if any.
    pub code: Option<String>,
    /// The component's code, when the line is about one component.
    pub component: Option<String>,
    /// The time read (minutes since the epoch).
    pub at: Option<i64>,
    /// Used or ignored, and why.
    pub outcome: Outcome,
}

/// A treatment read from a MedicationAdministration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatmentDrug {
    /// Tocilizumab.
    Tocilizumab,
    /// Dexamethasone.
    Dexamethasone,
    /// Methylprednisolone.
    Methylprednisolone,
    /// Anakinra.
    Anakinra,
}

/// A treatment given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedTreatment {
    /// The drug.
    pub drug: TreatmentDrug,
    /// When (minutes since the epoch).
    pub at: i64,
    /// The dose in mg, when given in a mass unit.
    pub dose_mg: Option<f64>,
    /// The resource id.
    pub source: Option<String>,
}

/// One value read, with its time and source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedValue {
    /// When (minutes since the epoch).
    pub at: i64,
    /// Its path in the record format (`ferritin`, `ice_items.orientation`,
    /// `settings.hlh_fever_rule`).
    pub name: String,
    /// The field, for a patient input (`None` for a setting).
    pub field: Option<Field>,
    /// The value in the record format (`{"value": 12500, "unit": "ng/mL"}`, `true`, `3`, …).
    pub value: Value,
    /// The resource id.
    pub source: Option<String>,
}

/// Everything read from a FHIR document, nothing applied yet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Import {
    /// Values with their times, in time order.
    pub values: Vec<ImportedValue>,
    /// Treatments, in time order.
    pub treatments: Vec<ImportedTreatment>,
    /// The patient's birth date (days since the epoch), if a Patient was read.
    pub birth_date: Option<i64>,
    /// One line per resource (and per component of a multi-component Observation).
    pub report: Vec<ResourceReport>,
}

/// Why a FHIR document cannot be read at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FhirError {
    /// The reader's message.
    pub message: String,
}

impl core::fmt::Display for FhirError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "not a FHIR JSON resource or Bundle: {}", self.message)
    }
}

/// Reads a FHIR R4 JSON Bundle (any type: collection, searchset, transaction, …) or a single
/// resource. Statuses: Observations `final`, `amended`, `corrected`, `preliminary` are read;
/// `registered`, `cancelled`, `entered-in-error`, `unknown` are ignored. MedicationAdministration
/// `completed` and `in-progress` are read; `not-done`, `entered-in-error`, `stopped`… ignored.
pub fn import(text: &str) -> Result<Import, FhirError> {
    let root: Value = serde_json::from_str(text).map_err(|e| FhirError {
        message: e.to_string(),
    })?;
    let mut import = Import::default();
    let mut reader = Reader;
    reader.read_value(&root, &mut import)?;
    // Birth date → age at each time point with values.
    if let Some(birth) = import.birth_date {
        let mut times: Vec<i64> = import.values.iter().map(|v| v.at).collect();
        crate::order::sort_dedup(&mut times);
        for at in times {
            if !import
                .values
                .iter()
                .any(|v| v.at == at && v.field == Some(Field::Age))
            {
                import.values.push(ImportedValue {
                    at,
                    name: field_name(Field::Age),
                    field: Some(Field::Age),
                    value: json!({"value": age_years_at(birth, at), "unit": "years"}),
                    source: Some("Patient.birthDate".into()),
                });
            }
        }
    }
    crate::order::sort_by_key(&mut import.values, |v| v.at);
    crate::order::sort_by_key(&mut import.treatments, |t| t.at);
    Ok(import)
}

/// Reads resources into an [`Import`] (no state of its own: the import is the state).
struct Reader;

fn code_string(c: &Coding) -> String {
    format!(
        "{}|{}",
        c.system.as_deref().unwrap_or(""),
        c.code.as_deref().unwrap_or("")
    )
}

fn absent_reason(c: &CodeableConcept) -> String {
    c.coding
        .iter()
        .find_map(|c| c.code.clone())
        .or_else(|| c.text.clone())
        .unwrap_or_else(|| "unknown".into())
}

impl Reader {
    fn read_value(&mut self, v: &Value, out: &mut Import) -> Result<(), FhirError> {
        let resource: Resource = serde_json::from_value(v.clone()).map_err(|e| FhirError {
            message: e.to_string(),
        })?;
        match resource.resource_type.as_str() {
            "Bundle" => {
                for entry in &resource.entry {
                    match &entry.resource {
                        Some(r) if r.get("resourceType").is_some() => {
                            if let Err(e) = self.read_value(r, out) {
                                out.report.push(ResourceReport {
                                    resource_type: String::new(),
                                    id: None,
                                    code: None,
                                    component: None,
                                    at: None,
                                    outcome: Outcome::Ignored {
                                        reason: IgnoreReason::Malformed { message: e.message },
                                    },
                                });
                            }
                        }
                        _ => out.report.push(ResourceReport {
                            resource_type: String::new(),
                            id: None,
                            code: None,
                            component: None,
                            at: None,
                            outcome: Outcome::Ignored {
                                reason: IgnoreReason::Malformed {
                                    message: "entry without a resource".into(),
                                },
                            },
                        }),
                    }
                }
                Ok(())
            }
            "Observation" => {
                self.observation(&resource, out);
                Ok(())
            }
            "Patient" => {
                let line = |outcome| ResourceReport {
                    resource_type: "Patient".into(),
                    id: resource.id.clone(),
                    code: None,
                    component: None,
                    at: None,
                    outcome,
                };
                match resource.birth_date.as_deref().and_then(parse_date) {
                    Some(days) => {
                        out.birth_date = Some(days);
                        out.report.push(line(Outcome::BirthDate));
                    }
                    None => out.report.push(line(Outcome::Ignored {
                        reason: IgnoreReason::NoValue,
                    })),
                }
                Ok(())
            }
            "MedicationAdministration" => {
                self.medication(&resource, out);
                Ok(())
            }
            "" => Err(FhirError {
                message: "no resourceType".into(),
            }),
            other => {
                out.report.push(ResourceReport {
                    resource_type: other.into(),
                    id: resource.id.clone(),
                    code: None,
                    component: None,
                    at: None,
                    outcome: Outcome::Ignored {
                        reason: IgnoreReason::UnsupportedResource,
                    },
                });
                Ok(())
            }
        }
    }

    fn time(r: &Resource) -> Result<i64, IgnoreReason> {
        let text = r
            .effective_date_time
            .as_deref()
            .or(r.effective_instant.as_deref())
            .or(r.effective_period.as_ref().and_then(|p| p.start.as_deref()))
            .or(r.effective_period.as_ref().and_then(|p| p.end.as_deref()));
        match text {
            None => Err(IgnoreReason::NoTime { error: None }),
            Some(t) => parse_date_time(t).map_err(|e| IgnoreReason::NoTime { error: Some(e) }),
        }
    }

    fn observation(&mut self, r: &Resource, out: &mut Import) {
        let codings = r.code.as_ref().map(|c| c.coding.as_slice()).unwrap_or(&[]);
        let code_text = codings.first().map(code_string);
        let line = |out: &mut Import, component: Option<String>, at, outcome| {
            out.report.push(ResourceReport {
                resource_type: "Observation".into(),
                id: r.id.clone(),
                code: code_text.clone(),
                component,
                at,
                outcome,
            })
        };
        let status = r.status.as_deref().unwrap_or("final");
        if !matches!(status, "final" | "amended" | "corrected" | "preliminary") {
            let reason = IgnoreReason::Status {
                status: status.into(),
            };
            line(out, None, None, Outcome::Ignored { reason });
            return;
        }
        if codings
            .iter()
            .any(|c| c.system.as_deref() == Some(SCORE_SYSTEM))
        {
            let reason = IgnoreReason::IecToxResult;
            line(out, None, None, Outcome::Ignored { reason });
            return;
        }
        let at = match Self::time(r) {
            Ok(t) => t,
            Err(reason) => {
                line(out, None, None, Outcome::Ignored { reason });
                return;
            }
        };
        // The project's own inputs (an IEC-Tox export read back).
        if let Some(name) = codings
            .iter()
            .find(|c| c.system.as_deref() == Some(INPUT_SYSTEM))
            .and_then(|c| c.code.clone())
        {
            let value = r
                .value_quantity
                .as_ref()
                .map(|q| json!({"value": q.value, "unit": q.code.clone().or(q.unit.clone())}))
                .or(r.value_boolean.map(Value::from))
                .or(r.value_integer.map(Value::from))
                .or(r.value_string.clone().map(Value::from));
            let outcome = match value {
                None => Outcome::Ignored {
                    reason: IgnoreReason::NoValue,
                },
                Some(value) => self.take(out, at, &name, value, r.id.clone()),
            };
            line(out, None, Some(at), outcome);
            return;
        }
        let loinc: Vec<&str> = codings
            .iter()
            .filter(|c| c.system.as_deref() == Some(LOINC_SYSTEM))
            .filter_map(|c| c.code.as_deref())
            .collect();
        let field = loinc.iter().find_map(|c| field_of_loinc(c));
        let not_input = loinc.iter().find(|c| NOT_INPUTS.contains(c));

        // Components (SpO₂ with O₂ flow/concentration, blood pressure).
        for comp in &r.component {
            let Some(code) = comp
                .code
                .coding
                .iter()
                .filter(|c| c.system.as_deref() == Some(LOINC_SYSTEM))
                .find_map(|c| c.code.as_deref())
            else {
                continue;
            };
            let outcome = match (field_of_loinc(code), &comp.value_quantity) {
                (_, _) if NOT_INPUTS.contains(&code) => Outcome::Ignored {
                    reason: IgnoreReason::NotAnInput { code: code.into() },
                },
                (None, _) => Outcome::Ignored {
                    reason: IgnoreReason::UnknownCode {
                        codes: alloc::vec![format!("{LOINC_SYSTEM}|{code}")],
                    },
                },
                (Some(_), None) => Outcome::Ignored {
                    reason: match &comp.data_absent_reason {
                        Some(c) => IgnoreReason::DataAbsent {
                            reason: absent_reason(c),
                        },
                        None => IgnoreReason::NoValue,
                    },
                },
                (Some(f), Some(q)) => self.quantity(out, at, f, q, r.id.clone()),
            };
            line(out, Some(code.into()), Some(at), outcome);
        }

        let outcome = match (field, &r.value_quantity) {
            (None, _) if not_input.is_some() => Outcome::Ignored {
                reason: IgnoreReason::NotAnInput {
                    code: not_input.map(|c| c.to_string()).unwrap_or_default(),
                },
            },
            (None, _) => Outcome::Ignored {
                reason: IgnoreReason::UnknownCode {
                    codes: codings.iter().map(code_string).collect(),
                },
            },
            (Some(_), None) => match &r.data_absent_reason {
                Some(c) => Outcome::Ignored {
                    reason: IgnoreReason::DataAbsent {
                        reason: absent_reason(c),
                    },
                },
                // A panel whose value is in its components has been reported per component.
                None if !r.component.is_empty() => return,
                None => Outcome::Ignored {
                    reason: IgnoreReason::NoValue,
                },
            },
            (Some(f), Some(q)) => self.quantity(out, at, f, q, r.id.clone()),
        };
        line(out, None, Some(at), outcome);
    }

    fn quantity(
        &mut self,
        out: &mut Import,
        at: i64,
        field: Field,
        q: &Quantity,
        source: Option<String>,
    ) -> Outcome {
        let Some(value) = q.value else {
            return Outcome::Ignored {
                reason: IgnoreReason::NoValue,
            };
        };
        let unit = match unit_of(field, q.code.as_deref(), q.unit.as_deref()) {
            Ok(u) => u,
            Err(error) => {
                return Outcome::Ignored {
                    reason: IgnoreReason::Invalid { error },
                }
            }
        };
        let unit_name = serde_json::to_value(unit).unwrap_or(Value::Null);
        self.take(
            out,
            at,
            field_name(field).as_str(),
            json!({"value": value, "unit": unit_name}),
            source,
        )
    }

    /// Checks one value with the shared record parser and keeps it when it reads.
    fn take(
        &mut self,
        out: &mut Import,
        at: i64,
        name: &str,
        value: Value,
        source: Option<String>,
    ) -> Outcome {
        let mut record = Map::new();
        insert_path(&mut record, name, value.clone());
        match parse_patient(Value::Object(record)) {
            Ok(_) => {
                let field = field_of_name(name);
                out.values.push(ImportedValue {
                    at,
                    name: name.into(),
                    field,
                    value,
                    source,
                });
                Outcome::Used {
                    fields: field.into_iter().collect(),
                }
            }
            Err(errors) => match errors.into_iter().next() {
                Some(RecordError::Input(error)) => Outcome::Ignored {
                    reason: IgnoreReason::Invalid { error },
                },
                Some(other) => Outcome::Ignored {
                    reason: IgnoreReason::Malformed {
                        message: other.to_string(),
                    },
                },
                None => Outcome::Ignored {
                    reason: IgnoreReason::NoValue,
                },
            },
        }
    }

    fn medication(&mut self, r: &Resource, out: &mut Import) {
        let concept = r.medication_codeable_concept.clone().unwrap_or_default();
        let name = concept
            .coding
            .iter()
            .filter_map(|c| c.display.clone())
            .chain(concept.text.clone())
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            // Only ASCII matters to the names searched below: the ASCII form plus the one
            // character that `to_lowercase` turns into an ASCII one the names use (KELVIN SIGN
            // to `k`) gives the same matches and keeps Unicode's case tables (about 12 KB)
            // out of the app's wasm.
            .map(|c| match c {
                '\u{212A}' => 'k',
                c => c.to_ascii_lowercase(),
            })
            .collect::<String>();
        let rxnorm = |code: &str| {
            concept.coding.iter().any(|c| {
                c.system.as_deref() == Some("http://www.nlm.nih.gov/research/umls/rxnorm")
                    && c.code.as_deref() == Some(code)
            })
        };
        let drug = if name.contains("tocilizumab") || rxnorm("612865") {
            Some(TreatmentDrug::Tocilizumab)
        } else if name.contains("dexamethasone") || rxnorm("3264") {
            Some(TreatmentDrug::Dexamethasone)
        } else if name.contains("methylprednisolone") || rxnorm("6902") {
            Some(TreatmentDrug::Methylprednisolone)
        } else if name.contains("anakinra") || rxnorm("72435") {
            Some(TreatmentDrug::Anakinra)
        } else {
            None
        };
        let code = concept.coding.first().map(code_string);
        let status = r.status.as_deref().unwrap_or("completed");
        let line = |out: &mut Import, at, outcome| {
            out.report.push(ResourceReport {
                resource_type: "MedicationAdministration".into(),
                id: r.id.clone(),
                code: code.clone(),
                component: None,
                at,
                outcome,
            })
        };
        if !matches!(status, "completed" | "in-progress") {
            let reason = IgnoreReason::Status {
                status: status.into(),
            };
            return line(out, None, Outcome::Ignored { reason });
        }
        let Some(drug) = drug else {
            return line(
                out,
                None,
                Outcome::Ignored {
                    reason: IgnoreReason::OtherMedication,
                },
            );
        };
        let at = match Self::time(r) {
            Ok(t) => t,
            Err(reason) => return line(out, None, Outcome::Ignored { reason }),
        };
        let dose_mg = r
            .dosage
            .as_ref()
            .and_then(|d| d.dose.as_ref())
            .and_then(|q| {
                let v = q.value?;
                match q.code.as_deref().or(q.unit.as_deref())? {
                    "mg" => Some(v),
                    "g" => Some(v * 1000.0),
                    "ug" | "µg" | "mcg" => Some(v / 1000.0),
                    _ => None,
                }
            });
        out.treatments.push(ImportedTreatment {
            drug,
            at,
            dose_mg,
            source: r.id.clone(),
        });
        line(out, Some(at), Outcome::Treatment);
    }
}

/// A field's JSON name (`ferritin`, `ice_items.orientation` for the nested ICE items).
pub fn field_name(field: Field) -> String {
    match serde_json::to_value(field) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The field of a record path (`ice_items.orientation` → ICE orientation); `None` for
/// settings and unknown names.
fn field_of_name(name: &str) -> Option<Field> {
    let flat = match name.split_once('.') {
        Some(("ice_items", inner)) => format!("ice_{inner}"),
        Some(("capd_items", inner)) => format!("capd_{inner}"),
        Some(_) => return None,
        None => name.into(),
    };
    serde_json::from_value(Value::String(flat)).ok()
}

fn insert_path(record: &mut Map<String, Value>, name: &str, value: Value) {
    match name.split_once('.') {
        Some((outer, inner)) => {
            let entry = record
                .entry(outer.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = entry {
                m.insert(inner.into(), value);
            }
        }
        None => {
            record.insert(name.into(), value);
        }
    }
}

impl Import {
    /// The values grouped by time: one record per distinct time, in time order, each read by
    /// the shared record parser into a partial [`Patient`] (the course's time points).
    pub fn time_points(&self) -> Vec<(i64, Patient)> {
        self.records()
            .into_iter()
            .filter_map(|(at, record)| parse_patient(Value::Object(record)).ok().map(|p| (at, p)))
            .collect()
    }

    /// The values grouped by time as JSON records (the CLI's record format).
    pub fn records(&self) -> Vec<(i64, Map<String, Value>)> {
        let mut by_time: BTreeMap<i64, Map<String, Value>> = BTreeMap::new();
        for v in &self.values {
            let record = by_time.entry(v.at).or_default();
            // The latest resource read for the same field and time wins (a correction).
            insert_path(record, &v.name, v.value.clone());
        }
        by_time.into_iter().collect()
    }
}

// ----- export ----------------------------------------------------------------------------------

fn uuid(n: usize) -> String {
    // Deterministic, well-formed (version 4 layout) ids for one Bundle: urn:uuid is what a
    // collection Bundle's fullUrl needs; the numbers only have to be unique in the document.
    format!("urn:uuid:00000000-0000-4000-8000-{n:012x}")
}

fn input_observation(at: i64, name: &str, value: &Value, full_url: &str) -> Value {
    let field = field_of_name(name);
    let loinc = field.and_then(primary_loinc);
    let code = match loinc {
        Some(c) => {
            json!({"coding": [{"system": LOINC_SYSTEM, "code": c}], "text": field.map(|f| f.label())})
        }
        None => {
            json!({"coding": [{"system": INPUT_SYSTEM, "version": CODE_SYSTEM_VERSION, "code": name}], "text": field.map(|f| f.label()).unwrap_or(name)})
        }
    };
    let mut obs = json!({
        "resourceType": "Observation",
        "id": full_url.trim_start_matches("urn:uuid:"),
        "status": "final",
        "code": code,
        "effectiveDateTime": format_date_time(at),
    });
    let m = obs.as_object_mut().expect("object");
    match value {
        Value::Object(q) if q.contains_key("unit") => {
            let unit: Option<Unit> = q
                .get("unit")
                .and_then(|u| serde_json::from_value(u.clone()).ok());
            let symbol = unit.map(|u| u.symbol()).unwrap_or("");
            let mut quantity =
                json!({"value": q.get("value").cloned().unwrap_or(Value::Null), "unit": symbol});
            if let Some(u) = unit.filter(|u| !u.ucum().is_empty()) {
                quantity["system"] = Value::from(UCUM_SYSTEM);
                quantity["code"] = Value::from(u.ucum());
            }
            m.insert("valueQuantity".into(), quantity);
        }
        Value::Bool(b) => {
            m.insert("valueBoolean".into(), Value::from(*b));
        }
        Value::Number(n) if n.is_i64() || n.is_u64() => {
            m.insert("valueInteger".into(), Value::Number(n.clone()));
        }
        other => {
            m.insert(
                "valueString".into(),
                Value::from(match other {
                    Value::String(s) => s.clone(),
                    v => v.to_string(),
                }),
            );
        }
    }
    obs
}

fn flatten(record: &Map<String, Value>) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for (k, v) in record {
        match v {
            Value::Null => {}
            Value::Object(m) if !m.contains_key("unit") => {
                for (ik, iv) in m {
                    if !iv.is_null() {
                        out.push((format!("{k}.{ik}"), iv.clone()));
                    }
                }
            }
            v => out.push((k.clone(), v.clone())),
        }
    }
    out
}

/// Writes time points (a patient at each time, minutes since the epoch) as a FHIR R4 Bundle
/// of type `collection`: the inputs, the results of every score per time point, and a
/// Provenance naming IEC-Tox `version`.
pub fn export(points: &[(i64, Patient)], version: &str) -> Value {
    let mut entries = Vec::new();
    let mut n = 0;
    let mut next = || {
        n += 1;
        uuid(n)
    };
    let mut all = Vec::new();
    for (at, patient) in points {
        let Ok(Value::Object(record)) = serde_json::to_value(patient) else {
            continue;
        };
        let mut inputs = Vec::new();
        // Settings (HLH-2004 fever rule, CAPD age) travel as inputs of the project's system.
        for (name, value) in flatten(&record) {
            let url = next();
            entries.push(
                json!({"fullUrl": url, "resource": input_observation(*at, &name, &value, &url)}),
            );
            inputs.push(url);
        }
        let report = crate::assess(patient);
        let derived: Vec<Value> = inputs.iter().map(|u| json!({"reference": u})).collect();
        fn summary<K>(a: &crate::Assessment<K>) -> (Option<u16>, crate::Range, crate::Conclusion) {
            (a.value, a.range, a.conclusion)
        }
        for (code, display, (value, range, conclusion)) in [
            ("hscore", "HScore", summary(&report.hscore.assessment)),
            (
                "hlh2004",
                "HLH-2004 criteria met (of 8)",
                summary(&report.hlh2004.assessment),
            ),
            (
                "crs_astct",
                "ASTCT CRS grade",
                summary(&report.crs.assessment),
            ),
            (
                "icans_astct",
                "ASTCT ICANS grade",
                summary(&report.icans.assessment),
            ),
            (
                "iec_hs_features",
                "IEC-HS features present",
                summary(&report.iec_hs.features),
            ),
        ] {
            let url = next();
            let value = match value {
                Some(v) => json!({"valueInteger": v}),
                None => {
                    json!({"valueRange": {"low": {"value": range.min}, "high": {"value": range.max}}})
                }
            };
            let interpretation = match conclusion {
                crate::Conclusion::Met => "POS",
                crate::Conclusion::NotMet => "NEG",
                crate::Conclusion::Undetermined => "IND",
            };
            let mut obs = json!({
                "resourceType": "Observation",
                "id": url.trim_start_matches("urn:uuid:"),
                "status": "final",
                "code": {"coding": [{"system": SCORE_SYSTEM, "version": CODE_SYSTEM_VERSION, "code": code, "display": display}]},
                "effectiveDateTime": format_date_time(*at),
                "interpretation": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": interpretation}]}],
                "derivedFrom": derived,
            });
            if let (Some(o), Value::Object(v)) = (obs.as_object_mut(), value) {
                o.extend(v);
            }
            entries.push(json!({"fullUrl": url, "resource": obs}));
            inputs.push(url);
        }
        all.extend(inputs);
    }
    let provenance_url = next();
    let recorded = points.iter().map(|p| p.0).max().unwrap_or(0);
    entries.push(json!({"fullUrl": provenance_url, "resource": {
        "resourceType": "Provenance",
        "id": provenance_url.trim_start_matches("urn:uuid:"),
        "target": all.iter().map(|u| json!({"reference": u})).collect::<Vec<_>>(),
        "recorded": format_date_time(recorded),
        "agent": [{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "code": "assembler"}]},
                   "who": {"display": format!("IEC-Tox {version}")}}],
    }}));
    json!({"resourceType": "Bundle", "type": "collection", "entry": entries})
}
