//! `scenario run` and `scenario list`: what each ally, and each group, would
//! need to spend year by year to reach a scenario's target by its target year.

use serde_json::json;

use super::edition_metadata;
use crate::calc::path::{GroupPathYear, PathYear, Paths};
use crate::data::{Basis, Catalog, Edition, EditionData};
use crate::error::Result;
use crate::export::{column, Column, Report, Section, Table, Value};
use crate::scenario::outcome::{AllyOutcome, Class, GroupOutcome, Outcome};
use crate::scenario::Scenario;
use crate::units::{bn, pct};

mod list;
pub use list::{list, Shipped};

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

    let allies = ally_paths(catalog, s, paths, outcome);
    let named = |class: fn(&Class) -> bool| -> Vec<String> {
        allies
            .iter()
            .filter(|a| class(&a.outcome.class))
            .map(|a| a.name.clone())
            .collect()
    };
    let no_data = named(|c| *c == Class::NoData);
    let at_target = named(|c| *c == Class::AtTarget);
    let mut rows = Vec::new();
    for a in &allies {
        rows.extend(a.years.iter().map(|year| PathRow::Ally {
            name: &a.name,
            year,
        }));
    }
    let selected_table = Table::of(
        &selected_columns(edition),
        rows.iter().filter(|r| match r {
            PathRow::Ally { year, .. } => selected.contains(&year.code),
            PathRow::Group { .. } => false,
        }),
    );
    // Allies in name order, as in every other table.
    let mut by_name: Vec<&AllyPath> = allies.iter().collect();
    by_name.sort_by(|a, b| a.name.cmp(&b.name));
    let summary_table = Table::of(&ally_columns(s, edition), by_name);
    for g in &outcome.groups {
        rows.extend(
            g.years
                .iter()
                .map(|year| PathRow::Group { outcome: g, year }),
        );
    }
    let groups_table = Table::of(
        &group_columns(edition),
        rows.iter().filter(|r| matches!(r, PathRow::Group { .. })),
    );
    let detail = Table::of(&path_columns(s, edition), &rows);

    let summary = summary(catalog, s, edition, outcome, (&at_target, &no_data));

    let notes = notes(catalog, s, edition, &no_data);

    let metadata = metadata(s, edition);

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
    if !selected_table.is_empty() {
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

/// An ally's path, its outcome and its flag.
struct AllyPath<'a> {
    name: String,
    /// Baseline year first.
    years: &'a [PathYear],
    outcome: &'a AllyOutcome,
    flag: Option<String>,
}

/// A year of an ally's or a group's path.
enum PathRow<'a> {
    Ally {
        name: &'a str,
        year: &'a PathYear,
    },
    Group {
        outcome: &'a GroupOutcome,
        year: &'a GroupPathYear,
    },
}

impl PathRow<'_> {
    fn year(&self) -> i32 {
        match self {
            PathRow::Ally { year, .. } => year.year,
            PathRow::Group { year, .. } => year.year,
        }
    }

    fn name(&self) -> &str {
        match self {
            PathRow::Ally { name, .. } => name,
            PathRow::Group { outcome, .. } => &outcome.label,
        }
    }

    fn required_share(&self) -> Option<f64> {
        match self {
            PathRow::Ally { year, .. } => year.required_share,
            PathRow::Group { year, .. } => year.required_share,
        }
    }

    /// Spending (constant, current) and added (constant, current), USD million.
    fn money(&self) -> [Option<f64>; 4] {
        match self {
            PathRow::Ally { year: p, .. } => [
                p.spending_constant,
                p.spending_current,
                p.added_constant,
                p.added_current,
            ],
            PathRow::Group { year: g, .. } => [
                Some(g.spending_constant),
                Some(g.spending_current),
                Some(g.added_constant),
                Some(g.added_current),
            ],
        }
    }

    fn real_growth(&self) -> Option<f64> {
        match self {
            PathRow::Ally { year, .. } => year.real_growth,
            PathRow::Group { year, .. } => year.real_growth,
        }
    }
}

/// Per ally: the baseline, the target year and the steepest year.
fn ally_columns<'a>(s: &'a Scenario, edition: &'a Edition) -> Vec<Column<'a, AllyPath<'a>>> {
    let constant = edition.constant_basis();
    let (first, last) = (
        |a: &AllyPath<'a>| &a.years[0],
        |a: &AllyPath<'a>| &a.years[a.years.len() - 1],
    );
    vec![
        column("ally", "Ally", |a: &AllyPath| Value::text(&a.name)),
        column(
            "baseline_share",
            format!("Share {} (%)", edition.year_label(s.baseline_year)),
            move |a: &AllyPath| Value::share(first(a).baseline_share),
        ),
        column("target", "Target (%)", move |a: &AllyPath| {
            Value::Number(first(a).target, 2)
        }),
        column("path", "Path", move |a: &AllyPath| {
            Value::text(first(a).path.key())
        }),
        column(
            "max_real_growth",
            "Real growth needed (% a year, max)",
            |a: &AllyPath| Value::num(a.outcome.max_growth, 1),
        ),
        column(
            crate::export::based("added_constant_bn", edition.price_base_year),
            format!("Added by {} (USD bn, {constant})", s.target_year),
            move |a: &AllyPath| Value::usd_bn(last(a).added_constant, 1),
        ),
        column(
            "added_current_bn",
            format!("Added by {} (USD bn, current)", s.target_year),
            move |a: &AllyPath| Value::usd_bn(last(a).added_current, 1),
        ),
        column("flag", "Flag", |a: &AllyPath| {
            Value::opt_text(a.flag.clone())
        }),
    ]
}

/// A path's figures in a year: shares, money and real growth (`decimals` for money).
fn figure_columns<'a>(
    edition: &'a Edition,
    decimals: usize,
    published: bool,
) -> Vec<Column<'a, PathRow<'a>>> {
    let constant = edition.constant_basis();
    let money = move |i: usize| move |r: &PathRow| Value::usd_bn(r.money()[i], decimals);
    let mut columns = vec![column(
        "required_share",
        if published {
            "Required share of GDP (%)"
        } else {
            "Share of GDP (%)"
        },
        |r: &PathRow| Value::share(r.required_share()),
    )];
    if published {
        columns.push(column(
            "published_share",
            "Published share (%)",
            |r: &PathRow| match r {
                PathRow::Ally { year, .. } => Value::share(year.published_share),
                PathRow::Group { .. } => Value::Missing,
            },
        ));
    }
    columns.push(column(
        crate::export::based("spending_constant_bn", edition.price_base_year),
        format!("Spending (USD bn, {constant})"),
        money(0),
    ));
    if published {
        columns.push(column(
            "spending_current_bn",
            "Spending (USD bn, current)",
            money(1),
        ));
    }
    columns.extend([
        column(
            crate::export::based("added_constant_bn", edition.price_base_year),
            format!("Added vs baseline (USD bn, {constant})"),
            money(2),
        ),
        column(
            "added_current_bn",
            "Added vs baseline (USD bn, current)",
            money(3),
        ),
        column("real_growth_pct", "Real growth (%)", |r: &PathRow| {
            Value::num(r.real_growth(), 1)
        }),
    ]);
    columns
}

fn target_column<'a>() -> Column<'a, PathRow<'a>> {
    column("target_pct", "Target (% of GDP)", |r: &PathRow| match r {
        PathRow::Ally { year, .. } => Value::Number(year.target, 2),
        PathRow::Group { .. } => Value::Missing,
    })
}

/// Every path, year by year (the tidy output).
fn path_columns<'a>(s: &'a Scenario, edition: &'a Edition) -> Vec<Column<'a, PathRow<'a>>> {
    let mut columns = vec![
        column("kind", "Kind", |r: &PathRow| {
            Value::text(match r {
                PathRow::Ally { .. } => "ally",
                PathRow::Group { .. } => "group",
            })
        }),
        column("code", "Code", |r: &PathRow| {
            Value::text(match r {
                PathRow::Ally { year, .. } => &year.code,
                PathRow::Group { outcome, .. } => &outcome.key,
            })
        }),
        column("name", "Name", |r: &PathRow| Value::text(r.name())),
        column("scenario", "Scenario", |_: &PathRow| Value::text(&s.name)),
        column("edition", "Edition", |_: &PathRow| Value::text(&edition.id)),
        column("year", "Year", |r: &PathRow| Value::Int(r.year().into())),
        target_column(),
    ];
    columns.extend(figure_columns(edition, 2, true));
    columns
}

/// The selected allies, year by year.
fn selected_columns(edition: &Edition) -> Vec<Column<'_, PathRow<'_>>> {
    let mut columns = vec![
        column("name", "Name", |r: &PathRow| Value::text(r.name())),
        column("year", "Year", |r: &PathRow| {
            Value::text(edition.year_label(r.year()))
        }),
        target_column(),
    ];
    columns.extend(figure_columns(edition, 2, true));
    columns
}

/// Each group, year by year.
fn group_columns(edition: &Edition) -> Vec<Column<'_, PathRow<'_>>> {
    let mut columns = vec![
        column("group", "Group", |r: &PathRow| Value::text(r.name())),
        column("year", "Year", |r: &PathRow| {
            Value::text(edition.year_label(r.year()))
        }),
    ];
    columns.extend(figure_columns(edition, 1, false));
    columns
}

/// How the paths are made, and the allies left out or with their own target.
fn notes(catalog: &Catalog, s: &Scenario, edition: &Edition, no_data: &[String]) -> Vec<String> {
    let name_of = |code: &str| catalog.name_of(code);
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
    for name in no_data {
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

    notes
}

/// The scenario's settings.
fn metadata(s: &Scenario, edition: &Edition) -> serde_json::Map<String, serde_json::Value> {
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

    metadata
}

/// Each ally's path, outcome and flag, in the order of the outcome's allies.
fn ally_paths<'a>(
    catalog: &Catalog,
    s: &Scenario,
    paths: &'a Paths,
    outcome: &'a Outcome,
) -> Vec<AllyPath<'a>> {
    let mut allies = Vec::new();
    // The paths come sorted by ally, then year: one run of rows per ally,
    // in the order of the outcome's allies.
    for (ally_years, found) in paths
        .years
        .chunk_by(|a, b| a.code == b.code)
        .zip(&outcome.allies)
    {
        let name = catalog.name_of(&ally_years[0].code);
        let flag = match found.class {
            Class::NoData => Some(format!("no {} figures", s.baseline_year)),
            Class::AtTarget => Some("already at target".to_string()),
            Class::Steep(_) => Some(format!(
                "needs > {}% real growth a year",
                pct(s.growth_threshold)
            )),
            Class::OnPath => None,
        };
        allies.push(AllyPath {
            name,
            years: ally_years,
            outcome: found,
            flag,
        });
    }
    allies
}

/// The scenario, the target, who is already there, who needs steep growth, and each group's path.
fn summary(
    catalog: &Catalog,
    s: &Scenario,
    edition: &Edition,
    outcome: &Outcome,
    (at_target, no_data): (&[String], &[String]),
) -> Vec<String> {
    let constant = edition.constant_basis();
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
    for found in &outcome.groups {
        summary.push(format!(
            "{}: {}",
            found.label,
            group_path_text(s, found, &constant)
        ));
    }

    summary
}
