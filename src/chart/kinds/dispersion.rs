//! `dispersion`: how far apart the European allies' shares of GDP are, year
//! by year, by four measures in points of GDP; the coefficient of variation,
//! a ratio, is said in the subtitle.

use super::{edition_line, footer, years_list, Kind, Prepared};
use crate::calc::dispersion::YearSpread;
use crate::calc::dispersion::DEFAULT_PAIR;
use crate::chart::lines::{ShareUnit, TrendChart, TrendSeries};
use crate::chart::{ChartOption, ChartSpec, Frame, Takes, Unset};
use crate::data::Group;
use crate::error::{Error, Result};
use crate::export::{column, Table, Value};
use crate::param::Param;
use crate::results::Results;

pub struct Dispersion;

impl Kind for Dispersion {
    fn id(&self) -> &'static str {
        "dispersion"
    }

    fn about(&self) -> String {
        format!("How far apart the European allies' shares of GDP are, year by year ({}: the two groups set against each other)", Param::Groups)
    }

    fn report_caption(&self, _r: &Results, _spec: &ChartSpec) -> Option<String> {
        Some("Is the gap between European allies widening?".into())
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[Takes::value(
            ChartOption::Groups,
            Unset::Names(&DEFAULT_PAIR),
        )];
        TAKES
    }

    fn prepare(&self, r: &Results, o: &ChartSpec) -> Result<Prepared> {
        let pair: Vec<&Group> = match o.groups.as_slice() {
            [] => DEFAULT_PAIR.iter().map(|k| r.group(k)).collect(),
            [_, _] => {
                let (a, b) = r.group_pair(&o.groups)?;
                vec![a, b]
            }
            other => {
                return Err(Error::usage(
                    Param::Groups,
                    format!(
                        "give two groups to set against each other, not {}",
                        other.len()
                    ),
                ))
            }
        };
        let years = r.dispersion((pair[0], pair[1]))?;
        let data = r.data();
        let edition = &data.edition;
        let line = |label: String, f: fn(&YearSpread) -> Option<f64>| TrendSeries {
            label,
            points: years
                .iter()
                .filter_map(|y| Some((y.year, f(y)?, edition.is_estimate(y.year))))
                .collect(),
        };
        let series = vec![
            line("Top 5 less bottom 5".into(), |y| Some(y.top_bottom)),
            line("90th less 10th percentile".into(), |y| Some(y.p90_p10)),
            line(
                format!("{} less {}", pair[0].label, pair[1].label),
                YearSpread::group_gap,
            ),
            line("Standard deviation".into(), |y| Some(y.sd)),
        ];
        let table = Table::of(
            &[
                column("year", "Year", |y: &YearSpread| Value::Int(y.year.into())),
                column("allies", "Allies", |y: &YearSpread| {
                    Value::Int(y.allies as i64)
                }),
                column("sd_points", "SD (points)", |y: &YearSpread| {
                    Value::Number(y.sd, 4)
                }),
                column("cv", "CV", |y: &YearSpread| Value::Number(y.cv, 4)),
                column("p90_p10_points", "P90-P10 (points)", |y: &YearSpread| {
                    Value::Number(y.p90_p10, 4)
                }),
                column(
                    "top5_bottom5_points",
                    "Top 5 - bottom 5 (points)",
                    |y: &YearSpread| Value::Number(y.top_bottom, 4),
                ),
                column(
                    "group_gap_points",
                    "Group gap (points)",
                    |y: &YearSpread| Value::num(y.group_gap(), 4),
                ),
            ],
            &years,
        );
        let (first, last) = (years.first(), years.last());
        let cv = match (first, last) {
            (Some(a), Some(b)) => format!(
                "relative to the mean (coefficient of variation) {:.2} in {} and {:.2} in {}",
                a.cv,
                edition.year_label(a.year),
                b.cv,
                edition.year_label(b.year)
            ),
            _ => String::new(),
        };
        let frame = Frame {
            title: format!(
                "How far apart are the European allies? Spread of shares of GDP, {}-{}",
                edition.first_year, edition.last_year
            ),
            subtitle: format!(
                "{} · points of GDP between allies' shares, allies counted from the year they joined · {cv}",
                edition_line(data)
            ),
            footer: footer(
                data,
                &[format!(
                    "European allies with armed forces. Standard deviation over the allies themselves; percentiles linear between ranks. Hollow points: NATO estimates ({}).",
                    years_list(&edition.estimate_years)
                )],
            ),
        };
        Ok(Prepared {
            chart: Box::new(TrendChart {
                frame,
                series,
                targets: Vec::new(),
                estimate_years: edition.estimate_years.clone(),
                unit: ShareUnit::Points,
            }),
            table,
        })
    }
}
