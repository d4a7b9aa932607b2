//! `defspend sources`: every source with its date, citation and checksums.

use crate::cli::OutputArgs;
use crate::data::{sources, Catalog};
use crate::error::Result;
use crate::view;

pub fn run(catalog: &Catalog, output: &OutputArgs) -> Result<()> {
    output.emit(&view::catalog::sources(catalog, &sources::list(catalog)?))
}
