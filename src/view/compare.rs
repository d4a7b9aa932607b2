//! `compare`: the gaps to several targets side by side — 2% (the guideline),
//! 3% (a demand voiced in 2024), 3.5% and 5% (The Hague, 2025) — per ally and
//! per group, as a level and as an increment.

use serde_json::json;

use super::{ally_tidy_row, gap_tidy_table, group_tidy_row, year_metadata};
use crate::calc::{Standings, Status};
use crate::data::{groups, Basis, Group};
use crate::error::Result;
use crate::export::{ColumnSpec, Report, Section, Table, Value};
use crate::units::{bn, pct};

/// `standings`: one per target, in the order asked for (at least one);
/// `groups`: the groups whose increments are reported.
pub fn report(
    scope: &super::Scope,
    standings: &[Standings],
    selected: &[&Group],
) -> Result<Report> {
    let (catalog, edition, year) = (scope.catalog, scope.edition, scope.year);
    let targets: Vec<f64> = standings.iter().map(|s| s.target).collect();
    let year_label = edition.year_label(year);
    let constant = edition.constant_basis();

    let mut columns = vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
    ];
    for t in &targets {
        let t = pct(*t);
        columns.push(ColumnSpec::new(
            &format!("gap_points_{t}"),
            &format!("Gap to {t}% (points)"),
        ));
        columns.push(ColumnSpec::new(
            &format!("gap_usd_current_bn_{t}"),
            &format!("Gap to {t}% (USD bn)"),
        ));
    }
    let mut by_ally = Table::new(columns);
    let mut tidy = gap_tidy_table(edition.price_base_year);
    let mut not_applicable = Vec::new();
    for first in &standings[0].rows {
        if first.status == Status::NotApplicable {
            not_applicable.push(first.name.clone());
            continue;
        }
        let mut row = vec![Value::text(&first.name), Value::share(first.share)];
        for st in standings {
            let Some(s) = st.get(&first.code) else {
                continue;
            };
            let meets = s.status == Status::Meets;
            row.push(if meets {
                Value::text("meets")
            } else {
                Value::share(s.gap.points)
            });
            row.push(if meets {
                Value::text("–")
            } else {
                Value::usd_bn(s.gap.usd_current_m, 2)
            });
            tidy.push(ally_tidy_row(edition, s));
        }
        by_ally.push(row);
    }

    let mut groups_table = Table::new(vec![
        ColumnSpec::new("target", "Level"),
        ColumnSpec::new("group", "Group"),
        ColumnSpec::new("allies_below", "Allies short"),
        ColumnSpec::new("share_of_gdp", "Group share now (%)"),
        ColumnSpec::new("increment_points", "Increment (points of group GDP)"),
        ColumnSpec::new("gap_usd_current_bn", "Increment (USD bn a year, current)"),
        ColumnSpec::new(
            &crate::export::based("gap_usd_constant_bn", edition.price_base_year),
            &format!("Increment (USD bn, {constant})"),
        ),
    ]);
    let mut summary = Vec::new();
    let mut totals = Vec::new();
    let europe = catalog.required_group(groups::EUROPE_CANADA);
    for st in standings {
        let tl = pct(st.target);
        // Allies with armed forces that were members, and those short of the target.
        let members = st.rows.iter().filter(|s| s.has_armed_forces).count();
        let below = st.with_status(Status::Below).count();
        summary.push(format!(
            "{tl}% of GDP: {below} of {members} allies with armed forces fall short in {year_label}."
        ));
        let e = st.group_total(europe)?;
        totals.push(format!(
            "{} to {tl}%: +${:.1} bn a year (current USD), +{:.2} points of their GDP.",
            europe.label,
            bn(Some(e.gap_usd_current_m)).unwrap_or(0.0),
            e.increment_points().unwrap_or(0.0)
        ));
        for group in selected {
            let g = st.group_total(group)?;
            groups_table.push(vec![
                Value::text(format!("{tl}% of GDP")),
                Value::text(&group.label),
                Value::text(format!("{} of {}", g.below, g.members)),
                Value::share(g.share),
                Value::share(g.increment_points()),
                Value::usd_bn(Some(g.gap_usd_current_m), 1),
                Value::usd_bn(Some(g.gap_usd_constant_m), 1),
            ]);
            tidy.push(group_tidy_row(edition, year, group, &g));
        }
    }
    summary.extend(totals);
    let mut notes = vec![
        "Level: the target as a share of GDP. Increment: what reaching it adds, in points of the group's GDP and in dollars a year.".to_string(),
        "Group increments add up members' gaps (allies above a target offset nothing); an ally's gap is (target - share) / 100 x GDP.".to_string(),
    ];
    for name in &not_applicable {
        notes.push(format!("{name}: n/a (no armed forces), not counted."));
    }
    if edition.is_estimate(year) {
        notes.push(format!("{year} figures are estimates."));
    }
    notes.push(format!(
        "Gaps in {constant} are in the CSV and JSON ({}){}.",
        crate::export::based("gap_usd_constant_bn", edition.price_base_year),
        if scope.constant_gdp {
            ""
        } else {
            "; this edition publishes no constant-price GDP, so they use constant spending / published share"
        }
    ));
    if edition.basis == Basis::Total {
        notes.push("This edition reports total defence expenditure; The Hague's 3.5% target counts core defence expenditure only.".into());
    }

    let mut gaps_section = Section::new("gaps", "Every gap", tidy.clone());
    gaps_section.detail = true;

    let mut metadata = year_metadata(edition, year);
    metadata.insert("targets_pct_of_gdp".into(), json!(targets));
    metadata.insert("money_unit".into(), json!("USD billion"));

    Ok(Report {
        title: format!(
            "Gaps to {} of GDP, {year_label} ({}, {})",
            targets
                .iter()
                .map(|t| format!("{}%", pct(*t)))
                .collect::<Vec<_>>()
                .join(", "),
            edition.id,
            edition.basis.label()
        ),
        metadata,
        summary,
        sections: vec![
            Section::new("allies", "By ally (current USD)", by_ally),
            Section::new("groups", "By group: level and increment", groups_table),
            gaps_section,
        ],
        notes,
        citation: edition.citation.clone(),
        tidy,
    })
}
