//! The course input (JSON Lines of time-stamped records per patient): any bytes give one output
//! per patient or errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = iectox_cli::process_courses(&[text]);
    }
});
