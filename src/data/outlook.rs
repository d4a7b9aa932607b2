//! Economic outlooks (`datasets/outlooks.toml` and `datasets/outlook/ID.csv`):
//! each ally's real GDP growth, GDP deflator, GDP in current USD, CPI
//! inflation and population by year, and which years are the publisher's
//! projections, series by series. The importer reads the IMF's World Economic
//! Outlook rows for the allies; the tidy table is one row per ally, series and
//! year.

use serde::Deserialize;

use super::allies::Ally;
use super::csv::{parse_flag, parse_number, parse_year_in, read_records};

use super::manifest::{published_entry, Entry, Family, Manifest, PublicationDate};
use super::source::SourceFile;
use crate::error::{Asked, Error, Result};

mod weo;
pub use weo::import_weo_text;

/// A series of an outlook: the IMF's subject code, the key in the tidy table,
/// what it measures. The order is the tidy table's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Series {
    RealGdpGrowth,
    GdpDeflator,
    GdpUsdCurrent,
    CpiInflation,
    Population,
    GdpNational,
    GovExpenditure,
    GovRevenue,
    GovNetLending,
    GovPrimaryNetLending,
    GovGrossDebt,
}

impl Series {
    pub const ALL: [Series; 11] = [
        Series::RealGdpGrowth,
        Series::GdpDeflator,
        Series::GdpUsdCurrent,
        Series::CpiInflation,
        Series::Population,
        Series::GdpNational,
        Series::GovExpenditure,
        Series::GovRevenue,
        Series::GovNetLending,
        Series::GovPrimaryNetLending,
        Series::GovGrossDebt,
    ];

    /// The series of an outlook whose manifest entry lists none (the April
    /// 2025 extract's five).
    pub const MACRO: [Series; 5] = [
        Series::RealGdpGrowth,
        Series::GdpDeflator,
        Series::GdpUsdCurrent,
        Series::CpiInflation,
        Series::Population,
    ];

    /// The key in the tidy table and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Series::RealGdpGrowth => "real_gdp_growth_pct",
            Series::GdpDeflator => "gdp_deflator",
            Series::GdpUsdCurrent => "gdp_usd_current_bn",
            Series::CpiInflation => "cpi_inflation_pct",
            Series::Population => "population_m",
            Series::GdpNational => "gdp_national_bn",
            Series::GovExpenditure => "gov_expenditure_pct_gdp",
            Series::GovRevenue => "gov_revenue_pct_gdp",
            Series::GovNetLending => "gov_net_lending_pct_gdp",
            Series::GovPrimaryNetLending => "gov_primary_net_lending_pct_gdp",
            Series::GovGrossDebt => "gov_gross_debt_pct_gdp",
        }
    }

    /// The IMF's WEO subject code.
    pub fn weo_code(self) -> &'static str {
        match self {
            Series::RealGdpGrowth => "NGDP_RPCH",
            Series::GdpDeflator => "NGDP_D",
            Series::GdpUsdCurrent => "NGDPD",
            Series::CpiInflation => "PCPIPCH",
            Series::Population => "LP",
            Series::GdpNational => "NGDP",
            Series::GovExpenditure => "GGX_NGDP",
            Series::GovRevenue => "GGR_NGDP",
            Series::GovNetLending => "GGXCNL_NGDP",
            Series::GovPrimaryNetLending => "GGXONLB_NGDP",
            Series::GovGrossDebt => "GGXWDG_NGDP",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Series::RealGdpGrowth => "Real GDP growth, % change (NGDP_RPCH)",
            Series::GdpDeflator => {
                "GDP deflator, index, the country's own base year = 100 (NGDP_D)"
            }
            Series::GdpUsdCurrent => "GDP, current prices, USD billion (NGDPD)",
            Series::CpiInflation => "Inflation, average consumer prices, % change (PCPIPCH)",
            Series::Population => "Population, million (LP)",
            Series::GdpNational => {
                "GDP, current prices, national currency, billion (NGDP): converts a plan stated in money into a share"
            }
            Series::GovExpenditure => "General government total expenditure, % of GDP (GGX_NGDP)",
            Series::GovRevenue => "General government revenue, % of GDP (GGR_NGDP)",
            Series::GovNetLending => {
                "General government net lending (+) / borrowing (-), % of GDP (GGXCNL_NGDP)"
            }
            Series::GovPrimaryNetLending => {
                "General government primary net lending (+) / borrowing (-), % of GDP (GGXONLB_NGDP)"
            }
            Series::GovGrossDebt => "General government gross debt, % of GDP (GGXWDG_NGDP)",
        }
    }

    /// The header shown in tables.
    pub fn header(self) -> &'static str {
        match self {
            Series::RealGdpGrowth => "Real GDP growth (%)",
            Series::GdpDeflator => "GDP deflator (index)",
            Series::GdpUsdCurrent => "GDP (USD bn, current)",
            Series::CpiInflation => "CPI inflation (%)",
            Series::Population => "Population (m)",
            Series::GdpNational => "GDP (bn, national currency)",
            Series::GovExpenditure => "Gov. expenditure (% GDP)",
            Series::GovRevenue => "Gov. revenue (% GDP)",
            Series::GovNetLending => "Gov. net lending (% GDP)",
            Series::GovPrimaryNetLending => "Gov. primary balance (% GDP)",
            Series::GovGrossDebt => "Gov. gross debt (% GDP)",
        }
    }

    /// A series of the general government's accounts (% of GDP).
    pub fn is_government(self) -> bool {
        matches!(
            self,
            Series::GovExpenditure
                | Series::GovRevenue
                | Series::GovNetLending
                | Series::GovPrimaryNetLending
                | Series::GovGrossDebt
        )
    }

    /// The values no economy reports: a level must be positive, a rate or
    /// ratio within these bounds (inclusive). Beyond them a figure is an
    /// error in the file, not an economy.
    pub fn bounds(self) -> (f64, f64, bool) {
        // (low, high, low excluded)
        match self {
            Series::RealGdpGrowth => (-50.0, 50.0, false),
            Series::CpiInflation => (-50.0, 1000.0, false),
            Series::GdpDeflator => (0.0, 1e6, true),
            Series::GdpUsdCurrent => (0.0, 1e6, true),
            Series::Population => (0.0, 2000.0, true),
            Series::GdpNational => (0.0, 1e9, true),
            Series::GovExpenditure | Series::GovRevenue => (0.0, 200.0, true),
            Series::GovNetLending | Series::GovPrimaryNetLending => (-100.0, 100.0, false),
            Series::GovGrossDebt => (0.0, 500.0, false),
        }
    }

    /// `value` is a figure this series can take, or the reason it is not.
    pub fn check(self, value: f64) -> std::result::Result<(), String> {
        let (low, high, open) = self.bounds();
        let below = if open { value <= low } else { value < low };
        if below || value > high {
            return Err(format!(
                "{} is outside the range of {} ({}{low} to {high})",
                super::csv::shown(value),
                self.description(),
                if open { "above " } else { "" }
            ));
        }
        Ok(())
    }

    pub fn from_key(key: &str) -> Option<Series> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// A series by its key or its IMF code, any case.
    pub fn find(name: &str) -> Option<Series> {
        let name = name.trim();
        Self::ALL
            .into_iter()
            .find(|s| s.key().eq_ignore_ascii_case(name) || s.weo_code().eq_ignore_ascii_case(name))
    }

    fn from_weo_code(code: &str) -> Option<Series> {
        Self::ALL.into_iter().find(|s| s.weo_code() == code)
    }
}

/// One value of an outlook.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlookRow {
    /// NATO code.
    pub ally: String,
    pub year: i32,
    pub series: Series,
    /// `None`: the publisher gives no figure (Montenegro's population 2014-2022).
    pub value: Option<f64>,
    /// The publisher's estimate or projection, not an outturn.
    pub projected: bool,
}

/// An outlook publication, from `outlooks.toml`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutlookInfo {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub published: PublicationDate,
    pub first_year: i32,
    pub last_year: i32,
    /// The IMF subject codes the outlook holds (default: the five of
    /// [`Series::MACRO`]).
    #[serde(default)]
    series: Vec<String>,
    pub source: String,
    pub citation: String,
    /// Its tidy table, relative to the datasets (default `outlook/ID.csv`;
    /// a release `defspend update` installed keeps it in its own folder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file: Option<String>,
}

impl OutlookInfo {
    /// An outlook described from its publisher's answer, its table in `file`.
    #[allow(clippy::too_many_arguments)]
    pub fn described(
        id: String,
        title: String,
        published: PublicationDate,
        years: (i32, i32),
        series: Vec<String>,
        source: String,
        citation: String,
        file: String,
    ) -> OutlookInfo {
        OutlookInfo {
            id,
            title,
            publisher: "International Monetary Fund".to_string(),
            published,
            first_year: years.0,
            last_year: years.1,
            series,
            source,
            citation,
            file: Some(file),
        }
    }

    /// Its tidy table, relative to the datasets.
    pub fn table_file(&self) -> String {
        self.file
            .clone()
            .unwrap_or_else(|| format!("outlook/{}.csv", self.id))
    }

    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.first_year..=self.last_year
    }

    /// The series the outlook holds, in the tidy table's order (checked when
    /// the manifest is parsed).
    pub fn series(&self) -> Vec<Series> {
        if self.series.is_empty() {
            return Series::MACRO.to_vec();
        }
        let mut list: Vec<Series> = self
            .series
            .iter()
            .filter_map(|c| Series::from_weo_code(c))
            .collect();
        list.sort();
        list
    }

    pub fn has(&self, series: Series) -> bool {
        if self.series.is_empty() {
            return Series::MACRO.contains(&series);
        }
        self.series
            .iter()
            .any(|c| Series::from_weo_code(c) == Some(series))
    }

    /// The citation without "Source: " and the final full stop, to name the
    /// outlook inside a sentence.
    pub fn cited(&self) -> &str {
        self.citation
            .trim()
            .trim_start_matches("Source: ")
            .trim_end_matches('.')
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    outlook: Vec<OutlookInfo>,
}

/// Parses `outlooks.toml`; errors carry `file:line:column`.
pub fn parse_manifest(file: &SourceFile) -> Result<Manifest<OutlookInfo>> {
    let parsed: File = file.parse_toml()?;
    Manifest::new(file, "outlook", parsed.outlook)
}

impl Entry for OutlookInfo {
    const NOUN: &'static str = "outlook";
    const ASKED: Asked = Asked::Outlook;
    const FAMILY: Family = Family::Outlook;

    published_entry!();
    fn files(&self) -> Vec<String> {
        vec![self.table_file()]
    }
    /// Every series an IMF subject code, none twice.
    fn check(&self) -> std::result::Result<(), String> {
        if let Some(code) = self
            .series
            .iter()
            .find(|c| Series::from_weo_code(c).is_none())
        {
            return Err(format!(
                "series: unknown IMF subject code '{code}'; expected {}",
                Series::ALL.map(|s| s.weo_code()).join(", ")
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        match self.series.iter().find(|c| !seen.insert(c.as_str())) {
            Some(code) => Err(format!("series: '{code}' is listed twice")),
            None => Ok(()),
        }
    }
}

/// An outlook's values, checked: every ally of `allies` has every series for
/// every year of the outlook (a value may be absent, the row may not).
#[derive(Debug, Clone)]
pub struct Outlook {
    pub info: OutlookInfo,
    /// Sorted by ally, series, year.
    pub rows: Vec<OutlookRow>,
}

impl Outlook {
    pub fn value(&self, ally: &str, series: Series, year: i32) -> Option<f64> {
        self.row(ally, series, year).and_then(|r| r.value)
    }

    pub fn row(&self, ally: &str, series: Series, year: i32) -> Option<&OutlookRow> {
        self.rows
            .binary_search_by(|r| {
                r.ally
                    .as_str()
                    .cmp(ally)
                    .then(r.series.cmp(&series))
                    .then(r.year.cmp(&year))
            })
            .ok()
            .map(|i| &self.rows[i])
    }

    /// The first projected year of a series for an ally (the IMF's "estimates
    /// start after" year plus one), if any year is projected.
    pub fn first_projected(&self, ally: &str, series: Series) -> Option<i32> {
        self.rows
            .iter()
            .filter(|r| r.ally == ally && r.series == series && r.projected)
            .map(|r| r.year)
            .min()
    }
}

/// The columns of the tidy table, in order.
pub const COLUMNS: &[&str] = &["ally", "year", "series", "value", "projected"];

/// Writes rows as the tidy CSV, byte for byte what [`parse_table`] reads.
pub fn write_table(rows: &[OutlookRow]) -> String {
    let mut out = COLUMNS.join(",");
    out.push('\n');
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            r.ally,
            r.year,
            r.series.key(),
            super::expenditure::format_number(r.value),
            r.projected
        ));
    }
    out
}

/// Checks that every ally has every series for every year, once.
fn check_complete(
    rows: &mut [OutlookRow],
    info: &OutlookInfo,
    allies: &[Ally],
    display: &str,
    count: impl Fn(usize, Series) -> usize,
) -> Result<()> {
    // Sorted already, as written; sorted here otherwise.
    let order = |a: &OutlookRow, b: &OutlookRow| {
        a.ally
            .cmp(&b.ally)
            .then(a.series.cmp(&b.series))
            .then(a.year.cmp(&b.year))
    };
    if !rows.is_sorted_by(|a, b| order(a, b).is_le()) {
        rows.sort_by(order);
    }
    let listed = info.series();
    if let Some(r) = rows.iter().find(|r| !listed.contains(&r.series)) {
        return Err(Error::data(
            display,
            format!(
                "{} {} is not among the series of outlook {} in outlooks.toml ({})",
                r.ally,
                r.series.weo_code(),
                info.id,
                listed
                    .iter()
                    .map(|s| s.weo_code())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let years = (info.last_year - info.first_year + 1) as usize;
    for (index, ally) in allies.iter().enumerate() {
        for &series in &listed {
            let n = count(index, series);
            if n != years {
                return Err(Error::data(
                    display,
                    format!(
                        "{} ({}) has {n} of the {years} years {}-{} of {} ({})",
                        ally.name,
                        ally.nato_code,
                        info.first_year,
                        info.last_year,
                        series.key(),
                        series.weo_code()
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Reads the tidy table of an outlook strictly: every problem names file, line and column.
pub fn parse_table(file: &SourceFile, info: &OutlookInfo, allies: &[Ally]) -> Result<Outlook> {
    let mut rows = Vec::new();
    // The line of each ally, series and year read so far (0: none), by
    // position: a duplicate or a gap is found without a map.
    let years = (info.last_year - info.first_year + 1) as usize;
    let slot = |ally: usize, series: Series, year: i32| {
        (ally * Series::ALL.len() + series as usize) * years + (year - info.first_year) as usize
    };
    let mut seen = vec![0usize; allies.len() * Series::ALL.len() * years];
    read_records(file, COLUMNS, |record| {
        let line = record.line;
        let place = |column: &str| record.place(column);
        let field = |column: &str| record.field(column);
        let ally = field("ally");
        let Some(index) = allies.iter().position(|a| a.nato_code == ally) else {
            return Err(Error::data(
                place("ally"),
                format!("unknown ally code '{ally}' (not in allies.csv)"),
            ));
        };
        let year = parse_year_in(
            field("year"),
            || place("year"),
            info.years(),
            || format!("outlook {}", info.id),
        )?;
        let series = Series::from_key(field("series")).ok_or_else(|| {
            Error::data(
                place("series"),
                format!(
                    "unknown series '{}'; expected {}",
                    field("series"),
                    Series::ALL.map(|s| s.key()).join(", ")
                ),
            )
        })?;
        let value = parse_number(field("value")).map_err(|p| Error::data(place("value"), p))?;
        if let Some(v) = value {
            series
                .check(v)
                .map_err(|p| Error::data(place("value"), p))?;
        }
        let projected = parse_flag(field("projected"), || place("projected"))?;
        let first = std::mem::replace(&mut seen[slot(index, series, year)], line);
        if first != 0 {
            return Err(Error::data(
                place("ally"),
                format!(
                    "duplicate row for {ally} {} {year} (first at line {first})",
                    series.key()
                ),
            ));
        }
        rows.push(OutlookRow {
            ally: ally.to_string(),
            year,
            series,
            value,
            projected,
        });
        Ok(())
    })?;
    check_complete(&mut rows, info, allies, &file.display, |a, s| {
        info.years().filter(|y| seen[slot(a, s, *y)] != 0).count()
    })?;
    Ok(Outlook {
        info: info.clone(),
        rows,
    })
}
