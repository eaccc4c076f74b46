//! Launch from the record system: SMART App Launch 2.0 (FHIR R4, OAuth 2.0 authorization code
//! with PKCE) as a public client. Off unless `config.json` lists the record system; only the
//! `#/launch` page reads that file or talks to any server. The access token lives in memory
//! only, for the queries of one launch (see `flow`).

pub mod codes;
pub mod config;
pub mod discovery;
pub mod flow;
pub mod handoff;
pub mod http;
pub mod page;
pub mod pkce;
pub mod text;

pub use flow::route_launch_params;
