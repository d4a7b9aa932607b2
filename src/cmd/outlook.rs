//! `defspend outlook`: the odds of reaching a target by a year.

use crate::calc::montecarlo::Params;
use crate::cli::OutlookArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::forecast::odds;
use crate::view;

pub fn run(catalog: &Catalog, args: &OutlookArgs) -> Result<()> {
    let settings = odds::Settings {
        scenario: args.scenario.clone(),
        target: args.target,
        by: args.by,
        economy: args.economy.clone(),
        plans: args.plans.plans_vintage.clone(),
        edition: args.edition.clone(),
        from: args.from,
        params: Params {
            draws: args.draws as usize,
            seed: args.seed,
            gdp_sd: args.gdp_sd,
            common: args.common,
            spending_spread: args.spending_spread,
        },
        shrink: args.shrink,
        anchor: args.anchor.into(),
        model: args.model.into(),
        sensitivity: args.sensitivity,
        yearly: catalog.ally_codes(&args.allies)?,
        groups: args.groups.resolve(catalog)?.into_iter().cloned().collect(),
    };
    let run = odds::run(catalog, &settings)?;
    args.output.emit(&view::outlook::report(catalog, &run))
}
