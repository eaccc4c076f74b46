//! `iectox [OPTIONS] [FILE…]`: scores patients from JSON, JSON Lines or CSV files (or stdin)
//! and writes one result per patient, as JSON Lines or CSV, to stdout or a file (see
//! [`iectox_cli::args::USAGE`]). Exit code 0 when every record scored, 2 when some record had
//! errors (its errors are in the output), 1 on I/O failure or a bad option. `--course` reads
//! patients' courses instead (one result per patient).

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;

use iectox::json::Node;
use iectox_cli::args::{self, Command, USAGE};
use iectox_cli::batch::{self, Shape};
use iectox_cli::{csv, InputFormat, OutputFormat};

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
        None => stdout(),
    };
    let mut out = BufWriter::with_capacity(1 << 16, sink);
    if args.course {
        return courses(&args.inputs, &mut out);
    }
    let format = args.output_format();
    let shape = match (&args.fields, format) {
        (Some(scores), _) => Shape::Compact(scores.clone()),
        (None, OutputFormat::Csv) => Shape::Csv,
        (None, OutputFormat::JsonLines) => Shape::Full,
    };
    let treatment = args.options.treatment.is_some();
    let threads = args.threads.unwrap_or_else(batch::default_threads);
    if format == OutputFormat::Csv && csv::Writer::new(treatment).finish(&mut out).is_err() {
        return ExitCode::from(1);
    }
    let mut had_errors = false;
    for path in &args.inputs {
        let input_format = args.input_format(path);
        // JSON Lines named as such streams through the batch path without being held in memory.
        if input_format == Some(InputFormat::JsonLines) {
            let input: Box<dyn BufRead + Send> = if path == "-" {
                Box::new(BufReader::with_capacity(1 << 20, io::stdin()))
            } else {
                match File::open(path) {
                    Ok(f) => Box::new(BufReader::with_capacity(1 << 20, f)),
                    Err(e) => {
                        eprintln!("iectox: {path}: {e}");
                        return ExitCode::from(1);
                    }
                }
            };
            match batch::run(input, &args.options, &shape, threads, &mut out) {
                Ok(errors) => had_errors |= errors,
                Err(e) => {
                    eprintln!("iectox: {path}: {e}");
                    return ExitCode::from(1);
                }
            }
            continue;
        }
        let Some(text) = read_input(path) else {
            return ExitCode::from(1);
        };
        let records = match input_format {
            // JSON or JSON Lines, detected: one document, or else lines, through the batch path.
            None => match Node::parse(&text) {
                Ok(document) => iectox_cli::document_records(document),
                Err(_) => {
                    match batch::run(text.as_bytes(), &args.options, &shape, threads, &mut out) {
                        Ok(errors) => had_errors |= errors,
                        Err(_) => return ExitCode::from(1),
                    }
                    continue;
                }
            },
            Some(f) => iectox_cli::records(&text, Some(f)),
        };
        // One result at a time: a large batch is never held in memory as results.
        let mut writer = batch::Writer::new(shape.clone(), treatment);
        for (i, record) in records.enumerate() {
            let outcome = iectox_cli::outcome(i + 1, record, &args.options);
            had_errors |= outcome.result.is_err();
            if writer.write(&mut out, &outcome).is_err() {
                return ExitCode::from(1);
            }
        }
    }
    finish(&mut out, had_errors)
}

/// Standard output without its line buffering (the output is buffered here, and written in
/// large blocks that need no search for their last line end).
fn stdout() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(File::from(fd));
        }
    }
    Box::new(io::stdout().lock())
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
