//! The earlier model: real spending growth from each ally's plan or shrunk record, and its backtest on the editions.

use crate::calc::montecarlo::{shrunk_record, AllyInput, Params, Process, Series, Simulation};
use crate::calc::path::Paths;
use crate::calc::plans::planned_share;
use crate::calc::Calculator;
use crate::data::outlook::Outlook;
use crate::data::plans::Plans;
use crate::data::Catalog;
use crate::error::{Asked, Error, Result};
use crate::scenario::{yearly_growth, Scenario};

/// How an ally's expected spending growth is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// The ally's national plan where it has one, else its record
    Plan,
    /// Every ally's own record of real changes
    Record,
}

/// The record model's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecordModel {
    /// Weight of the allied mean and variance, in years of record.
    pub prior_years: f64,
    /// Bounds of an ally's expected real spending growth, % a year.
    pub bounds: (f64, f64),
    /// Smallest spread of real spending growth, points.
    pub min_sd: f64,
}

/// One ally's inputs and how they were set.
#[derive(Debug, Clone, PartialEq)]
pub struct Assembled {
    pub input: AllyInput,
    /// The ally's share in the baseline year, %.
    pub share0: f64,
    /// Whether its expected spending growth follows its plan.
    pub from_plan: bool,
    /// Its record's expected growth and spread (used for the spread always).
    pub record_mean: f64,
    pub record_sd: f64,
    /// Years of record used.
    pub record_years: usize,
}

/// Inputs for every ally of the scenario with baseline figures, in the
/// scenario's order, for the years `baseline + 1 ..= by`.
#[allow(clippy::too_many_arguments)]
pub fn assemble(
    s: &Scenario,
    calc: &Calculator,
    paths: &Paths,
    outlook: &Outlook,
    plans: Option<&Plans>,
    anchor: Anchor,
    model: RecordModel,
    by: i32,
) -> Result<Vec<Assembled>> {
    let baseline = s.baseline_year;
    // Every ally's record of annual real changes up to the baseline.
    let mut all_changes = calc.real_changes(baseline)?;
    let records: Vec<Vec<f64>> = s
        .allies
        .iter()
        .map(|ally| all_changes.remove(&ally.code).unwrap_or_default())
        .collect();
    let (allied_mean, allied_var) = allied_moments(records.iter().flatten());

    let mut out = Vec::new();
    for (ally, record) in s.allies.iter().zip(&records) {
        let Some(first) = paths.ally(&ally.code).next() else {
            continue;
        };
        let (Some(share0), Some(spending0), Some(gdp0)) = (
            first.baseline_share,
            first.spending_constant,
            first.gdp_constant,
        ) else {
            continue;
        };
        let growth = yearly_growth(outlook, &ally.code, baseline, by, s.inflation)
            .map_err(|problem| Error::request(Asked::Outlook, &outlook.info.id, problem))?;
        let (mean, sd) = shrunk_record(
            record,
            allied_mean,
            allied_var,
            model.prior_years,
            model.bounds,
            model.min_sd,
        );
        let milestones: Vec<(i32, f64)> = match (anchor, plans) {
            (Anchor::Plan, Some(p)) => p.of(&ally.code).iter().map(|m| (m.year, m.share)).collect(),
            _ => Vec::new(),
        };
        let from_plan = !milestones.is_empty();
        let spending_growth: Vec<f64> = if from_plan {
            // The spending growth that keeps the share on the plan, GDP growing as expected.
            let share_at = |year: i32| {
                if year == baseline {
                    share0
                } else {
                    planned_share(&milestones, Some((baseline, share0)), year).unwrap_or(share0)
                }
            };
            (baseline + 1..=by)
                .zip(&growth.real_pct)
                .map(|(year, g)| {
                    (share_at(year) / share_at(year - 1) * (1.0 + g / 100.0) - 1.0) * 100.0
                })
                .collect()
        } else {
            vec![mean; growth.real_pct.len()]
        };
        out.push(Assembled {
            input: AllyInput {
                code: ally.code.clone(),
                spending0,
                gdp0,
                gdp_growth: growth.real_pct,
                spending_growth,
                spending_sd: sd,
            },
            share0,
            from_plan,
            record_mean: mean,
            record_sd: sd,
            record_years: record.len(),
        });
    }
    Ok(out)
}

/// A backtest's result: how often NATO's published shares fell inside the
/// model's 10-90% band.
#[derive(Debug, Clone, PartialEq)]
pub struct Backtest {
    pub edition: String,
    pub fitted_to: i32,
    pub last_year: i32,
    /// (year, inside, counted)
    pub by_year: Vec<(i32, usize, usize)>,
}

impl Backtest {
    pub fn inside(&self) -> usize {
        self.by_year.iter().map(|y| y.1).sum()
    }

    pub fn counted(&self) -> usize {
        self.by_year.iter().map(|y| y.2).sum()
    }

    /// Share of ally-years inside the band, 0 to 1 (about 0.8 is calibrated).
    pub fn coverage(&self) -> f64 {
        self.inside() as f64 / self.counted().max(1) as f64
    }
}

/// The record model's inputs fitted on an edition's years `first..=fitted_to`
/// and projected to `last`: each ally's record of real changes to then,
/// shrunk toward the allies', and, as its expected GDP growth, its mean real
/// GDP growth over those years (no outlook of that vintage is in the data).
pub fn record_inputs(
    calc: &Calculator,
    first: i32,
    fitted_to: i32,
    last: i32,
    model: RecordModel,
) -> Result<Vec<AllyInput>> {
    let horizon = (last - fitted_to) as usize;
    let fit: Vec<_> = (first..=fitted_to)
        .map(|y| calc.standing_all(y, 2.0))
        .collect::<Result<_>>()?;
    let mut changes = calc.real_changes(fitted_to)?;
    let (allied_mean, allied_var) = allied_moments(changes.values().flatten());
    let base = fit.last().expect("the edition has years up to the fit");
    let mut inputs = Vec::new();
    for s in &base.rows {
        let (Some(d0), Some(y0)) = (s.defence_usd_constant_m, s.gdp_constant) else {
            continue;
        };
        // Mean real GDP growth over the fitted years, from NATO's constant-price GDP.
        let gdp: Vec<f64> = fit
            .iter()
            .filter_map(|st| st.get(&s.code)?.gdp_constant)
            .collect();
        let growth: Vec<f64> = gdp
            .windows(2)
            .map(|w| (w[1] / w[0] - 1.0) * 100.0)
            .collect();
        if growth.is_empty() {
            continue;
        }
        let g = growth.iter().sum::<f64>() / growth.len() as f64;
        let record = changes.remove(&s.code).unwrap_or_default();
        let (mean, sd) = shrunk_record(
            &record,
            allied_mean,
            allied_var,
            model.prior_years,
            model.bounds,
            model.min_sd,
        );
        inputs.push(AllyInput {
            code: s.code.clone(),
            spending0: d0,
            gdp0: y0,
            gdp_growth: vec![g; horizon],
            spending_growth: vec![mean; horizon],
            spending_sd: sd,
        });
    }
    Ok(inputs)
}

/// The model checked against history (METHOD): fitted on an edition's years
/// up to `fitted_to` — each ally's record of real changes to then, and, as its
/// expected GDP growth, its mean real GDP growth over those years (no outlook
/// of that vintage is in the data) — projected to the edition's last year,
/// and NATO's published shares counted inside or outside the 10-90% band.
pub fn backtest(
    catalog: &Catalog,
    edition: &str,
    fitted_to: i32,
    params: Params,
    model: RecordModel,
) -> Result<Backtest> {
    let data = catalog.load_edition(Some(edition))?;
    let calc = Calculator::for_edition(&data, &catalog.allies)?;
    let last = data.edition.last_year;
    let inputs = record_inputs(&calc, data.edition.first_year, fitted_to, last, model)?;
    let series: Vec<Series> = (0..inputs.len())
        .map(|i| Series {
            key: inputs[i].code.clone(),
            members: vec![i],
            every_year: true,
        })
        .collect();
    let outcomes = Simulation {
        allies: &inputs,
        series: &series,
        target: 2.0,
        params,
        process: Process::Growth,
    }
    .run();
    let mut by_year = Vec::new();
    for (k, year) in (fitted_to + 1..=last).enumerate() {
        let published = calc.standing_all(year, 2.0)?;
        let (mut inside, mut counted) = (0, 0);
        for o in &outcomes {
            let Some(share) = published.get(&o.key).and_then(|s| s.share) else {
                continue;
            };
            let q = &o.years[k];
            counted += 1;
            inside += usize::from(share >= q.p10 && share <= q.p90);
        }
        by_year.push((year, inside, counted));
    }
    Ok(Backtest {
        edition: edition.to_string(),
        fitted_to,
        last_year: last,
        by_year,
    })
}

/// The mean and (sample) variance of every ally's real changes pooled: what
/// an ally's own record is shrunk toward.
fn allied_moments<'a>(changes: impl Iterator<Item = &'a f64>) -> (f64, f64) {
    let pooled: Vec<f64> = changes.copied().collect();
    let n = pooled.len().max(1) as f64;
    let mean = pooled.iter().sum::<f64>() / n;
    let var = pooled.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (mean, var)
}
