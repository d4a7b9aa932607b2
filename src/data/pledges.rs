//! NATO's pledges on defence spending, with their dates
//! (`datasets/models/pledges.toml`): what an ally is pulled toward when no
//! national plan of its counts (METHOD, "Forecasting").

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::Catalog;
use crate::error::{Error, Result};

/// Where the file lives among the datasets.
pub const PATH: &str = "models/pledges.toml";

/// An ally's own share under a pledge.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exemption {
    pub ally: String,
    pub share: f64,
    pub note: String,
}

/// One pledge.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pledge {
    pub id: String,
    pub name: String,
    pub agreed: NaiveDate,
    /// % of GDP.
    pub share: f64,
    /// The year to reach it by (none: a floor).
    #[serde(default)]
    pub by: Option<i32>,
    /// At least `share` every year.
    #[serde(default)]
    pub floor: bool,
    /// "total" or "core" (NATO's definitions).
    pub basis: String,
    pub source: String,
    #[serde(default)]
    pub exemption: Vec<Exemption>,
}

impl Pledge {
    /// The share this pledge asks of an ally, %.
    pub fn share_for(&self, code: &str) -> f64 {
        self.exemption
            .iter()
            .find(|e| e.ally == code)
            .map_or(self.share, |e| e.share)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    pledge: Vec<Pledge>,
}

/// The pledges, oldest first (what is in force when: `calc::pledges`).
#[derive(Debug, Clone, PartialEq)]
pub struct Pledges {
    pub list: Vec<Pledge>,
}

/// The pledges, read and checked: ids unique, oldest first, shares of GDP
/// above 0 and at most 20%, a year to reach after the agreement or a floor
/// (not both), exemptions for known allies.
pub fn load(catalog: &Catalog) -> Result<Pledges> {
    let file = catalog.read(PATH)?;
    let parsed: File = file.parse_toml()?;
    let bad = |i: usize, problem: String| {
        Err(Error::data(
            format!("{}: pledge {}", file.display, i + 1),
            problem,
        ))
    };
    for (i, p) in parsed.pledge.iter().enumerate() {
        if parsed.pledge[..i].iter().any(|q| q.id == p.id) {
            return bad(i, format!("id {} appears twice", p.id));
        }
        if i > 0 && parsed.pledge[i - 1].agreed > p.agreed {
            return bad(i, "pledges must be listed oldest first".into());
        }
        let shares = std::iter::once(p.share).chain(p.exemption.iter().map(|e| e.share));
        for share in shares {
            if !(share.is_finite() && share > 0.0 && share <= 20.0) {
                return bad(
                    i,
                    format!("share {share} is not a share of GDP above 0 and at most 20%"),
                );
            }
        }
        match (p.by, p.floor) {
            (Some(_), true) => {
                return bad(i, "a pledge is a floor or has a year `by`, not both".into())
            }
            (None, false) => return bad(i, "a pledge needs a year `by` or `floor = true`".into()),
            (Some(by), false) if by <= p.agreed.year() => {
                return bad(i, format!("by {by} is not after the year it was agreed"))
            }
            _ => {}
        }
        if !matches!(p.basis.as_str(), "total" | "core") {
            return bad(
                i,
                format!("basis {:?} is neither \"total\" nor \"core\"", p.basis),
            );
        }
        for e in &p.exemption {
            if !catalog.allies.iter().any(|a| a.nato_code == e.ally) {
                return bad(
                    i,
                    format!("exemption for {}, not an ally's NATO code", e.ally),
                );
            }
        }
    }
    Ok(Pledges {
        list: parsed.pledge,
    })
}
