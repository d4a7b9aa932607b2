//! Reference reports: the allies, the editions loaded, the groups, the shipped scenarios.

use serde_json::json;

use crate::data::allies::Ally;
use crate::data::sources::SourceEntry;
use crate::data::{Catalog, Edition};
use crate::error::Result;
use crate::export::{column, Report, Section, Table, Value};

pub fn allies(catalog: &Catalog) -> Report {
    let table = Table::of(
        &[
            column("code", "Code", |a: &Ally| Value::text(&a.nato_code)),
            column("iso3", "ISO", |a: &Ally| Value::text(&a.iso3)),
            column("name", "Ally", |a: &Ally| Value::text(&a.name)),
            column("accession_date", "Joined", |a: &Ally| {
                Value::text(a.accession_date.to_string())
            }),
            column("region", "Region", |a: &Ally| Value::text(a.region.label())),
            column("eu_member", "EU", |a: &Ally| Value::Bool(a.eu_member)),
            column("has_armed_forces", "Armed forces", |a: &Ally| {
                Value::Bool(a.has_armed_forces)
            }),
            column("commitment_basis", "Commitment basis", |a: &Ally| {
                Value::text(a.commitment_basis.label())
            }),
            column("note", "Note", |a: &Ally| {
                Value::opt_text(a.note.as_deref())
            }),
        ],
        &catalog.allies,
    );
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
    let table = Table::of(
        &[
            column("id", "Edition", |e: &Edition| Value::text(&e.id)),
            column("title", "Title", |e: &Edition| Value::text(&e.title)),
            column("published", "Published", |e: &Edition| {
                Value::text(e.published.to_string())
            }),
            column("years", "Years", |e: &Edition| {
                Value::text(format!("{}-{}", e.first_year, e.last_year))
            }),
            column("estimate_years", "Estimates", |e: &Edition| {
                let years: Vec<String> = e.estimate_years.iter().map(|y| y.to_string()).collect();
                Value::text(years.join(" "))
            }),
            column("price_base_year", "Price base", |e: &Edition| {
                Value::Int(e.price_base_year.into())
            }),
            column("basis", "Basis", |e: &Edition| Value::text(e.basis.label())),
            column("provenance", "Provenance", |e: &Edition| {
                Value::text(e.provenance.label())
            }),
        ],
        catalog.editions.iter(),
    );
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

/// `sources`' tidy table: every field of every source, in full.
fn sources_tidy(entries: &[SourceEntry]) -> Table {
    let year = |e: &SourceEntry, last: bool| {
        e.years.map_or(Value::Missing, |y| {
            Value::Int(if last { y.1 } else { y.0 }.into())
        })
    };
    let table = Table::of(
        &[
            column("family", "Family", |e: &SourceEntry| {
                Value::text(e.family.label())
            }),
            column("id", "Id", |e: &SourceEntry| Value::text(&e.id)),
            column("title", "Title", |e: &SourceEntry| Value::text(&e.title)),
            column("published", "Published", |e: &SourceEntry| {
                Value::text(&e.published)
            }),
            column("first_year", "First year", |e: &SourceEntry| year(e, false)),
            column("last_year", "Last year", |e: &SourceEntry| year(e, true)),
            column("default", "Default", |e: &SourceEntry| {
                Value::Bool(e.default)
            }),
            column("installed", "Installed", |e: &SourceEntry| {
                Value::Bool(e.dataset_sha256.is_some())
            }),
            column("installed_in", "Installed in", |e: &SourceEntry| {
                Value::opt_text(e.installed_in.map(|i| i.label().to_string()))
            }),
            column("age_days", "Age (days)", |e: &SourceEntry| {
                Value::Int(e.age_days)
            }),
            column("fetched_from", "Fetched from", |e: &SourceEntry| {
                Value::opt_text(e.fetched.as_ref().map(|f| f.url.clone()))
            }),
            column("fetched_at", "Fetched at", |e: &SourceEntry| {
                Value::opt_text(e.fetched.as_ref().map(|f| f.fetched.clone()))
            }),
            column("source_sha256", "Source file sha256", |e: &SourceEntry| {
                Value::opt_text(e.source_sha256.clone())
            }),
            column("files", "Dataset files", |e: &SourceEntry| {
                Value::text(e.files.join(" "))
            }),
            column("dataset_sha256", "Dataset sha256", |e: &SourceEntry| {
                Value::opt_text(e.dataset_sha256.clone())
            }),
            column("citation", "Citation", |e: &SourceEntry| {
                Value::text(e.citation.trim())
            }),
        ],
        entries,
    );
    table
}

/// `sources`: every source, family by family, with dates, citations and checksums.
pub fn sources(catalog: &Catalog, entries: &[SourceEntry]) -> Report {
    let short = |d: &Option<String>| d.as_ref().map(|d| d[..12].to_string());
    let table = Table::of(
        &[
            column("family", "Family", |e: &SourceEntry| {
                Value::text(e.family.label())
            }),
            column("id", "Id", |e: &SourceEntry| Value::text(&e.id)),
            column("published", "Published", |e: &SourceEntry| {
                Value::text(&e.published)
            }),
            column("age_days", "Age (days)", |e: &SourceEntry| {
                Value::Int(e.age_days)
            }),
            column("years", "Years", |e: &SourceEntry| {
                Value::opt_text(e.years.map(|(a, b)| format!("{a}-{b}")))
            }),
            column("default", "Default", |e: &SourceEntry| {
                Value::text(if e.default { "yes" } else { "" })
            }),
            column("installed", "Installed", |e: &SourceEntry| {
                Value::text(e.installed_in.map_or("no", |i| i.label()))
            }),
            column("source_sha256", "Source file sha256", |e: &SourceEntry| {
                Value::opt_text(short(&e.source_sha256))
            }),
            column("dataset_sha256", "Dataset sha256", |e: &SourceEntry| {
                Value::opt_text(short(&e.dataset_sha256))
            }),
        ],
        entries,
    );
    let tidy = sources_tidy(entries);
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
            "Not installed: {} (SIPRI's terms do not let defspend ship its database: `defspend update sipri` or `defspend import sipri-xlsx`).",
            crate::units::join_names(&missing)
        ));
    }
    for e in entries {
        if let Some(f) = &e.fetched {
            summary.push(format!(
                "{} was fetched from {} at {} (sha256 {}).",
                e.id, f.url, f.fetched, f.sha256
            ));
        }
    }
    let mut metadata = serde_json::Map::new();
    metadata.insert("data".into(), json!(catalog.source.describe()));
    Report {
        title: "Sources".into(),
        metadata,
        summary,
        sections: vec![Section::new("sources", "Sources", table)],
        notes: vec![
            "Source file sha256: the checksum of the publisher's file that the dataset was imported from, as its manifest records it and `defspend import` prints it (the 2026 NATO edition's: over its six transcribed tables, in import order; the EU instruments': the escape clause's file, the SAFE file's is beside it in the manifest; the model's: none, it is estimated); JSON and workbook outputs cite it in their metadata. Dataset sha256: over the dataset's files as loaded, in the order of the tidy table's files column; the table shows the first 12 digits. Age: days since publication (from the first of the month where only the month is known). Installed: in defspend's own data, or in the data directory (`defspend update`, `defspend import sipri-xlsx`: $DEFSPEND_DATA_HOME, else ~/.local/share/defspend).".into(),
        ],
        citation: entries
            .iter()
            .map(|e| e.citation.trim().to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        tidy,
    }
}
