//! `long-run`: shares of GDP since 1949 from SIPRI, for countries and groups,
//! with the eras marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::sipri_input::{sipri_footer, sipri_series, table_of, to_long};
use super::{Kind, Prepared};
use crate::calc::longrun::Measure;
use crate::chart::era_panel::{panel, Axes, LongSeries, Unit};
use crate::chart::style::{self, DrawResult, Style, Swatch, MUTED};
use crate::chart::{Chart, ChartOption, ChartSpec, Frame, Takes};
use crate::data::groups;
use crate::error::Result;
use crate::param::Param;
use crate::results::Results;

pub struct LongRun;

/// The countries and groups drawn without `--countries`.
const DEFAULT: [&str; 2] = [groups::UNITED_STATES, groups::EUROPE_CANADA];
const DEFAULT_COUNTRIES: [&str; 1] = ["RUS"];

impl Kind for LongRun {
    fn id(&self) -> &'static str {
        "long-run"
    }

    /// It draws from SIPRI's series.
    fn takes_edition(&self, _spec: &ChartSpec) -> bool {
        false
    }

    fn about(&self) -> String {
        format!(
            "Share of GDP since 1949 (SIPRI) for {} and {}, the eras marked",
            Param::Countries,
            Param::Groups
        )
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[
            Takes::rule(
                ChartOption::Countries,
                "Russia, and groups us and europe-canada unless groups are given",
            ),
            Takes::rule(ChartOption::From, "SIPRI's first year"),
            Takes::rule(
                ChartOption::Groups,
                "none, or us and europe-canada with Russia if no countries are given",
            ),
        ];
        TAKES
    }

    fn prepare(&self, r: &Results, o: &ChartSpec) -> Result<Prepared> {
        let sipri = r.sipri(&Measure::Share.sipri_tables())?;
        let mut queries: Vec<String> = o.countries.clone();
        queries.extend(o.groups.iter().cloned());
        if queries.is_empty() {
            queries = DEFAULT
                .iter()
                .chain(DEFAULT_COUNTRIES.iter())
                .map(|s| s.to_string())
                .collect();
        }
        let since = o.from.unwrap_or(sipri.release.first_year);
        let series = sipri_series(r, &sipri, &queries, Measure::Share, since)?;
        let first = series
            .iter()
            .filter_map(|s| s.points.iter().find(|p| p.cell.value.is_some()))
            .map(|p| p.year)
            .min()
            .unwrap_or(since);
        let table = table_of(&[(&series, Measure::Share)]);
        let frame = Frame {
            title: format!(
                "Military expenditure as a share of GDP, {first}-{}",
                sipri.release.last_year
            ),
            subtitle: format!(
                "SIPRI Military Expenditure Database, {} · SIPRI's definition, not NATO's · groups: members counted from the year they joined",
                sipri.release.published.long()
            ),
            footer: sipri_footer(&sipri, &series),
        };
        Ok(Prepared {
            chart: Box::new(LongRunChart {
                frame,
                series: series.iter().map(to_long).collect(),
                years: (first, sipri.release.last_year),
            }),
            table,
        })
    }
}

pub struct LongRunChart {
    pub frame: Frame,
    pub series: Vec<LongSeries>,
    pub years: (i32, i32),
}

impl Chart for LongRunChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let mut items = style::line_legend(self.series.iter().map(|s| s.label.clone()));
        items.push((Swatch::Dashed(MUTED), "SIPRI estimate".into()));
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;
        panel(
            root,
            &area,
            st,
            &self.series,
            &Axes {
                years: self.years,
                unit: Unit::Percent,
                y_desc: "% of GDP",
                colours: &style::SERIES,
            },
        )
    }
}
