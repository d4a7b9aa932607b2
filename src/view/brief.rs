//! `report.md`: a short brief whose findings are sentences built from the data,
//! the charts with their captions, and the sources.

use std::fmt::Write as _;

use crate::data::{groups, Catalog, Group};
use crate::error::Result;
use crate::export::Report;
use crate::findings::Findings;
use crate::scenario::outcome::Outcome;
use crate::scenario::Scenario;
use crate::units::{bn, join_names, pct};

/// A scenario in the brief: how it was named, the scenario, its run.
pub struct ScenarioRun {
    pub reference: String,
    pub scenario: Scenario,
    /// What the run found, as values.
    pub outcome: Outcome,
    /// The price basis of its edition's constant dollars.
    pub constant: String,
    /// The scenario's own report (its chart's table).
    pub report: Report,
}

/// The brief's content, written as `report.md` and `index.html`. The byline
/// and findings are inline Markdown (`**`, `*`, backticks).
pub struct Brief {
    pub title: String,
    pub byline: String,
    pub findings: Vec<String>,
    /// File stem and caption of each chart.
    pub charts: Vec<(String, String)>,
    /// The citations: the edition's, then any other edition a scenario uses.
    pub sources: Vec<String>,
    pub method: String,
}

impl Brief {
    pub fn markdown(&self) -> String {
        let mut md = format!(
            "# {}\n\n*{}*\n\n## Key findings\n\n",
            self.title, self.byline
        );
        for line in &self.findings {
            let _ = writeln!(md, "- {line}");
        }
        let _ = writeln!(md);
        let _ = writeln!(md, "## Charts\n");
        for (stem, caption) in &self.charts {
            let _ = writeln!(
                md,
                "### {caption}\n\n![{caption}]({stem}.png)\n\nData: [{stem}.csv]({stem}.csv)\n"
            );
        }
        let _ = writeln!(md, "## Source\n");
        for source in &self.sources {
            let _ = writeln!(md, "{source}\n");
        }
        let _ = writeln!(md, "{}", self.method);
        md
    }
}

/// The brief of `found`. `findings`: further sentences (the outlook's);
/// `charts`: file stem and caption of each chart written.
pub fn brief(
    scope: &super::Scope,
    found: &Findings,
    scenarios: &[ScenarioRun],
    findings: &[String],
    charts: &[(String, String)],
) -> Result<Brief> {
    let (catalog, edition, year) = (scope.catalog, scope.edition, scope.year);
    let europe = catalog.required_group(groups::EUROPE_CANADA);
    let us = catalog.required_group(groups::UNITED_STATES);
    let year_label = edition.year_label(year);
    let title = format!("NATO allies' defence spending, {year_label}");
    let byline = format!(
        "NATO, {}, {} ({}; {}). Edition `{}`; {}.",
        edition.title,
        edition.published.long(),
        edition.basis.label(),
        edition.provenance.label(),
        edition.id,
        if edition.is_estimate(year) {
            format!("{year} figures are NATO estimates")
        } else {
            format!("{year} figures are not estimates")
        }
    );
    let mut out: Vec<String> = Vec::new();

    out.extend(target_sentences(found, europe, &year_label));

    if let Some(row) = &found.us {
        out.push(format!(
            "The {} accounts for **{:.1}%** of allied defence spending in {year_label}, against {:.1}% of allied GDP (current prices).",
            us.label,
            row.spending_share.unwrap_or(f64::NAN),
            row.gdp_share.unwrap_or(f64::NAN)
        ));
    }

    if let Some((first_year, movers)) = &found.movers {
        let describe = |m: &crate::calc::Mover| {
            format!(
                "{} ({:+.2} points, {:.2}% to {:.2}%)",
                m.name, m.change, m.share_from, m.share_to
            )
        };
        let top: Vec<String> = movers.iter().take(3).map(describe).collect();
        let mut sentence = format!("Biggest movers since {first_year}: {}", join_names(&top));
        if let Some(last) = movers.last().filter(|m| movers.len() > 3 && m.change < 0.0) {
            sentence.push_str(&format!("; the largest fall: {}", describe(last)));
        }
        out.push(format!("{sentence}."));
    }

    if let Some((a, b)) = &found.spread {
        out.push(super::dispersion::headline(
            super::dispersion::Shares::Nato(edition),
            a,
            b,
        ));
    }

    out.extend(scenario_sentences(catalog, europe, scenarios));

    out.extend(findings.iter().cloned());

    let mut sources = vec![edition.citation.clone()];
    for run in scenarios {
        let s = &run.scenario;
        if s.edition != edition.id {
            if let Some(other) = catalog.editions.iter().find(|e| e.id == s.edition) {
                sources.push(format!("{} (scenario {})", other.citation, s.name));
            }
        }
    }
    let method = String::from(
        "Shares of GDP are NATO's published shares; gaps are (target - share) / 100 x GDP; aggregates count each ally from the year it joined. Scenarios are assumptions applied to NATO's figures, not NATO projections.",
    );
    Ok(Brief {
        title,
        byline,
        findings: out,
        charts: charts.to_vec(),
        sources,
        method,
    })
}

/// The outlook's findings in sentences: plans against the path, the odds, why
/// shares moved (`moved`: allies, Europe and Canada, the first year).
pub fn outlook_findings(
    scope: &super::Scope,
    found: &crate::findings::OutlookFindings,
) -> Vec<String> {
    let (plans, odds, moved) = (&found.plans, &found.odds, &found.moved);
    let catalog = scope.catalog;
    let mut out = Vec::new();
    let s = &plans.scenario;
    let behind: Vec<String> = plans
        .comparisons
        .iter()
        .filter_map(|c| {
            Some(format!(
                "{} ({})",
                catalog.name_of(&c.code),
                c.first_behind?
            ))
        })
        .collect();
    out.push(format!(
        "National plans ({}): {} of the {} allies in *{}* have announced a share of GDP; {} {} behind the required path, from the year given: {}.",
        plans.plans.info.title,
        plans.comparisons.len(),
        s.allies.len(),
        s.name,
        behind.len(),
        if behind.len() == 1 { "falls" } else { "fall" },
        join_names(&behind)
    ));
    let europe = catalog.required_group(groups::EUROPE_CANADA);
    let t = pct(odds.target);
    if let Some(o) = odds.outcome(&europe.key) {
        let likely: Vec<String> = odds
            .allies
            .iter()
            .filter(|a| {
                odds.outcome(&a.input.code)
                    .is_some_and(|o| o.probability > 0.5)
            })
            .map(|a| catalog.name_of(&a.input.code))
            .collect();
        let process = if odds.share.is_some() {
            let kept = odds
                .kept_share(&europe.key)
                .zip(odds.kept_probability(&europe.key))
                .map_or(String::new(), |(share, p)| {
                    format!(
                        "{:.0}% with every plan and pledge kept ({share:.2}% of GDP in {}), ",
                        p * 100.0,
                        odds.by
                    )
                });
            format!(
                "each ally's share adjusting toward its national plan where one counts, else the pledges in force, with its group's damped drift and an alliance-wide regime drawn from history; {kept}{:.0}% if momentum persists, {:.0}% with no carry-over; GDP around the IMF's {} outlook",
                o.probability_persists * 100.0,
                o.probability_no_drift * 100.0,
                odds.outlook.info.published.long()
            )
        } else {
            format!(
                "GDP around the IMF's {} outlook, spending on each ally's plan or record",
                odds.outlook.info.published.long()
            )
        };
        out.push(format!(
            "The odds: in a Monte Carlo outlook ({} from {}, {} draws, seed {}; {process}), {} reach {t}% of GDP by {} in **{:.0}%** of draws (median {:.2}%, 10-90%: {:.2}-{:.2}%); {} of {} allies are more likely than not to. The odds are conditional on the model and its inputs; `defspend backtest` scores the model against simple baselines.",
            odds.data.edition.id,
            odds.data.edition.year_label(odds.scenario.baseline_year),
            odds.params.draws,
            odds.params.seed,
            europe.label,
            odds.by,
            o.probability * 100.0,
            o.target_year.p50,
            o.target_year.p10,
            o.target_year.p90,
            likely.len(),
            odds.allies.len()
        ));
    }
    if let Some((allies, group, first)) = moved {
        let year_label = scope.edition.year_label(scope.year);
        if let Some(g) = group {
            out.push(format!(
                "Why shares moved since {first}: {}'s share went from {:.2}% to {:.2}% in {year_label}, a spending effect of {:+.2} points and a GDP effect of {:+.2} (real spending {:+.0}%, real GDP {:+.0}%).",
                g.name, g.share_from, g.share_to, g.spending_effect, g.gdp_effect, g.spending_growth_pct, g.gdp_growth_pct
            ));
        }
        let by_gdp: Vec<String> = allies
            .iter()
            .filter(|d| d.change() >= 0.0 && d.carried_by_gdp())
            .map(|d| d.name.clone())
            .collect();
        if !by_gdp.is_empty() {
            out.push(format!(
                "Shares that held or rose since {first} mostly because GDP shrank or stagnated: {}.",
                join_names(&by_gdp)
            ));
        }
    }
    out
}

/// Who meets each target and who falls short, and what closing the gaps costs Europe and Canada.
fn target_sentences(found: &Findings, europe: &Group, year_label: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut gap_totals = Vec::new();
    for (k, f) in found.targets.iter().enumerate() {
        let below: Vec<String> = f
            .below
            .iter()
            .map(|(name, share)| format!("{name} ({:.2}%)", share.unwrap_or(f64::NAN)))
            .collect();
        let (meeting, not_counted) = (&f.meeting, &f.not_counted);
        let counted = f.counted();
        let t = pct(f.target);
        let sentence = if k == 0 {
            format!(
                "**{} of {counted} allies** with armed forces spend at least {t}% of GDP in {year_label}; {} {}: {}.{}",
                meeting.len(),
                below.len(),
                if below.len() == 1 { "falls short" } else { "fall short" },
                join_names(&below),
                if not_counted.is_empty() {
                    String::new()
                } else {
                    format!(" {} not counted (no armed forces).", join_names(not_counted))
                }
            )
        } else if meeting.len() <= below.len() {
            format!(
                "At **{t}% of GDP**, {} of {counted} allies fall short; only {} {} it.",
                below.len(),
                join_names(meeting),
                if meeting.len() == 1 { "meets" } else { "meet" }
            )
        } else {
            format!(
                "At **{t}% of GDP**, {} of {counted} allies fall short: {}.",
                below.len(),
                join_names(&below)
            )
        };
        out.push(sentence);
        gap_totals.push(format!(
            "**${:.1} bn** to reach {t}%",
            bn(Some(f.europe_gap_usd_current_m)).unwrap_or(0.0)
        ));
    }
    out.push(format!(
        "Closing every member's gap would cost {} {} a year (current US dollars; the sum of each ally's gap, with no credit for allies above the target).",
        europe.label,
        join_names(&gap_totals)
    ));

    out
}

/// Each scenario's path for Europe and Canada and who needs steep growth.
fn scenario_sentences(catalog: &Catalog, europe: &Group, scenarios: &[ScenarioRun]) -> Vec<String> {
    let mut out = Vec::new();
    for run in scenarios {
        let s = &run.scenario;
        let path = run.outcome.group(&europe.key).map(|g| {
            format!(
                "{} would go from {}",
                europe.label,
                super::scenario::group_path_text(s, g, &run.constant)
            )
        });
        let steep = super::scenario::steep_sentence(
            s,
            &super::scenario::steep_names(&run.outcome, catalog),
        );
        out.push(format!(
            "Scenario *{}* (`{}`): {} {steep}",
            s.name,
            run.reference,
            path.unwrap_or_default(),
        ));
    }
    out
}
