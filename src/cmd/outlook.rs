//! `defspend outlook`: the odds of reaching a target by a year.
use crate::api::{self, OutlookRequest};
use crate::cli::OutlookArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &OutlookArgs) -> Result<()> {
    let request = OutlookRequest {
        target: args.target,
        by: args.by,
        scenario: args.scenario.clone(),
        edition: args.edition.clone(),
        from: args.from,
        economy: args.economy.clone(),
        plans_vintage: args.plans.plans_vintage.clone(),
        draws: args.draws,
        seed: args.seed,
        gdp_sd: args.gdp_sd,
        common: args.common,
        spending_spread: args.spending_spread,
        model: args.model.into(),
        sensitivity: args.sensitivity,
        shrink: args.shrink,
        anchor: args.anchor.into(),
        allies: args.allies.clone(),
        groups: args.groups.groups.clone(),
    };
    args.output.emit(&api::outlook(catalog, &request)?)
}
