//! `defspend shortfall`: which allies fall short of a target share of GDP in a
//! year, by how much in points and in dollars, and what the gaps add up to.

use crate::cli::ShortfallArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::view;

pub fn run(catalog: &Catalog, args: &ShortfallArgs) -> Result<()> {
    let ctx = args.at.resolve(catalog)?;
    let groups = args.groups.resolve(catalog)?;
    let standings = ctx.calc.standing(ctx.year, args.target)?;
    args.output.emit(&view::shortfall::report(
        &super::scope(&ctx),
        &standings,
        &groups,
    )?)
}
