//! `defspend report`: a folder with the standard charts, the CSV behind each,
//! and `report.md`, a short brief whose findings are sentences built from the data.

use std::fmt::Write as _;
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::chart::{prepare, AnyChart};
use super::{bn, resolve_year, shortfall::pct};
use crate::calc::{self, status, Group};
use crate::chart::{self, ImageFormat};
use crate::cli::{ChartKind, ChartOptions, ReportArgs};
use crate::data::{Catalog, EditionData};
use crate::error::{Error, Result};
use crate::export::{self, write_atomic, Table};
use crate::frame::{f64_at, str_at};
use crate::scenario::{self, Scenario};

const WIDTH: u32 = 1600;
const HEIGHT: u32 = 1000;

/// The standard charts: file stem, kind, caption.
const CHARTS: &[(&str, ChartKind, &str)] = &[
    (
        "shares",
        ChartKind::Shares,
        "Allies ranked by share of GDP, against 2% and 3%",
    ),
    (
        "gaps",
        ChartKind::Gaps,
        "The money gap to 2%, 3% and 3.5% of GDP",
    ),
    (
        "burden",
        ChartKind::Burden,
        "Shares of allied spending against shares of allied GDP",
    ),
    (
        "trend",
        ChartKind::Trend,
        "Share of GDP across the edition's years",
    ),
    (
        "equipment",
        ChartKind::Equipment,
        "NATO's two guidelines: 2% of GDP and 20% on equipment",
    ),
    (
        "us-vs-europe",
        ChartKind::UsVsEurope,
        "The United States against Europe and Canada",
    ),
];

fn options(data: &EditionData, year: i32) -> ChartOptions {
    ChartOptions {
        edition: Some(data.edition.id.clone()),
        year: Some(year),
        targets: Vec::new(),
        allies: Vec::new(),
        groups: Vec::new(),
        scenario: None,
        width: WIDTH,
        height: HEIGHT,
        scale: 1,
        title: None,
    }
}

/// A file name for a scenario's chart: `trajectory-hague-2035`.
fn scenario_stem(reference: &str) -> String {
    let base = Path::new(reference)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(reference);
    let clean: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("trajectory-{clean}")
}

pub fn run(catalog: &Catalog, args: &ReportArgs) -> Result<()> {
    // Everything that can be refused is checked before anything is written.
    let data = catalog.load_edition(args.edition.as_deref())?;
    let year = resolve_year(&data.edition, args.year)?;
    let mut scenarios: Vec<(String, Scenario)> = Vec::new();
    for reference in &args.scenario {
        scenarios.push((reference.clone(), scenario::load(reference, catalog)?));
    }
    let out = &args.out;
    if out.exists() {
        if !out.is_dir() {
            return Err(Error::Write {
                path: out.clone(),
                problem: "it exists and is not a directory".into(),
            });
        }
        if !args.force {
            return Err(Error::usage(
                "--out",
                format!(
                    "{} exists; add --force to write the report into it",
                    out.display()
                ),
            ));
        }
    } else {
        std::fs::create_dir_all(out).map_err(|e| Error::Write {
            path: out.clone(),
            problem: e.to_string(),
        })?;
    }

    let progress = ProgressBar::with_draw_target(
        Some((CHARTS.len() + scenarios.len() + 1) as u64),
        ProgressDrawTarget::stderr(),
    );
    progress.set_style(
        ProgressStyle::with_template("{spinner} {bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );

    let opts = options(&data, year);
    let mut written: Vec<(String, String)> = Vec::new();
    for (stem, kind, caption) in CHARTS {
        progress.set_message(format!("{stem}.png"));
        let (chart, table) = prepare(catalog, &data, *kind, &opts)?;
        write_chart(out, stem, &chart, &table)?;
        written.push((stem.to_string(), caption.to_string()));
        progress.inc(1);
    }
    for (reference, s) in &scenarios {
        let stem = scenario_stem(reference);
        progress.set_message(format!("{stem}.png"));
        let mut o = opts.clone();
        o.scenario = Some(reference.clone());
        // The trajectory loads the scenario's own edition.
        o.year = None;
        let (chart, table) = prepare(catalog, &data, ChartKind::Trajectory, &o)?;
        write_chart(out, &stem, &chart, &table)?;
        written.push((stem, format!("Scenario: {}", s.name)));
        progress.inc(1);
    }
    progress.set_message("report.md");
    let markdown = brief(catalog, &data, year, &scenarios, &written)?;
    write_atomic(&out.join("report.md"), markdown.as_bytes())?;
    progress.inc(1);
    progress.finish_and_clear();
    println!(
        "Wrote {} charts, their CSV tables and report.md to {}.",
        written.len(),
        out.display()
    );
    Ok(())
}

fn write_chart(out: &Path, stem: &str, chart: &AnyChart, table: &Table) -> Result<()> {
    let png = chart::render(chart, ImageFormat::Png, WIDTH, HEIGHT)?;
    write_atomic(&out.join(format!("{stem}.png")), &png)?;
    let csv = export::render_table_csv(table);
    write_atomic(&out.join(format!("{stem}.csv")), csv.as_bytes())
}

/// "A, B and C"
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The report's text: findings in sentences, the charts, the source.
fn brief(
    catalog: &Catalog,
    data: &EditionData,
    year: i32,
    scenarios: &[(String, Scenario)],
    charts: &[(String, String)],
) -> Result<String> {
    let edition = &data.edition;
    let allies = calc::allies_frame(&catalog.allies)?;
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
    for (k, target) in [2.0, 3.0, 3.5].iter().enumerate() {
        let st = calc::standing(&data.expenditure, &allies, year, *target)?;
        let mut below = Vec::new();
        let mut meeting = Vec::new();
        let mut not_counted = Vec::new();
        for i in 0..st.height() {
            let name = str_at(&st, "name", i).unwrap_or_default().to_string();
            match str_at(&st, "status", i) {
                Some(status::BELOW) => below.push(format!(
                    "{name} ({:.2}%)",
                    f64_at(&st, "share", i).unwrap_or(f64::NAN)
                )),
                Some(status::MEETS) => meeting.push(name),
                _ => not_counted.push(name),
            }
        }
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
        let g = calc::group_gap(&st, &Group::EuropeCanada)?;
        gap_totals.push(format!(
            "**${:.1} bn** to reach {t}%",
            bn(f64_at(&g, "gap_usd_current_m", 0)).unwrap_or(0.0)
        ));
    }
    let _ = writeln!(
        md,
        "- Closing every member's gap would cost Europe and Canada {} a year (current US dollars; the sum of each ally's gap, with no credit for allies above the target).",
        join_names(&gap_totals)
    );

    let burden = calc::burden(&data.expenditure, &allies, year)?;
    if let Some(i) = (0..burden.height()).find(|&i| str_at(&burden, "code", i) == Some("US")) {
        let _ = writeln!(
            md,
            "- The United States accounts for **{:.1}%** of allied defence spending in {year_label}, against {:.1}% of allied GDP (current prices).",
            f64_at(&burden, "spending_share", i).unwrap_or(f64::NAN),
            f64_at(&burden, "gdp_share", i).unwrap_or(f64::NAN)
        );
    }

    if year > edition.first_year {
        let movers = calc::movers(&data.expenditure, &allies, edition.first_year, year)?;
        let describe = |i: usize| {
            format!(
                "{} ({:+.2} points, {:.2}% to {:.2}%)",
                str_at(&movers, "name", i).unwrap_or_default(),
                f64_at(&movers, "change", i).unwrap_or(f64::NAN),
                f64_at(&movers, "share_from", i).unwrap_or(f64::NAN),
                f64_at(&movers, "share_to", i).unwrap_or(f64::NAN)
            )
        };
        let top: Vec<String> = (0..movers.height().min(3)).map(describe).collect();
        let mut sentence = format!(
            "- Biggest movers since {}: {}",
            edition.first_year,
            join_names(&top)
        );
        let last = movers.height().saturating_sub(1);
        if movers.height() > 3 && f64_at(&movers, "change", last).is_some_and(|c| c < 0.0) {
            sentence.push_str(&format!("; the largest fall: {}", describe(last)));
        }
        let _ = writeln!(md, "{sentence}.");
    }

    for (reference, s) in scenarios {
        let report = super::scenario::build(catalog, s, &[])?;
        let europe = report
            .summary
            .iter()
            .find(|l| l.starts_with("Europe and Canada:"));
        let steep = report
            .summary
            .iter()
            .find(|l| l.contains("real growth a year"));
        let _ = writeln!(
            md,
            "- Scenario *{}* (`{}`): {}{}",
            s.name,
            reference,
            europe.map_or(String::new(), |l| format!(
                "Europe and Canada would go from {}",
                l.trim_start_matches("Europe and Canada: ")
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
    for (_, s) in scenarios {
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
