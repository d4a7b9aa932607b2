//! The outlook's tidy table: one row per ally or group, year and quantile.

use super::TidyRow;
use crate::calc::montecarlo::Quantiles;
use crate::export::{column, Column, Value};
use crate::forecast::odds::OutlookRun;

pub(super) fn tidy_columns<'a>(run: &'a OutlookRun) -> Vec<Column<'a, TidyRow<'a>>> {
    // A figure given only in the target year.
    fn at_target(r: &TidyRow, v: f64, decimals: usize) -> Value {
        if r.target_year {
            Value::Number(v, decimals)
        } else {
            Value::Missing
        }
    }
    let q = |key: &'static str, header: &'static str, f: fn(&Quantiles) -> f64, d: usize| {
        column(key, header, move |r: &TidyRow| {
            Value::Number(f(r.quantiles), d)
        })
    };
    let mut columns = vec![
        column("kind", "Kind", |r: &TidyRow| Value::text(r.series.kind)),
        column("code", "Code", |r: &TidyRow| Value::text(r.series.code)),
        column("name", "Name", |r: &TidyRow| Value::text(&r.series.name)),
        column("year", "Year", |r: &TidyRow| Value::Int(r.year.into())),
        column("target_pct", "Target (% of GDP)", |_: &TidyRow| {
            Value::Number(run.target, 2)
        }),
        column("probability", "Probability", |r: &TidyRow| {
            at_target(r, r.series.outcome.probability, 6)
        }),
        column("standard_error", "Standard error", |r: &TidyRow| {
            at_target(r, r.series.outcome.standard_error, 6)
        }),
        q("p10", "10th percentile (%)", |q| q.p10, 3),
        q("p25", "25th percentile (%)", |q| q.p25, 3),
        q("p50", "Median (%)", |q| q.p50, 3),
        q("p75", "75th percentile (%)", |q| q.p75, 3),
        q("p90", "90th percentile (%)", |q| q.p90, 3),
        q("p10_se", "10th percentile s.e. (points)", |q| q.p10_se, 4),
        q("p50_se", "Median s.e. (points)", |q| q.p50_se, 4),
        q("p90_se", "90th percentile s.e. (points)", |q| q.p90_se, 4),
        column("central_path_share", "Central path (%)", |r: &TidyRow| {
            at_target(r, r.series.outcome.expected_share, 3)
        }),
    ];
    if run.share.is_some() {
        columns.extend([
            column(
                "probability_plans_kept",
                "Probability, plans kept",
                move |r: &TidyRow| match run.kept_probability(r.series.code) {
                    Some(p) => at_target(r, p, 6),
                    None => Value::Missing,
                },
            ),
            column(
                "probability_momentum_persists",
                "Probability, momentum persists",
                |r: &TidyRow| at_target(r, r.series.outcome.probability_persists, 6),
            ),
            column(
                "probability_no_carry_over",
                "Probability, no carry-over",
                |r: &TidyRow| at_target(r, r.series.outcome.probability_no_drift, 6),
            ),
        ]);
    }
    for (a, outcomes) in &run.sensitivity {
        columns.push(column(
            format!("probability_{}", a.key().replace('-', "_")),
            format!("Probability, {}", a.key()),
            move |r: &TidyRow| match outcomes.iter().find(|x| x.key == r.series.outcome.key) {
                Some(x) if r.target_year => Value::Number(x.probability, 6),
                _ => Value::Missing,
            },
        ));
    }
    columns
}
