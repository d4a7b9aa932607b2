//! `defspend allies`: the allies, with accession dates and special cases.
use crate::api::{self, AlliesRequest};
use crate::cli::OutputArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, output: &OutputArgs) -> Result<()> {
    output.emit(&api::allies(catalog, &AlliesRequest {})?)
}
