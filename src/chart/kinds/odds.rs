//! `odds`: each ally's chance of reaching the target by the target year in the
//! Monte Carlo outlook, highest first, with the groups' chances in the subtitle.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::outlook_input::{model_line, outlook_for, OUTLOOK_OPTIONS};
use super::{edition_line, footer, Kind, Prepared};
use crate::chart::bars::{category_label, widest};
use crate::chart::style::{self, DrawResult, Style, Swatch, INK, MUTED};
use crate::chart::{Chart, ChartOption, ChartSpec, Frame};
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::results::groups;
use crate::results::Commitment;
use crate::results::Results;
use crate::units::pct;

pub struct Odds;

impl Kind for Odds {
    fn id(&self) -> &'static str {
        "odds"
    }

    fn about(&self) -> &'static str {
        "Each ally's chance of reaching the target by the target year (Monte Carlo outlook)"
    }

    fn options(&self) -> &'static [ChartOption] {
        OUTLOOK_OPTIONS
    }

    fn prepare(&self, r: &Results, spec: &ChartSpec) -> Result<Prepared> {
        let run = outlook_for(r, spec, &[groups::EUROPE_CANADA, groups::UNITED_STATES])?;
        let mut rows: Vec<(String, f64, f64, bool)> = run
            .allies
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let o = run.outcome(&a.input.code)?;
                let plan = match &run.share {
                    Some(share) => share.commitments[i] == Commitment::Plan,
                    None => a.from_plan,
                };
                Some((
                    r.name_of(&a.input.code),
                    o.probability,
                    o.standard_error,
                    plan,
                ))
            })
            .collect();
        rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let adjust = run.share.is_some();
        // An ally, its probability and standard error, and whether its plan drives it.
        type Row = (String, f64, f64, bool);
        let (yes, no) = if adjust {
            ("plan", "path")
        } else {
            ("plan", "record")
        };
        let (key, header) = if adjust {
            ("pulled_toward", "Pulled toward")
        } else {
            ("anchor", "Spending growth from")
        };
        let table = Table::of(
            &[
                column("ally", "Ally", |r: &Row| Value::text(&r.0)),
                column("probability", "Probability", |r: &Row| {
                    Value::Number(r.1, 6)
                }),
                column("standard_error", "Standard error", |r: &Row| {
                    Value::Number(r.2, 6)
                }),
                column(key, header, move |r: &Row| {
                    Value::text(if r.3 { yes } else { no })
                }),
            ],
            &rows,
        );
        let legend = if adjust {
            [
                format!("Pulled toward its national plan ({})", run.plans.info.id),
                format!(
                    "Toward a path to {}% (no plan that counts)",
                    pct(run.target)
                ),
            ]
        } else {
            [
                "Spending growth from the ally's plan".to_string(),
                "From its record (no plan)".to_string(),
            ]
        };
        let group_text: Vec<String> = run
            .groups
            .iter()
            .filter_map(|g| {
                let o = run.outcome(&g.key)?;
                Some(format!("{} {:.0}%", g.label, o.probability * 100.0))
            })
            .collect();
        let data = &run.data;
        let t = pct(run.target);
        let frame = Frame {
            title: format!("How likely is {t}% of GDP by {}?", run.by),
            subtitle: format!(
                "{} · chance of reaching {t}% of GDP in {}, from {} · {}",
                edition_line(data),
                run.by,
                data.edition.year_label(run.scenario.baseline_year),
                group_text.join(", ")
            ),
            footer: footer(
                data,
                &[
                    model_line(&run),
                    run.plans.info.citation.clone(),
                    run.outlook.info.citation.clone(),
                ],
            ),
        };
        Ok(Prepared {
            chart: Box::new(OddsChart {
                frame,
                rows,
                legend,
            }),
            table,
        })
    }
}

/// Allies' chances as horizontal bars, highest first.
pub struct OddsChart {
    pub frame: Frame,
    /// (ally, probability, standard error, from a plan)
    pub rows: Vec<(String, f64, f64, bool)>,
    /// The legend of the two colours: with a plan, without.
    pub legend: [String; 2],
}

impl Chart for OddsChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let items = vec![
            (Swatch::Fill(style::BLUE), self.legend[0].clone()),
            (Swatch::Fill(style::SKY), self.legend[1].clone()),
            (
                Swatch::Dashed(MUTED),
                "50%: more likely than not".to_string(),
            ),
        ];
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;
        let n = self.rows.len().max(1) as f64;
        let labels: Vec<&str> = self.rows.iter().map(|r| r.0.as_str()).collect();
        let label_w = widest(&area, st, &labels)? + st.upx(16.0);
        let mut chart = ChartBuilder::on(&area)
            .margin_right(st.upx(60.0))
            .margin_top(st.upx(10.0))
            .x_label_area_size(st.upx(64.0))
            .y_label_area_size(label_w)
            .build_cartesian_2d(0f64..100.0, 0f64..n)?;
        style::house_mesh(&mut chart.configure_mesh(), st)
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(11)
            .x_label_formatter(&|v| format!("{v:.0}%"))
            .x_desc("Chance of reaching the target (% of draws)")
            .draw()?;
        chart.draw_series(DashedLineSeries::new(
            vec![(50.0, 0.0), (50.0, n)],
            st.upx(8.0),
            st.upx(6.0),
            MUTED.stroke_width(st.upx(2.0)),
        ))?;
        for (i, (name, p, se, plan)) in self.rows.iter().enumerate() {
            let y = n - i as f64 - 1.0;
            let color = if *plan { style::BLUE } else { style::SKY };
            let x = p * 100.0;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, y + 0.18), (x, y + 0.82)],
                color.filled(),
            )))?;
            // Two standard errors either side.
            let (lo, hi) = (
                (p - 2.0 * se).max(0.0) * 100.0,
                (p + 2.0 * se).min(1.0) * 100.0,
            );
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(lo, y + 0.5), (hi, y + 0.5)],
                INK.stroke_width(st.upx(2.0)),
            )))?;
            let (lx, py) = chart.backend_coord(&(0.0, y + 0.5));
            category_label(root, st, name, (lx - st.px(10.0), py), INK)?;
            let (px, py) = chart.backend_coord(&(hi, y + 0.5));
            let text = st.text(14.0, INK).pos(Pos::new(HPos::Left, VPos::Center));
            root.draw(&Text::new(format!("{x:.0}%"), (px + st.px(6.0), py), text))?;
        }
        Ok(())
    }
}
