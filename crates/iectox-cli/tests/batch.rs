//! The batch path: the compact output (`--compact`, `--fields`), and JSON Lines scored on
//! several threads giving the same bytes, in the same order, as on one.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use iectox_cli::batch::{self, Shape};
use iectox_cli::compact::Score;
use iectox_cli::{Options, TreatmentChoice};
use serde_json::Value;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/patients.jsonl");

fn iectox(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iectox"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // Written from another thread: the output pipe fills while the input is still going in.
    let writer = std::thread::spawn(move || input.write_all(&stdin));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The keys of the object at `path` in a JSON line, in the order written (a `serde_json::Value`
/// sorts them).
fn keys(line: &str, path: &[&str]) -> Vec<String> {
    let root = iectox::json::Node::parse(line).unwrap();
    let node = path.iter().fold(&root, |n, k| n.get(k).unwrap());
    match node {
        iectox::json::Node::Object(entries) => entries.iter().map(|(k, _)| k.clone()).collect(),
        other => panic!("{other:?}"),
    }
}

fn text(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn compact_gives_each_scores_values_as_the_full_report_does() {
    let compact = iectox(&["--compact", EXAMPLE], b"");
    let full = iectox(&[EXAMPLE], b"");
    assert_eq!(compact.status.code(), Some(2), "records 3 to 5 have errors");
    let first = text(&compact).lines().next().unwrap().to_string();
    let (compact, full) = (lines(&compact), lines(&full));
    assert_eq!(compact.len(), 5);

    // The documented shape, with the vignette's values.
    let v = &compact[0];
    assert_eq!(
        keys(&first, &[]),
        [
            "record",
            "id",
            "hscore",
            "hlh2004",
            "crs",
            "icans",
            "iec_hs",
            "ctcae",
            "measix",
            "crs_legacy"
        ]
    );
    assert_eq!(v["record"], 1);
    assert_eq!(v["id"], "vignette-1");
    assert_eq!(
        v["hscore"],
        serde_json::json!({"value": 264, "min": 264, "max": 264, "conclusion": "met"})
    );
    assert_eq!(
        v["crs"],
        serde_json::json!({"value": 3, "min": 3, "max": 3, "conclusion": "met"})
    );
    assert_eq!(v["icans"]["value"], Value::Null, "ICE is missing");
    assert_eq!(v["iec_hs"]["grade"], Value::Null);
    assert_eq!(
        keys(&first, &["crs_legacy"]),
        ["lee2014", "penn", "mskcc", "cartox"]
    );
    // The partial record: a range, no value.
    assert_eq!(
        compact[1]["hscore"],
        serde_json::json!({"value": null, "min": 112, "max": 286, "conclusion": "undetermined"})
    );

    // Every value equals the full report's.
    for (c, f) in compact.iter().zip(&full) {
        assert_eq!(c["record"], f["record"]);
        assert_eq!(c.get("id"), f.get("id"));
        let (c, report) = match (f.get("report"), f.get("partial_report")) {
            (Some(report), _) => (c, report),
            // A record with errors: the same errors as the full output, and the rest of the
            // record's values apart, equal to the full output's partial report.
            (None, partial) => {
                assert_eq!(c["errors"], f["errors"]);
                assert!(c.get("hscore").is_none(), "no score key beside errors: {c}");
                match partial {
                    Some(report) => (&c["partial"], report),
                    None => {
                        assert!(c.get("partial").is_none());
                        continue;
                    }
                }
            }
        };
        let same = |compact: &Value, assessment: &Value| {
            assert_eq!(compact["value"], assessment["value"]);
            assert_eq!(compact["min"], assessment["range"]["min"]);
            assert_eq!(compact["max"], assessment["range"]["max"]);
            assert_eq!(compact["conclusion"], assessment["conclusion"]);
        };
        for score in ["hscore", "hlh2004", "crs", "icans", "ctcae"] {
            same(&c[score], &report[score]["assessment"]);
        }
        assert_eq!(
            c["hlh2004"]["clinical_criteria"],
            report["hlh2004"]["clinical_criteria"]
        );
        same(&c["iec_hs"], &report["iec_hs"]["features"]);
        assert_eq!(c["iec_hs"]["grade"], report["iec_hs"]["grade"]);
        assert_eq!(c["measix"]["value"], report["measix"]["value"]);
        assert_eq!(c["measix"]["conclusion"], report["measix"]["conclusion"]);
        for system in report["crs_legacy"]["systems"].as_array().unwrap() {
            let name = system["system"].as_str().unwrap();
            same(&c["crs_legacy"][name], &system["assessment"]);
        }
    }
}

/// All 8 HLH-2004 criteria known, 4 met, no molecular result: the "5 of 8" path is not met,
/// while the diagnosis as a whole stays open (a molecular finding alone would make it).
#[test]
fn compact_hlh2004_shows_the_clinical_criteria_path() {
    let record = br#"{"fever_confirmed":true,"splenomegaly":true,"haemoglobin":{"value":120,"unit":"g/L"},"platelets":{"value":200,"unit":"10^9/L"},"neutrophils":{"value":3,"unit":"10^9/L"},"triglycerides":{"value":4,"unit":"mmol/L"},"triglycerides_fasting":true,"tissue_hemophagocytosis":false,"nk_activity_low":false,"ferritin":{"value":300,"unit":"ng/mL"},"scd25":{"value":3000,"unit":"U/mL"}}"#;
    let out = iectox(&["--fields", "hlh2004", "-"], record);
    let r = lines(&out);
    assert_eq!(
        r[0]["hlh2004"],
        serde_json::json!({"value": 4, "min": 4, "max": 4, "conclusion": "undetermined",
            "clinical_criteria": "not_met"}),
        "{}",
        text(&out)
    );
}

#[test]
fn fields_gives_only_the_scores_asked_for_in_that_order() {
    let out = iectox(&["--fields", "icans,crs", EXAMPLE], b"");
    let r = lines(&out);
    let raw = text(&out);
    let raw: Vec<&str> = raw.lines().collect();
    assert_eq!(keys(raw[0], &[]), ["record", "id", "icans", "crs"]);
    assert_eq!(r[0]["crs"]["value"], 3);
    // A record with errors keeps them.
    assert_eq!(keys(raw[2], &[]), ["record", "id", "errors", "partial"]);
    assert_eq!(r[2]["errors"][0]["field"], "temperature");
    // The rest of that record, apart: the refused temperature is missing, so CRS is a range.
    assert_eq!(keys(raw[2], &["partial"]), ["icans", "crs"]);
    assert_eq!(r[2]["partial"]["crs"]["value"], Value::Null);
    // With a dose plan: the plan follows the scores.
    let out = iectox(&["--fields", "crs", "--treatment", "auto", EXAMPLE], b"");
    let r = lines(&out);
    assert_eq!(
        keys(text(&out).lines().next().unwrap(), &[]),
        ["record", "id", "crs", "treatment"]
    );
    assert_eq!(r[0]["treatment"]["regimen"], "crs_grade_3");
}

#[test]
fn an_unknown_field_is_named_with_the_accepted_list() {
    let out = iectox(&["--fields", "crs,hscroe", EXAMPLE], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "--fields: unknown field \"hscroe\"; accepted: hscore, hlh2004, crs, icans, \
             iec_hs, ctcae, measix, crs_legacy"
        ),
        "{err}"
    );
    assert_eq!(
        Score::parse_list("crs,crs"),
        Err("--fields: \"crs\" is given twice".into())
    );
    assert!(Score::parse_list("").unwrap_err().contains("\"\""));
    // The options as read.
    let parse = |a: &[&str]| match iectox_cli::args::parse(a.iter().map(|s| s.to_string())) {
        Ok(iectox_cli::args::Command::Run(args)) => args,
        other => panic!("{a:?}: {other:?}"),
    };
    let a = parse(&["--fields", "measix, crs", "--threads", "3"]);
    assert_eq!(a.fields, Some(vec![Score::MEasix, Score::Crs]));
    assert_eq!(a.threads, Some(3));
    assert_eq!(parse(&["--compact"]).fields, Some(Score::ALL.to_vec()));
    assert_eq!(parse(&[]).fields, None);
    // Compact is JSON Lines only, and not for courses.
    for args in [
        &["--compact", "--output", "csv", EXAMPLE][..],
        &["--compact", "--course", EXAMPLE],
        &["--threads", "0", EXAMPLE],
    ] {
        let out = iectox(args, b"");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

/// `n` records, mixed: complete, partial, out of range, unknown key, not JSON, and blank lines
/// (which are not records).
fn mixed(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let line = match i % 7 {
            0..=2 => format!(
                r#"{{"id":{i},"temperature":{{"value":{}.{},"unit":"°C"}},"hypotension":{},"vasopressors":{},"ferritin":{{"value":{},"unit":"ng/mL"}},"platelets":{{"value":{},"unit":"x10^9/L"}},"ldh":{{"value":300,"unit":"U/L"}},"crp":{{"value":{},"unit":"mg/L"}},"ice_total":{}}}"#,
                36 + i % 5,
                i % 10,
                i % 2 == 0,
                i % 3,
                100 + i * 7 % 30_000,
                5 + i % 300,
                1 + i % 200,
                i % 11
            ),
            3 => format!(r#"{{"id":"p{i}","triglycerides":{{"value":2.1,"unit":"mmol/L"}}}}"#),
            4 => format!(r#"{{"id":{i},"temperature":{{"value":55,"unit":"°C"}}}}"#),
            5 => format!(r#"{{"id":{i},"temprature":{{"value":38,"unit":"°C"}}}}"#),
            _ => format!("not json {i}"),
        };
        out.push_str(&line);
        out.push('\n');
        if i % 1000 == 999 {
            out.push_str("   \n\n");
        }
    }
    out
}

fn run(input: &str, options: &Options, shape: &Shape, threads: usize) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    let errors = batch::run(input.as_bytes(), options, shape, threads, &mut out).unwrap();
    (out, errors)
}

#[test]
fn ten_thousand_mixed_records_on_two_threads_give_the_bytes_of_one_in_order() {
    const N: usize = 10_000;
    let input = mixed(N);
    let options = Options::default();
    let compact = Shape::Compact(Score::ALL.to_vec());
    let (one, errors) = run(&input, &options, &compact, 1);
    assert!(errors);
    for threads in [2, 3] {
        let (many, errors) = run(&input, &options, &compact, threads);
        assert!(errors);
        assert!(one == many, "{threads} threads: the output differs");
    }
    // Every record once, in order, each with its own outcome.
    let text = String::from_utf8(one).unwrap();
    let results: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), N);
    for (i, r) in results.iter().enumerate() {
        assert_eq!(r["record"], i + 1, "blank lines are not records");
        match i % 7 {
            0..=2 => {
                assert_eq!(r["id"], i);
                assert!(r["crs"]["max"].is_u64(), "{r}");
            }
            3 => {
                assert_eq!(r["id"], format!("p{i}"));
                assert_eq!(r["hscore"]["value"], Value::Null, "{r}");
            }
            4 => assert_eq!(r["errors"][0]["field"], "temperature", "{r}"),
            5 => assert_eq!(r["errors"][0]["kind"], "unknown_key", "{r}"),
            _ => assert_eq!(r["errors"][0]["kind"], "syntax", "{r}"),
        }
    }
    // The full shape, and the same through the binary, detected or named JSON Lines.
    let input = mixed(1_500);
    let options = Options {
        treatment: Some(TreatmentChoice::CrsGrade),
        age_group: None,
    };
    let (one, _) = run(&input, &options, &Shape::Full, 1);
    let (two, _) = run(&input, &options, &Shape::Full, 2);
    assert!(one == two, "full output differs on two threads");
    let mut expected = Vec::new();
    for outcome in iectox_cli::outcomes(&input, None, &options) {
        serde_json::to_writer(&mut expected, &outcome).unwrap();
        expected.push(b'\n');
    }
    assert!(
        one == expected,
        "the batch path differs from the library's results"
    );
    for args in [
        &["--treatment", "auto", "--threads", "2"][..],
        &["--treatment", "auto", "--threads", "1", "--format", "jsonl"],
        &["--treatment", "auto", "--threads", "2", "--format", "jsonl"],
    ] {
        let out = iectox(args, input.as_bytes());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout == one, "{args:?}: the binary's output differs");
    }
}

#[test]
fn a_record_longer_than_a_chunk_and_bad_utf8_mid_stream() {
    // A 300 kB record (more than a chunk): read whole, scored, numbered.
    let long = format!(
        "{{\"id\":\"{}\",\"ferritin\":{{\"value\":900,\"unit\":\"ng/mL\"}}}}\n",
        "x".repeat(300_000)
    );
    let input = format!("{}{long}{}", mixed(500), mixed(500));
    let shape = Shape::Compact(vec![Score::HScore]);
    let (one, _) = run(&input, &Options::default(), &shape, 1);
    let (two, _) = run(&input, &Options::default(), &shape, 2);
    assert!(one == two);
    let text = String::from_utf8(one).unwrap();
    let r: Value = serde_json::from_str(text.lines().nth(500).unwrap()).unwrap();
    assert_eq!(r["record"], 501);
    assert_eq!(r["id"].as_str().unwrap().len(), 300_000);
    assert_eq!(text.lines().count(), 1001);

    // Invalid UTF-8 after 3,000 records: those are written, then the error, exit code 1.
    let mut bytes = mixed(3_000).into_bytes();
    bytes.extend_from_slice(b"{\"id\":\"\xff\"}\n");
    bytes.extend_from_slice(mixed(10).as_bytes());
    let out = iectox(
        &["--format", "jsonl", "--compact", "--threads", "2"],
        &bytes,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8"));
    let written = lines(&out);
    assert!(!written.is_empty() && written.len() <= 3_000);
    for (i, r) in written.iter().enumerate() {
        assert_eq!(r["record"], i + 1);
    }
}
