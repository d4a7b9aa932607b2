//! `defspend scenario list|check|run`: what each ally, and each group, would
//! need to spend year by year to reach a scenario's target by its target year.

use crate::cli::{ScenarioCommand, ScenarioRunArgs};
use crate::data::Catalog;
use crate::error::Result;
use crate::scenario;
use crate::view;

pub fn run(catalog: &Catalog, command: &ScenarioCommand) -> Result<()> {
    match command {
        ScenarioCommand::List(output) => {
            let shipped = scenario::SHIPPED
                .iter()
                .map(|(id, text)| {
                    scenario::parse(&format!("scenarios/{id}.toml"), text, catalog)
                        .map(|s| (*id, s))
                })
                .collect::<Result<Vec<_>>>()?;
            output.emit(&view::scenario::list(&shipped))
        }
        ScenarioCommand::Check { file } => {
            let (display, text) = scenario::read(file).map_err(|e| e.from_flag("FILE"))?;
            let s = scenario::parse(&display, &text, catalog)?;
            crate::export::say(&format!(
                "{display}: valid. {} ({}, {}-{}, {}, {} path, {} allies, {} groups).",
                s.name,
                s.edition,
                s.baseline_year,
                s.target_year,
                s.describe_target(),
                s.path.key(),
                s.allies.len(),
                s.groups.len()
            ))?;
            Ok(())
        }
        ScenarioCommand::Run(args) => run_scenario(catalog, args),
    }
}

fn run_scenario(catalog: &Catalog, args: &ScenarioRunArgs) -> Result<()> {
    let (display, text) = scenario::read(&args.file).map_err(|e| e.from_flag("FILE"))?;
    let mut s = scenario::parse_on(&display, &text, catalog, args.economy.id())?;
    if let Some(t) = args.growth_threshold {
        s.growth_threshold = t;
    }
    let selected = catalog.ally_codes(&args.allies)?;
    let (data, paths) = s.run(catalog)?;
    let outcome = crate::scenario::outcome::Outcome::of(&s, &paths)?;
    let report = view::scenario::report(catalog, &data, &s, &paths, &outcome, &selected)?;
    args.output.emit(&report)
}
