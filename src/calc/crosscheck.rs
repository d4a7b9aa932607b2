//! NATO against SIPRI: each ally's share of GDP in one year from both sources,
//! the difference, and whether the 2% verdict differs. The two are set side
//! by side, never mixed.

use super::types::{Standing, Status};
use super::MEETS_EPSILON;
use crate::data::sipri::{Cell, Table};
use crate::data::Ally;

#[derive(Debug, Clone, PartialEq)]
pub struct CrossRow {
    pub code: String,
    pub name: String,
    pub nato: Option<f64>,
    pub nato_estimate: bool,
    pub sipri: Cell,
    /// NATO − SIPRI, points.
    pub difference: Option<f64>,
    pub nato_meets: Option<bool>,
    pub sipri_meets: Option<bool>,
}

impl CrossRow {
    /// Both sources have a figure and only one of them meets the target.
    pub fn verdicts_differ(&self) -> bool {
        matches!((self.nato_meets, self.sipri_meets), (Some(a), Some(b)) if a != b)
    }
}

/// One row per ally counted in `standings` (members with armed forces), the
/// largest difference first; rows without both figures last.
pub fn crosscheck(
    standings: &[Standing],
    sipri_share: &Table,
    allies: &[Ally],
    year: i32,
    estimate: bool,
    target: f64,
) -> Vec<CrossRow> {
    let meets = |v: f64| v >= target - MEETS_EPSILON;
    let mut rows: Vec<CrossRow> = standings
        .iter()
        .filter(|s| s.status != Status::NotApplicable)
        .map(|s| {
            let iso3 = allies
                .iter()
                .find(|a| a.nato_code == s.code)
                .map_or("", |a| a.iso3.as_str());
            let sipri = sipri_share.cell(iso3, year).unwrap_or(Cell::BLANK);
            let sipri_value = sipri.value.filter(|_| sipri.state.has_value());
            let difference = s.share.zip(sipri_value).map(|(n, p)| n - p);
            CrossRow {
                code: s.code.clone(),
                name: s.name.clone(),
                nato: s.share,
                nato_estimate: estimate,
                sipri,
                difference,
                nato_meets: s.share.map(meets),
                sipri_meets: sipri_value.map(meets),
            }
        })
        .collect();
    rows.sort_by(|a, b| match (a.difference, b.difference) {
        (Some(x), Some(y)) => y.abs().total_cmp(&x.abs()).then(a.name.cmp(&b.name)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.name.cmp(&b.name),
    });
    rows
}
