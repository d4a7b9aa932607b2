//! National plans set against a scenario's required path: the scenario run,
//! the plans read and checked, each ally's plan compared.

use chrono::Datelike;

use crate::calc::plans::{compare, verdict, PlanComparison, Point, Verdict};
use crate::calc::Calculator;
use crate::data::plans::{PlanBasis, Plans};
use crate::data::{Basis, Catalog, EditionData};
use crate::error::Result;
use crate::param::Param;
use crate::scenario::Scenario;

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
    let s = crate::scenario::load_on(scenario, catalog, economy)?;
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
                    "no vintage of the plans comes before {}; give {}",
                    to_info.vintage,
                    Param::FromVintage
                ),
            )
        })?,
    };
    if from_info.id == to_info.id {
        return Err(crate::error::Error::request(
            crate::error::Asked::From,
            from_info.id.as_str(),
            format!(
                "is the same vintage as {} ({})",
                Param::ToVintage,
                to_info.vintage
            ),
        ));
    }
    Ok(ChangesRun {
        before: run(catalog, scenario, Some(&from_info.id), economy)?,
        after: run(catalog, scenario, Some(&to_info.id), economy)?,
    })
}

/// One milestone (or an alliance pledge) against NATO's figure for its year.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordRow {
    /// The plans vintage's id, or the pledge's.
    pub source: String,
    pub ally: String,
    pub year: i32,
    pub planned: f64,
    /// The milestone's definition (`nato-definition`, `core`, `national-definition`).
    pub basis: &'static str,
    /// The edition NATO's figure is from, its share and its year's label.
    pub edition: String,
    pub published: f64,
    pub year_label: String,
    pub verdict: Verdict,
}

/// Every vintage's milestones for years NATO has since published, against
/// the latest edition (or `edition`), and each `by` pledge against the first
/// edition that publishes its year.
pub struct RecordRun {
    pub data: EditionData,
    pub rows: Vec<RecordRow>,
    /// The sources in order: each vintage's id and title, then each pledge's.
    pub sources: Vec<(String, String)>,
    /// The citations of the editions used.
    pub citations: Vec<String>,
}

/// The plans' record (`defspend plans record`).
pub fn record(catalog: &Catalog, edition: Option<&str>) -> Result<RecordRun> {
    use super::panel::nato_shares;
    let data = catalog.load_edition(edition)?;
    let calc = Calculator::for_edition(&data, &catalog.allies)?;
    let shares = nato_shares(&calc)?;
    let core = data.edition.basis == Basis::Core;
    let outlook = catalog.load_outlook(None)?;
    let mut rows = Vec::new();
    let mut sources = Vec::new();
    let mut citations = vec![data.edition.citation.clone()];
    for info in catalog.plans_manifest()?.to_vec() {
        let plans = catalog.load_plans(Some(&info.id), &outlook)?;
        sources.push((info.id.clone(), info.title.clone()));
        for m in &plans.milestones {
            let Some(&published) = shares.get(&m.ally).and_then(|s| s.get(&m.year)) else {
                continue;
            };
            let comparable = match m.basis {
                PlanBasis::NatoDefinition => true,
                PlanBasis::Core => core,
                PlanBasis::NationalDefinition => false,
            };
            rows.push(RecordRow {
                source: info.id.clone(),
                ally: m.ally.clone(),
                year: m.year,
                planned: m.share,
                basis: m.basis.key(),
                edition: data.edition.id.clone(),
                published,
                year_label: data.edition.year_label(m.year),
                verdict: if comparable {
                    verdict(m.share, published)
                } else {
                    Verdict::NotComparable
                },
            });
        }
    }
    // Each pledge with a year to reach, against the first edition that
    // publishes both that year and the year it was agreed.
    let pledges = crate::data::pledges::load(catalog)?;
    for p in pledges.list.iter().filter(|p| !p.floor) {
        let Some(by) = p.by else { continue };
        let agreed = p.agreed.year();
        let Some(e) = catalog
            .editions
            .iter()
            .find(|e| e.years().contains(&by) && e.years().contains(&agreed))
        else {
            continue;
        };
        let pledge_data = catalog.load_edition(Some(&e.id))?;
        let pledge_shares = nato_shares(&Calculator::for_edition(&pledge_data, &catalog.allies)?)?;
        sources.push((p.id.clone(), p.name.clone()));
        if !citations.contains(&e.citation) {
            citations.push(e.citation.clone());
        }
        for (code, by_year) in &pledge_shares {
            let Some(&published) = by_year.get(&by) else {
                continue;
            };
            let planned = p.share_for(code);
            rows.push(RecordRow {
                source: p.id.clone(),
                ally: code.clone(),
                year: by,
                planned,
                basis: if p.basis == "core" {
                    "core"
                } else {
                    "nato-definition"
                },
                edition: e.id.clone(),
                published,
                year_label: e.year_label(by),
                verdict: if p.basis == "core" && e.basis != Basis::Core {
                    Verdict::NotComparable
                } else {
                    verdict(planned, published)
                },
            });
        }
    }
    Ok(RecordRun {
        data,
        rows,
        sources,
        citations,
    })
}
