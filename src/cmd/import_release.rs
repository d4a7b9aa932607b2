//! `defspend import eurostat-gov-ev` and `import imf-ppp`: a release's one
//! table, checked, into `datasets/eurostat` or `datasets/ppp`.

use std::path::PathBuf;

use super::import::{install, say_checksum};
use crate::cli::ImportReleaseArgs;
use crate::data::source::read_file;
use crate::data::sources::sha256_hex;
use crate::data::Catalog;
use crate::error::Result;

/// Where a release's table goes: `--output`, else `datasets/{family}`;
/// the manifest's record of its source when the id is listed there.
fn release_out<K: crate::data::filesets::Kind>(
    catalog: &Catalog,
    args: &ImportReleaseArgs,
    family: &str,
) -> Result<(PathBuf, Option<String>)> {
    let manifest = catalog.fileset_manifest::<K>()?;
    let recorded = manifest
        .iter()
        .find(|e| e.id == args.id)
        .map(|e| e.source.clone());
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("datasets").join(family));
    Ok((dir.join(format!("{}.csv", args.id)), recorded))
}

/// `import eurostat-gov-ev`: Eurostat's defence measure for the allies (the
/// EU aggregate and member states that are not allies left out, and said).
pub(super) fn gov_ev(catalog: &Catalog, args: &ImportReleaseArgs) -> Result<()> {
    use crate::data::eurostat;
    let file = read_file(&args.input)?;
    // The API's JSON-stat response, or its decoded CSV.
    let (rows, left) = match file.text.trim_start().starts_with('{') {
        true => eurostat::parse(
            &crate::data::json_stat::gov_ev_table(&file)?,
            &catalog.allies,
            true,
        )?,
        false => eurostat::parse(&file, &catalog.allies, true)?,
    };
    let (out, recorded) =
        release_out::<crate::data::filesets::Eurostat>(catalog, args, "eurostat")?;
    install_one(&out, eurostat::write(&rows).into_bytes())?;
    let mut allies: Vec<&str> = rows.iter().map(|r| r.ally.as_str()).collect();
    allies.dedup();
    crate::export::say(&format!(
        "Imported {} into {}: {} values for {} allies ({} rows of the EU aggregate or of member states that are not allies left out); {} totals not published.",
        args.input.display(),
        out.display(),
        rows.len(),
        allies.len(),
        left,
        rows.iter().filter(|r| r.total_pct_gdp.is_none()).count()
    ))?;
    say_checksum(
        &sha256_hex(file.text.as_bytes()),
        recorded.as_deref(),
        "eurostat.toml",
        &args.id,
    )
}

/// `import imf-ppp`: the IMF's PPP and market rates, checked.
pub(super) fn ppp(catalog: &Catalog, args: &ImportReleaseArgs) -> Result<()> {
    use crate::data::ppp;
    let file = read_file(&args.input)?;
    let table = ppp::parse(&file, &catalog.allies)?;
    let (out, recorded) = release_out::<crate::data::filesets::Ppp>(catalog, args, "ppp")?;
    install_one(&out, ppp::write(&table).into_bytes())?;
    let mut countries: Vec<&str> = table.keys().map(|(c, _)| c.as_str()).collect();
    countries.dedup();
    let others: Vec<&str> = countries
        .iter()
        .copied()
        .filter(|c| !catalog.allies.iter().any(|a| a.iso3 == *c))
        .collect();
    crate::export::say(&format!(
        "Imported {} into {}: {} country-years, {} allies and {} others ({}).",
        args.input.display(),
        out.display(),
        table.len(),
        countries.len() - others.len(),
        others.len(),
        others.join(", ")
    ))?;
    say_checksum(
        &sha256_hex(file.text.as_bytes()),
        recorded.as_deref(),
        "ppp.toml",
        &args.id,
    )
}

/// Writes one table, creating its directory if missing (and removing it
/// again if the table could not be written).
fn install_one(file: &std::path::Path, bytes: Vec<u8>) -> Result<()> {
    let dir = file.parent().unwrap_or(std::path::Path::new("."));
    install(dir, vec![(file.to_path_buf(), bytes)])
}
