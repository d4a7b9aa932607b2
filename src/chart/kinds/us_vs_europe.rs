//! `us-vs-europe`: the United States against Europe and Canada, constant prices.

use super::{edition_line, footer, years_list, Kind, Prepared};
use crate::chart::bars::UsEuropeChart;
use crate::chart::ChartSpec;
use crate::chart::Frame;
use crate::context::Context;
use crate::data::{groups, Catalog};
use crate::error::Result;
use crate::export::{ColumnSpec, Table, Value};
use crate::units::bn;

pub struct UsVsEurope;

impl Kind for UsVsEurope {
    fn id(&self) -> &'static str {
        "us-vs-europe"
    }

    fn about(&self) -> &'static str {
        "Group `us` against group `europe-canada` (groups.toml), constant prices"
    }

    fn report_caption(&self, catalog: &Catalog) -> Option<String> {
        let us = catalog.required_group(groups::UNITED_STATES);
        let europe = catalog.required_group(groups::EUROPE_CANADA);
        Some(format!("The {} against {}", us.label, europe.label))
    }

    fn prepare(&self, ctx: &Context, _options: &ChartSpec) -> Result<Prepared> {
        let data = &ctx.data;
        let edition = &data.edition;
        let us = ctx.catalog.required_group(groups::UNITED_STATES);
        let europe = ctx.catalog.required_group(groups::EUROPE_CANADA);
        let history = ctx.calc.us_vs_europe(us, europe)?;
        let mut table = Table::new(vec![
            ColumnSpec::new("year", "Year"),
            ColumnSpec::new("estimate", "Estimate"),
            ColumnSpec::new(
                "us_usd_constant_bn",
                &format!("{} (USD bn, constant)", us.label),
            ),
            ColumnSpec::new(
                "europe_canada_usd_constant_bn",
                &format!("{} (USD bn, constant)", europe.label),
            ),
            ColumnSpec::new(
                "us_share_of_allied_spending",
                "US share of allied spending (%)",
            ),
        ]);
        let mut years = Vec::new();
        for h in &history {
            let us_bn = bn(Some(h.us_usd_constant_m)).unwrap_or(0.0);
            let eu_bn = bn(Some(h.europe_canada_usd_constant_m)).unwrap_or(0.0);
            // The share in constant prices, as drawn.
            let share = us_bn / (us_bn + eu_bn) * 100.0;
            table.push(vec![
                Value::Int(h.year.into()),
                Value::Bool(edition.is_estimate(h.year)),
                Value::Number(us_bn, 3),
                Value::Number(eu_bn, 3),
                Value::Number(share, 3),
            ]);
            years.push((
                edition.year_label(h.year),
                us_bn,
                eu_bn,
                share,
                edition.is_estimate(h.year),
            ));
        }
        let frame = Frame {
            title: format!(
                "The {} and {}: defence spending, {}-{}",
                us.label, europe.label, edition.first_year, edition.last_year
            ),
            subtitle: format!(
                "{} · USD bn, constant {} prices and exchange rates · labels: US share of allied spending",
                edition_line(data),
                edition.price_base_year
            ),
            footer: footer(
                data,
                &[format!(
                    "{} counts each ally from the year it joined. Lighter bars: NATO estimates ({}).",
                    europe.label,
                    years_list(&edition.estimate_years)
                )],
            ),
        };
        Ok(Prepared {
            chart: Box::new(UsEuropeChart {
                labels: (us.label.clone(), europe.label.clone()),
                frame,
                years,
                unit: format!("USD bn, constant {} prices", edition.price_base_year),
            }),
            table,
        })
    }
}
