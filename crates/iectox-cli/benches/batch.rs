//! Batch throughput: 100 000 generated patients as JSON Lines through the CLI's `process`
//! (parse, validate, score every assessment, serialise).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

const PATIENTS: usize = 100_000;

/// Deterministic, varied records (a small LCG, no dependency).
fn generate(n: usize) -> String {
    let mut seed: u64 = 0x01ec_70c5;
    let mut next = |lo: f64, hi: f64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lo + (hi - lo) * ((seed >> 11) as f64 / (1u64 << 53) as f64)
    };
    let mut out = String::with_capacity(n * 700);
    for i in 0..n {
        out.push_str(&format!(
            concat!(
                r#"{{"id":{},"temperature":{{"value":{:.1},"unit":"°C"}},"hypotension":{},"vasopressors":{},"#,
                r#""oxygen_device":"nasal_cannula","oxygen_flow":{{"value":{:.0},"unit":"L/min"}},"fever_masking_therapy":false,"crs_death":false,"#,
                r#""ferritin":{{"value":{:.0},"unit":"ng/mL"}},"triglycerides":{{"value":{:.1},"unit":"mmol/L"}},"#,
                r#""fibrinogen":{{"value":{:.1},"unit":"g/L"}},"haemoglobin":{{"value":{:.1},"unit":"g/dL"}},"#,
                r#""leukocytes":{{"value":{:.1},"unit":"x10^9/L"}},"platelets":{{"value":{:.0},"unit":"x10^9/L"}},"#,
                r#""ast":{{"value":{:.0},"unit":"U/L"}},"ldh":{{"value":{:.0},"unit":"U/L"}},"crp":{{"value":{:.0},"unit":"mg/L"}},"#,
                r#""hepatomegaly":{},"splenomegaly":{},"immunosuppression":false,"ice_total":{}}}"#,
                "\n"
            ),
            i,
            next(36.0, 41.0),
            next(0.0, 1.0) > 0.5,
            (next(0.0, 3.0)) as u8,
            next(1.0, 10.0),
            next(50.0, 40000.0),
            next(0.5, 8.0),
            next(0.5, 6.0),
            next(6.0, 15.0),
            next(0.2, 12.0),
            next(5.0, 400.0),
            next(10.0, 900.0),
            next(150.0, 3000.0),
            next(1.0, 300.0),
            next(0.0, 1.0) > 0.5,
            next(0.0, 1.0) > 0.5,
            (next(0.0, 10.99)) as u8,
        ));
    }
    out
}

fn batch(c: &mut Criterion) {
    let input = generate(PATIENTS);
    let mut group = c.benchmark_group("cli_batch");
    group.sample_size(10);
    group.throughput(Throughput::Elements(PATIENTS as u64));
    group.bench_function("process_100k_jsonl", |b| {
        b.iter(|| {
            let out = iectox_cli::process(black_box(&input));
            assert_eq!(out.len(), PATIENTS);
            out
        })
    });
    group.finish();
}

criterion_group!(group, batch);
criterion_main!(group);
