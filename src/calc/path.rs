//! Scenario paths: the share of GDP, and the spending, each ally would need
//! year by year from a baseline year to a target year, and group totals.
//!
//! With baseline share `s0`, target `t`, `n` years, step `k` (0 = baseline):
//! - `linear`: `s(k) = s0 + (t - s0) k / n` (equal steps in share of GDP);
//! - `constant-growth`: spending grows by one real rate `r` a year, with
//!   `D(n) = t/100 x GDP(n)`, so `s(k) = s0 (t (1+g)^n / s0)^(k/n) / (1+g)^k`;
//! - `immediate`: `s(k) = t` from the first year after the baseline.
//!
//! An ally already at or above its target keeps its baseline share. Real GDP
//! grows by `g` a year; baseline spending is `s0/100 x GDP` in constant prices;
//! current dollars apply the ally's baseline price level (current ÷ constant
//! GDP) and the scenario's deflator.

use polars::prelude::*;

use super::read::Reader;
use super::{canonical, with_shares, PERCENT};
use crate::data::Group;
use crate::error::Result;

/// How the share of GDP moves from the baseline to the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PathShape {
    /// Equal steps in share of GDP each year.
    Linear,
    /// Equal real growth of spending each year.
    ConstantGrowth,
    /// The target share from the first year after the baseline.
    Immediate,
}

impl PathShape {
    pub const ALL: [PathShape; 3] = [
        PathShape::Linear,
        PathShape::ConstantGrowth,
        PathShape::Immediate,
    ];

    pub fn key(self) -> &'static str {
        match self {
            PathShape::Linear => "linear",
            PathShape::ConstantGrowth => "constant-growth",
            PathShape::Immediate => "immediate",
        }
    }
    /// The shape a key names (`linear`, `constant-growth`, `immediate`).
    pub fn from_key(key: &str) -> Option<PathShape> {
        PathShape::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// One ally's part of a scenario: its target, path shape and real GDP growth.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub code: String,
    /// % of GDP to reach by the target year.
    pub target: f64,
    pub path: PathShape,
    /// Real GDP growth, % a year (when there is no `yearly` outlook).
    pub real_gdp_growth: f64,
    /// Growth year by year from an economic outlook, for the years after the
    /// baseline; replaces `real_gdp_growth` and the scenario's inflation.
    pub yearly: Option<YearlyGrowth>,
}

/// An ally's growth in each year after the baseline, % on the year before.
#[derive(Debug, Clone, PartialEq)]
pub struct YearlyGrowth {
    /// Real GDP: the constant-price GDP path.
    pub real_pct: Vec<f64>,
    /// GDP in current USD: the current-dollar path.
    pub usd_pct: Vec<f64>,
}

/// Cumulative factors of an ally's GDP from the baseline (step 0) to step k:
/// `gdp[k]` in constant prices, `price[k]` the current-USD factor over the
/// constant one (so that current GDP = baseline current GDP x gdp x price).
fn cumulative(plan: &Plan, n: usize, inflation_pct: f64) -> (Vec<f64>, Vec<f64>) {
    let (mut gdp, mut price) = (vec![1.0], vec![1.0]);
    for k in 1..=n {
        let (real, usd) = match &plan.yearly {
            Some(y) => (y.real_pct[k - 1], y.usd_pct[k - 1]),
            None => {
                let real = plan.real_gdp_growth;
                (
                    real,
                    ((1.0 + real * PERCENT) * (1.0 + inflation_pct * PERCENT) - 1.0) * 100.0,
                )
            }
        };
        let g = gdp[k - 1] * (1.0 + real * PERCENT);
        let u = gdp[k - 1] * price[k - 1] * (1.0 + usd * PERCENT);
        gdp.push(g);
        price.push(u / g);
    }
    (gdp, price)
}

/// The factor frame of a plan with yearly growth: `code`, `year`,
/// `gdp_factor`, `gdp_factor_prev`, `gdp_factor_n` (the target year's),
/// `price_factor`.
fn factor_frame(
    plan: &[Plan],
    baseline_year: i32,
    target_year: i32,
    inflation_pct: f64,
) -> PolarsResult<DataFrame> {
    let n = (target_year - baseline_year) as usize;
    let (mut codes, mut years, mut g, mut g_prev, mut g_n, mut p) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for ally in plan {
        let (gdp, price) = cumulative(ally, n, inflation_pct);
        for k in 0..=n {
            codes.push(ally.code.as_str());
            years.push(baseline_year + k as i32);
            g.push(gdp[k]);
            g_prev.push(if k == 0 { f64::NAN } else { gdp[k - 1] });
            g_n.push(gdp[n]);
            p.push(price[k]);
        }
    }
    DataFrame::new_infer_height(vec![
        Column::new("code".into(), codes),
        Column::new("year".into(), years),
        Column::new("gdp_factor".into(), g),
        Column::new("gdp_factor_prev".into(), g_prev),
        Column::new("gdp_factor_n".into(), g_n),
        Column::new("price_factor".into(), p),
    ])
}

/// One ally's path in one year. Money in USD million.
#[derive(Debug, Clone, PartialEq)]
pub struct PathYear {
    pub code: String,
    pub year: i32,
    pub target: f64,
    pub path: PathShape,
    /// NATO's share in the baseline year; `None`: no figures, so no path.
    pub baseline_share: Option<f64>,
    pub required_share: Option<f64>,
    /// The edition's own share where it covers the year.
    pub published_share: Option<f64>,
    pub gdp_constant: Option<f64>,
    pub gdp_current: Option<f64>,
    pub spending_constant: Option<f64>,
    pub spending_current: Option<f64>,
    pub added_constant: Option<f64>,
    pub added_current: Option<f64>,
    /// Real growth of spending on the year before, %.
    pub real_growth: Option<f64>,
    pub at_target: bool,
}

/// A group's path in one year: members' spending and GDP added up.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPathYear {
    pub year: i32,
    pub allies: u32,
    pub required_share: Option<f64>,
    pub spending_constant: f64,
    pub spending_current: f64,
    pub gdp_constant: f64,
    pub gdp_current: f64,
    pub added_constant: f64,
    pub added_current: f64,
    pub real_growth: Option<f64>,
}

/// Every ally's path, by ally code then year, and the group totals built from them.
pub struct Paths {
    pub years: Vec<PathYear>,
}

impl Paths {
    pub(super) fn compute(
        expenditure: &DataFrame,
        baseline_figures: &DataFrame,
        plan: &[Plan],
        baseline_year: i32,
        target_year: i32,
        inflation_pct: f64,
    ) -> Result<Paths> {
        let codes: Vec<&str> = plan.iter().map(|p| p.code.as_str()).collect();
        let targets: Vec<f64> = plan.iter().map(|p| p.target).collect();
        let shapes: Vec<&str> = plan.iter().map(|p| p.path.key()).collect();
        let growth: Vec<f64> = plan.iter().map(|p| p.real_gdp_growth).collect();
        let plan_df = plan_frame(&codes, &targets, &shapes, &growth)?;
        let factors = if plan.iter().any(|p| p.yearly.is_some()) {
            Some(factor_frame(
                plan,
                baseline_year,
                target_year,
                inflation_pct,
            )?)
        } else {
            None
        };
        let frame = paths(
            expenditure,
            baseline_figures,
            &plan_df,
            factors,
            baseline_year,
            target_year,
            inflation_pct,
        )?;
        let r = Reader::new(&frame);
        let codes = r.string("code")?;
        let years = r.i32("year")?;
        let targets = r.f64("target")?;
        let shapes = r.str("path")?;
        let baseline = r.f64("baseline_share")?;
        let required = r.f64("required_share")?;
        let published = r.f64("published_share")?;
        let gdp_con = r.f64("gdp_constant")?;
        let gdp_cur = r.f64("gdp_current")?;
        let spend_con = r.f64("spending_constant")?;
        let spend_cur = r.f64("spending_current")?;
        let added_con = r.f64("added_constant")?;
        let added_cur = r.f64("added_current")?;
        let growth = r.f64("real_growth")?;
        let at_target = r.bool("at_target")?;
        let years = (0..r.len())
            .map(|i| PathYear {
                code: codes[i].clone(),
                year: years[i].unwrap_or_default(),
                target: targets[i].unwrap_or_default(),
                path: shapes[i]
                    .as_deref()
                    .and_then(PathShape::from_key)
                    .unwrap_or(PathShape::Linear),
                baseline_share: baseline[i],
                required_share: required[i],
                published_share: published[i],
                gdp_constant: gdp_con[i],
                gdp_current: gdp_cur[i],
                spending_constant: spend_con[i],
                spending_current: spend_cur[i],
                added_constant: added_con[i],
                added_current: added_cur[i],
                real_growth: growth[i],
                at_target: at_target[i].unwrap_or(false),
            })
            .collect();
        Ok(Paths { years })
    }

    /// One ally's years, in order.
    pub fn ally(&self, code: &str) -> impl Iterator<Item = &PathYear> {
        let code = code.to_string();
        self.years.iter().filter(move |p| p.code == code)
    }

    /// A group's path: members' spending and GDP added up each year, the
    /// group's share (Σ spending ÷ Σ GDP, constant prices) and real growth
    /// (Σ spending on Σ the year before). Members with no baseline figures have
    /// no path and add nothing.
    pub fn group(&self, group: &Group) -> Result<Vec<GroupPathYear>> {
        let mut totals: Vec<GroupPathYear> = Vec::new();
        let mut previous: Vec<Option<f64>> = Vec::new();
        // The paths are sorted by ally, then year: the row before is the ally's year before.
        let mut last: Option<&PathYear> = None;
        for p in &self.years {
            let before = last
                .filter(|l| l.code == p.code)
                .and_then(|l| l.spending_constant);
            last = Some(p);
            if !group.contains(&p.code) || p.baseline_share.is_none() {
                continue;
            }
            let i = match totals.iter().position(|t| t.year == p.year) {
                Some(i) => i,
                None => {
                    totals.push(GroupPathYear {
                        year: p.year,
                        allies: 0,
                        required_share: None,
                        spending_constant: 0.0,
                        spending_current: 0.0,
                        gdp_constant: 0.0,
                        gdp_current: 0.0,
                        added_constant: 0.0,
                        added_current: 0.0,
                        real_growth: None,
                    });
                    previous.push(None);
                    totals.len() - 1
                }
            };
            let t = &mut totals[i];
            t.allies += 1;
            t.spending_constant += p.spending_constant.unwrap_or(0.0);
            t.spending_current += p.spending_current.unwrap_or(0.0);
            t.gdp_constant += p.gdp_constant.unwrap_or(0.0);
            t.gdp_current += p.gdp_current.unwrap_or(0.0);
            t.added_constant += p.added_constant.unwrap_or(0.0);
            t.added_current += p.added_current.unwrap_or(0.0);
            if let Some(b) = before {
                previous[i] = Some(previous[i].unwrap_or(0.0) + b);
            }
        }
        for (t, before) in totals.iter_mut().zip(&previous) {
            let share = t.spending_constant / t.gdp_constant * 100.0;
            t.required_share = share.is_finite().then_some(share);
            t.real_growth = before
                .filter(|b| *b > 0.0)
                .map(|b| (t.spending_constant / b - 1.0) * 100.0);
        }
        totals.sort_by_key(|t| t.year);
        Ok(totals)
    }
}

/// The plan frame the paths need: `code`, `target` (% of GDP), `path`
/// (`linear` / `constant-growth` / `immediate`), `growth` (real GDP, % a year).
fn plan_frame(
    codes: &[&str],
    targets: &[f64],
    paths: &[&str],
    growth: &[f64],
) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(vec![
        Column::new("code".into(), codes),
        Column::new("target".into(), targets),
        Column::new("path".into(), paths),
        Column::new("growth".into(), growth),
    ])
}

fn factor(rate_pct: Expr, k: Expr) -> Expr {
    (lit(1.0) + rate_pct * lit(PERCENT)).pow(k)
}

/// Which year of a path an expression is about.
#[derive(Clone, Copy)]
enum Step {
    /// The row's own year (`k`).
    Now,
    /// The year before (`k - 1`).
    Prev,
    /// The baseline (`k = 0`).
    Baseline,
}

/// How GDP grows: one real rate and the scenario's inflation in closed form,
/// or factors year by year from an outlook (joined as columns).
#[derive(Clone, Copy)]
enum Growth {
    Flat { inflation_pct: f64 },
    Yearly,
}

impl Growth {
    fn k(step: Step) -> Expr {
        match step {
            Step::Now => col("k"),
            Step::Prev => col("k") - lit(1.0),
            Step::Baseline => lit(0.0),
        }
    }

    /// Constant-price GDP at `step` over the baseline's.
    fn gdp(self, step: Step) -> Expr {
        match (self, step) {
            (Growth::Flat { .. }, _) => factor(col("growth"), Self::k(step)),
            (Growth::Yearly, Step::Now) => col("gdp_factor"),
            (Growth::Yearly, Step::Prev) => col("gdp_factor_prev"),
            (Growth::Yearly, Step::Baseline) => lit(1.0),
        }
    }

    /// Constant-price GDP in the target year (`n` steps) over the baseline's.
    fn gdp_target(self, n: f64) -> Expr {
        match self {
            Growth::Flat { .. } => factor(col("growth"), lit(n)),
            Growth::Yearly => col("gdp_factor_n"),
        }
    }

    /// The current-USD price factor at the row's year over the baseline's.
    fn price(self) -> Expr {
        match self {
            Growth::Flat { inflation_pct } => factor(lit(inflation_pct), col("k")),
            Growth::Yearly => col("price_factor"),
        }
    }
}

/// The required share of GDP at `step` (a float expression). With one real
/// rate g the constant-growth path is `s0 (t (1+g)^n / s0)^(k/n) / (1+g)^k`;
/// with GDP factors G(k) year by year, `s0 (t G(n) / s0)^(k/n) / G(k)`.
fn share_at(step: Step, n: f64, growth: Growth) -> Expr {
    let k = Growth::k(step);
    let s0 = col("baseline_share");
    let t = col("target");
    let linear = s0.clone() + (t.clone() - s0.clone()) * k.clone() / lit(n);
    let immediate = when(k.clone().eq(lit(0.0)))
        .then(s0.clone())
        .otherwise(t.clone());
    let growth_to_target = (t.clone() * growth.gdp_target(n) / s0.clone()).pow(k.clone() / lit(n));
    let constant_growth = s0.clone() * growth_to_target / growth.gdp(step);
    when(s0.clone().gt_eq(t))
        .then(s0)
        .when(col("path").eq(lit("linear")))
        .then(linear)
        .when(col("path").eq(lit("immediate")))
        .then(immediate)
        .otherwise(constant_growth)
}

/// Year-by-year paths for every ally of `plan`, from `baseline_year` (step 0)
/// to `target_year`. Columns: `code`, `year`, `k`, `target`, `path`,
/// `baseline_share`, `required_share`, `published_share` (the edition's own
/// share where it covers the year), `gdp_constant`, `gdp_current`,
/// `spending_constant`, `spending_prev_constant`, `spending_current`,
/// `added_constant`, `added_current`, `real_growth` (%), `at_target`.
/// `baseline_figures`: the baseline year's rows of `expenditure`.
/// Values with no meaning (the growth of the baseline year) are NaN, not null:
/// a null literal costs polars an 8 MiB zeroed buffer; reading them back gives `None`.
/// `factors`: GDP and price factors year by year ([`factor_frame`]); without
/// them, one real rate per ally (`growth`) and `inflation_pct` in closed form.
fn paths(
    expenditure: &DataFrame,
    baseline_figures: &DataFrame,
    plan: &DataFrame,
    factors: Option<DataFrame>,
    baseline_year: i32,
    target_year: i32,
    inflation_pct: f64,
) -> PolarsResult<DataFrame> {
    let n = f64::from(target_year - baseline_year);
    let shares = with_shares(canonical(expenditure));
    let baseline = with_shares(canonical(baseline_figures)).select([
        col("code"),
        col("share").alias("baseline_share"),
        col("gdp_constant").alias("baseline_gdp_constant"),
        (col("gdp_usd_current_m") / col("gdp_constant")).alias("price_level"),
    ]);
    let years: Vec<i32> = (baseline_year..=target_year).collect();
    let steps: Vec<f64> = years.iter().map(|y| f64::from(y - baseline_year)).collect();
    let calendar = DataFrame::new_infer_height(vec![
        Column::new("year".into(), years),
        Column::new("k".into(), steps),
    ])?
    .lazy()
    .with_column(lit(1).alias("one"));
    let published = shares.select([
        col("code"),
        col("year"),
        col("share").alias("published_share"),
    ]);

    let growth = match factors {
        Some(_) => Growth::Yearly,
        None => Growth::Flat { inflation_pct },
    };
    let k = col("k");
    let gdp = |step: Step| col("baseline_gdp_constant") * growth.gdp(step);
    let spending = |step: Step| share_at(step, n, growth) * lit(PERCENT) * gdp(step);
    let price = || col("price_level") * growth.price();
    let mut frame = plan
        .clone()
        .lazy()
        .sort(["code"], SortMultipleOptions::default())
        .left_join(baseline, col("code"), col("code"))
        .with_column(lit(1).alias("one"))
        .join(
            calendar,
            [col("one")],
            [col("one")],
            JoinArgs::new(JoinType::Inner),
        )
        .join(
            published,
            [col("code"), col("year")],
            [col("code"), col("year")],
            JoinArgs::new(JoinType::Left),
        );
    if let Some(f) = factors {
        // Every ally of the plan has its factors for every year of the calendar.
        frame = frame.join(
            f.lazy(),
            [col("code"), col("year")],
            [col("code"), col("year")],
            JoinArgs::new(JoinType::Inner),
        );
    }
    frame
        .with_columns([
            share_at(Step::Now, n, growth).alias("required_share"),
            gdp(Step::Now).alias("gdp_constant"),
            (gdp(Step::Now) * price()).alias("gdp_current"),
            spending(Step::Now).alias("spending_constant"),
            when(k.clone().gt(lit(0.0)))
                .then(spending(Step::Prev))
                .otherwise(lit(f64::NAN))
                .alias("spending_prev_constant"),
            (spending(Step::Now) * price()).alias("spending_current"),
            col("baseline_share")
                .gt_eq(col("target"))
                .alias("at_target"),
        ])
        .with_columns([
            (col("spending_constant") - spending(Step::Baseline)).alias("added_constant"),
            (col("spending_current") - spending(Step::Baseline) * col("price_level"))
                .alias("added_current"),
            ((col("spending_constant") / col("spending_prev_constant") - lit(1.0)) * lit(100.0))
                .alias("real_growth"),
        ])
        .drop(cols(["one"]))
        .sort(["code", "year"], SortMultipleOptions::default())
        .collect()
}

#[cfg(test)]
mod tests;
