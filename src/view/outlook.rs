//! `outlook`: the odds of reaching a target by a year, per ally and group,
//! with every parameter of the model and its source.

use serde_json::json;

use super::edition_metadata;
use crate::calc::montecarlo::{Quantiles, SeriesOutcome};
use crate::data::Catalog;
use crate::export::{ColumnSpec, Report, Section, Table, Value};
use crate::scenario::odds::{Anchor, Commitment, OutlookRun};
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

    let adjust = run.share.is_some();
    let mut columns = vec![ColumnSpec::new("ally", "Ally")];
    if adjust {
        columns.extend([
            ColumnSpec::new("pulled_toward", "Pulled toward"),
            ColumnSpec::new("speed", "Speed (a year)"),
        ]);
    } else {
        columns.extend([
            ColumnSpec::new("anchor", "Spending growth from"),
            ColumnSpec::new(
                "expected_spending_growth_pct",
                "Expected real spending growth (% a year)",
            ),
        ]);
    }
    columns.extend([
        ColumnSpec::new("share_baseline", &format!("Share {baseline_label} (%)")),
        ColumnSpec::new("share_central_path", &format!("Central path {by} (%)")),
        ColumnSpec::new("probability_pct", &format!("P(≥ {t}% in {by}) (%)")),
        ColumnSpec::new("standard_error_pct", "MC s.e. (points)"),
    ]);
    if adjust {
        columns.push(ColumnSpec::new(
            "probability_without_regime_pct",
            "P without the regime shock (%)",
        ));
    }
    columns.extend([
        ColumnSpec::new("p10", "10th pct (%)"),
        ColumnSpec::new("p50", "Median (%)"),
        ColumnSpec::new("p90", "90th pct (%)"),
    ]);
    let mut allies = Table::new(columns);
    // Column of the probability in the allies' table (for sorting).
    let p_column = 5;
    let mut tidy_columns = vec![
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
    ];
    if adjust {
        tidy_columns.push(ColumnSpec::new(
            "probability_without_regime",
            "Probability without the regime shock",
        ));
    }
    for (a, _) in &run.sensitivity {
        tidy_columns.push(ColumnSpec::new(
            &format!("probability_{}", a.key().replace('-', "_")),
            &format!("Probability, {}", a.key()),
        ));
    }
    let mut tidy = Table::new(tidy_columns);
    let tidy_row = |kind: &str,
                    code: &str,
                    name: &str,
                    year: i32,
                    o: &SeriesOutcome,
                    q: &Quantiles,
                    target_year: bool| {
        let mut row = vec![
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
        ];
        if adjust {
            row.push(if target_year {
                Value::Number(o.probability_calm, 6)
            } else {
                Value::Missing
            });
        }
        for (_, outcomes) in &run.sensitivity {
            row.push(
                match outcomes
                    .iter()
                    .find(|x| x.key == o.key)
                    .filter(|_| target_year)
                {
                    Some(x) => Value::Number(x.probability, 6),
                    None => Value::Missing,
                },
            );
        }
        row
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
    for (i, a) in run.allies.iter().enumerate() {
        let code = &a.input.code;
        let Some(o) = outcome(code) else { continue };
        let name = catalog.name_of(code);
        if o.probability > 0.5 {
            likely.push(name.clone());
        }
        let mut row = vec![Value::text(&name)];
        match &run.share {
            Some(share) => {
                row.push(Value::text(match share.commitments[i] {
                    Commitment::Plan => format!("plan ({})", run.plans.info.id),
                    Commitment::Path { .. } => format!("path to {t}% by {by}"),
                }));
                row.push(Value::Number(share.model.allies[i].speed, 3));
            }
            None => {
                let mean_growth = a.input.spending_growth.iter().sum::<f64>()
                    / a.input.spending_growth.len().max(1) as f64;
                row.push(Value::text(if a.from_plan { "plan" } else { "record" }));
                row.push(Value::Number(mean_growth, 1));
            }
        }
        row.extend([
            Value::Number(a.share0, 2),
            Value::Number(o.expected_share, 2),
            percent(o.probability),
            percent(o.standard_error),
        ]);
        if adjust {
            row.push(percent(o.probability_calm));
        }
        row.extend(quantile_values(&o.target_year));
        allies.push(row);
        tidy.push(tidy_row("ally", code, &name, by, o, &o.target_year, true));
        push_years(&mut yearly, &name, o);
    }
    allies
        .rows
        .sort_by(|a, b| match (&a[p_column], &b[p_column], &a[0], &b[0]) {
            (Value::Number(x, _), Value::Number(y, _), Value::Text(n), Value::Text(m)) => {
                y.total_cmp(x).then(n.cmp(m))
            }
            _ => std::cmp::Ordering::Equal,
        });

    let mut columns = vec![
        ColumnSpec::new("group", "Group"),
        ColumnSpec::new("share_central_path", &format!("Central path {by} (%)")),
        ColumnSpec::new("probability_pct", &format!("P(≥ {t}% in {by}) (%)")),
        ColumnSpec::new("standard_error_pct", "MC s.e. (points)"),
    ];
    if adjust {
        columns.push(ColumnSpec::new(
            "probability_without_regime_pct",
            "P without the regime shock (%)",
        ));
    }
    columns.extend([
        ColumnSpec::new("p10", "10th pct (%)"),
        ColumnSpec::new("p50", "Median (%)"),
        ColumnSpec::new("p90", "90th pct (%)"),
    ]);
    let mut groups = Table::new(columns);
    let mut summary = Vec::new();
    for g in &run.groups {
        let Some(o) = outcome(&g.key) else { continue };
        let mut row = vec![
            Value::text(&g.label),
            Value::Number(o.expected_share, 2),
            percent(o.probability),
            percent(o.standard_error),
        ];
        if adjust {
            row.push(percent(o.probability_calm));
        }
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
    let p = &run.params;
    let mut parameters = Table::new(vec![
        ColumnSpec::new("parameter", "Parameter"),
        ColumnSpec::new("value", "Value"),
        ColumnSpec::new("source", "Source, and how to change it"),
    ]);
    let mut rows: Vec<(&str, String, String)> = vec![
        ("Draws", p.draws.to_string(), "--draws".to_string()),
        ("Seed", p.seed.to_string(), "--seed; the same seed gives the same output on every machine".to_string()),
        ("Baseline", format!("{} {baseline_label}", edition.id), format!("NATO's figures; scenario {} (--scenario)", s.source)),
        ("Expected real GDP growth", run.outlook.info.id.clone(), format!("{} each ally's real growth year by year to {}, then its {} growth held (--economy)", run.outlook.info.citation.trim_start_matches("Source: ").trim_end_matches('.'), run.outlook.info.last_year, run.outlook.info.last_year)),
    ];
    match &run.share {
        Some(share) => {
            let (file, m) = (&share.file, &share.model.params);
            let from = format!(
                "datasets/models/outlook.toml: SIPRI {} shares of NATO members while members, {}-{} ({} annual changes)",
                file.sipri_release, file.first_year, file.last_year, m.changes
            );
            let episodes = file
                .episodes
                .iter()
                .map(|e| format!("{} ({}, {} ally-years)", e.name, e.shares, e.pledge_years))
                .collect::<Vec<_>>()
                .join("; ");
            let spread = if p.spending_spread == 1.0 {
                String::new()
            } else {
                format!(" x {} (--spending-spread)", pct(p.spending_spread))
            };
            rows.extend([
                ("GDP", "on the outlook's path".to_string(), "The share's spreads, estimated on published shares, include GDP's surprises: GDP keeps to the outlook, weighting the groups and turning shares into money (--gdp-sd and --common act on --model record)".to_string()),
                ("Spending process", "partial adjustment of ln share".to_string(), "Each year an ally's ln share moves the fraction `speed` of the way to its commitment, plus the alliance-wide regime shock and its own noise; a year's share is also off by a transitory noise (METHOD, \"A model the backtests favour\"; --model record for the earlier model)".to_string()),
                ("Own noise (ln share, a year)", format!("{:.4}{spread}", m.sigma_e), from.clone()),
                ("Transitory noise (ln share)", format!("{:.4}{spread}", m.sigma_u), format!("{from}: minus the residuals' first autocovariance")),
                ("Regime shock: persistence", format!("{:.3}", m.phi), format!("{from}: AR(1) of the year means of the allies' changes")),
                ("Regime shock: innovations", format!("{:.4}{spread}, Student t with {:.1} degrees of freedom", m.sigma_f, m.nu), format!("{from}: the year means' spread less the allies' own noise, their excess kurtosis")),
                ("Regime at the baseline", format!("{:+.4}", share.model.regime0), format!("The year mean of the allies' changes of ln share in {baseline_label}, {}; it decays at the persistence", edition.id)),
                ("Speed", format!("logit = {:.2} {:+.2} frontline {:+.2} debt/100", m.a, m.b, m.c), format!("Least squares on {} pledge-years: {episodes}. Frontline: the Eastern Flank (Bucharest Nine) and Nordic-Baltic groups; debt: general government gross debt, % of GDP, {baseline_label} (IMF, {})", m.pledge_years, share.debt_outlook)),
            ]);
            let names = |wanted: Commitment| -> Vec<String> {
                run.allies
                    .iter()
                    .zip(&share.commitments)
                    .filter(|(_, c)| **c == wanted)
                    .map(|(a, _)| catalog.name_of(&a.input.code))
                    .collect()
            };
            let counted = names(Commitment::Plan);
            let mut left_out = names(Commitment::Path {
                plan_set_aside: true,
            });
            left_out.sort();
            summary.push(format!(
                "{} draws, seed {}; pulled toward their national plans ({}, on NATO's definition with trust medium or high): {}; toward a path to {t}% by {by}: {}.{}",
                p.draws,
                p.seed,
                run.plans.info.id,
                if counted.is_empty() { "none".to_string() } else { join_names(&counted) },
                if counted.is_empty() {
                    format!("all {}", run.allies.len())
                } else {
                    format!("the other {}", run.allies.len() - counted.len())
                },
                if left_out.is_empty() {
                    String::new()
                } else {
                    format!(" Plans not counted (a national definition or low trust): {}.", join_names(&left_out))
                }
            ));
            if let Some(year) = run.plans_known_by {
                summary.push(format!(
                    "From {baseline_label}: only milestones announced by the end of {year} count; later ones were not known then."
                ));
            }
        }
        None => {
            let plan_allies = run.allies.iter().filter(|a| a.from_plan).count();
            summary.push(format!(
                "{} draws, seed {}; spending growth from national plans for {plan_allies} allies, from their record for {}.",
                p.draws,
                p.seed,
                run.allies.len() - plan_allies
            ));
            rows.extend([
                ("Spread of a year's real GDP growth", format!("{} points", pct(p.gdp_sd)), "Of the order of the errors of one-year-ahead WEO growth forecasts for advanced economies (Timmermann 2007, IMF Staff Papers 54(1); Celasun, Lee, Mrkaic and Timmermann 2021, IMF WP/21/216, who also find 2-5-year-ahead forecasts biased upward); errors add up over the years, so the spread of GDP, and of a share, widens with the horizon (--gdp-sd)".to_string()),
                ("Common part of GDP shocks", pct(p.common), "Each ally's GDP shock is this weight times a shock shared by every ally plus sqrt(1 - weight²) times its own, so that allies' surprises do not cancel out; two allies' GDP shocks correlate by the weight's square (0.25 at 0.5) (--common)".to_string()),
                ("Expected real spending growth", match run.anchor { Anchor::Plan => "plan, else record".to_string(), Anchor::Record => "record".to_string() }, format!("Plan: the growth that keeps the share on the ally's announced plan ({}); record: the mean of NATO's annual real changes up to {}, shrunk toward the allied mean with the weight of {} years and bounded to {} to {}% a year (--anchor, --shrink)", run.plans.info.id, s.baseline_year, pct(run.model.prior_years), run.model.bounds.0, run.model.bounds.1)),
                ("Spread of real spending growth", format!("each ally's, x {}", pct(p.spending_spread)), format!("Standard deviation of the ally's annual real changes, shrunk likewise, at least {} point (--spending-spread)", pct(run.model.min_sd))),
            ]);
        }
    }
    for (name, value, source) in rows {
        parameters.push(vec![
            Value::text(name),
            Value::text(value),
            Value::text(source),
        ]);
    }

    let mut sensitivity = Table::new(
        std::iter::once(ColumnSpec::new("series", "Ally or group"))
            .chain(std::iter::once(ColumnSpec::new("model", "This model (%)")))
            .chain(run.sensitivity.iter().map(|(a, _)| {
                ColumnSpec::new(&a.key().replace('-', "_"), &format!("{} (%)", a.key()))
            }))
            .collect(),
    );
    if !run.sensitivity.is_empty() {
        let names = run
            .groups
            .iter()
            .map(|g| (g.key.clone(), g.label.clone()))
            .chain(
                run.allies
                    .iter()
                    .map(|a| (a.input.code.clone(), catalog.name_of(&a.input.code))),
            );
        for (key, name) in names {
            let Some(o) = outcome(&key) else { continue };
            let mut row = vec![Value::text(name), percent(o.probability)];
            for (_, outcomes) in &run.sensitivity {
                row.push(
                    outcomes
                        .iter()
                        .find(|x| x.key == key)
                        .map_or(Value::Missing, |x| percent(x.probability)),
                );
            }
            sensitivity.push(row);
        }
    }

    let mut notes = if adjust {
        vec![
            "Each draw: each ally's ln share moves toward its commitment at its speed, plus an alliance-wide regime shock (AR(1), Student t innovations, shared by every ally so that their surprises do not cancel) and its own noise; the published share adds a transitory noise (a one-off purchase raises one year, not every year after). Money and groups: the share times real GDP on the outlook's path; a group's share is its members' spending over their GDP.".to_string(),
            format!("P without the regime shock: the same draws with the regime held at zero from the baseline on, so the part of P that comes from staying on the commitment path with the ally's own noise; the rest of P comes from the regime (its state at {baseline_label} and its shocks)."),
        ]
    } else {
        vec!["Each draw: an ally's real GDP grows by its expected rate plus a shock (common and own parts), its real spending by its expected growth plus its own shock; its share is spending / GDP at constant prices, a group's the sum of its members' spending over the sum of their GDP.".to_string()]
    };
    notes.extend([
        format!("Probability: the share of draws at or above {t}% of GDP in {by}; its Monte Carlo standard error is sqrt(p (1 - p) / draws). Percentiles come from bins 0.05% of the share wide, even in its log, from 0.001% to 1,000% of GDP (no share a draw reaches is cut off); the tidy output gives the Monte Carlo standard error of the 10th, 50th and 90th, from the order-statistic interval."),
        if adjust { "Central path: every shock at zero; not an expectation (the draws' median may differ). With no spread (--spending-spread 0) every draw is that path.".into() } else { "Central path: every shock at zero; not an expectation (the draws' median may differ). With no spread (--gdp-sd 0 --spending-spread 0) every draw is that path.".into() },
        if adjust {
            "The odds are conditional on the model and its inputs: how likely the target is if shares move as they have since 1960 and commitments pull as they did after Riga, Wales and Vilnius. `defspend backtest` scores the model against simple baselines; --sensitivity answers the same question under other assumptions.".into()
        } else {
            "A model, not a forecast: it says how likely the target is if spending keeps to its plan or record and GDP to the outlook, with surprises of the size stated.".into()
        },
    ]);

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
            metadata.insert("regime_at_baseline".into(), json!(share.model.regime0));
        }
        None => {
            metadata.insert("record_prior_years".into(), json!(run.model.prior_years));
        }
    }
    metadata.insert("economy".into(), json!(run.outlook.info.id));
    super::cite_file(&mut metadata, "economy", &run.outlook.info.source);
    metadata.insert("plans".into(), json!(run.plans.info.id));
    super::cite_file(&mut metadata, "plans", &run.plans.info.description);

    let mut sections = vec![
        Section::new(
            "allies",
            format!("Allies: the odds of {t}% of GDP by {by}"),
            allies,
        ),
        Section::new("groups", "Groups", groups),
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
        citation: match &run.share {
            Some(share) => format!(
                "{}\n{}\n{}\nModel parameters: datasets/models/outlook.toml, estimated from SIPRI Military Expenditure Database ({}) and NATO's editions.",
                edition.citation, run.outlook.info.citation, run.plans.info.citation, share.file.sipri_release
            ),
            None => format!(
                "{}\n{}\n{}",
                edition.citation, run.outlook.info.citation, run.plans.info.citation
            ),
        },
        tidy,
    }
}
