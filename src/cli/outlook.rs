//! What `defspend outlook` takes: the Monte Carlo outlook's scenario, target, draws and parameters.

use clap::Args;

use super::values::{
    parse_factor, parse_gdp_sd, parse_target, parse_unit, parse_years_weight, Anchor, Model,
};
use super::{defaults, GroupArgs, OutputArgs, PlansVintage};

#[derive(Debug, Args)]
pub struct OutlookArgs {
    /// Target, % of GDP (default: the scenario's core or single target;
    /// --targets is the same, one target)
    #[arg(long, alias = "targets", value_parser = parse_target, allow_negative_numbers = true, value_name = "PCT")]
    pub target: Option<f64>,
    /// Target year (default: the scenario's)
    #[arg(long, value_name = "YEAR")]
    pub by: Option<i32>,
    /// The scenario giving the edition, baseline year and groups (file or shipped name)
    #[arg(long, default_value = "hague-2035", value_name = "FILE")]
    pub scenario: String,
    /// The NATO edition to start from (default: the scenario's); from its last
    /// year unless --from says otherwise
    #[arg(long, value_name = "ID")]
    pub edition: Option<String>,
    /// The origin: the last year taken as known (default: the scenario's
    /// baseline year), e.g. --edition nato-2024 --from 2023 --by 2024 for a
    /// one-year forecast
    #[arg(long, value_name = "YEAR")]
    pub from: Option<i32>,
    /// Economic outlook for GDP growth and for plans stated in money (default:
    /// the scenario's, else the latest)
    #[arg(long, value_name = "ID")]
    pub economy: Option<String>,
    #[command(flatten)]
    pub plans: PlansVintage,
    /// Number of draws, at most 100 million (about 4 s a million on two
    /// cores; above a million a terminal shows a progress bar and the time left)
    #[arg(long, default_value_t = defaults::DRAWS, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub draws: u64,
    /// Seed of the random draws (the same seed gives the same output)
    #[arg(long, default_value_t = defaults::SEED)]
    pub seed: u64,
    /// Spread of a year's real GDP growth around the outlook, 0 to 10 points
    /// (record model; the share process keeps GDP to the outlook)
    #[arg(long, default_value_t = defaults::GDP_SD, value_parser = parse_gdp_sd, allow_negative_numbers = true, value_name = "POINTS")]
    pub gdp_sd: f64,
    /// Weight of the shock common to all allies in each ally's GDP shock, 0 to 1
    /// (the rest is its own, weighted sqrt(1 - w²)): two allies' GDP shocks
    /// correlate by its square (record model)
    #[arg(long, default_value_t = defaults::COMMON, value_parser = parse_unit, allow_negative_numbers = true, value_name = "0-1")]
    pub common: f64,
    /// Multiplies every spread of the spending process, 0 (none) to 10: the
    /// share process's own, transitory and regime noise, or the record
    /// model's spread of real spending growth
    #[arg(long, default_value_t = defaults::SPENDING_SPREAD, value_parser = parse_factor, allow_negative_numbers = true, value_name = "FACTOR")]
    pub spending_spread: f64,
    /// The spending process: the partial-adjustment model (its parameters in
    /// datasets/models/outlook.toml, re-estimated by `defspend calibrate`) or
    /// the earlier record model
    #[arg(long, value_enum, default_value_t = Model::Adjust)]
    pub model: Model,
    /// Also answer under other assumptions: plans only, the reference class
    /// (no pull toward any commitment) and the record model
    #[arg(long)]
    pub sensitivity: bool,
    /// Weight of the allied record in each ally's, 0 to 100 years (record model)
    #[arg(long, default_value_t = defaults::SHRINK, value_parser = parse_years_weight, allow_negative_numbers = true, value_name = "YEARS")]
    pub shrink: f64,
    /// Expected spending growth from each ally's plan (where it has one) or from
    /// its record (record model)
    #[arg(long, value_enum, default_value_t = Anchor::Plan)]
    pub anchor: Anchor,
    /// Also show these allies year by year (names or codes, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "ALLY,...")]
    pub allies: Vec<String>,
    #[command(flatten)]
    pub groups: GroupArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}
