//! `defspend compare`: the gaps to several targets side by side, per ally and per group.

use crate::cli::CompareArgs;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::view;

pub fn run(catalog: &Catalog, args: &CompareArgs) -> Result<()> {
    let ctx = args.at.resolve(catalog)?;
    if args.targets.is_empty() {
        return Err(Error::usage("--targets", "give at least one target"));
    }
    if let Some(t) = args
        .targets
        .iter()
        .enumerate()
        .find_map(|(i, t)| args.targets[..i].contains(t).then_some(t))
    {
        return Err(Error::usage(
            "--targets",
            format!("{} is given twice", crate::units::pct(*t)),
        ));
    }
    let standings = args
        .targets
        .iter()
        .map(|t| ctx.calc.standing(ctx.year, *t))
        .collect::<Result<Vec<_>>>()?;
    let groups = args.groups.resolve(catalog)?;
    let mut report = view::compare::report(&ctx, &standings, &groups)?;
    if args.per_capita {
        let outlook = catalog.load_outlook(args.economy.id())?;
        let (section, sentence, note) =
            view::percapita::gap_section(&standings, &outlook, &ctx.edition().year_label(ctx.year));
        report.sections.push(section);
        report.summary.push(sentence);
        report.notes.push(note);
    }
    args.output.emit(&report)
}
