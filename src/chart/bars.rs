//! Drawing helpers shared by the ranked charts (`shares`, `gaps`, `plans`,
//! `revisions`, `per-capita`, `fiscal`): category labels beside horizontal
//! rows, the axes of a ranked chart, a dumbbell joining two values on a row,
//! and grouped horizontal bars.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{self, DrawResult, Style, Swatch, INK, MUTED};
use super::{nice_ceiling, Chart, Frame};

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

/// Amounts per ally (money gaps to one or more targets, shares of revenue):
/// grouped horizontal bars, one per series, largest first.
pub struct GroupedBars {
    pub frame: Frame,
    /// The series' legend labels (ascending targets).
    pub series: Vec<String>,
    /// Ally label and its gap (USD bn) to each target, largest gap to the highest target first.
    pub rows: Vec<(String, Vec<f64>)>,
    pub unit: String,
}

impl Chart for GroupedBars {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let items: Vec<(Swatch, String)> = self
            .series
            .iter()
            .enumerate()
            .map(|(k, label)| {
                (
                    Swatch::Fill(style::SERIES[k % style::SERIES.len()]),
                    label.clone(),
                )
            })
            .collect();
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;
        if self.rows.is_empty() {
            let style = st
                .text(24.0, MUTED)
                .pos(Pos::new(HPos::Center, VPos::Center));
            let (w, h) = area.dim_in_pixel();
            area.draw(&Text::new(
                "Every ally meets these targets: no gap.".to_string(),
                (w as i32 / 2, h as i32 / 2),
                style,
            ))?;
            return Ok(());
        }
        let n = self.rows.len() as f64;
        let max_gap = self
            .rows
            .iter()
            .flat_map(|(_, g)| g.iter().copied())
            .fold(0.0, f64::max);
        let xmax = nice_ceiling(max_gap * 1.1);
        let labels: Vec<&str> = self.rows.iter().map(|(l, _)| l.as_str()).collect();
        let label_w = widest(&area, st, &labels)? + st.upx(16.0);
        let mut chart = ChartBuilder::on(&area)
            .margin_right(st.upx(70.0))
            .margin_top(st.upx(10.0))
            .x_label_area_size(st.upx(64.0))
            .y_label_area_size(label_w)
            .build_cartesian_2d(0f64..xmax, 0f64..n)?;
        style::house_mesh(&mut chart.configure_mesh(), st)
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(8)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .x_desc(self.unit.as_str())
            .draw()?;
        let k = self.series.len() as f64;
        let band = 0.8 / k;
        for (i, (label, gaps)) in self.rows.iter().enumerate() {
            let y = n - i as f64 - 1.0;
            for (j, gap) in gaps.iter().enumerate() {
                // Highest target's bar on top within the band.
                let y0 = y + 0.1 + band * (k - 1.0 - j as f64);
                let color = style::SERIES[j % style::SERIES.len()];
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y0 + band * 0.08), (*gap, y0 + band * 0.92)],
                    color.filled(),
                )))?;
                if self.rows.len() <= 20 || j + 1 == gaps.len() {
                    let (px, py) = chart.backend_coord(&(*gap, y0 + band / 2.0));
                    let value = st.text(15.0, INK).pos(Pos::new(HPos::Left, VPos::Center));
                    style::boxed_text(
                        root,
                        st,
                        &format!("{gap:.1}"),
                        (px + st.px(6.0), py),
                        value,
                    )?;
                }
            }
            let (lx, py) = chart.backend_coord(&(0.0, y + 0.5));
            category_label(root, st, label, (lx - st.px(10.0), py), INK)?;
        }
        Ok(())
    }
}
