//! `fan`: the Monte Carlo outlook's spread of shares year by year for groups
//! and chosen allies — 10-90% and 25-75% bands, the median, the target line —
//! after NATO's figures up to the baseline.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::outlook_input::{model_line, outlook_for, outlook_options};
use super::{edition_line, footer, years_list, Kind, Prepared};
use crate::calc::montecarlo::Quantiles;
use crate::chart::lines::{end_labels, end_text, target_lines, year_axes, year_dots};
use crate::chart::style::{self, DrawResult, Style, Swatch};
use crate::chart::{nice_ceiling, Chart, ChartSpec, Frame, Takes};
use crate::data::groups;
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::param::Param;
use crate::results::Results;
use crate::units::pct;

pub struct Fan;

/// One series: NATO's figures to the baseline, then the outlook's percentiles.
pub struct FanSeries {
    pub label: String,
    /// (year, published share, estimate)
    pub published: Vec<(i32, f64, bool)>,
    /// (year, percentiles), the years after the baseline.
    pub bands: Vec<(i32, Quantiles)>,
}

/// The groups drawn without --groups.
const GROUPS: [&str; 1] = [groups::EUROPE_CANADA];

const OPTIONS: [Takes; 10] = outlook_options(&GROUPS);

impl Kind for Fan {
    fn id(&self) -> &'static str {
        "fan"
    }

    fn edition_help(&self) -> Option<String> {
        Some(super::outlook_input::origin_help())
    }

    fn about(&self) -> String {
        format!(
            "The Monte Carlo outlook's spread of shares year by year, for groups and {}",
            Param::Allies
        )
    }

    fn outlook_section(&self, _r: &Results) -> Option<(usize, String)> {
        Some((2, "The range of outcomes, year by year".to_string()))
    }

    fn waits_for_outlook(&self) -> bool {
        true
    }

    fn options(&self) -> &'static [Takes] {
        &OPTIONS
    }

    fn prepare(&self, r: &Results, spec: &ChartSpec) -> Result<Prepared> {
        let run = outlook_for(r, spec, &GROUPS)?;
        let data = &run.data;
        let edition = &data.edition;
        let baseline = run.scenario.baseline_year;
        let figures = r.figures(&edition.id)?;
        let mut series = Vec::new();
        let mut add = |label: String, published: Vec<(i32, f64, bool)>, years: &[Quantiles]| {
            let bands: Vec<(i32, Quantiles)> = years
                .iter()
                .enumerate()
                .map(|(k, q)| (baseline + 1 + k as i32, *q))
                .collect();
            series.push(FanSeries {
                label,
                published,
                bands,
            });
        };
        for g in &run.groups {
            let Some(o) = run.outcome(&g.key) else {
                continue;
            };
            let published = figures
                .aggregate(g)?
                .iter()
                .filter(|a| a.year <= baseline)
                .filter_map(|a| Some((a.year, a.share?, edition.is_estimate(a.year))))
                .collect();
            add(g.label.clone(), published, &o.years);
        }
        for code in r.ally_codes(&spec.allies)? {
            let Some(o) = run.outcome(&code) else {
                continue;
            };
            let published = figures
                .ally_history(&code)?
                .iter()
                .filter(|y| y.year <= baseline)
                .filter_map(|y| Some((y.year, y.share?, edition.is_estimate(y.year))))
                .collect();
            add(r.name_of(&code), published, &o.years);
        }
        let table = fan_table(&series);
        let t = pct(run.target);
        let frame = Frame {
            title: format!("The road to {t}% of GDP by {}: the range of outcomes", run.by),
            subtitle: format!(
                "{} · NATO's shares to {}, then the Monte Carlo outlook: median, 25-75% and 10-90% of draws",
                edition_line(data),
                edition.year_label(baseline)
            ),
            footer: footer(
                data,
                &[
                    format!("Hollow points: NATO estimates ({}).", years_list(&edition.estimate_years)),
                    model_line(&run),
                    run.outlook.info.citation.clone(),
                ],
            ),
        };
        Ok(Prepared {
            chart: Box::new(FanChart {
                frame,
                series,
                target: run.target,
                estimate_years: edition.estimate_years.clone(),
            }),
            table,
        })
    }
}

/// Fans of shares year by year.
pub struct FanChart {
    pub frame: Frame,
    pub series: Vec<FanSeries>,
    pub target: f64,
    pub estimate_years: Vec<i32>,
}

impl Chart for FanChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let mut items =
            style::line_legend(self.series.iter().map(|s| format!("{}: median", s.label)));
        items.push((
            Swatch::Fill(style::GRID),
            "Bands: 25-75% (darker) and 10-90% of draws".into(),
        ));
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;
        let years: Vec<i32> = self
            .series
            .iter()
            .flat_map(|s| {
                s.published
                    .iter()
                    .map(|p| p.0)
                    .chain(s.bands.iter().map(|b| b.0))
            })
            .collect();
        let (first, last) = (
            years.iter().copied().min().unwrap_or(2014),
            years.iter().copied().max().unwrap_or(2035),
        );
        let max = self
            .series
            .iter()
            .flat_map(|s| {
                s.published
                    .iter()
                    .map(|p| p.1)
                    .chain(s.bands.iter().map(|b| b.1.p90))
            })
            .fold(self.target, f64::max);
        let texts: Vec<String> = self
            .series
            .iter()
            .filter_map(|s| s.bands.last().map(|b| end_text(&s.label, b.1.p50)))
            .collect();
        let mut chart = year_axes(
            root,
            &area,
            st,
            (first, last),
            nice_ceiling(max * 1.08),
            &self.estimate_years,
            &texts,
        )?;
        target_lines(
            root,
            &mut chart,
            st,
            &[self.target],
            (f64::from(first), f64::from(last)),
        )?;
        let mut ends = Vec::new();
        for (k, s) in self.series.iter().enumerate() {
            let color = style::SERIES[k % style::SERIES.len()];
            // The fan starts from NATO's baseline figure.
            let start = s.published.last().map(|p| (f64::from(p.0), p.1));
            let band = |lo: fn(&Quantiles) -> f64, hi: fn(&Quantiles) -> f64| -> Vec<(f64, f64)> {
                let mut pts: Vec<(f64, f64)> = start.into_iter().collect();
                pts.extend(s.bands.iter().map(|(y, q)| (f64::from(*y), hi(q))));
                pts.extend(s.bands.iter().rev().map(|(y, q)| (f64::from(*y), lo(q))));
                pts.extend(start);
                pts
            };
            chart.draw_series(std::iter::once(Polygon::new(
                band(|q| q.p10, |q| q.p90),
                color.mix(0.15).filled(),
            )))?;
            chart.draw_series(std::iter::once(Polygon::new(
                band(|q| q.p25, |q| q.p75),
                color.mix(0.3).filled(),
            )))?;
            let mut median: Vec<(f64, f64)> = start.into_iter().collect();
            median.extend(s.bands.iter().map(|(y, q)| (f64::from(*y), q.p50)));
            chart.draw_series(DashedLineSeries::new(
                median,
                st.upx(9.0),
                st.upx(6.0),
                color.stroke_width(st.upx(4.0)),
            ))?;
            let history: Vec<(f64, f64)> =
                s.published.iter().map(|p| (f64::from(p.0), p.1)).collect();
            chart.draw_series(LineSeries::new(history, color.stroke_width(st.upx(4.0))))?;
            year_dots(&mut chart, st, &s.published, color)?;
            if let Some((y, q)) = s.bands.last() {
                let (px, py) = chart.backend_coord(&(f64::from(*y), q.p50));
                ends.push((px, py, end_text(&s.label, q.p50), color));
            }
        }
        end_labels(root, st, ends)
    }
}

/// The chart's numbers: each series' published shares, then its percentiles.
fn fan_table(series: &[FanSeries]) -> Table {
    /// A series, a year, NATO's share or the draws' percentiles.
    struct Row<'a> {
        series: &'a str,
        year: i32,
        published: Option<f64>,
        quantiles: Option<&'a Quantiles>,
    }
    let rows: Vec<Row> = series
        .iter()
        .flat_map(|s| {
            let published = s.published.iter().map(move |(y, v, _)| Row {
                series: s.label.as_str(),
                year: *y,
                published: Some(*v),
                quantiles: None,
            });
            let bands = s.bands.iter().map(move |(y, q)| Row {
                series: s.label.as_str(),
                year: *y,
                published: None,
                quantiles: Some(q),
            });
            published.chain(bands)
        })
        .collect();
    let q = |key: &'static str, header: &'static str, f: fn(&Quantiles) -> f64| {
        column(key, header, move |r: &Row| {
            Value::num(r.quantiles.map(f), 4)
        })
    };
    Table::of(
        &[
            column("series", "Series", |r: &Row| Value::text(r.series)),
            column("year", "Year", |r: &Row| Value::Int(r.year.into())),
            column("published_share", "NATO's share (%)", |r: &Row| {
                Value::num(r.published, 4)
            }),
            q("p10", "10th percentile (%)", |q| q.p10),
            q("p25", "25th percentile (%)", |q| q.p25),
            q("p50", "Median (%)", |q| q.p50),
            q("p75", "75th percentile (%)", |q| q.p75),
            q("p90", "90th percentile (%)", |q| q.p90),
        ],
        &rows,
    )
}
