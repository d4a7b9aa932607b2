//! `defspend shortfall`: which allies fall short of a target share of GDP in a
//! year, by how much in points and in dollars, and what the gaps add up to.

use crate::cli::ShortfallArgs;
use crate::context::Context;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::emit_report;
use crate::view;

pub fn run(catalog: &Catalog, args: &ShortfallArgs) -> Result<()> {
    let ctx = Context::new(catalog, &args.at)?;
    let standings = ctx.calc.standing(ctx.year, args.target)?;
    emit_report(&view::shortfall::report(&ctx, &standings)?, &args.output)
}
