//! `defspend allies`: the allies, with accession dates and special cases.

use serde_json::json;

use super::emit;
use crate::cli::OutputArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::{ColumnSpec, Report, Section, Table, Value};

pub fn run(catalog: &Catalog, output: &OutputArgs) -> Result<()> {
    let mut table = Table::new(vec![
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("iso3", "ISO"),
        ColumnSpec::new("name", "Ally"),
        ColumnSpec::new("accession_date", "Joined"),
        ColumnSpec::new("region", "Region"),
        ColumnSpec::new("eu_member", "EU"),
        ColumnSpec::new("has_armed_forces", "Armed forces"),
        ColumnSpec::new("note", "Note"),
    ]);
    for a in &catalog.allies {
        table.push(vec![
            Value::text(&a.nato_code),
            Value::text(&a.iso3),
            Value::text(&a.name),
            Value::text(a.accession_date.to_string()),
            Value::text(match a.region {
                crate::data::allies::Region::Europe => "Europe",
                crate::data::allies::Region::NorthAmerica => "North America",
            }),
            Value::Bool(a.eu_member),
            Value::Bool(a.has_armed_forces),
            a.note.as_deref().map_or(Value::Missing, Value::text),
        ]);
    }
    let mut metadata = serde_json::Map::new();
    metadata.insert("data".into(), json!(catalog.source.describe()));
    metadata.insert("allies".into(), json!(catalog.allies.len()));
    let report = Report {
        title: format!("NATO allies ({})", catalog.allies.len()),
        metadata,
        summary: vec![],
        sections: vec![Section::new("allies", "Allies", table.clone())],
        notes: vec!["Aggregates count an ally from the calendar year in which it joined.".into()],
        citation: "Accession dates: NATO. Codes: NATO's two-letter codes and ISO 3166 alpha-3."
            .into(),
        tidy: table,
    };
    emit(&report, output)
}
