//! What `definitions` and `personnel` take, and the price basis of money (`--prices`).

use clap::Args;

use super::{EditionArgs, EditionYearArgs, GroupArgs, OutputArgs};

/// The price basis of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PriceBasis {
    /// Market exchange rates, as every source publishes
    Market,
    /// GDP-based purchasing-power parity (the IMF's PPPEX; not a military PPP)
    Ppp,
}

#[derive(Debug, Args)]
pub struct DefinitionsArgs {
    #[command(flatten)]
    pub edition: EditionArgs,
    /// Allies (names or codes, comma-separated; default: the EU member states)
    #[arg(long, value_delimiter = ',', value_name = "ALLY,...")]
    pub allies: Vec<String>,
    /// Years, e.g. 2021-2025 (default: Eurostat's, within the edition's)
    #[arg(long, value_parser = super::forecast::parse_years, value_name = "FROM-TO")]
    pub years: Option<(i32, i32)>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct PersonnelArgs {
    #[command(flatten)]
    pub at: EditionYearArgs,
    /// The earlier year to compare with (default: the edition's first)
    #[arg(long, value_name = "YEAR")]
    pub since: Option<i32>,
    #[command(flatten)]
    pub groups: GroupArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `--prices`, for the commands whose money can be at PPP.
#[derive(Debug, Clone, Copy, Args)]
pub struct PricesArgs {
    /// Money at market exchange rates, or at GDP-based PPP (the IMF's PPPEX,
    /// each ally at its own rate; compare adds Europe against Russia and
    /// China at market rates, PPP and defence-weighted)
    #[arg(long, value_enum, default_value_t = PriceBasis::Market)]
    pub prices: PriceBasis,
}

/// The currency of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CurrencyChoice {
    /// US dollars, as NATO's tables in USD
    Usd,
    /// Each ally's own currency (NATO's Table 1)
    National,
}

/// `--currency`, for the commands whose money can be in national currency.
#[derive(Debug, Clone, Copy, Args)]
pub struct CurrencyArgs {
    /// Money in US dollars, or in each ally's own currency as NATO publishes
    /// it (group totals, which would add currencies, are left out)
    #[arg(long, value_enum, default_value_t = CurrencyChoice::Usd)]
    pub currency: CurrencyChoice,
}
