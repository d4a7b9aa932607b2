//! Loading and importing data: the only part of defspend that reads files.

pub mod allies;
pub mod csv;
pub mod editions;
pub mod expenditure;
pub mod import_wide;
pub mod import_xlsx;
pub mod source;
pub mod validate;

use polars::prelude::DataFrame;

pub use allies::Ally;
pub use editions::Edition;
pub use source::DataSource;

use crate::error::{Error, Result};
use expenditure::TableKind;

/// The reference tables: allies and the editions manifest.
pub struct Catalog {
    pub source: DataSource,
    pub allies: Vec<Ally>,
    pub editions: Vec<Edition>,
}

/// One edition's data, checked and ready for the calculator.
pub struct EditionData {
    pub edition: Edition,
    /// One row per ally and year: `code`, `year`, `estimate`, measures.
    pub expenditure: DataFrame,
    /// NATO's own aggregate rows, same columns, `code` = NATO_EUR_CAN / NATO_TOTAL.
    pub aggregates: DataFrame,
}

impl Catalog {
    pub fn load(source: DataSource) -> Result<Self> {
        let allies = allies::parse_allies(&source.read("allies.csv")?)?;
        let editions = editions::parse_manifest(&source.read("editions.toml")?)?;
        Ok(Catalog {
            source,
            allies,
            editions,
        })
    }

    /// The edition with this id, or the latest one (by publication date) when `None`.
    pub fn edition(&self, id: Option<&str>) -> Result<&Edition> {
        match id {
            Some(id) => self.editions.iter().find(|e| e.id == id).ok_or_else(|| {
                Error::usage(
                    "--edition",
                    format!(
                        "unknown edition '{id}'; available: {}",
                        self.editions
                            .iter()
                            .map(|e| e.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            }),
            None => Ok(self
                .editions
                .iter()
                .max_by_key(|e| e.published.date)
                .expect("the manifest parser rejects an empty manifest")),
        }
    }

    pub fn read_rows(&self, edition: &Edition, kind: TableKind) -> Result<Vec<expenditure::Row>> {
        let file = self
            .source
            .read(&format!("{}/{}", edition.id, kind.file_name()))?;
        let mut rows = expenditure::parse_table(&file, kind, edition, &self.allies)?;
        // One canonical order, so that sums (and every result) do not depend on the file's row order.
        rows.sort_by(|a, b| a.code.cmp(&b.code).then(a.year.cmp(&b.year)));
        Ok(rows)
    }

    pub fn load_edition(&self, id: Option<&str>) -> Result<EditionData> {
        let edition = self.edition(id)?.clone();
        let expenditure = expenditure::to_frame(&self.read_rows(&edition, TableKind::Allies)?)?;
        let aggregates = expenditure::to_frame(&self.read_rows(&edition, TableKind::Aggregates)?)?;
        Ok(EditionData {
            edition,
            expenditure,
            aggregates,
        })
    }

    pub fn ally(&self, query: &str) -> Result<&Ally> {
        allies::find(&self.allies, query).ok_or_else(|| {
            let hint = allies::suggest(&self.allies, query);
            let hint = if hint.is_empty() {
                "; `defspend allies` lists them".to_string()
            } else {
                format!("; closest: {}", hint.join(", "))
            };
            Error::usage("ALLY", format!("unknown ally '{query}'{hint}"))
        })
    }
}
