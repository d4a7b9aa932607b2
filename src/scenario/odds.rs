//! The Monte Carlo outlook's inputs, assembled from the data: each ally's
//! baseline spending and GDP (the scenario's edition and baseline year), its
//! GDP growth from an economic outlook, its expected spending growth from its
//! national plan (where it has one and the plan is asked for) or from its own
//! record of real changes, shrunk toward the allies' and bounded.

use super::{yearly_growth, Scenario};
use crate::calc::montecarlo::{shrunk_record, AllyInput};
use crate::calc::path::Paths;
use crate::calc::plans::planned_share;
use crate::calc::Calculator;
use crate::data::outlook::Outlook;
use crate::data::plans::Plans;
use crate::error::{Error, Result};

/// How an ally's expected spending growth is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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
    let pooled: Vec<f64> = records.iter().flatten().copied().collect();
    let n = pooled.len().max(1) as f64;
    let allied_mean = pooled.iter().sum::<f64>() / n;
    let allied_var = pooled
        .iter()
        .map(|x| (x - allied_mean).powi(2))
        .sum::<f64>()
        / (n - 1.0).max(1.0);

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
            .map_err(|problem| Error::usage("--economy", problem))?;
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
