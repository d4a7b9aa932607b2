//! `plans`: each ally's announced plan against the share the scenario requires
//! in its target year — a dot for each, joined — allies furthest behind first.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{edition_line, footer, Kind, Prepared};
use crate::chart::bars::{category_label, dumbbell, widest, End};
use crate::chart::style::{self, DrawResult, Style, Swatch, INK, MUTED};
use crate::chart::{nice_ceiling, Chart, ChartOption, ChartSpec, Frame, Takes, Unset};
use crate::data::plans::PlanBasis;
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::forecast::against::PlansRun;
use crate::results::Results;
use crate::units::{join_names, pct};

pub struct Plans;

/// One ally: its label, planned and required shares in the target year.
/// An ally's plan against the path in the target year: a line of the
/// chart's table.
struct PlanCell {
    code: String,
    name: String,
    year: i32,
    planned: f64,
    required: f64,
    /// Counted on a national definition.
    national: bool,
}

pub struct PlanRow {
    pub label: String,
    pub planned: f64,
    pub required: f64,
}

impl Kind for Plans {
    fn id(&self) -> &'static str {
        "plans"
    }

    /// It draws from its scenario's edition.
    fn takes_edition(&self, _spec: &ChartSpec) -> bool {
        false
    }

    fn about(&self) -> String {
        "Each ally's announced plan against the share the scenario requires in its target year"
            .into()
    }

    fn outlook_section(&self, _r: &Results) -> Option<(usize, String)> {
        Some((0, "National plans against the Hague path".to_string()))
    }

    fn waits_for_outlook(&self) -> bool {
        true
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[
            Takes::value(
                ChartOption::Scenario,
                Unset::Name(crate::calc::targets::DEFAULT_SCENARIO),
            ),
            Takes::rule(ChartOption::Economy, "the scenario's, else the latest"),
            Takes::rule(ChartOption::PlansVintage, "the latest"),
        ];
        TAKES
    }

    fn prepare(&self, r: &Results, spec: &ChartSpec) -> Result<Prepared> {
        let reference = spec
            .scenario
            .as_deref()
            .unwrap_or(crate::calc::targets::DEFAULT_SCENARIO);
        let run = r.plans(
            reference,
            spec.plans_vintage.as_deref(),
            spec.economy.as_deref(),
        )?;
        let s = &run.scenario;
        let (cells, national) = cells(r, &run);
        let table = Table::of(
            &[
                column("code", "Code", |r: &PlanCell| Value::text(&r.code)),
                column("ally", "Ally", |r: &PlanCell| Value::text(&r.name)),
                column("year", "Year", |r: &PlanCell| Value::Int(r.year.into())),
                column("planned_share", "Planned share (%)", |r: &PlanCell| {
                    Value::Number(r.planned, 4)
                }),
                column("required_share", "Required share (%)", |r: &PlanCell| {
                    Value::Number(r.required, 4)
                }),
            ],
            &cells,
        );
        // The bars, furthest behind first.
        let mut rows: Vec<PlanRow> = cells
            .iter()
            .map(|c| PlanRow {
                label: if c.national {
                    format!("{}*", c.name)
                } else {
                    c.name.clone()
                },
                planned: c.planned,
                required: c.required,
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.planned - a.required)
                .total_cmp(&(b.planned - b.required))
                .then(a.label.cmp(&b.label))
        });
        let behind = run
            .comparisons
            .iter()
            .filter(|c| c.years.last().is_some_and(|y| y.behind()))
            .count();
        let data = &run.data;
        let mut notes = vec![format!(
            "A plan is linear between its milestones and holds after its last. Required: {} ({}).",
            s.describe_target(),
            s.source
        )];
        if !national.is_empty() {
            notes.push(format!(
                "* Counted on a national definition, not comparable one for one with NATO's share: {}.",
                join_names(&national)
            ));
        }
        if let Some((_, outlook)) = &run.plans.converted_with {
            let converted: Vec<String> = run
                .plans
                .milestones
                .iter()
                .filter(|m| m.is_converted())
                .map(|m| format!("{} {}", r.name_of(&m.ally), m.year))
                .collect();
            if !converted.is_empty() {
                notes.push(format!(
                    "Announced in money, converted with the IMF's GDP in national currency: {} ({}).",
                    join_names(&converted),
                    outlook.trim_start_matches("Source: ").trim_end_matches('.')
                ));
            }
        }
        notes.push(run.plans.info.citation.clone());
        let frame = Frame {
            title: format!("National plans against the path to {}", s.target_year),
            subtitle: format!(
                "{} · share of GDP in {} · {behind} of {} plans fall short of the scenario's {}",
                edition_line(data),
                s.target_year,
                rows.len(),
                s.name
            ),
            footer: footer(data, &notes),
        };
        Ok(Prepared {
            chart: Box::new(PlansChart {
                frame,
                rows,
                year: s.target_year,
            }),
            table,
        })
    }
}

/// Planned and required shares per ally, joined.
pub struct PlansChart {
    pub frame: Frame,
    pub rows: Vec<PlanRow>,
    pub year: i32,
}

impl Chart for PlansChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let items = vec![
            (
                Swatch::Fill(style::BLUE),
                format!("Planned share in {}", self.year),
            ),
            (
                Swatch::Outline(style::VERMILLION),
                format!("Required share in {}", self.year),
            ),
        ];
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;
        let n = self.rows.len().max(1) as f64;
        let max = self
            .rows
            .iter()
            .map(|r| r.planned.max(r.required))
            .fold(0.0, f64::max);
        let labels: Vec<&str> = self.rows.iter().map(|r| r.label.as_str()).collect();
        let label_w = widest(&area, st, &labels)? + st.upx(16.0);
        let mut chart = ChartBuilder::on(&area)
            .margin_right(st.upx(90.0))
            .margin_top(st.upx(10.0))
            .x_label_area_size(st.upx(64.0))
            .y_label_area_size(label_w)
            .build_cartesian_2d(0f64..nice_ceiling(max * 1.1), 0f64..n)?;
        style::house_mesh(&mut chart.configure_mesh(), st)
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(10)
            .x_label_formatter(&|v| format!("{}%", pct(*v)))
            .x_desc("% of GDP")
            .draw()?;
        for (i, r) in self.rows.iter().enumerate() {
            let y = n - i as f64 - 0.5;
            // The required share hollow, the plan's filled over it.
            dumbbell(
                &mut chart,
                y,
                (r.planned, r.required, MUTED.stroke_width(st.upx(3.0))),
                [
                    End {
                        x: r.required,
                        radius: st.upx(8.0),
                        style: style::VERMILLION.stroke_width(st.upx(3.0)),
                    },
                    End {
                        x: r.planned,
                        radius: st.upx(7.0),
                        style: style::BLUE.filled(),
                    },
                ],
            )?;
            let (lx, py) = chart.backend_coord(&(0.0, y));
            category_label(root, st, &r.label, (lx - st.px(10.0), py), INK)?;
            let gap = r.planned - r.required;
            let (px, py) = chart.backend_coord(&(r.planned.max(r.required), y));
            let text = st.text(14.0, INK).pos(Pos::new(HPos::Left, VPos::Center));
            root.draw(&Text::new(
                format!("{gap:+.2}"),
                (px + st.px(12.0), py),
                text,
            ))?;
        }
        Ok(())
    }
}

/// One row an ally with a plan and a path in the target year (its table
/// line and its bar), and the allies counted on a national definition.
fn cells(r: &Results, run: &PlansRun) -> (Vec<PlanCell>, Vec<String>) {
    let mut cells: Vec<PlanCell> = Vec::new();
    let mut national = Vec::new();
    for c in &run.comparisons {
        let Some(last) = c.years.last() else { continue };
        let (Some(planned), Some(required)) = (last.planned, last.required) else {
            continue;
        };
        let name = r.name_of(&c.code);
        let is_national = run
            .plans
            .of(&c.code)
            .iter()
            .any(|m| m.basis == PlanBasis::NationalDefinition);
        if is_national {
            national.push(name.clone());
        }
        cells.push(PlanCell {
            code: c.code.clone(),
            name,
            year: last.year,
            planned,
            required,
            national: is_national,
        });
    }
    (cells, national)
}
