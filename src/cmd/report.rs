//! `defspend report`: a folder with the standard charts, the CSV behind each,
//! `report.md`, a short brief whose findings are sentences built from the data,
//! `index.html`, the same brief as one self-contained page with the charts inline,
//! and `report.xlsx`, every chart's table.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::chart::kinds::{self, Kind, Prepared};
use crate::chart::{self, ImageFormat};
use crate::chart::{ChartSize, ChartSpec};
use crate::cli::ReportArgs;
use crate::context::Context;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::export::{html, render_table_csv, write_atomic, Format, Report, Section, Table};
use crate::param::Param;
use crate::results::Results;
use crate::scenario;
use crate::view;
use crate::view::brief::ScenarioRun;

/// The outlook's findings, in sentences: plans, odds and why shares moved.
fn outlook_findings(ctx: &Context, results: &Results, args: &ReportArgs) -> Result<Vec<String>> {
    let found = crate::findings::outlook(
        results,
        crate::calc::targets::DEFAULT_SCENARIO,
        args.plans.plans_vintage.as_deref(),
        args.economy.economy.as_deref(),
        // The odds start from the edition asked, as `chart odds --edition`.
        args.at.edition.edition.as_deref(),
    )?;
    Ok(view::brief::outlook_findings(
        &crate::api::scope(ctx),
        &found,
    ))
}

/// One chart of the report: its kind, options, file stem and caption.
type Job<'k> = (&'k dyn Kind, ChartSpec, String, String);

/// Every chart of the report, in the order of the brief: the standard ones,
/// the outlook's, then each scenario's trajectory.
fn chart_jobs(results: &Results, args: &ReportArgs, runs: &[ScenarioRun]) -> Vec<Job<'static>> {
    let options = ChartSpec {
        economy: args.economy.economy.clone(),
        plans_vintage: args.plans.plans_vintage.clone(),
        at: crate::chart::At {
            edition: args.at.edition.edition.clone(),
            year: None,
        },
        ..ChartSpec::default()
    };
    let mut standard: Vec<(&dyn Kind, String)> = kinds::KINDS
        .iter()
        .filter_map(|k| k.report_caption(results, &options).map(|c| (*k, c)))
        .collect();
    if args.outlook {
        let mut section: Vec<(usize, &dyn Kind, String)> = kinds::KINDS
            .iter()
            .filter_map(|k| k.outlook_section(results).map(|(at, c)| (at, *k, c)))
            .collect();
        section.sort_by_key(|(at, _, _)| *at);
        standard.extend(section.into_iter().map(|(_, k, c)| (k, c)));
    }
    let mut jobs: Vec<Job> = standard
        .into_iter()
        .map(|(kind, caption)| (kind, options.clone(), kind.id().to_string(), caption))
        .collect();
    let trajectory = kinds::find("trajectory").expect("the trajectory kind is registered");
    for run in runs {
        let mut o = options.clone();
        o.scenario = Some(run.reference.clone());
        jobs.push((
            trajectory,
            o,
            scenario_stem(&run.reference),
            format!("Scenario: {}", run.scenario.name),
        ));
    }
    jobs
}

/// Draws and writes the charts `which` (places in `jobs`) in parallel, each
/// to its own files; their tables and SVGs come back in that order.
fn draw_charts(
    jobs: &[Job],
    which: &[usize],
    results: &Results,
    out: &Path,
    progress: &ProgressBar,
) -> Result<Vec<(Table, String)>> {
    which
        .par_iter()
        .map(|&i| {
            let (kind, o, stem, _) = &jobs[i];
            progress.set_message(format!("{stem}.png"));
            let drawn = write_chart(out, stem, kinds::prepare(*kind, results, o)?);
            progress.inc(1);
            drawn
        })
        .collect()
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
    let ctx = args.at.resolve(catalog)?;
    // The results every chart and finding draws from, each computed once.
    let results = Results::new(&ctx);
    let mut runs = Vec::new();
    for reference in &args.scenario {
        let run = results.scenario(reference, args.economy.id())?;
        let (s, data, paths) = (&run.scenario, &run.data, &run.paths);
        let outcome = scenario::outcome::Outcome::of(s, paths)?;
        let report = view::scenario::report(catalog, data, s, paths, &outcome, &[])?;
        runs.push(ScenarioRun {
            reference: reference.clone(),
            constant: data.edition.constant_basis(),
            scenario: s.clone(),
            outcome,
            report,
        });
    }
    check_folder(&args.out, args.force)?;
    // Everything is written into a temporary folder beside the target and
    // moved into place at the end; on any failure the temporary folder is
    // removed and the target is as it was.
    let staging = staging_folder(&args.out)?;
    let out = staging.path();

    let jobs = chart_jobs(&results, args, &runs);
    let progress =
        ProgressBar::with_draw_target(Some((jobs.len() + 1) as u64), ProgressDrawTarget::stderr());
    progress.set_style(
        ProgressStyle::with_template("{spinner} {bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    // The Monte Carlo outlook leaves a core idle part of the time: the charts
    // that do not wait for it are drawn meanwhile, and the ones that do as
    // soon as it has run.
    let (later, first): (Vec<usize>, Vec<usize>) =
        (0..jobs.len()).partition(|&i| jobs[i].0.waits_for_outlook());
    let (outlook, drawn_first) = rayon::join(
        || -> Result<_> {
            let findings = if args.outlook {
                outlook_findings(&ctx, &results, args)?
            } else {
                Vec::new()
            };
            Ok((
                findings,
                draw_charts(&jobs, &later, &results, out, &progress)?,
            ))
        },
        || draw_charts(&jobs, &first, &results, out, &progress),
    );
    let (findings, drawn_later) = outlook?;
    let mut drawn: Vec<Option<(Table, String)>> = (0..jobs.len()).map(|_| None).collect();
    for (i, d) in first
        .iter()
        .zip(drawn_first?)
        .chain(later.iter().zip(drawn_later))
    {
        drawn[*i] = Some(d);
    }
    let drawn: Vec<(Table, String)> = drawn.into_iter().flatten().collect();
    let mut written: Vec<(String, String)> = Vec::new();
    let mut tables: Vec<Section> = Vec::new();
    let mut svgs: Vec<String> = Vec::new();
    for ((_, _, stem, caption), (table, svg)) in jobs.into_iter().zip(drawn) {
        tables.push(Section::new(&stem, &caption, table));
        svgs.push(svg);
        written.push((stem, caption));
    }
    progress.set_message("report.md");
    let brief = view::brief::brief(
        &crate::api::scope(&ctx),
        &crate::findings::findings(&ctx)?,
        &runs,
        &findings,
        &written,
    )?;
    write_atomic(&out.join("report.md"), brief.markdown().as_bytes())?;
    // The page and the workbook are written side by side.
    let (page, workbook) = rayon::join(
        || write_page(out, &brief, &written, &tables, &svgs),
        || write_workbook(out, &ctx, &findings, &tables),
    );
    page?;
    workbook?;
    progress.inc(1);
    progress.finish_and_clear();
    move_into_place(staging, &args.out)?;
    crate::export::say(&format!(
        "Wrote {} charts, their CSV tables, report.md, index.html and report.xlsx to {}.",
        written.len(),
        args.out.display()
    ))?;
    Ok(())
}

/// Refuses an existing folder without `force`; creates a missing one.
fn check_folder(out: &Path, force: bool) -> Result<()> {
    if out.exists() {
        if !out.is_dir() {
            return Err(Error::Write {
                path: out.to_path_buf(),
                problem: "it exists and is not a directory".into(),
            });
        }
        if !force {
            return Err(Error::usage(
                Param::Output,
                format!(
                    "{} exists; add --force to write the report into it",
                    out.display()
                ),
            ));
        }
    }
    Ok(())
}

/// A temporary folder in the target's parent (so that moving it is a rename).
fn staging_folder(out: &Path) -> Result<tempfile::TempDir> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail = |problem: String| Error::Write {
        path: out.to_path_buf(),
        problem,
    };
    if !parent.is_dir() {
        std::fs::create_dir_all(&parent).map_err(|e| fail(e.to_string()))?;
    }
    tempfile::Builder::new()
        .prefix(".defspend-report-")
        .tempdir_in(&parent)
        .map_err(|e| fail(e.to_string()))
}

/// Moves the finished report into `out`: the folder itself when `out` does
/// not exist, else each file over the one of the same name (--force), all
/// or none.
fn move_into_place(staging: tempfile::TempDir, out: &Path) -> Result<()> {
    let fail = |problem: String| Error::Write {
        path: out.to_path_buf(),
        problem,
    };
    if !out.exists() {
        let path = staging.keep();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755));
        }
        return std::fs::rename(&path, out).map_err(|e| {
            let _ = std::fs::remove_dir_all(&path);
            fail(e.to_string())
        });
    }
    // Every file or none: a failure part way puts back what was moved.
    let mut moves: Vec<(PathBuf, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(staging.path()).map_err(|e| fail(e.to_string()))? {
        let entry = entry.map_err(|e| fail(e.to_string()))?;
        moves.push((entry.path(), out.join(entry.file_name())));
    }
    moves.sort();
    let moves: Vec<(&Path, &Path)> = moves
        .iter()
        .map(|(from, to)| (from.as_path(), to.as_path()))
        .collect();
    crate::export::swap_in(&moves, &mut |from, to| std::fs::rename(from, to))
}

/// Writes a chart's PNG and CSV; returns the table behind it and the chart as SVG.
fn write_chart(out: &Path, stem: &str, prepared: Prepared) -> Result<(Table, String)> {
    let size = ChartSize::default();
    let png = chart::render(
        prepared.chart.as_ref(),
        ImageFormat::Png,
        size.width,
        size.height,
    )?;
    write_atomic(&out.join(format!("{stem}.png")), &png)?;
    write_atomic(
        &out.join(format!("{stem}.csv")),
        render_table_csv(&prepared.table).as_bytes(),
    )?;
    let svg = chart::render(
        prepared.chart.as_ref(),
        ImageFormat::Svg,
        size.width,
        size.height,
    )?;
    let svg = String::from_utf8(svg)
        .map_err(|_| Error::data("chart", "the SVG renderer wrote invalid UTF-8"))?;
    Ok((prepared.table, svg))
}

/// `index.html`: the brief with every chart inline and its table.
fn write_page(
    out: &Path,
    brief: &view::brief::Brief,
    written: &[(String, String)],
    tables: &[Section],
    svgs: &[String],
) -> Result<()> {
    let figures = written
        .iter()
        .zip(tables)
        .zip(svgs)
        .map(|(((stem, caption), section), svg)| html::Figure {
            id: stem,
            caption,
            svg,
            table: &section.table,
            csv_file: format!("{stem}.csv"),
        })
        .collect();
    let page = html::Page {
        title: &brief.title,
        byline: &brief.byline,
        findings: &brief.findings,
        figures,
        sources: &brief.sources,
        notes: std::slice::from_ref(&brief.method),
        generator: concat!("defspend ", env!("CARGO_PKG_VERSION")),
    };
    write_atomic(&out.join("index.html"), html::render(&page).as_bytes())
}

/// `report.xlsx`: every chart's table in one workbook, with the sources.
fn write_workbook(
    out: &Path,
    ctx: &crate::context::Context,
    findings: &[String],
    tables: &[Section],
) -> Result<()> {
    let edition = ctx.edition();
    let workbook = Report {
        title: format!(
            "NATO allies' defence spending, {}",
            edition.year_label(ctx.year)
        ),
        metadata: view::year_metadata(edition, ctx.year),
        summary: findings.to_vec(),
        sections: tables.to_vec(),
        notes: vec![
            "Each sheet is the table behind the chart of the same name in report.md.".into(),
        ],
        citation: edition.citation.clone(),
        tidy: Table::default(),
    };
    write_atomic(
        &out.join("report.xlsx"),
        &Format::Xlsx.exporter().bytes(&workbook)?,
    )
}
