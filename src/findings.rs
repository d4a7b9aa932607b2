//! The brief's findings as values: who meets each of the report's targets,
//! what closing Europe and Canada's gaps would cost, the United States'
//! share of allied spending against its share of GDP, and the biggest
//! movers. Computed once from a context; `view::brief` renders them.

use crate::calc::{targets, Mover, Status};
use crate::context::Context;
use crate::data::groups;
use crate::error::Result;

/// Who meets one target, who falls short and who is not counted.
pub struct TargetFinding {
    pub target: f64,
    /// Allies at or above the target, by share.
    pub meeting: Vec<String>,
    /// Allies below it, with their shares, lowest first.
    pub below: Vec<(String, Option<f64>)>,
    /// Allies without armed forces, not counted.
    pub not_counted: Vec<String>,
    /// The sum of Europe and Canada's members' gaps, USD million, current.
    pub europe_gap_usd_current_m: f64,
}

impl TargetFinding {
    /// Allies counted: with armed forces and a share.
    pub fn counted(&self) -> usize {
        self.meeting.len() + self.below.len()
    }
}

/// The United States against the alliance, % of allied totals (current prices).
pub struct UsShare {
    pub spending_share: Option<f64>,
    pub gdp_share: Option<f64>,
}

pub struct Findings {
    /// One per target of [`targets::REPORT`], in its order.
    pub targets: Vec<TargetFinding>,
    pub us: Option<UsShare>,
    /// The edition's first year and the allies by change of share since,
    /// largest rise first (none when the year is the first).
    pub movers: Option<(i32, Vec<Mover>)>,
}

/// The findings for the context's edition and year.
pub fn findings(ctx: &Context) -> Result<Findings> {
    let (catalog, edition, year) = (ctx.catalog, ctx.edition(), ctx.year);
    let europe = catalog.required_group(groups::EUROPE_CANADA);
    let us = catalog.required_group(groups::UNITED_STATES);
    let standings = ctx.calc.standings(year, &targets::REPORT)?;
    let mut out = Vec::new();
    for (target, st) in targets::REPORT.iter().zip(standings) {
        out.push(TargetFinding {
            target: *target,
            meeting: st
                .with_status(Status::Meets)
                .map(|s| s.name.clone())
                .collect(),
            below: st
                .with_status(Status::Below)
                .map(|s| (s.name.clone(), s.share))
                .collect(),
            not_counted: st
                .rows
                .iter()
                .filter(|s| !s.status.is_counted())
                .map(|s| s.name.clone())
                .collect(),
            europe_gap_usd_current_m: st.group_total(europe)?.gap_usd_current_m,
        });
    }
    let burden = ctx.calc.burden(year)?;
    let us_share = burden
        .rows
        .iter()
        .find(|r| us.contains(&r.code))
        .map(|r| UsShare {
            spending_share: r.spending_share,
            gdp_share: r.gdp_share,
        });
    let movers = if year > edition.first_year {
        Some((
            edition.first_year,
            ctx.calc.movers(edition.first_year, year)?,
        ))
    } else {
        None
    };
    Ok(Findings {
        targets: out,
        us: us_share,
        movers,
    })
}
