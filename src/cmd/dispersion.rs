//! `defspend dispersion`: how far apart the European allies' shares of GDP
//! are, year by year, and whether the gap widens by each measure.
use crate::api::{self, DispersionRequest, Source};
use crate::cli::{DispersionArgs, LongSource};
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &DispersionArgs) -> Result<()> {
    let request = DispersionRequest {
        source: match args.source {
            LongSource::Nato => Source::Nato,
            LongSource::Sipri => Source::Sipri,
        },
        edition: args.edition.edition.clone(),
        groups: args.groups.clone(),
    };
    args.output.emit(&api::dispersion(catalog, &request)?)
}
