//! Partial adjustment toward a commitment (METHOD, "A model the backtests
//! favour"), in the log of the share, y = ln s:
//!
//! `y[i,t+1] = y[i,t] + k_i (tau[i,t+1] - y[i,t]) + f[t+1] + e[i,t+1]`,
//! observed `ln s = y + u`,
//!
//! with tau the commitment path, k_i the adjustment speed (logit k = a +
//! b frontline + c debt/100), f an alliance-wide AR(1) regime shock with
//! Student-t innovations (so that allies' surprises do not cancel), e the
//! ally's own noise and u transitory level noise (a one-off purchase raises
//! one year, not every year after).
//!
//! Estimation, from a panel of shares up to an origin only: the year means m_t
//! of the allies' changes of ln share stand for f_t; the residuals' variance
//! and first autocovariance give the own and transitory noise (a change's
//! residual is e_t + u_t - u_{t-1}); an AR(1) through the origin on m_t gives
//! phi and the innovations' spread, their excess kurtosis the degrees of
//! freedom; a, b, c come from pledge episodes ended by the origin, fitted by
//! least squares on each ally's change beyond the year mean against its gap to
//! the commitment path.

use std::collections::BTreeMap;

use rand::{RngExt, SeedableRng};
use rand_distr::{StandardNormal, StudentT};

/// Shares of GDP (%) by ally and year.
pub type Panel = BTreeMap<String, BTreeMap<i32, f64>>;

/// The estimated parameters.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustParams {
    /// Spread of an ally's own yearly noise in ln share.
    pub sigma_e: f64,
    /// Spread of the transitory level noise in ln share.
    pub sigma_u: f64,
    /// Persistence of the regime shock.
    pub phi: f64,
    /// Spread of the regime shock's innovations.
    pub sigma_f: f64,
    /// Degrees of freedom of the regime innovations (Student t).
    pub nu: f64,
    /// logit k = a + b frontline + c debt/100.
    pub a: f64,
    pub b: f64,
    pub c: f64,
    /// Annual changes the spreads were estimated from, and pledge-years the speed was.
    pub changes: usize,
    pub pledge_years: usize,
}

impl AdjustParams {
    /// The adjustment speed of an ally, 0 to 1.
    pub fn speed(&self, frontline: bool, debt_pct: f64) -> f64 {
        let z = self.a + self.b * f64::from(u8::from(frontline)) + self.c * debt_pct / 100.0;
        1.0 / (1.0 + (-z).exp())
    }
}

/// A pledge episode: a target share (%) to reach by `end` from `start`, and
/// each ally's covariates.
#[derive(Debug, Clone)]
pub struct Episode {
    pub start: i32,
    pub end: i32,
    pub target: f64,
    /// (frontline, debt % of GDP at the start) by ally.
    pub covariates: BTreeMap<String, (bool, f64)>,
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

/// The parameters from `panel` up to `to`, and the pledge-years of `episodes` known by then.
pub fn estimate(panel: &Panel, to: i32, episodes: &[(Episode, &Panel)]) -> AdjustParams {
    let means = year_means(panel, to);
    let (mut g0, mut g1, mut n0, mut n1) = (0.0, 0.0, 0usize, 0usize);
    let mut allies_per_year = 0.0;
    for by_year in panel.values() {
        let mut last: Option<(i32, f64)> = None;
        for (&y, &s) in by_year.range(..=to) {
            let (Some(prev), Some(m)) = (by_year.get(&(y - 1)), means.get(&y)) else {
                last = None;
                continue;
            };
            let r = (s / prev).ln() - m;
            g0 += r * r;
            n0 += 1;
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
    let var_u = (-gamma1).clamp(0.0, gamma0 * 0.45);
    let var_e = (gamma0 - 2.0 * var_u).max(1e-6);
    if !means.is_empty() {
        allies_per_year = n0 as f64 / means.len() as f64;
    }
    // AR(1) through the origin on the year means.
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (y, m) in &means {
        if let Some(prev) = means.get(&(y - 1)) {
            sxy += m * prev;
            sxx += prev * prev;
        }
    }
    let phi = if sxx > 0.0 {
        (sxy / sxx).clamp(0.0, 0.95)
    } else {
        0.0
    };
    let innovations: Vec<f64> = means
        .iter()
        .filter_map(|(y, m)| Some(m - phi * means.get(&(y - 1))?))
        .collect();
    let k = innovations.len().max(1) as f64;
    let v = innovations.iter().map(|x| x * x).sum::<f64>() / k;
    // A year mean carries the allies' own noise divided by their number.
    let own = (var_e + 2.0 * var_u) / allies_per_year.max(1.0);
    let var_f = (v - own).max(v * 0.25);
    let kurt = innovations.iter().map(|x| x.powi(4)).sum::<f64>() / k / (v * v).max(1e-300) - 3.0;
    let nu = if kurt > 0.0 {
        (4.0 + 6.0 / kurt).clamp(4.1, 30.0)
    } else {
        30.0
    };
    let (a, b, c, pledge_years) = speed(&means, episodes, to);
    AdjustParams {
        sigma_e: var_e.sqrt(),
        sigma_u: var_u.sqrt(),
        phi,
        sigma_f: var_f.sqrt(),
        nu,
        a,
        b,
        c,
        changes: n0,
        pledge_years,
    }
}

/// An ally's year under a pledge: its change of ln share beyond the year
/// mean, its gap to the commitment path, frontline, debt (% of GDP).
type PledgeYear = (f64, f64, bool, f64);

/// a, b, c by least squares over the pledge-years known by `to` (an episode
/// still under way counts its years so far):
/// each ally's change beyond the year mean against k (tau - y). Without any
/// episode, no pull (k near 0); a covariate that does not vary keeps 0.
fn speed(
    means: &BTreeMap<i32, f64>,
    episodes: &[(Episode, &Panel)],
    to: i32,
) -> (f64, f64, f64, usize) {
    let mut rows: Vec<PledgeYear> = Vec::new();
    for (ep, panel) in episodes.iter().filter(|(e, _)| e.start < to) {
        for (code, &(front, debt)) in &ep.covariates {
            let Some(by_year) = panel.get(code) else {
                continue;
            };
            let Some(&s0) = by_year.get(&ep.start) else {
                continue;
            };
            if s0 >= ep.target {
                continue;
            }
            // The years of the episode known by `to` (all of it once ended).
            for year in ep.start..ep.end.min(to) {
                let (Some(&s), Some(&next), Some(m)) = (
                    by_year.get(&year),
                    by_year.get(&(year + 1)),
                    means.get(&(year + 1)),
                ) else {
                    continue;
                };
                let gap = commitment(s0, ep.start, ep.end, ep.target, year + 1) - s.ln();
                rows.push(((next / s).ln() - m, gap, front, debt));
            }
        }
    }
    if rows.is_empty() {
        return (-6.0, 0.0, 0.0, 0);
    }
    let varies = |f: &dyn Fn(&PledgeYear) -> f64| {
        let first = f(&rows[0]);
        rows.iter().any(|r| (f(r) - first).abs() > 1e-9)
    };
    let b_grid: Vec<f64> = if varies(&|r| f64::from(u8::from(r.2))) {
        (0..=24).map(|i| -2.0 + 0.25 * f64::from(i)).collect()
    } else {
        vec![0.0]
    };
    let c_grid: Vec<f64> = if varies(&|r| r.3) {
        (0..=48).map(|i| -8.0 + 0.25 * f64::from(i)).collect()
    } else {
        vec![0.0]
    };
    let mut best = (f64::INFINITY, -6.0, 0.0, 0.0);
    for ia in 0..=80 {
        let a = -6.0 + 0.1 * f64::from(ia);
        for &b in &b_grid {
            for &c in &c_grid {
                let z =
                    |front: bool, debt: f64| a + b * f64::from(u8::from(front)) + c * debt / 100.0;
                let sse: f64 = rows
                    .iter()
                    .map(|(d, g, front, debt)| {
                        let k = 1.0 / (1.0 + (-z(*front, *debt)).exp());
                        (d - k * g).powi(2)
                    })
                    .sum();
                if sse < best.0 {
                    best = (sse, a, b, c);
                }
            }
        }
    }
    (best.1, best.2, best.3, rows.len())
}

/// The ally-years of `ep` on `panel` known by `to` that the speed is
/// estimated from: allies below the target at the start, both years' shares
/// published.
pub fn pledge_years(ep: &Episode, panel: &Panel, to: i32) -> usize {
    ep.covariates
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
/// share by year after the origin; `None`: no commitment, tau = y) and speed.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecastee {
    pub share0: f64,
    pub tau: Option<Vec<f64>>,
    pub speed: f64,
}

/// Draws `draws` futures of every ally for `horizon` years after the origin,
/// the regime starting from `f0`; returns [ally][year] -> draws of the share (%).
pub fn simulate(
    params: &AdjustParams,
    allies: &[Forecastee],
    f0: f64,
    horizon: usize,
    draws: usize,
    seed: u64,
) -> Vec<Vec<Vec<f64>>> {
    let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(seed);
    let t = StudentT::new(params.nu).expect("nu is above 4");
    let t_scale = ((params.nu - 2.0) / params.nu).sqrt();
    let mut out = vec![vec![Vec::with_capacity(draws); horizon]; allies.len()];
    let mut y = vec![0.0; allies.len()];
    for _ in 0..draws {
        for (i, a) in allies.iter().enumerate() {
            let u0: f64 = rng.sample::<f64, _>(StandardNormal) * params.sigma_u;
            y[i] = a.share0.ln() - u0;
        }
        let mut f = f0;
        for year in 0..horizon {
            let innovation: f64 = rng.sample::<f64, _>(t) * t_scale * params.sigma_f;
            f = params.phi * f + innovation;
            for (i, a) in allies.iter().enumerate() {
                let pull = a
                    .tau
                    .as_ref()
                    .map_or(0.0, |tau| a.speed * (tau[year] - y[i]));
                let e: f64 = rng.sample::<f64, _>(StandardNormal) * params.sigma_e;
                y[i] += pull + f + e;
                let u: f64 = rng.sample::<f64, _>(StandardNormal) * params.sigma_u;
                out[i][year].push((y[i] + u).exp());
            }
        }
    }
    out
}

/// The regime's state at the origin: the year mean of the changes to it.
pub fn regime_at(panel: &Panel, origin: i32) -> f64 {
    year_means(panel, origin)
        .get(&origin)
        .copied()
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commitment_path_is_linear_in_logs_and_holds() {
        assert!((commitment(1.0, 2014, 2024, 2.0, 2019) - 0.5 * 2f64.ln()).abs() < 1e-12);
        assert_eq!(commitment(1.0, 2014, 2024, 2.0, 2030), 2f64.ln());
        assert_eq!(
            commitment(3.0, 2014, 2024, 2.0, 2020),
            3f64.ln(),
            "above target: held"
        );
    }

    #[test]
    fn estimation_recovers_the_noise_of_a_simulated_panel() {
        // Thirty allies, 60 years: e 0.05, u 0.08, no regime shock, no pledge.
        let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(3);
        let mut panel = Panel::new();
        for i in 0..30 {
            let mut y = 0.7f64;
            let mut by_year = BTreeMap::new();
            for year in 1960..2020 {
                y += 0.05 * rng.sample::<f64, _>(StandardNormal);
                let u = 0.08 * rng.sample::<f64, _>(StandardNormal);
                by_year.insert(year, (y + u).exp());
            }
            panel.insert(format!("A{i}"), by_year);
        }
        let p = estimate(&panel, 2019, &[]);
        assert!((p.sigma_e - 0.05).abs() < 0.01, "{p:?}");
        assert!((p.sigma_u - 0.08).abs() < 0.01, "{p:?}");
        assert!(p.speed(false, 0.0) < 0.01, "no episode, no pull");
    }

    #[test]
    fn with_no_noise_the_simulation_is_the_adjustment_path() {
        let params = AdjustParams {
            sigma_e: 0.0,
            sigma_u: 0.0,
            phi: 0.0,
            sigma_f: 0.0,
            nu: 30.0,
            a: 0.0,
            b: 0.0,
            c: 0.0,
            changes: 0,
            pledge_years: 0,
        };
        // k = 0.5 toward ln 2 from ln 1: halfway each year.
        let ally = Forecastee {
            share0: 1.0,
            tau: Some(vec![2f64.ln(); 3]),
            speed: params.speed(false, 0.0),
        };
        let out = simulate(&params, &[ally], 0.0, 3, 5, 1);
        for (year, expected) in [(0, 0.5), (1, 0.75), (2, 0.875)] {
            let want = (expected * 2f64.ln()).exp();
            assert!(
                out[0][year].iter().all(|s| (s - want).abs() < 1e-12),
                "{year}"
            );
        }
    }
}
