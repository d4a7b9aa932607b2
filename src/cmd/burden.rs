//! `defspend burden`: each ally's share of allied spending against its share of
//! allied GDP in a year, and the United States against Europe and Canada.

use crate::calc::percapita;
use crate::cli::BurdenArgs;
use crate::data::{groups, Catalog};
use crate::error::Result;
use crate::view;

pub fn run(catalog: &Catalog, args: &BurdenArgs) -> Result<()> {
    let ctx = args.at.resolve(catalog)?;
    let burden = ctx.calc.burden(ctx.year)?;
    let history = ctx.calc.us_vs_europe(
        catalog.required_group(groups::UNITED_STATES),
        catalog.required_group(groups::EUROPE_CANADA),
    )?;
    let mut report = view::burden::report(&super::scope(&ctx), &burden, &history)?;
    if args.per_capita {
        let outlook = catalog.load_outlook(args.economy.id())?;
        let (basis, rows, allied) =
            percapita::for_year(&ctx.calc, &ctx.data, &catalog.allies, &outlook, ctx.year)?;
        let (section, sentence, note) =
            view::percapita::section(&basis, &rows, allied, &ctx.edition().year_label(ctx.year));
        // The per-person figures in the tidy output too (CSV, JSON lines).
        report.tidy.join(
            "code",
            &section.table,
            &["per_person_usd", "population_m", "against_allied_usd"],
        )?;
        report.sections.push(section);
        report.summary.push(sentence);
        report.notes.push(note);
    }
    args.output.emit(&report)
}
