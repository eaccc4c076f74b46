//! The record readers alone, without scoring or writing reports (so it runs at the readers'
//! speed; `json_records` covers the whole batch path): any bytes, read as detected JSON /
//! JSON Lines, as JSON Lines and as CSV, must give each record either a patient or errors that
//! name what is wrong, never a panic; and reading must agree with the all-or-nothing reader.
#![no_main]

use iectox_cli::InputFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [None, Some(InputFormat::JsonLines), Some(InputFormat::Csv)] {
        for record in iectox_cli::records(text, format) {
            let Ok(node) = record else { continue };
            let (patient, errors) = iectox::json::read_record(&node);
            // Every object gives a patient (its refused values left out); only a record that
            // is not an object gives none, and then it says why.
            assert_eq!(
                patient.is_some(),
                matches!(node, iectox::json::Node::Object(_))
            );
            if patient.is_none() {
                assert!(!errors.is_empty());
            }
            // A partial patient never holds a value its own checks refuse, except the
            // contradictions the scores handle themselves, which were reported above.
            if let Some(patient) = &patient {
                for problem in patient.validate() {
                    assert!(errors.contains(&iectox::json::RecordError::Input(problem)));
                }
            }
        }
    }
});
