//! The command line, read in one place.

use iectox::treatment::AgeGroup;

use crate::compact::Score;
use crate::{Options, TreatmentChoice};

/// The usage text (`--help`).
pub const USAGE: &str = "usage: iectox [OPTIONS] [FILE...]
       iectox --course [FILE...]
  reads stdin when no file is given, or for '-'
input: one JSON patient, a JSON array of patients, JSON Lines, or CSV (a header row of field
  names; a quantity's unit in the column '<field>_unit'; nested items as 'ice_items.orientation')
output: one result per patient, in input order, as JSON Lines or CSV: {\"record\",\"id\",
  \"report\"} or, for a record with errors, {\"record\",\"id\",\"errors\",\"partial_report\"}
  (the rest of the record scored, each refused value missing; exit code 1)
--format csv|jsonl|json|fhir: the input format (fhir: a FHIR R4 Bundle or resource, one record
  per time point, its id the time in UTC) (default: by the file's extension, .csv, .jsonl,
  .ndjson or .json; otherwise JSON or JSON Lines, detected)
--output csv|jsonl: the output format (default: by the extension of -o, otherwise jsonl)
-o, --output-file FILE: write to FILE instead of stdout
--treatment: add the dose plan of a regimen (crs_grade_1..crs_grade_4, crs_refractory,
  iec_hs) or of each record's CRS grade (auto); children get no adult fixed dose
--age-group: the answer to \"adult or child?\" for records without an age
--compact: JSON Lines with only the values of each score, not the explanation (about 750
  bytes a record instead of 13 kB): a scored record is, on one line,
    {\"record\":n,\"id\":…,\"hscore\":S,\"hlh2004\":S plus \"clinical_criteria\",\"crs\":S,\"icans\":S,
     \"iec_hs\":S plus \"grade\" (or null),\"ctcae\":S,\"measix\":{\"value\",\"conclusion\"},
     \"crs_legacy\":{\"lee2014\":S,\"penn\":S,\"mskcc\":S,\"cartox\":S},\"treatment\":…}
  with S = {\"value\":n|null,\"min\":n,\"max\":n,\"conclusion\":\"met\"|\"not_met\"|\"undetermined\"}
  (value null while missing inputs could change it; min..max the range still reachable;
  CTCAE: the worst grade; iec_hs: the feature count; hlh2004: the criteria met of 8, its
  conclusion covering both paths (undetermined while the molecular result is unknown and
  fewer than 5 are met), clinical_criteria the \"5 of 8\" path alone); id only when given, treatment only
  with --treatment; a record with errors is {\"record\":n,\"id\":…,\"errors\":[…],
  \"partial\":{the same scores for the rest of the record, refused values missing}}
--fields LIST: --compact with only these scores, in this order (comma-separated: hscore,
  hlh2004, crs, icans, iec_hs, ctcae, measix, crs_legacy)
--threads N: score JSON Lines input on N threads (default: the available cores); the output
  is the same, in input order, whatever N
--course: records (JSON or JSON Lines) are time points of patients' courses: each has a
  patient_id and a time (ISO 8601 with Z or an offset, or minutes since the epoch), in any
  order, plus the patient's fields, or a treatment (drug, dose_mg), or the infusion time; one
  JSON result per patient with every time point assessed and the CRS/ICANS episodes";

/// How the input is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON document: an object, or an array of objects.
    Json,
    /// One JSON value per line.
    JsonLines,
    /// CSV with a header row (see [`crate::csv`]).
    Csv,
    /// A FHIR R4 JSON Bundle or resource: one record per time point (`id` = its UTC time),
    /// read by `iectox::fhir::import`.
    Fhir,
}

/// How the results are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputFormat {
    /// One JSON object per line.
    #[default]
    JsonLines,
    /// One CSV row per record (see [`crate::csv::OUTPUT_COLUMNS`]).
    Csv,
}

impl InputFormat {
    /// Reads `csv`, `jsonl` (or `ndjson`), `json`.
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "csv" => Some(InputFormat::Csv),
            "jsonl" | "ndjson" => Some(InputFormat::JsonLines),
            "json" => Some(InputFormat::Json),
            "fhir" => Some(InputFormat::Fhir),
            _ => None,
        }
    }
}

impl OutputFormat {
    /// Reads `csv`, `jsonl` (or `ndjson`).
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "csv" => Some(OutputFormat::Csv),
            "jsonl" | "ndjson" => Some(OutputFormat::JsonLines),
            _ => None,
        }
    }
}

/// The file extension of a path, if any.
fn extension(path: &str) -> Option<&str> {
    std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
}

/// What the command line asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Args {
    /// What to add to each result.
    pub options: Options,
    /// `--format`: the input format for every input.
    pub format: Option<InputFormat>,
    /// `--output`: the output format.
    pub output: Option<OutputFormat>,
    /// `-o`: the output file.
    pub output_file: Option<String>,
    /// The inputs (`-` is stdin); stdin when none is given.
    pub inputs: Vec<String>,
    /// `--course`: the inputs are time-stamped records of patients' courses.
    pub course: bool,
    /// `--compact` (every score) or `--fields`: the compact output with these scores.
    pub fields: Option<Vec<Score>>,
    /// `--threads`: how many threads score JSON Lines input (default: the available cores).
    pub threads: Option<usize>,
}

impl Args {
    /// The format of one input: `--format`, else the file's extension, else `None` (JSON or
    /// JSON Lines, detected).
    pub fn input_format(&self, path: &str) -> Option<InputFormat> {
        self.format
            .or_else(|| extension(path).and_then(InputFormat::parse))
    }

    /// The output format: `--output`, else the extension of `-o`, else JSON Lines.
    pub fn output_format(&self) -> OutputFormat {
        self.output
            .or_else(|| {
                self.output_file
                    .as_deref()
                    .and_then(extension)
                    .and_then(OutputFormat::parse)
            })
            .unwrap_or_default()
    }
}

/// What to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Print [`USAGE`].
    Help,
    /// Score the inputs.
    Run(Args),
}

/// Reads the command line (without the program name). An unknown option, a missing or
/// unaccepted value is an `Err` with the message to print.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut out = Args::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or_else(|| format!("{flag} needs a value"));
        let refused = |flag: &str, v: &str| format!("{flag}: \"{v}\" is not accepted");
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--treatment" => {
                let v = value(&arg)?;
                out.options.treatment =
                    Some(TreatmentChoice::parse(&v).ok_or_else(|| refused(&arg, &v))?);
            }
            "--age-group" => {
                let v = value(&arg)?;
                out.options.age_group = Some(match v.as_str() {
                    "adult" => AgeGroup::Adult,
                    "child" => AgeGroup::Child,
                    _ => return Err(refused(&arg, &v)),
                });
            }
            "--format" => {
                let v = value(&arg)?;
                out.format = Some(InputFormat::parse(&v).ok_or_else(|| refused(&arg, &v))?);
            }
            "--output" => {
                let v = value(&arg)?;
                out.output = Some(OutputFormat::parse(&v).ok_or_else(|| refused(&arg, &v))?);
            }
            "-o" | "--output-file" => out.output_file = Some(value(&arg)?),
            "--course" => out.course = true,
            "--compact" => {
                // `--fields` chooses the scores; `--compact` alone keeps them all.
                out.fields.get_or_insert_with(|| Score::ALL.to_vec());
            }
            "--fields" => out.fields = Some(Score::parse_list(&value(&arg)?)?),
            "--threads" => {
                let v = value(&arg)?;
                out.threads = Some(
                    v.parse()
                        .ok()
                        .filter(|&n| (1..=256).contains(&n))
                        .ok_or_else(|| format!("{arg}: \"{v}\" is not accepted (1 to 256)"))?,
                );
            }
            "-" => out.inputs.push(arg),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            _ => out.inputs.push(arg),
        }
    }
    if out.inputs.is_empty() {
        out.inputs.push("-".into());
    }
    if out.course
        && (out.options != Options::default()
            || out.format == Some(InputFormat::Csv)
            || out.output_format() == OutputFormat::Csv
            || out.fields.is_some())
    {
        return Err(
            "--course reads JSON or JSON Lines and writes JSON Lines; it takes no --treatment, --age-group, --compact, --fields or CSV"
                .into(),
        );
    }
    if out.fields.is_some() && out.output_format() == OutputFormat::Csv {
        return Err(
            "--compact and --fields shape the JSON Lines output; CSV output has its own columns"
                .into(),
        );
    }
    Ok(Command::Run(out))
}
