//! `plans`: each ally's announced plan beside the share a scenario requires
//! and NATO's published figures; who falls behind, from when, and what the
//! plan leaves short in the target year.

use chrono::Datelike;
use serde_json::json;

use super::edition_metadata;
use crate::calc::plans::{PlanComparison, PlanYear};
use crate::data::plans::{
    Change, Milestone, MilestoneChange, PlanBasis, Plans, CONVERSION_TOLERANCE,
};
use crate::data::{Catalog, Edition, EditionData};
use crate::export::{column, Column, Report, Section, Table, Value};
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

/// `plans changes`: per ally, the milestones added, dropped or changed between
/// two vintages, and the plan's position in the target year under each.
pub fn changes(catalog: &Catalog, run: &crate::forecast::against::ChangesRun) -> Report {
    use crate::data::plans::diff;
    let (before, after) = (&run.before.plans, &run.after.plans);
    let s = &run.after.scenario;
    let edition = &run.after.data.edition;
    let target_year = s.target_year;
    let (changed, revised) = diff(before, after);
    let name_of = |code: &str| catalog.name_of(code);
    let mut codes: Vec<&str> = changed.iter().map(|c| c.ally.as_str()).collect();
    codes.dedup();
    codes.sort_by_key(|c| name_of(c));

    let (bv, av) = (&before.info.vintage, &after.info.vintage);
    let mut sentences = Vec::new();
    let (mut short_before, mut short_after) = (0.0, 0.0);
    let mut rows = Vec::new();
    let mut milestone_rows = Vec::new();
    for code in &codes {
        let name = name_of(code);
        let mine: Vec<&MilestoneChange> = changed.iter().filter(|c| c.ally == *code).collect();
        let words = mine
            .iter()
            .map(|c| change_words(c))
            .collect::<Vec<_>>()
            .join("; ");
        milestone_rows.extend(mine.iter().map(|change| NamedChange {
            name: name.clone(),
            change,
        }));
        let (b, a) = run.comparisons(code);
        let row = ChangedPlan {
            code,
            name,
            words,
            before: b,
            after: a,
        };
        if let (Some(x), Some(y)) = (row.short(b), row.short(a)) {
            short_before += x;
            short_after += y;
        }
        sentences.push(format!(
            "{}: {}{}.",
            row.name,
            row.words,
            match (row.planned(b), row.planned(a)) {
                (Some(x), Some(y)) if (x - y).abs() > 1e-9 =>
                    format!(" ({target_year} plan {:.2}% → {:.2}% of GDP)", x, y),
                (None, Some(y)) =>
                    format!(" (a plan for the first time: {y:.2}% in {target_year})"),
                (Some(x), None) => format!(" (no plan left; it had {x:.2}% in {target_year})"),
                _ => format!(" ({target_year} plan unchanged)"),
            }
        ));
        rows.push(row);
    }
    let table = Table::of(&changed_columns(before, after, target_year), &rows);
    let tidy = Table::of(&milestone_columns(before, after), &milestone_rows);

    let mut summary = vec![format!(
        "{} of the plans changed between vintage {bv} ({}) and {av} ({}): {}.",
        codes.len(),
        before.info.title,
        after.info.title,
        join_names(&codes.iter().map(|c| name_of(c)).collect::<Vec<_>>())
    )];
    summary.extend(sentences);
    summary.push(format!(
        "Against {} ({}), allies whose plan changed and who had one in both vintages: the plans leave ${:.1} bn short in {target_year} with vintage {bv}, ${:.1} bn with {av} (current USD).",
        s.name,
        edition.id,
        short_before / 1000.0,
        short_after / 1000.0
    ));
    let mut notes = vec![
        "A change is a year whose milestone was added or dropped, or whose share, amount or basis differs; a milestone with the same figures and a newer date, source or note is not a change of plan.".to_string(),
        format!(
            "Position in {target_year}: each vintage's plan (linear between milestones, held after the last) against the scenario's path ({}, {}); shortfall in current USD, 0 for a plan on or above the path.",
            s.source,
            s.describe_target()
        ),
    ];
    if revised > 0 {
        notes.push(format!(
            "{revised} milestones keep their figures with an updated date, kind, trust, source or note."
        ));
    }
    notes.push(before.info.description.clone());
    notes.push(after.info.description.clone());

    let mut metadata = edition_metadata(edition);
    metadata.insert("scenario".into(), json!(s.name));
    metadata.insert("from_plans".into(), json!(before.info.id));
    metadata.insert("to_plans".into(), json!(after.info.id));
    metadata.insert("target_year".into(), json!(target_year));
    metadata.insert(
        "allies_changed".into(),
        json!(codes.iter().map(|c| c.to_string()).collect::<Vec<_>>()),
    );
    metadata.insert("milestones_revised_only".into(), json!(revised));
    metadata.insert("money_unit".into(), json!("USD billion"));

    let citation = changes_citation(&edition.citation, before, after);
    Report {
        title: format!("National plans: what changed from {bv} to {av}"),
        metadata,
        summary,
        sections: vec![
            Section::new("allies", "Plans that changed", table),
            Section::new(
                "milestones",
                "Milestones added, dropped or changed",
                tidy.clone(),
            ),
        ],
        notes,
        citation,
        tidy,
    }
}

/// What changed in one milestone, in words.
fn change_words(c: &MilestoneChange) -> String {
    let describe = |m: Option<&Milestone>| m.map_or(String::new(), |m| m.describe());
    match c.change {
        Change::Added => format!("{} added", describe(c.after)),
        Change::Dropped => format!("{} dropped", describe(c.before)),
        Change::Changed => format!("{} → {}", describe(c.before), describe(c.after)),
    }
}

/// An ally whose plan changed between two vintages.
struct ChangedPlan<'a> {
    code: &'a str,
    name: String,
    words: String,
    before: Option<&'a PlanComparison>,
    after: Option<&'a PlanComparison>,
}

impl ChangedPlan<'_> {
    fn planned(&self, c: Option<&PlanComparison>) -> Option<f64> {
        c.and_then(|c| c.years.last()).and_then(|y| y.planned)
    }

    fn short(&self, c: Option<&PlanComparison>) -> Option<f64> {
        c.and_then(|c| c.shortfall_usd_current_m)
    }
}

fn changed_columns<'a>(
    before: &'a Plans,
    after: &'a Plans,
    target_year: i32,
) -> Vec<Column<'a, ChangedPlan<'a>>> {
    let (bv, av) = (&before.info.vintage, &after.info.vintage);
    let describe_all = |plans: &Plans, code: &str| {
        let list: Vec<String> = plans.of(code).iter().map(|m| m.describe()).collect();
        if list.is_empty() {
            "no plan".to_string()
        } else {
            list.join(", ")
        }
    };
    vec![
        column("ally", "Ally", |r: &ChangedPlan| Value::text(&r.name)),
        column("changes", "What changed", |r: &ChangedPlan| {
            Value::text(&r.words)
        }),
        column(
            "milestones_before",
            format!("Plan {bv}"),
            move |r: &ChangedPlan| Value::text(describe_all(before, r.code)),
        ),
        column(
            "milestones_after",
            format!("Plan {av}"),
            move |r: &ChangedPlan| Value::text(describe_all(after, r.code)),
        ),
        column(
            "planned_target_year_before",
            format!("{target_year} plan, {bv} (%)"),
            |r: &ChangedPlan| Value::share(r.planned(r.before)),
        ),
        column(
            "planned_target_year_after",
            format!("{target_year} plan, {av} (%)"),
            |r: &ChangedPlan| Value::share(r.planned(r.after)),
        ),
        column(
            "shortfall_usd_current_bn_before",
            format!("Short in {target_year}, {bv} (USD bn)"),
            |r: &ChangedPlan| Value::usd_bn(r.short(r.before), 1),
        ),
        column(
            "shortfall_usd_current_bn_after",
            format!("Short in {target_year}, {av} (USD bn)"),
            |r: &ChangedPlan| Value::usd_bn(r.short(r.after), 1),
        ),
        column(
            "shortfall_change_usd_bn",
            "Change (USD bn)",
            |r: &ChangedPlan| {
                let (p, q) = (r.short(r.before), r.short(r.after));
                Value::usd_bn(p.zip(q).map(|(x, y)| y - x), 1)
            },
        ),
    ]
}

/// A milestone's change, with its ally's name.
struct NamedChange<'a> {
    name: String,
    change: &'a MilestoneChange<'a>,
}

/// Each milestone added, dropped or changed (the tidy output).
fn milestone_columns<'a>(before: &'a Plans, after: &'a Plans) -> Vec<Column<'a, NamedChange<'a>>> {
    let (bv, av) = (&before.info.vintage, &after.info.vintage);
    vec![
        column("code", "Code", |r: &NamedChange| {
            Value::text(&r.change.ally)
        }),
        column("name", "Name", |r: &NamedChange| Value::text(&r.name)),
        column("year", "Year", |r: &NamedChange| {
            Value::Int(r.change.year.into())
        }),
        column("change", "Change", |r: &NamedChange| {
            Value::text(r.change.change.key())
        }),
        column("before", format!("Milestone {bv}"), |r: &NamedChange| {
            Value::opt_text(r.change.before.map(|m| m.describe()))
        }),
        column("after", format!("Milestone {av}"), |r: &NamedChange| {
            Value::opt_text(r.change.after.map(|m| m.describe()))
        }),
        column("from_plans", "From plans", |_: &NamedChange| {
            Value::text(&before.info.id)
        }),
        column("to_plans", "To plans", |_: &NamedChange| {
            Value::text(&after.info.id)
        }),
    ]
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

/// The edition's and both vintages' citations, and the outlook that converted amounts.
fn changes_citation(edition: &str, before: &Plans, after: &Plans) -> String {
    let mut citation = format!(
        "{}\n{}\n{}",
        edition, before.info.citation, after.info.citation
    );
    if let Some((_, outlook)) = after
        .converted_with
        .as_ref()
        .or(before.converted_with.as_ref())
    {
        citation.push('\n');
        citation.push_str(outlook);
    }
    citation
}

/// `plans record`: every milestone NATO has since published a figure for,
/// delivered, short or ahead, per ally and per source, and overall.
pub fn record(catalog: &Catalog, run: &crate::forecast::against::RecordRun) -> Report {
    use crate::calc::plans::{Verdict, RECORD_TOLERANCE};
    use crate::forecast::against::RecordRow;
    let name_of = |code: &str| catalog.name_of(code);
    let mut rows: Vec<NamedRecord> = run
        .rows
        .iter()
        .map(|row| NamedRecord {
            name: name_of(&row.ally),
            row,
        })
        .collect();
    rows.sort_by(|a, b| {
        let source = |r: &RecordRow| run.sources.iter().position(|s| s.0 == r.source);
        source(a.row)
            .cmp(&source(b.row))
            .then(a.name.cmp(&b.name))
            .then(a.row.year.cmp(&b.row.year))
    });
    let table = Table::of(&record_columns(), &rows);
    let overall = overall(run);
    let overall_table = Table::of(&overall_columns(), &overall);
    let mut summary = Vec::new();
    for Overall {
        source: id,
        title,
        counts,
        milestones: n,
    } in &overall
    {
        if *n == 0 {
            summary.push(format!(
                "{id} ({title}): no milestone in a year NATO has published yet."
            ));
            continue;
        }
        let short: Vec<String> = rows
            .iter()
            .filter(|r| r.row.source == *id && r.row.verdict == Verdict::Short)
            .map(|r| {
                format!(
                    "{} {} ({:.2}% planned, {:.2}%)",
                    r.name, r.row.year_label, r.row.planned, r.row.published
                )
            })
            .collect();
        summary.push(format!(
            "{id} ({title}): of {n} milestones in years NATO has published, {} delivered, {} short, {} ahead{}{}",
            counts[0],
            counts[1],
            counts[2],
            if counts[3] > 0 {
                format!(", {} not comparable (another definition)", counts[3])
            } else {
                String::new()
            },
            if short.is_empty() {
                ".".to_string()
            } else {
                format!("; short: {}.", short.join(", "))
            }
        ));
    }
    let mut metadata = edition_metadata(&run.data.edition);
    metadata.insert("tolerance_points".into(), json!(RECORD_TOLERANCE));
    metadata.insert(
        "sources".into(),
        json!(run.sources.iter().map(|s| s.0.clone()).collect::<Vec<_>>()),
    );
    Report {
        title: format!(
            "The plans' record: milestones against NATO's figures ({})",
            run.data.edition.id
        ),
        metadata,
        summary,
        sections: vec![
            Section::new("overall", "Overall, by plans vintage and pledge", overall_table),
            Section::new("milestones", "Each milestone against NATO's figure", table.clone()),
        ],
        notes: vec![
            format!("Delivered: NATO's share within {RECORD_TOLERANCE} points of the planned one (plans are stated to a tenth of a point); short or ahead beyond it. The latest years of an edition are NATO's estimates (marked e)."),
            "A plan on a national definition is not measured by NATO's share, nor one on core expenditure by an edition of total expenditure: not comparable, listed but not judged.".into(),
            "Each plans vintage against the edition named; each alliance pledge with a year to reach against the first edition that publishes that year and the year it was agreed (the Wales pledge: NATO's June 2024 edition, 2024e), every ally with a published share.".into(),
        ],
        citation: run.citations.join("\n"),
        tidy: table,
    }
}

/// Per plans vintage or pledge: its milestones, counted by verdict.
fn overall(run: &crate::forecast::against::RecordRun) -> Vec<Overall<'_>> {
    use crate::calc::plans::Verdict;
    use crate::forecast::against::RecordRow;
    // Per source: counts of each verdict.
    const ORDER: [Verdict; 4] = [
        Verdict::Delivered,
        Verdict::Short,
        Verdict::Ahead,
        Verdict::NotComparable,
    ];
    run.sources
        .iter()
        .map(|(id, title)| {
            let mine: Vec<&RecordRow> = run.rows.iter().filter(|r| &r.source == id).collect();
            let counts = ORDER.map(|v| mine.iter().filter(|r| r.verdict == v).count());
            Overall {
                source: id.as_str(),
                title: title.as_str(),
                counts,
                milestones: mine.len(),
            }
        })
        .collect()
}

fn overall_columns<'a>() -> Vec<Column<'a, Overall<'a>>> {
    vec![
        column("source", "Plans or pledge", |r: &Overall| {
            Value::text(r.source)
        }),
        column("milestones", "Milestones published", |r: &Overall| {
            Value::Int(r.milestones as i64)
        }),
        column("delivered", "Delivered", |r: &Overall| {
            Value::Int(r.counts[0] as i64)
        }),
        column("short", "Short", |r: &Overall| {
            Value::Int(r.counts[1] as i64)
        }),
        column("ahead", "Ahead", |r: &Overall| {
            Value::Int(r.counts[2] as i64)
        }),
        column("not_comparable", "Not comparable", |r: &Overall| {
            Value::Int(r.counts[3] as i64)
        }),
    ]
}

/// A row of `plans record`: the ally's name and the milestone.
struct NamedRecord<'a> {
    name: String,
    row: &'a crate::forecast::against::RecordRow,
}

/// A plans vintage's or a pledge's record: its milestones by verdict.
struct Overall<'a> {
    source: &'a str,
    title: &'a str,
    /// Delivered, short, ahead, not comparable.
    counts: [usize; 4],
    milestones: usize,
}

/// `plans record`'s columns, one milestone a row.
fn record_columns<'a>() -> Vec<Column<'a, NamedRecord<'a>>> {
    vec![
        column("source", "Plans or pledge", |r: &NamedRecord| {
            Value::text(&r.row.source)
        }),
        column("ally", "Ally", |r: &NamedRecord| Value::text(&r.name)),
        column("code", "Code", |r: &NamedRecord| Value::text(&r.row.ally)),
        column("year", "Year", |r: &NamedRecord| {
            Value::text(&r.row.year_label)
        }),
        column("planned_pct", "Planned (% of GDP)", |r: &NamedRecord| {
            Value::Number(r.row.planned, 2)
        }),
        column("basis", "Basis", |r: &NamedRecord| Value::text(r.row.basis)),
        column("published_pct", "NATO (% of GDP)", |r: &NamedRecord| {
            Value::Number(r.row.published, 2)
        }),
        column(
            "difference_points",
            "NATO less planned (points)",
            |r: &NamedRecord| Value::Number(r.row.published - r.row.planned, 2),
        ),
        column("verdict", "Verdict", |r: &NamedRecord| {
            Value::text(r.row.verdict.label())
        }),
        column("edition", "Edition", |r: &NamedRecord| {
            Value::text(&r.row.edition)
        }),
    ]
}
