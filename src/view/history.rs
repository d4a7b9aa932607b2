//! `history`: long series by year, one column per country or group, SIPRI's
//! marks (or NATO's estimate years) kept on every value.

use serde_json::{json, Map, Value as Json};

use super::edition_metadata;
use crate::calc::longrun::{Measure, Point, Series};
use crate::data::sipri::{Cell, Sipri, State};
use crate::data::Edition;
use crate::error::Result;
use crate::export::{column, Report, Section, Table, Value};
use crate::param::Param;

/// The measure in words, with the unit a table shows it in.
pub fn measure_label(measure: Measure, constant_base: i32) -> String {
    match measure {
        Measure::Share => "% of GDP".into(),
        Measure::Constant => format!("USD bn, constant {constant_base} prices"),
        Measure::Current => "USD bn, current prices".into(),
        Measure::PerCapita => "USD per person".into(),
    }
}

/// The unit of the tidy CSV's and JSON's values: money in USD million, as
/// the datasets hold it (the table shows billions).
fn tidy_unit(label: &str) -> String {
    label.replacen("USD bn", "USD m", 1)
}

/// A value as the table shows it: USD in billions, shares to two decimals,
/// with `e` after a SIPRI estimate (or a NATO estimate year) and `u` after a
/// highly uncertain figure.
pub fn display(cell: &Cell, measure: Measure) -> String {
    let Some(v) = cell.value else {
        return match cell.state {
            State::NotAvailable => "...".into(),
            State::DidNotExist => "xxx".into(),
            _ => String::new(),
        };
    };
    let number = match measure {
        Measure::Share => format!("{v:.2}"),
        Measure::Constant | Measure::Current => format!("{:.1}", v / 1000.0),
        Measure::PerCapita => format!("{v:.0}"),
    };
    match cell.state {
        State::Estimate => format!("{number}e"),
        State::Uncertain => format!("{number}u"),
        _ => number,
    }
}

/// The wide table (a column a series) and the tidy one, whose `unit` names
/// the price basis (and a constant measure's base year) on every row.
fn tables(series: &[Series], measure: Measure, source: &str, unit: &str) -> (Table, Table) {
    let mut columns = vec![column("year", "Year", |y: &i32| Value::Int((*y).into()))];
    columns.extend(series.iter().map(|s| {
        column(&s.key, &s.name, move |year: &i32| {
            Value::text(
                s.points
                    .iter()
                    .find(|p| p.year == *year)
                    .map_or(String::new(), |p| display(&p.cell, measure)),
            )
        })
    }));
    let mut years: Vec<i32> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    let wide = Table::of(&columns, &years);
    struct Row<'a> {
        series: &'a Series,
        point: &'a Point,
    }
    let rows: Vec<Row> = series
        .iter()
        .flat_map(|series| series.points.iter().map(move |point| Row { series, point }))
        .collect();
    let tidy = Table::of(
        &[
            column("series", "Series", |r: &Row| Value::text(&r.series.name)),
            column("code", "Code", |r: &Row| Value::text(&r.series.key)),
            column("source", "Source", |_: &Row| Value::text(source)),
            column("measure", "Measure", |_: &Row| Value::text(measure.key())),
            column("year", "Year", |r: &Row| Value::Int(r.point.year.into())),
            column("value", "Value", |r: &Row| {
                Value::num(r.point.cell.value, 4)
            }),
            column("unit", "Unit", |_: &Row| Value::text(unit)),
            column("state", "State", |r: &Row| {
                Value::text(r.point.cell.state.key())
            }),
        ],
        &rows,
    );
    (wide, tidy)
}

fn span(series: &[Series]) -> String {
    let first = series
        .iter()
        .filter_map(|s| s.points.first())
        .map(|p| p.year)
        .min();
    let last = series
        .iter()
        .filter_map(|s| s.points.last())
        .map(|p| p.year)
        .max();
    match (first, last) {
        (Some(a), Some(b)) => format!("{a}-{b}"),
        _ => String::new(),
    }
}

fn names(series: &[Series]) -> String {
    crate::units::join_names(&series.iter().map(|s| s.name.clone()).collect::<Vec<_>>())
}

/// Sentences: each series' first and last value and its peak.
fn summary(series: &[Series], measure: Measure) -> Vec<String> {
    series
        .iter()
        .filter_map(|s| {
            let with: Vec<_> = s.points.iter().filter(|p| p.cell.value.is_some()).collect();
            let (first, last) = (with.first()?, with.last()?);
            let peak = with.iter().max_by(|a, b| {
                a.cell
                    .value
                    .unwrap_or(0.0)
                    .total_cmp(&b.cell.value.unwrap_or(0.0))
            })?;
            Some(format!(
                "{}: {} in {}, {} in {}; highest {} in {}.",
                s.name,
                display(&first.cell, measure),
                first.year,
                display(&last.cell, measure),
                last.year,
                display(&peak.cell, measure),
                peak.year
            ))
        })
        .collect()
}

pub fn sipri_report(sipri: &Sipri, series: &[Series], measure: Measure) -> Report {
    let r = &sipri.release;
    let label = match measure {
        Measure::PerCapita => "USD per person, current prices".to_string(),
        m => measure_label(m, r.price_base_year),
    };
    let (wide, tidy) = tables(series, measure, &r.id, &tidy_unit(&label));
    let mut metadata = super::sipri_metadata(r);
    metadata.insert("measure".into(), json!(measure.key()));
    metadata.insert("unit".into(), json!(tidy_unit(&label)));
    metadata.insert("definition".into(), json!(r.definition));
    metadata.insert(
        "marks".into(),
        json!({"e": "SIPRI estimate (blue in SIPRI's workbook)", "u": "highly uncertain (red)", "...": "not available", "xxx": "did not exist or not independent"}),
    );
    let mut notes = vec![
        "e: SIPRI estimate; u: highly uncertain figure; ...: not available; xxx: the country did not exist or was not independent.".to_string(),
        format!("SIPRI's definition, not NATO's: {}. Do not join these figures to NATO's in one series.", r.definition),
    ];
    if measure == Measure::PerCapita {
        notes.push("SIPRI publishes spending per person from 1988, in current USD.".into());
    }
    // SIPRI's workbook has literal zeros where it has no figure in a unit
    // (Russia's current US$ in 1987-1990): shown as SIPRI gives them, and said.
    for s in series.iter().filter(|s| !s.is_group) {
        let zeros: Vec<String> = s
            .points
            .iter()
            .filter(|p| p.cell.value == Some(0.0))
            .map(|p| p.year.to_string())
            .collect();
        if !zeros.is_empty() {
            notes.push(format!(
                "{}: SIPRI's workbook gives 0 in {} ({label}), as printed here with its mark: a figure SIPRI does not give in this unit, not an absence of military spending.",
                s.name,
                zeros.join(", ")
            ));
        }
    }
    for s in series {
        for n in &s.notes {
            let note = if s.is_group {
                n.clone()
            } else {
                format!(
                    "{}: {}",
                    s.name,
                    n.trim_start_matches(&format!("{}: ", s.name))
                )
            };
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
    }
    Report {
        title: format!(
            "Military expenditure, {label}, {}: {} (SIPRI)",
            span(series),
            names(series)
        ),
        metadata,
        summary: summary(series, measure),
        sections: vec![Section::new("history", format!("By year ({label})"), wide)],
        notes,
        citation: r.citation.clone(),
        tidy,
    }
}

pub fn nato_report(edition: &Edition, series: &[Series], measure: Measure) -> Result<Report> {
    if measure == Measure::PerCapita
        && series
            .iter()
            .all(|s| s.points.iter().all(|p| p.cell.value.is_none()))
    {
        return Err(crate::error::Error::request(
            crate::error::Asked::Measure,
            "per-capita",
            format!(
                "edition {} has no per-person figures (NATO's Table 6); use {} nato-2024 or {} sipri",
                edition.id,
                Param::Edition,
                Param::Source
            ),
        ));
    }
    let label = match measure {
        Measure::PerCapita => format!(
            "USD per person, constant {} prices",
            edition.price_base_year
        ),
        m => measure_label(m, edition.price_base_year),
    };
    let (wide, tidy) = tables(series, measure, &edition.id, &tidy_unit(&label));
    let mut metadata: Map<String, Json> = edition_metadata(edition);
    metadata.insert("measure".into(), json!(measure.key()));
    metadata.insert("unit".into(), json!(tidy_unit(&label)));
    let mut notes = vec![format!(
        "e: NATO estimate ({}). Groups count each ally from the year it joined.",
        edition
            .estimate_years
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    )];
    if measure == Measure::PerCapita {
        notes.push(format!(
            "Spending per person is NATO's (Table 6), in constant {} USD; a group's is its total constant spending over the population each member's figure implies.",
            edition.price_base_year
        ));
    }
    Ok(Report {
        title: format!(
            "Defence expenditure, {label}, {}: {} (NATO, {})",
            span(series),
            names(series),
            edition.id
        ),
        metadata,
        summary: summary(series, measure),
        sections: vec![Section::new("history", format!("By year ({label})"), wide)],
        notes,
        citation: edition.citation.clone(),
        tidy,
    })
}
