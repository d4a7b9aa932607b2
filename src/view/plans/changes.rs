//! `plans changes`: what moved between two vintages of the national plans.

use serde_json::json;

use crate::calc::plans::PlanComparison;
use crate::data::plans::{Change, Milestone, MilestoneChange, Plans};
use crate::data::Catalog;
use crate::export::{column, Column, Report, Section, Table, Value};
use crate::units::join_names;
use crate::view::edition_metadata;

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
