//! The chart kinds, one file each, and the one registry that the `chart`
//! command, `report` and the tests use. A kind turns the calculator's results
//! into a drawable chart and the table of the numbers it shows. Adding a kind
//! is one file here plus one line in [`KINDS`].

mod burden;
mod calibration;
mod decompose;
mod definitions;
mod dispersion;
mod equipment;
mod fan;
mod fiscal;
mod gaps;
mod long_run;
mod map;
mod odds;
mod outlook_input;
mod per_capita;
mod plans;
mod revisions;
mod rivals;
mod shares;
mod sipri_input;
mod trajectory;
mod trend;
mod us_vs_europe;

use super::Drawable;
use super::{ChartOption, ChartSpec, Takes};
use crate::data::Basis;
use crate::data::EditionData;
use crate::data::Provenance;
use crate::error::Result;
use crate::export::Table;
use crate::param::Param;
use crate::results::Results;

/// A chart kind: its name on the command line, what it shows, how it is made.
pub trait Kind: Sync {
    /// `defspend chart ID`.
    fn id(&self) -> &'static str;
    /// One line for `--help`.
    fn about(&self) -> String;
    /// The caption under which `report` includes it, drawn with `spec` (the
    /// report's options); `None`: not in the report.
    fn report_caption(&self, _r: &Results, _spec: &ChartSpec) -> Option<String> {
        None
    }
    /// Its place and caption in the outlook's section of `report --outlook`
    /// (the section in the order of the places); `None`: not in it.
    fn outlook_section(&self, _r: &Results) -> Option<(usize, String)> {
        None
    }
    /// Whether drawing it needs the Monte Carlo outlook's run: `report`
    /// draws the others while the outlook runs.
    fn waits_for_outlook(&self) -> bool {
        false
    }
    /// The options of [`ChartSpec`] it reads, besides the title, and what
    /// it draws without each (`chart KIND --help` shows them); `chart`
    /// refuses any other.
    fn options(&self) -> &'static [Takes] {
        &[]
    }
    /// Whether, drawn with `spec`, it draws one year of the edition
    /// (`--year`, default the edition's last); `chart` refuses a year where
    /// it does not, as it draws series or a scenario's years and would
    /// ignore it. Its help lists `--year` where it takes it with no options.
    fn takes_year(&self, _spec: &ChartSpec) -> bool {
        false
    }
    /// Whether, drawn with `spec`, it draws from the edition asked
    /// (`--edition`, default the latest; odds and fan: the outlook's origin,
    /// default the scenario's); `chart` refuses an edition where it does not,
    /// as it draws from its scenario's edition, SIPRI or a backtest.
    fn takes_edition(&self, _spec: &ChartSpec) -> bool {
        true
    }
    /// Its help for `--edition`, where the edition is not simply the one
    /// drawn.
    fn edition_help(&self) -> Option<String> {
        None
    }
    /// Whether the year it takes is one of its scenario's path (default the
    /// target year) rather than of the edition: it reaches the kind as
    /// [`ChartSpec::at`], not through the context.
    fn year_of_path(&self) -> bool {
        false
    }
    /// Whether it draws the context's money, so that `prices` converts the
    /// context (a kind that converts money itself, as `rivals`, says no).
    fn money_from_context(&self) -> bool {
        false
    }
    fn prepare(&self, r: &Results, options: &ChartSpec) -> Result<Prepared>;
}

/// Refuses an option that `kind` does not use (an edition or a year
/// included): it would be ignored.
pub fn check_options(
    kind: &dyn Kind,
    options: &ChartSpec,
    edition: Option<&str>,
    year: Option<i32>,
) -> Result<()> {
    let used: Vec<ChartOption> = kind.options().iter().map(|t| t.option).collect();
    let (takes_edition, takes_year) = (kind.takes_edition(options), kind.takes_year(options));
    let unused_at = [
        (Param::Edition, edition.is_some() && !takes_edition),
        (Param::Year, year.is_some() && !takes_year),
    ]
    .into_iter()
    .find_map(|(p, unused)| unused.then_some(p));
    let Some(unused) = unused_at.or_else(|| {
        options
            .given()
            .into_iter()
            .find(|o| !used.contains(o))
            .map(|o| o.param())
    }) else {
        return Ok(());
    };
    let takes: Vec<String> = [(Param::Edition, takes_edition), (Param::Year, takes_year)]
        .into_iter()
        .filter_map(|(p, takes)| takes.then_some(p))
        .chain(used.iter().map(|o| o.param()))
        .chain([Param::Title])
        .map(|p| p.to_string())
        .collect();
    Err(crate::error::Error::usage(
        unused,
        format!(
            "chart {} does not use it (it takes {})",
            kind.id(),
            takes.join(", ")
        ),
    ))
}

/// A chart ready to draw, and the table of the numbers it shows (written beside it by `report`).
pub struct Prepared {
    pub chart: Box<dyn Drawable>,
    pub table: Table,
}

/// Every kind, in the order `--help` and the report list them.
pub static KINDS: &[&dyn Kind] = &[
    &shares::Shares,
    &gaps::Gaps,
    &burden::Burden,
    &trend::Trend,
    &trajectory::Trajectory,
    &equipment::Equipment,
    &us_vs_europe::UsVsEurope,
    &decompose::Decompose,
    &dispersion::Dispersion,
    &fiscal::Fiscal,
    &map::Map,
    &odds::Odds,
    &fan::Fan,
    &plans::Plans,
    &long_run::LongRun,
    &rivals::Rivals,
    &definitions::Definitions,
    &revisions::Revisions,
    &per_capita::PerCapitaKind,
    &calibration::Calibration,
];

pub fn find(id: &str) -> Option<&'static dyn Kind> {
    KINDS.iter().copied().find(|k| k.id() == id)
}

/// Prepares a chart of `kind`, with the options' title if given.
pub fn prepare(kind: &dyn Kind, r: &Results, options: &ChartSpec) -> Result<Prepared> {
    let mut prepared = kind.prepare(r, options)?;
    if let Some(title) = &options.title {
        prepared.chart.frame_mut().title = title.clone();
    }
    Ok(prepared)
}

/// The targets asked for, else the kind's default, ascending and without repeats.
fn targets(options: &ChartSpec, default: &[f64]) -> Vec<f64> {
    let mut t = if options.targets.is_empty() {
        default.to_vec()
    } else {
        options.targets.clone()
    };
    t.sort_by(f64::total_cmp);
    t.dedup();
    t
}

/// The footer every chart carries: the citation, and what is estimated.
fn footer(data: &EditionData, extra: &[String]) -> Vec<String> {
    let edition = &data.edition;
    let mut lines = vec![edition.citation.clone()];
    lines.extend(extra.iter().cloned());
    let provenance = match edition.provenance {
        Provenance::OfficialWorkbook => "Figures from NATO's official workbook",
        Provenance::Transcription => "Figures from a transcription of NATO's tables",
    };
    lines.push(format!(
        "{provenance}; {}. Chart: defspend.",
        edition.basis.label()
    ));
    lines
}

fn edition_line(data: &EditionData) -> String {
    format!(
        "NATO, {}, {}",
        data.edition.title,
        data.edition.published.long()
    )
}

fn share_basis(data: &EditionData) -> String {
    match data.edition.basis {
        Basis::Total => {
            format!("share of real GDP, {} prices", data.edition.price_base_year)
        }
        Basis::Core => "core defence expenditure, NATO's published share".into(),
    }
}

/// Which allies have no armed forces, for chart footers.
fn no_forces_note(r: &Results) -> String {
    r.allies()
        .iter()
        .filter(|a| !a.has_armed_forces)
        .map(|a| format!("{} has no armed forces.", a.name))
        .collect::<Vec<_>>()
        .join(" ")
}

fn estimate_note(r: &Results, year: i32) -> Vec<String> {
    if r.data().edition.is_estimate(year) {
        vec![format!(
            "{year} figures are NATO estimates (e). {}",
            no_forces_note(r)
        )]
    } else {
        vec![no_forces_note(r)]
    }
}

fn years_list(years: &[i32]) -> String {
    years
        .iter()
        .map(|y| format!("{y}e"))
        .collect::<Vec<_>>()
        .join(", ")
}
