//! `defspend fiscal`: what a scenario's path costs each treasury, from an
//! outlook's general-government accounts, with the EU's instruments beside.
use crate::api::{self, FiscalRequest};
use crate::cli::FiscalArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &FiscalArgs) -> Result<()> {
    let request = FiscalRequest {
        scenario: args.scenario.clone(),
        economy: args.economy.clone(),
        year: args.year,
        allies: args.allies.clone(),
        groups: args.groups.groups.clone(),
    };
    args.output.emit(&api::fiscal(catalog, &request)?)
}
