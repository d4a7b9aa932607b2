//! `defspend import`: NATO's published tables into the tidy dataset format.

use std::path::PathBuf;

use crate::cli::{ImportArgs, ImportCommand, ImportOutlookArgs, ImportPlansArgs, ImportSipriArgs};
use crate::data::expenditure::{write_table, TableKind};
use crate::data::import_xlsx::{describe_years, Imported};
use crate::data::{import_sipri, import_wide, import_xlsx, outlook, plans, sipri, Catalog};
use crate::error::{Error, Result};
use crate::export::write_atomic;

pub fn run(catalog: &Catalog, command: &ImportCommand) -> Result<()> {
    let (args, imported) = match command {
        ImportCommand::ImfWeo(args) => return import_outlook(catalog, args),
        ImportCommand::Plans(args) => return import_plans(catalog, args),
        ImportCommand::SipriXlsx(args) => return import_sipri(catalog, args),
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
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("datasets").join(&args.edition));
    if !out.is_dir() {
        std::fs::create_dir_all(&out).map_err(|e| Error::Write {
            path: out.clone(),
            problem: e.to_string(),
        })?;
    }
    let expenditure = out.join(TableKind::Allies.file_name());
    let aggregates = out.join(TableKind::Aggregates.file_name());
    write_atomic(
        &expenditure,
        write_table(TableKind::Allies, &imported.allies).as_bytes(),
    )?;
    write_atomic(
        &aggregates,
        write_table(TableKind::Aggregates, &imported.aggregates).as_bytes(),
    )?;
    let mut codes: Vec<&str> = imported.allies.iter().map(|r| r.code.as_str()).collect();
    codes.dedup();
    println!(
        "Imported {} into {}: {} rows for {} allies and {} aggregate rows, years {}.",
        args.input.display(),
        out.display(),
        imported.allies.len(),
        codes.len(),
        imported.aggregates.len(),
        describe_years(&imported.years)
    );
    Ok(())
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
                "--outlook",
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
    let rows = outlook::import_weo(&args.input, info, &catalog.allies)?;
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
    println!(
        "Imported {} into {}: {} values ({} allies x {} series x {}-{}), {projected} of them projections.",
        args.input.display(),
        file.display(),
        rows.len(),
        catalog.allies.len(),
        outlook::Series::ALL.len(),
        info.first_year,
        info.last_year
    );
    Ok(())
}

/// `import plans`: a compilation of national plans into `plans/ID.csv`.
fn import_plans(catalog: &Catalog, args: &ImportPlansArgs) -> Result<()> {
    let manifest = catalog.plans_manifest()?;
    if !manifest.iter().any(|p| p.id == args.plans) {
        return Err(Error::usage(
            "--plans",
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
    }
    let milestones = plans::import(&args.input, &catalog.allies)?;
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
    println!(
        "Imported {} into {}: {} milestones for {} allies.",
        args.input.display(),
        file.display(),
        milestones.len(),
        allies.len()
    );
    Ok(())
}

/// `import sipri-xlsx`: SIPRI's workbook into `ID/` (one table per measure,
/// the regional totals, the footnotes), for a release of editions.toml.
fn import_sipri(catalog: &Catalog, args: &ImportSipriArgs) -> Result<()> {
    let release = catalog.sipri_release(Some(&args.edition)).map_err(|_| {
        Error::usage(
            "--edition",
            format!(
                "unknown SIPRI release '{}'; add it to editions.toml as [[sipri]] first",
                args.edition
            ),
        )
    })?;
    let names = catalog.sipri_countries()?;
    let imported = import_sipri::import_workbook(&args.input, &names)?;
    for table in &imported.tables {
        if table.years.last() != Some(&release.last_year) {
            return Err(Error::data(
                args.input.display().to_string(),
                format!(
                    "sheet {} ends in {:?}; release {} in editions.toml ends in {}",
                    table.measure.sheet(),
                    table.years.last(),
                    release.id,
                    release.last_year
                ),
            ));
        }
    }
    // SIPRI's terms do not allow redistributing its database: by default it
    // goes to the user's own data directory, where every command finds it.
    let out = match &args.out {
        Some(dir) => dir.clone(),
        None => crate::data::source::user_data_dir()
            .ok_or_else(|| {
                Error::usage(
                    "--out",
                    "no data directory is known on this system: give --out DIR (and DEFSPEND_DATA_HOME=DIR to use it)",
                )
            })?
            .join(&release.id),
    };
    if !out.is_dir() {
        std::fs::create_dir_all(&out).map_err(|e| Error::Write {
            path: out.clone(),
            problem: e.to_string(),
        })?;
    }
    // Everything is rendered before anything is written.
    let mut files: Vec<(PathBuf, String)> = imported
        .tables
        .iter()
        .map(|t| (out.join(t.measure.file_name()), sipri::write_table(t)))
        .collect();
    files.push((
        out.join("regional_totals.csv"),
        sipri::write_regional(&imported.regional),
    ));
    files.push((
        out.join("footnotes.csv"),
        sipri::write_footnotes(&imported.footnotes),
    ));
    for (path, text) in &files {
        write_atomic(path, text.as_bytes())?;
    }
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
    println!(
        "Imported {} into {}: {} tables, {countries} countries, {cells} cells ({marked} marked as SIPRI estimates or highly uncertain), {} regional totals, {} footnotes.",
        args.input.display(),
        out.display(),
        imported.tables.len(),
        imported.regional.len(),
        imported.footnotes.len()
    );
    Ok(())
}
