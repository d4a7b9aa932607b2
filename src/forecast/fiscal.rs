//! A scenario's path costed for each treasury (see [`crate::calc::fiscal`]):
//! the scenario, its edition, the outlook whose general-government accounts
//! cost it, every ally's years and the EU's instruments.

use crate::calc::fiscal::{self, EuRoom, FiscalYear};
use crate::calc::Calculator;
use crate::data::outlook::OutlookInfo;
use crate::data::{Catalog, EditionData};
use crate::error::{Error, Result};

use crate::scenario::Scenario;

pub struct FiscalRun {
    pub scenario: Scenario,
    pub data: EditionData,
    pub outlook: OutlookInfo,
    /// Every ally with a path, years after the baseline.
    pub years: Vec<FiscalYear>,
    pub eu: Vec<EuRoom>,
    /// Where the EU's figures come from (`eu.toml`, `eurostat.toml`).
    pub eu_citation: String,
}

impl FiscalRun {
    /// The year asked of the path (`--year`), else its target year: one
    /// after the baseline, up to the target year.
    pub fn path_year(&self, year: Option<i32>) -> Result<i32> {
        let s = &self.scenario;
        let year = year.unwrap_or(s.target_year);
        if year <= s.baseline_year || year > s.target_year {
            return Err(Error::usage(
                crate::param::Param::Year,
                format!(
                    "{year} is not a year of the path: give one of {}-{}",
                    s.baseline_year + 1,
                    s.target_year
                ),
            ));
        }
        Ok(year)
    }
}

/// Costs the scenario `reference` (file or shipped name), on `economy`
/// instead of its outlook when given. The scenario must take GDP from an
/// outlook: one with the general government's accounts.
pub fn run(catalog: &Catalog, reference: &str, economy: Option<&str>) -> Result<FiscalRun> {
    let s = crate::scenario::load_on(reference, catalog, economy)?;
    let Some(used) = &s.economy else {
        return Err(Error::data(
            &s.source,
            format!(
                "the scenario takes GDP from one growth rate (no `economy`), so its years {}-{} have no outlook to cost them with: fiscal follows the general government's accounts of an outlook year by year; add `economy = \"imf-weo-2026-04\"` to the file, or use hague-2035-imf",
                s.baseline_year + 1,
                s.target_year
            ),
        ));
    };
    let outlook = catalog.load_outlook(Some(&used.id))?;
    let data = catalog.load_edition(Some(&s.edition))?;
    let calc = Calculator::for_edition(&data, &catalog.allies)?;
    let paths = s.paths(&calc)?;
    let years = fiscal::by_ally(&paths, &outlook, &catalog.allies)?;
    let instruments = catalog.eu_instruments()?;
    let (gov_ev, _) = catalog.gov_ev()?;
    let eu = fiscal::eu_rooms(
        &instruments,
        &gov_ev,
        &paths,
        &calc.histories()?,
        &outlook,
        &catalog.allies,
    );
    Ok(FiscalRun {
        scenario: s,
        data,
        outlook: outlook.info.clone(),
        years,
        eu,
        eu_citation: format!("{} {}", instruments.citation, gov_ev.citation),
    })
}
