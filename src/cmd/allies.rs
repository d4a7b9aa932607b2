//! `defspend allies`: the allies, with accession dates and special cases.

use crate::cli::OutputArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::view;

pub fn run(catalog: &Catalog, output: &OutputArgs) -> Result<()> {
    output.emit(&view::catalog::allies(catalog))
}
