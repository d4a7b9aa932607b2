//! Drawing helpers shared by the scatter charts (`burden`, `equipment`):
//! labelled points, and labels placed clear of points and of each other.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{self, DrawResult, Style, INK};

/// A labelled point.
pub struct Point {
    pub code: String,
    pub x: f64,
    pub y: f64,
    /// Drawn larger, labelled with its name.
    pub highlight: Option<String>,
}

/// Places labels beside points without covering other labels or points: tries
/// eight spots around each point and keeps the one that overlaps least, inside
/// the canvas. `obstacles` starts with every point's box.
pub(crate) struct Labeller {
    obstacles: Vec<(i32, i32, i32, i32)>,
    bounds: (i32, i32, i32, i32),
}

impl Labeller {
    pub(crate) fn new(points: &[(i32, i32)], radius: i32, bounds: (i32, i32, i32, i32)) -> Self {
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

    pub(crate) fn place<DB: DrawingBackend>(
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

/// The plotting area of a chart, in canvas pixels.
pub(crate) fn plot_bounds<DB: DrawingBackend, X: Ranged, Y: Ranged>(
    chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
) -> (i32, i32, i32, i32) {
    let (x, y) = chart.plotting_area().get_pixel_range();
    (x.start, y.start, x.end, y.end)
}
