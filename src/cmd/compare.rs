//! `defspend compare`: the gaps to several targets side by side, per ally and per group.
use crate::api::{self, CompareRequest};
use crate::cli::CompareArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &CompareArgs) -> Result<()> {
    let request = CompareRequest {
        targets: args.targets.clone(),
        edition: args.at.edition.edition.clone(),
        year: args.at.year,
        groups: args.groups.groups.clone(),
        per_capita: args.per_capita,
        economy: args.economy.economy.clone(),
        prices: super::prices(&args.prices),
        currency: super::currency(&args.currency),
    };
    args.output.emit(&api::compare(catalog, &request)?)
}
