//! Line charts over years: shares of GDP across an edition (`trend`) and a
//! scenario's paths to its target year (`trajectory`).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{self, DrawResult, Frame, Style, Swatch, INK, MUTED};
use super::{nice_ceiling, Chart};
use crate::units::pct;

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

/// A vertical marker with a label at its top.
pub struct Marker {
    pub year: i32,
    pub label: String,
}

type Cartesian =
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>;

fn year_axes<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    st: &Style,
    years: (i32, i32),
    ymax: f64,
    estimates: &[i32],
) -> Result<ChartContext<'a, DB, Cartesian>, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let (first, last) = years;
    let span = f64::from(last - first).max(1.0);
    let mut chart = ChartBuilder::on(area)
        .margin_top(st.upx(30.0))
        .margin_right(st.upx(190.0))
        .x_label_area_size(st.upx(56.0))
        .y_label_area_size(st.upx(90.0))
        .build_cartesian_2d(
            (f64::from(first) - span * 0.02)..(f64::from(last) + span * 0.02),
            0f64..ymax,
        )?;
    let step = if last - first > 14 { 2 } else { 1 };
    style::house_mesh(&mut chart.configure_mesh(), st)
        .disable_x_mesh()
        .x_labels(((last - first) / step + 1) as usize)
        .x_label_formatter(&|v| {
            let y = v.round() as i32;
            if (v - f64::from(y)).abs() < 1e-6 && (y - first) % step == 0 {
                format!("{y}{}", if estimates.contains(&y) { "e" } else { "" })
            } else {
                String::new()
            }
        })
        .y_labels(((ymax / 0.5).round() as usize + 1).min(12))
        .y_label_formatter(&|v| format!("{}%", pct(*v)))
        .y_desc("% of GDP")
        .draw()?;
    Ok(chart)
}

fn target_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &mut ChartContext<'_, DB, Cartesian>,
    st: &Style,
    targets: &[f64],
    x_range: (f64, f64),
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    for t in targets {
        chart.draw_series(DashedLineSeries::new(
            vec![(x_range.0, *t), (x_range.1, *t)],
            st.upx(10.0),
            st.upx(6.0),
            style::GREY.stroke_width(st.upx(2.0)),
        ))?;
        let (px, py) = chart.backend_coord(&(x_range.0, *t));
        let label = st
            .bold(17.0, style::GREY)
            .pos(Pos::new(HPos::Left, VPos::Bottom));
        style::boxed_text(
            root,
            st,
            &format!("{}% of GDP", pct(*t)),
            (px + st.px(8.0), py - st.px(6.0)),
            label,
        )?;
    }
    Ok(())
}

/// End-of-line labels, nudged apart so they never overlap.
fn end_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: &Style,
    mut labels: Vec<(i32, i32, String, RGBColor)>,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    labels.sort_by_key(|l| l.1);
    let gap = st.px(22.0);
    for i in 1..labels.len() {
        if labels[i].1 - labels[i - 1].1 < gap {
            labels[i].1 = labels[i - 1].1 + gap;
        }
    }
    for (x, y, text, color) in labels {
        let style = st.bold(17.0, color).pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(text, (x + st.px(10.0), y), style))?;
    }
    Ok(())
}

impl Chart for TrendChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let mut items: Vec<(Swatch, String)> = self
            .series
            .iter()
            .enumerate()
            .map(|(k, s)| {
                (
                    Swatch::Line(style::SERIES[k % style::SERIES.len()]),
                    s.label.clone(),
                )
            })
            .collect();
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
        let mut chart = year_axes(
            &area,
            st,
            (first, last),
            nice_ceiling(max * 1.1),
            &self.estimate_years,
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
                ends.push((px, py, format!("{} {:.2}%", s.label, last.1), color));
            }
        }
        end_labels(root, st, ends)
    }
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
        let mut items: Vec<(Swatch, String)> = self
            .series
            .iter()
            .enumerate()
            .map(|(k, s)| {
                (
                    Swatch::Line(style::SERIES[k % style::SERIES.len()]),
                    format!("{}: required path", s.label),
                )
            })
            .collect();
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
        let mut chart = year_axes(&area, st, (first, last), ymax, &self.estimate_years)?;
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
                ends.push((px, py, format!("{} {:.2}%", s.label, last.1), color));
            }
        }
        end_labels(root, st, ends)
    }
}
