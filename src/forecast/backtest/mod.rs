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

mod editions;
mod estimate;
mod rolling;

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

use editions::{nato_2019, nato_one_year, wales_2014};
pub use estimate::estimate_model;
use rolling::sipri_rolling;

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

    pub const fn key(self) -> &'static str {
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
