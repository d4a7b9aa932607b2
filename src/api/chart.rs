//! A chart as a request: its kind, the edition and year, what it draws (the
//! options the kind declares), its size and format; answered with the bytes
//! of the PNG or SVG file.

use serde::Deserialize;

use super::forecast::check_draws;
use crate::chart::{self, kinds, ChartSize, ChartSpec, ImageFormat};
use crate::context::Context;
use crate::data::Catalog;
use crate::error::Error;
use crate::param::Param;
use crate::results::Results;
use crate::Result;

/// The sizes a chart may be drawn at, in pixels before the scale (as the
/// command line's parsers have them), and the scales.
pub const WIDTHS: std::ops::RangeInclusive<u32> = 400..=8000;
pub const HEIGHTS: std::ops::RangeInclusive<u32> = 300..=8000;
pub const SCALES: std::ops::RangeInclusive<u32> = 1..=4;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChartRequest {
    /// The kind's id (`shares`, `map`, …).
    pub kind: String,
    /// An edition's id (default: the latest).
    pub edition: Option<String>,
    /// A year of the edition (default: its last).
    pub year: Option<i32>,
    /// What to draw: only the options the kind takes (`chart KIND --help`).
    pub options: ChartSpec,
    pub width: u32,
    pub height: u32,
    pub scale: u32,
    pub format: ImageFormat,
}

impl Default for ChartRequest {
    fn default() -> Self {
        let size = ChartSize::default();
        ChartRequest {
            kind: String::new(),
            edition: None,
            year: None,
            options: ChartSpec::default(),
            width: size.width,
            height: size.height,
            scale: size.scale,
            format: ImageFormat::Png,
        }
    }
}

impl ChartRequest {
    /// The kind asked for, and its options checked against what it takes.
    pub fn check(&self) -> Result<&'static dyn kinds::Kind> {
        let kind = kinds::find(&self.kind).ok_or_else(|| {
            let ids: Vec<&str> = kinds::KINDS.iter().map(|k| k.id()).collect();
            Error::usage(
                Param::Kind,
                format!(
                    "unknown chart kind '{}'; available: {}",
                    self.kind,
                    ids.join(", ")
                ),
            )
        })?;
        for (param, value, range) in [
            (Param::Width, self.width, &WIDTHS),
            (Param::Height, self.height, &HEIGHTS),
            (Param::Scale, self.scale, &SCALES),
        ] {
            if !range.contains(&value) {
                return Err(Error::usage(
                    param,
                    format!("{value} is not in {}..={}", range.start(), range.end()),
                ));
            }
        }
        if let Some(draws) = self.options.draws {
            check_draws(draws)?;
        }
        // A front other than the command line (whose parser checks them)
        // hands targets as they came.
        for t in &self.options.targets {
            super::check_target(Param::Target, *t)?;
        }
        kinds::check_options(kind, &self.options, self.edition.as_deref(), self.year)?;
        // A scenario's text is drawn by the trajectory alone (the other
        // kinds read a scenario by name).
        if self.options.scenario_text.is_some() && kind.id() != "trajectory" {
            return Err(Error::usage(
                Param::Scenario,
                format!(
                    "a scenario's text is drawn by the trajectory chart, not {}",
                    kind.id()
                ),
            ));
        }
        Ok(kind)
    }

    /// The size in pixels, scale applied.
    pub fn pixels(&self) -> (u32, u32) {
        ChartSize {
            width: self.width,
            height: self.height,
            scale: self.scale,
        }
        .pixels()
    }
}

/// The chart's file: PNG or SVG bytes.
pub fn chart(catalog: &Catalog, r: &ChartRequest) -> Result<Vec<u8>> {
    let kind = r.check()?;
    let prices = match kind.money_from_context() {
        true => r.options.prices.unwrap_or_default(),
        false => crate::calc::ppp::Prices::Market,
    };
    let mut options = r.options.clone();
    options.at = crate::chart::At {
        edition: r.edition.clone(),
        year: r.year,
    };
    // A year of a scenario's path is the kind's, not the edition's.
    let year = r.year.filter(|_| !kind.year_of_path());
    let ctx = Context::at_prices(catalog, r.edition.as_deref(), year, prices)?;
    let prepared = kinds::prepare(kind, &Results::new(&ctx), &options)?;
    let (width, height) = r.pixels();
    chart::render(prepared.chart.as_ref(), r.format, width, height)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DataSource;

    fn asked(params: serde_json::Value) -> Result<ChartRequest> {
        super::super::request(&params)
    }

    #[test]
    fn a_chart_is_drawn_from_named_parameters() {
        let catalog = Catalog::load(DataSource::Embedded).unwrap();
        let request = asked(serde_json::json!({
            "kind": "shares",
            "edition": "nato-2024",
            "year": 2024,
            "options": {"targets": [2, 3.5]},
            "format": "svg",
            "width": 800,
            "height": 500,
        }))
        .unwrap();
        let svg = String::from_utf8(chart(&catalog, &request).unwrap()).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("width=\"800\""));
        // NATO, Defence Expenditure of NATO Countries (2014-2024), Table 3:
        // Poland 4.12% of GDP in 2024e, the highest, labelled on its bar.
        assert!(svg.contains("4.12"), "Poland's share missing");
    }

    #[test]
    fn each_bad_parameter_is_named() {
        let catalog = Catalog::load(DataSource::Embedded).unwrap();
        let said = |params: serde_json::Value| -> String {
            let e = asked(params)
                .and_then(|r| chart(&catalog, &r).map(|_| ()))
                .unwrap_err();
            crate::param::spell(&e.line(), |p| format!("<{}>", p.id())).into_owned()
        };
        let line = said(serde_json::json!({"kind": "pie"}));
        assert!(
            line.contains("<kind>") && line.contains("shares, gaps"),
            "{line}"
        );
        let line = said(serde_json::json!({"kind": "shares", "options": {"draws": 10}}));
        assert!(
            line.starts_with("<draws>") && line.contains("does not use it"),
            "{line}"
        );
        let line =
            said(serde_json::json!({"kind": "odds", "options": {"draws": 1_000_000_000u64}}));
        assert!(line.starts_with("<draws>"), "{line}");
        let line = said(serde_json::json!({"kind": "shares", "width": 20}));
        assert!(line.starts_with("<width>"), "{line}");
        let line = said(serde_json::json!({"kind": "map", "options": {"measure": "colour"}}));
        assert!(line.starts_with("<measure>"), "{line}");
        let line = said(serde_json::json!({"kind": "shares", "options": {"colour": 1}}));
        assert!(line.contains("unknown field `colour`"), "{line}");
    }
}
