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
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let start = line;
        let mut cells = Vec::new();
        let mut error: Option<String> = None;
        loop {
            let mut cell = String::new();
            if chars.peek() == Some(&'"') {
                chars.next();
                loop {
                    match chars.next() {
                        None => {
                            error = Some(format!(
                                "line {start}: a quoted cell is never closed (a quote inside a quoted cell is written twice: \"\")"
                            ));
                            break;
                        }
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            cell.push('"');
                        }
                        Some('"') => break,
                        Some(c) => {
                            line += usize::from(c == '\n');
                            cell.push(c);
                        }
                    }
                }
                match chars.peek() {
                    None | Some('\n' | '\r') => {}
                    Some(&c) if c == delimiter => {}
                    Some(&c) => {
                        error.get_or_insert(format!(
                            "line {line}: '{c}' after a closing quote (a quote inside a quoted cell is written twice: \"\")"
                        ));
                        // The rest of the line belongs to the unreadable row.
                        while chars.peek().is_some_and(|&c| c != '\n') {
                            chars.next();
                        }
                    }
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == delimiter || c == '\n' || c == '\r' {
                        break;
                    }
                    cell.push(c);
                    chars.next();
                }
            }
            cells.push(cell);
            match chars.next() {
                Some(c) if c == delimiter => {}
                Some('\r') => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                    break;
                }
                Some('\n') => {
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        let blank = error.is_none() && cells.len() == 1 && cells[0].trim().is_empty();
        if !blank {
            out.push(Row {
                line: start,
                cells: error.map_or(Ok(cells), Err),
            });
        }
    }
    out
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

/// Reads CSV text into records for [`iectox::json::parse_record`], one per data row: a row
/// that cannot be read, or whose number of cells differs from the header's, is a
/// [`RecordError::Syntax`] naming its line.
pub fn records(text: &str) -> Vec<Result<Node, RecordError>> {
    let mut rows = rows(text, delimiter(text)).into_iter();
    let syntax = |message: String| RecordError::Syntax { message };
    let header = match rows.next() {
        None => return Vec::new(),
        Some(Row {
            cells: Err(message),
            ..
        }) => return vec![Err(syntax(format!("header: {message}")))],
        Some(Row { cells: Ok(h), .. }) => h,
    };
    let columns = columns(&header);
    rows.map(|row| {
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
    })
    .collect()
}

/// The columns of the CSV output: a name and where its value is in a record's JSON result
/// (a JSON pointer). A list is written with `;` between its items.
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

/// One result (the JSON the JSON Lines output writes) as a CSV row: the report's columns, or
/// the errors' paths (`;`) and messages (` | `).
pub fn result_row(result: &Value, treatment: bool) -> Vec<String> {
    let mut row: Vec<String> = OUTPUT_COLUMNS
        .iter()
        .map(|(_, pointer)| cell(result.pointer(pointer)))
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

/// Writes results as CSV: the header before the first one.
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

    /// Writes one result (the header first if not yet written).
    pub fn write<W: std::io::Write>(&mut self, out: &mut W, result: &Value) -> std::io::Result<()> {
        if !self.started {
            self.started = true;
            write_row(out, &header(self.treatment))?;
        }
        write_row(out, &result_row(result, self.treatment))
    }

    /// Writes the header if no result was written (an empty input still gets one).
    pub fn finish<W: std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        if !self.started {
            self.started = true;
            write_row(out, &header(self.treatment))?;
        }
        Ok(())
    }
}
