//! `per-capita`: each ally's defence spending per person in a year, with the
//! allied figure; NATO's own table where the edition has one, else spending
//! over the IMF outlook's population, named on the chart.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{edition_line, footer, Kind, Prepared};
use crate::calc::percapita::PerCapita;
use crate::chart::bars::{category_label, ranked_axes};
use crate::chart::style::{self, DrawResult, Style, Swatch, INK};
use crate::chart::{nice_ceiling, Chart, ChartOption, ChartSpec, Frame, Takes};
use crate::error::{Error, Result};
use crate::export::{column, Table, Value};
use crate::param::Param;
use crate::results::Results;

pub struct PerCapitaKind;

impl Kind for PerCapitaKind {
    fn id(&self) -> &'static str {
        "per-capita"
    }

    fn takes_year(&self, _spec: &ChartSpec) -> bool {
        true
    }

    fn about(&self) -> String {
        format!(
            "Defence spending per person by ally in {}, with the allied figure",
            Param::Year
        )
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[Takes::rule(ChartOption::Economy, "the latest")];
        TAKES
    }

    fn prepare(&self, r: &Results, o: &ChartSpec) -> Result<Prepared> {
        let (basis, rows, allied) = r.per_capita(o.economy.as_deref(), r.year())?;
        if rows.is_empty() {
            return Err(Error::usage(
                Param::Year,
                format!("no spending per person for {}", r.year()),
            ));
        }
        let table = Table::of(
            &[
                column("code", "Code", |r: &PerCapita| Value::text(&r.code)),
                column("ally", "Ally", |r: &PerCapita| Value::text(&r.name)),
                column("year", "Year", |r: &PerCapita| Value::Int(r.year.into())),
                column("estimate", "Estimate", |r: &PerCapita| {
                    Value::Bool(r.estimate)
                }),
                column("per_person_usd", "Per person (USD)", |r: &PerCapita| {
                    Value::Number(r.usd, 1)
                }),
                column("population_m", "Population (m)", |r: &PerCapita| {
                    Value::Number(r.population_m, 3)
                }),
            ],
            &rows,
        );
        let year_label = r.edition().year_label(r.year());
        let frame = Frame {
            title: format!("Defence spending per person, {year_label}"),
            subtitle: format!("{} · {}", edition_line(r.data()), basis.label()),
            footer: footer(r.data(), &[basis.note()]),
        };
        Ok(Prepared {
            chart: Box::new(PerCapitaChart {
                frame,
                rows,
                allied,
            }),
            table,
        })
    }
}

pub struct PerCapitaChart {
    pub frame: Frame,
    pub rows: Vec<PerCapita>,
    pub allied: Option<f64>,
}

impl Chart for PerCapitaChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let mut items = vec![(Swatch::Fill(style::BLUE), "Spending per person".to_string())];
        if let Some(a) = self.allied {
            items.push((
                Swatch::Dashed(INK),
                format!("All allies together: {a:.0} USD"),
            ));
        }
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;
        let n = self.rows.len() as f64;
        let max = self.rows.iter().map(|r| r.usd).fold(0.0, f64::max);
        let labels: Vec<&str> = self.rows.iter().map(|r| r.name.as_str()).collect();
        let mut chart = ranked_axes(
            &area,
            st,
            &labels,
            (0.0, nice_ceiling(max * 1.1)),
            60.0,
            "USD per person",
            &|v| format!("{v:.0}"),
        )?;
        if let Some(a) = self.allied {
            chart.draw_series(DashedLineSeries::new(
                vec![(a, 0.0), (a, n)],
                st.upx(8.0),
                st.upx(6.0),
                INK.stroke_width(st.upx(2.0)),
            ))?;
        }
        for (i, r) in self.rows.iter().enumerate() {
            let y = n - i as f64 - 1.0;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, y + 0.18), (r.usd, y + 0.82)],
                style::BLUE.filled(),
            )))?;
            let (lx, py) = chart.backend_coord(&(0.0, y + 0.5));
            category_label(root, st, &r.name, (lx - st.px(10.0), py), INK)?;
            let (px, py) = chart.backend_coord(&(r.usd, y + 0.5));
            style::boxed_text(
                root,
                st,
                &format!("{:.0}{}", r.usd, if r.estimate { "e" } else { "" }),
                (px + st.px(6.0), py),
                st.text(13.0, INK).pos(Pos::new(HPos::Left, VPos::Center)),
            )?;
        }
        Ok(())
    }
}
