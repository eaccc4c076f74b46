//! What the launch asks the FHIR server for. These lists only narrow the queries (least data
//! leaves the record); what each code means, which units convert and what is ignored is
//! decided by the core crate's FHIR import, which reads the result — and the Observation codes
//! are taken from it, so the search asks for exactly the codes the import reads.

pub const LOINC: &str = iectox::fhir::LOINC_SYSTEM;

/// Every LOINC code the core's import reads (shared/fhir-loinc.md: every code of every row,
/// the codes it reads but reports as "not an input" included, so the report names them).
pub fn observation_codes() -> Vec<&'static str> {
    iectox::fhir::LOINC
        .iter()
        .flat_map(|(_, codes)| codes.iter().copied())
        .chain(iectox::fhir::NOT_INPUTS.iter().copied())
        .collect()
}

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
        encode(&token_list(
            observation_codes().into_iter().map(|c| (LOINC, c))
        ))
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
