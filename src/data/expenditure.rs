//! An edition's tidy tables: `expenditure.csv` (one row per ally and year) and
//! `aggregates.csv` (NATO's own aggregate rows, kept apart for verification).
//! Both have the same measure columns; this module reads them strictly and
//! turns them into polars frames.

use polars::prelude::*;

use super::allies::{self, Ally};
use super::csv::{parse_flag, parse_number, parse_year_in, read_records};
use super::editions::Edition;
use super::manifest::{published_entry, Entry, Family, PublicationDate};
use super::source::SourceFile;
use crate::error::{Asked, Error, Result};

/// A measure column of the tidy tables, with the NATO table it comes from.
pub struct Measure {
    pub key: &'static str,
    pub description: &'static str,
}

/// The values a measure can take: a lower and an upper limit each, so that a
/// typo of a few digits or an exponent (`1e300`) is refused where the data
/// enter, not printed as a 300-digit number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A share of GDP: more than 0 (an ally with armed forces spends), at most 100.
    Share,
    /// A percentage between 0 and 100.
    Percent,
    /// Spending in million US dollars: zero to a billion million (a
    /// quadrillion dollars, about ten times the world's GDP).
    UsdMillions,
    /// GDP in million US dollars: more than zero (shares divide by it), at
    /// most a quadrillion dollars.
    GdpUsdMillions,
    /// Spending in million national currency units: zero to 10^12 millions
    /// (room for any ally's currency).
    NcuMillions,
    /// A change, which may be negative (but not below -100%), at most +1000%.
    Change,
    /// GDP per person in thousand US dollars: more than zero, at most 1000.
    GdpPerCapitaK,
    /// Spending per person in US dollars: zero to a million.
    PerCapitaUsd,
    /// Military personnel in thousands: zero to 100,000 (100 million people).
    PersonnelK,
}

impl Bound {
    pub fn of(key: &str) -> Bound {
        match key {
            "share_of_gdp" => Bound::Share,
            "equipment_pct" | "personnel_pct" | "infrastructure_pct" | "other_pct" => {
                Bound::Percent
            }
            "gdp_usd_current_m" | "gdp_usd_constant_m" => Bound::GdpUsdMillions,
            "gdp_per_capita_k_usd" => Bound::GdpPerCapitaK,
            "defence_ncu_current_m" | "defence_ncu_constant_m" => Bound::NcuMillions,
            "real_change_pct" => Bound::Change,
            "defence_per_capita_usd" => Bound::PerCapitaUsd,
            "military_personnel_k" => Bound::PersonnelK,
            _ => Bound::UsdMillions,
        }
    }

    /// The lowest value, whether it is allowed, and the highest.
    fn limits(self) -> (f64, bool, f64) {
        match self {
            Bound::Share => (0.0, false, 100.0),
            Bound::Percent => (0.0, true, 100.0),
            Bound::UsdMillions => (0.0, true, 1e9),
            Bound::GdpUsdMillions => (0.0, false, 1e9),
            Bound::NcuMillions => (0.0, true, 1e12),
            Bound::Change => (-100.0, true, 1000.0),
            Bound::GdpPerCapitaK => (0.0, false, 1000.0),
            Bound::PerCapitaUsd => (0.0, true, 1e6),
            Bound::PersonnelK => (0.0, true, 1e5),
        }
    }

    /// `Err` says what the value should be.
    pub fn check(self, value: f64) -> std::result::Result<(), &'static str> {
        let (low, low_allowed, high) = self.limits();
        let above_low = if low_allowed {
            value >= low
        } else {
            value > low
        };
        if above_low && value <= high {
            Ok(())
        } else {
            Err(match self {
                Bound::Share => "a share of GDP above 0 and at most 100",
                Bound::Percent => "a percentage from 0 to 100",
                Bound::UsdMillions => {
                    "zero to 1e9 million US dollars (a quadrillion dollars, ten times the world's GDP)"
                }
                Bound::GdpUsdMillions => {
                    "more than zero and at most 1e9 million US dollars (ten times the world's GDP)"
                }
                Bound::NcuMillions => "zero to 1e12 million national currency units",
                Bound::Change => "a change from -100% to +1000%",
                Bound::GdpPerCapitaK => "more than zero and at most 1000 thousand US dollars",
                Bound::PerCapitaUsd => "zero to a million US dollars per person",
                Bound::PersonnelK => "zero to 100,000 thousand people",
            })
        }
    }
}

/// Every measure column, in file order. Empty cells mean "not available".
pub const MEASURES: &[Measure] = &[
    Measure { key: "share_of_gdp", description: "Defence expenditure as % of GDP, NATO's published share (2024: Table 3, share of real GDP)" },
    Measure { key: "defence_usd_current_m", description: "Defence expenditure, million USD, current prices and exchange rates (Table 2)" },
    Measure { key: "defence_usd_constant_m", description: "Defence expenditure, million USD, constant prices and exchange rates of the price base year (Table 2)" },
    Measure { key: "gdp_usd_current_m", description: "GDP, million USD, current prices and exchange rates (Table 5)" },
    Measure { key: "gdp_usd_constant_m", description: "GDP, million USD, constant prices and exchange rates of the price base year (Table 5)" },
    Measure { key: "defence_ncu_current_m", description: "Defence expenditure, million national currency units, current prices (Table 1)" },
    Measure { key: "defence_ncu_constant_m", description: "Defence expenditure, million national currency units, constant prices (Table 1)" },
    Measure { key: "real_change_pct", description: "Annual real change of defence expenditure, % (Table 3)" },
    Measure { key: "gdp_per_capita_k_usd", description: "GDP per capita, thousand USD, constant prices (Table 6)" },
    Measure { key: "defence_per_capita_usd", description: "Defence expenditure per capita, USD, constant prices (Table 6)" },
    Measure { key: "military_personnel_k", description: "Military personnel, thousands (Table 7)" },
    Measure { key: "equipment_pct", description: "Equipment incl. major R&D, % of defence expenditure (Table 8a)" },
    Measure { key: "personnel_pct", description: "Personnel, % of defence expenditure (Table 8a)" },
    Measure { key: "infrastructure_pct", description: "Infrastructure, % of defence expenditure (Table 8b)" },
    Measure { key: "other_pct", description: "Other (operations, maintenance, other R&D), % of defence expenditure (Table 8b)" },
];

pub fn measure_keys() -> impl Iterator<Item = &'static str> {
    MEASURES.iter().map(|m| m.key)
}

/// Which of the two tidy tables a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Allies,
    Aggregates,
}

impl TableKind {
    pub fn key_column(self) -> &'static str {
        match self {
            TableKind::Allies => "ally",
            TableKind::Aggregates => "aggregate",
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            TableKind::Allies => "expenditure.csv",
            TableKind::Aggregates => "aggregates.csv",
        }
    }
}

/// NATO's aggregate rows and their codes in the tidy tables.
pub const AGGREGATES: &[(&str, &str)] = &[
    ("NATO_EUR_CAN", "NATO Europe and Canada"),
    ("NATO_TOTAL", "NATO Total"),
];

/// All columns of a tidy table, in order.
pub fn columns(kind: TableKind) -> Vec<&'static str> {
    let mut cols = vec![kind.key_column(), "year", "estimate"];
    cols.extend(measure_keys());
    cols
}

/// One row of a tidy table, as read or as imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub code: String,
    pub year: i32,
    pub estimate: bool,
    /// Values in the order of [`MEASURES`].
    pub values: Vec<Option<f64>>,
}

/// Reads a tidy table strictly: every problem is an error naming file, line and column.
pub fn parse_table(
    file: &SourceFile,
    kind: TableKind,
    edition: &Edition,
    allies: &[Ally],
) -> Result<Vec<Row>> {
    let expected = columns(kind);
    let mut rows = Vec::new();
    // The line each (code, year) was first read on, by the code's place in
    // the allies (or the aggregates) and the year's in the edition.
    let codes = match kind {
        TableKind::Allies => allies.len(),
        TableKind::Aggregates => AGGREGATES.len(),
    };
    let span = (edition.last_year - edition.first_year + 1).max(0) as usize;
    let mut first_line: Vec<usize> = vec![0; codes * span];
    read_records(file, &expected, |record| {
        let line = record.line;
        let place = |column: &str| record.place(column);
        let field = |column: &str| record.field(column);

        let code = field(kind.key_column()).to_string();
        let slot = match kind {
            TableKind::Allies => {
                let Some(i) = allies.iter().position(|a| a.nato_code == code) else {
                    let hint = allies::suggest(allies, &code);
                    let hint = if hint.is_empty() {
                        String::new()
                    } else {
                        format!("; did you mean {}?", hint.join(", "))
                    };
                    return Err(Error::data(
                        place("ally"),
                        format!("unknown ally code '{code}' (not in allies.csv){hint}"),
                    ));
                };
                i
            }
            TableKind::Aggregates => {
                let Some(i) = AGGREGATES.iter().position(|(c, _)| *c == code) else {
                    return Err(Error::data(
                        place("aggregate"),
                        format!("unknown aggregate '{code}'; expected NATO_EUR_CAN or NATO_TOTAL"),
                    ));
                };
                i
            }
        };
        let year = parse_year_in(
            field("year"),
            || place("year"),
            edition.years(),
            || format!("edition {}", edition.id),
        )?;
        let estimate = parse_flag(field("estimate"), || place("estimate"))?;
        if estimate != edition.is_estimate(year) {
            return Err(Error::data(
                place("estimate"),
                format!(
                    "year {year} is {}an estimate in edition {} but the row says estimate={estimate}",
                    if edition.is_estimate(year) { "" } else { "not " },
                    edition.id
                ),
            ));
        }
        let mut values = Vec::with_capacity(MEASURES.len());
        for key in measure_keys() {
            let value = parse_number(field(key)).map_err(|p| Error::data(place(key), p))?;
            if let Some(v) = value {
                Bound::of(key).check(v).map_err(|expected| {
                    Error::data(
                        place(key),
                        format!(
                            "{} is out of range: expected {expected}",
                            super::csv::shown(v)
                        ),
                    )
                })?;
            }
            values.push(value);
        }
        // The year was checked to lie in the edition.
        let seen = &mut first_line[slot * span + (year - edition.first_year) as usize];
        if *seen != 0 {
            let first = *seen;
            return Err(Error::data(
                place(kind.key_column()),
                format!("duplicate row for {code} {year} (first at line {first})"),
            ));
        }
        *seen = line;
        rows.push(Row {
            code,
            year,
            estimate,
            values,
        });
        Ok(())
    })?;
    if rows.is_empty() {
        return Err(Error::data(
            &file.display,
            "the file has a header but no rows",
        ));
    }
    Ok(rows)
}

/// Formats a value for the tidy CSV: the shortest text that reads back to the same f64.
pub fn format_number(value: Option<f64>) -> String {
    value.map(|v| format!("{v}")).unwrap_or_default()
}

/// Writes rows as a tidy CSV, byte-for-byte what [`parse_table`] reads.
pub fn write_table(kind: TableKind, rows: &[Row]) -> String {
    let mut out = columns(kind).join(",");
    out.push('\n');
    for row in rows {
        out.push_str(&row.code);
        out.push(',');
        out.push_str(&row.year.to_string());
        out.push(',');
        out.push_str(if row.estimate { "true" } else { "false" });
        for v in &row.values {
            out.push(',');
            out.push_str(&format_number(*v));
        }
        out.push('\n');
    }
    out
}

/// The frame the calculator works on: `code`, `year`, `estimate` and every measure.
pub fn to_frame(rows: &[Row]) -> Result<DataFrame> {
    let mut cols: Vec<Column> = vec![
        Column::new(
            "code".into(),
            rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "year".into(),
            rows.iter().map(|r| r.year).collect::<Vec<_>>(),
        ),
        Column::new(
            "estimate".into(),
            rows.iter().map(|r| r.estimate).collect::<Vec<_>>(),
        ),
    ];
    for (i, key) in measure_keys().enumerate() {
        cols.push(Column::new(
            key.into(),
            rows.iter()
                .map(|r| r.values[i])
                .collect::<Vec<Option<f64>>>(),
        ));
    }
    Ok(DataFrame::new_infer_height(cols)?)
}

/// An edition is listed by its manifest entry; its dataset is its two tables.
impl Entry for Edition {
    const NOUN: &'static str = "edition";
    const ASKED: Asked = Asked::Edition;
    const FAMILY: Family = Family::NatoEdition;

    published_entry!();
    fn files(&self) -> Vec<String> {
        [TableKind::Allies, TableKind::Aggregates]
            .iter()
            .map(|k| format!("{}/{}", self.id, k.file_name()))
            .collect()
    }
    fn check(&self) -> std::result::Result<(), String> {
        match self
            .estimate_years
            .iter()
            .find(|y| !self.years().contains(y))
        {
            Some(y) => Err(format!(
                "estimate year {y} is outside {}-{}",
                self.first_year, self.last_year
            )),
            None => Ok(()),
        }
    }
}
