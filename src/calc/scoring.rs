//! How a forecast of a share of GDP is scored (METHOD, "Scoring"; Gneiting,
//! Balabdaoui and Raftery 2007): coverage of the central 50% and 80% bands and
//! of each tail separately, the PIT histogram, the interval score at
//! alpha = 0.2, the CRPS, and Brier and log scores for events. Lower scores
//! are better; a coin flip scores 0.25 (Brier) and ln 2 = 0.693 (log).

use statrs::distribution::{ContinuousCDF, Normal};

/// A predictive distribution of a share, % of GDP.
#[derive(Debug, Clone, PartialEq)]
pub enum Predictive {
    /// ln share ~ N(mu, sigma²) (sigma > 0).
    LogNormal { mu: f64, sigma: f64 },
    /// Draws, sorted ascending (at least one).
    Sample(Vec<f64>),
}

fn std_normal() -> Normal {
    Normal::new(0.0, 1.0).expect("the standard normal exists")
}

impl Predictive {
    /// A sample's draws, sorted.
    pub fn sample(mut draws: Vec<f64>) -> Predictive {
        draws.sort_by(f64::total_cmp);
        Predictive::Sample(draws)
    }

    /// The `q` quantile (0 < q < 1).
    pub fn quantile(&self, q: f64) -> f64 {
        match self {
            Predictive::LogNormal { mu, sigma } => (mu + sigma * std_normal().inverse_cdf(q)).exp(),
            Predictive::Sample(x) => {
                // The smallest draw with at least a share q of draws at or below it.
                let rank = (q * x.len() as f64).ceil().max(1.0) as usize;
                x[rank.min(x.len()) - 1]
            }
        }
    }

    /// P(share <= y).
    pub fn cdf(&self, y: f64) -> f64 {
        match self {
            Predictive::LogNormal { mu, sigma } => {
                if y <= 0.0 {
                    0.0
                } else {
                    std_normal().cdf((y.ln() - mu) / sigma)
                }
            }
            Predictive::Sample(x) => x.partition_point(|v| *v <= y) as f64 / x.len() as f64,
        }
    }

    /// P(share >= y).
    pub fn at_least(&self, y: f64) -> f64 {
        match self {
            Predictive::LogNormal { .. } => 1.0 - self.cdf(y),
            Predictive::Sample(x) => {
                (x.len() - x.partition_point(|v| *v < y)) as f64 / x.len() as f64
            }
        }
    }

    /// The probability integral transform of an outcome: F(y), with a
    /// sample's ties split at random-free midpoint (half the draws equal to y).
    pub fn pit(&self, y: f64) -> f64 {
        match self {
            Predictive::LogNormal { .. } => self.cdf(y),
            Predictive::Sample(x) => {
                let below = x.partition_point(|v| *v < y);
                let at_or_below = x.partition_point(|v| *v <= y);
                (below + at_or_below) as f64 / 2.0 / x.len() as f64
            }
        }
    }

    /// The continuous ranked probability score of outcome `y`, in points of
    /// GDP: closed form for the log-normal (Baran and Lerch 2015), E|X - y| -
    /// E|X - X'| / 2 over a sample's draws.
    pub fn crps(&self, y: f64) -> f64 {
        match self {
            Predictive::LogNormal { mu, sigma } => {
                let n = std_normal();
                let z = (y.ln() - mu) / sigma;
                y * (2.0 * n.cdf(z) - 1.0)
                    - 2.0
                        * (mu + sigma * sigma / 2.0).exp()
                        * (n.cdf(z - sigma) + n.cdf(sigma / std::f64::consts::SQRT_2) - 1.0)
            }
            Predictive::Sample(x) => {
                let m = x.len() as f64;
                let to_y = x.iter().map(|v| (v - y).abs()).sum::<f64>() / m;
                // Sorted: sum over pairs |x_i - x_j| = 2 sum_i (2i - m - 1) x_(i), i from 1.
                let spread = x
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (2.0 * (i as f64 + 1.0) - m - 1.0) * v)
                    .sum::<f64>()
                    * 2.0
                    / (m * m);
                to_y - spread / 2.0
            }
        }
    }
}

/// The interval score of the central (1 - alpha) band [lower, upper]: its
/// width plus 2/alpha times any miss.
pub fn interval_score(lower: f64, upper: f64, y: f64, alpha: f64) -> f64 {
    (upper - lower) + 2.0 / alpha * (lower - y).max(0.0) + 2.0 / alpha * (y - upper).max(0.0)
}

/// Probabilities are kept within [LOG_FLOOR, 1 - LOG_FLOOR] for the log
/// score, so that one confident miss costs ln(1000) = 6.9, not infinity.
pub const LOG_FLOOR: f64 = 0.001;

/// Brier score of a probability for an event that did (`true`) or did not happen.
pub fn brier(p: f64, happened: bool) -> f64 {
    (p - f64::from(u8::from(happened))).powi(2)
}

/// Log score (negative log likelihood) of a probability, floored.
pub fn log_score(p: f64, happened: bool) -> f64 {
    let p = p.clamp(LOG_FLOOR, 1.0 - LOG_FLOOR);
    -(if happened { p } else { 1.0 - p }).ln()
}

/// Bins of the PIT histogram.
pub const PIT_BINS: usize = 10;
/// The interval score's alpha: the central 80% band.
pub const ALPHA: f64 = 0.2;

/// The scores of forecasts of shares.
#[derive(Debug, Clone, PartialEq)]
pub struct DistScores {
    pub n: usize,
    /// Outcomes inside the central 50% band (25th-75th percentile).
    pub cover50: f64,
    /// Outcomes inside the central 80% band (10th-90th percentile).
    pub cover80: f64,
    pub below25: f64,
    pub above75: f64,
    pub below10: f64,
    pub above90: f64,
    /// Share of outcomes in each tenth of the PIT.
    pub pit: [f64; PIT_BINS],
    /// Mean interval score of the 10-90% band.
    pub interval: f64,
    /// Mean CRPS, points of GDP.
    pub crps: f64,
}

/// Scores the forecasts `(predictive, outcome)`.
pub fn score_shares(forecasts: &[(Predictive, f64)]) -> DistScores {
    let n = forecasts.len();
    let share = |count: usize| count as f64 / n.max(1) as f64;
    let (mut b25, mut a75, mut b10, mut a90) = (0, 0, 0, 0);
    let mut pit = [0usize; PIT_BINS];
    let (mut interval, mut crps) = (0.0, 0.0);
    for (p, y) in forecasts {
        let (q10, q25, q75, q90) = (
            p.quantile(0.1),
            p.quantile(0.25),
            p.quantile(0.75),
            p.quantile(0.9),
        );
        b25 += usize::from(*y < q25);
        a75 += usize::from(*y > q75);
        b10 += usize::from(*y < q10);
        a90 += usize::from(*y > q90);
        let bin = ((p.pit(*y) * PIT_BINS as f64) as usize).min(PIT_BINS - 1);
        pit[bin] += 1;
        interval += interval_score(q10, q90, *y, ALPHA);
        crps += p.crps(*y);
    }
    DistScores {
        n,
        cover50: 1.0 - share(b25 + a75),
        cover80: 1.0 - share(b10 + a90),
        below25: share(b25),
        above75: share(a75),
        below10: share(b10),
        above90: share(a90),
        pit: pit.map(share),
        interval: interval / n.max(1) as f64,
        crps: crps / n.max(1) as f64,
    }
}

/// Forecasts of an event whose probability fell in one band: how often it
/// happened against how often it was said to.
#[derive(Debug, Clone, PartialEq)]
pub struct ReliabilityBin {
    /// The band of probabilities, [lower, upper) (the last band includes 1).
    pub lower: f64,
    pub upper: f64,
    pub n: usize,
    /// Mean forecast probability in the band.
    pub mean_p: f64,
    /// Share of the band's cases in which the event happened.
    pub observed: f64,
}

/// Bands of the reliability diagram: fifths of [0, 1].
pub const RELIABILITY_BINS: usize = 5;

/// The scores of probabilities of an event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventScores {
    pub n: usize,
    /// Share of cases in which the event happened.
    pub observed: f64,
    /// Mean forecast probability.
    pub mean_p: f64,
    pub brier: f64,
    pub log: f64,
    /// The reliability diagram's bands that hold any case.
    pub reliability: Vec<ReliabilityBin>,
}

/// The bands of the reliability diagram that hold any of `forecasts`.
fn reliability(forecasts: &[(f64, bool)]) -> Vec<ReliabilityBin> {
    let width = 1.0 / RELIABILITY_BINS as f64;
    (0..RELIABILITY_BINS)
        .filter_map(|b| {
            let (lower, upper) = (b as f64 * width, (b + 1) as f64 * width);
            let last = b + 1 == RELIABILITY_BINS;
            let inside: Vec<&(f64, bool)> = forecasts
                .iter()
                .filter(|(p, _)| *p >= lower && (*p < upper || last))
                .collect();
            let k = inside.len();
            (k > 0).then(|| ReliabilityBin {
                lower,
                upper,
                n: k,
                mean_p: inside.iter().map(|f| f.0).sum::<f64>() / k as f64,
                observed: inside.iter().filter(|f| f.1).count() as f64 / k as f64,
            })
        })
        .collect()
}

/// Scores the probabilities `(p, happened)`.
pub fn score_events(forecasts: &[(f64, bool)]) -> EventScores {
    let n = forecasts.len().max(1) as f64;
    EventScores {
        n: forecasts.len(),
        observed: forecasts.iter().filter(|f| f.1).count() as f64 / n,
        mean_p: forecasts.iter().map(|f| f.0).sum::<f64>() / n,
        brier: forecasts.iter().map(|(p, h)| brier(*p, *h)).sum::<f64>() / n,
        log: forecasts
            .iter()
            .map(|(p, h)| log_score(*p, *h))
            .sum::<f64>()
            / n,
        reliability: reliability(forecasts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coin_flip_scores_a_quarter_and_ln_2() {
        let s = score_events(&[(0.5, true), (0.5, false), (0.5, true)]);
        assert!((s.brier - 0.25).abs() < 1e-12);
        assert!((s.log - std::f64::consts::LN_2).abs() < 1e-12);
        assert!((s.observed - 2.0 / 3.0).abs() < 1e-12);
        // One band of the reliability diagram, [0.4, 0.6): said 0.5, happened 2/3.
        assert_eq!(s.reliability.len(), 1);
        let band = &s.reliability[0];
        assert_eq!((band.lower, band.n), (0.4, 3));
        assert!((band.observed - 2.0 / 3.0).abs() < 1e-12);
        // Certain forecasts land in the first and last bands.
        let s = score_events(&[(0.0, false), (1.0, true), (1.0, true)]);
        let counts: Vec<usize> = s.reliability.iter().map(|b| b.n).collect();
        assert_eq!(counts, [1, 2]);
        assert_eq!(s.reliability[1].observed, 1.0);
    }

    #[test]
    fn the_crps_of_a_point_is_the_absolute_error() {
        let p = Predictive::sample(vec![2.0]);
        assert!((p.crps(2.5) - 0.5).abs() < 1e-12);
        assert!((p.crps(1.0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_closed_form_crps_agrees_with_a_large_sample() {
        // ln s ~ N(ln 2, 0.2²): a sample of evenly spaced quantiles.
        let (mu, sigma) = (2f64.ln(), 0.2);
        let exact = Predictive::LogNormal { mu, sigma };
        let m = 20_000;
        let draws: Vec<f64> = (0..m)
            .map(|i| exact.quantile((i as f64 + 0.5) / m as f64))
            .collect();
        let sample = Predictive::sample(draws);
        for y in [1.2, 2.0, 2.6, 4.0] {
            let (a, b) = (exact.crps(y), sample.crps(y));
            assert!((a - b).abs() < 2e-4, "{y}: {a} vs {b}");
        }
        assert!((exact.quantile(0.5) - 2.0).abs() < 1e-12);
        assert!((exact.cdf(2.0) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn the_interval_score_is_the_width_plus_the_penalised_miss() {
        assert_eq!(interval_score(1.0, 3.0, 2.0, 0.2), 2.0);
        assert!((interval_score(1.0, 3.0, 4.0, 0.2) - 12.0).abs() < 1e-12);
        assert!((interval_score(1.0, 3.0, 0.5, 0.2) - 7.0).abs() < 1e-12);
    }

    #[test]
    fn coverage_and_tails_add_up_and_a_calibrated_forecast_covers_its_bands() {
        // Outcomes at evenly spaced quantiles of their own forecast: calibrated.
        let p = Predictive::LogNormal {
            mu: 0.5,
            sigma: 0.3,
        };
        let forecasts: Vec<(Predictive, f64)> = (0..1000)
            .map(|i| (p.clone(), p.quantile((i as f64 + 0.5) / 1000.0)))
            .collect();
        let s = score_shares(&forecasts);
        assert!((s.cover80 - 0.8).abs() < 0.002, "{}", s.cover80);
        assert!((s.cover50 - 0.5).abs() < 0.002, "{}", s.cover50);
        assert!((s.cover80 + s.below10 + s.above90 - 1.0).abs() < 1e-12);
        for bin in s.pit {
            assert!((bin - 0.1).abs() < 0.002, "{:?}", s.pit);
        }
        // Too narrow (sigma x 0.3): the same outcomes fall outside on both sides.
        let narrow = Predictive::LogNormal {
            mu: 0.5,
            sigma: 0.09,
        };
        let t: Vec<(Predictive, f64)> = forecasts
            .iter()
            .map(|(_, y)| (narrow.clone(), *y))
            .collect();
        let n = score_shares(&t);
        assert!(
            n.cover80 < 0.4 && n.below10 > 0.25 && n.above90 > 0.25,
            "{n:?}"
        );
        assert!(n.interval > s.interval);
    }

    #[test]
    fn a_samples_quantiles_probabilities_and_pit() {
        let p = Predictive::sample(vec![3.0, 1.0, 2.0, 4.0]);
        assert_eq!(p.quantile(0.25), 1.0);
        assert_eq!(p.quantile(0.5), 2.0);
        assert_eq!(p.quantile(0.9), 4.0);
        assert_eq!(p.at_least(2.0), 0.75);
        assert_eq!(p.cdf(2.0), 0.5);
        assert_eq!(p.pit(2.0), 0.375);
        assert!((log_score(0.0, true) - 1000f64.ln()).abs() < 1e-9);
    }
}
