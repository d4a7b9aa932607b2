//! `burden`: who carries more than its share of the alliance's burden — each
//! ally's share of allied spending against its share of allied GDP in a year,
//! and the United States against Europe and Canada across the edition.

use serde_json::json;

use super::{allied_gdp_note, estimates_note, year_metadata};
use crate::calc::{Burden, UsEuropeYear};
use crate::data::groups;
use crate::error::Result;
use crate::export::{ColumnSpec, Report, Section, Table, Value};

pub fn report(scope: &super::Scope, burden: &Burden, history: &[UsEuropeYear]) -> Result<Report> {
    let (catalog, edition, year) = (scope.catalog, scope.edition, scope.year);
    let year_label = edition.year_label(year);
    let us = catalog.required_group(groups::UNITED_STATES);
    let europe = catalog.required_group(groups::EUROPE_CANADA);

    let mut by_ally = Table::new(vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("spending_share", "Share of allied spending (%)"),
        ColumnSpec::new("gdp_share", "Share of allied GDP (%)"),
        ColumnSpec::new("difference_points", "Difference (points)"),
        ColumnSpec::new(
            "difference_usd_current_bn",
            "Above (+) / below (-) allied average (USD bn)",
        ),
    ]);
    let mut tidy = Table::new(vec![
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("name", "Name"),
        ColumnSpec::new("edition", "Edition"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("estimate", "Estimate"),
        ColumnSpec::new("defence_usd_current_m", "Spending (USD m, current)"),
        ColumnSpec::new("gdp_usd_current_m", "GDP (USD m, current)"),
        ColumnSpec::new("spending_share", "Share of allied spending (%)"),
        ColumnSpec::new("gdp_share", "Share of allied GDP (%)"),
        ColumnSpec::new("difference_points", "Difference (points)"),
        ColumnSpec::new(
            "difference_usd_current_bn",
            "Difference from allied average (USD bn)",
        ),
    ]);
    for r in burden.rows.iter().filter(|r| r.has_armed_forces) {
        by_ally.push(vec![
            Value::text(&r.name),
            Value::text(&r.code),
            Value::share(r.spending_share),
            Value::share(r.gdp_share),
            Value::share(r.difference_points),
            Value::usd_bn(r.difference_usd_current_m, 1),
        ]);
        tidy.push(vec![
            Value::text(&r.code),
            Value::text(&r.name),
            Value::text(&edition.id),
            Value::Int(year.into()),
            Value::Bool(edition.is_estimate(year)),
            Value::num(r.defence_usd_current_m, 1),
            Value::num(r.gdp_usd_current_m, 1),
            Value::share(r.spending_share),
            Value::share(r.gdp_share),
            Value::share(r.difference_points),
            Value::usd_bn(r.difference_usd_current_m, 2),
        ]);
    }
    // The US share of allied spending: the share of the "us" group's members.
    let us_share = burden
        .rows
        .iter()
        .filter(|r| r.has_armed_forces && us.contains(&r.code))
        .filter_map(|r| r.spending_share)
        .reduce(|a, b| a + b);

    let mut trend = Table::new(vec![
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("us_usd_current_bn", "US (USD bn, current)"),
        ColumnSpec::new(
            "europe_canada_usd_current_bn",
            &format!("{} (USD bn, current)", europe.label),
        ),
        ColumnSpec::new(
            &crate::export::based("us_usd_constant_bn", edition.price_base_year),
            &format!("US (USD bn, {})", edition.constant_basis()),
        ),
        ColumnSpec::new(
            &crate::export::based("europe_canada_usd_constant_bn", edition.price_base_year),
            &format!("{} (USD bn, {})", europe.label, edition.constant_basis()),
        ),
        ColumnSpec::new(
            "us_share_of_allied_spending",
            "US share of allied spending (%)",
        ),
    ]);
    for y in history {
        trend.push(vec![
            Value::text(edition.year_label(y.year)),
            Value::usd_bn(Some(y.us_usd_current_m), 1),
            Value::usd_bn(Some(y.europe_canada_usd_current_m), 1),
            Value::usd_bn(Some(y.us_usd_constant_m), 1),
            Value::usd_bn(Some(y.europe_canada_usd_constant_m), 1),
            Value::num(y.us_share_of_allied_spending, 1),
        ]);
    }

    let average = burden.allied_average_share;
    let mut summary = Vec::new();
    if let (Some(us_share), Some(avg)) = (us_share, average) {
        summary.push(format!(
            "In {year_label} the {} accounts for {us_share:.1}% of allied defence spending; allies spend {avg:.2}% of their combined GDP on average.",
            us.label
        ));
    }
    let notes = vec![
        "Shares of allied spending and GDP use current prices and exchange rates; the allied average share is total spending / total GDP of the allies that were members that year.".to_string(),
        "Difference in USD: an ally's spending less what it would spend at the allied average share of its GDP.".to_string(),
        allied_gdp_note(catalog, burden, edition),
        estimates_note(edition),
    ];

    let mut metadata = year_metadata(edition, year);
    metadata.insert("allied_average_share_of_gdp".into(), json!(average));
    metadata.insert("us_share_of_allied_spending".into(), json!(us_share));

    Ok(Report {
        title: format!(
            "Burden sharing, {year_label} ({}, {})",
            edition.id,
            edition.basis.label()
        ),
        metadata,
        summary,
        sections: vec![
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
        ],
        notes,
        citation: edition.citation.clone(),
        tidy,
    })
}
