//! The resolve stage: arguments as clap parsed them turned into what a
//! command works on (the edition loaded and the year checked, the groups
//! found, the output written), so that the argument definitions in `cli`
//! hold no behaviour of the domain.

use crate::cli::{EditionArgs, EditionYearArgs, GroupArgs, LongMeasure, OutputArgs};
use crate::context::Context;
use crate::data::{Catalog, EditionData, Group};
use crate::error::Result;
use crate::export::{self, Report};

impl GroupArgs {
    /// The groups asked for, in that order, or the standard groups.
    pub fn resolve<'c>(&self, catalog: &'c Catalog) -> Result<Vec<&'c Group>> {
        if self.groups.is_empty() {
            Ok(catalog.standard_groups())
        } else {
            catalog.groups_named(&self.groups)
        }
    }
}

impl OutputArgs {
    /// Renders the report in the format asked for and writes it to standard
    /// output, or to the file whole or not at all.
    pub fn emit(&self, report: &Report) -> Result<()> {
        let exporter = self.format.exporter();
        let xlsx_name = self.output.as_deref().is_some_and(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
        });
        if !exporter.binary() {
            if xlsx_name {
                return Err(crate::error::Error::usage(
                    "--output",
                    "a .xlsx name takes --format xlsx (this format writes text)",
                ));
            }
            return export::emit(&exporter.render(report), self.output.as_deref());
        }
        match &self.output {
            Some(path) if !xlsx_name => Err(crate::error::Error::usage(
                "--output",
                format!(
                    "an Excel workbook is written to a .xlsx name, not {}",
                    path.display()
                ),
            )),
            Some(path) => export::write_atomic(path, &exporter.bytes(report)?),
            None => Err(crate::error::Error::usage(
                "--format",
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
