//! `trajectory`: a scenario's paths to its target year, with NATO's figures as dots.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::chart::lines::{end_labels, end_text, target_lines, year_axes};
use crate::chart::style::{self, DrawResult, Style, Swatch, INK, MUTED};
use crate::chart::{nice_ceiling, Chart};

use super::{edition_line, footer, years_list, Kind, Prepared};
use crate::calc::path::Paths;
use crate::calc::targets::DEFAULT_SCENARIO;
use crate::calc::Aggregate;
use crate::chart::Frame;
use crate::chart::{ChartOption, ChartSpec, Takes, Unset};
use crate::data::groups;
use crate::data::Group;
use crate::error::{Error, Result};
use crate::export::{column, Table, Value};
use crate::param::Param;
use crate::results::Results;
use crate::scenario::{Scenario, POSTED};
use crate::units::pct;

pub struct Trajectory;

/// The groups drawn without --groups or --allies.
const DEFAULT_GROUPS: [&str; 2] = [groups::EUROPE_CANADA, groups::UNITED_STATES];

impl Kind for Trajectory {
    fn id(&self) -> &'static str {
        "trajectory"
    }

    /// It draws from its scenario's edition.
    fn takes_edition(&self, _spec: &ChartSpec) -> bool {
        false
    }

    fn about(&self) -> String {
        "A scenario's paths to its target year".into()
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[
            Takes::rule(ChartOption::Allies, "none"),
            Takes::value(ChartOption::Groups, Unset::Names(&DEFAULT_GROUPS)),
            Takes::value(ChartOption::Scenario, Unset::Name(DEFAULT_SCENARIO)),
            Takes::rule(ChartOption::Economy, "the scenario's, else the latest"),
        ];
        TAKES
    }

    fn prepare(&self, r: &Results, o: &ChartSpec) -> Result<Prepared> {
        let reference = o.scenario.as_deref().unwrap_or(DEFAULT_SCENARIO);
        // The scenario on its own edition, whatever the chart's.
        let run = match &o.scenario_text {
            Some(text) => {
                let display = o.scenario.as_deref().unwrap_or(POSTED);
                r.scenario_text(display, text, o.economy.as_deref())?
            }
            None => r.scenario(reference, o.economy.as_deref())?,
        };
        let (s, data, paths) = (&run.scenario, &run.data, &run.paths);
        let edition = &data.edition;

        let mut chosen: Vec<&Group> = r.groups_named(&o.groups)?;
        if o.groups.is_empty() && o.allies.is_empty() {
            chosen = DEFAULT_GROUPS.iter().map(|k| r.group(k)).collect();
        }
        let mut series = Vec::new();
        let mut cells: Vec<Row> = Vec::new();
        for query in &o.allies {
            let ally = r.ally(query)?;
            let (line, rows) = ally_series(paths, s, &ally.nato_code, &ally.name)?;
            series.push(line);
            cells.extend(rows);
        }
        for group in &chosen {
            // The group's published share: the edition's own aggregate, where it covers the year.
            let aggregate = r.figures(&edition.id)?.aggregate(group)?;
            let (line, rows) = group_series(paths, s, group, &aggregate)?;
            series.push(line);
            cells.extend(rows);
        }
        let table = Table::of(
            &[
                column("series", "Series", |r: &Row| Value::text(&r.series)),
                column("year", "Year", |r: &Row| Value::Int(r.year.into())),
                column("required_share", "Required share of GDP (%)", |r: &Row| {
                    Value::num(r.required, 4)
                }),
                column("published_share", "Published share (%)", |r: &Row| {
                    Value::num(r.published, 4)
                }),
            ],
            &cells,
        );
        let mut markers = vec![Marker {
            year: s.baseline_year,
            label: format!("Baseline {}", edition.year_label(s.baseline_year)),
        }];
        if let Some(r) = s.review_year {
            markers.push(Marker {
                year: r,
                label: format!("Review {r}"),
            });
        }
        let frame = Frame {
            title: format!("The path to {} by {}", s.describe_target(), s.target_year),
            subtitle: format!(
                "Scenario: {} · {} · {} path from NATO's {} share · {}",
                s.name,
                edition_line(data),
                s.path.key(),
                edition.year_label(s.baseline_year),
                match &s.economy {
                    Some(e) => format!(
                        "GDP: {}",
                        e.citation
                            .trim_start_matches("Source: ")
                            .trim_end_matches('.')
                    ),
                    None => format!("real GDP growth {}% a year", pct(s.real_gdp_growth)),
                }
            ),
            footer: footer(data, &{
                let mut lines = vec![format!(
                    "Lines: the share of GDP needed ({}); a group's line adds its members' paths, and allies already above the target keep their share. Dots: NATO's figures ({} are estimates){}.",
                    s.source,
                    years_list(&edition.estimate_years),
                    if s.target_year > edition.last_year {
                        format!("; years after {} are projections", edition.last_year)
                    } else {
                        String::new()
                    }
                )];
                if let Some(e) = &s.economy {
                    lines.push(format!("GDP paths: {}", e.citation));
                }
                lines
            }),
        };
        Ok(Prepared {
            chart: Box::new(TrajectoryChart {
                frame,
                series,
                target: s.measured_target,
                markers,
                estimate_years: edition.estimate_years.clone(),
            }),
            table,
        })
    }
}

/// A vertical marker with a label at its top.
pub struct Marker {
    pub year: i32,
    pub label: String,
}

/// A line of the chart's table: the series, the year, the required and the published share.
struct Row {
    series: String,
    year: i32,
    required: Option<f64>,
    published: Option<f64>,
}

/// An ally's required path and published shares.
fn ally_series(
    paths: &Paths,
    s: &Scenario,
    code: &str,
    name: &str,
) -> Result<(PathSeries, Vec<Row>)> {
    let years: Vec<_> = paths.ally(code).collect();
    if years.is_empty() {
        return Err(Error::usage(
            Param::Allies,
            format!("{name} is not in scenario {}", s.name),
        ));
    }
    let required = years
        .iter()
        .filter_map(|p| Some((p.year, p.required_share?)))
        .collect();
    let published = years
        .iter()
        .filter_map(|p| Some((p.year, p.published_share?)))
        .collect();
    let rows = years
        .iter()
        .map(|p| Row {
            series: name.to_string(),
            year: p.year,
            required: p.required_share,
            published: p.published_share,
        })
        .collect();
    let line = PathSeries {
        label: name.to_string(),
        required,
        published,
    };
    Ok((line, rows))
}

/// A group's required path and its published aggregate share from the baseline.
fn group_series(
    paths: &Paths,
    s: &Scenario,
    group: &Group,
    aggregate: &[Aggregate],
) -> Result<(PathSeries, Vec<Row>)> {
    let required: Vec<(i32, f64)> = paths
        .group(group)?
        .iter()
        .filter_map(|g| Some((g.year, g.required_share?)))
        .collect();
    let published: Vec<(i32, f64)> = aggregate
        .iter()
        .filter(|a| a.year >= s.baseline_year)
        .filter_map(|a| Some((a.year, a.share?)))
        .collect();
    let rows = required
        .iter()
        .map(|(y, v)| Row {
            series: group.label.clone(),
            year: *y,
            required: Some(*v),
            published: published.iter().find(|p| p.0 == *y).map(|p| p.1),
        })
        .collect();
    let line = PathSeries {
        label: group.label.clone(),
        required,
        published,
    };
    Ok((line, rows))
}

/// One path of a trajectory chart.
pub struct PathSeries {
    pub label: String,
    /// (year, required share) from the baseline to the target year.
    pub required: Vec<(i32, f64)>,
    /// (year, published share) where the edition covers the year.
    pub published: Vec<(i32, f64)>,
}

pub struct TrajectoryChart {
    pub frame: Frame,
    pub series: Vec<PathSeries>,
    pub target: f64,
    pub markers: Vec<Marker>,
    pub estimate_years: Vec<i32>,
}

impl Chart for TrajectoryChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let mut items = style::line_legend(
            self.series
                .iter()
                .map(|s| format!("{}: required path", s.label)),
        );
        items.push((Swatch::Fill(INK), "NATO figures (dots)".into()));
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;

        let years: Vec<i32> = self
            .series
            .iter()
            .flat_map(|s| s.required.iter().map(|p| p.0))
            .collect();
        let (first, last) = (
            years.iter().copied().min().unwrap_or(2025),
            years.iter().copied().max().unwrap_or(2035),
        );
        let max = self
            .series
            .iter()
            .flat_map(|s| s.required.iter().chain(s.published.iter()).map(|p| p.1))
            .fold(self.target, f64::max);
        let ymax = nice_ceiling(max * 1.12);
        let texts: Vec<String> = self
            .series
            .iter()
            .filter_map(|s| s.required.last().map(|p| end_text(&s.label, p.1)))
            .collect();
        let mut chart = year_axes(
            root,
            &area,
            st,
            (first, last),
            ymax,
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
        for m in &self.markers {
            let x = f64::from(m.year);
            chart.draw_series(LineSeries::new(
                vec![(x, 0.0), (x, ymax)],
                style::AXIS.stroke_width(st.upx(1.5)),
            ))?;
            let (px, py) = chart.backend_coord(&(x, ymax));
            let style = st.text(16.0, MUTED).pos(Pos::new(HPos::Left, VPos::Top));
            root.draw(&Text::new(
                m.label.clone(),
                (px + st.px(6.0), py + st.px(4.0)),
                style,
            ))?;
        }
        let mut ends = Vec::new();
        for (k, s) in self.series.iter().enumerate() {
            let color = style::SERIES[k % style::SERIES.len()];
            let pts: Vec<(f64, f64)> = s.required.iter().map(|p| (f64::from(p.0), p.1)).collect();
            chart.draw_series(LineSeries::new(pts, color.stroke_width(st.upx(4.0))))?;
            chart.draw_series(
                s.published
                    .iter()
                    .map(|p| Circle::new((f64::from(p.0), p.1), st.upx(7.0), color.filled())),
            )?;
            chart.draw_series(s.published.iter().map(|p| {
                Circle::new(
                    (f64::from(p.0), p.1),
                    st.upx(7.0),
                    INK.stroke_width(st.upx(2.0)),
                )
            }))?;
            if let Some(last) = s.required.last() {
                let (px, py) = chart.backend_coord(&(f64::from(last.0), last.1));
                ends.push((px, py, end_text(&s.label, last.1), color));
            }
        }
        end_labels(root, st, ends)
    }
}
