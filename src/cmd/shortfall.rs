//! `defspend shortfall`: which allies fall short of a target share of GDP in a
//! year, by how much in points and in dollars, and what the gaps add up to.

use serde_json::json;

use super::{bn, emit, gap_tidy_table, group_tidy_row, resolve_year, year_metadata};
use crate::calc::{self, status, Group};
use crate::cli::ShortfallArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::{ColumnSpec, Report, Section, Table, Value};
use crate::frame::{bool_at, f64_at, str_at, u32_at};

pub fn run(catalog: &Catalog, args: &ShortfallArgs) -> Result<()> {
    let data = catalog.load_edition(args.edition.as_deref())?;
    let year = resolve_year(&data.edition, args.year)?;
    let report = build(catalog, &data, year, args.target)?;
    emit(&report, &args.output)
}

/// "2" for 2.0, "3.5" for 3.5.
pub fn pct(target: f64) -> String {
    format!("{}", (target * 1000.0).round() / 1000.0)
}

pub fn build(
    catalog: &Catalog,
    data: &crate::data::EditionData,
    year: i32,
    target: f64,
) -> Result<Report> {
    let edition = &data.edition;
    let allies = calc::allies_frame(&catalog.allies)?;
    let standing = calc::standing(&data.expenditure, &allies, year, target)?;
    let year_label = edition.year_label(year);
    let constant = edition.constant_basis();
    let t = pct(target);

    let mut below = Table::new(vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
        ColumnSpec::new("gap_points", "Gap (points)"),
        ColumnSpec::new("gap_usd_current_bn", "Gap (USD bn, current)"),
        ColumnSpec::new("gap_usd_constant_bn", &format!("Gap (USD bn, {constant})")),
    ]);
    let mut meeting = Table::new(vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
        ColumnSpec::new("above_target_points", "Above target (points)"),
    ]);
    let mut tidy = gap_tidy_table();
    let mut notes = Vec::new();
    let mut not_applicable = Vec::new();
    let mut no_data = Vec::new();
    let (mut n_meet, mut n_below) = (0, 0);
    let mut non_published = false;
    let mut derived_constant = false;

    let mut meeting_rows = Vec::new();
    let mut below_codes = Vec::new();
    for i in 0..standing.height() {
        let name = str_at(&standing, "name", i).unwrap_or_default().to_string();
        let code = str_at(&standing, "code", i).unwrap_or_default().to_string();
        let st = str_at(&standing, "status", i).unwrap_or(status::NO_DATA);
        let share = f64_at(&standing, "share", i);
        let source = str_at(&standing, "share_source", i);
        non_published |= source.is_some_and(|s| s != calc::share_source::PUBLISHED);
        derived_constant |=
            st == status::BELOW && bool_at(&standing, "gdp_constant_derived", i).unwrap_or(false);
        let gap_cur = bn(f64_at(&standing, "gap_usd_current_m", i));
        let gap_con = bn(f64_at(&standing, "gap_usd_constant_m", i));
        match st {
            status::BELOW => {
                n_below += 1;
                below_codes.push(code.clone());
                below.push(vec![
                    Value::text(&name),
                    Value::text(&code),
                    Value::num(share, 2),
                    Value::num(f64_at(&standing, "gap_points", i), 2),
                    Value::num(gap_cur, 2),
                    Value::num(gap_con, 2),
                ]);
            }
            status::MEETS => {
                n_meet += 1;
                meeting_rows.push(vec![
                    Value::text(&name),
                    Value::text(&code),
                    Value::num(share, 2),
                    Value::num(share.map(|s| s - target), 2),
                ]);
            }
            status::NOT_APPLICABLE => not_applicable.push((name.clone(), code.clone())),
            _ => no_data.push(name.clone()),
        }
        tidy.push(vec![
            Value::text("ally"),
            Value::text(&code),
            Value::text(&name),
            Value::text(&edition.id),
            Value::Int(year.into()),
            Value::Bool(edition.is_estimate(year)),
            Value::Number(target, 2),
            Value::text(st),
            Value::num(share, 2),
            source.map_or(Value::Missing, Value::text),
            Value::num(f64_at(&standing, "gap_points", i), 2),
            Value::num(gap_cur, 2),
            Value::num(gap_con, 2),
            Value::Missing,
        ]);
    }
    // Highest share first among those meeting the target.
    meeting_rows.reverse();
    for row in meeting_rows {
        meeting.push(row);
    }

    let mut groups = Table::new(vec![
        ColumnSpec::new("group", "Group"),
        ColumnSpec::new("allies", "Allies"),
        ColumnSpec::new("allies_below", "Below target"),
        ColumnSpec::new("share_of_gdp", "Group share of GDP (%)"),
        ColumnSpec::new("gap_usd_current_bn", "Gap (USD bn, current)"),
        ColumnSpec::new("gap_usd_constant_bn", &format!("Gap (USD bn, {constant})")),
    ]);
    for group in Group::standard() {
        let g = calc::group_gap(&standing, &group)?;
        let gap_cur = bn(f64_at(&g, "gap_usd_current_m", 0));
        let gap_con = bn(f64_at(&g, "gap_usd_constant_m", 0));
        let below_count = u32_at(&g, "below", 0).unwrap_or(0);
        let share = f64_at(&g, "share", 0);
        groups.push(vec![
            Value::text(group.label()),
            Value::Int(u32_at(&g, "members", 0).unwrap_or(0).into()),
            Value::Int(below_count.into()),
            Value::num(share, 2),
            Value::num(gap_cur, 2),
            Value::num(gap_con, 2),
        ]);
        tidy.push(group_tidy_row(edition, year, target, &group, &g));
    }

    let counted = n_meet + n_below;
    let mut summary = vec![format!(
        "{n_meet} of {counted} allies with armed forces meet {t}% of GDP in {year_label}; {n_below} {}.",
        if n_below == 1 { "falls short" } else { "fall short" }
    )];
    for (name, _) in &not_applicable {
        summary.push(format!("{name}: n/a (no armed forces), not counted."));
    }
    if !no_data.is_empty() {
        summary.push(format!(
            "No figures for {year_label}: {} (not counted).",
            no_data.join(", ")
        ));
    }
    for ally in &catalog.allies {
        if ally.accession_year() > year {
            notes.push(format!(
                "{} joined NATO on {} and is not counted for {year}.",
                ally.name,
                ally.accession_date.format("%-d %B %Y")
            ));
        }
    }
    if below_codes.iter().any(|c| c == "LU") {
        if let Some(note) = catalog
            .allies
            .iter()
            .find(|a| a.nato_code == "LU")
            .and_then(|a| a.note.as_ref())
        {
            notes.push(format!("Luxembourg: {note}"));
        }
    }
    notes.push(
        "Gaps: (target - share) / 100 x GDP for allies below the target, 0 for the others; group gaps add up members' gaps.".into(),
    );
    if edition.is_estimate(year) {
        notes.push(format!("{year} figures are estimates."));
    }
    if non_published {
        notes.push("Some shares are computed from spending and GDP because NATO publishes none for them (share_source in CSV/JSON).".into());
    }
    if derived_constant {
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
            .map(|(n, c)| json!({"ally": n, "code": c, "reason": "no armed forces"}))
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
            Section::new("groups", format!("Group totals of the gap to {t}%"), groups),
        ],
        notes,
        citation: edition.citation.clone(),
        tidy,
    })
}
