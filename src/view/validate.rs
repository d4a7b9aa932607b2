//! `validate`: every violation in a dataset directory, with edition, ally,
//! year, measure, expected and found.

use serde_json::json;

use crate::data::validate::{Finding, SHARE_TOLERANCE};
use crate::data::Edition;
use crate::export::{column, Report, Section, Table, Value};

fn table(findings: &[Finding]) -> Table {
    Table::of(
        &[
            column("edition", "Edition", |f: &Finding| Value::text(&f.edition)),
            column("place", "Place", |f: &Finding| Value::text(&f.place)),
            column("code", "Ally", |f: &Finding| Value::text(&f.code)),
            column("year", "Year", |f: &Finding| {
                f.year.map_or(Value::Missing, |y| Value::Int(y.into()))
            }),
            column("measure", "Measure", |f: &Finding| Value::text(&f.measure)),
            column("expected", "Expected", |f: &Finding| {
                Value::text(&f.expected)
            }),
            column("found", "Found", |f: &Finding| Value::text(&f.found)),
            column("problem", "Problem", |f: &Finding| Value::text(&f.problem)),
        ],
        findings,
    )
}

/// The report of a validation run over `editions`.
pub fn report(
    data: &str,
    scope: &str,
    editions: &[Edition],
    summary: Vec<String>,
    checks: usize,
    violations: &[Finding],
    information: &[Finding],
) -> Report {
    let mut metadata = serde_json::Map::new();
    metadata.insert("data".into(), json!(data));
    metadata.insert(
        "editions".into(),
        json!(editions.iter().map(|e| &e.id).collect::<Vec<_>>()),
    );
    metadata.insert("checks".into(), json!(checks));
    metadata.insert("violations".into(), json!(violations.len()));
    metadata.insert("information".into(), json!(information.len()));
    let violation_table = table(violations);
    Report {
        title: if violations.is_empty() {
            format!("Clean: {scope}")
        } else {
            format!("{} violation(s): {scope}", violations.len())
        },
        metadata,
        summary,
        sections: vec![
            Section::new("violations", format!("Violations ({})", violations.len()), violation_table.clone()),
            Section::new("information", format!("Information, not errors ({})", information.len()), table(information)),
        ],
        notes: vec![format!(
            "A published share may differ from constant spending / constant GDP by up to {} points (rounding); NATO's published share is authoritative.",
            SHARE_TOLERANCE
        )],
        citation: editions.iter().map(|e| e.citation.clone()).collect::<Vec<_>>().join("\n"),
        tidy: violation_table,
    }
}
