//! Partial adjustment toward a commitment, with the regime drawn from
//! history and a damped local drift (METHOD, "A model the backtests favour"
//! and "What the 2026 audit taught"), in the log of the share, y = ln s:
//!
//! `y[i,t+h] = y[i,t+h-1] + k_i (tau[i,t+h] - y[i,t+h-1]) + d_i rho^h + f[t+h] + e[i,t+h]`,
//! observed `ln s = y + u`,
//!
//! with tau the ally's commitment (its counted plan, else the alliance's
//! pledge in force at the origin), k_i its adjustment speed (logit k = a +
//! b frontline), d_i its own mean change of ln share over the last years to
//! the origin, decaying at rho a year (no ally's momentum is another's), f
//! the alliance-wide regime, drawn as blocks of consecutive year means of the
//! allies' changes up to the origin (Korea, the 1960s-70s, the 1980s, after
//! 1990, after 2014 are all in the pool), e the ally's own noise and u a
//! transitory level noise (a one-off purchase raises one year, not every
//! year after).
//!
//! Estimation, from a panel of shares up to an origin only: the year means
//! m_t of the allies' changes of ln share are the regime's history; the
//! residuals' variance and first autocovariance give the own and transitory
//! noise (a change's residual is e_t + u_t - u_{t-1}); a and b come from
//! pledge episodes known by the origin, by least squares of each ally's
//! change beyond the year mean on k times its gap to the pledge, with their
//! profile intervals (a coefficient whose interval reaches the grid's edge is
//! not identified, and is flagged). The block length, the drift's window and
//! its decay are chosen once, on SIPRI's rolling origins up to 2009
//! (`forecast::calibrate`).

use std::collections::BTreeMap;

use rand::{RngExt, SeedableRng};
use rand_distr::StandardNormal;
use serde::{Deserialize, Serialize};

/// Shares of GDP (%) by ally and year.
pub type Panel = BTreeMap<String, BTreeMap<i32, f64>>;

/// The grid of the speed's intercept a (logit scale).
pub const A_GRID: (f64, f64, f64) = (-8.0, 4.0, 0.05);
/// The grid of the frontline coefficient b (logit scale).
pub const B_GRID: (f64, f64, f64) = (-4.0, 4.0, 0.1);
/// The upper bound of the transitory variance, as a share of the residuals' variance.
pub const U_SHARE_MAX: f64 = 0.45;
/// "Momentum persists": each ally's mean change over its last
/// `PERSIST_YEARS` years carried forward, decaying `PERSIST_DECAY` a year
/// (the damped local drift of METHOD's 2026 audit), a named assumption
/// beside the model, not a fitted one.
pub const PERSIST_YEARS: usize = 5;
pub const PERSIST_DECAY: f64 = 0.9;
/// The weight of the pooled own noise in an ally's, in years of its record.
pub const OWN_PRIOR_YEARS: f64 = 10.0;
/// Chi-squared(1) at 95%: a profile interval's cut on n ln(SSE / SSE min).
const CHI2_95: f64 = 3.841_458_820_694_124;

/// The estimated parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustParams {
    /// Spread of an ally's own yearly noise in ln share.
    pub sigma_e: f64,
    /// Spread of the transitory level noise in ln share.
    pub sigma_u: f64,
    /// logit k = a + b frontline.
    pub a: f64,
    pub b: f64,
    /// Annual changes the spreads were estimated from, and pledge-years the speed was.
    pub changes: usize,
    pub pledge_years: usize,
}

impl AdjustParams {
    /// The adjustment speed of an ally, 0 to 1.
    pub fn speed(&self, frontline: bool) -> f64 {
        let z = self.a + self.b * f64::from(u8::from(frontline));
        1.0 / (1.0 + (-z).exp())
    }
}

/// How the future's regime and each ally's momentum are drawn: chosen on
/// early rolling origins, then fixed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Momentum {
    /// Years in a block of the regime's history.
    pub block: usize,
    /// Years of an ally's own changes its drift is the mean of.
    pub drift_years: usize,
    /// The drift's decay a year (1: it persists; 0: no drift).
    pub drift_decay: f64,
    /// Whether the regime's blocks are taken less the history's mean (the
    /// drift alone then carries a direction).
    pub centred: bool,
    /// Whether an ally's drift is its group's (the United States; Europe
    /// and Canada): the mean of the group's members' own drifts, so that no
    /// group's momentum is carried into another and one ally's noise is not
    /// taken for momentum.
    pub pooled: bool,
}

/// The regime's history: the year means of the allies' changes of ln share.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regime {
    pub years: Vec<i32>,
    pub means: Vec<f64>,
}

impl Regime {
    /// What the blocks are drawn from: the means, less their mean if `centred`.
    pub fn pool(&self, centred: bool) -> Vec<f64> {
        let centre = if centred && !self.means.is_empty() {
            self.means.iter().sum::<f64>() / self.means.len() as f64
        } else {
            0.0
        };
        self.means.iter().map(|m| m - centre).collect()
    }
}

/// The speed coefficients' 95% profile intervals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intervals {
    pub a: [f64; 2],
    pub b: [f64; 2],
}

/// What [`estimate`] finds.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub params: AdjustParams,
    /// Each ally's own noise (spread of ln share a year): its residuals'
    /// variance shrunk toward the pooled one with the weight of
    /// [`OWN_PRIOR_YEARS`] years.
    pub own: BTreeMap<String, f64>,
    pub regime: Regime,
    pub intervals: Intervals,
}

/// A pledge episode: a target share (%) to reach by `end` from `start` (or,
/// `floor`, to hold from `start` on), and each ally's frontline flag.
#[derive(Debug, Clone)]
pub struct Episode {
    pub start: i32,
    pub end: i32,
    pub target: f64,
    pub floor: bool,
    pub frontline: BTreeMap<String, bool>,
}

impl Episode {
    /// The episode's commitment for an ally at `s0` in its first year, ln share.
    fn path(&self, s0: f64, year: i32) -> f64 {
        if self.floor {
            self.target.max(s0).ln()
        } else {
            commitment(s0, self.start, self.end, self.target, year)
        }
    }
}

/// The commitment path of an ally whose share was `s0` (%) in `start`: linear
/// in ln share to max(target, s0) by `end`, held after it.
pub fn commitment(s0: f64, start: i32, end: i32, target: f64, year: i32) -> f64 {
    let (y0, y1) = (s0.ln(), target.max(s0).ln());
    if year >= end {
        y1
    } else if year <= start {
        y0
    } else {
        y0 + (y1 - y0) * f64::from(year - start) / f64::from(end - start)
    }
}

/// Year means of the allies' changes of ln share, to `to`, with at least three allies.
fn year_means(panel: &Panel, to: i32) -> BTreeMap<i32, f64> {
    let mut sums: BTreeMap<i32, (f64, usize)> = BTreeMap::new();
    for by_year in panel.values() {
        for (&y, &s) in by_year.range(..=to) {
            if let Some(prev) = by_year.get(&(y - 1)) {
                let e = sums.entry(y).or_default();
                e.0 += (s / prev).ln();
                e.1 += 1;
            }
        }
    }
    sums.into_iter()
        .filter(|(_, (_, n))| *n >= 3)
        .map(|(y, (sum, n))| (y, sum / n as f64))
        .collect()
}

/// An ally's drift at `origin`: the mean of its changes of ln share over the
/// `years` years to it (`None` with fewer than two changes).
pub fn drift(by_year: &BTreeMap<i32, f64>, origin: i32, years: usize) -> Option<f64> {
    let changes: Vec<f64> = (origin - years as i32 + 1..=origin)
        .filter_map(|y| Some((by_year.get(&y)? / by_year.get(&(y - 1))?).ln()))
        .collect();
    (changes.len() >= 2).then(|| changes.iter().sum::<f64>() / changes.len() as f64)
}

/// Every ally's drift at `origin` over `years` years: its own from
/// `history`, else from `fallback` (too few changes in `history`); with
/// `groups` (ally -> group), each replaced by its group's mean (an ally
/// with no group is a group of its own). Allies with neither have none.
pub fn drifts(
    history: &Panel,
    fallback: Option<&Panel>,
    origin: i32,
    years: usize,
    groups: Option<&BTreeMap<String, String>>,
) -> BTreeMap<String, f64> {
    let mut own: BTreeMap<String, f64> = BTreeMap::new();
    for (code, by_year) in history {
        if let Some(d) =
            drift(by_year, origin, years).or_else(|| drift(fallback?.get(code)?, origin, years))
        {
            own.insert(code.clone(), d);
        }
    }
    let Some(groups) = groups else {
        return own;
    };
    let group_of = |code: &str| groups.get(code).map_or(code, String::as_str).to_string();
    let mut sums: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for (code, d) in &own {
        let e = sums.entry(group_of(code)).or_default();
        e.0 += d;
        e.1 += 1;
    }
    own.keys()
        .map(|code| {
            let (sum, n) = sums[&group_of(code)];
            (code.clone(), sum / n as f64)
        })
        .collect()
}

/// The parameters from `panel` up to `to`, and the pledge-years of
/// `episodes` known by `episodes_to` (`to` in a backtest; every year
/// published when calibrating).
pub fn estimate(
    panel: &Panel,
    to: i32,
    (episodes, episodes_to): (&[(Episode, &Panel)], i32),
) -> Estimate {
    let means = year_means(panel, to);
    let (mut g0, mut g1, mut n0, mut n1) = (0.0, 0.0, 0usize, 0usize);
    let mut per_ally: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for (code, by_year) in panel {
        let mut last: Option<(i32, f64)> = None;
        for (&y, &s) in by_year.range(..=to) {
            let (Some(prev), Some(m)) = (by_year.get(&(y - 1)), means.get(&y)) else {
                last = None;
                continue;
            };
            let r = (s / prev).ln() - m;
            g0 += r * r;
            n0 += 1;
            let own = per_ally.entry(code.clone()).or_default();
            own.0 += r * r;
            own.1 += 1;
            if let Some((ly, lr)) = last {
                if ly == y - 1 {
                    g1 += r * lr;
                    n1 += 1;
                }
            }
            last = Some((y, r));
        }
    }
    let gamma0 = g0 / n0.max(1) as f64;
    let gamma1 = if n1 > 0 { g1 / n1 as f64 } else { 0.0 };
    let cap = gamma0 * U_SHARE_MAX;
    let var_u = (-gamma1).clamp(0.0, cap);
    let var_e = (gamma0 - 2.0 * var_u).max(1e-6);
    let own = per_ally
        .into_iter()
        .map(|(code, (sum, n))| {
            let n = n as f64;
            let mine = (sum / n - 2.0 * var_u).max(1e-6);
            let shrunk = (n * mine + OWN_PRIOR_YEARS * var_e) / (n + OWN_PRIOR_YEARS);
            (code, shrunk.sqrt())
        })
        .collect();
    let speed = speed(episodes, episodes_to);
    Estimate {
        params: AdjustParams {
            sigma_e: var_e.sqrt(),
            sigma_u: var_u.sqrt(),
            a: speed.a,
            b: speed.b,
            changes: n0,
            pledge_years: speed.rows,
        },
        own,
        regime: Regime {
            years: means.keys().copied().collect(),
            means: means.values().copied().collect(),
        },
        intervals: speed.intervals,
    }
}

/// An ally's year under a pledge: its change of ln share beyond the year
/// mean, its gap to the commitment, frontline.
type PledgeYear = (f64, f64, bool);

/// The speed's least squares fit.
struct SpeedFit {
    a: f64,
    b: f64,
    intervals: Intervals,
    rows: usize,
}

/// The values of a grid (first, last, step).
pub fn grid((first, last, step): (f64, f64, f64)) -> Vec<f64> {
    let n = ((last - first) / step).round() as usize;
    (0..=n).map(|i| first + step * i as f64).collect()
}

/// The pledge-years known by `to` (an episode still under way counts its
/// years so far): allies below the target at the start, both years' shares
/// published; each change less the year mean of the episode's own shares,
/// each gap less the year's mean gap over the same allies (the year mean
/// holds the average pull: a change beyond it answers a gap beyond the
/// average gap).
fn pledge_rows(episodes: &[(Episode, &Panel)], to: i32) -> Vec<PledgeYear> {
    let mut rows = Vec::new();
    for (ep, panel) in episodes.iter().filter(|(e, _)| e.start < to) {
        let means = year_means(panel, to);
        // Every ally's gap to its commitment each year (at or above the
        // target at the start: its start share held), and their year means.
        let mut gaps: BTreeMap<i32, (f64, usize)> = BTreeMap::new();
        for by_year in panel.values() {
            let Some(&s0) = by_year.get(&ep.start) else {
                continue;
            };
            for year in ep.start..ep.end.min(to) {
                if let (Some(&s), true) = (by_year.get(&year), by_year.contains_key(&(year + 1))) {
                    let e = gaps.entry(year).or_default();
                    e.0 += ep.path(s0, year + 1) - s.ln();
                    e.1 += 1;
                }
            }
        }
        for (code, &front) in &ep.frontline {
            let Some(by_year) = panel.get(code) else {
                continue;
            };
            let Some(&s0) = by_year.get(&ep.start) else {
                continue;
            };
            if s0 >= ep.target {
                continue;
            }
            for year in ep.start..ep.end.min(to) {
                let (Some(&s), Some(&next), Some(m)) = (
                    by_year.get(&year),
                    by_year.get(&(year + 1)),
                    means.get(&(year + 1)),
                ) else {
                    continue;
                };
                let (sum, n) = gaps[&year];
                let gap = ep.path(s0, year + 1) - s.ln() - sum / n as f64;
                rows.push(((next / s).ln() - m, gap, front));
            }
        }
    }
    rows
}

/// a and b by least squares over the pledge-years known by `to`: each ally's
/// change beyond the year mean against k (tau - y), on a grid, with each
/// coefficient's profile interval. Without any pledge-year, no pull (a at
/// the grid's floor); a covariate that does not vary keeps 0.
fn speed(episodes: &[(Episode, &Panel)], to: i32) -> SpeedFit {
    let rows = pledge_rows(episodes, to);
    let a_grid = grid(A_GRID);
    if rows.is_empty() {
        return SpeedFit {
            a: A_GRID.0,
            b: 0.0,
            intervals: Intervals {
                a: [A_GRID.0, A_GRID.1],
                b: [0.0, 0.0],
            },
            rows: 0,
        };
    }
    let b_grid = if rows.iter().any(|r| r.2 != rows[0].2) {
        grid(B_GRID)
    } else {
        vec![0.0]
    };
    // SSE over the grid, [a][b].
    let sse: Vec<Vec<f64>> = a_grid
        .iter()
        .map(|&a| {
            b_grid
                .iter()
                .map(|&b| {
                    let k =
                        |front: bool| 1.0 / (1.0 + (-(a + b * f64::from(u8::from(front)))).exp());
                    let (k0, k1) = (k(false), k(true));
                    rows.iter()
                        .map(|(d, g, front)| (d - if *front { k1 } else { k0 } * g).powi(2))
                        .sum()
                })
                .collect()
        })
        .collect();
    let mut best = (f64::INFINITY, 0, 0);
    for (i, row) in sse.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            if v < best.0 {
                best = (v, i, j);
            }
        }
    }
    let n = rows.len() as f64;
    let inside = |v: f64| n * (v / best.0).ln() <= CHI2_95;
    let profile_a: Vec<f64> = sse
        .iter()
        .map(|row| row.iter().copied().fold(f64::INFINITY, f64::min))
        .collect();
    let profile_b: Vec<f64> = (0..b_grid.len())
        .map(|j| sse.iter().map(|row| row[j]).fold(f64::INFINITY, f64::min))
        .collect();
    let interval = |grid: &[f64], profile: &[f64]| {
        let kept: Vec<f64> = grid
            .iter()
            .zip(profile)
            .filter(|(_, v)| inside(**v))
            .map(|(x, _)| *x)
            .collect();
        [
            kept.first().copied().unwrap_or(grid[0]),
            kept.last().copied().unwrap_or(grid[grid.len() - 1]),
        ]
    };
    SpeedFit {
        a: a_grid[best.1],
        b: b_grid[best.2],
        intervals: Intervals {
            a: interval(&a_grid, &profile_a),
            b: interval(&b_grid, &profile_b),
        },
        rows: rows.len(),
    }
}

/// The ally-years of `ep` on `panel` known by `to` that the speed is
/// estimated from: allies below the target at the start, both years' shares
/// published.
pub fn pledge_years(ep: &Episode, panel: &Panel, to: i32) -> usize {
    ep.frontline
        .keys()
        .filter_map(|code| panel.get(code))
        .filter(|by_year| by_year.get(&ep.start).is_some_and(|s0| *s0 < ep.target))
        .map(|by_year| {
            (ep.start..ep.end.min(to))
                .filter(|y| by_year.contains_key(y) && by_year.contains_key(&(y + 1)))
                .count()
        })
        .sum()
}

/// One ally to forecast: its last observed share, its commitment path (ln
/// share by year after the origin; `None`: no commitment, tau = y), speed,
/// drift (ln share a year at the origin) and own noise (spread of ln share a
/// year).
#[derive(Debug, Clone, PartialEq)]
pub struct Forecastee {
    pub share0: f64,
    pub tau: Option<Vec<f64>>,
    pub speed: f64,
    pub drift: f64,
    /// The drift under "momentum persists" (over [`PERSIST_YEARS`] years).
    pub momentum: f64,
    pub sigma: f64,
}

/// The process's settings for a run: the transitory spread, the regime's
/// pool of year means, its block length and the drift's decay.
#[derive(Debug, Clone, PartialEq)]
pub struct Dynamics {
    pub sigma_u: f64,
    pub pool: Vec<f64>,
    pub block: usize,
    pub decay: f64,
}

impl Dynamics {
    /// From the estimated parameters, the regime's history and the momentum settings.
    pub fn new(params: &AdjustParams, regime: &Regime, momentum: &Momentum) -> Self {
        Dynamics {
            sigma_u: params.sigma_u,
            pool: regime.pool(momentum.centred),
            block: momentum.block,
            decay: momentum.drift_decay,
        }
    }

    /// Fills `out` with the regime of one future: blocks of consecutive
    /// years of the pool, each from a start drawn at random (`None`: no
    /// draw, every year 0).
    pub fn regime_into<R: RngExt + ?Sized>(&self, rng: Option<&mut R>, out: &mut [f64]) {
        let n = self.pool.len();
        let Some(rng) = rng.filter(|_| n > 0) else {
            out.fill(0.0);
            return;
        };
        let block = self.block.clamp(1, n);
        let starts = n - block + 1;
        for chunk in out.chunks_mut(block) {
            let start = rng.random_range(0..starts);
            chunk.copy_from_slice(&self.pool[start..start + chunk.len()]);
        }
    }
}

/// Draws `draws` futures of every ally for `horizon` years after the origin;
/// returns [ally][year] -> draws of the share (%).
pub fn simulate(
    dynamics: &Dynamics,
    allies: &[Forecastee],
    horizon: usize,
    draws: usize,
    seed: u64,
) -> Vec<Vec<Vec<f64>>> {
    let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut out = vec![vec![Vec::with_capacity(draws); horizon]; allies.len()];
    let mut y = vec![0.0; allies.len()];
    let mut f = vec![0.0; horizon];
    for _ in 0..draws {
        for (i, a) in allies.iter().enumerate() {
            let u0: f64 = rng.sample::<f64, _>(StandardNormal) * dynamics.sigma_u;
            y[i] = a.share0.ln() - u0;
        }
        dynamics.regime_into(Some(&mut rng), &mut f);
        let mut decay = 1.0;
        for (year, f) in f.iter().enumerate() {
            decay *= dynamics.decay;
            for (i, a) in allies.iter().enumerate() {
                let pull = a
                    .tau
                    .as_ref()
                    .map_or(0.0, |tau| a.speed * (tau[year] - y[i]));
                let e: f64 = rng.sample::<f64, _>(StandardNormal) * a.sigma;
                y[i] += pull + a.drift * decay + f + e;
                let u: f64 = rng.sample::<f64, _>(StandardNormal) * dynamics.sigma_u;
                out[i][year].push((y[i] + u).exp());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
