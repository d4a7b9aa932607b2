//! `defspend ally`: one ally across all years of an edition.

use crate::calc::Calculator;
use crate::cli::AllyArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::view;

pub fn run(catalog: &Catalog, args: &AllyArgs) -> Result<()> {
    let ally = catalog.ally(&args.ally)?;
    let data = args.edition.load(catalog)?;
    let history = Calculator::for_edition(&data, &catalog.allies)?.ally_history(&ally.nato_code)?;
    args.output
        .emit(&view::ally::report(ally, &data.edition, &history))
}
