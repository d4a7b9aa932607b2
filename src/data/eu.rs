//! The EU's fiscal instruments for defence: the national escape clause of the
//! Stability and Growth Pact (extra defence spending of up to 1.5% of GDP over
//! the 2021 level, 2025-2028, for the member states that asked) and the SAFE
//! loans (EUR 150 bn, provisional allocations of September 2025).
//!
//! Tidy tables `eu/escape-clause-2025.csv` and `eu/safe-2025.csv`, imported by
//! `defspend import eu` from the compiled files of `sources/eu/`; allies only
//! (a member state that is not an ally is left out at import, and said).

use chrono::NaiveDate;

use super::allies::Ally;
use super::csv::{parse_number, read_records, Record};
use super::source::SourceFile;
use crate::error::{Error, Result};

/// The escape clause's tidy table, and SAFE's, as `import eu` writes them
/// (`eu.toml` names the files that are read, and the citation).
pub const ESCAPE_CLAUSE_FILE: &str = "eu/escape-clause-2025.csv";
pub const SAFE_FILE: &str = "eu/safe-2025.csv";

const CLAUSE_COLUMNS: &[&str] = &[
    "ally",
    "activated",
    "up_to_pct_gdp",
    "first_year",
    "last_year",
    "baseline_year",
    "source",
    "note",
];
const CLAUSE_SOURCE_COLUMNS: &[&str] = &[
    "ally",
    "activated",
    "up_to_pct_gdp",
    "years",
    "baseline_year",
    "source",
    "note",
];
const SAFE_COLUMNS: &[&str] = &[
    "ally",
    "eur_bn",
    "allocated",
    "plan_approved",
    "source",
    "note",
];

/// One ally's activation of the national escape clause.
#[derive(Debug, Clone, PartialEq)]
pub struct EscapeClause {
    pub ally: String,
    pub activated: NaiveDate,
    /// The most extra defence spending the clause allows, % of GDP over the
    /// baseline year's level.
    pub up_to_pct_gdp: f64,
    pub first_year: i32,
    pub last_year: i32,
    pub baseline_year: i32,
    pub source: String,
    pub note: String,
}

/// One ally's SAFE loan allocation.
#[derive(Debug, Clone, PartialEq)]
pub struct SafeLoan {
    pub ally: String,
    pub eur_bn: f64,
    pub allocated: NaiveDate,
    pub plan_approved: Option<NaiveDate>,
    pub source: String,
    pub note: String,
}

/// Both instruments.
#[derive(Debug, Clone, Default)]
pub struct Instruments {
    pub escape_clause: Vec<EscapeClause>,
    pub safe: Vec<SafeLoan>,
    /// Where the figures come from (`eu.toml`), for every report that uses them.
    pub citation: String,
}

impl Instruments {
    pub fn clause(&self, ally: &str) -> Option<&EscapeClause> {
        self.escape_clause.iter().find(|c| c.ally == ally)
    }

    pub fn loan(&self, ally: &str) -> Option<&SafeLoan> {
        self.safe.iter().find(|l| l.ally == ally)
    }
}

fn date(record: &Record, column: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(record.field(column), "%Y-%m-%d").map_err(|_| {
        Error::data(
            record.place(column),
            format!("'{}' is not a date (YYYY-MM-DD)", record.field(column)),
        )
    })
}

fn year(record: &Record, column: &str, text: &str) -> Result<i32> {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1999..=2100).contains(y))
        .ok_or_else(|| {
            Error::data(
                record.place(column),
                format!("'{}' is not a year between 1999 and 2100", text.trim()),
            )
        })
}

/// The EU's member states that are not allies (their codes as the EU writes
/// them): the compiled files may list them; the import leaves them out.
pub const EU_NOT_ALLIES: [&str; 4] = ["AT", "CY", "IE", "MT"];

/// SAFE's whole envelope, EUR bn: no allocation, nor their sum, exceeds it.
pub const SAFE_ENVELOPE_EUR_BN: f64 = 150.0;

/// A known ally's code, else `None` for an EU member state that is not an
/// ally (for the import to leave the row out, `strict` false); any other
/// code is an error, never "not an ally".
fn ally<'a>(record: &Record, allies: &'a [Ally], strict: bool) -> Result<Option<&'a Ally>> {
    let code = record.field("ally");
    match allies.iter().find(|a| a.nato_code == code) {
        Some(a) if a.eu_member => Ok(Some(a)),
        Some(a) => Err(Error::data(
            record.place("ally"),
            format!("{} ({code}) is not an EU member state", a.name),
        )),
        None if EU_NOT_ALLIES.contains(&code) => {
            if strict {
                Err(Error::data(
                    record.place("ally"),
                    format!("{code} is an EU member state that is not an ally: this table holds allies only"),
                ))
            } else {
                Ok(None)
            }
        }
        None => Err(Error::data(
            record.place("ally"),
            format!(
                "unknown code '{code}': neither an ally (allies.csv) nor an EU member state outside NATO ({})",
                EU_NOT_ALLIES.join(", ")
            ),
        )),
    }
}

/// A table with no row (its header only): refused, naming the file.
fn not_empty<T>(file: &SourceFile, rows: &[T]) -> Result<()> {
    if rows.is_empty() {
        return Err(Error::data(
            &file.display,
            "no rows: the table has its header only",
        ));
    }
    Ok(())
}

/// SAFE's allocations adding up to more than the instrument: refused,
/// naming the file.
fn within_envelope(file: &SourceFile, loans: &[SafeLoan]) -> Result<()> {
    let total: f64 = loans.iter().map(|l| l.eur_bn).sum();
    if total > SAFE_ENVELOPE_EUR_BN + 1e-6 {
        return Err(Error::data(
            &file.display,
            format!(
                "the allocations add up to EUR {total:.2} bn, more than SAFE's EUR {SAFE_ENVELOPE_EUR_BN} bn"
            ),
        ));
    }
    Ok(())
}

fn clause_row(
    record: &Record,
    allies: &[Ally],
    source_layout: bool,
) -> Result<Option<EscapeClause>> {
    let Some(a) = ally(record, allies, !source_layout)? else {
        return Ok(None);
    };
    let up_to = parse_number(record.field("up_to_pct_gdp"))
        .map_err(|p| Error::data(record.place("up_to_pct_gdp"), p))?
        .filter(|v| *v > 0.0 && *v < 10.0)
        .ok_or_else(|| {
            Error::data(
                record.place("up_to_pct_gdp"),
                format!(
                    "'{}' is not a room in % of GDP (above 0, below 10)",
                    record.field("up_to_pct_gdp")
                ),
            )
        })?;
    let (first, last) = if source_layout {
        let years = record.field("years");
        let (a, b) = years.split_once('-').ok_or_else(|| {
            Error::data(
                record.place("years"),
                format!("'{years}' is not a span of years (FIRST-LAST)"),
            )
        })?;
        (year(record, "years", a)?, year(record, "years", b)?)
    } else {
        (
            year(record, "first_year", record.field("first_year"))?,
            year(record, "last_year", record.field("last_year"))?,
        )
    };
    let baseline = year(record, "baseline_year", record.field("baseline_year"))?;
    if last < first || baseline >= first {
        return Err(Error::data(
            record.place(if source_layout { "years" } else { "last_year" }),
            format!("the clause's years {first}-{last} must follow its baseline year {baseline}"),
        ));
    }
    Ok(Some(EscapeClause {
        ally: a.nato_code.clone(),
        activated: date(record, "activated")?,
        up_to_pct_gdp: up_to,
        first_year: first,
        last_year: last,
        baseline_year: baseline,
        source: record.field("source").to_string(),
        note: record.field("note").to_string(),
    }))
}

fn safe_row(record: &Record, allies: &[Ally], source_layout: bool) -> Result<Option<SafeLoan>> {
    let Some(a) = ally(record, allies, !source_layout)? else {
        return Ok(None);
    };
    let eur = parse_number(record.field("eur_bn"))
        .map_err(|p| Error::data(record.place("eur_bn"), p))?
        .filter(|v| *v > 0.0 && *v <= SAFE_ENVELOPE_EUR_BN)
        .ok_or_else(|| {
            Error::data(
                record.place("eur_bn"),
                format!(
                    "'{}' is not an allocation of the EUR 150 bn instrument (EUR bn, above 0)",
                    record.field("eur_bn")
                ),
            )
        })?;
    let plan_approved = match record.field("plan_approved") {
        "" => None,
        _ => Some(date(record, "plan_approved")?),
    };
    Ok(Some(SafeLoan {
        ally: a.nato_code.clone(),
        eur_bn: eur,
        allocated: date(record, "allocated")?,
        plan_approved,
        source: record.field("source").to_string(),
        note: record.field("note").to_string(),
    }))
}

fn no_twice<T>(rows: &[T], code: impl Fn(&T) -> &str, record: &Record) -> Result<()> {
    let n = rows.len();
    if n > 1 && rows[..n - 1].iter().any(|r| code(r) == code(&rows[n - 1])) {
        return Err(Error::data(
            record.place("ally"),
            format!("{} appears twice", code(&rows[n - 1])),
        ));
    }
    Ok(())
}

/// The escape clause's table: the tidy layout, or (`source_layout`) the
/// compiled file's, whose `years` is "FIRST-LAST" and whose non-allies are
/// left out (counted in the second value).
pub fn parse_escape_clause(
    file: &SourceFile,
    allies: &[Ally],
    source_layout: bool,
) -> Result<(Vec<EscapeClause>, usize)> {
    let (mut rows, mut left_out) = (Vec::new(), 0);
    let columns = if source_layout {
        CLAUSE_SOURCE_COLUMNS
    } else {
        CLAUSE_COLUMNS
    };
    read_records(file, columns, |record| {
        match clause_row(&record, allies, source_layout)? {
            Some(row) => rows.push(row),
            None => left_out += 1,
        }
        no_twice(&rows, |r: &EscapeClause| r.ally.as_str(), &record)
    })?;
    not_empty(file, &rows)?;
    Ok((rows, left_out))
}

/// SAFE's table (see [`parse_escape_clause`] for `source_layout`).
pub fn parse_safe(
    file: &SourceFile,
    allies: &[Ally],
    source_layout: bool,
) -> Result<(Vec<SafeLoan>, usize)> {
    let (mut rows, mut left_out) = (Vec::new(), 0);
    read_records(file, SAFE_COLUMNS, |record| {
        match safe_row(&record, allies, source_layout)? {
            Some(row) => rows.push(row),
            None => left_out += 1,
        }
        no_twice(&rows, |r: &SafeLoan| r.ally.as_str(), &record)
    })?;
    not_empty(file, &rows)?;
    within_envelope(file, &rows)?;
    Ok((rows, left_out))
}

fn csv_text(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The escape clause's tidy table, as [`parse_escape_clause`] reads it.
pub fn write_escape_clause(rows: &[EscapeClause]) -> String {
    csv_text(
        CLAUSE_COLUMNS,
        rows.iter().map(|r| {
            vec![
                r.ally.clone(),
                r.activated.to_string(),
                r.up_to_pct_gdp.to_string(),
                r.first_year.to_string(),
                r.last_year.to_string(),
                r.baseline_year.to_string(),
                r.source.clone(),
                r.note.clone(),
            ]
        }),
    )
}

/// SAFE's tidy table, as [`parse_safe`] reads it.
pub fn write_safe(rows: &[SafeLoan]) -> String {
    csv_text(
        SAFE_COLUMNS,
        rows.iter().map(|r| {
            vec![
                r.ally.clone(),
                r.eur_bn.to_string(),
                r.allocated.to_string(),
                r.plan_approved.map(|d| d.to_string()).unwrap_or_default(),
                r.source.clone(),
                r.note.clone(),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::test_support::allies;

    fn file(text: &str) -> SourceFile {
        crate::data::test_support::file("eu.csv", text)
    }

    #[test]
    fn the_source_layout_leaves_non_allies_out_and_the_tidy_one_refuses_them() {
        let text = "ally,eur_bn,allocated,plan_approved,source,note\nPL,43.7,2025-09-09,2026-02-17,s,\nCY,1.18,2025-09-09,,s,\n";
        let (rows, left_out) = parse_safe(&file(text), &allies(), true).unwrap();
        assert_eq!((rows.len(), left_out), (1, 1));
        let e = parse_safe(&file(text), &allies(), false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "eu.csv:3: column ally: CY is an EU member state that is not an ally: this table holds allies only"
        );
    }

    #[test]
    fn a_non_eu_ally_or_an_impossible_room_is_refused() {
        let head = "ally,activated,up_to_pct_gdp,years,baseline_year,source,note\n";
        let e = parse_escape_clause(
            &file(&format!("{head}NO,2025-07-08,1.5,2025-2028,2021,s,\n")),
            &allies(),
            true,
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("Norway (NO) is not an EU member state"),
            "{e}"
        );
        let e = parse_escape_clause(
            &file(&format!("{head}PL,2025-07-08,15,2025-2028,2021,s,\n")),
            &allies(),
            true,
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("eu.csv:2: column up_to_pct_gdp: '15'"),
            "{e}"
        );
        let e = parse_escape_clause(
            &file(&format!("{head}PL,2025-07-08,1.5,2028-2025,2021,s,\n")),
            &allies(),
            true,
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("must follow its baseline year"),
            "{e}"
        );
    }

    #[test]
    fn the_tidy_tables_read_back_what_was_written() {
        let a = allies();
        let clause = parse_escape_clause(
            &file(&write_escape_clause(&[EscapeClause {
                ally: "PL".into(),
                activated: NaiveDate::from_ymd_opt(2025, 7, 8).unwrap(),
                up_to_pct_gdp: 1.5,
                first_year: 2025,
                last_year: 2028,
                baseline_year: 2021,
                source: "https://example.org/a,b".into(),
                note: String::new(),
            }])),
            &a,
            false,
        )
        .unwrap();
        assert_eq!(clause.0[0].ally, "PL");
        assert_eq!(clause.0[0].source, "https://example.org/a,b");
    }
}
