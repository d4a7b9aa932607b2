//! The brief's findings as values: who meets each of the report's targets,
//! what closing Europe and Canada's gaps would cost, the United States'
//! share of allied spending against its share of GDP, and the biggest
//! movers. Computed once from a context; `view::brief` renders them.

use crate::calc::decompose::Decomposition;
use crate::calc::dispersion::{self, YearSpread};
use crate::calc::targets::GUIDELINE;
use crate::calc::Burden;
use crate::calc::{targets, Mover, Status};
use crate::context::Context;
use crate::data::{groups, Ally, Edition};
use crate::error::Result;
use crate::forecast::against::PlansRun;
use crate::forecast::odds::{OutlookRun, Settings};
use crate::results::Results;

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
    /// The European allies' spread of shares in the edition's first year and
    /// in the report's (none without the groups, or in the first year).
    pub spread: Option<(YearSpread, YearSpread)>,
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
        spread: spread(ctx)?,
    })
}

/// The European allies' spread in the edition's first year and in the
/// context's, the Bucharest Nine set against Spain, Italy and Portugal
/// (`None` where a groups file lacks one of the groups).
fn spread(ctx: &Context) -> Result<Option<(YearSpread, YearSpread)>> {
    let catalog = ctx.catalog;
    let [a, b] = dispersion::DEFAULT_PAIR;
    let (Ok(over), Ok(a), Ok(b)) = (
        catalog.group(groups::EUROPE),
        catalog.group(a),
        catalog.group(b),
    ) else {
        return Ok(None);
    };
    let first = ctx.edition().first_year;
    if ctx.year <= first {
        return Ok(None);
    }
    let years = dispersion::by_year(&ctx.calc, &catalog.allies, [first, ctx.year], over, (a, b))?;
    Ok(match years.as_slice() {
        [x, y] => Some((x.clone(), y.clone())),
        _ => None,
    })
}

/// The outlook's findings: national plans against `scenario`'s path, the
/// Monte Carlo odds for the standard groups, and why shares moved since the
/// edition's first year.
pub struct OutlookFindings {
    pub plans: std::sync::Arc<PlansRun>,
    pub odds: OutlookRun,
    /// Each ally's and Europe and Canada's decomposition, and the first year
    /// (none when the year is the first).
    pub moved: Option<(Vec<Decomposition>, Option<Decomposition>, i32)>,
}

/// [`OutlookFindings`] for the context's edition and year; `plans` and
/// `economy`: a plans vintage and an outlook, else the latest; `origin`: the
/// edition the odds start from, else the scenario's.
pub fn outlook(
    results: &Results,
    scenario: &str,
    plans: Option<&str>,
    economy: Option<&str>,
    origin: Option<&str>,
) -> Result<OutlookFindings> {
    let plans_run = results.plans(scenario, plans, economy)?;
    let groups = results.standard_groups().into_iter().cloned().collect();
    let mut settings = Settings::defaults(scenario, groups);
    settings.economy = economy.map(str::to_string);
    settings.plans = plans.map(str::to_string);
    settings.edition = origin.map(str::to_string);
    let odds = results.outlook(&settings)?;
    let first = results.edition().first_year;
    let moved = if results.year() > first {
        let (allies, europe) = results.decomposition(first, results.year(), GUIDELINE)?;
        Some((allies, europe, first))
    } else {
        None
    };
    Ok(OutlookFindings {
        plans: plans_run,
        odds,
        moved,
    })
}

/// Which allies without armed forces are in allied GDP: NATO's totals include
/// Iceland's GDP, but an edition may have no figures for it.
pub fn allied_gdp_note(allies: &[Ally], burden: &Burden, edition: &Edition) -> String {
    let included: Vec<&str> = burden
        .rows
        .iter()
        .filter(|r| !r.has_armed_forces)
        .map(|r| r.name.as_str())
        .collect();
    let missing: Vec<&str> = allies
        .iter()
        .filter(|a| !a.has_armed_forces && !included.contains(&a.name.as_str()))
        .map(|a| a.name.as_str())
        .collect();
    match (included.is_empty(), missing.is_empty()) {
        (false, _) => format!(
            "Allied GDP includes {} (no armed forces), as NATO's totals do.",
            included.join(", ")
        ),
        (true, false) => format!(
            "Allied GDP leaves out {}: edition {} has no figures for it.",
            missing.join(", "),
            edition.id
        ),
        (true, true) => String::new(),
    }
}
