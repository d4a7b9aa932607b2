//! Bar charts: allies ranked by share of GDP (`shares`), money gaps to targets
//! (`gaps`), and the United States against Europe and Canada by year (`us-vs-europe`).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{self, DrawResult, Frame, Style, Swatch, INK, MUTED};
use super::{nice_ceiling, Chart};
use crate::units::pct;

/// One ally's bar in the shares chart.
pub struct ShareBar {
    pub label: String,
    pub share: f64,
}

/// Allies ranked by share of GDP, with reference lines at the targets.
pub struct SharesChart {
    pub frame: Frame,
    /// Highest share first.
    pub bars: Vec<ShareBar>,
    /// Allies listed without a bar, with the reason (Iceland: no armed forces).
    pub not_applicable: Vec<(String, String)>,
    /// Ascending.
    pub targets: Vec<f64>,
    /// The year is an estimate: value labels carry an "e".
    pub estimate: bool,
}

/// Category labels to the left of horizontal bars, right-aligned at `x`.
fn category_label<DB: DrawingBackend>(
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

fn widest<DB: DrawingBackend>(
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

impl Chart for SharesChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let low = self.targets.first().copied().unwrap_or(2.0);
        let high = self.targets.last().copied().unwrap_or(low);
        let mut items = vec![];
        if self.targets.len() > 1 {
            items.push((
                Swatch::Fill(style::MEETS_HIGH),
                format!("At or above {}%", pct(high)),
            ));
            items.push((
                Swatch::Fill(style::MEETS_LOW),
                format!("{}% to {}%", pct(low), pct(high)),
            ));
        } else {
            items.push((
                Swatch::Fill(style::MEETS_HIGH),
                format!("At or above {}%", pct(low)),
            ));
        }
        items.push((
            Swatch::Outline(style::BELOW),
            format!("Below {}%", pct(low)),
        ));
        items.push((Swatch::Dashed(INK), "Target".to_string()));
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;

        let rows = self.bars.len() + self.not_applicable.len();
        let n = rows as f64;
        let max_share = self.bars.iter().map(|b| b.share).fold(0.0, f64::max);
        let xmax = nice_ceiling(max_share.max(high) * 1.08);
        let mut labels: Vec<&str> = self.bars.iter().map(|b| b.label.as_str()).collect();
        labels.extend(self.not_applicable.iter().map(|(l, _)| l.as_str()));
        let label_w = widest(&area, st, &labels)? + st.upx(16.0);

        let mut chart = ChartBuilder::on(&area)
            .margin_right(st.upx(70.0))
            .margin_top(st.upx(28.0))
            .x_label_area_size(st.upx(64.0))
            .y_label_area_size(label_w)
            .build_cartesian_2d(0f64..xmax, 0f64..n)?;
        style::house_mesh(&mut chart.configure_mesh(), st)
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(((xmax / 0.5).round() as usize + 1).min(12))
            .x_label_formatter(&|v| format!("{}%", pct(*v)))
            .x_desc("Defence expenditure, % of GDP")
            .draw()?;

        let row_y = |i: usize| n - i as f64 - 1.0;
        let value_suffix = if self.estimate { "e" } else { "" };
        // Value labels go on last, over the target lines, each on a white box.
        let mut values = Vec::new();
        for (i, bar) in self.bars.iter().enumerate() {
            let y = row_y(i);
            let rect = [(0.0, y + 0.17), (bar.share, y + 0.83)];
            if bar.share + 1e-9 >= high && self.targets.len() > 1
                || (self.targets.len() == 1 && bar.share + 1e-9 >= low)
            {
                chart.draw_series(std::iter::once(Rectangle::new(
                    rect,
                    style::MEETS_HIGH.filled(),
                )))?;
            } else if bar.share + 1e-9 >= low {
                chart.draw_series(std::iter::once(Rectangle::new(
                    rect,
                    style::MEETS_LOW.filled(),
                )))?;
            } else {
                chart.draw_series(std::iter::once(Rectangle::new(rect, WHITE.filled())))?;
                // An outline path rather than a stroked rectangle: SVG keeps a path's stroke width.
                let (a, b) = (rect[0], rect[1]);
                let outline = vec![a, (b.0, a.1), b, (a.0, b.1), a];
                chart.draw_series(std::iter::once(PathElement::new(
                    outline,
                    style::BELOW.stroke_width(st.upx(3.0)),
                )))?;
            }
            let (px, py) = chart.backend_coord(&(bar.share, y + 0.5));
            values.push((
                format!("{:.2}{value_suffix}", bar.share),
                (px + st.px(8.0), py),
            ));
            let (lx, _) = chart.backend_coord(&(0.0, y));
            category_label(root, st, &bar.label, (lx - st.px(10.0), py), INK)?;
        }
        for (k, (label, reason)) in self.not_applicable.iter().enumerate() {
            let y = row_y(self.bars.len() + k);
            let (lx, py) = chart.backend_coord(&(0.0, y + 0.5));
            category_label(root, st, label, (lx - st.px(10.0), py), MUTED)?;
            let note = st.text(17.0, MUTED).pos(Pos::new(HPos::Left, VPos::Center));
            root.draw(&Text::new(reason.clone(), (lx + st.px(8.0), py), note))?;
        }
        for t in &self.targets {
            chart.draw_series(DashedLineSeries::new(
                vec![(*t, 0.0), (*t, n)],
                st.upx(10.0),
                st.upx(6.0),
                INK.stroke_width(st.upx(2.0)),
            ))?;
            let (px, py) = chart.backend_coord(&(*t, n));
            let label = st.bold(18.0, INK).pos(Pos::new(HPos::Center, VPos::Bottom));
            root.draw(&Text::new(
                format!("{}%", pct(*t)),
                (px, py - st.px(6.0)),
                label,
            ))?;
        }
        for (text, at) in values {
            let value = st.text(17.0, INK).pos(Pos::new(HPos::Left, VPos::Center));
            style::boxed_text(root, st, &text, at, value)?;
        }
        Ok(())
    }
}

/// Money gaps to one or more targets, per ally: grouped horizontal bars.
pub struct GapsChart {
    pub frame: Frame,
    /// Ascending targets, the series.
    pub targets: Vec<f64>,
    /// Ally label and its gap (USD bn) to each target, largest gap to the highest target first.
    pub rows: Vec<(String, Vec<f64>)>,
    pub unit: String,
}

impl Chart for GapsChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let items: Vec<(Swatch, String)> = self
            .targets
            .iter()
            .enumerate()
            .map(|(k, t)| {
                (
                    Swatch::Fill(style::SERIES[k % style::SERIES.len()]),
                    format!("Gap to {}% of GDP", pct(*t)),
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
        let k = self.targets.len() as f64;
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

/// The United States against Europe and Canada, constant prices, side by side by year.
pub struct UsEuropeChart {
    /// The two groups' labels, for the legend (groups.toml).
    pub labels: (String, String),
    pub frame: Frame,
    /// (year label, US, Europe and Canada, US share %, estimate)
    pub years: Vec<(String, f64, f64, f64, bool)>,
    pub unit: String,
}

impl Chart for UsEuropeChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let area = style::frame_with_legend(
            root,
            st,
            &self.frame,
            &[
                (Swatch::Fill(style::BLUE), self.labels.0.clone()),
                (Swatch::Fill(style::ORANGE), self.labels.1.clone()),
                (
                    Swatch::Outline(style::GREY),
                    "Estimate (lighter)".to_string(),
                ),
            ],
        )?;
        let n = self.years.len() as f64;
        let max = self.years.iter().map(|y| y.1.max(y.2)).fold(0.0, f64::max);
        let ymax = nice_ceiling(max * 1.15);
        let mut chart = ChartBuilder::on(&area)
            .margin_top(st.upx(10.0))
            .margin_right(st.upx(20.0))
            .x_label_area_size(st.upx(50.0))
            .y_label_area_size(st.upx(90.0))
            .build_cartesian_2d(0f64..n, 0f64..ymax)?;
        style::house_mesh(&mut chart.configure_mesh(), st)
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(8)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .y_desc(self.unit.as_str())
            .draw()?;
        for (i, (label, us, europe, share, estimate)) in self.years.iter().enumerate() {
            let x = i as f64;
            let (us_color, eu_color) = if *estimate {
                (style::BLUE.mix(0.55), style::ORANGE.mix(0.55))
            } else {
                (style::BLUE.mix(1.0), style::ORANGE.mix(1.0))
            };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x + 0.12, 0.0), (x + 0.5, *us)],
                us_color.filled(),
            )))?;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x + 0.5, 0.0), (x + 0.88, *europe)],
                eu_color.filled(),
            )))?;
            let (px, py) = chart.backend_coord(&(x + 0.5, us.max(*europe)));
            let top = st.bold(16.0, INK).pos(Pos::new(HPos::Center, VPos::Bottom));
            root.draw(&Text::new(
                format!("US {share:.0}%"),
                (px, py - st.px(6.0)),
                top,
            ))?;
            let (lx, ly) = chart.backend_coord(&(x + 0.5, 0.0));
            let style = st.label().pos(Pos::new(HPos::Center, VPos::Top));
            root.draw(&Text::new(label.clone(), (lx, ly + st.px(8.0)), style))?;
        }
        Ok(())
    }
}
