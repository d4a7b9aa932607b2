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
pub mod dispersion;
pub mod fiscal;
pub mod longrun;
pub mod montecarlo;
pub mod path;
pub mod percapita;
pub mod plans;
pub mod pledges;
mod read;
pub mod revisions;
pub mod scoring;
mod types;

use std::collections::BTreeMap;

use polars::prelude::*;

use crate::data::{Ally, EditionData, Group};
use crate::error::Result;
use read::Reader;
pub use types::*;

/// One percent, as a multiplier (see [`with_gaps`] for why not `/ 100`).
pub const PERCENT: f64 = 0.01;

/// Tolerance for "meets the target": the published share is compared as published.
pub(crate) const MEETS_EPSILON: f64 = 1e-9;
/// The allies reference as a frame: `code`, `name`, `accession_year`, `region`,
/// `eu_member`, `has_armed_forces`, `note`.
pub(crate) fn allies_frame(allies: &[Ally]) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(vec![
        Column::new(
            "code".into(),
            allies
                .iter()
                .map(|a| a.nato_code.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "name".into(),
            allies.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "accession_year".into(),
            allies
                .iter()
                .map(|a| a.accession_year())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "north_america".into(),
            allies
                .iter()
                .map(|a| a.region == crate::data::allies::Region::NorthAmerica)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "eu_member".into(),
            allies.iter().map(|a| a.eu_member).collect::<Vec<_>>(),
        ),
        Column::new(
            "has_armed_forces".into(),
            allies
                .iter()
                .map(|a| a.has_armed_forces)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "note".into(),
            allies.iter().map(|a| a.note.as_deref()).collect::<Vec<_>>(),
        ),
    ])
}

/// The rows in one order (ally code, then year) whatever the order given: float
/// sums, and even vectorised arithmetic, can differ in the last bit with a
/// row's position, and results must not depend on the order of the data.
pub fn canonical(expenditure: &DataFrame) -> LazyFrame {
    expenditure
        .clone()
        .lazy()
        .sort(["code", "year"], SortMultipleOptions::default())
}

/// `max(0, x)` for a nullable float expression.
fn positive_part(x: Expr) -> Expr {
    when(x.clone().gt(lit(0.0))).then(x).otherwise(lit(0.0))
}

/// Adds the share of GDP that decides targets, and where it came from:
/// - `share` — the published share where there is one, else constant ÷ constant,
///   else current ÷ current;
/// - `share_source` — see [`share_source`];
/// - `gdp_constant` — constant-price GDP, or where the edition publishes none
///   (the 2026 transcription), constant spending ÷ published share;
pub fn with_shares(frame: LazyFrame) -> LazyFrame {
    let constant_ratio = col("defence_usd_constant_m") / col("gdp_usd_constant_m") * lit(100.0);
    let nominal_ratio = col("defence_usd_current_m") / col("gdp_usd_current_m") * lit(100.0);
    frame.with_columns([
        when(col("share_of_gdp").is_not_null())
            .then(col("share_of_gdp"))
            .when(constant_ratio.clone().is_not_null())
            .then(constant_ratio.clone())
            .otherwise(nominal_ratio.clone())
            .alias("share"),
        when(col("share_of_gdp").is_not_null())
            .then(lit(ShareSource::Published.key()))
            .when(constant_ratio.is_not_null())
            .then(lit(ShareSource::ConstantRatio.key()))
            .when(nominal_ratio.is_not_null())
            .then(lit(ShareSource::NominalRatio.key()))
            // No share at all: an empty text, read back as no source (a null
            // literal would make polars allocate a zeroed 8 MiB buffer).
            .otherwise(lit(""))
            .alias("share_source"),
        when(col("gdp_usd_constant_m").is_not_null())
            .then(col("gdp_usd_constant_m"))
            .otherwise(col("defence_usd_constant_m") / col("share_of_gdp") * lit(100.0))
            .alias("gdp_constant"),
    ])
}

/// Adds the gap to `target` (% of GDP): `gap_points`, `gap_usd_current_m`,
/// `gap_usd_constant_m`, and `meets`. Needs the columns of [`with_shares`].
pub fn with_gaps(frame: LazyFrame, target: f64) -> LazyFrame {
    frame.with_columns(gap_columns(target, ""))
}

/// The columns of [`with_gaps`], their names ending in `suffix` (several
/// targets in one frame).
fn gap_columns(target: f64, suffix: &str) -> [Expr; 4] {
    let gap = positive_part(lit(target) - col("share"));
    [
        gap.clone().alias(format!("gap_points{suffix}")),
        // `* 0.01`, never `/ 100`: polars may evaluate a division by a literal as a
        // multiplication by its reciprocal on some paths and not others, and a
        // result must not change in the last bit with the query plan.
        (gap.clone() * lit(PERCENT) * col("gdp_usd_current_m"))
            .alias(format!("gap_usd_current_m{suffix}")),
        (gap * lit(PERCENT) * col("gdp_constant")).alias(format!("gap_usd_constant_m{suffix}")),
        col("share")
            .gt_eq(lit(target - MEETS_EPSILON))
            .alias(format!("meets{suffix}")),
    ]
}

/// Every ally that was a member in `year`, with its figures for that year, its
/// share and its gap to each of `targets`, the i-th target's columns named
/// with the suffix `_i` (its status is decided on reading: [`Status::of`]).
/// Allies that joined later are left out; Iceland is kept, with status n/a.
pub(crate) fn standing_frame(
    expenditure: &DataFrame,
    allies: &DataFrame,
    year: i32,
    targets: &[f64],
) -> PolarsResult<DataFrame> {
    // `expenditure`: the year's rows (see [`Calculator::standing`]).
    let gaps: Vec<Expr> = targets
        .iter()
        .enumerate()
        .flat_map(|(i, t)| gap_columns(*t, &format!("_{i}")))
        .collect();
    let figures = with_shares(
        expenditure
            .clone()
            .lazy()
            .select([
                col("code"),
                col("year"),
                col("share_of_gdp"),
                col("defence_usd_current_m"),
                col("defence_usd_constant_m"),
                col("gdp_usd_current_m"),
                col("gdp_usd_constant_m"),
                col("equipment_pct"),
            ])
            .sort(["code"], SortMultipleOptions::default()),
    )
    .with_columns(gaps);
    // `allies`: the members in `year` only (see [`Calculator::standing`]).
    allies
        .clone()
        .lazy()
        .left_join(figures, col("code"), col("code"))
        // The status is decided when the frame is read (`Status::of`): as a
        // polars when-chain of text, a mask with no true value (no ally meets
        // 5%) costs polars a zeroed 8 MiB buffer at start-up.
        .with_columns([lit(year).alias("year")])
        .sort(
            ["share", "name"],
            SortMultipleOptions::default()
                .with_order_descending_multi([false, false])
                .with_nulls_last(true),
        )
        .collect()
}

/// Group totals by year, counting each ally from its accession year: sums of
/// spending and GDP (current and constant USD) and the group's share of GDP.
/// `membership`: one row (`code`, `year`) for each year an ally of the group
/// was a member (see [`Calculator::aggregate`]).
pub(crate) fn aggregate_frame(
    expenditure: &DataFrame,
    membership: &DataFrame,
) -> PolarsResult<DataFrame> {
    with_shares(canonical(expenditure))
        .join(
            membership.clone().lazy(),
            [col("code"), col("year")],
            [col("code"), col("year")],
            JoinArgs::new(JoinType::Inner),
        )
        .group_by([col("year")])
        .agg([
            col("estimate").first(),
            col("defence_usd_current_m").sum(),
            col("defence_usd_constant_m").sum(),
            col("gdp_usd_current_m").sum(),
            col("gdp_usd_constant_m").sum(),
            col("gdp_constant").sum(),
            col("code").count().alias("allies_counted"),
        ])
        .with_columns([
            (col("defence_usd_constant_m") / col("gdp_constant") * lit(100.0)).alias("share"),
        ])
        .sort(["year"], SortMultipleOptions::default())
        .collect()
}

/// One ally across all years of an edition, sorted by year, with its share
/// (see [`with_shares`]).
pub(crate) fn ally_history_frame(expenditure: &DataFrame, code: &str) -> PolarsResult<DataFrame> {
    with_shares(canonical(expenditure).filter(col("code").eq(lit(code))))
        .sort(["year"], SortMultipleOptions::default())
        .collect()
}

/// Histories from a frame sorted by code, then year (see [`with_shares`]).
fn read_histories(df: &DataFrame) -> Result<BTreeMap<String, Vec<AllyYear>>> {
    let r = Reader::new(df);
    let codes = r.string("code")?;
    let years = r.i32("year")?;
    let estimates = r.bool("estimate")?;
    let shares = r.f64("share")?;
    let sources = r.str("share_source")?;
    let spending_cur = r.f64("defence_usd_current_m")?;
    let spending_con = r.f64("defence_usd_constant_m")?;
    let published = r.f64("real_change_pct")?;
    let equipment = r.f64("equipment_pct")?;
    let gdp = r.f64("gdp_usd_current_m")?;
    let per_capita = r.f64("defence_per_capita_usd")?;
    let mut out: BTreeMap<String, Vec<AllyYear>> = BTreeMap::new();
    for i in 0..r.len() {
        let (code, Some(year)) = (&codes[i], years[i]) else {
            continue;
        };
        // The year before, where it is the same ally's.
        let before = i
            .checked_sub(1)
            .filter(|&j| codes[j] == *code)
            .and_then(|j| spending_con[j]);
        out.entry(code.clone()).or_default().push(AllyYear {
            year,
            estimate: estimates[i].unwrap_or(false),
            share: shares[i],
            share_source: sources[i].as_deref().and_then(ShareSource::from_key),
            defence_usd_current_m: spending_cur[i],
            defence_usd_constant_m: spending_con[i],
            real_change: real_change(published[i], spending_con[i], before),
            equipment_pct: equipment[i],
            gdp_usd_current_m: gdp[i],
            defence_per_capita_usd: per_capita[i],
        });
    }
    Ok(out)
}

/// The annual real change of spending, %: NATO's published figure where there
/// is one, else the change of constant-price spending on the year before.
fn real_change(published: Option<f64>, now: Option<f64>, before: Option<f64>) -> Option<f64> {
    published.or_else(|| {
        let change = (now? / before? - 1.0) * 100.0;
        change.is_finite().then_some(change)
    })
}

/// Burden sharing in `year` among the allies that were members: each ally's
/// share of allied spending against its share of allied GDP (current USD), the
/// difference in points, and in money: spending less what it would spend at the
/// allied average share of GDP. Allied GDP includes allies without armed forces
/// (Iceland), as NATO's totals do. Sorted by the money difference, largest first.
/// `figures`: the year's rows; `allies`: the members that year (see
/// [`Calculator::burden`]).
pub(crate) fn burden_frame(figures: &DataFrame, allies: &DataFrame) -> PolarsResult<DataFrame> {
    let average = col("defence_usd_current_m").sum() / col("gdp_usd_current_m").sum();
    allies
        .clone()
        .lazy()
        .join(
            with_shares(canonical(figures)),
            [col("code")],
            [col("code")],
            JoinArgs::new(JoinType::Inner),
        )
        .with_columns([
            (col("defence_usd_current_m") / col("defence_usd_current_m").sum() * lit(100.0))
                .alias("spending_share"),
            (col("gdp_usd_current_m") / col("gdp_usd_current_m").sum() * lit(100.0))
                .alias("gdp_share"),
            (average.clone() * lit(100.0)).alias("allied_average_share"),
            (col("defence_usd_current_m") - average * col("gdp_usd_current_m"))
                .alias("difference_usd_current_m"),
        ])
        .with_columns([(col("spending_share") - col("gdp_share")).alias("difference_points")])
        .sort(
            ["difference_usd_current_m"],
            SortMultipleOptions::default()
                .with_order_descending(true)
                .with_nulls_last(true),
        )
        .collect()
}

/// Change in share of GDP between two years for every ally with both figures:
/// `code`, `name`, `share_from`, `share_to`, `change` (points), largest rise first.
pub(crate) fn movers_frame(
    expenditure: &DataFrame,
    allies: &DataFrame,
    from: i32,
    to: i32,
) -> PolarsResult<DataFrame> {
    let shares = with_shares(canonical(expenditure));
    let at = |year: i32, name: &str| {
        shares
            .clone()
            .filter(col("year").eq(lit(year)))
            .select([col("code"), col("share").alias(name)])
    };
    allies
        .clone()
        .lazy()
        .filter(
            col("accession_year")
                .lt_eq(lit(to))
                .and(col("has_armed_forces")),
        )
        .select([col("code"), col("name")])
        .join(
            at(from, "share_from"),
            [col("code")],
            [col("code")],
            JoinArgs::new(JoinType::Inner),
        )
        .join(
            at(to, "share_to"),
            [col("code")],
            [col("code")],
            JoinArgs::new(JoinType::Inner),
        )
        .with_columns([(col("share_to") - col("share_from")).alias("change")])
        .filter(col("change").is_not_null())
        .sort(
            ["change", "name"],
            SortMultipleOptions::default().with_order_descending_multi([true, false]),
        )
        .collect()
}

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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::allies::Region;
    use chrono::NaiveDate;

    fn ally(code: &str, joined: &str, region: Region, eu: bool, forces: bool) -> Ally {
        Ally {
            iso3: format!("X{code}"),
            nato_code: code.into(),
            name: format!("Ally {code}"),
            accession_date: NaiveDate::parse_from_str(joined, "%Y-%m-%d").unwrap(),
            region,
            eu_member: eu,
            has_armed_forces: forces,
            commitment_basis: crate::data::allies::CommitmentBasis::Gdp,
            national_currency: None,
            currency: "EUR".into(),
            note: None,
        }
    }

    fn all() -> Group {
        Group::list("all", &["AA", "BB", "US", "IS", "NW"])
    }

    /// A frame with the measures the calculator reads; `None` is "not available".
    #[allow(clippy::type_complexity)]
    fn frame(
        rows: &[(
            &str,
            i32,
            Option<f64>,
            Option<f64>,
            Option<f64>,
            Option<f64>,
            Option<f64>,
        )],
    ) -> DataFrame {
        // (code, year, published share, spending current, spending constant, GDP current, GDP constant)
        df!(
            "code" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            "year" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
            "estimate" => rows.iter().map(|_| false).collect::<Vec<_>>(),
            "share_of_gdp" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
            "defence_usd_current_m" => rows.iter().map(|r| r.3).collect::<Vec<_>>(),
            "defence_usd_constant_m" => rows.iter().map(|r| r.4).collect::<Vec<_>>(),
            "gdp_usd_current_m" => rows.iter().map(|r| r.5).collect::<Vec<_>>(),
            "gdp_usd_constant_m" => rows.iter().map(|r| r.6).collect::<Vec<_>>(),
            "real_change_pct" => rows.iter().map(|_| None::<f64>).collect::<Vec<_>>(),
            "equipment_pct" => rows.iter().map(|_| None::<f64>).collect::<Vec<_>>(),
            "defence_per_capita_usd" => rows.iter().map(|_| None::<f64>).collect::<Vec<_>>(),
        )
        .unwrap()
    }

    fn value(df: &DataFrame, code: &str, column: &str) -> Option<f64> {
        let codes = df.column("code").unwrap().str().unwrap();
        let i = (0..df.height())
            .find(|&i| codes.get(i) == Some(code))
            .unwrap();
        df.column(column).unwrap().f64().unwrap().get(i)
    }

    fn text(df: &DataFrame, code: &str, column: &str) -> Option<String> {
        let codes = df.column("code").unwrap().str().unwrap();
        let i = (0..df.height())
            .find(|&i| codes.get(i) == Some(code))
            .unwrap();
        df.column(column)
            .unwrap()
            .str()
            .unwrap()
            .get(i)
            .map(String::from)
    }

    #[test]
    fn published_share_wins_over_ratios() {
        // The Netherlands 2024e in NATO's June 2024 tables: Table 3 publishes 2.05 (share of
        // real GDP) while current spending / current GDP (Tables 2 and 5) is 1.85.
        let df = frame(&[(
            "AA",
            2024,
            Some(2.05),
            Some(21459.7),
            Some(18503.0),
            Some(1160000.0),
            Some(902800.0),
        )]);
        let out = with_shares(df.lazy()).collect().unwrap();
        assert_eq!(value(&out, "AA", "share"), Some(2.05));
        assert_eq!(
            text(&out, "AA", "share_source").as_deref(),
            Some(ShareSource::Published.key())
        );
    }

    #[test]
    fn without_a_published_share_constant_ratio_then_nominal() {
        let df = frame(&[
            (
                "AA",
                2024,
                None,
                Some(30.0),
                Some(20.0),
                Some(1000.0),
                Some(800.0),
            ),
            ("BB", 2024, None, Some(30.0), None, Some(1000.0), None),
        ]);
        let out = with_shares(df.lazy()).collect().unwrap();
        assert!((value(&out, "AA", "share").unwrap() - 2.5).abs() < 1e-12);
        assert_eq!(
            text(&out, "AA", "share_source").as_deref(),
            Some(ShareSource::ConstantRatio.key())
        );
        assert!((value(&out, "BB", "share").unwrap() - 3.0).abs() < 1e-12);
        assert_eq!(
            text(&out, "BB", "share_source").as_deref(),
            Some(ShareSource::NominalRatio.key())
        );
    }

    #[test]
    fn gap_is_target_minus_share_times_gdp_and_zero_when_met() {
        let df = frame(&[
            (
                "AA",
                2024,
                Some(1.5),
                Some(15.0),
                Some(12.0),
                Some(1000.0),
                Some(800.0),
            ),
            (
                "BB",
                2024,
                Some(2.5),
                Some(25.0),
                Some(20.0),
                Some(1000.0),
                Some(800.0),
            ),
        ]);
        let out = with_gaps(with_shares(df.lazy()), 2.0).collect().unwrap();
        assert!((value(&out, "AA", "gap_points").unwrap() - 0.5).abs() < 1e-12);
        assert!((value(&out, "AA", "gap_usd_current_m").unwrap() - 5.0).abs() < 1e-9);
        assert!((value(&out, "AA", "gap_usd_constant_m").unwrap() - 4.0).abs() < 1e-9);
        assert_eq!(value(&out, "BB", "gap_points"), Some(0.0));
        assert_eq!(value(&out, "BB", "gap_usd_current_m"), Some(0.0));
    }

    #[test]
    fn constant_gdp_is_derived_from_spending_and_share_when_not_published() {
        let df = frame(&[(
            "AA",
            2026,
            Some(1.6),
            Some(20.0),
            Some(16.0),
            Some(1250.0),
            None,
        )]);
        let out = with_gaps(with_shares(df.lazy()), 2.0).collect().unwrap();
        assert!((value(&out, "AA", "gdp_constant").unwrap() - 1000.0).abs() < 1e-9);
        assert!((value(&out, "AA", "gap_usd_constant_m").unwrap() - 4.0).abs() < 1e-9);
    }

    #[test]
    fn standing_leaves_out_later_members_and_marks_iceland_na() {
        let df = frame(&[
            (
                "AA",
                2023,
                Some(1.5),
                Some(15.0),
                Some(15.0),
                Some(1000.0),
                Some(1000.0),
            ),
            (
                "BB",
                2023,
                Some(2.5),
                Some(25.0),
                Some(25.0),
                Some(1000.0),
                Some(1000.0),
            ),
            (
                "US",
                2023,
                Some(3.5),
                Some(35.0),
                Some(35.0),
                Some(1000.0),
                Some(1000.0),
            ),
            ("IS", 2023, None, None, None, Some(30.0), Some(30.0)),
            (
                "NW",
                2023,
                Some(1.0),
                Some(10.0),
                Some(10.0),
                Some(1000.0),
                Some(1000.0),
            ),
        ]);
        let allies = [
            ally("AA", "1949-08-24", Region::Europe, true, true),
            ally("BB", "1949-08-24", Region::Europe, false, true),
            ally("US", "1949-08-24", Region::NorthAmerica, false, true),
            ally("IS", "1949-08-24", Region::Europe, false, false),
            ally("NW", "2024-03-07", Region::Europe, true, true),
        ];
        let out = Calculator::new(&df, &allies)
            .unwrap()
            .standing(2023, 2.0)
            .unwrap();
        assert!(
            out.get("NW").is_none(),
            "joined in 2024, not an ally in 2023"
        );
        assert_eq!(out.get("IS").unwrap().status, Status::NotApplicable);
        assert_eq!(out.get("AA").unwrap().status, Status::Below);
        assert_eq!(out.get("BB").unwrap().status, Status::Meets);
    }

    #[test]
    fn group_gap_adds_members_positive_gaps_never_nets() {
        let df = frame(&[
            (
                "AA",
                2024,
                Some(1.0),
                Some(10.0),
                Some(10.0),
                Some(1000.0),
                Some(1000.0),
            ),
            (
                "BB",
                2024,
                Some(1.5),
                Some(15.0),
                Some(15.0),
                Some(2000.0),
                Some(2000.0),
            ),
            (
                "US",
                2024,
                Some(4.0),
                Some(40.0),
                Some(40.0),
                Some(1000.0),
                Some(1000.0),
            ),
            ("IS", 2024, None, None, None, Some(30.0), Some(30.0)),
            (
                "NW",
                2024,
                Some(5.0),
                Some(50.0),
                Some(50.0),
                Some(1000.0),
                Some(1000.0),
            ),
        ]);
        let allies = [
            ally("AA", "1949-08-24", Region::Europe, true, true),
            ally("BB", "1949-08-24", Region::Europe, false, true),
            ally("US", "1949-08-24", Region::NorthAmerica, false, true),
            ally("IS", "1949-08-24", Region::Europe, false, false),
            ally("NW", "2024-03-07", Region::Europe, true, true),
        ];
        let st = Calculator::new(&df, &allies)
            .unwrap()
            .standing(2024, 2.0)
            .unwrap();
        let all = st.group_total(&all()).unwrap();
        // AA: 1.0 points of 1000 = 10; BB: 0.5 points of 2000 = 10; NW over-spends, nets nothing.
        assert!((all.gap_usd_current_m - 20.0).abs() < 1e-9);
        assert_eq!(all.below, 2);
        assert_eq!(all.members, 4, "Iceland is not counted");
        let eu = st.group_total(&Group::list("eu", &["AA", "NW"])).unwrap();
        assert!((eu.gap_usd_current_m - 10.0).abs() < 1e-9);
        let us = st.group_total(&Group::list("us", &["US"])).unwrap();
        assert_eq!(us.gap_usd_current_m, 0.0);
        let pair = st.group_total(&Group::list("pair", &["BB", "US"])).unwrap();
        assert!((pair.gap_usd_current_m - 10.0).abs() < 1e-9);
        // The group's share: constant spending / constant GDP of its members.
        assert!((pair.share.unwrap() - 55.0 / 3000.0 * 100.0).abs() < 1e-9);
    }

    #[test]
    fn aggregates_count_allies_from_their_accession_year() {
        let df = frame(&[
            (
                "AA",
                2023,
                None,
                Some(10.0),
                Some(10.0),
                Some(100.0),
                Some(100.0),
            ),
            (
                "NW",
                2023,
                None,
                Some(7.0),
                Some(7.0),
                Some(70.0),
                Some(70.0),
            ),
            (
                "AA",
                2024,
                None,
                Some(11.0),
                Some(11.0),
                Some(110.0),
                Some(110.0),
            ),
            (
                "NW",
                2024,
                None,
                Some(8.0),
                Some(8.0),
                Some(80.0),
                Some(80.0),
            ),
        ]);
        let allies = [
            ally("AA", "1949-08-24", Region::Europe, true, true),
            ally("US", "1949-08-24", Region::NorthAmerica, false, true),
            ally("NW", "2024-03-07", Region::Europe, true, true),
        ];
        let out = Calculator::new(&df, &allies)
            .unwrap()
            .aggregate(&Group::list("europe-canada", &["AA", "NW"]))
            .unwrap();
        assert_eq!(
            out[0].defence_usd_current_m, 10.0,
            "2023: NW not yet an ally"
        );
        assert_eq!(out[0].allies_counted, 1);
        assert_eq!(
            out[1].defence_usd_current_m, 19.0,
            "2024: NW counted from its accession year"
        );
    }

    #[test]
    fn typed_standing_matches_the_frame_and_names_every_status() {
        let df = frame(&[
            (
                "AA",
                2024,
                Some(1.5),
                Some(15.0),
                Some(15.0),
                Some(1000.0),
                Some(1000.0),
            ),
            (
                "BB",
                2024,
                Some(2.5),
                Some(25.0),
                Some(25.0),
                Some(1000.0),
                Some(1000.0),
            ),
            ("IS", 2024, None, None, None, Some(30.0), Some(30.0)),
        ]);
        let allies = [
            ally("AA", "1949-08-24", Region::Europe, true, true),
            ally("BB", "1949-08-24", Region::Europe, false, true),
            ally("IS", "1949-08-24", Region::Europe, false, false),
            ally("US", "1949-08-24", Region::NorthAmerica, false, true),
        ];
        let st = Calculator::new(&df, &allies)
            .unwrap()
            .standing(2024, 2.0)
            .unwrap();
        let aa = st.get("AA").unwrap();
        assert_eq!(aa.status, Status::Below);
        assert_eq!(aa.share_source, Some(ShareSource::Published));
        assert!((aa.gap.points.unwrap() - 0.5).abs() < 1e-12);
        assert!((aa.gap.usd_current_m.unwrap() - 5.0).abs() < 1e-9);
        assert_eq!(st.get("BB").unwrap().status, Status::Meets);
        let is = st.get("IS").unwrap();
        assert_eq!(is.status, Status::NotApplicable);
        assert_eq!(is.share, None, "no armed forces: no share, never 0");
        assert_eq!(st.get("US").unwrap().status, Status::NoData);
        let total = st.group_total(&all()).unwrap();
        assert_eq!((total.members, total.below, total.meets), (3, 1, 1));
        assert!((total.gap_usd_current_m - 5.0).abs() < 1e-9);
        for status in Status::ALL {
            assert_eq!(Status::from_key(status.key()), Some(status));
        }
        for source in ShareSource::ALL {
            assert_eq!(ShareSource::from_key(source.key()), Some(source));
        }
    }

    #[test]
    fn real_change_falls_back_to_constant_spending_growth() {
        let df = frame(&[
            (
                "AA",
                2014,
                None,
                Some(10.0),
                Some(10.0),
                Some(100.0),
                Some(100.0),
            ),
            (
                "AA",
                2015,
                None,
                Some(12.0),
                Some(11.0),
                Some(100.0),
                Some(100.0),
            ),
        ]);
        let allies = [ally("AA", "1949-08-24", Region::Europe, true, true)];
        let calc = Calculator::new(&df, &allies).unwrap();
        let out = calc.ally_history("AA").unwrap();
        assert_eq!(out[0].real_change, None);
        assert!((out[1].real_change.unwrap() - 10.0).abs() < 1e-9);
        // The record the outlook draws on applies the same rule.
        let record = &calc.real_changes(2015).unwrap()["AA"];
        assert_eq!(record.len(), 1);
        assert!((record[0] - 10.0).abs() < 1e-9);
    }
}
