//! `defspend crosscheck`: NATO's and SIPRI's share of GDP for each ally in one year.
use crate::api::{self, CrosscheckRequest};
use crate::cli::CrosscheckArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &CrosscheckArgs) -> Result<()> {
    let request = CrosscheckRequest {
        edition: args.at.edition.edition.clone(),
        year: args.at.year,
    };
    args.output.emit(&api::crosscheck(catalog, &request)?)
}
