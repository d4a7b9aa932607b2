//! `plans`: each ally's announced plan beside the share a scenario requires
//! and NATO's published figures; who falls behind, from when, and what the
//! plan leaves short in the target year.

use chrono::Datelike;
use serde_json::json;

use super::edition_metadata;
use crate::calc::plans::PlanComparison;
use crate::data::plans::{Milestone, PlanBasis, Plans, CONVERSION_TOLERANCE};
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
            &crate::export::based("shortfall_usd_constant_bn", edition.price_base_year),
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
        let described: Vec<String> = milestones.iter().map(|m| m.describe()).collect();
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
            flag(is_national, &milestones),
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
            join_names(&without)
        ));
    }
    if !national.is_empty() {
        summary.push(format!(
            "Counted on a national definition, not comparable one for one with NATO's share: {}.",
            join_names(&national)
        ));
    }
    summary.extend(conversion_sentences(catalog, plans));
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
    if let Some((id, _)) = &plans.converted_with {
        metadata.insert("plans_vintage".into(), json!(plans.info.vintage));
        metadata.insert("amounts_converted_with".into(), json!(id));
    }
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
        citation: citation(&edition.citation, plans),
        tidy,
    }
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
pub fn changes(catalog: &Catalog, run: &crate::scenario::against::ChangesRun) -> Report {
    use crate::data::plans::{diff, Change};
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
    let mut table = Table::new(vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("changes", "What changed"),
        ColumnSpec::new("milestones_before", &format!("Plan {bv}")),
        ColumnSpec::new("milestones_after", &format!("Plan {av}")),
        ColumnSpec::new(
            "planned_target_year_before",
            &format!("{target_year} plan, {bv} (%)"),
        ),
        ColumnSpec::new(
            "planned_target_year_after",
            &format!("{target_year} plan, {av} (%)"),
        ),
        ColumnSpec::new(
            "shortfall_usd_current_bn_before",
            &format!("Short in {target_year}, {bv} (USD bn)"),
        ),
        ColumnSpec::new(
            "shortfall_usd_current_bn_after",
            &format!("Short in {target_year}, {av} (USD bn)"),
        ),
        ColumnSpec::new("shortfall_change_usd_bn", "Change (USD bn)"),
    ]);
    let mut tidy = Table::new(vec![
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("name", "Name"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("change", "Change"),
        ColumnSpec::new("before", &format!("Milestone {bv}")),
        ColumnSpec::new("after", &format!("Milestone {av}")),
        ColumnSpec::new("from_plans", "From plans"),
        ColumnSpec::new("to_plans", "To plans"),
    ]);
    let describe_all = |plans: &Plans, code: &str| {
        let list: Vec<String> = plans.of(code).iter().map(|m| m.describe()).collect();
        if list.is_empty() {
            "no plan".to_string()
        } else {
            list.join(", ")
        }
    };
    let mut sentences = Vec::new();
    let (mut short_before, mut short_after) = (0.0, 0.0);
    for code in &codes {
        let name = name_of(code);
        let mine: Vec<_> = changed.iter().filter(|c| c.ally == *code).collect();
        let words: Vec<String> = mine
            .iter()
            .map(|c| match c.change {
                Change::Added => {
                    format!("{} added", c.after.map_or(String::new(), |m| m.describe()))
                }
                Change::Dropped => {
                    format!(
                        "{} dropped",
                        c.before.map_or(String::new(), |m| m.describe())
                    )
                }
                Change::Changed => format!(
                    "{} → {}",
                    c.before.map_or(String::new(), |m| m.describe()),
                    c.after.map_or(String::new(), |m| m.describe())
                ),
            })
            .collect();
        for c in &mine {
            tidy.push(vec![
                Value::text(*code),
                Value::text(&name),
                Value::Int(c.year.into()),
                Value::text(c.change.key()),
                Value::opt_text(c.before.map(|m| m.describe())),
                Value::opt_text(c.after.map(|m| m.describe())),
                Value::text(&before.info.id),
                Value::text(&after.info.id),
            ]);
        }
        let (b, a) = run.comparisons(code);
        let planned = |c: Option<&crate::calc::plans::PlanComparison>| {
            c.and_then(|c| c.years.last()).and_then(|y| y.planned)
        };
        let short = |c: Option<&crate::calc::plans::PlanComparison>| {
            c.and_then(|c| c.shortfall_usd_current_m)
        };
        let change = match (short(b), short(a)) {
            (Some(x), Some(y)) => {
                short_before += x;
                short_after += y;
                Some(y - x)
            }
            _ => None,
        };
        sentences.push(format!(
            "{name}: {}{}.",
            words.join("; "),
            match (planned(b), planned(a)) {
                (Some(x), Some(y)) if (x - y).abs() > 1e-9 =>
                    format!(" ({target_year} plan {:.2}% → {:.2}% of GDP)", x, y),
                (None, Some(y)) =>
                    format!(" (a plan for the first time: {y:.2}% in {target_year})"),
                (Some(x), None) => format!(" (no plan left; it had {x:.2}% in {target_year})"),
                _ => format!(" ({target_year} plan unchanged)"),
            }
        ));
        table.push(vec![
            Value::text(&name),
            Value::text(words.join("; ")),
            Value::text(describe_all(before, code)),
            Value::text(describe_all(after, code)),
            Value::share(planned(b)),
            Value::share(planned(a)),
            Value::usd_bn(short(b), 1),
            Value::usd_bn(short(a), 1),
            Value::usd_bn(change, 1),
        ]);
    }

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

    let mut citation = format!(
        "{}\n{}\n{}",
        edition.citation, before.info.citation, after.info.citation
    );
    if let Some((_, outlook)) = after
        .converted_with
        .as_ref()
        .or(before.converted_with.as_ref())
    {
        citation.push('\n');
        citation.push_str(outlook);
    }
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
