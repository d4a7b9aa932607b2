//! Money at purchasing-power parity: each country's current-USD figures
//! times its own ratio of market exchange rate to the IMF's `PPPEX`
//! (international dollars per USD, GDP-based), never one ratio for all.
//!
//! Two uses: an edition's frame at PPP (every current-USD column of every
//! ally-year converted, so that gaps, group totals and shares of allied
//! spending follow), and the rivals table: Europe against Russia and China
//! at market rates, at PPP, and defence-weighted — defspend's own
//! construction, not a published method: the personnel share of spending
//! (NATO's Table 8a) at PPP, the rest (equipment, infrastructure, other) at
//! market rates, since imported and dollar-priced equipment buys no more at
//! home prices. GDP-based PPP is not a military PPP.

use std::collections::HashMap;

use polars::prelude::*;
use serde::Deserialize;

use super::read::Reader;
use crate::data::ppp::PppRates;
use crate::data::Ally;
use crate::error::Result;

/// The price basis of money figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Prices {
    /// Market exchange rates, as every source publishes.
    #[default]
    Market,
    /// GDP-based purchasing-power parity (the IMF's PPPEX).
    Ppp,
    /// Each ally's own currency, as NATO publishes it (Table 1): asked for
    /// as a currency (`Currency::National`), not a price basis.
    #[serde(skip)]
    National,
}

/// The currency of money figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Currency {
    /// US dollars, as NATO's tables in USD.
    #[default]
    Usd,
    /// Each ally's own currency (NATO's Table 1).
    National,
}

impl Prices {
    /// `market` / `ppp`, as asked for.
    pub fn id(self) -> &'static str {
        match self {
            Prices::Market => "market",
            Prices::Ppp => "ppp",
            Prices::National => "national",
        }
    }

    /// "current USD" / "current international $ at GDP-based PPP".
    pub fn money(self) -> &'static str {
        match self {
            Prices::Market => "current USD",
            Prices::Ppp => "current international $ at GDP-based PPP",
            Prices::National => "current national currency",
        }
    }

    /// The unit of money in billions, for metadata.
    pub fn money_unit(self) -> &'static str {
        match self {
            Prices::Market => "USD billion",
            Prices::Ppp => "international dollar billion (GDP-based PPP)",
            Prices::National => "national currency billion (each ally's own)",
        }
    }

    /// "USD" / "int'l $" for column headers.
    pub fn unit(self) -> &'static str {
        match self {
            Prices::Market => "USD",
            Prices::Ppp => "int'l $ PPP",
            Prices::National => "national",
        }
    }

    /// A money column's key at this basis: `gap_usd_current_bn` at PPP is
    /// `gap_ppp_current_bn`.
    pub fn key(self, key: &str) -> String {
        match self {
            Prices::Market => key.to_string(),
            Prices::Ppp => key.replace("usd_current", "ppp_current"),
            Prices::National => key
                .replace("usd_current", "national_current")
                .replace("usd_constant", "national_constant"),
        }
    }
}

/// The columns an edition's frame holds in current USD.
const CURRENT_USD: [&str; 2] = ["defence_usd_current_m", "gdp_usd_current_m"];

/// The frame with every current-USD column converted at each ally-year's
/// own ratio (null where the rates lack the year).
pub fn frame_at_ppp(df: &DataFrame, allies: &[Ally], rates: &PppRates) -> Result<DataFrame> {
    let iso3: HashMap<&str, &str> = allies
        .iter()
        .map(|a| (a.nato_code.as_str(), a.iso3.as_str()))
        .collect();
    let r = Reader::new(df);
    let (codes, years) = (r.string("code")?, r.i32("year")?);
    let ratio: Vec<Option<f64>> = codes
        .iter()
        .zip(&years)
        .map(|(code, year)| {
            let iso = iso3.get(code.as_str())?;
            Some(rates.get(iso, (*year)?)?.ratio())
        })
        .collect();
    scaled(df, &CURRENT_USD.map(|name| (name, ratio.as_slice())))
}

/// `df` with each named column multiplied, row by row, by its factors
/// (null where either is).
fn scaled(df: &DataFrame, columns: &[(&str, &[Option<f64>])]) -> Result<DataFrame> {
    let r = Reader::new(df);
    let mut out = df.clone();
    for &(name, factors) in columns {
        let values: Vec<Option<f64>> = r
            .f64(name)?
            .iter()
            .zip(factors)
            .map(|(v, k)| Some((*v)? * (*k)?))
            .collect();
        out.with_column(Column::new(name.into(), values))?;
    }
    Ok(out)
}

/// Europe against Russia and China (and the United States, Ukraine
/// alongside) at market rates, at PPP and defence-weighted, in one year.
pub struct Rivals {
    pub year: i32,
    /// The year asked for, when SIPRI's last year came before it.
    pub asked: Option<i32>,
    pub sides: Vec<RivalSide>,
    pub rates: PppRates,
    pub edition: crate::data::Edition,
    /// SIPRI's release, when installed (Russia's and China's figures).
    pub sipri: Option<crate::data::editions::SipriRelease>,
}

/// The frame in each ally's own currency: current-USD columns times the
/// ally-year's national currency per USD at current prices (Table 1 over
/// Table 2), constant-USD columns at constant prices; null where NATO
/// publishes no national figure.
pub fn frame_in_national(df: &DataFrame) -> Result<DataFrame> {
    let r = Reader::new(df);
    let rate = |ncu: &str, usd: &str| -> Result<Vec<Option<f64>>> {
        Ok(r.f64(ncu)?
            .iter()
            .zip(r.f64(usd)?)
            .map(|(n, u)| Some((*n)? / u.filter(|u| *u != 0.0)?))
            .collect())
    };
    let current = rate("defence_ncu_current_m", "defence_usd_current_m")?;
    let constant = rate("defence_ncu_constant_m", "defence_usd_constant_m")?;
    scaled(
        df,
        &[
            ("defence_usd_current_m", &current),
            ("gdp_usd_current_m", &current),
            ("defence_usd_constant_m", &constant),
            ("gdp_usd_constant_m", &constant),
        ],
    )
}

/// One side of the rivals table.
#[derive(Debug, Clone, PartialEq)]
pub struct RivalSide {
    pub key: String,
    pub label: String,
    /// "NATO nato-2026" or "SIPRI sipri-2025".
    pub source: String,
    pub market_m: Option<f64>,
    pub ppp_m: Option<f64>,
    pub weighted_m: Option<f64>,
    /// The personnel share used, % (its own, or the assumption).
    pub personnel_pct: Option<f64>,
    /// The personnel share is assumed (no published category split).
    pub assumed: bool,
}

impl RivalSide {
    /// International dollars per USD over the whole side.
    pub fn ratio(&self) -> Option<f64> {
        Some(self.ppp_m? / self.market_m?)
    }
}

/// One ally's spending in a year: current USD m, its PPP ratio, its personnel share.
#[derive(Debug, Clone, Copy)]
pub struct Spending {
    pub usd_m: f64,
    pub ratio: f64,
    pub personnel_pct: Option<f64>,
}

/// Europe (`groups.0`) and the United States (`groups.1`) from the
/// edition, Russia, China and Ukraine from SIPRI's current USD, in `year`,
/// or SIPRI's last year when it ends before (both sides in the same year).
pub fn rivals(
    data: &crate::data::EditionData,
    allies: &[Ally],
    groups: (&crate::data::Group, &crate::data::Group),
    rates: PppRates,
    sipri: Option<&crate::data::sipri::Sipri>,
    year: i32,
) -> Result<Rivals> {
    use crate::data::sipri::Measure;
    let shown = sipri.map_or(year, |s| year.min(s.release.last_year));
    let spending = ally_spending(&data.expenditure, allies, &rates, shown)?;
    let nato = format!("NATO {}", data.edition.id);
    let mut sides = Vec::new();
    for group in [groups.0, groups.1] {
        let members: Vec<Spending> = spending
            .iter()
            .filter(|(code, _)| group.contains(code))
            .map(|(_, s)| *s)
            .collect();
        sides.push(group_side(&group.key, &group.label, &nato, &members));
    }
    let assumed = sides[0].personnel_pct;
    let source = sipri.map_or("SIPRI (not installed)".to_string(), |s| {
        format!("SIPRI {}", s.release.id)
    });
    for (code, name) in [("RUS", "Russia"), ("CHN", "China"), ("UKR", "Ukraine")] {
        let usd = sipri.and_then(|s| {
            let cell = s.table(Measure::CurrentUsd)?.cell(code, shown)?;
            cell.value.filter(|_| cell.state.has_value())
        });
        let ratio = rates.get(code, shown).map(|r| r.ratio());
        sides.push(country_side(code, name, &source, usd, ratio, assumed));
    }
    Ok(Rivals {
        year: shown,
        asked: (shown != year).then_some(year),
        sides,
        rates,
        edition: data.edition.clone(),
        sipri: sipri.map(|s| s.release.clone()),
    })
}

/// Each ally's spending in `year` (market-rate current USD, from an
/// edition's frame), with its ratio and personnel share; allies without a
/// figure or a rate are left out.
pub fn ally_spending(
    df: &DataFrame,
    allies: &[Ally],
    rates: &PppRates,
    year: i32,
) -> Result<HashMap<String, Spending>> {
    let r = Reader::new(df);
    let (codes, years) = (r.string("code")?, r.i32("year")?);
    let (usd, personnel) = (r.f64("defence_usd_current_m")?, r.f64("personnel_pct")?);
    let mut out = HashMap::new();
    for i in 0..r.len() {
        if years[i] != Some(year) {
            continue;
        }
        let Some(ally) = allies.iter().find(|a| a.nato_code == codes[i]) else {
            continue;
        };
        if let (Some(usd_m), Some(rates)) = (usd[i], rates.get(&ally.iso3, year)) {
            out.insert(
                codes[i].clone(),
                Spending {
                    usd_m,
                    ratio: rates.ratio(),
                    personnel_pct: personnel[i],
                },
            );
        }
    }
    Ok(out)
}

/// A group of allies summed: each at its own ratio; defence-weighted where
/// every member has its personnel share (missing otherwise).
pub fn group_side(key: &str, label: &str, source: &str, members: &[Spending]) -> RivalSide {
    let market: f64 = members.iter().map(|m| m.usd_m).sum();
    let ppp: f64 = members.iter().map(|m| m.usd_m * m.ratio).sum();
    let weighted: Option<f64> = members
        .iter()
        .map(|m| Some(weighted(m.usd_m, m.ratio, m.personnel_pct?)))
        .sum();
    let personnel: Option<f64> = members
        .iter()
        .map(|m| Some(m.usd_m * m.personnel_pct?))
        .sum::<Option<f64>>()
        .map(|p| p / market);
    RivalSide {
        key: key.into(),
        label: label.into(),
        source: source.into(),
        market_m: (!members.is_empty()).then_some(market),
        ppp_m: (!members.is_empty()).then_some(ppp),
        weighted_m: weighted.filter(|_| !members.is_empty()),
        personnel_pct: personnel,
        assumed: false,
    }
}

/// `usd_m` with its personnel share at PPP and the rest at market rates.
pub fn weighted(usd_m: f64, ratio: f64, personnel_pct: f64) -> f64 {
    let p = personnel_pct / 100.0;
    usd_m * (p * ratio + (1.0 - p))
}

/// A country outside NATO's tables (SIPRI's figure): no published category
/// split, so the personnel share `assumed` (the European allies') weights it.
pub fn country_side(
    key: &str,
    label: &str,
    source: &str,
    usd_m: Option<f64>,
    ratio: Option<f64>,
    assumed: Option<f64>,
) -> RivalSide {
    RivalSide {
        key: key.into(),
        label: label.into(),
        source: source.into(),
        market_m: usd_m,
        ppp_m: usd_m.zip(ratio).map(|(u, r)| u * r),
        weighted_m: usd_m
            .zip(ratio)
            .zip(assumed)
            .map(|((u, r), p)| weighted(u, r, p)),
        personnel_pct: assumed,
        assumed: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_converts_each_member_at_its_own_ratio() {
        let members = [
            Spending {
                usd_m: 100.0,
                ratio: 1.0,
                personnel_pct: Some(50.0),
            },
            Spending {
                usd_m: 100.0,
                ratio: 2.0,
                personnel_pct: Some(20.0),
            },
        ];
        let side = group_side("g", "G", "t", &members);
        assert_eq!(side.market_m, Some(200.0));
        // 100 x 1 + 100 x 2, not 200 x the mean ratio of GDP.
        assert_eq!(side.ppp_m, Some(300.0));
        // 100 + (20 x 2 + 80) = 220.
        assert_eq!(side.weighted_m, Some(220.0));
        assert_eq!(side.personnel_pct, Some(35.0));
    }
}
