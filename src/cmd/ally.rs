//! `defspend ally`: one ally across all years of an edition.

use crate::api::{self, AllyRequest};
use crate::cli::AllyArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &AllyArgs) -> Result<()> {
    let request = AllyRequest {
        ally: args.ally.clone(),
        edition: args.edition.edition.clone(),
        economy: args.economy.economy.clone(),
        currency: super::currency(&args.currency),
    };
    args.output.emit(&api::ally(catalog, &request)?)
}
