//! Importer for NATO's Excel tables (the layout of `def-exp-2024-TABLES-en.xlsx`):
//! title rows, a header row of years (`2023e` marks an estimate), blocks introduced
//! by a label row, ally rows whose name may carry a footnote `*` or a currency in
//! brackets, blank or `..` for "not available", notes at the foot.
//!
//! Anything else is an error naming the sheet and the cell.

use std::collections::HashMap;
use std::path::Path;

use calamine::{open_workbook, Data, Range, Reader, Xlsx};

use super::allies::Ally;
use super::expenditure::{measure_keys, Row, AGGREGATES, MEASURES};
use crate::error::{Error, Result};

/// A sheet of the workbook and the measures its blocks hold.
struct SheetSpec {
    sheet: &'static str,
    /// `(block label, measure)`; the label is compared without digits or case,
    /// so "Constant 2015 prices" also matches "Constant 2021 prices".
    blocks: &'static [(&'static str, &'static str)],
    /// The measure of rows that come before any block label (Table 7 has none).
    default_measure: Option<&'static str>,
}

const SHEETS: &[SheetSpec] = &[
    SheetSpec {
        sheet: "TABLE1",
        blocks: &[
            ("Current prices", "defence_ncu_current_m"),
            ("Constant 2015 prices", "defence_ncu_constant_m"),
        ],
        default_measure: None,
    },
    SheetSpec {
        sheet: "TABLE2",
        blocks: &[
            ("Current prices and exchange rates", "defence_usd_current_m"),
            (
                "Constant 2015 prices and exchange rates",
                "defence_usd_constant_m",
            ),
        ],
        default_measure: None,
    },
    SheetSpec {
        sheet: "TABLE3",
        blocks: &[
            ("Share of real GDP (%)", "share_of_gdp"),
            ("Annual real change (%)", "real_change_pct"),
        ],
        default_measure: None,
    },
    SheetSpec {
        sheet: "TABLE5",
        blocks: &[
            ("Current prices and exchange rates", "gdp_usd_current_m"),
            (
                "Constant 2015 prices and exchange rates",
                "gdp_usd_constant_m",
            ),
        ],
        default_measure: None,
    },
    SheetSpec {
        sheet: "TABLE6",
        blocks: &[
            (
                "GDP per capita (thousand US dollars)",
                "gdp_per_capita_k_usd",
            ),
            (
                "Defence expenditure per capita (US dollars)",
                "defence_per_capita_usd",
            ),
        ],
        default_measure: None,
    },
    SheetSpec {
        sheet: "TABLE7",
        blocks: &[],
        default_measure: Some("military_personnel_k"),
    },
    SheetSpec {
        sheet: "TABLE8a",
        blocks: &[
            ("Equipment (a)", "equipment_pct"),
            ("Personnel (b)", "personnel_pct"),
        ],
        default_measure: None,
    },
    SheetSpec {
        sheet: "TABLE8b",
        blocks: &[
            ("Infrastructure (c)", "infrastructure_pct"),
            ("Other (d)", "other_pct"),
        ],
        default_measure: None,
    },
];

/// A year column of the header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearColumn {
    pub year: i32,
    pub estimate: bool,
}

/// What an import produces: tidy rows for allies and for NATO's aggregates.
pub struct Imported {
    pub allies: Vec<Row>,
    pub aggregates: Vec<Row>,
    pub years: Vec<YearColumn>,
    /// The year of the constant prices, as the workbook's block labels
    /// give it ("Constant 2015 prices"); `None` where they give none.
    pub price_base_year: Option<i32>,
}

/// Collects values by (code, year) and measure, refusing a second value for a cell.
pub struct Assembler<'a> {
    allies: &'a [Ally],
    values: HashMap<(String, i32), Vec<Option<f64>>>,
    years: Vec<YearColumn>,
    price_base_year: Option<i32>,
}

impl<'a> Assembler<'a> {
    pub fn new(allies: &'a [Ally]) -> Self {
        Assembler {
            allies,
            values: HashMap::new(),
            years: Vec::new(),
            price_base_year: None,
        }
    }

    /// Notes the price base a block label states ("Constant 2015 prices").
    fn note_price_base(&mut self, label: &str) {
        if !label.to_lowercase().contains("constant") || self.price_base_year.is_some() {
            return;
        }
        self.price_base_year = label
            .split(|c: char| !c.is_ascii_digit())
            .find(|d| d.len() == 4)
            .and_then(|d| d.parse().ok());
    }

    /// Records the year header; every table of an edition must have the same one.
    /// `Err` carries the problem; the caller adds the place.
    pub fn set_years(&mut self, years: Vec<YearColumn>) -> std::result::Result<(), String> {
        if years.is_empty() {
            return Err("no year columns".into());
        }
        if years.windows(2).any(|w| w[1].year != w[0].year + 1) {
            return Err("the years are not consecutive".into());
        }
        if self.years.is_empty() {
            self.years = years;
            Ok(())
        } else if self.years == years {
            Ok(())
        } else {
            Err(format!(
                "the year header ({}) differs from the first table's ({})",
                describe_years(&years),
                describe_years(&self.years)
            ))
        }
    }

    /// Sets one value; `Err` carries the problem.
    pub fn set(
        &mut self,
        code: &str,
        year: i32,
        measure: &str,
        value: f64,
    ) -> std::result::Result<(), String> {
        let index = measure_keys()
            .position(|k| k == measure)
            .ok_or_else(|| format!("unknown measure {measure}"))?;
        super::expenditure::Bound::of(measure)
            .check(value)
            .map_err(|expected| {
                format!(
                    "{} is out of range for {measure} ({code} {year}): expected {expected}",
                    super::csv::shown(value)
                )
            })?;
        let row = self
            .values
            .entry((code.to_string(), year))
            .or_insert_with(|| vec![None; MEASURES.len()]);
        if row[index].is_some() {
            return Err(format!("a second value for {code} {year} {measure}"));
        }
        row[index] = Some(value);
        Ok(())
    }

    /// The tidy rows: allies in the order of allies.csv, then aggregates; years ascending.
    pub fn finish(self) -> Imported {
        let estimate: HashMap<i32, bool> =
            self.years.iter().map(|y| (y.year, y.estimate)).collect();
        let take = |code: &str| -> Vec<Row> {
            self.years
                .iter()
                .filter_map(|y| {
                    self.values
                        .get(&(code.to_string(), y.year))
                        .map(|values| Row {
                            code: code.to_string(),
                            year: y.year,
                            estimate: estimate[&y.year],
                            values: values.clone(),
                        })
                })
                .collect()
        };
        Imported {
            allies: self
                .allies
                .iter()
                .flat_map(|a| take(&a.nato_code))
                .collect(),
            aggregates: AGGREGATES.iter().flat_map(|(code, _)| take(code)).collect(),
            years: self.years,
            price_base_year: self.price_base_year,
        }
    }
}

pub fn describe_years(years: &[YearColumn]) -> String {
    let label = |y: &YearColumn| format!("{}{}", y.year, if y.estimate { "e" } else { "" });
    match (years.first(), years.last()) {
        (Some(a), Some(b)) => format!("{}-{}", label(a), label(b)),
        _ => "none".into(),
    }
}

/// `Albania   (Leks)` → `Albania`; `Czechia*` → `Czechia`.
fn clean_label(label: &str) -> String {
    let without_unit = match label.find('(') {
        Some(i) if i > 0 => &label[..i],
        _ => label,
    };
    without_unit
        .replace('*', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Block labels compare without digits, case or spacing.
fn block_key(label: &str) -> String {
    label
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn code_for_label(allies: &[Ally], label: &str) -> Option<String> {
    let name = clean_label(label);
    allies
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(&name))
        .map(|a| a.nato_code.clone())
        .or_else(|| {
            AGGREGATES
                .iter()
                .find(|(_, n)| n.eq_ignore_ascii_case(&name))
                .map(|(c, _)| c.to_string())
        })
}

pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// `2019`, `2019.0`, `"2019"`, `"2023e"` → a year column.
fn year_of(cell: &Data) -> Option<YearColumn> {
    let (text, estimate) = match cell {
        Data::Int(i) => (i.to_string(), false),
        Data::Float(f) if f.fract() == 0.0 => (format!("{}", *f as i64), false),
        Data::String(s) => {
            let s = s.trim();
            match s.strip_suffix('e') {
                Some(base) => (base.to_string(), true),
                None => (s.to_string(), false),
            }
        }
        _ => return None,
    };
    let year: i32 = text.parse().ok()?;
    (1949..=2100)
        .contains(&year)
        .then_some(YearColumn { year, estimate })
}

pub fn import_workbook(path: &Path, allies: &[Ally]) -> Result<Imported> {
    super::untrusted(&path.display().to_string(), || read_workbook(path, allies))
}

fn read_workbook(path: &Path, allies: &[Ally]) -> Result<Imported> {
    let file = path.display().to_string();
    let mut workbook: Xlsx<_> = open_workbook(path)
        .map_err(|e| Error::data(&file, format!("cannot open as an Excel workbook: {e}")))?;
    let mut assembler = Assembler::new(allies);
    for spec in SHEETS {
        let range = workbook
            .worksheet_range(spec.sheet)
            .map_err(|e| Error::data(&file, format!("sheet {} cannot be read: {e}", spec.sheet)))?;
        import_sheet(&file, spec, &range, allies, &mut assembler)?;
    }
    Ok(assembler.finish())
}

/// The header: the first row with at least three year cells; its place
/// among `rows` and each year's column.
fn header_of(rows: &[(u32, &[Data])], left: u32) -> Option<(usize, Vec<(u32, YearColumn)>)> {
    rows.iter().enumerate().find_map(|(pos, (_, cells))| {
        let years: Vec<(u32, YearColumn)> = cells
            .iter()
            .enumerate()
            .filter_map(|(j, c)| year_of(c).map(|y| (left + j as u32, y)))
            .collect();
        (years.len() >= 3).then_some((pos, years))
    })
}

fn import_sheet(
    file: &str,
    spec: &SheetSpec,
    range: &Range<Data>,
    allies: &[Ally],
    assembler: &mut Assembler,
) -> Result<()> {
    let err = |row: u32, col: u32, problem: String| Error::Workbook {
        file: file.to_string(),
        sheet: spec.sheet.to_string(),
        cell: cell_name(row, col),
        problem,
    };
    let (top, left) = range.start().unwrap_or((0, 0));
    let rows: Vec<(u32, &[Data])> = range
        .rows()
        .enumerate()
        .map(|(i, r)| (top + i as u32, r))
        .collect();

    let (header_pos, year_cols) = header_of(&rows, left)
        .ok_or_else(|| err(top, left, "no header row of years found".into()))?;
    let header_row = rows[header_pos].0;
    let first_year_col = year_cols[0].0;
    assembler
        .set_years(year_cols.iter().map(|(_, y)| *y).collect())
        .map_err(|p| err(header_row, first_year_col, p))?;

    let mut measure = spec.default_measure;
    let mut seen_blocks = Vec::new();
    for (row, cells) in rows.iter().skip(header_pos + 1) {
        let cell = |col: u32| cells.get((col - left) as usize).unwrap_or(&Data::Empty);
        // The label: the first text cell left of the year columns.
        let label = (left..first_year_col).find_map(|col| match cell(col) {
            Data::String(s) if !s.trim().is_empty() => Some((col, s.trim().to_string())),
            _ => None,
        });
        let has_values = year_cols.iter().any(|(col, _)| match cell(*col) {
            Data::Empty => false,
            Data::String(s) => !s.trim().is_empty() && s.trim() != "..",
            _ => true,
        });
        let Some((label_col, label)) = label else {
            // Rows without a label carry no ally's figures (NATO's sheets hold a
            // few unlabelled helper rows, some of them #REF!); they are not data.
            continue;
        };
        if !has_values {
            let key = block_key(&label);
            if let Some((_, m)) = spec.blocks.iter().find(|(b, _)| block_key(b) == key) {
                assembler.note_price_base(&label);
                measure = Some(m);
                seen_blocks.push(*m);
                continue;
            }
            let lower = label.to_lowercase();
            if lower.starts_with("note") || label.starts_with(['*', '(', '-']) {
                break; // the notes at the foot of the sheet
            }
            if code_for_label(allies, &label).is_some() {
                continue; // an ally with no figures in this table
            }
            return Err(err(
                *row,
                label_col,
                format!(
                    "unexpected label '{label}'; expected an ally, a note or one of: {}",
                    spec.blocks
                        .iter()
                        .map(|(b, _)| format!("'{b}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        let Some(m) = measure else {
            return Err(err(
                *row,
                label_col,
                format!("figures for '{label}' before any block label"),
            ));
        };
        let code = code_for_label(allies, &label).ok_or_else(|| {
            err(
                *row,
                label_col,
                format!("'{label}' is neither an ally in allies.csv nor a NATO aggregate"),
            )
        })?;
        for (col, year) in &year_cols {
            let value = match cell(*col) {
                Data::Empty => continue,
                Data::Float(f) => *f,
                Data::Int(i) => *i as f64,
                Data::String(s) if s.trim().is_empty() || s.trim() == ".." => continue,
                other => {
                    return Err(err(
                        *row,
                        *col,
                        format!("'{other}' is not a number, blank or '..'"),
                    ))
                }
            };
            if !value.is_finite() {
                return Err(err(*row, *col, "not a finite number".into()));
            }
            assembler
                .set(&code, year.year, m, value)
                .map_err(|p| err(*row, *col, p))?;
        }
    }
    for (label, m) in spec.blocks {
        if !seen_blocks.contains(m) {
            return Err(err(header_row, left, format!("block '{label}' not found")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lose_footnotes_and_currencies() {
        assert_eq!(clean_label("Czechia*   (Koruny)"), "Czechia");
        assert_eq!(clean_label("North Macedonia   (Denars)"), "North Macedonia");
        assert_eq!(clean_label("Latvia*"), "Latvia");
    }

    #[test]
    fn block_labels_match_across_price_bases() {
        assert_eq!(
            block_key("Constant 2015 prices "),
            block_key("Constant 2021 prices")
        );
        assert_ne!(
            block_key("Current prices"),
            block_key("Constant 2015 prices")
        );
    }

    #[test]
    fn cell_names_are_excel_style() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(10, 3), "D11");
        assert_eq!(cell_name(4, 26), "AA5");
    }

    #[test]
    fn year_headers_carry_estimates() {
        assert_eq!(
            year_of(&Data::String("2023e".into())),
            Some(YearColumn {
                year: 2023,
                estimate: true
            })
        );
        assert_eq!(
            year_of(&Data::Float(2014.0)),
            Some(YearColumn {
                year: 2014,
                estimate: false
            })
        );
        assert_eq!(year_of(&Data::String("Albania".into())), None);
    }
}
