//! Every page has a route; `HashRouter` keeps it after `#`, so any static host and sub-path
//! works without rewrites.

use yew_router::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Overview,
    #[at("/crs")]
    Crs,
    #[at("/icans")]
    Icans,
    #[at("/hscore")]
    HScore,
    #[at("/hlh2004")]
    Hlh2004,
    #[at("/iec-hs")]
    IecHs,
    #[at("/labs")]
    Labs,
    #[at("/systems")]
    Systems,
    #[at("/measix")]
    Measix,
    #[at("/treatment")]
    Treatment,
    #[at("/sepsis")]
    Sepsis,
    #[at("/sources")]
    Sources,
    /// The patients on this device: switch, label, archive, delete, backup.
    #[at("/patients")]
    Patients,
    /// Import from the record (a FHIR file or pasted JSON) and export the course as FHIR.
    #[at("/import")]
    Import,
    /// The open patient's course: time points, grades over time, trends, treatments.
    #[at("/course")]
    Course,
    /// One calculator without the app chrome, for an iframe (see README, "Embedding").
    #[at("/embed/:calc")]
    Embed { calc: String },
    /// Launch from the record system (SMART on FHIR); not in the menu (README, "Embedding in
    /// the record system").
    #[at("/launch")]
    Launch,
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The pages in the navigation, in order.
    pub const NAV: &'static [Route] = &[
        Route::Overview,
        Route::Course,
        Route::Crs,
        Route::Icans,
        Route::HScore,
        Route::Hlh2004,
        Route::IecHs,
        Route::Labs,
        Route::Systems,
        Route::Measix,
        Route::Treatment,
        Route::Sepsis,
        Route::Sources,
        Route::Patients,
        Route::Import,
    ];
}
