//! `gaps`: the money gap per ally to one or more targets.

use super::{edition_line, estimate_note, footer, targets, Kind, Prepared};
use crate::calc::{targets as defaults, Status};
use crate::chart::bars::GapsChart;
use crate::chart::ChartSpec;
use crate::chart::Frame;
use crate::context::Context;
use crate::data::groups;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::{ColumnSpec, Table, Value};
use crate::units::{bn, pct};

pub struct Gaps;

impl Kind for Gaps {
    fn id(&self) -> &'static str {
        "gaps"
    }

    fn about(&self) -> &'static str {
        "Money gap per ally to one or more targets"
    }

    fn report_caption(&self, _catalog: &Catalog) -> Option<String> {
        Some(String::from("The money gap to 2%, 3% and 3.5% of GDP"))
    }

    fn prepare(&self, ctx: &Context, options: &ChartSpec) -> Result<Prepared> {
        let (data, year) = (&ctx.data, ctx.year);
        let edition = &data.edition;
        let targets = targets(options, &defaults::REPORT);
        let standings = targets
            .iter()
            .map(|t| ctx.calc.standing(year, *t))
            .collect::<Result<Vec<_>>>()?;
        let mut table = Table::new(vec![
            ColumnSpec::new("code", "Code"),
            ColumnSpec::new("ally", "Ally"),
            ColumnSpec::new("year", "Year"),
            ColumnSpec::new("target_pct", "Target (% of GDP)"),
            ColumnSpec::new("gap_usd_current_bn", "Gap (USD bn, current)"),
        ]);
        let mut rows: Vec<(String, Vec<f64>)> = Vec::new();
        for first in &standings[0].rows {
            let mut gaps = Vec::new();
            for (k, st) in standings.iter().enumerate() {
                let s = st.get(&first.code).unwrap_or(first);
                let gap = bn(s.gap.usd_current_m).unwrap_or(0.0);
                gaps.push(gap);
                if s.status != Status::NotApplicable {
                    table.push(vec![
                        Value::text(&first.code),
                        Value::text(&first.name),
                        Value::Int(year.into()),
                        Value::Number(targets[k], 2),
                        Value::Number(gap, 3),
                    ]);
                }
            }
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
        let europe = ctx.catalog.required_group(groups::EUROPE_CANADA);
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
                    estimate_note(ctx, year).join(" ")
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
