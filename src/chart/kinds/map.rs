//! `map`: the allies on a map of Europe (Lambert azimuthal equal-area) with
//! North America beside it, coloured by a measure in bins: share of GDP
//! (around 2, 3.5 and 5%), the gap to a target, or what a scenario's path
//! costs in government revenue. Non-allies grey; Iceland marked as having no
//! armed forces; every ally drawn, or an error.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::outlook_input::{DRAWS, ECONOMY, MODEL, PLANS, SEED};
use super::{footer, Kind, Prepared};
use crate::chart::geo::{area_centroid, Panel, Region, EUROPE, NORTH_AMERICA};
use crate::chart::style::{self, DrawResult, Style, Swatch, INK, MUTED};
use crate::chart::{Chart, ChartOption, ChartSpec, Frame, MapMeasure, Takes, Unset};
use crate::data::boundaries::Boundaries;
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::param::Param;
use crate::results::Results;

mod measures;

use measures::{measured_by, Bins, Entry, Measured};

pub struct Map;

/// Grey for countries that are not allies, and the sea-side outline.
const NOT_ALLY: RGBColor = RGBColor(222, 222, 222);
const NO_FORCES: RGBColor = RGBColor(250, 250, 250);
const NO_DATA: RGBColor = RGBColor(150, 150, 150);
const BORDER: RGBColor = RGBColor(255, 255, 255);
const COAST: RGBColor = RGBColor(150, 150, 150);

impl Kind for Map {
    fn id(&self) -> &'static str {
        "map"
    }

    /// Shares and gaps are of a year; the other measures are of the
    /// scenario's target year.
    fn takes_year(&self, spec: &ChartSpec) -> bool {
        matches!(
            spec.measure,
            None | Some(MapMeasure::Share | MapMeasure::Gap)
        )
    }

    /// The fiscal cost and the plans are of the scenario's edition; the
    /// odds start from the edition asked, as the outlook does.
    fn takes_edition(&self, spec: &ChartSpec) -> bool {
        !matches!(spec.measure, Some(MapMeasure::Fiscal | MapMeasure::Plans))
    }

    fn edition_help(&self) -> Option<String> {
        Some(format!("Edition id (default: the latest; {} odds: the outlook's origin, default the scenario's; not for fiscal or plans)", Param::Measure))
    }

    fn about(&self) -> String {
        format!("The allies on a map of Europe and North America, coloured by {} (share of GDP by default)", Param::Measure)
    }

    fn report_caption(&self, _r: &Results, _spec: &ChartSpec) -> Option<String> {
        Some("The allies on the map: share of GDP".into())
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[
            Takes::value(ChartOption::Measure, Unset::Name("share")),
            Takes::rule(
                ChartOption::Targets,
                "3.5 for the gap measure, the scenario's target for odds",
            ),
            Takes::rule(
                ChartOption::Scenario,
                "hague-2035, and the fiscal reference for the fiscal measure",
            ),
            ECONOMY,
            PLANS,
            DRAWS,
            SEED,
            MODEL,
        ];
        TAKES
    }

    fn prepare(&self, r: &Results, spec: &ChartSpec) -> Result<Prepared> {
        let measure = spec.measure.unwrap_or_default();
        let Measured {
            values,
            bins,
            described,
            footer: extra_footer,
        } = measured_by(r, spec, measure)?;
        let boundaries = r.boundaries()?;
        // Every ally's boundary: an ally the file lacks is an error here.
        let mut labelled = Vec::new();
        for e in &values {
            let country = boundaries.of(e.ally)?;
            labelled.push((country.id.clone(), e));
        }
        let table = Table::of(
            &[
                column("code", "Code", |e: &Entry| Value::text(&e.ally.nato_code)),
                column("ally", "Ally", |e: &Entry| Value::text(&e.ally.name)),
                column("value", described.unit.as_str(), |e: &Entry| {
                    Value::num(e.value, 4)
                }),
                column("bin", "Bin", |e: &Entry| {
                    Value::text(match (e.ally.has_armed_forces, e.value) {
                        (false, _) => "No armed forces".to_string(),
                        (true, None) => "No figure".to_string(),
                        (true, Some(v)) => bins.labels[bins.of(v)].clone(),
                    })
                }),
                column("colour", "Colour", |e: &Entry| {
                    let c = fill(e, &bins);
                    Value::text(format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2))
                }),
            ],
            &values,
        );
        let mut legend: Vec<(Swatch, String)> = bins
            .colours
            .iter()
            .zip(&bins.labels)
            .map(|(c, l)| (Swatch::Fill(*c), l.clone()))
            .collect();
        let no_forces: Vec<&str> = r
            .allies()
            .iter()
            .filter(|a| !a.has_armed_forces)
            .map(|a| a.name.as_str())
            .collect();
        if !no_forces.is_empty() {
            legend.push((
                Swatch::Outline(COAST),
                format!("No armed forces ({})", no_forces.join(", ")),
            ));
        }
        if values
            .iter()
            .any(|e| e.ally.has_armed_forces && e.value.is_none())
        {
            legend.push((Swatch::Fill(NO_DATA), described.missing.clone()));
        }
        legend.push((Swatch::Fill(NOT_ALLY), "Not an ally".into()));
        let decimals = if measure == MapMeasure::Share { 2 } else { 1 };
        let label = |e: &Entry, territory: bool| Label {
            code: e.ally.nato_code.clone(),
            value: e.value.map(|v| label_value(v, decimals, &bins)),
            fill: fill(e, &bins),
            region: e.ally.region.label(),
            territory,
        };
        let shapes: Vec<Shape> = boundaries
            .countries
            .iter()
            .map(|c| {
                let own = labelled
                    .iter()
                    .find(|(id, _)| id.is_some() && *id == c.id)
                    .map(|(_, e)| label(e, false));
                let territory = || {
                    let code = boundaries.territories.get(c.id.as_deref()?)?;
                    values
                        .iter()
                        .find(|e| &e.ally.nato_code == code)
                        .map(|e| label(e, true))
                };
                Shape {
                    ally: own.or_else(territory),
                }
            })
            .collect();
        let small = too_small(&shapes, &boundaries);
        let mut notes = described.notes;
        let unlabelled: Vec<String> = values
            .iter()
            .filter(|e| small.contains(&e.ally.nato_code) && e.ally.has_armed_forces)
            .map(|e| match e.value {
                Some(v) => format!("{} {}", e.ally.name, label_value(v, decimals, &bins)),
                None => format!("{} (no figure)", e.ally.name),
            })
            .collect();
        if !unlabelled.is_empty() {
            notes.insert(0, format!("Too small to label: {}.", unlabelled.join(", ")));
        }
        notes.push(boundaries.citation.clone());
        let frame = Frame {
            title: described.title,
            subtitle: described.subtitle,
            footer: footer(r.data(), &[extra_footer, notes.join(" ")]),
        };
        Ok(Prepared {
            chart: Box::new(MapChart {
                frame,
                legend,
                boundaries,
                shapes,
                small,
            }),
            table,
        })
    }
}

/// An ally on the map: its code, value, fill and region (the panel that labels it).
struct Label {
    code: String,
    /// The value as printed, precise enough to fall in its own bin.
    value: Option<String>,
    fill: RGBColor,
    region: &'static str,
    /// A territory of the ally drawn as a country of its own (Greenland):
    /// coloured as the ally, drawn in whichever panel shows it, not labelled.
    territory: bool,
}

/// A country of the boundaries, in their order, and its label if it is an
/// ally or an ally's territory.
struct Shape {
    ally: Option<Label>,
}

impl Shape {
    /// Drawn in the panel of `region`: an ally in its own region's panel
    /// only (Iceland is not drawn again at the edge of North America's), a
    /// territory and a non-ally wherever they fall.
    fn drawn_in(&self, region: &str) -> bool {
        self.ally
            .as_ref()
            .is_none_or(|a| a.territory || a.region == region)
    }
}

/// A value as a map label prints it: `decimals` places, more where rounding
/// would carry it into another bin (1.47 is "1.47" in the "1 to 1.5" bin,
/// not "1.5").
fn label_value(v: f64, decimals: usize, bins: &Bins) -> String {
    let mut d = decimals;
    while d < 3 {
        let shown: f64 = format!("{v:.d$}").parse().unwrap_or(v);
        if bins.of(shown) == bins.of(v) {
            break;
        }
        d += 1;
    }
    format!("{v:.d$}")
}

/// An ally's fill: its value's bin, grey without a figure, an outline
/// without armed forces.
fn fill(e: &Entry, bins: &Bins) -> RGBColor {
    if !e.ally.has_armed_forces {
        NO_FORCES
    } else {
        e.value.map_or(NO_DATA, |v| bins.colours[bins.of(v)])
    }
}

pub struct MapChart {
    frame: Frame,
    legend: Vec<(Swatch, String)>,
    /// Shared with the results set: the rings are drawn from it, not copied.
    boundaries: std::sync::Arc<Boundaries>,
    /// One a country of `boundaries`.
    shapes: Vec<Shape>,
    /// Allies too small on the default canvas to carry a label (named in the footer).
    small: Vec<String>,
}

/// The outer rings of country `i` (holes are left to the fill of what lies in them).
fn outer_rings(boundaries: &Boundaries, i: usize) -> impl Iterator<Item = &Vec<[f64; 2]>> {
    boundaries.countries[i].polygons.iter().map(|p| &p[0])
}

/// The area of the default canvas's map, and the smallest shape (pixels²)
/// that carries a label.
const NOMINAL_AREA: (i32, i32, i32, i32) = (0, 0, 1530, 620);
const LABEL_AREA: f64 = 1000.0;

/// The allies whose largest ring, drawn on the default canvas, is too small
/// for a label.
fn too_small(shapes: &[Shape], boundaries: &Boundaries) -> Vec<String> {
    let (na, europe) = layout(NOMINAL_AREA, 16);
    shapes
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let label = s.ally.as_ref().filter(|a| !a.territory)?;
            let biggest = [na, europe]
                .iter()
                .flat_map(|p| outer_rings(boundaries, i).map(|r| area_centroid(&p.ring(r)).0))
                .fold(0.0, f64::max);
            (biggest < LABEL_AREA).then(|| label.code.clone())
        })
        .collect()
}

impl MapChart {
    fn panel<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
        panel: &Panel,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        // Non-allies first, then allies, so that an ally's outline shows.
        let mut labels = Vec::new();
        for pass in [false, true] {
            for (i, shape) in self.shapes.iter().enumerate() {
                if shape.ally.is_some() != pass || !shape.drawn_in(panel.region.name) {
                    continue;
                }
                let fill = shape.ally.as_ref().map_or(NOT_ALLY, |a| a.fill);
                let mut biggest: Option<(f64, (f64, f64))> = None;
                for ring in outer_rings(&self.boundaries, i) {
                    let px = panel.ring(ring);
                    if px.is_empty() {
                        continue;
                    }
                    root.draw(&Polygon::new(px.clone(), fill.filled()))?;
                    let mut closed = px.clone();
                    closed.push(px[0]);
                    let edge = if fill == NO_FORCES { COAST } else { BORDER };
                    root.draw(&PathElement::new(closed, edge.stroke_width(1)))?;
                    let (area, centre) = area_centroid(&px);
                    if biggest.is_none_or(|b| area > b.0) {
                        biggest = Some((area, centre));
                    }
                }
                if let (Some(a), Some((_, centre))) = (&shape.ally, biggest) {
                    if a.region == panel.region.name && !a.territory {
                        labels.push((a.code.clone(), a.value.clone(), a.fill, centre));
                    }
                }
            }
        }
        for (code, value, fill, (x, y)) in labels {
            // The small list is the default canvas's.
            if self.small.contains(&code) {
                continue;
            }
            // White on dark fills (by luminance), ink on light ones.
            let dark =
                0.299 * f64::from(fill.0) + 0.587 * f64::from(fill.1) + 0.114 * f64::from(fill.2)
                    < 110.0;
            let colour = if dark { BORDER } else { INK };
            let (text, below) = match value {
                Some(v) => (format!("{code} {v}"), 0),
                // Under the shape, which is drawn as an outline only.
                None if fill == NO_FORCES => (format!("{code}: no armed forces"), st.px(30.0)),
                None => (code, 0),
            };
            root.draw(&Text::new(
                text,
                (x.round() as i32, y.round() as i32 + below),
                st.text(12.0, colour)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
        let (l, t, r, b) = panel.rect;
        root.draw(&Rectangle::new(
            [(l, t), (r, b)],
            style::GRID.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            panel.region.name.to_string(),
            (l + st.px(8.0), t + st.px(6.0)),
            st.bold(14.0, MUTED),
        ))?;
        Ok(())
    }
}

/// The two panels in the area (left, top, width, height): North America
/// narrower on the left, Europe on the right.
pub fn layout(area: (i32, i32, i32, i32), gap: i32) -> (Panel, Panel) {
    let (l, t, w, h) = area;
    let left = (f64::from(w) * 0.34) as i32;
    let na: Region = NORTH_AMERICA;
    (
        Panel::fit(na, (l, t, left - gap, h)),
        Panel::fit(EUROPE, (l + left, t, w - left, h)),
    )
}

impl Chart for MapChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let area = style::frame_with_legend(root, st, &self.frame, &self.legend)?;
        let (w, h) = area.dim_in_pixel();
        let (x0, y0) = area.get_base_pixel();
        let (na, europe) = layout((x0, y0, w as i32, h as i32), st.px(16.0));
        self.panel(root, st, &na)?;
        self.panel(root, st, &europe)?;
        Ok(())
    }
}

#[cfg(test)]
mod territory_tests;
