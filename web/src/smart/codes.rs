//! What the launch asks the FHIR server for. These lists only narrow the queries (least data
//! leaves the record); what each code means, which units convert and what is ignored is
//! decided by the core crate's FHIR import, which reads the result. Keep this list a superset
//! of the codes that import accepts (shared/fhir-loinc.md: every code of every row).

pub const LOINC: &str = "http://loinc.org";

/// Every LOINC code of shared/fhir-loinc.md (primary, molar, method and specimen variants).
pub const OBSERVATION_CODES: &[&str] = &[
    // Ferritin
    "2276-4", "20567-4", "14723-1", "24373-3", // Triglycerides
    "2571-8", "14927-8", "3043-7", // Fibrinogen
    "3255-7", "48664-7", "30902-1", "3256-5", // AST, ALT
    "1920-8", "30239-8", "88112-8", "1742-6", "14390-9",
    // Bilirubin total, creatinine
    "1975-2", "14631-6", "42719-5", "2160-0", "14682-9", "38483-4", "59826-8",
    // Hemoglobin, platelets, neutrophils, leukocytes
    "718-7", "59260-0", "777-3", "26515-7", "778-1", "751-8", "26499-4", "753-4", "6690-2",
    "26464-8", "804-5", // LDH, CRP, sIL-2R
    "2532-0", "14804-9", "14805-6", "1988-5", "30522-7", "76485-2", "76039-7",
    // Temperature, SpO2, inhaled O2 (also charted as observations of their own)
    "8310-5", "8331-1", "59408-5", "2708-6", "3151-8", "3150-0",
    // Weight, height, blood pressure panel and its components
    "29463-7", "8302-2", "85354-9", "8480-6", "8462-4",
];

pub const RXNORM: &str = "http://www.nlm.nih.gov/research/umls/rxnorm";
pub const ATC: &str = "http://www.whocc.no/atc";

/// Tocilizumab and the corticosteroids of the CRS/ICANS treatment steps, as RxNorm
/// ingredients and ATC codes (a hospital codes its administrations in one or the other).
pub const MEDICATION_CODES: &[(&str, &str)] = &[
    (RXNORM, "612865"), // tocilizumab
    (RXNORM, "3264"),   // dexamethasone
    (RXNORM, "6902"),   // methylprednisolone
    (RXNORM, "5492"),   // hydrocortisone
    (RXNORM, "8638"),   // prednisolone
    (RXNORM, "8640"),   // prednisone
    (ATC, "L04AC07"),   // tocilizumab
    (ATC, "H02AB02"),   // dexamethasone
    (ATC, "H02AB04"),   // methylprednisolone
    (ATC, "H02AB09"),   // hydrocortisone
    (ATC, "H02AB06"),   // prednisolone
    (ATC, "H02AB07"),   // prednisone
];

/// Page size asked for; servers may return fewer and page with `link[next]`.
pub const PAGE_SIZE: u32 = 100;

/// A FHIR token search value list: `system|code,system|code,…` (URL-encoded by the caller).
pub fn token_list<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(system, code)| format!("{system}|{code}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// The Observation search URL for this patient (first page).
pub fn observation_query(base: &str, patient: &str) -> String {
    format!(
        "{base}/Observation?patient={}&code={}&_count={PAGE_SIZE}",
        encode(patient),
        encode(&token_list(OBSERVATION_CODES.iter().map(|c| (LOINC, *c))))
    )
}

/// The MedicationAdministration search URL for this patient (first page).
pub fn medication_query(base: &str, patient: &str) -> String {
    format!(
        "{base}/MedicationAdministration?patient={}&code={}&_count={PAGE_SIZE}",
        encode(patient),
        encode(&token_list(MEDICATION_CODES.iter().copied()))
    )
}

/// `{base}/Patient/{id}`.
pub fn patient_url(base: &str, patient: &str) -> String {
    format!("{base}/Patient/{}", encode(patient))
}

/// Percent-encodes a query value (RFC 3986 unreserved characters are kept; `|` and `,` are
/// encoded too, as `URLSearchParams` does).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
