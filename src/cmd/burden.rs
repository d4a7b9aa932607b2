//! `defspend burden`: each ally's share of allied spending against its share of
//! allied GDP in a year, and the United States against Europe and Canada.

use crate::cli::BurdenArgs;
use crate::context::Context;
use crate::data::{groups, Catalog};
use crate::error::Result;
use crate::export::emit_report;
use crate::view;

pub fn run(catalog: &Catalog, args: &BurdenArgs) -> Result<()> {
    let ctx = Context::new(catalog, &args.at)?;
    let burden = ctx.calc.burden(ctx.year)?;
    let history = ctx.calc.us_vs_europe(
        catalog.required_group(groups::UNITED_STATES),
        catalog.required_group(groups::EUROPE_CANADA),
    )?;
    emit_report(
        &view::burden::report(&ctx, &burden, &history)?,
        &args.output,
    )
}
