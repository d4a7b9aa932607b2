//! The odds of reaching a target (METHOD): many futures drawn around a
//! deterministic path. In the growth process, in each draw and year, an
//! ally's real GDP grows by its outlook's rate plus a shock (a common shock
//! shared by all allies and an ally's own, mixed by `common`), and its real
//! spending by its expected growth (from its plan, or its shrunk record) plus
//! its own shock. In the share process (`calc::adjust`) the share itself is
//! drawn and GDP keeps to the outlook. The share
//! in a year is spending ÷ GDP at constant prices; a group's is the sum of its
//! members' spending ÷ the sum of their GDP.
//!
//! Results are counts and histograms, never every draw's path, so memory
//! does not grow with the number of draws. The histograms' bins are even in
//! the log of the share (0.05% of the share wide) from 0.001% to 1,000% of
//! GDP: no share a draw can reach is cut off. Draws come in fixed
//! blocks, each from its own generator seeded from (seed, block), so the output
//! is the same on any machine and any number of threads.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use rand_distr::StandardNormal;
use rayon::prelude::*;

use super::adjust::{Dynamics, Forecastee, PERSIST_DECAY};

mod tally;

use tally::{bin_of, bin_of_ln, quantiles, Tally};

/// Draws per block: the unit of work and of seeding.
const BLOCK: usize = 1_000;
/// Histogram bins: even in ln share, STEP wide, from LN_MIN to LN_MAX (0.001%
/// to 1,000% of GDP); a percentile is its bin's centre, within 0.025% of the
/// share (0.001 points at 3.5%).
const STEP: f64 = 0.0005;
const LN_MIN: f64 = -6.907_755_278_982_137; // ln 0.001
const LN_MAX: f64 = 6.907_755_278_982_137; // ln 1000
const BINS: usize = ((LN_MAX - LN_MIN) / STEP) as usize + 1;

/// One ally's inputs. Growth rates are % a year, one for each year after the
/// baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct AllyInput {
    pub code: String,
    /// Constant-price spending and GDP in the baseline year.
    pub spending0: f64,
    pub gdp0: f64,
    /// Expected real GDP growth each year.
    pub gdp_growth: Vec<f64>,
    /// Expected real spending growth each year.
    pub spending_growth: Vec<f64>,
    /// Standard deviation of real spending growth, points.
    pub spending_sd: f64,
}

/// The model's parameters, all settable.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    pub draws: usize,
    pub seed: u64,
    /// Standard deviation of a year's real GDP growth around the outlook, points.
    pub gdp_sd: f64,
    /// Weight of the common shock in each ally's GDP shock, 0 to 1 (its correlation across allies).
    pub common: f64,
    /// Multiplies every ally's spending spread (1: as estimated; 0: none).
    pub spending_spread: f64,
}

impl Params {
    /// The defaults of `defspend outlook` and of the outlook charts.
    pub const DEFAULT: Params = Params {
        draws: 10_000,
        seed: 2025,
        gdp_sd: 1.5,
        common: 0.5,
        spending_spread: 1.0,
    };
}

/// The spending process of `defspend outlook`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    /// Partial adjustment of the share toward a commitment, with the
    /// regime drawn from history and a damped local drift (METHOD; parameters
    /// in datasets/models/outlook.toml)
    Adjust,
    /// Real spending growth from each ally's plan or shrunk record (the
    /// earlier model; --anchor and --shrink apply to it)
    Record,
}

/// How an ally's spending moves from year to year.
#[derive(Debug, Clone, Copy)]
pub enum Process<'a> {
    /// Real spending grows at each ally's expected rate plus its own shock.
    Growth,
    /// The share of GDP adjusts toward a commitment (`calc::adjust`, METHOD):
    /// one entry per ally, in the allies' order; spending is the share times
    /// the draw's GDP.
    Adjust(&'a ShareModel),
}

/// The partial-adjustment process's inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareModel {
    /// The spreads, the regime's pool and block, the drift's decay.
    pub dynamics: Dynamics,
    /// Each ally's baseline share, commitment path, speed and drift, in the allies' order.
    pub allies: Vec<Forecastee>,
}

/// The draws' shocks: standard normal draws and the regime's blocks from a
/// generator, or all zero (the central path).
struct Shocks<'r> {
    rng: Option<&'r mut Xoshiro256PlusPlus>,
}

impl Shocks<'_> {
    fn normal(&mut self) -> f64 {
        match self.rng.as_deref_mut() {
            Some(rng) => rng.sample::<f64, _>(StandardNormal),
            None => 0.0,
        }
    }

    /// One future's regime, year by year, into `out`.
    fn regime(&mut self, dynamics: &Dynamics, out: &mut [f64]) {
        dynamics.regime_into(self.rng.as_deref_mut(), out);
    }
}

/// One draw's working arrays: spending and GDP [ally][year]; for the share
/// process, the regime each year, each ally's latent ln share under the
/// model, with its drift persisting and with no drift, and the target
/// year's spending under the last two.
struct Scratch {
    spending: Vec<Vec<f64>>,
    gdp: Vec<Vec<f64>>,
    /// The share process's ln share [ally][year] (what the share is the exp
    /// of), and each ally's baseline ln share.
    ln_share: Vec<Vec<f64>>,
    ln_share0: Vec<f64>,
    regime: Vec<f64>,
    y: Vec<f64>,
    y_persists: Vec<f64>,
    y_no_drift: Vec<f64>,
    persists: Vec<f64>,
    no_drift: Vec<f64>,
}

/// Spending and GDP summed over members: a group, or one ally (one member).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub key: String,
    /// Indices into the allies.
    pub members: Vec<usize>,
    /// Keep every year's distribution (for a fan chart), not only the target year's.
    pub every_year: bool,
}

/// Percentiles of a share, % of GDP, and the Monte Carlo standard errors of
/// the 10th, 50th and 90th.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantiles {
    pub p10: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p90: f64,
    pub p10_se: f64,
    pub p50_se: f64,
    pub p90_se: f64,
}

/// A series' outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesOutcome {
    pub key: String,
    /// Share of draws at or above the target in the target year.
    pub probability: f64,
    /// The same draws with each ally's momentum carried forward ("momentum
    /// persists": its last five years' mean change, decaying 0.9 a year),
    /// and with no drift at all ("no carry-over"): the share process only;
    /// the growth process has no drift, so both equal `probability`.
    pub probability_persists: f64,
    pub probability_no_drift: f64,
    /// Monte Carlo standard error of `probability`: sqrt(p (1 - p) / N).
    pub standard_error: f64,
    /// The deterministic path's share in the target year (every shock zero).
    pub expected_share: f64,
    pub target_year: Quantiles,
    /// Each year after the baseline (when `every_year`), first to last.
    pub years: Vec<Quantiles>,
}

/// The simulation: allies, series to report, the target.
pub struct Simulation<'a> {
    pub allies: &'a [AllyInput],
    pub series: &'a [Series],
    /// % of GDP to reach in the last year.
    pub target: f64,
    pub params: Params,
    pub process: Process<'a>,
}

impl Simulation<'_> {
    fn years(&self) -> usize {
        self.allies.first().map_or(0, |a| a.gdp_growth.len())
    }

    /// One draw: every ally's spending and GDP each year, into the scratch
    /// arrays ([ally][year]).
    fn draw(&self, shocks: &mut Shocks, w: &mut Scratch) {
        match self.process {
            Process::Growth => self.draw_growth(shocks, w),
            Process::Adjust(m) => self.draw_shares(m, shocks, w),
        }
    }

    /// The growth process: GDP and real spending each grow with their shocks.
    fn draw_growth(&self, shocks: &mut Shocks, w: &mut Scratch) {
        let p = &self.params;
        let own = (1.0 - p.common * p.common).max(0.0).sqrt();
        for year in 0..self.years() {
            let common = shocks.normal();
            for (i, a) in self.allies.iter().enumerate() {
                let z_gdp = p.common * common + own * shocks.normal();
                let g = a.gdp_growth[year] + p.gdp_sd * z_gdp;
                let y0 = if year == 0 {
                    a.gdp0
                } else {
                    w.gdp[i][year - 1]
                };
                w.gdp[i][year] = y0 * (1.0 + g / 100.0);
                let z_spending = shocks.normal();
                let d = a.spending_growth[year] + p.spending_spread * a.spending_sd * z_spending;
                let d0 = if year == 0 {
                    a.spending0
                } else {
                    w.spending[i][year - 1]
                };
                w.spending[i][year] = (d0 * (1.0 + d / 100.0)).max(0.0);
            }
        }
    }

    /// The share process: each ally's ln share moves toward its commitment
    /// with its drift, the regime and its own noise, observed with a
    /// transitory noise; GDP keeps to the outlook (the share process's
    /// spreads were estimated on published shares, GDP's surprises included),
    /// weighting groups and turning shares into money: its path is in the
    /// scratch arrays from the start.
    fn draw_shares(&self, m: &ShareModel, shocks: &mut Shocks, w: &mut Scratch) {
        let spread = self.params.spending_spread;
        let years = self.years();
        let sigma_u = spread * m.dynamics.sigma_u;
        for (i, ln0) in w.ln_share0.iter().enumerate() {
            // The baseline share is observed with transitory noise.
            w.y[i] = ln0 - sigma_u * shocks.normal();
            w.y_persists[i] = w.y[i];
            w.y_no_drift[i] = w.y[i];
        }
        shocks.regime(&m.dynamics, &mut w.regime);
        let (mut decay, mut persists) = (1.0, 1.0);
        for year in 0..years {
            decay *= m.dynamics.decay;
            persists *= PERSIST_DECAY;
            let regime = spread * w.regime[year];
            let last = year + 1 == years;
            for (i, f) in m.allies.iter().enumerate() {
                let (tau, k) = match &f.tau {
                    Some(tau) => (tau[year], f.speed),
                    None => (0.0, 0.0),
                };
                let common = regime + spread * f.sigma * shocks.normal();
                let u = sigma_u * shocks.normal();
                w.y[i] += k * (tau - w.y[i]) + f.drift * decay + common;
                w.y_persists[i] += k * (tau - w.y_persists[i]) + f.momentum * persists + common;
                w.y_no_drift[i] += k * (tau - w.y_no_drift[i]) + common;
                let ln_share = w.y[i] + u;
                let gdp = w.gdp[i][year];
                w.ln_share[i][year] = ln_share;
                w.spending[i][year] = ln_share.exp() / 100.0 * gdp;
                if last {
                    w.persists[i] = (w.y_persists[i] + u).exp() / 100.0 * gdp;
                    w.no_drift[i] = (w.y_no_drift[i] + u).exp() / 100.0 * gdp;
                }
            }
        }
    }

    /// A series' share each year of a draw, %.
    fn share(series: &Series, spending: &[Vec<f64>], gdp: &[Vec<f64>], year: usize) -> f64 {
        Self::ratio(&series.members, |i| spending[i][year], |i| gdp[i][year])
    }

    /// The members' spending over their GDP, %.
    fn ratio(
        members: &[usize],
        spending: impl Fn(usize) -> f64,
        gdp: impl Fn(usize) -> f64,
    ) -> f64 {
        let (mut d, mut y) = (0.0, 0.0);
        for &i in members {
            d += spending(i);
            y += gdp(i);
        }
        d / y * 100.0
    }

    fn buffers(&self) -> Scratch {
        let n = self.years();
        let k = self.allies.len();
        // The share process: GDP on the outlook's path, the same every draw.
        let mut gdp = vec![vec![0.0; n]; k];
        let mut ln_share0 = vec![0.0; k];
        if let Process::Adjust(m) = self.process {
            for (i, a) in self.allies.iter().enumerate() {
                let mut level = a.gdp0;
                for (year, g) in a.gdp_growth.iter().enumerate() {
                    level *= 1.0 + g / 100.0;
                    gdp[i][year] = level;
                }
                ln_share0[i] = m.allies[i].share0.ln();
            }
        }
        Scratch {
            spending: vec![vec![0.0; n]; k],
            gdp,
            ln_share0,
            ln_share: vec![vec![0.0; n]; k],
            regime: vec![0.0; n],
            y: vec![0.0; k],
            y_persists: vec![0.0; k],
            y_no_drift: vec![0.0; k],
            persists: vec![0.0; k],
            no_drift: vec![0.0; k],
        }
    }

    /// Draws block `index` (`draws` draws) into `tally`.
    fn block(&self, index: usize, draws: usize, mut tally: Tally) -> Tally {
        let years = self.years();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(
            self.params.seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
        );
        let adjust = matches!(self.process, Process::Adjust(_));
        let ln_target = (self.target - 1e-9).ln();
        let mut w = self.buffers();
        // The share process keeps GDP to the outlook: each series' GDP each
        // year is the same in every draw, summed once (in the members' order,
        // as `ratio` sums it).
        let gdp_sums: Vec<Vec<f64>> = if adjust {
            self.series
                .iter()
                .map(|s| {
                    (0..years)
                        .map(|y| s.members.iter().fold(0.0, |sum, &i| sum + w.gdp[i][y]))
                        .collect()
                })
                .collect()
        } else {
            Vec::new()
        };
        let spent = |members: &[usize], spending: &dyn Fn(usize) -> f64| {
            members.iter().fold(0.0, |sum, &i| sum + spending(i))
        };
        for _ in 0..draws {
            self.draw(
                &mut Shocks {
                    rng: Some(&mut rng),
                },
                &mut w,
            );
            for (k, s) in self.series.iter().enumerate() {
                // One ally in the share process: its ln share is drawn, no log needed.
                let own = match s.members[..] {
                    [i] if adjust => Some(i),
                    _ => None,
                };
                let gdp_of = |year: usize| gdp_sums[k][year];
                for year in 0..years {
                    if !tally.bins[k][year].is_empty() {
                        let (bin, reached) = match own {
                            Some(i) => {
                                let ln = w.ln_share[i][year];
                                (bin_of_ln(ln), ln >= ln_target)
                            }
                            None => {
                                let share = if adjust {
                                    spent(&s.members, &|i| w.spending[i][year]) / gdp_of(year)
                                        * 100.0
                                } else {
                                    Self::share(s, &w.spending, &w.gdp, year)
                                };
                                (bin_of(share), share >= self.target - 1e-9)
                            }
                        };
                        tally.bins[k][year][bin] += 1;
                        if year + 1 == years && reached {
                            tally.hits[k] += 1;
                        }
                    }
                }
                if adjust && years > 0 {
                    let at = |spending: &[f64]| {
                        spent(&s.members, &|i| spending[i]) / gdp_of(years - 1) * 100.0
                            >= self.target - 1e-9
                    };
                    tally.persists_hits[k] += u64::from(at(&w.persists));
                    tally.no_drift_hits[k] += u64::from(at(&w.no_drift));
                }
            }
        }
        tally
    }

    /// Every series' share each year of the deterministic path (all shocks zero).
    pub fn expected(&self) -> Vec<Vec<f64>> {
        let mut w = self.buffers();
        self.draw(&mut Shocks { rng: None }, &mut w);
        self.all_shares(&w.spending, &w.gdp)
    }

    /// Every series' share each year, [series][year].
    fn all_shares(&self, spending: &[Vec<f64>], gdp: &[Vec<f64>]) -> Vec<Vec<f64>> {
        self.series
            .iter()
            .map(|s| {
                (0..self.years())
                    .map(|y| Self::share(s, spending, gdp, y))
                    .collect()
            })
            .collect()
    }

    /// The first `draws` draws' shares, [draw][series][year], as the full run
    /// draws them (for checking the model on a few draws).
    pub fn sample(&self, draws: usize) -> Vec<Vec<Vec<f64>>> {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(self.params.seed);
        let mut w = self.buffers();
        (0..draws)
            .map(|_| {
                self.draw(
                    &mut Shocks {
                        rng: Some(&mut rng),
                    },
                    &mut w,
                );
                self.all_shares(&w.spending, &w.gdp)
            })
            .collect()
    }

    /// Runs every draw, in blocks on every core.
    pub fn run(&self) -> Vec<SeriesOutcome> {
        self.run_with(&|_| {})
    }

    /// [`run`](Self::run), calling `done` with the number of draws each
    /// finished block held (from any thread): for a progress bar.
    pub fn run_with(&self, done: &(dyn Fn(u64) + Sync)) -> Vec<SeriesOutcome> {
        let total = self.params.draws;
        let blocks = total.div_ceil(BLOCK);
        let years = self.years();
        // One tally per worker's run of blocks, not per block: counts add up in
        // any order, and each block has its own generator, so the result does
        // not depend on how the blocks are shared out.
        // A few long runs of blocks per thread: each run zeroes one set of histograms.
        // (A run of `blocks / threads` blocks: rayon splits a range only while both
        // halves keep the minimum length, so rounding up would leave one run.)
        let per_run = (blocks / rayon::current_num_threads()).max(1);
        let tally = (0..blocks)
            .into_par_iter()
            .with_min_len(per_run)
            .fold(
                || Tally::new(self.series, years),
                |tally, b| {
                    let draws = BLOCK.min(total - b * BLOCK);
                    let tally = self.block(b, draws, tally);
                    done(draws as u64);
                    tally
                },
            )
            .reduce_with(Tally::merge)
            .unwrap_or_else(|| Tally::new(self.series, years));
        let expected = self.expected();
        let n = total as u64;
        let quantiles = |bins: &[u32]| quantiles(bins, n);
        self.series
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let p = tally.hits[k] as f64 / total as f64;
                SeriesOutcome {
                    key: s.key.clone(),
                    probability: p,
                    probability_persists: match self.process {
                        Process::Growth => p,
                        Process::Adjust(_) => tally.persists_hits[k] as f64 / total as f64,
                    },
                    probability_no_drift: match self.process {
                        Process::Growth => p,
                        Process::Adjust(_) => tally.no_drift_hits[k] as f64 / total as f64,
                    },
                    standard_error: (p * (1.0 - p) / total as f64).sqrt(),
                    expected_share: expected[k].last().copied().unwrap_or(f64::NAN),
                    target_year: quantiles(&tally.bins[k][years - 1]),
                    years: if s.every_year {
                        tally.bins[k].iter().map(|b| quantiles(b)).collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }
}

/// An ally's expected real spending growth and its spread from its record of
/// annual real changes (%): its mean and variance shrunk toward the allied
/// ones with the weight of `prior` years, the mean bounded to `bounds`, the
/// spread at least `min_sd`.
pub fn shrunk_record(
    own: &[f64],
    allied_mean: f64,
    allied_var: f64,
    prior: f64,
    bounds: (f64, f64),
    min_sd: f64,
) -> (f64, f64) {
    let n = own.len() as f64;
    let mean = if own.is_empty() {
        allied_mean
    } else {
        own.iter().sum::<f64>() / n
    };
    let var = if own.len() < 2 {
        allied_var
    } else {
        own.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
    };
    let mu = (n * mean + prior * allied_mean) / (n + prior);
    let v = (n * var + prior * allied_var) / (n + prior);
    (mu.clamp(bounds.0, bounds.1), v.sqrt().max(min_sd))
}

#[cfg(test)]
mod tests;
