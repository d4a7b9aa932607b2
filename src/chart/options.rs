//! What a chart is asked to show, and its size (`cli` defines the flags that
//! set them; `report` and the tests build them directly).

use crate::param::Param;

/// What to draw: targets, allies, groups, scenario, title.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChartSpec {
    /// Targets, % of GDP, comma-separated (shares: 2,3; gaps: 2,3,3.5; trend: 2;
    /// --target is the same)
    pub targets: Vec<f64>,
    /// The year the target must be reached (odds, fan; default: the
    /// scenario's target year)
    pub by: Option<i32>,
    /// Allies to draw (trend, trajectory): names or codes, comma-separated
    pub allies: Vec<String>,
    /// Groups to draw (trend, trajectory): keys of datasets/groups.toml
    /// (europe-canada, eu, us, all, nordic-baltic, eastern-flank, big-four) or of --groups-file
    pub groups: Vec<String>,
    /// The earlier year (decompose; default: the edition's first), or the
    /// first year drawn (long-run: 1949; rivals: 1992)
    pub from: Option<i32>,
    /// Countries to draw (long-run, rivals, per-capita): allies, SIPRI's country
    /// names or ISO codes (Russia, China, Ukraine, USSR), comma-separated
    pub countries: Vec<String>,
    /// Draws of the Monte Carlo outlook (odds, fan; default 10000)
    pub draws: Option<u64>,
    /// Seed of the Monte Carlo outlook (odds, fan; default 2025)
    pub seed: Option<u64>,
    /// Spending process of the Monte Carlo outlook (odds, fan; default adjust)
    pub model: Option<crate::calc::montecarlo::Model>,
    /// What the map colours the allies by (map; default share)
    pub measure: Option<MapMeasure>,
    /// Scenario file or shipped name (trajectory; default hague-2035)
    pub scenario: Option<String>,
    /// A scenario's TOML itself, in place of a file (trajectory; for a front
    /// that takes no files: the web page's posted or changed scenario);
    /// `scenario` then names it in the chart's lines
    pub scenario_text: Option<String>,
    /// Economic outlook (trajectory, plans, odds, fan, per-capita; default:
    /// the scenario's, else the latest)
    pub economy: Option<String>,
    /// Backtest (calibration; default nato-2019): sipri-rolling, nato-2019, wales-2014, nato-one-year
    pub backtest: Option<String>,
    /// Vintage of the national plans (plans, odds, fan; default: the latest)
    pub plans_vintage: Option<String>,
    /// Price basis of money (rivals; default market): market, ppp
    pub prices: Option<crate::calc::ppp::Prices>,
    /// Replace the chart's title
    pub title: Option<String>,
    /// The edition and year as the request gives them, before the context
    /// resolves them (set by the library, never given as an option): a kind
    /// whose year is one of its scenario's path (fiscal), or whose edition is
    /// its outlook's origin (odds, fan), reads them here
    #[serde(skip)]
    pub at: At,
}

/// The edition and year a chart request gives, as given.
#[derive(Debug, Clone, Default)]
pub struct At {
    pub edition: Option<String>,
    pub year: Option<i32>,
}

/// An option of [`ChartSpec`] that some kinds use and others do not (the
/// title every kind takes). A kind lists the ones it reads
/// ([`super::kinds::Kind::options`]); `chart` refuses the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartOption {
    Targets,
    By,
    Allies,
    Groups,
    From,
    Countries,
    Draws,
    Seed,
    Model,
    Scenario,
    Economy,
    Backtest,
    PlansVintage,
    Measure,
    Prices,
}

/// An option a chart kind takes, and what it draws when the option is not
/// given: each kind declares its own ([`super::kinds::Kind::options`]),
/// which `chart KIND --help` shows and `chart` checks against.
#[derive(Debug, Clone, Copy)]
pub struct Takes {
    pub option: ChartOption,
    pub unset: Unset,
}

/// What a kind draws when an option is not given: a value the option could
/// be given (a test draws the kind both ways and finds the same), or a rule
/// that depends on the data.
#[derive(Debug, Clone, Copy)]
pub enum Unset {
    Targets(&'static [f64]),
    Year(i32),
    Count(u64),
    Name(&'static str),
    Names(&'static [&'static str]),
    Rule(&'static str),
}

impl Takes {
    pub const fn value(option: ChartOption, unset: Unset) -> Self {
        Takes { option, unset }
    }

    /// An option whose absence draws what `rule` says.
    pub const fn rule(option: ChartOption, rule: &'static str) -> Self {
        Takes {
            option,
            unset: Unset::Rule(rule),
        }
    }
}

impl std::fmt::Display for Unset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unset::Targets(t) => {
                let t: Vec<String> = t.iter().map(|v| v.to_string()).collect();
                write!(f, "{}", t.join(","))
            }
            Unset::Year(y) => write!(f, "{y}"),
            Unset::Count(n) => write!(f, "{n}"),
            Unset::Names(n) => write!(f, "{}", n.join(",")),
            Unset::Name(n) | Unset::Rule(n) => write!(f, "{n}"),
        }
    }
}

impl Unset {
    /// The value as the option would be given, `None` for a rule.
    pub fn given(&self) -> Option<String> {
        match self {
            Unset::Rule(_) => None,
            other => Some(other.to_string()),
        }
    }
}

/// What `chart map` colours the allies by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MapMeasure {
    /// Share of GDP in the year.
    #[default]
    Share,
    /// Points of GDP below the target.
    Gap,
    /// The scenario's extra spending by its target year, % of government revenue.
    Fiscal,
    /// Points by which a national plan falls short of the scenario's path.
    Plans,
    /// The chance of reaching the target by the target year.
    Odds,
}

impl ChartOption {
    /// Every option, in the order `chart --help` lists them.
    pub const ALL: [ChartOption; 15] = [
        ChartOption::Targets,
        ChartOption::By,
        ChartOption::Allies,
        ChartOption::Groups,
        ChartOption::From,
        ChartOption::Countries,
        ChartOption::Draws,
        ChartOption::Seed,
        ChartOption::Model,
        ChartOption::Scenario,
        ChartOption::Economy,
        ChartOption::Backtest,
        ChartOption::PlansVintage,
        ChartOption::Measure,
        ChartOption::Prices,
    ];

    /// The parameter that sets it.
    pub fn param(self) -> Param {
        match self {
            ChartOption::Targets => Param::Targets,
            ChartOption::By => Param::By,
            ChartOption::Allies => Param::Allies,
            ChartOption::Groups => Param::Groups,
            ChartOption::From => Param::From,
            ChartOption::Countries => Param::Countries,
            ChartOption::Draws => Param::Draws,
            ChartOption::Seed => Param::Seed,
            ChartOption::Model => Param::Model,
            ChartOption::Scenario => Param::Scenario,
            ChartOption::Economy => Param::Economy,
            ChartOption::Backtest => Param::Backtest,
            ChartOption::PlansVintage => Param::PlansVintage,
            ChartOption::Measure => Param::Measure,
            ChartOption::Prices => Param::Prices,
        }
    }
}

impl ChartSpec {
    /// The options given, in the order of [`ChartOption`].
    pub fn given(&self) -> Vec<ChartOption> {
        let set = [
            (ChartOption::Targets, !self.targets.is_empty()),
            (ChartOption::By, self.by.is_some()),
            (ChartOption::Allies, !self.allies.is_empty()),
            (ChartOption::Groups, !self.groups.is_empty()),
            (ChartOption::From, self.from.is_some()),
            (ChartOption::Countries, !self.countries.is_empty()),
            (ChartOption::Draws, self.draws.is_some()),
            (ChartOption::Seed, self.seed.is_some()),
            (ChartOption::Model, self.model.is_some()),
            (
                ChartOption::Scenario,
                self.scenario.is_some() || self.scenario_text.is_some(),
            ),
            (ChartOption::Economy, self.economy.is_some()),
            (ChartOption::Backtest, self.backtest.is_some()),
            (ChartOption::PlansVintage, self.plans_vintage.is_some()),
            (ChartOption::Measure, self.measure.is_some()),
            (ChartOption::Prices, self.prices.is_some()),
        ];
        set.into_iter()
            .filter(|(_, s)| *s)
            .map(|(o, _)| o)
            .collect()
    }
}

/// A chart's size in pixels.
#[derive(Debug, Clone, Copy)]
pub struct ChartSize {
    /// Width in pixels, before `scale`
    pub width: u32,
    /// Height in pixels, before --scale
    pub height: u32,
    /// Multiply the size (2 for print)
    pub scale: u32,
}

impl Default for ChartSize {
    fn default() -> Self {
        ChartSize {
            width: super::DEFAULT_WIDTH,
            height: super::DEFAULT_HEIGHT,
            scale: 1,
        }
    }
}

impl ChartSize {
    /// The size of the image in pixels, scale applied.
    pub fn pixels(&self) -> (u32, u32) {
        (self.width * self.scale, self.height * self.scale)
    }
}
