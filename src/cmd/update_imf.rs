//! The IMF's World Economic Outlook from its SDMX API, installed as an
//! outlook: the allies' series defspend uses, each series' projections from
//! the metadata's last actual year, checked by the importer of
//! `import imf-weo`.

use std::path::Path;

use super::update_install::{put, write_state, Incoming};
use crate::data::manifest::PublicationDate;
use crate::data::outlook::{self, OutlookInfo};
use crate::data::source::SourceFile;
use crate::data::update as update_data;
use crate::data::{sdmx, Catalog};
use crate::error::{Error, Result};

/// The first year defspend keeps of an outlook (NATO's tables start in 2014).
const FIRST_YEAR: i32 = 2014;

/// The countries beside the allies whose rates the PPP release holds
/// (`compare --prices ppp`'s rivals).
const RIVALS: [&str; 3] = ["RUS", "UKR", "CHN"];

/// The path of the IMF's answer for the PPP release: GDP in national
/// currency and in USD (their ratio is the market rate) and PPPEX, for the
/// allies and the rivals.
pub fn ppp_path(catalog: &Catalog) -> String {
    let mut countries: Vec<String> = catalog.allies.iter().map(|a| a.iso3.clone()).collect();
    countries.extend(RIVALS.iter().map(|c| c.to_string()));
    let series = ["NGDP", "NGDPD", "PPPEX"].map(String::from);
    update_data::imf_query(&countries, &series)
}

/// The outlook an answer is: `imf-weo-YYYY-MM` by its publication date.
pub fn release(file: &SourceFile) -> Result<(String, PublicationDate)> {
    let answer = sdmx::weo_answer(file)?;
    release_of(file, &answer)
}

fn release_of(file: &SourceFile, answer: &sdmx::WeoAnswer) -> Result<(String, PublicationDate)> {
    let date = answer.published.ok_or_else(|| {
        Error::data(
            &file.display,
            "the answer has no PUBLICATION_DATE to name the outlook by",
        )
    })?;
    Ok((
        format!("imf-weo-{}", date.format("%Y-%m")),
        PublicationDate {
            date,
            day_known: true,
        },
    ))
}

/// Imports and installs the IMF's answer as an outlook.
pub fn install(catalog: &Catalog, home: &Path, incoming: &Incoming) -> Result<String> {
    let file = incoming.text()?;
    let answer = sdmx::weo_answer(&file).map_err(|e| incoming.rewrap(e))?;
    let (id, published) = release_of(&file, &answer).map_err(|e| incoming.rewrap(e))?;
    let url = &incoming.download.url;
    let outlooks = catalog.outlooks()?;
    if outlooks.iter().any(|o| o.id == id) && !home.join(&id).is_dir() {
        write_state(home, &incoming.record(&id, Some(published)))?;
        return Ok(format!(
            "imf: {id} (published {}) at {url} is an outlook defspend already carries: nothing installed",
            published.long()
        ));
    }
    let codes: Vec<String> = outlooks
        .latest()
        .series()
        .iter()
        .map(|s| s.weo_code().to_string())
        .collect();
    let last_year = answer
        .series
        .iter()
        .flat_map(|s| s.values.iter().map(|(y, _)| *y))
        .max()
        .ok_or_else(|| incoming.fail("the answer holds no observations"))?;
    let info = describe(incoming, &id, published, &codes, last_year);
    let extract = sdmx::weo_extract(
        &file,
        &answer,
        &catalog.allies,
        &codes,
        (FIRST_YEAR, last_year),
    )
    .map_err(|e| incoming.rewrap(e))?;
    let rows = outlook::import_weo_text(&extract, &info, &catalog.allies)
        .map_err(|e| incoming.rewrap(e))?;
    let manifest = toml::to_string(&OutlookFile {
        outlook: vec![info],
    })
    .map_err(|e| incoming.fail(format!("cannot describe the outlook: {e}")))?;
    let record = incoming.record(&id, Some(published));
    let dir = put(
        home,
        &id,
        vec![
            ("outlook.csv".to_string(), outlook::write_table(&rows).into_bytes()),
            (
                "outlooks.toml".to_string(),
                format!("# Installed by defspend update: the outlook whose table is in this folder.\n{manifest}").into_bytes(),
            ),
            (update_data::FETCH_FILE.to_string(), record.write().into_bytes()),
        ],
    )?;
    if let Err(e) =
        Catalog::load(catalog.source.clone()).and_then(|c| c.load_outlook(Some(&id)).map(|_| ()))
    {
        let _ = std::fs::remove_dir_all(&dir);
        return Err(incoming.fail(format!("the imported outlook does not check: {e}")));
    }
    write_state(home, &record)?;
    let projected = rows.iter().filter(|r| r.projected).count();
    Ok(format!(
        "imf: installed {id} (World Economic Outlook, published {}, {FIRST_YEAR}-{last_year}) from the IMF's SDMX API into {}: {} values ({} allies x {} series), {projected} of them projections by each series' last actual year; sha256 {}.",
        published.long(),
        dir.display(),
        rows.len(),
        catalog.allies.len(),
        codes.len(),
        incoming.sha256
    ))
}

/// Imports and installs the IMF's answer for the PPP release
/// (`imf-weo-YYYY-MM-ppp`): each country-year's market rate NGDP / NGDPD
/// and PPPEX, checked by the importer of `import imf-ppp`.
pub fn install_ppp(catalog: &Catalog, home: &Path, incoming: &Incoming) -> Result<String> {
    use crate::data::filesets::{Kind, Ppp};
    let file = incoming.text()?;
    let answer = sdmx::weo_answer(&file).map_err(|e| incoming.rewrap(e))?;
    let (outlook_id, published) = release_of(&file, &answer).map_err(|e| incoming.rewrap(e))?;
    let id = format!("{outlook_id}-ppp");
    let url = &incoming.download.url;
    let carried = catalog.fileset_manifest::<Ppp>()?;
    if carried.iter().any(|e| e.id == id) && !home.join(&id).is_dir() {
        write_state(home, &incoming.record(&id, Some(published)))?;
        return Ok(format!(
            "imf-ppp: {id} (published {}) at {url} holds rates defspend already carries: nothing installed",
            published.long()
        ));
    }
    let rates = sdmx::ppp_rates(&file, &answer, FIRST_YEAR).map_err(|e| incoming.rewrap(e))?;
    let table = crate::data::ppp::parse(&rates, &catalog.allies).map_err(|e| incoming.rewrap(e))?;
    let month = published.date.format("%B %Y").to_string();
    let manifest = super::update_install::ReleaseEntry {
        id: id.clone(),
        title: format!("Implied PPP conversion rate (PPPEX) and the market exchange rate implied by NGDP / NGDPD, allies, Russia, Ukraine and China, World Economic Outlook of {month}"),
        publisher: "International Monetary Fund".to_string(),
        published: published.to_string(),
        files: vec![format!("{id}/ppp.csv")],
        source: format!(
            "the IMF's WEO (SDMX 3.0, IMF.RES/WEO, series NGDP, NGDPD, PPPEX, values divided by 10^SCALE) fetched from {url} by defspend update, sha256 {}",
            incoming.sha256
        ),
        citation: format!("IMF, World Economic Outlook Database, {month}."),
    }
    .manifest::<Ppp>(incoming)?;
    let record = incoming.record(&id, Some(published));
    let dir = put(
        home,
        &id,
        vec![
            (
                "ppp.csv".to_string(),
                crate::data::ppp::write(&table).into_bytes(),
            ),
            (Ppp::MANIFEST.to_string(), manifest),
            (
                update_data::FETCH_FILE.to_string(),
                record.write().into_bytes(),
            ),
        ],
    )?;
    write_state(home, &record)?;
    let mut countries: Vec<&str> = table.keys().map(|(c, _)| c.as_str()).collect();
    countries.dedup();
    Ok(format!(
        "imf-ppp: installed {id} from the IMF's SDMX API into {}: {} country-years, {} countries; sha256 {}.",
        dir.display(),
        table.len(),
        countries.len(),
        incoming.sha256
    ))
}

/// The outlook's entry, described from the answer.
fn describe(
    incoming: &Incoming,
    id: &str,
    published: PublicationDate,
    codes: &[String],
    last_year: i32,
) -> OutlookInfo {
    let month = published.date.format("%B %Y").to_string();
    OutlookInfo::described(
        id.to_string(),
        format!("World Economic Outlook Database, {month}"),
        published,
        (FIRST_YEAR, last_year),
        codes.to_vec(),
        format!(
            "The allies' series of the IMF's WEO (SDMX 3.0, IMF.RES/WEO, series {}), each series' projections from its LATEST_ACTUAL_ANNUAL_DATA, values divided by 10^SCALE: fetched from {} by defspend update, sha256 {}",
            codes.join(", "),
            incoming.download.url,
            incoming.sha256
        ),
        format!("Source: IMF, World Economic Outlook Database, {month}."),
        format!("{id}/outlook.csv"),
    )
}

#[derive(serde::Serialize)]
struct OutlookFile {
    outlook: Vec<OutlookInfo>,
}
