//! The batch input parsers (JSON / JSON Lines, and CSV): any bytes must give one result or
//! error object per record, and never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let csv = Some(iectox_cli::InputFormat::Csv);
        let results = iectox_cli::process(text)
            .into_iter()
            .chain(iectox_cli::process_as(text, csv, &Default::default()));
        for result in results {
            assert!(result.get("report").is_some() ^ result.get("errors").is_some());
        }
    }
});
