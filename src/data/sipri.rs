//! SIPRI's Military Expenditure Database as a second source: its tables by
//! country and year (one wide CSV per measure), the regional totals, the
//! footnotes, and the table of SIPRI's country names and their codes.
//!
//! A cell of a wide table is a number with SIPRI's own mark kept: `*` after
//! the number for a SIPRI estimate (blue in the workbook), `?` for a highly
//! uncertain figure (red); `...` data not available; `xxx` the country did
//! not exist or was not independent; empty where the workbook has no cell.
//! Shares (of GDP, of government spending) are percentages, converted from
//! the workbook's fractions.

use std::collections::HashMap;

use super::csv::{csv_problem, read_records};
use super::manifest::{published_entry, Entry, Family, PublicationDate};
use super::source::SourceFile;
use crate::error::{Asked, Error, Result};
use crate::param::Param;

/// A SIPRI measure: one sheet of the workbook, one file of the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    ShareOfGdp,
    ConstantUsd,
    CurrentUsd,
    PerCapita,
    ShareOfGovernment,
}

impl Measure {
    pub const ALL: [Measure; 5] = [
        Measure::ShareOfGdp,
        Measure::ConstantUsd,
        Measure::CurrentUsd,
        Measure::PerCapita,
        Measure::ShareOfGovernment,
    ];

    /// The sheet of the April 2025 workbook.
    pub fn sheet(self) -> &'static str {
        match self {
            Measure::ShareOfGdp => "Share of GDP",
            Measure::ConstantUsd => "Constant (2023) US$",
            Measure::CurrentUsd => "Current US$",
            Measure::PerCapita => "Per capita",
            Measure::ShareOfGovernment => "Share of Govt. spending",
        }
    }

    /// The sheet's header row (0-based): `Country`, `Notes`, the years, as
    /// the April 2025 release has it.
    pub fn header_row(self) -> u32 {
        self.header_rows()[0]
    }

    /// The header rows of the layouts SIPRI has published: April 2025's,
    /// then April 2026's (its per capita and share of government sheets a
    /// row lower). A header anywhere else is a layout change, an error.
    pub fn header_rows(self) -> &'static [u32] {
        match self {
            Measure::ShareOfGdp | Measure::ConstantUsd | Measure::CurrentUsd => &[5],
            Measure::PerCapita => &[6, 7],
            Measure::ShareOfGovernment => &[7, 8],
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            Measure::ShareOfGdp => "share_of_gdp.csv",
            Measure::ConstantUsd => "constant_usd_m.csv",
            Measure::CurrentUsd => "current_usd_m.csv",
            Measure::PerCapita => "per_capita_usd.csv",
            Measure::ShareOfGovernment => "share_of_government_spending.csv",
        }
    }

    /// The largest value a cell of this measure can hold (after scaling). A
    /// share can pass 100% in a war year (Kuwait 1991: 117% of GDP), not
    /// 200%; money (million US dollars) not a billion millions, a
    /// quadrillion dollars, ten times the world's GDP; spending per person not
    /// a million dollars. No measure is negative.
    pub fn max(self) -> f64 {
        match self {
            Measure::ShareOfGdp | Measure::ShareOfGovernment => 200.0,
            Measure::ConstantUsd | Measure::CurrentUsd => 1e9,
            Measure::PerCapita => 1e6,
        }
    }

    /// `Err` says why `value` cannot be a cell of this measure: the one rule
    /// for the importer and for loading an installed release.
    pub fn check(self, value: f64) -> std::result::Result<(), String> {
        if value.is_finite() && value >= 0.0 && value <= self.max() {
            Ok(())
        } else {
            Err(format!(
                "{} is not a possible {} (at least 0, at most {})",
                super::csv::shown(value),
                self.file_name().trim_end_matches(".csv"),
                self.max()
            ))
        }
    }

    /// The workbook's fractions become percentages.
    pub fn scale(self) -> f64 {
        match self {
            Measure::ShareOfGdp | Measure::ShareOfGovernment => 100.0,
            _ => 1.0,
        }
    }
}

/// What SIPRI says of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// A figure, not marked.
    Figure,
    /// Blue in the workbook: a SIPRI estimate.
    Estimate,
    /// Red in the workbook: highly uncertain.
    Uncertain,
    /// `...`: data not available.
    NotAvailable,
    /// `xxx`: the country did not exist or was not independent.
    DidNotExist,
    /// No cell in the workbook (a year the sheet does not cover).
    Blank,
}

impl State {
    pub fn key(self) -> &'static str {
        match self {
            State::Figure => "figure",
            State::Estimate => "estimate",
            State::Uncertain => "highly uncertain",
            State::NotAvailable => "not available",
            State::DidNotExist => "did not exist",
            State::Blank => "no figure",
        }
    }

    pub fn has_value(self) -> bool {
        matches!(self, State::Figure | State::Estimate | State::Uncertain)
    }

    /// An estimate or a highly uncertain figure.
    pub fn is_marked(self) -> bool {
        matches!(self, State::Estimate | State::Uncertain)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub value: Option<f64>,
    pub state: State,
}

impl Cell {
    pub const BLANK: Cell = Cell {
        value: None,
        state: State::Blank,
    };

    pub fn figure(value: f64, state: State) -> Cell {
        Cell {
            value: Some(value),
            state,
        }
    }

    pub fn marker(state: State) -> Cell {
        Cell { value: None, state }
    }

    /// The dataset's text for the cell.
    pub fn encode(&self) -> String {
        match (self.value, self.state) {
            (Some(v), State::Estimate) => format!("{}*", short(v)),
            (Some(v), State::Uncertain) => format!("{}?", short(v)),
            (Some(v), _) => short(v),
            (None, State::NotAvailable) => "...".into(),
            (None, State::DidNotExist) => "xxx".into(),
            (None, _) => String::new(),
        }
    }

    pub fn decode(text: &str) -> std::result::Result<Cell, String> {
        let text = text.trim();
        match text {
            "" => return Ok(Cell::BLANK),
            "..." => return Ok(Cell::marker(State::NotAvailable)),
            "xxx" => return Ok(Cell::marker(State::DidNotExist)),
            _ => {}
        }
        let (number, state) = if let Some(n) = text.strip_suffix('*') {
            (n, State::Estimate)
        } else if let Some(n) = text.strip_suffix('?') {
            (n, State::Uncertain)
        } else {
            (text, State::Figure)
        };
        match number.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Cell::figure(v, state)),
            _ => Err(format!(
                "'{text}' is not a number (with an optional * or ?), '...' or 'xxx'"
            )),
        }
    }
}

/// Ten significant digits: beyond SIPRI's precision, and the shortest text
/// that keeps them.
fn short(v: f64) -> String {
    let rounded: f64 = format!("{v:.9e}").parse().unwrap_or(v);
    format!("{rounded}")
}

/// A country row: its code, SIPRI's name, the region heading it sits under
/// and SIPRI's note marks (`§`, `‖`, a footnote number).
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub code: String,
    pub name: String,
    pub region: String,
    pub notes: String,
}

/// One measure for every country and year.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub measure: Measure,
    pub years: Vec<i32>,
    pub countries: Vec<Country>,
    /// `cells[i][j]`: country `i`, year `years[j]`.
    pub cells: Vec<Vec<Cell>>,
}

impl Table {
    pub fn row(&self, code: &str) -> Option<(&Country, &[Cell])> {
        let i = self.countries.iter().position(|c| c.code == code)?;
        Some((&self.countries[i], &self.cells[i]))
    }

    pub fn cell(&self, code: &str, year: i32) -> Option<Cell> {
        let (_, cells) = self.row(code)?;
        let j = self.years.iter().position(|&y| y == year)?;
        Some(cells[j])
    }
}

const FIXED: [&str; 4] = ["code", "country", "region", "notes"];

pub fn write_table(table: &Table) -> String {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let mut header: Vec<String> = FIXED.iter().map(|s| s.to_string()).collect();
    header.extend(table.years.iter().map(|y| y.to_string()));
    let _ = w.write_record(&header);
    for (country, cells) in table.countries.iter().zip(&table.cells) {
        let mut row = vec![
            country.code.clone(),
            country.name.clone(),
            country.region.clone(),
            country.notes.clone(),
        ];
        row.extend(cells.iter().map(Cell::encode));
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub fn parse_table(file: &SourceFile, measure: Measure) -> Result<Table> {
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(file.text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| Error::data(format!("{}:1", file.display), csv_problem(&e)))?
        .clone();
    let place = format!("{}:1", file.display);
    for (i, name) in FIXED.iter().enumerate() {
        if header.get(i).map(|h| h.trim_start_matches('\u{feff}')) != Some(*name) {
            return Err(Error::data(
                place,
                format!(
                    "column {} should be '{name}' (header: {}, then the years)",
                    i + 1,
                    FIXED.join(",")
                ),
            ));
        }
    }
    let mut years = Vec::new();
    for (j, h) in header.iter().enumerate().skip(FIXED.len()) {
        let year: i32 = h.parse().map_err(|_| {
            Error::data(
                &place,
                format!("column {} header '{h}' is not a year", j + 1),
            )
        })?;
        if years.last().is_some_and(|&last| year != last + 1) {
            return Err(Error::data(
                &place,
                format!(
                    "column {} year {year} does not follow the year before",
                    j + 1
                ),
            ));
        }
        years.push(year);
    }
    let mut table = Table {
        measure,
        years,
        countries: Vec::new(),
        cells: Vec::new(),
    };
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::data(format!("{}:{line}", file.display), csv_problem(&e))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let code = record.get(0).unwrap_or("").trim();
        if code.is_empty() {
            return Err(Error::data(
                format!("{}:{line}: column code", file.display),
                "empty country code",
            ));
        }
        let mut cells = Vec::with_capacity(table.years.len());
        for (j, year) in table.years.iter().enumerate() {
            let text = record.get(FIXED.len() + j).unwrap_or("");
            let cell = Cell::decode(text).and_then(|cell| match cell.value {
                Some(v) => measure.check(v).map(|()| cell),
                None => Ok(cell),
            });
            cells.push(cell.map_err(|problem| {
                Error::data(format!("{}:{line}: column {year}", file.display), problem)
            })?);
        }
        if let Some(first) = table.countries.iter().position(|c| c.code == code) {
            return Err(Error::data(
                format!("{}:{line}: column code", file.display),
                format!(
                    "{code} has a second row (the first is row {} of the table)",
                    first + 1
                ),
            ));
        }
        table.countries.push(Country {
            code: code.to_string(),
            name: record.get(1).unwrap_or("").trim().to_string(),
            region: record.get(2).unwrap_or("").trim().to_string(),
            notes: record.get(3).unwrap_or("").trim().to_string(),
        });
        table.cells.push(cells);
    }
    Ok(table)
}

/// A regional total (SIPRI's `Regional totals` sheet), USD bn.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionalTotal {
    pub region: String,
    /// `constant-2023` or `current-2024`.
    pub prices: String,
    pub year: i32,
    /// `Uncertain` (red): more than 10% of the total is estimates for
    /// countries with missing data.
    pub cell: Cell,
    pub omitted: String,
}

const REGIONAL: [&str; 6] = ["region", "prices", "year", "usd_bn", "state", "omitted"];

pub fn write_regional(rows: &[RegionalTotal]) -> String {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(REGIONAL);
    for r in rows {
        let value = r.cell.value.map(short).unwrap_or_default();
        let _ = w.write_record([
            r.region.as_str(),
            r.prices.as_str(),
            &r.year.to_string(),
            &value,
            state_key(r.cell.state),
            r.omitted.as_str(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn state_key(state: State) -> &'static str {
    match state {
        State::Figure => "figure",
        State::Estimate => "estimate",
        State::Uncertain => "uncertain",
        State::NotAvailable => "not-available",
        State::DidNotExist => "did-not-exist",
        State::Blank => "blank",
    }
}

/// A footnote: a special mark (`†`, `‡`, `§`, `¶`, `‖`) or a number, and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    pub mark: String,
    pub text: String,
}

pub fn write_footnotes(notes: &[Footnote]) -> String {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(["mark", "text"]);
    for n in notes {
        let _ = w.write_record([n.mark.as_str(), n.text.as_str()]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub fn parse_footnotes(file: &SourceFile) -> Result<Vec<Footnote>> {
    let mut notes = Vec::new();
    read_records(file, &["mark", "text"], |r| {
        notes.push(Footnote {
            mark: r.field("mark").to_string(),
            text: r.field("text").to_string(),
        });
        Ok(())
    })?;
    Ok(notes)
}

/// The footnotes a country's marks point to: `‡§¶16` is three special notes
/// and footnote 16.
pub fn notes_for<'a>(marks: &str, footnotes: &'a [Footnote]) -> Vec<&'a Footnote> {
    let mut out = Vec::new();
    let mut number = String::new();
    for ch in marks.chars() {
        if ch.is_ascii_digit() {
            number.push(ch);
        } else if let Some(n) = footnotes.iter().find(|f| f.mark == ch.to_string()) {
            out.push(n);
        }
    }
    if let Some(n) = footnotes
        .iter()
        .find(|f| !number.is_empty() && f.mark == number)
    {
        out.push(n);
    }
    out
}

/// SIPRI's name for a country and the code defspend uses for it: ISO 3166-1
/// alpha-3, or a customary code for a former state.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryName {
    pub sipri_name: String,
    pub code: String,
    pub note: String,
}

pub fn parse_countries(file: &SourceFile) -> Result<Vec<CountryName>> {
    let mut names: Vec<CountryName> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    read_records(file, &["sipri_name", "code", "note"], |r| {
        let code = r.field("code");
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(Error::data(
                r.place("code"),
                format!("'{code}' is not a three-letter code"),
            ));
        }
        if let Some(line) = seen.insert(code.to_string(), r.line) {
            return Err(Error::data(
                r.place("code"),
                format!("code {code} is also given on line {line}"),
            ));
        }
        names.push(CountryName {
            sipri_name: r.field("sipri_name").to_string(),
            code: code.to_string(),
            note: r.field("note").to_string(),
        });
        Ok(())
    })?;
    Ok(names)
}

pub use super::editions::SipriRelease as Release;

/// The file in an installed release's folder that describes it.
pub const RELEASE_FILE: &str = "release.toml";

/// A release as `release.toml`.
pub fn write_release(release: &Release) -> String {
    format!(
        "# Written by `defspend import sipri-xlsx`: the release whose tables are in this folder.\n{}",
        toml::to_string(release).expect("a release serialises as TOML")
    )
}

/// Reads a `release.toml`; errors carry `file:line:column`.
pub fn parse_release(file: &super::source::SourceFile) -> Result<Release> {
    let release: Release = file.parse_toml()?;
    if let Some(problem) = super::manifest::id_problem(&release.id) {
        return Err(Error::data(&file.display, format!("id {problem}")));
    }
    if release.first_year > release.last_year {
        return Err(Error::data(&file.display, "first_year is after last_year"));
    }
    Ok(release)
}

/// What to do when a release is not installed: SIPRI's terms of use allow
/// reproducing no more than 10% of its database, so defspend does not ship it;
/// each user imports SIPRI's own workbook once.
pub fn not_installed(release: &Release) -> String {
    format!(
        "SIPRI's database ({}) is not installed: SIPRI's terms do not allow redistributing it, so defspend does not ship it; download SIPRI's workbook from https://www.sipri.org/databases/milex and run `defspend import sipri-xlsx {} {} {}`",
        release.title,
        Param::File,
        Param::Edition,
        release.id
    )
}

/// Everything of one release, as loaded.
pub struct Sipri {
    pub release: Release,
    /// SIPRI's names, their codes and what a name covers (`sipri-countries.csv`).
    pub names: Vec<CountryName>,
    pub tables: Vec<Table>,
    pub footnotes: Vec<Footnote>,
}

impl Sipri {
    pub fn table(&self, measure: Measure) -> Option<&Table> {
        self.tables.iter().find(|t| t.measure == measure)
    }
}

impl Entry for Release {
    const NOUN: &'static str = "SIPRI release";
    const ASKED: Asked = Asked::SipriRelease;
    const FAMILY: Family = Family::Sipri;

    published_entry!();
    fn files(&self) -> Vec<String> {
        Measure::ALL
            .iter()
            .map(|m| format!("{}/{}", self.id, m.file_name()))
            .chain(std::iter::once(format!("{}/footnotes.csv", self.id)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_round_trip_with_their_marks() {
        for text in ["7.052338645*", "1.2?", "0.5", "...", "xxx", ""] {
            assert_eq!(Cell::decode(text).unwrap().encode(), text);
        }
        assert_eq!(
            Cell::decode("3.4*").unwrap(),
            Cell::figure(3.4, State::Estimate)
        );
        assert!(Cell::decode("abc").is_err());
        assert!(Cell::decode("1.2x").is_err());
    }

    #[test]
    fn a_country_s_marks_find_their_footnotes() {
        let notes = vec![
            Footnote {
                mark: "§".into(),
                text: "budget".into(),
            },
            Footnote {
                mark: "16".into(),
                text: "Libya".into(),
            },
            Footnote {
                mark: "1".into(),
                text: "Angola".into(),
            },
        ];
        let found: Vec<&str> = notes_for("‡§¶16", &notes)
            .iter()
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(found, ["budget", "Libya"]);
    }
}
