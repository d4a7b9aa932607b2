//! `defspend editions`: the editions loaded, with their provenance.

use serde_json::json;

use super::emit;
use crate::cli::OutputArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::{ColumnSpec, Report, Section, Table, Value};

pub fn run(catalog: &Catalog, output: &OutputArgs) -> Result<()> {
    let mut table = Table::new(vec![
        ColumnSpec::new("id", "Edition"),
        ColumnSpec::new("title", "Title"),
        ColumnSpec::new("published", "Published"),
        ColumnSpec::new("years", "Years"),
        ColumnSpec::new("estimate_years", "Estimates"),
        ColumnSpec::new("price_base_year", "Price base"),
        ColumnSpec::new("basis", "Basis"),
        ColumnSpec::new("provenance", "Provenance"),
    ]);
    for e in &catalog.editions {
        table.push(vec![
            Value::text(&e.id),
            Value::text(&e.title),
            Value::text(e.published.to_string()),
            Value::text(format!("{}-{}", e.first_year, e.last_year)),
            Value::text(
                e.estimate_years
                    .iter()
                    .map(|y| y.to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Value::Int(e.price_base_year.into()),
            Value::text(e.basis.label()),
            Value::text(e.provenance.label()),
        ]);
    }
    let latest = catalog.edition(None)?;
    let mut metadata = serde_json::Map::new();
    metadata.insert("data".into(), json!(catalog.source.describe()));
    metadata.insert("default_edition".into(), json!(latest.id));
    let report = Report {
        title: format!("Editions in the {}", catalog.source.describe()),
        metadata,
        summary: vec![format!(
            "Default edition: {} (the latest published).",
            latest.id
        )],
        sections: vec![Section::new("editions", "Editions", table.clone())],
        notes: catalog
            .editions
            .iter()
            .map(|e| {
                format!(
                    "{}: {} Source: {}.",
                    e.id, e.share_of_gdp_definition, e.source
                )
            })
            .collect(),
        citation: catalog
            .editions
            .iter()
            .map(|e| e.citation.clone())
            .collect::<Vec<_>>()
            .join("\n"),
        tidy: table,
    };
    emit(&report, output)
}
