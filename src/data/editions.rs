//! The editions manifest (`datasets/editions.toml`): one entry per NATO
//! publication, with its dates, years, estimates, price base and citation.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::source::SourceFile;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// Total defence expenditure, NATO definition (editions up to 2024).
    Total,
    /// Core defence expenditure, the basis of the 3.5% Hague target (2026 edition on).
    Core,
}

impl Basis {
    pub fn label(self) -> &'static str {
        match self {
            Basis::Total => "total defence expenditure",
            Basis::Core => "core defence expenditure",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// Imported by defspend from NATO's own Excel workbook.
    OfficialWorkbook,
    /// Transcribed from a copy of NATO's tables, not from the workbook itself.
    Transcription,
}

impl Provenance {
    pub fn label(self) -> &'static str {
        match self {
            Provenance::OfficialWorkbook => "imported from NATO's official workbook",
            Provenance::Transcription => "transcription of NATO's tables",
        }
    }
}

/// A publication date known to the day (`2024-06-17`) or only to the month (`2026-07`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicationDate {
    pub date: NaiveDate,
    pub day_known: bool,
}

impl fmt::Display for PublicationDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.day_known {
            write!(f, "{}", self.date.format("%Y-%m-%d"))
        } else {
            write!(f, "{}", self.date.format("%Y-%m"))
        }
    }
}

impl PublicationDate {
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse(text: &str) -> Option<PublicationDate> {
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Some(PublicationDate {
                date,
                day_known: true,
            });
        }
        NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d")
            .ok()
            .map(|date| PublicationDate {
                date,
                day_known: false,
            })
    }

    /// "17 June 2024" or "July 2026".
    pub fn long(&self) -> String {
        if self.day_known {
            format!("{} {}", self.date.day(), self.date.format("%B %Y"))
        } else {
            self.date.format("%B %Y").to_string()
        }
    }
}

impl<'de> Deserialize<'de> for PublicationDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if let Ok(date) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            return Ok(PublicationDate {
                date,
                day_known: true,
            });
        }
        NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d")
            .map(|date| PublicationDate {
                date,
                day_known: false,
            })
            .map_err(|_| {
                serde::de::Error::custom(format!(
                    "'{text}' is not a date: expected YYYY-MM-DD or YYYY-MM"
                ))
            })
    }
}

impl Serialize for PublicationDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub published: PublicationDate,
    #[serde(default)]
    pub data_cutoff: Option<NaiveDate>,
    pub first_year: i32,
    pub last_year: i32,
    pub estimate_years: Vec<i32>,
    pub price_base_year: i32,
    pub basis: Basis,
    pub provenance: Provenance,
    pub source: String,
    pub share_of_gdp_definition: String,
    pub citation: String,
}

impl Edition {
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.first_year..=self.last_year
    }

    pub fn is_estimate(&self, year: i32) -> bool {
        self.estimate_years.contains(&year)
    }

    /// "constant 2015 USD"
    pub fn constant_basis(&self) -> String {
        format!("constant {} USD", self.price_base_year)
    }

    /// A year label as NATO prints it: `2024e` for an estimate.
    pub fn year_label(&self, year: i32) -> String {
        if self.is_estimate(year) {
            format!("{year}e")
        } else {
            year.to_string()
        }
    }
}

/// The SIPRI release a dataset comes from (`[[sipri]]` in editions.toml, or
/// the `release.toml` that `import sipri-xlsx` writes beside a release it
/// does not know).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SipriRelease {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub published: PublicationDate,
    pub first_year: i32,
    pub last_year: i32,
    pub price_base_year: i32,
    pub source: String,
    pub definition: String,
    pub citation: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    edition: Vec<Edition>,
    /// Releases of SIPRI's database, the second source.
    #[serde(default)]
    sipri: Vec<SipriRelease>,
}

/// Parses and checks the manifest; errors carry `file:line:column`.
pub fn parse_manifest(file: &SourceFile) -> Result<Vec<Edition>> {
    parse_manifest_with_sipri(file).map(|(editions, _)| editions)
}

/// The NATO editions and the SIPRI releases of the manifest.
pub fn parse_manifest_with_sipri(file: &SourceFile) -> Result<(Vec<Edition>, Vec<SipriRelease>)> {
    let manifest: Manifest = file.parse_toml()?;
    for r in &manifest.sipri {
        if r.first_year > r.last_year {
            return Err(Error::data(
                format!("{} (sipri {})", file.display, r.id),
                "first_year is after last_year",
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for ed in &manifest.edition {
        let place = format!("{} (edition {})", file.display, ed.id);
        if !seen.insert(ed.id.clone()) {
            return Err(Error::data(place, "edition id listed twice"));
        }
        if ed.first_year > ed.last_year {
            return Err(Error::data(place, "first_year is after last_year"));
        }
        if let Some(y) = ed.estimate_years.iter().find(|y| !ed.years().contains(y)) {
            return Err(Error::data(
                place,
                format!(
                    "estimate year {y} is outside {}-{}",
                    ed.first_year, ed.last_year
                ),
            ));
        }
    }
    if manifest.edition.is_empty() {
        return Err(Error::data(&file.display, "no [[edition]] entries"));
    }
    Ok((manifest.edition, manifest.sipri))
}
