//! How far apart allies' shares of GDP are in a year: the mean (simple and
//! weighted by GDP), the standard deviation, the coefficient of variation,
//! the spread between the 90th and 10th percentiles, the top five's mean
//! less the bottom five's, and the gap between two groups' means. Whether
//! "the gap widens" depends on the measure: in points it can widen while,
//! relative to a rising mean, it narrows.

use super::Calculator;
use crate::data::{Ally, Group};
use crate::error::Result;

/// The two groups whose means are set against each other unless asked
/// otherwise: the Bucharest Nine and Spain, Italy and Portugal.
pub const DEFAULT_PAIR: [&str; 2] = [
    crate::data::groups::EASTERN_FLANK,
    crate::data::groups::SOUTH,
];

/// An ally's share of GDP in a year and its GDP in current USD.
#[derive(Debug, Clone, Copy)]
pub struct Point<'a> {
    pub code: &'a str,
    pub share: f64,
    pub gdp_usd_current_m: Option<f64>,
}

/// One year's spread of shares over the allies counted.
#[derive(Debug, Clone, PartialEq)]
pub struct YearSpread {
    pub year: i32,
    /// Allies counted: members that year, with armed forces and a share.
    pub allies: usize,
    /// Simple mean of the shares, % of GDP.
    pub mean: f64,
    /// Mean weighted by GDP in current USD, % of GDP.
    pub weighted_mean: f64,
    /// Standard deviation of the shares (of the allies themselves, not of a
    /// sample: divided by n), points.
    pub sd: f64,
    /// Standard deviation over the mean.
    pub cv: f64,
    /// 90th less 10th percentile (linear between the closest ranks), points.
    pub p90_p10: f64,
    /// Mean of the five highest shares less that of the five lowest, points.
    pub top_bottom: f64,
    /// The first group's mean share and the second's (members counted that year).
    pub groups: (Option<f64>, Option<f64>),
    /// Allies counted but left out of the GDP-weighted mean: no GDP in
    /// current USD that year.
    pub unweighted: Vec<String>,
}

impl YearSpread {
    /// The first group's mean less the second's, points.
    pub fn group_gap(&self) -> Option<f64> {
        Some(self.groups.0? - self.groups.1?)
    }
}

/// A measure of dispersion, for sentences and tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Sd,
    Cv,
    P90P10,
    TopBottom,
    GroupGap,
}

impl Measure {
    pub const ALL: [Measure; 5] = [
        Measure::Sd,
        Measure::Cv,
        Measure::P90P10,
        Measure::TopBottom,
        Measure::GroupGap,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Measure::Sd => "sd_points",
            Measure::Cv => "cv",
            Measure::P90P10 => "p90_p10_points",
            Measure::TopBottom => "top5_bottom5_points",
            Measure::GroupGap => "group_gap_points",
        }
    }

    pub fn value(self, y: &YearSpread) -> Option<f64> {
        match self {
            Measure::Sd => Some(y.sd),
            Measure::Cv => Some(y.cv),
            Measure::P90P10 => Some(y.p90_p10),
            Measure::TopBottom => Some(y.top_bottom),
            Measure::GroupGap => y.group_gap(),
        }
    }

    /// Whether it is in points of GDP (the coefficient of variation is a ratio).
    pub fn in_points(self) -> bool {
        self != Measure::Cv
    }
}

/// The `q` quantile of `sorted` shares, linear between the closest ranks
/// (Hyndman and Fan's type 7, the default of R and numpy).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// The spread over `points` (the allies counted in `year`: members with
/// armed forces and a share) of those of `over`; `pair` the two groups whose
/// means are set against each other. `None` when no ally is counted.
pub fn of_year(
    year: i32,
    points: &[Point],
    over: &Group,
    pair: (&Group, &Group),
) -> Option<YearSpread> {
    let counted: Vec<(&Point, f64)> = points
        .iter()
        .filter(|p| over.contains(p.code))
        .map(|p| (p, p.share))
        .collect();
    if counted.is_empty() {
        return None;
    }
    let n = counted.len() as f64;
    let mut shares: Vec<f64> = counted.iter().map(|c| c.1).collect();
    shares.sort_by(f64::total_cmp);
    let mean = shares.iter().sum::<f64>() / n;
    let sd = (shares.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / n).sqrt();
    let weights: Vec<(f64, f64)> = counted
        .iter()
        .filter_map(|(p, share)| Some((*share, p.gdp_usd_current_m?)))
        .collect();
    let unweighted: Vec<String> = counted
        .iter()
        .filter(|(p, _)| p.gdp_usd_current_m.is_none())
        .map(|(p, _)| p.code.to_string())
        .collect();
    let gdp: f64 = weights.iter().map(|w| w.1).sum();
    let weighted_mean = weights.iter().map(|(s, g)| s * g).sum::<f64>() / gdp;
    let k = shares.len().min(5);
    let top = shares[shares.len() - k..].iter().sum::<f64>() / k as f64;
    let bottom = shares[..k].iter().sum::<f64>() / k as f64;
    let group_mean = |g: &Group| {
        let mine: Vec<f64> = counted
            .iter()
            .filter(|c| g.contains(c.0.code))
            .map(|c| c.1)
            .collect();
        (!mine.is_empty()).then(|| mine.iter().sum::<f64>() / mine.len() as f64)
    };
    Some(YearSpread {
        year,
        allies: counted.len(),
        unweighted,
        mean,
        weighted_mean,
        sd,
        cv: sd / mean,
        p90_p10: quantile(&shares, 0.9) - quantile(&shares, 0.1),
        top_bottom: top - bottom,
        groups: (group_mean(pair.0), group_mean(pair.1)),
    })
}

/// The spread of every year of `years` in the calculator's edition (years
/// with no ally counted are left out); `allies` says who was a member, and
/// with armed forces, each year.
pub fn by_year(
    calc: &Calculator,
    allies: &[Ally],
    years: impl IntoIterator<Item = i32>,
    over: &Group,
    pair: (&Group, &Group),
) -> Result<Vec<YearSpread>> {
    let histories = calc.histories()?;
    let mut out = Vec::new();
    for year in years {
        let points: Vec<Point> = allies
            .iter()
            .filter(|a| a.has_armed_forces && a.is_member_in(year))
            .filter_map(|a| {
                let y = histories
                    .get(&a.nato_code)?
                    .iter()
                    .find(|y| y.year == year)?;
                Some(Point {
                    code: &a.nato_code,
                    share: y.share?,
                    gdp_usd_current_m: y.gdp_usd_current_m,
                })
            })
            .collect();
        out.extend(of_year(year, &points, over, pair));
    }
    Ok(out)
}

/// The spread of every year of SIPRI's release from `first_year`: each
/// ally's share of GDP as SIPRI gives it (its own definition), members
/// counted from accession; GDP in current USD is SIPRI's spending in current
/// USD over its share.
pub fn by_year_sipri(
    sipri: &crate::data::sipri::Sipri,
    allies: &[Ally],
    first_year: i32,
    over: &Group,
    pair: (&Group, &Group),
) -> Result<Vec<YearSpread>> {
    use crate::data::sipri::Measure as M;
    let (Some(shares), usd) = (sipri.table(M::ShareOfGdp), sipri.table(M::CurrentUsd)) else {
        return Err(crate::error::Error::data(
            &sipri.release.id,
            "the release has no share-of-GDP table",
        ));
    };
    let mut out = Vec::new();
    for &year in shares.years.iter().filter(|y| **y >= first_year) {
        let points: Vec<Point> = allies
            .iter()
            .filter(|a| a.has_armed_forces && a.is_member_in(year))
            .filter_map(|a| {
                let share = shares.cell(&a.iso3, year)?.value.filter(|v| *v > 0.0)?;
                let spending = usd.and_then(|t| t.cell(&a.iso3, year)?.value);
                Some(Point {
                    code: &a.nato_code,
                    share,
                    gdp_usd_current_m: spending.filter(|v| *v > 0.0).map(|v| v / (share / 100.0)),
                })
            })
            .collect();
        out.extend(of_year(year, &points, over, pair));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_linear_between_ranks() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.5), 3.0);
        assert!((quantile(&v, 0.9) - 4.6).abs() < 1e-12);
        assert!((quantile(&v, 0.1) - 1.4).abs() < 1e-12);
        assert_eq!(quantile(&[2.0], 0.9), 2.0);
    }
}
