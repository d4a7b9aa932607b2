//! `defspend editions`: the editions loaded, with their provenance.

use crate::cli::OutputArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::view;

pub fn run(catalog: &Catalog, output: &OutputArgs) -> Result<()> {
    output.emit(&view::catalog::editions(catalog)?)
}
