//! `burden`: each ally's share of allied spending against its share of allied GDP.

use super::{edition_line, estimate_note, footer, Kind, Prepared};
use crate::chart::scatter::{BurdenChart, Point};
use crate::chart::ChartSpec;
use crate::chart::Frame;
use crate::context::Context;
use crate::data::groups;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::{ColumnSpec, Table, Value};
use crate::view::allied_gdp_note;

pub struct Burden;

impl Kind for Burden {
    fn id(&self) -> &'static str {
        "burden"
    }

    fn about(&self) -> &'static str {
        "Share of allied spending against share of allied GDP"
    }

    fn report_caption(&self, _catalog: &Catalog) -> Option<String> {
        Some(String::from(
            "Shares of allied spending against shares of allied GDP",
        ))
    }

    fn prepare(&self, ctx: &Context, _options: &ChartSpec) -> Result<Prepared> {
        let (data, year) = (&ctx.data, ctx.year);
        let edition = &data.edition;
        let us = ctx.catalog.required_group(groups::UNITED_STATES);
        let b = ctx.calc.burden(year)?;
        let mut points = Vec::new();
        let mut table = Table::new(vec![
            ColumnSpec::new("code", "Code"),
            ColumnSpec::new("ally", "Ally"),
            ColumnSpec::new("year", "Year"),
            ColumnSpec::new("gdp_share", "Share of allied GDP (%)"),
            ColumnSpec::new("spending_share", "Share of allied spending (%)"),
        ]);
        let mut us_share = None;
        for r in b.rows.iter().filter(|r| r.has_armed_forces) {
            table.push(vec![
                Value::text(&r.code),
                Value::text(&r.name),
                Value::Int(year.into()),
                Value::num(r.gdp_share, 4),
                Value::num(r.spending_share, 4),
            ]);
            if let (Some(x), Some(y)) = (r.gdp_share, r.spending_share) {
                let highlighted = us.contains(&r.code);
                if highlighted {
                    us_share = Some(y);
                }
                points.push(Point {
                    code: r.code.clone(),
                    x,
                    y,
                    highlight: highlighted
                        .then(|| format!("{} {y:.0}% of spending, {x:.0}% of GDP", r.name)),
                });
            }
        }
        let year_label = edition.year_label(year);
        let frame = Frame {
            title: format!(
                "Who carries the burden? Shares of allied spending and GDP, {year_label}"
            ),
            subtitle: format!(
                "{} · current prices and exchange rates · the {}: {:.0}% of allied defence spending",
                edition_line(data),
                us.label,
                us_share.unwrap_or(f64::NAN)
            ),
            footer: footer(
                data,
                &[format!(
                    "Above the dashed line an ally's share of allied spending exceeds its share of allied GDP. {} {}",
                    allied_gdp_note(ctx.catalog, &b, edition),
                    estimate_note(ctx, year).join(" ")
                )],
            ),
        };
        Ok(Prepared {
            chart: Box::new(BurdenChart { frame, points }),
            table,
        })
    }
}
