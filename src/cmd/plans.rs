//! `defspend plans`: national plans against a scenario's required path, and
//! `plans changes`: what changed between two vintages.

use crate::api::{self, PlansChangesRequest, PlansRecordRequest, PlansRequest};
use crate::cli::{PlansArgs, PlansChangesArgs, PlansCommand, PlansRecordArgs};
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &PlansArgs) -> Result<()> {
    match &args.command {
        Some(PlansCommand::Changes(changes)) => return run_changes(catalog, changes),
        Some(PlansCommand::Record(record)) => return run_record(catalog, record),
        None => {}
    }
    let request = PlansRequest {
        scenario: args.scenario.clone(),
        plans_vintage: args.vintage.clone(),
        allies: args.allies.clone(),
        economy: args.economy.economy.clone(),
    };
    args.output.emit(&api::plans(catalog, &request)?)
}

fn run_changes(catalog: &Catalog, args: &PlansChangesArgs) -> Result<()> {
    let request = PlansChangesRequest {
        scenario: args.scenario.clone(),
        from_vintage: args.from.clone(),
        to_vintage: args.to.clone(),
        economy: args.economy.economy.clone(),
    };
    args.output.emit(&api::plans_changes(catalog, &request)?)
}

fn run_record(catalog: &Catalog, args: &PlansRecordArgs) -> Result<()> {
    let request = PlansRecordRequest {
        edition: args.edition.clone(),
    };
    args.output.emit(&api::plans_record(catalog, &request)?)
}
