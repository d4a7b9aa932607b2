//! `defspend scenario list|check|run`: what each ally, and each group, would
//! need to spend year by year to reach a scenario's target by its target year.

use serde_json::json;

use super::{bn, edition_metadata, emit, shortfall::pct};
use crate::calc::{self, path};
use crate::cli::{OutputArgs, ScenarioCommand, ScenarioRunArgs};
use crate::data::Catalog;
use crate::error::Result;
use crate::export::{ColumnSpec, Report, Section, Table, Value};
use crate::frame::{bool_at, f64_at, i32_at, str_at};
use crate::scenario::{self, Scenario};

pub fn run(catalog: &Catalog, command: &ScenarioCommand) -> Result<()> {
    match command {
        ScenarioCommand::List(output) => list(catalog, output),
        ScenarioCommand::Check { file } => {
            let (display, text) = scenario::read(file)?;
            let s = scenario::parse(&display, &text, catalog)?;
            println!(
                "{display}: valid. {} ({}, {}-{}, {}, {} path, {} allies, {} groups).",
                s.name,
                s.edition,
                s.baseline_year,
                s.target_year,
                describe_target(&s),
                s.path.key(),
                s.allies.len(),
                s.groups.len()
            );
            Ok(())
        }
        ScenarioCommand::Run(args) => run_scenario(catalog, args),
    }
}

/// "3.5% core + 1.5% related = 5% of GDP" or "3% of GDP".
pub fn describe_target(s: &Scenario) -> String {
    match s.related {
        Some(r) => format!(
            "{}% core + {}% related = {}% of GDP",
            pct(s.measured_target),
            pct(r),
            pct(s.headline())
        ),
        None => format!("{}% of GDP", pct(s.measured_target)),
    }
}

fn list(catalog: &Catalog, output: &OutputArgs) -> Result<()> {
    let mut table = Table::new(vec![
        ColumnSpec::new("id", "Scenario"),
        ColumnSpec::new("name", "Name"),
        ColumnSpec::new("edition", "Edition"),
        ColumnSpec::new("years", "Years"),
        ColumnSpec::new("target", "Target"),
        ColumnSpec::new("path", "Path"),
    ]);
    for (id, text) in scenario::SHIPPED {
        let s = scenario::parse(&format!("scenarios/{id}.toml"), text, catalog)?;
        table.push(vec![
            Value::text(*id),
            Value::text(&s.name),
            Value::text(&s.edition),
            Value::text(format!("{}-{}", s.baseline_year, s.target_year)),
            Value::text(describe_target(&s)),
            Value::text(s.path.key()),
        ]);
    }
    let report = Report {
        title: "Shipped scenarios".into(),
        metadata: serde_json::Map::new(),
        summary: vec!["Run one with `defspend scenario run NAME` or give the path of your own file.".into()],
        sections: vec![Section::new("scenarios", "Scenarios", table.clone())],
        notes: vec!["scenarios/README.md documents every key of a scenario file.".into()],
        citation: "Scenarios are assumptions applied to NATO's figures; the edition each uses is cited when it runs.".into(),
        tidy: table,
    };
    emit(&report, output)
}

fn run_scenario(catalog: &Catalog, args: &ScenarioRunArgs) -> Result<()> {
    let mut s = scenario::load(&args.file, catalog)?;
    if let Some(t) = args.growth_threshold {
        s.growth_threshold = t;
    }
    let selected = args
        .allies
        .iter()
        .map(|a| catalog.ally(a).map(|a| a.nato_code.clone()))
        .collect::<Result<Vec<_>>>()?;
    let report = build(catalog, &s, &selected)?;
    emit(&report, &args.output)
}

pub fn build(catalog: &Catalog, s: &Scenario, selected: &[String]) -> Result<Report> {
    let data = catalog.load_edition(Some(&s.edition))?;
    let edition = &data.edition;
    let allies = calc::allies_frame(&catalog.allies)?;
    let paths = s.paths(&data.expenditure)?;
    let constant = edition.constant_basis();
    let name_of = |code: &str| {
        catalog
            .allies
            .iter()
            .find(|a| a.nato_code == code)
            .map_or(code.to_string(), |a| a.name.clone())
    };

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
            "added_constant_bn",
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
            "spending_constant_bn",
            &format!("Spending (USD bn, {constant})"),
        ),
        ColumnSpec::new("spending_current_bn", "Spending (USD bn, current)"),
        ColumnSpec::new(
            "added_constant_bn",
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

    let mut steep = Vec::new();
    let mut at_target = Vec::new();
    let mut no_data = Vec::new();
    // Build the ally summary with one pass over the sorted paths.
    let mut i = 0;
    while i < paths.height() {
        let code = str_at(&paths, "code", i).unwrap_or_default().to_string();
        let mut j = i;
        let mut max_growth = f64::NEG_INFINITY;
        while j < paths.height() && str_at(&paths, "code", j) == Some(code.as_str()) {
            if let Some(g) = f64_at(&paths, "real_growth", j) {
                max_growth = max_growth.max(g);
            }
            let year = i32_at(&paths, "year", j).unwrap_or_default();
            let row = vec![
                Value::text(&code),
                Value::text(name_of(&code)),
                Value::text(&s.name),
                Value::text(&edition.id),
                Value::Int(year.into()),
                Value::num(f64_at(&paths, "target", j), 2),
                Value::num(f64_at(&paths, "required_share", j), 2),
                Value::num(f64_at(&paths, "published_share", j), 2),
                Value::num(bn(f64_at(&paths, "spending_constant", j)), 2),
                Value::num(bn(f64_at(&paths, "spending_current", j)), 2),
                Value::num(bn(f64_at(&paths, "added_constant", j)), 2),
                Value::num(bn(f64_at(&paths, "added_current", j)), 2),
                Value::num(f64_at(&paths, "real_growth", j), 1),
            ];
            if selected.contains(&code) {
                let mut shown = vec![row[1].clone(), Value::text(edition.year_label(year))];
                shown.extend(row[5..].iter().cloned());
                selected_table.push(shown);
            }
            let mut tidy = vec![Value::text("ally")];
            tidy.extend(row);
            detail.push(tidy);
            j += 1;
        }
        let last = j - 1;
        let name = name_of(&code);
        let baseline_share = f64_at(&paths, "baseline_share", i);
        let flag = if baseline_share.is_none() {
            no_data.push(name.clone());
            format!("no {} figures", s.baseline_year)
        } else if bool_at(&paths, "at_target", i).unwrap_or(false) {
            at_target.push(name.clone());
            "already at target".to_string()
        } else if max_growth > s.growth_threshold {
            steep.push(format!("{name} ({max_growth:.1}%)"));
            format!("needs > {}% real growth a year", pct(s.growth_threshold))
        } else {
            String::new()
        };
        summary_table.push(vec![
            Value::text(&name),
            Value::num(baseline_share, 2),
            Value::num(f64_at(&paths, "target", i), 2),
            Value::text(str_at(&paths, "path", i).unwrap_or_default()),
            Value::num(Some(max_growth).filter(|g| g.is_finite()), 1),
            Value::num(bn(f64_at(&paths, "added_constant", last)), 1),
            Value::num(bn(f64_at(&paths, "added_current", last)), 1),
            if flag.is_empty() {
                Value::Missing
            } else {
                Value::text(flag)
            },
        ]);
        i = j;
    }

    // Allies in name order, as in every other table.
    summary_table.rows.sort_by(|a, b| match (&a[0], &b[0]) {
        (Value::Text(x), Value::Text(y)) => x.cmp(y),
        _ => std::cmp::Ordering::Equal,
    });

    // Groups.
    let mut groups_table = Table::new(vec![
        ColumnSpec::new("group", "Group"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("required_share", "Share of GDP (%)"),
        ColumnSpec::new(
            "spending_constant_bn",
            &format!("Spending (USD bn, {constant})"),
        ),
        ColumnSpec::new(
            "added_constant_bn",
            &format!("Added vs baseline (USD bn, {constant})"),
        ),
        ColumnSpec::new("added_current_bn", "Added vs baseline (USD bn, current)"),
        ColumnSpec::new("real_growth_pct", "Real growth (%)"),
    ]);
    let mut summary = vec![
        s.description.clone(),
        format!(
            "Target: {} by {}, {} path from {}{}; real GDP growth {}% a year, USD inflation {}% a year.",
            describe_target(s),
            s.target_year,
            s.path.key(),
            edition.year_label(s.baseline_year),
            s.review_year.map(|r| format!(", review in {r}")).unwrap_or_default(),
            pct(s.real_gdp_growth),
            pct(s.inflation),
        ),
    ];
    let in_scope = s.allies.len() - no_data.len();
    summary.push(format!(
        "{} of {in_scope} allies are already at their target in {}.",
        at_target.len(),
        edition.year_label(s.baseline_year)
    ));
    steep.sort();
    if steep.is_empty() {
        summary.push(format!(
            "No ally's path needs more than {}% real growth a year.",
            pct(s.growth_threshold)
        ));
    } else {
        summary.push(format!(
            "{} {} more than {}% real growth a year at the steepest: {}.",
            steep.len(),
            if steep.len() == 1 {
                "ally needs"
            } else {
                "allies need"
            },
            pct(s.growth_threshold),
            steep.join(", ")
        ));
    }
    for group in &s.groups {
        let g = path::group_path(&paths, &allies, group)?;
        for r in 0..g.height() {
            let year = i32_at(&g, "year", r).unwrap_or_default();
            let values = [
                Value::num(f64_at(&g, "required_share", r), 2),
                Value::num(bn(f64_at(&g, "spending_constant", r)), 1),
                Value::num(bn(f64_at(&g, "added_constant", r)), 1),
                Value::num(bn(f64_at(&g, "added_current", r)), 1),
                Value::num(f64_at(&g, "real_growth", r), 1),
            ];
            let mut row = vec![
                Value::text(group.label()),
                Value::text(edition.year_label(year)),
            ];
            row.extend(values.iter().cloned());
            groups_table.push(row);
            detail.push(vec![
                Value::text("group"),
                Value::text(group.key()),
                Value::text(group.label()),
                Value::text(&s.name),
                Value::text(&edition.id),
                Value::Int(year.into()),
                Value::Missing,
                values[0].clone(),
                Value::Missing,
                values[1].clone(),
                Value::num(bn(f64_at(&g, "spending_current", r)), 2),
                values[2].clone(),
                values[3].clone(),
                values[4].clone(),
            ]);
        }
        let last = g.height().saturating_sub(1);
        let (first_share, last_share) = (
            f64_at(&g, "required_share", 0),
            f64_at(&g, "required_share", last),
        );
        let mut line = format!(
            "{}: {:.2}% of GDP in {} to {:.2}% in {}; +${:.1} bn a year by {} ({constant}), +${:.1} bn in current USD.",
            group.label(),
            first_share.unwrap_or(f64::NAN),
            s.baseline_year,
            last_share.unwrap_or(f64::NAN),
            s.target_year,
            bn(f64_at(&g, "added_constant", last)).unwrap_or(0.0),
            s.target_year,
            bn(f64_at(&g, "added_current", last)).unwrap_or(0.0),
        );
        if let Some(related) = s.related {
            let gdp_cur = f64_at(&g, "gdp_current", last).unwrap_or(0.0);
            line.push_str(&format!(
                " Related spending at {}% of GDP: ${:.1} bn in {} (current USD).",
                pct(related),
                related / 100.0 * gdp_cur / 1000.0,
                s.target_year
            ));
        }
        summary.push(line);
    }

    let mut notes = vec![
        format!(
            "Paths start from NATO's published share in {} (the baseline); GDP grows by the scenario's real rate; current dollars apply each ally's {} price level and the scenario's USD inflation.",
            edition.year_label(s.baseline_year),
            edition.year_label(s.baseline_year)
        ),
        "An ally at or above its target keeps its baseline share. Group figures add up members' spending and GDP.".into(),
    ];
    if let Some(related) = s.related {
        notes.push(format!(
            "NATO's tables measure {}; the {}% related spending (infrastructure, resilience, industrial base) has no published baseline or accounting rules, so it is shown as an amount on top, not as a path.",
            edition.basis.label(),
            pct(related)
        ));
        if edition.basis == crate::data::editions::Basis::Total {
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
        citation: edition.citation.clone(),
        tidy: detail,
    })
}
