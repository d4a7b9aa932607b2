//! SIPRI's series as the long-run and rivals charts draw them: read, turned
//! into drawable lines, tabled, and cited.

use crate::calc::longrun::{Measure, Point, Series};
use crate::chart::era_panel::LongSeries;
use crate::data::sipri::Sipri;
use crate::error::{Error, Result};
use crate::export::{column, Table, Value};
use crate::param::Param;
use crate::results::Results;

/// The series for `queries` from SIPRI, from `since`.
pub(super) fn sipri_series(
    r: &Results,
    sipri: &Sipri,
    queries: &[String],
    measure: Measure,
    since: i32,
) -> Result<Vec<Series>> {
    if since > sipri.release.last_year {
        return Err(Error::usage(
            Param::From,
            format!(
                "{since} is after SIPRI's last year, {}",
                sipri.release.last_year
            ),
        ));
    }
    Ok(r.long_series(sipri, queries, measure)?
        .into_iter()
        .map(|s| s.since(since))
        .collect())
}

pub(super) fn to_long(s: &Series) -> LongSeries {
    let empty = s.points.iter().all(|p| p.cell.value.is_none());
    LongSeries {
        label: if empty {
            format!("{} (no SIPRI figure)", s.name)
        } else {
            s.name.clone()
        },
        points: s
            .points
            .iter()
            .map(|p| (p.year, p.cell.value, p.cell.state.is_marked()))
            .collect(),
    }
}

/// The chart's numbers: one row per series and year with SIPRI's mark,
/// for each measure's series in turn.
pub(super) fn table_of(measures: &[(&[Series], Measure)]) -> Table {
    struct Row<'a> {
        series: &'a Series,
        measure: Measure,
        point: &'a Point,
    }
    let rows: Vec<Row> = measures
        .iter()
        .flat_map(|&(series, measure)| {
            series.iter().flat_map(move |series| {
                series.points.iter().map(move |point| Row {
                    series,
                    measure,
                    point,
                })
            })
        })
        .collect();
    Table::of(
        &[
            column("series", "Series", |r: &Row| Value::text(&r.series.name)),
            column("measure", "Measure", |r: &Row| Value::text(r.measure.key())),
            column("year", "Year", |r: &Row| Value::Int(r.point.year.into())),
            column("value", "Value", |r: &Row| {
                Value::num(r.point.cell.value, 4)
            }),
            column("state", "SIPRI mark", |r: &Row| {
                Value::text(r.point.cell.state.key())
            }),
        ],
        &rows,
    )
}

pub(super) fn sipri_footer(sipri: &Sipri, series: &[Series]) -> Vec<String> {
    let mut lines = vec![sipri.release.citation.clone()];
    lines.push(
        "Dashed: SIPRI estimates or highly uncertain figures; gaps: no SIPRI figure (a group: a member without one). Chart: defspend."
            .into(),
    );
    // What each country's name covers (the USSR, Germany before 1990, …).
    let covers: Vec<String> = series
        .iter()
        .filter(|s| !s.is_group)
        .filter_map(|s| {
            sipri
                .names
                .iter()
                .find(|n| n.code == s.key && !n.note.is_empty())
                .map(|n| format!("{}: {}", s.name, n.note))
        })
        .collect();
    if !covers.is_empty() {
        lines.push(format!("{}.", covers.join("; ")));
    }
    lines
}
