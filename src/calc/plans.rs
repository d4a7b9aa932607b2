//! National plans against a scenario's required path (METHOD: a plan is linear
//! in share between milestones and holds after its last; an ally with no plan
//! has none).

use super::path::{PathYear, Paths};

/// A milestone as the calculator needs it: a share of GDP (%) by a year.
pub type Point = (i32, f64);

/// The planned share in `year`: linear between the plan's points, held after
/// the last; before the first milestone, linear from `start` (NATO's share in
/// the baseline year) when it comes earlier; `None` before any point.
pub fn planned_share(milestones: &[Point], start: Option<Point>, year: i32) -> Option<f64> {
    let mut points: Vec<Point> = Vec::new();
    if let (Some(s), Some(first)) = (start, milestones.first()) {
        if s.0 < first.0 {
            points.push(s);
        }
    }
    points.extend(milestones.iter().copied());
    let last = *points.last()?;
    if year >= last.0 {
        return Some(last.1);
    }
    for w in points.windows(2) {
        let ((y0, s0), (y1, s1)) = (w[0], w[1]);
        if (y0..=y1).contains(&year) {
            let t = f64::from(year - y0) / f64::from(y1 - y0);
            return Some(s0 + (s1 - s0) * t);
        }
    }
    None
}

/// How a milestone fared against NATO's figure for its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Within [`RECORD_TOLERANCE`] of the planned share.
    Delivered,
    /// Below it by more.
    Short,
    /// Above it by more.
    Ahead,
    /// On a definition NATO's figure does not measure (a national count, or
    /// core expenditure against an edition of total expenditure).
    NotComparable,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Delivered => "delivered",
            Verdict::Short => "short",
            Verdict::Ahead => "ahead",
            Verdict::NotComparable => "not comparable",
        }
    }
}

/// A published share within this many points of the planned one delivers
/// it: plans are stated to a tenth of a point.
pub const RECORD_TOLERANCE: f64 = 0.05;

/// The verdict on a planned share that NATO has since published.
pub fn verdict(planned: f64, published: f64) -> Verdict {
    let d = published - planned;
    if d.abs() <= RECORD_TOLERANCE + 1e-9 {
        Verdict::Delivered
    } else if d < 0.0 {
        Verdict::Short
    } else {
        Verdict::Ahead
    }
}

/// One year of a plan beside the required path and NATO's figure.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanYear {
    pub year: i32,
    pub planned: Option<f64>,
    pub required: Option<f64>,
    pub published: Option<f64>,
}

impl PlanYear {
    /// The plan is below the required share this year (both known).
    pub fn behind(&self) -> bool {
        matches!((self.planned, self.required), (Some(p), Some(r)) if p + BEHIND_EPSILON < r)
    }
}

/// An ally's plan against its required path.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanComparison {
    pub code: String,
    pub years: Vec<PlanYear>,
    /// The first year after the baseline in which the plan is below the path.
    pub first_behind: Option<i32>,
    /// Planned less required share in the target year, points (negative: short).
    pub target_difference: Option<f64>,
    /// What the plan leaves short in the target year, USD million (0 when on or above the path).
    pub shortfall_usd_current_m: Option<f64>,
    pub shortfall_usd_constant_m: Option<f64>,
}

/// Tolerance for "behind the path": shares are compared as computed.
const BEHIND_EPSILON: f64 = 1e-9;

/// An ally's plan (`milestones`, year order) against its path in `paths`.
pub fn compare(paths: &Paths, code: &str, milestones: &[Point]) -> PlanComparison {
    let path: Vec<&PathYear> = paths.ally(code).collect();
    let start = path.first().and_then(|p| Some((p.year, p.baseline_share?)));
    let years: Vec<PlanYear> = path
        .iter()
        .map(|p| PlanYear {
            year: p.year,
            planned: planned_share(milestones, start, p.year),
            required: p.required_share,
            published: p.published_share,
        })
        .collect();
    let baseline = path.first().map(|p| p.year);
    let first_behind = years
        .iter()
        .filter(|y| Some(y.year) != baseline)
        .find(|y| y.behind())
        .map(|y| y.year);
    let last = path.last();
    let target = years.last();
    let target_difference = target.and_then(|y| Some(y.planned? - y.required?));
    let short = target_difference.map(|d| (-d).max(0.0));
    let money = |gdp: Option<f64>| Some(short? * super::PERCENT * gdp?);
    PlanComparison {
        code: code.to_string(),
        first_behind,
        target_difference,
        shortfall_usd_current_m: money(last.and_then(|p| p.gdp_current)),
        shortfall_usd_constant_m: money(last.and_then(|p| p.gdp_constant)),
        years,
    }
}

#[cfg(test)]
mod record_tests {
    use super::*;

    #[test]
    fn a_share_within_a_twentieth_of_a_point_delivers_its_plan() {
        assert_eq!(verdict(2.0, 2.01), Verdict::Delivered);
        assert_eq!(verdict(2.0, 1.95), Verdict::Delivered);
        assert_eq!(verdict(2.0, 1.94), Verdict::Short);
        assert_eq!(verdict(3.5, 3.56), Verdict::Ahead);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_is_linear_between_milestones_and_holds_after_the_last() {
        // Belgium's plan (national-plans-2025): 2.0% in 2025, 2.0% in 2033, 2.5% in 2034.
        let plan = [(2025, 2.0), (2033, 2.0), (2034, 2.5)];
        assert_eq!(planned_share(&plan, None, 2024), None, "before the plan");
        assert_eq!(planned_share(&plan, None, 2025), Some(2.0));
        assert_eq!(planned_share(&plan, None, 2030), Some(2.0));
        assert_eq!(planned_share(&plan, None, 2034), Some(2.5));
        assert_eq!(planned_share(&plan, None, 2035), Some(2.5), "held");
        // Czechia: 2.2% in 2026, 3.0% in 2030: 2.4, 2.6, 2.8 between, by hand.
        let cz = [(2026, 2.2), (2030, 3.0)];
        for (year, share) in [(2027, 2.4), (2028, 2.6), (2029, 2.8)] {
            let got = planned_share(&cz, None, year).unwrap();
            assert!((got - share).abs() < 1e-12, "{year}: {got}");
        }
        // From NATO's baseline share (1.5% in 2025) to the first milestone.
        let got = planned_share(&cz, Some((2025, 1.5)), 2025).unwrap();
        assert!((got - 1.5).abs() < 1e-12);
        let got = planned_share(&cz, Some((2024, 1.5)), 2025).unwrap();
        assert!((got - 1.85).abs() < 1e-12, "halfway from 1.5 to 2.2: {got}");
        // A milestone in the baseline year wins over the baseline share.
        assert_eq!(
            planned_share(&[(2025, 2.4)], Some((2025, 2.1)), 2025),
            Some(2.4)
        );
        assert_eq!(planned_share(&[], Some((2025, 2.1)), 2030), None, "no plan");
    }
}
