//! `backtest`: every model's and baseline's scores on each backtest, side by
//! side, whatever they show.

use serde_json::json;

use crate::calc::scoring::{DistScores, ALPHA, LOG_FLOOR, PIT_BINS};
use crate::export::{column, Column, Report, Section, Table, Value};
use crate::forecast::backtest::{AllyOdds, ModelScores, Outcome};

fn pct(v: Option<f64>) -> Value {
    Value::num(v.map(|x| x * 100.0), 1)
}

/// One model's scores in one backtest.
struct Row<'a> {
    backtest: &'a Outcome,
    model: &'a ModelScores,
}

/// The scores table's columns (shown), or the tidy table's (every score).
fn columns<'a>(tidy: bool) -> Vec<Column<'a, Row<'a>>> {
    let share = |key: &'static str, header: &'static str, f: fn(&DistScores) -> f64| {
        column(key, header, move |r: &Row| {
            pct(r.model.shares.as_ref().map(f))
        })
    };
    let score = |key: &'static str, header: &'static str, f: fn(&ModelScores) -> Option<f64>| {
        column(key, header, move |r: &Row| Value::num(f(r.model), 3))
    };
    let mut c = vec![];
    if tidy {
        c.push(column("backtest", "Backtest", |r: &Row| {
            Value::text(r.backtest.name.key())
        }));
    }
    c.extend([
        column("model", "Model", |r: &Row| Value::text(r.model.key)),
        column("cases", "Cases", |r: &Row| {
            Value::Int(r.model.event.n as i64)
        }),
        share("cover50_pct", "In 50% band (%)", |s| s.cover50),
        share("cover80_pct", "In 80% band (%)", |s| s.cover80),
        share("below10_pct", "Below 10th (%)", |s| s.below10),
        share("above90_pct", "Above 90th (%)", |s| s.above90),
        score("interval_score", "Interval score", |m| {
            m.shares.as_ref().map(|s| s.interval)
        }),
        score("crps", "CRPS", |m| m.shares.as_ref().map(|s| s.crps)),
        score("brier", "Brier", |m| Some(m.event.brier)),
        score("log_score", "Log score", |m| Some(m.event.log)),
    ]);
    if tidy {
        c.extend([
            share("below25_pct", "Below 25th (%)", |s| s.below25),
            share("above75_pct", "Above 75th (%)", |s| s.above75),
            score("event_observed", "Event observed", |m| {
                Some(m.event.observed)
            }),
            score("event_mean_p", "Mean probability", |m| Some(m.event.mean_p)),
        ]);
        for b in 0..PIT_BINS {
            c.push(column(
                format!("pit_{}_{}_pct", b * 10, b * 10 + 10),
                format!("PIT {}-{}% (%)", b * 10, b * 10 + 10),
                move |r: &Row| pct(r.model.shares.as_ref().map(|s| s.pit[b])),
            ));
        }
        c.push(column("about", "About the model", |r: &Row| {
            Value::text(&r.model.about)
        }));
    }
    c
}

/// Each ally's probability of the event under the model and with its
/// pledge kept, beside its shares then and after.
fn ally_odds(o: &Outcome) -> Section {
    let (from, to) = (o.origins.0, o.years.1);
    let table = Table::of(
        &[
            column("ally", "Ally", |a: &AllyOdds| Value::text(&a.name)),
            column("code", "Code", |a: &AllyOdds| Value::text(&a.code)),
            column(
                "origin_share",
                format!("Share {from} (%)"),
                |a: &AllyOdds| Value::Number(a.origin_share, 2),
            ),
            column("p_model", "P model (%)", |a: &AllyOdds| {
                Value::Number(a.model * 100.0, 1)
            }),
            column("p_pledge_kept", "P pledge kept (%)", |a: &AllyOdds| {
                Value::Number(a.pledge_kept * 100.0, 1)
            }),
            column(
                "outcome_share",
                format!("Share {to} (%)"),
                |a: &AllyOdds| Value::Number(a.outcome, 2),
            ),
            column("happened", "At 2%", |a: &AllyOdds| {
                Value::text(if a.outcome >= 2.0 - 1e-9 { "yes" } else { "no" })
            }),
        ],
        o.allies.iter(),
    );
    Section::new(
        "ally-odds",
        format!(
            "{}: each ally's probability of {} under the model and with the pledge taken at its word",
            o.name.key(),
            o.name.event()
        ),
        table,
    )
}

/// The lowest of a score among the models that have it: "best".
fn best(o: &Outcome, score: impl Fn(&ModelScores) -> Option<f64>) -> Option<&'static str> {
    o.models
        .iter()
        .filter_map(|m| Some((m.key, score(m)?)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k)
}

pub fn report(outcomes: &[Outcome], citation: &str) -> Report {
    let rows: Vec<Row> = outcomes
        .iter()
        .flat_map(|backtest| {
            backtest
                .models
                .iter()
                .map(move |model| Row { backtest, model })
        })
        .collect();
    let tidy = Table::of(&columns(true), &rows);
    let mut sections = Vec::new();
    let mut summary = Vec::new();
    let mut notes = Vec::new();
    for o in outcomes {
        let table = Table::of(
            &columns(false),
            rows.iter().filter(|r| std::ptr::eq(r.backtest, o)),
        );
        let span = |(a, b): (i32, i32)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        };
        let fitted = if o.origins.0 == o.origins.1 {
            format!("fitted to {}", o.origins.0)
        } else {
            format!("origins {}, each fitted to its year", span(o.origins))
        };
        sections.push(Section::new(
            o.name.key(),
            format!(
                "{}: {} cases, {fitted}, scored on {} ({}); event: {}",
                o.name.key(),
                o.cases,
                span(o.years),
                o.edition,
                o.name.event()
            ),
            table,
        ));
        let crps = best(o, |m| m.shares.as_ref().map(|s| s.crps));
        let brier = best(o, |m| Some(m.event.brier));
        summary.push(format!(
            "{}: {}. Lowest CRPS: {}; lowest Brier score: {}.",
            o.name.key(),
            o.name.describe(),
            crps.unwrap_or("no model forecasts the share"),
            brier.unwrap_or("–")
        ));
        for (key, label) in [
            ("adjust", "the outlook's model (adjust)"),
            ("record", "the earlier record model"),
        ] {
            if let Some(m) = o.model(key).and_then(|m| m.shares.as_ref()) {
                summary.push(format!(
                    "{}: {label} has {:.0}% of outcomes inside its 10-90% band ({:.0}% above the 90th percentile, {:.0}% below the 10th; calibrated: 80%, 10%, 10%).",
                    o.name.key(),
                    m.cover80 * 100.0,
                    m.above90 * 100.0,
                    m.below10 * 100.0
                ));
            }
        }
        if !o.allies.is_empty() {
            sections.push(ally_odds(o));
        }
        for m in &o.models {
            notes.push(format!("{} {}: {}.", o.name.key(), m.key, m.about));
        }
        notes.extend(o.notes.iter().map(|n| format!("{}: {n}", o.name.key())));
    }
    notes.push(format!(
        "Scores (lower is better, Gneiting and Raftery 2007): the interval score of the 10-90% band (alpha = {ALPHA}), its width plus 2/alpha times any miss, in points of GDP; the CRPS in points of GDP; the Brier and log scores of each backtest's event (a coin flip: 0.250 and 0.693; probabilities kept within {LOG_FLOOR} and {} for the log score). Coverage and each tail are shares of cases; the tidy output adds the PIT histogram in tenths.",
        1.0 - LOG_FLOOR
    ));
    notes.push("Every model is fitted on data up to its origin only. The adjustment model's drift and centring were chosen once, on SIPRI's rolling origins up to 2009, whose outcomes run to 2019: sipri-rolling's origins to 2009 are in-sample for that choice (its note scores 2010-2014 apart), and so are, in SIPRI's figures, the years 2015-2019 that nato-one-year scores in NATO's; nato-2019 (2020-2024e) and wales-2014 (2024e) are not.".into());
    let mut metadata = serde_json::Map::new();
    metadata.insert(
        "backtests".into(),
        json!(outcomes.iter().map(|o| o.name.key()).collect::<Vec<_>>()),
    );
    metadata.insert(
        "events".into(),
        json!(outcomes
            .iter()
            .map(|o| (o.name.key().to_string(), json!(o.name.event())))
            .collect::<serde_json::Map<_, _>>()),
    );
    Report {
        title: "Backtests of the odds: models against baselines".into(),
        metadata,
        summary,
        sections,
        notes,
        citation: citation.to_string(),
        tidy,
    }
}
