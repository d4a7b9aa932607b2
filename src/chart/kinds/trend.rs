//! `trend`: share of GDP across the edition's years, for allies and groups.

use super::{edition_line, footer, share_basis, targets, years_list, Kind, Prepared};
use crate::calc::targets as defaults;
use crate::chart::lines::{TrendChart, TrendSeries};
use crate::chart::ChartSpec;
use crate::chart::Frame;
use crate::context::Context;
use crate::data::Catalog;
use crate::data::{groups, Group};
use crate::error::Result;
use crate::export::{ColumnSpec, Table, Value};

pub struct Trend;

impl Kind for Trend {
    fn id(&self) -> &'static str {
        "trend"
    }

    fn about(&self) -> &'static str {
        "Share of GDP across the edition's years"
    }

    fn report_caption(&self, _catalog: &Catalog) -> Option<String> {
        Some(String::from("Share of GDP across the edition's years"))
    }

    fn prepare(&self, ctx: &Context, o: &ChartSpec) -> Result<Prepared> {
        let data = &ctx.data;
        let edition = &data.edition;
        let mut chosen: Vec<&Group> = ctx.catalog.groups_named(&o.groups)?;
        if o.groups.is_empty() && o.allies.is_empty() {
            chosen = [groups::EUROPE_CANADA, groups::UNITED_STATES, groups::ALL]
                .iter()
                .map(|k| ctx.catalog.required_group(k))
                .collect();
        }
        let mut table = Table::new(vec![
            ColumnSpec::new("series", "Series"),
            ColumnSpec::new("year", "Year"),
            ColumnSpec::new("estimate", "Estimate"),
            ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
        ]);
        let mut series = Vec::new();
        let mut push = |label: String, points: Vec<(i32, f64, bool)>, table: &mut Table| {
            for p in &points {
                table.push(vec![
                    Value::text(&label),
                    Value::Int(p.0.into()),
                    Value::Bool(p.2),
                    Value::Number(p.1, 4),
                ]);
            }
            series.push(TrendSeries { label, points });
        };
        for query in &o.allies {
            let ally = ctx.catalog.ally(query)?;
            let points = ctx
                .calc
                .ally_history(&ally.nato_code)?
                .iter()
                .filter_map(|y| Some((y.year, y.share?, edition.is_estimate(y.year))))
                .collect();
            push(ally.name.clone(), points, &mut table);
        }
        for group in &chosen {
            let points = ctx
                .calc
                .aggregate(group)?
                .iter()
                .filter_map(|a| Some((a.year, a.share?, edition.is_estimate(a.year))))
                .collect();
            push(group.label.clone(), points, &mut table);
        }
        let frame = Frame {
            title: format!(
                "Defence expenditure as a share of GDP, {}-{}",
                edition.first_year, edition.last_year
            ),
            subtitle: format!(
                "{} · {} · groups: total spending / total GDP of the allies that were members each year",
                edition_line(data),
                share_basis(data)
            ),
            footer: footer(
                data,
                &[format!(
                    "Dashed segments and hollow points: NATO estimates ({}).",
                    years_list(&edition.estimate_years)
                )],
            ),
        };
        Ok(Prepared {
            chart: Box::new(TrendChart {
                frame,
                series,
                targets: targets(o, &[defaults::GUIDELINE]),
                estimate_years: edition.estimate_years.clone(),
            }),
            table,
        })
    }
}
