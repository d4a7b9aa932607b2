//! `defspend plans`: national plans against a scenario's required path, and
//! `plans changes`: what changed between two vintages.

use crate::cli::{PlansArgs, PlansChangesArgs, PlansCommand};
use crate::data::Catalog;
use crate::error::{Asked, Error, Result};
use crate::scenario::against;
use crate::view;

pub fn run(catalog: &Catalog, args: &PlansArgs) -> Result<()> {
    if let Some(PlansCommand::Changes(changes)) = &args.command {
        return run_changes(catalog, changes);
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
