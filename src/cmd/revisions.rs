//! `defspend revisions`: every ally-year of two NATO editions side by side.

use crate::calc::revisions::{self, Causes};
use crate::calc::Calculator;
use crate::cli::RevisionsArgs;
use crate::data::{Catalog, EditionData};
use crate::error::{Error, Result};
use crate::param::Param;
use crate::view;

pub fn run(catalog: &Catalog, args: &RevisionsArgs) -> Result<()> {
    // The defaults come from the manifest: the latest edition against the
    // one published before it.
    let to = catalog
        .edition(args.to.as_deref())
        .map_err(|e| e.from_param(Param::ToEdition))?
        .clone();
    let from = match &args.from {
        Some(id) => id.clone(),
        None => catalog
            .editions
            .before(&to)
            .map(|e| e.id.clone())
            .ok_or_else(|| {
                Error::usage(
                    Param::FromEdition,
                    format!(
                        "no edition was published before {}; give --from-edition",
                        to.id
                    ),
                )
            })?,
    };
    let (from, to) = load_pair(catalog, &from, &to.id)?;
    let measure = args.measure.measure();
    let codes = catalog.ally_codes(&args.allies)?;
    let allies: Vec<_> = catalog
        .allies
        .iter()
        .filter(|a| codes.is_empty() || codes.contains(&a.nato_code))
        .collect();
    let rows = revisions::between(
        &Calculator::for_edition(&from, &catalog.allies)?,
        &Calculator::for_edition(&to, &catalog.allies)?,
        &allies,
        measure,
    )?;
    let causes = Causes::between(&from.edition, &to.edition);
    args.output.emit(&view::revisions::report(
        &from.edition,
        &to.edition,
        &causes.for_measure(measure),
        measure,
        &rows,
    ))
}

/// Both editions, loaded; the same edition twice is refused.
fn load_pair(catalog: &Catalog, from: &str, to: &str) -> Result<(EditionData, EditionData)> {
    if from == to {
        return Err(Error::usage(
            Param::ToEdition,
            format!("is the same edition as --from-edition ({from})"),
        ));
    }
    let a = catalog
        .load_edition(Some(from))
        .map_err(|e| rename(e, Param::FromEdition))?;
    let b = catalog
        .load_edition(Some(to))
        .map_err(|e| rename(e, Param::ToEdition))?;
    Ok((a, b))
}

fn rename(e: Error, param: Param) -> Error {
    match e {
        e @ (Error::Usage { .. } | Error::Request { .. }) => e.from_param(param),
        other => other,
    }
}
