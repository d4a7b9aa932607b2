//! `defspend dispersion`: how far apart the European allies' shares of GDP
//! are, year by year, and whether the gap widens by each measure.

use crate::calc::dispersion;
use crate::cli::DispersionArgs;
use crate::context::Context;
use crate::data::{groups, Catalog};
use crate::error::{Error, Result};
use crate::view;

pub fn run(catalog: &Catalog, args: &DispersionArgs) -> Result<()> {
    let data = args.edition.load(catalog)?;
    if args.groups.len() != 2 {
        return Err(Error::usage(
            "--groups",
            format!(
                "give two groups to set against each other, not {}",
                args.groups.len()
            ),
        ));
    };
    let pair = catalog.groups_named(&args.groups)?;
    let over = catalog.group(groups::EUROPE)?;
    let last = data.edition.last_year;
    let ctx = Context::for_year(catalog, data, last)?;
    let edition = ctx.edition();
    let years = dispersion::by_year(
        &ctx.calc,
        &catalog.allies,
        edition.years(),
        over,
        (pair[0], pair[1]),
    )?;
    let groups = view::dispersion::Groups {
        over,
        pair: (pair[0], pair[1]),
    };
    args.output
        .emit(&view::dispersion::report(edition, &groups, &years))
}
