//! Charts ready to paste into a report: PNG or SVG, one file per chart kind in
//! [`kinds`] (its data and its drawing, behind one trait and one registry),
//! all in the one style of [`style`]; [`bars`], [`lines`] and [`scatter`] hold
//! the drawing helpers kinds share. Charts take computed results, never files.

pub mod backend;
pub(crate) mod bars;
pub(crate) mod era_panel;
pub(crate) mod geo;
pub mod kinds;
pub(crate) mod lines;
mod options;
pub(crate) mod scatter;
pub mod style;

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::error::{Error, Result};
use crate::param::Param;
pub use options::{At, ChartOption, ChartSize, ChartSpec, MapMeasure, Takes, Unset};
pub use style::{DrawResult, Frame, Style};

/// The default size of a chart, in pixels (`--width`, `--height`, the report).
pub const DEFAULT_WIDTH: u32 = 1600;
pub const DEFAULT_HEIGHT: u32 = 1000;

/// Something that draws itself on any plotters backend.
pub trait Chart {
    /// Title, subtitle and footer, for `--title` to replace the title.
    fn frame_mut(&mut self) -> &mut Frame;

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static;
}

/// A chart of any kind, drawn on the two backends defspend writes.
pub trait Drawable {
    fn frame_mut(&mut self) -> &mut Frame;
    fn draw_png(&self, root: &DrawingArea<backend::PngCanvas<'_>, Shift>, st: &Style)
        -> DrawResult;
    fn draw_svg(&self, root: &DrawingArea<SVGBackend<'_>, Shift>, st: &Style) -> DrawResult;
}

impl<T: Chart> Drawable for T {
    fn frame_mut(&mut self) -> &mut Frame {
        Chart::frame_mut(self)
    }

    fn draw_png(
        &self,
        root: &DrawingArea<backend::PngCanvas<'_>, Shift>,
        st: &Style,
    ) -> DrawResult {
        self.draw(root, st)
    }

    fn draw_svg(&self, root: &DrawingArea<SVGBackend<'_>, Shift>, st: &Style) -> DrawResult {
        self.draw(root, st)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    #[default]
    Png,
    Svg,
}

impl ImageFormat {
    /// The format named by the file's extension.
    pub fn from_path(path: &Path) -> Result<Self> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("png") => Ok(ImageFormat::Png),
            Some("svg") => Ok(ImageFormat::Svg),
            _ => Err(Error::usage(
                Param::Output,
                format!(
                    "{}: the chart format comes from the extension: .png or .svg",
                    path.display()
                ),
            )),
        }
    }
}

/// Renders a chart to the bytes of a PNG or SVG file of `width` x `height` pixels.
pub fn render(
    chart: &dyn Drawable,
    format: ImageFormat,
    width: u32,
    height: u32,
) -> Result<Vec<u8>> {
    style::register_fonts();
    let st = Style::new(height);
    let failed =
        |e: Box<dyn std::error::Error>| Error::data("chart", format!("drawing failed: {e}"));
    match format {
        ImageFormat::Png => {
            let mut pixels = vec![0u8; width as usize * height as usize * 3];
            {
                let root =
                    backend::PngCanvas::new(&mut pixels, (width, height)).into_drawing_area();
                chart.draw_png(&root, &st).map_err(failed)?;
                root.present().map_err(|e| failed(Box::new(e)))?;
            }
            let mut png = Vec::new();
            use image::ImageEncoder;
            // One filter for every row (Paeth), not a trial of each per row:
            // flat-coloured charts compress within a few per cent of the
            // adaptive choice, in less time.
            image::codecs::png::PngEncoder::new_with_quality(
                &mut png,
                image::codecs::png::CompressionType::Fast,
                image::codecs::png::FilterType::Paeth,
            )
            .write_image(&pixels, width, height, image::ColorType::Rgb8)
            .map_err(|e| Error::data("chart", format!("PNG encoding failed: {e}")))?;
            Ok(png)
        }
        ImageFormat::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
                chart.draw_svg(&root, &st).map_err(failed)?;
                root.present().map_err(|e| failed(Box::new(e)))?;
            }
            Ok(svg.into_bytes())
        }
    }
}

/// A "nice" upper bound for an axis: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten.
pub fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    for step in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if value <= step * power {
            return step * power;
        }
    }
    10.0 * power
}
