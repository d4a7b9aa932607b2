//! What the forecasting and plans commands take: calibrate, backtest, plans, economy.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::values::parse_factor;
use super::{EconomyChoice, OutputArgs};

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// Write the parameters file here (default: standard output)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Compare with the committed parameters instead: exit 1 if they differ
    #[arg(long, conflicts_with = "output")]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct BacktestArgs {
    /// Backtests to run (default: all): sipri-rolling, nato-2019, wales-2014, nato-one-year
    #[arg(value_name = "NAME", value_delimiter = ',')]
    pub names: Vec<String>,
    /// Multiplies the models' spreads, 0 to 10 (1: as estimated): how an over- or
    /// under-confident version of each model scores (the baselines keep theirs)
    #[arg(long, default_value_t = 1.0, value_parser = parse_factor, value_name = "FACTOR")]
    pub spread: f64,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PlansArgs {
    #[command(subcommand)]
    pub command: Option<PlansCommand>,
    /// The scenario whose path the plans are set against (file or shipped name)
    #[arg(long, default_value = "hague-2035", value_name = "FILE")]
    pub scenario: String,
    /// Vintage of the plans: 2025, 2026-11 or an id of datasets/plans.toml
    /// (default: the latest)
    #[arg(
        long = "plans-vintage",
        visible_alias = "vintage",
        alias = "plans",
        value_name = "VINTAGE"
    )]
    pub vintage: Option<String>,
    /// Also show these allies' plans year by year (names or codes, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "ALLY,...")]
    pub allies: Vec<String>,
    #[command(flatten)]
    pub economy: EconomyChoice,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum PlansCommand {
    /// What changed between two vintages of the plans: milestones added,
    /// dropped or changed per ally, and the effect on the shortfall in the
    /// scenario's target year
    #[command(
        after_help = "Examples:\n  defspend plans changes\n  defspend plans changes --from-vintage 2025 --to-vintage 2026-11 --format csv"
    )]
    Changes(PlansChangesArgs),
    /// The plans' record: each vintage's milestones for years NATO has since
    /// published, and the alliance's pledges, delivered, short or ahead
    #[command(
        after_help = "Examples:\n  defspend plans record\n  defspend plans record --edition nato-2026 --format csv"
    )]
    Record(PlansRecordArgs),
}

#[derive(Debug, Args)]
pub struct PlansRecordArgs {
    /// The edition whose figures the vintages are judged against (default: the latest)
    #[arg(long, value_name = "ID")]
    pub edition: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct PlansChangesArgs {
    /// The earlier vintage (default: the one before the latest)
    #[arg(long = "from-vintage", value_name = "VINTAGE")]
    pub from: Option<String>,
    /// The later vintage (default: the latest)
    #[arg(long = "to-vintage", value_name = "VINTAGE")]
    pub to: Option<String>,
    /// The scenario whose path both vintages are set against (file or shipped name)
    #[arg(long, default_value = "hague-2035", value_name = "FILE")]
    pub scenario: String,
    #[command(flatten)]
    pub economy: EconomyChoice,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct EconomyArgs {
    /// Allies to show (names or codes, comma-separated; default: all)
    #[arg(value_delimiter = ',', value_name = "ALLY,...")]
    pub allies: Vec<String>,
    /// Outlook id (default: the latest; `defspend sources` lists them)
    #[arg(long, value_name = "ID")]
    pub economy: Option<String>,
    /// Show how the outlook moved from this earlier (or other) outlook: both
    /// values and the revision, for the series and years they share;
    /// `previous`: the one published before it (what an update changed)
    #[arg(long, value_name = "ID|previous")]
    pub compare: Option<String>,
    /// Only these series: keys or IMF codes, comma-separated (e.g.
    /// NGDP_RPCH,GGXWDG_NGDP; default: every series of the outlook)
    #[arg(long, value_delimiter = ',', value_name = "SERIES,...")]
    pub series: Vec<String>,
    /// Only these years, e.g. 2024-2030
    #[arg(long, value_parser = parse_years, value_name = "FROM-TO")]
    pub years: Option<(i32, i32)>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// "2024-2030" or "2026".
pub(crate) fn parse_years(text: &str) -> std::result::Result<(i32, i32), String> {
    let year = |t: &str| {
        t.trim()
            .parse::<i32>()
            .map_err(|_| format!("'{text}' is not a year or a range of years (2024-2030)"))
    };
    let (from, to) = match text.split_once('-') {
        Some((a, b)) => (year(a)?, year(b)?),
        None => (year(text)?, year(text)?),
    };
    if from > to {
        return Err(format!("{text}: the first year comes after the last"));
    }
    Ok((from, to))
}
