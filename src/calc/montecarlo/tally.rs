//! The draws' tally: a histogram of shares per series and year (bins even
//! in the log of the share), the counts at or above the target, and the
//! percentiles read from the bins.

use super::*;

/// A histogram of shares per series and year, and the count at or above target.
#[derive(Clone)]
pub(super) struct Tally {
    /// [series][year] -> bins (empty for years not kept).
    pub(super) bins: Vec<Vec<Vec<u32>>>,
    pub(super) hits: Vec<u64>,
    pub(super) persists_hits: Vec<u64>,
    pub(super) no_drift_hits: Vec<u64>,
}

impl Tally {
    pub(super) fn new(series: &[Series], years: usize) -> Self {
        Tally {
            bins: series
                .iter()
                .map(|s| {
                    (0..years)
                        .map(|y| {
                            if s.every_year || y + 1 == years {
                                vec![0; BINS]
                            } else {
                                Vec::new()
                            }
                        })
                        .collect()
                })
                .collect(),
            hits: vec![0; series.len()],
            persists_hits: vec![0; series.len()],
            no_drift_hits: vec![0; series.len()],
        }
    }

    pub(super) fn merge(mut self, other: Tally) -> Tally {
        for (a, b) in self.bins.iter_mut().zip(other.bins) {
            for (ya, yb) in a.iter_mut().zip(b) {
                for (x, y) in ya.iter_mut().zip(yb) {
                    *x += y;
                }
            }
        }
        for (a, b) in self.hits.iter_mut().zip(other.hits) {
            *a += b;
        }
        for (a, b) in self.persists_hits.iter_mut().zip(other.persists_hits) {
            *a += b;
        }
        for (a, b) in self.no_drift_hits.iter_mut().zip(other.no_drift_hits) {
            *a += b;
        }
        self
    }
}

pub(super) fn bin_of(share: f64) -> usize {
    if share.is_nan() || share <= 0.0 {
        0
    } else {
        bin_of_ln(share.ln())
    }
}

/// The bin of a share given as its log.
pub(super) fn bin_of_ln(ln: f64) -> usize {
    if ln.is_nan() {
        0
    } else {
        (((ln - LN_MIN) / STEP).max(0.0) as usize).min(BINS - 1)
    }
}

/// The share at the centre of bin `i`.
pub(super) fn centre(i: usize) -> f64 {
    (LN_MIN + (i as f64 + 0.5) * STEP).exp()
}

/// The share at quantile `q` of a histogram: the centre of the bin holding it
/// (one scan per quantile: the reference that [`quantiles`] must match).
#[cfg(test)]
pub(super) fn quantile(bins: &[u32], total: u64, q: f64) -> f64 {
    let rank = (q * total as f64).ceil().max(1.0) as u64;
    let mut seen = 0u64;
    for (i, &n) in bins.iter().enumerate() {
        seen += u64::from(n);
        if seen >= rank {
            return centre(i);
        }
    }
    centre(BINS - 1)
}

/// The `qs` quantiles of `total` draws (ascending), in one pass over the
/// bins: each is what [`quantile`] gives.
pub(super) fn quantiles_of<const N: usize>(bins: &[u32], total: u64, qs: [f64; N]) -> [f64; N] {
    let ranks: [u64; N] = qs.map(|q| (q * total as f64).ceil().max(1.0) as u64);
    // The bin holding each rank (the last bin when the draws fall short).
    let mut found = [BINS - 1; N];
    let (mut next, mut seen) = (0, 0u64);
    for (i, &n) in bins.iter().enumerate() {
        seen += u64::from(n);
        while next < N && seen >= ranks[next] {
            found[next] = i;
            next += 1;
        }
        if next == N {
            break;
        }
    }
    found.map(centre)
}

/// The 10th to 90th percentiles of `total` draws and the Monte Carlo
/// standard errors of the 10th, 50th and 90th: half the distance between the
/// quantiles one binomial standard error either side (the order-statistic
/// interval).
pub(super) fn quantiles(bins: &[u32], total: u64) -> Quantiles {
    let se = |q: f64| (q * (1.0 - q) / total as f64).sqrt();
    let (s10, s50, s90) = (se(0.10), se(0.50), se(0.90));
    let mut qs = [
        0.10,
        0.25,
        0.50,
        0.75,
        0.90,
        (0.10 - s10).max(0.0),
        (0.10 + s10).min(1.0),
        (0.50 - s50).max(0.0),
        (0.50 + s50).min(1.0),
        (0.90 - s90).max(0.0),
        (0.90 + s90).min(1.0),
    ];
    // One pass wants them in order; remember where each went.
    let mut order: [usize; 11] = std::array::from_fn(|i| i);
    order.sort_by(|&a, &b| qs[a].total_cmp(&qs[b]));
    let sorted: [f64; 11] = std::array::from_fn(|i| qs[order[i]]);
    let found = quantiles_of(bins, total, sorted);
    for (k, &i) in order.iter().enumerate() {
        qs[i] = found[k];
    }
    Quantiles {
        p10: qs[0],
        p25: qs[1],
        p50: qs[2],
        p75: qs[3],
        p90: qs[4],
        p10_se: (qs[6] - qs[5]) / 2.0,
        p50_se: (qs[8] - qs[7]) / 2.0,
        p90_se: (qs[10] - qs[9]) / 2.0,
    }
}
