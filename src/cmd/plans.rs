//! `defspend plans`: national plans against a scenario's required path.

use crate::cli::PlansArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::scenario::against;
use crate::view;

pub fn run(catalog: &Catalog, args: &PlansArgs) -> Result<()> {
    let selected = catalog.ally_codes(&args.allies)?;
    let run = against::run(catalog, &args.scenario, args.plans.as_deref())?;
    let report = view::plans::report(
        catalog,
        &run.data,
        &run.scenario,
        &run.plans,
        &run.comparisons,
        &selected,
    );
    args.output.emit(&report)
}
