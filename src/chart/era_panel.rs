//! Drawing of long series over decades (`long-run`, `rivals`): a year axis
//! labelled every ten or five years, the eras marked by vertical lines, gaps
//! where a source has no figure, dashed segments where a figure is an
//! estimate, and the series' names at their ends.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::lines::{end_labels, end_text, YearAxis};
use super::nice_ceiling;
use super::style::{self, DrawResult, Style, MUTED};

/// One line: (year, value, marked as an estimate or uncertain); `None` is a gap.
pub struct LongSeries {
    pub label: String,
    pub points: Vec<(i32, Option<f64>, bool)>,
}

/// The unit of the value axis.
#[derive(Clone, Copy)]
pub enum Unit {
    Percent,
    UsdBn,
}

impl Unit {
    fn format(self, v: f64) -> String {
        match self {
            Unit::Percent => format!("{}%", crate::units::pct(v)),
            Unit::UsdBn => format!("{v:.0}"),
        }
    }

    fn end_value(self, label: &str, v: f64) -> String {
        match self {
            Unit::Percent => end_text(label, v),
            Unit::UsdBn => format!("{label} {v:.0}"),
        }
    }
}

/// The eras a long chart marks.
pub const ERAS: [(i32, &str); 4] = [
    (1991, "End of the Cold War"),
    (2014, "Wales pledge"),
    (2022, "Full-scale invasion of Ukraine"),
    (2025, "The Hague: 5%"),
];

/// A panel's axes: the years, the unit, the axis title, the series colours.
pub struct Axes<'a> {
    pub years: (i32, i32),
    pub unit: Unit,
    pub y_desc: &'a str,
    pub colours: &'a [RGBColor],
}

/// Draws series on `area` with the era lines inside the years.
pub fn panel<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    st: &Style,
    series: &[LongSeries],
    axes: &Axes,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (first, data_last) = axes.years;
    // The axis reaches an era just after the data (The Hague, 2025).
    let last = ERAS
        .iter()
        .map(|e| e.0)
        .filter(|&y| y == data_last + 1)
        .fold(data_last, i32::max);
    let (unit, y_desc, colours) = (axes.unit, axes.y_desc, axes.colours);
    let ymax = axis_top(series);
    let clip = |v: f64| v.min(ymax);
    let eras: Vec<&(i32, &str)> = ERAS
        .iter()
        .filter(|(y, _)| *y >= first && *y <= last)
        .collect();
    let ends: Vec<String> = series
        .iter()
        .filter_map(|s| {
            let last = s.points.iter().rev().find_map(|p| p.1)?;
            let off = if last > ymax { " (off scale)" } else { "" };
            Some(format!("{}{off}", unit.end_value(&s.label, last)))
        })
        .collect();
    let mut widest = 0;
    for t in &ends {
        widest = widest.max(area.estimate_text_size(t, &st.bold(17.0, MUTED))?.0);
    }
    let axis = YearAxis::long(first, last);
    let mut chart = ChartBuilder::on(area)
        .margin_top(st.upx(14.0 + 16.0 * eras.len() as f64))
        .margin_right(widest + st.upx(30.0))
        .x_label_area_size(st.upx(50.0))
        .y_label_area_size(st.upx(80.0))
        .build_cartesian_2d(axis.range(), 0f64..ymax)?;
    style::house_mesh(&mut chart.configure_mesh(), st)
        .disable_x_mesh()
        .x_labels(axis.ticks())
        .x_label_formatter(&|v| axis.label(*v))
        .y_labels(8)
        .y_label_formatter(&|v| unit.format(*v))
        .y_desc(y_desc)
        .draw()?;
    draw_eras(root, &mut chart, st, &eras, (first, last), ymax)?;
    let mut labels = Vec::new();
    for (k, s) in series.iter().enumerate() {
        let colour = colours[k % colours.len()];
        draw_series(&mut chart, st, s, colour, ymax)?;
        if let Some((year, v)) = s.points.iter().rev().find_map(|p| Some((p.0, p.1?))) {
            let (px, py) = chart.backend_coord(&(f64::from(year), clip(v)));
            let mut text = unit.end_value(&s.label, v);
            if v > ymax {
                text.push_str(" (off scale)");
            }
            labels.push((px, py, text, colour));
        }
    }
    end_labels(root, st, labels)
}

/// The top of the value axis: above the highest series, or, where one series
/// is far above the rest (Ukraine's share of GDP in wartime) and would
/// flatten the others, above the second highest (the outlier is drawn to the
/// top edge with its true value at its end).
fn axis_top(series: &[LongSeries]) -> f64 {
    let mut maxima: Vec<f64> = series
        .iter()
        .map(|s| s.points.iter().filter_map(|p| p.1).fold(0.0, f64::max))
        .collect();
    maxima.sort_by(|a, b| b.total_cmp(a));
    let max = maxima.first().copied().unwrap_or(0.0);
    let second = maxima.get(1).copied().unwrap_or(0.0);
    if second > 0.0 && max > 2.5 * second {
        nice_ceiling(second * 1.4)
    } else {
        nice_ceiling(max * 1.08)
    }
    .max(1.0)
}

type Plot<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// Eras: a thin vertical line and its name above the plot, one row each.
fn draw_eras<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &mut Plot<'_, DB>,
    st: &Style,
    eras: &[&(i32, &str)],
    (first, last): (i32, i32),
    ymax: f64,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    for (k, (year, name)) in eras.iter().enumerate() {
        let x = f64::from(*year);
        chart.draw_series(DashedLineSeries::new(
            vec![(x, 0.0), (x, ymax)],
            st.upx(4.0),
            st.upx(4.0),
            style::AXIS.stroke_width(st.upx(1.5)),
        ))?;
        let (px, py) = chart.backend_coord(&(x, ymax));
        let dy = -st.px(10.0 + 16.0 * (eras.len() - 1 - k) as f64);
        let right_side = *year > last - (last - first) / 6;
        let anchor = if right_side { HPos::Right } else { HPos::Left };
        style::boxed_text(
            root,
            st,
            &format!("{year} {name}"),
            (
                px + if right_side { st.px(-4.0) } else { st.px(4.0) },
                py + dy,
            ),
            st.text(13.0, MUTED).pos(Pos::new(anchor, VPos::Center)),
        )?;
    }
    Ok(())
}

/// A series' line, dashed where a figure is an estimate, with a dot for a
/// lone figure between gaps; values above `ymax` drawn at the top edge.
fn draw_series<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    st: &Style,
    s: &LongSeries,
    colour: RGBColor,
    ymax: f64,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let clip = |v: f64| v.min(ymax);
    for w in s.points.windows(2) {
        let (Some(a), Some(b)) = (w[0].1, w[1].1) else {
            continue;
        };
        let seg = vec![(f64::from(w[0].0), clip(a)), (f64::from(w[1].0), clip(b))];
        if w[0].2 || w[1].2 {
            chart.draw_series(DashedLineSeries::new(
                seg,
                st.upx(7.0),
                st.upx(5.0),
                colour.stroke_width(st.upx(3.0)),
            ))?;
        } else {
            chart.draw_series(LineSeries::new(seg, colour.stroke_width(st.upx(3.0))))?;
        }
    }
    // A lone figure between gaps is a dot.
    for (i, p) in s.points.iter().enumerate() {
        let alone = p.1.is_some()
            && i.checked_sub(1).and_then(|j| s.points[j].1).is_none()
            && s.points.get(i + 1).and_then(|q| q.1).is_none();
        if let (true, Some(v)) = (alone, p.1) {
            chart.draw_series(std::iter::once(Circle::new(
                (f64::from(p.0), clip(v)),
                st.upx(4.0),
                colour.filled(),
            )))?;
        }
    }
    Ok(())
}
