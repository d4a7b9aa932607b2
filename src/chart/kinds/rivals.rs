//! `rivals`: Russia and China against the United States and against Europe
//! and Canada, with Ukraine alongside: constant USD and share of GDP (SIPRI).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::sipri_input::{sipri_footer, sipri_series, table_of, to_long};
use super::{Kind, Prepared};
use crate::calc::longrun::Measure;
use crate::calc::ppp::{Prices, RivalSide};
use crate::chart::bars::GroupedBars;
use crate::chart::era_panel::{panel, Axes, LongSeries, Unit};
use crate::chart::style::{self, DrawResult, Style, Swatch, MUTED};
use crate::chart::{Chart, ChartOption, ChartSpec, Frame, Takes, Unset};
use crate::data::groups;
use crate::error::{Error, Result};
use crate::export::{column, Table, Value};
use crate::param::Param;
use crate::results::Results;

pub struct Rivals;

/// From the year after the USSR (Russia's first SIPRI year).
const DEFAULT_FROM: i32 = 1992;

impl Kind for Rivals {
    fn id(&self) -> &'static str {
        "rivals"
    }

    /// The year of its sides at PPP; the long series run to SIPRI's last.
    fn takes_year(&self, spec: &ChartSpec) -> bool {
        spec.prices == Some(Prices::Ppp)
    }

    /// Europe's side at PPP is the edition's; the long series are SIPRI's.
    fn takes_edition(&self, spec: &ChartSpec) -> bool {
        spec.prices == Some(Prices::Ppp)
    }

    fn about(&self) -> String {
        format!("Russia and China against groups `us` and `europe-canada`, Ukraine alongside (SIPRI): constant USD and share of GDP; {} ppp: Europe against them in {} at market rates, PPP and defence-weighted", Param::Prices, Param::Year)
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[
            Takes::rule(
                ChartOption::Countries,
                "none besides Russia, China and Ukraine",
            ),
            Takes::value(ChartOption::From, Unset::Year(DEFAULT_FROM)),
            Takes::rule(ChartOption::Groups, "none besides us and europe-canada"),
            Takes::value(ChartOption::Prices, Unset::Name("market")),
        ];
        TAKES
    }

    fn prepare(&self, r: &Results, o: &ChartSpec) -> Result<Prepared> {
        if o.prices == Some(Prices::Ppp) {
            return at_ppp(r, o);
        }
        let mut tables = Measure::Share.sipri_tables();
        tables.push(Measure::Constant.sipri());
        let sipri = r.sipri(&tables)?;
        let mut queries: Vec<String> = [
            groups::UNITED_STATES,
            groups::EUROPE_CANADA,
            "RUS",
            "CHN",
            "UKR",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        queries.extend(o.countries.iter().cloned());
        queries.extend(o.groups.iter().cloned());
        let since = o.from.unwrap_or(DEFAULT_FROM);
        let money = sipri_series(r, &sipri, &queries, Measure::Constant, since)?;
        let shares = sipri_series(r, &sipri, &queries, Measure::Share, since)?;
        let table = table_of(&[(&money, Measure::Constant), (&shares, Measure::Share)]);
        let last = sipri.release.last_year;
        let frame = Frame {
            title: format!(
                "Russia and China against the {} and {}, {since}-{last}",
                r.group(groups::UNITED_STATES).label,
                r.group(groups::EUROPE_CANADA).label
            ),
            subtitle: format!(
                "SIPRI Military Expenditure Database, {} · left: USD bn at constant {} prices · right: % of GDP · Ukraine alongside",
                sipri.release.published.long(),
                sipri.release.price_base_year
            ),
            footer: sipri_footer(&sipri, &money),
        };
        let bn = |s: LongSeries| LongSeries {
            label: s.label,
            points: s
                .points
                .into_iter()
                .map(|(y, v, m)| (y, v.map(|v| v / 1000.0), m))
                .collect(),
        };
        Ok(Prepared {
            chart: Box::new(RivalsChart {
                frame,
                money: money.iter().map(to_long).map(bn).collect(),
                shares: shares.iter().map(to_long).collect(),
                years: (since, last),
            }),
            table,
        })
    }
}

/// `--prices ppp`: Europe, the United States, Russia, China and Ukraine in
/// one year at market rates, GDP-based PPP and defence-weighted, as bars.
fn at_ppp(r: &Results, o: &ChartSpec) -> Result<Prepared> {
    if let Some(other) = o.given().into_iter().find(|g| {
        [
            ChartOption::Countries,
            ChartOption::From,
            ChartOption::Groups,
        ]
        .contains(g)
    }) {
        return Err(Error::usage(
            other.param(),
            format!(
                "chart rivals {} ppp draws one year's sides, not long series: it does not use it",
                Param::Prices
            ),
        ));
    }
    // Russia and China are SIPRI's: without its database the chart has no rivals.
    r.sipri(&[crate::data::sipri::Measure::CurrentUsd])?;
    let rivals = r.rivals()?;
    let bn = |v: Option<f64>| v.unwrap_or(0.0) / 1000.0;
    let rows = rivals
        .sides
        .iter()
        .filter(|s| s.market_m.is_some())
        .map(|s| {
            (
                s.label.clone(),
                vec![bn(s.market_m), bn(s.ppp_m), bn(s.weighted_m)],
            )
        })
        .collect();
    let table = rivals_table(&rivals);
    let asked = rivals.asked.map_or(String::new(), |y| {
        format!(" · {}: SIPRI's latest year ({y} asked)", rivals.year)
    });
    let footer = ppp_footer(&rivals);
    let frame = Frame {
        title: format!(
            "Europe against Russia and China at market rates and at PPP, {}",
            rivals.year
        ),
        subtitle: format!(
            "Defence spending, billions · market rates: USD · GDP-based PPP and defence-weighted: international $ ({}) · not a military PPP{asked}",
            rivals.rates.id
        ),
        footer,
    };
    Ok(Prepared {
        chart: Box::new(GroupedBars {
            frame,
            series: vec![
                "Market exchange rates".into(),
                "GDP-based PPP".into(),
                "Defence-weighted (personnel at PPP)".into(),
            ],
            rows,
            unit: "Billions (USD at market rates; international $ at PPP)".into(),
        }),
        table,
    })
}

/// The numbers the PPP chart draws, billions.
fn rivals_table(rivals: &crate::calc::ppp::Rivals) -> Table {
    Table::of(
        &[
            column("side", "Side", |s: &RivalSide| Value::text(&s.label)),
            column("source", "Source", |s: &RivalSide| Value::text(&s.source)),
            column("market_usd_bn", "Market rates (USD bn)", |s: &RivalSide| {
                Value::num(s.market_m.map(|m| m / 1000.0), 4)
            }),
            column(
                "ppp_intl_bn",
                "GDP-based PPP (int'l $ bn)",
                |s: &RivalSide| Value::num(s.ppp_m.map(|m| m / 1000.0), 4),
            ),
            column(
                "defence_weighted_intl_bn",
                "Defence-weighted (int'l $ bn)",
                |s: &RivalSide| Value::num(s.weighted_m.map(|m| m / 1000.0), 4),
            ),
        ],
        &rivals.sides,
    )
}

/// The PPP chart's sources and what PPP and the weighting are.
fn ppp_footer(rivals: &crate::calc::ppp::Rivals) -> Vec<String> {
    let mut footer = vec![
        rivals.edition.citation.clone(),
        rivals.rates.citation.clone(),
    ];
    footer.extend(rivals.sipri.as_ref().map(|s| s.citation.clone()));
    footer.push(format!(
        "Each country's current-USD spending times its own ratio of market exchange rate to the IMF's PPPEX ({}); a group sums its members at their own ratios. GDP-based PPP, not a military PPP: it overstates what buys imported, dollar-priced equipment.",
        rivals.rates.id
    ));
    footer.push("Defence-weighted: defspend's construction, not a published method: the personnel share of spending (NATO's Table 8a) at PPP, the rest at market rates; Russia, China and Ukraine publish no such split, and the European allies' share is assumed for them. Allies: NATO's figures; Russia, China, Ukraine: SIPRI's current USD. Chart: defspend.".into());
    footer
}

pub struct RivalsChart {
    pub frame: Frame,
    pub money: Vec<LongSeries>,
    pub shares: Vec<LongSeries>,
    pub years: (i32, i32),
}

impl Chart for RivalsChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let mut items = style::line_legend(self.money.iter().map(|s| s.label.clone()));
        items.push((Swatch::Dashed(MUTED), "SIPRI estimate".into()));
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;
        let (w, _) = area.dim_in_pixel();
        let (left, right) = area.split_horizontally(w / 2);
        panel(
            root,
            &left,
            st,
            &self.money,
            &Axes {
                years: self.years,
                unit: Unit::UsdBn,
                y_desc: "USD bn, constant prices",
                colours: &style::SERIES,
            },
        )?;
        panel(
            root,
            &right,
            st,
            &self.shares,
            &Axes {
                years: self.years,
                unit: Unit::Percent,
                y_desc: "% of GDP",
                colours: &style::SERIES,
            },
        )
    }
}
