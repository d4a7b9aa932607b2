//! `defspend import`: NATO's published tables into the tidy dataset format.

use std::path::PathBuf;

use crate::cli::{
    ImportArgs, ImportCommand, ImportEuArgs, ImportOutlookArgs, ImportPlansArgs, ImportSipriArgs,
};
use crate::data::expenditure::{write_table, TableKind};
use crate::data::import_xlsx::{describe_years, Imported};
use crate::data::manifest::check_id;
use crate::data::source::read_file;
use crate::data::sources::{recorded_sha256, sha256_hex};
use crate::data::{eu, import_sipri, import_wide, import_xlsx, outlook, plans, sipri, Catalog};
use crate::error::{Asked, Error, Result};
use crate::export::write_atomic;
use crate::param::Param;

pub fn run(catalog: &Catalog, command: &ImportCommand) -> Result<()> {
    // Ids name what is written: checked before anything is.
    match command {
        ImportCommand::ImfWeo(a) => check_id(Asked::Outlook, &a.outlook)?,
        ImportCommand::Plans(a) => {
            check_id(Asked::PlansVintage, &a.plans).map_err(|e| e.from_param(Param::Plans))?
        }
        ImportCommand::SipriXlsx(a) => {
            if let Some(id) = &a.edition {
                check_id(Asked::SipriRelease, id)?;
            }
        }
        ImportCommand::Eu(_) => {}
        ImportCommand::EurostatGovEv(a) | ImportCommand::ImfPpp(a) => {
            check_id(Asked::Source, &a.id)?
        }
        ImportCommand::NatoXlsx(a) | ImportCommand::NatoWideCsv(a) => {
            check_id(Asked::Edition, &a.edition)?
        }
    }
    let (args, imported) = match command {
        ImportCommand::ImfWeo(args) => return import_outlook(catalog, args),
        ImportCommand::Plans(args) => return import_plans(catalog, args),
        ImportCommand::SipriXlsx(args) => return import_sipri(catalog, args),
        ImportCommand::Eu(args) => return import_eu(catalog, args),
        ImportCommand::EurostatGovEv(args) => return super::import_release::gov_ev(catalog, args),
        ImportCommand::ImfPpp(args) => return super::import_release::ppp(catalog, args),
        ImportCommand::NatoXlsx(args) => (
            args,
            import_xlsx::import_workbook(&args.input, &catalog.allies)?,
        ),
        ImportCommand::NatoWideCsv(args) => (
            args,
            import_wide::import_wide_dir(&args.input, &catalog.allies)?,
        ),
    };
    check_against_manifest(catalog, args, &imported)?;
    let checksum = source_checksum(&args.input)?;
    let recorded = catalog
        .editions
        .iter()
        .find(|e| e.id == args.edition)
        .map(|e| e.source.as_str());
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("datasets").join(&args.edition));
    install(
        &out,
        vec![
            (
                out.join(TableKind::Allies.file_name()),
                write_table(TableKind::Allies, &imported.allies).into_bytes(),
            ),
            (
                out.join(TableKind::Aggregates.file_name()),
                write_table(TableKind::Aggregates, &imported.aggregates).into_bytes(),
            ),
        ],
    )?;
    let mut codes: Vec<&str> = imported.allies.iter().map(|r| r.code.as_str()).collect();
    codes.dedup();
    crate::export::say(&format!(
        "Imported {} into {}: {} rows for {} allies and {} aggregate rows, years {}.",
        args.input.display(),
        out.display(),
        imported.allies.len(),
        codes.len(),
        imported.aggregates.len(),
        describe_years(&imported.years)
    ))?;
    say_checksum(&checksum, recorded, "editions.toml", &args.edition)
}

/// Writes an import's files into `out` all or nothing (creating `out` if
/// it is missing, and removing it again if nothing could be written): a
/// failure part way leaves the previous install byte for byte.
pub(super) fn install(out: &std::path::Path, files: Vec<(PathBuf, Vec<u8>)>) -> Result<()> {
    let created = !out.is_dir();
    if created {
        std::fs::create_dir_all(out).map_err(|e| Error::Write {
            path: out.to_path_buf(),
            problem: e.to_string(),
        })?;
    }
    crate::export::write_all(&files).inspect_err(|_| {
        if created {
            let _ = std::fs::remove_dir(out);
        }
    })
}

/// The sha256 of the file an import read; of a directory of wide tables, over
/// its six files' bytes in the order they are read.
fn source_checksum(path: &std::path::Path) -> Result<String> {
    let read = |p: &std::path::Path| {
        std::fs::read(p).map_err(|source| Error::Read {
            path: p.to_path_buf(),
            source,
        })
    };
    if !path.is_dir() {
        return Ok(sha256_hex(&read(path)?));
    }
    let mut bytes = Vec::new();
    for (name, _) in import_wide::FILES {
        bytes.extend(read(&path.join(name))?);
    }
    Ok(sha256_hex(&bytes))
}

/// States the checksum of the file read, and whether it is the one the
/// manifest records (which is what outputs cite as the dataset's source).
pub(super) fn say_checksum(
    checksum: &str,
    manifest_source: Option<&str>,
    manifest: &str,
    id: &str,
) -> Result<()> {
    let recorded = manifest_source.and_then(recorded_sha256);
    let verdict = match (manifest_source, recorded) {
        (None, _) => format!("{id} is not in {manifest}: record this checksum in its source when you add it, so that outputs cite this file"),
        (Some(_), Some(r)) if r == checksum => format!("the file {manifest} records for {id}"),
        (Some(_), Some(r)) => format!("not the file {manifest} records for {id} (sha256 {r}): outputs cite the manifest's source until you record this checksum there"),
        (Some(_), None) => format!("{manifest} records no checksum for {id}: record this one in its source, so that outputs cite this file"),
    };
    crate::export::say(&format!("Source file sha256 {checksum}: {verdict}."))
}

/// An edition listed in the manifest must have the years and estimates it says.
fn check_against_manifest(catalog: &Catalog, args: &ImportArgs, imported: &Imported) -> Result<()> {
    let Some(edition) = catalog.editions.iter().find(|e| e.id == args.edition) else {
        return Ok(());
    };
    let years: Vec<i32> = imported.years.iter().map(|y| y.year).collect();
    let estimates: Vec<i32> = imported
        .years
        .iter()
        .filter(|y| y.estimate)
        .map(|y| y.year)
        .collect();
    if years.first() != Some(&edition.first_year)
        || years.last() != Some(&edition.last_year)
        || estimates != edition.estimate_years
    {
        return Err(Error::data(
            args.input.display().to_string(),
            format!(
                "its years ({}) differ from edition {} in editions.toml ({}-{}, estimates {:?})",
                describe_years(&imported.years),
                edition.id,
                edition.first_year,
                edition.last_year,
                edition.estimate_years
            ),
        ));
    }
    Ok(())
}

/// `import imf-weo`: the IMF's rows into `outlook/ID.csv`, for an outlook of
/// `outlooks.toml`.
fn import_outlook(catalog: &Catalog, args: &ImportOutlookArgs) -> Result<()> {
    let outlooks = catalog.outlooks()?;
    let info = outlooks
        .iter()
        .find(|o| o.id == args.outlook)
        .ok_or_else(|| {
            Error::usage(
                Param::Economy,
                format!(
                    "unknown outlook '{}'; add it to outlooks.toml first (available: {})",
                    args.outlook,
                    outlooks
                        .iter()
                        .map(|o| o.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
    let file = read_file(&args.input)?;
    let checksum = sha256_hex(file.text.as_bytes());
    let rows = outlook::import_weo_text(&file, info, &catalog.allies)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("datasets").join("outlook"));
    if !out.is_dir() {
        std::fs::create_dir_all(&out).map_err(|e| Error::Write {
            path: out.clone(),
            problem: e.to_string(),
        })?;
    }
    let file = out.join(format!("{}.csv", info.id));
    write_atomic(&file, outlook::write_table(&rows).as_bytes())?;
    let projected = rows.iter().filter(|r| r.projected).count();
    crate::export::say(&format!(
        "Imported {} into {}: {} values ({} allies x {} series x {}-{}), {projected} of them projections.",
        args.input.display(),
        file.display(),
        rows.len(),
        catalog.allies.len(),
        info.series().len(),
        info.first_year,
        info.last_year
    ))?;
    say_checksum(&checksum, Some(&info.source), "outlooks.toml", &info.id)
}

/// `import plans`: a compilation of national plans into `plans/ID.csv`.
fn import_plans(catalog: &Catalog, args: &ImportPlansArgs) -> Result<()> {
    let manifest = catalog.plans_manifest()?;
    let Some(info) = manifest.iter().find(|p| p.id == args.plans) else {
        return Err(Error::usage(
            Param::Plans,
            format!(
                "unknown plans '{}'; add it to plans.toml first (available: {})",
                args.plans,
                manifest
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    };
    let file = read_file(&args.input)?;
    let checksum = sha256_hex(file.text.as_bytes());
    let milestones = plans::import_text(&file, &catalog.allies)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("datasets").join("plans"));
    if !out.is_dir() {
        std::fs::create_dir_all(&out).map_err(|e| Error::Write {
            path: out.clone(),
            problem: e.to_string(),
        })?;
    }
    let file = out.join(format!("{}.csv", args.plans));
    write_atomic(&file, plans::write_table(&milestones).as_bytes())?;
    let mut allies: Vec<&str> = milestones.iter().map(|m| m.ally.as_str()).collect();
    allies.dedup();
    crate::export::say(&format!(
        "Imported {} into {}: {} milestones for {} allies.",
        args.input.display(),
        file.display(),
        milestones.len(),
        allies.len()
    ))?;
    say_checksum(&checksum, Some(&info.description), "plans.toml", &info.id)
}

/// "no member state left out", "1 member state that is not an ally left out".
fn left_out(n: usize) -> String {
    match n {
        0 => "no member state left out".into(),
        1 => "1 member state that is not an ally left out".into(),
        n => format!("{n} member states that are not allies left out"),
    }
}

/// `import eu`: the escape clause's and SAFE's compiled files into tidy
/// tables of allies (member states that are not allies left out, and said).
fn import_eu(catalog: &Catalog, args: &ImportEuArgs) -> Result<()> {
    let clause_file = read_file(&args.escape_clause)?;
    let safe_file = read_file(&args.safe)?;
    let (clause, clause_out) = eu::parse_escape_clause(&clause_file, &catalog.allies, true)?;
    let (safe, safe_out) = eu::parse_safe(&safe_file, &catalog.allies, true)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("datasets").join("eu"));
    let name = |relative: &str| out.join(relative.trim_start_matches("eu/"));
    install(
        &out,
        vec![
            (
                name(eu::ESCAPE_CLAUSE_FILE),
                eu::write_escape_clause(&clause).into_bytes(),
            ),
            (name(eu::SAFE_FILE), eu::write_safe(&safe).into_bytes()),
        ],
    )?;
    crate::export::say(&format!(
        "Imported into {}: the escape clause for {} allies ({}), SAFE allocations for {} allies ({}, EUR {:.2} bn to allies).",
        out.display(),
        clause.len(),
        left_out(clause_out),
        safe.len(),
        left_out(safe_out),
        safe.iter().map(|l| l.eur_bn).sum::<f64>()
    ))?;
    crate::export::say(&format!(
        "sha256 {} {}; {} {}.",
        args.escape_clause.display(),
        sha256_hex(clause_file.text.as_bytes()),
        args.safe.display(),
        sha256_hex(safe_file.text.as_bytes())
    ))
}

/// A new release's id must not be another family's (an edition, an
/// outlook, a plans vintage): it would shadow it in the data directory and
/// on the command line.
fn refuse_shadow(catalog: &Catalog, id: &str) -> Result<()> {
    let mut taken: Vec<(String, &str)> = catalog
        .editions
        .iter()
        .map(|e| (e.id.clone(), "a NATO edition"))
        .collect();
    taken.extend(
        catalog
            .outlooks()?
            .iter()
            .map(|o| (o.id.clone(), "an economic outlook")),
    );
    for p in catalog.plans_manifest()?.iter() {
        taken.push((p.id.clone(), "a plans vintage"));
        taken.push((p.vintage.clone(), "a plans vintage"));
    }
    match taken.iter().find(|(t, _)| t == id) {
        Some((_, what)) => Err(Error::request(
            Asked::SipriRelease,
            id,
            format!("'{id}' is the id of {what}: a SIPRI release needs an id of its own"),
        )),
        None => Ok(()),
    }
}

/// `import sipri-xlsx`: SIPRI's workbook into `ID/` (one table per measure,
/// the regional totals, the footnotes, and `release.toml` describing the
/// release), for a release of editions.toml or a newer one described from
/// the workbook itself.
fn import_sipri(catalog: &Catalog, args: &ImportSipriArgs) -> Result<()> {
    let imported = sipri_release(catalog, &args.input, args.edition.clone())?;
    // SIPRI's terms do not allow redistributing its database: by default it
    // goes to the user's own data directory, where every command finds it.
    let out = match &args.out {
        Some(dir) => dir.clone(),
        None => crate::data::source::user_data_dir()
            .ok_or_else(|| {
                Error::usage(Param::Output,
                    "no data directory is known on this system: give --output DIR (and DEFSPEND_DATA_HOME=DIR to use it)",
                )
            })?
            .join(&imported.release.id),
    };
    install(
        &out,
        imported
            .files
            .into_iter()
            .map(|(name, text)| (out.join(name), text.into_bytes()))
            .collect(),
    )?;
    crate::export::say(&format!(
        "Imported {} into {} as release {}",
        args.input.display(),
        out.display(),
        imported.summary
    ))
}

/// A SIPRI workbook read and rendered: its release and its files (by name
/// in the release's folder), nothing written yet.
pub(super) struct SipriImport {
    pub release: sipri::Release,
    pub files: Vec<(String, String)>,
    /// "sipri-2025 (1949-2024, constant 2023 USD): 5 tables, …"
    pub summary: String,
}

/// Reads SIPRI's workbook at `input` as release `id` (default: the year
/// after its last year of data), for a release of editions.toml or a newer
/// one described from the workbook itself.
pub(super) fn sipri_release(
    catalog: &Catalog,
    input: &std::path::Path,
    id: Option<String>,
) -> Result<SipriImport> {
    let names = catalog.sipri_countries()?;
    let imported = import_sipri::import_workbook(input, &names)?;
    let first_year = imported.tables[0]
        .years
        .first()
        .copied()
        .unwrap_or_default();
    let last_year = imported.tables[0].years.last().copied().unwrap_or_default();
    let id = id.unwrap_or_else(|| format!("sipri-{}", last_year + 1));
    let release = match catalog.sipri_releases().into_iter().find(|r| r.id == id) {
        Some(known) => {
            if known.last_year != last_year || known.price_base_year != imported.price_base_year {
                return Err(Error::data(
                    input.display().to_string(),
                    format!(
                        "the workbook ends in {last_year} at {} prices; release {} ends in {} at {} prices (editions.toml): give the release's own id with --edition",
                        imported.price_base_year, known.id, known.last_year, known.price_base_year
                    ),
                ));
            }
            known
        }
        None => {
            refuse_shadow(catalog, &id)?;
            // The same release under another id would be cited as that
            // release under a name of the user's: refused.
            if let Some(same) = catalog.sipri_releases().into_iter().find(|r| {
                r.first_year == first_year
                    && r.last_year == last_year
                    && r.price_base_year == imported.price_base_year
            }) {
                return Err(Error::request(
                    Asked::SipriRelease,
                    &id,
                    format!(
                        "this workbook is SIPRI release {} ({first_year}-{last_year} at {} prices): install it under that id (--edition {}, or no --edition)",
                        same.id, imported.price_base_year, same.id
                    ),
                ));
            }
            new_release(
                catalog,
                input,
                &id,
                first_year,
                last_year,
                imported.price_base_year,
            )?
        }
    };
    // Everything is rendered before anything is written.
    let (files, summary) = render_sipri(&imported, &release);
    Ok(SipriImport {
        release,
        files,
        summary,
    })
}

/// A SIPRI import's files (by name in the release's folder) and the
/// sentence that sums it up.
fn render_sipri(
    imported: &import_sipri::Imported,
    release: &sipri::Release,
) -> (Vec<(String, String)>, String) {
    let mut files: Vec<(String, String)> = imported
        .tables
        .iter()
        .map(|t| (t.measure.file_name().to_string(), sipri::write_table(t)))
        .collect();
    files.push((
        "regional_totals.csv".to_string(),
        sipri::write_regional(&imported.regional),
    ));
    files.push((
        "footnotes.csv".to_string(),
        sipri::write_footnotes(&imported.footnotes),
    ));
    files.push((
        sipri::RELEASE_FILE.to_string(),
        sipri::write_release(release),
    ));
    let count = |keep: fn(&sipri::Cell) -> bool| -> usize {
        imported
            .tables
            .iter()
            .map(|t| t.cells.iter().flatten().filter(|c| keep(c)).count())
            .sum()
    };
    let cells = count(|c| c.state != sipri::State::Blank);
    let marked = count(|c| c.state.is_marked());
    let countries = imported.tables.first().map_or(0, |t| t.countries.len());
    let summary = format!(
        "{} ({}-{}, constant {} USD): {} tables, {countries} countries, {cells} cells ({marked} marked as SIPRI estimates or highly uncertain), {} regional totals, {} footnotes.",
        release.id,
        release.first_year,
        release.last_year,
        release.price_base_year,
        imported.tables.len(),
        imported.regional.len(),
        imported.footnotes.len()
    );
    (files, summary)
}

/// A release editions.toml does not list, described from its workbook:
/// published in April after its last year (SIPRI's custom), the definition
/// of the latest release listed, the file's checksum.
fn new_release(
    catalog: &Catalog,
    input: &std::path::Path,
    id: &str,
    first_year: i32,
    last_year: i32,
    price_base_year: i32,
) -> Result<sipri::Release> {
    let listed = catalog.sipri_release(None).map_err(|_| {
        Error::data(
            "editions.toml",
            "no [[sipri]] release is listed to take SIPRI's definition from",
        )
    })?;
    let bytes = std::fs::read(input).map_err(|source| Error::Read {
        path: input.to_path_buf(),
        source,
    })?;
    let file_name = input.file_name().map_or_else(
        || input.display().to_string(),
        |n| n.to_string_lossy().to_string(),
    );
    let published = format!("{}-04", last_year + 1);
    let month = crate::data::editions::PublicationDate::parse(&published)
        .ok_or_else(|| Error::usage(Param::Edition, format!("{published} is not a month")))?;
    Ok(sipri::Release {
        id: id.to_string(),
        title: listed.title.clone(),
        publisher: listed.publisher.clone(),
        published: month,
        first_year,
        last_year,
        price_base_year,
        source: format!(
            "{file_name} (sheets Constant ({price_base_year}) US$, Current US$, Share of GDP, Per capita, Share of Govt. spending, Regional totals, Footnotes), sha256 {}; described from the workbook at import (publication month assumed: April after its last year)",
            crate::data::sources::sha256_hex(&bytes)
        ),
        definition: listed.definition.clone(),
        citation: format!(
            "Source: SIPRI Military Expenditure Database, {}.",
            month.long()
        ),
    })
}
