//! `defspend history`: long series for countries and groups, from SIPRI or a NATO edition.

use crate::api::{self, HistoryRequest};
use crate::cli::HistoryArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &HistoryArgs) -> Result<()> {
    let request = HistoryRequest {
        names: args.names.clone(),
        source: args.source.into(),
        since: args.since,
        measure: args.measure.measure(),
        edition: args.edition.edition.clone(),
    };
    args.output.emit(&api::history(catalog, &request)?)
}
