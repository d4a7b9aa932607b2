//! What a chart is asked to draw and its size, as the command line takes
//! them (`chart`, and the flags `report` shares).

use clap::{Args, ValueEnum};

use super::defaults;
use super::values::parse_target;

/// The chart kinds (one file each under chart/kinds; a test checks that the
/// two lists and their descriptions agree).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartKind {
    /// Allies ranked by share of GDP, with target lines
    Shares,
    /// Money gap per ally to one or more targets
    Gaps,
    /// Share of allied spending against share of allied GDP
    Burden,
    /// Share of GDP across the edition's years
    Trend,
    /// A scenario's paths to its target year
    Trajectory,
    /// Share of GDP against equipment share of spending (NATO's two guidelines)
    Equipment,
    /// Group `us` against group `europe-canada` (groups.toml), constant prices
    UsVsEurope,
    /// Why shares moved between --from and --year: spending effect against GDP effect
    Decompose,
    /// How far apart the European allies' shares of GDP are, year by year (--groups: the two groups set against each other)
    Dispersion,
    /// What the scenario's path adds to each ally's spending by its target year, as a share of government revenue (--scenario: one with an economic outlook)
    Fiscal,
    /// The allies on a map of Europe and North America, coloured by --measure (share of GDP by default)
    Map,
    /// Each ally's chance of reaching the target by the target year (Monte Carlo outlook)
    Odds,
    /// The Monte Carlo outlook's spread of shares year by year, for groups and --allies
    Fan,
    /// Each ally's announced plan against the share the scenario requires in its target year
    Plans,
    /// Share of GDP since 1949 (SIPRI) for --countries and --groups, the eras marked
    LongRun,
    /// Russia and China against groups `us` and `europe-canada`, Ukraine alongside (SIPRI): constant USD and share of GDP
    Rivals,
    /// Each ally's share of GDP in --edition against the edition before it (or after it), for --year (default: the latest both cover)
    Revisions,
    /// Defence spending per person by ally in --year, with the allied figure
    PerCapita,
    /// A backtest's PIT histogram and reliability diagram: the odds' model beside the best baseline (--backtest)
    Calibration,
}

impl ChartKind {
    /// The kind's name on the command line.
    pub fn id(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

/// What to draw: targets, allies, groups, scenario, title.
#[derive(Debug, Clone, Default, Args)]
pub struct DrawArgs {
    /// Targets, % of GDP, comma-separated (shares: 2,3; gaps: 2,3,3.5; trend: 2;
    /// --target is the same)
    #[arg(long, visible_alias = "target", value_delimiter = ',', value_parser = parse_target, allow_negative_numbers = true, value_name = "PCT,...")]
    pub targets: Vec<f64>,
    /// Allies to draw (trend, trajectory): names or codes, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "ALLY,...")]
    pub allies: Vec<String>,
    /// Groups to draw (trend, trajectory): keys of datasets/groups.toml
    /// (europe-canada, eu, us, all, nordic-baltic, eastern-flank, big-four) or of --groups-file
    #[arg(long, value_delimiter = ',', value_name = "GROUP,...")]
    pub groups: Vec<String>,
    /// The earlier year (decompose; default: the edition's first), or the
    /// first year drawn (long-run: 1949; rivals: 1992)
    #[arg(long, value_name = "YEAR")]
    pub from: Option<i32>,
    /// Countries to draw (long-run, rivals, per-capita): allies, SIPRI's country
    /// names or ISO codes (Russia, China, Ukraine, USSR), comma-separated
    #[arg(long, value_delimiter = ',', value_name = "NAME,...")]
    pub countries: Vec<String>,
    /// Draws of the Monte Carlo outlook (odds, fan; default 10000)
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub draws: Option<u64>,
    /// Seed of the Monte Carlo outlook (odds, fan; default 2025)
    #[arg(long)]
    pub seed: Option<u64>,
    /// Spending process of the Monte Carlo outlook (odds, fan; default adjust)
    #[arg(long, value_enum)]
    pub model: Option<super::Model>,
    /// What the map colours the allies by (map; default share)
    #[arg(long, value_enum)]
    pub measure: Option<super::MapMeasure>,
    /// Scenario file or shipped name (trajectory; default hague-2035)
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<String>,
    /// Economic outlook (trajectory, plans, odds, fan, per-capita; default:
    /// the scenario's, else the latest)
    #[arg(long, value_name = "ID")]
    pub economy: Option<String>,
    /// Backtest (calibration; default nato-2019): sipri-rolling, nato-2019, wales-2014, nato-one-year
    #[arg(long, value_name = "NAME")]
    pub backtest: Option<String>,
    /// Vintage of the national plans (plans, odds, fan; default: the latest)
    #[arg(long = "plans-vintage", value_name = "VINTAGE")]
    pub plans_vintage: Option<String>,
    /// Replace the chart's title
    #[arg(long)]
    pub title: Option<String>,
}

/// A chart's size in pixels.
#[derive(Debug, Clone, Copy, Args)]
pub struct SizeArgs {
    /// Width in pixels, before --scale
    #[arg(long, default_value_t = defaults::WIDTH, value_parser = clap::value_parser!(u32).range(400..=8000))]
    pub width: u32,
    /// Height in pixels, before --scale
    #[arg(long, default_value_t = defaults::HEIGHT, value_parser = clap::value_parser!(u32).range(300..=8000))]
    pub height: u32,
    /// Multiply the size (2 for print)
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=4))]
    pub scale: u32,
}

impl Default for SizeArgs {
    fn default() -> Self {
        SizeArgs {
            width: defaults::WIDTH,
            height: defaults::HEIGHT,
            scale: 1,
        }
    }
}
