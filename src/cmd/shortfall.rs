//! `defspend shortfall`: which allies fall short of a target share of GDP in a
//! year, by how much in points and in dollars, and what the gaps add up to.
use crate::api::{self, ShortfallRequest};
use crate::cli::ShortfallArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &ShortfallArgs) -> Result<()> {
    let request = ShortfallRequest {
        edition: args.at.edition.edition.clone(),
        year: args.at.year,
        target: args.target,
        groups: args.groups.groups.clone(),
        prices: super::prices(&args.prices),
        currency: super::currency(&args.currency),
    };
    args.output.emit(&api::shortfall(catalog, &request)?)
}
