//! `defspend compare`: the gaps to several targets side by side, per ally and per group.

use crate::cli::CompareArgs;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::export::{Table, Value};
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
    let standings = ctx.calc.standings(ctx.year, &args.targets)?;
    let groups = args.groups.resolve(catalog)?;
    let mut report = view::compare::report(&super::scope(&ctx), &standings, &groups)?;
    if args.per_capita {
        let outlook = catalog.load_outlook(args.economy.id())?;
        let (section, sentence, note) =
            view::percapita::gap_section(&standings, &outlook, &ctx.edition().year_label(ctx.year));
        per_person_in_tidy(&mut report.tidy, &section.table)?;
        report.sections.push(section);
        report.summary.push(sentence);
        report.notes.push(note);
    }
    args.output.emit(&report)
}

/// Each ally row of the tidy output gains its population and its gap per
/// person to that row's target (CSV and JSON-lines readers get them too).
fn per_person_in_tidy(tidy: &mut Table, section: &Table) -> Result<()> {
    let column = |table: &Table, key: &str| {
        table.index(key).ok_or_else(|| {
            crate::error::Error::data(
                "the tidy output",
                format!("no column '{key}' to add the gaps per person by"),
            )
        })
    };
    let (name, target) = (column(tidy, "name")?, column(tidy, "target_pct")?);
    let (ally, population) = (column(section, "ally")?, column(section, "population_m")?);
    let found = |row: &[Value]| section.rows.iter().find(|r| r[ally] == row[name]).cloned();
    tidy.add_column("population_m", "Population (m)", |row| {
        found(row).map_or(Value::Missing, |r| r[population].clone())
    });
    tidy.add_column("gap_per_person_usd", "Gap per person (USD)", |row| {
        match (found(row), &row[target]) {
            (Some(r), Value::Number(t, _)) => section
                .index(&format!("gap_per_person_usd_{}", crate::units::pct(*t)))
                .map_or(Value::Missing, |i| r[i].clone()),
            _ => Value::Missing,
        }
    });
    Ok(())
}
