//! `defspend ally`: one ally across all years of an edition.

use crate::calc::Calculator;
use crate::cli::AllyArgs;
use crate::context::load_edition;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::emit_report;
use crate::view;

pub fn run(catalog: &Catalog, args: &AllyArgs) -> Result<()> {
    let ally = catalog.ally(&args.ally)?;
    let data = load_edition(catalog, &args.edition)?;
    let history = Calculator::for_edition(&data, &catalog.allies)?.ally_history(&ally.nato_code)?;
    emit_report(
        &view::ally::report(ally, &data.edition, &history),
        &args.output,
    )
}
