//! Shares of GDP by ally and year for the odds' models: NATO's from an
//! edition, SIPRI's of NATO members while members; and the frontline allies.

use std::collections::BTreeMap;

use crate::calc::Calculator;
use crate::data::{sipri, Catalog};
use crate::error::Result;

/// Shares of GDP (%) by ally (NATO code) and year.
pub type SharesByAlly = BTreeMap<String, BTreeMap<i32, f64>>;

/// Every ally's published share by year in an edition.
pub fn nato_shares(calc: &Calculator) -> Result<SharesByAlly> {
    Ok(calc
        .histories()?
        .into_iter()
        .map(|(code, years)| {
            let by_year = years
                .iter()
                .filter_map(|y| Some((y.year, y.share.filter(|s| *s > 0.0)?)))
                .collect();
            (code, by_year)
        })
        .collect())
}

/// Frontline allies (METHOD): the Bucharest Nine, the Nordic-Baltic Eight, or
/// a land border with Russia, Belarus or Ukraine (all of which are in the two).
pub const FRONTLINE_GROUPS: [&str; 2] = ["eastern-flank", "nordic-baltic"];

/// SIPRI's share of GDP of each NATO member while a member, by year.
pub fn sipri_members(catalog: &Catalog) -> Result<(SharesByAlly, String)> {
    let db = catalog.load_sipri(None, &[sipri::Measure::ShareOfGdp])?;
    let table = &db.tables[0];
    let mut out = BTreeMap::new();
    for ally in &catalog.allies {
        let Some((_, cells)) = table.row(&ally.iso3) else {
            continue;
        };
        let by_year: BTreeMap<i32, f64> = table
            .years
            .iter()
            .zip(cells)
            .filter(|(y, _)| ally.is_member_in(**y))
            .filter_map(|(y, c)| Some((*y, c.value.filter(|v| *v > 0.0)?)))
            .collect();
        if !by_year.is_empty() {
            out.insert(ally.nato_code.clone(), by_year);
        }
    }
    Ok((out, db.release.id))
}

/// The allies of the frontline groups.
pub fn frontline(catalog: &Catalog) -> Result<Vec<String>> {
    Ok(FRONTLINE_GROUPS
        .iter()
        .map(|k| catalog.group(k))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flat_map(|g| g.codes.iter().cloned())
        .collect())
}
