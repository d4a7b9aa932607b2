//! `defspend personnel`: military personnel and spending per soldier.
use crate::api::{self, PersonnelRequest};
use crate::cli::PersonnelArgs;
use crate::data::Catalog;
use crate::error::Result;

pub fn run(catalog: &Catalog, args: &PersonnelArgs) -> Result<()> {
    let request = PersonnelRequest {
        edition: args.at.edition.edition.clone(),
        year: args.at.year,
        since: args.since,
        groups: args.groups.groups.clone(),
    };
    args.output.emit(&api::personnel(catalog, &request)?)
}
