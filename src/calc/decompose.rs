//! Why a share moved (METHOD): NATO's share is s = D/Y, spending and GDP both
//! at constant prices, so with g_D and g_Y the cumulative real growth of
//! spending and GDP,
//! `s1 - s0 = s0 g_D / (1 + g_Y) - s0 g_Y / (1 + g_Y)`:
//! a spending effect and a GDP effect that add up exactly to the change.

use super::{Standing, Standings};
use crate::data::Group;

/// The change of a share between two years, split into its two effects.
#[derive(Debug, Clone, PartialEq)]
pub struct Decomposition {
    /// NATO code, or a group's key.
    pub code: String,
    pub name: String,
    /// D/Y at constant prices in each year, %.
    pub share_from: f64,
    pub share_to: f64,
    /// NATO's published shares, where there are.
    pub published_from: Option<f64>,
    pub published_to: Option<f64>,
    /// Cumulative real growth of spending and of GDP between the years, %.
    pub spending_growth_pct: f64,
    pub gdp_growth_pct: f64,
    /// Points of GDP: `s0 g_D / (1 + g_Y)` and `-s0 g_Y / (1 + g_Y)`.
    pub spending_effect: f64,
    pub gdp_effect: f64,
}

impl Decomposition {
    /// `share_to - share_from`, which the two effects add up to.
    pub fn change(&self) -> f64 {
        self.share_to - self.share_from
    }

    /// NATO's published change, where both shares are published.
    pub fn published_change(&self) -> Option<f64> {
        Some(self.published_to? - self.published_from?)
    }

    /// The share rose (or held) although GDP shrank or stagnated: the
    /// spending effect is smaller than the GDP effect.
    pub fn carried_by_gdp(&self) -> bool {
        self.gdp_effect > 0.0 && self.gdp_effect >= self.spending_effect
    }
}

/// Spending and GDP (constant prices) in two years: the decomposition.
fn split(
    code: &str,
    name: &str,
    (d0, y0): (f64, f64),
    (d1, y1): (f64, f64),
    published: (Option<f64>, Option<f64>),
) -> Option<Decomposition> {
    if !(d0 > 0.0 && y0 > 0.0 && d1 >= 0.0 && y1 > 0.0) {
        return None;
    }
    let (g_d, g_y) = (d1 / d0 - 1.0, y1 / y0 - 1.0);
    let s0 = d0 / y0 * 100.0;
    Some(Decomposition {
        code: code.to_string(),
        name: name.to_string(),
        share_from: s0,
        share_to: d1 / y1 * 100.0,
        published_from: published.0,
        published_to: published.1,
        spending_growth_pct: g_d * 100.0,
        gdp_growth_pct: g_y * 100.0,
        spending_effect: s0 * g_d / (1.0 + g_y),
        gdp_effect: -s0 * g_y / (1.0 + g_y),
    })
}

/// Constant-price spending and GDP of a standing, if both are known.
fn amounts(s: &Standing) -> Option<(f64, f64)> {
    Some((s.defence_usd_constant_m?, s.gdp_constant?))
}

/// Every ally with figures in both years, largest change first.
pub fn allies(from: &Standings, to: &Standings) -> Vec<Decomposition> {
    let mut out: Vec<Decomposition> = to
        .rows
        .iter()
        .filter_map(|s1| {
            let s0 = from.get(&s1.code)?;
            split(
                &s1.code,
                &s1.name,
                amounts(s0)?,
                amounts(s1)?,
                (s0.share, s1.share),
            )
        })
        .collect();
    out.sort_by(|a, b| b.change().total_cmp(&a.change()).then(a.name.cmp(&b.name)));
    out
}

/// A group: its members' spending and GDP added up in each year, counting the
/// allies that were members in the later year and have figures in both.
pub fn group(from: &Standings, to: &Standings, group: &Group) -> Option<Decomposition> {
    let (mut before, mut after) = ((0.0, 0.0), (0.0, 0.0));
    for s1 in to.rows.iter().filter(|s| group.contains(&s.code)) {
        let (Some(a0), Some(a1)) = (from.get(&s1.code).and_then(amounts), amounts(s1)) else {
            continue;
        };
        before = (before.0 + a0.0, before.1 + a0.1);
        after = (after.0 + a1.0, after.1 + a1.1);
    }
    split(&group.key, &group.label, before, after, (None, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_effects_add_up_to_the_change() {
        // Spending +10%, GDP -5%: the share rises from 2% by 2 x 0.15 / 0.95 points.
        let d = split("AA", "A", (20.0, 1000.0), (22.0, 950.0), (None, None)).unwrap();
        assert!((d.change() - (22.0 / 950.0 * 100.0 - 2.0)).abs() < 1e-12);
        assert!((d.spending_effect + d.gdp_effect - d.change()).abs() < 1e-12);
        assert!((d.spending_effect - 2.0 * 0.10 / 0.95).abs() < 1e-12);
        assert!((d.gdp_effect - 2.0 * 0.05 / 0.95).abs() < 1e-12);
        assert!((d.spending_growth_pct - 10.0).abs() < 1e-9);
        assert!((d.gdp_growth_pct + 5.0).abs() < 1e-9);
        // Spending flat, GDP down 10%: a higher share carried by GDP alone.
        let g = split("BB", "B", (20.0, 1000.0), (20.0, 900.0), (None, None)).unwrap();
        assert!(g.change() > 0.0 && g.spending_effect == 0.0 && g.carried_by_gdp());
        assert!(split("CC", "C", (0.0, 1000.0), (20.0, 900.0), (None, None)).is_none());
    }
}
