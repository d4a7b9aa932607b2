//! `defspend dispersion`: how far apart the European allies' shares of GDP
//! are, year by year, and whether the gap widens by each measure.
use crate::api::{self, DispersionRequest};
use crate::cli::DispersionArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &DispersionArgs) -> Result<()> {
    let request = DispersionRequest {
        source: args.source.into(),
        edition: args.edition.edition.clone(),
        groups: args.groups.clone(),
    };
    args.output.emit(&api::dispersion(catalog, &request)?)
}
