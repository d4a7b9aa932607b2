//! National spending plans (`datasets/plans.toml` and `datasets/plans/ID.csv`):
//! each ally's announced milestones — a share of GDP by a year — with the basis
//! it is counted on, the kind of announcement, when it was made, how far the
//! source can be trusted, and the source itself. Announcements, not NATO
//! figures; an ally with no row has no plan.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::allies::Ally;
use super::csv::{parse_number, read_records};

use super::manifest::{Entry, Family, Manifest, PublicationDate};
use super::source::SourceFile;
use crate::error::{Asked, Error, Result};
use crate::param::Param;

mod diff;
pub use diff::{diff, Change, MilestoneChange};

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

/// Money announced for a year: billions of the ally's national currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub bn: f64,
    /// ISO 4217 code; the ally's (`currency` in allies.csv).
    pub currency: String,
}

/// One announced milestone, as the plans table writes it: a share of GDP, an
/// amount of money, or both.
#[derive(Debug, Clone, PartialEq)]
pub struct Announcement {
    /// NATO code.
    pub ally: String,
    pub year: i32,
    /// % of GDP, as announced (`None`: only money was announced).
    pub stated: Option<f64>,
    pub amount: Option<Amount>,
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

/// A stated share and the converted amount differ by more than this many
/// points: the milestone is flagged (METHOD: show both).
pub const CONVERSION_TOLERANCE: f64 = 0.3;

/// A milestone ready for a path: the share it puts on the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub row: Announcement,
    /// % of GDP on the plan's path: the stated share, else the amount
    /// converted with the outlook's GDP in national currency.
    pub share: f64,
    /// The amount over the outlook's GDP in national currency, % (where an
    /// amount was announced and the outlook has that year's `NGDP`).
    pub converted: Option<f64>,
}

impl std::ops::Deref for Milestone {
    type Target = Announcement;
    fn deref(&self) -> &Announcement {
        &self.row
    }
}

impl Milestone {
    /// The share came from money, not from a stated share.
    pub fn is_converted(&self) -> bool {
        self.row.stated.is_none()
    }

    /// Stated and converted shares both known and further apart than
    /// [`CONVERSION_TOLERANCE`].
    pub fn conversion_differs(&self) -> bool {
        matches!((self.row.stated, self.converted), (Some(s), Some(c)) if (s - c).abs() > CONVERSION_TOLERANCE)
    }

    /// "3.5% 2029 core", "EUR 64 bn 2027 (= 2.05%)", "3.5% 2029 (EUR 152 bn = 2.97%)".
    pub fn describe(&self) -> String {
        use crate::units::pct;
        let core = if self.basis == PlanBasis::Core {
            " core"
        } else {
            ""
        };
        let money = |a: &Amount| {
            let converted = self
                .converted
                .map_or(String::new(), |c| format!(" = {c:.2}%"));
            format!("{} {} bn{converted}", a.currency, pct(a.bn))
        };
        match (self.stated, &self.amount) {
            (Some(s), None) => format!("{}% {}{core}", pct(s), self.year),
            (Some(s), Some(a)) => format!("{}% {}{core} ({})", pct(s), self.year, money(a)),
            (None, Some(a)) => format!(
                "{} {} bn {}{core} ({})",
                a.currency,
                pct(a.bn),
                self.year,
                self.converted
                    .map_or(String::new(), |c| format!("= {c:.2}%"))
            ),
            (None, None) => self.year.to_string(),
        }
    }
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
    /// The short name of the vintage (`2025`, `2026-11`), accepted wherever
    /// the id is.
    pub vintage: String,
}

impl PlansInfo {
    /// The vintage is this id or short name.
    pub fn is(&self, name: &str) -> bool {
        let name = name.trim();
        self.id == name || self.vintage == name
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    plans: Vec<PlansInfo>,
}

pub fn parse_manifest(file: &SourceFile) -> Result<Manifest<PlansInfo>> {
    let parsed: File = file.parse_toml()?;
    Manifest::new(file, "plans", parsed.plans)
}

impl Entry for PlansInfo {
    const NOUN: &'static str = "plans vintage";
    const ASKED: Asked = Asked::PlansVintage;
    const FAMILY: Family = Family::Plans;

    fn id(&self) -> &str {
        &self.id
    }
    /// The id or the short name of the vintage.
    fn is(&self, name: &str) -> bool {
        PlansInfo::is(self, name)
    }
    fn listed(&self) -> String {
        format!("{} ({})", self.vintage, self.id)
    }
    fn names(&self) -> Vec<&str> {
        vec![&self.id, &self.vintage]
    }
    fn published(&self) -> PublicationDate {
        self.compiled
    }
    fn years(&self) -> Option<(i32, i32)> {
        None
    }
    fn title(&self) -> String {
        self.title.clone()
    }
    fn source(&self) -> &str {
        &self.description
    }
    fn citation(&self) -> &str {
        &self.citation
    }
    fn files(&self) -> Vec<String> {
        vec![format!("plans/{}.csv", self.id)]
    }
}

/// A compilation's milestones, by ally and year, each with the share it puts
/// on the plan's path.
#[derive(Debug, Clone)]
pub struct Plans {
    pub info: PlansInfo,
    pub milestones: Vec<Milestone>,
    /// The outlook whose GDP in national currency converted amounts into
    /// shares (id and citation), when any milestone was announced in money.
    pub converted_with: Option<(String, String)>,
}

impl Plans {
    /// The milestones of a compilation, amounts converted into shares with
    /// `outlook`'s GDP in national currency (`NGDP`). A milestone announced
    /// only in money needs that year's `NGDP`; one with a share as well keeps
    /// its share and shows the conversion beside it where the outlook allows.
    pub fn new(
        info: PlansInfo,
        rows: Vec<Announcement>,
        outlook: &super::outlook::Outlook,
    ) -> Result<Plans> {
        use super::outlook::Series;
        let mut milestones = Vec::with_capacity(rows.len());
        let mut any_amount = false;
        for row in rows {
            let converted = row.amount.as_ref().and_then(|a| {
                outlook
                    .value(&row.ally, Series::GdpNational, row.year)
                    .filter(|gdp| *gdp > 0.0)
                    .map(|gdp| a.bn / gdp * 100.0)
            });
            any_amount |= row.amount.is_some();
            if let (Some(c), Some(a)) = (converted, &row.amount) {
                if c >= 100.0 {
                    return Err(Error::data(
                        format!("{}: column amount_bn", row.place),
                        format!(
                            "{} {} bn is {} of {}'s {} GDP in outlook {}: not an amount it can spend (a share of GDP must be below 100)",
                            a.currency,
                            a.bn,
                            super::csv::shown((c * 100.0).round() / 100.0) + "%",
                            row.ally,
                            row.year,
                            outlook.info.id
                        ),
                    ));
                }
            }
            let share = match (row.stated, converted) {
                (Some(s), _) => s,
                (None, Some(c)) => c,
                (None, None) => {
                    let a = row.amount.as_ref().expect("a row has a share or an amount");
                    let why = if outlook.info.has(Series::GdpNational) {
                        format!(
                            "outlook {} has no GDP in national currency (NGDP) for {} in {} (it covers {}-{})",
                            outlook.info.id, row.ally, row.year, outlook.info.first_year, outlook.info.last_year
                        )
                    } else {
                        format!(
                            "outlook {} has no GDP in national currency (NGDP) to convert it; use an outlook that has ({})",
                            outlook.info.id,
                            Param::Economy
                        )
                    };
                    return Err(Error::data(
                        format!("{}: column amount_bn", row.place),
                        format!(
                            "{} {} is announced as {} {} bn only: {why}",
                            row.ally, row.year, a.currency, a.bn
                        ),
                    ));
                }
            };
            milestones.push(Milestone {
                row,
                share,
                converted,
            });
        }
        Ok(Plans {
            info,
            milestones,
            converted_with: any_amount
                .then(|| (outlook.info.id.clone(), outlook.info.citation.clone())),
        })
    }

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
    "amount_bn",
    "currency",
    "basis",
    "kind",
    "announced",
    "trust",
    "source",
    "note",
];

/// The columns of a table of shares only (the mid-2025 compilation's layout).
const SHARE_COLUMNS: &[&str] = &[
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
/// every problem names file, line and column. A table without the money
/// columns (`amount_bn`, `currency`) has shares only.
pub fn parse_table(file: &SourceFile, allies: &[Ally]) -> Result<Vec<Announcement>> {
    let mut milestones: Vec<Announcement> = Vec::new();
    let mut seen: BTreeMap<(String, i32), usize> = BTreeMap::new();
    let header = file.text.lines().next().unwrap_or("");
    let columns = if header
        .split(',')
        .any(|c| c.trim() == "amount_bn" || c.trim() == "currency")
    {
        COLUMNS
    } else {
        SHARE_COLUMNS
    };
    read_records(file, columns, |record| {
        let line = record.line;
        let place = |column: &str| record.place(column);
        let field = |column: &str| record.field(column);
        let ally = field("ally");
        let Some(known) = allies.iter().find(|a| a.nato_code == ally) else {
            return Err(Error::data(
                place("ally"),
                format!("unknown ally code '{ally}' (not in allies.csv)"),
            ));
        };
        let year: i32 = field("year")
            .parse()
            .ok()
            .filter(|y| (1949..=2100).contains(y))
            .ok_or_else(|| {
                Error::data(place("year"), format!("'{}' is not a year", field("year")))
            })?;
        let stated = parse_number(field("share_pct_gdp"))
            .map_err(|p| Error::data(place("share_pct_gdp"), p))?;
        if let Some(share) = stated.filter(|s| *s <= 0.0 || *s >= 100.0) {
            return Err(Error::data(
                place("share_pct_gdp"),
                format!("{share} is not a share of GDP: it must be above 0 and below 100"),
            ));
        }
        let amount = parse_amount(&record, known)?;
        if stated.is_none() && amount.is_none() {
            return Err(Error::data(
                place("share_pct_gdp"),
                "a milestone needs a share of GDP or an amount (amount_bn and currency)",
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
        milestones.push(Announcement {
            ally: ally.to_string(),
            year,
            stated,
            amount,
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

/// The largest amount a milestone can announce, billions of national
/// currency: more than any ally's GDP in its own currency, by far.
pub const MAX_AMOUNT_BN: f64 = 1e6;

/// The money columns of a row: both empty, or an amount above zero in the
/// ally's own currency.
fn parse_amount(record: &super::csv::Record, ally: &Ally) -> Result<Option<Amount>> {
    let (bn, currency) = (record.field("amount_bn"), record.field("currency"));
    match (bn.is_empty(), currency.is_empty()) {
        (true, true) => return Ok(None),
        (false, true) => {
            return Err(Error::data(
                record.place("currency"),
                format!("an amount ({bn} bn) needs its currency"),
            ))
        }
        (true, false) => {
            return Err(Error::data(
                record.place("amount_bn"),
                format!("a currency ({currency}) needs an amount"),
            ))
        }
        (false, false) => {}
    }
    let value = parse_number(bn)
        .map_err(|p| Error::data(record.place("amount_bn"), p))?
        .unwrap_or_default();
    if value <= 0.0 || value > MAX_AMOUNT_BN {
        return Err(Error::data(
            record.place("amount_bn"),
            format!(
                "{bn} is not an amount: it must be above 0 and at most {MAX_AMOUNT_BN:e} bn (a thousand trillion)"
            ),
        ));
    }
    if currency != ally.currency {
        return Err(Error::data(
            record.place("currency"),
            format!(
                "'{currency}' is not the currency of {}'s national accounts ({} in allies.csv): the IMF's GDP to convert it is in {}",
                ally.name, ally.currency, ally.currency
            ),
        ));
    }
    Ok(Some(Amount {
        bn: value,
        currency: currency.to_string(),
    }))
}

/// Imports a compiled plans file from its text (the layout of
/// `national-plans-2026-11.csv`, or of `national-plans-2025.csv` without the
/// money columns): the dataset's checks and the importer's (at least one
/// milestone, none announced in the future).
pub fn import_text(file: &SourceFile, allies: &[Ally]) -> Result<Vec<Announcement>> {
    let milestones = parse_table(file, allies)?;
    if milestones.is_empty() {
        return Err(Error::data(
            format!("{}:2", file.display),
            "no milestones: the file has a header and nothing else",
        ));
    }
    // A milestone cannot have been announced after the day it is imported.
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let today = chrono::NaiveDate::default()
        .checked_add_days(chrono::Days::new(days))
        .unwrap_or(chrono::NaiveDate::MAX);
    if let Some(m) = milestones.iter().find(|m| m.announced > today) {
        return Err(Error::data(
            format!("{}: column announced", m.place),
            format!(
                "{} is in the future (today is {today}): an announcement has a date that has passed",
                m.announced
            ),
        ));
    }
    Ok(milestones)
}

/// Writes milestones as the dataset's CSV, byte for byte what [`parse_table`] reads.
pub fn write_table(milestones: &[Announcement]) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    writer.write_record(COLUMNS).expect("in-memory CSV");
    for m in milestones {
        writer
            .write_record([
                m.ally.as_str(),
                &m.year.to_string(),
                &super::expenditure::format_number(m.stated),
                &super::expenditure::format_number(m.amount.as_ref().map(|a| a.bn)),
                m.amount.as_ref().map_or("", |a| a.currency.as_str()),
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
