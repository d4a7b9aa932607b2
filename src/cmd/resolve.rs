//! The resolve stage: arguments as clap parsed them turned into what a
//! command works on (the edition loaded and the year checked, the groups
//! found, the output written), so that the argument definitions in `cli`
//! hold no behaviour of the domain.

use crate::chart::kinds::{self, Kind};
use crate::chart::{ChartSize, ChartSpec};
use crate::cli::{
    self, ChartKind, DrawArgs, EditionArgs, EditionYearArgs, LongMeasure, OutputArgs, SizeArgs,
};
use crate::context::Context;
use crate::data::{Catalog, EditionData};
use crate::error::Error;
use crate::error::Result;
use crate::export::{self, Report};
use crate::param::Param;

impl OutputArgs {
    /// Renders the report in the format asked for and writes it to standard
    /// output, or to the file whole or not at all.
    pub fn emit(&self, report: &Report) -> Result<()> {
        // Said on the command line: its parameters spelled as its flags.
        let spelled;
        let report = if report.has_marks() {
            spelled = report.clone().map_text(&|s| super::spell(s));
            &spelled
        } else {
            report
        };
        // Kept for a caller in the process (Python): it gets the report, and
        // a file asked for with --output is written all the same.
        if export::capture::keep(report)
            && self
                .output
                .as_deref()
                .is_none_or(|p| p == std::path::Path::new("-"))
        {
            return Ok(());
        }
        let exporter = export::Format::from(self.format).exporter();
        let xlsx_name = self.output.as_deref().is_some_and(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
        });
        if !exporter.binary() {
            if xlsx_name {
                return Err(crate::error::Error::usage(
                    Param::Output,
                    "a .xlsx name takes --format xlsx (this format writes text)",
                ));
            }
            return export::emit(&exporter.render(report), self.output.as_deref());
        }
        match &self.output {
            Some(path) if !xlsx_name => Err(crate::error::Error::usage(
                Param::Output,
                format!(
                    "an Excel workbook is written to a .xlsx name, not {}",
                    path.display()
                ),
            )),
            Some(path) => export::write_atomic(path, &exporter.bytes(report)?),
            None => Err(crate::error::Error::usage(
                Param::Format,
                "an Excel workbook is written to a file: add --output FILE.xlsx",
            )),
        }
    }
}

impl EditionArgs {
    /// The edition asked for (the latest by default), loaded.
    pub fn load(&self, catalog: &Catalog) -> Result<EditionData> {
        catalog.load_edition(self.edition.as_deref())
    }
}

impl EditionYearArgs {
    /// The edition loaded, the year checked, the calculator ready.
    pub fn resolve<'c>(&self, catalog: &'c Catalog) -> Result<Context<'c>> {
        Context::new(catalog, self.edition.edition.as_deref(), self.year)
    }
}

impl LongMeasure {
    pub fn measure(self) -> crate::calc::longrun::Measure {
        use crate::calc::longrun::Measure;
        match self {
            LongMeasure::Share => Measure::Share,
            LongMeasure::Constant => Measure::Constant,
            LongMeasure::Current => Measure::Current,
            LongMeasure::PerCapita => Measure::PerCapita,
        }
    }
}

impl From<cli::Format> for export::Format {
    fn from(f: cli::Format) -> Self {
        match f {
            cli::Format::Table => export::Format::Table,
            cli::Format::Csv => export::Format::Csv,
            cli::Format::Json => export::Format::Json,
            cli::Format::Markdown => export::Format::Markdown,
            cli::Format::Xlsx => export::Format::Xlsx,
        }
    }
}

impl From<cli::LongSource> for crate::api::Source {
    fn from(s: cli::LongSource) -> Self {
        match s {
            cli::LongSource::Nato => Self::Nato,
            cli::LongSource::Sipri => Self::Sipri,
        }
    }
}

impl From<cli::Model> for crate::calc::montecarlo::Model {
    fn from(m: cli::Model) -> Self {
        match m {
            cli::Model::Adjust => Self::Adjust,
            cli::Model::Record => Self::Record,
        }
    }
}

impl From<cli::MapMeasure> for crate::chart::MapMeasure {
    fn from(m: cli::MapMeasure) -> Self {
        match m {
            cli::MapMeasure::Share => Self::Share,
            cli::MapMeasure::Gap => Self::Gap,
            cli::MapMeasure::Fiscal => Self::Fiscal,
            cli::MapMeasure::Plans => Self::Plans,
            cli::MapMeasure::Odds => Self::Odds,
        }
    }
}

impl From<cli::Anchor> for crate::forecast::odds::Anchor {
    fn from(a: cli::Anchor) -> Self {
        match a {
            cli::Anchor::Plan => Self::Plan,
            cli::Anchor::Record => Self::Record,
        }
    }
}

impl ChartKind {
    /// The chart kind of this name.
    pub fn kind(&self) -> Result<&'static dyn Kind> {
        let id = self.id();
        kinds::find(id)
            .ok_or_else(|| Error::usage(Param::Kind, format!("unknown chart kind '{id}'")))
    }
}

impl DrawArgs {
    /// What the flags ask a chart to draw.
    pub fn spec(&self) -> ChartSpec {
        ChartSpec {
            targets: self.targets.clone(),
            by: self.by,
            allies: self.allies.clone(),
            groups: self.groups.clone(),
            from: self.from,
            countries: self.countries.clone(),
            draws: self.draws,
            seed: self.seed,
            model: self.model.map(Into::into),
            measure: self.measure.map(Into::into),
            scenario: self.scenario.clone(),
            scenario_text: None,
            economy: self.economy.clone(),
            backtest: self.backtest.clone(),
            plans_vintage: self.plans_vintage.clone(),
            prices: self
                .prices
                .map(|prices| super::prices(&crate::cli::PricesArgs { prices })),
            title: self.title.clone(),
            at: Default::default(),
        }
    }
}

impl SizeArgs {
    pub fn size(&self) -> ChartSize {
        ChartSize {
            width: self.width,
            height: self.height,
            scale: self.scale,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::montecarlo::Params;

    #[test]
    fn the_command_lines_defaults_are_the_domains() {
        assert_eq!(cli::defaults::GUIDELINE, crate::calc::targets::GUIDELINE);
        assert_eq!(cli::defaults::COMPARE, crate::calc::targets::COMPARE);
        let p = Params::DEFAULT;
        assert_eq!(cli::defaults::DRAWS, p.draws as u64);
        assert_eq!(cli::defaults::SEED, p.seed);
        assert_eq!(cli::defaults::GDP_SD, p.gdp_sd);
        assert_eq!(cli::defaults::COMMON, p.common);
        assert_eq!(cli::defaults::SPENDING_SPREAD, p.spending_spread);
        assert_eq!(cli::defaults::SHRINK, crate::forecast::odds::DEFAULT_SHRINK);
        assert_eq!(cli::defaults::WIDTH, crate::chart::DEFAULT_WIDTH);
        assert_eq!(cli::defaults::HEIGHT, crate::chart::DEFAULT_HEIGHT);
        let pair = crate::calc::dispersion::DEFAULT_PAIR.map(String::from);
        assert_eq!(cli::defaults::DISPERSION_PAIR.map(String::from), pair);
        assert_eq!(
            cli::defaults::FISCAL_SCENARIO,
            crate::calc::fiscal::DEFAULT_FISCAL_SCENARIO
        );
        assert_eq!(
            cli::defaults::PATH_SHAPES,
            crate::calc::path::PathShape::ALL.map(|s| s.key())
        );
        let size = SizeArgs::default().size();
        let default = ChartSize::default();
        assert_eq!(
            (size.width, size.height, size.scale),
            (default.width, default.height, default.scale)
        );
    }

    #[test]
    fn every_chart_kind_is_on_the_command_line_with_its_description() {
        let registered: Vec<&str> = kinds::KINDS.iter().map(|k| k.id()).collect();
        assert_eq!(
            ChartKind::IDS,
            registered,
            "cli::ChartKind and chart::kinds::KINDS differ"
        );
        let command = super::super::command();
        let chart = command.find_subcommand("chart").unwrap();
        for kind in kinds::KINDS {
            let about = chart
                .find_subcommand(kind.id())
                .and_then(|c| c.get_about().map(|h| h.to_string()))
                .unwrap_or_default();
            assert_eq!(
                about,
                super::super::spell(&kind.about()),
                "{}'s description",
                kind.id()
            );
        }
    }

    /// The command line's parsers and the library's checks state the same
    /// ranges (cli may import nothing of the crate, so both are written):
    /// each value the one accepts, the other does.
    #[test]
    fn the_command_line_and_the_library_accept_the_same_values() {
        use crate::api::OutlookRequest;
        use clap::Parser;
        let parses = |flag: &str, value: &str| {
            crate::cli::Cli::try_parse_from(["defspend", "outlook", flag, value]).is_ok()
        };
        let numbers = [
            "-1", "0", "0.5", "1", "2", "3.5", "9.99", "10", "10.01", "99.9", "100", "150", "1e9",
        ];
        type Set = fn(&mut OutlookRequest, f64);
        let params: [(&str, Set); 5] = [
            ("--target", |r, v| r.target = Some(v)),
            ("--gdp-sd", |r, v| r.gdp_sd = v),
            ("--common", |r, v| r.common = v),
            ("--spending-spread", |r, v| r.spending_spread = v),
            ("--shrink", |r, v| r.shrink = v),
        ];
        for (flag, set) in params {
            for text in numbers {
                let mut request = OutlookRequest::default();
                set(&mut request, text.parse().unwrap());
                assert_eq!(
                    parses(flag, text),
                    request.check().is_ok(),
                    "{flag} {text}: the command line and the library disagree"
                );
            }
        }
        // A chart's size: the command line's ranges and the chart request's.
        for (flag, value) in [
            ("--width", "399"),
            ("--width", "400"),
            ("--width", "8000"),
            ("--width", "8001"),
            ("--height", "299"),
            ("--height", "300"),
            ("--height", "8001"),
            ("--scale", "0"),
            ("--scale", "4"),
            ("--scale", "5"),
        ] {
            let cli = crate::cli::Cli::try_parse_from([
                "defspend", "chart", "shares", "-o", "x.svg", flag, value,
            ]);
            let n: u32 = value.parse().unwrap();
            let mut request = crate::api::ChartRequest {
                kind: "shares".into(),
                ..Default::default()
            };
            match flag {
                "--width" => request.width = n,
                "--height" => request.height = n,
                _ => request.scale = n,
            }
            assert_eq!(
                cli.is_ok(),
                request.check().is_ok(),
                "chart {flag} {value}: the command line and the library disagree"
            );
        }
        for draws in ["0", "1", "100000000", "100000001"] {
            let request = OutlookRequest {
                draws: draws.parse().unwrap(),
                ..Default::default()
            };
            assert_eq!(
                parses("--draws", draws),
                request.check().is_ok(),
                "--draws {draws}"
            );
        }
    }
}
