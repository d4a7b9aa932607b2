//! Arguments resolved into what a command works on, in one step: the edition
//! loaded (only the one asked for), the year checked against it, the
//! calculator ready.

use crate::calc::Calculator;
use crate::data::{Catalog, EditionData};
use crate::error::{Error, Result};
use crate::forecast::odds::{OutlookRun, Settings};
use crate::param::Param;

/// One year of one edition, ready to calculate on.
pub struct Context<'c> {
    pub catalog: &'c Catalog,
    pub data: EditionData,
    pub year: i32,
    pub calc: Calculator,
    /// The Monte Carlo outlooks run so far: a report's findings and its
    /// charts ask the same question, and it is run once.
    outlooks: std::sync::Mutex<Vec<OutlookRun>>,
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
            outlooks: std::sync::Mutex::new(Vec::new()),
        })
    }

    /// The outlook for `settings`: from an earlier run of the same question
    /// (with these groups among its own), else run now and kept.
    pub fn outlook(&self, settings: &Settings) -> Result<OutlookRun> {
        // Not held while a run is made: the run is parallel on rayon's pool,
        // and a chart drawn on that pool must not wait on a lock its own
        // thread holds. `report` runs the outlook for its findings before it
        // draws the charts, which then find it here.
        let runs = || {
            self.outlooks
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        let earlier = runs()
            .iter()
            .filter(|r| r.settings.same_run_as(settings))
            .find_map(|r| r.for_groups(&settings.groups));
        if let Some(run) = earlier {
            return Ok(run);
        }
        let run = crate::forecast::odds::run(self.catalog, settings)?;
        runs().push(run.clone());
        Ok(run)
    }

    pub fn edition(&self) -> &crate::data::Edition {
        &self.data.edition
    }

    /// What a view of this context's results is about.
    pub fn scope(&self) -> crate::view::Scope<'_> {
        crate::view::Scope {
            catalog: self.catalog,
            edition: &self.data.edition,
            year: self.year,
            constant_gdp: self.calc.has_constant_gdp(),
        }
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
