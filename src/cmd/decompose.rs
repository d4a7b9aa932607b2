//! `defspend decompose`: why shares moved between two years.
use crate::api::{self, DecomposeRequest};
use crate::cli::DecomposeArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &DecomposeArgs) -> Result<()> {
    let request = DecomposeRequest {
        from: args.from,
        to: args.to,
        edition: args.edition.edition.clone(),
        groups: args.groups.groups.clone(),
    };
    args.output.emit(&api::decompose(catalog, &request)?)
}
