//! Times the FHIR import of a 2,000-Observation Bundle (four analytes, one time point per
//! hour): `cargo run --release -p iectox --features fhir --example fhir_import_2000`.

use std::time::Instant;

fn main() {
    let codes = [
        ("2276-4", "ug/L", 500.0),
        ("777-3", "10*9/L", 100.0),
        ("1920-8", "U/L", 40.0),
        ("8310-5", "Cel", 37.5),
    ];
    let entries: Vec<String> = (0..2000)
        .map(|i| {
            let (code, unit, value) = codes[i % codes.len()];
            let hour = i / 4;
            format!(
                r#"{{"resource":{{"resourceType":"Observation","id":"b{i}","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"{code}"}}]}},"effectiveDateTime":"{}","valueQuantity":{{"value":{},"unit":"{unit}","system":"http://unitsofmeasure.org","code":"{unit}"}}}}}}"#,
                iectox::fhir::format_date_time(29_000_000 + hour as i64 * 60),
                value + (i % 7) as f64
            )
        })
        .collect();
    let text = format!(
        r#"{{"resourceType":"Bundle","type":"searchset","entry":[{}]}}"#,
        entries.join(",")
    );
    let runs = 20;
    let mut best = f64::MAX;
    let mut points = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let import = iectox::fhir::import(&text).expect("reads");
        points = import.time_points().len();
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "2,000 Observations ({} KiB): import + time points {best:.1} ms (best of {runs}), {points} time points",
        text.len() / 1024
    );
}
