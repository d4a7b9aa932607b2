//! Arguments resolved into what a command works on, in one step: the edition
//! loaded (only the one asked for), the year checked against it, the
//! calculator ready.

use crate::calc::Calculator;
use crate::cli::{EditionArgs, EditionYearArgs};
use crate::data::{Catalog, EditionData};
use crate::error::{Error, Result};

/// One year of one edition, ready to calculate on.
pub struct Context<'c> {
    pub catalog: &'c Catalog,
    pub data: EditionData,
    pub year: i32,
    pub calc: Calculator,
}

impl<'c> Context<'c> {
    pub fn new(catalog: &'c Catalog, args: &EditionYearArgs) -> Result<Self> {
        let data = load_edition(catalog, &args.edition)?;
        let year = resolve_year(&data, args.year)?;
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

pub fn load_edition(catalog: &Catalog, args: &EditionArgs) -> Result<EditionData> {
    catalog.load_edition(args.edition.as_deref())
}

/// The year asked for, or the edition's latest; an error if outside the edition.
pub fn resolve_year(data: &EditionData, year: Option<i32>) -> Result<i32> {
    let edition = &data.edition;
    let year = year.unwrap_or(edition.last_year);
    if !edition.years().contains(&year) {
        return Err(Error::usage(
            "--year",
            format!(
                "{year} is outside edition {} ({}-{})",
                edition.id, edition.first_year, edition.last_year
            ),
        ));
    }
    Ok(year)
}
