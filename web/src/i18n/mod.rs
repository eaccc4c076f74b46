//! English and Spanish. Every string lives in [`Strings`]; a language is a `const Strings`,
//! so a missing translation is a compile error. Labels of the core crate's enums (fields,
//! units are symbols) are exhaustive `match`es, complete for the same reason.

mod en;
mod es;
pub mod labels;
pub mod numbers;

use serde::{Deserialize, Serialize};

pub use en::EN;
pub use es::ES;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "es")]
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }
}

/// Every user-visible string of the app.
pub struct Strings {
    pub product: &'static str,
    pub tagline: &'static str,
    pub disclaimer: &'static str,
    pub version: &'static str,
    pub language: &'static str,
    pub new_patient: &'static str,
    pub copy_summary: &'static str,
    pub copied: &'static str,
    pub print: &'static str,
    pub stored_locally: &'static str,
    pub nav_label: &'static str,
    pub page_patients: &'static str,
    pub page_import: &'static str,
    pub page_course: &'static str,
    pub page_overview: &'static str,
    pub page_crs: &'static str,
    pub page_icans: &'static str,
    pub page_hscore: &'static str,
    pub page_hlh2004: &'static str,
    pub page_iec_hs: &'static str,
    pub page_labs: &'static str,
    pub page_systems: &'static str,
    pub page_measix: &'static str,
    pub page_treatment: &'static str,
    pub page_sepsis: &'static str,
    pub page_sources: &'static str,
    pub page_not_found: &'static str,
    pub met: &'static str,
    pub not_met: &'static str,
    pub undetermined: &'static str,
    pub unknown: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub not_known: &'static str,
    pub missing: &'static str,
    pub nothing_missing: &'static str,
    pub range: &'static str,
    pub inputs: &'static str,
    pub result: &'static str,
    pub grade: &'static str,
    pub points: &'static str,
    pub total: &'static str,
    pub item: &'static str,
    pub value: &'static str,
    pub category: &'static str,
    pub unit: &'static str,
    pub sources: &'static str,
    pub not_assessable: &'static str,
}

/// A string given in both languages at the call site (both are required to compile).
pub fn tr(lang: Lang, en: &'static str, es: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Es => es,
    }
}
