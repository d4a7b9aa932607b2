//! What a scenario's path costs each treasury, year by year, from an
//! outlook's general-government accounts (IMF WEO: `GGX_NGDP` expenditure,
//! `GGR_NGDP` revenue, `GGXCNL_NGDP` overall and `GGXONLB_NGDP` primary
//! balance, `GGXWDG_NGDP` gross debt, `NGDP` GDP in national currency).
//!
//! For an ally with baseline share `s0` and path share `s_t`:
//! - extra spending `x_t = s_t - s0` points of GDP (the baseline share held is
//!   the no-change case), in USD (`x_t/100 × GDP_t` of the path, current
//!   dollars) and national currency (`x_t/100 × NGDP_t`);
//! - as a share of general government expenditure `100 x_t / GGX_t` and of
//!   revenue `100 x_t / GGR_t`;
//! - borrowed: the extra debt `E_t = E_{t-1}(1+i_t)/(1+g_t) + x_t`, `E_0 = 0`
//!   at the baseline year, with nominal growth `g_t = NGDP_t/NGDP_{t-1} - 1`
//!   and the implied interest rate `i_t = (GGXONLB_t - GGXCNL_t)/100 × NGDP_t
//!   / (D_{t-1}/100 × NGDP_{t-1})` (interest paid over last year's debt);
//!   debt if borrowed `D_t + E_t` beside the IMF's baseline `D_t`, so that it
//!   is the baseline when nothing is added;
//! - where the outlook implies net interest income (the primary balance below
//!   the overall one: Norway), it gives no borrowing cost, and `i = g`: the
//!   borrowed spending then adds up point for point;
//! - after the outlook's last year `L`, `g`, `i` and the expenditure and
//!   revenue ratios hold at their year-`L` values and the baseline debt keeps
//!   its year-`L` change, `D_t = D_{t-1} + (D_L - D_{L-1})` (flagged `held`).

use std::collections::BTreeMap;

use super::path::{PathYear, Paths};
use super::types::AllyYear;
use crate::data::eu::Instruments;
use crate::data::outlook::{Outlook, Series};
use crate::data::{Ally, Group};
use crate::error::{Error, Result};

/// The scenario `fiscal` (and the fiscal map) costs by default: the Hague
/// commitment on the IMF's outlook (costing needs an outlook's government
/// accounts; the path charts' default, `chart::kinds::DEFAULT_SCENARIO`, has none).
pub const DEFAULT_FISCAL_SCENARIO: &str = "hague-2035-imf";

/// The series fiscal reads, in the order it checks them.
pub const SERIES: [Series; 6] = [
    Series::GdpNational,
    Series::GovExpenditure,
    Series::GovRevenue,
    Series::GovNetLending,
    Series::GovPrimaryNetLending,
    Series::GovGrossDebt,
];

/// One ally in one year of the path.
#[derive(Debug, Clone, PartialEq)]
pub struct FiscalYear {
    pub code: String,
    pub year: i32,
    /// Past the outlook's last year: its last rates held.
    pub held: bool,
    pub baseline_share: f64,
    pub path_share: f64,
    /// `path_share - baseline_share`, points of GDP.
    pub extra_pts: f64,
    /// USD million, current prices (the path's GDP).
    pub extra_usd_m: f64,
    /// National currency, billions (the outlook's NGDP).
    pub extra_national_bn: f64,
    pub currency: String,
    /// General government expenditure and revenue, % of GDP.
    pub expenditure: f64,
    pub revenue: f64,
    pub pct_of_expenditure: f64,
    pub pct_of_revenue: f64,
    /// Nominal GDP growth and implied interest rate, %.
    pub nominal_growth: f64,
    pub interest_rate: f64,
    /// The balances imply net interest income: no borrowing cost, so `i = g`.
    pub interest_income: bool,
    /// The outlook's gross debt, % of GDP (extended past its last year).
    pub debt_baseline: f64,
    /// The extra debt if the extra spending is borrowed, points of GDP.
    pub debt_added: f64,
    pub debt_if_borrowed: f64,
    /// The path's GDP, USD million current (weights groups).
    pub gdp_usd_m: f64,
}

/// A group's members added up in one year: money summed; points of GDP and
/// shares of expenditure and revenue as ratios of the members' sums; debt
/// ratios weighted by GDP in current USD.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupFiscalYear {
    pub year: i32,
    pub held: bool,
    pub allies: u32,
    pub extra_pts: f64,
    pub extra_usd_m: f64,
    pub pct_of_expenditure: f64,
    pub pct_of_revenue: f64,
    pub debt_baseline: f64,
    pub debt_if_borrowed: f64,
}

/// An EU ally's room under the escape clause along the path, and its SAFE
/// loan as a share of GDP.
#[derive(Debug, Clone, PartialEq)]
pub struct EuRoom {
    pub code: String,
    pub activated: Option<chrono::NaiveDate>,
    /// The clause's baseline year (2021) and the ally's NATO share then.
    pub clause_baseline_year: Option<i32>,
    pub clause_baseline_share: Option<f64>,
    /// The clause's first and last years (2025-2028); the path's share in the last.
    pub clause_first_year: Option<i32>,
    pub clause_last_year: Option<i32>,
    pub path_share: Option<f64>,
    /// Increase over the clause's baseline, points; the clause's room; how
    /// much of the increase the room covers, and what is left beyond it.
    pub increase_pts: Option<f64>,
    pub room_pts: Option<f64>,
    pub within_room_pts: Option<f64>,
    pub beyond_room_pts: Option<f64>,
    /// Whose measure the increase is read on.
    pub measured_on: ClauseMeasure,
    pub safe_eur_bn: Option<f64>,
    /// The loan over GDP in euros of `safe_gdp_year`, %.
    pub safe_pct_gdp: Option<f64>,
}

/// The measure an escape clause's increase is read on: the EU's own
/// (Eurostat's `gov_ev` total) where Eurostat publishes it for the baseline
/// year and a later one, observed to that year and the path's increase on
/// NATO's measure after it; NATO's all the way where it does not.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ClauseMeasure {
    /// Eurostat's total to `latest_year` (`latest` % of GDP), then the path.
    Eurostat {
        latest_year: i32,
        latest: f64,
    },
    Nato,
    /// No clause.
    None,
}

/// The year SAFE's allocation is set against (its GDP).
pub const SAFE_GDP_YEAR: i32 = 2025;

/// The ally whose GDP in euros over its GDP in USD gives the outlook's euro
/// rate: the first of allies.csv that keeps its accounts in euros.
pub fn euro_rate_ally(allies: &[Ally]) -> Option<&Ally> {
    allies.iter().find(|a| a.currency == "EUR")
}

struct Accounts<'a> {
    outlook: &'a Outlook,
    code: &'a str,
    last: i32,
}

impl Accounts<'_> {
    fn get(&self, series: Series, year: i32) -> Result<f64> {
        self.outlook
            .value(self.code, series, year.min(self.last))
            .ok_or_else(|| {
                Error::data(
                    format!("outlook/{}.csv", self.outlook.info.id),
                    format!(
                        "{} has no {} for {} in {}: fiscal needs the general government's accounts for every year of the path",
                        self.outlook.info.id,
                        series.weo_code(),
                        self.code,
                        year.min(self.last)
                    ),
                )
            })
    }

    /// Nominal growth and implied interest rate in year `t` (≤ the last),
    /// as fractions, and whether the balances imply net interest income.
    fn rates(&self, t: i32) -> Result<(f64, f64, bool)> {
        let (ngdp, before) = (
            self.get(Series::GdpNational, t)?,
            self.get(Series::GdpNational, t - 1)?,
        );
        let interest =
            self.get(Series::GovPrimaryNetLending, t)? - self.get(Series::GovNetLending, t)?;
        let debt_before = self.get(Series::GovGrossDebt, t - 1)?;
        let g = ngdp / before - 1.0;
        let income = interest < 0.0 || debt_before <= 0.0;
        let i = if income {
            g
        } else {
            interest * ngdp / (debt_before * before)
        };
        Ok((g, i, income))
    }
}

/// Refuses an outlook without the general government's accounts.
pub fn check_outlook(outlook: &Outlook) -> Result<()> {
    let missing: Vec<&str> = SERIES
        .iter()
        .filter(|s| !outlook.info.has(**s))
        .map(|s| s.weo_code())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::request(
        crate::error::Asked::Outlook,
        &outlook.info.id,
        format!(
            "outlook {} holds no {}: fiscal needs an outlook with GDP in national currency and the general government's accounts, such as imf-weo-2026-04",
            outlook.info.id,
            missing.join(", ")
        ),
    ))
}

/// One ally's years after the baseline (`years` its path, baseline first).
fn ally_years(outlook: &Outlook, ally: &Ally, years: &[&PathYear]) -> Result<Vec<FiscalYear>> {
    let code = ally.nato_code.as_str();
    let a = Accounts {
        outlook,
        code,
        last: outlook.info.last_year,
    };
    let Some(first) = years.first() else {
        return Ok(vec![]);
    };
    let Some(s0) = first.baseline_share else {
        return Ok(vec![]);
    };
    let baseline = first.year;
    if baseline - 1 < outlook.info.first_year || baseline > a.last {
        return Err(Error::request(
            crate::error::Asked::Outlook,
            &outlook.info.id,
            format!(
                "the scenario's baseline year {baseline} needs the outlook's {}-{baseline}; {} covers {}-{}",
                baseline - 1,
                outlook.info.id,
                outlook.info.first_year,
                a.last
            ),
        ));
    }
    let (mut debt, mut added, mut ngdp) = (
        a.get(Series::GovGrossDebt, baseline)?,
        0.0,
        a.get(Series::GdpNational, baseline)?,
    );
    let mut out = Vec::new();
    for p in &years[1..] {
        let t = p.year;
        let held = t > a.last;
        let (g, i, interest_income) = a.rates(t.min(a.last))?;
        debt = if held {
            debt + a.get(Series::GovGrossDebt, a.last)? - a.get(Series::GovGrossDebt, a.last - 1)?
        } else {
            a.get(Series::GovGrossDebt, t)?
        };
        ngdp = if held {
            ngdp * (1.0 + g)
        } else {
            a.get(Series::GdpNational, t)?
        };
        let share = p.required_share.unwrap_or(s0);
        let x = share - s0;
        added = added * (1.0 + i) / (1.0 + g) + x;
        let (expenditure, revenue) = (
            a.get(Series::GovExpenditure, t)?,
            a.get(Series::GovRevenue, t)?,
        );
        let gdp = p.gdp_current.unwrap_or(f64::NAN);
        out.push(FiscalYear {
            code: code.to_string(),
            year: t,
            held,
            baseline_share: s0,
            path_share: share,
            extra_pts: x,
            extra_usd_m: x / 100.0 * gdp,
            extra_national_bn: x / 100.0 * ngdp,
            currency: ally.currency.clone(),
            expenditure,
            revenue,
            pct_of_expenditure: 100.0 * x / expenditure,
            pct_of_revenue: 100.0 * x / revenue,
            nominal_growth: 100.0 * g,
            interest_rate: 100.0 * i,
            interest_income,
            debt_baseline: debt,
            debt_added: added,
            debt_if_borrowed: debt + added,
            gdp_usd_m: gdp,
        });
    }
    Ok(out)
}

/// Every ally's years along the path, in the paths' order (ally, then year).
pub fn by_ally(paths: &Paths, outlook: &Outlook, allies: &[Ally]) -> Result<Vec<FiscalYear>> {
    check_outlook(outlook)?;
    let mut by_code: BTreeMap<&str, Vec<&PathYear>> = BTreeMap::new();
    for p in &paths.years {
        by_code.entry(p.code.as_str()).or_default().push(p);
    }
    let mut out = Vec::new();
    for ally in allies {
        if let Some(years) = by_code.get(ally.nato_code.as_str()) {
            out.extend(ally_years(outlook, ally, years)?);
        }
    }
    Ok(out)
}

/// A group's totals year by year (members with a path).
pub fn by_group(years: &[FiscalYear], group: &Group) -> Vec<GroupFiscalYear> {
    let mut totals: BTreeMap<i32, (GroupFiscalYear, [f64; 5])> = BTreeMap::new();
    for y in years.iter().filter(|y| group.contains(&y.code)) {
        let (t, sums) = totals.entry(y.year).or_insert_with(|| {
            (
                GroupFiscalYear {
                    year: y.year,
                    held: y.held,
                    allies: 0,
                    extra_pts: 0.0,
                    extra_usd_m: 0.0,
                    pct_of_expenditure: 0.0,
                    pct_of_revenue: 0.0,
                    debt_baseline: 0.0,
                    debt_if_borrowed: 0.0,
                },
                [0.0; 5],
            )
        });
        t.allies += 1;
        t.extra_usd_m += y.extra_usd_m;
        let gdp = y.gdp_usd_m;
        sums[0] += gdp;
        sums[1] += y.expenditure / 100.0 * gdp;
        sums[2] += y.revenue / 100.0 * gdp;
        sums[3] += y.debt_baseline / 100.0 * gdp;
        sums[4] += y.debt_if_borrowed / 100.0 * gdp;
    }
    totals
        .into_values()
        .map(|(mut t, [gdp, ggx, ggr, debt, borrowed])| {
            t.extra_pts = 100.0 * t.extra_usd_m / gdp;
            t.pct_of_expenditure = 100.0 * t.extra_usd_m / ggx;
            t.pct_of_revenue = 100.0 * t.extra_usd_m / ggr;
            t.debt_baseline = 100.0 * debt / gdp;
            t.debt_if_borrowed = 100.0 * borrowed / gdp;
            t
        })
        .collect()
}

/// GDP in euros, billions, in `year`: the outlook's own NGDP for an ally
/// keeping its accounts in euros, else its GDP in USD at the euro rate of
/// [`euro_rate_ally`] (its GDP in euros over its GDP in USD).
fn gdp_eur_bn(outlook: &Outlook, ally: &Ally, euro: &Ally, year: i32) -> Option<f64> {
    if ally.currency == euro.currency {
        return outlook.value(&ally.nato_code, Series::GdpNational, year);
    }
    let rate = outlook.value(&euro.nato_code, Series::GdpNational, year)?
        / outlook.value(&euro.nato_code, Series::GdpUsdCurrent, year)?;
    Some(outlook.value(&ally.nato_code, Series::GdpUsdCurrent, year)? * rate)
}

/// An ally's increase over the clause's baseline year to `path_share` in
/// its last year, and its baseline share, on the measure of
/// [`ClauseMeasure`]: Eurostat's `totals` (year, % of GDP) observed to their
/// latest year, then the path's increase over NATO's share (`nato`) that year;
/// else NATO's all the way.
fn clause_increase(
    c: &crate::data::eu::EscapeClause,
    path_share: Option<f64>,
    totals: Vec<(i32, f64)>,
    nato: &dyn Fn(i32) -> Option<f64>,
) -> (Option<f64>, Option<f64>, ClauseMeasure) {
    let base = totals
        .iter()
        .find(|(y, _)| *y == c.baseline_year)
        .map(|t| t.1);
    let latest = totals
        .iter()
        .filter(|(y, _)| *y > c.baseline_year && *y <= c.last_year)
        .max_by_key(|(y, _)| *y);
    match (base, latest) {
        (Some(base), Some(&(year, latest))) => {
            let after = path_share.zip(nato(year)).map(|(p, n)| p - n);
            (
                Some(base),
                after.map(|a| latest - base + a),
                ClauseMeasure::Eurostat {
                    latest_year: year,
                    latest,
                },
            )
        }
        _ => {
            let base = nato(c.baseline_year);
            (
                base,
                path_share.zip(base).map(|(s, b)| s - b),
                ClauseMeasure::Nato,
            )
        }
    }
}

/// Every EU ally with the escape clause or a SAFE loan: the clause's room
/// along the path, the increase over the baseline read on the EU's measure
/// where Eurostat publishes it ([`ClauseMeasure`]), and the loan over GDP.
pub fn eu_rooms(
    instruments: &Instruments,
    gov_ev: &crate::data::eurostat::GovEv,
    paths: &Paths,
    histories: &BTreeMap<String, Vec<AllyYear>>,
    outlook: &Outlook,
    allies: &[Ally],
) -> Vec<EuRoom> {
    let mut out = Vec::new();
    for ally in allies {
        let code = ally.nato_code.as_str();
        let (clause, loan) = (instruments.clause(code), instruments.loan(code));
        if clause.is_none() && loan.is_none() {
            continue;
        }
        let share_in = |year: i32| {
            histories
                .get(code)
                .and_then(|h| h.iter().find(|y| y.year == year))
                .and_then(|y| y.share)
        };
        // The clause's terms, or (an ally that did not activate it) those of
        // the allies that did: its increase over the baseline is read alike.
        let terms = clause.or(instruments.escape_clause.first());
        let path_share = terms.and_then(|c| {
            paths
                .ally(code)
                .find(|p| p.year == c.last_year)
                .and_then(|p| p.required_share)
        });
        let (base, increase, measured_on) = match terms {
            None => (None, None, ClauseMeasure::None),
            Some(c) => clause_increase(c, path_share, gov_ev.for_ally(code), &share_in),
        };
        let room = clause.map(|c| c.up_to_pct_gdp);
        let safe_pct_gdp = loan.zip(euro_rate_ally(allies)).and_then(|(l, euro)| {
            gdp_eur_bn(outlook, ally, euro, SAFE_GDP_YEAR).map(|gdp| 100.0 * l.eur_bn / gdp)
        });
        out.push(EuRoom {
            code: code.to_string(),
            activated: clause.map(|c| c.activated),
            clause_baseline_year: terms.map(|c| c.baseline_year),
            clause_baseline_share: base,
            clause_first_year: terms.map(|c| c.first_year),
            clause_last_year: terms.map(|c| c.last_year),
            path_share,
            increase_pts: increase,
            room_pts: room,
            within_room_pts: increase.zip(room).map(|(x, r)| x.clamp(0.0, r)),
            beyond_room_pts: increase.zip(room).map(|(x, r)| (x - r).max(0.0)),
            measured_on,
            safe_eur_bn: loan.map(|l| l.eur_bn),
            safe_pct_gdp,
        });
    }
    out
}
