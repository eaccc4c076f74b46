//! The `iectox` scores for JavaScript: an ES module (built with `wasm-bindgen --target web`)
//! whose functions take a patient as a plain object — the same record format as the batch
//! CLI (`{"ferritin": {"value": 7000, "unit": "ng/mL"}, "hepatomegaly": true, …}`) — and
//! return plain objects. A bad patient throws an `Error` whose message lists every problem
//! in the core crate's words, and whose `errors` property holds them as objects (field,
//! value, accepted range).
//!
//! ```js
//! import init, { assess, hscore, course, version } from './iectox_js.js';
//! await init();
//! const r = hscore({ ferritin: { value: 7000, unit: 'ng/mL' } });
//! r.assessment.range; // { min: 50, max: 337 }
//! const [bed4] = course([
//!   { patient_id: 'bed-4', infusion: '2026-12-01T10:00Z' },
//!   { patient_id: 'bed-4', time: '2026-12-02T12:00Z', temperature: { value: 38.6, unit: '°C' } },
//! ]);
//! bed4.course.time_points[0].day; // 1
//! ```

use iectox::json::{read_record, Node, RecordError};
use iectox::Patient;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A measured value with its unit, as clinicians write it ("mg/dL", "x10^9/L", "°F", …). */
export interface Quantity { value: number; unit: string }
/** A patient: every key optional; missing is never read as normal. See the CLI schema. */
export type Patient = { [field: string]: Quantity | boolean | number | string | null | object };
export type Conclusion = "met" | "not_met" | "undetermined";
export type Status = "met" | "not_met" | "unknown";
export interface Range { min: number; max: number }
export interface Item<K = string> { key: K; category: number | null; points: number | null; range: Range; status: Status; missing: string[] }
/** The common result of every score: value when decided, breakdown, missing inputs, reachable range. */
export interface Assessment<K = string> { value: number | null; range: Range; conclusion: Conclusion; items: Item<K>[]; missing: string[]; sources: string[] }
export interface HScore { assessment: Assessment; probability: { kind: string; percent?: number; low?: number; high?: number } | null }
export interface Report {
  hscore: HScore;
  hlh2004: { assessment: Assessment; molecular: Status; clinical_criteria: Conclusion; still_needed: number; [k: string]: unknown };
  crs: { assessment: Assessment; deciding: string[]; [k: string]: unknown };
  icans: { assessment: Assessment; tool: string; [k: string]: unknown };
  iec_hs: { features: Assessment; ferritin_criterion: Conclusion; present: string[]; grade: string | null; [k: string]: unknown };
  ctcae: { assessment: Assessment };
  measix: { value: number | null; log2: number | null; missing: string[]; [k: string]: unknown };
  crs_legacy: { systems: { system: string; assessment: Assessment }[]; missing: string[]; sources: string[] };
}
/** A dose plan: who it is for (adult/child/undecided and why), the BSA used, each step with its doses.
 * Each phase's dose is `{ Ok: DoseResult }`, `{ Err: "missing_weight" | "adult_dose_for_child" | "ask_adult_or_child" | … }`
 * or `null` (a taper without a dose). */
export interface TreatmentPlan {
  regimen: string;
  population: { population: "adult" | "child" | "undecided"; reason: string };
  bsa_m2: number | null;
  steps: { step: { id: string; drug: string | null; regimen: unknown[]; trigger: unknown; targets: unknown[]; [k: string]: unknown };
           doses: ({ Ok: { per_dose: Range | null; [k: string]: unknown } } | { Err: string } | null)[];
           note: string | null }[];
  /** The review's statements on the regimen as a whole (refractory CRS; empty otherwise). */
  statements: string[];
}
/** A time: an ISO 8601 date-time with Z or an offset ("2026-12-01T10:00:00Z", "2026-12-01T11:00+01:00"), or minutes since the Unix epoch. */
export type CourseTime = string | number;
/** A course record: a patient id plus a time point's patient fields, or a treatment, or the infusion alone; any order. */
export type CourseRecord = Patient & {
  patient_id: string | number; time?: CourseTime; infusion?: CourseTime;
  drug?: string; other_treatment?: string; dose_mg?: number | null;
};
export interface Boundary { time: number; undetermined_from: number | null }
export interface Episode {
  onset: Boundary; max_grade: Range; max_at: number;
  end: ({ state: "resolved" } & Boundary) | { state: "ongoing" } | { state: "undetermined"; from: number };
  duration_minutes: { min: number; max: number } | null;
}
export interface Episodes { syndrome: "crs" | "icans"; episodes: Episode[]; undetermined: { from: number; to: number; max_possible: number }[] }
/** Where a value at a time point came from (times in minutes since the epoch). */
export type Origin =
  | { origin: "current"; time: number }
  | { origin: "carried_forward" | "expired"; time: number; age_minutes: number }
  | { origin: "override" }
  | { origin: "last_at_or_before_infusion"; time: number };
export type FieldSource = { field: string } & Origin;
export interface Measured { entered: Quantity; canonical: number; canonical_unit: string }
export interface CrsPhaseFerritin { from: number; to: number; peak: { time: number; ferritin: Quantity } | null; possibly_higher: { time: number; ferritin: Quantity } | null }
export interface TimePoint {
  time: number; time_utc: string; day: number; minutes_since_infusion: number; report: Report;
  crs_phase_ferritin: CrsPhaseFerritin; cartox_hlh_at_peak: { assessment: Assessment; not_inputs: string[] } | null;
  sources: FieldSource[];
}
export interface Trend { field: string; points: { time: number; value: Measured }[];
  steps: { from: number; to: number; fold_change: number | null; change_per_24h: number; unit: string }[] }
export interface CourseReport {
  infusion: number; infusion_utc: string;
  /** The local calendar of each time point's `day`, in minutes east of UTC (the infusion's offset). */
  utc_offset: number;
  settings: { lab_validity_minutes: number; bedside_validity_minutes: number; finding_validity_minutes: number; crs_phase_minutes: number };
  time_points: TimePoint[];
  baselines: ({ field: string; analyte: string; value: Measured | null } & (Origin | {}))[];
  crs: Episodes; icans: Episodes; crs_phase_ferritin: CrsPhaseFerritin; trends: Trend[];
  treatments: { time: number; therapy: { drug: string } | { other: string }; dose_mg: number | null }[];
  tocilizumab_doses: number[]; tocilizumab_warnings: { kind: string; [k: string]: unknown }[];
  ferritin_rapidly_rising: number | null;
}
export type CourseError = { record?: number; kind: string; message: string; [k: string]: unknown };
/** One per patient (in order of first record), or one per record without a usable patient_id. */
export type CourseResult =
  | { patient_id: string | number; records: number[]; course: CourseReport }
  | { patient_id: string | number; records: number[]; errors: CourseError[] }
  | { record: number; errors: CourseError[] };
/** What a FHIR document gave: values with times, treatments, birth date, and one report line per
 * resource (`outcome`: used / birth_date / treatment / ignored with `reason.kind`). `timePoints`
 * groups the values by time in the record format. */
export interface FhirImport {
  values: { at: number; name: string; field: string | null; value: unknown; source: string | null }[];
  treatments: { drug: string; at: number; dose_mg: number | null; source: string | null }[];
  birth_date: number | null;
  report: { resource_type: string; id: string | null; code: string | null; component: string | null; at: number | null;
            outcome: { outcome: string; fields?: string[]; reason?: { kind: string; [k: string]: unknown } } }[];
  timePoints: { time: string; minutes: number; patient: Patient }[];
}
/** Thrown for a patient with a refused value: every error, and (when the patient is an object)
 * `partialReport`, the report of the rest of it with each refused value missing. */
export interface IecToxError extends Error { errors: { path?: string; field?: string; kind: string; message: string; [k: string]: unknown }[]; partialReport?: Report }
"#;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Reads a patient object; on failure an `Error` with every message and an `errors` array.
/// The object is read straight into the core's record form, so a number JavaScript holds as
/// `Infinity` is refused by its field like any other.
fn patient(value: JsValue) -> Result<Patient, JsValue> {
    let record: Node = serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsValue::from(js_sys::Error::new(&format!("patient: {e}"))))?;
    match read_record(&record) {
        (Some(patient), errors) if errors.is_empty() => Ok(patient),
        (partial, errors) => {
            let error = error_of(errors);
            // The rest of the record scored, each refused value missing (never a default): what
            // the valid values give and which inputs each score still needs.
            if let Some(report) = partial.map(|p| iectox::assess(&p)) {
                if let Ok(report) = to_js(&report) {
                    let _ = js_sys::Reflect::set(&error, &"partialReport".into(), &report);
                }
            }
            Err(error)
        }
    }
}

fn error_of(errors: Vec<RecordError>) -> JsValue {
    let message = errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    let error = js_sys::Error::new(&message);
    let list: Vec<serde_json::Value> = errors
        .iter()
        .map(|e| {
            let mut v = e.to_value();
            if let serde_json::Value::Object(m) = &mut v {
                m.insert("message".into(), e.to_string().into());
            }
            v
        })
        .collect();
    if let Ok(array) = to_js(&list) {
        let _ = js_sys::Reflect::set(&error, &"errors".into(), &array);
    }
    error.into()
}

macro_rules! score {
    ($(#[$doc:meta])* $js:literal, $name:ident, $ts:literal, |$p:ident| $body:expr) => {
        $(#[$doc])*
        #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
        pub fn $name(#[wasm_bindgen(unchecked_param_type = "Patient")] patient_value: JsValue) -> Result<JsValue, JsValue> {
            let $p = patient(patient_value)?;
            to_js(&$body).map_err(JsValue::from)
        }
    };
}

score!(/// Every assessment of the patient.
    "assess", assess, "Report", |p| iectox::assess(&p));
score!(/// HScore (Fardet 2014).
    "hscore", hscore, "HScore", |p| iectox::scores::hscore::assess(&p));
score!(/// HLH-2004 (Henter 2007).
    "hlh2004", hlh2004, "Report['hlh2004']", |p| iectox::scores::hlh2004::assess(&p));
score!(/// ASTCT CRS grade (Lee 2019).
    "crs", crs, "Report['crs']", |p| iectox::scores::crs::assess(&p));
score!(/// ASTCT ICANS grade (Lee 2019).
    "icans", icans, "Report['icans']", |p| iectox::scores::icans::assess(&p));
score!(/// IEC-HS checklist (Hines 2023, provisional).
    "iecHs", iec_hs, "Report['iec_hs']", |p| iectox::scores::iec_hs::assess(&p));
score!(/// CTCAE v5.0 laboratory grades.
    "ctcae", ctcae, "Report['ctcae']", |p| iectox::scores::ctcae::assess(&p));
score!(/// m-EASIX (Pennisi 2021).
    "measix", measix, "Report['measix']", |p| iectox::scores::measix::assess(&p));
score!(/// Lee 2014, Penn, MSKCC and CARTOX CRS grades.
    "crsLegacy", crs_legacy, "Report['crs_legacy']", |p| iectox::scores::crs_legacy::assess(&p));

/// The dose plan of a regimen (`crs_grade_1` … `crs_grade_4`, `crs_refractory`, `iec_hs`) for
/// the patient's age, weight and height — the same plan the app shows, children included (no
/// adult fixed dose under 18 years). `ageGroup` (`"adult"` / `"child"`) answers "adult or
/// child?" when the patient has no age.
#[wasm_bindgen(unchecked_return_type = "TreatmentPlan")]
pub fn treatment(
    #[wasm_bindgen(unchecked_param_type = "Patient")] patient_value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] regimen: &str,
    #[wasm_bindgen(unchecked_param_type = "\"adult\" | \"child\" | undefined")] age_group: Option<
        String,
    >,
) -> Result<JsValue, JsValue> {
    use iectox::treatment::{treatment_plan, AgeGroup, Regimen};
    let p = patient(patient_value)?;
    let regimen = Regimen::from_key(regimen).ok_or_else(|| {
        JsValue::from(js_sys::Error::new(&format!(
            "regimen: \"{regimen}\" is not one of crs_grade_1, crs_grade_2, crs_grade_3, crs_grade_4, crs_refractory, iec_hs"
        )))
    })?;
    let declared = match age_group.as_deref() {
        None => None,
        Some("adult") => Some(AgeGroup::Adult),
        Some("child") => Some(AgeGroup::Child),
        Some(other) => {
            return Err(js_sys::Error::new(&format!(
                "ageGroup: \"{other}\" is not \"adult\" or \"child\""
            ))
            .into())
        }
    };
    to_js(&treatment_plan(&p, regimen, declared)).map_err(JsValue::from)
}

/// Courses over time: records of one or more patients (`patient_id`, `time`, fields, or a
/// treatment, or the infusion), in any order — the same records and the same output as the
/// CLI's `--course`: one result per patient with every time point assessed, the baselines
/// used, CRS and ICANS episodes, the CRS-phase peak ferritin, trends and treatments. A
/// patient with a bad record gets `errors` (each with its record number) instead of a course;
/// only a non-array argument throws.
#[wasm_bindgen(unchecked_return_type = "CourseResult[]")]
pub fn course(
    #[wasm_bindgen(unchecked_param_type = "CourseRecord[]")] records: JsValue,
) -> Result<JsValue, JsValue> {
    let json: serde_json::Value = serde_wasm_bindgen::from_value(records)
        .map_err(|e| JsValue::from(js_sys::Error::new(&format!("records: {e}"))))?;
    let serde_json::Value::Array(items) = json else {
        return Err(js_sys::Error::new("records: expected an array of course records").into());
    };
    let out = iectox::course::json::process_courses(items.into_iter().map(Ok).collect());
    to_js(&out).map_err(JsValue::from)
}

/// Reads a FHIR R4 JSON Bundle or resource (text): the values with their times, the
/// treatments, the birth date, and a report line per resource (used, or ignored with the reason).
/// Nothing is applied: show the report, let the user confirm, then use `timePoints`.
#[wasm_bindgen(js_name = "fhirImport", unchecked_return_type = "FhirImport")]
pub fn fhir_import(text: &str) -> Result<JsValue, JsValue> {
    let import = iectox::fhir::import(text)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    let points: Vec<serde_json::Value> = import
        .records()
        .into_iter()
        .map(|(at, record)| {
            serde_json::json!({"time": iectox::fhir::format_date_time(at), "minutes": at, "patient": record})
        })
        .collect();
    let mut value = serde_json::to_value(&import).unwrap_or_default();
    value["timePoints"] = serde_json::Value::Array(points);
    to_js(&value).map_err(JsValue::from)
}

/// Writes time points (`[{ time: "2026-12-01T10:00:00+01:00", patient: {…} }]`, patients in the
/// record format) as a FHIR R4 Bundle (type collection): inputs with LOINC codes and UCUM units,
/// each score's result, and a Provenance naming this version.
#[wasm_bindgen(js_name = "fhirExport", unchecked_return_type = "object")]
pub fn fhir_export(
    #[wasm_bindgen(unchecked_param_type = "{ time: string; patient: Patient }[]")] points: JsValue,
) -> Result<JsValue, JsValue> {
    let json: serde_json::Value = serde_wasm_bindgen::from_value(points)
        .map_err(|e| JsValue::from(js_sys::Error::new(&format!("points: {e}"))))?;
    let serde_json::Value::Array(items) = json else {
        return Err(js_sys::Error::new("points: expected an array of { time, patient }").into());
    };
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let time = item.get("time").and_then(|t| t.as_str()).unwrap_or("");
        let at = iectox::fhir::parse_date_time(time)
            .map_err(|e| JsValue::from(js_sys::Error::new(&format!("points[{i}].time: {e:?}"))))?;
        let p = iectox::json::parse_patient(item.get("patient").cloned().unwrap_or_default())
            .map_err(error_of)?;
        out.push((at, p));
    }
    to_js(&iectox::fhir::export(&out, env!("CARGO_PKG_VERSION"))).map_err(JsValue::from)
}

/// The version of the scoring crate.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The review's errata (not implemented), as data.
#[wasm_bindgen(
    unchecked_return_type = "{ number: number; location: string; review: string; correct: string; source: string }[]"
)]
pub fn errata() -> Result<JsValue, JsError> {
    to_js(&iectox::sources::ERRATA)
}

/// Every source cited, as bibliography strings.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn sources() -> Result<JsValue, JsError> {
    let list: Vec<&str> = iectox::sources::Source::ALL
        .iter()
        .map(|s| s.citation())
        .collect();
    to_js(&list)
}
