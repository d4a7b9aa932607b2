//! Arguments resolved into what a command works on, in one step: the edition
//! loaded (only the one asked for), the year checked against it, the
//! calculator ready. Plain values: what a run computes and keeps is
//! [`crate::results::Results`]'.

use crate::calc::Calculator;
use crate::data::{Catalog, EditionData};
use crate::error::{Error, Result};
use crate::param::Param;

/// One year of one edition, ready to calculate on.
pub struct Context<'c> {
    pub catalog: &'c Catalog,
    pub data: EditionData,
    pub year: i32,
    pub calc: Calculator,
}

impl<'c> Context<'c> {
    /// `edition`: an id, or the latest; `year`: the edition's latest by default.
    pub fn new(catalog: &'c Catalog, edition: Option<&str>, year: Option<i32>) -> Result<Self> {
        let data = catalog.load_edition(edition)?;
        let year = resolve_year(&data, year)?;
        Self::for_year(catalog, data, year)
    }

    pub fn for_year(catalog: &'c Catalog, data: EditionData, year: i32) -> Result<Self> {
        let calc = Calculator::for_edition(&data, &catalog.allies)?;
        Ok(Context {
            catalog,
            data,
            year,
            calc,
        })
    }

    pub fn edition(&self) -> &crate::data::Edition {
        &self.data.edition
    }
}

/// The year asked for, or the edition's latest; an error if outside the edition.
pub fn resolve_year(data: &EditionData, year: Option<i32>) -> Result<i32> {
    let edition = &data.edition;
    let year = year.unwrap_or(edition.last_year);
    if !edition.years().contains(&year) {
        return Err(Error::usage(
            Param::Year,
            format!(
                "{year} is outside edition {} ({}-{})",
                edition.id, edition.first_year, edition.last_year
            ),
        ));
    }
    Ok(year)
}
