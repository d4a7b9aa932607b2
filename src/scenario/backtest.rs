//! Backtests of the odds (METHOD, "Forecasting: odds that earn trust"): each
//! model and baseline is fitted on data up to an origin only, forecasts
//! NATO's published shares after it, and is scored against what happened.
//!
//! - `sipri-rolling`: SIPRI's shares of NATO members while members, origins
//!   1975-2014, each forecast ten years ahead; event: up 1 point or more.
//! - `nato-2019`: the June 2024 edition fitted to 2019, every ally's share in
//!   2020-2024e forecast (155 ally-years); event: at 2% of GDP that year.
//! - `wales-2014`: information to 2014; event: at 2% of GDP in 2024e.
//!
//! Baselines: a driftless random walk in ln share with the empirical spread of
//! annual changes to the origin; a random walk with the allies' pooled drift;
//! the base rate; a coin flip.

use std::collections::BTreeMap;

use super::odds::{record_inputs, RecordModel, BOUNDS, MIN_SD};
use super::panel::{frontline, nato_shares, sipri_members, SharesByAlly};
use crate::calc::adjust::{self, AdjustParams, Episode, Forecastee};
use crate::calc::montecarlo::{Params, Process, Series, Simulation};
use crate::calc::scoring::{score_events, score_shares, DistScores, EventScores, Predictive};
use crate::calc::Calculator;
use crate::data::{sipri, Catalog};
use crate::error::Result;

/// The backtests, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    SipriRolling,
    Nato2019,
    Wales2014,
}

impl Name {
    pub const ALL: [Name; 3] = [Name::SipriRolling, Name::Nato2019, Name::Wales2014];

    pub fn key(self) -> &'static str {
        match self {
            Name::SipriRolling => "sipri-rolling",
            Name::Nato2019 => "nato-2019",
            Name::Wales2014 => "wales-2014",
        }
    }

    /// What the backtest's event is.
    pub fn event(self) -> &'static str {
        match self {
            Name::SipriRolling => "up 1 point of GDP or more in ten years",
            Name::Nato2019 | Name::Wales2014 => "at 2% of GDP or more",
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
        Ok(sipri) => models.push(adjust_under_wales(
            catalog, &sipri, &shares, &cases, ORIGIN, spread,
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
    // A random walk needs the spread of annual changes before 2014: SIPRI's
    // shares of NATO members while members.
    match sipri_changes(catalog, ORIGIN) {
        Ok((changes, from)) => {
            let sipri = sipri_members(catalog)?;
            models.push(adjust_under_wales(
                catalog, &sipri, &shares, &cases, ORIGIN, spread,
            )?);
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
    let mut last_params = None;
    let mut base: Vec<(f64, bool)> = Vec::new();
    let mut coin: Vec<(f64, bool)> = Vec::new();
    let front = frontline(catalog)?;
    let episode = riga(catalog, &front);
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
            base.push((base_rate, happened));
            coin.push((0.5, happened));
            at_origin.push(c);
        }
        // The adjustment model, estimated to the origin; commitments in force
        // then: Riga's 2% by 2014 (origins 2006-2013), Wales' 2% by 2024 (2014).
        let params = spread_by(
            adjust::estimate(&members, origin, &[(episode.clone(), &members)]),
            spread,
        );
        let pledge = match origin {
            2006..=2013 => Some((2006, 2014)),
            2014 => Some((2014, 2024)),
            _ => None,
        };
        let commitment = |code: &str, year: i32| {
            let (start, end) = pledge?;
            let s0 = members.get(code)?.get(&start)?;
            Some(adjust::commitment(*s0, start, end, EVENT_SHARE, year))
        };
        let forecasts = adjust_forecasts(
            &params,
            adjust::regime_at(&members, origin),
            &at_origin,
            &episode.covariates,
            &commitment,
            origin,
            SEED ^ origin as u64,
        );
        for ((p, o), c) in forecasts.into_iter().zip(&at_origin) {
            adjusted.push((p, o, c.origin_share + RISE));
        }
        last_params = Some(params);
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
    let models = rolling_models(
        [rw, drift, adjusted, trend],
        [base, coin],
        last_params
            .as_ref()
            .map_or(String::new(), |p| describe_adjust(p, spread)),
    );
    Ok(Outcome {
        name: Name::SipriRolling,
        edition: release,
        origins: (*ORIGINS.start(), *ORIGINS.end()),
        years: (ORIGINS.start() + HORIZON, ORIGINS.end() + HORIZON),
        cases,
        models,
        notes,
    })
}

/// The rolling backtest's models and baselines: `forecasts` of the random
/// walk, the random walk with drift, the adjustment model and the trend;
/// `events` of the base rate and the coin flip; `adjust` describes the
/// adjustment model at the last origin.
fn rolling_models(
    forecasts: [Vec<Scored>; 4],
    events: [Vec<(f64, bool)>; 2],
    adjust: String,
) -> Vec<ModelScores> {
    let [rw, drift, adjusted, trend] = forecasts;
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

/// The pledge NATO's leaders made at Riga in 2006 (2% of GDP), the episode
/// 2006-2014 from which the backtests' adjustment speed is estimated: the only
/// one ended by their origins.
fn riga(catalog: &Catalog, frontline: &[String]) -> Episode {
    Episode {
        start: 2006,
        end: 2014,
        target: EVENT_SHARE,
        covariates: super::calibrate::covariates(catalog, frontline, None),
    }
}

/// The adjustment model's forecasts of `cases` from `origin`: parameters from
/// SIPRI's history to the origin and the pledges ended by then; each ally
/// pulled toward its commitment (`commitment(code, year)`, ln share) if any.
fn adjust_forecasts(
    params: &AdjustParams,
    regime: f64,
    cases: &[Case],
    covariates: &BTreeMap<String, (bool, f64)>,
    commitment: &dyn Fn(&str, i32) -> Option<f64>,
    origin: i32,
    seed: u64,
) -> Vec<(Predictive, f64)> {
    let mut codes: Vec<&str> = cases.iter().map(|c| c.code.as_str()).collect();
    codes.sort();
    codes.dedup();
    let horizon = cases.iter().map(|c| c.horizon).max().unwrap_or(0);
    let allies: Vec<Forecastee> = codes
        .iter()
        .map(|code| {
            let case = cases
                .iter()
                .find(|c| c.code == *code)
                .expect("a case of the ally");
            let tau: Option<Vec<f64>> = (1..=horizon)
                .map(|h| commitment(code, origin + h as i32))
                .collect();
            Forecastee {
                share0: case.origin_share,
                tau,
                speed: covariates
                    .get(*code)
                    .map_or(params.speed(false, 0.0), |&(front, debt)| {
                        params.speed(front, debt)
                    }),
            }
        })
        .collect();
    let draws = adjust::simulate(params, &allies, regime, horizon, DRAWS, seed);
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

/// The model and its parameters in words, for the notes.
fn describe_adjust(p: &AdjustParams, spread: f64) -> String {
    format!(
        "partial adjustment toward the commitment in ln share (METHOD): own noise {:.3}, transitory noise {:.3}, an alliance-wide regime shock AR(1) phi {:.2} with t({:.1}) innovations of {:.3}, from {} annual changes; adjustment speed logit {:.2} {:+.2} frontline {:+.2} debt/100 from {} pledge-years; {DRAWS} draws, seed {SEED}{}",
        p.sigma_e,
        p.sigma_u,
        p.phi,
        p.nu,
        p.sigma_f,
        p.changes,
        p.a,
        p.b,
        p.c,
        p.pledge_years,
        if spread == 1.0 {
            String::new()
        } else {
            format!(", every spread x {spread}")
        }
    )
}

/// The parameters with every spread multiplied by `factor`.
fn spread_by(mut p: AdjustParams, factor: f64) -> AdjustParams {
    p.sigma_e *= factor;
    p.sigma_u *= factor;
    p.sigma_f *= factor;
    p
}

/// The adjustment model from `origin` under the Wales pledge (2014: 2% within
/// a decade, from NATO's 2014 shares), estimated as `defspend calibrate`
/// does from the data up to the origin only: SIPRI's `members` (release
/// `release`) and the pledges known then.
fn adjust_under_wales(
    catalog: &Catalog,
    (members, release): &(SharesByAlly, String),
    shares: &SharesByAlly,
    cases: &[Case],
    origin: i32,
    spread: f64,
) -> Result<ModelScores> {
    let outlook = catalog.load_outlook(None)?;
    let file = super::calibrate::estimate_from(catalog, members, release, &outlook, Some(origin))?;
    let params = spread_by(file.params, spread);
    let wales = |code: &str, year: i32| {
        let s0 = shares.get(code)?.get(&2014)?;
        Some(adjust::commitment(*s0, 2014, 2024, EVENT_SHARE, year))
    };
    // Each ally's covariates as of the Wales pledge: frontline, debt in 2014.
    let covariates =
        super::calibrate::covariates(catalog, &frontline(catalog)?, Some((&outlook, 2014)));
    let forecasts = adjust_forecasts(
        &params,
        adjust::regime_at(members, origin),
        cases,
        &covariates,
        &wales,
        origin,
        SEED,
    );
    Ok(scored(
        "adjust",
        describe_adjust(&params, spread),
        forecasts,
    ))
}
