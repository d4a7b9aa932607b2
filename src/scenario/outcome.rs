//! What a scenario's run finds, as values: each ally's classification on its
//! path and each group's path from the baseline to the target year. The
//! scenario report and the brief both render these; neither recomputes them.

use crate::calc::path::{GroupPathYear, PathYear, Paths};
use crate::error::Result;

use super::Scenario;

/// An ally's place on its path.
#[derive(Debug, Clone, PartialEq)]
pub enum Class {
    /// No published share in the baseline year.
    NoData,
    /// Already at or above its target in the baseline year.
    AtTarget,
    /// Needs more real growth a year than the scenario's threshold, at the
    /// steepest (the largest year's growth, %).
    Steep(f64),
    /// On a path within the threshold.
    OnPath,
}

#[derive(Debug, Clone)]
pub struct AllyOutcome {
    pub code: String,
    /// The largest real growth a year its path needs, %.
    pub max_growth: Option<f64>,
    pub class: Class,
}

#[derive(Debug, Clone)]
pub struct GroupOutcome {
    pub key: String,
    pub label: String,
    /// The group's path, baseline year first.
    pub years: Vec<GroupPathYear>,
}

impl GroupOutcome {
    pub fn first(&self) -> Option<&GroupPathYear> {
        self.years.first()
    }

    pub fn last(&self) -> Option<&GroupPathYear> {
        self.years.last()
    }
}

/// A scenario's findings: allies in the paths' order (by code), groups in
/// the scenario's order.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub allies: Vec<AllyOutcome>,
    pub groups: Vec<GroupOutcome>,
}

impl Outcome {
    pub fn of(s: &Scenario, paths: &Paths) -> Result<Outcome> {
        // The paths come sorted by ally, then year: one run of rows per ally.
        let allies = paths
            .years
            .chunk_by(|a, b| a.code == b.code)
            .map(|years| {
                let first: &PathYear = &years[0];
                let max_growth = years
                    .iter()
                    .filter_map(|p| p.real_growth)
                    .fold(f64::NEG_INFINITY, f64::max);
                let class = if first.baseline_share.is_none() {
                    Class::NoData
                } else if first.at_target {
                    Class::AtTarget
                } else if max_growth > s.growth_threshold {
                    Class::Steep(max_growth)
                } else {
                    Class::OnPath
                };
                AllyOutcome {
                    code: first.code.clone(),
                    max_growth: Some(max_growth).filter(|g| g.is_finite()),
                    class,
                }
            })
            .collect();
        let groups = s
            .groups
            .iter()
            .map(|g| {
                Ok(GroupOutcome {
                    key: g.key.clone(),
                    label: g.label.clone(),
                    years: paths.group(g)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Outcome { allies, groups })
    }

    pub fn group(&self, key: &str) -> Option<&GroupOutcome> {
        self.groups.iter().find(|g| g.key == key)
    }
}
