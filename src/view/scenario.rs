//! `scenario run` and `scenario list`: what each ally, and each group, would
//! need to spend year by year to reach a scenario's target by its target year.

use serde_json::json;

use super::edition_metadata;
use crate::calc::path::{PathYear, Paths};
use crate::data::{Basis, Catalog, EditionData};
use crate::error::Result;
use crate::export::{ColumnSpec, Report, Section, Table, Value};
use crate::scenario::outcome::{Class, GroupOutcome, Outcome};
use crate::scenario::Scenario;
use crate::units::{bn, pct};

/// The shipped scenarios, one row each.
pub fn list(scenarios: &[(&str, Scenario)]) -> Report {
    let mut table = Table::new(vec![
        ColumnSpec::new("id", "Scenario"),
        ColumnSpec::new("name", "Name"),
        ColumnSpec::new("edition", "Edition"),
        ColumnSpec::new("years", "Years"),
        ColumnSpec::new("target", "Target"),
        ColumnSpec::new("path", "Path"),
    ]);
    for (id, s) in scenarios {
        table.push(vec![
            Value::text(*id),
            Value::text(&s.name),
            Value::text(&s.edition),
            Value::text(format!("{}-{}", s.baseline_year, s.target_year)),
            Value::text(s.describe_target()),
            Value::text(s.path.key()),
        ]);
    }
    Report {
        title: "Shipped scenarios".into(),
        metadata: serde_json::Map::new(),
        summary: vec!["Run one with `defspend scenario run NAME` or give the path of your own file.".into()],
        sections: vec![Section::new("scenarios", "Scenarios", table.clone())],
        notes: vec!["scenarios/README.md documents every key of a scenario file.".into()],
        citation: "Scenarios are assumptions applied to NATO's figures; the edition each uses is cited when it runs.".into(),
        tidy: table,
    }
}

/// The sentence on the allies that need more than the scenario's growth
/// threshold at the steepest (`steep`: "Name (x.x%)", in name order).
pub fn steep_sentence(s: &Scenario, steep: &[String]) -> String {
    if steep.is_empty() {
        format!(
            "No ally's path needs more than {}% real growth a year.",
            pct(s.growth_threshold)
        )
    } else {
        format!(
            "{} {} more than {}% real growth a year at the steepest: {}.",
            steep.len(),
            if steep.len() == 1 {
                "ally needs"
            } else {
                "allies need"
            },
            pct(s.growth_threshold),
            steep.join(", ")
        )
    }
}

/// The allies that need more than the threshold, as [`steep_sentence`]
/// lists them.
pub fn steep_names(outcome: &Outcome, catalog: &Catalog) -> Vec<String> {
    let mut steep: Vec<String> = outcome
        .allies
        .iter()
        .filter_map(|a| match a.class {
            Class::Steep(g) => Some(format!("{} ({g:.1}%)", catalog.name_of(&a.code))),
            _ => None,
        })
        .collect();
    steep.sort();
    steep
}

/// A group's path from the baseline to the target year, after its label:
/// "2.10% of GDP in 2025 to 3.50% in 2035; +$… bn a year by 2035 …".
pub fn group_path_text(s: &Scenario, g: &GroupOutcome, constant: &str) -> String {
    let (first, last) = (g.first(), g.last());
    let mut line = format!(
        "{:.2}% of GDP in {} to {:.2}% in {}; +${:.1} bn a year by {} ({constant}), +${:.1} bn in current USD.",
        first.and_then(|g| g.required_share).unwrap_or(f64::NAN),
        s.baseline_year,
        last.and_then(|g| g.required_share).unwrap_or(f64::NAN),
        s.target_year,
        bn(last.map(|g| g.added_constant)).unwrap_or(0.0),
        s.target_year,
        bn(last.map(|g| g.added_current)).unwrap_or(0.0),
    );
    if let Some(related) = s.related {
        let gdp_cur = last.map_or(0.0, |g| g.gdp_current);
        line.push_str(&format!(
            " Related spending at {}% of GDP: ${:.1} bn in {} (current USD).",
            pct(related),
            related / 100.0 * gdp_cur / 1000.0,
            s.target_year
        ));
    }
    line
}

/// A scenario's run: `selected` allies (codes) get their paths year by year in the table.
pub fn report(
    catalog: &Catalog,
    data: &EditionData,
    s: &Scenario,
    paths: &Paths,
    outcome: &Outcome,
    selected: &[String],
) -> Result<Report> {
    let edition = &data.edition;
    let constant = edition.constant_basis();
    let name_of = |code: &str| catalog.name_of(code);

    // Per ally: the last row (target year) and the steepest year.
    let mut summary_table = Table::new(vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new(
            "baseline_share",
            &format!("Share {} (%)", edition.year_label(s.baseline_year)),
        ),
        ColumnSpec::new("target", "Target (%)"),
        ColumnSpec::new("path", "Path"),
        ColumnSpec::new("max_real_growth", "Real growth needed (% a year, max)"),
        ColumnSpec::new(
            &crate::export::based("added_constant_bn", edition.price_base_year),
            &format!("Added by {} (USD bn, {constant})", s.target_year),
        ),
        ColumnSpec::new(
            "added_current_bn",
            &format!("Added by {} (USD bn, current)", s.target_year),
        ),
        ColumnSpec::new("flag", "Flag"),
    ]);
    let mut detail = Table::new(vec![
        ColumnSpec::new("kind", "Kind"),
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("name", "Name"),
        ColumnSpec::new("scenario", "Scenario"),
        ColumnSpec::new("edition", "Edition"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("target_pct", "Target (% of GDP)"),
        ColumnSpec::new("required_share", "Required share of GDP (%)"),
        ColumnSpec::new("published_share", "Published share (%)"),
        ColumnSpec::new(
            &crate::export::based("spending_constant_bn", edition.price_base_year),
            &format!("Spending (USD bn, {constant})"),
        ),
        ColumnSpec::new("spending_current_bn", "Spending (USD bn, current)"),
        ColumnSpec::new(
            &crate::export::based("added_constant_bn", edition.price_base_year),
            &format!("Added vs baseline (USD bn, {constant})"),
        ),
        ColumnSpec::new("added_current_bn", "Added vs baseline (USD bn, current)"),
        ColumnSpec::new("real_growth_pct", "Real growth (%)"),
    ]);
    let mut selected_table = Table::new(
        detail.columns[2..]
            .iter()
            .filter(|c| c.key != "scenario" && c.key != "edition")
            .cloned()
            .collect(),
    );

    let mut at_target = Vec::new();
    let mut no_data = Vec::new();
    // The paths come sorted by ally, then year: one run of rows per ally,
    // in the order of the outcome's allies.
    for (ally_years, found) in paths
        .years
        .chunk_by(|a, b| a.code == b.code)
        .zip(&outcome.allies)
    {
        let first: &PathYear = &ally_years[0];
        let last: &PathYear = &ally_years[ally_years.len() - 1];
        let code = &first.code;
        let name = name_of(code);
        for p in ally_years {
            let row = vec![
                Value::text(code),
                Value::text(&name),
                Value::text(&s.name),
                Value::text(&edition.id),
                Value::Int(p.year.into()),
                Value::Number(p.target, 2),
                Value::share(p.required_share),
                Value::share(p.published_share),
                Value::usd_bn(p.spending_constant, 2),
                Value::usd_bn(p.spending_current, 2),
                Value::usd_bn(p.added_constant, 2),
                Value::usd_bn(p.added_current, 2),
                Value::num(p.real_growth, 1),
            ];
            if selected.contains(code) {
                let mut shown = vec![row[1].clone(), Value::text(edition.year_label(p.year))];
                shown.extend(row[5..].iter().cloned());
                selected_table.push(shown);
            }
            let mut tidy = vec![Value::text("ally")];
            tidy.extend(row);
            detail.push(tidy);
        }
        let flag = match found.class {
            Class::NoData => {
                no_data.push(name.clone());
                format!("no {} figures", s.baseline_year)
            }
            Class::AtTarget => {
                at_target.push(name.clone());
                "already at target".to_string()
            }
            Class::Steep(_) => {
                format!("needs > {}% real growth a year", pct(s.growth_threshold))
            }
            Class::OnPath => String::new(),
        };
        summary_table.push(vec![
            Value::text(&name),
            Value::share(first.baseline_share),
            Value::Number(first.target, 2),
            Value::text(first.path.key()),
            Value::num(found.max_growth, 1),
            Value::usd_bn(last.added_constant, 1),
            Value::usd_bn(last.added_current, 1),
            if flag.is_empty() {
                Value::Missing
            } else {
                Value::text(flag)
            },
        ]);
    }

    // Allies in name order, as in every other table.
    summary_table.rows.sort_by(|a, b| match (&a[0], &b[0]) {
        (Value::Text(x), Value::Text(y)) => x.cmp(y),
        _ => std::cmp::Ordering::Equal,
    });

    let mut groups_table = Table::new(vec![
        ColumnSpec::new("group", "Group"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("required_share", "Share of GDP (%)"),
        ColumnSpec::new(
            &crate::export::based("spending_constant_bn", edition.price_base_year),
            &format!("Spending (USD bn, {constant})"),
        ),
        ColumnSpec::new(
            &crate::export::based("added_constant_bn", edition.price_base_year),
            &format!("Added vs baseline (USD bn, {constant})"),
        ),
        ColumnSpec::new("added_current_bn", "Added vs baseline (USD bn, current)"),
        ColumnSpec::new("real_growth_pct", "Real growth (%)"),
    ]);
    let mut summary = vec![
        s.description.clone(),
        format!(
            "Target: {} by {}, {} path from {}{}; {}.",
            s.describe_target(),
            s.target_year,
            s.path.key(),
            edition.year_label(s.baseline_year),
            s.review_year
                .map(|r| format!(", review in {r}"))
                .unwrap_or_default(),
            s.describe_economy(),
        ),
    ];
    let in_scope = s.allies.len() - no_data.len();
    summary.push(format!(
        "{} of {in_scope} allies are already at their target in {}.",
        at_target.len(),
        edition.year_label(s.baseline_year)
    ));
    summary.push(steep_sentence(s, &steep_names(outcome, catalog)));
    for (group, found) in s.groups.iter().zip(&outcome.groups) {
        let years = &found.years;
        for g in years {
            let values = [
                Value::share(g.required_share),
                Value::usd_bn(Some(g.spending_constant), 1),
                Value::usd_bn(Some(g.added_constant), 1),
                Value::usd_bn(Some(g.added_current), 1),
                Value::num(g.real_growth, 1),
            ];
            let mut row = vec![
                Value::text(&group.label),
                Value::text(edition.year_label(g.year)),
            ];
            row.extend(values.iter().cloned());
            groups_table.push(row);
            detail.push(vec![
                Value::text("group"),
                Value::text(&group.key),
                Value::text(&group.label),
                Value::text(&s.name),
                Value::text(&edition.id),
                Value::Int(g.year.into()),
                Value::Missing,
                values[0].clone(),
                Value::Missing,
                values[1].clone(),
                Value::usd_bn(Some(g.spending_current), 2),
                values[2].clone(),
                values[3].clone(),
                values[4].clone(),
            ]);
        }
        summary.push(format!(
            "{}: {}",
            group.label,
            group_path_text(s, found, &constant)
        ));
    }

    let mut notes = vec![
        format!(
            "Paths start from NATO's published share in {} (the baseline); GDP grows by the scenario's real rate; current dollars apply each ally's {} price level and the scenario's USD inflation.",
            edition.year_label(s.baseline_year),
            edition.year_label(s.baseline_year)
        ),
        "An ally at or above its target keeps its baseline share. Group figures add up members' spending and GDP.".into(),
    ];
    if let Some(e) = &s.economy {
        notes.push(format!(
            "GDP paths: each ally's real GDP growth (constant prices) and the growth of its GDP in current USD from the {} ({}), year by year to {}; after {}, its {} real growth holds and USD prices rise {}% a year. Allies with their own real_gdp_growth in the file keep it.",
            e.title,
            e.id,
            e.last_year,
            e.last_year,
            e.last_year,
            pct(s.inflation)
        ));
    }
    if let Some(related) = s.related {
        notes.push(format!(
            "NATO's tables measure {}; the {}% related spending (infrastructure, resilience, industrial base) has no published baseline or accounting rules, so it is shown as an amount on top, not as a path.",
            edition.basis.label(),
            pct(related)
        ));
        if edition.basis == Basis::Total {
            notes.push("This edition reports total, not core, defence expenditure: the core target is compared with total spending.".into());
        }
    }
    for plan in s.allies.iter().filter(|a| a.note.is_some()) {
        notes.push(format!(
            "{}: own target {}% ({}).",
            name_of(&plan.code),
            pct(plan.target),
            plan.note.as_deref().unwrap_or_default()
        ));
    }
    for code in &s.excluded {
        notes.push(format!(
            "{} is excluded by the scenario file.",
            name_of(code)
        ));
    }
    for ally in catalog.allies.iter().filter(|a| !a.has_armed_forces) {
        notes.push(format!(
            "{}: no armed forces, not in the scenario.",
            ally.name
        ));
    }
    for name in &no_data {
        notes.push(format!(
            "{name}: edition {} has no {} figures, so no path.",
            edition.id, s.baseline_year
        ));
    }
    if let Some(last) = edition.estimate_years.iter().max() {
        notes.push(format!(
            "Years after {last} are projections of this scenario, not NATO figures; {} are NATO estimates.",
            edition.estimate_years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
        ));
    }

    let mut metadata = edition_metadata(edition);
    metadata.insert("scenario".into(), json!(s.name));
    metadata.insert("scenario_file".into(), json!(s.source));
    metadata.insert("baseline_year".into(), json!(s.baseline_year));
    metadata.insert("target_year".into(), json!(s.target_year));
    metadata.insert("review_year".into(), json!(s.review_year));
    metadata.insert("target_pct_of_gdp".into(), json!(s.measured_target));
    metadata.insert("related_pct_of_gdp".into(), json!(s.related));
    metadata.insert("headline_pct_of_gdp".into(), json!(s.headline()));
    metadata.insert("path".into(), json!(s.path.key()));
    metadata.insert("real_gdp_growth_pct".into(), json!(s.real_gdp_growth));
    metadata.insert(
        "economy".into(),
        json!(s.economy.as_ref().map(|e| json!({
            "outlook": e.id,
            "title": e.title,
            "last_year": e.last_year,
            "citation": e.citation,
        }))),
    );
    metadata.insert("inflation_pct".into(), json!(s.inflation));
    metadata.insert("growth_threshold_pct".into(), json!(s.growth_threshold));
    metadata.insert("money_unit".into(), json!("USD billion"));

    let mut sections = vec![
        Section::new(
            "allies",
            format!(
                "Allies: what reaching the target by {} takes",
                s.target_year
            ),
            summary_table,
        ),
        Section::new("groups", "Groups, year by year", groups_table),
    ];
    if !selected_table.rows.is_empty() {
        sections.push(Section::new(
            "selected",
            "Selected allies, year by year",
            selected_table,
        ));
    }
    let mut paths_section = Section::new("paths", "Every path, year by year", detail.clone());
    paths_section.detail = true;
    sections.push(paths_section);

    Ok(Report {
        title: format!(
            "Scenario: {} ({}, {}-{})",
            s.name, edition.id, s.baseline_year, s.target_year
        ),
        metadata,
        summary,
        sections,
        notes,
        citation: match &s.economy {
            Some(e) => format!("{}\n{}", edition.citation, e.citation),
            None => edition.citation.clone(),
        },
        tidy: detail,
    })
}
