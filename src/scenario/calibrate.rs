//! The outlook model's estimated parameters (`datasets/models/outlook.toml`):
//! data, with what they were estimated from. `defspend calibrate`
//! re-estimates them: the spreads, phi and nu from SIPRI's shares of NATO
//! members while members (1960 to its last year), the adjustment speed from
//! the pledge episodes (Riga 2006-2014 on SIPRI's shares, Wales 2014-2024 on
//! NATO's June 2024 edition, the 2023 floor to 2025 on the July 2026
//! edition), with frontline and government debt (IMF) as covariates.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::panel::{frontline, nato_shares, sipri_members, SharesByAlly};
use crate::calc::adjust::{self, AdjustParams, Episode, Panel};
use crate::calc::Calculator;
use crate::data::outlook::{Outlook, Series as Indicator};
use crate::data::Catalog;
use crate::error::{Error, Result};

/// Where the file lives among the datasets.
pub const PATH: &str = "models/outlook.toml";

/// The first lines of the file.
const HEADER: &str = "# The outlook's partial-adjustment model (METHOD, \"A model the backtests favour\"):\n# its parameters, estimated by `defspend calibrate` from the sources below.\n# Re-estimating from the same sources gives this file byte for byte.\n\n";

/// A pledge episode the adjustment speed was estimated from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EpisodeInfo {
    pub name: String,
    pub start: i32,
    pub end: i32,
    /// % of GDP.
    pub target: f64,
    /// Whose shares: a NATO edition or a SIPRI release.
    pub shares: String,
    /// Ally-years of the episode used (below the target at its start).
    pub pledge_years: usize,
}

/// The file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    pub model: String,
    /// The spreads, phi and nu: the SIPRI release, its years and what was counted.
    pub sipri_release: String,
    pub first_year: i32,
    pub last_year: i32,
    pub panel: String,
    /// Covariates of the speed, and where they come from.
    pub covariates: String,
    pub episodes: Vec<EpisodeInfo>,
    pub params: AdjustParams,
}

impl ModelFile {
    /// The file's text.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).expect("the model's fields are TOML values");
        format!("{HEADER}{body}")
    }

    /// Checks the parameters' ranges; `display` names the file in errors.
    pub fn check(self, display: &str) -> Result<Self> {
        let p = &self.params;
        let bad = |field: &str, problem: &str| {
            Err(Error::data(
                format!("{display}: params.{field}"),
                problem.to_string(),
            ))
        };
        for (field, v) in [
            ("sigma_e", p.sigma_e),
            ("sigma_u", p.sigma_u),
            ("sigma_f", p.sigma_f),
        ] {
            if !(v.is_finite() && (0.0..1.0).contains(&v)) {
                return bad(field, "a spread of ln share must be at least 0 and below 1");
            }
        }
        if !(0.0..1.0).contains(&p.phi) {
            return bad(
                "phi",
                "the regime's persistence must be at least 0 and below 1",
            );
        }
        if !(p.nu > 2.0 && p.nu.is_finite()) {
            return bad("nu", "the degrees of freedom must be above 2");
        }
        for (field, v) in [("a", p.a), ("b", p.b), ("c", p.c)] {
            if !v.is_finite() {
                return bad(field, "not a number");
            }
        }
        Ok(self)
    }
}

/// The committed parameters, read and checked.
pub fn load(catalog: &Catalog) -> Result<ModelFile> {
    let file = catalog.read(PATH)?;
    let model: ModelFile = file.parse_toml()?;
    model.check(&file.display)
}

/// The pledges' share of GDP, %.
const FLOOR_SHARE: f64 = 2.0;

/// The first year of the IMF's debt series.
const DEBT_FROM: i32 = 2014;

/// The first year of SIPRI's panel (METHOD: 1960-2024).
const FIRST_YEAR: i32 = 1960;

/// An episode's covariates by ally: frontline, and the general government's
/// gross debt (% of GDP) of `debt`'s outlook in its year (none: 0 for all).
pub(crate) fn covariates(
    catalog: &Catalog,
    front: &[String],
    debt: Option<(&Outlook, i32)>,
) -> BTreeMap<String, (bool, f64)> {
    catalog
        .allies
        .iter()
        .map(|a| {
            let debt = debt
                .and_then(|(o, y)| o.value(&a.nato_code, Indicator::GovGrossDebt, y))
                .unwrap_or(0.0);
            (a.nato_code.clone(), (front.contains(&a.nato_code), debt))
        })
        .collect()
}

/// Re-estimates the parameters from SIPRI's installed release and the
/// editions (`defspend calibrate`).
pub fn estimate(catalog: &Catalog) -> Result<ModelFile> {
    let (members, release) = sipri_members(catalog)?;
    estimate_from(
        catalog,
        &members,
        &release,
        &*catalog.load_outlook(None)?,
        None,
    )
}

/// The same estimation from data up to `origin` only (the backtests, which
/// have SIPRI's `members` loaded and the latest `outlook`): SIPRI's shares to
/// then, the pledge-years known by then. Government debt is known from 2014
/// on (the IMF series' first year); at an earlier origin it is not a covariate.
pub(crate) fn estimate_from(
    catalog: &Catalog,
    members: &SharesByAlly,
    release: &str,
    outlook: &Outlook,
    origin: Option<i32>,
) -> Result<ModelFile> {
    let panel: Panel = members
        .iter()
        .map(|(code, by_year)| {
            (
                code.clone(),
                by_year
                    .iter()
                    .filter(|(y, _)| **y >= FIRST_YEAR && origin.is_none_or(|o| **y <= o))
                    .map(|(y, s)| (*y, *s))
                    .collect(),
            )
        })
        .collect();
    let last = panel
        .values()
        .filter_map(|by_year| by_year.keys().next_back().copied())
        .max()
        .unwrap_or(FIRST_YEAR);
    let front = frontline(catalog)?;
    let covariates = |year: i32| {
        covariates(
            catalog,
            &front,
            (last >= DEBT_FROM).then_some((outlook, year)),
        )
    };
    let edition_shares = |id: &str| -> Result<Panel> {
        let data = catalog.load_edition(Some(id))?;
        nato_shares(&Calculator::for_edition(&data, &catalog.allies)?)
    };
    let nato_2024 = edition_shares("nato-2024")?;
    let nato_2026 = edition_shares("nato-2026")?;
    // The IMF's debt series starts in 2014: it stands for Riga's allies too.
    let episodes: Vec<(Episode, &Panel, String, &str)> = vec![
        (
            Episode {
                start: 2006,
                end: 2014,
                target: FLOOR_SHARE,
                covariates: covariates(DEBT_FROM),
            },
            &panel,
            "Riga 2006: 2% of GDP by 2014".to_string(),
            release,
        ),
        (
            Episode {
                start: 2014,
                end: 2024,
                target: FLOOR_SHARE,
                covariates: covariates(DEBT_FROM),
            },
            &nato_2024,
            "Wales 2014: 2% of GDP within a decade".to_string(),
            "nato-2024",
        ),
        (
            Episode {
                start: 2023,
                end: 2025,
                target: FLOOR_SHARE,
                covariates: covariates(2023),
            },
            &nato_2026,
            "Vilnius 2023: 2% of GDP as a floor".to_string(),
            "nato-2026",
        ),
    ];
    let pairs: Vec<(Episode, &Panel)> = episodes
        .iter()
        .map(|(e, p, _, _)| (e.clone(), *p))
        .collect();
    let params = adjust::estimate(&panel, last, &pairs);
    Ok(ModelFile {
        model: "partial-adjustment".into(),
        sipri_release: release.to_string(),
        first_year: FIRST_YEAR,
        last_year: last,
        panel: "SIPRI's share of GDP of each NATO member from its accession year".into(),
        covariates: "frontline (groups eastern-flank and nordic-baltic); general government gross debt, % of GDP, at the episode's start (IMF WEO GGXWDG_NGDP, the latest outlook; 2014 for Riga, the series' first year)".into(),
        episodes: episodes
            .iter()
            .map(|(e, p, name, shares)| EpisodeInfo {
                name: name.clone(),
                start: e.start,
                end: e.end,
                target: e.target,
                shares: (*shares).to_string(),
                pledge_years: adjust::pledge_years(e, p, last),
            })
            .collect(),
        params,
    })
}
