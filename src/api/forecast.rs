//! The questions about the years ahead: a scenario's paths, national plans
//! against them, the odds of reaching a target, and what a path costs each
//! treasury.

use serde::Deserialize;

use super::{asked_by, check_target, groups, Changes};
use crate::calc::fiscal::{by_group, DEFAULT_FISCAL_SCENARIO};
use crate::calc::montecarlo::{Model, Params};
use crate::calc::targets::DEFAULT_SCENARIO;
use crate::data::Catalog;
use crate::error::{Asked, Error, Result};
use crate::export::Report;
use crate::forecast::odds::{self, Anchor, DEFAULT_SHRINK};
use crate::forecast::{against, fiscal as treasury};
use crate::param::Param;
use crate::scenario as scenarios;
use crate::view;

/// A scenario run: each ally's path to its target.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScenarioRequest {
    /// A shipped scenario's name or a scenario file's path.
    pub scenario: String,
    /// Default: the scenario's (% a year).
    pub growth_threshold: Option<f64>,
    /// Also these allies year by year (names or codes).
    pub allies: Vec<String>,
    /// Replaces the outlook the scenario names.
    pub economy: Option<String>,
    /// A scenario's TOML itself, in place of `scenario` (for a front that
    /// takes no files: the web page's posted scenario).
    pub text: Option<String>,
    /// Replaces the scenario's target (its core target where it has core +
    /// related), % of GDP.
    pub target: Option<f64>,
    /// Replaces the year the target must be reached.
    pub by: Option<i32>,
    /// Replaces the scenario's path shape: linear, constant-growth, immediate.
    pub path: Option<String>,
    /// Allies' own targets, `ALLY=PCT`, in place of what the scenario gives them.
    pub ally_target: Vec<String>,
}

impl Default for ScenarioRequest {
    fn default() -> Self {
        ScenarioRequest {
            scenario: DEFAULT_SCENARIO.into(),
            growth_threshold: None,
            allies: Vec::new(),
            economy: None,
            text: None,
            target: None,
            by: None,
            path: None,
            ally_target: Vec::new(),
        }
    }
}

/// What a scenario's messages call a posted scenario.
pub const POSTED_SCENARIO: &str = scenarios::POSTED;

impl ScenarioRequest {
    /// What the request changes in the scenario.
    pub fn changes(&self) -> Changes {
        Changes {
            target: self.target,
            by: self.by,
            path: self.path.clone(),
            ally_target: self.ally_target.clone(),
        }
    }

    /// The scenario's name in messages and its text, changed as asked (the
    /// scenario as given is read and checked first).
    pub fn text(&self, catalog: &Catalog) -> Result<(String, String)> {
        self.read(catalog).map(|(display, text, _)| (display, text))
    }

    /// [`ScenarioRequest::text`], and the scenario read from it.
    fn read(&self, catalog: &Catalog) -> Result<(String, String, scenarios::Scenario)> {
        let (display, text) = match &self.text {
            Some(text) => (POSTED_SCENARIO.to_string(), text.clone()),
            None => scenarios::read(&self.scenario)?,
        };
        let economy = self.economy.as_deref();
        let read = scenarios::parse_on(&display, &text, catalog, economy)?;
        let changes = self.changes();
        if changes.is_empty() {
            return Ok((display, text, read));
        }
        let changed = changes.apply(catalog, &display, &text)?;
        let display = format!("{display}, changed");
        // What the file cannot hold (an ally that was not yet a member) is
        // the change's fault: said of its parameter, not of a line no one wrote.
        match scenarios::parse_on(&display, &changed, catalog, economy) {
            Err(Error::Data { problem, .. }) => Err(Error::usage(changes.blamed(), problem)),
            Err(e) => Err(e),
            Ok(read) => Ok((display, changed, read)),
        }
    }
}

pub fn scenario(catalog: &Catalog, r: &ScenarioRequest) -> Result<Report> {
    let (_, _, mut s) = r.read(catalog)?;
    if let Some(t) = r.growth_threshold {
        if !t.is_finite() || t <= 0.0 {
            return Err(Error::usage(
                Param::GrowthThreshold,
                format!("{t} must be a positive number of % a year"),
            ));
        }
        s.growth_threshold = t;
    }
    let selected = catalog.ally_codes(&r.allies)?;
    let (data, paths) = s.run(catalog)?;
    let outcome = scenarios::outcome::Outcome::of(&s, &paths)?;
    view::scenario::report(catalog, &data, &s, &paths, &outcome, &selected)
}

/// National plans against a scenario's required path.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlansRequest {
    pub scenario: String,
    /// The plans' vintage (default: the latest).
    pub plans_vintage: Option<String>,
    pub allies: Vec<String>,
    pub economy: Option<String>,
}

impl Default for PlansRequest {
    fn default() -> Self {
        PlansRequest {
            scenario: DEFAULT_SCENARIO.into(),
            plans_vintage: None,
            allies: Vec::new(),
            economy: None,
        }
    }
}

pub fn plans(catalog: &Catalog, r: &PlansRequest) -> Result<Report> {
    let selected = catalog.ally_codes(&r.allies)?;
    let run = against::run(
        catalog,
        &r.scenario,
        r.plans_vintage.as_deref(),
        r.economy.as_deref(),
    )?;
    Ok(view::plans::report(
        catalog,
        &run.data,
        &run.scenario,
        &run.plans,
        &run.comparisons,
        &selected,
    ))
}

/// The record of plans and pledges against what the allies spent.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlansRecordRequest {
    pub edition: Option<String>,
}

pub fn plans_record(catalog: &Catalog, r: &PlansRecordRequest) -> Result<Report> {
    let run = against::record(catalog, r.edition.as_deref()).map_err(asked_by(Param::Edition))?;
    Ok(view::plans::record(catalog, &run))
}

/// The odds of reaching a target by a year.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OutlookRequest {
    /// Default: the scenario's core or single target.
    pub target: Option<f64>,
    /// Default: the scenario's target year.
    pub by: Option<i32>,
    pub scenario: String,
    /// Default: the scenario's.
    pub edition: Option<String>,
    /// The origin, the last year taken as known (default: the scenario's
    /// baseline year).
    pub from: Option<i32>,
    pub economy: Option<String>,
    pub plans_vintage: Option<String>,
    pub draws: u64,
    pub seed: u64,
    pub gdp_sd: f64,
    pub common: f64,
    pub spending_spread: f64,
    pub model: Model,
    pub sensitivity: bool,
    pub shrink: f64,
    pub anchor: Anchor,
    pub allies: Vec<String>,
    pub groups: Vec<String>,
}

/// The most draws one request may ask for.
pub const MAX_DRAWS: u64 = 100_000_000;

impl Default for OutlookRequest {
    fn default() -> Self {
        let p = Params::DEFAULT;
        OutlookRequest {
            target: None,
            by: None,
            scenario: DEFAULT_SCENARIO.into(),
            edition: None,
            from: None,
            economy: None,
            plans_vintage: None,
            draws: p.draws as u64,
            seed: p.seed,
            gdp_sd: p.gdp_sd,
            common: p.common,
            spending_spread: p.spending_spread,
            model: Model::Adjust,
            sensitivity: false,
            shrink: DEFAULT_SHRINK,
            anchor: Anchor::Plan,
            allies: Vec::new(),
            groups: Vec::new(),
        }
    }
}

/// A number of Monte Carlo draws: 1 to [`MAX_DRAWS`].
pub(super) fn check_draws(draws: u64) -> Result<()> {
    if !(1..=MAX_DRAWS).contains(&draws) {
        return Err(Error::usage(
            Param::Draws,
            format!("{draws} is not in 1..={MAX_DRAWS}"),
        ));
    }
    Ok(())
}

impl OutlookRequest {
    /// Each number within the range the model is defined on.
    pub(crate) fn check(&self) -> Result<()> {
        if let Some(t) = self.target {
            check_target(Param::Target, t)?;
        }
        check_draws(self.draws)?;
        for (param, v, max, what) in [
            (
                Param::GdpSd,
                self.gdp_sd,
                10.0,
                "points: a spread of growth is 0 to 10",
            ),
            (Param::Common, self.common, 1.0, "a weight is 0 to 1"),
            (
                Param::SpendingSpread,
                self.spending_spread,
                10.0,
                "a factor on the spreads is 0 to 10",
            ),
            (
                Param::Shrink,
                self.shrink,
                100.0,
                "a weight in years is 0 to 100",
            ),
        ] {
            if !v.is_finite() || !(0.0..=max).contains(&v) {
                return Err(Error::usage(param, format!("{v} is out of range: {what}")));
            }
        }
        Ok(())
    }
}

pub fn outlook(catalog: &Catalog, r: &OutlookRequest) -> Result<Report> {
    r.check()?;
    let settings = odds::Settings {
        scenario: r.scenario.clone(),
        target: r.target,
        by: r.by,
        economy: r.economy.clone(),
        plans: r.plans_vintage.clone(),
        edition: r.edition.clone(),
        from: r.from,
        params: Params {
            draws: r.draws as usize,
            seed: r.seed,
            gdp_sd: r.gdp_sd,
            common: r.common,
            spending_spread: r.spending_spread,
        },
        shrink: r.shrink,
        anchor: r.anchor,
        model: r.model,
        sensitivity: r.sensitivity,
        yearly: catalog.ally_codes(&r.allies)?,
        groups: groups(catalog, &r.groups)?.into_iter().cloned().collect(),
    };
    let run = odds::run(catalog, &settings)?;
    Ok(view::outlook::report(catalog, &run))
}

/// What a scenario's path costs each treasury.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FiscalRequest {
    /// A scenario with an economic outlook that has government accounts.
    pub scenario: String,
    pub economy: Option<String>,
    /// A year of the path (default: the target year).
    pub year: Option<i32>,
    pub allies: Vec<String>,
    /// Default: the scenario's groups.
    pub groups: Vec<String>,
}

impl Default for FiscalRequest {
    fn default() -> Self {
        FiscalRequest {
            scenario: DEFAULT_FISCAL_SCENARIO.into(),
            economy: None,
            year: None,
            allies: Vec::new(),
            groups: Vec::new(),
        }
    }
}

pub fn fiscal(catalog: &Catalog, r: &FiscalRequest) -> Result<Report> {
    let selected = catalog.ally_codes(&r.allies)?;
    let run = treasury::run(catalog, &r.scenario, r.economy.as_deref())?;
    let s = &run.scenario;
    let year = run.path_year(r.year)?;
    let groups = if r.groups.is_empty() {
        s.groups.iter().collect::<Vec<_>>()
    } else {
        catalog.groups_named(&r.groups)?
    };
    let group_years: Vec<_> = groups
        .iter()
        .map(|g| (*g, by_group(&run.years, g)))
        .collect();
    Ok(view::fiscal::report(&view::fiscal::Fiscal {
        catalog,
        scenario: s,
        edition: &run.data.edition,
        outlook: &run.outlook,
        year,
        allies: &run.years,
        groups: &group_years,
        eu: &run.eu,
        eu_citation: &run.eu_citation,
        selected: &selected,
    }))
}

/// What changed between two vintages of the national plans, against a
/// scenario's path.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlansChangesRequest {
    /// A shipped scenario's name or a scenario file's path.
    pub scenario: String,
    /// The earlier vintage (default: the one before the later).
    pub from_vintage: Option<String>,
    /// The later vintage (default: the latest).
    pub to_vintage: Option<String>,
    /// Replaces the outlook the scenario names.
    pub economy: Option<String>,
}

impl Default for PlansChangesRequest {
    fn default() -> Self {
        PlansChangesRequest {
            scenario: DEFAULT_SCENARIO.into(),
            from_vintage: None,
            to_vintage: None,
            economy: None,
        }
    }
}

pub fn plans_changes(catalog: &Catalog, r: &PlansChangesRequest) -> Result<Report> {
    let (from, to) = (r.from_vintage.as_deref(), r.to_vintage.as_deref());
    let run =
        against::changes(catalog, &r.scenario, from, to, r.economy.as_deref()).map_err(|e| {
            // A vintage's request names the parameter that asked for it.
            let param = match &e {
                Error::Request {
                    asked: Asked::From, ..
                } => Param::FromVintage,
                Error::Request {
                    asked: Asked::PlansVintage,
                    id,
                    ..
                } if from == Some(id.as_str()) => Param::FromVintage,
                Error::Request {
                    asked: Asked::PlansVintage,
                    ..
                } => Param::ToVintage,
                _ => return e,
            };
            e.from_param(param)
        })?;
    Ok(view::plans::changes(catalog, &run))
}

/// The shipped scenarios.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScenarioListRequest {}

pub fn scenario_list(catalog: &Catalog, _r: &ScenarioListRequest) -> Result<Report> {
    let shipped = scenarios::SHIPPED
        .iter()
        .map(|(id, text)| {
            scenarios::parse(&format!("scenarios/{id}.toml"), text, catalog)
                .map(|scenario| view::scenario::Shipped { id, scenario })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(view::scenario::list(&shipped))
}
