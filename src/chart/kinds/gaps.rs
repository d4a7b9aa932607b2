//! `gaps`: the money gap per ally to one or more targets.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::chart::bars::{category_label, widest};
use crate::chart::style::{self, DrawResult, Style, Swatch, INK, MUTED};
use crate::chart::{nice_ceiling, Chart};

use super::{edition_line, estimate_note, footer, targets, Kind, Prepared};
use crate::calc::{targets as defaults, Standing, Standings, Status};
use crate::chart::Frame;
use crate::chart::{ChartOption, ChartSpec};
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::results::groups;
use crate::results::Results;
use crate::units::{bn, pct};

pub struct Gaps;

impl Kind for Gaps {
    fn id(&self) -> &'static str {
        "gaps"
    }

    fn about(&self) -> &'static str {
        "Money gap per ally to one or more targets"
    }

    fn report_caption(&self, _r: &Results) -> Option<String> {
        Some(String::from("The money gap to 2%, 3% and 3.5% of GDP"))
    }

    fn options(&self) -> &'static [ChartOption] {
        &[ChartOption::Targets]
    }

    fn prepare(&self, r: &Results, options: &ChartSpec) -> Result<Prepared> {
        let (data, year) = (r.data(), r.year());
        let edition = &data.edition;
        let targets = targets(options, &defaults::REPORT);
        let standings = r.standings(year, &targets)?;
        // An ally against a target: its row in the first standings, the target, the gap.
        type Row<'a> = (&'a Standing, f64, f64);
        let gap_to = |first: &Standing, st: &Standings| {
            let s = st.get(&first.code).unwrap_or(first);
            (s.status, bn(s.gap.usd_current_m).unwrap_or(0.0))
        };
        let cells: Vec<Row> = standings[0]
            .rows
            .iter()
            .flat_map(|first| {
                standings.iter().zip(&targets).filter_map(move |(st, t)| {
                    let (status, gap) = gap_to(first, st);
                    (status != Status::NotApplicable).then_some((first, *t, gap))
                })
            })
            .collect();
        let table = Table::of(
            &[
                column("code", "Code", |r: &Row| Value::text(&r.0.code)),
                column("ally", "Ally", |r: &Row| Value::text(&r.0.name)),
                column("year", "Year", |_: &Row| Value::Int(year.into())),
                column("target_pct", "Target (% of GDP)", |r: &Row| {
                    Value::Number(r.1, 2)
                }),
                column("gap_usd_current_bn", "Gap (USD bn, current)", |r: &Row| {
                    Value::Number(r.2, 3)
                }),
            ],
            &cells,
        );
        let mut rows: Vec<(String, Vec<f64>)> = Vec::new();
        for first in &standings[0].rows {
            let gaps: Vec<f64> = standings.iter().map(|st| gap_to(first, st).1).collect();
            // A gap that rounds to nothing at the chart's precision is left off the chart (not the table).
            if gaps.iter().any(|g| *g >= 0.05) {
                rows.push((first.name.clone(), gaps));
            }
        }
        rows.sort_by(|a, b| {
            b.1.last()
                .unwrap_or(&0.0)
                .total_cmp(a.1.last().unwrap_or(&0.0))
                .then(a.0.cmp(&b.0))
        });
        let europe = r.group(groups::EUROPE_CANADA);
        let mut totals = Vec::new();
        for (k, st) in standings.iter().enumerate() {
            let total = bn(Some(st.group_total(europe)?.gap_usd_current_m)).unwrap_or(0.0);
            // Whole billions read best, but a small total must not round to "$0 bn".
            let decimals = if total < 10.0 { 1 } else { 0 };
            totals.push(format!("${total:.decimals$} bn to {}%", pct(targets[k])));
        }
        let year_label = edition.year_label(year);
        let frame = Frame {
            title: format!("What it would take: the gap to each target, {year_label}"),
            subtitle: format!(
                "{} · USD bn a year, current prices · {} together: {}",
                edition_line(data),
                europe.label,
                totals.join(", ")
            ),
            footer: footer(
                data,
                &[format!(
                    "Gap = (target - share) / 100 x GDP for allies below a target; allies with no gap (under $0.05 bn) are not shown; group totals add up members' gaps. {}",
                    estimate_note(r, year).join(" ")
                )],
            ),
        };
        Ok(Prepared {
            chart: Box::new(GapsChart {
                frame,
                targets,
                rows,
                unit: "Gap, USD bn a year (current prices and exchange rates)".into(),
            }),
            table,
        })
    }
}

/// Money gaps to one or more targets, per ally: grouped horizontal bars.
pub struct GapsChart {
    pub frame: Frame,
    /// Ascending targets, the series.
    pub targets: Vec<f64>,
    /// Ally label and its gap (USD bn) to each target, largest gap to the highest target first.
    pub rows: Vec<(String, Vec<f64>)>,
    pub unit: String,
}

impl Chart for GapsChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let items: Vec<(Swatch, String)> = self
            .targets
            .iter()
            .enumerate()
            .map(|(k, t)| {
                (
                    Swatch::Fill(style::SERIES[k % style::SERIES.len()]),
                    format!("Gap to {}% of GDP", pct(*t)),
                )
            })
            .collect();
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;
        if self.rows.is_empty() {
            let style = st
                .text(24.0, MUTED)
                .pos(Pos::new(HPos::Center, VPos::Center));
            let (w, h) = area.dim_in_pixel();
            area.draw(&Text::new(
                "Every ally meets these targets: no gap.".to_string(),
                (w as i32 / 2, h as i32 / 2),
                style,
            ))?;
            return Ok(());
        }
        let n = self.rows.len() as f64;
        let max_gap = self
            .rows
            .iter()
            .flat_map(|(_, g)| g.iter().copied())
            .fold(0.0, f64::max);
        let xmax = nice_ceiling(max_gap * 1.1);
        let labels: Vec<&str> = self.rows.iter().map(|(l, _)| l.as_str()).collect();
        let label_w = widest(&area, st, &labels)? + st.upx(16.0);
        let mut chart = ChartBuilder::on(&area)
            .margin_right(st.upx(70.0))
            .margin_top(st.upx(10.0))
            .x_label_area_size(st.upx(64.0))
            .y_label_area_size(label_w)
            .build_cartesian_2d(0f64..xmax, 0f64..n)?;
        style::house_mesh(&mut chart.configure_mesh(), st)
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(8)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .x_desc(self.unit.as_str())
            .draw()?;
        let k = self.targets.len() as f64;
        let band = 0.8 / k;
        for (i, (label, gaps)) in self.rows.iter().enumerate() {
            let y = n - i as f64 - 1.0;
            for (j, gap) in gaps.iter().enumerate() {
                // Highest target's bar on top within the band.
                let y0 = y + 0.1 + band * (k - 1.0 - j as f64);
                let color = style::SERIES[j % style::SERIES.len()];
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y0 + band * 0.08), (*gap, y0 + band * 0.92)],
                    color.filled(),
                )))?;
                if self.rows.len() <= 20 || j + 1 == gaps.len() {
                    let (px, py) = chart.backend_coord(&(*gap, y0 + band / 2.0));
                    let value = st.text(15.0, INK).pos(Pos::new(HPos::Left, VPos::Center));
                    style::boxed_text(
                        root,
                        st,
                        &format!("{gap:.1}"),
                        (px + st.px(6.0), py),
                        value,
                    )?;
                }
            }
            let (lx, py) = chart.backend_coord(&(0.0, y + 0.5));
            category_label(root, st, label, (lx - st.px(10.0), py), INK)?;
        }
        Ok(())
    }
}
