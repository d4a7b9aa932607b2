//! Loading and importing data: the only part of defspend that reads files.

pub mod allies;
pub mod boundaries;
pub mod csv;
pub mod editions;
pub mod eu;
pub mod eurostat;
pub mod expenditure;
pub mod filesets;
pub mod groups;
pub mod import_sipri;
pub mod import_wide;
pub mod import_xlsx;
pub mod installed;
pub mod json_stat;
pub mod manifest;
pub mod outlook;
pub mod plans;
pub mod pledges;
pub mod ppp;
pub mod sdmx;
pub mod sipri;
pub mod source;
pub mod sources;
pub mod untrusted;
pub mod update;
pub mod validate;

pub use untrusted::{in_untrusted_reader, untrusted};

use polars::prelude::DataFrame;

pub use allies::Ally;
pub use editions::{Basis, Edition, Provenance};
pub use groups::Group;
pub use source::DataSource;

use crate::error::{Asked, Error, Result};
use crate::param::Param;
use expenditure::TableKind;

/// The reference tables: allies, the editions manifest and the groups.
pub struct Catalog {
    pub source: DataSource,
    pub allies: Vec<Ally>,
    pub editions: manifest::Manifest<Edition>,
    /// `groups.toml`, then the groups of a `--groups-file`.
    pub groups: Vec<Group>,
    /// SIPRI releases (`[[sipri]]` in editions.toml).
    pub sipri: Vec<sipri::Release>,
    /// What this process has read, so that a command that uses a dataset in
    /// several places (a report's findings and its charts) reads it once.
    loaded: Loaded,
}

/// The dataset files read so far, and the editions and outlooks parsed from
/// them (cheap to clone: frames share their buffers).
#[derive(Default)]
struct Loaded {
    files: std::sync::Mutex<Vec<(String, source::SourceFile)>>,
    editions: std::sync::Mutex<Vec<EditionData>>,
    outlooks: std::sync::Mutex<Vec<std::sync::Arc<outlook::Outlook>>>,
}

/// The cached item `found` picks, else `make`'s, kept for next time. The
/// lock is held while `make` runs, so that charts drawn in parallel read a
/// file once between them (`make` takes other caches' locks, never this one).
fn cached<T: Clone>(
    cache: &std::sync::Mutex<Vec<T>>,
    found: impl Fn(&T) -> bool,
    make: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let mut items = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(hit) = items.iter().find(|t| found(t)) {
        return Ok(hit.clone());
    }
    let made = make()?;
    items.push(made.clone());
    Ok(made)
}

/// The two files of a file-set entry, in the manifest's order (`what` names
/// them for the error).
pub(super) fn files_of<'e, K: filesets::Kind, const N: usize>(
    entry: &'e filesets::FileSet<K>,
    what: [&str; N],
) -> Result<[&'e str; N]> {
    let files: Vec<&str> = entry.files.iter().map(String::as_str).collect();
    files.try_into().map_err(|found: Vec<&str>| {
        Error::data(
            format!("{} ({} {})", K::MANIFEST, K::NOUN, entry.id),
            format!(
                "files: {N} expected, the {}; found {}",
                what.join(" then the "),
                found.len()
            ),
        )
    })
}

/// One edition's data, checked and ready for the calculator.
#[derive(Clone)]
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
        let (editions, sipri) =
            editions::parse_manifest_with_sipri(&source.read("editions.toml")?)?;
        let editions = editions.with_installed(installed::entries(installed::EDITION, |f| {
            editions::parse_manifest(f).map(manifest::Manifest::into_entries)
        }));
        let groups_file = source.read("groups.toml")?;
        let groups = groups::parse_groups(&groups_file, &allies)?;
        for key in [groups::ALL, groups::EUROPE_CANADA, groups::UNITED_STATES] {
            if !groups.iter().any(|g| g.key == key) {
                return Err(Error::data(
                    &groups_file.display,
                    format!("group '{key}' is missing: defspend reports it"),
                ));
            }
        }
        Ok(Catalog {
            source,
            allies,
            editions,
            groups,
            sipri,
            loaded: Loaded::default(),
        })
    }

    /// A dataset file (`nato-2026/expenditure.csv`), read once per process:
    /// from the datasets, else from a release installed in the data
    /// directory (`defspend update`).
    pub fn read(&self, relative: &str) -> Result<source::SourceFile> {
        cached(
            &self.loaded.files,
            |(name, _)| name == relative,
            || {
                let file = self.source.read(relative).or_else(|e| {
                    installed::path(relative).map_or(Err(e), |path| source::read_file(&path))
                })?;
                Ok((relative.to_string(), file))
            },
        )
        .map(|(_, file)| file)
    }

    /// The SIPRI releases: those of editions.toml, and any other installed
    /// (a folder of the data directory or of `--data` with a `release.toml`,
    /// as `import sipri-xlsx` writes for a release it does not know).
    pub fn sipri_releases(&self) -> Vec<sipri::Release> {
        let mut releases = self.sipri.clone();
        let mut dirs = Vec::new();
        if let DataSource::Dir(dir) = &self.source {
            dirs.push(dir.clone());
        }
        dirs.extend(source::user_data_dir());
        // A release.toml that cannot be read is not a release.
        for release in installed::entries_in(&dirs, sipri::RELEASE_FILE, |f| {
            sipri::parse_release(f).map(|r| vec![r])
        }) {
            if !releases.iter().any(|r| r.id == release.id) {
                releases.push(release);
            }
        }
        releases
    }

    /// The SIPRI release with this id (the latest, listed or installed, when `None`).
    pub fn sipri_release(&self, id: Option<&str>) -> Result<sipri::Release> {
        let all = self.sipri_releases();
        match id {
            Some(id) => manifest::Manifest::listing(all.clone())
                .find(Some(id))
                .cloned(),
            None => {
                // The newest release that is installed, else the newest listed.
                let installed = |r: &&sipri::Release| {
                    self.source
                        .read_installed(
                            &format!("{}/{}", r.id, sipri::Measure::ShareOfGdp.file_name()),
                            "",
                        )
                        .is_ok()
                };
                all.iter()
                    .filter(installed)
                    .max_by_key(|r| r.published.date)
                    .or_else(|| all.iter().max_by_key(|r| r.published.date))
                    .cloned()
                    .ok_or_else(|| Error::data("editions.toml", "no [[sipri]] release is listed"))
            }
        }
    }

    /// SIPRI's names and their codes (`sipri-countries.csv`).
    pub fn sipri_countries(&self) -> Result<Vec<sipri::CountryName>> {
        sipri::parse_countries(&self.read("sipri-countries.csv")?)
    }

    /// Whether SIPRI's latest release is installed (its terms keep it out of
    /// the embedded data).
    pub fn sipri_installed(&self) -> bool {
        self.sipri_release(None).is_ok_and(|r| {
            self.source
                .read_installed(
                    &format!("{}/{}", r.id, sipri::Measure::ShareOfGdp.file_name()),
                    "",
                )
                .is_ok()
        })
    }

    /// A SIPRI release's tables for `measures`, and its footnotes (the regional
    /// totals stay in the installed folder for users: no command reads them).
    pub fn load_sipri(
        &self,
        id: Option<&str>,
        measures: &[sipri::Measure],
    ) -> Result<sipri::Sipri> {
        let release = self.sipri_release(id)?;
        let missing = sipri::not_installed(&release);
        let read = |name: &str| {
            self.source
                .read_installed(&format!("{}/{name}", release.id), &missing)
        };
        let mut tables = Vec::new();
        for &m in measures {
            tables.push(sipri::parse_table(&read(m.file_name())?, m)?);
        }
        let footnotes = sipri::parse_footnotes(&read("footnotes.csv")?)?;
        Ok(sipri::Sipri {
            release,
            names: self.sipri_countries()?,
            tables,
            footnotes,
        })
    }

    /// Adds the groups of a user's file (same layout as `groups.toml`); a key
    /// already defined is an error.
    pub fn add_groups_file(&mut self, path: &std::path::Path) -> Result<()> {
        let file = source::read_file(path)?;
        for group in groups::parse_groups(&file, &self.allies)? {
            if self.groups.iter().any(|g| g.key == group.key) {
                return Err(Error::data(
                    &file.display,
                    format!("group '{}' is already defined in groups.toml", group.key),
                ));
            }
            self.groups.push(group);
        }
        Ok(())
    }

    /// The outlooks of `outlooks.toml`.
    pub fn outlooks(&self) -> Result<manifest::Manifest<outlook::OutlookInfo>> {
        Ok(
            outlook::parse_manifest(&self.read("outlooks.toml")?)?.with_installed(
                installed::entries("outlooks.toml", |f| {
                    outlook::parse_manifest(f).map(manifest::Manifest::into_entries)
                }),
            ),
        )
    }

    /// The outlook with this id (the latest when `None`), its table read and checked.
    pub fn load_outlook(&self, id: Option<&str>) -> Result<std::sync::Arc<outlook::Outlook>> {
        let outlooks = self.outlooks()?;
        let info = outlooks.find(id)?;
        cached(
            &self.loaded.outlooks,
            |o| o.info.id == info.id,
            || {
                outlook::parse_table(&self.read(&info.table_file())?, info, &self.allies)
                    .map(std::sync::Arc::new)
            },
        )
    }

    /// The plans vintage with this id or short name (the latest when
    /// `None`), read and checked, amounts converted into shares with
    /// `outlook`'s GDP in national currency.
    pub fn load_plans(&self, id: Option<&str>, outlook: &outlook::Outlook) -> Result<plans::Plans> {
        let all = self.plans_manifest()?;
        let info = all.find(id)?;
        let file = self.read(&format!("plans/{}.csv", info.id))?;
        plans::Plans::new(
            info.clone(),
            plans::parse_table(&file, &self.allies)?,
            outlook,
        )
    }

    /// Country boundaries for maps (`maps/`).
    pub fn boundaries(&self) -> Result<boundaries::Boundaries> {
        let manifest = self.fileset_manifest::<filesets::Maps>()?;
        let entry = manifest.latest();
        let [shapes, numeric] = files_of(entry, ["boundaries", "ISO numeric codes"])?;
        boundaries::parse(
            &self.read(shapes)?,
            &self.read(numeric)?,
            &self.allies,
            &entry.citation,
        )
    }

    /// The EU's escape clause and SAFE loans (`eu.toml`'s latest entry).
    pub fn eu_instruments(&self) -> Result<eu::Instruments> {
        let manifest = self.fileset_manifest::<filesets::Eu>()?;
        let entry = manifest.latest();
        let [clause, safe] = files_of(entry, ["escape clause", "SAFE allocations"])?;
        let (escape_clause, _) = eu::parse_escape_clause(&self.read(clause)?, &self.allies, false)?;
        let (safe, _) = eu::parse_safe(&self.read(safe)?, &self.allies, false)?;
        Ok(eu::Instruments {
            escape_clause,
            safe,
            citation: entry.citation.clone(),
        })
    }

    /// The manifest of a family whose dataset is a fixed set of files
    /// (`eu.toml`, `maps.toml`, `models.toml`).
    pub fn fileset_manifest<K: filesets::Kind>(
        &self,
    ) -> Result<manifest::Manifest<filesets::FileSet<K>>> {
        Ok(filesets::parse_manifest(&self.read(K::MANIFEST)?)?
            .with_installed(installed::entries(K::MANIFEST, |f| {
                filesets::parse_manifest::<K>(f).map(manifest::Manifest::into_entries)
            })))
    }

    /// The shipped scenarios' manifest (`scenarios.toml`): defspend's own,
    /// the embedded one whatever the datasets, as the scenarios are.
    pub fn scenarios_manifest(
        &self,
    ) -> Result<manifest::Manifest<filesets::FileSet<filesets::Scenarios>>> {
        use filesets::Kind;
        filesets::parse_manifest(&DataSource::Embedded.read(filesets::Scenarios::MANIFEST)?)
    }

    /// The plans compilations of `plans.toml`.
    pub fn plans_manifest(&self) -> Result<manifest::Manifest<plans::PlansInfo>> {
        plans::parse_manifest(&self.read("plans.toml")?)
    }

    /// The group with this key (`europe-canada`, `nordic-baltic`, …).
    pub fn group(&self, key: &str) -> Result<&Group> {
        let wanted = key.trim().to_ascii_lowercase();
        self.groups.iter().find(|g| g.key == wanted).ok_or_else(|| {
            Error::request(
                Asked::Group,
                key.trim(),
                format!(
                    "unknown group '{}'; expected {}",
                    key.trim(),
                    self.groups
                        .iter()
                        .map(|g| g.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
    }

    /// A group every catalog has (checked when it is loaded).
    pub fn required_group(&self, key: &str) -> &Group {
        self.groups
            .iter()
            .find(|g| g.key == key)
            .expect("the catalog checks its required groups when it loads")
    }

    /// The groups reported by default, in file order.
    pub fn standard_groups(&self) -> Vec<&Group> {
        self.groups.iter().filter(|g| g.standard).collect()
    }

    /// The groups named by key, in the order given.
    /// The groups named, in order, each once.
    pub fn groups_named(&self, keys: &[String]) -> Result<Vec<&Group>> {
        let mut groups: Vec<&Group> = Vec::new();
        for k in keys {
            let g = self.group(k)?;
            if !groups.iter().any(|x| x.key == g.key) {
                groups.push(g);
            }
        }
        Ok(groups)
    }

    /// The edition with this id, or the latest one (by publication date) when `None`.
    /// The edition with this id, or the latest.
    pub fn edition(&self, id: Option<&str>) -> Result<&Edition> {
        self.editions.find(id)
    }

    pub fn read_rows(&self, edition: &Edition, kind: TableKind) -> Result<Vec<expenditure::Row>> {
        let file = self.read(&format!("{}/{}", edition.id, kind.file_name()))?;
        let mut rows = expenditure::parse_table(&file, kind, edition, &self.allies)?;
        // One canonical order, so that sums (and every result) do not depend on the file's row order.
        rows.sort_by(|a, b| a.code.cmp(&b.code).then(a.year.cmp(&b.year)));
        Ok(rows)
    }

    pub fn load_edition(&self, id: Option<&str>) -> Result<EditionData> {
        let edition = self.edition(id)?.clone();
        cached(
            &self.loaded.editions,
            |d| d.edition.id == edition.id,
            || {
                // Each row by the strict reader first (its messages name the
                // column), then the rules across rows.
                let allies = self.read_rows(&edition, TableKind::Allies)?;
                let aggregates = self.read_rows(&edition, TableKind::Aggregates)?;
                self.refuse_invalid(&edition)?;
                let expenditure = expenditure::to_frame(&allies)?;
                let aggregates = expenditure::to_frame(&aggregates)?;
                Ok(EditionData {
                    edition: edition.clone(),
                    expenditure,
                    aggregates,
                })
            },
        )
    }

    /// An edition from a directory of the user's is checked by every rule of
    /// `validate` before any command uses it: data that `validate` rejects
    /// never become numbers. (The embedded editions pass them: a test runs
    /// `validate` over them.)
    fn refuse_invalid(&self, edition: &Edition) -> Result<()> {
        let DataSource::Dir(dir) = &self.source else {
            return Ok(());
        };
        let outcome = validate::validate(&|r| self.read(r), &self.allies, &self.groups, edition);
        let Some(first) = outcome.violations.first() else {
            return Ok(());
        };
        let mut what = format!("{}: {}", first.problem, first.code);
        if let Some(year) = first.year {
            what.push_str(&format!(" {year}"));
        }
        if !first.measure.is_empty() {
            what.push_str(&format!(" {}", first.measure));
        }
        what.push_str(&format!(
            ", expected {}, found {}",
            first.expected, first.found
        ));
        let more = outcome.violations.len() - 1;
        if more > 0 {
            what.push_str(&format!(
                "; {more} more: `defspend validate {} {} {} {}` lists them",
                Param::Data,
                dir.display(),
                Param::Edition,
                edition.id
            ));
        }
        let place = if first.place.starts_with(&edition.id) {
            dir.join(&first.place).display().to_string()
        } else {
            first.place.clone()
        };
        Err(Error::data(place, what))
    }

    /// An ally's name by NATO code (the code itself if unknown).
    pub fn name_of(&self, code: &str) -> String {
        self.allies
            .iter()
            .find(|a| a.nato_code == code)
            .map_or(code.to_string(), |a| a.name.clone())
    }

    /// The NATO codes of allies given by name or code.
    /// The allies named, in order, each once (`Italy,IT` is one ally).
    pub fn ally_codes(&self, queries: &[String]) -> Result<Vec<String>> {
        let mut codes: Vec<String> = Vec::new();
        for q in queries {
            let code = self.ally(q)?.nato_code.clone();
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        Ok(codes)
    }

    pub fn ally(&self, query: &str) -> Result<&Ally> {
        allies::find(&self.allies, query).ok_or_else(|| {
            let hint = allies::suggest(&self.allies, query);
            let hint = if hint.is_empty() {
                "; `defspend allies` lists them".to_string()
            } else {
                format!("; closest: {}", hint.join(", "))
            };
            Error::request(Asked::Ally, query, format!("unknown ally '{query}'{hint}"))
        })
    }
}

/// What a long-view command is asked about: a group, an ally, or a country
/// that only SIPRI covers.
#[derive(Debug, Clone)]
pub enum Subject<'a> {
    Group(&'a Group),
    Ally(&'a Ally),
    Country { code: String, name: String },
}

impl Catalog {
    /// A group key, an ally (name or code), or a SIPRI country (SIPRI's name
    /// or its code), in that order; an unknown name is an error with the
    /// closest names.
    pub fn subject(&self, query: &str, names: &[sipri::CountryName]) -> Result<Subject<'_>> {
        let q = query.trim();
        if let Some(g) = self.groups.iter().find(|g| g.key.eq_ignore_ascii_case(q)) {
            return Ok(Subject::Group(g));
        }
        if let Some(a) = allies::find(&self.allies, q) {
            return Ok(Subject::Ally(a));
        }
        if let Some(n) = names
            .iter()
            .find(|n| allies::same_name(&n.sipri_name, q) || n.code.eq_ignore_ascii_case(q))
        {
            return Ok(Subject::Country {
                code: n.code.clone(),
                name: n.sipri_name.clone(),
            });
        }
        let lower = q.to_lowercase();
        let mut scored: Vec<(f64, String)> = names
            .iter()
            .map(|n| n.sipri_name.clone())
            .chain(self.groups.iter().map(|g| g.key.clone()))
            .map(|name| {
                let mut score = strsim::jaro_winkler(&lower, &name.to_lowercase());
                if name.to_lowercase().contains(&lower) {
                    score = score.max(0.95);
                }
                (score, name)
            })
            .filter(|(s, _)| *s >= 0.8)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let hint: Vec<String> = scored.into_iter().take(3).map(|(_, n)| n).collect();
        Err(Error::request(
            Asked::Country,
            q,
            format!(
                "unknown country or group '{q}'{}",
                if hint.is_empty() {
                    "; use an ally, a SIPRI country name (Russia, China, USSR) or a group key"
                        .to_string()
                } else {
                    format!("; closest: {}", hint.join(", "))
                }
            ),
        ))
    }
}

#[cfg(test)]
mod registry_tests;

/// What the data modules' tests share: the allies, and a file from text.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{source::SourceFile, Ally, Catalog, DataSource};

    pub fn allies() -> Vec<Ally> {
        Catalog::load(DataSource::Embedded).unwrap().allies
    }

    pub fn file(display: &str, text: &str) -> SourceFile {
        SourceFile {
            display: display.into(),
            text: text.into(),
        }
    }
}
