//! What a chart is asked to draw and its size, as the command line takes
//! them (`chart`, and the flags `report` shares).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::defaults;
use super::values::parse_target;

/// The chart kinds and their descriptions, one subcommand each (one file
/// each under chart/kinds; a test checks that the two lists and their
/// descriptions agree). `chart KIND --help` lists the options KIND takes.
macro_rules! chart_kinds {
    ($($(#[doc = $doc:literal])* $variant:ident = $id:literal,)*) => {
        #[derive(Debug, Clone, Subcommand)]
        #[command(
            subcommand_value_name = "KIND",
            subcommand_help_heading = "Kinds",
            defer = true
        )]
        pub enum ChartKind {
            $($(#[doc = $doc])* #[command(name = $id)] $variant(KindArgs),)*
        }

        impl ChartKind {
            /// Every kind's name on the command line, in the order of `--help`.
            pub const IDS: &[&str] = &[$($id),*];

            /// The kind's name on the command line.
            pub fn id(&self) -> &'static str {
                match self {
                    $(Self::$variant(_) => $id,)*
                }
            }

            /// What the kind is asked to draw, where and how large.
            pub fn args(&self) -> &KindArgs {
                match self {
                    $(Self::$variant(a) => a,)*
                }
            }
        }
    };
}

chart_kinds! {
    /// Allies ranked by share of GDP, with target lines
    Shares = "shares",
    /// Money gap per ally to one or more targets
    Gaps = "gaps",
    /// Share of allied spending against share of allied GDP
    Burden = "burden",
    /// Share of GDP across the edition's years
    Trend = "trend",
    /// A scenario's paths to its target year
    Trajectory = "trajectory",
    /// Share of GDP against equipment share of spending (NATO's two guidelines)
    Equipment = "equipment",
    /// Group `us` against group `europe-canada` (groups.toml), constant prices
    UsVsEurope = "us-vs-europe",
    /// Why shares moved between --from and --year: spending effect against GDP effect
    Decompose = "decompose",
    /// How far apart the European allies' shares of GDP are, year by year (--groups: the two groups set against each other)
    Dispersion = "dispersion",
    /// What the scenario's path adds to each ally's spending by its target year, as a share of government revenue (--scenario: one with an economic outlook)
    Fiscal = "fiscal",
    /// The allies on a map of Europe and North America, coloured by --measure (share of GDP by default)
    Map = "map",
    /// Each ally's chance of reaching the target by the target year (Monte Carlo outlook)
    Odds = "odds",
    /// The Monte Carlo outlook's spread of shares year by year, for groups and --allies
    Fan = "fan",
    /// Each ally's announced plan against the share the scenario requires in its target year
    Plans = "plans",
    /// Share of GDP since 1949 (SIPRI) for --countries and --groups, the eras marked
    LongRun = "long-run",
    /// Russia and China against groups `us` and `europe-canada`, Ukraine alongside (SIPRI): constant USD and share of GDP; --prices ppp: Europe against them in --year at market rates, PPP and defence-weighted
    Rivals = "rivals",
    /// NATO's, SIPRI's and Eurostat's measures of defence for each ally in one year (% of GDP)
    Definitions = "definitions",
    /// Each ally's share of GDP in --edition against the edition before it (or after it), for --year (default: the latest both cover)
    Revisions = "revisions",
    /// Defence spending per person by ally in --year, with the allied figure
    PerCapita = "per-capita",
    /// A backtest's PIT histogram and reliability diagram: the odds' model beside the best baseline (--backtest)
    Calibration = "calibration",
}

// What every kind takes: the edition and year (refused by the kinds that
// do not draw from them), what to draw, the size and the file. Every kind parses
// every option; `chart KIND --help` shows the ones KIND takes, and `chart`
// refuses the others. (No doc comment: it would
// replace the kind's description in its help.) A kind's flags are defined
// only when it runs or its help is asked (`defer`).
#[derive(Debug, Clone, Args)]
pub struct KindArgs {
    #[command(flatten)]
    pub options: super::ChartOptions,
    /// FILE.png or FILE.svg
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
}

/// What to draw: targets, allies, groups, scenario, title.
#[derive(Debug, Clone, Default, Args)]
pub struct DrawArgs {
    /// Targets, % of GDP, comma-separated (--target is the same)
    #[arg(long, visible_alias = "target", value_delimiter = ',', value_parser = parse_target, allow_negative_numbers = true, value_name = "PCT,...")]
    pub targets: Vec<f64>,
    /// The year the target must be reached (the outlook's charts)
    #[arg(long, value_name = "YEAR")]
    pub by: Option<i32>,
    /// Allies to draw: names or codes, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "ALLY,...")]
    pub allies: Vec<String>,
    /// Groups to draw: keys of datasets/groups.toml
    /// (europe-canada, eu, us, all, nordic-baltic, eastern-flank, big-four) or of --groups-file
    #[arg(long, value_delimiter = ',', value_name = "GROUP,...")]
    pub groups: Vec<String>,
    /// The first year drawn, or the earlier of the two years compared
    #[arg(long, value_name = "YEAR")]
    pub from: Option<i32>,
    /// Countries to draw: allies, SIPRI's country names or ISO codes (Russia,
    /// China, Ukraine, USSR), comma-separated
    #[arg(long, value_delimiter = ',', value_name = "NAME,...")]
    pub countries: Vec<String>,
    /// Draws of the Monte Carlo outlook
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub draws: Option<u64>,
    /// Seed of the Monte Carlo outlook
    #[arg(long)]
    pub seed: Option<u64>,
    /// Spending process of the Monte Carlo outlook
    #[arg(long, value_enum)]
    pub model: Option<super::Model>,
    /// What the map colours the allies by
    #[arg(long, value_enum)]
    pub measure: Option<super::MapMeasure>,
    /// Scenario file or shipped name
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<String>,
    /// Economic outlook (`defspend economy` lists them)
    #[arg(long, value_name = "ID")]
    pub economy: Option<String>,
    /// Backtest: sipri-rolling, nato-2019, wales-2014, nato-one-year
    #[arg(long, value_name = "NAME")]
    pub backtest: Option<String>,
    /// Vintage of the national plans
    #[arg(long = "plans-vintage", value_name = "VINTAGE")]
    pub plans_vintage: Option<String>,
    /// Price basis of money: market exchange rates, or GDP-based PPP
    #[arg(long, value_enum)]
    pub prices: Option<super::PriceBasis>,
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
