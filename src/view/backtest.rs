//! `backtest`: every model's and baseline's scores on each backtest, side by
//! side, whatever they show.

use serde_json::json;

use crate::calc::scoring::{ALPHA, LOG_FLOOR, PIT_BINS};
use crate::export::{ColumnSpec, Report, Section, Table, Value};
use crate::scenario::backtest::{ModelScores, Outcome};

fn pct(v: Option<f64>) -> Value {
    Value::num(v.map(|x| x * 100.0), 1)
}

/// One row of the scores table (shown) or of the tidy table (every score).
fn row(o: &Outcome, m: &ModelScores, tidy: bool) -> Vec<Value> {
    let s = m.shares.as_ref();
    let mut r = vec![];
    if tidy {
        r.push(Value::text(o.name.key()));
    }
    r.extend([
        Value::text(m.key),
        Value::Int(m.event.n as i64),
        pct(s.map(|s| s.cover50)),
        pct(s.map(|s| s.cover80)),
        pct(s.map(|s| s.below10)),
        pct(s.map(|s| s.above90)),
        Value::num(s.map(|s| s.interval), 3),
        Value::num(s.map(|s| s.crps), 3),
        Value::num(Some(m.event.brier), 3),
        Value::num(Some(m.event.log), 3),
    ]);
    if tidy {
        r.extend([
            pct(s.map(|s| s.below25)),
            pct(s.map(|s| s.above75)),
            Value::num(Some(m.event.observed), 3),
            Value::num(Some(m.event.mean_p), 3),
        ]);
        for b in 0..PIT_BINS {
            r.push(pct(s.map(|s| s.pit[b])));
        }
        r.push(Value::text(&m.about));
    }
    r
}

fn columns(tidy: bool) -> Vec<ColumnSpec> {
    let mut c = vec![];
    if tidy {
        c.push(ColumnSpec::new("backtest", "Backtest"));
    }
    c.extend([
        ColumnSpec::new("model", "Model"),
        ColumnSpec::new("cases", "Cases"),
        ColumnSpec::new("cover50_pct", "In 50% band (%)"),
        ColumnSpec::new("cover80_pct", "In 80% band (%)"),
        ColumnSpec::new("below10_pct", "Below 10th (%)"),
        ColumnSpec::new("above90_pct", "Above 90th (%)"),
        ColumnSpec::new("interval_score", "Interval score"),
        ColumnSpec::new("crps", "CRPS"),
        ColumnSpec::new("brier", "Brier"),
        ColumnSpec::new("log_score", "Log score"),
    ]);
    if tidy {
        c.extend([
            ColumnSpec::new("below25_pct", "Below 25th (%)"),
            ColumnSpec::new("above75_pct", "Above 75th (%)"),
            ColumnSpec::new("event_observed", "Event observed"),
            ColumnSpec::new("event_mean_p", "Mean probability"),
        ]);
        for b in 0..PIT_BINS {
            c.push(ColumnSpec::new(
                &format!("pit_{}_{}_pct", b * 10, b * 10 + 10),
                &format!("PIT {}-{}% (%)", b * 10, b * 10 + 10),
            ));
        }
        c.push(ColumnSpec::new("about", "About the model"));
    }
    c
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
    let mut tidy = Table::new(columns(true));
    let mut sections = Vec::new();
    let mut summary = Vec::new();
    let mut notes = Vec::new();
    for o in outcomes {
        let mut table = Table::new(columns(false));
        for m in &o.models {
            table.push(row(o, m, false));
            tidy.push(row(o, m, true));
        }
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
        for m in &o.models {
            notes.push(format!("{} {}: {}.", o.name.key(), m.key, m.about));
        }
        notes.extend(o.notes.iter().map(|n| format!("{}: {n}", o.name.key())));
    }
    notes.push(format!(
        "Scores (lower is better, Gneiting and Raftery 2007): the interval score of the 10-90% band (alpha = {ALPHA}), its width plus 2/alpha times any miss, in points of GDP; the CRPS in points of GDP; the Brier and log scores of each backtest's event (a coin flip: 0.250 and 0.693; probabilities kept within {LOG_FLOOR} and {} for the log score). Coverage and each tail are shares of cases; the tidy output adds the PIT histogram in tenths.",
        1.0 - LOG_FLOOR
    ));
    notes.push("Every model is fitted on data up to its origin only; nothing is tuned on the years scored.".into());
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
