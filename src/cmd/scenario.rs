//! `defspend scenario list|check|run`: what each ally, and each group, would
//! need to spend year by year to reach a scenario's target by its target year.

use crate::api::{self, ScenarioListRequest, ScenarioRequest};
use crate::cli::{ScenarioCommand, ScenarioRunArgs};
use crate::data::Catalog;
use crate::error::{Asked, Result};
use crate::param::Param;
use crate::scenario;

pub fn run(catalog: &Catalog, command: &ScenarioCommand) -> Result<()> {
    match command {
        ScenarioCommand::List(output) => {
            output.emit(&api::scenario_list(catalog, &ScenarioListRequest {})?)
        }
        ScenarioCommand::Check { file } => {
            let (display, text) = scenario::read(file).map_err(|e| e.from_param(Param::File))?;
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
    let request = ScenarioRequest {
        scenario: args.file.clone(),
        growth_threshold: args.growth_threshold,
        allies: args.allies.clone(),
        economy: args.economy.economy.clone(),
        text: None,
        target: args.target,
        by: args.by,
        path: args.path.clone(),
        ally_target: args.ally_target.clone(),
    };
    let report =
        api::scenario(catalog, &request).map_err(|e| e.param_for(Asked::Scenario, Param::File))?;
    args.output.emit(&report)
}
