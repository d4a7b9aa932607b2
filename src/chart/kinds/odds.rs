//! `odds`: each ally's chance of reaching the target by the target year in the
//! Monte Carlo outlook, highest first, with the groups' chances in the
//! subtitle; for the share process, the chance under the other named
//! assumptions (plans kept, momentum persists, no carry-over) marked on
//! each bar.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::outlook_input::{model_line, outlook_for, outlook_options};
use super::{edition_line, footer, Kind, Prepared};
use crate::chart::bars::{category_label, widest};
use crate::chart::style::{self, DrawResult, Mark, Style, Swatch, INK, MUTED};
use crate::chart::{Chart, ChartSpec, Frame, Takes};
use crate::data::groups;
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::forecast::odds::Commitment;
use crate::forecast::odds::OutlookRun;
use crate::results::Results;
use crate::units::pct;

pub struct Odds;

/// The groups drawn without --groups.
const GROUPS: [&str; 2] = [groups::EUROPE_CANADA, groups::UNITED_STATES];

const OPTIONS: [Takes; 10] = outlook_options(&GROUPS);

impl Kind for Odds {
    fn id(&self) -> &'static str {
        "odds"
    }

    fn edition_help(&self) -> Option<String> {
        Some(super::outlook_input::origin_help())
    }

    fn about(&self) -> String {
        "Each ally's chance of reaching the target by the target year (Monte Carlo outlook)".into()
    }

    fn outlook_section(&self, _r: &Results) -> Option<(usize, String)> {
        Some((
            1,
            "How likely is 3.5% of GDP by 2035? The Monte Carlo outlook".to_string(),
        ))
    }

    fn waits_for_outlook(&self) -> bool {
        true
    }

    fn options(&self) -> &'static [Takes] {
        &OPTIONS
    }

    fn prepare(&self, r: &Results, spec: &ChartSpec) -> Result<Prepared> {
        let run = outlook_for(r, spec, &GROUPS)?;
        let kept = |key: &str| run.kept_probability(key);
        let rows = rows_of(r, &run);
        let adjust = run.share.is_some();
        type Row = OddsRow;
        let (yes, no) = if adjust {
            ("plan", "pledge")
        } else {
            ("plan", "record")
        };
        let (key, header) = if adjust {
            ("pulled_toward", "Pulled toward")
        } else {
            ("anchor", "Spending growth from")
        };
        let mut columns = vec![
            column("ally", "Ally", |r: &Row| Value::text(&r.name)),
            column("probability", "Probability", |r: &Row| {
                Value::Number(r.probability, 6)
            }),
            column("standard_error", "Standard error", |r: &Row| {
                Value::Number(r.standard_error, 6)
            }),
            column(key, header, move |r: &Row| {
                Value::text(if r.plan { yes } else { no })
            }),
        ];
        if adjust {
            for (k, (key, header)) in [
                ("probability_plans_kept", "Probability, plans kept"),
                (
                    "probability_momentum_persists",
                    "Probability, momentum persists",
                ),
                ("probability_no_carry_over", "Probability, no carry-over"),
            ]
            .into_iter()
            .enumerate()
            {
                columns.push(column(key, header, move |r: &Row| {
                    Value::num(r.others.map(|o| o[k]), 6)
                }));
            }
        }
        let table = Table::of(&columns, &rows);
        let legend = if adjust {
            [
                format!("Pulled toward its national plan ({})", run.plans.info.id),
                "Toward the pledges in force (no plan that counts)".to_string(),
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
                Some(match kept(&g.key).filter(|_| adjust) {
                    Some(k) => format!(
                        "{} {:.0}% (plans kept {:.0}%, momentum persists {:.0}%, no carry-over {:.0}%)",
                        g.label,
                        o.probability * 100.0,
                        k * 100.0,
                        o.probability_persists * 100.0,
                        o.probability_no_drift * 100.0
                    ),
                    None => format!("{} {:.0}%", g.label, o.probability * 100.0),
                })
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

/// Each ally's row, most likely first.
fn rows_of(r: &Results, run: &OutlookRun) -> Vec<OddsRow> {
    let mut rows: Vec<OddsRow> = run
        .allies
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let o = run.outcome(&a.input.code)?;
            let plan = match &run.share {
                Some(share) => share.commitments[i] == Commitment::Plan,
                None => a.from_plan,
            };
            let others = match (&run.share, run.kept_probability(&a.input.code)) {
                (Some(_), Some(kept)) => {
                    Some([kept, o.probability_persists, o.probability_no_drift])
                }
                _ => None,
            };
            Some(OddsRow {
                name: r.name_of(&a.input.code),
                probability: o.probability,
                standard_error: o.standard_error,
                plan,
                others,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.probability
            .total_cmp(&a.probability)
            .then(a.name.cmp(&b.name))
    });
    rows
}

/// An ally's chance, its standard error, whether its plan drives it, and
/// (the share process) its chance with plans kept, momentum persisting and
/// no carry-over.
pub struct OddsRow {
    pub name: String,
    pub probability: f64,
    pub standard_error: f64,
    pub plan: bool,
    pub others: Option<[f64; 3]>,
}

/// The marks of the other assumptions, in the order of `OddsRow::others`.
const MARKS: [(Mark, RGBColor, &str); 3] = [
    (Mark::Diamond, style::GREEN, "plans kept"),
    (Mark::Triangle, style::VERMILLION, "momentum persists"),
    (Mark::Circle, INK, "no carry-over"),
];

/// Allies' chances as horizontal bars, highest first.
pub struct OddsChart {
    pub frame: Frame,
    pub rows: Vec<OddsRow>,
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
        let marks: Vec<(Swatch, String)> = MARKS
            .iter()
            .map(|(m, c, label)| (Swatch::Mark(*m, *c), format!("P if {label}")))
            .collect();
        let with_marks = self.rows.iter().any(|r| r.others.is_some());
        let legends: Vec<&[(Swatch, String)]> = if with_marks {
            vec![&items, &marks]
        } else {
            vec![&items]
        };
        let area = style::frame_with_legends(root, st, &self.frame, &legends)?;
        let n = self.rows.len().max(1) as f64;
        let labelled: Vec<String> = self
            .rows
            .iter()
            .map(|r| match r.others {
                Some(_) => format!("{} {:.0}%", r.name, r.probability * 100.0),
                None => r.name.clone(),
            })
            .collect();
        let labels: Vec<&str> = labelled.iter().map(String::as_str).collect();
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
        for (i, row) in self.rows.iter().enumerate() {
            let (name, p, se, plan) = (&row.name, &row.probability, &row.standard_error, &row.plan);
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
            match row.others {
                // With the marks, the model's chance goes beside the name.
                Some(others) => {
                    category_label(
                        root,
                        st,
                        &format!("{name} {x:.0}%"),
                        (lx - st.px(10.0), py),
                        INK,
                    )?;
                    for ((shape, color, _), q) in MARKS.iter().zip(others) {
                        let at = chart.backend_coord(&(q * 100.0, y + 0.5));
                        style::mark(root, st, (*shape, *color), at, st.px(13.0))?;
                    }
                }
                None => {
                    category_label(root, st, name, (lx - st.px(10.0), py), INK)?;
                    let (px, py) = chart.backend_coord(&(hi, y + 0.5));
                    let text = st.text(14.0, INK).pos(Pos::new(HPos::Left, VPos::Center));
                    root.draw(&Text::new(format!("{x:.0}%"), (px + st.px(6.0), py), text))?;
                }
            }
        }
        Ok(())
    }
}
