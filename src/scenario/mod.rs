//! Scenario files: a target share of GDP (one number, or core + related
//! components), a target year, the path shape from the baseline, economic
//! assumptions, per-ally overrides and the groups to report. Parsed with serde
//! (unknown keys rejected); every problem is reported as `file:line:column`.

mod reader;
use reader::Reader;

pub mod outcome;

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::calc::path::{Paths, Plan, YearlyGrowth};
use crate::calc::Calculator;
use crate::data::outlook::{Outlook, Series};
use crate::data::{Catalog, Group};
use crate::error::{Error, Result};
use crate::units::pct;

/// The last target year a scenario or an outlook may take.
pub const LAST_TARGET_YEAR: i32 = 2100;

/// Why `by` cannot be the target year asked of a scenario whose baseline
/// year is `baseline` (`--by`, of a run or of the outlook), if it cannot.
pub fn by_refused(by: i32, baseline: i64) -> Option<String> {
    if i64::from(by) <= baseline {
        Some(format!(
            "{by} must come after the scenario's baseline year {baseline}"
        ))
    } else if by > LAST_TARGET_YEAR {
        Some(format!(
            "{by} is beyond {LAST_TARGET_YEAR}, the last target year defspend takes"
        ))
    } else {
        None
    }
}

/// What messages and charts call a scenario given as text (a front's posted one).
pub const POSTED: &str = "posted scenario";

/// The scenario files shipped with defspend (compiled in): the family
/// `datasets/scenarios.toml` lists.
pub const SHIPPED: &[(&str, &str)] = crate::data::source::SCENARIOS;

pub use crate::calc::path::PathShape;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    name: String,
    description: String,
    edition: Spanned<String>,
    baseline_year: Spanned<i32>,
    target_year: Spanned<i32>,
    #[serde(default)]
    review_year: Option<Spanned<i32>>,
    #[serde(default)]
    target: Option<Spanned<f64>>,
    #[serde(default)]
    core: Option<Spanned<f64>>,
    #[serde(default)]
    related: Option<Spanned<f64>>,
    #[serde(default)]
    path: Option<PathShape>,
    #[serde(default)]
    real_gdp_growth: Option<Spanned<f64>>,
    /// An economic outlook (outlooks.toml) for each ally's GDP path.
    #[serde(default)]
    economy: Option<Spanned<String>>,
    #[serde(default)]
    inflation: Option<Spanned<f64>>,
    #[serde(default)]
    growth_threshold: Option<Spanned<f64>>,
    #[serde(default)]
    groups: Option<Spanned<Vec<GroupEntry>>>,
    #[serde(default)]
    allies: BTreeMap<Spanned<String>, AllyEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum GroupEntry {
    Named(String),
    List { name: String, allies: Vec<String> },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AllyEntry {
    #[serde(default)]
    target: Option<Spanned<f64>>,
    #[serde(default)]
    core: Option<Spanned<f64>>,
    #[serde(default)]
    path: Option<PathShape>,
    #[serde(default)]
    real_gdp_growth: Option<Spanned<f64>>,
    #[serde(default)]
    excluded: bool,
    #[serde(default)]
    note: Option<String>,
}

/// Defaults of the economic assumptions, in % a year.
pub const DEFAULT_REAL_GDP_GROWTH: f64 = 1.5;
pub const DEFAULT_INFLATION: f64 = 2.0;
pub const DEFAULT_GROWTH_THRESHOLD: f64 = 10.0;

/// One ally's plan within a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct AllyPlan {
    pub code: String,
    /// The share of GDP (as the edition measures it) to reach by the target year.
    pub target: f64,
    pub path: PathShape,
    /// Real GDP growth, % a year (when `yearly` is `None`).
    pub real_gdp_growth: f64,
    /// Growth year by year from the scenario's economic outlook.
    pub yearly: Option<YearlyGrowth>,
    pub note: Option<String>,
}

/// The economic outlook a scenario takes each ally's GDP path from.
#[derive(Debug, Clone, PartialEq)]
pub struct EconomyUse {
    pub id: String,
    pub title: String,
    pub citation: String,
    /// The outlook's last year: after it, each ally's last real growth holds
    /// and the scenario's USD inflation applies.
    pub last_year: i32,
}

/// A checked scenario, ready to run.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    pub source: String,
    pub edition: String,
    pub baseline_year: i32,
    pub target_year: i32,
    pub review_year: Option<i32>,
    /// The target the edition's figures are measured against (the single
    /// target, or the core component).
    pub measured_target: f64,
    /// The related component (Hague 1.5%), which NATO's tables do not measure.
    pub related: Option<f64>,
    pub path: PathShape,
    pub real_gdp_growth: f64,
    /// The outlook behind GDP paths, when the file names one (`economy`).
    pub economy: Option<EconomyUse>,
    /// Deflator assumption (USD prices), % a year, for current-dollar paths.
    pub inflation: f64,
    /// Real growth a year above which an ally's path is flagged, %.
    pub growth_threshold: f64,
    pub groups: Vec<Group>,
    /// Allies in the scenario (members in the baseline year with armed forces, not excluded).
    pub allies: Vec<AllyPlan>,
    /// Allies left out by the scenario file.
    pub excluded: Vec<String>,
}

impl Scenario {
    /// The plan the path calculator takes: each ally's target, path shape and growth.
    pub fn plan(&self) -> Vec<Plan> {
        self.allies
            .iter()
            .map(|a| Plan {
                code: a.code.clone(),
                target: a.target,
                path: a.path,
                real_gdp_growth: a.real_gdp_growth,
                yearly: a.yearly.clone(),
            })
            .collect()
    }

    /// The scenario's edition loaded and every ally's path computed on it.
    pub fn run(&self, catalog: &Catalog) -> Result<(crate::data::EditionData, Paths)> {
        let data = catalog.load_edition(Some(&self.edition))?;
        let paths = self.paths(&Calculator::for_edition(&data, &catalog.allies)?)?;
        Ok((data, paths))
    }

    /// Every ally's year-by-year path (see [`crate::calc::path`]).
    pub fn paths(&self, calc: &Calculator) -> Result<Paths> {
        calc.paths(
            &self.plan(),
            self.baseline_year,
            self.target_year,
            self.inflation,
        )
    }

    /// "3.5% core + 1.5% related = 5% of GDP" or "3% of GDP".
    pub fn describe_target(&self) -> String {
        match self.related {
            Some(r) => format!(
                "{}% core + {}% related = {}% of GDP",
                pct(self.measured_target),
                pct(r),
                pct(self.headline())
            ),
            None => format!("{}% of GDP", pct(self.measured_target)),
        }
    }

    /// The economic assumptions in words: the outlook, or one real rate.
    pub fn describe_economy(&self) -> String {
        match &self.economy {
            Some(e) => format!(
                "real GDP growth and GDP in USD from the {}, year by year to {}, then each ally's {} real growth and USD inflation {}% a year",
                e.title,
                e.last_year,
                e.last_year,
                pct(self.inflation)
            ),
            None => format!(
                "real GDP growth {}% a year, USD inflation {}% a year",
                pct(self.real_gdp_growth),
                pct(self.inflation)
            ),
        }
    }

    /// The headline target: the single target, or core + related.
    pub fn headline(&self) -> f64 {
        self.measured_target + self.related.unwrap_or(0.0)
    }
}

/// Reads a scenario by path, or by the name of a shipped one.
pub fn read(reference: &str) -> Result<(String, String)> {
    if let Some((name, text)) = SHIPPED.iter().find(|(n, _)| *n == reference) {
        return Ok((format!("scenarios/{name}.toml"), (*text).to_string()));
    }
    let path = std::path::Path::new(reference);
    // A name that is neither shipped nor a file is an unknown scenario (a
    // request, exit 2, with what exists), not a file that cannot be read.
    let looks_like_a_name = !reference.contains(['/', '\\']) && !reference.ends_with(".toml");
    if looks_like_a_name && !path.exists() {
        let mut available: Vec<String> = SHIPPED.iter().map(|(n, _)| n.to_string()).collect();
        available.push("or a scenario file (.toml)".into());
        return Err(Error::unknown(
            crate::error::Asked::Scenario,
            "scenario",
            reference,
            available,
        ));
    }
    let file = crate::data::source::read_file(path)?;
    Ok((reference.to_string(), file.text))
}

/// Reads and checks a scenario given by path or shipped name.
pub fn load(reference: &str, catalog: &Catalog) -> Result<Scenario> {
    load_on(reference, catalog, None)
}

/// [`load`], with `economy` (an outlook id) in place of the outlook the file
/// names; a scenario with one flat growth rate keeps it.
pub fn load_on(reference: &str, catalog: &Catalog, economy: Option<&str>) -> Result<Scenario> {
    let (display, text) = read(reference)?;
    parse_on(&display, &text, catalog, economy)
}

/// Parses and checks a scenario against the catalog.
pub fn parse(display: &str, text: &str, catalog: &Catalog) -> Result<Scenario> {
    parse_on(display, text, catalog, None)
}

/// [`parse`], with `economy` in place of the outlook the file names.
pub fn parse_on(
    display: &str,
    text: &str,
    catalog: &Catalog,
    economy: Option<&str>,
) -> Result<Scenario> {
    let r = Reader {
        display,
        text,
        catalog,
    };
    let file: File = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        match e.span() {
            Some(span) => r.at(span, message),
            None => Error::data(display, message),
        }
    })?;
    let edition = r.edition(&file)?;
    let (baseline, target_year, review_year) = r.years(&file, edition)?;
    let (measured_target, related) = r.targets(&file)?;
    let real_gdp_growth = r.rate(
        &file.real_gdp_growth,
        "real_gdp_growth",
        DEFAULT_REAL_GDP_GROWTH,
        (-50.0, 100.0),
    )?;
    let inflation = r.rate(
        &file.inflation,
        "inflation",
        DEFAULT_INFLATION,
        (-50.0, 100.0),
    )?;
    let growth_threshold = r.rate(
        &file.growth_threshold,
        "growth_threshold",
        DEFAULT_GROWTH_THRESHOLD,
        (0.0, 1000.0),
    )?;
    let path = file.path.unwrap_or(PathShape::Linear);
    let overrides = r.overrides(&file, baseline)?;

    let mut plans = Vec::new();
    let mut excluded = Vec::new();
    for ally in &catalog.allies {
        if !ally.has_armed_forces || !ally.is_member_in(baseline) {
            continue;
        }
        let entry = overrides.get(&ally.nato_code);
        if entry.is_some_and(|e| e.excluded) {
            excluded.push(ally.nato_code.clone());
            continue;
        }
        let target = entry
            .and_then(|e| e.core.as_ref().or(e.target.as_ref()))
            .map_or(measured_target, |v| *v.get_ref());
        plans.push(AllyPlan {
            code: ally.nato_code.clone(),
            target,
            path: entry.and_then(|e| e.path).unwrap_or(path),
            real_gdp_growth: entry
                .and_then(|e| e.real_gdp_growth.as_ref())
                .map_or(real_gdp_growth, |v| *v.get_ref()),
            yearly: None,
            note: entry.and_then(|e| e.note.clone()),
        });
    }
    let groups = r.groups(&file)?;
    // The outlook, for every ally whose growth the file does not set itself.
    let economy = match &file.economy {
        None => None,
        Some(id) => Some(r.economy(
            id,
            economy,
            &mut plans,
            &overrides,
            (baseline, target_year),
            inflation,
        )?),
    };

    Ok(Scenario {
        name: file.name,
        description: file.description,
        source: display.to_string(),
        edition: edition.id.clone(),
        baseline_year: baseline,
        target_year,
        review_year,
        measured_target,
        related,
        path,
        real_gdp_growth,
        economy,
        inflation,
        growth_threshold,
        groups,
        allies: plans,
        excluded,
    })
}

/// An ally's growth in each year after the baseline from an outlook: real GDP
/// growth, and the growth of GDP in current USD; after the outlook's last year,
/// its last real growth holds and USD prices rise by `inflation` (%).
pub fn yearly_growth(
    outlook: &Outlook,
    code: &str,
    baseline: i32,
    target_year: i32,
    inflation: f64,
) -> std::result::Result<YearlyGrowth, String> {
    let info = &outlook.info;
    if baseline < info.first_year || baseline > info.last_year {
        return Err(format!(
            "economy {}: baseline_year {baseline} is outside the outlook's {}-{}",
            info.id, info.first_year, info.last_year
        ));
    }
    let value = |series: Series, year: i32| {
        outlook.value(code, series, year).ok_or_else(|| {
            format!(
                "economy {} has no {} for {code} in {year}",
                info.id,
                series.key()
            )
        })
    };
    let last = info.last_year;
    let (mut real, mut usd) = (Vec::new(), Vec::new());
    for year in baseline + 1..=target_year {
        if year <= last {
            real.push(value(Series::RealGdpGrowth, year)?);
            let (now, before) = (
                value(Series::GdpUsdCurrent, year)?,
                value(Series::GdpUsdCurrent, year - 1)?,
            );
            usd.push((now / before - 1.0) * 100.0);
        } else {
            let g = value(Series::RealGdpGrowth, last)?;
            real.push(g);
            usd.push(((1.0 + g / 100.0) * (1.0 + inflation / 100.0) - 1.0) * 100.0);
        }
    }
    Ok(YearlyGrowth {
        real_pct: real,
        usd_pct: usd,
    })
}
