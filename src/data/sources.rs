//! Every source defspend reads, by family: NATO editions, economic outlooks,
//! plans vintages, SIPRI releases (where installed), the EU's instruments, the
//! map's boundaries and the outlook model, each with its date,
//! citation, the checksum of the file it was imported from (as its manifest
//! records it) and the checksum of the dataset as loaded.

use sha2::{Digest, Sha256};

use super::manifest::Entry;
pub use super::manifest::Family;
use super::Catalog;
use crate::error::Result;

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
    /// Where its dataset is: defspend's own data (embedded or `--data`), or
    /// the data directory (`defspend update`, `import sipri-xlsx`).
    pub installed_in: Option<Installed>,
    /// Days from its publication to today ([`today`]).
    pub age_days: i64,
    /// What `defspend update` recorded of its fetch, if it was fetched.
    pub fetched: Option<super::update::FetchRecord>,
}

/// Where a source's dataset is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Installed {
    Defspend,
    DataDirectory,
}

impl Installed {
    pub fn label(self) -> &'static str {
        match self {
            Installed::Defspend => "defspend",
            Installed::DataDirectory => "data directory",
        }
    }
}

/// The day ages are counted to: `$DEFSPEND_TODAY` (YYYY-MM-DD, for
/// reproducible outputs), else the system's date (UTC).
pub fn today() -> chrono::NaiveDate {
    std::env::var("DEFSPEND_TODAY")
        .ok()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| super::update::utc_now().date_naive())
}

/// The folder of the data directory a release was installed in, if it was.
fn installed_folder(id: &str) -> Option<std::path::PathBuf> {
    super::source::user_data_dir()
        .map(|home| home.join(id))
        .filter(|dir| dir.is_dir())
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
fn digest(texts: impl IntoIterator<Item = Option<String>>) -> Option<String> {
    let mut hasher = Sha256::new();
    for text in texts {
        hasher.update(text?.as_bytes());
    }
    Some(hex(&hasher.finalize()))
}

/// A family's entries as `defspend sources` lists them; `read` reads a
/// dataset file (`None`: not installed), `default` is the id used by default.
fn family<T: Entry>(
    entries: &[T],
    default: Option<&str>,
    read: impl Fn(&str) -> Option<String>,
) -> Vec<SourceEntry> {
    entries
        .iter()
        .map(|e| {
            let files = e.files();
            let dataset_sha256 = digest(files.iter().map(|f| read(f)));
            let folder = installed_folder(e.id());
            let installed_in = match (&dataset_sha256, &folder) {
                (None, _) => None,
                (Some(_), Some(_))
                    if !super::source::EMBEDDED
                        .iter()
                        .any(|(n, _)| files.first().is_some_and(|f| f == n)) =>
                {
                    Some(Installed::DataDirectory)
                }
                (Some(_), _) => Some(Installed::Defspend),
            };
            let fetched = folder
                .filter(|_| installed_in == Some(Installed::DataDirectory))
                .map(|dir| dir.join(super::update::FETCH_FILE))
                .and_then(|path| super::source::read_file(&path).ok())
                .and_then(|f| super::update::FetchRecord::parse(&f).ok());
            SourceEntry {
                family: T::FAMILY,
                id: e.id().to_string(),
                title: e.title(),
                published: e.published().to_string(),
                years: e.years(),
                default: Some(e.id()) == default,
                source_sha256: recorded_sha256(e.source()),
                dataset_sha256,
                files,
                citation: e.citation().to_string(),
                installed_in,
                age_days: (today() - e.published().date).num_days(),
                fetched,
            }
        })
        .collect()
}

/// Every source of the catalog, family by family, oldest first.
pub fn list(catalog: &Catalog) -> Result<Vec<SourceEntry>> {
    let read = |name: &str| catalog.read(name).ok().map(|f| f.text);
    let installed = |name: &str| catalog.source.read_installed(name, "").ok().map(|f| f.text);
    let outlooks = catalog.outlooks()?;
    let plans = catalog.plans_manifest()?;
    let sipri_default = catalog.sipri_release(None).ok().map(|r| r.id);
    let mut out = family(&catalog.editions, Some(&catalog.editions.latest().id), read);
    out.extend(family(&outlooks, Some(&outlooks.latest().id), read));
    out.extend(family(&plans, Some(&plans.latest().id), read));
    out.extend(family(
        &catalog.sipri_releases(),
        sipri_default.as_deref(),
        installed,
    ));
    let eu = catalog.fileset_manifest::<super::filesets::Eu>()?;
    out.extend(family(&eu, Some(&eu.latest().id), read));
    let eurostat = catalog.fileset_manifest::<super::filesets::Eurostat>()?;
    out.extend(family(&eurostat, Some(&eurostat.latest().id), read));
    let ppp = catalog.fileset_manifest::<super::filesets::Ppp>()?;
    out.extend(family(&ppp, Some(&ppp.latest().id), read));
    let maps = catalog.fileset_manifest::<super::filesets::Maps>()?;
    out.extend(family(&maps, Some(&maps.latest().id), read));
    let models = catalog.fileset_manifest::<super::filesets::Models>()?;
    out.extend(family(&models, Some(&models.latest().id), read));
    let scenarios = catalog.scenarios_manifest()?;
    let shipped = |file: &str| {
        super::source::SCENARIOS
            .iter()
            .find(|(name, _)| format!("scenarios/{name}.toml") == file)
            .map(|(_, text)| text.to_string())
    };
    out.extend(family(&scenarios, Some(&scenarios.latest().id), shipped));
    Ok(out)
}
