//! `defspend ally`: one ally across all years of an edition.

use crate::calc::percapita::Basis;
use crate::calc::Calculator;
use crate::cli::AllyArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::view;

pub fn run(catalog: &Catalog, args: &AllyArgs) -> Result<()> {
    let ally = catalog.ally(&args.ally)?;
    let data = args.edition.load(catalog)?;
    let histories = Calculator::for_edition(&data, &catalog.allies)?.histories()?;
    let history = histories.get(&ally.nato_code).cloned().unwrap_or_default();
    let outlook = catalog.load_outlook(args.economy.id())?;
    // The edition decides the basis, so that every ally's figure is on the same one.
    let basis = Basis::for_edition(&data, &histories, &outlook);
    let per_person: Vec<Option<f64>> = history
        .iter()
        .map(|y| basis.value(&ally.nato_code, y, &outlook))
        .collect();
    args.output.emit(&view::ally::report(
        ally,
        &data.edition,
        &history,
        (&basis, &per_person),
    ))
}
