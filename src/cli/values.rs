//! The values flags take: formats, models and the number parsers that say
//! what a flag accepts.

use clap::ValueEnum;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned table for the terminal
    Table,
    /// Tidy CSV with a header row
    Csv,
    /// JSON with metadata (edition, year, price basis, estimates, citation)
    Json,
    /// Markdown, for reports
    Markdown,
    /// Excel workbook (needs --output): the data, every table, and a Source sheet
    Xlsx,
}

/// What `chart map` colours the allies by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MapMeasure {
    /// Share of GDP in --year (bins around 2, 3.5 and 5%)
    Share,
    /// Points of GDP below the target (--targets, default 3.5)
    Gap,
    /// What the scenario's path adds by its target year, % of government revenue (--scenario)
    Fiscal,
    /// How far each ally's national plan falls short of the share the scenario requires in its target year, points
    Plans,
    /// Each ally's chance of reaching the target by the target year (Monte Carlo outlook)
    Odds,
}

/// The spending process of `defspend outlook`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Model {
    /// Partial adjustment of the share toward a commitment, with the
    /// regime drawn from history and a damped drift (METHOD; parameters in
    /// datasets/models/outlook.toml)
    Adjust,
    /// Real spending growth from each ally's plan or shrunk record (the
    /// earlier model; --anchor and --shrink apply to it)
    Record,
}

/// How an ally's expected spending growth is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Anchor {
    /// The ally's national plan where it has one, else its record
    Plan,
    /// Every ally's own record of real changes
    Record,
}

/// A target share of GDP: a number above 0 and below 100.
pub(super) fn parse_target(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number (a share of GDP in %, e.g. 2 or 3.5)"))?;
    if !value.is_finite() || value <= 0.0 || value >= 100.0 {
        return Err(format!(
            "{text} is not a share of GDP: it must be above 0 and below 100"
        ));
    }
    Ok(value)
}

/// A growth rate threshold: a positive number of % a year.
pub(super) fn parse_rate(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number (% a year)"))?;
    if !value.is_finite() || value <= 0.0 {
        return Err(format!("{text} must be a positive number of % a year"));
    }
    Ok(value)
}

/// A spread or a weight: zero or more.
pub(super) fn parse_spread(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        Ok(v) => Err(format!("{v} is negative: a spread is zero or more")),
        Err(_) => Err(format!("'{text}' is not a number")),
    }
}

/// A spread of a year's real GDP growth, points: 0 to 10 (a 10-point
/// spread already puts a tenth of the draws' years 13 points off the outlook).
pub(super) fn parse_gdp_sd(text: &str) -> Result<f64, String> {
    bounded(text, 10.0, "points: a spread of growth is 0 to 10")
}

/// A factor on the model's spreads: 0 (none) to 10.
pub(super) fn parse_factor(text: &str) -> Result<f64, String> {
    bounded(text, 10.0, "a factor on the spreads is 0 to 10")
}

/// The weight of the allied record, in years: 0 to 100.
pub(super) fn parse_years_weight(text: &str) -> Result<f64, String> {
    bounded(text, 100.0, "a weight in years is 0 to 100")
}

/// A number from 0 to `max`, `what` said when it is not.
fn bounded(text: &str, max: f64, what: &str) -> Result<f64, String> {
    let v = parse_spread(text)?;
    if v > max {
        Err(format!("{v} is too large: {what}"))
    } else {
        Ok(v)
    }
}

/// A weight from 0 to 1.
pub(super) fn parse_unit(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        Ok(v) => Err(format!("{v} is outside 0 to 1")),
        Err(_) => Err(format!("'{text}' is not a number")),
    }
}
