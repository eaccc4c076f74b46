//! Bedside number and unit parsing: never a panic, and a parsed number is always finite.
#![no_main]

use iectox::units::{parse_number, Unit};
use iectox::Field;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(Some(v)) = parse_number(Field::Ferritin, text) {
            assert!(v.is_finite());
        }
        let _ = Unit::parse(Field::Ferritin, text);
    }
});
