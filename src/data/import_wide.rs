//! Importer for the transcribed wide tables of an edition (one CSV per measure,
//! a row per ally or aggregate keyed by NATO's two-letter code, a column per
//! year, `2025e` marking an estimate), as in `sources/nato/2026-edition/`.

use std::path::Path;

use super::allies::Ally;
use super::csv::parse_number;
use super::expenditure::AGGREGATES;
use super::import_xlsx::{Assembler, Imported, YearColumn};
use crate::error::{Error, Result};

/// The files of the transcription and the measure each holds: the six
/// measures first (in the order the manifest's checksum reads them), then
/// the nine the edition's full tables add.
pub const FILES: &[(&str, &str)] = &[
    ("core_share_gdp_wide.csv", "share_of_gdp"),
    ("core_usd_current_m_wide.csv", "defence_usd_current_m"),
    ("core_usd_2021_m_wide.csv", "defence_usd_constant_m"),
    ("gdp_usd_current_m_wide.csv", "gdp_usd_current_m"),
    ("equipment_share_pct_wide.csv", "equipment_pct"),
    ("personnel_share_pct_wide.csv", "personnel_pct"),
    (
        "core_nat_currency_current_m_wide.csv",
        "defence_ncu_current_m",
    ),
    (
        "core_nat_currency_2021_m_wide.csv",
        "defence_ncu_constant_m",
    ),
    ("core_real_change_pct_wide.csv", "real_change_pct"),
    ("gdp_usd_2021_m_wide.csv", "gdp_usd_constant_m"),
    ("gdp_per_capita_2021_kusd_wide.csv", "gdp_per_capita_k_usd"),
    (
        "core_per_capita_2021_usd_wide.csv",
        "defence_per_capita_usd",
    ),
    ("personnel_k_wide.csv", "military_personnel_k"),
    ("infrastructure_share_pct_wide.csv", "infrastructure_pct"),
    ("other_share_pct_wide.csv", "other_pct"),
];

pub fn import_wide_dir(dir: &Path, allies: &[Ally]) -> Result<Imported> {
    let mut texts = Vec::with_capacity(FILES.len());
    for (name, _) in FILES {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        texts.push((path.display().to_string(), text));
    }
    import_wide_texts(&texts, allies)
}

/// The tables' texts, one per [`FILES`] in its order, each with the name
/// its errors give.
pub fn import_wide_texts(texts: &[(String, String)], allies: &[Ally]) -> Result<Imported> {
    let mut assembler = Assembler::new(allies);
    for ((file, text), (_, measure)) in texts.iter().zip(FILES) {
        import_file(file, text, measure, allies, &mut assembler)?;
    }
    Ok(assembler.finish())
}

fn import_file(
    file: &str,
    text: &str,
    measure: &str,
    allies: &[Ally],
    assembler: &mut Assembler,
) -> Result<()> {
    super::csv::check_quotes(file, text)?;
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::data(format!("{file}:1"), e.to_string()))?
        .clone();
    if headers.get(0).map(str::trim) != Some("geo") {
        return Err(Error::data(
            format!("{file}:1"),
            "the first column must be 'geo'",
        ));
    }
    let mut years = Vec::new();
    for (i, h) in headers.iter().enumerate().skip(1) {
        let (digits, estimate) = match h.trim().strip_suffix('e') {
            Some(d) => (d, true),
            None => (h.trim(), false),
        };
        let year: i32 = digits.parse().map_err(|_| {
            Error::data(
                format!("{file}:1: column {}", i + 1),
                format!("'{h}' is not a year"),
            )
        })?;
        years.push(YearColumn { year, estimate });
    }
    assembler
        .set_years(years.clone())
        .map_err(|p| Error::data(format!("{file}:1"), p))?;
    for record in reader.records() {
        let record = record.map_err(|e| {
            Error::data(
                format!("{file}:{}", e.position().map_or(0, |p| p.line())),
                e.to_string(),
            )
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let code = record.get(0).unwrap_or("").trim();
        let known = allies.iter().any(|a| a.nato_code == code)
            || AGGREGATES.iter().any(|(c, _)| *c == code);
        if !known {
            return Err(Error::data(
                format!("{file}:{line}"),
                format!("unknown code '{code}'"),
            ));
        }
        for (year, text) in years.iter().zip(record.iter().skip(1)) {
            let place = || format!("{file}:{line}: column {}", year.year);
            if let Some(value) = parse_number(text.trim()).map_err(|p| Error::data(place(), p))? {
                assembler
                    .set(code, year.year, measure, value)
                    .map_err(|p| Error::data(place(), p))?;
            }
        }
    }
    Ok(())
}
