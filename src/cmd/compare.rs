//! `defspend compare`: the gaps to several targets side by side, per ally and per group.

use crate::cli::CompareArgs;
use crate::context::Context;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::export::emit_report;
use crate::view;

pub fn run(catalog: &Catalog, args: &CompareArgs) -> Result<()> {
    let ctx = Context::new(catalog, &args.at)?;
    if args.targets.is_empty() {
        return Err(Error::usage("--targets", "give at least one target"));
    }
    let standings = args
        .targets
        .iter()
        .map(|t| ctx.calc.standing(ctx.year, *t))
        .collect::<Result<Vec<_>>>()?;
    emit_report(&view::compare::report(&ctx, &standings)?, &args.output)
}
