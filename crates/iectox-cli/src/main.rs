//! `iectox [OPTIONS] [FILE…]`: scores patients from JSON, JSON Lines or CSV files (or stdin)
//! and writes one result per patient, as JSON Lines or CSV, to stdout or a file (see
//! [`iectox_cli::args::USAGE`]). Exit code 0 when every record scored, 2 when some record had
//! errors (its errors are in the output), 1 on I/O failure or a bad option. `--course` reads
//! patients' courses instead (one result per patient).

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use iectox_cli::args::{self, Command, USAGE};
use iectox_cli::{csv, OutputFormat};

fn main() -> ExitCode {
    let args = match args::parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Run(args)) => args,
        Err(message) => {
            eprintln!("iectox: {message}\n{USAGE}");
            return ExitCode::from(1);
        }
    };
    let sink: Box<dyn Write> = match &args.output_file {
        Some(path) => match File::create(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("iectox: {path}: {e}");
                return ExitCode::from(1);
            }
        },
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    if args.course {
        return courses(&args.inputs, &mut out);
    }
    let format = args.output_format();
    let mut csv_writer = csv::Writer::new(args.options.treatment.is_some());
    let mut had_errors = false;
    for path in &args.inputs {
        let Some(text) = read_input(path) else {
            return ExitCode::from(1);
        };
        // One result at a time: a large batch is never held in memory as results.
        for outcome in iectox_cli::outcomes(&text, args.input_format(path), &args.options) {
            had_errors |= outcome.result.is_err();
            let written = match format {
                OutputFormat::JsonLines => serde_json::to_writer(&mut out, &outcome)
                    .map_err(io::Error::from)
                    .and_then(|()| out.write_all(b"\n")),
                OutputFormat::Csv => csv_writer.write(&mut out, &outcome),
            };
            if written.is_err() {
                return ExitCode::from(1);
            }
        }
    }
    if format == OutputFormat::Csv && csv_writer.finish(&mut out).is_err() {
        return ExitCode::from(1);
    }
    finish(&mut out, had_errors)
}

/// `--course`: every input is read first (a patient's records may span files), then one result
/// per patient.
fn courses(inputs: &[String], out: &mut impl Write) -> ExitCode {
    let mut texts = Vec::new();
    for path in inputs {
        let Some(text) = read_input(path) else {
            return ExitCode::from(1);
        };
        texts.push(text);
    }
    let mut had_errors = false;
    for result in iectox_cli::process_courses(&texts) {
        had_errors |= result.get("errors").is_some();
        if writeln!(out, "{result}").is_err() {
            return ExitCode::from(1);
        }
    }
    finish(out, had_errors)
}

/// One input's text (`-` is stdin); `None` after saying why on stderr.
fn read_input(path: &str) -> Option<String> {
    let read = if path == "-" {
        let mut text = String::new();
        io::stdin().read_to_string(&mut text).map(|_| text)
    } else {
        std::fs::read_to_string(path)
    };
    read.map_err(|e| eprintln!("iectox: {path}: {e}")).ok()
}

/// Flushes the output; exit code 0 when every record scored, 2 when some had errors, 1 when
/// the output could not be written.
fn finish(out: &mut impl Write, had_errors: bool) -> ExitCode {
    if out.flush().is_err() {
        ExitCode::from(1)
    } else if had_errors {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
