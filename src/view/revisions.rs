//! `revisions`: two editions' values for the same ally-years, the largest first.

use serde_json::{json, Map};

use crate::calc::longrun::Measure;
use crate::calc::revisions::{Causes, Revision};
use crate::data::Edition;
use crate::export::{column, Paired, Report, Section, Value};

use super::history::measure_label;
use crate::param::Param;

fn label(edition: &Edition, measure: Measure) -> String {
    measure_label(measure, edition.price_base_year)
}

fn amount(v: f64, measure: Measure) -> Value {
    match measure {
        Measure::Share => Value::Number(v, 2),
        Measure::PerCapita => Value::Number(v, 0),
        _ => Value::Number(v / 1000.0, 2),
    }
}

pub fn report(
    from: &Edition,
    to: &Edition,
    causes: &Causes,
    measure: Measure,
    rows: &[Revision],
) -> Report {
    let cause = causes.describe();
    let unit = if measure == Measure::Share {
        "points"
    } else {
        "USD bn"
    };
    let columns = vec![
        column("code", "Code", |r: &Revision| Value::text(&r.code)),
        column("ally", "Ally", |r: &Revision| Value::text(&r.name)),
        column("year", "Year", |r: &Revision| Value::Int(r.year.into())),
        column(
            "from_value",
            format!("{} ({})", from.id, label(from, measure)),
            move |r: &Revision| amount(r.from, measure),
        ),
        column(
            "to_value",
            format!("{} ({})", to.id, label(to, measure)),
            move |r: &Revision| amount(r.to, measure),
        ),
        column(
            "difference",
            format!("Difference ({unit})"),
            move |r: &Revision| amount(r.difference(), measure),
        ),
        column("difference_pct", "Difference (%)", |r: &Revision| {
            Value::num(r.relative_pct(), 1)
        }),
        column(
            "estimate_settled",
            "Estimate → outturn",
            |r: &Revision| Value::Bool(r.estimate_settled()),
        ),
        column("cause", "Cause", |_: &Revision| Value::text(&cause)),
    ];
    let paired = Paired::of(
        vec![
            column("from_edition", "From", |_: &Revision| Value::text(&from.id)),
            column("to_edition", "To", |_: &Revision| Value::text(&to.id)),
            column("measure", "Measure", move |_: &Revision| {
                Value::text(measure.key())
            }),
        ],
        columns,
        rows,
    );
    let summary = summary(from, to, causes, measure, rows);

    let metadata = metadata(from, to, measure, &cause);
    Report {
        title: format!(
            "Revisions from {} to {}: {}",
            from.id,
            to.id,
            label(to, measure)
        ),
        metadata,
        summary,
        sections: vec![Section::new(
            "revisions",
            "By ally-year, the largest first",
            paired.table,
        )],
        notes: vec![
            "Difference = later edition − earlier edition; ranked by points for shares, by % for amounts.".into(),
            "Editions revise history (GDP revisions, price base, definition): never join two editions in one series.".into(),
        ],
        citation: format!("{} {}", from.citation, to.citation),
        tidy: paired.tidy,
    }
}

/// The editions compared, their sources, bases and price bases.
fn metadata(
    from: &Edition,
    to: &Edition,
    measure: Measure,
    cause: &str,
) -> Map<String, serde_json::Value> {
    let mut metadata = Map::new();
    metadata.insert("from_edition".into(), json!(from.id));
    metadata.insert("to_edition".into(), json!(to.id));
    super::cite_file(&mut metadata, "from_edition", &from.source);
    super::cite_file(&mut metadata, "to_edition", &to.source);
    metadata.insert("measure".into(), json!(measure.key()));
    metadata.insert("cause".into(), json!(cause));
    metadata.insert(
        "basis".into(),
        json!({from.id.clone(): from.basis.label(), to.id.clone(): to.basis.label()}),
    );
    metadata.insert(
        "price_base_year".into(),
        json!({from.id.clone(): from.price_base_year, to.id.clone(): to.price_base_year}),
    );
    metadata
}

/// How many ally-years, which way, what changed between the editions, the largest.
fn summary(
    from: &Edition,
    to: &Edition,
    causes: &Causes,
    measure: Measure,
    rows: &[Revision],
) -> Vec<String> {
    let cause = causes.describe();
    let unit = if measure == Measure::Share {
        "points"
    } else {
        "USD bn"
    };
    let mut summary = vec![format!(
        "{} ally-years are in both {} ({}, {}) and {} ({}, {}).",
        rows.len(),
        from.id,
        from.basis.label(),
        from.constant_basis(),
        to.id,
        to.basis.label(),
        to.constant_basis()
    )];
    if from.published.date > to.published.date {
        summary.push(format!(
            "Backwards: {} ({}) is the newer edition, so each difference is how the older {} ({}) differs from it; {} names the older edition to read revisions forward.",
            from.id,
            from.published.long(),
            to.id,
            to.published.long(),
            Param::FromEdition
        ));
    }
    summary.push(if causes.definition.is_some() || causes.price_base.is_some() {
        format!("What changed between the editions: {cause}. Every row is affected: the differences below are not revisions of one measure.")
    } else {
        "The editions share a definition and price base: the differences are revisions of the data.".to_string()
    });
    if let Some(top) = rows.first() {
        summary.push(format!(
            "Largest: {} {}, {} → {} ({:+.2} {unit}).",
            top.name,
            top.year,
            Value::display(&amount(top.from, measure)),
            Value::display(&amount(top.to, measure)),
            if measure == Measure::Share {
                top.difference()
            } else {
                top.difference() / 1000.0
            }
        ));
    }
    let settled = rows.iter().filter(|r| r.estimate_settled()).count();
    if settled > 0 {
        summary.push(format!(
            "{settled} of the rows were estimates in {} and are outturns in {}.",
            from.id, to.id
        ));
    }
    summary
}
