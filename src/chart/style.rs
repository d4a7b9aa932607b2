//! The one visual style of every chart: fonts (compiled in), a colour-blind-safe
//! palette (Okabe-Ito) whose meets/misses pairs also differ in greyscale, type
//! sizes that scale with the canvas, margins, and the header and footer.

use std::sync::Once;

use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// DejaVu Sans (Bitstream Vera licence), so charts look the same on every machine.
pub(crate) static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
pub const FAMILY: &str = "sans-serif";

pub fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The fonts are compiled in and known to parse; failure would be a build defect.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, REGULAR);
        let _ = plotters::style::register_font(FAMILY, FontStyle::Bold, BOLD);
    });
}

pub const INK: RGBColor = RGBColor(33, 33, 33);
pub const MUTED: RGBColor = RGBColor(96, 96, 96);
pub const GRID: RGBColor = RGBColor(228, 228, 228);
pub const AXIS: RGBColor = RGBColor(150, 150, 150);

// Okabe-Ito.
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
pub const SKY: RGBColor = RGBColor(86, 180, 233);
pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
pub const GREEN: RGBColor = RGBColor(0, 158, 115);
pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
pub const GREY: RGBColor = RGBColor(120, 120, 120);

/// Series colours, in order: distinct in hue and, for the first four, in lightness.
pub const SERIES: [RGBColor; 7] = [BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, GREY];

/// Meets the highest target: dark filled bar.
pub const MEETS_HIGH: RGBColor = BLUE;
/// Meets the lowest target only: light filled bar.
pub const MEETS_LOW: RGBColor = SKY;
/// Below the lowest target: hollow bar with a vermillion outline (tells apart in greyscale too).
pub const BELOW: RGBColor = VERMILLION;

/// Sizes in pixels for a canvas: everything scales with its height and `--scale`.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    unit: f64,
}

impl Style {
    pub fn new(height_px: u32) -> Self {
        Style {
            unit: f64::from(height_px) / 1000.0,
        }
    }

    pub fn px(&self, v: f64) -> i32 {
        (v * self.unit).round() as i32
    }

    pub fn upx(&self, v: f64) -> u32 {
        self.px(v).max(1) as u32
    }

    pub fn size(&self, points: f64) -> f64 {
        points * self.unit
    }

    pub fn text(&self, points: f64, color: RGBColor) -> TextStyle<'static> {
        (FAMILY, self.size(points)).into_font().color(&color)
    }

    pub fn bold(&self, points: f64, color: RGBColor) -> TextStyle<'static> {
        (FAMILY, self.size(points))
            .into_font()
            .style(FontStyle::Bold)
            .color(&color)
    }

    pub fn title(&self) -> TextStyle<'static> {
        self.bold(34.0, INK)
    }
    pub fn subtitle(&self) -> TextStyle<'static> {
        self.text(22.0, MUTED)
    }
    pub fn label(&self) -> TextStyle<'static> {
        self.text(19.0, INK)
    }
    pub fn small(&self) -> TextStyle<'static> {
        self.text(16.0, MUTED)
    }
    pub fn axis_desc(&self) -> TextStyle<'static> {
        self.text(20.0, MUTED)
    }
}

/// Title, subtitle and footer: what every chart carries.
pub struct Frame {
    pub title: String,
    pub subtitle: String,
    /// Citation first, then notes (estimates, definitions).
    pub footer: Vec<String>,
}

/// Wraps `text` into lines no wider than `width_px` as `measure` measures them.
pub fn wrap(text: &str, width_px: u32, measure: impl Fn(&str) -> u32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && measure(&candidate) > width_px {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Paints the background, the header and the footer; returns the area left for the plot.
pub fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: &Style,
    frame: &Frame,
) -> Result<DrawingArea<DB, Shift>, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let (w, h) = root.dim_in_pixel();
    let margin = st.px(40.0);
    let width = (w as i32 - 2 * margin).max(1) as u32;
    let measure = |style: TextStyle<'static>| {
        move |s: &str| root.estimate_text_size(s, &style).map_or(u32::MAX, |d| d.0)
    };
    let mut y = margin;
    for line in wrap(&frame.title, width, measure(st.title())) {
        root.draw(&Text::new(line, (margin, y), st.title()))?;
        y += st.px(44.0);
    }
    for line in wrap(&frame.subtitle, width, measure(st.subtitle())) {
        root.draw(&Text::new(line, (margin, y + st.px(4.0)), st.subtitle()))?;
        y += st.px(30.0);
    }
    let header = y + st.px(18.0);

    let mut footer_lines = Vec::new();
    for part in &frame.footer {
        footer_lines.extend(wrap(part, width, measure(st.small())));
    }
    let line_h = st.px(22.0);
    let footer = st.px(24.0) + line_h * footer_lines.len() as i32 + margin / 2;
    let top_of_footer = h as i32 - footer + st.px(12.0);
    root.draw(&PathElement::new(
        vec![
            (margin, top_of_footer - st.px(8.0)),
            (w as i32 - margin, top_of_footer - st.px(8.0)),
        ],
        GRID.stroke_width(st.upx(1.5)),
    ))?;
    for (i, line) in footer_lines.iter().enumerate() {
        let style = st.small().pos(Pos::new(HPos::Left, VPos::Top));
        root.draw(&Text::new(
            line.clone(),
            (margin, top_of_footer + line_h * i as i32),
            style,
        ))?;
    }
    Ok(root.margin(header as u32, footer as u32, margin as u32, margin as u32))
}

/// A small legend: coloured swatches and labels in a row, at `(x, y)` in pixels.
pub enum Swatch {
    Fill(RGBColor),
    Outline(RGBColor),
    Line(RGBColor),
    Dashed(RGBColor),
    Mark(Mark, RGBColor),
}

/// A point's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Filled, point up.
    Triangle,
    /// Hollow.
    Circle,
    /// Filled.
    Diamond,
}

/// A mark centred on `at` (pixels), `size` pixels across.
pub fn mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    st: &Style,
    (shape, color): (Mark, RGBColor),
    at: (i32, i32),
    size: i32,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (x, y, h) = (at.0, at.1, size / 2);
    match shape {
        Mark::Triangle => area.draw(&Polygon::new(
            vec![(x, y - h), (x + h, y + h), (x - h, y + h)],
            color.filled(),
        ))?,
        Mark::Circle => {
            area.draw(&Circle::new((x, y), h, WHITE.filled()))?;
            area.draw(&Circle::new((x, y), h, color.stroke_width(st.upx(2.5))))?;
        }
        Mark::Diamond => area.draw(&Polygon::new(
            vec![(x, y - h), (x + h, y), (x, y + h), (x - h, y)],
            color.filled(),
        ))?,
    }
    Ok(())
}

/// Legend items for line series in the series colours, in order.
pub fn line_legend(labels: impl IntoIterator<Item = String>) -> Vec<(Swatch, String)> {
    labels
        .into_iter()
        .enumerate()
        .map(|(k, label)| (Swatch::Line(SERIES[k % SERIES.len()]), label))
        .collect()
}

pub fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    st: &Style,
    origin: (i32, i32),
    items: &[(Swatch, String)],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (mut x, y) = origin;
    let box_size = st.px(18.0);
    for (swatch, label) in items {
        match swatch {
            Swatch::Fill(c) => {
                area.draw(&Rectangle::new(
                    [(x, y), (x + box_size, y + box_size)],
                    c.filled(),
                ))?;
            }
            Swatch::Outline(c) => {
                let (x0, y0, x1, y1) = (x + 1, y + 1, x + box_size - 1, y + box_size - 1);
                area.draw(&PathElement::new(
                    vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)],
                    c.stroke_width(st.upx(3.0)),
                ))?;
            }
            Swatch::Line(c) => {
                area.draw(&PathElement::new(
                    vec![(x, y + box_size / 2), (x + box_size * 2, y + box_size / 2)],
                    c.stroke_width(st.upx(4.0)),
                ))?;
                x += box_size;
            }
            Swatch::Mark(shape, c) => {
                mark(
                    area,
                    st,
                    (*shape, *c),
                    (x + box_size / 2, y + box_size / 2),
                    box_size,
                )?;
            }
            Swatch::Dashed(c) => {
                for k in 0..3 {
                    let x0 = x + k * box_size * 2 / 3;
                    area.draw(&PathElement::new(
                        vec![
                            (x0, y + box_size / 2),
                            (x0 + box_size / 3, y + box_size / 2),
                        ],
                        c.stroke_width(st.upx(3.0)),
                    ))?;
                }
                x += box_size;
            }
        }
        let style = st.label().pos(Pos::new(HPos::Left, VPos::Center));
        let width = area.estimate_text_size(label, &style)?.0 as i32;
        area.draw(&Text::new(
            label.clone(),
            (x + box_size + st.px(8.0), y + box_size / 2),
            style,
        ))?;
        x += box_size + st.px(8.0) + width + st.px(28.0);
    }
    Ok(())
}

/// Text on a white box, so that it stays legible over lines and gridlines.
pub fn boxed_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    st: &Style,
    text: &str,
    at: (i32, i32),
    style: TextStyle<'static>,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (w, h) = area.estimate_text_size(text, &style)?;
    let (w, h) = (w as i32, h as i32);
    let pad = st.px(3.0);
    let x0 = match style.pos.h_pos {
        HPos::Left => at.0,
        HPos::Center => at.0 - w / 2,
        HPos::Right => at.0 - w,
    };
    let y0 = match style.pos.v_pos {
        VPos::Top => at.1,
        VPos::Center => at.1 - h / 2,
        VPos::Bottom => at.1 - h,
    };
    area.draw(&Rectangle::new(
        [(x0 - pad, y0 - pad / 2), (x0 + w + pad, y0 + h + pad / 2)],
        WHITE.mix(0.9).filled(),
    ))?;
    area.draw(&Text::new(text.to_string(), at, style))?;
    Ok(())
}

/// The house style of axes and gridlines: label and description type, a light
/// grid, no minor lines.
pub fn house_mesh<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    st: &Style,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.x_label_style(st.label())
        .y_label_style(st.label())
        .axis_desc_style(st.axis_desc())
        .light_line_style(WHITE)
        .bold_line_style(GRID.stroke_width(st.upx(1.0)))
        .axis_style(AXIS.stroke_width(st.upx(1.5)))
}

/// [`frame`], then a legend row under the subtitle; returns the area for the plot.
pub fn frame_with_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: &Style,
    header: &Frame,
    items: &[(Swatch, String)],
) -> Result<DrawingArea<DB, Shift>, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    frame_with_legends(root, st, header, &[items])
}

/// [`frame_with_legend`] with a legend of several rows.
pub fn frame_with_legends<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: &Style,
    header: &Frame,
    rows: &[&[(Swatch, String)]],
) -> Result<DrawingArea<DB, Shift>, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let area = frame(root, st, header)?;
    for (k, items) in rows.iter().enumerate() {
        legend(&area, st, (0, st.px(32.0) * k as i32), items)?;
    }
    Ok(area.margin(st.upx(40.0 + 32.0 * (rows.len() as f64 - 1.0)), 0, 0, 0))
}
