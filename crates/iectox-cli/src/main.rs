//! `iectox [FILE…]`: scores patients from JSON / JSON Lines files (or stdin) and writes one
//! JSON result per patient, one per line, to stdout. Exit code 0 when every record scored,
//! 2 when some record had errors (its error object is in the output), 1 on I/O failure.

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("usage: iectox [FILE...]   (reads stdin when no file is given, or for '-')");
        println!("input: one JSON patient, a JSON array of patients, or JSON Lines");
        println!("output: JSON Lines, one result per patient, in input order");
        return ExitCode::SUCCESS;
    }
    let inputs = if args.is_empty() {
        vec!["-".to_string()]
    } else {
        args
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut had_errors = false;
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
        for result in iectox_cli::process(&text) {
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
