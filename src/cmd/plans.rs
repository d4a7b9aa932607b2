//! `defspend plans`: national plans against a scenario's required path, and
//! `plans changes`: what changed between two vintages.

use crate::api::{self, PlansRecordRequest, PlansRequest};
use crate::cli::{PlansArgs, PlansChangesArgs, PlansCommand, PlansRecordArgs};
use crate::data::Catalog;
use crate::error::{Asked, Error, Result};
use crate::forecast::against;
use crate::param::Param;
use crate::view;

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
    let run = against::changes(
        catalog,
        &args.scenario,
        args.from.as_deref(),
        args.to.as_deref(),
        args.economy.id(),
    )
    .map_err(|e| {
        // A vintage's request names the flag that asked for it.
        let param = match &e {
            Error::Request {
                asked: Asked::From, ..
            } => Param::FromVintage,
            Error::Request {
                asked: Asked::PlansVintage,
                id,
                ..
            } if args.from.as_deref() == Some(id.as_str()) => Param::FromVintage,
            Error::Request {
                asked: Asked::PlansVintage,
                ..
            } => Param::ToVintage,
            _ => return e,
        };
        e.from_param(param)
    })?;
    args.output.emit(&view::plans::changes(catalog, &run))
}

fn run_record(catalog: &Catalog, args: &PlansRecordArgs) -> Result<()> {
    let request = PlansRecordRequest {
        edition: args.edition.clone(),
    };
    args.output.emit(&api::plans_record(catalog, &request)?)
}
