//! A download's way into the data directory: imported by the importers of
//! `defspend import`, rendered in full, then moved into `DIR/ID/` in one
//! rename, with `fetched.toml` beside the tables and the provider's last
//! answer in `DIR/update-state/` for the next conditional request.

use std::path::{Path, PathBuf};

use crate::data::editions::{Basis, Edition, Provenance};
use crate::data::expenditure::{write_table, TableKind};
use crate::data::import_xlsx::describe_years;
use crate::data::manifest::PublicationDate;
use crate::data::source::{read_file, SourceFile};
use crate::data::sources::{recorded_sha256, sha256_hex};
use crate::data::update::http::Download;
use crate::data::update::{self as update, Announced, FetchRecord, Provider};
use crate::data::{eurostat, filesets, json_stat, sipri, Catalog};
use crate::error::{Error, Result};

/// A download on its way in.
pub struct Incoming {
    pub(super) provider: Provider,
    pub(super) download: Download,
    announced: Option<Announced>,
    pub(super) sha256: String,
}

impl Incoming {
    pub fn downloaded(
        provider: Provider,
        download: Download,
        announced: Option<Announced>,
    ) -> Self {
        let sha256 = sha256_hex(&download.bytes);
        Incoming {
            provider,
            download,
            announced,
            sha256,
        }
    }

    pub(super) fn name(&self) -> &'static str {
        self.provider.name()
    }

    /// An error of this download: the source, its address, the problem.
    pub(super) fn fail(&self, problem: impl Into<String>) -> Error {
        Error::fetch(self.name(), &self.download.url, problem)
    }

    /// What is kept of the fetch, for release `id`.
    pub(super) fn record(&self, id: &str, published: Option<PublicationDate>) -> FetchRecord {
        FetchRecord {
            provider: self.name().to_string(),
            id: id.to_string(),
            url: self.download.url.clone(),
            sha256: self.sha256.clone(),
            fetched: update::now_utc(),
            published: published.map(|p| p.to_string()),
            etag: self.download.validators.etag.clone(),
            last_modified: self.download.validators.last_modified.clone(),
            bytes: self.download.bytes.len() as u64,
        }
    }
}

/// The provider's last answer, if it has been updated before.
pub fn state(home: &Path, p: Provider) -> Option<FetchRecord> {
    let path = home
        .join(update::STATE_DIR)
        .join(format!("{}.toml", p.name()));
    read_file(&path).and_then(|f| FetchRecord::parse(&f)).ok()
}

pub(super) fn write_state(home: &Path, record: &FetchRecord) -> Result<()> {
    let dir = home.join(update::STATE_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| Error::Write {
        path: dir.clone(),
        problem: e.to_string(),
    })?;
    crate::export::write_atomic(
        &dir.join(format!("{}.toml", record.provider)),
        record.write().as_bytes(),
    )
}

/// Whether release `id` is there to be used: defspend's own, or installed.
pub fn is_installed(catalog: &Catalog, home: &Path, p: Provider, id: &str) -> bool {
    match p {
        Provider::Nato => catalog.editions.iter().any(|e| e.id == id),
        Provider::Imf => catalog
            .outlooks()
            .is_ok_and(|m| m.iter().any(|o| o.id == id)),
        Provider::ImfPpp => catalog
            .fileset_manifest::<filesets::Ppp>()
            .is_ok_and(|m| m.iter().any(|e| e.id == id)),
        Provider::Sipri => home
            .join(id)
            .join(sipri::Measure::ShareOfGdp.file_name())
            .is_file(),
        Provider::Eurostat => catalog
            .fileset_manifest::<filesets::Eurostat>()
            .is_ok_and(|m| m.iter().any(|e| e.id == id)),
    }
}

/// `--check`'s line for release `id` at `url`.
pub fn check_line(catalog: &Catalog, home: &Path, p: Provider, id: &str, url: &str) -> String {
    if is_installed(catalog, home, p, id) {
        format!(
            "{}: up to date: {id} is the newest release at {url}",
            p.name()
        )
    } else {
        format!(
            "{}: {id} is available at {url} and not installed: `defspend update {}` installs it",
            p.name(),
            p.name()
        )
    }
}

/// `--check` for Eurostat and the IMF, whose release the answer itself names.
pub fn check_answer(catalog: &Catalog, home: &Path, incoming: &Incoming) -> Result<String> {
    let file = incoming.text()?;
    let id = match incoming.provider {
        Provider::Imf => super::update_imf::release(&file).map(|(id, _)| id),
        Provider::ImfPpp => super::update_imf::release(&file).map(|(id, _)| format!("{id}-ppp")),
        _ => update::eurostat_release(&file).map(|(id, _)| id),
    }
    .map_err(|e| incoming.rewrap(e))?;
    Ok(check_line(
        catalog,
        home,
        incoming.provider,
        &id,
        &incoming.download.url,
    ))
}

impl Incoming {
    /// The body as text (Eurostat's answer).
    pub(super) fn text(&self) -> Result<SourceFile> {
        let text = String::from_utf8(self.download.bytes.clone())
            .map_err(|_| self.fail("the answer is not UTF-8 text"))?;
        Ok(SourceFile {
            display: self.download.url.clone(),
            text,
        })
    }

    /// An importer's error as this download's: its place without the
    /// staged file's path.
    pub(super) fn rewrap(&self, e: Error) -> Error {
        let line = e.to_string();
        let staged = staged_prefix(&line);
        self.fail(line[staged..].to_string())
    }
}

/// Where an importer's message starts after the file it names.
fn staged_prefix(line: &str) -> usize {
    match line.find(".download/") {
        Some(at) => line[at..].find(": ").map_or(0, |end| at + end + 2),
        None => line.find(": ").map_or(0, |end| end + 2),
    }
}

/// The path of the IMF's answer for the allies and the series the newest
/// outlook defspend has holds.
pub fn imf_path(catalog: &Catalog) -> Result<String> {
    let outlooks = catalog.outlooks()?;
    let countries: Vec<String> = catalog.allies.iter().map(|a| a.iso3.clone()).collect();
    let series: Vec<String> = outlooks
        .latest()
        .series()
        .iter()
        .map(|s| s.weo_code().to_string())
        .collect();
    Ok(update::imf_query(&countries, &series))
}

/// Imports and installs a download; the line says what it became.
pub fn install(catalog: &Catalog, home: &Path, incoming: Incoming) -> Result<String> {
    std::fs::create_dir_all(home).map_err(|e| Error::Write {
        path: home.to_path_buf(),
        problem: e.to_string(),
    })?;
    match incoming.provider {
        Provider::Nato => nato(catalog, home, &incoming),
        Provider::Imf => super::update_imf::install(catalog, home, &incoming),
        Provider::ImfPpp => super::update_imf::install_ppp(catalog, home, &incoming),
        Provider::Sipri => sipri_release(catalog, home, &incoming),
        Provider::Eurostat => eurostat_release(catalog, home, &incoming),
    }
}

/// The workbook written where the importer can open it (calamine reads a
/// path), removed again by the caller.
fn stage_workbook(home: &Path, incoming: &Incoming) -> Result<PathBuf> {
    let dir = home.join(".download");
    std::fs::create_dir_all(&dir).map_err(|e| Error::Write {
        path: dir.clone(),
        problem: e.to_string(),
    })?;
    let path = dir.join(format!("{}.xlsx", incoming.name()));
    crate::export::write_atomic(&path, &incoming.download.bytes)?;
    Ok(path)
}

/// Removes a staged workbook and its folder.
fn unstage(staged: &Path) {
    let _ = std::fs::remove_file(staged);
    if let Some(dir) = staged.parent() {
        let _ = std::fs::remove_dir(dir);
    }
}

/// Moves `files` into `home/id` in one rename: a release already there is
/// replaced only once the new one is complete, and kept if anything fails.
pub(super) fn put(home: &Path, id: &str, files: Vec<(String, Vec<u8>)>) -> Result<PathBuf> {
    crate::data::manifest::check_id(crate::error::Asked::Source, id)?;
    let write_err = |path: &Path, e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        problem: e.to_string(),
    };
    let stage = home.join(format!(".staging-{id}"));
    let _ = std::fs::remove_dir_all(&stage);
    std::fs::create_dir_all(&stage).map_err(|e| write_err(&stage, e))?;
    for (name, bytes) in &files {
        if let Err(e) = std::fs::write(stage.join(name), bytes) {
            let _ = std::fs::remove_dir_all(&stage);
            return Err(write_err(&stage.join(name), e));
        }
    }
    let target = home.join(id);
    let old = home.join(format!(".replaced-{id}"));
    let had = target.exists();
    if had {
        let _ = std::fs::remove_dir_all(&old);
        std::fs::rename(&target, &old).map_err(|e| write_err(&target, e))?;
    }
    if let Err(e) = std::fs::rename(&stage, &target) {
        if had {
            let _ = std::fs::rename(&old, &target);
        }
        let _ = std::fs::remove_dir_all(&stage);
        return Err(write_err(&target, e));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(target)
}

/// NATO's workbook: an edition named for its last year of data.
fn nato(catalog: &Catalog, home: &Path, incoming: &Incoming) -> Result<String> {
    let staged = stage_workbook(home, incoming)?;
    let imported = crate::data::import_xlsx::import_workbook(&staged, &catalog.allies);
    unstage(&staged);
    let imported = imported.map_err(|e| incoming.rewrap(e))?;
    let Some(last) = imported.years.last() else {
        return Err(incoming.fail("the workbook has no years"));
    };
    let id = format!("nato-{}", last.year);
    let url = &incoming.download.url;
    if let Some(line) = already_carried(catalog, home, incoming, &id)? {
        return Ok(line);
    }
    let price_base_year = imported.price_base_year.ok_or_else(|| {
        incoming
            .fail("no block label gives the year of the constant prices (\"Constant YYYY prices\")")
    })?;
    let edition = edition_of(incoming, &imported, &id, price_base_year);
    let (title, published) = (edition.title.clone(), edition.published);
    let manifest = toml::to_string(&EditionFile {
        edition: vec![edition],
    })
    .map_err(|e| incoming.fail(format!("cannot describe the edition: {e}")))?;
    let record = incoming.record(&id, Some(published));
    let dir = put(
        home,
        &id,
        vec![
            (
                TableKind::Allies.file_name().to_string(),
                write_table(TableKind::Allies, &imported.allies).into_bytes(),
            ),
            (
                TableKind::Aggregates.file_name().to_string(),
                write_table(TableKind::Aggregates, &imported.aggregates).into_bytes(),
            ),
            (
                crate::data::installed::EDITION.to_string(),
                format!("# Installed by defspend update: the edition whose tables are in this folder.\n{manifest}").into_bytes(),
            ),
            (update::FETCH_FILE.to_string(), record.write().into_bytes()),
        ],
    )?;
    // The edition must load as every edition does; if not, it is removed.
    if let Err(e) = crate::data::Catalog::load(catalog.source.clone())
        .and_then(|c| c.load_edition(Some(&id)).map(|_| ()))
    {
        let _ = std::fs::remove_dir_all(&dir);
        return Err(incoming.fail(format!("the imported edition does not check: {}", e)));
    }
    write_state(home, &record)?;
    Ok(format!(
        "nato: installed {id} ({title}, published {published}, constant {price_base_year} prices) from {url} into {}: {} rows for the allies and {} aggregate rows, years {}; sha256 {}.",
        dir.display(),
        imported.allies.len(),
        imported.aggregates.len(),
        describe_years(&imported.years),
        incoming.sha256
    ))
}

/// The edition a NATO workbook is, described from the workbook and the page
/// that linked it (publication day from the file name, else July of its
/// last year, when NATO publishes).
fn edition_of(
    incoming: &Incoming,
    imported: &crate::data::import_xlsx::Imported,
    id: &str,
    price_base_year: i32,
) -> Edition {
    let (first, last) = (
        imported.years.first().map_or(0, |y| y.year),
        imported.years.last().map_or(0, |y| y.year),
    );
    let url = &incoming.download.url;
    let published = incoming
        .announced
        .as_ref()
        .and_then(|a| a.published)
        .unwrap_or(PublicationDate {
            date: chrono::NaiveDate::from_ymd_opt(last, 7, 1).unwrap_or_default(),
            day_known: false,
        });
    let estimate_years: Vec<i32> = imported
        .years
        .iter()
        .filter(|y| y.estimate)
        .map(|y| y.year)
        .collect();
    let title = format!("Defence Expenditure of NATO Countries ({}-{})", first, last);
    let estimates = match (estimate_years.first(), estimate_years.last()) {
        (Some(a), Some(b)) if a != b => format!(" {a}-{b} are estimates."),
        (Some(a), _) => format!(" {a} is an estimate."),
        _ => String::new(),
    };
    let file_name = url.rsplit('/').next().unwrap_or(url);
    Edition {
        id: id.to_string(),
        title: title.clone(),
        publisher: "NATO Public Diplomacy Division".to_string(),
        published,
        data_cutoff: None,
        first_year: first,
        last_year: last,
        estimate_years,
        price_base_year,
        basis: Basis::Total,
        provenance: Provenance::OfficialWorkbook,
        source: format!(
            "{file_name} (sheets TABLE1-TABLE8b), sha256 {}; fetched from {url} by defspend update",
            incoming.sha256
        ),
        share_of_gdp_definition: format!("Table 3: defence expenditure as a share of real GDP, both at {price_base_year} prices and exchange rates"),
        citation: format!("Source: NATO, {title}, {}.{estimates}", published.long()),
    }
}

#[derive(serde::Serialize)]
struct EditionFile {
    edition: Vec<Edition>,
}

/// A file-set family's entry (`eurostat.toml`'s, `ppp.toml`'s layout).
#[derive(serde::Serialize)]
pub(super) struct ReleaseEntry {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub published: String,
    pub files: Vec<String>,
    pub source: String,
    pub citation: String,
}

impl ReleaseEntry {
    /// The one-entry manifest of family `K` installed beside the release.
    pub(super) fn manifest<K: filesets::Kind>(self, incoming: &Incoming) -> Result<Vec<u8>> {
        let mut doc = std::collections::BTreeMap::new();
        doc.insert(K::TABLE, vec![self]);
        let text = toml::to_string(&doc)
            .map_err(|e| incoming.fail(format!("cannot describe the release: {e}")))?;
        Ok(format!(
            "# Installed by defspend update: the release whose table is in this folder.\n{text}"
        )
        .into_bytes())
    }
}

/// A NATO edition defspend carries itself: the same workbook is nothing to
/// install; another under the same id is a revision, said and not installed.
fn already_carried(
    catalog: &Catalog,
    home: &Path,
    incoming: &Incoming,
    id: &str,
) -> Result<Option<String>> {
    let Some(listed) = catalog.editions.iter().find(|e| e.id == id) else {
        return Ok(None);
    };
    if home.join(id).is_dir() {
        // Installed by an earlier update: replaced by this one.
        return Ok(None);
    }
    write_state(home, &incoming.record(id, Some(listed.published)))?;
    let url = &incoming.download.url;
    Ok(Some(match recorded_sha256(&listed.source) {
        Some(recorded) if recorded == incoming.sha256 => format!(
            "nato: {id} at {url} is the workbook defspend already carries (sha256 {recorded}): nothing installed"
        ),
        recorded => format!(
            "nato: the workbook at {url} (sha256 {}) is {id}, which defspend carries from another file ({}): a revision, not installed over defspend's own; import it under an id of its own with `defspend import nato-xlsx FILE --edition ID`",
            incoming.sha256,
            recorded.map_or("no checksum recorded".to_string(), |r| format!("sha256 {r}"))
        ),
    }))
}

/// SIPRI's workbook: a release named for the year after its last year.
fn sipri_release(catalog: &Catalog, home: &Path, incoming: &Incoming) -> Result<String> {
    let staged = stage_workbook(home, incoming)?;
    let imported = super::import::sipri_release(catalog, &staged, None);
    unstage(&staged);
    let mut imported = imported.map_err(|e| incoming.rewrap(e))?;
    let listed = catalog.sipri.iter().any(|r| r.id == imported.release.id);
    // A release editions.toml does not list is dated by SIPRI's page.
    if let Some(date) = incoming.announced.as_ref().and_then(|a| a.published) {
        if !listed {
            imported.release.published = date;
            imported.release.citation = format!(
                "Source: SIPRI Military Expenditure Database, {}.",
                date.long()
            );
            if let Some(file) = imported
                .files
                .iter_mut()
                .find(|(name, _)| name == sipri::RELEASE_FILE)
            {
                file.1 = sipri::write_release(&imported.release);
            }
        }
    }
    let id = imported.release.id.clone();
    let record = incoming.record(&id, Some(imported.release.published));
    let mut files: Vec<(String, Vec<u8>)> = imported
        .files
        .into_iter()
        .map(|(name, text)| (name, text.into_bytes()))
        .collect();
    files.push((update::FETCH_FILE.to_string(), record.write().into_bytes()));
    let dir = put(home, &id, files)?;
    write_state(home, &record)?;
    Ok(format!(
        "sipri: installed {} from {} into {} (for this user alone: SIPRI's terms); sha256 {}.",
        imported.summary.trim_end_matches('.'),
        incoming.download.url,
        dir.display(),
        incoming.sha256
    ))
}

/// Eurostat's answer: a release named for the month its data were updated.
fn eurostat_release(catalog: &Catalog, home: &Path, incoming: &Incoming) -> Result<String> {
    let file = incoming.text()?;
    let (id, published) = update::eurostat_release(&file).map_err(|e| incoming.rewrap(e))?;
    let (rows, left) = json_stat::gov_ev_table(&file)
        .and_then(|table| eurostat::parse(&table, &catalog.allies, true))
        .map_err(|e| incoming.rewrap(e))?;
    let table = eurostat::write(&rows);
    let url = &incoming.download.url;
    let manifest = catalog.fileset_manifest::<filesets::Eurostat>()?;
    if let Some(carried) = manifest.iter().find(|e| e.id == id) {
        if !home.join(&id).is_dir() {
            write_state(home, &incoming.record(&id, Some(published)))?;
            let same = carried
                .files
                .first()
                .and_then(|f| catalog.read(f).ok())
                .is_some_and(|f| f.text == table);
            return Ok(if same {
                format!("eurostat: {id} at {url} holds the figures defspend already carries: nothing installed")
            } else {
                format!("eurostat: the answer at {url} is {id}, which defspend carries with other figures: a revision within the month, not installed over defspend's own")
            });
        }
    }
    let data_file = "gov_ev.csv";
    let manifest = ReleaseEntry {
            id: id.clone(),
            title: "Expenditure variables supporting the implementation of the EU economic governance framework (gov_ev): general government expenditure on defence (COFOG 02), total and gross fixed capital formation, % of GDP".to_string(),
            publisher: "Eurostat".to_string(),
            published: published.to_string(),
            files: vec![format!("{id}/{data_file}")],
            source: format!(
                "JSON-stat 2.0 response of Eurostat's dissemination API (dataset gov_ev, expend=DEF, na_item=TE and P51G, unit=PC_GDP; DOI 10.2908/GOV_EV; CC BY 4.0) fetched from {url} by defspend update, sha256 {}",
                incoming.sha256
            ),
            citation: format!("Eurostat, gov_ev, {}.", published.long()),
    }
    .manifest::<filesets::Eurostat>(incoming)?;
    let record = incoming.record(&id, Some(published));
    let dir = put(
        home,
        &id,
        vec![
            (data_file.to_string(), table.into_bytes()),
            (
                <filesets::Eurostat as filesets::Kind>::MANIFEST.to_string(),
                manifest,
            ),
            (update::FETCH_FILE.to_string(), record.write().into_bytes()),
        ],
    )?;
    write_state(home, &record)?;
    let mut allies: Vec<&str> = rows.iter().map(|r| r.ally.as_str()).collect();
    allies.dedup();
    Ok(format!(
        "eurostat: installed {id} (data updated {published}) from {url} into {}: {} values for {} allies ({left} rows of the EU aggregate or of member states that are not allies left out); sha256 {}.",
        dir.display(),
        rows.len(),
        allies.len(),
        incoming.sha256
    ))
}
