//! `defspend editions`: the editions loaded, with their provenance.

use crate::cli::OutputArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::emit_report;
use crate::view;

pub fn run(catalog: &Catalog, output: &OutputArgs) -> Result<()> {
    emit_report(&view::catalog::editions(catalog)?, output)
}
