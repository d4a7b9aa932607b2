//! NATO's June 2024 workbook in full: the measures of its Tables 1, 3, 5, 6,
//! 7, 8a and 8b (national currency at current and 2015 prices, share and
//! real change, GDP at current and 2015 prices, GDP and spending per person,
//! personnel, the four categories) read here from the workbook's cells,
//! independently of the importer, against the committed `nato-2024` dataset.

use crate::common;

use std::collections::HashMap;

use calamine::{open_workbook, Data, Reader, Xlsx};

/// Each sheet's two blocks (first, second), top to bottom, as the dataset's columns.
const TABLES: [(&str, &str, Option<&str>); 7] = [
    (
        "TABLE1",
        "defence_ncu_current_m",
        Some("defence_ncu_constant_m"),
    ),
    ("TABLE3", "share_of_gdp", Some("real_change_pct")),
    ("TABLE5", "gdp_usd_current_m", Some("gdp_usd_constant_m")),
    (
        "TABLE6",
        "gdp_per_capita_k_usd",
        Some("defence_per_capita_usd"),
    ),
    ("TABLE7", "military_personnel_k", None),
    ("TABLE8a", "equipment_pct", Some("personnel_pct")),
    ("TABLE8b", "infrastructure_pct", Some("other_pct")),
];

const ALLIES: [(&str, &str); 5] = [
    ("Italy", "IT"),
    ("Poland", "PL"),
    ("Germany", "DE"),
    ("France", "FR"),
    ("Canada", "CA"),
];

/// The committed dataset: (ally, year) -> column -> text.
fn committed() -> HashMap<(String, i32), HashMap<String, String>> {
    let mut reader =
        csv::Reader::from_path(common::datasets_dir().join("nato-2024/expenditure.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let row: HashMap<String, String> = header
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect();
            ((r[0].to_string(), r[1].parse().unwrap()), row)
        })
        .collect()
}

#[test]
fn five_allies_in_every_table_of_the_2024_workbook() {
    let path = common::shared_sources().join("nato/240617-def-exp-2024-TABLES-en.xlsx");
    if !path.exists() {
        return common::skipped("the 2024 workbook", "its file not found");
    }
    let committed = committed();
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    let mut checked = 0;
    for (sheet, first, second) in TABLES {
        let range = workbook.worksheet_range(sheet).unwrap();
        for (name, code) in ALLIES {
            // The ally's rows, top to bottom: its label, then 2014-2024.
            let rows: Vec<Vec<f64>> = range
                .rows()
                .filter(|row| {
                    row.iter()
                        .any(|c| matches!(c, Data::String(s) if s.trim().starts_with(name)))
                })
                .map(|row| {
                    row.iter()
                        .filter_map(|c| match c {
                            Data::Float(f) => Some(*f),
                            Data::Int(i) => Some(*i as f64),
                            _ => None,
                        })
                        .collect()
                })
                .collect();
            let columns: Vec<&str> = std::iter::once(first).chain(second).collect();
            assert_eq!(rows.len(), columns.len(), "{sheet} {name}");
            for (values, column) in rows.iter().zip(columns) {
                assert_eq!(values.len(), 11, "{sheet} {name}: 2014-2024");
                for (i, v) in values.iter().enumerate() {
                    let year = 2014 + i as i32;
                    let text = &committed[&(code.to_string(), year)][column];
                    let got: f64 = text.parse().unwrap();
                    assert!(
                        (got - v).abs() <= 1e-9 * v.abs().max(1.0),
                        "{sheet} {name} {year} {column}: {got} != {v}"
                    );
                    checked += 1;
                }
            }
        }
    }
    // 13 measures x 5 allies x 11 years.
    assert_eq!(checked, 13 * 5 * 11);
}
