//! `decompose`: why each ally's share of GDP moved between two years — a
//! spending effect and a GDP effect as diverging bars, the change as a dot.
//! Where the GDP bar outweighs the spending bar, a higher share came from a
//! shrinking or stagnant GDP, not from spending.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{edition_line, footer, Kind, Prepared};
use crate::calc::decompose::Decomposition;
use crate::calc::targets::GUIDELINE;
use crate::chart::bars::{category_label, widest};
use crate::chart::style::{self, DrawResult, Style, Swatch, INK};
use crate::chart::{nice_ceiling, Chart, ChartOption, ChartSpec, Frame, Takes};
use crate::error::{Error, Result};
use crate::export::{column, Table, Value};
use crate::param::Param;
use crate::results::Results;

pub struct Decompose;

impl Kind for Decompose {
    fn id(&self) -> &'static str {
        "decompose"
    }

    fn takes_year(&self, _spec: &ChartSpec) -> bool {
        true
    }

    fn about(&self) -> String {
        format!(
            "Why shares moved between {} and {}: spending effect against GDP effect",
            Param::From,
            Param::Year
        )
    }

    /// Last in the outlook's section; not when the year is the edition's
    /// first (nothing moved yet).
    fn outlook_section(&self, r: &Results) -> Option<(usize, String)> {
        (r.year() > r.edition().first_year)
            .then(|| (3, "Why shares moved: spending against GDP".to_string()))
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[Takes::rule(ChartOption::From, "the edition's first year")];
        TAKES
    }

    fn prepare(&self, r: &Results, spec: &ChartSpec) -> Result<Prepared> {
        let (data, to) = (r.data(), r.year());
        let edition = &data.edition;
        let from = spec.from.unwrap_or(edition.first_year);
        if !edition.years().contains(&from) {
            return Err(Error::usage(
                Param::From,
                format!(
                    "{from} is outside edition {} ({}-{})",
                    edition.id, edition.first_year, edition.last_year
                ),
            ));
        }
        if from >= to {
            return Err(Error::usage(
                Param::From,
                format!("{from} must come before the chart's year {to}"),
            ));
        }
        // The target does not matter: only shares, spending and GDP are read.
        let (rows, _) = r.decomposition(from, to, GUIDELINE)?;
        let table = Table::of(
            &[
                column("code", "Code", |d: &Decomposition| Value::text(&d.code)),
                column("ally", "Ally", |d: &Decomposition| Value::text(&d.name)),
                column("from", "From", |_: &Decomposition| Value::Int(from.into())),
                column("to", "To", |_: &Decomposition| Value::Int(to.into())),
                column("change_points", "Change (points)", |d: &Decomposition| {
                    Value::Number(d.change(), 4)
                }),
                column(
                    "spending_effect_points",
                    "Spending effect (points)",
                    |d: &Decomposition| Value::Number(d.spending_effect, 4),
                ),
                column(
                    "gdp_effect_points",
                    "GDP effect (points)",
                    |d: &Decomposition| Value::Number(d.gdp_effect, 4),
                ),
            ],
            &rows,
        );
        let carried = rows
            .iter()
            .filter(|d| d.change() >= 0.0 && d.carried_by_gdp())
            .count();
        let (from_label, to_label) = (edition.year_label(from), edition.year_label(to));
        let frame = Frame {
            title: format!("Why shares of GDP moved, {from_label} to {to_label}"),
            subtitle: format!(
                "{} · points of GDP at constant {} prices · {carried} of {} allies' shares held or rose mostly because GDP shrank or stagnated",
                edition_line(data),
                edition.price_base_year,
                rows.len()
            ),
            footer: footer(
                data,
                &[format!(
                    "Share s = D/Y at constant prices; s1 - s0 = s0 gD/(1+gY) - s0 gY/(1+gY): spending effect + GDP effect = change (dot). A falling GDP raises the share (GDP effect to the right). {}",
                    if edition.estimate_years.contains(&to) || edition.estimate_years.contains(&from) {
                        "Estimate years are NATO estimates (e)."
                    } else {
                        ""
                    }
                )],
            ),
        };
        Ok(Prepared {
            chart: Box::new(DecomposeChart { frame, rows }),
            table,
        })
    }
}

/// Diverging bars: each ally's spending and GDP effects, largest change first.
pub struct DecomposeChart {
    pub frame: Frame,
    pub rows: Vec<Decomposition>,
}

impl Chart for DecomposeChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let items = vec![
            (Swatch::Fill(style::BLUE), "Spending effect".to_string()),
            (Swatch::Fill(style::ORANGE), "GDP effect".to_string()),
            (Swatch::Line(INK), "Change in share (dot)".to_string()),
        ];
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;
        let n = self.rows.len().max(1) as f64;
        // Each side's extent: positive parts stack right, negative parts left.
        let (mut low, mut high) = (0.0f64, 0.0f64);
        for d in &self.rows {
            let parts = [d.spending_effect, d.gdp_effect];
            high = high.max(parts.iter().filter(|v| **v > 0.0).sum::<f64>());
            low = low.min(parts.iter().filter(|v| **v < 0.0).sum::<f64>());
        }
        let (xmin, xmax) = (-nice_ceiling(-low * 1.08), nice_ceiling(high * 1.08));
        let labels: Vec<&str> = self.rows.iter().map(|d| d.name.as_str()).collect();
        let label_w = widest(&area, st, &labels)? + st.upx(16.0);
        let mut chart = ChartBuilder::on(&area)
            .margin_right(st.upx(40.0))
            .margin_top(st.upx(10.0))
            .x_label_area_size(st.upx(64.0))
            .y_label_area_size(label_w)
            .build_cartesian_2d(xmin..xmax, 0f64..n)?;
        style::house_mesh(&mut chart.configure_mesh(), st)
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(10)
            .x_label_formatter(&|v| format!("{v:+.1}"))
            .x_desc("Points of GDP")
            .draw()?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, n)],
            style::AXIS.stroke_width(st.upx(2.0)),
        )))?;
        for (i, d) in self.rows.iter().enumerate() {
            let y = n - i as f64 - 1.0;
            let (mut right, mut left) = (0.0, 0.0);
            for (value, color) in [
                (d.spending_effect, style::BLUE),
                (d.gdp_effect, style::ORANGE),
            ] {
                let (x0, x1) = if value >= 0.0 {
                    let span = (right, right + value);
                    right += value;
                    span
                } else {
                    let span = (left + value, left);
                    left += value;
                    span
                };
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x0, y + 0.18), (x1, y + 0.82)],
                    color.filled(),
                )))?;
            }
            chart.draw_series(std::iter::once(Circle::new(
                (d.change(), y + 0.5),
                st.upx(5.0),
                INK.filled(),
            )))?;
            let (lx, py) = chart.backend_coord(&(xmin, y + 0.5));
            category_label(root, st, &d.name, (lx - st.px(10.0), py), INK)?;
            if self.rows.len() <= 32 {
                let (px, py) = chart.backend_coord(&(right.max(d.change()), y + 0.5));
                let text = st.text(13.0, INK).pos(Pos::new(HPos::Left, VPos::Center));
                root.draw(&Text::new(
                    format!("{:+.2}", d.change()),
                    (px + st.px(6.0), py),
                    text,
                ))?;
            }
        }
        Ok(())
    }
}
