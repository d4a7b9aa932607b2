//! The families whose dataset is a fixed set of files, each described by a
//! manifest like every other family's (title, publisher, date, the source
//! files' checksums, citation, files): the EU's fiscal instruments
//! (`eu.toml`), Eurostat's measure of defence (`eurostat.toml`), the IMF's
//! purchasing-power rates (`ppp.toml`), the map's boundaries (`maps.toml`), the outlook model's
//! parameters and pledges (`models.toml`) and the shipped scenarios
//! (`scenarios.toml`, whose files are in `scenarios/`). `defspend sources` lists them,
//! `validate` loads them, the embedding holds their files.

use std::marker::PhantomData;

use serde::Deserialize;

use super::manifest::{published_entry, Entry, Family, Manifest, PublicationDate};
use super::source::SourceFile;
use crate::error::{Asked, Error, Result};

/// What distinguishes one file-set family from another.
pub trait Kind {
    /// The manifest's file, relative to the datasets.
    const MANIFEST: &'static str;
    /// Its `[[table]]` array.
    const TABLE: &'static str;
    const NOUN: &'static str;
    const FAMILY: Family;
}

/// The EU's national escape clause and SAFE loans.
#[derive(Debug, Clone, Copy)]
pub struct Eu;
impl Kind for Eu {
    const MANIFEST: &'static str = "eu.toml";
    const TABLE: &'static str = "instruments";
    const NOUN: &'static str = "EU instruments";
    const FAMILY: Family = Family::EuInstruments;
}

/// The EU's own measure of defence spending (Eurostat's `gov_ev`).
#[derive(Debug, Clone, Copy)]
pub struct Eurostat;
impl Kind for Eurostat {
    const MANIFEST: &'static str = "eurostat.toml";
    const TABLE: &'static str = "releases";
    const NOUN: &'static str = "Eurostat release";
    const FAMILY: Family = Family::Eurostat;
}

/// The IMF's purchasing-power conversion rates.
#[derive(Debug, Clone, Copy)]
pub struct Ppp;
impl Kind for Ppp {
    const MANIFEST: &'static str = "ppp.toml";
    const TABLE: &'static str = "rates";
    const NOUN: &'static str = "PPP rates";
    const FAMILY: Family = Family::Ppp;
}

/// Country boundaries for the map.
#[derive(Debug, Clone, Copy)]
pub struct Maps;
impl Kind for Maps {
    const MANIFEST: &'static str = "maps.toml";
    const TABLE: &'static str = "boundaries";
    const NOUN: &'static str = "map boundaries";
    const FAMILY: Family = Family::Boundaries;
}

/// The outlook model's parameters and the alliance's pledges.
#[derive(Debug, Clone, Copy)]
pub struct Models;
impl Kind for Models {
    const MANIFEST: &'static str = "models.toml";
    const TABLE: &'static str = "model";
    const NOUN: &'static str = "model";
    const FAMILY: Family = Family::Model;
}

/// The scenarios defspend ships (`scenarios/`, listed by `scenarios.toml`).
#[derive(Debug, Clone, Copy)]
pub struct Scenarios;
impl Kind for Scenarios {
    const MANIFEST: &'static str = "scenarios.toml";
    const TABLE: &'static str = "scenarios";
    const NOUN: &'static str = "scenarios";
    const FAMILY: Family = Family::Scenarios;
}

/// One entry of a file-set family.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSet<K> {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub published: PublicationDate,
    /// The dataset's files, relative to the datasets, in the order hashed.
    pub files: Vec<String>,
    /// The files it was made from, each with its sha256.
    pub source: String,
    pub citation: String,
    #[serde(skip)]
    kind: PhantomData<K>,
}

impl<K: Kind> Entry for FileSet<K> {
    const NOUN: &'static str = K::NOUN;
    const ASKED: Asked = Asked::Source;
    const FAMILY: Family = K::FAMILY;

    published_entry!(without_years);
    fn files(&self) -> Vec<String> {
        self.files.clone()
    }
    /// Files named as data files: no path out of the datasets.
    fn check(&self) -> std::result::Result<(), String> {
        if self.files.is_empty() {
            return Err("files: none listed".into());
        }
        match self.files.iter().find(|f| {
            f.is_empty() || f.starts_with('/') || f.split('/').any(|p| p == ".." || p.is_empty())
        }) {
            Some(f) => Err(format!("files: '{f}' is not a file below the datasets")),
            None => Ok(()),
        }
    }
}

/// A file-set family's manifest, checked.
pub fn parse_manifest<K: Kind>(file: &SourceFile) -> Result<Manifest<FileSet<K>>> {
    let parsed: toml::Table = file.parse_toml()?;
    if let Some(other) = parsed.keys().find(|k| *k != K::TABLE) {
        return Err(Error::data(
            &file.display,
            format!("unknown table [[{other}]]; expected [[{}]]", K::TABLE),
        ));
    }
    let entries = match parsed.get(K::TABLE) {
        Some(toml::Value::Array(values)) => values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.clone().try_into::<FileSet<K>>().map_err(|e| {
                    Error::data(
                        format!("{} ([[{}]] {})", file.display, K::TABLE, i + 1),
                        e.message().trim().to_string(),
                    )
                })
            })
            .collect::<Result<Vec<_>>>()?,
        Some(_) => {
            return Err(Error::data(
                &file.display,
                format!("{} must be an array of tables ([[{}]])", K::TABLE, K::TABLE),
            ))
        }
        None => Vec::new(),
    };
    Manifest::new(file, K::TABLE, entries)
}
