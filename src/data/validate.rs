//! `defspend validate`: every check a reader of NATO's tables could make, run
//! over a dataset directory, reporting every violation rather than the first.
//!
//! The checks: the published share equals constant spending ÷ constant GDP
//! within rounding (where only current prices exist, the nominal ratio is
//! information); aggregate rows equal the sum of the allies that were members
//! that year; current and constant values coincide in the price base year;
//! years are contiguous; estimates fall only in the manifest's estimate years;
//! every ally code is in allies.csv; no duplicate ally-year; shares and
//! percentages between 0 and 100; no negative money.

use std::collections::HashMap;

use super::allies::Ally;
use super::csv::parse_number;
use super::editions::Edition;
use super::expenditure::{columns, measure_keys, Bound, TableKind};
use super::groups::Group;
use super::source::SourceFile;
use crate::error::Result;

mod checks;

/// Reads a dataset file by its name relative to the datasets.
pub type Read<'a> = &'a dyn Fn(&str) -> Result<SourceFile>;

/// Half a unit of the published share's second decimal.
pub const SHARE_TOLERANCE: f64 = 0.005;
/// Where an edition has only current prices, the published share may differ
/// from the nominal ratio (price bases, NATO's own GDP figures): by up to 0.3
/// points and 13% of it in the July 2026 edition. A difference of more than
/// both of these is an error in the data.
pub const NOMINAL_GAP_POINTS: f64 = 0.5;
/// The most of an aggregate that allies absent from a dataset may account for
/// (Iceland, the one such ally, is about 0.15% of Europe and Canada's GDP).
pub const ABSENT_SHARE: f64 = 0.01;
pub const NOMINAL_GAP_SHARE: f64 = 0.25;
/// A year-on-year move of a share worth a warning: by more than this factor
/// (up or down) and more than this many points.
pub const JUMP_RATIO: f64 = 1.5;
pub const JUMP_POINTS: f64 = 0.5;

/// One finding: a violation, or information that is not an error.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub edition: String,
    pub place: String,
    pub code: String,
    pub year: Option<i32>,
    pub measure: String,
    pub expected: String,
    pub found: String,
    pub problem: String,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub violations: Vec<Finding>,
    pub information: Vec<Finding>,
    pub checks: usize,
}

/// A row as read leniently: unparseable cells are findings, not a stop.
struct LenientRow {
    line: usize,
    code: String,
    year: Option<i32>,
    estimate: Option<bool>,
    values: HashMap<&'static str, f64>,
}

struct Checker<'a> {
    edition: &'a Edition,
    outcome: Outcome,
}

/// Where a finding is: the file and line, the code, the year.
type At<'a> = (&'a str, &'a str, Option<i32>);

impl Checker<'_> {
    fn finding(
        &self,
        at: At,
        measure: &str,
        expected: String,
        found: String,
        problem: &str,
    ) -> Finding {
        Finding {
            edition: self.edition.id.clone(),
            place: at.0.to_string(),
            code: at.1.to_string(),
            year: at.2,
            measure: measure.to_string(),
            expected,
            found,
            problem: problem.to_string(),
        }
    }

    fn violation(&mut self, at: At, measure: &str, expected: String, found: String, problem: &str) {
        let f = self.finding(at, measure, expected, found, problem);
        self.outcome.violations.push(f);
    }

    fn info(&mut self, at: At, measure: &str, expected: String, found: String, problem: &str) {
        let f = self.finding(at, measure, expected, found, problem);
        self.outcome.information.push(f);
    }

    fn check(&mut self) {
        self.outcome.checks += 1;
    }
}

/// A value as found: rounded to six decimals, in exponent form when very
/// large or small (never a 300-digit number).
fn fmt(v: f64) -> String {
    let rounded = (v * 1e6).round() / 1e6;
    if rounded.is_finite() && rounded != 0.0 {
        super::csv::shown(rounded)
    } else {
        super::csv::shown(v)
    }
}

fn read_lenient(
    read: Read,
    edition: &Edition,
    kind: TableKind,
    checker: &mut Checker,
) -> Vec<LenientRow> {
    let relative = format!("{}/{}", edition.id, kind.file_name());
    let file = match read(&relative) {
        Ok(f) => f,
        Err(e) => {
            checker.violation(
                (&relative, "", None),
                "",
                "a readable file".into(),
                e.to_string(),
                "cannot read the file",
            );
            return Vec::new();
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(file.text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim_start_matches('\u{feff}').trim().to_string())
            .collect(),
        Err(e) => {
            checker.violation(
                (&file.display, "", None),
                "",
                "a header row".into(),
                e.to_string(),
                "unreadable header",
            );
            return Vec::new();
        }
    };
    if !checker.header(&file.display, &headers, kind) {
        return Vec::new();
    }
    let index: HashMap<&str, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.as_str(), i))
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let Ok(record) = record else {
            checker.violation(
                (&file.display, "", None),
                "",
                "a CSV row".into(),
                "unreadable".into(),
                "malformed row",
            );
            continue;
        };
        rows.push(checker.row(&file.display, &record, &index, kind));
    }
    rows
}

impl Checker<'_> {
    /// Checks a table's header: every expected column present, none unexpected.
    fn header(&mut self, display: &str, headers: &[String], kind: TableKind) -> bool {
        let expected = columns(kind);
        let mut missing = false;
        for column in &expected {
            self.check();
            if !headers.iter().any(|h| h == column) {
                missing = true;
                self.violation(
                    (&format!("{}:1", display), "", None),
                    column,
                    "present".into(),
                    "missing".into(),
                    "missing column",
                );
            }
        }
        for h in headers {
            if !expected.contains(&h.as_str()) {
                self.violation(
                    (&format!("{}:1", display), "", None),
                    h,
                    "no such column".into(),
                    h.clone(),
                    "unexpected column",
                );
            }
        }
        !missing
    }

    /// One row of a table, its values checked against their bounds.
    fn row(
        &mut self,
        display: &str,
        record: &csv::StringRecord,
        index: &HashMap<&str, usize>,
        kind: TableKind,
    ) -> LenientRow {
        let line = record.position().map_or(0, |p| p.line() as usize);
        let place = format!("{}:{line}", display);
        let field = |c: &str| record.get(index[c]).unwrap_or("").trim().to_string();
        let code = field(kind.key_column());
        let year = field("year").parse::<i32>().ok();
        if year.is_none() {
            self.violation(
                (&place, &code, None),
                "year",
                "a year".into(),
                field("year"),
                "not a year",
            );
        }
        let estimate = match field("estimate").as_str() {
            "true" => Some(true),
            "false" => Some(false),
            other => {
                self.violation(
                    (&place, &code, year),
                    "estimate",
                    "true or false".into(),
                    other.into(),
                    "not true or false",
                );
                None
            }
        };
        let mut values = HashMap::new();
        for key in measure_keys() {
            self.check();
            match parse_number(&field(key)) {
                Ok(Some(v)) => {
                    if let Err(expected) = Bound::of(key).check(v) {
                        self.violation(
                            (&place, &code, year),
                            key,
                            expected.into(),
                            fmt(v),
                            "out of range",
                        );
                    }
                    values.insert(key, v);
                }
                Ok(None) => {}
                Err(problem) => self.violation(
                    (&place, &code, year),
                    key,
                    "a finite number".into(),
                    field(key),
                    &problem,
                ),
            }
        }
        LenientRow {
            line,
            code,
            year,
            estimate,
            values,
        }
    }
}

/// Validates one edition, its files read by `read`.
/// `groups` say which allies each of NATO's aggregate rows adds up
/// (`nato_aggregate` in groups.toml).
pub fn validate(read: Read, allies: &[Ally], groups: &[Group], edition: &Edition) -> Outcome {
    let mut c = Checker {
        edition,
        outcome: Outcome::default(),
    };
    let ally_rows = read_lenient(read, edition, TableKind::Allies, &mut c);
    let aggregate_rows = read_lenient(read, edition, TableKind::Aggregates, &mut c);
    c.codes_and_years(allies, &ally_rows, &aggregate_rows);
    c.shares(&ally_rows);
    c.jumps(&ally_rows);
    c.price_base(&ally_rows);
    c.aggregates(allies, groups, &ally_rows, &aggregate_rows);
    c.outcome
}
