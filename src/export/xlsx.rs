//! Excel workbooks: the tidy table (what the CSV holds, when there is one) as sheet `Data`, each
//! table of the report on its own sheet, and a `Source` sheet with the title,
//! the citation, the metadata (edition, year, price basis, estimates) and the
//! notes. Numbers are numbers with a number format of the decimals shown,
//! headers are frozen with an autofilter, columns are fitted, and rows of
//! estimate years are set in italics.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use serde_json::Value as Json;

use super::{is_estimate, Exporter, Report, Table, Value};

pub struct XlsxExporter;

impl Exporter for XlsxExporter {
    fn render(&self, report: &Report) -> String {
        // Text is the wrong form for a workbook: callers write `bytes`.
        format!("{} (an Excel workbook: write it to a file)\n", report.title)
    }

    fn binary(&self) -> bool {
        true
    }

    fn bytes(&self, report: &Report) -> crate::error::Result<Vec<u8>> {
        workbook(report).map_err(|e| {
            crate::error::Error::data(
                format!("workbook '{}'", report.title),
                format!("cannot be built: {e}"),
            )
        })
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique.
fn sheet_name(title: &str, taken: &mut Vec<String>) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    // Excel refuses a name that starts or ends with an apostrophe, which
    // cutting a title at 31 characters can leave.
    let cut = |len: usize| -> String {
        let head: String = clean.trim().chars().take(len).collect();
        let head = head.trim_matches(|c: char| c == '\'' || c.is_whitespace());
        if head.is_empty() {
            "Sheet".to_string()
        } else {
            head.to_string()
        }
    };
    let mut name = cut(31);
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" ({n})");
        name = cut(31 - suffix.len()) + &suffix;
        n += 1;
    }
    taken.push(name.clone());
    name
}

fn write_table(sheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    let header = Format::new().set_bold();
    let mut widths: Vec<usize> = table
        .columns
        .iter()
        .map(|c| c.header.chars().count())
        .collect();
    for (j, c) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(0, j as u16, &c.header, &header)?;
    }
    for (i, row) in table.rows.iter().enumerate() {
        let r = i as u32 + 1;
        let estimate = is_estimate(table, row);
        for (j, v) in row.iter().enumerate() {
            let col = j as u16;
            let mut format = Format::new();
            if estimate {
                format = format.set_italic();
            }
            let shown = v.display();
            match v {
                Value::Number(x, decimals) => {
                    let pattern = if *decimals == 0 {
                        "0".to_string()
                    } else {
                        format!("0.{}", "0".repeat(*decimals))
                    };
                    sheet.write_number_with_format(r, col, *x, &format.set_num_format(pattern))?;
                }
                Value::Int(n) => {
                    sheet.write_number_with_format(
                        r,
                        col,
                        *n as f64,
                        &format.set_num_format("0"),
                    )?;
                }
                Value::Bool(b) => {
                    sheet.write_boolean_with_format(r, col, *b, &format)?;
                }
                Value::Text(t) => {
                    sheet.write_string_with_format(r, col, t, &format)?;
                }
                Value::Missing => {}
            }
            widths[j] = widths[j].max(shown.chars().count());
        }
    }
    for (j, w) in widths.iter().enumerate() {
        sheet.set_column_width(j as u16, (*w as f64 + 2.0).min(60.0))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if !table.columns.is_empty() {
        let last_row = table.rows.len() as u32;
        sheet.autofilter(0, 0, last_row, table.columns.len() as u16 - 1)?;
    }
    Ok(())
}

fn workbook(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed creation date (the edition's publication, else 1 January 2000)
    // so that the same inputs give the same bytes.
    let published = report
        .metadata
        .get("published")
        .and_then(Json::as_str)
        .and_then(|d| {
            let mut parts = d.split('-').map(|p| p.parse::<u32>().ok());
            Some((
                parts.next()??,
                parts.next()??,
                parts.next().flatten().unwrap_or(1),
            ))
        })
        .unwrap_or((2000, 1, 1));
    let date = ExcelDateTime::from_ymd(published.0 as u16, published.1 as u8, published.2 as u8)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let mut taken = Vec::new();
    if !report.tidy.columns.is_empty() {
        let data = book.add_worksheet();
        data.set_name(sheet_name("Data", &mut taken))?;
        write_table(data, &report.tidy)?;
    }
    for section in &report.sections {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&section.title, &mut taken))?;
        write_table(sheet, &section.table)?;
    }
    let source = book.add_worksheet();
    source.set_name(sheet_name("Source", &mut taken))?;
    let bold = Format::new().set_bold();
    let mut row = 0u32;
    let mut line = |sheet: &mut Worksheet, key: &str, value: &str| -> Result<(), XlsxError> {
        sheet.write_string_with_format(row, 0, key, &bold)?;
        sheet.write_string(row, 1, value)?;
        row += 1;
        Ok(())
    };
    line(source, "Title", &report.title)?;
    for (i, c) in report.citation.lines().enumerate() {
        line(source, if i == 0 { "Citation" } else { "" }, c)?;
    }
    for (key, value) in &report.metadata {
        let text = match value {
            Json::String(s) => s.clone(),
            Json::Null => String::new(),
            other => other.to_string(),
        };
        line(source, key, &text)?;
    }
    for s in &report.summary {
        line(source, "Summary", s)?;
    }
    for n in &report.notes {
        line(source, "Note", n)?;
    }
    source.set_column_width(0, 24)?;
    source.set_column_width(1, 120)?;
    book.save_to_buffer()
}
