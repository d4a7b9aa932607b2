//! Scatter charts: burden sharing (share of allied spending against share of
//! allied GDP, with the parity line) and NATO's two guidelines (share of GDP
//! against equipment share of spending).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{self, DrawResult, Frame, Style, Swatch, INK, MUTED};
use super::{nice_ceiling, Chart};
use crate::units::pct;

/// A labelled point.
pub struct Point {
    pub code: String,
    pub x: f64,
    pub y: f64,
    /// Drawn larger, labelled with its name.
    pub highlight: Option<String>,
}

/// Share of allied spending (y) against share of allied GDP (x), log scales.
pub struct BurdenChart {
    pub frame: Frame,
    pub points: Vec<Point>,
}

/// Places labels beside points without covering other labels or points: tries
/// eight spots around each point and keeps the one that overlaps least, inside
/// the canvas. `obstacles` starts with every point's box.
struct Labeller {
    obstacles: Vec<(i32, i32, i32, i32)>,
    bounds: (i32, i32, i32, i32),
}

impl Labeller {
    fn new(points: &[(i32, i32)], radius: i32, bounds: (i32, i32, i32, i32)) -> Self {
        Labeller {
            obstacles: points
                .iter()
                .map(|(x, y)| (x - radius, y - radius, x + radius, y + radius))
                .collect(),
            bounds,
        }
    }

    fn overlap(&self, r: &(i32, i32, i32, i32)) -> i64 {
        let mut total = 0i64;
        for o in &self.obstacles {
            let w = (r.2.min(o.2) - r.0.max(o.0)).max(0);
            let h = (r.3.min(o.3) - r.1.max(o.1)).max(0);
            total += i64::from(w) * i64::from(h);
        }
        let outside = r.0 < self.bounds.0
            || r.1 < self.bounds.1
            || r.2 > self.bounds.2
            || r.3 > self.bounds.3;
        if outside {
            total += 1_000_000_000;
        }
        total
    }

    fn place<DB: DrawingBackend>(
        &mut self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
        at: (i32, i32),
        text: &str,
        bold: bool,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let style = if bold {
            st.bold(17.0, INK)
        } else {
            st.text(15.0, INK)
        };
        let (w, h) = root.estimate_text_size(text, &style)?;
        let (w, h) = (w as i32, h as i32);
        let d = st.px(10.0);
        let offsets = [
            (d, -h / 2),
            (-w - d, -h / 2),
            (-w / 2, -h - d),
            (-w / 2, d),
            (d, -h - d / 2),
            (d, d / 2),
            (-w - d, -h - d / 2),
            (-w - d, d / 2),
        ];
        let rect = offsets
            .iter()
            .map(|(dx, dy)| (at.0 + dx, at.1 + dy, at.0 + dx + w, at.1 + dy + h))
            .min_by_key(|r| self.overlap(r))
            .expect("eight candidates");
        self.obstacles.push(rect);
        style::boxed_text(
            root,
            st,
            text,
            (rect.0, rect.1),
            style.pos(Pos::new(HPos::Left, VPos::Top)),
        )?;
        Ok(())
    }
}

impl Chart for BurdenChart {
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
                (
                    Swatch::Fill(style::BLUE),
                    "Spends more than its share of allied GDP".into(),
                ),
                (Swatch::Fill(style::ORANGE), "Spends less".into()),
                (Swatch::Dashed(INK), "Parity".into()),
            ],
        )?;
        let min = self
            .points
            .iter()
            .flat_map(|p| [p.x, p.y])
            .filter(|v| *v > 0.0)
            .fold(f64::INFINITY, f64::min);
        let lo = min * 0.6;
        let hi = 100.0;
        let mut chart = ChartBuilder::on(&area)
            .margin_top(st.upx(20.0))
            .margin_right(st.upx(40.0))
            .x_label_area_size(st.upx(64.0))
            .y_label_area_size(st.upx(100.0))
            .build_cartesian_2d((lo..hi).log_scale(), (lo..hi).log_scale())?;
        let fmt = |v: &f64| {
            if *v >= 1.0 {
                format!("{v:.0}%")
            } else {
                format!("{}%", pct(*v))
            }
        };
        style::house_mesh(&mut chart.configure_mesh(), st)
            .x_desc("Share of allied GDP (%, log scale)")
            .y_desc("Share of allied defence spending (%, log scale)")
            .x_label_formatter(&fmt)
            .y_label_formatter(&fmt)
            .draw()?;
        chart.draw_series(DashedLineSeries::new(
            vec![(lo, lo), (hi, hi)],
            st.upx(10.0),
            st.upx(6.0),
            INK.stroke_width(st.upx(2.0)),
        ))?;
        // Highlighted points first, so their labels get the best spots.
        let mut order: Vec<&Point> = self
            .points
            .iter()
            .filter(|p| p.x > 0.0 && p.y > 0.0)
            .collect();
        order.sort_by_key(|p| p.highlight.is_none());
        let centres: Vec<(i32, i32)> = order
            .iter()
            .map(|p| chart.backend_coord(&(p.x, p.y)))
            .collect();
        let mut labeller = Labeller::new(&centres, st.px(8.0), plot_bounds(&chart));
        for (p, at) in order.iter().zip(&centres) {
            let color = if p.y >= p.x {
                style::BLUE
            } else {
                style::ORANGE
            };
            let r = if p.highlight.is_some() { 9.0 } else { 6.0 };
            chart.draw_series(std::iter::once(Circle::new(
                (p.x, p.y),
                st.upx(r),
                color.filled(),
            )))?;
            let text = p.highlight.clone().unwrap_or_else(|| p.code.clone());
            labeller.place(root, st, *at, &text, p.highlight.is_some())?;
        }
        Ok(())
    }
}

/// NATO's two guidelines: 2% of GDP (x) and 20% of spending on equipment (y).
pub struct EquipmentChart {
    pub frame: Frame,
    pub points: Vec<Point>,
    pub gdp_guideline: f64,
    pub equipment_guideline: f64,
}

impl Chart for EquipmentChart {
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
                (Swatch::Fill(style::BLUE), "Meets both guidelines".into()),
                (Swatch::Fill(style::SKY), "Meets one".into()),
                (Swatch::Fill(style::ORANGE), "Meets neither".into()),
            ],
        )?;
        let xmax = nice_ceiling(
            self.points
                .iter()
                .map(|p| p.x)
                .fold(self.gdp_guideline, f64::max)
                * 1.08,
        );
        let ymax = nice_ceiling(
            self.points
                .iter()
                .map(|p| p.y)
                .fold(self.equipment_guideline, f64::max)
                * 1.08,
        );
        let mut chart = ChartBuilder::on(&area)
            .margin_top(st.upx(20.0))
            .margin_right(st.upx(40.0))
            .x_label_area_size(st.upx(64.0))
            .y_label_area_size(st.upx(100.0))
            .build_cartesian_2d(0f64..xmax, 0f64..ymax)?;
        style::house_mesh(&mut chart.configure_mesh(), st)
            .x_desc("Defence expenditure, % of GDP")
            .y_desc("Equipment, % of defence expenditure")
            .x_label_formatter(&|v| format!("{}%", pct(*v)))
            .y_label_formatter(&|v| format!("{v:.0}%"))
            .draw()?;
        let (g, e) = (self.gdp_guideline, self.equipment_guideline);
        chart.draw_series(DashedLineSeries::new(
            vec![(g, 0.0), (g, ymax)],
            st.upx(10.0),
            st.upx(6.0),
            INK.stroke_width(st.upx(2.0)),
        ))?;
        chart.draw_series(DashedLineSeries::new(
            vec![(0.0, e), (xmax, e)],
            st.upx(10.0),
            st.upx(6.0),
            INK.stroke_width(st.upx(2.0)),
        ))?;
        let quadrant = |x: f64, y: f64, text: &str, h: HPos| -> DrawResult {
            let (px, py) = chart.backend_coord(&(x, y));
            root.draw(&Text::new(
                text.to_string(),
                (px, py),
                st.bold(18.0, MUTED).pos(Pos::new(h, VPos::Top)),
            ))?;
            Ok(())
        };
        let pad_x = xmax * 0.01;
        quadrant(
            g + pad_x,
            ymax * 0.985,
            &format!("Meets both ({}% and {}%)", pct(g), pct(e)),
            HPos::Left,
        )?;
        quadrant(
            g - pad_x,
            ymax * 0.985,
            &format!("Equipment {}% only", pct(e)),
            HPos::Right,
        )?;
        quadrant(
            g + pad_x,
            e * 0.97,
            &format!("{}% of GDP only", pct(g)),
            HPos::Left,
        )?;
        quadrant(g - pad_x, e * 0.97, "Meets neither", HPos::Right)?;
        let centres: Vec<(i32, i32)> = self
            .points
            .iter()
            .map(|p| chart.backend_coord(&(p.x, p.y)))
            .collect();
        let mut labeller = Labeller::new(&centres, st.px(8.0), plot_bounds(&chart));
        for (p, at) in self.points.iter().zip(&centres) {
            let met = usize::from(p.x + 1e-9 >= g) + usize::from(p.y + 1e-9 >= e);
            let color = [style::ORANGE, style::SKY, style::BLUE][met];
            chart.draw_series(std::iter::once(Circle::new(
                (p.x, p.y),
                st.upx(7.0),
                color.filled(),
            )))?;
            chart.draw_series(std::iter::once(Circle::new(
                (p.x, p.y),
                st.upx(7.0),
                INK.stroke_width(st.upx(1.0)),
            )))?;
            labeller.place(root, st, *at, &p.code, p.highlight.is_some())?;
        }
        Ok(())
    }
}

/// The plotting area of a chart, in canvas pixels.
fn plot_bounds<DB: DrawingBackend, X: Ranged, Y: Ranged>(
    chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
) -> (i32, i32, i32, i32) {
    let (x, y) = chart.plotting_area().get_pixel_range();
    (x.start, y.start, x.end, y.end)
}
