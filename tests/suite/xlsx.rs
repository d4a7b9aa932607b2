//! `--format xlsx`: a workbook whose `Data` sheet holds what the CSV holds,
//! numbers as numbers, and a `Source` sheet with the citation.

use crate::common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{assert_fails_with, defspend};

/// Runs a command as CSV (stdout) and as xlsx (a file); returns both.
fn both(
    args: &[&str],
) -> (
    Vec<Vec<String>>,
    Xlsx<std::io::BufReader<std::fs::File>>,
    tempfile::TempDir,
) {
    let out = defspend()
        .args(args)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let mut rows = vec![reader.headers().unwrap().iter().map(String::from).collect()];
    rows.extend(
        reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>()),
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.xlsx");
    defspend()
        .args(args)
        .args(["--format", "xlsx", "--output"])
        .arg(&file)
        .assert()
        .success();
    (rows, open_workbook(&file).unwrap(), dir)
}

/// A cell as the CSV writes it, or a number to compare.
fn same(csv: &str, cell: &Data) -> bool {
    match cell {
        Data::Float(x) => csv
            .parse::<f64>()
            .is_ok_and(|c| (c - x).abs() <= 1e-6 * x.abs().max(1.0)),
        Data::Int(n) => csv.parse::<i64>() == Ok(*n),
        Data::Bool(b) => csv == b.to_string(),
        Data::String(s) => csv == s,
        Data::Empty => csv.is_empty(),
        _ => false,
    }
}

#[test]
fn every_data_command_writes_a_workbook_with_the_csvs_values() {
    let commands: [&[&str]; 11] = [
        &["shortfall", "--edition", "nato-2024"],
        &["compare"],
        &["burden"],
        &["ally", "Italy"],
        &["allies"],
        &["editions"],
        &["scenario", "run", "hague-2035"],
        &["plans"],
        &["decompose", "--edition", "nato-2024"],
        &["outlook", "--draws", "1000"],
        &["economy", "Italy"],
    ];
    for args in commands {
        let (csv, mut book, _dir) = both(args);
        let data = book.worksheet_range("Data").unwrap();
        let rows: Vec<&[Data]> = data.rows().collect();
        assert_eq!(rows.len(), csv.len(), "{args:?}: rows");
        let mut numbers = 0;
        for (i, (sheet_row, csv_row)) in rows.iter().zip(&csv).enumerate().skip(1) {
            assert_eq!(sheet_row.len(), csv_row.len(), "{args:?} row {i}");
            for (cell, text) in sheet_row.iter().zip(csv_row) {
                assert!(
                    same(text, cell),
                    "{args:?} row {i}: CSV {text:?}, sheet {cell:?}"
                );
                numbers += usize::from(matches!(cell, Data::Float(_)));
            }
        }
        if csv.len() > 1 && args[0] != "allies" && args[0] != "editions" {
            assert!(numbers > 0, "{args:?}: numbers are stored as numbers");
        }
        let source = book.worksheet_range("Source").unwrap();
        let text: Vec<String> = source
            .rows()
            .flat_map(|r| r.iter().map(|c| c.to_string()))
            .collect();
        assert!(
            text.iter()
                .any(|t| t.starts_with("Source: ") || t.starts_with("Accession dates")),
            "{args:?}: the citation"
        );
    }
}

#[test]
fn estimate_rows_are_marked() {
    // NATO June 2024: 2023 and 2024 are estimates.
    let (csv, mut book, _dir) = both(&["shortfall", "--edition", "nato-2024"]);
    let estimate = csv[0].iter().position(|h| h == "estimate").unwrap();
    let data = book.worksheet_range("Data").unwrap();
    let row = data.rows().nth(1).unwrap();
    assert_eq!(row[estimate], Data::Bool(true), "2024e is an estimate");
    let sheets = book.sheet_names();
    assert_eq!(sheets.first().map(String::as_str), Some("Data"));
    assert_eq!(sheets.last().map(String::as_str), Some("Source"));
    assert!(
        sheets.iter().any(|s| s.starts_with("Below 2%")),
        "{sheets:?}"
    );
}

#[test]
fn a_workbook_is_never_written_to_a_terminal() {
    let out = defspend()
        .args(["shortfall", "--format", "xlsx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("add --output FILE.xlsx"));
    let dir = tempfile::tempdir().unwrap();
    assert_fails_with(
        defspend()
            .args(["shortfall", "--format", "xlsx", "--output"])
            .arg(dir.path().join("missing/out.xlsx")),
        &["cannot write", "out.xlsx"],
    );
}

#[test]
fn the_report_writes_every_charts_table_into_one_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief");
    defspend()
        .args(["report", "--scenario", "hague-2035", "--out"])
        .arg(&out)
        .assert()
        .success();
    let mut book: Xlsx<_> = open_workbook(out.join("report.xlsx")).unwrap();
    let sheets = book.sheet_names();
    // Nine standard charts (shares, gaps, burden, trend, equipment, us-vs-europe,
    // dispersion, fiscal, map), the scenario's trajectory, and the sources.
    assert_eq!(sheets.len(), 10 + 1, "{sheets:?}");
    assert!(sheets
        .iter()
        .any(|s| s.starts_with("What the Hague path costs")));
    assert_eq!(sheets.last().map(String::as_str), Some("Source"));
    // The shares sheet holds what shares.csv holds.
    let csv = std::fs::read_to_string(out.join("shares.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let expected: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let name = sheets
        .iter()
        .find(|s| s.starts_with("Allies ranked"))
        .unwrap()
        .clone();
    let range = book.worksheet_range(&name).unwrap();
    let rows: Vec<&[Data]> = range.rows().skip(1).collect();
    assert_eq!(rows.len(), expected.len());
    for (row, csv_row) in rows.iter().zip(&expected) {
        for (cell, text) in row.iter().zip(csv_row) {
            assert!(same(text, cell), "CSV {text:?}, sheet {cell:?}");
        }
    }
}
