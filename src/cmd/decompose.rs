//! `defspend decompose`: why shares moved between two years.

use crate::calc::decompose;
use crate::calc::targets::GUIDELINE;
use crate::cli::DecomposeArgs;
use crate::context::{resolve_year, Context};
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::view;

pub fn run(catalog: &Catalog, args: &DecomposeArgs) -> Result<()> {
    let data = args.edition.load(catalog)?;
    let from = resolve_year(&data, Some(args.from.unwrap_or(data.edition.first_year)))
        .map_err(|e| rename(e, "--from"))?;
    let to = resolve_year(&data, args.to).map_err(|e| rename(e, "--to"))?;
    if from >= to {
        return Err(Error::usage(
            "--from",
            format!("{from} must come before --to {to}"),
        ));
    }
    let groups = args.groups.resolve(catalog)?;
    let ctx = Context::for_year(catalog, data, to)?;
    // The target does not matter here: only shares, spending and GDP are read.
    // The allies of the later year, with their own figures in the earlier one.
    let before = ctx.calc.standing_all(from, GUIDELINE)?;
    let after = ctx.calc.standing(to, GUIDELINE)?;
    let allies = decompose::allies(&before, &after);
    let totals: Vec<_> = groups
        .iter()
        .filter_map(|g| decompose::group(&before, &after, g))
        .collect();
    args.output.emit(&view::decompose::report(
        &super::scope(&ctx),
        from,
        &allies,
        &totals,
    ))
}

/// The year check names the flag the year came from.
fn rename(e: Error, option: &str) -> Error {
    match e {
        e @ (Error::Usage { .. } | Error::Request { .. }) => e.from_flag(option),
        other => other,
    }
}
