//! `equipment`: share of GDP against equipment share of spending (NATO's two guidelines).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::chart::scatter::{plot_bounds, Labeller, Point};
use crate::chart::style::{self, DrawResult, Style, Swatch, INK, MUTED};
use crate::chart::{nice_ceiling, Chart};
use crate::units::pct;

use super::{edition_line, estimate_note, footer, share_basis, Kind, Prepared};
use crate::calc::{targets, Standing};
use crate::chart::ChartSpec;
use crate::chart::Frame;
use crate::data::groups;
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::results::Results;

pub struct Equipment;

impl Kind for Equipment {
    fn id(&self) -> &'static str {
        "equipment"
    }

    fn takes_year(&self, _spec: &ChartSpec) -> bool {
        true
    }

    fn about(&self) -> String {
        "Share of GDP against equipment share of spending (NATO's two guidelines)".into()
    }

    fn report_caption(&self, _r: &Results, _spec: &ChartSpec) -> Option<String> {
        Some(String::from(
            "NATO's two guidelines: 2% of GDP and 20% on equipment",
        ))
    }

    fn prepare(&self, r: &Results, _options: &ChartSpec) -> Result<Prepared> {
        let (data, year) = (r.data(), r.year());
        let edition = &data.edition;
        let us = r.group(groups::UNITED_STATES);
        let (gdp_line, equipment_line) = (targets::GUIDELINE, targets::EQUIPMENT_GUIDELINE);
        let st = r.standing(year, gdp_line)?;
        // Allies with both figures: their share of GDP and of spending on equipment.
        let drawn: Vec<&Standing> = st
            .rows
            .iter()
            .filter(|s| s.share.is_some() && s.equipment_pct.is_some())
            .collect();
        let table = Table::of(
            &[
                column("code", "Code", |s: &Standing| Value::text(&s.code)),
                column("ally", "Ally", |s: &Standing| Value::text(&s.name)),
                column("year", "Year", |_: &Standing| Value::Int(year.into())),
                column("share_of_gdp", "Share of GDP (%)", |s: &Standing| {
                    Value::num(s.share, 4)
                }),
                column(
                    "equipment_pct",
                    "Equipment (% of spending)",
                    |s: &Standing| Value::num(s.equipment_pct, 4),
                ),
            ],
            drawn.iter().copied(),
        );
        let mut points = Vec::new();
        let mut both = 0;
        for s in drawn {
            if let (Some(x), Some(y)) = (s.share, s.equipment_pct) {
                both += usize::from(x >= gdp_line - 1e-9 && y >= equipment_line - 1e-9);
                points.push(Point {
                    code: s.code.clone(),
                    x,
                    y,
                    highlight: us.contains(&s.code).then(|| s.code.clone()),
                });
            }
        }
        let year_label = edition.year_label(year);
        let frame = Frame {
            title: format!(
                "NATO's two guidelines: 2% of GDP and 20% on equipment, {year_label}"
            ),
            subtitle: format!(
                "{} · {} · {both} of {} allies meet both",
                edition_line(data),
                share_basis(data),
                points.len()
            ),
            footer: footer(
                data,
                &[format!(
                    "Equipment: major equipment including related R&D, % of defence expenditure. {}",
                    estimate_note(r, year).join(" ")
                )],
            ),
        };
        Ok(Prepared {
            chart: Box::new(EquipmentChart {
                frame,
                points,
                gdp_guideline: gdp_line,
                equipment_guideline: equipment_line,
            }),
            table,
        })
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
