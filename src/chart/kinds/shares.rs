//! `shares`: allies ranked by share of GDP, with target lines.

use super::{edition_line, estimate_note, footer, share_basis, targets, Kind, Prepared};
use crate::calc::{targets as defaults, Status};
use crate::chart::bars::{ShareBar, SharesChart};
use crate::chart::ChartSpec;
use crate::chart::Frame;
use crate::context::Context;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::{ColumnSpec, Table, Value};
use crate::units::pct;

pub struct Shares;

impl Kind for Shares {
    fn id(&self) -> &'static str {
        "shares"
    }

    fn about(&self) -> &'static str {
        "Allies ranked by share of GDP, with target lines"
    }

    fn report_caption(&self, _catalog: &Catalog) -> Option<String> {
        Some(String::from(
            "Allies ranked by share of GDP, against 2% and 3%",
        ))
    }

    fn prepare(&self, ctx: &Context, options: &ChartSpec) -> Result<Prepared> {
        let (data, year) = (&ctx.data, ctx.year);
        let edition = &data.edition;
        let targets = targets(options, &defaults::SHARES_CHART);
        let low = targets.first().copied().unwrap_or(defaults::GUIDELINE);
        let st = ctx.calc.standing(year, low)?;
        let mut bars = Vec::new();
        let mut na = Vec::new();
        let mut table = Table::new(vec![
            ColumnSpec::new("code", "Code"),
            ColumnSpec::new("ally", "Ally"),
            ColumnSpec::new("year", "Year"),
            ColumnSpec::new("estimate", "Estimate"),
            ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
            ColumnSpec::new("status", "Status"),
        ]);
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
            table.push(vec![
                Value::text(&s.code),
                Value::text(&s.name),
                Value::Int(year.into()),
                Value::Bool(edition.is_estimate(year)),
                Value::num(s.share, 4),
                Value::text(s.status.key()),
            ]);
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
            footer: footer(data, &estimate_note(ctx, year)),
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
