//! `shares`: allies ranked by share of GDP, with target lines.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::chart::bars::{category_label, widest};
use crate::chart::style::{self, DrawResult, Style, Swatch, INK, MUTED};
use crate::chart::{nice_ceiling, Chart};

use super::{edition_line, estimate_note, footer, share_basis, targets, Kind, Prepared};
use crate::calc::{targets as defaults, Standing, Status};
use crate::chart::Frame;
use crate::chart::{ChartOption, ChartSpec, Takes, Unset};
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::results::Results;
use crate::units::pct;

pub struct Shares;

impl Kind for Shares {
    fn id(&self) -> &'static str {
        "shares"
    }

    fn takes_year(&self, _spec: &ChartSpec) -> bool {
        true
    }

    fn about(&self) -> String {
        "Allies ranked by share of GDP, with target lines".into()
    }

    fn report_caption(&self, _r: &Results, _spec: &ChartSpec) -> Option<String> {
        Some(String::from(
            "Allies ranked by share of GDP, against 2% and 3%",
        ))
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[Takes::value(
            ChartOption::Targets,
            Unset::Targets(&defaults::SHARES_CHART),
        )];
        TAKES
    }

    fn prepare(&self, r: &Results, options: &ChartSpec) -> Result<Prepared> {
        let (data, year) = (r.data(), r.year());
        let edition = &data.edition;
        let targets = targets(options, &defaults::SHARES_CHART);
        let low = targets.first().copied().unwrap_or(defaults::GUIDELINE);
        let st = r.standing(year, low)?;
        let mut bars = Vec::new();
        let mut na = Vec::new();
        let table = Table::of(
            &[
                column("code", "Code", |s: &Standing| Value::text(&s.code)),
                column("ally", "Ally", |s: &Standing| Value::text(&s.name)),
                column("year", "Year", |_: &Standing| Value::Int(year.into())),
                column("estimate", "Estimate", |_: &Standing| {
                    Value::Bool(edition.is_estimate(year))
                }),
                column("share_of_gdp", "Share of GDP (%)", |s: &Standing| {
                    Value::num(s.share, 4)
                }),
                column("status", "Status", |s: &Standing| {
                    Value::text(s.status.key())
                }),
            ],
            &st.rows,
        );
        let (mut meeting, mut counted) = (0, 0);
        for s in &st.rows {
            match (s.status, s.share) {
                (Status::NotApplicable, _) => {
                    na.push((s.name.clone(), "n/a (no armed forces)".to_string()))
                }
                (status, Some(share)) => {
                    counted += 1;
                    meeting += usize::from(status == Status::Meets);
                    bars.push(ShareBar {
                        label: s.name.clone(),
                        share,
                    });
                }
                _ => na.push((s.name.clone(), format!("no figures for {year}"))),
            }
        }
        bars.reverse(); // highest first
        let year_label = edition.year_label(year);
        let frame = Frame {
            title: format!("Defence expenditure as a share of GDP, {year_label}"),
            subtitle: format!(
                "{} · {} · {meeting} of {counted} allies with armed forces at or above {}%",
                edition_line(data),
                share_basis(data),
                pct(low)
            ),
            footer: footer(data, &estimate_note(r, year)),
        };
        Ok(Prepared {
            chart: Box::new(SharesChart {
                frame,
                bars,
                not_applicable: na,
                targets,
                estimate: edition.is_estimate(year),
            }),
            table,
        })
    }
}

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
