//! Drawing helpers shared by the line charts over years (`trend`,
//! `trajectory`, `dispersion`): the year axes, target lines, labels at the
//! lines' ends, and the chart of lines over years itself.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{self, DrawResult, Style, Swatch, INK, MUTED};
use super::{nice_ceiling, Chart, Frame};
use crate::units::pct;

type Cartesian =
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>;

/// What a line chart's values are: shares of GDP (%), or differences
/// between shares (points of GDP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShareUnit {
    #[default]
    Share,
    Points,
}

impl ShareUnit {
    /// A value on the axis.
    fn tick(self, v: f64) -> String {
        match self {
            ShareUnit::Share => format!("{}%", pct(v)),
            ShareUnit::Points => pct(v),
        }
    }

    fn axis(self) -> &'static str {
        match self {
            ShareUnit::Share => "% of GDP",
            ShareUnit::Points => "points of GDP",
        }
    }

    /// A value at a line's end.
    pub(crate) fn end(self, label: &str, v: f64) -> String {
        match self {
            ShareUnit::Share => format!("{label} {v:.2}%"),
            ShareUnit::Points => format!("{label} {v:.2} pts"),
        }
    }
}

/// A chart's axis of years: the years it spans, which it labels, and the
/// estimates it marks "e". Every chart over years reads its range, its
/// number of ticks and its labels here.
pub(crate) struct YearAxis<'a> {
    pub first: i32,
    pub last: i32,
    /// Years between labels.
    step: i32,
    /// Labels on the multiples of `step` (1950, 1960, …) rather than every
    /// `step`-th year from `first`.
    on_multiples: bool,
    /// Room either side, as a share of the span.
    pad: f64,
    estimates: &'a [i32],
}

impl<'a> YearAxis<'a> {
    /// The years of an edition or an outlook: every year labelled, every
    /// other one past 14 years.
    pub(crate) fn short(first: i32, last: i32, estimates: &'a [i32]) -> Self {
        YearAxis {
            first,
            last,
            step: if last - first > 14 { 2 } else { 1 },
            on_multiples: false,
            pad: 0.02,
            estimates,
        }
    }

    /// Decades of history: every 2, 5 or 10 years, on round years.
    pub(crate) fn long(first: i32, last: i32) -> Self {
        let step = match last - first {
            n if n > 40 => 10,
            n if n > 15 => 5,
            _ => 2,
        };
        YearAxis {
            first,
            last,
            step,
            on_multiples: true,
            pad: 0.01,
            estimates: &[],
        }
    }

    /// The axis's range, padded either side.
    pub(crate) fn range(&self) -> std::ops::Range<f64> {
        let span = f64::from(self.last - self.first).max(1.0);
        (f64::from(self.first) - span * self.pad)..(f64::from(self.last) + span * self.pad)
    }

    /// How many ticks to ask plotters for.
    pub(crate) fn ticks(&self) -> usize {
        let extra = if self.on_multiples { 2 } else { 1 };
        ((self.last - self.first) / self.step + extra) as usize
    }

    /// A tick's label: the year if it is one the axis labels, else nothing.
    pub(crate) fn label(&self, v: f64) -> String {
        let y = v.round() as i32;
        let from = if self.on_multiples { 0 } else { self.first };
        if (v - f64::from(y)).abs() >= 1e-6 || (y - from) % self.step != 0 {
            return String::new();
        }
        let e = if self.estimates.contains(&y) { "e" } else { "" };
        format!("{y}{e}")
    }
}

/// The year axes of a line chart. `end_labels`: the texts that [`end_labels`]
/// will draw right of the lines' ends, on `root`; the plot leaves room for the
/// widest before the image's right edge.
pub(crate) fn year_axes<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &'a DrawingArea<DB, Shift>,
    st: &Style,
    years: (i32, i32),
    ymax: f64,
    estimates: &[i32],
    end_labels: &[String],
) -> Result<ChartContext<'a, DB, Cartesian>, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    year_axes_in(
        root,
        area,
        st,
        (years, ymax, ShareUnit::Share),
        estimates,
        end_labels,
    )
}

/// [`year_axes`] for values in `unit`.
pub(crate) fn year_axes_in<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &'a DrawingArea<DB, Shift>,
    st: &Style,
    (years, ymax, unit): ((i32, i32), f64, ShareUnit),
    estimates: &[i32],
    end_labels: &[String],
) -> Result<ChartContext<'a, DB, Cartesian>, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let axis = YearAxis::short(years.0, years.1, estimates);
    let mut widest = 0;
    for text in end_labels {
        widest = widest.max(area.estimate_text_size(text, &end_label_style(st, INK))?.0);
    }
    // Beyond the area, up to the image's edge, labels may use the padding too.
    let beyond = (root.dim_in_pixel().0 as i32 - area.get_pixel_range().0.end).max(0) as u32;
    let needed = (widest + st.upx(END_LABEL_OFFSET + 12.0)).saturating_sub(beyond);
    let mut chart = ChartBuilder::on(area)
        .margin_top(st.upx(30.0))
        .margin_right(st.upx(190.0).max(needed))
        .x_label_area_size(st.upx(56.0))
        .y_label_area_size(st.upx(90.0))
        .build_cartesian_2d(axis.range(), 0f64..ymax)?;
    style::house_mesh(&mut chart.configure_mesh(), st)
        .disable_x_mesh()
        .x_labels(axis.ticks())
        .x_label_formatter(&|v| axis.label(*v))
        .y_labels(((ymax / 0.5).round() as usize + 1).min(12))
        .y_label_formatter(&|v| unit.tick(*v))
        .y_desc(unit.axis())
        .draw()?;
    Ok(chart)
}

/// A series' points over years: filled dots, hollow ones for estimates.
pub(crate) fn year_dots<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian>,
    st: &Style,
    points: &[(i32, f64, bool)],
    color: RGBColor,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    chart.draw_series(points.iter().map(|p| {
        let style = if p.2 { WHITE.filled() } else { color.filled() };
        Circle::new((f64::from(p.0), p.1), st.upx(5.0), style)
    }))?;
    chart.draw_series(points.iter().filter(|p| p.2).map(|p| {
        Circle::new(
            (f64::from(p.0), p.1),
            st.upx(5.0),
            color.stroke_width(st.upx(2.0)),
        )
    }))?;
    Ok(())
}

pub(crate) fn target_lines<DB: DrawingBackend>(
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

/// How far right of a line's end its label starts, in points.
const END_LABEL_OFFSET: f64 = 10.0;

/// The label at the end of a line: the series and its last share of GDP.
pub(crate) fn end_text(label: &str, share: f64) -> String {
    ShareUnit::Share.end(label, share)
}

fn end_label_style(st: &Style, color: RGBColor) -> TextStyle<'static> {
    st.bold(17.0, color).pos(Pos::new(HPos::Left, VPos::Center))
}

/// End-of-line labels, nudged apart so they never overlap.
pub(crate) fn end_labels<DB: DrawingBackend>(
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
        let style = end_label_style(st, color);
        root.draw(&Text::new(text, (x + st.px(END_LABEL_OFFSET), y), style))?;
    }
    Ok(())
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
    /// Shares of GDP, or points between them.
    pub unit: ShareUnit,
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
            .filter_map(|s| s.points.last().map(|p| self.unit.end(&s.label, p.1)))
            .collect();
        let mut chart = year_axes_in(
            root,
            &area,
            st,
            ((first, last), nice_ceiling(max * 1.1), self.unit),
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
            year_dots(&mut chart, st, &s.points, color)?;
            if let Some(last) = s.points.last() {
                let (px, py) = chart.backend_coord(&(f64::from(last.0), last.1));
                ends.push((px, py, self.unit.end(&s.label, last.1), color));
            }
        }
        end_labels(root, st, ends)
    }
}

#[cfg(test)]
mod tests {
    use super::YearAxis;

    #[test]
    fn a_short_axis_labels_every_year_and_marks_estimates() {
        let axis = YearAxis::short(2014, 2025, &[2025]);
        assert_eq!(axis.label(2014.0), "2014");
        assert_eq!(axis.label(2025.0), "2025e");
        assert_eq!(axis.label(2014.5), "");
        assert_eq!(axis.ticks(), 12);
        // Past 14 years, every other year from the first.
        let axis = YearAxis::short(2014, 2035, &[]);
        assert_eq!(
            (axis.label(2016.0).as_str(), axis.label(2017.0).as_str()),
            ("2016", "")
        );
    }

    #[test]
    fn a_long_axis_labels_round_years() {
        let axis = YearAxis::long(1949, 2025);
        assert_eq!(axis.label(1950.0), "1950");
        assert_eq!(axis.label(1949.0), "");
        assert_eq!(axis.label(1955.0), "");
        let axis = YearAxis::long(1992, 2025);
        assert_eq!(
            (axis.label(1995.0).as_str(), axis.label(1996.0).as_str()),
            ("1995", "")
        );
        let range = axis.range();
        assert!(range.start < 1992.0 && range.end > 2025.0);
    }
}
