//! IEC-Tox bedside app: one patient entered once drives every score of the `iectox` crate.
//! The app holds no clinical rule: it maps form state to the crate's typed inputs and renders
//! the crate's assessments.

pub mod app;
pub mod components;
pub mod course;
pub mod course_report;
pub mod fhir_import;
pub mod files;
pub mod form;
pub mod hooks;
pub mod i18n;
pub mod pages;
pub mod route;
pub mod smart;
pub mod state;
pub mod storage;
pub mod summary;
pub mod vec_map;

pub use app::App;

/// The app's version, shown in the header and in every summary.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
