//! `defspend revisions`: every ally-year of two NATO editions side by side.

use crate::api::{self, RevisionsRequest};
use crate::cli::RevisionsArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &RevisionsArgs) -> Result<()> {
    let request = RevisionsRequest {
        from_edition: args.from.clone(),
        to_edition: args.to.clone(),
        measure: args.measure.measure(),
        allies: args.allies.clone(),
    };
    args.output.emit(&api::revisions(catalog, &request)?)
}
