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

/// The scenario (its outlook replaced by `economy` when given) and the plans
/// vintage `plans` (the latest when `None`), amounts converted with the
/// outlook named by `economy`, else the scenario's, else the latest.
pub fn run(
    catalog: &Catalog,
    scenario: &str,
    plans: Option<&str>,
    economy: Option<&str>,
) -> Result<PlansRun> {
    let s = super::load_on(scenario, catalog, economy)?;
    let outlook = catalog.load_outlook(economy.or(s.economy.as_ref().map(|e| e.id.as_str())))?;
    let plans = catalog.load_plans(plans, &outlook)?;
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

/// Two vintages of the plans set against the same scenario (and the same
/// outlook for amounts): what changed, and what it does to each ally's
/// position in the target year.
pub struct ChangesRun {
    pub before: PlansRun,
    pub after: PlansRun,
}

impl ChangesRun {
    /// An ally's comparison in the earlier and the later vintage.
    pub fn comparisons(&self, code: &str) -> (Option<&PlanComparison>, Option<&PlanComparison>) {
        (
            self.before.comparisons.iter().find(|c| c.code == code),
            self.after.comparisons.iter().find(|c| c.code == code),
        )
    }
}

/// The vintages `from` and `to` (default: the one before the latest, and
/// the latest) against `scenario`.
pub fn changes(
    catalog: &Catalog,
    scenario: &str,
    from: Option<&str>,
    to: Option<&str>,
    economy: Option<&str>,
) -> Result<ChangesRun> {
    let manifest = catalog.plans_manifest()?;
    let to_info = manifest.find(to)?;
    let from_info = match from {
        Some(_) => manifest.find(from)?,
        None => manifest.before(to_info).ok_or_else(|| {
            crate::error::Error::request(
                crate::error::Asked::From,
                "",
                format!(
                    "no vintage of the plans comes before {}; give --from-vintage",
                    to_info.vintage
                ),
            )
        })?,
    };
    if from_info.id == to_info.id {
        return Err(crate::error::Error::request(
            crate::error::Asked::From,
            from_info.id.as_str(),
            format!("is the same vintage as --to-vintage ({})", to_info.vintage),
        ));
    }
    Ok(ChangesRun {
        before: run(catalog, scenario, Some(&from_info.id), economy)?,
        after: run(catalog, scenario, Some(&to_info.id), economy)?,
    })
}
