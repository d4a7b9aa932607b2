//! `outlook`: the odds of reaching a target by a year, per ally and group,
//! with every parameter of the model and its source.

use serde_json::json;

use super::edition_metadata;
use crate::calc::montecarlo::{Quantiles, SeriesOutcome};
use crate::data::Catalog;
use crate::export::{ColumnSpec, Report, Section, Table, Value};
use crate::scenario::odds::{Anchor, OutlookRun};
use crate::units::{join_names, pct};

fn quantile_values(q: &Quantiles) -> [Value; 3] {
    [
        Value::Number(q.p10, 2),
        Value::Number(q.p50, 2),
        Value::Number(q.p90, 2),
    ]
}

fn percent(p: f64) -> Value {
    Value::Number(p * 100.0, 1)
}

pub fn report(catalog: &Catalog, run: &OutlookRun) -> Report {
    let edition = &run.data.edition;
    let s = &run.scenario;
    let t = pct(run.target);
    let by = run.by;
    let baseline_label = edition.year_label(s.baseline_year);
    let outcome = |key: &str| run.outcome(key);

    let mut allies = Table::new(vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("anchor", "Spending growth from"),
        ColumnSpec::new(
            "expected_spending_growth_pct",
            "Expected real spending growth (% a year)",
        ),
        ColumnSpec::new("share_baseline", &format!("Share {baseline_label} (%)")),
        ColumnSpec::new("share_central_path", &format!("Central path {by} (%)")),
        ColumnSpec::new("probability_pct", &format!("P(≥ {t}% in {by}) (%)")),
        ColumnSpec::new("standard_error_pct", "MC s.e. (points)"),
        ColumnSpec::new("p10", "10th pct (%)"),
        ColumnSpec::new("p50", "Median (%)"),
        ColumnSpec::new("p90", "90th pct (%)"),
    ]);
    let mut tidy = Table::new(vec![
        ColumnSpec::new("kind", "Kind"),
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("name", "Name"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("target_pct", "Target (% of GDP)"),
        ColumnSpec::new("probability", "Probability"),
        ColumnSpec::new("standard_error", "Standard error"),
        ColumnSpec::new("p10", "10th percentile (%)"),
        ColumnSpec::new("p25", "25th percentile (%)"),
        ColumnSpec::new("p50", "Median (%)"),
        ColumnSpec::new("p75", "75th percentile (%)"),
        ColumnSpec::new("p90", "90th percentile (%)"),
        ColumnSpec::new("p10_se", "10th percentile s.e. (points)"),
        ColumnSpec::new("p50_se", "Median s.e. (points)"),
        ColumnSpec::new("p90_se", "90th percentile s.e. (points)"),
        ColumnSpec::new("central_path_share", "Central path (%)"),
    ]);
    let tidy_row = |kind: &str,
                    code: &str,
                    name: &str,
                    year: i32,
                    o: &SeriesOutcome,
                    q: &Quantiles,
                    target_year: bool| {
        vec![
            Value::text(kind),
            Value::text(code),
            Value::text(name),
            Value::Int(year.into()),
            Value::Number(run.target, 2),
            if target_year {
                Value::Number(o.probability, 6)
            } else {
                Value::Missing
            },
            if target_year {
                Value::Number(o.standard_error, 6)
            } else {
                Value::Missing
            },
            Value::Number(q.p10, 3),
            Value::Number(q.p25, 3),
            Value::Number(q.p50, 3),
            Value::Number(q.p75, 3),
            Value::Number(q.p90, 3),
            Value::Number(q.p10_se, 4),
            Value::Number(q.p50_se, 4),
            Value::Number(q.p90_se, 4),
            if target_year {
                Value::Number(o.expected_share, 3)
            } else {
                Value::Missing
            },
        ]
    };
    let mut likely = Vec::new();
    let mut yearly = Table::new(vec![
        ColumnSpec::new("series", "Ally or group"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("p10", "10th pct (%)"),
        ColumnSpec::new("p25", "25th pct (%)"),
        ColumnSpec::new("p50", "Median (%)"),
        ColumnSpec::new("p75", "75th pct (%)"),
        ColumnSpec::new("p90", "90th pct (%)"),
    ]);
    // A series' percentiles each year after the baseline, one row a year.
    let push_years = |table: &mut Table, name: &str, o: &SeriesOutcome| {
        for (k, q) in o.years.iter().enumerate() {
            let year = s.baseline_year + 1 + k as i32;
            table.push(vec![
                Value::text(name),
                Value::text(edition.year_label(year)),
                Value::Number(q.p10, 2),
                Value::Number(q.p25, 2),
                Value::Number(q.p50, 2),
                Value::Number(q.p75, 2),
                Value::Number(q.p90, 2),
            ]);
        }
    };
    for a in &run.allies {
        let code = &a.input.code;
        let Some(o) = outcome(code) else { continue };
        let name = catalog.name_of(code);
        if o.probability > 0.5 {
            likely.push(name.clone());
        }
        let mean_growth = a.input.spending_growth.iter().sum::<f64>()
            / a.input.spending_growth.len().max(1) as f64;
        let mut row = vec![
            Value::text(&name),
            Value::text(if a.from_plan { "plan" } else { "record" }),
            Value::Number(mean_growth, 1),
            Value::Number(a.share0, 2),
            Value::Number(o.expected_share, 2),
            percent(o.probability),
            percent(o.standard_error),
        ];
        row.extend(quantile_values(&o.target_year));
        allies.push(row);
        tidy.push(tidy_row("ally", code, &name, by, o, &o.target_year, true));
        push_years(&mut yearly, &name, o);
    }
    allies
        .rows
        .sort_by(|a, b| match (&a[5], &b[5], &a[0], &b[0]) {
            (Value::Number(x, _), Value::Number(y, _), Value::Text(n), Value::Text(m)) => {
                y.total_cmp(x).then(n.cmp(m))
            }
            _ => std::cmp::Ordering::Equal,
        });

    let mut groups = Table::new(vec![
        ColumnSpec::new("group", "Group"),
        ColumnSpec::new("share_central_path", &format!("Central path {by} (%)")),
        ColumnSpec::new("probability_pct", &format!("P(≥ {t}% in {by}) (%)")),
        ColumnSpec::new("standard_error_pct", "MC s.e. (points)"),
        ColumnSpec::new("p10", "10th pct (%)"),
        ColumnSpec::new("p50", "Median (%)"),
        ColumnSpec::new("p90", "90th pct (%)"),
    ]);
    let mut summary = Vec::new();
    for g in &run.groups {
        let Some(o) = outcome(&g.key) else { continue };
        let mut row = vec![
            Value::text(&g.label),
            Value::Number(o.expected_share, 2),
            percent(o.probability),
            percent(o.standard_error),
        ];
        row.extend(quantile_values(&o.target_year));
        groups.push(row);
        tidy.push(tidy_row(
            "group",
            &g.key,
            &g.label,
            by,
            o,
            &o.target_year,
            true,
        ));
        summary.push(format!(
            "{}: {:.1}% chance (± {:.1}) of {t}% of GDP or more in {by}; median {:.2}%, 10-90%: {:.2}-{:.2}%.",
            g.label,
            o.probability * 100.0,
            o.standard_error * 100.0,
            o.target_year.p50,
            o.target_year.p10,
            o.target_year.p90
        ));
        push_years(&mut yearly, &g.label, o);
        for (k, q) in o.years.iter().enumerate() {
            let year = s.baseline_year + 1 + k as i32;
            tidy.push(tidy_row("group", &g.key, &g.label, year, o, q, year == by));
        }
    }
    summary.insert(
        0,
        format!(
            "{} of {} allies are more likely than not to reach {t}% of GDP by {by}{}.",
            likely.len(),
            run.allies.len(),
            if likely.is_empty() {
                String::new()
            } else {
                format!(": {}", join_names(&likely))
            }
        ),
    );
    let plan_allies = run.allies.iter().filter(|a| a.from_plan).count();
    summary.push(format!(
        "{} draws, seed {}; spending growth from national plans for {plan_allies} allies, from their record for {}.",
        run.params.draws,
        run.params.seed,
        run.allies.len() - plan_allies
    ));

    let p = &run.params;
    let mut parameters = Table::new(vec![
        ColumnSpec::new("parameter", "Parameter"),
        ColumnSpec::new("value", "Value"),
        ColumnSpec::new("source", "Source, and how to change it"),
    ]);
    for (name, value, source) in [
        ("Draws", p.draws.to_string(), "--draws".to_string()),
        ("Seed", p.seed.to_string(), "--seed; the same seed gives the same output on every machine".to_string()),
        ("Baseline", format!("{} {baseline_label}", edition.id), format!("NATO's figures; scenario {} (--scenario)", s.source)),
        ("Expected real GDP growth", run.outlook.info.id.clone(), format!("{} each ally's real growth year by year to {}, then its {} growth held (--economy)", run.outlook.info.citation.trim_start_matches("Source: ").trim_end_matches('.'), run.outlook.info.last_year, run.outlook.info.last_year)),
        ("Spread of a year's real GDP growth", format!("{} points", pct(p.gdp_sd)), "Of the order of the errors of one-year-ahead WEO growth forecasts for advanced economies (Timmermann 2007, IMF Staff Papers 54(1); Celasun, Lee, Mrkaic and Timmermann 2021, IMF WP/21/216, who also find 2-5-year-ahead forecasts biased upward); errors add up over the years, so the spread of GDP, and of a share, widens with the horizon (--gdp-sd)".to_string()),
        ("Common part of GDP shocks", pct(p.common), "Each ally's GDP shock is this weight times a shock shared by every ally plus sqrt(1 - weight²) times its own, so that allies' surprises do not cancel out; two allies' GDP shocks correlate by the weight's square (0.25 at 0.5) (--common)".to_string()),
        ("Expected real spending growth", match run.anchor { Anchor::Plan => "plan, else record".to_string(), Anchor::Record => "record".to_string() }, format!("Plan: the growth that keeps the share on the ally's announced plan ({}); record: the mean of NATO's annual real changes up to {}, shrunk toward the allied mean with the weight of {} years and bounded to {} to {}% a year (--anchor, --shrink)", run.plans.info.id, s.baseline_year, pct(run.model.prior_years), run.model.bounds.0, run.model.bounds.1)),
        ("Spread of real spending growth", format!("each ally's, x {}", pct(p.spending_spread)), format!("Standard deviation of the ally's annual real changes, shrunk likewise, at least {} point (--spending-spread)", pct(run.model.min_sd))),
    ] {
        parameters.push(vec![Value::text(name), Value::text(value), Value::text(source)]);
    }

    let notes = vec![
        "Each draw: an ally's real GDP grows by its expected rate plus a shock (common and own parts), its real spending by its expected growth plus its own shock; its share is spending / GDP at constant prices, a group's the sum of its members' spending over the sum of their GDP.".to_string(),
        format!("Probability: the share of draws at or above {t}% of GDP in {by}; its Monte Carlo standard error is sqrt(p (1 - p) / draws). Percentiles come from bins 0.05% of the share wide, even in its log, from 0.001% to 1,000% of GDP (no share a draw reaches is cut off); the tidy output gives the Monte Carlo standard error of the 10th, 50th and 90th, from the order-statistic interval."),
        "Central path: every shock at zero; not an expectation (the draws' median may differ). With no spread (--gdp-sd 0 --spending-spread 0) every draw is that path.".into(),
        "A model, not a forecast: it says how likely the target is if spending keeps to its plan or record and GDP to the outlook, with surprises of the size stated.".into(),
    ];

    let mut metadata = edition_metadata(edition);
    metadata.insert("scenario".into(), json!(s.name));
    metadata.insert("target_pct_of_gdp".into(), json!(run.target));
    metadata.insert("target_year".into(), json!(by));
    metadata.insert("baseline_year".into(), json!(s.baseline_year));
    metadata.insert("draws".into(), json!(p.draws));
    metadata.insert("seed".into(), json!(p.seed));
    metadata.insert("gdp_sd_points".into(), json!(p.gdp_sd));
    metadata.insert("common_shock_weight".into(), json!(p.common));
    metadata.insert("spending_spread_factor".into(), json!(p.spending_spread));
    metadata.insert("record_prior_years".into(), json!(run.model.prior_years));
    metadata.insert("economy".into(), json!(run.outlook.info.id));
    metadata.insert("plans".into(), json!(run.plans.info.id));

    let mut sections = vec![
        Section::new(
            "allies",
            format!("Allies: the odds of {t}% of GDP by {by}"),
            allies,
        ),
        Section::new("groups", "Groups", groups),
        Section::new("parameters", "The model's parameters", parameters),
    ];
    if !yearly.rows.is_empty() {
        let mut section =
            Section::new("years", "Year by year (groups and selected allies)", yearly);
        section.detail = run.groups.len() > 1 && tidy.rows.len() > 60;
        sections.push(section);
    }

    Report {
        title: format!(
            "The odds of {t}% of GDP by {by} ({}, from {baseline_label})",
            edition.id
        ),
        metadata,
        summary,
        sections,
        notes,
        citation: format!(
            "{}\n{}\n{}",
            edition.citation, run.outlook.info.citation, run.plans.info.citation
        ),
        tidy,
    }
}
