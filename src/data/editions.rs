//! The editions manifest (`datasets/editions.toml`): one entry per NATO
//! publication, with its dates, years, estimates, price base and citation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::manifest::Manifest;
pub use super::manifest::PublicationDate;
use super::source::SourceFile;
use crate::error::Result;

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
struct File {
    edition: Vec<Edition>,
    /// Releases of SIPRI's database, the second source.
    #[serde(default)]
    sipri: Vec<SipriRelease>,
}

/// Parses and checks the manifest; errors carry `file:line:column`.
pub fn parse_manifest(file: &SourceFile) -> Result<Manifest<Edition>> {
    parse_manifest_with_sipri(file).map(|(editions, _)| editions)
}

/// The NATO editions and the SIPRI releases of the manifest.
pub fn parse_manifest_with_sipri(
    file: &SourceFile,
) -> Result<(Manifest<Edition>, Vec<SipriRelease>)> {
    let parsed: File = file.parse_toml()?;
    let sipri = if parsed.sipri.is_empty() {
        Vec::new()
    } else {
        Manifest::new(file, "sipri", parsed.sipri)?.to_vec()
    };
    Ok((Manifest::new(file, "edition", parsed.edition)?, sipri))
}
