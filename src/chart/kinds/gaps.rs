//! `gaps`: the money gap per ally to one or more targets.

use crate::chart::bars::GroupedBars;

use super::{edition_line, estimate_note, footer, targets, Kind, Prepared};
use crate::calc::ppp::Prices;
use crate::calc::{targets as defaults, Standing, Standings, Status};
use crate::chart::Frame;
use crate::chart::{ChartOption, ChartSpec, Takes, Unset};
use crate::data::groups;
use crate::error::Result;
use crate::export::{column, Table, Value};
use crate::results::Results;
use crate::units::{bn, pct};

pub struct Gaps;

impl Kind for Gaps {
    fn id(&self) -> &'static str {
        "gaps"
    }

    fn takes_year(&self, _spec: &ChartSpec) -> bool {
        true
    }

    fn about(&self) -> String {
        "Money gap per ally to one or more targets".into()
    }

    fn report_caption(&self, _r: &Results, _spec: &ChartSpec) -> Option<String> {
        Some(String::from("The money gap to 2%, 3% and 3.5% of GDP"))
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[
            Takes::value(ChartOption::Targets, Unset::Targets(&defaults::REPORT)),
            Takes::value(ChartOption::Prices, Unset::Name("market")),
        ];
        TAKES
    }

    fn money_from_context(&self) -> bool {
        true
    }

    fn prepare(&self, r: &Results, options: &ChartSpec) -> Result<Prepared> {
        let year = r.year();
        let targets = targets(options, &defaults::REPORT);
        let prices = r.prices();
        let standings = r.standings(year, &targets)?;
        // An ally against a target: its row in the first standings, the target, the gap.
        struct Row<'a> {
            ally: &'a Standing,
            target: f64,
            gap_bn: f64,
        }
        let gap_to = |first: &Standing, st: &Standings| {
            let s = st.get(&first.code).unwrap_or(first);
            (s.status, bn(s.gap.usd_current_m).unwrap_or(0.0))
        };
        let cells: Vec<Row> = standings[0]
            .rows
            .iter()
            .flat_map(|first| {
                standings.iter().zip(&targets).filter_map(move |(st, t)| {
                    let (status, gap) = gap_to(first, st);
                    (status != Status::NotApplicable).then_some(Row {
                        ally: first,
                        target: *t,
                        gap_bn: gap,
                    })
                })
            })
            .collect();
        let table = Table::of(
            &[
                column("code", "Code", |r: &Row| Value::text(&r.ally.code)),
                column("ally", "Ally", |r: &Row| Value::text(&r.ally.name)),
                column("year", "Year", |_: &Row| Value::Int(year.into())),
                column("target_pct", "Target (% of GDP)", |r: &Row| {
                    Value::Number(r.target, 2)
                }),
                column(
                    prices.key("gap_usd_current_bn"),
                    format!("Gap ({} bn, current)", prices.unit()),
                    |r: &Row| Value::Number(r.gap_bn, 3),
                ),
            ],
            &cells,
        );
        let mut rows: Vec<(String, Vec<f64>)> = Vec::new();
        for first in &standings[0].rows {
            let gaps: Vec<f64> = standings.iter().map(|st| gap_to(first, st).1).collect();
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
        let frame = frame(r, &standings, &targets)?;
        Ok(Prepared {
            chart: Box::new(GroupedBars {
                frame,
                series: targets
                    .iter()
                    .map(|t| format!("Gap to {}% of GDP", pct(*t)))
                    .collect(),
                rows,
                unit: match prices {
                    Prices::Ppp => {
                        "Gap, international $ bn a year (current prices, GDP-based PPP)".into()
                    }
                    _ => "Gap, USD bn a year (current prices and exchange rates)".into(),
                },
            }),
            table,
        })
    }
}

/// The chart's title, its subtitle with Europe and Canada's totals, and its footer.
fn frame(r: &Results, standings: &[Standings], targets: &[f64]) -> Result<Frame> {
    let (data, year, prices) = (r.data(), r.year(), r.prices());
    let edition = &data.edition;
    let (unit, dollar) = match prices {
        Prices::Ppp => ("int'l $ bn at GDP-based PPP", "int'l $"),
        _ => ("USD bn", "$"),
    };
    let europe = r.group(groups::EUROPE_CANADA);
    let mut totals = Vec::new();
    for (k, st) in standings.iter().enumerate() {
        let total = bn(Some(st.group_total(europe)?.gap_usd_current_m)).unwrap_or(0.0);
        // Whole billions read best, but a small total must not round to "$0 bn".
        let decimals = if total < 10.0 { 1 } else { 0 };
        totals.push(format!(
            "{dollar}{total:.decimals$} bn to {}%",
            pct(targets[k])
        ));
    }
    let ppp_note = match prices {
        Prices::Ppp => format!(
            " At GDP-based PPP: each ally's GDP times its own ratio of market exchange rate to the IMF's PPPEX ({}); not a military PPP.",
            r.ppp_citation()?.trim_end_matches('.')
        ),
        _ => String::new(),
    };
    let year_label = edition.year_label(year);
    let frame = Frame {
        title: match prices {
            Prices::Ppp => format!(
                "What it would take: the gap to each target at purchasing-power parity, {year_label}"
            ),
            _ => format!("What it would take: the gap to each target, {year_label}"),
        },
        subtitle: format!(
            "{} · {unit} a year, current prices · {} together: {}",
            edition_line(data),
            europe.label,
            totals.join(", ")
        ),
        footer: footer(
            data,
            &[format!(
                "Gap = (target - share) / 100 x GDP for allies below a target; allies with no gap (under $0.05 bn) are not shown; group totals add up members' gaps.{} {}",
                ppp_note,
                estimate_note(r, year).join(" ")
            )],
        ),
    };
    Ok(frame)
}
