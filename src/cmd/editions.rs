//! `defspend editions`: the editions loaded, with their provenance.
use crate::api::{self, EditionsRequest};
use crate::cli::OutputArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, output: &OutputArgs) -> Result<()> {
    output.emit(&api::editions(catalog, &EditionsRequest {})?)
}
