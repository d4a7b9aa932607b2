//! National spending plans (`datasets/plans.toml` and `datasets/plans/ID.csv`):
//! each ally's announced milestones — a share of GDP by a year — with the basis
//! it is counted on, the kind of announcement, when it was made, how far the
//! source can be trusted, and the source itself. Announcements, not NATO
//! figures; an ally with no row has no plan.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::allies::Ally;
use super::csv::{parse_number, read_records};
use super::editions::PublicationDate;
use super::source::{read_file, SourceFile};
use crate::error::{Error, Result};

/// What a milestone's share counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanBasis {
    /// NATO's definition of defence expenditure.
    NatoDefinition,
    /// NATO's core defence expenditure (the Hague 3.5%).
    Core,
    /// The government's own count, not comparable one for one with NATO's share.
    NationalDefinition,
}

impl PlanBasis {
    pub const ALL: [PlanBasis; 3] = [
        PlanBasis::NatoDefinition,
        PlanBasis::Core,
        PlanBasis::NationalDefinition,
    ];

    pub fn key(self) -> &'static str {
        match self {
            PlanBasis::NatoDefinition => "nato-definition",
            PlanBasis::Core => "core",
            PlanBasis::NationalDefinition => "national-definition",
        }
    }

    fn from_key(key: &str) -> Option<PlanBasis> {
        Self::ALL.into_iter().find(|b| b.key() == key)
    }
}

/// How far a milestone's source can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Trust {
    Low,
    Medium,
    High,
}

impl Trust {
    pub const ALL: [Trust; 3] = [Trust::High, Trust::Medium, Trust::Low];

    pub fn key(self) -> &'static str {
        match self {
            Trust::High => "high",
            Trust::Medium => "medium",
            Trust::Low => "low",
        }
    }

    fn from_key(key: &str) -> Option<Trust> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// One announced milestone.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    /// NATO code.
    pub ally: String,
    pub year: i32,
    /// % of GDP.
    pub share: f64,
    pub basis: PlanBasis,
    /// Budget plan, government plan, pledge, statement, alliance commitment.
    pub kind: String,
    pub announced: NaiveDate,
    pub trust: Trust,
    pub source: String,
    pub note: String,
    /// Where the milestone is: `file:line`.
    pub place: String,
}

/// A compilation of plans, from `plans.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlansInfo {
    pub id: String,
    pub title: String,
    /// When the compilation was made (its latest announcement may be later).
    pub compiled: PublicationDate,
    pub description: String,
    pub citation: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    plans: Vec<PlansInfo>,
}

pub fn parse_manifest(file: &SourceFile) -> Result<Vec<PlansInfo>> {
    let manifest: Manifest = file.parse_toml()?;
    if manifest.plans.is_empty() {
        return Err(Error::data(&file.display, "no [[plans]] entries"));
    }
    Ok(manifest.plans)
}

/// A compilation's milestones, by ally and year.
#[derive(Debug, Clone)]
pub struct Plans {
    pub info: PlansInfo,
    pub milestones: Vec<Milestone>,
}

impl Plans {
    /// An ally's milestones, in year order (empty: no plan).
    pub fn of(&self, code: &str) -> Vec<&Milestone> {
        self.milestones.iter().filter(|m| m.ally == code).collect()
    }

    /// Every milestone must lie on a path that starts in `baseline_year`.
    pub fn check_from(&self, baseline_year: i32, scenario: &str) -> Result<()> {
        match self.milestones.iter().find(|m| m.year < baseline_year) {
            Some(m) => Err(Error::data(
                format!("{}: column year", m.place),
                format!(
                    "{} {} comes before the baseline year {baseline_year} of scenario {scenario}; set the plans against a scenario with an earlier baseline",
                    m.ally, m.year
                ),
            )),
            None => Ok(()),
        }
    }
}

/// The columns of a plans table, in order (the source's and the dataset's).
pub const COLUMNS: &[&str] = &[
    "ally",
    "year",
    "share_pct_gdp",
    "basis",
    "kind",
    "announced",
    "trust",
    "source",
    "note",
];

/// Reads a plans table strictly (the compiled source file, or the dataset):
/// every problem names file, line and column.
pub fn parse_table(file: &SourceFile, allies: &[Ally]) -> Result<Vec<Milestone>> {
    let mut milestones: Vec<Milestone> = Vec::new();
    let mut seen: BTreeMap<(String, i32), usize> = BTreeMap::new();
    read_records(file, COLUMNS, |record| {
        let line = record.line;
        let place = |column: &str| record.place(column);
        let field = |column: &str| record.field(column);
        let ally = field("ally");
        if !allies.iter().any(|a| a.nato_code == ally) {
            return Err(Error::data(
                place("ally"),
                format!("unknown ally code '{ally}' (not in allies.csv)"),
            ));
        }
        let year: i32 = field("year")
            .parse()
            .ok()
            .filter(|y| (1949..=2100).contains(y))
            .ok_or_else(|| {
                Error::data(place("year"), format!("'{}' is not a year", field("year")))
            })?;
        let share = parse_number(field("share_pct_gdp"))
            .map_err(|p| Error::data(place("share_pct_gdp"), p))?
            .ok_or_else(|| Error::data(place("share_pct_gdp"), "a milestone needs a share"))?;
        if share <= 0.0 || share >= 100.0 {
            return Err(Error::data(
                place("share_pct_gdp"),
                format!("{share} is not a share of GDP: it must be above 0 and below 100"),
            ));
        }
        let basis = PlanBasis::from_key(field("basis")).ok_or_else(|| {
            Error::data(
                place("basis"),
                format!(
                    "'{}' is not a basis; expected {}",
                    field("basis"),
                    PlanBasis::ALL.map(|b| b.key()).join(", ")
                ),
            )
        })?;
        let announced =
            NaiveDate::parse_from_str(field("announced"), "%Y-%m-%d").map_err(|_| {
                Error::data(
                    place("announced"),
                    format!("'{}' is not a date (YYYY-MM-DD)", field("announced")),
                )
            })?;
        let trust = Trust::from_key(field("trust")).ok_or_else(|| {
            Error::data(
                place("trust"),
                format!("'{}' is not high, medium or low", field("trust")),
            )
        })?;
        if field("source").is_empty() {
            return Err(Error::data(
                place("source"),
                "every milestone needs its source",
            ));
        }
        if let Some(first) = seen.insert((ally.to_string(), year), line) {
            return Err(Error::data(
                place("year"),
                format!("{ally} has two milestones for {year} (first at line {first})"),
            ));
        }
        milestones.push(Milestone {
            ally: ally.to_string(),
            year,
            share,
            basis,
            kind: field("kind").to_string(),
            announced,
            trust,
            source: field("source").to_string(),
            note: field("note").to_string(),
            place: format!("{}:{line}", file.display),
        });
        Ok(())
    })?;
    milestones.sort_by(|a, b| a.ally.cmp(&b.ally).then(a.year.cmp(&b.year)));
    Ok(milestones)
}

/// Imports a compiled plans file (the layout of `national-plans-2025.csv`).
pub fn import(path: &Path, allies: &[Ally]) -> Result<Vec<Milestone>> {
    parse_table(&read_file(path)?, allies)
}

/// Writes milestones as the dataset's CSV, byte for byte what [`parse_table`] reads.
pub fn write_table(milestones: &[Milestone]) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    writer.write_record(COLUMNS).expect("in-memory CSV");
    for m in milestones {
        writer
            .write_record([
                m.ally.as_str(),
                &m.year.to_string(),
                &super::expenditure::format_number(Some(m.share)),
                m.basis.key(),
                &m.kind,
                &m.announced.to_string(),
                m.trust.key(),
                &m.source,
                &m.note,
            ])
            .expect("in-memory CSV");
    }
    String::from_utf8(writer.into_inner().expect("in-memory CSV")).expect("CSV of UTF-8 text")
}
