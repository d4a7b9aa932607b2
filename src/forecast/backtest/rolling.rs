//! The rolling backtest on SIPRI's history (`sipri-rolling`): at each origin
//! 1975-2014 every model and baseline is fitted on the changes known then.
use super::*;

/// Annual changes of ln share of NATO members while members, from SIPRI's
/// installed release, from 1960 to `to`; and the first year used.
pub(super) fn sipri_changes(catalog: &Catalog, to: i32) -> Result<(Vec<f64>, i32)> {
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
pub(super) const ORIGINS: std::ops::RangeInclusive<i32> = 1975..=2014;
pub(super) const HORIZON: i32 = 10;
/// Years of an ally's own record for the trend baseline.
pub(super) const TREND_YEARS: i32 = 10;
pub(super) const RISE: f64 = 1.0;

/// What is known at an origin: every member's annual changes of ln share to
/// it, the ten-year windows that ended by it, and each member's own trend.
#[derive(Default)]
pub(super) struct Known<'m> {
    pub(super) changes: Vec<f64>,
    pub(super) rises: usize,
    pub(super) windows: usize,
    pub(super) own_trend: BTreeMap<&'m str, f64>,
    pub(super) residuals: Vec<f64>,
}

pub(super) fn known_at(members: &BTreeMap<String, BTreeMap<i32, f64>>, origin: i32) -> Known<'_> {
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

pub(super) fn sipri_rolling(catalog: &Catalog, spread: f64) -> Result<Outcome> {
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
pub(super) const CHOSEN_TO: i32 = 2009;

/// What the "momentum persists" variant is, in the backtests' notes.
pub(super) const MOMENTUM_ABOUT: &str = "the adjustment model with momentum persisting (the outlook's \"momentum persists\"): the drift (as the model takes it, the ally's or its group's) is the mean change of ln share over the last 5 years, carried forward decaying 0.9 a year; every other part as the model's";

/// What the "pledge kept" variant is.
pub(super) const KEPT_ABOUT: &str = "the pledge taken at its word (the outlook's \"plans kept\" with the model's noise): each ally on the path of the pledge in force at the origin (speed 1, no drift), with the model's regime, own and transitory noise";

/// The rolling backtest's scores on the origins the drift's choice did not
/// see: the model's, the random walk with drift's and the driftless one's
/// CRPS (`forecasts` in that order; `origin_of`: each case's origin).
pub(super) fn unseen_note(forecasts: [&[Scored]; 3], origin_of: &[i32]) -> String {
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
pub(super) fn rolling_models(
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
pub(super) struct Setup {
    pub(super) pledges: Pledges,
    pub(super) frontline: BTreeMap<String, bool>,
    /// Each ally's group for a pooled drift.
    pub(super) groups: BTreeMap<String, String>,
    pub(super) momentum: Momentum,
    pub(super) spread: f64,
    pub(super) draws: usize,
    /// Every ally exactly on its pledge's path (speed 1, no drift).
    pub(super) kept: bool,
}

impl Setup {
    /// The same with every ally kept on its pledge: speed 1, no drift.
    pub(super) fn keeping(&self) -> Setup {
        Setup {
            kept: true,
            ..self.clone()
        }
    }

    /// The same with momentum persisting: each ally's last five years'
    /// mean change carried forward, decaying 0.9 a year.
    pub(super) fn persisting(&self) -> Setup {
        Setup {
            momentum: Momentum {
                drift_years: adjust::PERSIST_YEARS,
                drift_decay: adjust::PERSIST_DECAY,
                ..self.momentum
            },
            ..self.clone()
        }
    }

    pub(super) fn new(
        catalog: &Catalog,
        momentum: Momentum,
        spread: f64,
        draws: usize,
    ) -> Result<Self> {
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
    pub(super) fn dynamics(&self, est: &Estimate) -> Dynamics {
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
    pub(super) fn forecasts(
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
    pub(super) fn describe(&self, est: &Estimate, origin: i32) -> String {
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
pub(super) fn riga(setup: &Setup) -> Episode {
    Episode {
        start: 2006,
        end: 2014,
        target: EVENT_SHARE,
        floor: false,
        frontline: setup.frontline.clone(),
    }
}
