//! `report.md`: a short brief whose findings are sentences built from the data,
//! the charts with their captions, and the sources.

use std::fmt::Write as _;

use crate::calc::{targets, Status};
use crate::context::Context;
use crate::data::groups;
use crate::error::Result;
use crate::export::Report;
use crate::scenario::Scenario;
use crate::units::{bn, join_names, pct};

/// A scenario in the brief: how it was named, the scenario, its run.
pub struct ScenarioRun {
    pub reference: String,
    pub scenario: Scenario,
    pub report: Report,
}

/// The brief's Markdown. `charts`: file stem and caption of each chart written.
pub fn markdown(
    ctx: &Context,
    scenarios: &[ScenarioRun],
    charts: &[(String, String)],
) -> Result<String> {
    let (catalog, edition, year) = (ctx.catalog, ctx.edition(), ctx.year);
    let europe = catalog.required_group(groups::EUROPE_CANADA);
    let us = catalog.required_group(groups::UNITED_STATES);
    let year_label = edition.year_label(year);
    let mut md = String::new();
    let _ = writeln!(md, "# NATO allies' defence spending, {year_label}\n");
    let _ = writeln!(
        md,
        "*NATO, {}, {} ({}; {}). Edition `{}`; {}.*\n",
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
    let _ = writeln!(md, "## Key findings\n");

    let mut gap_totals = Vec::new();
    for (k, target) in targets::REPORT.iter().enumerate() {
        let st = ctx.calc.standing(year, *target)?;
        let below: Vec<String> = st
            .with_status(Status::Below)
            .map(|s| format!("{} ({:.2}%)", s.name, s.share.unwrap_or(f64::NAN)))
            .collect();
        let meeting: Vec<String> = st
            .with_status(Status::Meets)
            .map(|s| s.name.clone())
            .collect();
        let not_counted: Vec<String> = st
            .rows
            .iter()
            .filter(|s| !s.status.is_counted())
            .map(|s| s.name.clone())
            .collect();
        let counted = below.len() + meeting.len();
        let t = pct(*target);
        let sentence = if k == 0 {
            format!(
                "- **{} of {counted} allies** with armed forces spend at least {t}% of GDP in {year_label}; {} {}: {}.{}",
                meeting.len(),
                below.len(),
                if below.len() == 1 { "falls short" } else { "fall short" },
                join_names(&below),
                if not_counted.is_empty() {
                    String::new()
                } else {
                    format!(" {} not counted (no armed forces).", join_names(&not_counted))
                }
            )
        } else if meeting.len() <= below.len() {
            format!(
                "- At **{t}% of GDP**, {} of {counted} allies fall short; only {} {} it.",
                below.len(),
                join_names(&meeting),
                if meeting.len() == 1 { "meets" } else { "meet" }
            )
        } else {
            format!(
                "- At **{t}% of GDP**, {} of {counted} allies fall short: {}.",
                below.len(),
                join_names(&below)
            )
        };
        let _ = writeln!(md, "{sentence}");
        let g = st.group_total(europe)?;
        gap_totals.push(format!(
            "**${:.1} bn** to reach {t}%",
            bn(Some(g.gap_usd_current_m)).unwrap_or(0.0)
        ));
    }
    let _ = writeln!(
        md,
        "- Closing every member's gap would cost {} {} a year (current US dollars; the sum of each ally's gap, with no credit for allies above the target).",
        europe.label,
        join_names(&gap_totals)
    );

    let burden = ctx.calc.burden(year)?;
    if let Some(row) = burden.rows.iter().find(|r| us.contains(&r.code)) {
        let _ = writeln!(
            md,
            "- The {} accounts for **{:.1}%** of allied defence spending in {year_label}, against {:.1}% of allied GDP (current prices).",
            us.label,
            row.spending_share.unwrap_or(f64::NAN),
            row.gdp_share.unwrap_or(f64::NAN)
        );
    }

    if year > edition.first_year {
        let movers = ctx.calc.movers(edition.first_year, year)?;
        let describe = |m: &crate::calc::Mover| {
            format!(
                "{} ({:+.2} points, {:.2}% to {:.2}%)",
                m.name, m.change, m.share_from, m.share_to
            )
        };
        let top: Vec<String> = movers.iter().take(3).map(describe).collect();
        let mut sentence = format!(
            "- Biggest movers since {}: {}",
            edition.first_year,
            join_names(&top)
        );
        if let Some(last) = movers.last().filter(|m| movers.len() > 3 && m.change < 0.0) {
            sentence.push_str(&format!("; the largest fall: {}", describe(last)));
        }
        let _ = writeln!(md, "{sentence}.");
    }

    let europe_prefix = format!("{}: ", europe.label);
    for run in scenarios {
        let line = run
            .report
            .summary
            .iter()
            .find(|l| l.starts_with(&europe_prefix));
        let steep = run
            .report
            .summary
            .iter()
            .find(|l| l.contains("real growth a year"));
        let _ = writeln!(
            md,
            "- Scenario *{}* (`{}`): {}{}",
            run.scenario.name,
            run.reference,
            line.map_or(String::new(), |l| format!(
                "{} would go from {}",
                europe.label,
                l.trim_start_matches(&europe_prefix)
            )),
            steep.map_or(String::new(), |l| format!(" {l}"))
        );
    }
    let _ = writeln!(md);

    let _ = writeln!(md, "## Charts\n");
    for (stem, caption) in charts {
        let _ = writeln!(
            md,
            "### {caption}\n\n![{caption}]({stem}.png)\n\nData: [{stem}.csv]({stem}.csv)\n"
        );
    }
    let _ = writeln!(md, "## Source\n\n{}\n", edition.citation);
    for run in scenarios {
        let s = &run.scenario;
        if s.edition != edition.id {
            if let Some(other) = catalog.editions.iter().find(|e| e.id == s.edition) {
                let _ = writeln!(md, "{} (scenario {})\n", other.citation, s.name);
            }
        }
    }
    let _ = writeln!(
        md,
        "Shares of GDP are NATO's published shares; gaps are (target - share) / 100 x GDP; aggregates count each ally from the year it joined. Scenarios are assumptions applied to NATO's figures, not NATO projections."
    );
    Ok(md)
}
