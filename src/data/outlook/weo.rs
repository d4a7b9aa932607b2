//! The IMF's World Economic Outlook rows for the allies, read into an outlook's tidy table.

use std::collections::BTreeMap;

use crate::data::allies::Ally;
use crate::data::csv::{csv_problem, parse_number};

use super::{check_complete, OutlookInfo, OutlookRow, Series};
use crate::data::source::SourceFile;
use crate::error::{Error, Result};

/// The fixed columns of the IMF's extract, before the year columns.
const WEO_LEADING: &[&str] = &[
    "weo_country_code",
    "iso3",
    "country",
    "subject_code",
    "units",
    "scale",
];
const WEO_TRAILING: &str = "estimates_start_after";

/// The year columns of the IMF's header, checked: the six descriptive
/// columns first, `estimates_start_after` last, consecutive years between
/// them that are the outlook's in outlooks.toml.
fn weo_years(headers: &[String], display: &str, info: &OutlookInfo) -> Result<Vec<i32>> {
    let header_place = format!("{display}:1");
    for (i, expected) in WEO_LEADING.iter().enumerate() {
        if headers.get(i).map(String::as_str) != Some(*expected) {
            return Err(Error::data(
                &header_place,
                format!(
                    "column {} is '{}', expected '{expected}'",
                    i + 1,
                    headers.get(i).map_or("", String::as_str)
                ),
            ));
        }
    }
    if headers.last().map(String::as_str) != Some(WEO_TRAILING) {
        return Err(Error::data(
            &header_place,
            format!("the last column must be '{WEO_TRAILING}'"),
        ));
    }
    let year_columns = &headers[WEO_LEADING.len()..headers.len() - 1];
    let mut years = Vec::new();
    for (i, h) in year_columns.iter().enumerate() {
        let year: i32 = h.parse().map_err(|_| {
            Error::data(
                &header_place,
                format!("column {}: '{h}' is not a year", WEO_LEADING.len() + i + 1),
            )
        })?;
        if let Some(last) = years.last() {
            if year != last + 1 {
                return Err(Error::data(
                    &header_place,
                    format!(
                        "column '{h}': years must follow each other; {} is missing",
                        last + 1
                    ),
                ));
            }
        }
        years.push(year);
    }
    if years.first() != Some(&info.first_year) || years.last() != Some(&info.last_year) {
        return Err(Error::data(
            &header_place,
            format!(
                "the years {}-{} differ from outlook {} in outlooks.toml ({}-{})",
                years.first().copied().unwrap_or_default(),
                years.last().copied().unwrap_or_default(),
                info.id,
                info.first_year,
                info.last_year
            ),
        ));
    }
    Ok(years)
}

/// Imports the IMF's World Economic Outlook rows for the allies from a file's
/// text (the layout of `weo-2025-04-allies.csv`: six descriptive columns, one
/// column a year, and `estimates_start_after`). Every problem names file, line
/// and column.
pub fn import_weo_text(
    file: &SourceFile,
    info: &OutlookInfo,
    allies: &[Ally],
) -> Result<Vec<OutlookRow>> {
    let display = file.display.clone();
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(file.text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::data(format!("{display}:1"), csv_problem(&e)))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let years = weo_years(&headers, &display, info)?;

    let mut rows = Vec::new();
    let mut seen: BTreeMap<(String, Series), usize> = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::data(format!("{display}:{line}"), csv_problem(&e))
        })?;
        let line = record.position().map_or(0, |p| p.line()) as usize;
        let place = |column: &str| format!("{display}:{line}: column {column}");
        let iso3 = record.get(1).unwrap_or("").trim();
        let ally = allies.iter().find(|a| a.iso3 == iso3).ok_or_else(|| {
            Error::data(
                place("iso3"),
                format!("'{iso3}' is not the ISO code of an ally (allies.csv)"),
            )
        })?;
        let code = record.get(3).unwrap_or("").trim();
        let series = Series::from_weo_code(code).ok_or_else(|| {
            Error::data(
                place("subject_code"),
                format!(
                    "unknown subject code '{code}'; expected {}",
                    Series::ALL.map(|s| s.weo_code()).join(", ")
                ),
            )
        })?;
        if let Some(first) = seen.insert((ally.nato_code.clone(), series), line) {
            return Err(Error::data(
                place("subject_code"),
                format!(
                    "{} {code} is listed twice (first at line {first})",
                    ally.name
                ),
            ));
        }
        let last_column = record.len() - 1;
        let start_after_text = record.get(last_column).unwrap_or("").trim();
        let start_after: i32 = start_after_text.parse().map_err(|_| {
            Error::data(
                place(WEO_TRAILING),
                format!("'{start_after_text}' is not a year"),
            )
        })?;
        for (i, year) in years.iter().enumerate() {
            let text = record.get(WEO_LEADING.len() + i).unwrap_or("").trim();
            let value = parse_number(text).map_err(|p| Error::data(place(&year.to_string()), p))?;
            if let Some(v) = value {
                series
                    .check(v)
                    .map_err(|p| Error::data(place(&year.to_string()), p))?;
            }
            rows.push(OutlookRow {
                ally: ally.nato_code.clone(),
                year: *year,
                series,
                value,
                projected: *year > start_after,
            });
        }
    }
    // A row of the extract is one ally and series with every year.
    let n = years.len();
    check_complete(&mut rows, info, allies, &display, |a, s| {
        if seen.contains_key(&(allies[a].nato_code.clone(), s)) {
            n
        } else {
            0
        }
    })?;
    Ok(rows)
}
