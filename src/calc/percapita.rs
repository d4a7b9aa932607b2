//! Defence spending per person. NATO's own figure (Table 6, at the edition's
//! constant prices) where the edition has it; otherwise current-price spending
//! divided by the IMF outlook's population, in current USD. One table uses
//! one source, named on every output.

use std::collections::BTreeMap;

use super::types::AllyYear;
use super::Calculator;
use crate::data::outlook::{Outlook, Series};
use crate::data::{Ally, EditionData};
use crate::error::Result;

/// Where a per-person figure comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    /// NATO's Table 6, constant USD of this year's prices.
    Nato { price_base_year: i32 },
    /// Spending in current USD over the population of this outlook.
    Population { outlook: String, citation: String },
}

impl Basis {
    /// NATO's own figure when the edition publishes it for any ally-year.
    pub fn for_edition(
        data: &EditionData,
        histories: &BTreeMap<String, Vec<AllyYear>>,
        outlook: &Outlook,
    ) -> Basis {
        if histories
            .values()
            .any(|h| h.iter().any(|y| y.defence_per_capita_usd.is_some()))
        {
            Basis::Nato {
                price_base_year: data.edition.price_base_year,
            }
        } else {
            Basis::Population {
                outlook: outlook.info.id.clone(),
                citation: outlook.info.citation.clone(),
            }
        }
    }

    /// "USD per person, constant 2015 prices (NATO, Table 6)".
    pub fn label(&self) -> String {
        match self {
            Basis::Nato { price_base_year } => {
                format!("USD per person, constant {price_base_year} prices (NATO, Table 6)")
            }
            Basis::Population { outlook, .. } => {
                format!("USD per person, current prices (spending ÷ population of {outlook})")
            }
        }
    }

    pub fn note(&self) -> String {
        match self {
            Basis::Nato { price_base_year } => format!(
                "Spending per person is NATO's own figure (Table 6), in constant {price_base_year} USD."
            ),
            Basis::Population { citation, .. } => format!(
                "The edition has no per-person table: spending per person is current-price spending divided by population from the IMF's outlook ({}).",
                citation.trim_start_matches("Source: ").trim_end_matches('.')
            ),
        }
    }

    /// The per-person figure for one ally-year.
    pub fn value(&self, code: &str, y: &AllyYear, outlook: &Outlook) -> Option<f64> {
        match self {
            Basis::Nato { .. } => y.defence_per_capita_usd,
            Basis::Population { .. } => {
                let people_m = outlook.value(code, Series::Population, y.year)?;
                let spending = y.defence_usd_current_m?;
                (people_m > 0.0).then(|| spending / people_m)
            }
        }
    }

    /// Population (millions) behind a figure: the outlook's, or for NATO's
    /// figure, the one it implies (constant spending ÷ per person).
    pub fn population_m(&self, code: &str, y: &AllyYear, outlook: &Outlook) -> Option<f64> {
        match self {
            Basis::Nato { .. } => {
                let pc = y.defence_per_capita_usd.filter(|v| *v > 0.0)?;
                Some(y.defence_usd_constant_m? / pc)
            }
            Basis::Population { .. } => outlook.value(code, Series::Population, y.year),
        }
    }

    /// The spending a figure divides (constant for NATO's, current otherwise).
    pub fn spending_m(&self, y: &AllyYear) -> Option<f64> {
        match self {
            Basis::Nato { .. } => y.defence_usd_constant_m,
            Basis::Population { .. } => y.defence_usd_current_m,
        }
    }
}

/// One ally's spending per person in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct PerCapita {
    pub code: String,
    pub name: String,
    pub year: i32,
    pub estimate: bool,
    pub usd: f64,
    pub population_m: f64,
}

/// The edition's basis, every member's figure in `year` (allies with armed
/// forces that had joined), highest first, and the allied figure: total
/// spending over total population of the members with a figure.
pub fn for_year(
    calc: &Calculator,
    data: &EditionData,
    allies: &[Ally],
    outlook: &Outlook,
    year: i32,
) -> Result<(Basis, Vec<PerCapita>, Option<f64>)> {
    let histories = calc.histories()?;
    let basis = Basis::for_edition(data, &histories, outlook);
    let members = allies
        .iter()
        .filter(|a| a.has_armed_forces && a.accession_year() <= year)
        .filter_map(|a| Some((a, histories.get(&a.nato_code)?)));
    let (rows, allied) = ranking(&basis, members, year, outlook);
    Ok((basis, rows, allied))
}

fn ranking<'a>(
    basis: &Basis,
    members: impl Iterator<Item = (&'a Ally, &'a Vec<AllyYear>)>,
    year: i32,
    outlook: &Outlook,
) -> (Vec<PerCapita>, Option<f64>) {
    let mut rows = Vec::new();
    let (mut spend, mut people) = (0.0, 0.0);
    for (ally, history) in members {
        let (code, name) = (&ally.nato_code, &ally.name);
        let Some(y) = history.iter().find(|y| y.year == year) else {
            continue;
        };
        let (Some(usd), Some(pop), Some(s)) = (
            basis.value(code, y, outlook),
            basis.population_m(code, y, outlook),
            basis.spending_m(y),
        ) else {
            continue;
        };
        spend += s;
        people += pop;
        rows.push(PerCapita {
            code: code.clone(),
            name: name.clone(),
            year,
            estimate: y.estimate,
            usd,
            population_m: pop,
        });
    }
    rows.sort_by(|a, b| b.usd.total_cmp(&a.usd).then(a.name.cmp(&b.name)));
    let allied = (people > 0.0).then(|| spend / people);
    (rows, allied)
}
