//! `shortfall`: which allies fall short of a target share of GDP in a year, by
//! how much in points and in dollars, and what the gaps add up to.

use serde_json::json;

use super::{ally_tidy_row, gap_tidy_table, group_tidy_row, year_metadata};
use crate::calc::{ShareSource, Standings, Status};
use crate::data::allies::CommitmentBasis;
use crate::data::Group;
use crate::error::Result;
use crate::export::{ColumnSpec, Report, Section, Table, Value};
use crate::units::pct;

/// `groups`: the groups whose totals are reported.
pub fn report(scope: &super::Scope, standings: &Standings, groups: &[&Group]) -> Result<Report> {
    let (catalog, edition, year) = (scope.catalog, scope.edition, scope.year);
    let target = standings.target;
    let year_label = edition.year_label(year);
    let constant = edition.constant_basis();
    let t = pct(target);

    let mut below = Table::new(vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
        ColumnSpec::new("gap_points", "Gap (points)"),
        ColumnSpec::new("gap_usd_current_bn", "Gap (USD bn, current)"),
        ColumnSpec::new(
            &crate::export::based("gap_usd_constant_bn", edition.price_base_year),
            &format!("Gap (USD bn, {constant})"),
        ),
    ]);
    let mut meeting = Table::new(vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
        ColumnSpec::new("above_target_points", "Above target (points)"),
    ]);
    let mut tidy = gap_tidy_table(edition.price_base_year);
    for s in &standings.rows {
        match s.status {
            Status::Below => below.push(vec![
                Value::text(&s.name),
                Value::text(&s.code),
                Value::share(s.share),
                Value::share(s.gap.points),
                Value::usd_bn(s.gap.usd_current_m, 2),
                Value::usd_bn(s.gap.usd_constant_m, 2),
            ]),
            Status::Meets => meeting.push(vec![
                Value::text(&s.name),
                Value::text(&s.code),
                Value::share(s.share),
                Value::share(s.share.map(|v| v - target)),
            ]),
            Status::NotApplicable | Status::NoData => {}
        }
        tidy.push(ally_tidy_row(edition, s));
    }
    // Highest share first among those meeting the target.
    meeting.rows.reverse();
    let not_applicable: Vec<_> = standings.with_status(Status::NotApplicable).collect();
    let no_data: Vec<&str> = standings
        .with_status(Status::NoData)
        .map(|s| s.name.as_str())
        .collect();
    let n_below = standings.with_status(Status::Below).count();
    let n_meet = standings.with_status(Status::Meets).count();

    let mut group_table = Table::new(vec![
        ColumnSpec::new("group", "Group"),
        ColumnSpec::new("allies", "Allies"),
        ColumnSpec::new("allies_below", "Below target"),
        ColumnSpec::new("share_of_gdp", "Group share of GDP (%)"),
        ColumnSpec::new("gap_usd_current_bn", "Gap (USD bn, current)"),
        ColumnSpec::new(
            &crate::export::based("gap_usd_constant_bn", edition.price_base_year),
            &format!("Gap (USD bn, {constant})"),
        ),
    ]);
    for group in groups {
        let g = standings.group_total(group)?;
        group_table.push(vec![
            Value::text(&group.label),
            Value::Int(g.members.into()),
            Value::Int(g.below.into()),
            Value::share(g.share),
            Value::usd_bn(Some(g.gap_usd_current_m), 2),
            Value::usd_bn(Some(g.gap_usd_constant_m), 2),
        ]);
        tidy.push(group_tidy_row(edition, year, group, &g));
    }

    let counted = n_meet + n_below;
    let mut summary = vec![format!(
        "{n_meet} of {counted} allies with armed forces meet {t}% of GDP in {year_label}; {n_below} {}.",
        if n_below == 1 { "falls short" } else { "fall short" }
    )];
    for s in &not_applicable {
        summary.push(format!("{}: n/a (no armed forces), not counted.", s.name));
    }
    if !no_data.is_empty() {
        summary.push(format!(
            "No figures for {year_label}: {} (not counted).",
            no_data.join(", ")
        ));
    }
    let mut notes = Vec::new();
    for ally in &catalog.allies {
        if ally.accession_year() > year {
            notes.push(format!(
                "{} joined NATO on {} and is not counted for {year}.",
                ally.name,
                ally.accession_date.format("%-d %B %Y")
            ));
        }
    }
    // Allies that measure their commitment on another basis, where they fall short.
    for ally in &catalog.allies {
        let short = standings
            .get(&ally.nato_code)
            .is_some_and(|s| s.status == Status::Below);
        if short && ally.commitment_basis != CommitmentBasis::Gdp {
            if let Some(note) = &ally.note {
                notes.push(format!("{}: {note}", ally.name));
            }
        }
    }
    notes.push(
        "Gaps: (target - share) / 100 x GDP for allies below the target, 0 for the others; group gaps add up members' gaps.".into(),
    );
    if edition.is_estimate(year) {
        notes.push(format!("{year} figures are estimates."));
    }
    if standings
        .rows
        .iter()
        .any(|s| s.share_source.is_some_and(|x| x != ShareSource::Published))
    {
        notes.push("Some shares are computed from spending and GDP because NATO publishes none for them (share_source in CSV/JSON).".into());
    }
    if standings
        .with_status(Status::Below)
        .any(|s| s.gdp_constant_derived)
    {
        notes.push(format!(
            "This edition publishes no constant-price GDP: constant gaps use {constant} spending / published share."
        ));
    }

    let mut metadata = year_metadata(edition, year);
    metadata.insert("target_pct_of_gdp".into(), json!(target));
    metadata.insert("money_unit".into(), json!("USD billion"));
    metadata.insert("allies_meeting".into(), json!(n_meet));
    metadata.insert("allies_below".into(), json!(n_below));
    metadata.insert("allies_counted".into(), json!(counted));
    metadata.insert(
        "not_counted".into(),
        json!(not_applicable
            .iter()
            .map(|s| json!({"ally": s.name, "code": s.code, "reason": "no armed forces"}))
            .collect::<Vec<_>>()),
    );

    Ok(Report {
        title: format!(
            "Allies against {t}% of GDP, {year_label} ({}, {})",
            edition.id,
            edition.basis.label()
        ),
        metadata,
        summary,
        sections: vec![
            Section::new("allies_below", format!("Below {t}% ({n_below})"), below),
            Section::new(
                "allies_meeting",
                format!("At or above {t}% ({n_meet})"),
                meeting,
            ),
            Section::new(
                "groups",
                format!("Group totals of the gap to {t}%"),
                group_table,
            ),
        ],
        notes,
        citation: edition.citation.clone(),
        tidy,
    })
}
