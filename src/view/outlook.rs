//! `outlook`: the odds of reaching a target by a year, per ally and group,
//! with every parameter of the model and its source.

use serde_json::json;

use super::edition_metadata;
use crate::calc::montecarlo::{Quantiles, SeriesOutcome};
use crate::calc::pledges::in_force;
use crate::data::Catalog;
use crate::export::{column, Column, Report, Section, Table, Value};
use crate::forecast::odds::{Commitment, OutlookRun, ShareRun};
use crate::param::Param;
use crate::units::{join_names, pct};

mod parameters;
use parameters::parameters;

mod tidy;
use tidy::tidy_columns;

fn percent(p: f64) -> Value {
    Value::Number(p * 100.0, 1)
}

/// An ally or a group and its outcome: a row of the allies' or groups' table.
struct Series<'a> {
    kind: &'static str,
    code: &'a str,
    name: String,
    outcome: &'a SeriesOutcome,
    /// The ally's place in the run (`None` for a group).
    ally: Option<usize>,
}

/// A row of the tidy output: a series' percentiles in one year (the
/// probability and central path only in the target year).
struct TidyRow<'a> {
    series: &'a Series<'a>,
    year: i32,
    quantiles: &'a Quantiles,
    target_year: bool,
}

pub fn report(catalog: &Catalog, run: &OutlookRun) -> Report {
    let edition = &run.data.edition;
    let s = &run.scenario;
    let t = pct(run.target);
    let by = run.by;
    let baseline_label = edition.year_label(s.baseline_year);

    let mut allies: Vec<Series> = run
        .allies
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let code = a.input.code.as_str();
            run.outcome(code).map(|outcome| Series {
                kind: "ally",
                code,
                name: catalog.name_of(code),
                outcome,
                ally: Some(i),
            })
        })
        .collect();
    let groups: Vec<Series> = run
        .groups
        .iter()
        .filter_map(|g| {
            run.outcome(&g.key).map(|outcome| Series {
                kind: "group",
                code: &g.key,
                name: g.label.clone(),
                outcome,
                ally: None,
            })
        })
        .collect();
    let tidy_rows = tidy_rows(run, &allies, &groups);
    let tidy = Table::of(&tidy_columns(run), &tidy_rows);
    // A series' percentiles each year after the baseline, one row a year.
    let yearly_rows: Vec<YearRow> = allies
        .iter()
        .chain(&groups)
        .flat_map(|a| {
            a.outcome
                .years
                .iter()
                .enumerate()
                .map(|(k, quantiles)| YearRow {
                    series: a.name.as_str(),
                    year: s.baseline_year + 1 + k as i32,
                    quantiles,
                })
        })
        .collect();
    let yearly = Table::of(&yearly_columns(run), &yearly_rows);
    // Most likely first, then by name.
    allies.sort_by(|a, b| {
        b.outcome
            .probability
            .total_cmp(&a.outcome.probability)
            .then(a.name.cmp(&b.name))
    });
    let allies_table = Table::of(&ally_columns(run), &allies);
    let groups_table = Table::of(&group_columns(run), &groups);
    let mut summary = summary(run, &allies, &groups);
    let rows = parameters(catalog, run, &mut summary);
    let parameters = Table::of(&parameter_columns(), &rows);

    let sensitivity_rows: Vec<&Series> = if run.sensitivity.is_empty() {
        Vec::new()
    } else {
        groups.iter().chain(allies_in_run_order(&allies)).collect()
    };
    let sensitivity = Table::of(&sensitivity_columns(run), sensitivity_rows);

    let notes = notes(run);
    let metadata = metadata(run);
    let mut sections = vec![
        Section::new(
            "allies",
            format!("Allies: the odds of {t}% of GDP by {by}"),
            allies_table,
        ),
        Section::new("groups", "Groups", groups_table),
        Section::new("parameters", "The model's parameters", parameters),
    ];
    if !run.sensitivity.is_empty() {
        sections.push(Section::new(
            "sensitivity",
            format!(
                "Sensitivity: P(≥ {t}% in {by}) under other assumptions ({})",
                run.sensitivity
                    .iter()
                    .map(|(a, _)| a.describe())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            sensitivity,
        ));
    }
    if !yearly.is_empty() {
        let mut section =
            Section::new("years", "Year by year (groups and selected allies)", yearly);
        section.detail = run.groups.len() > 1 && tidy.len() > 60;
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
        citation: citation(run),
        tidy,
    }
}

/// The allies in the run's order (the table sorts them by their odds).
fn allies_in_run_order<'s, 'a>(allies: &'s [Series<'a>]) -> impl Iterator<Item = &'s Series<'a>> {
    let mut sorted: Vec<&Series> = allies.iter().collect();
    sorted.sort_by_key(|a| a.ally);
    sorted.into_iter()
}

/// The target year's 10th, 50th and 90th percentiles.
fn quantile_columns<'a>() -> Vec<Column<'a, Series<'a>>> {
    vec![
        column("p10", "10th pct (%)", |r: &Series| {
            Value::Number(r.outcome.target_year.p10, 2)
        }),
        column("p50", "Median (%)", |r: &Series| {
            Value::Number(r.outcome.target_year.p50, 2)
        }),
        column("p90", "90th pct (%)", |r: &Series| {
            Value::Number(r.outcome.target_year.p90, 2)
        }),
    ]
}

/// The central path, the odds and their standard error (and, for the share
/// process, under the other named assumptions).
fn odds_columns<'a>(run: &'a OutlookRun) -> Vec<Column<'a, Series<'a>>> {
    let (t, by) = (pct(run.target), run.by);
    let mut columns = vec![
        column(
            "share_central_path",
            format!("Central path {by} (%)"),
            |r: &Series| Value::Number(r.outcome.expected_share, 2),
        ),
        column(
            "probability_pct",
            format!("P(≥ {t}% in {by}) (%)"),
            |r: &Series| percent(r.outcome.probability),
        ),
        column("standard_error_pct", "MC s.e. (points)", |r: &Series| {
            percent(r.outcome.standard_error)
        }),
    ];
    if run.share.is_some() {
        columns.extend([
            column(
                "probability_plans_kept_pct",
                "P plans kept (%)",
                move |r: &Series| run.kept_probability(r.code).map_or(Value::Missing, percent),
            ),
            column(
                "probability_momentum_persists_pct",
                "P momentum persists (%)",
                |r: &Series| percent(r.outcome.probability_persists),
            ),
            column(
                "probability_no_carry_over_pct",
                "P no carry-over (%)",
                |r: &Series| percent(r.outcome.probability_no_drift),
            ),
        ]);
    }
    columns.extend(quantile_columns());
    columns
}

fn ally_columns<'a>(run: &'a OutlookRun) -> Vec<Column<'a, Series<'a>>> {
    let ally = move |r: &Series| &run.allies[r.ally.unwrap_or_default()];
    let mut columns = vec![column("ally", "Ally", |r: &Series| Value::text(&r.name))];
    match &run.share {
        Some(share) => columns.extend([
            column("pulled_toward", "Pulled toward", move |r: &Series| {
                let i = r.ally.unwrap_or_default();
                Value::text(pulled_toward(run, share, i))
            }),
            column("speed", "Speed (a year)", move |r: &Series| {
                Value::Number(share.model.allies[r.ally.unwrap_or_default()].speed, 3)
            }),
            column("drift", "Drift (ln share a year)", move |r: &Series| {
                Value::Number(share.model.allies[r.ally.unwrap_or_default()].drift, 3)
            }),
        ]),
        None => columns.extend([
            column("anchor", "Spending growth from", move |r: &Series| {
                Value::text(if ally(r).from_plan { "plan" } else { "record" })
            }),
            column(
                "expected_spending_growth_pct",
                "Expected real spending growth (% a year)",
                move |r: &Series| {
                    let growth = &ally(r).input.spending_growth;
                    Value::Number(growth.iter().sum::<f64>() / growth.len().max(1) as f64, 1)
                },
            ),
        ]),
    }
    let baseline_label = run.data.edition.year_label(run.scenario.baseline_year);
    columns.push(column(
        "share_baseline",
        format!("Share {baseline_label} (%)"),
        move |r: &Series| Value::Number(ally(r).share0, 2),
    ));
    columns.extend(odds_columns(run));
    columns
}

/// What ally `i` is pulled toward, in a few words.
fn pulled_toward(run: &OutlookRun, share: &ShareRun, i: usize) -> String {
    let code = &run.allies[i].input.code;
    match share.commitments[i] {
        Commitment::Plan => format!("plan ({})", run.plans.info.id),
        Commitment::Pledge { .. } => {
            let baseline = run.scenario.baseline_year;
            let in_force = in_force(&share.pledges, baseline);
            match in_force.iter().rev().find(|p| !p.floor) {
                Some(p) => {
                    let own = p.share_for(code);
                    format!(
                        "pledge: {}% by {}{}",
                        pct(own),
                        p.by.unwrap_or_default(),
                        if own == p.share { "" } else { " (its own)" }
                    )
                }
                None => "pledge: the floor".to_string(),
            }
        }
        Commitment::Nothing => "nothing (no pledge in force)".to_string(),
    }
}

fn group_columns<'a>(run: &'a OutlookRun) -> Vec<Column<'a, Series<'a>>> {
    let mut columns = vec![column("group", "Group", |r: &Series| Value::text(&r.name))];
    columns.extend(odds_columns(run));
    columns
}

/// The odds of each series under the model and under each other assumption.
fn sensitivity_columns<'a>(run: &'a OutlookRun) -> Vec<Column<'a, Series<'a>>> {
    let mut columns = vec![
        column("series", "Ally or group", |r: &Series| Value::text(&r.name)),
        column("model", "This model (%)", |r: &Series| {
            percent(r.outcome.probability)
        }),
    ];
    for (a, outcomes) in &run.sensitivity {
        columns.push(column(
            a.key().replace('-', "_"),
            format!("{} (%)", a.key()),
            move |r: &Series| {
                outcomes
                    .iter()
                    .find(|x| x.key == r.code)
                    .map_or(Value::Missing, |x| percent(x.probability))
            },
        ));
    }
    columns
}

/// A series' percentiles in one year.
struct YearRow<'a> {
    series: &'a str,
    year: i32,
    quantiles: &'a Quantiles,
}

fn yearly_columns<'a>(run: &'a OutlookRun) -> Vec<Column<'a, YearRow<'a>>> {
    let edition = &run.data.edition;
    vec![
        column("series", "Ally or group", |r: &YearRow| {
            Value::text(r.series)
        }),
        column("year", "Year", move |r: &YearRow| {
            Value::text(edition.year_label(r.year))
        }),
        column("p10", "10th pct (%)", |r: &YearRow| {
            Value::Number(r.quantiles.p10, 2)
        }),
        column("p25", "25th pct (%)", |r: &YearRow| {
            Value::Number(r.quantiles.p25, 2)
        }),
        column("p50", "Median (%)", |r: &YearRow| {
            Value::Number(r.quantiles.p50, 2)
        }),
        column("p75", "75th pct (%)", |r: &YearRow| {
            Value::Number(r.quantiles.p75, 2)
        }),
        column("p90", "90th pct (%)", |r: &YearRow| {
            Value::Number(r.quantiles.p90, 2)
        }),
    ]
}

/// How the draws are made and what the figures mean.
fn notes(run: &OutlookRun) -> Vec<String> {
    let adjust = run.share.is_some();
    let (t, by) = (pct(run.target), run.by);
    let baseline_label = run.data.edition.year_label(run.scenario.baseline_year);
    let mut notes = if adjust {
        vec![
            "Each draw: each ally's ln share moves toward its commitment at its speed, plus its own drift (its recent mean change, damped), an alliance-wide regime drawn in blocks from the history of year means (shared by every ally, so that their surprises do not cancel) and its own noise; the published share adds a transitory noise (a one-off purchase raises one year, not every year after). Money and groups: the share times real GDP on the outlook's path; a group's share is its members' spending over their GDP.".to_string(),
            format!("The answer under four named assumptions: plans kept: each ally exactly on its counted plan, else its pledge (no noise: P is 0 or 100%); the model: as above; momentum persists: the same draws with each ally's drift undamped; no carry-over: the same draws with no drift, so nothing of the years to {baseline_label} is carried forward beyond the share itself. The backtests cannot tell whether recent momentum persists: quote the range, not one figure."),
        ]
    } else {
        vec!["Each draw: an ally's real GDP grows by its expected rate plus a shock (common and own parts), its real spending by its expected growth plus its own shock; its share is spending / GDP at constant prices, a group's the sum of its members' spending over the sum of their GDP.".to_string()]
    };
    notes.extend([
        format!("Probability: the share of draws at or above {t}% of GDP in {by}; its Monte Carlo standard error is sqrt(p (1 - p) / draws). Percentiles come from bins 0.05% of the share wide, even in its log, from 0.001% to 1,000% of GDP (no share a draw reaches is cut off); the tidy output gives the Monte Carlo standard error of the 10th, 50th and 90th, from the order-statistic interval."),
        if adjust { format!("Central path: every shock at zero; not an expectation (the draws' median may differ). With no spread ({} 0) every draw is that path.", Param::SpendingSpread) } else { format!("Central path: every shock at zero; not an expectation (the draws' median may differ). With no spread ({} 0 {} 0) every draw is that path.", Param::GdpSd, Param::SpendingSpread) },
        if adjust {
            format!("The odds are conditional on the model and its inputs: how likely the target is if shares move as they have since 1960 and commitments pull as they did after Riga, Wales and Vilnius. The distribution of every share does not depend on the target asked about; only P does. `defspend backtest` scores the model against simple baselines; {} answers the same question under other assumptions.", Param::Sensitivity)
        } else {
            "A model, not a forecast: it says how likely the target is if spending keeps to its plan or record and GDP to the outlook, with surprises of the size stated.".into()
        },
    ]);

    notes
}

/// The run's settings and the files it read.
fn metadata(run: &OutlookRun) -> serde_json::Map<String, serde_json::Value> {
    let (edition, s, p, by) = (&run.data.edition, &run.scenario, &run.params, run.by);
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
    match &run.share {
        Some(share) => {
            metadata.insert("model".into(), json!("adjust"));
            metadata.insert("model_parameters".into(), json!(share.file.params));
            metadata.insert(
                "model_sipri_release".into(),
                json!(share.file.sipri_release),
            );
            metadata.insert("model_momentum".into(), json!(share.file.momentum));
            metadata.insert("model_flags".into(), json!(share.flags));
            metadata.insert(
                "pledges_in_force".into(),
                json!(in_force(&share.pledges, s.baseline_year)
                    .iter()
                    .map(|p| p.id.clone())
                    .collect::<Vec<_>>()),
            );
        }
        None => {
            metadata.insert("record_prior_years".into(), json!(run.model.prior_years));
        }
    }
    metadata.insert("economy".into(), json!(run.outlook.info.id));
    super::cite_file(&mut metadata, "economy", &run.outlook.info.source);
    metadata.insert("plans".into(), json!(run.plans.info.id));
    super::cite_file(&mut metadata, "plans", &run.plans.info.description);

    metadata
}

/// Each series' row in the target year, then each group's year by year.
fn tidy_rows<'a>(
    run: &OutlookRun,
    allies: &'a [Series<'a>],
    groups: &'a [Series<'a>],
) -> Vec<TidyRow<'a>> {
    let (s, by) = (&run.scenario, run.by);
    let mut tidy_rows: Vec<TidyRow> = allies
        .iter()
        .map(|a| TidyRow {
            series: a,
            year: by,
            quantiles: &a.outcome.target_year,
            target_year: true,
        })
        .collect();
    for g in groups {
        tidy_rows.push(TidyRow {
            series: g,
            year: by,
            quantiles: &g.outcome.target_year,
            target_year: true,
        });
        tidy_rows.extend(g.outcome.years.iter().enumerate().map(|(k, q)| {
            let year = s.baseline_year + 1 + k as i32;
            TidyRow {
                series: g,
                year,
                quantiles: q,
                target_year: year == by,
            }
        }));
    }
    tidy_rows
}

/// Who is more likely than not to get there, and each group's odds.
fn summary(run: &OutlookRun, allies: &[Series], groups: &[Series]) -> Vec<String> {
    let (t, by) = (pct(run.target), run.by);
    let likely: Vec<String> = allies_in_run_order(allies)
        .filter(|a| a.outcome.probability > 0.5)
        .map(|a| a.name.clone())
        .collect();
    let mut summary: Vec<String> = groups
        .iter()
        .map(|g| {
            let o = g.outcome;
            let range = match run.kept_probability(g.code) {
                Some(kept) if run.share.is_some() => format!(
                    " Under other assumptions: plans kept {:.0}%, momentum persists {:.1}%, no carry-over {:.1}%.",
                    kept * 100.0,
                    o.probability_persists * 100.0,
                    o.probability_no_drift * 100.0
                ),
                _ => String::new(),
            };
            format!(
                "{}: {:.1}% chance (± {:.1}) of {t}% of GDP or more in {by}; median {:.2}%, 10-90%: {:.2}-{:.2}%.{range}",
                g.name,
                o.probability * 100.0,
                o.standard_error * 100.0,
                o.target_year.p50,
                o.target_year.p10,
                o.target_year.p90
            )
        })
        .collect();
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
    summary
}

/// One of the model's parameters: its value, and where it comes from and
/// how to change it.
struct Parameter {
    name: &'static str,
    value: String,
    source: String,
}

fn parameter_columns<'a>() -> Vec<Column<'a, Parameter>> {
    vec![
        column("parameter", "Parameter", |r: &Parameter| {
            Value::text(r.name)
        }),
        column("value", "Value", |r: &Parameter| Value::text(&r.value)),
        column("source", "Source, and how to change it", |r: &Parameter| {
            Value::text(&r.source)
        }),
    ]
}

/// The edition's, the outlook's, the plans' and (the share model) the model file's citations.
fn citation(run: &OutlookRun) -> String {
    let edition = &run.data.edition;
    match &run.share {
            Some(share) => format!(
                "{}\n{}\n{}\nModel parameters: datasets/models/outlook.toml, estimated from SIPRI Military Expenditure Database ({}) and NATO's editions.",
                edition.citation, run.outlook.info.citation, run.plans.info.citation, share.file.sipri_release
            ),
            None => format!(
                "{}\n{}\n{}",
                edition.citation, run.outlook.info.citation, run.plans.info.citation
            ),
        }
}
