//! `trend`: share of GDP across the edition's years, for allies and groups.

use crate::chart::lines::{ShareUnit, TrendChart, TrendSeries};

use super::{edition_line, footer, share_basis, targets, years_list, Kind, Prepared};
use crate::calc::targets as defaults;
use crate::chart::Frame;
use crate::chart::{ChartOption, ChartSpec, Takes, Unset};
use crate::data::groups;
use crate::data::Group;
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::results::Results;

pub struct Trend;

/// The groups drawn without --groups or --allies.
const DEFAULT_GROUPS: [&str; 3] = [groups::EUROPE_CANADA, groups::UNITED_STATES, groups::ALL];

impl Kind for Trend {
    fn id(&self) -> &'static str {
        "trend"
    }

    fn about(&self) -> String {
        "Share of GDP across the edition's years".into()
    }

    fn report_caption(&self, _r: &Results, _spec: &ChartSpec) -> Option<String> {
        Some(String::from("Share of GDP across the edition's years"))
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[
            Takes::rule(ChartOption::Allies, "none"),
            Takes::value(ChartOption::Groups, Unset::Names(&DEFAULT_GROUPS)),
            Takes::value(ChartOption::Targets, Unset::Targets(&[defaults::GUIDELINE])),
        ];
        TAKES
    }

    fn prepare(&self, r: &Results, o: &ChartSpec) -> Result<Prepared> {
        let data = r.data();
        let edition = &data.edition;
        let mut chosen: Vec<&Group> = r.groups_named(&o.groups)?;
        if o.groups.is_empty() && o.allies.is_empty() {
            chosen = DEFAULT_GROUPS.iter().map(|k| r.group(k)).collect();
        }
        let mut series = Vec::new();
        for query in &o.allies {
            let ally = r.ally(query)?;
            let points = r
                .ally_history(&ally.nato_code)?
                .iter()
                .filter_map(|y| Some((y.year, y.share?, edition.is_estimate(y.year))))
                .collect();
            series.push(TrendSeries {
                label: ally.name.clone(),
                points,
            });
        }
        for group in &chosen {
            let points = r
                .aggregate(group)?
                .iter()
                .filter_map(|a| Some((a.year, a.share?, edition.is_estimate(a.year))))
                .collect();
            series.push(TrendSeries {
                label: group.label.clone(),
                points,
            });
        }
        let table = table(&series);
        let frame = Frame {
            title: format!(
                "Defence expenditure as a share of GDP, {}-{}",
                edition.first_year, edition.last_year
            ),
            subtitle: format!(
                "{} · {} · groups: total spending / total GDP of the allies that were members each year",
                edition_line(data),
                share_basis(data)
            ),
            footer: footer(
                data,
                &[format!(
                    "Dashed segments and hollow points: NATO estimates ({}).",
                    years_list(&edition.estimate_years)
                )],
            ),
        };
        Ok(Prepared {
            chart: Box::new(TrendChart {
                unit: ShareUnit::Share,
                frame,
                series,
                targets: targets(o, &[defaults::GUIDELINE]),
                estimate_years: edition.estimate_years.clone(),
            }),
            table,
        })
    }
}

/// The chart's numbers: each series' share of GDP in a year, and whether
/// it is an estimate.
fn table(series: &[TrendSeries]) -> Table {
    struct Row<'a> {
        series: &'a str,
        year: i32,
        share: f64,
        estimate: bool,
    }
    let rows: Vec<Row> = series
        .iter()
        .flat_map(|s| {
            s.points.iter().map(move |&(year, share, estimate)| Row {
                series: s.label.as_str(),
                year,
                share,
                estimate,
            })
        })
        .collect();
    Table::of(
        &[
            column("series", "Series", |r: &Row| Value::text(r.series)),
            column("year", "Year", |r: &Row| Value::Int(r.year.into())),
            column("estimate", "Estimate", |r: &Row| Value::Bool(r.estimate)),
            column("share_of_gdp", "Share of GDP (%)", |r: &Row| {
                Value::Number(r.share, 4)
            }),
        ],
        &rows,
    )
}
