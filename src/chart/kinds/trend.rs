//! `trend`: share of GDP across the edition's years, for allies and groups.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::chart::lines::{end_labels, end_text, target_lines, year_axes};
use crate::chart::style::{self, DrawResult, Style, Swatch, MUTED};
use crate::chart::{nice_ceiling, Chart};

use super::{edition_line, footer, share_basis, targets, years_list, Kind, Prepared};
use crate::calc::targets as defaults;
use crate::chart::Frame;
use crate::chart::{ChartOption, ChartSpec};
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::results::Results;
use crate::results::{groups, Group};

pub struct Trend;

impl Kind for Trend {
    fn id(&self) -> &'static str {
        "trend"
    }

    fn about(&self) -> &'static str {
        "Share of GDP across the edition's years"
    }

    fn report_caption(&self, _r: &Results) -> Option<String> {
        Some(String::from("Share of GDP across the edition's years"))
    }

    fn options(&self) -> &'static [ChartOption] {
        &[
            ChartOption::Allies,
            ChartOption::Groups,
            ChartOption::Targets,
        ]
    }

    fn prepare(&self, r: &Results, o: &ChartSpec) -> Result<Prepared> {
        let data = r.data();
        let edition = &data.edition;
        let mut chosen: Vec<&Group> = r.groups_named(&o.groups)?;
        if o.groups.is_empty() && o.allies.is_empty() {
            chosen = [groups::EUROPE_CANADA, groups::UNITED_STATES, groups::ALL]
                .iter()
                .map(|k| r.group(k))
                .collect();
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
        // A series' share of GDP in a year, and whether it is an estimate.
        type Row<'a> = (&'a str, &'a (i32, f64, bool));
        let rows: Vec<Row> = series
            .iter()
            .flat_map(|s| s.points.iter().map(move |p| (s.label.as_str(), p)))
            .collect();
        let table = Table::of(
            &[
                column("series", "Series", |r: &Row| Value::text(r.0)),
                column("year", "Year", |r: &Row| Value::Int(r.1 .0.into())),
                column("estimate", "Estimate", |r: &Row| Value::Bool(r.1 .2)),
                column("share_of_gdp", "Share of GDP (%)", |r: &Row| {
                    Value::Number(r.1 .1, 4)
                }),
            ],
            &rows,
        );
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
                frame,
                series,
                targets: targets(o, &[defaults::GUIDELINE]),
                estimate_years: edition.estimate_years.clone(),
            }),
            table,
        })
    }
}

/// One line of a trend chart: (year, share, estimate) points.
pub struct TrendSeries {
    pub label: String,
    pub points: Vec<(i32, f64, bool)>,
}

pub struct TrendChart {
    pub frame: Frame,
    pub series: Vec<TrendSeries>,
    pub targets: Vec<f64>,
    /// Years labelled with an "e" on the axis.
    pub estimate_years: Vec<i32>,
}

impl Chart for TrendChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let mut items = style::line_legend(self.series.iter().map(|s| s.label.clone()));
        if self.series.iter().any(|s| s.points.iter().any(|p| p.2)) {
            items.push((Swatch::Dashed(MUTED), "Estimate years".into()));
        }
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;

        let years: Vec<i32> = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0))
            .collect();
        let (first, last) = (
            years.iter().copied().min().unwrap_or(2014),
            years.iter().copied().max().unwrap_or(2024),
        );
        let max = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .chain(self.targets.iter().copied())
            .fold(0.0, f64::max);
        let texts: Vec<String> = self
            .series
            .iter()
            .filter_map(|s| s.points.last().map(|p| end_text(&s.label, p.1)))
            .collect();
        let mut chart = year_axes(
            root,
            &area,
            st,
            (first, last),
            nice_ceiling(max * 1.1),
            &self.estimate_years,
            &texts,
        )?;
        target_lines(
            root,
            &mut chart,
            st,
            &self.targets,
            (f64::from(first), f64::from(last)),
        )?;
        let mut ends = Vec::new();
        for (k, s) in self.series.iter().enumerate() {
            let color = style::SERIES[k % style::SERIES.len()];
            for w in s.points.windows(2) {
                let seg = vec![(f64::from(w[0].0), w[0].1), (f64::from(w[1].0), w[1].1)];
                if w[1].2 {
                    chart.draw_series(DashedLineSeries::new(
                        seg,
                        st.upx(9.0),
                        st.upx(6.0),
                        color.stroke_width(st.upx(4.0)),
                    ))?;
                } else {
                    chart.draw_series(LineSeries::new(seg, color.stroke_width(st.upx(4.0))))?;
                }
            }
            chart.draw_series(s.points.iter().map(|p| {
                let style = if p.2 { WHITE.filled() } else { color.filled() };
                Circle::new((f64::from(p.0), p.1), st.upx(5.0), style)
            }))?;
            chart.draw_series(s.points.iter().filter(|p| p.2).map(|p| {
                Circle::new(
                    (f64::from(p.0), p.1),
                    st.upx(5.0),
                    color.stroke_width(st.upx(2.0)),
                )
            }))?;
            if let Some(last) = s.points.last() {
                let (px, py) = chart.backend_coord(&(f64::from(last.0), last.1));
                ends.push((px, py, end_text(&s.label, last.1), color));
            }
        }
        end_labels(root, st, ends)
    }
}
