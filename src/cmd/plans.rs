//! `defspend plans`: national plans against a scenario's required path, and
//! `plans changes`: what changed between two vintages.

use crate::cli::{PlansArgs, PlansChangesArgs, PlansCommand, PlansRecordArgs};
use crate::data::Catalog;
use crate::error::{Asked, Error, Result};
use crate::forecast::against;
use crate::view;

pub fn run(catalog: &Catalog, args: &PlansArgs) -> Result<()> {
    match &args.command {
        Some(PlansCommand::Changes(changes)) => return run_changes(catalog, changes),
        Some(PlansCommand::Record(record)) => return run_record(catalog, record),
        None => {}
    }
    let selected = catalog.ally_codes(&args.allies)?;
    let run = against::run(
        catalog,
        &args.scenario,
        args.vintage.as_deref(),
        args.economy.id(),
    )?;
    let report = view::plans::report(
        catalog,
        &run.data,
        &run.scenario,
        &run.plans,
        &run.comparisons,
        &selected,
    );
    args.output.emit(&report)
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
        let flag = match &e {
            Error::Request {
                asked: Asked::From, ..
            } => "--from-vintage",
            Error::Request {
                asked: Asked::PlansVintage,
                id,
                ..
            } if args.from.as_deref() == Some(id.as_str()) => "--from-vintage",
            Error::Request {
                asked: Asked::PlansVintage,
                ..
            } => "--to-vintage",
            _ => return e,
        };
        e.from_flag(flag)
    })?;
    args.output.emit(&view::plans::changes(catalog, &run))
}

fn run_record(catalog: &Catalog, args: &PlansRecordArgs) -> Result<()> {
    let run =
        against::record(catalog, args.edition.as_deref()).map_err(|e| e.from_flag("--edition"))?;
    args.output.emit(&view::plans::record(catalog, &run))
}
