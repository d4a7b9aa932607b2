//! Drawing helpers shared by the ranked charts (`shares`, `gaps`, `plans`,
//! `revisions`, `per-capita`): category labels beside horizontal rows, the
//! axes of a ranked chart, and a dumbbell joining two values on a row.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{DrawResult, Style};

/// Category labels to the left of horizontal bars, right-aligned at `x`.
pub(crate) fn category_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    st: &Style,
    text: &str,
    at: (i32, i32),
    color: RGBColor,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let style = st
        .text(19.0, color)
        .pos(Pos::new(HPos::Right, VPos::Center));
    area.draw(&Text::new(text.to_string(), at, style))?;
    Ok(())
}

pub(crate) fn widest<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    st: &Style,
    labels: &[&str],
) -> Result<u32, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let mut w = 0;
    for l in labels {
        w = w.max(area.estimate_text_size(l, &st.label())?.0);
    }
    Ok(w)
}

type Cartesian =
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>;

/// The axes of a ranked bar chart: one row per label (room left for the
/// widest), values from `x.0` to `x.1` along the bottom, described by `x_desc`.
pub(crate) fn ranked_axes<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    st: &Style,
    labels: &[&str],
    x: (f64, f64),
    margin_right: f64,
    x_desc: &str,
    format: &dyn Fn(&f64) -> String,
) -> Result<ChartContext<'a, DB, Cartesian>, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let label_w = widest(area, st, labels)? + st.upx(16.0);
    let mut chart = ChartBuilder::on(area)
        .margin_right(st.upx(margin_right))
        .margin_top(st.upx(10.0))
        .x_label_area_size(st.upx(64.0))
        .y_label_area_size(label_w)
        .build_cartesian_2d(x.0..x.1, 0f64..labels.len() as f64)?;
    super::style::house_mesh(&mut chart.configure_mesh(), st)
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(10)
        .x_label_formatter(format)
        .x_desc(x_desc)
        .draw()?;
    Ok(chart)
}

/// One end of a dumbbell: its value, radius and style.
pub(crate) struct End {
    pub x: f64,
    pub radius: u32,
    pub style: ShapeStyle,
}

/// A dumbbell on row `y`: a line from `line.0` to `line.1`, then each
/// end's dot in order (the second drawn over the first).
pub(crate) fn dumbbell<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian>,
    y: f64,
    line: (f64, f64, ShapeStyle),
    ends: [End; 2],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(line.0, y), (line.1, y)],
        line.2,
    )))?;
    for end in ends {
        chart.draw_series(std::iter::once(Circle::new(
            (end.x, y),
            end.radius,
            end.style,
        )))?;
    }
    Ok(())
}
