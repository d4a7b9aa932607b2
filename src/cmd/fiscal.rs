//! `defspend fiscal`: what a scenario's path costs each treasury, from an
//! outlook's general-government accounts, with the EU's instruments beside.

use crate::calc::fiscal;
use crate::cli::FiscalArgs;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::view;

pub fn run(catalog: &Catalog, args: &FiscalArgs) -> Result<()> {
    let selected = catalog.ally_codes(&args.allies)?;
    let run = crate::forecast::fiscal::run(catalog, &args.scenario, args.economy.as_deref())?;
    let s = &run.scenario;
    let year = args.year.unwrap_or(s.target_year);
    if year <= s.baseline_year || year > s.target_year {
        return Err(Error::usage(
            "--year",
            format!(
                "{year} is not a year of the path: give one of {}-{}",
                s.baseline_year + 1,
                s.target_year
            ),
        ));
    }
    let groups = if args.groups.groups.is_empty() {
        s.groups.iter().collect::<Vec<_>>()
    } else {
        catalog.groups_named(&args.groups.groups)?
    };
    let group_years: Vec<_> = groups
        .iter()
        .map(|g| (*g, fiscal::by_group(&run.years, g)))
        .collect();
    args.output
        .emit(&view::fiscal::report(&view::fiscal::Fiscal {
            catalog,
            scenario: s,
            edition: &run.data.edition,
            outlook: &run.outlook,
            year,
            allies: &run.years,
            groups: &group_years,
            eu: &run.eu,
            eu_citation: &run.eu_citation,
            selected: &selected,
        }))
}
