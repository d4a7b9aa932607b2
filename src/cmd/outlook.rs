//! `defspend outlook`: the odds of reaching a target by a year.

use crate::calc::montecarlo::{Params, Series, Simulation};
use crate::calc::Calculator;
use crate::cli::OutlookArgs;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::scenario::{self, odds};
use crate::view;

/// The record model: the allied record weighs as many years as --shrink; an
/// ally's expected real spending growth stays within -5% and +15% a year, its
/// spread at least 1 point.
const BOUNDS: (f64, f64) = (-5.0, 15.0);
const MIN_SD: f64 = 1.0;

pub fn run(catalog: &Catalog, args: &OutlookArgs) -> Result<()> {
    let s = scenario::load(&args.scenario, catalog)?;
    let by = args.by.unwrap_or(s.target_year);
    if by <= s.baseline_year {
        return Err(Error::usage(
            "--by",
            format!(
                "{by} must come after the scenario's baseline year {}",
                s.baseline_year
            ),
        ));
    }
    let target = args.target.unwrap_or(s.measured_target);
    let selected = catalog.ally_codes(&args.allies)?;
    let groups = args.groups.resolve(catalog)?;
    let economy = args
        .economy
        .clone()
        .or_else(|| s.economy.as_ref().map(|e| e.id.clone()));
    let outlook = catalog
        .load_outlook(economy.as_deref())
        .map_err(|e| match e {
            Error::Usage { problem, .. } => Error::usage("--economy", problem),
            other => other,
        })?;
    let plans = catalog.load_plans(None)?;
    let (data, paths) = s.run(catalog)?;
    let calc = Calculator::for_edition(&data, &catalog.allies)?;
    let model = odds::RecordModel {
        prior_years: args.shrink,
        bounds: BOUNDS,
        min_sd: MIN_SD,
    };
    let allies = odds::assemble(
        &s,
        &calc,
        &paths,
        &outlook,
        Some(&plans),
        args.anchor,
        model,
        by,
    )?;
    let inputs: Vec<_> = allies.iter().map(|a| a.input.clone()).collect();
    let mut series: Vec<Series> = inputs
        .iter()
        .enumerate()
        .map(|(i, a)| Series {
            key: a.code.clone(),
            members: vec![i],
            every_year: selected.contains(&a.code),
        })
        .collect();
    for g in &groups {
        series.push(Series {
            key: g.key.clone(),
            members: (0..inputs.len())
                .filter(|&i| g.contains(&inputs[i].code))
                .collect(),
            every_year: true,
        });
    }
    series.retain(|s| !s.members.is_empty());
    let params = Params {
        draws: args.draws as usize,
        seed: args.seed,
        gdp_sd: args.gdp_sd,
        common: args.common,
        spending_spread: args.spending_spread,
    };
    let outcomes = Simulation {
        allies: &inputs,
        series: &series,
        target,
        params,
    }
    .run();
    let report = view::outlook::report(&view::outlook::Run {
        catalog,
        data: &data,
        scenario: &s,
        outlook: &outlook,
        plans: &plans,
        params,
        anchor: args.anchor,
        target,
        by,
        allies: &allies,
        groups: &groups,
        outcomes: &outcomes,
        model,
    });
    args.output.emit(&report)
}
