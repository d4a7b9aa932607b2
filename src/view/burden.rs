//! `burden`: who carries more than its share of the alliance's burden — each
//! ally's share of allied spending against its share of allied GDP in a year,
//! and the United States against Europe and Canada across the edition.

use serde_json::json;

use super::{estimates_note, year_metadata};
use crate::calc::percapita::{Basis, PerCapita};
use crate::calc::ppp::Prices;
use crate::calc::{Burden, BurdenRow, UsEuropeYear};
use crate::data::{groups, Edition};
use crate::error::Result;
use crate::export::{column, Column, Report, Section, Table, Value};
use crate::findings::allied_gdp_note;

/// Spending per person for `burden --per-capita`: the basis, each ally's
/// figure and the allied one.
pub struct PerPerson<'a> {
    pub basis: &'a Basis,
    pub rows: &'a [PerCapita],
    pub allied: Option<f64>,
}

pub fn report(
    scope: &super::Scope,
    burden: &Burden,
    history: &[UsEuropeYear],
    per_person: Option<PerPerson>,
) -> Result<Report> {
    let (catalog, edition, year) = (scope.catalog, scope.edition, scope.year);
    let year_label = edition.year_label(year);
    let us = catalog.required_group(groups::UNITED_STATES);
    let europe = catalog.required_group(groups::EUROPE_CANADA);

    let rows: Vec<&BurdenRow> = burden.rows.iter().filter(|r| r.has_armed_forces).collect();
    let by_ally = Table::of(&ally_columns(scope.prices), rows.iter().copied());
    let mut columns = tidy_columns(edition, year, scope.prices);
    if let Some(p) = &per_person {
        columns.extend(per_person_columns(p));
    }
    let tidy = Table::of(&columns, rows.iter().copied());
    // The US share of allied spending: the share of the "us" group's members.
    let us_share = rows
        .iter()
        .filter(|r| us.contains(&r.code))
        .filter_map(|r| r.spending_share)
        .reduce(|a, b| a + b);
    let trend = Table::of(
        &trend_columns(edition, &europe.label, scope.prices),
        history,
    );

    let average = burden.allied_average_share;
    let mut summary = Vec::new();
    if let (Some(us_share), Some(avg)) = (us_share, average) {
        summary.push(format!(
            "In {year_label} the {} accounts for {us_share:.1}% of allied defence spending; allies spend {avg:.2}% of their combined GDP on average.",
            us.label
        ));
    }
    let mut notes = notes(scope, burden);

    let mut metadata = year_metadata(edition, year);
    metadata.insert("allied_average_share_of_gdp".into(), json!(average));
    metadata.insert("us_share_of_allied_spending".into(), json!(us_share));

    let mut sections = vec![
        Section::new(
            "allies",
            format!("Share of allied spending against share of allied GDP, {year_label}"),
            by_ally,
        ),
        Section::new(
            "us_vs_europe_canada",
            format!("The {} against {}", us.label, europe.label),
            trend,
        ),
    ];
    if let Some(p) = &per_person {
        let (section, sentence, note) =
            super::percapita::section(p.basis, p.rows, p.allied, &year_label);
        sections.push(section);
        summary.push(sentence);
        notes.push(note);
    }

    Ok(Report {
        title: format!(
            "Burden sharing, {year_label} ({}, {})",
            edition.id,
            edition.basis.label()
        ),
        metadata,
        summary,
        sections,
        notes,
        citation: edition.citation.clone(),
        tidy,
    })
}

/// How the shares are computed, allied GDP, estimates; at PPP, what that is.
fn notes(scope: &super::Scope, burden: &Burden) -> Vec<String> {
    let mut notes = vec![
        "Shares of allied spending and GDP use current prices and exchange rates; the allied average share is total spending / total GDP of the allies that were members that year.".to_string(),
        "Difference in USD: an ally's spending less what it would spend at the allied average share of its GDP.".to_string(),
        allied_gdp_note(&scope.catalog.allies, burden, scope.edition),
        estimates_note(scope.edition),
    ];
    if scope.prices == Prices::Ppp {
        notes.insert(0, ppp_note());
    }
    notes
}

/// What money at GDP-based PPP is.
fn ppp_note() -> String {
    "Money at GDP-based PPP: each ally's current-USD spending and GDP, every year, times its own ratio of market exchange rate to the IMF's PPPEX, so that shares of allied spending and GDP compare what each buys at home. Not a military PPP. Constant-price columns stay at market rates.".into()
}

fn ally_columns<'a>(prices: Prices) -> Vec<Column<'a, BurdenRow>> {
    let mut columns = vec![
        column("ally", "Ally", |r: &BurdenRow| Value::text(&r.name)),
        column("code", "Code", |r: &BurdenRow| Value::text(&r.code)),
    ];
    columns.extend(share_columns());
    columns.push(column(
        prices.key("difference_usd_current_bn"),
        format!(
            "Above (+) / below (-) allied average ({} bn)",
            prices.unit()
        ),
        |r: &BurdenRow| Value::usd_bn(r.difference_usd_current_m, 1),
    ));
    columns
}

/// An ally's shares of allied spending and GDP and their difference.
fn share_columns<'a>() -> Vec<Column<'a, BurdenRow>> {
    vec![
        column(
            "spending_share",
            "Share of allied spending (%)",
            |r: &BurdenRow| Value::share(r.spending_share),
        ),
        column("gdp_share", "Share of allied GDP (%)", |r: &BurdenRow| {
            Value::share(r.gdp_share)
        }),
        column(
            "difference_points",
            "Difference (points)",
            |r: &BurdenRow| Value::share(r.difference_points),
        ),
    ]
}

fn tidy_columns(edition: &Edition, year: i32, prices: Prices) -> Vec<Column<'_, BurdenRow>> {
    let mut columns = vec![
        column("code", "Code", |r: &BurdenRow| Value::text(&r.code)),
        column("name", "Name", |r: &BurdenRow| Value::text(&r.name)),
        column("edition", "Edition", |_: &BurdenRow| {
            Value::text(&edition.id)
        }),
        column("year", "Year", move |_: &BurdenRow| Value::Int(year.into())),
        column("estimate", "Estimate", move |_: &BurdenRow| {
            Value::Bool(edition.is_estimate(year))
        }),
        column(
            prices.key("defence_usd_current_m"),
            format!("Spending ({} m, current)", prices.unit()),
            |r: &BurdenRow| Value::num(r.defence_usd_current_m, 1),
        ),
        column(
            prices.key("gdp_usd_current_m"),
            format!("GDP ({} m, current)", prices.unit()),
            |r: &BurdenRow| Value::num(r.gdp_usd_current_m, 1),
        ),
    ];
    columns.extend(share_columns());
    columns.push(column(
        prices.key("difference_usd_current_bn"),
        format!("Difference from allied average ({} bn)", prices.unit()),
        |r: &BurdenRow| Value::usd_bn(r.difference_usd_current_m, 2),
    ));
    columns
}

/// The US against Europe and Canada, year by year.
fn trend_columns<'a>(
    edition: &'a Edition,
    europe: &'a str,
    prices: Prices,
) -> Vec<Column<'a, UsEuropeYear>> {
    let constant = edition.constant_basis();
    vec![
        column("year", "Year", |y: &UsEuropeYear| {
            Value::text(edition.year_label(y.year))
        }),
        column(
            prices.key("us_usd_current_bn"),
            format!("US ({} bn, current)", prices.unit()),
            |y: &UsEuropeYear| Value::usd_bn(Some(y.us_usd_current_m), 1),
        ),
        column(
            prices.key("europe_canada_usd_current_bn"),
            format!("{europe} ({} bn, current)", prices.unit()),
            |y: &UsEuropeYear| Value::usd_bn(Some(y.europe_canada_usd_current_m), 1),
        ),
        column(
            crate::export::based("us_usd_constant_bn", edition.price_base_year),
            format!("US (USD bn, {constant})"),
            |y: &UsEuropeYear| Value::usd_bn(Some(y.us_usd_constant_m), 1),
        ),
        column(
            crate::export::based("europe_canada_usd_constant_bn", edition.price_base_year),
            format!("{europe} (USD bn, {constant})"),
            |y: &UsEuropeYear| Value::usd_bn(Some(y.europe_canada_usd_constant_m), 1),
        ),
        column(
            "us_share_of_allied_spending",
            "US share of allied spending (%)",
            |y: &UsEuropeYear| Value::num(y.us_share_of_allied_spending, 1),
        ),
    ]
}

/// An ally's spending per person in the tidy output too (CSV, JSON lines):
/// missing for an ally without a figure.
fn per_person_columns<'a>(p: &PerPerson<'a>) -> Vec<Column<'a, BurdenRow>> {
    let (rows, allied) = (p.rows, p.allied);
    let of = move |r: &BurdenRow| rows.iter().find(|x| x.code == r.code);
    vec![
        column(
            "per_person_usd",
            "Per person (USD)",
            move |r: &BurdenRow| of(r).map_or(Value::Missing, |x| Value::Number(x.usd, 0)),
        ),
        column("population_m", "Population (m)", move |r: &BurdenRow| {
            of(r).map_or(Value::Missing, |x| Value::Number(x.population_m, 2))
        }),
        column(
            "against_allied_usd",
            "Against the allied figure (USD)",
            move |r: &BurdenRow| {
                of(r).map_or(Value::Missing, |x| Value::num(allied.map(|a| x.usd - a), 0))
            },
        ),
    ]
}
