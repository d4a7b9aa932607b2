//! `defspend economy`: the economic outlook behind money paths, by ally and
//! year, and with `--compare`, how it moved from another outlook.

use crate::api::{self, EconomyRequest};
use crate::cli::EconomyArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &EconomyArgs) -> Result<()> {
    let request = EconomyRequest {
        allies: args.allies.clone(),
        economy: args.economy.clone(),
        compare: args.compare.clone(),
        series: args.series.clone(),
        years: args.years,
    };
    args.output.emit(&api::economy(catalog, &request)?)
}
