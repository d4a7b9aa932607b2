//! The outlook's parameters, each with its value and where it comes from.

use super::Parameter;
use crate::calc::pledges::describe;
use crate::data::Catalog;
use crate::forecast::odds::{Anchor, Commitment, OutlookRun};
use crate::param::Param;
use crate::units::{join_names, pct};

/// The rows every model shares: draws, seed, baseline and GDP's outlook.
fn common_rows(run: &OutlookRun) -> Vec<(&'static str, String, String)> {
    let edition = &run.data.edition;
    let s = &run.scenario;
    let baseline_label = edition.year_label(s.baseline_year);
    let p = &run.params;
    vec![
        ("Draws", p.draws.to_string(), format!("{}", Param::Draws)),
        (
            "Seed",
            p.seed.to_string(),
            format!(
                "{}; the same seed gives the same output on every machine",
                Param::Seed
            ),
        ),
        (
            "Baseline",
            format!("{} {baseline_label}", edition.id),
            format!(
                "NATO's figures; scenario {} ({})",
                s.source,
                Param::Scenario
            ),
        ),
        (
            "Expected real GDP growth",
            run.outlook.info.id.clone(),
            format!(
                "{} each ally's real growth year by year to {}, then its {} growth held ({})",
                run.outlook
                    .info
                    .citation
                    .trim_start_matches("Source: ")
                    .trim_end_matches('.'),
                run.outlook.info.last_year,
                run.outlook.info.last_year,
                Param::Economy
            ),
        ),
    ]
}

/// The model's parameters, each with its value and source (and the
/// summary's sentences on what the allies are pulled toward).
pub(super) fn parameters(
    catalog: &Catalog,
    run: &OutlookRun,
    summary: &mut Vec<String>,
) -> Vec<Parameter> {
    let edition = &run.data.edition;
    let s = &run.scenario;
    let baseline_label = edition.year_label(s.baseline_year);
    let p = &run.params;
    let mut rows = common_rows(run);
    match &run.share {
        Some(share) => {
            let file = &share.file;
            let m = &file.params;
            let mo = &file.momentum;
            let from = format!(
                "datasets/models/outlook.toml: SIPRI {} shares of NATO members while members, {}-{} ({} annual changes)",
                file.sipri_release, file.first_year, file.last_year, m.changes
            );
            let episodes = file
                .episodes
                .iter()
                .map(|e| format!("{} ({}, {} ally-years)", e.name, e.shares, e.pledge_years))
                .collect::<Vec<_>>()
                .join("; ");
            let spread = if p.spending_spread == 1.0 {
                String::new()
            } else {
                format!(" x {} ({})", pct(p.spending_spread), Param::SpendingSpread)
            };
            let years = &file.regime.years;
            let (first, last) = (years.first().unwrap_or(&0), years.last().unwrap_or(&0));
            rows.extend([
                ("GDP", "on the outlook's path".to_string(), format!("The share's spreads, estimated on published shares, include GDP's surprises: GDP keeps to the outlook, weighting the groups and turning shares into money ({} and {} act on {} record)", Param::GdpSd, Param::Common, Param::Model)),
                ("Spending process", "partial adjustment of ln share".to_string(), format!("Each year an ally's ln share moves the fraction `speed` of the way to its commitment, plus its own drift (damped), the alliance-wide regime drawn from history and its own noise; a year's share is also off by a transitory noise (METHOD; {} record for the earlier model)", Param::Model)),
                ("Commitments", describe(&share.pledges, s.baseline_year), format!("An ally's counted national plan ({}, on NATO's definition, or its core definition on a core edition, trust medium or high), else the pledges in force at {baseline_label} (datasets/models/pledges.toml); never the target asked about", run.plans.info.id)),
                ("Own noise (ln share, a year)", format!("{:.4}{spread}", m.sigma_e), from.clone()),
                ("Transitory noise (ln share)", format!("{:.4}{spread}", m.sigma_u), format!("{from}: minus the residuals' first autocovariance")),
                ("Regime", format!("blocks of {} years{spread}", mo.block), format!("{from}: each draw's alliance-wide regime is consecutive year means of the allies' changes, {first}-{last} ({} years{}), taken in blocks from random starts; no year's state is carried into the future", file.regime.means.len(), if mo.centred { ", less their mean" } else { "" })),
                ("Drift", format!("last {} years' mean change, x {} a year", mo.drift_years, mo.drift_decay), format!("Each ally's own mean change of ln share over the {} years to {baseline_label} ({}), decaying each year; chosen on {} (CRPS {:.3} against {:.3} for the driftless random walk)", mo.drift_years, edition.id, file.choice.on, file.choice.crps, file.choice.random_walk_crps)),
                ("Speed", format!("logit = {:.2} {:+.2} frontline", m.a, m.b), format!("Least squares on {} pledge-years: {episodes}; 95% profile intervals a {:.2} to {:.2}, b {:.2} to {:.2}. Frontline: the Eastern Flank (Bucharest Nine) and Nordic-Baltic groups", m.pledge_years, file.intervals.a[0], file.intervals.a[1], file.intervals.b[0], file.intervals.b[1])),
                ("On a bound", if share.flags.is_empty() { "none".to_string() } else { share.flags.len().to_string() }, if share.flags.is_empty() { "No parameter sits on a bound of its range or grid".to_string() } else { share.flags.join("; ") }),
            ]);
            let names = |wanted: &dyn Fn(&Commitment) -> bool| -> Vec<String> {
                run.allies
                    .iter()
                    .zip(&share.commitments)
                    .filter(|(_, c)| wanted(c))
                    .map(|(a, _)| catalog.name_of(&a.input.code))
                    .collect()
            };
            let counted = names(&|c| *c == Commitment::Plan);
            let mut left_out = names(&|c| {
                *c == Commitment::Pledge {
                    plan_set_aside: true,
                }
            });
            left_out.sort();
            let nothing = names(&|c| *c == Commitment::Nothing);
            summary.push(format!(
                "{} draws, seed {}; pulled toward their national plans ({}): {}; toward the pledges in force at {baseline_label} ({}): {}.{}{}",
                p.draws,
                p.seed,
                run.plans.info.id,
                if counted.is_empty() { "none".to_string() } else { join_names(&counted) },
                describe(&share.pledges, s.baseline_year),
                if counted.is_empty() {
                    format!("all {}", run.allies.len() - nothing.len())
                } else {
                    format!("the other {}", run.allies.len() - counted.len() - nothing.len())
                },
                if left_out.is_empty() {
                    String::new()
                } else {
                    format!(" Plans not counted (a national definition, or low trust): {}.", join_names(&left_out))
                },
                if nothing.is_empty() {
                    String::new()
                } else {
                    format!(" Pulled toward nothing (no pledge in force): {}.", join_names(&nothing))
                }
            ));
            if !share.flags.is_empty() {
                summary.push(format!(
                    "Parameters on a bound ({}): {}.",
                    share.flags.len(),
                    share.flags.join("; ")
                ));
            }
            if let Some(year) = run.plans_known_by {
                summary.push(format!(
                    "From {baseline_label}: only milestones announced by the end of {year} count; later ones were not known then."
                ));
            }
        }
        None => {
            let plan_allies = run.allies.iter().filter(|a| a.from_plan).count();
            summary.push(format!(
                "{} draws, seed {}; spending growth from national plans for {plan_allies} allies, from their record for {}.",
                p.draws,
                p.seed,
                run.allies.len() - plan_allies
            ));
            rows.extend([
                ("Spread of a year's real GDP growth", format!("{} points", pct(p.gdp_sd)), format!("Of the order of the errors of one-year-ahead WEO growth forecasts for advanced economies (Timmermann 2007, IMF Staff Papers 54(1); Celasun, Lee, Mrkaic and Timmermann 2021, IMF WP/21/216, who also find 2-5-year-ahead forecasts biased upward); errors add up over the years, so the spread of GDP, and of a share, widens with the horizon ({})", Param::GdpSd)),
                ("Common part of GDP shocks", pct(p.common), format!("Each ally's GDP shock is this weight times a shock shared by every ally plus sqrt(1 - weight²) times its own, so that allies' surprises do not cancel out; two allies' GDP shocks correlate by the weight's square (0.25 at 0.5) ({})", Param::Common)),
                ("Expected real spending growth", match run.anchor { Anchor::Plan => "plan, else record".to_string(), Anchor::Record => "record".to_string() }, format!("Plan: the growth that keeps the share on the ally's announced plan ({}); record: the mean of NATO's annual real changes up to {}, shrunk toward the allied mean with the weight of {} years and bounded to {} to {}% a year ({}, {})", run.plans.info.id, s.baseline_year, pct(run.model.prior_years), run.model.bounds.0, run.model.bounds.1, Param::Anchor, Param::Shrink)),
                ("Spread of real spending growth", format!("each ally's, x {}", pct(p.spending_spread)), format!("Standard deviation of the ally's annual real changes, shrunk likewise, at least {} point ({})", pct(run.model.min_sd), Param::SpendingSpread)),
            ]);
        }
    }
    rows.into_iter()
        .map(|(name, value, source)| Parameter {
            name,
            value,
            source,
        })
        .collect()
}
