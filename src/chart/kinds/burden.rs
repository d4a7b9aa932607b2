//! `burden`: each ally's share of allied spending against its share of allied GDP.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::chart::scatter::{plot_bounds, Labeller, Point};
use crate::chart::style::{self, DrawResult, Style, Swatch, INK};
use crate::chart::Chart;
use crate::units::pct;

use super::{edition_line, estimate_note, footer, Kind, Prepared};
use crate::calc::BurdenRow;
use crate::chart::ChartSpec;
use crate::chart::Frame;
use crate::data::groups;
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::findings::allied_gdp_note;
use crate::results::Results;

pub struct Burden;

impl Kind for Burden {
    fn id(&self) -> &'static str {
        "burden"
    }

    fn takes_year(&self, _spec: &ChartSpec) -> bool {
        true
    }

    fn about(&self) -> String {
        "Share of allied spending against share of allied GDP".into()
    }

    fn report_caption(&self, _r: &Results, _spec: &ChartSpec) -> Option<String> {
        Some(String::from(
            "Shares of allied spending against shares of allied GDP",
        ))
    }

    fn prepare(&self, r: &Results, _options: &ChartSpec) -> Result<Prepared> {
        let (data, year) = (r.data(), r.year());
        let edition = &data.edition;
        let us = r.group(groups::UNITED_STATES);
        let b = r.burden(year)?;
        let mut points = Vec::new();
        let rows: Vec<&BurdenRow> = b.rows.iter().filter(|r| r.has_armed_forces).collect();
        let table = Table::of(
            &[
                column("code", "Code", |r: &BurdenRow| Value::text(&r.code)),
                column("ally", "Ally", |r: &BurdenRow| Value::text(&r.name)),
                column("year", "Year", |_: &BurdenRow| Value::Int(year.into())),
                column("gdp_share", "Share of allied GDP (%)", |r: &BurdenRow| {
                    Value::num(r.gdp_share, 4)
                }),
                column(
                    "spending_share",
                    "Share of allied spending (%)",
                    |r: &BurdenRow| Value::num(r.spending_share, 4),
                ),
            ],
            rows.iter().copied(),
        );
        let mut us_share = None;
        for r in rows {
            if let (Some(x), Some(y)) = (r.gdp_share, r.spending_share) {
                let highlighted = us.contains(&r.code);
                if highlighted {
                    us_share = Some(y);
                }
                points.push(Point {
                    code: r.code.clone(),
                    x,
                    y,
                    highlight: highlighted
                        .then(|| format!("{} {y:.0}% of spending, {x:.0}% of GDP", r.name)),
                });
            }
        }
        let year_label = edition.year_label(year);
        let frame = Frame {
            title: format!(
                "Who carries the burden? Shares of allied spending and GDP, {year_label}"
            ),
            subtitle: format!(
                "{} · current prices and exchange rates · the {}: {:.0}% of allied defence spending",
                edition_line(data),
                us.label,
                us_share.unwrap_or(f64::NAN)
            ),
            footer: footer(
                data,
                &[format!(
                    "Above the dashed line an ally's share of allied spending exceeds its share of allied GDP. {} {}",
                    allied_gdp_note(r.allies(), &b, edition),
                    estimate_note(r, year).join(" ")
                )],
            ),
        };
        Ok(Prepared {
            chart: Box::new(BurdenChart { frame, points }),
            table,
        })
    }
}

/// Share of allied spending (y) against share of allied GDP (x), log scales.
pub struct BurdenChart {
    pub frame: Frame,
    pub points: Vec<Point>,
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
