//! `us-vs-europe`: the United States against Europe and Canada, constant prices.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::chart::style::{self, DrawResult, Style, Swatch, INK};
use crate::chart::{nice_ceiling, Chart};

use super::{edition_line, footer, years_list, Kind, Prepared};
use crate::chart::ChartSpec;
use crate::chart::Frame;
use crate::data::groups;
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::results::Results;
use crate::units::bn;

pub struct UsVsEurope;

impl Kind for UsVsEurope {
    fn id(&self) -> &'static str {
        "us-vs-europe"
    }

    fn about(&self) -> String {
        "Group `us` against group `europe-canada` (groups.toml), constant prices".into()
    }

    fn report_caption(&self, r: &Results, _spec: &ChartSpec) -> Option<String> {
        let us = r.group(groups::UNITED_STATES);
        let europe = r.group(groups::EUROPE_CANADA);
        Some(format!("The {} against {}", us.label, europe.label))
    }

    fn prepare(&self, r: &Results, _options: &ChartSpec) -> Result<Prepared> {
        let data = r.data();
        let edition = &data.edition;
        let us = r.group(groups::UNITED_STATES);
        let europe = r.group(groups::EUROPE_CANADA);
        let history = r.us_vs_europe(us, europe)?;
        // Each year in constant USD bn, and the US share in constant prices, as drawn.
        struct Row {
            year: i32,
            us_bn: f64,
            europe_bn: f64,
            us_share: f64,
        }
        let rows: Vec<Row> = history
            .iter()
            .map(|h| {
                let us_bn = bn(Some(h.us_usd_constant_m)).unwrap_or(0.0);
                let eu_bn = bn(Some(h.europe_canada_usd_constant_m)).unwrap_or(0.0);
                Row {
                    year: h.year,
                    us_bn,
                    europe_bn: eu_bn,
                    us_share: us_bn / (us_bn + eu_bn) * 100.0,
                }
            })
            .collect();
        let table = Table::of(
            &[
                column("year", "Year", |r: &Row| Value::Int(r.year.into())),
                column("estimate", "Estimate", |r: &Row| {
                    Value::Bool(edition.is_estimate(r.year))
                }),
                column(
                    crate::export::based("us_usd_constant_bn", edition.price_base_year),
                    format!("{} (USD bn, constant)", us.label),
                    |r: &Row| Value::Number(r.us_bn, 3),
                ),
                column(
                    crate::export::based("europe_canada_usd_constant_bn", edition.price_base_year),
                    format!("{} (USD bn, constant)", europe.label),
                    |r: &Row| Value::Number(r.europe_bn, 3),
                ),
                column(
                    "us_share_of_allied_spending",
                    "US share of allied spending (%)",
                    |r: &Row| Value::Number(r.us_share, 3),
                ),
            ],
            &rows,
        );
        let years: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    edition.year_label(r.year),
                    r.us_bn,
                    r.europe_bn,
                    r.us_share,
                    edition.is_estimate(r.year),
                )
            })
            .collect();
        let frame = Frame {
            title: format!(
                "The {} and {}: defence spending, {}-{}",
                us.label, europe.label, edition.first_year, edition.last_year
            ),
            subtitle: format!(
                "{} · USD bn, constant {} prices and exchange rates · labels: US share of allied spending",
                edition_line(data),
                edition.price_base_year
            ),
            footer: footer(
                data,
                &[format!(
                    "{} counts each ally from the year it joined. Lighter bars: NATO estimates ({}).",
                    europe.label,
                    years_list(&edition.estimate_years)
                )],
            ),
        };
        Ok(Prepared {
            chart: Box::new(UsEuropeChart {
                labels: (us.label.clone(), europe.label.clone()),
                frame,
                years,
                unit: format!("USD bn, constant {} prices", edition.price_base_year),
            }),
            table,
        })
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
