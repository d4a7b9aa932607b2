//! `plans record`: what NATO has since published for each milestone.

use serde_json::json;

use crate::data::Catalog;
use crate::export::{column, Column, Report, Section, Table, Value};
use crate::view::edition_metadata;

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
