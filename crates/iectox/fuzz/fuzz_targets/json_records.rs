//! The batch input parser: any bytes must give one result or error object per record, and
//! never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        for result in iectox_cli::process(text) {
            assert!(result.get("report").is_some() ^ result.get("errors").is_some());
        }
    }
});
