//! One module per score or grading system, each a function `&Patient -> assessment`.

pub mod crs;
pub mod crs_legacy;
pub mod ctcae;
pub mod hlh2004;
pub mod hscore;
pub mod icans;
pub mod iec_hs;
pub mod measix;
