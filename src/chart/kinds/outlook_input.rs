//! The Monte Carlo outlook as the odds and fan charts ask for it, and the
//! line that states its model under each.

use crate::calc::montecarlo::Params;
use crate::calc::targets::DEFAULT_SCENARIO;
use crate::chart::{ChartOption, ChartSpec, Takes, Unset};
use crate::error::Result;
use crate::forecast::odds::OutlookRun;
use crate::forecast::odds::Settings;
use crate::param::Param;
use crate::results::Results;
use crate::units::pct;

/// The options the outlook's charts take (what [`outlook_for`] reads),
/// but the groups, whose default is each chart's own.
const TARGETS: Takes = Takes::rule(ChartOption::Targets, "the scenario's target");
const BY: Takes = Takes::rule(ChartOption::By, "the scenario's target year");
const ALLIES: Takes = Takes::rule(ChartOption::Allies, "none");
pub(super) const DRAWS: Takes = Takes::value(
    ChartOption::Draws,
    Unset::Count(Params::DEFAULT.draws as u64),
);
pub(super) const SEED: Takes = Takes::value(ChartOption::Seed, Unset::Count(Params::DEFAULT.seed));
pub(super) const MODEL: Takes = Takes::value(ChartOption::Model, Unset::Name("adjust"));
const SCENARIO: Takes = Takes::value(ChartOption::Scenario, Unset::Name(DEFAULT_SCENARIO));
pub(super) const ECONOMY: Takes =
    Takes::rule(ChartOption::Economy, "the scenario's, else the latest");
pub(super) const PLANS: Takes = Takes::rule(ChartOption::PlansVintage, "the latest");

/// The options of a chart of the outlook that draws `groups` without --groups.
pub(super) const fn outlook_options(groups: &'static [&'static str]) -> [Takes; 10] {
    [
        TARGETS,
        BY,
        ALLIES,
        Takes::value(ChartOption::Groups, Unset::Names(groups)),
        DRAWS,
        SEED,
        MODEL,
        SCENARIO,
        ECONOMY,
        PLANS,
    ]
}

/// The help of the outlook's charts' edition.
pub(super) fn origin_help() -> String {
    format!(
        "The NATO edition to start from (default: the scenario's), as `defspend outlook {}`",
        Param::Edition
    )
}

/// The outlook a chart draws: the defaults of `defspend outlook`, with the
/// chart's scenario, target, target year, draws, seed, allies and groups.
pub(super) fn outlook_for(
    r: &Results,
    spec: &ChartSpec,
    default_groups: &[&str],
) -> Result<OutlookRun> {
    let groups = if spec.groups.is_empty() {
        default_groups.iter().map(|k| r.group(k).clone()).collect()
    } else {
        r.groups_named(&spec.groups)?.into_iter().cloned().collect()
    };
    let mut settings =
        Settings::defaults(spec.scenario.as_deref().unwrap_or(DEFAULT_SCENARIO), groups);
    settings.target = spec.targets.first().copied();
    settings.by = spec.by;
    if let Some(d) = spec.draws {
        settings.params.draws = d as usize;
    }
    if let Some(seed) = spec.seed {
        settings.params.seed = seed;
    }
    if let Some(model) = spec.model {
        settings.model = model;
    }
    settings.yearly = r.ally_codes(&spec.allies)?;
    settings.economy = spec.economy.clone();
    settings.plans = spec.plans_vintage.clone();
    // The edition asked is the origin, as `outlook --edition` takes it.
    settings.edition = spec.at.edition.clone();
    r.outlook(&settings)
}

/// The chart's footer line on the model.
pub(super) fn model_line(run: &OutlookRun) -> String {
    if let Some(share) = &run.share {
        return format!(
            "Monte Carlo outlook, {} draws, seed {}: each share adjusts toward its national plan ({}, where it counts) or the pledges in force, with its group's damped drift and an alliance-wide regime drawn from history (parameters from SIPRI {} and NATO's editions, datasets/models/outlook.toml); GDP from the {}; defspend outlook states every parameter.",
            run.params.draws,
            run.params.seed,
            run.plans.info.id,
            share.file.sipri_release,
            run.outlook.info.citation.trim_start_matches("Source: ").trim_end_matches('.'),
        );
    }
    format!(
        "Monte Carlo outlook, {} draws, seed {}: GDP around the {} ({} points a year, {} common), spending from national plans ({}) or each ally's record; defspend outlook states every parameter.",
        run.params.draws,
        run.params.seed,
        run.outlook.info.citation.trim_start_matches("Source: ").trim_end_matches('.'),
        pct(run.params.gdp_sd),
        pct(run.params.common),
        run.plans.info.id
    )
}
