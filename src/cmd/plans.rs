//! `defspend plans`: national plans against a scenario's required path.

use crate::calc::plans::{compare, Point};
use crate::cli::PlansArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::scenario;
use crate::view;

pub fn run(catalog: &Catalog, args: &PlansArgs) -> Result<()> {
    let s = scenario::load(&args.scenario, catalog)?;
    let plans = catalog.load_plans(args.plans.as_deref())?;
    plans.check_from(s.baseline_year, &s.name)?;
    let selected = catalog.ally_codes(&args.allies)?;
    let (data, paths) = s.run(catalog)?;
    let comparisons = s
        .allies
        .iter()
        .filter_map(|ally| {
            let milestones: Vec<Point> = plans
                .of(&ally.code)
                .iter()
                .map(|m| (m.year, m.share))
                .collect();
            (!milestones.is_empty()).then(|| compare(&paths, &ally.code, &milestones))
        })
        .collect::<Vec<_>>();
    let report = view::plans::report(catalog, &data, &s, &plans, &comparisons, &selected);
    args.output.emit(&report)
}
