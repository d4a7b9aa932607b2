//! `defspend economy`: the economic outlook behind money paths, by ally and year.

use crate::cli::EconomyArgs;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::view;

pub fn run(catalog: &Catalog, args: &EconomyArgs) -> Result<()> {
    let outlook = catalog.load_outlook(args.outlook.as_deref())?;
    let allies = if args.allies.is_empty() {
        catalog.allies.iter().collect()
    } else {
        args.allies
            .iter()
            .map(|a| catalog.ally(a))
            .collect::<Result<Vec<_>>>()?
    };
    let years = args
        .years
        .unwrap_or((outlook.info.first_year, outlook.info.last_year));
    if years.0 < outlook.info.first_year || years.1 > outlook.info.last_year {
        return Err(Error::usage(
            "--years",
            format!(
                "{}-{} is outside outlook {} ({}-{})",
                years.0, years.1, outlook.info.id, outlook.info.first_year, outlook.info.last_year
            ),
        ));
    }
    args.output
        .emit(&view::economy::report(&outlook, &allies, years))
}
