//! `defspend crosscheck`: NATO's and SIPRI's share of GDP for each ally in one year.

use crate::calc::crosscheck;
use crate::calc::targets::GUIDELINE;
use crate::cli::CrosscheckArgs;
use crate::context::{resolve_year, Context};
use crate::data::sipri::Measure;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::view;

pub fn run(catalog: &Catalog, args: &CrosscheckArgs) -> Result<()> {
    let sipri = catalog.load_sipri(None, &[Measure::ShareOfGdp])?;
    let data = args.at.edition.load(catalog)?;
    // By default the latest year both sources cover.
    let year = match args.at.year {
        Some(y) => y,
        None => data.edition.last_year.min(sipri.release.last_year),
    };
    let year = resolve_year(&data, Some(year))?;
    if year > sipri.release.last_year || year < sipri.release.first_year {
        return Err(Error::usage(
            "--year",
            format!(
                "{year} is outside SIPRI's {}-{}",
                sipri.release.first_year, sipri.release.last_year
            ),
        ));
    }
    let ctx = Context::for_year(catalog, data, year)?;
    let standings = ctx.calc.standing(year, GUIDELINE)?;
    let table = sipri
        .table(Measure::ShareOfGdp)
        .expect("the share table was loaded");
    let rows = crosscheck::crosscheck(
        &standings.rows,
        table,
        &catalog.allies,
        year,
        ctx.edition().is_estimate(year),
        GUIDELINE,
    );
    args.output.emit(&view::crosscheck::report(
        &super::scope(&ctx),
        &sipri,
        &rows,
        GUIDELINE,
    ))
}
