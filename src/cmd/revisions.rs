//! `defspend revisions`: every ally-year of two NATO editions side by side.

use crate::calc::revisions::{self, Causes};
use crate::calc::Calculator;
use crate::cli::RevisionsArgs;
use crate::data::{Catalog, Edition, EditionData};
use crate::error::{Error, Result};
use crate::view;

pub fn run(catalog: &Catalog, args: &RevisionsArgs) -> Result<()> {
    let (from, to) = load_pair(catalog, &args.from, &args.to)?;
    let measure = args.measure.measure();
    let codes = catalog.ally_codes(&args.allies)?;
    let rows = compare(catalog, &from, &to, measure, &codes)?;
    let causes = causes(&from.edition, &to.edition);
    args.output.emit(&view::revisions::report(
        &from.edition,
        &to.edition,
        &causes.for_measure(measure),
        measure,
        &rows,
    ))
}

/// Both editions, loaded; the same edition twice is refused.
pub fn load_pair(catalog: &Catalog, from: &str, to: &str) -> Result<(EditionData, EditionData)> {
    if from == to {
        return Err(Error::usage(
            "--to",
            format!("is the same edition as --from ({from})"),
        ));
    }
    let a = catalog
        .load_edition(Some(from))
        .map_err(|e| rename(e, "--from"))?;
    let b = catalog
        .load_edition(Some(to))
        .map_err(|e| rename(e, "--to"))?;
    Ok((a, b))
}

fn rename(e: Error, option: &str) -> Error {
    match e {
        Error::Usage { problem, .. } => Error::usage(option, problem),
        other => other,
    }
}

/// What differs between the two editions' bases.
pub fn causes(from: &Edition, to: &Edition) -> Causes {
    Causes {
        definition: (from.basis != to.basis)
            .then(|| (from.basis.label().to_string(), to.basis.label().to_string())),
        price_base: (from.price_base_year != to.price_base_year)
            .then_some((from.price_base_year, to.price_base_year)),
    }
}

/// The revisions of every ally (or of `codes`) present in both editions.
pub fn compare(
    catalog: &Catalog,
    from: &EditionData,
    to: &EditionData,
    measure: crate::calc::longrun::Measure,
    codes: &[String],
) -> Result<Vec<revisions::Revision>> {
    let a = Calculator::for_edition(from, &catalog.allies)?;
    let b = Calculator::for_edition(to, &catalog.allies)?;
    let mut histories = Vec::new();
    for ally in &catalog.allies {
        if !codes.is_empty() && !codes.contains(&ally.nato_code) {
            continue;
        }
        histories.push((
            ally.nato_code.clone(),
            ally.name.clone(),
            a.ally_history(&ally.nato_code)?,
            b.ally_history(&ally.nato_code)?,
        ));
    }
    Ok(revisions::compare(&histories, measure))
}
