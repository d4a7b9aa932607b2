//! `rivals`: Russia and China against the United States and against Europe
//! and Canada, with Ukraine alongside: constant USD and share of GDP (SIPRI).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::sipri_input::{sipri_footer, sipri_series, table_of, to_long};
use super::{Kind, Prepared};
use crate::calc::longrun::Measure;
use crate::chart::era_panel::{panel, Axes, LongSeries, Unit};
use crate::chart::style::{self, DrawResult, Style, Swatch, MUTED};
use crate::chart::{Chart, ChartOption, ChartSpec, Frame, Takes, Unset};
use crate::data::groups;
use crate::error::Result;
use crate::results::Results;

pub struct Rivals;

/// From the year after the USSR (Russia's first SIPRI year).
const DEFAULT_FROM: i32 = 1992;

impl Kind for Rivals {
    fn id(&self) -> &'static str {
        "rivals"
    }

    fn about(&self) -> String {
        "Russia and China against groups `us` and `europe-canada`, Ukraine alongside (SIPRI): constant USD and share of GDP".into()
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[
            Takes::rule(
                ChartOption::Countries,
                "none besides Russia, China and Ukraine",
            ),
            Takes::value(ChartOption::From, Unset::Year(DEFAULT_FROM)),
            Takes::rule(ChartOption::Groups, "none besides us and europe-canada"),
        ];
        TAKES
    }

    fn prepare(&self, r: &Results, o: &ChartSpec) -> Result<Prepared> {
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
