//! `defspend history`: long series for countries and groups, from SIPRI or a NATO edition.

use crate::api::{self, HistoryRequest, Source};
use crate::cli::{HistoryArgs, LongSource};
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &HistoryArgs) -> Result<()> {
    let request = HistoryRequest {
        names: args.names.clone(),
        source: match args.source {
            LongSource::Nato => Source::Nato,
            LongSource::Sipri => Source::Sipri,
        },
        since: args.since,
        measure: args.measure.measure(),
        edition: args.edition.edition.clone(),
    };
    args.output.emit(&api::history(catalog, &request)?)
}
