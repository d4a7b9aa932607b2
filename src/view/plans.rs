//! `plans`: each ally's announced plan beside the share a scenario requires
//! and NATO's published figures; who falls behind, from when, and what the
//! plan leaves short in the target year.

use serde_json::json;

use super::edition_metadata;
use crate::calc::plans::PlanComparison;
use crate::data::plans::{PlanBasis, Plans};
use crate::data::{Catalog, EditionData};
use crate::export::{ColumnSpec, Report, Section, Table, Value};
use crate::scenario::Scenario;
use crate::units::{bn, join_names, pct};

pub fn report(
    catalog: &Catalog,
    data: &EditionData,
    s: &Scenario,
    plans: &Plans,
    comparisons: &[PlanComparison],
    selected: &[String],
) -> Report {
    let edition = &data.edition;
    let constant = edition.constant_basis();
    let target_year = s.target_year;
    let name_of = |code: &str| catalog.name_of(code);

    let mut table = Table::new(vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("milestones", "Announced milestones"),
        ColumnSpec::new("lowest_trust", "Lowest trust"),
        ColumnSpec::new("planned_target_year", &format!("Plan {target_year} (%)")),
        ColumnSpec::new(
            "required_target_year",
            &format!("Required {target_year} (%)"),
        ),
        ColumnSpec::new("difference_points", "Plan - required (points)"),
        ColumnSpec::new("first_year_behind", "First year behind"),
        ColumnSpec::new(
            "shortfall_usd_current_bn",
            &format!("Short in {target_year} (USD bn, current)"),
        ),
        ColumnSpec::new(
            "shortfall_usd_constant_bn",
            &format!("Short in {target_year} (USD bn, {constant})"),
        ),
        ColumnSpec::new("flag", "Flag"),
    ]);
    let mut tidy = Table::new(vec![
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("name", "Name"),
        ColumnSpec::new("plans", "Plans"),
        ColumnSpec::new("scenario", "Scenario"),
        ColumnSpec::new("edition", "Edition"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("planned_share", "Planned share (%)"),
        ColumnSpec::new("required_share", "Required share (%)"),
        ColumnSpec::new("published_share", "Published share (%)"),
        ColumnSpec::new("behind", "Behind the path"),
    ]);
    let mut selected_table = Table::new(tidy.columns[1..].to_vec());
    selected_table
        .columns
        .retain(|c| !matches!(c.key.as_str(), "plans" | "scenario" | "edition"));

    let mut behind = Vec::new();
    let mut national = Vec::new();
    let (mut short_current, mut short_constant) = (0.0, 0.0);
    for c in comparisons {
        let name = name_of(&c.code);
        let milestones = plans.of(&c.code);
        let described: Vec<String> = milestones
            .iter()
            .map(|m| {
                format!(
                    "{}% {}{}",
                    pct(m.share),
                    m.year,
                    if m.basis == PlanBasis::Core {
                        " core"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        let lowest = milestones.iter().map(|m| m.trust).min();
        let is_national = milestones
            .iter()
            .any(|m| m.basis == PlanBasis::NationalDefinition);
        if is_national {
            national.push(name.clone());
        }
        if let Some(year) = c.first_behind {
            behind.push(format!("{name} ({year})"));
        }
        short_current += c.shortfall_usd_current_m.unwrap_or(0.0);
        short_constant += c.shortfall_usd_constant_m.unwrap_or(0.0);
        let target = c.years.last();
        table.push(vec![
            Value::text(&name),
            Value::text(described.join(", ")),
            Value::opt_text(lowest.map(|t| t.key())),
            Value::share(target.and_then(|y| y.planned)),
            Value::share(target.and_then(|y| y.required)),
            Value::share(c.target_difference),
            c.first_behind
                .map_or(Value::text("never"), |y| Value::Int(y.into())),
            Value::usd_bn(c.shortfall_usd_current_m, 1),
            Value::usd_bn(c.shortfall_usd_constant_m, 1),
            if is_national {
                Value::text("national definition")
            } else {
                Value::Missing
            },
        ]);
        for y in &c.years {
            let is_behind = y.behind() && Some(y.year) != c.years.first().map(|f| f.year);
            let row = vec![
                Value::text(&c.code),
                Value::text(&name),
                Value::text(&plans.info.id),
                Value::text(&s.name),
                Value::text(&edition.id),
                Value::Int(y.year.into()),
                Value::share(y.planned),
                Value::share(y.required),
                Value::share(y.published),
                Value::Bool(is_behind),
            ];
            if selected.contains(&c.code) {
                let mut shown = vec![row[1].clone(), Value::text(edition.year_label(y.year))];
                shown.extend(row[6..].iter().cloned());
                selected_table.push(shown);
            }
            tidy.push(row);
        }
    }
    table.rows.sort_by(|a, b| match (&a[0], &b[0]) {
        (Value::Text(x), Value::Text(y)) => x.cmp(y),
        _ => std::cmp::Ordering::Equal,
    });

    let without: Vec<String> = s
        .allies
        .iter()
        .filter(|a| !comparisons.iter().any(|c| c.code == a.code))
        .map(|a| name_of(&a.code))
        .collect();
    let mut summary = vec![format!(
        "{} of the {} allies in scenario {} have announced a share of GDP ({}).",
        comparisons.len(),
        s.allies.len(),
        s.name,
        plans.info.title
    )];
    if behind.is_empty() {
        summary.push("No plan falls behind the required path.".into());
    } else {
        summary.push(format!(
            "{} {} behind the required path after {}: {}.",
            behind.len(),
            if behind.len() == 1 {
                "plan falls"
            } else {
                "plans fall"
            },
            s.baseline_year,
            join_names(&behind)
        ));
    }
    summary.push(format!(
        "Held at their last milestones, the plans leave ${:.1} bn short of the path in {target_year} (current USD; ${:.1} bn in {constant}), counting only allies with a plan.",
        bn(Some(short_current)).unwrap_or(0.0),
        bn(Some(short_constant)).unwrap_or(0.0)
    ));
    if !without.is_empty() {
        summary.push(format!(
            "No plan listed, none assumed: {}.",
            join_names(&without)
        ));
    }
    if !national.is_empty() {
        summary.push(format!(
            "Counted on a national definition, not comparable one for one with NATO's share: {}.",
            join_names(&national)
        ));
    }
    let notes = vec![
        format!(
            "A plan is linear in share between its milestones and holds after its last; before its first milestone it runs from NATO's {} share. Required: the scenario's path ({}, {} path to {} by {target_year}).",
            edition.year_label(s.baseline_year),
            s.source,
            s.path.key(),
            s.describe_target()
        ),
        "Milestones are announcements, not NATO figures; each one's source, date and trust level are in the dataset (datasets/plans/).".into(),
        format!(
            "Shortfall: (required - planned) / 100 x GDP in {target_year} on the scenario's GDP path; 0 for a plan on or above the path."
        ),
        plans.info.description.clone(),
    ];

    let mut metadata = edition_metadata(edition);
    metadata.insert("scenario".into(), json!(s.name));
    metadata.insert("scenario_file".into(), json!(s.source));
    metadata.insert("plans".into(), json!(plans.info.id));
    metadata.insert("target_year".into(), json!(target_year));
    metadata.insert("allies_with_plan".into(), json!(comparisons.len()));
    metadata.insert("allies_without_plan".into(), json!(without));
    metadata.insert("money_unit".into(), json!("USD billion"));

    let mut sections = vec![Section::new(
        "allies",
        format!("Plans against the path to {target_year}"),
        table,
    )];
    if !selected_table.rows.is_empty() {
        sections.push(Section::new(
            "selected",
            "Selected allies, year by year",
            selected_table,
        ));
    }
    let mut years = Section::new("years", "Every plan, year by year", tidy.clone());
    years.detail = true;
    sections.push(years);

    Report {
        title: format!(
            "National plans against {} ({}, {}-{target_year})",
            s.name, edition.id, s.baseline_year
        ),
        metadata,
        summary,
        sections,
        notes,
        citation: format!("{}\n{}", edition.citation, plans.info.citation),
        tidy,
    }
}
