//! `revisions`: each ally's share of GDP in one year as the earlier edition
//! published it and as the chart's edition does, largest revision first.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Kind, Prepared};
use crate::calc::longrun::Measure;
use crate::calc::revisions::{Causes, Revision};
use crate::chart::bars::{category_label, dumbbell, ranked_axes, End};
use crate::chart::style::{self, DrawResult, Style, Swatch, INK};
use crate::chart::{nice_ceiling, Chart, ChartSpec, Frame};
use crate::error::{Error, Result};
use crate::export::{column, Table, Value};
use crate::param::Param;
use crate::results::Results;

pub struct Revisions;

impl Kind for Revisions {
    fn id(&self) -> &'static str {
        "revisions"
    }

    fn takes_year(&self, _spec: &ChartSpec) -> bool {
        true
    }

    fn about(&self) -> String {
        format!("Each ally's share of GDP in {} against the edition before it (or after it), for {} (default: the latest both cover)", Param::Edition, Param::Year)
    }

    fn prepare(&self, r: &Results, _o: &ChartSpec) -> Result<Prepared> {
        // The chart's edition against the one before it; the first edition
        // against the one after it.
        let this = r.edition();
        let (before, after) = (r.editions().before(this), r.editions().after(this));
        let (from, to) = match (before, after) {
            (Some(b), _) => (b, this),
            (None, Some(a)) => (this, a),
            (None, None) => {
                return Err(Error::usage(
                    Param::Edition,
                    format!("{} is the only edition: nothing to compare", this.id),
                ))
            }
        };
        let year = r.year().min(from.last_year).min(to.last_year);
        let mut rows = r.revisions(from, to, Measure::Share)?;
        rows.retain(|r| r.year == year);
        let causes = Causes::between(from, to).for_measure(Measure::Share);
        let table = Table::of(
            &[
                column("code", "Code", |r: &Revision| Value::text(&r.code)),
                column("ally", "Ally", |r: &Revision| Value::text(&r.name)),
                column("year", "Year", |_: &Revision| Value::Int(year.into())),
                column("from_share", format!("{} (%)", from.id), |r: &Revision| {
                    Value::Number(r.from, 4)
                }),
                column("to_share", format!("{} (%)", to.id), |r: &Revision| {
                    Value::Number(r.to, 4)
                }),
                column(
                    "difference_points",
                    "Difference (points)",
                    |r: &Revision| Value::Number(r.difference(), 4),
                ),
            ],
            &rows,
        );
        let lower = rows.iter().filter(|r| r.difference() < 0.0).count();
        let frame = Frame {
            title: format!("Revisions: shares of GDP for {year}, {} against {}", from.id, to.id),
            subtitle: format!(
                "NATO, {} ({}) against {} ({}) · {lower} of {} allies lower in the later edition · {}",
                from.title,
                from.published.long(),
                to.title,
                to.published.long(),
                rows.len(),
                causes.describe()
            ),
            footer: vec![
                format!("{} {}", from.citation, to.citation),
                if causes.definition.is_some() {
                    "The editions measure different things (definition change): the differences are not revisions of one measure. Chart: defspend.".into()
                } else {
                    "Same definition in both editions: the differences are revisions of the data. Chart: defspend.".into()
                },
            ],
        };
        Ok(Prepared {
            chart: Box::new(RevisionsChart {
                frame,
                rows,
                labels: (from.id.clone(), to.id.clone()),
            }),
            table,
        })
    }
}

pub struct RevisionsChart {
    pub frame: Frame,
    pub rows: Vec<Revision>,
    pub labels: (String, String),
}

impl Chart for RevisionsChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let items = vec![
            (Swatch::Outline(style::GREY), self.labels.0.clone()),
            (Swatch::Fill(style::BLUE), self.labels.1.clone()),
        ];
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;
        let n = self.rows.len().max(1) as f64;
        let max = self
            .rows
            .iter()
            .map(|r| r.from.max(r.to))
            .fold(0.0, f64::max);
        let labels: Vec<&str> = self.rows.iter().map(|r| r.name.as_str()).collect();
        let mut chart = ranked_axes(
            &area,
            st,
            &labels,
            (0.0, nice_ceiling(max * 1.05)),
            80.0,
            "% of GDP",
            &|v| format!("{}%", crate::units::pct(*v)),
        )?;
        for (i, r) in self.rows.iter().enumerate() {
            let y = n - i as f64 - 0.5;
            // The earlier edition's share hollow, the later's filled.
            dumbbell(
                &mut chart,
                y,
                (r.from, r.to, style::GREY.stroke_width(st.upx(3.0))),
                [
                    End {
                        x: r.from,
                        radius: st.upx(6.0),
                        style: style::GREY.stroke_width(st.upx(2.5)),
                    },
                    End {
                        x: r.to,
                        radius: st.upx(6.0),
                        style: style::BLUE.filled(),
                    },
                ],
            )?;
            let (lx, py) = chart.backend_coord(&(0.0, y));
            category_label(root, st, &r.name, (lx - st.px(10.0), py), INK)?;
            let (px, py) = chart.backend_coord(&(r.from.max(r.to), y));
            root.draw(&Text::new(
                signed(r.difference()),
                (px + st.px(12.0), py),
                st.text(13.0, INK).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        Ok(())
    }
}

/// `+0.14`, `-0.08`, and `0.00` for a difference that rounds to nothing.
fn signed(v: f64) -> String {
    let text = format!("{v:+.2}");
    if text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_string()
    } else {
        text
    }
}
