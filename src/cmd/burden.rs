//! `defspend burden`: each ally's share of allied spending against its share of
//! allied GDP in a year, and the United States against Europe and Canada.
use crate::api::{self, BurdenRequest};
use crate::cli::BurdenArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &BurdenArgs) -> Result<()> {
    let request = BurdenRequest {
        edition: args.at.edition.edition.clone(),
        year: args.at.year,
        per_capita: args.per_capita,
        economy: args.economy.economy.clone(),
        prices: super::prices(&args.prices),
    };
    args.output.emit(&api::burden(catalog, &request)?)
}
