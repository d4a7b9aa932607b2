//! One file per subcommand: arguments in, calculator and export out.

mod allies;
mod ally;
mod burden;
pub mod chart;
mod compare;
mod editions;
mod import;
mod report;
pub mod scenario;
mod shortfall;
mod validate;

use serde_json::{json, Map, Value as Json};

use crate::cli::{Cli, Command, OutputArgs};
use crate::data::{Catalog, DataSource, Edition};
use crate::error::{Error, Result};
use crate::export::{self, Report};

pub fn run(cli: Cli) -> Result<()> {
    let source = match &cli.data {
        Some(dir) => DataSource::Dir(dir.clone()),
        None => DataSource::Embedded,
    };
    match cli.command {
        Command::Shortfall(args) => shortfall::run(&Catalog::load(source)?, &args),
        Command::Compare(args) => compare::run(&Catalog::load(source)?, &args),
        Command::Burden(args) => burden::run(&Catalog::load(source)?, &args),
        Command::Scenario(args) => scenario::run(&Catalog::load(source)?, &args),
        Command::Chart(args) => chart::run(&Catalog::load(source)?, &args),
        Command::Report(args) => report::run(&Catalog::load(source)?, &args),
        Command::Ally(args) => ally::run(&Catalog::load(source)?, &args),
        Command::Validate(args) => validate::run(&Catalog::load(source)?, &args),
        Command::Editions(args) => editions::run(&Catalog::load(source)?, &args),
        Command::Allies(args) => allies::run(&Catalog::load(source)?, &args),
        Command::Import(args) => import::run(&Catalog::load(source)?, &args),
    }
}

/// Renders and writes a report as the output options say.
fn emit(report: &Report, output: &OutputArgs) -> Result<()> {
    export::emit(
        &export::render(report, output.format),
        output.output.as_deref(),
    )
}

/// The year asked for, or the edition's latest; an error if outside the edition.
fn resolve_year(edition: &Edition, year: Option<i32>) -> Result<i32> {
    let year = year.unwrap_or(edition.last_year);
    if !edition.years().contains(&year) {
        return Err(Error::usage(
            "--year",
            format!(
                "{year} is outside edition {} ({}-{})",
                edition.id, edition.first_year, edition.last_year
            ),
        ));
    }
    Ok(year)
}

/// The metadata every report about an edition carries.
fn edition_metadata(edition: &Edition) -> Map<String, Json> {
    let mut m = Map::new();
    m.insert("edition".into(), json!(edition.id));
    m.insert("edition_title".into(), json!(edition.title));
    m.insert("publisher".into(), json!(edition.publisher));
    m.insert("published".into(), json!(edition.published.to_string()));
    m.insert("basis".into(), json!(edition.basis.label()));
    m.insert("provenance".into(), json!(edition.provenance.label()));
    m.insert(
        "years".into(),
        json!([edition.first_year, edition.last_year]),
    );
    m.insert("estimate_years".into(), json!(edition.estimate_years));
    m.insert("price_base_year".into(), json!(edition.price_base_year));
    m.insert(
        "price_basis".into(),
        json!({
            "current": "current USD: each year's prices and exchange rates",
            "constant": format!("{}: {} prices and exchange rates", edition.constant_basis(), edition.price_base_year),
        }),
    );
    m.insert(
        "share_of_gdp".into(),
        json!(edition.share_of_gdp_definition),
    );
    m
}

/// [`edition_metadata`] for one year: adds the year and whether it is an estimate.
fn year_metadata(edition: &Edition, year: i32) -> Map<String, Json> {
    let mut m = edition_metadata(edition);
    m.insert("year".into(), json!(year));
    m.insert("estimate".into(), json!(edition.is_estimate(year)));
    m
}

/// Which allies without armed forces are in a burden frame's allied GDP: NATO's
/// totals include Iceland's GDP, but an edition may have no figures for it.
fn allied_gdp_note(
    catalog: &Catalog,
    burden: &polars::prelude::DataFrame,
    edition: &Edition,
) -> String {
    let included: Vec<String> = (0..burden.height())
        .filter(|&i| crate::frame::bool_at(burden, "has_armed_forces", i) == Some(false))
        .filter_map(|i| crate::frame::str_at(burden, "name", i).map(String::from))
        .collect();
    let missing: Vec<&str> = catalog
        .allies
        .iter()
        .filter(|a| !a.has_armed_forces && !included.contains(&a.name))
        .map(|a| a.name.as_str())
        .collect();
    match (included.is_empty(), missing.is_empty()) {
        (false, _) => format!(
            "Allied GDP includes {} (no armed forces), as NATO's totals do.",
            included.join(", ")
        ),
        (true, false) => format!(
            "Allied GDP leaves out {}: edition {} has no figures for it.",
            missing.join(", "),
            edition.id
        ),
        (true, true) => String::new(),
    }
}

/// USD million → USD billion.
fn bn(million: Option<f64>) -> Option<f64> {
    million.map(|m| m / 1000.0)
}

/// The tidy CSV of gap results (`shortfall`, `compare`): one row per ally or
/// group and target.
fn gap_tidy_table() -> crate::export::Table {
    use crate::export::ColumnSpec;
    crate::export::Table::new(
        [
            ("kind", "Kind"),
            ("code", "Code"),
            ("name", "Name"),
            ("edition", "Edition"),
            ("year", "Year"),
            ("estimate", "Estimate"),
            ("target_pct", "Target (% of GDP)"),
            ("status", "Status"),
            ("share_of_gdp", "Share of GDP (%)"),
            ("share_source", "Share source"),
            ("gap_points", "Gap (points)"),
            ("gap_usd_current_bn", "Gap (USD bn, current)"),
            ("gap_usd_constant_bn", "Gap (USD bn, constant)"),
            ("allies_below", "Allies below"),
        ]
        .iter()
        .map(|(k, h)| ColumnSpec::new(k, h))
        .collect(),
    )
}

/// What closing a group's gap adds, in points of the group's GDP (current prices).
fn group_increment(group_gap: &polars::prelude::DataFrame) -> Option<f64> {
    let gap = crate::frame::f64_at(group_gap, "gap_usd_current_m", 0)?;
    let gdp = crate::frame::f64_at(group_gap, "gdp_usd_current_m", 0).filter(|g| *g > 0.0)?;
    Some(gap / gdp * 100.0)
}

/// A group's row of the gap CSV ([`gap_tidy_table`]) from [`crate::calc::group_gap`]'s frame.
fn group_tidy_row(
    edition: &Edition,
    year: i32,
    target: f64,
    group: &crate::calc::Group,
    group_gap: &polars::prelude::DataFrame,
) -> Vec<crate::export::Value> {
    use crate::export::Value;
    use crate::frame::{f64_at, u32_at};
    vec![
        Value::text("group"),
        Value::text(group.key()),
        Value::text(group.label()),
        Value::text(&edition.id),
        Value::Int(year.into()),
        Value::Bool(edition.is_estimate(year)),
        Value::Number(target, 2),
        Value::Missing,
        Value::num(f64_at(group_gap, "share", 0), 2),
        Value::text("constant-ratio"),
        Value::num(group_increment(group_gap), 2),
        Value::num(bn(f64_at(group_gap, "gap_usd_current_m", 0)), 2),
        Value::num(bn(f64_at(group_gap, "gap_usd_constant_m", 0)), 2),
        Value::Int(u32_at(group_gap, "below", 0).unwrap_or(0).into()),
    ]
}

/// "2023-2024 are estimates" style note, for outputs spanning several years.
fn estimates_note(edition: &Edition) -> String {
    match edition.estimate_years.as_slice() {
        [] => "No year of this edition is an estimate.".into(),
        [y] => format!("{y} figures are estimates (marked e)."),
        years => format!(
            "{} figures are estimates (marked e).",
            years
                .iter()
                .map(|y| y.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
