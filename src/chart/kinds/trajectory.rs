//! `trajectory`: a scenario's paths to its target year, with NATO's figures as dots.

use super::{edition_line, footer, years_list, Kind, Prepared};
use crate::chart::lines::{Marker, PathSeries, TrajectoryChart};
use crate::chart::ChartSpec;
use crate::chart::Frame;
use crate::context::Context;
use crate::data::{groups, Group};
use crate::error::{Error, Result};
use crate::export::{ColumnSpec, Table, Value};
use crate::scenario;
use crate::units::pct;

pub struct Trajectory;

/// The scenario drawn when none is named.
pub const DEFAULT_SCENARIO: &str = "hague-2035";

impl Kind for Trajectory {
    fn id(&self) -> &'static str {
        "trajectory"
    }

    fn about(&self) -> &'static str {
        "A scenario's paths to its target year"
    }

    fn prepare(&self, ctx: &Context, o: &ChartSpec) -> Result<Prepared> {
        let catalog = ctx.catalog;
        let reference = o.scenario.as_deref().unwrap_or(DEFAULT_SCENARIO);
        let s = scenario::load(reference, catalog)?;
        // The scenario's own edition, whatever the chart's.
        let own;
        let scenario_ctx = if s.edition == ctx.data.edition.id {
            ctx
        } else {
            let data = catalog.load_edition(Some(&s.edition))?;
            own = Context::for_year(catalog, data, s.baseline_year)?;
            &own
        };
        let data = &scenario_ctx.data;
        let edition = &data.edition;
        let paths = s.paths(&scenario_ctx.calc)?;

        let mut chosen: Vec<&Group> = catalog.groups_named(&o.groups)?;
        if o.groups.is_empty() && o.allies.is_empty() {
            chosen = [groups::EUROPE_CANADA, groups::UNITED_STATES]
                .iter()
                .map(|k| catalog.required_group(k))
                .collect();
        }
        let mut table = Table::new(vec![
            ColumnSpec::new("series", "Series"),
            ColumnSpec::new("year", "Year"),
            ColumnSpec::new("required_share", "Required share of GDP (%)"),
            ColumnSpec::new("published_share", "Published share (%)"),
        ]);
        let mut series = Vec::new();
        for query in &o.allies {
            let ally = catalog.ally(query)?;
            let years: Vec<_> = paths.ally(&ally.nato_code).collect();
            if years.is_empty() {
                return Err(Error::usage(
                    "--allies",
                    format!("{} is not in scenario {}", ally.name, s.name),
                ));
            }
            let required = years
                .iter()
                .filter_map(|p| Some((p.year, p.required_share?)))
                .collect();
            let published = years
                .iter()
                .filter_map(|p| Some((p.year, p.published_share?)))
                .collect();
            for p in &years {
                table.push(vec![
                    Value::text(&ally.name),
                    Value::Int(p.year.into()),
                    Value::num(p.required_share, 4),
                    Value::num(p.published_share, 4),
                ]);
            }
            series.push(PathSeries {
                label: ally.name.clone(),
                required,
                published,
            });
        }
        for group in &chosen {
            let required: Vec<(i32, f64)> = paths
                .group(group)?
                .iter()
                .filter_map(|g| Some((g.year, g.required_share?)))
                .collect();
            // The group's published share: the edition's own aggregate, where it covers the year.
            let published: Vec<(i32, f64)> = scenario_ctx
                .calc
                .aggregate(group)?
                .iter()
                .filter(|a| a.year >= s.baseline_year)
                .filter_map(|a| Some((a.year, a.share?)))
                .collect();
            for (y, v) in &required {
                let p = published.iter().find(|p| p.0 == *y).map(|p| p.1);
                table.push(vec![
                    Value::text(&group.label),
                    Value::Int((*y).into()),
                    Value::Number(*v, 4),
                    Value::num(p, 4),
                ]);
            }
            series.push(PathSeries {
                label: group.label.clone(),
                required,
                published,
            });
        }
        let mut markers = vec![Marker {
            year: s.baseline_year,
            label: format!("Baseline {}", edition.year_label(s.baseline_year)),
        }];
        if let Some(r) = s.review_year {
            markers.push(Marker {
                year: r,
                label: format!("Review {r}"),
            });
        }
        let frame = Frame {
            title: format!("The path to {} by {}", s.describe_target(), s.target_year),
            subtitle: format!(
                "Scenario: {} · {} · {} path from NATO's {} share · real GDP growth {}% a year",
                s.name,
                edition_line(data),
                s.path.key(),
                edition.year_label(s.baseline_year),
                pct(s.real_gdp_growth)
            ),
            footer: footer(
                data,
                &[format!(
                    "Lines: the share of GDP needed ({}); a group's line adds its members' paths, and allies already above the target keep their share. Dots: NATO's figures ({} are estimates){}.",
                    s.source,
                    years_list(&edition.estimate_years),
                    if s.target_year > edition.last_year {
                        format!("; years after {} are projections", edition.last_year)
                    } else {
                        String::new()
                    }
                )],
            ),
        };
        Ok(Prepared {
            chart: Box::new(TrajectoryChart {
                frame,
                series,
                target: s.measured_target,
                markers,
                estimate_years: edition.estimate_years.clone(),
            }),
            table,
        })
    }
}
