//! The Monte Carlo outlook's inputs, assembled from the data: each ally's
//! baseline spending and GDP (the scenario's edition and baseline year), its
//! GDP growth from an economic outlook, its expected spending growth from its
//! national plan (where it has one and the plan is asked for) or from its own
//! record of real changes, shrunk toward the allies' and bounded.

use crate::calc::montecarlo::{AllyInput, Params, Process, Series, SeriesOutcome, Simulation};
use crate::calc::Calculator;
use crate::data::outlook::Outlook;
use crate::data::plans::Plans;
use crate::data::{Catalog, EditionData, Group};
use crate::error::{Asked, Error, Result};
use crate::param::Param;
use crate::scenario::Scenario;

mod record;
pub use record::{assemble, backtest, record_inputs, Anchor, Assembled, Backtest, RecordModel};

mod share;
use share::share_model;
pub use share::{Assumption, Commitment, ShareRun};

/// The record model used by `outlook`: an ally's expected real spending growth
/// stays within -5% and +15% a year, its spread at least 1 point.
pub const BOUNDS: (f64, f64) = (-5.0, 15.0);
pub const MIN_SD: f64 = 1.0;
/// The weight of the allied record in an ally's, in years.
pub const DEFAULT_SHRINK: f64 = 5.0;

/// What an outlook run is asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Scenario file or shipped name: edition, baseline year, default target and year.
    pub scenario: String,
    pub target: Option<f64>,
    pub by: Option<i32>,
    /// Economic outlook id (default: the scenario's, else the latest).
    pub economy: Option<String>,
    /// Plans vintage (default: the latest).
    pub plans: Option<String>,
    /// The origin: a NATO edition and its year (default: the scenario's).
    pub edition: Option<String>,
    pub from: Option<i32>,
    pub params: Params,
    /// Weight of the allied record, in years.
    pub shrink: f64,
    pub anchor: Anchor,
    /// The spending process.
    pub model: Model,
    /// Also run the plan-only, reference-class and record assumptions.
    pub sensitivity: bool,
    /// Allies whose every year is kept (NATO codes).
    pub yearly: Vec<String>,
    pub groups: Vec<Group>,
}

impl Settings {
    /// The defaults of `defspend outlook`.
    pub fn defaults(scenario: &str, groups: Vec<Group>) -> Self {
        Settings {
            scenario: scenario.to_string(),
            target: None,
            by: None,
            economy: None,
            plans: None,
            edition: None,
            from: None,
            params: Params::DEFAULT,
            shrink: DEFAULT_SHRINK,
            anchor: Anchor::Plan,
            model: Model::Adjust,
            sensitivity: false,
            yearly: Vec::new(),
            groups,
        }
    }
}

/// An outlook run: its inputs and what it found.
#[derive(Clone)]
pub struct OutlookRun {
    /// What was asked.
    pub settings: Settings,
    pub scenario: Scenario,
    pub data: EditionData,
    pub outlook: std::sync::Arc<Outlook>,
    pub plans: Plans,
    pub params: Params,
    pub anchor: Anchor,
    pub model: RecordModel,
    /// The share process's parameters and inputs (`None`: the record model ran).
    pub share: Option<ShareRun>,
    /// The same question under other assumptions (`--sensitivity`).
    pub sensitivity: Vec<(Assumption, Vec<SeriesOutcome>)>,
    /// Each series' share in the target year with every ally exactly on its
    /// commitment ("plans kept"; the share process only), by key.
    pub plans_kept: Vec<(String, f64)>,
    /// With an origin given: only plans announced by the end of this year count.
    pub plans_known_by: Option<i32>,
    pub target: f64,
    pub by: i32,
    pub allies: Vec<Assembled>,
    pub groups: Vec<Group>,
    pub outcomes: Vec<SeriesOutcome>,
}

impl OutlookRun {
    pub fn outcome(&self, key: &str) -> Option<&SeriesOutcome> {
        self.outcomes.iter().find(|o| o.key == key)
    }

    /// A series' share in the target year with every ally exactly on its
    /// commitment ("plans kept"; the share process only).
    pub fn kept_share(&self, key: &str) -> Option<f64> {
        self.plans_kept
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, share)| *share)
    }

    /// The P of "plans kept": 1 when that share reaches the target, else 0.
    pub fn kept_probability(&self, key: &str) -> Option<f64> {
        self.kept_share(key)
            .map(|share| f64::from(u8::from(share >= self.target - 1e-9)))
    }

    /// The run as if only `groups` had been asked for: each ally's draws do
    /// not depend on which groups are summed, so a run with more groups
    /// answers for fewer. `None` when a group was not run.
    pub fn for_groups(&self, groups: &[Group]) -> Option<OutlookRun> {
        if !groups
            .iter()
            .all(|g| self.groups.iter().any(|h| h.key == g.key))
        {
            return None;
        }
        let is_group = |key: &str| self.groups.iter().any(|g| g.key == key);
        let keep = |outcomes: &[SeriesOutcome]| -> Vec<SeriesOutcome> {
            let mut out: Vec<SeriesOutcome> = outcomes
                .iter()
                .filter(|o| !is_group(&o.key))
                .cloned()
                .collect();
            for g in groups {
                out.extend(outcomes.iter().filter(|o| o.key == g.key).cloned());
            }
            out
        };
        let mut run = self.clone();
        run.outcomes = keep(&self.outcomes);
        run.sensitivity = self
            .sensitivity
            .iter()
            .map(|(a, o)| (*a, keep(o)))
            .collect();
        let mut kept: Vec<(String, f64)> = self
            .plans_kept
            .iter()
            .filter(|(k, _)| !is_group(k))
            .cloned()
            .collect();
        for g in groups {
            kept.extend(self.plans_kept.iter().filter(|(k, _)| *k == g.key).cloned());
        }
        run.plans_kept = kept;
        run.groups = groups.to_vec();
        Some(run)
    }
}

impl Settings {
    /// The same run but perhaps for other groups: every other setting equal.
    pub fn same_run_as(&self, other: &Settings) -> bool {
        *self
            == Settings {
                groups: self.groups.clone(),
                ..other.clone()
            }
    }
}

/// Assembles the model from the data and runs it.
pub fn run(catalog: &Catalog, settings: &Settings) -> Result<OutlookRun> {
    let (s, by) = scenario_for(catalog, settings)?;
    let target = settings.target.unwrap_or(s.measured_target);
    let economy = settings
        .economy
        .clone()
        .or_else(|| s.economy.as_ref().map(|e| e.id.clone()));
    let outlook = catalog
        .load_outlook(economy.as_deref())
        .map_err(|e| e.from_param(Param::Economy))?;
    let plans = catalog.load_plans(settings.plans.as_deref(), &outlook)?;
    let (data, paths) = s.run(catalog)?;
    let calc = Calculator::for_edition(&data, &catalog.allies)?;
    let model = RecordModel {
        prior_years: settings.shrink,
        bounds: BOUNDS,
        min_sd: MIN_SD,
    };
    let allies = assemble(
        &s,
        &calc,
        &paths,
        &outlook,
        Some(&plans),
        settings.anchor,
        model,
        by,
    )?;
    let inputs: Vec<AllyInput> = allies.iter().map(|a| a.input.clone()).collect();
    let series = series_of(&inputs, settings);
    let simulate = |process: Process, what: &str| {
        let progress = Progress::start(settings.params.draws, what);
        let outcomes = Simulation {
            allies: &inputs,
            series: &series,
            target,
            params: settings.params,
            process,
        }
        .run_with(&|n| progress.add(n));
        progress.finish();
        outcomes
    };
    let known_by = settings
        .from
        .or(settings.edition.as_ref().map(|_| s.baseline_year));
    let (outcomes, share, sensitivity, plans_kept) = match settings.model {
        Model::Record => (
            simulate(Process::Growth, "Record model"),
            None,
            Vec::new(),
            Vec::new(),
        ),
        Model::Adjust => {
            let share = share_model(catalog, &s, &calc, &plans, &allies, by, known_by)?;
            let outcomes = simulate(Process::Adjust(&share.model), "Model");
            let kept = Simulation {
                allies: &inputs,
                series: &series,
                target,
                params: Params {
                    spending_spread: 0.0,
                    ..settings.params
                },
                process: Process::Adjust(&share.kept()),
            }
            .expected();
            let plans_kept = series
                .iter()
                .zip(kept)
                .map(|(s, years)| (s.key.clone(), years.last().copied().unwrap_or(f64::NAN)))
                .collect();
            let mut sensitivity = Vec::new();
            if settings.sensitivity {
                for assumption in [Assumption::PlansOnly, Assumption::ReferenceClass] {
                    let mut other = share.model.clone();
                    for (a, c) in other.allies.iter_mut().zip(&share.commitments) {
                        let keep = assumption == Assumption::PlansOnly && *c == Commitment::Plan;
                        if !keep {
                            a.tau = None;
                        }
                    }
                    sensitivity
                        .push((assumption, simulate(Process::Adjust(&other), "Sensitivity")));
                }
                sensitivity.push((
                    Assumption::Record,
                    simulate(Process::Growth, "Record model"),
                ));
            }
            (outcomes, Some(share), sensitivity, plans_kept)
        }
    };
    Ok(OutlookRun {
        settings: settings.clone(),
        scenario: s,
        data,
        outlook,
        plans,
        params: settings.params,
        anchor: settings.anchor,
        model,
        share,
        sensitivity,
        plans_kept,
        plans_known_by: known_by,
        target,
        by,
        allies,
        groups: settings.groups.clone(),
        outcomes,
    })
}

/// Above this many draws a run takes seconds to minutes: on a terminal,
/// standard error shows a bar with the draws done and the time left.
pub const PROGRESS_FROM: usize = 1_000_000;

/// A progress bar on standard error for a long run on a terminal; nothing
/// otherwise (a pipe, a file, a short run).
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn start(draws: usize, what: &str) -> Progress {
        use std::io::IsTerminal;
        if draws <= PROGRESS_FROM || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(draws as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} {bar:20} {human_pos}/{human_len} draws, {eta} left",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(what.to_string());
        Progress(Some(bar))
    }

    fn add(&self, draws: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(draws);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// The scenario as the settings amend it (edition, baseline year) and the
/// target year, checked.
fn scenario_for(catalog: &Catalog, settings: &Settings) -> Result<(Scenario, i32)> {
    let mut s = crate::scenario::load_on(&settings.scenario, catalog, settings.economy.as_deref())?;
    if let Some(id) = &settings.edition {
        s.edition = catalog.edition(Some(id))?.id.clone();
    }
    let edition = catalog.edition(Some(&s.edition))?;
    if let Some(from) = settings.from {
        if !edition.years().contains(&from) {
            return Err(Error::request(
                Asked::From,
                from.to_string(),
                format!(
                    "{from} is not a year of {} ({}-{})",
                    edition.id, edition.first_year, edition.last_year
                ),
            ));
        }
        s.baseline_year = from;
    } else {
        // From the edition's last year unless told: budgets make NATO's
        // current-year estimate informative (METHOD).
        s.baseline_year = edition.last_year;
    }
    let by = settings
        .by
        .unwrap_or(s.target_year.max(s.baseline_year + 1));
    if let Some(why) = crate::scenario::by_refused(by, s.baseline_year.into()) {
        return Err(Error::request(Asked::By, by.to_string(), why));
    }
    Ok((s, by))
}

/// Each ally's series (every year for those asked for), then each group's.
fn series_of(inputs: &[AllyInput], settings: &Settings) -> Vec<Series> {
    let mut series: Vec<Series> = inputs
        .iter()
        .enumerate()
        .map(|(i, a)| Series {
            key: a.code.clone(),
            members: vec![i],
            every_year: settings.yearly.contains(&a.code),
        })
        .collect();
    for g in &settings.groups {
        series.push(Series {
            key: g.key.clone(),
            members: (0..inputs.len())
                .filter(|&i| g.contains(&inputs[i].code))
                .collect(),
            every_year: true,
        });
    }
    series.retain(|s| !s.members.is_empty());
    series
}

pub use crate::calc::montecarlo::Model;
