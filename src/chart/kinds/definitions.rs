//! `definitions`: NATO's, SIPRI's and Eurostat's measures of defence for
//! each ally in one year, as dots on a row, the gap between them as a line.

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Kind, Prepared};
use crate::calc::definitions::{self, DefinitionYear};
use crate::chart::bars::{category_label, ranked_axes};
use crate::chart::style::{self, DrawResult, Style, Swatch, INK};
use crate::chart::{nice_ceiling, Chart, ChartOption, ChartSpec, Frame, Takes};
use crate::data::sipri::Measure;
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::results::Results;
use crate::units::pct;

pub struct Definitions;

impl Kind for Definitions {
    fn id(&self) -> &'static str {
        "definitions"
    }

    fn takes_year(&self, _spec: &ChartSpec) -> bool {
        true
    }

    fn about(&self) -> String {
        "NATO's, SIPRI's and Eurostat's measures of defence for each ally in one year (% of GDP)"
            .into()
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[Takes::rule(ChartOption::Allies, "the EU member states")];
        TAKES
    }

    fn prepare(&self, r: &Results, o: &ChartSpec) -> Result<Prepared> {
        let (gov_ev, _) = r.gov_ev()?;
        let sipri = r.sipri_installed(&[Measure::ShareOfGdp])?;
        // The latest year every source drawn has: the edition's year asked,
        // Eurostat's last, SIPRI's last where installed.
        let mut year = r.year().min(gov_ev.years().map_or(r.year(), |y| y.1));
        if let Some(s) = &sipri {
            year = year.min(s.release.last_year);
        }
        let rows = rows(r, o, year, &gov_ev, sipri.as_deref())?;
        let table = table(&rows);
        let edition = r.edition();
        let year_label = edition.year_label(year);
        let mut footer = vec![edition.citation.clone(), gov_ev.citation.clone()];
        if let Some(s) = &sipri {
            footer.push(s.release.citation.clone());
        }
        footer.push(format!(
            "NATO: {}; Eurostat: gov_ev, general government expenditure on defence (COFOG 02), one decimal; SIPRI: its own definition (paramilitary forces included){}. No Eurostat dot: no total published. Chart: defspend.",
            edition.basis.label(),
            if sipri.is_some() { "" } else { ", not installed" }
        ));
        let frame = Frame {
            title: format!("Three definitions of defence spending, {year_label}"),
            subtitle: format!(
                "% of GDP · NATO {} · Eurostat gov_ev ({}) · {}",
                edition.id,
                gov_ev.id,
                sipri
                    .as_ref()
                    .map_or("SIPRI not installed".to_string(), |s| format!(
                        "SIPRI {}",
                        s.release.id
                    ))
            ),
            footer,
        };
        Ok(Prepared {
            chart: Box::new(DefinitionsChart {
                frame,
                rows: rows
                    .iter()
                    .map(|d| (d.name.clone(), [d.nato, d.eurostat, d.sipri]))
                    .collect(),
                sipri: sipri.is_some(),
            }),
            table,
        })
    }
}

/// The allies asked (default: the EU members) in `year`, with a figure on at
/// least one measure, NATO's highest first.
fn rows(
    r: &Results,
    o: &ChartSpec,
    year: i32,
    gov_ev: &crate::data::eurostat::GovEv,
    sipri: Option<&crate::data::sipri::Sipri>,
) -> Result<Vec<DefinitionYear>> {
    let codes = if o.allies.is_empty() {
        r.allies()
            .iter()
            .filter(|a| a.eu_member)
            .map(|a| a.nato_code.clone())
            .collect()
    } else {
        r.ally_codes(&o.allies)?
    };
    let allies: Vec<&crate::data::Ally> = r
        .allies()
        .iter()
        .filter(|a| codes.contains(&a.nato_code))
        .collect();
    let mut histories = BTreeMap::new();
    for a in &allies {
        histories.insert(a.nato_code.clone(), r.ally_history(&a.nato_code)?);
    }
    let mut rows = definitions::by_ally_year(
        &histories,
        &allies,
        (year, year),
        gov_ev,
        sipri.and_then(|s| s.table(Measure::ShareOfGdp)),
    );
    rows.retain(|d| d.nato.is_some() || d.eurostat.is_some() || d.sipri.is_some());
    rows.sort_by(|a, b| b.nato.unwrap_or(0.0).total_cmp(&a.nato.unwrap_or(0.0)));
    Ok(rows)
}

/// The chart's numbers.
fn table(rows: &[DefinitionYear]) -> Table {
    Table::of(
        &[
            column("code", "Code", |d: &DefinitionYear| Value::text(&d.code)),
            column("ally", "Ally", |d: &DefinitionYear| Value::text(&d.name)),
            column("year", "Year", |d: &DefinitionYear| {
                Value::Int(d.year.into())
            }),
            column("nato_pct_gdp", "NATO (%)", |d: &DefinitionYear| {
                Value::num(d.nato, 2)
            }),
            column("sipri_pct_gdp", "SIPRI (%)", |d: &DefinitionYear| {
                Value::num(d.sipri, 2)
            }),
            column("eurostat_pct_gdp", "Eurostat (%)", |d: &DefinitionYear| {
                Value::num(d.eurostat, 1)
            }),
        ],
        rows,
    )
}

/// One row per ally: NATO's, Eurostat's and SIPRI's share of GDP.
pub struct DefinitionsChart {
    pub frame: Frame,
    pub rows: Vec<(String, [Option<f64>; 3])>,
    pub sipri: bool,
}

const COLOURS: [RGBColor; 3] = [style::BLUE, style::ORANGE, style::GREEN];

impl Chart for DefinitionsChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let mut items = vec![
            (Swatch::Fill(COLOURS[0]), "NATO".to_string()),
            (Swatch::Fill(COLOURS[1]), "Eurostat gov_ev".to_string()),
        ];
        if self.sipri {
            items.push((Swatch::Fill(COLOURS[2]), "SIPRI".to_string()));
        }
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;
        let labels: Vec<&str> = self.rows.iter().map(|(l, _)| l.as_str()).collect();
        let max = self
            .rows
            .iter()
            .flat_map(|(_, v)| v.iter().flatten().copied())
            .fold(0.0, f64::max);
        let xmax = nice_ceiling(max * 1.08);
        let mut chart = ranked_axes(&area, st, &labels, (0.0, xmax), 40.0, "% of GDP", &|v| {
            format!("{}%", pct(*v))
        })?;
        let n = self.rows.len() as f64;
        for (i, (label, values)) in self.rows.iter().enumerate() {
            let y = n - i as f64 - 0.5;
            let present: Vec<f64> = values.iter().flatten().copied().collect();
            if present.len() > 1 {
                let lo = present.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(lo, y), (hi, y)],
                    style::AXIS.stroke_width(st.upx(3.0)),
                )))?;
            }
            for (k, v) in values.iter().enumerate() {
                if let Some(v) = v {
                    chart.draw_series(std::iter::once(Circle::new(
                        (*v, y),
                        st.upx(7.0),
                        COLOURS[k].filled(),
                    )))?;
                    chart.draw_series(std::iter::once(Circle::new(
                        (*v, y),
                        st.upx(7.0),
                        INK.stroke_width(st.upx(1.0)),
                    )))?;
                }
            }
            let (lx, py) = chart.backend_coord(&(0.0, y));
            category_label(root, st, label, (lx - st.px(10.0), py), INK)?;
        }
        Ok(())
    }
}
