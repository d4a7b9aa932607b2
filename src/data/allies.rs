//! The allies reference table (`datasets/allies.csv`): codes, names, accession
//! dates, region, EU membership, armed forces, special-case notes.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::source::SourceFile;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Region {
    Europe,
    #[serde(rename = "North America")]
    NorthAmerica,
}

/// What an ally measures its defence commitment against.
impl Region {
    pub fn label(self) -> &'static str {
        match self {
            Region::Europe => "Europe",
            Region::NorthAmerica => "North America",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CommitmentBasis {
    /// Gross domestic product, as NATO's tables report.
    #[default]
    #[serde(rename = "GDP")]
    Gdp,
    /// Gross national income (Luxembourg): a note says so where it falls short.
    #[serde(rename = "GNI")]
    Gni,
}

impl CommitmentBasis {
    pub fn label(self) -> &'static str {
        match self {
            CommitmentBasis::Gdp => "GDP",
            CommitmentBasis::Gni => "GNI",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ally {
    pub iso3: String,
    /// NATO's two-letter code (`EL` Greece, `UK` United Kingdom); the key of every dataset.
    pub nato_code: String,
    pub name: String,
    pub accession_date: NaiveDate,
    pub region: Region,
    pub eu_member: bool,
    pub has_armed_forces: bool,
    pub commitment_basis: CommitmentBasis,
    #[serde(default)]
    pub national_currency: Option<String>,
    /// ISO 4217 code of the currency the ally's national accounts are kept in
    /// (the unit of the IMF's `NGDP`): a plan stated in money must use it.
    pub currency: String,
    #[serde(default)]
    pub note: Option<String>,
}

impl Ally {
    /// NATO counts an ally in its aggregates from the calendar year it joined.
    pub fn accession_year(&self) -> i32 {
        self.accession_date.year()
    }

    pub fn is_member_in(&self, year: i32) -> bool {
        self.accession_year() <= year
    }
}

pub const COLUMNS: &[&str] = &[
    "iso3",
    "nato_code",
    "name",
    "accession_date",
    "region",
    "eu_member",
    "has_armed_forces",
    "commitment_basis",
    "national_currency",
    "currency",
    "note",
];

pub fn parse_allies(file: &SourceFile) -> Result<Vec<Ally>> {
    let mut reader = csv::ReaderBuilder::new().from_reader(file.text.as_bytes());
    let headers = super::csv::check_header(&mut reader, file, COLUMNS)?;
    let mut allies: Vec<Ally> = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let place = format!("{}:{line}", file.display);
        let record = record.map_err(|e| Error::data(&place, e.to_string()))?;
        check_typed_fields(&record, &headers, &place)?;
        let ally: Ally = record
            .deserialize(Some(&headers))
            .map_err(|e| Error::data(&place, describe_csv_error(&e)))?;
        if ally.nato_code.len() != 2 || !ally.nato_code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(Error::data(
                place,
                format!("nato_code '{}' is not two capital letters", ally.nato_code),
            ));
        }
        if let Some(other) = allies
            .iter()
            .find(|a| a.nato_code == ally.nato_code || a.iso3 == ally.iso3)
        {
            return Err(Error::data(
                place,
                format!("ally {} is listed twice ({})", ally.nato_code, other.name),
            ));
        }
        allies.push(ally);
    }
    if allies.is_empty() {
        return Err(Error::data(&file.display, "no allies listed"));
    }
    Ok(allies)
}

/// Dates, booleans and regions checked one by one, so that an error names its column.
fn check_typed_fields(
    record: &csv::StringRecord,
    headers: &csv::StringRecord,
    place: &str,
) -> Result<()> {
    for (column, value) in headers.iter().zip(record.iter()) {
        let value = value.trim();
        let problem = match column {
            "accession_date" => NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .err()
                .map(|_| format!("'{value}' is not a date (YYYY-MM-DD)")),
            "eu_member" | "has_armed_forces" => (!matches!(value, "true" | "false"))
                .then(|| format!("'{value}' is not true or false")),
            "region" => (!matches!(value, "Europe" | "North America"))
                .then(|| format!("'{value}' is not a region: expected Europe or North America")),
            "commitment_basis" => (!matches!(value, "GDP" | "GNI"))
                .then(|| format!("'{value}' is not a commitment basis: expected GDP or GNI")),
            "currency" => (value.len() != 3 || !value.chars().all(|c| c.is_ascii_uppercase()))
                .then(|| format!("'{value}' is not an ISO 4217 currency code (three capital letters, e.g. EUR)")),
            _ => None,
        };
        if let Some(problem) = problem {
            return Err(Error::data(format!("{place}: column {column}"), problem));
        }
    }
    Ok(())
}

fn describe_csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(i) => format!(
                "column {}: {}",
                COLUMNS.get(i as usize).unwrap_or(&"?"),
                err.kind()
            ),
            None => err.kind().to_string(),
        },
        _ => e.to_string(),
    }
}

/// Looks an ally up by NATO code, ISO code or name, case-insensitively.
pub fn find<'a>(allies: &'a [Ally], query: &str) -> Option<&'a Ally> {
    let q = query.trim();
    allies.iter().find(|a| {
        a.nato_code.eq_ignore_ascii_case(q)
            || a.iso3.eq_ignore_ascii_case(q)
            || same_name(&a.name, q)
    })
}

/// Two names are the same ignoring case, and with a hyphen or underscore
/// standing for a space (`United-States` on a command line where a comma
/// separates names).
pub fn same_name(a: &str, b: &str) -> bool {
    // Word by word, without building the normalised names: commands look
    // names up by the dozen at start-up.
    fn words(s: &str) -> impl Iterator<Item = &str> {
        s.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|w| !w.is_empty())
    }
    let lower = |w: &str| w.chars().flat_map(char::to_lowercase).collect::<Vec<_>>();
    let (mut x, mut y) = (words(a), words(b));
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(u), Some(v)) => {
                let same = u.eq_ignore_ascii_case(v)
                    || (!(u.is_ascii() && v.is_ascii()) && lower(u) == lower(v));
                if !same {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// The closest allies to a query that matched nothing, best first.
pub fn suggest(allies: &[Ally], query: &str) -> Vec<String> {
    let q = query.trim().to_lowercase();
    let mut scored: Vec<(f64, &Ally)> = allies
        .iter()
        .map(|a| {
            let name = a.name.to_lowercase();
            let mut score = strsim::jaro_winkler(&q, &name);
            if name.starts_with(&q) || name.contains(&q) {
                score = score.max(0.95);
            }
            score = score
                .max(strsim::jaro_winkler(&q, &a.nato_code.to_lowercase()))
                .max(strsim::jaro_winkler(&q, &a.iso3.to_lowercase()));
            (score, a)
        })
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, a)| format!("{} ({})", a.name, a.nato_code))
        .collect()
}
