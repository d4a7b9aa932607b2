//! `defspend history`: long series for countries and groups, from SIPRI or a NATO edition.

use crate::calc::longrun::{self, Source};
use crate::calc::Calculator;
use crate::cli::{HistoryArgs, LongSource};
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::param::Param;
use crate::view;

pub fn run(catalog: &Catalog, args: &HistoryArgs) -> Result<()> {
    let measure = args.measure.measure();
    let names = catalog.sipri_countries()?;
    let subjects = args
        .names
        .iter()
        .map(|n| catalog.subject(n, &names))
        .collect::<Result<Vec<_>>>()?;
    let report = match args.source {
        LongSource::Sipri => {
            if args.edition.edition.is_some() {
                return Err(Error::usage(
                    Param::Edition,
                    "names a NATO edition; add --source nato to use it",
                ));
            }
            let sipri = catalog.load_sipri(None, &measure.sipri_tables())?;
            let source = Source::Sipri(&sipri);
            let series = all_series(catalog, &source, &subjects, measure, args.since)?;
            view::history::sipri_report(&sipri, &series, measure)
        }
        LongSource::Nato => {
            let data = args.edition.load(catalog)?;
            let calc = Calculator::for_edition(&data, &catalog.allies)?;
            let source = Source::Nato(&calc, &data.edition.id);
            let series = all_series(catalog, &source, &subjects, measure, args.since)?;
            view::history::nato_report(&data.edition, &series, measure)?
        }
    };
    args.output.emit(&report)
}

fn all_series(
    catalog: &Catalog,
    source: &Source,
    subjects: &[crate::data::Subject],
    measure: longrun::Measure,
    since: Option<i32>,
) -> Result<Vec<longrun::Series>> {
    let series = subjects
        .iter()
        .map(|s| {
            longrun::series(source, s, &catalog.allies, measure)
                .map(|x| x.since(since.unwrap_or(i32::MIN)))
        })
        .collect::<Result<Vec<_>>>()?;
    if let Some(year) = since {
        if series.iter().all(|s| s.points.is_empty()) {
            return Err(Error::usage(
                Param::Since,
                format!("{year} is after the last year of the series"),
            ));
        }
    }
    Ok(series)
}
