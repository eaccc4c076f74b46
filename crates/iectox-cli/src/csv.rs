//! CSV for the batch interface (RFC 4180, hand-written: no dependency): patients in, one row
//! per result out.
//!
//! Input: the first row names the columns — a [`Patient`](iectox::Patient) field's JSON path
//! (`ferritin`, `hepatomegaly`, `ice_items.orientation`, `settings.hlh_fever_rule`) or `id` —
//! and each quantity's unit is in the column of the same name followed by `_unit`
//! (`ferritin` + `ferritin_unit`), so that each row carries its own units, as laboratory
//! exports do, and sorting or filtering rows in a spreadsheet cannot separate a value from its
//! unit. Cells are read as text by the core's record reader (numbers as typed, `true`/`false`,
//! option keys); an empty cell is missing. The delimiter is `,`, or `;` or a tab when the
//! header uses it (spreadsheets that write decimal commas use `;`). A UTF-8 byte-order mark
//! is skipped.

use iectox::json::{Node, RecordError};
use serde_json::Value;

use crate::Outcome;

/// One row of CSV text: the line it starts on and its cells, or why it cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The line the row starts on (1-based).
    pub line: usize,
    /// The cells, or what is wrong with the row.
    pub cells: Result<Vec<String>, String>,
}

/// The delimiter of a CSV text: `;` or a tab when its first line has more of them than of
/// `,`, otherwise `,`. Field names never contain any of the three.
pub fn delimiter(text: &str) -> char {
    let header = text.lines().next().unwrap_or("");
    let count = |d: char| header.chars().filter(|&c| c == d).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if semicolons > commas && semicolons >= tabs {
        ';'
    } else if tabs > commas && tabs > semicolons {
        '\t'
    } else {
        ','
    }
}

/// Splits CSV text into rows (RFC 4180): cells separated by `delimiter`, rows by CRLF or LF;
/// a cell in double quotes may hold the delimiter, line breaks and doubled quotes (`""`).
/// Blank lines are skipped. A quote left open, or text after a closing quote, makes that row
/// an `Err`; the rows after it are still read.
pub fn rows(text: &str, delimiter: char) -> Vec<Row> {
    Rows::new(text, delimiter).collect()
}

/// The rows of CSV text, read one at a time (see [`rows`]).
#[derive(Debug)]
pub struct Rows<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    delimiter: char,
    line: usize,
}

impl<'a> Rows<'a> {
    /// The rows of `text` (a UTF-8 byte-order mark skipped).
    pub fn new(text: &'a str, delimiter: char) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Rows {
            chars: text.chars().peekable(),
            delimiter,
            line: 1,
        }
    }

    /// One quoted cell, the opening quote read; an `Err` if it is never closed or text follows
    /// its closing quote (the rest of the line is then skipped).
    fn quoted(&mut self, start: usize) -> Result<String, String> {
        let mut cell = String::new();
        loop {
            match self.chars.next() {
                None => {
                    return Err(format!(
                        "line {start}: a quoted cell is never closed (a quote inside a quoted cell is written twice: \"\")"
                    ))
                }
                Some('"') if self.chars.peek() == Some(&'"') => {
                    self.chars.next();
                    cell.push('"');
                }
                Some('"') => break,
                Some(c) => {
                    self.line += usize::from(c == '\n');
                    cell.push(c);
                }
            }
        }
        match self.chars.peek() {
            None | Some('\n' | '\r') => Ok(cell),
            Some(&c) if c == self.delimiter => Ok(cell),
            Some(&c) => {
                let message = format!(
                    "line {}: '{c}' after a closing quote (a quote inside a quoted cell is written twice: \"\")",
                    self.line
                );
                while self.chars.peek().is_some_and(|&c| c != '\n') {
                    self.chars.next();
                }
                Err(message)
            }
        }
    }
}

impl Iterator for Rows<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        while self.chars.peek().is_some() {
            let start = self.line;
            let mut cells = Vec::new();
            let mut error: Option<String> = None;
            loop {
                let cell = if self.chars.peek() == Some(&'"') {
                    self.chars.next();
                    match self.quoted(start) {
                        Ok(cell) => cell,
                        Err(e) => {
                            error.get_or_insert(e);
                            String::new()
                        }
                    }
                } else {
                    let mut cell = String::new();
                    while let Some(&c) = self.chars.peek() {
                        if c == self.delimiter || c == '\n' || c == '\r' {
                            break;
                        }
                        cell.push(c);
                        self.chars.next();
                    }
                    cell
                };
                cells.push(cell);
                match self.chars.next() {
                    Some(c) if c == self.delimiter => {}
                    Some('\r') => {
                        if self.chars.peek() == Some(&'\n') {
                            self.chars.next();
                        }
                        self.line += 1;
                        break;
                    }
                    Some('\n') => {
                        self.line += 1;
                        break;
                    }
                    _ => break,
                }
            }
            let blank = error.is_none() && cells.len() == 1 && cells[0].trim().is_empty();
            if !blank {
                return Some(Row {
                    line: start,
                    cells: error.map_or(Ok(cells), Err),
                });
            }
        }
        None
    }
}

/// How a column's cells go into a record.
#[derive(Debug)]
struct Column {
    /// The path of the value (`ice_items.orientation` → `["ice_items", "orientation"]`).
    path: Vec<String>,
    /// The cell of the value.
    value: usize,
    /// The cells of its unit (`<name>_unit` columns): the value is then a quantity.
    units: Vec<usize>,
}

/// Reads the header into columns: a `<name>_unit` column goes with the `<name>` column; one
/// without a `<name>` column stays a column of its own (and is reported as an unknown key).
fn columns(header: &[String]) -> Vec<Column> {
    let names: Vec<&str> = header.iter().map(|h| h.trim()).collect();
    let stem = |name: &str| {
        name.strip_suffix("_unit")
            .filter(|stem| names.contains(stem))
            .map(str::to_owned)
    };
    names
        .iter()
        .enumerate()
        .filter(|(_, name)| stem(name).is_none())
        .map(|(i, name)| Column {
            path: name.split('.').map(str::to_owned).collect(),
            value: i,
            units: names
                .iter()
                .enumerate()
                .filter(|(_, n)| stem(n).as_deref() == Some(*name))
                .map(|(j, _)| j)
                .collect(),
        })
        .collect()
}

/// Adds `value` at `path` in an object's entries, creating the nested objects on the way (a
/// path given twice is added twice, for the record reader to report).
fn insert(entries: &mut Vec<(String, Node)>, path: &[String], value: Node) {
    match path {
        [] => {}
        [key] => entries.push((key.clone(), value)),
        [group, rest @ ..] => {
            let existing = entries
                .iter_mut()
                .find(|(k, v)| k == group && matches!(v, Node::Object(_)));
            match existing {
                Some((_, Node::Object(inner))) => insert(inner, rest, value),
                _ => {
                    let mut inner = Vec::new();
                    insert(&mut inner, rest, value);
                    entries.push((group.clone(), Node::Object(inner)));
                }
            }
        }
    }
}

/// Reads CSV text into records for [`iectox::json::parse_record`], one per data row, as they
/// are needed: a row that cannot be read, or whose number of cells differs from the header's,
/// is a [`RecordError::Syntax`] naming its line.
pub fn records(text: &str) -> Box<dyn Iterator<Item = Result<Node, RecordError>> + '_> {
    let mut rows = Rows::new(text, delimiter(text));
    let syntax = |message: String| RecordError::Syntax { message };
    let header = match rows.next() {
        None => return Box::new(std::iter::empty()),
        Some(Row {
            cells: Err(message),
            ..
        }) => return Box::new(std::iter::once(Err(syntax(format!("header: {message}"))))),
        Some(Row { cells: Ok(h), .. }) => h,
    };
    let columns = columns(&header);
    Box::new(rows.map(move |row| {
        let cells = row.cells.map_err(syntax)?;
        if cells.len() != header.len() {
            return Err(syntax(format!(
                "line {}: {} cells where the header has {}",
                row.line,
                cells.len(),
                header.len()
            )));
        }
        let mut entries = Vec::new();
        for column in &columns {
            let text = Node::String(cells[column.value].clone());
            let value = if column.units.is_empty() {
                text
            } else {
                let mut quantity = vec![("value".to_owned(), text)];
                for &u in &column.units {
                    quantity.push(("unit".to_owned(), Node::String(cells[u].clone())));
                }
                Node::Object(quantity)
            };
            insert(&mut entries, &column.path, value);
        }
        Ok(Node::Object(entries))
    }))
}

/// The columns of the CSV output after `record` and `id`: a name and where the same value is
/// in a record's JSON result (a JSON pointer; [`outcome_row`] reads the typed report, and the
/// tests check that both agree). A list is written with `;` between its items.
pub const OUTPUT_COLUMNS: &[(&str, &str)] = &[
    ("record", "/record"),
    ("id", "/id"),
    ("hscore_value", "/report/hscore/assessment/value"),
    ("hscore_min", "/report/hscore/assessment/range/min"),
    ("hscore_max", "/report/hscore/assessment/range/max"),
    ("hscore_conclusion", "/report/hscore/assessment/conclusion"),
    ("hscore_missing", "/report/hscore/assessment/missing"),
    ("hlh2004_value", "/report/hlh2004/assessment/value"),
    ("hlh2004_min", "/report/hlh2004/assessment/range/min"),
    ("hlh2004_max", "/report/hlh2004/assessment/range/max"),
    (
        "hlh2004_conclusion",
        "/report/hlh2004/assessment/conclusion",
    ),
    ("hlh2004_missing", "/report/hlh2004/assessment/missing"),
    ("crs_grade", "/report/crs/assessment/value"),
    ("crs_min", "/report/crs/assessment/range/min"),
    ("crs_max", "/report/crs/assessment/range/max"),
    ("crs_missing", "/report/crs/assessment/missing"),
    ("icans_grade", "/report/icans/assessment/value"),
    ("icans_min", "/report/icans/assessment/range/min"),
    ("icans_max", "/report/icans/assessment/range/max"),
    ("icans_tool", "/report/icans/tool"),
    ("icans_missing", "/report/icans/assessment/missing"),
    ("iec_hs_features_value", "/report/iec_hs/features/value"),
    ("iec_hs_features_min", "/report/iec_hs/features/range/min"),
    ("iec_hs_features_max", "/report/iec_hs/features/range/max"),
    (
        "iec_hs_ferritin_criterion",
        "/report/iec_hs/ferritin_criterion",
    ),
    ("iec_hs_grade", "/report/iec_hs/grade"),
    ("ctcae_worst_grade", "/report/ctcae/assessment/value"),
    ("ctcae_min", "/report/ctcae/assessment/range/min"),
    ("ctcae_max", "/report/ctcae/assessment/range/max"),
    ("measix", "/report/measix/value"),
    (
        "crs_lee2014_grade",
        "/report/crs_legacy/systems/0/assessment/value",
    ),
    (
        "crs_penn_grade",
        "/report/crs_legacy/systems/1/assessment/value",
    ),
    (
        "crs_mskcc_grade",
        "/report/crs_legacy/systems/2/assessment/value",
    ),
    (
        "crs_cartox_grade",
        "/report/crs_legacy/systems/3/assessment/value",
    ),
];

/// A cell of the output: empty for `null`, a list joined by `;`, text as it is, other values
/// as compact JSON.
fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| cell(Some(v)))
            .collect::<Vec<_>>()
            .join(";"),
        Some(other) => other.to_string(),
    }
}

/// A value as [`cell`] writes its JSON form (serde names of enums and fields, numbers as
/// serde_json prints them).
fn cell_of<T: serde::Serialize + ?Sized>(value: &T) -> String {
    cell(serde_json::to_value(value).ok().as_ref())
}

/// The report's cells of [`OUTPUT_COLUMNS`] (after `record` and `id`), from the typed report.
fn report_cells(r: &iectox::Report, out: &mut Vec<String>) {
    fn number(v: Option<u16>) -> String {
        v.map_or_else(String::new, |v| v.to_string())
    }
    fn range<K>(a: &iectox::Assessment<K>, out: &mut Vec<String>) {
        out.push(number(a.value));
        out.push(a.range.min.to_string());
        out.push(a.range.max.to_string());
    }
    fn full<K>(a: &iectox::Assessment<K>, out: &mut Vec<String>) {
        range(a, out);
        out.push(cell_of(&a.conclusion));
        out.push(cell_of(&a.missing));
    }
    full(&r.hscore.assessment, out);
    full(&r.hlh2004.assessment, out);
    range(&r.crs.assessment, out);
    out.push(cell_of(&r.crs.assessment.missing));
    range(&r.icans.assessment, out);
    out.push(cell_of(&r.icans.tool));
    out.push(cell_of(&r.icans.assessment.missing));
    range(&r.iec_hs.features, out);
    out.push(cell_of(&r.iec_hs.ferritin_criterion));
    out.push(cell_of(&r.iec_hs.grade));
    range(&r.ctcae.assessment, out);
    out.push(cell_of(&r.measix.value));
    for system in &r.crs_legacy.systems {
        out.push(number(system.assessment.value));
    }
}

/// Quotes a cell when RFC 4180 needs it (a comma, a quote or a line break in it), doubling
/// its quotes.
pub fn quote(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\"")).into()
    } else {
        cell.into()
    }
}

/// Writes rows of cells as RFC 4180 CSV (CRLF line ends).
fn write_row<W: std::io::Write>(out: &mut W, cells: &[String]) -> std::io::Result<()> {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(quote(c).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// The header of the CSV output: [`OUTPUT_COLUMNS`], `treatment` (the dose plan as JSON) when
/// asked for, then `error_paths` and `errors`.
pub fn header(treatment: bool) -> Vec<String> {
    let mut h: Vec<String> = OUTPUT_COLUMNS.iter().map(|(n, _)| (*n).into()).collect();
    if treatment {
        h.push("treatment".into());
    }
    h.push("error_paths".into());
    h.push("errors".into());
    h
}

/// One record's outcome as a CSV row: the report's columns, or the errors' paths (`;`) and
/// messages (` | `).
pub fn outcome_row(outcome: &Outcome, treatment: bool) -> Vec<String> {
    let mut row = Vec::with_capacity(OUTPUT_COLUMNS.len() + 3);
    row.push(outcome.record.to_string());
    row.push(cell(outcome.id.as_ref()));
    match &outcome.result {
        Ok(scored) => {
            report_cells(&scored.report, &mut row);
            if treatment {
                row.push(cell(scored.treatment.as_ref()));
            }
            row.push(String::new());
            row.push(String::new());
        }
        Err(errors) => {
            // The rest of the record scored (refused values missing), as in the JSON output's
            // `partial_report`; the error columns say the row is partial. No dose plan.
            if let Some(report) = &outcome.partial {
                report_cells(report, &mut row);
            }
            row.resize(OUTPUT_COLUMNS.len() + usize::from(treatment), String::new());
            let paths: Vec<String> = errors.iter().map(RecordError::path).collect();
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            row.push(paths.join(";"));
            row.push(messages.join(" | "));
        }
    }
    row
}

/// One record's JSON result as a CSV row, read by the pointers of [`OUTPUT_COLUMNS`]: the
/// same cells as [`outcome_row`] (which the CLI uses; this is the contract it is tested
/// against).
pub fn result_row(result: &Value, treatment: bool) -> Vec<String> {
    // A record with errors has its cells from the rest of the record (`partial_report`).
    let partial = result.get("report").is_none();
    let mut row: Vec<String> = OUTPUT_COLUMNS
        .iter()
        .map(|(_, pointer)| match pointer.strip_prefix("/report/") {
            Some(rest) if partial => cell(result.pointer(&format!("/partial_report/{rest}"))),
            _ => cell(result.pointer(pointer)),
        })
        .collect();
    if treatment {
        row.push(cell(result.get("treatment")));
    }
    let errors = result.get("errors").and_then(Value::as_array);
    let list = |key: &str, separator: &str| {
        errors.map_or(String::new(), |errors| {
            errors
                .iter()
                .map(|e| cell(e.get(key)))
                .collect::<Vec<_>>()
                .join(separator)
        })
    };
    row.push(list("path", ";"));
    row.push(list("message", " | "));
    row
}

/// Writes one outcome's row, without the header (the batch path writes the header first).
pub fn write_record_row<W: std::io::Write>(
    out: &mut W,
    outcome: &Outcome,
    treatment: bool,
) -> std::io::Result<()> {
    write_row(out, &outcome_row(outcome, treatment))
}

/// Writes outcomes as CSV: the header before the first one.
#[derive(Debug, Default)]
pub struct Writer {
    treatment: bool,
    started: bool,
}

impl Writer {
    /// A writer; `treatment` adds the dose-plan column.
    pub fn new(treatment: bool) -> Self {
        Writer {
            treatment,
            started: false,
        }
    }

    /// Writes one outcome (the header first if not yet written).
    pub fn write<W: std::io::Write>(
        &mut self,
        out: &mut W,
        outcome: &Outcome,
    ) -> std::io::Result<()> {
        self.finish(out)?;
        write_record_row(out, outcome, self.treatment)
    }

    /// Writes the header if it is not written yet (an empty input still gets one).
    pub fn finish<W: std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        if !self.started {
            self.started = true;
            write_row(out, &header(self.treatment))?;
        }
        Ok(())
    }
}
