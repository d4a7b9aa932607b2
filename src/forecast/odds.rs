//! The Monte Carlo outlook's inputs, assembled from the data: each ally's
//! baseline spending and GDP (the scenario's edition and baseline year), its
//! GDP growth from an economic outlook, its expected spending growth from its
//! national plan (where it has one and the plan is asked for) or from its own
//! record of real changes, shrunk toward the allies' and bounded.

use chrono::Datelike;

use super::calibrate::{self, ModelFile};
use super::panel::{frontline, nato_shares};
use crate::calc::adjust::{self, Dynamics, Forecastee};
use crate::calc::montecarlo::{
    shrunk_record, AllyInput, Params, Process, Series, SeriesOutcome, ShareModel, Simulation,
};
use crate::calc::path::Paths;
use crate::calc::plans::planned_share;
use crate::calc::pledges as calc_pledges;
use crate::calc::Calculator;
use crate::data::outlook::Outlook;
use crate::data::plans::{PlanBasis, Plans, Trust};
use crate::data::pledges::{self, Pledges};
use crate::data::{Basis, Catalog, EditionData, Group};
use crate::error::{Asked, Error, Result};
use crate::param::Param;
use crate::scenario::{yearly_growth, Scenario};

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
    if by > crate::scenario::LAST_TARGET_YEAR {
        return Err(Error::request(
            Asked::By,
            by.to_string(),
            format!(
                "{by} is beyond {}, the last target year defspend takes",
                crate::scenario::LAST_TARGET_YEAR
            ),
        ));
    }
    if by <= s.baseline_year {
        return Err(Error::request(
            Asked::By,
            by.to_string(),
            format!(
                "{by} must come after the scenario's baseline year {}",
                s.baseline_year
            ),
        ));
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

/// The same question under another assumption (the sensitivity panel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assumption {
    /// Only allies with a plan that counts are pulled, toward it.
    PlansOnly,
    /// No ally is pulled: history's spreads and regime alone.
    ReferenceClass,
    /// The record model: each ally's shrunk record of real growth (or its plan).
    Record,
}

impl Assumption {
    pub fn key(self) -> &'static str {
        match self {
            Assumption::PlansOnly => "plans-only",
            Assumption::ReferenceClass => "reference-class",
            Assumption::Record => "record",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Assumption::PlansOnly => "plans only: allies with a plan that counts pulled toward it, the others toward nothing",
            Assumption::ReferenceClass => "reference class: no ally pulled toward any commitment; history's spreads, regime and drift alone",
            Assumption::Record => "record: real spending growth from each ally's plan or its record shrunk toward the allies' (the earlier model)",
        }
    }
}

/// What an ally's share is pulled toward under the share process: a fact
/// about the ally, never the target asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Commitment {
    /// Its national plan: on NATO's definition (or its core definition, on
    /// an edition of core expenditure), trust medium or high.
    Plan,
    /// The alliance's pledges in force at the origin; `plan_set_aside`: the
    /// ally has a plan (known by the origin) that does not count.
    Pledge { plan_set_aside: bool },
    /// No plan counts and no pledge is in force.
    Nothing,
}

/// The share process as it ran: its parameters' file, its inputs, each
/// ally's commitment (in the allies' order) and the pledges.
#[derive(Clone)]
pub struct ShareRun {
    pub file: ModelFile,
    pub model: ShareModel,
    pub commitments: Vec<Commitment>,
    pub pledges: Pledges,
    /// The parameters on a bound, in words (from the file's values).
    pub flags: Vec<String>,
}

impl ShareRun {
    /// The model with every ally exactly on its commitment: speed 1, no
    /// drift (with no spread, its central path is the commitments).
    pub fn kept(&self) -> ShareModel {
        let mut m = self.model.clone();
        for a in &mut m.allies {
            a.speed = 1.0;
            a.drift = 0.0;
        }
        m
    }
}

/// A plan counts toward the share process when it is on NATO's definition,
/// or on its core definition and the edition counts core expenditure, with
/// trust medium or high (METHOD).
fn plan_counts(basis: PlanBasis, trust: Trust, edition: Basis) -> bool {
    let comparable = match basis {
        PlanBasis::NatoDefinition => true,
        PlanBasis::Core => edition == Basis::Core,
        PlanBasis::NationalDefinition => false,
    };
    comparable && matches!(trust, Trust::Medium | Trust::High)
}

/// An ally's plan as a commitment path (ln share, each year after the
/// baseline): from its baseline share through the milestones after the
/// baseline, held after the last; a plan whose milestones all lie at or
/// before the baseline holds its last.
fn plan_path(milestones: &[(i32, f64)], baseline: i32, share0: f64, by: i32) -> Vec<f64> {
    let ahead: Vec<(i32, f64)> = milestones
        .iter()
        .copied()
        .filter(|(y, _)| *y > baseline)
        .collect();
    let held = milestones.last().map_or(share0, |m| m.1);
    (baseline + 1..=by)
        .map(|year| {
            if ahead.is_empty() {
                held.ln()
            } else {
                planned_share(&ahead, Some((baseline, share0)), year)
                    .unwrap_or(share0)
                    .ln()
            }
        })
        .collect()
}

/// The share process's inputs: each ally's baseline share; its commitment
/// (its plan where one counts, else the pledges in force at the baseline);
/// its speed from frontline; its drift, its own mean change of ln share
/// over the model's window to the baseline (the edition's shares). With an
/// origin given (`known_by`), only milestones announced by the end of that
/// year count.
fn share_model(
    catalog: &Catalog,
    s: &Scenario,
    calc: &Calculator,
    plans: &Plans,
    allies: &[Assembled],
    by: i32,
    known_by: Option<i32>,
) -> Result<ShareRun> {
    let file = calibrate::load(catalog)?;
    let pledges = pledges::load(catalog)?;
    let baseline = s.baseline_year;
    let basis = catalog.edition(Some(&s.edition))?.basis;
    let front = frontline(catalog)?;
    let shares = nato_shares(calc)?;
    let mo = &file.momentum;
    let groups = calibrate::drift_groups(catalog);
    let groups = mo.pooled.then_some(&groups);
    let drifts = adjust::drifts(&shares, None, baseline, mo.drift_years, groups);
    let momenta = adjust::drifts(&shares, None, baseline, adjust::PERSIST_YEARS, groups);
    let mut forecastees = Vec::new();
    let mut commitments = Vec::new();
    for a in allies {
        let code = &a.input.code;
        let known: Vec<_> = plans
            .of(code)
            .into_iter()
            .filter(|m| known_by.is_none_or(|year| m.announced.year() <= year))
            .collect();
        let milestones: Vec<(i32, f64)> = known
            .iter()
            .filter(|m| plan_counts(m.basis, m.trust, basis))
            .map(|m| (m.year, m.share))
            .collect();
        let history = shares.get(code);
        let pledged: Option<Vec<f64>> = history.and_then(|h| {
            (baseline + 1..=by)
                .map(|year| calc_pledges::commitment_at(&pledges, code, h, baseline, year))
                .collect()
        });
        let (tau, commitment) = if !milestones.is_empty() {
            (
                Some(plan_path(&milestones, baseline, a.share0, by)),
                Commitment::Plan,
            )
        } else if let Some(tau) = pledged {
            (
                Some(tau),
                Commitment::Pledge {
                    plan_set_aside: !known.is_empty(),
                },
            )
        } else {
            (None, Commitment::Nothing)
        };
        commitments.push(commitment);
        forecastees.push(Forecastee {
            share0: a.share0,
            tau,
            speed: file.params.speed(front.contains(code)),
            drift: drifts.get(code).copied().unwrap_or(0.0),
            momentum: momenta.get(code).copied().unwrap_or(0.0),
            sigma: file
                .own_noise
                .get(code)
                .copied()
                .unwrap_or(file.params.sigma_e),
        });
    }
    let flags = file.flags();
    Ok(ShareRun {
        model: ShareModel {
            dynamics: Dynamics::new(&file.params, &file.regime, &file.momentum),
            allies: forecastees,
        },
        file,
        commitments,
        pledges,
        flags,
    })
}

/// How an ally's expected spending growth is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// The ally's national plan where it has one, else its record
    Plan,
    /// Every ally's own record of real changes
    Record,
}

/// The record model's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecordModel {
    /// Weight of the allied mean and variance, in years of record.
    pub prior_years: f64,
    /// Bounds of an ally's expected real spending growth, % a year.
    pub bounds: (f64, f64),
    /// Smallest spread of real spending growth, points.
    pub min_sd: f64,
}

/// One ally's inputs and how they were set.
#[derive(Debug, Clone, PartialEq)]
pub struct Assembled {
    pub input: AllyInput,
    /// The ally's share in the baseline year, %.
    pub share0: f64,
    /// Whether its expected spending growth follows its plan.
    pub from_plan: bool,
    /// Its record's expected growth and spread (used for the spread always).
    pub record_mean: f64,
    pub record_sd: f64,
    /// Years of record used.
    pub record_years: usize,
}

/// Inputs for every ally of the scenario with baseline figures, in the
/// scenario's order, for the years `baseline + 1 ..= by`.
#[allow(clippy::too_many_arguments)]
pub fn assemble(
    s: &Scenario,
    calc: &Calculator,
    paths: &Paths,
    outlook: &Outlook,
    plans: Option<&Plans>,
    anchor: Anchor,
    model: RecordModel,
    by: i32,
) -> Result<Vec<Assembled>> {
    let baseline = s.baseline_year;
    // Every ally's record of annual real changes up to the baseline.
    let mut all_changes = calc.real_changes(baseline)?;
    let records: Vec<Vec<f64>> = s
        .allies
        .iter()
        .map(|ally| all_changes.remove(&ally.code).unwrap_or_default())
        .collect();
    let (allied_mean, allied_var) = allied_moments(records.iter().flatten());

    let mut out = Vec::new();
    for (ally, record) in s.allies.iter().zip(&records) {
        let Some(first) = paths.ally(&ally.code).next() else {
            continue;
        };
        let (Some(share0), Some(spending0), Some(gdp0)) = (
            first.baseline_share,
            first.spending_constant,
            first.gdp_constant,
        ) else {
            continue;
        };
        let growth = yearly_growth(outlook, &ally.code, baseline, by, s.inflation)
            .map_err(|problem| Error::request(Asked::Outlook, &outlook.info.id, problem))?;
        let (mean, sd) = shrunk_record(
            record,
            allied_mean,
            allied_var,
            model.prior_years,
            model.bounds,
            model.min_sd,
        );
        let milestones: Vec<(i32, f64)> = match (anchor, plans) {
            (Anchor::Plan, Some(p)) => p.of(&ally.code).iter().map(|m| (m.year, m.share)).collect(),
            _ => Vec::new(),
        };
        let from_plan = !milestones.is_empty();
        let spending_growth: Vec<f64> = if from_plan {
            // The spending growth that keeps the share on the plan, GDP growing as expected.
            let share_at = |year: i32| {
                if year == baseline {
                    share0
                } else {
                    planned_share(&milestones, Some((baseline, share0)), year).unwrap_or(share0)
                }
            };
            (baseline + 1..=by)
                .zip(&growth.real_pct)
                .map(|(year, g)| {
                    (share_at(year) / share_at(year - 1) * (1.0 + g / 100.0) - 1.0) * 100.0
                })
                .collect()
        } else {
            vec![mean; growth.real_pct.len()]
        };
        out.push(Assembled {
            input: AllyInput {
                code: ally.code.clone(),
                spending0,
                gdp0,
                gdp_growth: growth.real_pct,
                spending_growth,
                spending_sd: sd,
            },
            share0,
            from_plan,
            record_mean: mean,
            record_sd: sd,
            record_years: record.len(),
        });
    }
    Ok(out)
}

/// A backtest's result: how often NATO's published shares fell inside the
/// model's 10-90% band.
#[derive(Debug, Clone, PartialEq)]
pub struct Backtest {
    pub edition: String,
    pub fitted_to: i32,
    pub last_year: i32,
    /// (year, inside, counted)
    pub by_year: Vec<(i32, usize, usize)>,
}

impl Backtest {
    pub fn inside(&self) -> usize {
        self.by_year.iter().map(|y| y.1).sum()
    }

    pub fn counted(&self) -> usize {
        self.by_year.iter().map(|y| y.2).sum()
    }

    /// Share of ally-years inside the band, 0 to 1 (about 0.8 is calibrated).
    pub fn coverage(&self) -> f64 {
        self.inside() as f64 / self.counted().max(1) as f64
    }
}

/// The record model's inputs fitted on an edition's years `first..=fitted_to`
/// and projected to `last`: each ally's record of real changes to then,
/// shrunk toward the allies', and, as its expected GDP growth, its mean real
/// GDP growth over those years (no outlook of that vintage is in the data).
pub fn record_inputs(
    calc: &Calculator,
    first: i32,
    fitted_to: i32,
    last: i32,
    model: RecordModel,
) -> Result<Vec<AllyInput>> {
    let horizon = (last - fitted_to) as usize;
    let fit: Vec<_> = (first..=fitted_to)
        .map(|y| calc.standing_all(y, 2.0))
        .collect::<Result<_>>()?;
    let mut changes = calc.real_changes(fitted_to)?;
    let (allied_mean, allied_var) = allied_moments(changes.values().flatten());
    let base = fit.last().expect("the edition has years up to the fit");
    let mut inputs = Vec::new();
    for s in &base.rows {
        let (Some(d0), Some(y0)) = (s.defence_usd_constant_m, s.gdp_constant) else {
            continue;
        };
        // Mean real GDP growth over the fitted years, from NATO's constant-price GDP.
        let gdp: Vec<f64> = fit
            .iter()
            .filter_map(|st| st.get(&s.code)?.gdp_constant)
            .collect();
        let growth: Vec<f64> = gdp
            .windows(2)
            .map(|w| (w[1] / w[0] - 1.0) * 100.0)
            .collect();
        if growth.is_empty() {
            continue;
        }
        let g = growth.iter().sum::<f64>() / growth.len() as f64;
        let record = changes.remove(&s.code).unwrap_or_default();
        let (mean, sd) = shrunk_record(
            &record,
            allied_mean,
            allied_var,
            model.prior_years,
            model.bounds,
            model.min_sd,
        );
        inputs.push(AllyInput {
            code: s.code.clone(),
            spending0: d0,
            gdp0: y0,
            gdp_growth: vec![g; horizon],
            spending_growth: vec![mean; horizon],
            spending_sd: sd,
        });
    }
    Ok(inputs)
}

/// The model checked against history (METHOD): fitted on an edition's years
/// up to `fitted_to` — each ally's record of real changes to then, and, as its
/// expected GDP growth, its mean real GDP growth over those years (no outlook
/// of that vintage is in the data) — projected to the edition's last year,
/// and NATO's published shares counted inside or outside the 10-90% band.
pub fn backtest(
    catalog: &Catalog,
    edition: &str,
    fitted_to: i32,
    params: Params,
    model: RecordModel,
) -> Result<Backtest> {
    let data = catalog.load_edition(Some(edition))?;
    let calc = Calculator::for_edition(&data, &catalog.allies)?;
    let last = data.edition.last_year;
    let inputs = record_inputs(&calc, data.edition.first_year, fitted_to, last, model)?;
    let series: Vec<Series> = (0..inputs.len())
        .map(|i| Series {
            key: inputs[i].code.clone(),
            members: vec![i],
            every_year: true,
        })
        .collect();
    let outcomes = Simulation {
        allies: &inputs,
        series: &series,
        target: 2.0,
        params,
        process: Process::Growth,
    }
    .run();
    let mut by_year = Vec::new();
    for (k, year) in (fitted_to + 1..=last).enumerate() {
        let published = calc.standing_all(year, 2.0)?;
        let (mut inside, mut counted) = (0, 0);
        for o in &outcomes {
            let Some(share) = published.get(&o.key).and_then(|s| s.share) else {
                continue;
            };
            let q = &o.years[k];
            counted += 1;
            inside += usize::from(share >= q.p10 && share <= q.p90);
        }
        by_year.push((year, inside, counted));
    }
    Ok(Backtest {
        edition: edition.to_string(),
        fitted_to,
        last_year: last,
        by_year,
    })
}

/// The mean and (sample) variance of every ally's real changes pooled: what
/// an ally's own record is shrunk toward.
fn allied_moments<'a>(changes: impl Iterator<Item = &'a f64>) -> (f64, f64) {
    let pooled: Vec<f64> = changes.copied().collect();
    let n = pooled.len().max(1) as f64;
    let mean = pooled.iter().sum::<f64>() / n;
    let var = pooled.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (mean, var)
}
