//! Reference reports: the allies, the editions loaded, the groups, the shipped scenarios.

use serde_json::json;

use crate::data::Catalog;
use crate::error::Result;
use crate::export::{ColumnSpec, Report, Section, Table, Value};

pub fn allies(catalog: &Catalog) -> Report {
    let mut table = Table::new(vec![
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("iso3", "ISO"),
        ColumnSpec::new("name", "Ally"),
        ColumnSpec::new("accession_date", "Joined"),
        ColumnSpec::new("region", "Region"),
        ColumnSpec::new("eu_member", "EU"),
        ColumnSpec::new("has_armed_forces", "Armed forces"),
        ColumnSpec::new("commitment_basis", "Commitment basis"),
        ColumnSpec::new("note", "Note"),
    ]);
    for a in &catalog.allies {
        table.push(vec![
            Value::text(&a.nato_code),
            Value::text(&a.iso3),
            Value::text(&a.name),
            Value::text(a.accession_date.to_string()),
            Value::text(a.region.label()),
            Value::Bool(a.eu_member),
            Value::Bool(a.has_armed_forces),
            Value::text(a.commitment_basis.label()),
            a.note.as_deref().map_or(Value::Missing, Value::text),
        ]);
    }
    let mut metadata = serde_json::Map::new();
    metadata.insert("data".into(), json!(catalog.source.describe()));
    metadata.insert("allies".into(), json!(catalog.allies.len()));
    Report {
        title: format!("NATO allies ({})", catalog.allies.len()),
        metadata,
        summary: vec![],
        sections: vec![Section::new("allies", "Allies", table.clone())],
        notes: vec!["Aggregates count an ally from the calendar year in which it joined.".into()],
        citation: "Accession dates: NATO. Codes: NATO's two-letter codes and ISO 3166 alpha-3."
            .into(),
        tidy: table,
    }
}

pub fn editions(catalog: &Catalog) -> Result<Report> {
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
    Ok(Report {
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
    })
}

/// `sources`: every source, family by family, with dates, citations and checksums.
pub fn sources(catalog: &Catalog, entries: &[crate::data::sources::SourceEntry]) -> Report {
    let mut table = Table::new(vec![
        ColumnSpec::new("family", "Family"),
        ColumnSpec::new("id", "Id"),
        ColumnSpec::new("published", "Published"),
        ColumnSpec::new("years", "Years"),
        ColumnSpec::new("default", "Default"),
        ColumnSpec::new("installed", "Installed"),
        ColumnSpec::new("source_sha256", "Source file sha256"),
        ColumnSpec::new("dataset_sha256", "Dataset sha256"),
    ]);
    let mut tidy = Table::new(vec![
        ColumnSpec::new("family", "Family"),
        ColumnSpec::new("id", "Id"),
        ColumnSpec::new("title", "Title"),
        ColumnSpec::new("published", "Published"),
        ColumnSpec::new("first_year", "First year"),
        ColumnSpec::new("last_year", "Last year"),
        ColumnSpec::new("default", "Default"),
        ColumnSpec::new("installed", "Installed"),
        ColumnSpec::new("source_sha256", "Source file sha256"),
        ColumnSpec::new("files", "Dataset files"),
        ColumnSpec::new("dataset_sha256", "Dataset sha256"),
        ColumnSpec::new("citation", "Citation"),
    ]);
    let short = |d: &Option<String>| d.as_ref().map(|d| d[..12].to_string());
    for e in entries {
        let installed = e.dataset_sha256.is_some();
        table.push(vec![
            Value::text(e.family.label()),
            Value::text(&e.id),
            Value::text(&e.published),
            Value::opt_text(e.years.map(|(a, b)| format!("{a}-{b}"))),
            Value::text(if e.default { "yes" } else { "" }),
            Value::text(if installed { "yes" } else { "no" }),
            Value::opt_text(short(&e.source_sha256)),
            Value::opt_text(short(&e.dataset_sha256)),
        ]);
        tidy.push(vec![
            Value::text(e.family.label()),
            Value::text(&e.id),
            Value::text(&e.title),
            Value::text(&e.published),
            e.years.map_or(Value::Missing, |y| Value::Int(y.0.into())),
            e.years.map_or(Value::Missing, |y| Value::Int(y.1.into())),
            Value::Bool(e.default),
            Value::Bool(installed),
            Value::opt_text(e.source_sha256.clone()),
            Value::text(e.files.join(" ")),
            Value::opt_text(e.dataset_sha256.clone()),
            Value::text(e.citation.trim()),
        ]);
    }
    let defaults: Vec<String> = entries
        .iter()
        .filter(|e| e.default && e.dataset_sha256.is_some())
        .map(|e| format!("{} {}", e.family.label(), e.id))
        .collect();
    let missing: Vec<String> = entries
        .iter()
        .filter(|e| e.dataset_sha256.is_none())
        .map(|e| e.id.clone())
        .collect();
    let mut summary = vec![format!(
        "{} sources in the {}; used by default (the latest of each family): {}.",
        entries.len(),
        catalog.source.describe(),
        crate::units::join_names(&defaults)
    )];
    if !missing.is_empty() {
        summary.push(format!(
            "Not installed: {} (SIPRI's terms do not let defspend ship its database: `defspend import sipri-xlsx`).",
            crate::units::join_names(&missing)
        ));
    }
    let mut metadata = serde_json::Map::new();
    metadata.insert("data".into(), json!(catalog.source.describe()));
    Report {
        title: "Sources".into(),
        metadata,
        summary,
        sections: vec![Section::new("sources", "Sources", table)],
        notes: vec![
            "Source file sha256: the checksum of the publisher's file that the dataset was imported from, as its manifest records it and `defspend import` prints it (the 2026 NATO edition's: over its six transcribed tables, in import order); JSON and workbook outputs cite it in their metadata. Dataset sha256: over the dataset's files as loaded, in the order of the tidy table's files column; the table shows the first 12 digits.".into(),
        ],
        citation: entries
            .iter()
            .map(|e| e.citation.trim().to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        tidy,
    }
}
