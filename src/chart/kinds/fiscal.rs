//! `fiscal`: what the scenario's path adds to each ally's spending in its
//! target year, as a share of general government revenue, largest first;
//! the groups' figures and the debt if borrowed in the subtitle.

use super::{footer, Kind, Prepared};
use crate::calc::fiscal::FiscalYear;
use crate::calc::fiscal::{by_group, DEFAULT_FISCAL_SCENARIO};
use crate::chart::bars::GroupedBars;
use crate::chart::{ChartOption, ChartSpec, Frame, Takes, Unset};
use crate::data::groups;
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::param::Param;
use crate::results::Results;

pub struct Fiscal;

impl Kind for Fiscal {
    fn id(&self) -> &'static str {
        "fiscal"
    }

    /// It draws from its scenario's edition.
    fn takes_edition(&self, _spec: &ChartSpec) -> bool {
        false
    }

    fn about(&self) -> String {
        format!("What the scenario's path adds to each ally's spending by its target year, as a share of government revenue ({}: one with an economic outlook)", Param::Scenario)
    }

    /// In the report where the outlook it draws on (the report's
    /// `--economy`, else the default scenario's) has the government accounts
    /// the cost is set against: an outlook without them leaves this chart
    /// out, not the report.
    fn report_caption(&self, r: &Results, spec: &ChartSpec) -> Option<String> {
        r.fiscal(DEFAULT_FISCAL_SCENARIO, spec.economy.as_deref()).ok().map(|_| {
            "What the Hague path costs each treasury: extra spending as a share of government revenue".into()
        })
    }

    /// A year of the path: what it has added by then.
    fn takes_year(&self, _spec: &ChartSpec) -> bool {
        true
    }

    fn year_of_path(&self) -> bool {
        true
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[
            Takes::value(ChartOption::Scenario, Unset::Name(DEFAULT_FISCAL_SCENARIO)),
            Takes::rule(ChartOption::Economy, "the scenario's, else the latest"),
        ];
        TAKES
    }

    fn prepare(&self, r: &Results, spec: &ChartSpec) -> Result<Prepared> {
        let reference = spec.scenario.as_deref().unwrap_or(DEFAULT_FISCAL_SCENARIO);
        let run = r.fiscal(reference, spec.economy.as_deref())?;
        let s = &run.scenario;
        let year = run.path_year(spec.at.year)?;
        let in_year: Vec<&FiscalYear> = run.years.iter().filter(|y| y.year == year).collect();
        let table = Table::of(
            &[
                column("code", "Code", |y: &&FiscalYear| Value::text(&y.code)),
                column("ally", "Ally", |y: &&FiscalYear| {
                    Value::text(r.name_of(&y.code))
                }),
                column("year", "Year", |y: &&FiscalYear| Value::Int(y.year.into())),
                column("held", "Held", |y: &&FiscalYear| Value::Bool(y.held)),
                column("extra_pts", "Extra (points of GDP)", |y: &&FiscalYear| {
                    Value::Number(y.extra_pts, 4)
                }),
                column("pct_of_revenue", "% of revenue", |y: &&FiscalYear| {
                    Value::Number(y.pct_of_revenue, 4)
                }),
                column(
                    "debt_added",
                    "Debt added if borrowed (points)",
                    |y: &&FiscalYear| Value::Number(y.debt_added, 4),
                ),
            ],
            &in_year,
        );
        let mut rows: Vec<(String, Vec<f64>)> = in_year
            .iter()
            .filter(|y| y.pct_of_revenue >= 0.05)
            .map(|y| (r.name_of(&y.code), vec![y.pct_of_revenue]))
            .collect();
        rows.sort_by(|a, b| b.1[0].total_cmp(&a.1[0]).then(a.0.cmp(&b.0)));
        let groups_line: Vec<String> = [groups::EUROPE_CANADA, groups::UNITED_STATES]
            .iter()
            .filter_map(|k| {
                let g = r.group(k);
                let y = by_group(&run.years, g)
                    .into_iter()
                    .find(|y| y.year == year)?;
                Some(format!(
                    "{} {:.1}% of revenue, debt {:+.1} points if borrowed",
                    g.label,
                    y.pct_of_revenue,
                    y.debt_if_borrowed - y.debt_baseline
                ))
            })
            .collect();
        let held = if year > run.outlook.last_year {
            format!(
                " Years after {} hold the outlook's {} rates.",
                run.outlook.last_year, run.outlook.last_year
            )
        } else {
            String::new()
        };
        let frame = Frame {
            title: match year == s.target_year {
                true => format!(
                    "What {}% by {year} costs each treasury: extra spending as a share of revenue",
                    crate::units::pct(s.measured_target),
                ),
                false => format!(
                    "What the path to {}% by {} costs each treasury in {year}, as a share of revenue",
                    crate::units::pct(s.measured_target),
                    s.target_year
                ),
            },
            subtitle: format!(
                "{} · extra over each ally's {} share, {year} · {}",
                s.name,
                s.baseline_year,
                groups_line.join(" · ")
            ),
            footer: footer(
                &run.data,
                &[
                    run.outlook.citation.clone(),
                    format!(
                        "Extra spending (path share less the {} share, points of GDP) over general government revenue (GGR_NGDP). Allies at or above the target add nothing and are not shown.{held}",
                        s.baseline_year
                    ),
                ],
            ),
        };
        Ok(Prepared {
            chart: Box::new(GroupedBars {
                frame,
                series: vec![format!(
                    "Extra spending in {year}, % of general government revenue"
                )],
                rows,
                unit: format!("% of general government revenue, {year}"),
            }),
            table,
        })
    }
}
