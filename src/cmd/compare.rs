//! `defspend compare`: the gaps to several targets side by side — 2% (the
//! guideline), 3% (a demand voiced in 2024), 3.5% and 5% (The Hague, 2025) —
//! per ally and per group, as a level and as an increment.

use std::collections::HashMap;

use serde_json::json;

use super::shortfall::pct;
use super::{
    bn, emit, gap_tidy_table, group_increment, group_tidy_row, resolve_year, year_metadata,
};
use crate::calc::{self, status, Group};
use crate::cli::CompareArgs;
use crate::data::{Catalog, EditionData};
use crate::error::{Error, Result};
use crate::export::{ColumnSpec, Report, Section, Table, Value};
use crate::frame::{f64_at, str_at, u32_at};

pub fn run(catalog: &Catalog, args: &CompareArgs) -> Result<()> {
    let data = catalog.load_edition(args.edition.as_deref())?;
    let year = resolve_year(&data.edition, args.year)?;
    if args.targets.is_empty() {
        return Err(Error::usage("--targets", "give at least one target"));
    }
    let report = build(catalog, &data, year, &args.targets)?;
    emit(&report, &args.output)
}

pub fn build(catalog: &Catalog, data: &EditionData, year: i32, targets: &[f64]) -> Result<Report> {
    let edition = &data.edition;
    let allies = calc::allies_frame(&catalog.allies)?;
    let standings = targets
        .iter()
        .map(|t| calc::standing(&data.expenditure, &allies, year, *t))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let year_label = edition.year_label(year);
    let constant = edition.constant_basis();

    let mut columns = vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
    ];
    for t in targets {
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
    let mut tidy = gap_tidy_table();

    // Row of each ally in each target's standing.
    let index: Vec<HashMap<String, usize>> = standings
        .iter()
        .map(|st| {
            (0..st.height())
                .filter_map(|i| str_at(st, "code", i).map(|c| (c.to_string(), i)))
                .collect()
        })
        .collect();
    let first = &standings[0];
    let mut not_applicable = Vec::new();
    for i in 0..first.height() {
        let code = str_at(first, "code", i).unwrap_or_default().to_string();
        let name = str_at(first, "name", i).unwrap_or_default().to_string();
        if str_at(first, "status", i) == Some(status::NOT_APPLICABLE) {
            not_applicable.push(name);
            continue;
        }
        let share = f64_at(first, "share", i);
        let mut row = vec![Value::text(&name), Value::num(share, 2)];
        for (k, t) in targets.iter().enumerate() {
            let st = &standings[k];
            let j = index[k][&code];
            let gap_points = f64_at(st, "gap_points", j);
            let gap_cur = bn(f64_at(st, "gap_usd_current_m", j));
            let meets = str_at(st, "status", j) == Some(status::MEETS);
            row.push(if meets {
                Value::text("meets")
            } else {
                Value::num(gap_points, 2)
            });
            row.push(if meets {
                Value::text("–")
            } else {
                Value::num(gap_cur, 2)
            });
            tidy.push(vec![
                Value::text("ally"),
                Value::text(&code),
                Value::text(&name),
                Value::text(&edition.id),
                Value::Int(year.into()),
                Value::Bool(edition.is_estimate(year)),
                Value::Number(*t, 2),
                str_at(st, "status", j).map_or(Value::Missing, Value::text),
                Value::num(share, 2),
                str_at(st, "share_source", j).map_or(Value::Missing, Value::text),
                Value::num(gap_points, 2),
                Value::num(gap_cur, 2),
                Value::num(bn(f64_at(st, "gap_usd_constant_m", j)), 2),
                Value::Missing,
            ]);
        }
        by_ally.push(row);
    }

    let mut groups = Table::new(vec![
        ColumnSpec::new("target", "Level"),
        ColumnSpec::new("group", "Group"),
        ColumnSpec::new("allies_below", "Allies short"),
        ColumnSpec::new("share_of_gdp", "Group share now (%)"),
        ColumnSpec::new("increment_points", "Increment (points of group GDP)"),
        ColumnSpec::new("gap_usd_current_bn", "Increment (USD bn a year, current)"),
        ColumnSpec::new(
            "gap_usd_constant_bn",
            &format!("Increment (USD bn, {constant})"),
        ),
    ]);
    let mut summary = Vec::new();
    let mut totals = Vec::new();
    for (k, t) in targets.iter().enumerate() {
        let tl = pct(*t);
        for group in Group::standard() {
            let g = calc::group_gap(&standings[k], &group)?;
            let gap_cur_m = f64_at(&g, "gap_usd_current_m", 0);
            let increment = group_increment(&g);
            let below = u32_at(&g, "below", 0).unwrap_or(0);
            let members = u32_at(&g, "members", 0).unwrap_or(0);
            let gap_con = bn(f64_at(&g, "gap_usd_constant_m", 0));
            groups.push(vec![
                Value::text(format!("{tl}% of GDP")),
                Value::text(group.label()),
                Value::text(format!("{below} of {members}")),
                Value::num(f64_at(&g, "share", 0), 2),
                Value::num(increment, 2),
                Value::num(bn(gap_cur_m), 1),
                Value::num(gap_con, 1),
            ]);
            tidy.push(group_tidy_row(edition, year, *t, &group, &g));
            if group == Group::All {
                summary.push(format!(
                    "{tl}% of GDP: {below} of {members} allies with armed forces fall short in {year_label}.",
                ));
            }
            if group == Group::EuropeCanada {
                let text = format!(
                    "Europe and Canada to {tl}%: +${:.1} bn a year (current USD), +{:.2} points of their GDP.",
                    bn(gap_cur_m).unwrap_or(0.0),
                    increment.unwrap_or(0.0)
                );
                totals.push(text);
            }
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
        "Gaps in {constant} are in the CSV and JSON (gap_usd_constant_bn){}.",
        if data.expenditure.column("gdp_usd_constant_m").is_ok_and(|c| c.null_count() == c.len()) {
            "; this edition publishes no constant-price GDP, so they use constant spending / published share"
        } else {
            ""
        }
    ));
    if edition.basis == crate::data::editions::Basis::Total {
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
            Section::new("groups", "By group: level and increment", groups),
            gaps_section,
        ],
        notes,
        citation: edition.citation.clone(),
        tidy,
    })
}
