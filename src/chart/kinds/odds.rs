//! `odds`: each ally's chance of reaching the target by the target year in the
//! Monte Carlo outlook, highest first, with the groups' chances in the subtitle.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{edition_line, footer, Kind, Prepared};
use crate::chart::bars::{category_label, widest};
use crate::chart::style::{self, DrawResult, Style, Swatch, INK, MUTED};
use crate::chart::{Chart, ChartOption, ChartSpec, Frame};
use crate::context::Context;
use crate::data::groups;
use crate::error::Result;
use crate::export::{ColumnSpec, Table, Value};
use crate::scenario::odds::{self, OutlookRun, Settings};
use crate::units::pct;

pub struct Odds;

/// The outlook a chart draws: the defaults of `defspend outlook`, with the
/// chart's scenario, target, draws, seed, allies and groups.
pub(super) fn outlook_for(
    ctx: &Context,
    spec: &ChartSpec,
    default_groups: &[&str],
) -> Result<OutlookRun> {
    let catalog = ctx.catalog;
    let groups = if spec.groups.is_empty() {
        default_groups
            .iter()
            .map(|k| catalog.required_group(k).clone())
            .collect()
    } else {
        catalog
            .groups_named(&spec.groups)?
            .into_iter()
            .cloned()
            .collect()
    };
    let mut settings = Settings::defaults(
        spec.scenario
            .as_deref()
            .unwrap_or(super::trajectory::DEFAULT_SCENARIO),
        groups,
    );
    settings.target = spec.targets.first().copied();
    if let Some(d) = spec.draws {
        settings.params.draws = d as usize;
    }
    if let Some(seed) = spec.seed {
        settings.params.seed = seed;
    }
    if let Some(model) = spec.model {
        settings.model = model;
    }
    settings.yearly = catalog.ally_codes(&spec.allies)?;
    settings.economy = spec.economy.clone();
    settings.plans = spec.plans_vintage.clone();
    ctx.outlook(&settings)
}

/// The chart's footer line on the model.
pub(super) fn model_line(run: &OutlookRun) -> String {
    if let Some(share) = &run.share {
        return format!(
            "Monte Carlo outlook, {} draws, seed {}: each share adjusts toward its national plan ({}, where it counts) or a path to the target, with an alliance-wide regime shock (parameters from SIPRI {} and NATO's editions, datasets/models/outlook.toml); GDP from the {}; defspend outlook states every parameter.",
            run.params.draws,
            run.params.seed,
            run.plans.info.id,
            share.file.sipri_release,
            run.outlook.info.citation.trim_start_matches("Source: ").trim_end_matches('.'),
        );
    }
    format!(
        "Monte Carlo outlook, {} draws, seed {}: GDP around the {} ({} points a year, {} common), spending from national plans ({}) or each ally's record; defspend outlook states every parameter.",
        run.params.draws,
        run.params.seed,
        run.outlook.info.citation.trim_start_matches("Source: ").trim_end_matches('.'),
        pct(run.params.gdp_sd),
        pct(run.params.common),
        run.plans.info.id
    )
}

impl Kind for Odds {
    fn id(&self) -> &'static str {
        "odds"
    }

    fn about(&self) -> &'static str {
        "Each ally's chance of reaching the target by the target year (Monte Carlo outlook)"
    }

    fn options(&self) -> &'static [ChartOption] {
        &[
            ChartOption::Targets,
            ChartOption::Allies,
            ChartOption::Groups,
            ChartOption::Draws,
            ChartOption::Seed,
            ChartOption::Model,
            ChartOption::Scenario,
            ChartOption::Economy,
            ChartOption::PlansVintage,
        ]
    }

    fn prepare(&self, ctx: &Context, spec: &ChartSpec) -> Result<Prepared> {
        let run = outlook_for(ctx, spec, &[groups::EUROPE_CANADA, groups::UNITED_STATES])?;
        let mut rows: Vec<(String, f64, f64, bool)> = run
            .allies
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let o = run.outcome(&a.input.code)?;
                let plan = match &run.share {
                    Some(share) => share.commitments[i] == odds::Commitment::Plan,
                    None => a.from_plan,
                };
                Some((
                    ctx.catalog.name_of(&a.input.code),
                    o.probability,
                    o.standard_error,
                    plan,
                ))
            })
            .collect();
        rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let adjust = run.share.is_some();
        let mut table = Table::new(vec![
            ColumnSpec::new("ally", "Ally"),
            ColumnSpec::new("probability", "Probability"),
            ColumnSpec::new("standard_error", "Standard error"),
            if adjust {
                ColumnSpec::new("pulled_toward", "Pulled toward")
            } else {
                ColumnSpec::new("anchor", "Spending growth from")
            },
        ]);
        let (yes, no) = if adjust {
            ("plan", "path")
        } else {
            ("plan", "record")
        };
        for (name, p, se, plan) in &rows {
            table.push(vec![
                Value::text(name),
                Value::Number(*p, 6),
                Value::Number(*se, 6),
                Value::text(if *plan { yes } else { no }),
            ]);
        }
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
