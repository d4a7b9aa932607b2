//! National plans set against a scenario's required path: the scenario run,
//! the plans read and checked, each ally's plan compared.

use super::Scenario;
use crate::calc::plans::{compare, PlanComparison, Point};
use crate::data::plans::Plans;
use crate::data::{Catalog, EditionData};
use crate::error::Result;

/// A scenario, its edition, the plans and every ally's comparison (allies with
/// a plan only, in the scenario's order).
pub struct PlansRun {
    pub scenario: Scenario,
    pub data: EditionData,
    pub plans: Plans,
    pub comparisons: Vec<PlanComparison>,
}

pub fn run(catalog: &Catalog, scenario: &str, plans: Option<&str>) -> Result<PlansRun> {
    let s = super::load(scenario, catalog)?;
    let plans = catalog.load_plans(plans)?;
    plans.check_from(s.baseline_year, &s.name)?;
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
        .collect();
    Ok(PlansRun {
        scenario: s,
        data,
        plans,
        comparisons,
    })
}
