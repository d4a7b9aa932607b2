//! Every source defspend reads, by family: NATO editions, economic outlooks,
//! plans vintages and SIPRI releases (where installed), each with its date,
//! citation, the checksum of the file it was imported from (as its manifest
//! records it) and the checksum of the dataset as loaded.

use sha2::{Digest, Sha256};

use super::expenditure::TableKind;
use super::Catalog;
use crate::error::Result;

/// A family of sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    NatoEdition,
    Outlook,
    Plans,
    Sipri,
}

impl Family {
    pub fn label(self) -> &'static str {
        match self {
            Family::NatoEdition => "NATO edition",
            Family::Outlook => "economic outlook",
            Family::Plans => "national plans",
            Family::Sipri => "SIPRI release",
        }
    }
}

/// One source, as listed by `defspend sources`.
#[derive(Debug, Clone)]
pub struct SourceEntry {
    pub family: Family,
    pub id: String,
    pub title: String,
    /// Publication (or compilation) date as the manifest gives it.
    pub published: String,
    pub years: Option<(i32, i32)>,
    /// The latest of its family: what every command uses by default.
    pub default: bool,
    /// sha256 of the file it was imported from, as the manifest records it.
    pub source_sha256: Option<String>,
    /// The dataset's files, in the order hashed.
    pub files: Vec<String>,
    /// sha256 over the dataset's files as loaded (`None`: not installed).
    pub dataset_sha256: Option<String>,
    pub citation: String,
}

/// The 64-hex-digit checksum a manifest's source text names, if any.
pub fn recorded_sha256(text: &str) -> Option<String> {
    let at = text.find("sha256 ")? + "sha256 ".len();
    let digest: String = text[at..].chars().take(64).collect();
    (digest.len() == 64 && digest.chars().all(|c| c.is_ascii_hexdigit())).then_some(digest)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The sha256 of bytes, as 64 hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// sha256 over files' texts, in order; `None` when any cannot be read.
fn digest(texts: impl IntoIterator<Item = Result<String>>) -> Option<String> {
    let mut hasher = Sha256::new();
    for text in texts {
        hasher.update(text.ok()?.as_bytes());
    }
    Some(hex(&hasher.finalize()))
}

/// Every source of the catalog, family by family, oldest first.
pub fn list(catalog: &Catalog) -> Result<Vec<SourceEntry>> {
    let read = |name: &str| catalog.source.read(name).map(|f| f.text);
    let mut out = Vec::new();
    let latest = catalog.edition(None)?.id.clone();
    for e in &catalog.editions {
        let files: Vec<String> = [TableKind::Allies, TableKind::Aggregates]
            .iter()
            .map(|k| format!("{}/{}", e.id, k.file_name()))
            .collect();
        out.push(SourceEntry {
            family: Family::NatoEdition,
            id: e.id.clone(),
            title: format!("{}, {}", e.publisher, e.title),
            published: e.published.to_string(),
            years: Some((e.first_year, e.last_year)),
            default: e.id == latest,
            source_sha256: recorded_sha256(&e.source),
            dataset_sha256: digest(files.iter().map(|f| read(f))),
            files,
            citation: e.citation.clone(),
        });
    }
    let outlooks = catalog.outlooks()?;
    let latest = outlooks
        .iter()
        .max_by_key(|o| o.published.date)
        .map(|o| o.id.clone());
    for o in &outlooks {
        let files = vec![format!("outlook/{}.csv", o.id)];
        out.push(SourceEntry {
            family: Family::Outlook,
            id: o.id.clone(),
            title: format!("{}, {}", o.publisher, o.title),
            published: o.published.to_string(),
            years: Some((o.first_year, o.last_year)),
            default: Some(&o.id) == latest.as_ref(),
            source_sha256: recorded_sha256(&o.source),
            dataset_sha256: digest(files.iter().map(|f| read(f))),
            files,
            citation: o.citation.clone(),
        });
    }
    let plans = catalog.plans_manifest()?;
    let latest = catalog.plans_info(&plans, None)?.id.clone();
    for p in &plans {
        let files = vec![format!("plans/{}.csv", p.id)];
        out.push(SourceEntry {
            family: Family::Plans,
            id: p.id.clone(),
            title: p.title.clone(),
            published: p.compiled.to_string(),
            years: None,
            default: p.id == latest,
            source_sha256: recorded_sha256(&p.description),
            dataset_sha256: digest(files.iter().map(|f| read(f))),
            files,
            citation: p.citation.clone(),
        });
    }
    let latest = catalog.sipri_release(None).ok().map(|r| r.id.clone());
    for r in &catalog.sipri_releases() {
        let files: Vec<String> = super::sipri::Measure::ALL
            .iter()
            .map(|m| format!("{}/{}", r.id, m.file_name()))
            .chain(std::iter::once(format!("{}/footnotes.csv", r.id)))
            .collect();
        let installed = digest(
            files
                .iter()
                .map(|f| catalog.source.read_installed(f, "").map(|f| f.text)),
        );
        out.push(SourceEntry {
            family: Family::Sipri,
            id: r.id.clone(),
            title: format!("{}, {}", r.publisher, r.title),
            published: r.published.to_string(),
            years: Some((r.first_year, r.last_year)),
            default: Some(&r.id) == latest.as_ref(),
            source_sha256: recorded_sha256(&r.source),
            dataset_sha256: installed,
            files,
            citation: r.citation.clone(),
        });
    }
    Ok(out)
}
