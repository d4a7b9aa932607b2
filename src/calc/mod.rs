//! The calculator: shares, gaps, group totals, aggregates, burden sharing and
//! scenario paths, computed on polars frames and handed back as Rust types.
//!
//! Inputs are the frames built by `data` (one row per ally and year, with the
//! measures of `data::expenditure::MEASURES`) and the allies. Every rule here
//! follows the project's METHOD: NATO's published share decides, gaps are
//! `max(0, t - s) / 100 * GDP`, groups add their members' positive gaps,
//! aggregates count an ally from its accession year. polars stays inside this
//! module and `data`; nothing outside reads a value by column name.

pub mod adjust;
pub mod crosscheck;
pub mod decompose;
pub mod definitions;
pub mod dispersion;
pub mod fiscal;
mod frames;
pub mod longrun;
pub mod montecarlo;
pub mod path;
pub mod percapita;
pub mod personnel;
pub mod plans;
pub mod pledges;
pub mod ppp;
mod read;
pub mod revisions;
pub mod scoring;
mod types;

use std::collections::BTreeMap;

use polars::prelude::*;

use crate::data::{Ally, EditionData, Group};
use crate::error::Result;
pub(crate) use frames::{
    aggregate_frame, allies_frame, ally_history_frame, burden_frame, movers_frame, standing_frame,
    MEETS_EPSILON,
};
pub use frames::{canonical, with_gaps, with_shares, PERCENT};
use frames::{read_histories, real_change};
use read::Reader;
pub use types::*;

/// The calculator over one edition's figures and the allies: every question
/// the commands ask, answered in the types of [`types`].
pub struct Calculator {
    expenditure: DataFrame,
    allies: DataFrame,
    ally_list: Vec<Ally>,
    /// The figures sorted by year, then ally, and where each year's rows start
    /// and how many there are: a year is a slice, never a filter (filtering a
    /// nullable column costs polars an 8 MiB zeroed buffer on first use).
    by_year: DataFrame,
    year_rows: Vec<(i32, usize, usize)>,
}

/// Every ally's standing against one target in one year, and the group totals
/// built from it.
pub struct Standings {
    pub year: i32,
    pub target: f64,
    /// Lowest share first; allies without a share (Iceland) last.
    pub rows: Vec<Standing>,
}

impl Standings {
    pub fn get(&self, code: &str) -> Option<&Standing> {
        self.rows.iter().find(|s| s.code == code)
    }

    pub fn with_status(&self, status: Status) -> impl Iterator<Item = &Standing> {
        self.rows.iter().filter(move |s| s.status == status)
    }

    /// A group's totals (METHOD: members' gaps add up; the target is never
    /// applied to the group's total): sums over the members' standings, a
    /// missing value adding nothing. The group's share is Σ constant spending ÷
    /// Σ constant GDP.
    pub fn group_total(&self, group: &Group) -> Result<GroupTotal> {
        let members: Vec<&Standing> = self
            .rows
            .iter()
            .filter(|s| group.contains(&s.code))
            .collect();
        let sum = |get: fn(&Standing) -> Option<f64>| -> f64 {
            members.iter().filter_map(|s| get(s)).sum()
        };
        let count = |keep: fn(&Standing) -> bool| members.iter().filter(|s| keep(s)).count() as u32;
        let share = sum(|s| s.defence_usd_constant_m) / sum(|s| s.gdp_constant) * 100.0;
        Ok(GroupTotal {
            key: group.key.clone(),
            label: group.label.clone(),
            target: self.target,
            members: count(|s| s.has_armed_forces),
            below: count(|s| s.status == Status::Below),
            meets: count(|s| s.status == Status::Meets),
            gap_usd_current_m: sum(|s| s.gap.usd_current_m),
            gap_usd_constant_m: sum(|s| s.gap.usd_constant_m),
            defence_usd_current_m: sum(|s| s.defence_usd_current_m),
            gdp_usd_current_m: sum(|s| s.gdp_usd_current_m),
            share: share.is_finite().then_some(share),
        })
    }
}

impl Calculator {
    /// `expenditure`: one row per ally and year (see `data::expenditure::to_frame`).
    pub fn new(expenditure: &DataFrame, allies: &[Ally]) -> Result<Self> {
        let by_year = expenditure.sort(["year", "code"], SortMultipleOptions::default())?;
        let mut year_rows: Vec<(i32, usize, usize)> = Vec::new();
        for (i, year) in Reader::new(&by_year).i32("year")?.into_iter().enumerate() {
            let Some(year) = year else { continue };
            match year_rows.last_mut() {
                Some((y, _, len)) if *y == year => *len += 1,
                _ => year_rows.push((year, i, 1)),
            }
        }
        Ok(Calculator {
            expenditure: expenditure.clone(),
            allies: allies_frame(allies)?,
            ally_list: allies.to_vec(),
            by_year,
            year_rows,
        })
    }

    pub fn for_edition(data: &EditionData, allies: &[Ally]) -> Result<Self> {
        Self::new(&data.expenditure, allies)
    }

    /// Does the edition publish constant-price GDP at all?
    pub fn has_constant_gdp(&self) -> bool {
        self.expenditure
            .column("gdp_usd_constant_m")
            .is_ok_and(|c| c.null_count() < c.len())
    }

    /// Every ally that was a member in `year`, with its share and its gap to
    /// `target`. Allies that joined later are left out; Iceland is kept, n/a.
    pub fn standing(&self, year: i32, target: f64) -> Result<Standings> {
        let mut one = self.standing_of(&self.members_in(year)?, year, &[target])?;
        Ok(one.remove(0))
    }

    /// [`Self::standing`] for several targets, from one query.
    pub fn standings(&self, year: i32, targets: &[f64]) -> Result<Vec<Standings>> {
        self.standing_of(&self.members_in(year)?, year, targets)
    }

    /// Every ally with its figures for `year`, members then or not (an ally's
    /// own record, as in the decomposition of its share).
    pub fn standing_all(&self, year: i32, target: f64) -> Result<Standings> {
        let mut one = self.standing_of(&self.allies, year, &[target])?;
        Ok(one.remove(0))
    }

    fn standing_of(
        &self,
        allies: &DataFrame,
        year: i32,
        targets: &[f64],
    ) -> Result<Vec<Standings>> {
        let frame = standing_frame(&self.year_figures(year), allies, year, targets)?;
        let r = Reader::new(&frame);
        let (codes, names) = (r.string("code")?, r.string("name")?);
        let forces = r.bool("has_armed_forces")?;
        let shares = r.f64("share")?;
        let sources = r.str("share_source")?;
        // Derived where the edition publishes no constant GDP but constant
        // spending and a share: read here rather than as a polars mask, whose
        // all-false AND costs polars a zeroed 8 MiB buffer at start-up.
        let (published_gdp, published_share) =
            (r.f64("gdp_usd_constant_m")?, r.f64("share_of_gdp")?);
        let spending = r.f64("defence_usd_current_m")?;
        let gdp = r.f64("gdp_usd_current_m")?;
        let spending_constant = r.f64("defence_usd_constant_m")?;
        let gdp_constant = r.f64("gdp_constant")?;
        let equipment = r.f64("equipment_pct")?;
        let mut out = Vec::with_capacity(targets.len());
        for (t, &target) in targets.iter().enumerate() {
            let meets = r.bool(&format!("meets_{t}"))?;
            let points = r.f64(&format!("gap_points_{t}"))?;
            let gap_current = r.f64(&format!("gap_usd_current_m_{t}"))?;
            let gap_constant = r.f64(&format!("gap_usd_constant_m_{t}"))?;
            let rows = (0..r.len())
                .map(|i| Standing {
                    code: codes[i].clone(),
                    name: names[i].clone(),
                    year,
                    has_armed_forces: forces[i].unwrap_or(true),
                    share: shares[i],
                    share_source: sources[i].as_deref().and_then(ShareSource::from_key),
                    status: Status::of(forces[i].unwrap_or(true), shares[i], meets[i]),
                    gap: Gap {
                        target,
                        points: points[i],
                        usd_current_m: gap_current[i],
                        usd_constant_m: gap_constant[i],
                    },
                    gdp_constant_derived: published_gdp[i].is_none()
                        && spending_constant[i].is_some()
                        && published_share[i].is_some(),
                    defence_usd_current_m: spending[i],
                    gdp_usd_current_m: gdp[i],
                    defence_usd_constant_m: spending_constant[i],
                    gdp_constant: gdp_constant[i],
                    equipment_pct: equipment[i],
                })
                .collect();
            out.push(Standings { year, target, rows });
        }
        Ok(out)
    }

    /// The year's rows (a slice of the year-sorted figures; empty if none).
    fn year_figures(&self, year: i32) -> DataFrame {
        let (offset, len) = self
            .year_rows
            .iter()
            .find(|(y, _, _)| *y == year)
            .map_or((0, 0), |(_, offset, len)| (*offset, *len));
        self.by_year.slice(offset as i64, len)
    }

    /// The allies frame of the members in `year`.
    fn members_in(&self, year: i32) -> Result<DataFrame> {
        let members: Vec<Ally> = self
            .ally_list
            .iter()
            .filter(|a| a.is_member_in(year))
            .cloned()
            .collect();
        Ok(allies_frame(&members)?)
    }

    /// `code`, `year`: each year of the figures in which each of the group's
    /// allies was a member (NATO counts an ally from the year it joined).
    fn membership(&self, group: &Group) -> Result<DataFrame> {
        let (mut codes, mut years) = (Vec::new(), Vec::new());
        for ally in self
            .ally_list
            .iter()
            .filter(|a| group.contains(&a.nato_code))
        {
            for (year, _, _) in self
                .year_rows
                .iter()
                .filter(|(y, _, _)| ally.is_member_in(*y))
            {
                codes.push(ally.nato_code.as_str());
                years.push(*year);
            }
        }
        Ok(DataFrame::new_infer_height(vec![
            Column::new("code".into(), codes),
            Column::new("year".into(), years),
        ])?)
    }

    /// A group's totals by year, counting each ally from its accession year.
    pub fn aggregate(&self, group: &Group) -> Result<Vec<Aggregate>> {
        let df = aggregate_frame(&self.expenditure, &self.membership(group)?)?;
        let r = Reader::new(&df);
        let years = r.i32("year")?;
        let estimates = r.bool("estimate")?;
        let spending_cur = r.f64_or_zero("defence_usd_current_m")?;
        let spending_con = r.f64_or_zero("defence_usd_constant_m")?;
        let gdp_cur = r.f64_or_zero("gdp_usd_current_m")?;
        let gdp_con = r.f64_or_zero("gdp_usd_constant_m")?;
        let gdp_constant = r.f64_or_zero("gdp_constant")?;
        let counted = r.u32("allies_counted")?;
        let shares = r.f64("share")?;
        Ok((0..r.len())
            .filter_map(|i| {
                Some(Aggregate {
                    year: years[i]?,
                    estimate: estimates[i].unwrap_or(false),
                    defence_usd_current_m: spending_cur[i],
                    defence_usd_constant_m: spending_con[i],
                    gdp_usd_current_m: gdp_cur[i],
                    gdp_usd_constant_m: gdp_con[i],
                    gdp_constant: gdp_constant[i],
                    allies_counted: counted[i],
                    share: shares[i],
                })
            })
            .collect())
    }

    /// Every ally's history in one pass over the edition: code → years, in
    /// year order, as [`Calculator::ally_history`] gives them one by one.
    pub fn histories(&self) -> Result<BTreeMap<String, Vec<AllyYear>>> {
        let df = with_shares(canonical(&self.expenditure)).collect()?;
        read_histories(&df)
    }

    /// One ally across all years of the edition, by year.
    pub fn ally_history(&self, code: &str) -> Result<Vec<AllyYear>> {
        let df = ally_history_frame(&self.expenditure, code)?;
        Ok(read_histories(&df)?.remove(code).unwrap_or_default())
    }

    /// Every ally's annual real changes of spending (%), years `..=up_to`, in
    /// year order: NATO's published real change where there is one, else the
    /// change of constant-price spending on the year before ([`real_change`]).
    pub fn real_changes(&self, up_to: i32) -> Result<std::collections::BTreeMap<String, Vec<f64>>> {
        let df = self
            .expenditure
            .sort(["code", "year"], SortMultipleOptions::default())?;
        let r = Reader::new(&df);
        let codes = r.string("code")?;
        let years = r.i32("year")?;
        let published = r.f64("real_change_pct")?;
        let spending = r.f64("defence_usd_constant_m")?;
        let mut out: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
        for i in 0..r.len() {
            let Some(year) = years[i].filter(|y| *y <= up_to) else {
                continue;
            };
            let before = (i > 0 && codes[i - 1] == codes[i] && years[i - 1] == Some(year - 1))
                .then(|| spending[i - 1])
                .flatten();
            if let Some(change) = real_change(published[i], spending[i], before) {
                out.entry(codes[i].clone()).or_default().push(change);
            }
        }
        Ok(out)
    }

    /// Burden sharing in `year` among the allies that were members.
    pub fn burden(&self, year: i32) -> Result<Burden> {
        let df = burden_frame(&self.year_figures(year), &self.members_in(year)?)?;
        let r = Reader::new(&df);
        let (codes, names) = (r.string("code")?, r.string("name")?);
        let forces = r.bool("has_armed_forces")?;
        let spending = r.f64("defence_usd_current_m")?;
        let gdp = r.f64("gdp_usd_current_m")?;
        let spending_share = r.f64("spending_share")?;
        let gdp_share = r.f64("gdp_share")?;
        let points = r.f64("difference_points")?;
        let money = r.f64("difference_usd_current_m")?;
        let average = r.f64("allied_average_share")?;
        let rows = (0..r.len())
            .map(|i| BurdenRow {
                code: codes[i].clone(),
                name: names[i].clone(),
                has_armed_forces: forces[i].unwrap_or(true),
                defence_usd_current_m: spending[i],
                gdp_usd_current_m: gdp[i],
                spending_share: spending_share[i],
                gdp_share: gdp_share[i],
                difference_points: points[i],
                difference_usd_current_m: money[i],
            })
            .collect();
        Ok(Burden {
            year,
            rows,
            allied_average_share: average.first().copied().flatten(),
        })
    }

    /// The United States against Europe and Canada, every year of the edition:
    /// the two groups' aggregates side by side, and the US share of their
    /// spending (current prices).
    pub fn us_vs_europe(&self, us: &Group, europe_canada: &Group) -> Result<Vec<UsEuropeYear>> {
        let europe = self.aggregate(europe_canada)?;
        Ok(self
            .aggregate(us)?
            .into_iter()
            .filter_map(|u| {
                let e = europe.iter().find(|e| e.year == u.year)?;
                let share = u.defence_usd_current_m
                    / (u.defence_usd_current_m + e.defence_usd_current_m)
                    * 100.0;
                Some(UsEuropeYear {
                    year: u.year,
                    estimate: u.estimate,
                    us_usd_current_m: u.defence_usd_current_m,
                    us_usd_constant_m: u.defence_usd_constant_m,
                    europe_canada_usd_current_m: e.defence_usd_current_m,
                    europe_canada_usd_constant_m: e.defence_usd_constant_m,
                    us_share_of_allied_spending: share.is_finite().then_some(share),
                })
            })
            .collect())
    }

    /// Change in share of GDP between two years, largest rise first.
    pub fn movers(&self, from: i32, to: i32) -> Result<Vec<Mover>> {
        let df = movers_frame(&self.expenditure, &self.allies, from, to)?;
        let r = Reader::new(&df);
        let (codes, names) = (r.string("code")?, r.string("name")?);
        let (from, to, change) = (r.f64("share_from")?, r.f64("share_to")?, r.f64("change")?);
        Ok((0..r.len())
            .filter_map(|i| {
                Some(Mover {
                    code: codes[i].clone(),
                    name: names[i].clone(),
                    share_from: from[i]?,
                    share_to: to[i]?,
                    change: change[i]?,
                })
            })
            .collect())
    }

    /// A scenario's year-by-year paths (see [`path`]).
    pub fn paths(
        &self,
        plan: &[path::Plan],
        baseline_year: i32,
        target_year: i32,
        inflation_pct: f64,
    ) -> Result<path::Paths> {
        path::Paths::compute(
            &self.expenditure,
            &self.year_figures(baseline_year),
            plan,
            baseline_year,
            target_year,
            inflation_pct,
        )
    }
}

/// The targets defspend reports by default, % of GDP, defined once.
pub mod targets {
    /// NATO's 2% of GDP guideline (Wales, 2014).
    pub const GUIDELINE: f64 = 2.0;
    /// `compare`: the guideline, 3% (voiced in 2024), 3.5% core and 5% (The Hague, 2025).
    pub const COMPARE: [f64; 4] = [2.0, 3.0, 3.5, 5.0];
    /// The report's findings and the gaps chart: 2%, 3% and 3.5%.
    pub const REPORT: [f64; 3] = [2.0, 3.0, 3.5];
    /// The shares chart's reference lines.
    pub const SHARES_CHART: [f64; 2] = [2.0, 3.0];
    /// NATO's guideline for equipment, % of defence expenditure.
    pub const EQUIPMENT_GUIDELINE: f64 = 20.0;
    /// The scenario the forecasting questions and their charts (trajectory,
    /// plans, odds, fan) start from by default: The Hague's commitment.
    pub const DEFAULT_SCENARIO: &str = "hague-2035";
}

#[cfg(test)]
mod tests;
