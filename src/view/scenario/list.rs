//! `scenario list`: the shipped scenarios, each with its target, year and source.

use crate::export::{column, Report, Section, Table, Value};
use crate::scenario::Scenario;

/// A shipped scenario and the name it is asked for by.
pub struct Shipped<'a> {
    pub id: &'a str,
    pub scenario: Scenario,
}

/// The shipped scenarios, one row each.
pub fn list(scenarios: &[Shipped]) -> Report {
    let table = Table::of(
        &[
            column("id", "Scenario", |r: &Shipped| Value::text(r.id)),
            column("name", "Name", |r: &Shipped| Value::text(&r.scenario.name)),
            column("edition", "Edition", |r: &Shipped| {
                Value::text(&r.scenario.edition)
            }),
            column("years", "Years", |r: &Shipped| {
                Value::text(format!(
                    "{}-{}",
                    r.scenario.baseline_year, r.scenario.target_year
                ))
            }),
            column("target", "Target", |r: &Shipped| {
                Value::text(r.scenario.describe_target())
            }),
            column("path", "Path", |r: &Shipped| {
                Value::text(r.scenario.path.key())
            }),
        ],
        scenarios,
    );
    Report {
        title: "Shipped scenarios".into(),
        metadata: serde_json::Map::new(),
        summary: vec!["Run one with `defspend scenario run NAME` or give the path of your own file.".into()],
        sections: vec![Section::new("scenarios", "Scenarios", table.clone())],
        notes: vec!["scenarios/README.md documents every key of a scenario file.".into()],
        citation: "Scenarios are assumptions applied to NATO's figures; the edition each uses is cited when it runs.".into(),
        tidy: table,
    }
}
