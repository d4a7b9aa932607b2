//! The share model: each ally's share adjusting toward its plan or the pledges in force.

use chrono::Datelike;

use super::Assembled;
use crate::calc::adjust::{self, Dynamics, Forecastee};
use crate::calc::montecarlo::ShareModel;
use crate::calc::plans::planned_share;
use crate::calc::pledges as calc_pledges;
use crate::calc::Calculator;
use crate::data::plans::{PlanBasis, Plans, Trust};
use crate::data::pledges::{self, Pledges};
use crate::data::{Basis, Catalog};
use crate::error::Result;
use crate::forecast::calibrate::{self, ModelFile};
use crate::forecast::panel::{frontline, nato_shares};
use crate::scenario::Scenario;

/// The same question under another assumption (the sensitivity panel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assumption {
    /// Only allies with a plan that counts are pulled, toward it.
    PlansOnly,
    /// No ally is pulled: history's spreads and regime alone.
    ReferenceClass,
    /// The record model: each ally's shrunk record of real growth (or its plan).
    Record,
}

impl Assumption {
    pub fn key(self) -> &'static str {
        match self {
            Assumption::PlansOnly => "plans-only",
            Assumption::ReferenceClass => "reference-class",
            Assumption::Record => "record",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Assumption::PlansOnly => "plans only: allies with a plan that counts pulled toward it, the others toward nothing",
            Assumption::ReferenceClass => "reference class: no ally pulled toward any commitment; history's spreads, regime and drift alone",
            Assumption::Record => "record: real spending growth from each ally's plan or its record shrunk toward the allies' (the earlier model)",
        }
    }
}

/// What an ally's share is pulled toward under the share process: a fact
/// about the ally, never the target asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Commitment {
    /// Its national plan: on NATO's definition (or its core definition, on
    /// an edition of core expenditure), trust medium or high.
    Plan,
    /// The alliance's pledges in force at the origin; `plan_set_aside`: the
    /// ally has a plan (known by the origin) that does not count.
    Pledge { plan_set_aside: bool },
    /// No plan counts and no pledge is in force.
    Nothing,
}

/// The share process as it ran: its parameters' file, its inputs, each
/// ally's commitment (in the allies' order) and the pledges.
#[derive(Clone)]
pub struct ShareRun {
    pub file: ModelFile,
    pub model: ShareModel,
    pub commitments: Vec<Commitment>,
    pub pledges: Pledges,
    /// The parameters on a bound, in words (from the file's values).
    pub flags: Vec<String>,
}

impl ShareRun {
    /// The model with every ally exactly on its commitment: speed 1, no
    /// drift (with no spread, its central path is the commitments).
    pub fn kept(&self) -> ShareModel {
        let mut m = self.model.clone();
        for a in &mut m.allies {
            a.speed = 1.0;
            a.drift = 0.0;
        }
        m
    }
}

/// A plan counts toward the share process when it is on NATO's definition,
/// or on its core definition and the edition counts core expenditure, with
/// trust medium or high (METHOD).
fn plan_counts(basis: PlanBasis, trust: Trust, edition: Basis) -> bool {
    let comparable = match basis {
        PlanBasis::NatoDefinition => true,
        PlanBasis::Core => edition == Basis::Core,
        PlanBasis::NationalDefinition => false,
    };
    comparable && matches!(trust, Trust::Medium | Trust::High)
}

/// An ally's plan as a commitment path (ln share, each year after the
/// baseline): from its baseline share through the milestones after the
/// baseline, held after the last; a plan whose milestones all lie at or
/// before the baseline holds its last.
fn plan_path(milestones: &[(i32, f64)], baseline: i32, share0: f64, by: i32) -> Vec<f64> {
    let ahead: Vec<(i32, f64)> = milestones
        .iter()
        .copied()
        .filter(|(y, _)| *y > baseline)
        .collect();
    let held = milestones.last().map_or(share0, |m| m.1);
    (baseline + 1..=by)
        .map(|year| {
            if ahead.is_empty() {
                held.ln()
            } else {
                planned_share(&ahead, Some((baseline, share0)), year)
                    .unwrap_or(share0)
                    .ln()
            }
        })
        .collect()
}

/// The share process's inputs: each ally's baseline share; its commitment
/// (its plan where one counts, else the pledges in force at the baseline);
/// its speed from frontline; its drift, its own mean change of ln share
/// over the model's window to the baseline (the edition's shares). With an
/// origin given (`known_by`), only milestones announced by the end of that
/// year count.
pub(super) fn share_model(
    catalog: &Catalog,
    s: &Scenario,
    calc: &Calculator,
    plans: &Plans,
    allies: &[Assembled],
    by: i32,
    known_by: Option<i32>,
) -> Result<ShareRun> {
    let file = calibrate::load(catalog)?;
    let pledges = pledges::load(catalog)?;
    let baseline = s.baseline_year;
    let basis = catalog.edition(Some(&s.edition))?.basis;
    let front = frontline(catalog)?;
    let shares = nato_shares(calc)?;
    let mo = &file.momentum;
    let groups = calibrate::drift_groups(catalog);
    let groups = mo.pooled.then_some(&groups);
    let drifts = adjust::drifts(&shares, None, baseline, mo.drift_years, groups);
    let momenta = adjust::drifts(&shares, None, baseline, adjust::PERSIST_YEARS, groups);
    let mut forecastees = Vec::new();
    let mut commitments = Vec::new();
    for a in allies {
        let code = &a.input.code;
        let known: Vec<_> = plans
            .of(code)
            .into_iter()
            .filter(|m| known_by.is_none_or(|year| m.announced.year() <= year))
            .collect();
        let milestones: Vec<(i32, f64)> = known
            .iter()
            .filter(|m| plan_counts(m.basis, m.trust, basis))
            .map(|m| (m.year, m.share))
            .collect();
        let history = shares.get(code);
        let pledged: Option<Vec<f64>> = history.and_then(|h| {
            (baseline + 1..=by)
                .map(|year| calc_pledges::commitment_at(&pledges, code, h, baseline, year))
                .collect()
        });
        let (tau, commitment) = if !milestones.is_empty() {
            (
                Some(plan_path(&milestones, baseline, a.share0, by)),
                Commitment::Plan,
            )
        } else if let Some(tau) = pledged {
            (
                Some(tau),
                Commitment::Pledge {
                    plan_set_aside: !known.is_empty(),
                },
            )
        } else {
            (None, Commitment::Nothing)
        };
        commitments.push(commitment);
        forecastees.push(Forecastee {
            share0: a.share0,
            tau,
            speed: file.params.speed(front.contains(code)),
            drift: drifts.get(code).copied().unwrap_or(0.0),
            momentum: momenta.get(code).copied().unwrap_or(0.0),
            sigma: file
                .own_noise
                .get(code)
                .copied()
                .unwrap_or(file.params.sigma_e),
        });
    }
    let flags = file.flags();
    Ok(ShareRun {
        model: ShareModel {
            dynamics: Dynamics::new(&file.params, &file.regime, &file.momentum),
            allies: forecastees,
        },
        file,
        commitments,
        pledges,
        flags,
    })
}
