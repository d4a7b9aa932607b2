//! `personnel`: military personnel, spending per soldier and equipment
//! spending per soldier, by ally and by group, in a year against an earlier
//! one.

use serde_json::json;

use super::{edition_metadata, estimates_note};
use crate::calc::personnel::{GroupForce, Soldiers, Years};
use crate::data::Edition;
use crate::export::{column, Column, Report, Section, Table, Value};

/// One line of the tidy table: an ally or a group (with the members it
/// counts of those it has).
#[derive(Clone, Copy)]
struct Line<'a> {
    kind: &'static str,
    code: &'a str,
    name: &'a str,
    force: Years,
    counted: Option<(usize, usize)>,
}

impl<'a> Line<'a> {
    fn ally(s: &'a Soldiers) -> Self {
        Line {
            kind: "ally",
            code: &s.code,
            name: &s.name,
            force: s.force,
            counted: None,
        }
    }

    fn group(g: &'a GroupForce) -> Self {
        Line {
            kind: "group",
            code: &g.key,
            name: &g.name,
            force: g.force,
            counted: Some((g.counted, g.members)),
        }
    }
}

/// The figures' columns, for `year` against `since`, at `constant` prices.
fn figures<'a>(edition: &'a Edition, year: i32, since: i32) -> Vec<Column<'a, Line<'a>>> {
    let (now, then) = (edition.year_label(year), edition.year_label(since));
    let base = edition.price_base_year;
    vec![
        column(
            "personnel_k",
            format!("Personnel (thousands), {now}"),
            |r: &Line| Value::num(r.force.now.personnel_k, 1),
        ),
        column(
            "personnel_since_k",
            format!("Personnel (thousands), {then}"),
            |r: &Line| Value::num(r.force.then.personnel_k, 1),
        ),
        column(
            "personnel_change_pct",
            "Personnel change (%)",
            |r: &Line| Value::num(r.force.personnel_change_pct(), 1),
        ),
        column(
            format!("per_soldier_usd_constant_{base}_k"),
            format!("Per soldier (USD k, {base} prices), {now}"),
            |r: &Line| Value::num(r.force.now.per_soldier_k(), 1),
        ),
        column(
            format!("per_soldier_since_usd_constant_{base}_k"),
            format!("Per soldier (USD k, {base} prices), {then}"),
            |r: &Line| Value::num(r.force.then.per_soldier_k(), 1),
        ),
        column(
            "per_soldier_change_pct",
            "Per soldier, real change (%)",
            |r: &Line| Value::num(r.force.per_soldier_change_pct(), 1),
        ),
        column(
            format!("equipment_per_soldier_usd_constant_{base}_k"),
            format!("Equipment per soldier (USD k), {now}"),
            |r: &Line| Value::num(r.force.now.equipment_per_soldier_k(), 1),
        ),
    ]
}

pub fn report(
    edition: &Edition,
    (year, since): (i32, i32),
    allies: &[Soldiers],
    groups: &[GroupForce],
) -> Report {
    let forces: Vec<&Soldiers> = allies.iter().filter(|s| s.has_armed_forces).collect();
    let mut ranked: Vec<Line> = forces.iter().map(|s| Line::ally(s)).collect();
    ranked.sort_by(|a, b| {
        let per = |l: &Line| l.force.now.per_soldier_k().unwrap_or(f64::NEG_INFINITY);
        per(b).total_cmp(&per(a))
    });
    let group_lines: Vec<Line> = groups.iter().map(Line::group).collect();

    let mut ally_columns = vec![
        column("name", "Ally", |r: &Line| Value::text(r.name)),
        column("code", "Code", |r: &Line| Value::text(r.code)),
    ];
    ally_columns.extend(figures(edition, year, since));
    let mut group_columns = vec![column("name", "Group", |r: &Line| Value::text(r.name))];
    group_columns.push(column("counted", "Allies counted", |r: &Line| {
        Value::opt_text(r.counted.map(|(n, of)| format!("{n} of {of}")))
    }));
    group_columns.extend(figures(edition, year, since));

    let mut tidy_columns = vec![
        column("kind", "Kind", |r: &Line| Value::text(r.kind)),
        column("code", "Code", |r: &Line| Value::text(r.code)),
        column("name", "Name", |r: &Line| Value::text(r.name)),
        column("edition", "Edition", |_: &Line| Value::text(&edition.id)),
        column("year", "Year", |_: &Line| Value::Int(year.into())),
        column("since", "Since", |_: &Line| Value::Int(since.into())),
        column("estimate", "Estimate", |_: &Line| {
            Value::Bool(edition.is_estimate(year))
        }),
    ];
    tidy_columns.extend(figures(edition, year, since));
    let all: Vec<Line> = ranked.iter().chain(&group_lines).copied().collect();

    let summary = summary(edition, (year, since), groups);
    let notes = notes(edition, year, allies);

    let (now, then) = (edition.year_label(year), edition.year_label(since));
    let mut metadata = edition_metadata(edition);
    metadata.insert("year".into(), json!(year));
    metadata.insert("since".into(), json!(since));
    metadata.insert("money_unit".into(), json!("USD thousand per soldier"));
    Report {
        title: format!(
            "Military personnel and spending per soldier, {now} against {then} ({})",
            edition.id
        ),
        metadata,
        summary,
        sections: vec![
            Section::new(
                "allies",
                "By ally, most spent per soldier first",
                Table::of(&ally_columns, &ranked),
            ),
            Section::new(
                "groups",
                "By group",
                Table::of(&group_columns, &group_lines),
            ),
        ],
        notes,
        citation: edition.citation.clone(),
        tidy: Table::of(&tidy_columns, &all),
    }
}

/// A sentence per group: its personnel and spending per soldier, and how
/// each moved.
fn summary(edition: &Edition, (year, since): (i32, i32), groups: &[GroupForce]) -> Vec<String> {
    let (now, then) = (edition.year_label(year), edition.year_label(since));
    groups
        .iter()
        .filter_map(|g| {
            let (p, per) = (g.force.now.personnel_k?, g.force.now.per_soldier_k()?);
            Some(format!(
                "{}: {:.0} thousand military personnel in {now} ({}% since {then}); USD {:.0} thousand spent per soldier at {} prices ({}% in real terms).",
                g.name,
                p,
                signed(g.force.personnel_change_pct()),
                per,
                edition.price_base_year,
                signed(g.force.per_soldier_change_pct()),
            ))
        })
        .collect()
}

fn notes(edition: &Edition, year: i32, allies: &[Soldiers]) -> Vec<String> {
    let mut notes = vec![
        format!(
            "Per soldier: defence expenditure at constant {} prices and exchange rates (NATO's Table 2) over military personnel (Table 7); equipment per soldier applies the equipment share (Table 8a).",
            edition.price_base_year
        ),
        "Groups: the members with personnel and spending in both years, summed (allies counted against members).".into(),
        estimates_note(edition),
    ];
    let none: Vec<&str> = allies
        .iter()
        .filter(|s| !s.has_armed_forces)
        .map(|s| s.name.as_str())
        .collect();
    if !none.is_empty() {
        notes.push(format!(
            "{}: no armed forces, not counted.",
            none.join(", ")
        ));
    }
    let missing: Vec<&str> = allies
        .iter()
        .filter(|s| s.has_armed_forces && s.force.now.personnel_k.is_none())
        .map(|s| s.name.as_str())
        .collect();
    if !missing.is_empty() {
        notes.push(format!(
            "No personnel figure in {} for {}.",
            edition.year_label(year),
            missing.join(", ")
        ));
    }
    notes
}

fn signed(v: Option<f64>) -> String {
    v.map_or("n/a".into(), |v| format!("{v:+.1}"))
}
