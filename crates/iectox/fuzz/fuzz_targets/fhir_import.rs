//! The FHIR import: any bytes give an error or an import whose time points all parse and
//! score, and never a panic; every resource gets a report line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(import) = iectox::fhir::import(text) {
            for (_, patient) in import.time_points() {
                let _ = iectox::assess(&patient);
            }
            for w in import.values.windows(2) {
                assert!(w[0].at <= w[1].at, "values out of time order");
            }
        }
    }
});
