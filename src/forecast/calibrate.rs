//! The outlook model's estimated parameters (`datasets/models/outlook.toml`):
//! data, with what they were estimated from. `defspend calibrate`
//! re-estimates them: the spreads and the regime's history (the year means
//! of the allies' changes) from SIPRI's shares of NATO members while members
//! (1960 to its last year), the adjustment speed from the pledge episodes
//! (Riga 2006-2014 on SIPRI's shares, Wales 2014-2024 on NATO's June 2024
//! edition, the Vilnius floor 2023-2026e on the July 2026 edition) with
//! frontline as covariate and each coefficient's profile interval, and the
//! drift's window and decay and the regime's centring chosen by CRPS on
//! SIPRI's rolling origins up to 2009 only. Any parameter on a bound of its
//! range or grid is flagged, in the file and by `outlook`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::panel::{frontline, nato_shares, SharesByAlly};
use crate::calc::adjust::{
    self, AdjustParams, Episode, Intervals, Momentum, Panel, Regime, A_GRID, B_GRID,
};
use crate::calc::Calculator;
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

/// How the drift and the regime's centring were chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// What was scored.
    pub on: String,
    /// The chosen variant's mean CRPS there, points of GDP.
    pub crps: f64,
    /// The mean CRPS of the driftless random walk on the same cases.
    pub random_walk_crps: f64,
    /// Every variant's mean CRPS there, in the order scored: the choice's profile.
    pub profile: Vec<String>,
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
    /// Parameters on a bound of their range or grid, in words (recomputed
    /// from the values by [`ModelFile::flags`]).
    pub flags: Vec<String>,
    pub episodes: Vec<EpisodeInfo>,
    pub params: AdjustParams,
    /// The speed coefficients' 95% profile intervals.
    pub intervals: Intervals,
    /// Each member's own noise (spread of ln share a year), shrunk toward
    /// the pooled `params.sigma_e`.
    pub own_noise: BTreeMap<String, f64>,
    pub momentum: Momentum,
    pub choice: Choice,
    /// The year means of the allies' changes of ln share the regime is drawn from.
    pub regime: Regime,
}

/// The variants the drift and centring are chosen from: windows of years,
/// decays a year (0: no drift), centred or not.
pub const DRIFT_YEARS: [usize; 3] = [3, 5, 8];
pub const DRIFT_DECAYS: [f64; 5] = [0.0, 0.5, 0.8, 0.9, 1.0];
/// The regime's block length, years (not chosen: half a rolling horizon).
pub const BLOCK: usize = 5;

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
                format!("{display}: {field}"),
                problem.to_string(),
            ))
        };
        for (field, v) in [("params.sigma_e", p.sigma_e), ("params.sigma_u", p.sigma_u)] {
            if !(v.is_finite() && (0.0..1.0).contains(&v)) {
                return bad(field, "a spread of ln share must be at least 0 and below 1");
            }
        }
        for (field, v) in [("params.a", p.a), ("params.b", p.b)] {
            if !(v.is_finite() && v.abs() <= 50.0) {
                return bad(field, "a logit coefficient must be a number from -50 to 50");
            }
        }
        let m = &self.momentum;
        if !(1..=30).contains(&m.block) {
            return bad("momentum.block", "the regime's block must be 1 to 30 years");
        }
        if !(1..=30).contains(&m.drift_years) {
            return bad(
                "momentum.drift_years",
                "the drift's window must be 1 to 30 years",
            );
        }
        if !(0.0..=1.0).contains(&m.drift_decay) {
            return bad(
                "momentum.drift_decay",
                "the drift's decay must be from 0 to 1",
            );
        }
        if let Some((code, v)) = self
            .own_noise
            .iter()
            .find(|(_, v)| !(v.is_finite() && (0.0..1.0).contains(*v)))
        {
            return bad(
                &format!("own_noise.{code}"),
                &format!("{v} is not a spread of ln share (at least 0 and below 1)"),
            );
        }
        let r = &self.regime;
        if r.years.len() != r.means.len() || r.years.is_empty() {
            return bad(
                "regime",
                "years and means must be as many, and at least one",
            );
        }
        if r.years.windows(2).any(|w| w[1] <= w[0]) {
            return bad("regime.years", "years must rise");
        }
        if let Some(m) = r.means.iter().find(|m| !(m.is_finite() && m.abs() < 1.0)) {
            return bad(
                "regime.means",
                &format!("{m} is not a year mean of changes of ln share (below 1 in size)"),
            );
        }
        Ok(self)
    }

    /// The parameters on a bound of their range or of the grid they were
    /// chosen on, in words: a coefficient whose profile interval reaches the
    /// grid's edge is not identified by the data.
    pub fn flags(&self) -> Vec<String> {
        let mut flags = Vec::new();
        let p = &self.params;
        if p.sigma_u <= 0.0 {
            flags.push("transitory noise sigma_u at its lower bound 0 (the residuals' first autocovariance is not negative)".to_string());
        } else if p.sigma_u.powi(2) >= p.sigma_e.powi(2) * U_CAP_RATIO - 1e-12 {
            flags.push("transitory noise sigma_u at its upper bound (its variance capped at 45% of the residuals')".to_string());
        }
        let on_edge = |v: f64, (lo, hi, _): (f64, f64, f64)| v <= lo + 1e-9 || v >= hi - 1e-9;
        let [a_lo, a_hi] = self.intervals.a;
        if on_edge(p.a, A_GRID) || on_edge(a_lo, A_GRID) || on_edge(a_hi, A_GRID) {
            flags.push(format!(
                "speed intercept a = {:.2}, 95% profile interval {a_lo:.2} to {a_hi:.2}, reaches its grid's bound ({} to {}): not identified by the pledge-years",
                p.a, A_GRID.0, A_GRID.1
            ));
        }
        let [b_lo, b_hi] = self.intervals.b;
        if (b_lo, b_hi) != (0.0, 0.0)
            && (on_edge(p.b, B_GRID) || on_edge(b_lo, B_GRID) || on_edge(b_hi, B_GRID))
        {
            flags.push(format!(
                "frontline coefficient b = {:.2}, 95% profile interval {b_lo:.2} to {b_hi:.2}, reaches its grid's bound ({} to {}): not identified by the pledge-years",
                p.b, B_GRID.0, B_GRID.1
            ));
        }
        let m = &self.momentum;
        let (first, last) = (DRIFT_DECAYS[0], DRIFT_DECAYS[DRIFT_DECAYS.len() - 1]);
        if m.drift_decay <= first {
            flags.push(format!(
                "drift decay {first}, the lower end of its grid: no drift"
            ));
        } else if m.drift_decay >= last {
            flags.push(format!(
                "drift decay {last}, the upper end of its grid: momentum undamped"
            ));
        }
        if m.drift_decay > first
            && (m.drift_years <= DRIFT_YEARS[0]
                || m.drift_years >= DRIFT_YEARS[DRIFT_YEARS.len() - 1])
        {
            flags.push(format!(
                "drift window {} years, an end of its grid ({} to {})",
                m.drift_years,
                DRIFT_YEARS[0],
                DRIFT_YEARS[DRIFT_YEARS.len() - 1]
            ));
        }
        flags
    }
}

/// The committed parameters, read and checked.
pub fn load(catalog: &Catalog) -> Result<ModelFile> {
    let file = catalog.read(PATH)?;
    let model: ModelFile = file.parse_toml()?;
    model.check(&file.display)
}

/// At the transitory variance's cap (45% of the residuals' variance), the
/// own variance is 10% of it: their ratio.
const U_CAP_RATIO: f64 = adjust::U_SHARE_MAX / (1.0 - 2.0 * adjust::U_SHARE_MAX);

/// The pledges' share of GDP, %.
const FLOOR_SHARE: f64 = 2.0;

/// The first year of SIPRI's panel (METHOD: 1960-2024).
pub const FIRST_YEAR: i32 = 1960;

/// Each ally's group for a pooled drift: Europe and Canada, or the United
/// States (NATO's own split; an ally in neither is a group of its own).
pub(crate) fn drift_groups(catalog: &Catalog) -> BTreeMap<String, String> {
    let europe = catalog.required_group(crate::data::groups::EUROPE_CANADA);
    catalog
        .allies
        .iter()
        .map(|a| {
            let group = if europe.contains(&a.nato_code) {
                europe.key.clone()
            } else {
                a.nato_code.clone()
            };
            (a.nato_code.clone(), group)
        })
        .collect()
}

/// Each ally's frontline flag.
pub(crate) fn frontline_flags(catalog: &Catalog, front: &[String]) -> BTreeMap<String, bool> {
    catalog
        .allies
        .iter()
        .map(|a| (a.nato_code.clone(), front.contains(&a.nato_code)))
        .collect()
}

/// SIPRI's shares of members from the panel's first year up to `origin`.
pub(crate) fn panel_to(members: &SharesByAlly, origin: Option<i32>) -> Panel {
    members
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
        .collect()
}

/// The pledge episodes the speed is estimated from, with their names and
/// whose shares: Riga on SIPRI's `panel`, Wales on the June 2024 edition, the
/// Vilnius floor on the July 2026 edition.
pub(crate) fn episodes<'p>(
    catalog: &Catalog,
    panel: &'p Panel,
    release: &'p str,
    editions: &'p (Panel, Panel),
) -> Result<Vec<(Episode, &'p Panel, String, &'p str)>> {
    let flags = frontline_flags(catalog, &frontline(catalog)?);
    let ep = |start, end, floor| Episode {
        start,
        end,
        target: FLOOR_SHARE,
        floor,
        frontline: flags.clone(),
    };
    let last_2026 = catalog.edition(Some("nato-2026"))?.last_year;
    Ok(vec![
        (
            ep(2006, 2014, false),
            panel,
            "Riga 2006: 2% of GDP by 2014".to_string(),
            release,
        ),
        (
            ep(2014, 2024, false),
            &editions.0,
            "Wales 2014: 2% of GDP within a decade".to_string(),
            "nato-2024",
        ),
        (
            ep(2023, last_2026, true),
            &editions.1,
            "Vilnius 2023: at least 2% of GDP every year".to_string(),
            "nato-2026",
        ),
    ])
}

/// NATO's shares in the June 2024 and July 2026 editions.
pub(crate) fn edition_panels(catalog: &Catalog) -> Result<(Panel, Panel)> {
    let shares = |id: &str| -> Result<Panel> {
        let data = catalog.load_edition(Some(id))?;
        nato_shares(&Calculator::for_edition(&data, &catalog.allies)?)
    };
    Ok((shares("nato-2024")?, shares("nato-2026")?))
}

/// The same estimation from data up to `origin` only (the backtests, which
/// have SIPRI's `members` loaded): SIPRI's shares to then, the pledge-years
/// known by then (on `editions`, NATO's June 2024 and July 2026 shares:
/// [`edition_panels`], read once by the caller); `momentum` as chosen.
pub(crate) fn estimate_from(
    catalog: &Catalog,
    (members, release): (&SharesByAlly, &str),
    editions: &(Panel, Panel),
    origin: Option<i32>,
    momentum: Momentum,
) -> Result<ModelFile> {
    let panel = panel_to(members, origin);
    let last = panel
        .values()
        .filter_map(|by_year| by_year.keys().next_back().copied())
        .max()
        .unwrap_or(FIRST_YEAR);
    let episodes = episodes(catalog, &panel, release, editions)?;
    let pairs: Vec<(Episode, &Panel)> = episodes
        .iter()
        .map(|(e, p, _, _)| (e.clone(), *p))
        .collect();
    // Every pledge-year published when calibrating; those known by the
    // origin in a backtest.
    let est = adjust::estimate(&panel, last, (&pairs, origin.unwrap_or(i32::MAX)));
    Ok(ModelFile {
        model: "partial-adjustment".into(),
        sipri_release: release.to_string(),
        first_year: FIRST_YEAR,
        last_year: last,
        panel: "SIPRI's share of GDP of each NATO member from its accession year".into(),
        covariates: "frontline (groups eastern-flank and nordic-baltic); government debt was dropped: its coefficient sat on its grid's edge with the fit still improving beyond it (not identified)".into(),
        flags: Vec::new(),
        episodes: episodes
            .iter()
            .map(|(e, p, name, shares)| EpisodeInfo {
                name: name.clone(),
                start: e.start,
                end: e.end,
                target: e.target,
                shares: (*shares).to_string(),
                pledge_years: adjust::pledge_years(e, p, origin.unwrap_or(i32::MAX)),
            })
            .collect(),
        params: est.params,
        intervals: est.intervals,
        own_noise: est.own,
        momentum,
        choice: Choice {
            on: String::new(),
            crps: 0.0,
            random_walk_crps: 0.0,
            profile: Vec::new(),
        },
        regime: est.regime,
    })
}
