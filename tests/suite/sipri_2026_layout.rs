//! SIPRI's April 2026 layout: the constant sheet named for its new price
//! base (`Constant (2024) US$`), the per capita and share of government
//! sheets' headers a row lower (rows 8 and 9), an empty column before
//! `Notes`. A workbook in that layout, built here cell by cell from the real
//! April 2025 workbook's values (each estimate and uncertain figure marked
//! by colour as SIPRI does, from the marks of the 2025 import), imports, and
//! its tables are the 2025 workbook's, figure for figure and mark for mark.

use crate::common;

use std::collections::HashMap;
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use rust_xlsxwriter::{Color, Format, Workbook};

/// Each data sheet, its header row in 2025 and the file its table goes to.
const SHEETS: [(&str, u32, &str); 5] = [
    ("Share of GDP", 5, "share_of_gdp.csv"),
    ("Constant (2023) US$", 5, "constant_usd_m.csv"),
    ("Current US$", 5, "current_usd_m.csv"),
    ("Per capita", 6, "per_capita_usd.csv"),
    (
        "Share of Govt. spending",
        7,
        "share_of_government_spending.csv",
    ),
];

/// The 2025 import's marks: (country, year) -> '*' (estimate) or '?' (uncertain).
fn marks(file: &Path) -> HashMap<(String, String), char> {
    let mut reader = csv::Reader::from_path(file).unwrap();
    let header = reader.headers().unwrap().clone();
    let mut out = HashMap::new();
    for r in reader.records() {
        let r = r.unwrap();
        for (i, h) in header.iter().enumerate().skip(4) {
            if let Some(m) = r[i].chars().last().filter(|c| *c == '*' || *c == '?') {
                out.insert((r[1].to_string(), h.to_string()), m);
            }
        }
    }
    out
}

/// The 2026 layout of the 2025 workbook at `from`, written to `to`.
fn rewrite(from: &Path, to: &Path, installed: &Path) {
    let mut source: Xlsx<_> = open_workbook(from).unwrap();
    let mut book = Workbook::new();
    let blue = Format::new().set_font_color(Color::RGB(0x0000FF));
    let red = Format::new().set_font_color(Color::RGB(0xFF0000));
    for (sheet, header, file) in SHEETS {
        let range = source.worksheet_range(sheet).unwrap();
        let marks = marks(&installed.join(file));
        let name = sheet.replace("(2023)", "(2024)");
        let ws = book.add_worksheet().set_name(&name).unwrap();
        // A row lower for per capita and government spending.
        let down = u32::from(header > 5);
        let notes = (0..range.width() as u32)
            .find(|&c| range.get_value((header, c)) == Some(&Data::String("Notes".into())))
            .unwrap();
        // An empty column before Notes, where there is none.
        let blank_before = notes > 0
            && !matches!(range.get_value((header, notes - 1)), Some(Data::String(s)) if s.is_empty());
        let years: HashMap<u32, String> = (0..range.width() as u32)
            .filter_map(|c| match range.get_value((header, c)) {
                Some(Data::Float(y)) => Some((c, format!("{}", *y as i32))),
                Some(Data::Int(y)) => Some((c, y.to_string())),
                _ => None,
            })
            .collect();
        for (r, row) in range.rows().enumerate() {
            let r = r as u32;
            let country = match row.first() {
                Some(Data::String(s)) => s.clone(),
                _ => String::new(),
            };
            for (c, cell) in row.iter().enumerate() {
                let c = c as u32;
                let (to_row, to_col) = (r + down, c + u32::from(blank_before && c >= notes) as u32);
                let to_col = to_col as u16;
                match cell {
                    Data::Float(v) => {
                        let mark = years
                            .get(&c)
                            .filter(|_| r > header)
                            .and_then(|y| marks.get(&(country.clone(), y.clone())));
                        match mark {
                            Some('*') => ws.write_number_with_format(to_row, to_col, *v, &blue),
                            Some(_) => ws.write_number_with_format(to_row, to_col, *v, &red),
                            None => ws.write_number(to_row, to_col, *v),
                        }
                        .unwrap();
                    }
                    Data::Int(v) => {
                        ws.write_number(to_row, to_col, *v as f64).unwrap();
                    }
                    Data::String(s) => {
                        ws.write_string(to_row, to_col, s).unwrap();
                    }
                    _ => {}
                };
            }
        }
    }
    for sheet in ["Regional totals", "Footnotes"] {
        let range = source.worksheet_range(sheet).unwrap();
        let ws = book.add_worksheet().set_name(sheet).unwrap();
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Data::Float(v) => ws.write_number(r, c, *v).map(|_| ()),
                    Data::Int(v) => ws.write_number(r, c, *v as f64).map(|_| ()),
                    Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
                    _ => Ok(()),
                }
                .unwrap();
            }
        }
    }
    book.save(to).unwrap();
}

#[test]
fn the_2026_layout_imports_to_the_same_figures() {
    if !common::with_sipri("the 2026 layout") {
        return;
    }
    let installed = common::data_home().join("sipri-2025");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("SIPRI-Milex-data-2026-layout.xlsx");
    rewrite(&common::sipri_workbook(), &path, &installed);
    let out = dir.path().join("sipri-2026-layout");
    let result = common::defspend()
        .args(["import", "sipri-xlsx"])
        .arg(&path)
        .args(["--edition", "sipri-layout-2026", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    for (_, _, file) in SHEETS {
        let (got, want) = (
            std::fs::read_to_string(out.join(file)).unwrap(),
            std::fs::read_to_string(installed.join(file)).unwrap(),
        );
        assert!(got == want, "{file} differs from the 2025 layout's import");
    }
    let release = std::fs::read_to_string(out.join("release.toml")).unwrap();
    assert!(release.contains("price_base_year = 2024"), "{release}");
}
