//! `defspend import sipri-xlsx`: SIPRI's Military Expenditure Database
//! workbook into the dataset of [`super::sipri`]. The layout is checked, not
//! guessed: each sheet's header row where the April 2025 or the April 2026
//! release has it (`Measure::header_rows`), the
//! years consecutive, every country in the names table; any difference is an
//! error naming the sheet and the cell. SIPRI marks estimates by font colour
//! (blue: estimate, red: highly uncertain), read from the cell styles.

use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Data, Range, Reader, StyleRange, Xlsx};

use super::import_xlsx::cell_name;
use super::sipri::{Cell, Country, CountryName, Footnote, Measure, RegionalTotal, State, Table};
use crate::error::{Error, Result};

pub struct Imported {
    /// The price base year of the constant-dollar sheet (`Constant (2023) US$`).
    pub price_base_year: i32,
    pub tables: Vec<Table>,
    pub regional: Vec<RegionalTotal>,
    pub footnotes: Vec<Footnote>,
}

/// The `Regional totals` sheet's header row (0-based).
const REGIONAL_HEADER_ROW: u32 = 13;
const FOOTNOTES: &str = "Footnotes";
const REGIONAL: &str = "Regional totals";

struct Sheet<'a> {
    file: &'a str,
    name: &'a str,
    range: Range<Data>,
    styles: StyleRange,
}

impl Sheet<'_> {
    fn get(&self, row: u32, col: u32) -> &Data {
        self.range.get_value((row, col)).unwrap_or(&Data::Empty)
    }

    fn error(&self, row: u32, col: u32, problem: impl Into<String>) -> Error {
        Error::Workbook {
            file: self.file.to_string(),
            sheet: self.name.to_string(),
            cell: cell_name(row, col),
            problem: problem.into(),
        }
    }

    fn text(&self, row: u32, col: u32) -> String {
        match self.get(row, col) {
            Data::String(s) => s.trim().to_string(),
            Data::Empty => String::new(),
            other => other.to_string().trim().to_string(),
        }
    }

    /// SIPRI's colour code of a number's font.
    fn mark(&self, row: u32, col: u32) -> State {
        let colour = self
            .styles
            .get((row, col))
            .and_then(|s| s.font.as_ref())
            .and_then(|f| f.color);
        match colour {
            Some(c) if c.blue >= 128 && c.red < 100 && c.green < 100 => State::Estimate,
            Some(c) if c.red >= 128 && c.green < 100 && c.blue < 100 => State::Uncertain,
            _ => State::Figure,
        }
    }

    /// A data cell: a number (scaled), `...`, `xxx` or nothing.
    fn cell(&self, row: u32, col: u32, scale: f64) -> Result<Cell> {
        match self.get(row, col) {
            Data::Float(v) => Ok(Cell::figure(v * scale, self.mark(row, col))),
            Data::Int(v) => Ok(Cell::figure(*v as f64 * scale, self.mark(row, col))),
            Data::Empty => Ok(Cell::BLANK),
            Data::String(s) => match s.trim() {
                "" => Ok(Cell::BLANK),
                "..." | ". ." | ".." => Ok(Cell::marker(State::NotAvailable)),
                "xxx" => Ok(Cell::marker(State::DidNotExist)),
                other => Err(self.error(
                    row,
                    col,
                    format!("text '{other}' in a year column (expected a number, '...' or 'xxx')"),
                )),
            },
            other => Err(self.error(
                row,
                col,
                format!("'{other}' in a year column (expected a number, '...' or 'xxx')"),
            )),
        }
    }

    /// The year columns of a header row: consecutive integers, at least ten.
    fn years(&self, row: u32) -> Result<Vec<(u32, i32)>> {
        let width = self.range.end().map_or(0, |(_, c)| c + 1);
        let mut years: Vec<(u32, i32)> = Vec::new();
        for col in 0..width {
            let year = match self.get(row, col) {
                Data::Float(v) if v.fract() == 0.0 => Some(*v as i32),
                Data::Int(v) => Some(*v as i32),
                _ => None,
            };
            let Some(year) = year.filter(|y| (1900..=2100).contains(y)) else {
                continue;
            };
            if let Some(&(last_col, last)) = years.last() {
                if year != last + 1 || col != last_col + 1 {
                    return Err(self.error(
                        row,
                        col,
                        format!("year {year} does not follow {last} in the header row"),
                    ));
                }
            }
            years.push((col, year));
        }
        if years.len() < 10 {
            return Err(self.error(row, 0, "the header row has fewer than ten year columns"));
        }
        Ok(years)
    }
}

fn open_sheet<'a, R: Read + Seek>(
    workbook: &mut Xlsx<R>,
    file: &'a str,
    name: &'a str,
) -> Result<Sheet<'a>> {
    let range = workbook
        .worksheet_range(name)
        .map_err(|e| Error::data(file, format!("sheet {name} cannot be read: {e}")))?;
    let styles = workbook.worksheet_style(name).map_err(|e| {
        Error::data(
            file,
            format!("the styles of sheet {name} cannot be read: {e}"),
        )
    })?;
    Ok(Sheet {
        file,
        name,
        range,
        styles,
    })
}

pub fn import_workbook(path: &Path, names: &[CountryName]) -> Result<Imported> {
    let file = path.display().to_string();
    let reader = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    import_from(&file, std::io::BufReader::new(reader), names)
}

/// [`import_workbook`] on any reader of the workbook's bytes; `file` names it
/// in messages.
pub fn import_from<R: Read + Seek>(
    file: &str,
    reader: R,
    names: &[CountryName],
) -> Result<Imported> {
    super::untrusted(file, || read_workbook(file, reader, names))
}

fn read_workbook<R: Read + Seek>(file: &str, reader: R, names: &[CountryName]) -> Result<Imported> {
    let file = file.to_string();
    let mut workbook: Xlsx<R> = Xlsx::new(reader)
        .map_err(|e| Error::data(&file, format!("cannot open as an Excel workbook: {e}")))?;
    // The constant-dollar sheet is named for its price base, which moves
    // with each release: `Constant (2023) US$` in April 2025.
    let (constant_sheet, price_base_year) = workbook
        .sheet_names()
        .iter()
        .find_map(|name| {
            let year = name.strip_prefix("Constant (")?.strip_suffix(") US$")?;
            Some((name.clone(), year.parse::<i32>().ok()?))
        })
        .ok_or_else(|| {
            Error::data(
                &file,
                "no sheet 'Constant (YEAR) US$': not SIPRI's layout (the April 2025 release has 'Constant (2023) US$')",
            )
        })?;
    let mut tables = Vec::new();
    for measure in Measure::ALL {
        let name = match measure {
            Measure::ConstantUsd => constant_sheet.as_str(),
            other => other.sheet(),
        };
        let sheet = open_sheet(&mut workbook, &file, name)?;
        tables.push(import_measure(&sheet, measure, names)?);
    }
    let years = &tables[0].years;
    if let Some(t) = tables[1..].iter().find(|t| t.years.last() != years.last()) {
        return Err(Error::data(
            &file,
            format!(
                "sheet {} ends in {:?}, sheet {} in {:?}: one release ends in one year",
                t.measure.sheet(),
                t.years.last(),
                tables[0].measure.sheet(),
                years.last()
            ),
        ));
    }
    for t in &tables[1..] {
        let missing = |a: &Table, b: &Table| {
            a.countries
                .iter()
                .find(|c| !b.countries.iter().any(|d| d.code == c.code))
                .map(|c| c.name.clone())
        };
        let (name, from, to) = match (missing(&tables[0], t), missing(t, &tables[0])) {
            (Some(name), _) => (name, &tables[0], t),
            (None, Some(name)) => (name, t, &tables[0]),
            (None, None) => continue,
        };
        let sheet_name = |t: &Table| match t.measure {
            Measure::ConstantUsd => constant_sheet.clone(),
            other => other.sheet().to_string(),
        };
        return Err(Error::data(
            &file,
            format!(
                "country '{name}' has a row in sheet {} but none in sheet {}: every sheet lists the same countries",
                sheet_name(from),
                sheet_name(to)
            ),
        ));
    }
    let marked = tables
        .iter()
        .flat_map(|t| t.cells.iter().flatten())
        .any(|c| c.state.is_marked());
    if !marked {
        return Err(Error::data(
            &file,
            "no figure is marked as an estimate or highly uncertain: SIPRI marks them by font colour in the workbook's style table (xl/styles.xml), which this file lacks or has lost; imported, every estimate would read as a firm figure",
        ));
    }
    let regional = import_regional(
        &open_sheet(&mut workbook, &file, REGIONAL)?,
        price_base_year,
    )?;
    let footnotes = import_footnotes(&open_sheet(&mut workbook, &file, FOOTNOTES)?)?;
    Ok(Imported {
        price_base_year,
        tables,
        regional,
        footnotes,
    })
}

fn import_measure(sheet: &Sheet, measure: Measure, names: &[CountryName]) -> Result<Table> {
    let header = measure
        .header_rows()
        .iter()
        .copied()
        .find(|&row| sheet.text(row, 0) == "Country")
        .unwrap_or(measure.header_row());
    if sheet.text(header, 0) != "Country" {
        return Err(sheet.error(
            header,
            0,
            format!(
                "expected the header row here ('Country', 'Notes', the years); found '{}'",
                sheet.text(header, 0)
            ),
        ));
    }
    let years = sheet.years(header)?;
    let width = sheet.range.end().map_or(0, |(_, c)| c + 1);
    let notes_col = (0..width)
        .find(|&c| sheet.text(header, c) == "Notes")
        .ok_or_else(|| sheet.error(header, 1, "no 'Notes' column in the header row"))?;
    let last_row = sheet.range.end().map_or(0, |(r, _)| r);
    let mut table = Table {
        measure,
        years: years.iter().map(|&(_, y)| y).collect(),
        countries: Vec::new(),
        cells: Vec::new(),
    };
    let mut region = String::new();
    for row in header + 1..=last_row {
        let name = sheet.text(row, 0);
        if name.is_empty() {
            continue;
        }
        let cells = years
            .iter()
            .map(|&(col, _)| {
                let cell = sheet.cell(row, col, measure.scale())?;
                if let Some(v) = cell.value {
                    measure
                        .check(v)
                        .map_err(|problem| sheet.error(row, col, problem))?;
                }
                Ok(cell)
            })
            .collect::<Result<Vec<Cell>>>()?;
        if cells.iter().all(|c| c.state == State::Blank) {
            // A region or subregion heading.
            region = name;
            continue;
        }
        let known = names.iter().find(|n| n.sipri_name == name).ok_or_else(|| {
            sheet.error(
                row,
                0,
                format!(
                    "country '{name}' is not in the names table (datasets/sipri-countries.csv)"
                ),
            )
        })?;
        if table.countries.iter().any(|c| c.code == known.code) {
            return Err(sheet.error(row, 0, format!("country '{name}' appears twice")));
        }
        table.countries.push(Country {
            code: known.code.clone(),
            name,
            region: region.clone(),
            notes: sheet.text(row, notes_col),
        });
        table.cells.push(cells);
    }
    if table.countries.is_empty() {
        return Err(sheet.error(header + 1, 0, "no country rows below the header"));
    }
    Ok(table)
}

fn import_regional(sheet: &Sheet, price_base_year: i32) -> Result<Vec<RegionalTotal>> {
    let header = REGIONAL_HEADER_ROW;
    if sheet.text(header, 0) != "Region" {
        return Err(sheet.error(
            header,
            0,
            format!(
                "expected the header row here ('Region', the years); found '{}'",
                sheet.text(header, 0)
            ),
        ));
    }
    let years = sheet.years(header)?;
    let (last_col, last_year) = *years.last().expect("years() returns ten or more");
    let current_col = last_col + 1;
    if !sheet.text(header, current_col).contains("current prices") {
        return Err(sheet.error(
            header,
            current_col,
            "expected the last year at current prices after the years",
        ));
    }
    let width = sheet.range.end().map_or(0, |(_, c)| c + 1);
    let omitted_col = (0..width)
        .find(|&c| sheet.text(header, c) == "Omitted countries")
        .ok_or_else(|| sheet.error(header, current_col + 1, "no 'Omitted countries' column"))?;
    let last_row = sheet.range.end().map_or(0, |(r, _)| r);
    let mut rows = Vec::new();
    for row in header + 1..=last_row {
        let region = sheet.text(row, 0);
        if region.is_empty() {
            continue;
        }
        let omitted = sheet.text(row, omitted_col);
        for &(col, year) in &years {
            rows.push(RegionalTotal {
                region: region.clone(),
                prices: format!("constant-{price_base_year}"),
                year,
                cell: sheet.cell(row, col, 1.0)?,
                omitted: omitted.clone(),
            });
        }
        rows.push(RegionalTotal {
            region: region.clone(),
            prices: format!("current-{last_year}"),
            year: last_year,
            cell: sheet.cell(row, current_col, 1.0)?,
            omitted,
        });
    }
    Ok(rows)
}

/// The special marks (`†` … `‖`, text in column B) and the numbered notes
/// (number in column A, text in column C).
fn import_footnotes(sheet: &Sheet) -> Result<Vec<Footnote>> {
    let last_row = sheet.range.end().map_or(0, |(r, _)| r);
    let mut notes = Vec::new();
    for row in 0..=last_row {
        let mark = sheet.text(row, 0);
        let special = mark.chars().count() == 1 && "†‡§¶‖".contains(mark.as_str());
        let numbered = !mark.is_empty() && mark.chars().all(|c| c.is_ascii_digit());
        let text = if special {
            sheet.text(row, 1)
        } else if numbered {
            sheet.text(row, 2)
        } else {
            continue;
        };
        if text.is_empty() {
            return Err(sheet.error(row, if special { 1 } else { 2 }, "a footnote without text"));
        }
        notes.push(Footnote { mark, text });
    }
    if notes.is_empty() {
        return Err(sheet.error(0, 0, "no footnotes found"));
    }
    Ok(notes)
}
