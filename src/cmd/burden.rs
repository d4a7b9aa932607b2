//! `defspend burden`: each ally's share of allied spending against its share of
//! allied GDP in a year, and the United States against Europe and Canada.

use crate::cli::BurdenArgs;
use crate::data::{groups, Catalog};
use crate::error::Result;
use crate::view;

pub fn run(catalog: &Catalog, args: &BurdenArgs) -> Result<()> {
    let ctx = args.at.resolve(catalog)?;
    let burden = ctx.calc.burden(ctx.year)?;
    let history = ctx.calc.us_vs_europe(
        catalog.required_group(groups::UNITED_STATES),
        catalog.required_group(groups::EUROPE_CANADA),
    )?;
    args.output
        .emit(&view::burden::report(&ctx, &burden, &history)?)
}
