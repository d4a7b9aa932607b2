//! `plans`: each ally's announced plan beside the share a scenario requires
//! and NATO's published figures; who falls behind, from when, and what the
//! plan leaves short in the target year.

use chrono::Datelike;
use serde_json::json;

use super::edition_metadata;
use crate::calc::plans::{PlanComparison, PlanYear};
use crate::data::plans::{Milestone, PlanBasis, Plans, CONVERSION_TOLERANCE};
use crate::data::{Catalog, Edition, EditionData};
use crate::export::{column, Column, Report, Section, Table, Value};
use crate::scenario::Scenario;
use crate::units::{bn, join_names, pct};

mod changes;
mod record;

pub use changes::changes;
pub use record::record;

pub fn report(
    catalog: &Catalog,
    data: &EditionData,
    s: &Scenario,
    plans: &Plans,
    comparisons: &[PlanComparison],
    selected: &[String],
) -> Report {
    let edition = &data.edition;
    let target_year = s.target_year;
    let name_of = |code: &str| catalog.name_of(code);

    let mut allies: Vec<AllyPlan> = comparisons
        .iter()
        .map(|c| {
            let milestones = plans.of(&c.code);
            AllyPlan {
                comparison: c,
                name: name_of(&c.code),
                national: milestones
                    .iter()
                    .any(|m| m.basis == PlanBasis::NationalDefinition),
                milestones,
            }
        })
        .collect();
    let national: Vec<String> = allies
        .iter()
        .filter(|a| a.national)
        .map(|a| a.name.clone())
        .collect();
    let behind: Vec<String> = allies
        .iter()
        .filter_map(|a| Some(format!("{} ({})", a.name, a.comparison.first_behind?)))
        .collect();
    let year_rows: Vec<YearRow> = allies
        .iter()
        .flat_map(|a| {
            let first = a.comparison.years.first().map(|f| f.year);
            a.comparison.years.iter().map(move |y| YearRow {
                ally: a,
                year: y,
                behind: y.behind() && Some(y.year) != first,
            })
        })
        .collect();
    let tidy = Table::of(&year_columns(plans, s, edition), &year_rows);
    let selected_table = Table::of(
        &selected_columns(edition),
        year_rows
            .iter()
            .filter(|r| selected.contains(&r.ally.comparison.code)),
    );
    allies.sort_by(|a, b| a.name.cmp(&b.name));
    let table = Table::of(&ally_columns(edition, target_year), &allies);

    let without: Vec<String> = s
        .allies
        .iter()
        .filter(|a| !comparisons.iter().any(|c| c.code == a.code))
        .map(|a| name_of(&a.code))
        .collect();
    let summary = summary(
        catalog,
        s,
        plans,
        edition,
        comparisons,
        [&behind, &without, &national],
    );
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

    let metadata = metadata(s, plans, edition, comparisons.len(), &without);
    let mut sections = vec![Section::new(
        "allies",
        format!("Plans against the path to {target_year}"),
        table,
    )];
    if !selected_table.is_empty() {
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
        citation: citation(&edition.citation, plans),
        tidy,
    }
}

/// An ally's plan against the path.
struct AllyPlan<'a> {
    comparison: &'a PlanComparison,
    name: String,
    milestones: Vec<&'a Milestone>,
    /// Counted on a national definition.
    national: bool,
}

/// A year of an ally's plan against the path.
struct YearRow<'a> {
    ally: &'a AllyPlan<'a>,
    year: &'a PlanYear,
    /// Below the path after the first year.
    behind: bool,
}

fn ally_columns(edition: &Edition, target_year: i32) -> Vec<Column<'_, AllyPlan<'_>>> {
    fn at_target<'a>(a: &AllyPlan<'a>) -> Option<&'a PlanYear> {
        a.comparison.years.last()
    }
    vec![
        column("ally", "Ally", |a: &AllyPlan| Value::text(&a.name)),
        column("milestones", "Announced milestones", |a: &AllyPlan| {
            let described: Vec<String> = a.milestones.iter().map(|m| m.describe()).collect();
            Value::text(described.join(", "))
        }),
        column("lowest_trust", "Lowest trust", |a: &AllyPlan| {
            Value::opt_text(a.milestones.iter().map(|m| m.trust).min().map(|t| t.key()))
        }),
        column(
            "planned_target_year",
            format!("Plan {target_year} (%)"),
            move |a: &AllyPlan| Value::share(at_target(a).and_then(|y| y.planned)),
        ),
        column(
            "required_target_year",
            format!("Required {target_year} (%)"),
            move |a: &AllyPlan| Value::share(at_target(a).and_then(|y| y.required)),
        ),
        column(
            "difference_points",
            "Plan - required (points)",
            |a: &AllyPlan| Value::share(a.comparison.target_difference),
        ),
        column("first_year_behind", "First year behind", |a: &AllyPlan| {
            a.comparison
                .first_behind
                .map_or(Value::text("never"), |y| Value::Int(y.into()))
        }),
        column(
            "shortfall_usd_current_bn",
            format!("Short in {target_year} (USD bn, current)"),
            |a: &AllyPlan| Value::usd_bn(a.comparison.shortfall_usd_current_m, 1),
        ),
        column(
            crate::export::based("shortfall_usd_constant_bn", edition.price_base_year),
            format!(
                "Short in {target_year} (USD bn, {})",
                edition.constant_basis()
            ),
            |a: &AllyPlan| Value::usd_bn(a.comparison.shortfall_usd_constant_m, 1),
        ),
        column("flag", "Flag", |a: &AllyPlan| {
            flag(a.national, &a.milestones)
        }),
    ]
}

/// A year's planned, required and published shares, and whether the plan is behind.
fn share_columns<'a>() -> Vec<Column<'a, YearRow<'a>>> {
    vec![
        column("planned_share", "Planned share (%)", |r: &YearRow| {
            Value::share(r.year.planned)
        }),
        column("required_share", "Required share (%)", |r: &YearRow| {
            Value::share(r.year.required)
        }),
        column("published_share", "Published share (%)", |r: &YearRow| {
            Value::share(r.year.published)
        }),
        column("behind", "Behind the path", |r: &YearRow| {
            Value::Bool(r.behind)
        }),
    ]
}

/// Every plan, year by year (the tidy output).
fn year_columns<'a>(
    plans: &'a Plans,
    s: &'a Scenario,
    edition: &'a Edition,
) -> Vec<Column<'a, YearRow<'a>>> {
    let mut columns = vec![
        column("code", "Code", |r: &YearRow| {
            Value::text(&r.ally.comparison.code)
        }),
        column("name", "Name", |r: &YearRow| Value::text(&r.ally.name)),
        column("plans", "Plans", |_: &YearRow| Value::text(&plans.info.id)),
        column("scenario", "Scenario", |_: &YearRow| Value::text(&s.name)),
        column("edition", "Edition", |_: &YearRow| Value::text(&edition.id)),
        column("year", "Year", |r: &YearRow| Value::Int(r.year.year.into())),
    ];
    columns.extend(share_columns());
    columns
}

/// The selected allies, year by year.
fn selected_columns(edition: &Edition) -> Vec<Column<'_, YearRow<'_>>> {
    let mut columns = vec![
        column("name", "Name", |r: &YearRow| Value::text(&r.ally.name)),
        column("year", "Year", |r: &YearRow| {
            Value::text(edition.year_label(r.year.year))
        }),
    ];
    columns.extend(share_columns());
    columns
}

/// The edition's, the plans' and, where amounts were converted, the outlook's citation.
fn citation(edition: &str, plans: &Plans) -> String {
    match &plans.converted_with {
        Some((_, outlook)) => format!("{edition}\n{}\n{outlook}", plans.info.citation),
        None => format!("{edition}\n{}", plans.info.citation),
    }
}

/// An ally's flag: a national definition, a share converted from money, a
/// stated share that the converted amount contradicts.
fn flag(national: bool, milestones: &[&Milestone]) -> Value {
    let mut flags = Vec::new();
    if national {
        flags.push("national definition".to_string());
    }
    for m in milestones {
        if m.is_converted() {
            flags.push(format!("{} converted from money", m.year));
        } else if m.conversion_differs() {
            flags.push(format!("{} stated and money differ", m.year));
        }
    }
    if flags.is_empty() {
        Value::Missing
    } else {
        Value::text(flags.join("; "))
    }
}

/// Sentences on the milestones announced in money: converted with the
/// outlook's GDP in national currency, and where a stated share and its
/// amount disagree by more than the tolerance.
fn conversion_sentences(catalog: &Catalog, plans: &Plans) -> Vec<String> {
    let Some((id, _)) = &plans.converted_with else {
        return Vec::new();
    };
    let name = |m: &Milestone| format!("{} {}", catalog.name_of(&m.ally), m.describe());
    let converted: Vec<String> = plans
        .milestones
        .iter()
        .filter(|m| m.is_converted())
        .map(name)
        .collect();
    let differing: Vec<String> = plans
        .milestones
        .iter()
        .filter(|m| m.conversion_differs())
        .map(name)
        .collect();
    let mut out = Vec::new();
    if !converted.is_empty() {
        out.push(format!(
            "Announced in money only, converted into a share with the IMF's GDP in national currency ({id}): {}.",
            join_names(&converted)
        ));
    }
    if !differing.is_empty() {
        out.push(format!(
            "Stated share and announced amount differ by more than {} points of GDP (the stated share is used): {}.",
            pct(CONVERSION_TOLERANCE),
            join_names(&differing)
        ));
    }
    out
}

/// Who has a plan, who falls behind and from when, what the plans leave
/// short, and how the plans were read (`names`: behind, without a plan,
/// on a national definition).
fn summary(
    catalog: &Catalog,
    s: &Scenario,
    plans: &Plans,
    edition: &Edition,
    comparisons: &[PlanComparison],
    names: [&[String]; 3],
) -> Vec<String> {
    let [behind, without, national] = names;
    let (constant, target_year) = (edition.constant_basis(), s.target_year);
    let short_current: f64 = comparisons
        .iter()
        .map(|c| c.shortfall_usd_current_m.unwrap_or(0.0))
        .sum();
    let short_constant: f64 = comparisons
        .iter()
        .map(|c| c.shortfall_usd_constant_m.unwrap_or(0.0))
        .sum();
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
            join_names(behind)
        ));
    }
    summary.push(format!(
        "Held at their last milestones, the plans leave ${:.1} bn short of the path in {target_year} (current USD; ${:.1} bn in {constant}), counting only allies with a plan.",
        bn(Some(short_current)).unwrap_or(0.0),
        bn(Some(short_constant)).unwrap_or(0.0)
    ));
    // Plans announced after the scenario's baseline are set against a path
    // that started before anyone announced them: say so.
    let first_announced = plans.milestones.iter().map(|m| m.announced.year()).min();
    if let Some(first) = first_announced.filter(|y| *y > s.baseline_year) {
        summary.push(format!(
            "The plans were announced from {first} on; set against a path from {}, each is read back to that year as a straight line from the baseline share, which no ally planned then.",
            s.baseline_year
        ));
    }
    if !without.is_empty() {
        summary.push(format!(
            "No plan listed, none assumed: {}.",
            join_names(without)
        ));
    }
    if !national.is_empty() {
        summary.push(format!(
            "Counted on a national definition, not comparable one for one with NATO's share: {}.",
            join_names(national)
        ));
    }
    summary.extend(conversion_sentences(catalog, plans));
    summary
}

fn metadata(
    s: &Scenario,
    plans: &Plans,
    edition: &Edition,
    with_plan: usize,
    without: &[String],
) -> serde_json::Map<String, serde_json::Value> {
    let target_year = s.target_year;
    let mut metadata = edition_metadata(edition);
    metadata.insert("scenario".into(), json!(s.name));
    metadata.insert("scenario_file".into(), json!(s.source));
    metadata.insert("plans".into(), json!(plans.info.id));
    if let Some((id, _)) = &plans.converted_with {
        metadata.insert("plans_vintage".into(), json!(plans.info.vintage));
        metadata.insert("amounts_converted_with".into(), json!(id));
    }
    metadata.insert("target_year".into(), json!(target_year));
    metadata.insert("allies_with_plan".into(), json!(with_plan));
    metadata.insert("allies_without_plan".into(), json!(without));
    metadata.insert("money_unit".into(), json!("USD billion"));

    metadata
}
