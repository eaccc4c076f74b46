//! `iectox [--treatment REGIMEN|auto] [--age-group adult|child] [FILE…]`: scores patients from
//! JSON / JSON Lines files (or stdin) and writes one JSON result per patient, one per line, to
//! stdout. `iectox --course [FILE…]` reads time-stamped records of patients' courses instead
//! and writes one result per patient. Exit code 0 when every record scored, 2 when some record
//! (or patient) had errors (its error object is in the output), 1 on I/O failure or a bad
//! option.

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use iectox::treatment::AgeGroup;
use iectox_cli::{Options, TreatmentChoice};

const USAGE: &str = "usage: iectox [--treatment REGIMEN|auto] [--age-group adult|child] [FILE...]
       iectox --course [FILE...]
  reads stdin when no file is given, or for '-'
input: one JSON patient, a JSON array of patients, or JSON Lines
output: JSON Lines, one result per patient, in input order
--course: records are time points of patients' courses: each has a patient_id and a time
  (ISO 8601 with Z or an offset, or minutes since the epoch), in any order, plus the patient's
  fields, or a treatment (drug, dose_mg), or the infusion time; one result per patient with
  every time point assessed and the CRS/ICANS episodes
--treatment: add the dose plan of a regimen (crs_grade_1..crs_grade_4, crs_refractory,
  iec_hs) or of each record's CRS grade (auto); children get no adult fixed dose
--age-group: the answer to \"adult or child?\" for records without an age";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let course = match args.iter().position(|a| a == "--course") {
        Some(i) => {
            args.remove(i);
            true
        }
        None => false,
    };
    let mut options = Options::default();
    while let Some(i) = args
        .iter()
        .position(|a| a == "--treatment" || a == "--age-group")
    {
        let flag = args.remove(i);
        let Some(value) = (i < args.len()).then(|| args.remove(i)) else {
            eprintln!("iectox: {flag} needs a value\n{USAGE}");
            return ExitCode::from(1);
        };
        let ok = if flag == "--treatment" {
            options.treatment = TreatmentChoice::parse(&value);
            options.treatment.is_some()
        } else {
            options.age_group = match value.as_str() {
                "adult" => Some(AgeGroup::Adult),
                "child" => Some(AgeGroup::Child),
                _ => None,
            };
            options.age_group.is_some()
        };
        if !ok {
            eprintln!("iectox: {flag}: \"{value}\" is not accepted\n{USAGE}");
            return ExitCode::from(1);
        }
    }
    if course && (options.treatment.is_some() || options.age_group.is_some()) {
        eprintln!("iectox: --course does not take --treatment or --age-group\n{USAGE}");
        return ExitCode::from(1);
    }
    let inputs = if args.is_empty() {
        vec!["-".to_string()]
    } else {
        args
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut had_errors = false;
    let mut texts = Vec::new();
    for path in inputs {
        let mut text = String::new();
        let read = if path == "-" {
            io::stdin().read_to_string(&mut text).map(|_| ())
        } else {
            std::fs::read_to_string(&path).map(|t| text = t)
        };
        if let Err(e) = read {
            eprintln!("iectox: {path}: {e}");
            return ExitCode::from(1);
        }
        if course {
            // A patient's records may span files: read them all first.
            texts.push(text);
            continue;
        }
        for result in iectox_cli::process_with(&text, &options) {
            had_errors |= result.get("errors").is_some();
            if writeln!(out, "{result}").is_err() {
                return ExitCode::from(1);
            }
        }
    }
    if course {
        for result in iectox_cli::process_courses(&texts) {
            had_errors |= result.get("errors").is_some();
            if writeln!(out, "{result}").is_err() {
                return ExitCode::from(1);
            }
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(1);
    }
    if had_errors {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
