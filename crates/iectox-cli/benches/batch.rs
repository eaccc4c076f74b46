//! Batch throughput (patients/s): 100 000 generated patients as JSON Lines through the CLI's
//! `outcomes` (parse, validate, score every assessment, serialise), through the binary's JSON
//! Lines path (`batch::run`: full and `--compact` output, on one thread and on every core), and
//! the same patients as CSV rows through the CSV writer (read, score, write one row each).
//! The generator of `scripts/gen-patients.py` writes the same kind of records for timing the
//! binary on a million.

use std::io;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use iectox_cli::batch::{self, Shape};
use iectox_cli::compact::Score;

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

/// The records of [`generate`] as CSV: a header of field names and `_unit` columns, UCUM units.
fn generate_csv(n: usize) -> String {
    let mut seed: u64 = 0x01ec_70c5;
    let mut next = |lo: f64, hi: f64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lo + (hi - lo) * ((seed >> 11) as f64 / (1u64 << 53) as f64)
    };
    let mut out = String::with_capacity(n * 200);
    out.push_str(concat!(
        "id,temperature,temperature_unit,hypotension,vasopressors,oxygen_device,oxygen_flow,oxygen_flow_unit,",
        "fever_masking_therapy,crs_death,ferritin,ferritin_unit,triglycerides,triglycerides_unit,",
        "fibrinogen,fibrinogen_unit,haemoglobin,haemoglobin_unit,leukocytes,leukocytes_unit,",
        "platelets,platelets_unit,ast,ast_unit,ldh,ldh_unit,crp,crp_unit,hepatomegaly,splenomegaly,",
        "immunosuppression,ice_total\r\n"
    ));
    for i in 0..n {
        out.push_str(&format!(
            concat!(
                "{},{:.1},Cel,{},{},nasal_cannula,{:.0},L/min,false,false,{:.0},ng/mL,{:.1},mmol/L,",
                "{:.1},g/L,{:.1},g/dL,{:.1},10*9/L,{:.0},10*9/L,{:.0},U/L,{:.0},U/L,{:.0},mg/L,{},{},false,{}\r\n"
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
    // Results are written to a sink as they come, as the binary does: 100 000 reports held
    // as JSON values at once would take gigabytes.
    let options = iectox_cli::Options::default();
    let input = generate(PATIENTS);
    let mut group = c.benchmark_group("cli_batch");
    group.sample_size(10);
    group.throughput(Throughput::Elements(PATIENTS as u64));
    group.bench_function("process_100k_jsonl", |b| {
        b.iter(|| {
            let mut n = 0;
            for o in iectox_cli::outcomes(black_box(&input), None, &options) {
                serde_json::to_writer(io::sink(), &o).unwrap();
                n += 1;
            }
            assert_eq!(n, PATIENTS);
        })
    });
    // The binary's JSON Lines path (`--format jsonl`): chunks of lines scored on 1 or 2
    // threads, full or compact (`--compact`) output, in input order.
    let threads = [1, iectox_cli::batch::default_threads().max(2)];
    for (name, shape) in [
        ("full", Shape::Full),
        ("compact", Shape::Compact(Score::ALL.to_vec())),
    ] {
        for n in threads {
            group.bench_function(format!("jsonl_100k_{name}_{n}_threads"), |b| {
                b.iter(|| {
                    let mut out = Counter(0);
                    let errors =
                        batch::run(black_box(input.as_bytes()), &options, &shape, n, &mut out)
                            .unwrap();
                    assert!(!errors);
                    assert_eq!(out.0, PATIENTS, "one line per patient");
                })
            });
        }
    }
    let csv = generate_csv(PATIENTS);
    let csv_format = Some(iectox_cli::InputFormat::Csv);
    group.bench_function("process_100k_csv_to_csv", |b| {
        b.iter(|| {
            let mut writer = iectox_cli::csv::Writer::new(false);
            let mut n = 0;
            for o in iectox_cli::outcomes(black_box(&csv), csv_format, &options) {
                assert!(o.result.is_ok(), "{o:?}");
                writer.write(&mut io::sink(), &o).unwrap();
                n += 1;
            }
            assert_eq!(n, PATIENTS);
        })
    });
    group.finish();
}

/// A sink that counts the lines written to it.
struct Counter(usize);

impl io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.iter().filter(|&&b| b == b'\n').count();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

criterion_group!(group, batch);
criterion_main!(group);
