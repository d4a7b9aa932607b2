//! `defspend allies`: the allies, with accession dates and special cases.

use crate::cli::OutputArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::emit_report;
use crate::view;

pub fn run(catalog: &Catalog, output: &OutputArgs) -> Result<()> {
    emit_report(&view::catalog::allies(catalog), output)
}
