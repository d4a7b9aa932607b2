//! Backtests of the odds (METHOD, "Forecasting: odds that earn trust"): each
//! model and baseline is fitted on data up to an origin only, forecasts
//! NATO's published shares after it, and is scored against what happened.
//!
//! - `sipri-rolling`: SIPRI's shares of NATO members while members, origins
//!   1975-2014, each forecast ten years ahead; event: up 1 point or more.
//! - `nato-2019`: the June 2024 edition fitted to 2019, every ally's share in
//!   2020-2024e forecast (155 ally-years); event: at 2% of GDP that year.
//! - `wales-2014`: information to 2014; event: at 2% of GDP in 2024e.
//! - `nato-one-year`: one year ahead, from each origin 2014-2023 of the June
//!   2024 edition and 2024 and 2025e of the July 2026 edition; event: at 2%
//!   of GDP that year.
//!
//! Baselines: a driftless random walk in ln share with the empirical spread of
//! annual changes to the origin; a random walk with the allies' pooled drift;
//! the base rate; a coin flip.

use std::collections::BTreeMap;

use super::calibrate::{self, Choice, BLOCK, DRIFT_DECAYS, DRIFT_YEARS};
use super::odds::{record_inputs, RecordModel, BOUNDS, MIN_SD};
use super::panel::{frontline, nato_shares, sipri_members, SharesByAlly};
use crate::calc::adjust::{self, Dynamics, Episode, Estimate, Forecastee, Momentum};
use crate::calc::montecarlo::{Params, Process, Series, Simulation};
use crate::calc::pledges as calc_pledges;
use crate::calc::scoring::{score_events, score_shares, DistScores, EventScores, Predictive};
use crate::calc::Calculator;
use crate::data::pledges::{self, Pledges};
use crate::data::{sipri, Catalog};
use crate::error::Result;

/// The backtests, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    SipriRolling,
    Nato2019,
    Wales2014,
    NatoOneYear,
}

impl Name {
    pub const ALL: [Name; 4] = [
        Name::SipriRolling,
        Name::Nato2019,
        Name::Wales2014,
        Name::NatoOneYear,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Name::SipriRolling => "sipri-rolling",
            Name::Nato2019 => "nato-2019",
            Name::Wales2014 => "wales-2014",
            Name::NatoOneYear => "nato-one-year",
        }
    }

    /// What the backtest's event is.
    pub fn event(self) -> &'static str {
        match self {
            Name::SipriRolling => "up 1 point of GDP or more in ten years",
            Name::Nato2019 | Name::Wales2014 | Name::NatoOneYear => "at 2% of GDP or more",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Name::SipriRolling => {
                "SIPRI's shares of GDP of NATO members while members, rolling origins 1975-2014, each ally's share ten years ahead forecast and scored; event: up 1 point of GDP or more in ten years"
            }
            Name::Nato2019 => {
                "NATO's June 2024 edition fitted to 2019; every ally's share of GDP in 2020-2024e forecast and scored; event: at 2% of GDP in the year"
            }
            Name::Wales2014 => {
                "information to 2014 (the Wales pledge); event: at 2% of GDP in 2024e, NATO's June 2024 edition"
            }
            Name::NatoOneYear => {
                "one year ahead: NATO's June 2024 edition from each origin 2014-2023 (2015-2024e), the July 2026 edition from 2024 and 2025e (2025e, 2026e); every model fitted on data to its origin; event: at 2% of GDP in the year"
            }
        }
    }
}

/// The threshold of the events scored: NATO's 2% guideline, % of GDP.
pub const EVENT_SHARE: f64 = 2.0;
/// Draws of the simulated model in a backtest.
pub const DRAWS: usize = 4_000;
/// Seed of the simulated model in a backtest.
pub const SEED: u64 = 2025;

/// One model's scores in a backtest.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelScores {
    pub key: &'static str,
    pub about: String,
    /// Forecasts of the share itself (none for event-only baselines).
    pub shares: Option<DistScores>,
    pub event: EventScores,
}

/// A backtest's result: every model's scores on the same cases.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub name: Name,
    pub edition: String,
    /// The first and last origin (the same for a single origin).
    pub origins: (i32, i32),
    pub years: (i32, i32),
    pub cases: usize,
    pub models: Vec<ModelScores>,
    /// What could not be run, and why (e.g. SIPRI not installed).
    pub notes: Vec<String>,
    /// Each ally's probability of the event under the model and with its
    /// pledge kept, beside what happened (wales-2014 only).
    pub allies: Vec<AllyOdds>,
}

/// One ally's odds of a backtest's event.
#[derive(Debug, Clone, PartialEq)]
pub struct AllyOdds {
    pub code: String,
    pub name: String,
    pub origin_share: f64,
    pub outcome: f64,
    pub model: f64,
    pub pledge_kept: f64,
}

impl Outcome {
    pub fn model(&self, key: &str) -> Option<&ModelScores> {
        self.models.iter().find(|m| m.key == key)
    }
}

/// A forecast case: an ally's share at the origin and in a later year.
#[derive(Debug, Clone, PartialEq)]
struct Case {
    code: String,
    horizon: usize,
    origin_share: f64,
    outcome: f64,
}

impl Case {
    fn happened(&self) -> bool {
        self.outcome >= EVENT_SHARE - 1e-9
    }
}

/// A share forecast and its outcome, and the event's threshold for it.
type Scored = (Predictive, f64, f64);

/// The mean and standard deviation of annual changes of ln share; `drift`
/// false: the spread around zero (a driftless walk).
fn log_changes_spread(changes: &[f64], drift: bool) -> (f64, f64) {
    let n = changes.len().max(1) as f64;
    let mean = if drift {
        changes.iter().sum::<f64>() / n
    } else {
        0.0
    };
    let dof = if drift { (n - 1.0).max(1.0) } else { n };
    let var = changes.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / dof;
    (mean, var.sqrt())
}

/// A random walk's forecasts of every case.
fn random_walk(cases: &[Case], mean: f64, sd: f64) -> Vec<(Predictive, f64)> {
    cases
        .iter()
        .map(|c| {
            let h = c.horizon as f64;
            (
                Predictive::LogNormal {
                    mu: c.origin_share.ln() + h * mean,
                    sigma: sd * h.sqrt(),
                },
                c.outcome,
            )
        })
        .collect()
}

fn scored(key: &'static str, about: String, forecasts: Vec<(Predictive, f64)>) -> ModelScores {
    scored_at(
        key,
        about,
        forecasts
            .into_iter()
            .map(|(p, y)| (p, y, EVENT_SHARE))
            .collect(),
    )
}

/// Scores share forecasts, and the event "at or above the threshold".
fn scored_at(key: &'static str, about: String, forecasts: Vec<Scored>) -> ModelScores {
    let events: Vec<(f64, bool)> = forecasts
        .iter()
        .map(|(p, y, t)| (p.at_least(t - 1e-9), *y >= t - 1e-9))
        .collect();
    let shares: Vec<(Predictive, f64)> = forecasts.into_iter().map(|(p, y, _)| (p, y)).collect();
    ModelScores {
        key,
        about,
        shares: Some(score_shares(&shares)),
        event: score_events(&events),
    }
}

fn event_only(
    key: &'static str,
    about: String,
    cases: &[Case],
    p: impl Fn(&Case) -> f64,
) -> ModelScores {
    let events: Vec<(f64, bool)> = cases.iter().map(|c| (p(c), c.happened())).collect();
    ModelScores {
        key,
        about,
        shares: None,
        event: score_events(&events),
    }
}

/// Runs the backtest `name`.
pub fn run(catalog: &Catalog, name: Name, spread: f64) -> Result<Outcome> {
    match name {
        Name::SipriRolling => sipri_rolling(catalog, spread),
        Name::Nato2019 => nato_2019(catalog, spread),
        Name::Wales2014 => wales_2014(catalog, spread),
        Name::NatoOneYear => nato_one_year(catalog, spread),
    }
}

/// The June 2024 edition fitted to 2019, scored on 2020-2024e. `spread`
/// multiplies the models' spreads (1: as estimated; the tests plant an
/// over-confident 0.3).
fn nato_2019(catalog: &Catalog, spread: f64) -> Result<Outcome> {
    const EDITION: &str = "nato-2024";
    const ORIGIN: i32 = 2019;
    let data = catalog.load_edition(Some(EDITION))?;
    let calc = Calculator::for_edition(&data, &catalog.allies)?;
    let (first, last) = (data.edition.first_year, data.edition.last_year);
    let shares = nato_shares(&calc)?;

    // The cases, and what is known at the origin.
    let mut cases = Vec::new();
    let mut changes = Vec::new();
    let (mut at_target, mut known) = (0, 0);
    for (code, by_year) in &shares {
        let Some(&s0) = by_year.get(&ORIGIN) else {
            continue;
        };
        for y in first..=ORIGIN {
            if let Some(s) = by_year.get(&y) {
                known += 1;
                at_target += usize::from(*s >= EVENT_SHARE - 1e-9);
            }
            if let (Some(a), Some(b)) = (by_year.get(&(y - 1)), by_year.get(&y)) {
                changes.push((b / a).ln());
            }
        }
        for year in ORIGIN + 1..=last {
            if let Some(&outcome) = by_year.get(&year) {
                cases.push(Case {
                    code: code.clone(),
                    horizon: (year - ORIGIN) as usize,
                    origin_share: s0,
                    outcome,
                });
            }
        }
    }

    let mut models = Vec::new();
    if let Some(record) = record_model(&calc, (first, ORIGIN, last), &cases, spread)? {
        models.push(record);
    }
    let mut notes = Vec::new();
    match sipri_members(catalog) {
        Ok(sipri) => models.extend(adjust_on_edition(
            catalog,
            &sipri,
            &shares,
            &[(ORIGIN, cases.clone())],
            spread,
        )?),
        Err(_) => notes.push(
            "The adjustment model estimates its spreads on SIPRI's history: install SIPRI's database (`defspend import sipri-xlsx`) to score it.".into(),
        ),
    }
    let (_, sd) = log_changes_spread(&changes, false);
    models.push(scored(
        "random-walk",
        format!(
            "driftless random walk in ln share, spread {sd:.4} a year (the allies' annual changes {first}-{ORIGIN}), growing with the square root of the horizon"
        ),
        random_walk(&cases, 0.0, sd),
    ));
    let (mean, sd) = log_changes_spread(&changes, true);
    models.push(scored(
        "random-walk-drift",
        format!("random walk in ln share with the allies' pooled drift {mean:+.4} a year and spread {sd:.4} ({first}-{ORIGIN})"),
        random_walk(&cases, mean, sd),
    ));
    let base = at_target as f64 / known.max(1) as f64;
    models.push(event_only(
        "base-rate",
        format!("the share of ally-years at 2% or more, {first}-{ORIGIN}: {base:.3}"),
        &cases,
        |_| base,
    ));
    models.push(event_only("coin-flip", "one half".into(), &cases, |_| 0.5));
    Ok(Outcome {
        name: Name::Nato2019,
        edition: EDITION.into(),
        origins: (ORIGIN, ORIGIN),
        years: (ORIGIN + 1, last),
        cases: cases.len(),
        models,
        notes,
        allies: Vec::new(),
    })
}

/// The outlook's record model fitted to `origin`, scored on `cases` (`None`
/// when it cannot forecast every case).
fn record_model(
    calc: &Calculator,
    (first, origin, last): (i32, i32, i32),
    cases: &[Case],
    spread: f64,
) -> Result<Option<ModelScores>> {
    // The outlook's record model, as `outlook` runs it (spending from each
    // ally's shrunk record, GDP at its mean growth to the origin).
    let inputs = record_inputs(
        calc,
        first,
        origin,
        last,
        RecordModel {
            prior_years: super::odds::DEFAULT_SHRINK,
            bounds: BOUNDS,
            min_sd: MIN_SD,
        },
    )?;
    let series: Vec<Series> = inputs
        .iter()
        .enumerate()
        .map(|(i, a)| Series {
            key: a.code.clone(),
            members: vec![i],
            every_year: true,
        })
        .collect();
    let params = Params {
        draws: DRAWS,
        seed: SEED,
        spending_spread: spread * Params::DEFAULT.spending_spread,
        gdp_sd: spread * Params::DEFAULT.gdp_sd,
        ..Params::DEFAULT
    };
    let sample = Simulation {
        allies: &inputs,
        series: &series,
        target: EVENT_SHARE,
        params,
        process: Process::Growth,
    }
    .sample(DRAWS);
    let forecasts: Vec<(Predictive, f64)> = cases
        .iter()
        .filter_map(|c| {
            let k = series.iter().position(|s| s.key == c.code)?;
            let draws = sample.iter().map(|d| d[k][c.horizon - 1]).collect();
            Some((Predictive::sample(draws), c.outcome))
        })
        .collect();
    Ok((forecasts.len() == cases.len()).then(|| {
        scored(
            "record",
            format!(
                "the outlook's record model: real spending growth from each ally's record shrunk toward the allies' ({} prior years, bounded {}% to {}%), GDP at its mean growth to {origin}, {DRAWS} draws, seed {SEED}{}",
                super::odds::DEFAULT_SHRINK,
                BOUNDS.0,
                BOUNDS.1,
                if spread == 1.0 {
                    String::new()
                } else {
                    format!(", every spread x {spread}")
                }
            ),
            forecasts,
        )
    }))
}

/// Information to 2014, the event at 2% in 2024e.
fn wales_2014(catalog: &Catalog, spread: f64) -> Result<Outcome> {
    const EDITION: &str = "nato-2024";
    const ORIGIN: i32 = 2014;
    const YEAR: i32 = 2024;
    let data = catalog.load_edition(Some(EDITION))?;
    let calc = Calculator::for_edition(&data, &catalog.allies)?;
    let shares = nato_shares(&calc)?;
    let cases: Vec<Case> = shares
        .iter()
        .filter_map(|(code, by_year)| {
            Some(Case {
                code: code.clone(),
                horizon: (YEAR - ORIGIN) as usize,
                origin_share: *by_year.get(&ORIGIN)?,
                outcome: *by_year.get(&YEAR)?,
            })
        })
        .collect();
    let front = frontline(catalog)?;
    let is_frontline = |c: &Case| front.contains(&c.code);

    let mut models = Vec::new();
    let mut notes = Vec::new();
    let mut allies = Vec::new();
    // A random walk needs the spread of annual changes before 2014: SIPRI's
    // shares of NATO members while members.
    match sipri_changes(catalog, ORIGIN) {
        Ok((changes, from)) => {
            let sipri = sipri_members(catalog)?;
            let [model, momentum, kept] = adjust_edition_forecasts(
                catalog,
                &sipri,
                &shares,
                &[(ORIGIN, cases.clone())],
                spread,
            )?;
            allies = cases
                .iter()
                .zip(model.1.iter().zip(&kept.1))
                .map(|(c, ((m, _), (k, _)))| AllyOdds {
                    code: c.code.clone(),
                    name: catalog.name_of(&c.code),
                    origin_share: c.origin_share,
                    outcome: c.outcome,
                    model: m.at_least(EVENT_SHARE - 1e-9),
                    pledge_kept: k.at_least(EVENT_SHARE - 1e-9),
                })
                .collect();
            for (key, forecasts, about) in [model, momentum, kept] {
                models.push(scored(key, about, forecasts));
            }
            let (_, sd) = log_changes_spread(&changes, false);
            models.push(scored(
                "random-walk",
                format!(
                    "driftless random walk in ln share from the 2014 share, spread {sd:.4} a year (SIPRI's shares of NATO members while members, {from}-{ORIGIN}, {} annual changes)",
                    changes.len()
                ),
                random_walk(&cases, 0.0, sd),
            ));
        }
        Err(_) => notes.push(
            "The random walk needs SIPRI's history before 2014: install SIPRI's database (`defspend import sipri-xlsx`) to score it.".into(),
        ),
    }
    let base = cases
        .iter()
        .filter(|c| c.origin_share >= EVENT_SHARE - 1e-9)
        .count() as f64
        / cases.len().max(1) as f64;
    models.push(event_only(
        "base-rate",
        format!("the share of allies at 2% or more in {ORIGIN}: {base:.3}"),
        &cases,
        |_| base,
    ));
    models.push(event_only("coin-flip", "one half".into(), &cases, |_| 0.5));
    // Leave one ally out: the rate among the other allies on the same side of
    // the frontline, add-one smoothed. A diagnostic of the covariate (it uses
    // the other allies' 2024 outcomes), not a forecast made in 2014.
    let frontline_p = |c: &Case| {
        let peers: Vec<&Case> = cases
            .iter()
            .filter(|o| o.code != c.code && is_frontline(o) == is_frontline(c))
            .collect();
        (peers.iter().filter(|o| o.happened()).count() as f64 + 1.0) / (peers.len() as f64 + 2.0)
    };
    models.push(event_only(
        "frontline-loo",
        "diagnostic: leave one ally out, the rate at 2% in 2024e among the other allies on the same side of the frontline (Bucharest Nine, Nordic-Baltic Eight), add-one smoothed".into(),
        &cases,
        frontline_p,
    ));
    notes.push(format!(
        "{} of {} allies were at 2% of GDP or more in {YEAR}e.",
        cases.iter().filter(|c| c.happened()).count(),
        cases.len()
    ));
    Ok(Outcome {
        name: Name::Wales2014,
        edition: EDITION.into(),
        origins: (ORIGIN, ORIGIN),
        years: (YEAR, YEAR),
        cases: cases.len(),
        models,
        notes,
        allies,
    })
}

/// Annual changes of ln share of NATO members while members, from SIPRI's
/// installed release, from 1960 to `to`; and the first year used.
fn sipri_changes(catalog: &Catalog, to: i32) -> Result<(Vec<f64>, i32)> {
    const FROM: i32 = 1960;
    let db = catalog.load_sipri(None, &[sipri::Measure::ShareOfGdp])?;
    let table = &db.tables[0];
    let mut changes = Vec::new();
    for ally in &catalog.allies {
        let Some((_, cells)) = table.row(&ally.iso3) else {
            continue;
        };
        let start = ally.accession_year().max(FROM);
        for (j, pair) in table.years.windows(2).enumerate() {
            if pair[0] < start || pair[1] > to {
                continue;
            }
            if let (Some(a), Some(b)) = (cells[j].value, cells[j + 1].value) {
                if a > 0.0 && b > 0.0 {
                    changes.push((b / a).ln());
                }
            }
        }
    }
    Ok((changes, FROM))
}

/// Rolling origins on SIPRI's history: at each origin 1975-2014 every model
/// is fitted on the years to it and forecasts each member's share ten years on.
/// The rolling backtest's origins, horizon (years) and event (a rise of a point or more).
const ORIGINS: std::ops::RangeInclusive<i32> = 1975..=2014;
const HORIZON: i32 = 10;
/// Years of an ally's own record for the trend baseline.
const TREND_YEARS: i32 = 10;
const RISE: f64 = 1.0;

/// What is known at an origin: every member's annual changes of ln share to
/// it, the ten-year windows that ended by it, and each member's own trend.
#[derive(Default)]
struct Known<'m> {
    changes: Vec<f64>,
    rises: usize,
    windows: usize,
    own_trend: BTreeMap<&'m str, f64>,
    residuals: Vec<f64>,
}

fn known_at(members: &BTreeMap<String, BTreeMap<i32, f64>>, origin: i32) -> Known<'_> {
    let change = |by_year: &BTreeMap<i32, f64>, y: i32| -> Option<f64> {
        Some((by_year.get(&y)? / by_year.get(&(y - 1))?).ln())
    };
    let mut k = Known::default();
    for (code, by_year) in members {
        let mine: Vec<(i32, f64)> = by_year
            .keys()
            .filter(|y| **y <= origin)
            .filter_map(|y| Some((*y, change(by_year, *y)?)))
            .collect();
        k.changes.extend(mine.iter().map(|c| c.1));
        for (y, s) in by_year.range(..=origin - HORIZON) {
            if let Some(later) = by_year.get(&(y + HORIZON)) {
                k.windows += 1;
                k.rises += usize::from(later - s >= RISE - 1e-9);
            }
        }
        let recent: Vec<f64> = mine
            .iter()
            .filter(|(y, _)| *y > origin - TREND_YEARS)
            .map(|c| c.1)
            .collect();
        if recent.len() >= 5 {
            let m = recent.iter().sum::<f64>() / recent.len() as f64;
            k.own_trend.insert(code.as_str(), m);
            k.residuals.extend(mine.iter().map(|c| c.1 - m));
        }
    }
    k
}

fn sipri_rolling(catalog: &Catalog, spread: f64) -> Result<Outcome> {
    let (members, release) = sipri_members(catalog)?;
    let (mut rw, mut drift, mut trend) = (Vec::new(), Vec::new(), Vec::new());
    let mut adjusted: Vec<Scored> = Vec::new();
    let mut persisting: Vec<Scored> = Vec::new();
    // Each case's origin, in the order of the forecasts.
    let mut origin_of: Vec<i32> = Vec::new();
    let mut last_params = None;
    let mut base: Vec<(f64, bool)> = Vec::new();
    let mut coin: Vec<(f64, bool)> = Vec::new();
    let model = calibrate::load(catalog)?;
    let setup = Setup::new(catalog, model.momentum, spread, DRAWS)?;
    let persists = setup.persisting();
    let episode = riga(&setup);
    for origin in ORIGINS {
        let mut at_origin: Vec<Case> = Vec::new();
        let Known {
            changes,
            rises,
            windows,
            own_trend,
            residuals,
        } = known_at(&members, origin);
        let (_, sd_rw) = log_changes_spread(&changes, false);
        let (mean, sd_drift) = log_changes_spread(&changes, true);
        let (_, sd_trend) = log_changes_spread(&residuals, false);
        let base_rate = rises as f64 / windows.max(1) as f64;
        for (code, by_year) in &members {
            let (Some(&s0), Some(&y)) = (by_year.get(&origin), by_year.get(&(origin + HORIZON)))
            else {
                continue;
            };
            let c = Case {
                code: code.clone(),
                horizon: HORIZON as usize,
                origin_share: s0,
                outcome: y,
            };
            let threshold = s0 + RISE;
            let walk = |m: f64, sd: f64| random_walk(std::slice::from_ref(&c), m, sd).remove(0);
            let (p, o) = walk(0.0, sd_rw);
            rw.push((p, o, threshold));
            let (p, o) = walk(mean, sd_drift);
            drift.push((p, o, threshold));
            if let Some(t) = own_trend.get(code.as_str()) {
                let (p, o) = walk(*t, sd_trend);
                trend.push((p, o, threshold));
            }
            let happened = y >= threshold - 1e-9;
            origin_of.push(origin);
            base.push((base_rate, happened));
            coin.push((0.5, happened));
            at_origin.push(c);
        }
        // The adjustment model, estimated to the origin; the pledges in
        // force then: Riga's 2% (origins 2006-2013), Wales' 2% by 2024 (2014).
        let est = adjust::estimate(&members, origin, (&[(episode.clone(), &members)], origin));
        for (s, out) in [(&setup, &mut adjusted), (&persists, &mut persisting)] {
            let forecasts = s.forecasts(
                &est,
                (&members, None),
                &at_origin,
                origin,
                SEED ^ origin as u64,
            );
            for ((p, o), c) in forecasts.into_iter().zip(&at_origin) {
                out.push((p, o, c.origin_share + RISE));
            }
        }
        last_params = Some(est);
    }
    let cases = rw.len();
    let mut notes = vec![format!(
        "SIPRI release {release}: NATO members from their accession year, as SIPRI names them (datasets/sipri-countries.csv says what each name covers)."
    )];
    if trend.len() < cases {
        notes.push(format!(
            "The trend baseline needs five of the ten years before an origin: {} of {cases} cases.",
            trend.len()
        ));
    }
    notes.push(unseen_note([&adjusted, &drift, &rw], &origin_of));
    let models = rolling_models(
        [rw, drift, adjusted, persisting, trend],
        [base, coin],
        last_params
            .as_ref()
            .map_or(String::new(), |e| setup.describe(e, *ORIGINS.end())),
    );
    Ok(Outcome {
        name: Name::SipriRolling,
        edition: release,
        origins: (*ORIGINS.start(), *ORIGINS.end()),
        years: (ORIGINS.start() + HORIZON, ORIGINS.end() + HORIZON),
        cases,
        models,
        notes,
        allies: Vec::new(),
    })
}

/// The last rolling origin the drift's choice scores.
const CHOSEN_TO: i32 = 2009;

/// What the "momentum persists" variant is, in the backtests' notes.
const MOMENTUM_ABOUT: &str = "the adjustment model with momentum persisting (the outlook's \"momentum persists\"): the drift (as the model takes it, the ally's or its group's) is the mean change of ln share over the last 5 years, carried forward decaying 0.9 a year; every other part as the model's";

/// What the "pledge kept" variant is.
const KEPT_ABOUT: &str = "the pledge taken at its word (the outlook's \"plans kept\" with the model's noise): each ally on the path of the pledge in force at the origin (speed 1, no drift), with the model's regime, own and transitory noise";

/// The rolling backtest's scores on the origins the drift's choice did not
/// see: the model's, the random walk with drift's and the driftless one's
/// CRPS (`forecasts` in that order; `origin_of`: each case's origin).
fn unseen_note(forecasts: [&[Scored]; 3], origin_of: &[i32]) -> String {
    let unseen = |forecasts: &[Scored]| -> (f64, usize) {
        let held: Vec<f64> = forecasts
            .iter()
            .zip(origin_of)
            .filter(|(_, o)| **o > CHOSEN_TO)
            .map(|((p, y, _), _)| p.crps(*y))
            .collect();
        (
            held.iter().sum::<f64>() / held.len().max(1) as f64,
            held.len(),
        )
    };
    let [adjusted, drift, rw] = forecasts;
    let ((a, n), (d, _), (w, _)) = (unseen(adjusted), unseen(drift), unseen(rw));
    format!(
        "The drift's window and decay and the regime's centring were chosen once, on the origins {}-{CHOSEN_TO} (datasets/models/outlook.toml, [choice]): on those origins the adjust row is in-sample for those three choices. On the origins {}-{} alone ({n} cases), which the choice did not see: CRPS {a:.3} for adjust, {d:.3} for the random walk with drift, {w:.3} for the driftless random walk.",
        ORIGINS.start(),
        CHOSEN_TO + 1,
        ORIGINS.end()
    )
}

/// The rolling backtest's models and baselines: `forecasts` of the random
/// walk, the random walk with drift, the adjustment model and the trend;
/// `events` of the base rate and the coin flip; `adjust` describes the
/// adjustment model at the last origin.
fn rolling_models(
    forecasts: [Vec<Scored>; 5],
    events: [Vec<(f64, bool)>; 2],
    adjust: String,
) -> Vec<ModelScores> {
    let [rw, drift, adjusted, persisting, trend] = forecasts;
    let [base, coin] = events;
    vec![
        scored_at(
            "random-walk",
            "driftless random walk in ln share, the spread of all members' annual changes to the origin".into(),
            rw,
        ),
        scored_at(
            "random-walk-drift",
            "random walk in ln share with the members' pooled drift and spread to the origin".into(),
            drift,
        ),
        scored_at(
            "adjust",
            format!(
                "re-estimated at each origin; at the last ({}): {}",
                ORIGINS.end(),
                adjust
            ),
            adjusted,
        ),
        scored_at("adjust-momentum", MOMENTUM_ABOUT.into(), persisting),
        scored_at(
            "trend",
            format!("each ally's own mean change of ln share over the {TREND_YEARS} years to the origin, extrapolated (what a record model does), with the spread around those trends"),
            trend,
        ),
        ModelScores {
            key: "base-rate",
            about: format!("the share of members' ten-year windows ended by the origin with a rise of {RISE} point or more"),
            shares: None,
            event: score_events(&base),
        },
        ModelScores {
            key: "coin-flip",
            about: "one half".into(),
            shares: None,
            event: score_events(&coin),
        },
    ]
}

/// What the adjustment model needs beside its estimate at an origin: the
/// pledges, each ally's frontline flag, the momentum settings, the spreads'
/// factor and the draws.
#[derive(Clone)]
struct Setup {
    pledges: Pledges,
    frontline: BTreeMap<String, bool>,
    /// Each ally's group for a pooled drift.
    groups: BTreeMap<String, String>,
    momentum: Momentum,
    spread: f64,
    draws: usize,
    /// Every ally exactly on its pledge's path (speed 1, no drift).
    kept: bool,
}

impl Setup {
    /// The same with every ally kept on its pledge: speed 1, no drift.
    fn keeping(&self) -> Setup {
        Setup {
            kept: true,
            ..self.clone()
        }
    }

    /// The same with momentum persisting: each ally's last five years'
    /// mean change carried forward, decaying 0.9 a year.
    fn persisting(&self) -> Setup {
        Setup {
            momentum: Momentum {
                drift_years: adjust::PERSIST_YEARS,
                drift_decay: adjust::PERSIST_DECAY,
                ..self.momentum
            },
            ..self.clone()
        }
    }

    fn new(catalog: &Catalog, momentum: Momentum, spread: f64, draws: usize) -> Result<Self> {
        Ok(Setup {
            pledges: pledges::load(catalog)?,
            frontline: calibrate::frontline_flags(catalog, &frontline(catalog)?),
            groups: calibrate::drift_groups(catalog),
            momentum,
            spread,
            draws,
            kept: false,
        })
    }

    /// The process at an origin: the estimate's spreads and regime, every
    /// spread (the regime's too) times the factor.
    fn dynamics(&self, est: &Estimate) -> Dynamics {
        let mut d = Dynamics::new(&est.params, &est.regime, &self.momentum);
        d.sigma_u *= self.spread;
        for m in &mut d.pool {
            *m *= self.spread;
        }
        d
    }

    /// Forecasts of `cases` from `origin`: each ally from its share at the
    /// origin, pulled toward the pledges in force then (from its shares in
    /// `history`), with its own drift from `history` (else from `fallback`,
    /// where `history` has fewer than two changes in the window).
    fn forecasts(
        &self,
        est: &Estimate,
        (history, fallback): (&SharesByAlly, Option<&SharesByAlly>),
        cases: &[Case],
        origin: i32,
        seed: u64,
    ) -> Vec<(Predictive, f64)> {
        let mut codes: Vec<&str> = cases.iter().map(|c| c.code.as_str()).collect();
        codes.sort();
        codes.dedup();
        let horizon = cases.iter().map(|c| c.horizon).max().unwrap_or(0);
        let drifts = adjust::drifts(
            history,
            fallback,
            origin,
            self.momentum.drift_years,
            self.momentum.pooled.then_some(&self.groups),
        );
        let allies: Vec<Forecastee> = codes
            .iter()
            .map(|code| {
                let case = cases
                    .iter()
                    .find(|c| c.code == *code)
                    .expect("a case of the ally");
                let own = history.get(*code);
                let tau: Option<Vec<f64>> = own.and_then(|shares| {
                    (1..=horizon)
                        .map(|h| {
                            calc_pledges::commitment_at(
                                &self.pledges,
                                code,
                                shares,
                                origin,
                                origin + h as i32,
                            )
                        })
                        .collect()
                });
                let drift = if self.kept {
                    0.0
                } else {
                    drifts.get(*code).copied().unwrap_or(0.0)
                };
                Forecastee {
                    share0: case.origin_share,
                    tau,
                    speed: if self.kept {
                        1.0
                    } else {
                        est.params
                            .speed(self.frontline.get(*code).copied().unwrap_or(false))
                    },
                    drift,
                    // (The backtests score "momentum persists" as a model of its own.)
                    momentum: 0.0,
                    sigma: self.spread * est.own.get(*code).copied().unwrap_or(est.params.sigma_e),
                }
            })
            .collect();
        let draws = adjust::simulate(&self.dynamics(est), &allies, horizon, self.draws, seed);
        cases
            .iter()
            .map(|c| {
                let i = codes.iter().position(|k| *k == c.code).expect("listed");
                (
                    Predictive::sample(draws[i][c.horizon - 1].clone()),
                    c.outcome,
                )
            })
            .collect()
    }

    /// The model and its parameters at `origin` in words, for the notes.
    fn describe(&self, est: &Estimate, origin: i32) -> String {
        let p = &est.params;
        let m = &self.momentum;
        format!(
            "partial adjustment toward the pledges in force ({}) in ln share (METHOD): own noise {:.3}, transitory noise {:.3} from {} annual changes; the regime drawn in blocks of {} years from {} year means{}; {} mean change over the last {} years as a drift decaying {} a year; adjustment speed logit {:.2} {:+.2} frontline from {} pledge-years; {} draws, seed {SEED}{}",
            calc_pledges::describe(&self.pledges, origin),
            p.sigma_e,
            p.sigma_u,
            p.changes,
            m.block,
            est.regime.means.len(),
            if m.centred { " less their mean" } else { "" },
            if m.pooled {
                "each group's (the europe-canada group, or the ally alone)"
            } else {
                "each ally's"
            },
            m.drift_years,
            m.drift_decay,
            p.a,
            p.b,
            p.pledge_years,
            self.draws,
            if self.spread == 1.0 {
                String::new()
            } else {
                format!(", every spread x {}", self.spread)
            }
        )
    }
}

/// The pledge NATO's leaders made at Riga in 2006 (2% of GDP), the episode
/// 2006-2014 from which the rolling backtest's adjustment speed is
/// estimated: the only one ended by its origins.
fn riga(setup: &Setup) -> Episode {
    Episode {
        start: 2006,
        end: 2014,
        target: EVENT_SHARE,
        floor: false,
        frontline: setup.frontline.clone(),
    }
}

/// The adjustment model on an edition's `shares`, from each origin of
/// `cases` (origin, its cases), estimated as `defspend calibrate` does from
/// the data up to the origin only: SIPRI's `members` (release `release`)
/// and the pledges known then.
fn adjust_on_edition(
    catalog: &Catalog,
    sipri: &(SharesByAlly, String),
    shares: &SharesByAlly,
    cases: &[(i32, Vec<Case>)],
    spread: f64,
) -> Result<Vec<ModelScores>> {
    Ok(
        adjust_edition_forecasts(catalog, sipri, shares, cases, spread)?
            .into_iter()
            .map(|(key, forecasts, about)| scored(key, about, forecasts))
            .collect(),
    )
}

/// An edition model's forecasts: its key, the forecasts, what it is.
type Forecasts = (&'static str, Vec<(Predictive, f64)>, String);

/// [`adjust_on_edition`]'s forecasts and descriptions: the model's, with
/// momentum persisting, and with each pledge kept.
fn adjust_edition_forecasts(
    catalog: &Catalog,
    (members, release): &(SharesByAlly, String),
    shares: &SharesByAlly,
    cases: &[(i32, Vec<Case>)],
    spread: f64,
) -> Result<[Forecasts; 3]> {
    let momentum = calibrate::load(catalog)?.momentum;
    let setup = Setup::new(catalog, momentum, spread, DRAWS)?;
    let variants = [setup.clone(), setup.persisting(), setup.keeping()];
    let mut out: [Vec<(Predictive, f64)>; 3] = Default::default();
    let mut about = String::new();
    let editions = calibrate::edition_panels(catalog)?;
    for (origin, at_origin) in cases {
        let file = calibrate::estimate_from(
            catalog,
            (members, release),
            &editions,
            Some(*origin),
            momentum,
        )?;
        let est = Estimate {
            params: file.params,
            own: file.own_noise,
            regime: file.regime,
            intervals: file.intervals,
        };
        for (s, out) in variants.iter().zip(&mut out) {
            out.extend(s.forecasts(
                &est,
                (shares, Some(members)),
                at_origin,
                *origin,
                SEED ^ *origin as u64,
            ));
        }
        about = setup.describe(&est, *origin);
    }
    let about = if cases.len() > 1 {
        format!("re-estimated at each origin; at the last: {about}")
    } else {
        about
    };
    let [model, persisting, kept] = out;
    Ok([
        ("adjust", model, about),
        ("adjust-momentum", persisting, MOMENTUM_ABOUT.into()),
        ("pledge-kept", kept, KEPT_ABOUT.into()),
    ])
}

/// One year ahead from every origin of the June 2024 edition (2014-2023)
/// and of the July 2026 edition (2024, 2025e): every ally with a share at
/// the origin and the year after.
fn nato_one_year(catalog: &Catalog, spread: f64) -> Result<Outcome> {
    const RUNS: [(&str, i32, i32); 2] = [("nato-2024", 2014, 2023), ("nato-2026", 2024, 2025)];
    let sipri = sipri_members(catalog).ok();
    let mut notes = Vec::new();
    let (mut rw, mut drift) = (Vec::new(), Vec::new());
    let mut adjusted: [Forecasts; 3] = Default::default();
    let (mut base, mut coin, mut cases_n) = (Vec::new(), Vec::new(), 0);
    for (edition, first, last) in RUNS {
        let data = catalog.load_edition(Some(edition))?;
        let calc = Calculator::for_edition(&data, &catalog.allies)?;
        let shares = nato_shares(&calc)?;
        let mut by_origin = Vec::new();
        for origin in first..=last {
            let cases: Vec<Case> = shares
                .iter()
                .filter_map(|(code, by_year)| {
                    Some(Case {
                        code: code.clone(),
                        horizon: 1,
                        origin_share: *by_year.get(&origin)?,
                        outcome: *by_year.get(&(origin + 1))?,
                    })
                })
                .collect();
            // The base rate: the edition's ally-years at 2% or more to the origin.
            let known: Vec<f64> = shares
                .values()
                .flat_map(|by_year| by_year.range(..=origin).map(|(_, s)| *s))
                .collect();
            let rate = known.iter().filter(|s| **s >= EVENT_SHARE - 1e-9).count() as f64
                / known.len().max(1) as f64;
            for c in &cases {
                base.push((rate, c.happened()));
                coin.push((0.5, c.happened()));
            }
            if sipri.is_some() {
                // The walks' spread and drift: SIPRI's members' annual changes to the origin.
                let (changes, _) = sipri_changes(catalog, origin)?;
                let (_, sd) = log_changes_spread(&changes, false);
                rw.extend(random_walk(&cases, 0.0, sd));
                let (mean, sd) = log_changes_spread(&changes, true);
                drift.extend(random_walk(&cases, mean, sd));
            }
            cases_n += cases.len();
            by_origin.push((origin, cases));
        }
        if let Some(sipri) = &sipri {
            let got = adjust_edition_forecasts(catalog, sipri, &shares, &by_origin, spread)?;
            for (all, (key, f, a)) in adjusted.iter_mut().zip(got) {
                all.0 = key;
                all.1.extend(f);
                all.2 = a;
            }
        }
    }
    let mut models = Vec::new();
    if sipri.is_some() {
        for (key, forecasts, about) in adjusted {
            let about = if key == "adjust" {
                format!("re-estimated at each origin of both editions; {about}")
            } else {
                about
            };
            models.push(scored(key, about, forecasts));
        }
        models.push(scored(
            "random-walk",
            "driftless random walk in ln share, the spread of SIPRI's members' annual changes 1960 to the origin".into(),
            rw,
        ));
        models.push(scored(
            "random-walk-drift",
            "random walk in ln share with SIPRI's members' pooled drift and spread, 1960 to the origin".into(),
            drift,
        ));
    } else {
        notes.push("The adjustment model and the random walks take their spreads from SIPRI's history: install SIPRI's database (`defspend import sipri-xlsx`) to score them.".into());
    }
    models.push(ModelScores {
        key: "base-rate",
        about: "the share of the edition's ally-years at 2% or more up to the origin".into(),
        shares: None,
        event: score_events(&base),
    });
    models.push(ModelScores {
        key: "coin-flip",
        about: "one half".into(),
        shares: None,
        event: score_events(&coin),
    });
    Ok(Outcome {
        name: Name::NatoOneYear,
        edition: "nato-2024, nato-2026".into(),
        origins: (RUNS[0].1, RUNS[1].2),
        years: (RUNS[0].1 + 1, RUNS[1].2 + 1),
        cases: cases_n,
        models,
        notes,
        allies: Vec::new(),
    })
}

/// Re-estimates the outlook model's parameters (`defspend calibrate`) from
/// SIPRI's installed release and the editions, the drift chosen on the
/// rolling origins up to 2009 ([`choose_momentum`]).
pub fn estimate_model(catalog: &Catalog) -> Result<calibrate::ModelFile> {
    let (members, release) = sipri_members(catalog)?;
    let (momentum, choice) = choose_momentum(catalog, &members)?;
    let editions = calibrate::edition_panels(catalog)?;
    let mut file =
        calibrate::estimate_from(catalog, (&members, &release), &editions, None, momentum)?;
    file.choice = choice;
    file.flags = file.flags();
    Ok(file)
}

/// The drift's window and decay and the regime's centring, chosen by the
/// adjustment model's mean CRPS on SIPRI's rolling origins up to 2009 (each
/// variant fitted at each origin on the data to it, 1,000 draws); and the
/// driftless random walk's on the same cases.
fn choose_momentum(catalog: &Catalog, members: &SharesByAlly) -> Result<(Momentum, Choice)> {
    const LAST_ORIGIN: i32 = CHOSEN_TO;
    const SELECT_DRAWS: usize = 1_000;
    let mut variants = Vec::new();
    for pooled in [false, true] {
        for centred in [false, true] {
            for decay in DRIFT_DECAYS {
                for years in DRIFT_YEARS {
                    if decay == 0.0 && (years != DRIFT_YEARS[0] || pooled) {
                        continue;
                    }
                    variants.push(Momentum {
                        block: BLOCK,
                        drift_years: years,
                        drift_decay: decay,
                        centred,
                        pooled,
                    });
                }
            }
        }
    }
    let base = Setup::new(catalog, variants[0], 1.0, SELECT_DRAWS)?;
    let episode = riga(&base);
    let mut sums = vec![0.0; variants.len()];
    let (mut rw, mut n) = (0.0, 0usize);
    for origin in *ORIGINS.start()..=LAST_ORIGIN {
        let cases: Vec<Case> = members
            .iter()
            .filter_map(|(code, by_year)| {
                Some(Case {
                    code: code.clone(),
                    horizon: HORIZON as usize,
                    origin_share: *by_year.get(&origin)?,
                    outcome: *by_year.get(&(origin + HORIZON))?,
                })
            })
            .collect();
        let est = adjust::estimate(members, origin, (&[(episode.clone(), members)], origin));
        for (v, sum) in variants.iter().zip(&mut sums) {
            let setup = Setup {
                momentum: *v,
                ..base.clone()
            };
            *sum += setup
                .forecasts(&est, (members, None), &cases, origin, SEED ^ origin as u64)
                .iter()
                .map(|(p, y)| p.crps(*y))
                .sum::<f64>();
        }
        let (_, sd) = log_changes_spread(&known_at(members, origin).changes, false);
        rw += random_walk(&cases, 0.0, sd)
            .iter()
            .map(|(p, y)| p.crps(*y))
            .sum::<f64>();
        n += cases.len();
    }
    let best_of = |keep: &dyn Fn(&Momentum) -> bool| {
        sums.iter()
            .enumerate()
            .filter(|(i, _)| keep(&variants[*i]))
            .fold(
                (0, f64::INFINITY),
                |b, (i, s)| if *s < b.1 { (i, *s) } else { b },
            )
    };
    let (best, crps) = best_of(&|_| true);
    // With no drift chosen, the window is the best drifting variant's: what
    // "momentum persists" carries forward.
    let (with_drift, _) = best_of(&|v| v.drift_decay > 0.0);
    let n = n.max(1) as f64;
    Ok((
        Momentum {
            drift_years: variants[with_drift].drift_years,
            ..variants[best]
        },
        Choice {
            on: format!(
                "SIPRI's rolling origins {}-{LAST_ORIGIN}, ten years ahead (outcomes to {}): the lowest mean CRPS of {} variants (drift windows {DRIFT_YEARS:?} years, decays {DRIFT_DECAYS:?}, each ally's own drift or its group's, regime centred or not), each fitted at each origin on the data to it",
                ORIGINS.start(),
                LAST_ORIGIN + HORIZON,
                variants.len()
            ),
            crps: crps / n,
            random_walk_crps: rw / n,
            profile: variants
                .iter()
                .zip(&sums)
                .map(|(v, sum)| {
                    format!(
                        "{} drift over {} years, decay {}{}: {:.4}",
                        if v.pooled { "group" } else { "own" },
                        v.drift_years,
                        v.drift_decay,
                        if v.centred { ", regime centred" } else { "" },
                        sum / n
                    )
                })
                .collect(),
        },
    ))
}
