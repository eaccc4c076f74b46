//! CSV in and out: the documented example file against a golden file, RFC 4180 quoting, and
//! rows that cannot be read.

use iectox_cli::csv::{self, Row};
use iectox_cli::{outcomes, process_as, InputFormat, Options};
use serde_json::Value;

const EXAMPLE_CSV: &str = include_str!("../examples/patients.csv");
const EXAMPLE_JSONL: &str = include_str!("../examples/patients.jsonl");
const GOLDEN: &str = include_str!("golden/patients_selected.csv");

/// The CSV output of a CSV input, as the CLI writes it.
fn csv_out(input: &str, options: &Options) -> String {
    let mut out = Vec::new();
    let mut writer = csv::Writer::new(options.treatment.is_some());
    for o in outcomes(input, Some(InputFormat::Csv), options) {
        writer.write(&mut out, &o).unwrap();
    }
    String::from_utf8(out).unwrap()
}

/// The named columns of CSV text, written back as CSV.
fn project(text: &str, columns: &[&str]) -> String {
    let rows: Vec<Vec<String>> = csv::rows(text, ',')
        .into_iter()
        .map(|r| r.cells.unwrap())
        .collect();
    let index: Vec<usize> = columns
        .iter()
        .map(|c| {
            rows[0]
                .iter()
                .position(|h| h == c)
                .unwrap_or_else(|| panic!("{c}"))
        })
        .collect();
    rows.iter()
        .map(|row| {
            index
                .iter()
                .map(|&i| csv::quote(&row[i]).into_owned())
                .collect::<Vec<_>>()
                .join(",")
                + "\r\n"
        })
        .collect()
}

#[test]
fn the_example_csv_gives_the_golden_columns() {
    let out = csv_out(EXAMPLE_CSV, &Options::default());
    let columns: Vec<&str> = GOLDEN.lines().next().unwrap().split(',').collect();
    // The golden file is the expected outcome of the example (HScore 264 for the vignette).
    assert!(GOLDEN.contains("\r\n1,vignette-1,264,264,264,met,5,met,3,"));
    assert_eq!(project(&out, &columns), GOLDEN);
    // One row per record after the header, every one ending in CRLF.
    assert_eq!(out.matches("\r\n").count(), 1 + 6);
    assert_eq!(out.lines().next().unwrap(), csv::header(false).join(","));
}

#[test]
fn every_csv_column_is_the_json_value_at_its_pointer() {
    // The CLI writes CSV cells from the typed report; each must be what the JSON Lines output
    // holds at the column's pointer, for reports and for errors, with and without a plan.
    for treatment in [None, iectox_cli::TreatmentChoice::parse("auto")] {
        let options = Options {
            treatment,
            ..Options::default()
        };
        for (input, format) in [(EXAMPLE_CSV, Some(InputFormat::Csv)), (EXAMPLE_JSONL, None)] {
            let mut n = 0;
            for o in outcomes(input, format, &options) {
                let typed = csv::outcome_row(&o, treatment.is_some());
                let from_json = csv::result_row(&o.to_value(), treatment.is_some());
                assert_eq!(typed, from_json, "record {}", o.record);
                assert_eq!(typed.len(), csv::header(treatment.is_some()).len());
                n += 1;
            }
            assert!(n >= 5);
        }
    }
}

#[test]
fn csv_rows_score_as_the_same_patients_in_json() {
    let from_csv = process_as(EXAMPLE_CSV, Some(InputFormat::Csv), &Options::default());
    let from_json = iectox_cli::process(EXAMPLE_JSONL);
    // UCUM (Cel, 10*9/L, G/L, [degF], ug/L) in the CSV, bedside spellings in the JSON.
    for i in [0, 1] {
        for score in ["hscore", "hlh2004", "crs"] {
            assert_eq!(
                from_csv[i]["report"][score],
                from_json[i]["report"][score],
                "record {} {score}",
                i + 1
            );
        }
    }
}

#[test]
fn each_error_of_a_csv_row_names_its_column() {
    let r = process_as(EXAMPLE_CSV, Some(InputFormat::Csv), &Options::default());
    let errors = r[3]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 3, "{errors:?}");
    let kinds: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("vasopressors", "not_a_whole_number"),
            ("oxygen_device", "unknown_option"),
            ("hepatomegaly", "not_yes_no"),
        ]
    );
    // A value with an empty unit cell.
    assert_eq!(r[5]["errors"][0]["kind"], "unit_required");
    assert_eq!(r[5]["errors"][0]["accepted"][0], "ng/mL");
    // The quoted id with a comma and doubled quotes, and the nested ICE items.
    assert_eq!(r[4]["id"], "Doe, Jane \"JD\"");
    assert_eq!(
        r[4]["report"]["icans"]["ice_total"],
        serde_json::json!([9, 9])
    );
}

#[test]
fn quoting_follows_rfc_4180_both_ways() {
    for (cell, written) in [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"no\"", "\"say \"\"no\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\r", "\"cr\r\""),
        ("", ""),
    ] {
        assert_eq!(csv::quote(cell), written, "{cell:?}");
        let text = format!("h,x\r\n{written},end\r\n");
        let rows = csv::rows(&text, ',');
        assert_eq!(
            rows[1].cells,
            Ok(vec![cell.to_owned(), "end".to_owned()]),
            "{text:?}"
        );
    }
    // LF line ends, a last line without one, a byte-order mark, blank lines.
    let rows = csv::rows("\u{feff}a,b\n1,2\n\n3,\"4\n5\"", ',');
    assert_eq!(
        rows,
        vec![
            Row {
                line: 1,
                cells: Ok(vec!["a".into(), "b".into()])
            },
            Row {
                line: 2,
                cells: Ok(vec!["1".into(), "2".into()])
            },
            Row {
                line: 4,
                cells: Ok(vec!["3".into(), "4\n5".into()])
            },
        ]
    );
}

#[test]
fn a_malformed_row_is_an_error_for_that_record_only() {
    let text = "id,ferritin,ferritin_unit\r\n\
                ok-1,7000,ng/mL\r\n\
                bad-quote,\"7000\"x,ng/mL\r\n\
                short,7000\r\n\
                ok-2,\"12,5\",ng/mL\r\n\
                open,\"7000,ng/mL\r\n";
    let r = process_as(text, Some(InputFormat::Csv), &Options::default());
    assert_eq!(r.len(), 5, "{r:?}");
    assert_eq!(r[0]["report"]["hscore"]["assessment"]["range"]["min"], 50);
    let syntax = |i: usize| {
        assert_eq!(r[i]["errors"][0]["kind"], "syntax", "{}", r[i]);
        r[i]["errors"][0]["message"].as_str().unwrap().to_owned()
    };
    assert!(syntax(1).starts_with("line 3: 'x' after a closing quote"));
    assert_eq!(syntax(2), "line 4: 2 cells where the header has 3");
    // "12,5" ng/mL: one decimal separator, not three digits: 12.5.
    assert_eq!(r[3]["report"]["hscore"]["assessment"]["range"]["min"], 0);
    assert!(syntax(4).starts_with("line 6: a quoted cell is never closed"));
}

#[test]
fn semicolons_and_decimal_commas_as_spreadsheets_write_them() {
    let text = "id;temperature;temperature_unit;platelets;platelets_unit\n\
                es-1;39,6;°C;45;G/L\n";
    assert_eq!(csv::delimiter(text), ';');
    let r = process_as(text, Some(InputFormat::Csv), &Options::default());
    let items = r[0]["report"]["hscore"]["assessment"]["items"]
        .as_array()
        .unwrap();
    let points = |key: &str| items.iter().find(|i| i["key"] == key).unwrap()["points"].clone();
    assert_eq!(points("temperature"), 49);
    // 45 G/L platelets: one cytopenic lineage known, the others missing.
    assert_eq!(
        r[0]["report"]["hlh2004"]["cytopenias"]["platelets"]["status"],
        "met"
    );
}

#[test]
fn duplicate_and_unknown_columns_are_reported_per_record() {
    let text =
        "ferritin,ferritin_unit,ferritin,ice_items.orientation,ice_items.orientation,temprature\n\
                7000,ng/mL,8000,4,3,39\n";
    let r = process_as(text, Some(InputFormat::Csv), &Options::default());
    let errors = r[0]["errors"].as_array().unwrap();
    let got: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("duplicate_key", "ferritin"),
            ("duplicate_key", "ice_items.orientation"),
            ("unknown_key", "temprature"),
        ]
    );
    assert_eq!(errors[0]["field"], "ferritin");
    assert_eq!(errors[2]["suggestion"], "temperature");
}

#[test]
fn the_binary_reads_csv_by_extension_and_writes_csv_by_flag_or_extension() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/patients.csv");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_iectox"))
        .args([example, "--output", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "some records have errors");
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 7);
    assert!(text.starts_with("record,id,hscore_value,"));

    let dir = std::env::temp_dir().join(format!("iectox-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("results.csv");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_iectox"))
        .args(["--format", "csv", "-o"])
        .arg(&file)
        .stdin(std::fs::File::open(example).unwrap())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    std::fs::remove_dir_all(&dir).unwrap();

    // JSON Lines stays the default.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_iectox"))
        .arg(example)
        .output()
        .unwrap();
    let first: Value = serde_json::from_str(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["report"]["hscore"]["assessment"]["value"], 264);
}

#[test]
fn a_unit_column_without_its_value_column_points_to_it() {
    let r = process_as(
        "ferritin_unit,platelets\nng/mL,\n",
        Some(InputFormat::Csv),
        &Options::default(),
    );
    let e = &r[0]["errors"][0];
    assert_eq!(
        (&e["kind"], &e["path"]),
        (&Value::from("unknown_key"), &Value::from("ferritin_unit"))
    );
    assert_eq!(e["suggestion"], "ferritin");
}
