//! CSV helpers shared by the dataset loaders: strict headers, numbers, and
//! one-line descriptions of the csv crate's errors.

use super::source::SourceFile;
use crate::error::{Error, Result};

/// Checks that the header holds exactly `expected` (any order); returns it.
pub fn check_header<R: std::io::Read>(
    reader: &mut ::csv::Reader<R>,
    file: &SourceFile,
    expected: &[&str],
) -> Result<::csv::StringRecord> {
    if file.text.trim().is_empty() {
        return Err(Error::data(
            format!("{}:1", file.display),
            format!(
                "the file is empty; expected a header row: {}",
                expected.join(",")
            ),
        ));
    }
    let headers = reader
        .headers()
        .map_err(|e| Error::data(format!("{}:1", file.display), e.to_string()))?
        .clone();
    let found: Vec<String> = headers
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let place = format!("{}:1", file.display);
    if let Some(missing) = expected.iter().find(|c| !found.iter().any(|f| f == *c)) {
        return Err(Error::data(place, format!("missing column '{missing}'")));
    }
    if let Some(extra) = found.iter().find(|f| !expected.contains(&f.as_str())) {
        return Err(Error::data(place, format!("unexpected column '{extra}'")));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(dup) = found.iter().find(|f| !seen.insert(f.as_str())) {
        return Err(Error::data(place, format!("column '{dup}' appears twice")));
    }
    Ok(::csv::StringRecord::from(found))
}

pub fn csv_problem(e: &::csv::Error) -> String {
    match e.kind() {
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "the row has {len} fields; the header has {expected_len}{}",
            if len < expected_len {
                " (a missing field, or a quote left open that swallowed the commas after it)"
            } else {
                ""
            }
        ),
        ::csv::ErrorKind::Utf8 { .. } => "the file is not valid UTF-8 text".to_string(),
        _ => e.to_string(),
    }
}

/// An empty cell is "not available"; anything else must be a finite number.
pub fn parse_number(text: &str) -> std::result::Result<Option<f64>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        Ok(_) => Err(format!("'{text}' is not a finite number")),
        Err(_) => Err(format!("'{text}' is not a number")),
    }
}

/// A year cell that must fall in `years` (of `scope`, e.g. "edition nato-2024").
/// `place` and `scope` are only made for an error: a table reads
/// hundreds of rows.
pub fn parse_year_in(
    text: &str,
    place: impl Fn() -> String,
    years: std::ops::RangeInclusive<i32>,
    scope: impl Fn() -> String,
) -> Result<i32> {
    let year: i32 = text
        .parse()
        .map_err(|_| Error::data(place(), format!("'{text}' is not a year")))?;
    if !years.contains(&year) {
        return Err(Error::data(
            place(),
            format!(
                "year {year} is outside {} ({}-{})",
                scope(),
                years.start(),
                years.end()
            ),
        ));
    }
    Ok(year)
}

/// A `true` / `false` cell.
pub fn parse_flag(text: &str, place: impl Fn() -> String) -> Result<bool> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(Error::data(
            place(),
            format!("'{other}' is not true or false"),
        )),
    }
}

/// One row of a CSV table read by [`read_records`].
pub struct Record<'a> {
    display: &'a str,
    /// The header's columns in order: a table has a dozen, so a scan of
    /// short names is cheaper than hashing each look-up.
    index: &'a [String],
    record: &'a ::csv::StringRecord,
    /// The row's line in the file (the header is line 1).
    pub line: usize,
}

impl Record<'_> {
    /// The trimmed text of a column (one the header was checked to hold).
    pub fn field(&self, column: &str) -> &str {
        self.index
            .iter()
            .position(|c| c == column)
            .and_then(|i| self.record.get(i))
            .unwrap_or("")
            .trim()
    }

    /// `file:line: column C`, for an error about a cell.
    pub fn place(&self, column: &str) -> String {
        format!("{}:{}: column {column}", self.display, self.line)
    }
}

/// A quoted field still open when the text ends (a file cut short inside a
/// quote): the csv reader would take the rest of the file as that field and
/// read on silently. `display` names the file.
pub fn check_quotes(display: &str, text: &str) -> Result<()> {
    let (mut open, mut line, mut opened_at) = (false, 1usize, 0usize);
    for c in text.chars() {
        match c {
            '"' => {
                open = !open;
                if open {
                    opened_at = line;
                }
            }
            '\n' => line += 1,
            _ => {}
        }
    }
    if open {
        return Err(Error::data(
            format!("{display}:{opened_at}"),
            "a quote left open here is never closed: the file ends inside it (cut short?)",
        ));
    }
    Ok(())
}

/// Reads a CSV table strictly: the header must hold exactly `expected` (any
/// order), every row as many fields, every quote closed; `each` gets every
/// row, and any error names file, line (and column).
pub fn read_records(
    file: &SourceFile,
    expected: &[&str],
    mut each: impl FnMut(Record) -> Result<()>,
) -> Result<()> {
    check_quotes(&file.display, &file.text)?;
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(file.text.as_bytes());
    let headers = check_header(&mut reader, file, expected)?;
    let index: Vec<String> = headers.iter().map(str::to_string).collect();
    // One record, reused: a row costs no allocation once the first is read.
    let mut record = ::csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::data(format!("{}:{line}", file.display), csv_problem(&e))
        })?;
        if !more {
            return Ok(());
        }
        let line = record.position().map_or(0, |p| p.line()) as usize;
        each(Record {
            display: &file.display,
            index: &index,
            record: &record,
            line,
        })?;
    }
}

/// A value as a message shows it: as written for ordinary magnitudes, in
/// scientific notation for the absurd ones (1e300, not 301 digits).
pub fn shown(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e9 || v.abs() < 1e-6) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}
