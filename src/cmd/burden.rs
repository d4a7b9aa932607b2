//! `defspend burden`: who carries more than its share of the alliance's burden —
//! each ally's share of allied spending against its share of allied GDP in a
//! year, and the United States against Europe and Canada across the edition.

use serde_json::json;

use super::{bn, emit, estimates_note, resolve_year, year_metadata};
use crate::calc;
use crate::cli::BurdenArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::{ColumnSpec, Report, Section, Table, Value};
use crate::frame::{bool_at, f64_at, i32_at, str_at};

pub fn run(catalog: &Catalog, args: &BurdenArgs) -> Result<()> {
    let data = catalog.load_edition(args.edition.as_deref())?;
    let edition = &data.edition;
    let year = resolve_year(edition, args.year)?;
    let allies = calc::allies_frame(&catalog.allies)?;
    let burden = calc::burden(&data.expenditure, &allies, year)?;
    let history = calc::us_vs_europe(&data.expenditure, &allies)?;
    let year_label = edition.year_label(year);

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
    let mut us_share = None;
    for i in 0..burden.height() {
        let name = str_at(&burden, "name", i).unwrap_or_default().to_string();
        let code = str_at(&burden, "code", i).unwrap_or_default().to_string();
        if !bool_at(&burden, "has_armed_forces", i).unwrap_or(true) {
            continue;
        }
        let spending_share = f64_at(&burden, "spending_share", i);
        if code == "US" {
            us_share = spending_share;
        }
        let diff_bn = bn(f64_at(&burden, "difference_usd_current_m", i));
        by_ally.push(vec![
            Value::text(&name),
            Value::text(&code),
            Value::num(spending_share, 2),
            Value::num(f64_at(&burden, "gdp_share", i), 2),
            Value::num(f64_at(&burden, "difference_points", i), 2),
            Value::num(diff_bn, 1),
        ]);
        tidy.push(vec![
            Value::text(&code),
            Value::text(&name),
            Value::text(&edition.id),
            Value::Int(year.into()),
            Value::Bool(edition.is_estimate(year)),
            Value::num(f64_at(&burden, "defence_usd_current_m", i), 1),
            Value::num(f64_at(&burden, "gdp_usd_current_m", i), 1),
            Value::num(spending_share, 2),
            Value::num(f64_at(&burden, "gdp_share", i), 2),
            Value::num(f64_at(&burden, "difference_points", i), 2),
            Value::num(diff_bn, 2),
        ]);
    }
    let average = f64_at(&burden, "allied_average_share", 0);

    let mut trend = Table::new(vec![
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("us_usd_current_bn", "US (USD bn, current)"),
        ColumnSpec::new(
            "europe_canada_usd_current_bn",
            "Europe and Canada (USD bn, current)",
        ),
        ColumnSpec::new(
            "us_usd_constant_bn",
            &format!("US (USD bn, {})", edition.constant_basis()),
        ),
        ColumnSpec::new(
            "europe_canada_usd_constant_bn",
            &format!("Europe and Canada (USD bn, {})", edition.constant_basis()),
        ),
        ColumnSpec::new(
            "us_share_of_allied_spending",
            "US share of allied spending (%)",
        ),
    ]);
    for i in 0..history.height() {
        let y = i32_at(&history, "year", i).unwrap_or_default();
        trend.push(vec![
            Value::text(edition.year_label(y)),
            Value::num(bn(f64_at(&history, "us_usd_current_m", i)), 1),
            Value::num(bn(f64_at(&history, "europe_canada_usd_current_m", i)), 1),
            Value::num(bn(f64_at(&history, "us_usd_constant_m", i)), 1),
            Value::num(bn(f64_at(&history, "europe_canada_usd_constant_m", i)), 1),
            Value::num(f64_at(&history, "us_share_of_allied_spending", i), 1),
        ]);
    }

    let mut summary = Vec::new();
    if let (Some(us), Some(avg)) = (us_share, average) {
        summary.push(format!(
            "In {year_label} the United States accounts for {us:.1}% of allied defence spending; allies spend {avg:.2}% of their combined GDP on average."
        ));
    }
    let mut notes = vec![
        "Shares of allied spending and GDP use current prices and exchange rates; the allied average share is total spending / total GDP of the allies that were members that year.".to_string(),
        "Difference in USD: an ally's spending less what it would spend at the allied average share of its GDP.".to_string(),
    ];
    notes.push(super::allied_gdp_note(catalog, &burden, edition));
    notes.push(estimates_note(edition));

    let mut metadata = year_metadata(edition, year);
    metadata.insert("allied_average_share_of_gdp".into(), json!(average));
    metadata.insert("us_share_of_allied_spending".into(), json!(us_share));

    let report = Report {
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
                "The United States against Europe and Canada",
                trend,
            ),
        ],
        notes,
        citation: edition.citation.clone(),
        tidy,
    };
    emit(&report, &args.output)
}
