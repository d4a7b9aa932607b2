//! `defspend validate`: report every violation in a dataset directory, with
//! edition, ally, year, measure, expected and found; exit 1 when there are any.

use serde_json::json;

use super::emit;
use crate::cli::ValidateArgs;
use crate::data::validate::{self, Finding};
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::export::{ColumnSpec, Report, Section, Table, Value};

fn table(findings: &[Finding]) -> Table {
    let mut t = Table::new(vec![
        ColumnSpec::new("edition", "Edition"),
        ColumnSpec::new("place", "Place"),
        ColumnSpec::new("code", "Ally"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("measure", "Measure"),
        ColumnSpec::new("expected", "Expected"),
        ColumnSpec::new("found", "Found"),
        ColumnSpec::new("problem", "Problem"),
    ]);
    for f in findings {
        t.push(vec![
            Value::text(&f.edition),
            Value::text(&f.place),
            Value::text(&f.code),
            f.year.map_or(Value::Missing, |y| Value::Int(y.into())),
            Value::text(&f.measure),
            Value::text(&f.expected),
            Value::text(&f.found),
            Value::text(&f.problem),
        ]);
    }
    t
}

pub fn run(catalog: &Catalog, args: &ValidateArgs) -> Result<()> {
    let editions = match &args.edition {
        Some(id) => vec![catalog.edition(Some(id))?.clone()],
        None => catalog.editions.clone(),
    };
    let mut violations = Vec::new();
    let mut information = Vec::new();
    let mut checks = 0;
    let mut summary = Vec::new();
    for edition in &editions {
        let outcome = validate::validate(&catalog.source, &catalog.allies, edition);
        summary.push(format!(
            "{}: {} checks, {} violation(s), {} note(s).",
            edition.id,
            outcome.checks,
            outcome.violations.len(),
            outcome.information.len()
        ));
        checks += outcome.checks;
        violations.extend(outcome.violations);
        information.extend(outcome.information);
    }
    let scope = format!(
        "{} ({})",
        catalog.source.describe(),
        editions
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut metadata = serde_json::Map::new();
    metadata.insert("data".into(), json!(catalog.source.describe()));
    metadata.insert(
        "editions".into(),
        json!(editions.iter().map(|e| &e.id).collect::<Vec<_>>()),
    );
    metadata.insert("checks".into(), json!(checks));
    metadata.insert("violations".into(), json!(violations.len()));
    metadata.insert("information".into(), json!(information.len()));
    let violation_table = table(&violations);
    let report = Report {
        title: if violations.is_empty() {
            format!("Clean: {scope}")
        } else {
            format!("{} violation(s): {scope}", violations.len())
        },
        metadata,
        summary,
        sections: vec![
            Section::new("violations", format!("Violations ({})", violations.len()), violation_table.clone()),
            Section::new("information", format!("Information, not errors ({})", information.len()), table(&information)),
        ],
        notes: vec![format!(
            "A published share may differ from constant spending / constant GDP by up to {} points (rounding); NATO's published share is authoritative.",
            validate::SHARE_TOLERANCE
        )],
        citation: editions.iter().map(|e| e.citation.clone()).collect::<Vec<_>>().join("\n"),
        tidy: violation_table,
    };
    emit(&report, &args.output)?;
    if violations.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid {
            count: violations.len(),
            scope,
        })
    }
}
