//! `equipment`: share of GDP against equipment share of spending (NATO's two guidelines).

use super::{edition_line, estimate_note, footer, share_basis, Kind, Prepared};
use crate::calc::targets;
use crate::chart::scatter::{EquipmentChart, Point};
use crate::chart::ChartSpec;
use crate::chart::Frame;
use crate::context::Context;
use crate::data::groups;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::{ColumnSpec, Table, Value};

pub struct Equipment;

impl Kind for Equipment {
    fn id(&self) -> &'static str {
        "equipment"
    }

    fn about(&self) -> &'static str {
        "Share of GDP against equipment share of spending (NATO's two guidelines)"
    }

    fn report_caption(&self, _catalog: &Catalog) -> Option<String> {
        Some(String::from(
            "NATO's two guidelines: 2% of GDP and 20% on equipment",
        ))
    }

    fn prepare(&self, ctx: &Context, _options: &ChartSpec) -> Result<Prepared> {
        let (data, year) = (&ctx.data, ctx.year);
        let edition = &data.edition;
        let us = ctx.catalog.required_group(groups::UNITED_STATES);
        let (gdp_line, equipment_line) = (targets::GUIDELINE, targets::EQUIPMENT_GUIDELINE);
        let st = ctx.calc.standing(year, gdp_line)?;
        let mut table = Table::new(vec![
            ColumnSpec::new("code", "Code"),
            ColumnSpec::new("ally", "Ally"),
            ColumnSpec::new("year", "Year"),
            ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
            ColumnSpec::new("equipment_pct", "Equipment (% of spending)"),
        ]);
        let mut points = Vec::new();
        let mut both = 0;
        for s in &st.rows {
            if let (Some(x), Some(y)) = (s.share, s.equipment_pct) {
                table.push(vec![
                    Value::text(&s.code),
                    Value::text(&s.name),
                    Value::Int(year.into()),
                    Value::Number(x, 4),
                    Value::Number(y, 4),
                ]);
                both += usize::from(x >= gdp_line - 1e-9 && y >= equipment_line - 1e-9);
                points.push(Point {
                    code: s.code.clone(),
                    x,
                    y,
                    highlight: us.contains(&s.code).then(|| s.code.clone()),
                });
            }
        }
        let year_label = edition.year_label(year);
        let frame = Frame {
            title: format!(
                "NATO's two guidelines: 2% of GDP and 20% on equipment, {year_label}"
            ),
            subtitle: format!(
                "{} · {} · {both} of {} allies meet both",
                edition_line(data),
                share_basis(data),
                points.len()
            ),
            footer: footer(
                data,
                &[format!(
                    "Equipment: major equipment including related R&D, % of defence expenditure. {}",
                    estimate_note(ctx, year).join(" ")
                )],
            ),
        };
        Ok(Prepared {
            chart: Box::new(EquipmentChart {
                frame,
                points,
                gdp_guideline: gdp_line,
                equipment_guideline: equipment_line,
            }),
            table,
        })
    }
}
