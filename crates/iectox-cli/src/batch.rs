//! The JSON Lines batch path: records read from a stream in chunks of lines, scored and written
//! by `threads` workers, the output in input order and byte-identical whatever the number of
//! threads (each chunk is scored by the same function, and chunks are written in the order they
//! were read).
//!
//! Memory stays bounded whatever the input's size: at most two chunks wait per worker on each
//! side, so a million records stream through in a few megabytes (compact output; some 30 MB
//! with the full reports).

use std::io::{self, BufRead, BufWriter, Write};
use std::sync::mpsc::sync_channel;

use iectox::json::{Node, RecordError};

use crate::compact::{self, Score};
use crate::{csv, outcome, Options, Outcome};

/// How each outcome is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The full JSON line: every assessment with its explanation (`Outcome`'s serialisation).
    Full,
    /// Only the values of these scores ([`crate::compact`]).
    Compact(Vec<Score>),
    /// One CSV row ([`csv::outcome_row`]); the header is the caller's.
    Csv,
}

/// Writes outcomes in a shape, each with its line end.
#[derive(Clone, Debug)]
pub struct Writer {
    shape: Shape,
    treatment: bool,
    /// The compact line being written (reused: no allocation per record).
    line: Vec<u8>,
}

impl Writer {
    /// A writer of `shape`; `treatment`: the CSV rows have the dose-plan column.
    pub fn new(shape: Shape, treatment: bool) -> Self {
        Writer {
            shape,
            treatment,
            line: Vec::new(),
        }
    }

    /// Writes one outcome. `out` should be buffered: serde writes a full report in hundreds of
    /// small pieces.
    pub fn write<W: Write>(&mut self, out: &mut W, outcome: &Outcome) -> io::Result<()> {
        match &self.shape {
            Shape::Full => {
                serde_json::to_writer(&mut *out, outcome)?;
                out.write_all(b"\n")
            }
            Shape::Compact(scores) => {
                self.line.clear();
                compact::write(&mut self.line, outcome, scores)?;
                out.write_all(&self.line)
            }
            Shape::Csv => csv::write_record_row(out, outcome, self.treatment),
        }
    }
}

/// The input size of a chunk: large enough that handing it to a worker costs nothing next to
/// scoring it (some 200 records), small enough that the chunks in flight stay a few megabytes
/// even in the full shape (13 kB of output a record).
const CHUNK_BYTES: usize = 128 * 1024;

/// A chunk of input lines: its text (whole lines) and the number of its first record.
#[derive(Debug)]
pub struct Chunk {
    /// The number of the first record (non-blank line) of `text`, from 1.
    pub first: usize,
    /// Whole lines.
    pub text: String,
}

/// What a worker made of a chunk: its output and whether some record had errors.
struct Scored {
    bytes: Vec<u8>,
    had_errors: bool,
}

/// A record is a line with something other than white space (as `str::lines` and `trim` read
/// it: the same rule as [`crate::records`]).
fn is_record(line: &&str) -> bool {
    !line.trim().is_empty()
}

/// Reads `input` as chunks of whole lines (at least one line, about [`CHUNK_BYTES`]).
pub struct Chunks<R> {
    input: R,
    next_record: usize,
    done: bool,
}

impl<R: BufRead> Chunks<R> {
    /// The chunks of `input`, its first record numbered 1.
    pub fn new(input: R) -> Self {
        Chunks {
            input,
            next_record: 1,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for Chunks<R> {
    type Item = io::Result<Chunk>;

    fn next(&mut self) -> Option<io::Result<Chunk>> {
        if self.done {
            return None;
        }
        let mut bytes = Vec::with_capacity(CHUNK_BYTES + 4096);
        while bytes.len() < CHUNK_BYTES {
            match self.input.read_until(b'\n', &mut bytes) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        if bytes.is_empty() {
            return None;
        }
        // A chunk ends after a `\n` (or at the end), so it is cut between characters: invalid
        // UTF-8 is the input's, reported as reading the whole input would.
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                self.done = true;
                return Some(Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "stream did not contain valid UTF-8",
                )));
            }
        };
        let first = self.next_record;
        self.next_record += text.lines().filter(is_record).count();
        Some(Ok(Chunk { first, text }))
    }
}

/// Scores the records of one chunk into its output.
fn score_chunk(chunk: &Chunk, options: &Options, shape: &Shape) -> io::Result<Scored> {
    // Some 13 kB a record in the full shape, 750 bytes compact: a guess that saves regrowing.
    let per_line = match shape {
        Shape::Full => 16,
        Shape::Compact(_) | Shape::Csv => 2,
    };
    let mut bytes =
        BufWriter::with_capacity(16 * 1024, Vec::with_capacity(chunk.text.len() * per_line));
    let mut writer = Writer::new(shape.clone(), options.treatment.is_some());
    let mut had_errors = false;
    for (i, line) in chunk.text.lines().filter(is_record).enumerate() {
        let record = Node::parse(line).map_err(|e| RecordError::Syntax {
            message: e.to_string(),
        });
        let outcome = outcome(chunk.first + i, record, options);
        had_errors |= outcome.result.is_err();
        writer.write(&mut bytes, &outcome)?;
    }
    let bytes = bytes.into_inner().map_err(|e| e.into_error())?;
    Ok(Scored { bytes, had_errors })
}

/// Scores every record of JSON Lines `input` (records numbered from 1) and writes them to `out`
/// in input order, on `threads` threads (1: this thread only). Returns whether some record had
/// errors. A read error (or invalid UTF-8) ends the batch after the records before it are
/// written.
pub fn run<R: BufRead + Send, W: Write>(
    input: R,
    options: &Options,
    shape: &Shape,
    threads: usize,
    out: &mut W,
) -> io::Result<bool> {
    if threads <= 1 {
        let mut had_errors = false;
        for chunk in Chunks::new(input) {
            let scored = score_chunk(&chunk?, options, shape)?;
            had_errors |= scored.had_errors;
            out.write_all(&scored.bytes)?;
        }
        return Ok(had_errors);
    }
    std::thread::scope(|scope| {
        // Chunk k goes to worker k mod n, and the output is taken from the workers in the same
        // round: the input order without a reordering buffer, and at most two chunks waiting
        // on each side of each worker.
        let mut inboxes = Vec::with_capacity(threads);
        let mut outboxes = Vec::with_capacity(threads);
        for _ in 0..threads {
            let (to_worker, inbox) = sync_channel::<Chunk>(2);
            let (outbox, from_worker) = sync_channel::<io::Result<Scored>>(2);
            scope.spawn(move || {
                for chunk in inbox {
                    if outbox.send(score_chunk(&chunk, options, shape)).is_err() {
                        break; // the writer has stopped
                    }
                }
            });
            inboxes.push(to_worker);
            outboxes.push(from_worker);
        }
        let reader = scope.spawn(move || -> io::Result<()> {
            for (k, chunk) in Chunks::new(input).enumerate() {
                if inboxes[k % threads].send(chunk?).is_err() {
                    break; // the writer has stopped
                }
            }
            Ok(())
            // Dropping the inboxes ends the workers once they have emptied them.
        });
        let mut had_errors = false;
        let mut written = Ok(());
        for k in 0.. {
            // A closed outbox: its worker has ended, so every chunk read has been written.
            let Ok(scored) = outboxes[k % threads].recv() else {
                break;
            };
            written = scored.and_then(|s| {
                had_errors |= s.had_errors;
                out.write_all(&s.bytes)
            });
            if written.is_err() {
                break;
            }
        }
        // On a write error, closing the outboxes stops the workers, and then the reader.
        drop(outboxes);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the reader thread panicked")));
        written.and(read).map(|()| had_errors)
    })
}

/// The default number of threads: the machine's available parallelism.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
