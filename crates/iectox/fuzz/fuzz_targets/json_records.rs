//! The whole batch path (JSON / JSON Lines detected, and CSV): any bytes must give one outcome
//! per record — a report, or errors (with the partial report of the rest) — and each outcome
//! must write as the CLI writes it (straight from the typed report, as `iectox` does for its
//! JSON Lines output), never a panic.
#![no_main]

use iectox_cli::InputFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let options = Default::default();
    let mut line = Vec::new();
    for format in [None, Some(InputFormat::Csv)] {
        for (i, outcome) in iectox_cli::outcomes(text, format, &options).enumerate() {
            assert_eq!(outcome.record, i + 1);
            // A partial report only beside errors, and errors never empty.
            match &outcome.result {
                Ok(_) => assert!(outcome.partial.is_none()),
                Err(errors) => assert!(!errors.is_empty()),
            }
            line.clear();
            serde_json::to_writer(&mut line, &outcome).expect("every outcome is written");
        }
    }
});
