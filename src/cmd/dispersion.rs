//! `defspend dispersion`: how far apart the European allies' shares of GDP
//! are, year by year, and whether the gap widens by each measure.

use crate::calc::dispersion;
use crate::cli::{DispersionArgs, LongSource};
use crate::context::Context;
use crate::data::sipri::Measure;
use crate::data::{groups, Catalog};
use crate::error::{Error, Result};
use crate::view;

/// SIPRI's years the spread starts from: after the Cold War, when most of
/// today's allies have a figure.
pub const SIPRI_FROM: i32 = 1990;

pub fn run(catalog: &Catalog, args: &DispersionArgs) -> Result<()> {
    if args.groups.len() != 2 {
        return Err(Error::usage(
            "--groups",
            format!(
                "give two groups to set against each other, not {}",
                args.groups.len()
            ),
        ));
    };
    let pair = groups::pair(catalog.groups_named(&args.groups)?, &args.groups)?;
    let over = catalog.group(groups::EUROPE)?;
    let groups = view::dispersion::Groups { over, pair };
    if args.source == LongSource::Sipri {
        if args.edition.edition.is_some() {
            return Err(Error::usage(
                "--edition",
                "--source sipri reads SIPRI's installed release, not a NATO edition",
            ));
        }
        let sipri = catalog.load_sipri(None, &[Measure::ShareOfGdp, Measure::CurrentUsd])?;
        let years = dispersion::by_year_sipri(&sipri, &catalog.allies, SIPRI_FROM, over, pair)?;
        return args.output.emit(&view::dispersion::report(
            view::dispersion::Shares::Sipri(&sipri.release),
            &groups,
            &years,
        ));
    }
    let data = args.edition.load(catalog)?;
    let last = data.edition.last_year;
    let ctx = Context::for_year(catalog, data, last)?;
    let edition = ctx.edition();
    let years = dispersion::by_year(&ctx.calc, &catalog.allies, edition.years(), over, pair)?;
    args.output.emit(&view::dispersion::report(
        view::dispersion::Shares::Nato(edition),
        &groups,
        &years,
    ))
}
