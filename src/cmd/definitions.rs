//! `defspend definitions`: NATO's, SIPRI's and Eurostat's measures side by side.
use crate::api::{self, DefinitionsRequest};
use crate::cli::DefinitionsArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &DefinitionsArgs) -> Result<()> {
    let request = DefinitionsRequest {
        edition: args.edition.edition.clone(),
        allies: args.allies.clone(),
        years: args.years,
    };
    args.output.emit(&api::definitions(catalog, &request)?)
}
