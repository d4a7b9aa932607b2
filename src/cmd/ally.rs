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
    let history = Calculator::for_edition(&data, &catalog.allies)?.ally_history(&ally.nato_code)?;
    let outlook = catalog.load_outlook(None)?;
    let basis = Basis::for_edition(
        &data,
        &std::collections::BTreeMap::from([(ally.nato_code.clone(), history.clone())]),
        &outlook,
    );
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
