//! What the long-series commands take: `history`, `crosscheck`, `revisions`.

use clap::Args;

use super::{EditionArgs, EditionYearArgs, OutputArgs};

/// Where a long series comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LongSource {
    /// SIPRI's Military Expenditure Database (1949-2024, every country)
    Sipri,
    /// A NATO edition (allies only, from 2014)
    Nato,
}

/// What a long series measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LongMeasure {
    /// Share of GDP, %
    Share,
    /// USD, constant prices (SIPRI: 2023; NATO: the edition's base year)
    Constant,
    /// USD, current prices and exchange rates
    Current,
    /// USD per person (SIPRI: current USD, from 1988; NATO: constant USD, 2024 edition)
    PerCapita,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Countries or groups, comma-separated: allies (names or codes), SIPRI's
    /// country names or ISO codes (Russia, China, Ukraine, USSR, RUS), group keys
    /// (europe-canada, us, eu, all, …)
    #[arg(required = true, value_delimiter = ',', value_name = "NAME|GROUP")]
    pub names: Vec<String>,
    /// Source of the series
    #[arg(long, value_enum, default_value_t = LongSource::Sipri)]
    pub source: LongSource,
    /// First year shown
    #[arg(long, value_name = "YEAR")]
    pub since: Option<i32>,
    /// What to show
    #[arg(long, value_enum, default_value_t = LongMeasure::Share)]
    pub measure: LongMeasure,
    #[command(flatten)]
    pub edition: EditionArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct CrosscheckArgs {
    #[command(flatten)]
    pub at: EditionYearArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct RevisionsArgs {
    /// The earlier edition (default: the one published before --to-edition)
    #[arg(long = "from-edition", value_name = "ID")]
    pub from: Option<String>,
    /// The later edition (default: the latest)
    #[arg(long = "to-edition", value_name = "ID")]
    pub to: Option<String>,
    /// What to compare
    #[arg(long, value_enum, default_value_t = LongMeasure::Share)]
    pub measure: LongMeasure,
    /// Only these allies (names or codes, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "ALLY,...")]
    pub allies: Vec<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}
