//! SIPRI's workbook through the project: the committed dataset is what the
//! importer makes of it; figures read back equal the workbook's cells (read
//! here independently with calamine), with SIPRI's marks; a workbook laid out
//! otherwise is refused with its sheet and cell.

use crate::common;

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{assert_fails_with, datasets_dir, defspend};

use common::SIPRI_FILES as FILES;

/// The importer is deterministic: importing the workbook again gives the
/// installed tables byte for byte. (defspend does not ship SIPRI's database:
/// SIPRI's terms forbid redistributing more than 10% of it.)
#[test]
fn importing_the_workbook_again_gives_the_same_tables() {
    if !common::with_sipri("importing_the_workbook_again_gives_the_same_tables") {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    defspend()
        .args(["import", "sipri-xlsx"])
        .arg(common::sipri_workbook())
        .args(["--edition", "sipri-2025", "--out"])
        .arg(out.path())
        .assert()
        .success();
    for file in FILES {
        let again = std::fs::read_to_string(out.path().join(file)).unwrap();
        let installed =
            std::fs::read_to_string(common::data_home().join("sipri-2025").join(file)).unwrap();
        assert!(
            again == installed,
            "sipri-2025/{file} differs between two imports"
        );
    }
}

#[test]
fn without_sipris_database_a_command_says_how_to_install_it() {
    let empty = tempfile::tempdir().unwrap();
    assert_fails_with(
        defspend()
            .env("DEFSPEND_DATA_HOME", empty.path())
            .args(["history", "Russia"]),
        &[
            "sipri-2025/share_of_gdp.csv",
            "SIPRI's database (SIPRI Military Expenditure Database) is not installed",
            "defspend import sipri-xlsx FILE --edition sipri-2025",
        ],
    );
    // NATO's own commands do not need it.
    defspend()
        .env("DEFSPEND_DATA_HOME", empty.path())
        .args(["revisions", "--allies", "Italy"])
        .assert()
        .success();
}

/// A cell of the workbook, found by its row label (column A) and its year
/// header, with its font colour.
fn workbook_cell(
    path: &Path,
    sheet: &str,
    country: &str,
    year: i32,
) -> (Data, Option<calamine::Color>) {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    let styles = book.worksheet_style(sheet).unwrap();
    let (top, left) = range.start().unwrap();
    let header = range
        .rows()
        .position(|r| matches!(&r[0], Data::String(s) if s == "Country"))
        .unwrap();
    let col = range
        .rows()
        .nth(header)
        .unwrap()
        .iter()
        .position(|c| {
            matches!(c, Data::Float(v) if *v == f64::from(year))
                || matches!(c, Data::Int(v) if *v == i64::from(year))
        })
        .unwrap();
    let row = range
        .rows()
        .position(|r| matches!(&r[0], Data::String(s) if s.trim() == country))
        .unwrap();
    let cell = range.rows().nth(row).unwrap()[col].clone();
    let colour = styles
        .get((top + row as u32, left + col as u32))
        .and_then(|s| s.font.as_ref())
        .and_then(|f| f.color);
    (cell, colour)
}

/// `history NAME --measure M --format csv` as (year, value, state) rows.
fn history(name: &str, measure: &str) -> Vec<(i32, Option<f64>, String)> {
    let out = defspend()
        .args(["history", name, "--measure", measure, "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("series,code,source,measure,year,value,unit,state")
    );
    // The unit, quoted where it holds a comma, lies between value and state.
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let state = f[f.len() - 1].to_string();
            (f[4].parse().unwrap(), f[5].parse().ok(), state)
        })
        .collect()
}

/// A cell of the installed database, read through the library at full precision.
fn dataset_cell(
    measure: defspend::data::sipri::Measure,
    code: &str,
    year: i32,
) -> defspend::data::sipri::Cell {
    // The same data directory as the command line's in these tests.
    std::env::set_var("DEFSPEND_DATA_HOME", common::data_home());
    let catalog = defspend::data::Catalog::load(defspend::data::DataSource::Embedded).unwrap();
    let sipri = catalog.load_sipri(None, &[measure]).unwrap();
    sipri.table(measure).unwrap().cell(code, year).unwrap()
}

fn at(rows: &[(i32, Option<f64>, String)], year: i32) -> (Option<f64>, String) {
    let r = rows.iter().find(|r| r.0 == year).unwrap();
    (r.1, r.2.clone())
}

#[test]
fn figures_read_through_the_project_equal_the_workbook() {
    if !common::with_sipri("figures_read_through_the_project_equal_the_workbook") {
        return;
    }
    let path = common::sipri_workbook();
    // The United States' share of GDP in 1960 (sheet Share of GDP, a fraction).
    let (cell, _) = workbook_cell(&path, "Share of GDP", "United States of America", 1960);
    let Data::Float(fraction) = cell else {
        panic!("{cell:?}")
    };
    let stored = dataset_cell(defspend::data::sipri::Measure::ShareOfGdp, "USA", 1960);
    assert!(
        (stored.value.unwrap() / (fraction * 100.0) - 1.0).abs() < 1e-9,
        "{stored:?} vs {fraction}"
    );
    // The command's CSV gives six decimals.
    let (value, state) = at(&history("United States", "share"), 1960);
    assert!(
        (value.unwrap() - fraction * 100.0).abs() < 5e-7,
        "{value:?} vs {fraction}"
    );
    assert_eq!(state, "figure");
    // Its spending in 2024, current USD m (sheet Current US$).
    let (cell, _) = workbook_cell(&path, "Current US$", "United States of America", 2024);
    let Data::Float(usd) = cell else {
        panic!("{cell:?}")
    };
    let (value, _) = at(&history("USA", "current"), 2024);
    assert!(
        (value.unwrap() / usd - 1.0).abs() < 1e-9,
        "{value:?} vs {usd}"
    );

    // "..." and "xxx" stay two states: Russia before 1992 has no figure; the
    // USSR did not exist in 2000.
    let (cell, _) = workbook_cell(&path, "Share of GDP", "Russia", 1990);
    assert_eq!(cell, Data::String("...".into()));
    assert_eq!(
        at(&history("Russia", "share"), 1990),
        (None, "not available".into())
    );
    let (cell, _) = workbook_cell(&path, "Constant (2023) US$", "USSR", 2000);
    assert_eq!(cell, Data::String("xxx".into()));
    assert_eq!(
        at(&history("USSR", "constant"), 2000),
        (None, "did not exist".into())
    );

    // A blue figure is a SIPRI estimate: China's share in 2024.
    let (cell, colour) = workbook_cell(&path, "Share of GDP", "China", 2024);
    let colour = colour.expect("a coloured font");
    assert!(
        colour.blue > 200 && colour.red < 50 && colour.green < 50,
        "{colour:?}"
    );
    let Data::Float(fraction) = cell else {
        panic!("{cell:?}")
    };
    let stored = dataset_cell(defspend::data::sipri::Measure::ShareOfGdp, "CHN", 2024);
    assert!((stored.value.unwrap() / (fraction * 100.0) - 1.0).abs() < 1e-9);
    assert_eq!(stored.state, defspend::data::sipri::State::Estimate);
    let (_, state) = at(&history("China", "share"), 2024);
    assert_eq!(state, "estimate");
}

/// Parses one wide SIPRI file of the committed dataset: code → year → text.
fn committed(
    file: &str,
) -> std::collections::HashMap<String, std::collections::HashMap<i32, String>> {
    let text = std::fs::read_to_string(common::data_home().join("sipri-2025").join(file)).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let years: Vec<i32> = reader
        .headers()
        .unwrap()
        .iter()
        .skip(4)
        .map(|y| y.parse().unwrap())
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let cells = years
                .iter()
                .zip(r.iter().skip(4))
                .map(|(y, c)| (*y, c.to_string()))
                .collect();
            (r[0].to_string(), cells)
        })
        .collect()
}

fn number(text: &str) -> Option<f64> {
    text.trim_end_matches(['*', '?']).parse().ok()
}

#[test]
fn a_sipri_group_counts_members_from_the_year_they_joined() {
    if !common::with_sipri("a_sipri_group_counts_members_from_the_year_they_joined") {
        return;
    }
    // Europe and Canada in 1995 and 2024, by hand from the committed tables:
    // total current spending over total GDP (spending ÷ share) of the allies
    // with armed forces that had joined by then.
    let shares = committed("share_of_gdp.csv");
    let current = committed("current_usd_m.csv");
    let allies = std::fs::read_to_string(datasets_dir().join("allies.csv")).unwrap();
    let rows = history("europe-canada", "share");
    for year in [1995, 2024] {
        let (mut spend, mut gdp) = (0.0, 0.0);
        let mut members = 0;
        for line in allies.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let (iso3, joined, forces) = (f[0], &f[3][..4], f[6]);
            if iso3 == "USA" || forces != "true" || joined.parse::<i32>().unwrap() > year {
                continue;
            }
            members += 1;
            let s = number(&current[iso3][&year]).unwrap();
            let share = number(&shares[iso3][&year]).unwrap();
            spend += s;
            gdp += s / (share / 100.0);
        }
        let expected = spend / gdp * 100.0;
        let (value, _) = at(&rows, year);
        assert!(
            (value.unwrap() - expected).abs() < 1e-6,
            "{year}: {value:?} vs {expected} ({members} members)"
        );
    }
    // 1995 counts 15 allies with armed forces outside the US; 2024 counts 30.
    // Before 1960 a member lacks a SIPRI figure: the group is not available.
    assert_eq!(at(&rows, 1950), (None, "not available".into()));
}

#[test]
fn crosscheck_2024_equals_the_two_tables() {
    if !common::with_sipri("crosscheck_2024_equals_the_two_tables") {
        return;
    }
    // NATO: datasets/nato-2024/expenditure.csv (Table 3 share, 2024e);
    // SIPRI: datasets/sipri-2025/share_of_gdp.csv.
    let nato = std::fs::read_to_string(datasets_dir().join("nato-2024/expenditure.csv")).unwrap();
    let sipri = committed("share_of_gdp.csv");
    let allies = std::fs::read_to_string(datasets_dir().join("allies.csv")).unwrap();
    let iso3_of = |code: &str| {
        allies
            .lines()
            .find(|l| l.split(',').nth(1) == Some(code))
            .map(|l| l.split(',').next().unwrap().to_string())
            .unwrap()
    };
    let out = defspend()
        .args([
            "crosscheck",
            "--edition",
            "nato-2024",
            "--year",
            "2024",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let h = reader.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let mut differ = 0;
    let mut by_hand_differ = 0;
    let mut checked = 0;
    for r in reader.records() {
        let r = r.unwrap();
        let code = &r[col("code")];
        let nato_share: f64 = nato
            .lines()
            .find(|l| l.starts_with(&format!("{code},2024,")))
            .map(|l| l.split(',').nth(3).unwrap().parse().unwrap())
            .unwrap();
        let sipri_share = number(&sipri[&iso3_of(code)][&2024]).unwrap();
        let diff: f64 = r[col("difference_points")].parse().unwrap();
        assert!((diff - (nato_share - sipri_share)).abs() < 1e-6, "{code}");
        if r[col("nato_verdict")] != r[col("sipri_verdict")] {
            differ += 1;
        }
        if (nato_share >= 2.0) != (sipri_share >= 2.0) {
            by_hand_differ += 1;
        }
        checked += 1;
    }
    assert_eq!(checked, 31);
    assert_eq!(differ, by_hand_differ);
    let summary = String::from_utf8(
        defspend()
            .args(["crosscheck", "--edition", "nato-2024"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        summary.contains(&format!("The 2% verdict differs for {differ} allies")),
        "{summary}"
    );
}

#[test]
fn revisions_between_the_two_editions_equal_the_two_tables() {
    let read = |edition: &str| {
        std::fs::read_to_string(datasets_dir().join(edition).join("expenditure.csv")).unwrap()
    };
    let (a, b) = (read("nato-2024"), read("nato-2026"));
    let value = |text: &str, code: &str, year: i32, col: usize| -> f64 {
        text.lines()
            .find(|l| l.starts_with(&format!("{code},{year},")))
            .map(|l| l.split(',').nth(col).unwrap().parse().unwrap())
            .unwrap()
    };
    for (measure, col, scale) in [("share", 3, 1.0), ("current", 4, 1000.0)] {
        let out = defspend()
            .args([
                "revisions",
                "--allies",
                "Italy,Poland",
                "--measure",
                measure,
                "--format",
                "csv",
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let h = reader.headers().unwrap().clone();
        let idx = |name: &str| h.iter().position(|c| c == name).unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        // Both allies, every year 2014-2024 that both editions have.
        assert_eq!(rows.len(), 22, "{measure}");
        for r in &rows {
            let (code, year): (&str, i32) = (&r[idx("code")], r[idx("year")].parse().unwrap());
            let from = value(&a, code, year, col);
            let to = value(&b, code, year, col);
            let diff: f64 = r[idx("difference")].parse().unwrap();
            assert!(
                (diff * scale - (to - from)).abs() < 1e-6 * scale.max(1.0),
                "{measure} {code} {year}"
            );
            assert!(
                r[idx("cause")].contains("total defence expenditure → core defence expenditure")
            );
        }
        // The largest first.
        let sizes: Vec<f64> = rows
            .iter()
            .map(|r| {
                if measure == "share" {
                    r[idx("difference")].parse::<f64>().unwrap().abs()
                } else {
                    r[idx("difference_pct")].parse::<f64>().unwrap().abs()
                }
            })
            .collect();
        assert!(
            sizes.windows(2).all(|w| w[0] >= w[1]),
            "{measure}: {sizes:?}"
        );
    }
}

// --- Bad input: a workbook in SIPRI's layout with one thing wrong. ---

const YEARS: std::ops::RangeInclusive<i32> = 2015..=2024;

/// A small workbook in the April 2025 layout; `tweak` changes one thing.
fn sipri_workbook(path: &Path, tweak: impl Fn(&str, &mut rust_xlsxwriter::Worksheet)) {
    sipri_workbook_of(path, YEARS, 2023, tweak)
}

/// A small workbook in SIPRI's layout with the years `years` and constant
/// prices of `base` (the sheet `Constant (BASE) US$`).
fn sipri_workbook_of(
    path: &Path,
    years: std::ops::RangeInclusive<i32>,
    base: i32,
    tweak: impl Fn(&str, &mut rust_xlsxwriter::Worksheet),
) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let blue = Format::new().set_font_color(rust_xlsxwriter::Color::RGB(0x0000FF));
    let constant = format!("Constant ({base}) US$");
    let sheets: [(&str, u32, bool); 5] = [
        ("Share of GDP", 5, true),
        (&constant, 5, false),
        ("Current US$", 5, false),
        ("Per capita", 6, false),
        ("Share of Govt. spending", 7, true),
    ];
    let last = *years.end();
    for (name, header, fraction) in sheets {
        let ws = book.add_worksheet().set_name(name).unwrap();
        ws.write_string(0, 0, format!("{name}, {}-{last}", years.start()))
            .unwrap();
        ws.write_string(header, 0, "Country").unwrap();
        ws.write_string(header, 1, "Notes").unwrap();
        for (j, y) in years.clone().enumerate() {
            ws.write_number(header, 2 + j as u16, f64::from(y)).unwrap();
        }
        ws.write_string(header + 1, 0, "Europe").unwrap();
        for (i, country) in ["Russia", "Ukraine"].iter().enumerate() {
            let row = header + 2 + i as u32;
            ws.write_string(row, 0, *country).unwrap();
            ws.write_string(row, 1, "§").unwrap();
            for (j, _) in years.clone().enumerate() {
                let v = if fraction {
                    0.03 + j as f64 * 0.001
                } else {
                    1000.0 + j as f64
                };
                if j == 9 {
                    ws.write_number_with_format(row, 2 + j as u16, v, &blue)
                        .unwrap();
                } else {
                    ws.write_number(row, 2 + j as u16, v).unwrap();
                }
            }
        }
        tweak(name, ws);
    }
    let ws = book.add_worksheet().set_name("Regional totals").unwrap();
    ws.write_string(13, 0, "Region").unwrap();
    for (j, y) in years.clone().enumerate() {
        ws.write_number(13, 1 + j as u16, f64::from(y)).unwrap();
    }
    ws.write_string(13, 11, format!("{last} (current prices)"))
        .unwrap();
    ws.write_string(13, 13, "Omitted countries").unwrap();
    ws.write_string(14, 0, "World").unwrap();
    for j in 0..11u16 {
        ws.write_number(14, 1 + j, 2000.0 + f64::from(j)).unwrap();
    }
    tweak("Regional totals", ws);
    let ws = book.add_worksheet().set_name("Footnotes").unwrap();
    ws.write_string(4, 0, "§").unwrap();
    ws.write_string(
        4,
        1,
        "Figures for these countries are for the adopted budget",
    )
    .unwrap();
    ws.write_number(6, 0, 83.0).unwrap();
    ws.write_string(6, 2, "Russia: a note").unwrap();
    book.save(path).unwrap();
}

fn import(path: &Path, out: &Path) -> assert_cmd::Command {
    let mut cmd = defspend();
    cmd.args(["import", "sipri-xlsx"])
        .arg(path)
        .args(["--edition", "sipri-2025", "--out"])
        .arg(out);
    cmd
}

#[test]
fn a_workbook_in_sipris_layout_imports_with_its_marks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sipri.xlsx");
    sipri_workbook(&path, |_, _| {});
    let out = dir.path().join("out");
    import(&path, &out).assert().success();
    let share = std::fs::read_to_string(out.join("share_of_gdp.csv")).unwrap();
    // Fractions become %, the blue 2024 figure is marked as an estimate.
    assert!(share.contains("RUS,Russia,Europe,§,3,3.1,"), "{share}");
    assert!(share.lines().nth(1).unwrap().ends_with(",3.9*"), "{share}");
    let notes = std::fs::read_to_string(out.join("footnotes.csv")).unwrap();
    assert!(notes.contains("83,Russia: a note"));
}

/// A workbook with one thing changed is refused with `needles`, and nothing is written.
fn refused(tweak: impl Fn(&str, &mut rust_xlsxwriter::Worksheet), needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sipri.xlsx");
    sipri_workbook(&path, tweak);
    let out = dir.path().join("out");
    assert_fails_with(&mut import(&path, &out), needles);
    assert!(!out.exists(), "nothing written");
}

/// The header row of each data sheet of [`sipri_workbook`].
fn header_of(sheet: &str) -> Option<u32> {
    match sheet {
        "Per capita" => Some(6),
        "Share of Govt. spending" => Some(7),
        "Regional totals" | "Footnotes" => None,
        _ => Some(5),
    }
}

#[test]
fn a_workbook_without_any_colour_mark_is_refused() {
    // Every 2024 figure written again without its blue font: nothing marked.
    refused(
        |name, ws| {
            if let Some(header) = header_of(name) {
                let fraction = name.starts_with("Share");
                let v = if fraction { 0.039 } else { 1009.0 };
                for row in [header + 2, header + 3] {
                    ws.write_number(row, 11, v).unwrap();
                }
            }
        },
        &[
            "sipri.xlsx",
            "no figure is marked as an estimate",
            "style table (xl/styles.xml)",
        ],
    );
}

#[test]
fn a_country_missing_from_one_sheet_is_refused() {
    // Ukraine's name in `Current US$` blanked, so the row is skipped: the
    // sheet lists Russia alone while the others list both.
    refused(
        |name, ws| {
            if name == "Current US$" {
                ws.write_string(8, 0, " ").unwrap();
            }
        },
        &[
            "sipri.xlsx",
            "country 'Ukraine' has a row in sheet Share of GDP but none in sheet Current US$",
        ],
    );
}

#[test]
fn a_workbook_without_its_style_table_is_refused() {
    // The same workbook with `xl/styles.xml` left out of the archive: the
    // colours that mark estimates are gone, so nothing may be imported.
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("full.xlsx");
    sipri_workbook(&full, |_, _| {});
    let path = dir.path().join("sipri.xlsx");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&full).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        if entry.name().unwrap() != "xl/styles.xml" {
            out.raw_copy_file(entry).unwrap();
        }
    }
    out.finish().unwrap();
    let target = dir.path().join("out");
    assert_fails_with(
        &mut import(&path, &target),
        &["sipri.xlsx", "no figure is marked as an estimate"],
    );
    assert!(!target.exists(), "nothing written");
}

#[test]
fn a_moved_header_row_names_its_sheet_and_cell() {
    refused(
        |name, ws| {
            if name == "Current US$" {
                // The header one row lower: row 6 holds something else.
                ws.write_string(5, 0, "Country (US$ m.)").unwrap();
            }
        },
        &[
            "sheet Current US$",
            "cell A6",
            "expected the header row here",
            "Country (US$ m.)",
        ],
    );
}

#[test]
fn a_text_cell_in_a_year_column_names_its_sheet_and_cell() {
    refused(
        |name, ws| {
            if name == "Per capita" {
                ws.write_string(8, 4, "12.5 (rev.)").unwrap();
            }
        },
        &[
            "sheet Per capita",
            "cell E9",
            "text '12.5 (rev.)' in a year column",
        ],
    );
}

#[test]
fn an_unknown_country_names_its_sheet_and_cell() {
    refused(
        |name, ws| {
            if name == "Share of GDP" {
                ws.write_string(8, 0, "Ruritania").unwrap();
            }
        },
        &[
            "sheet Share of GDP",
            "cell A9",
            "country 'Ruritania' is not in the names table",
        ],
    );
}

#[test]
fn a_malformed_sipri_dataset_cell_names_file_line_and_column() {
    if !common::with_sipri("a_malformed_sipri_dataset_cell_names_file_line_and_column") {
        return;
    }
    let data = common::copy_datasets();
    std::fs::create_dir_all(data.path().join("sipri-2025")).unwrap();
    let file = data.path().join("sipri-2025/share_of_gdp.csv");
    let text =
        std::fs::read_to_string(common::data_home().join("sipri-2025/share_of_gdp.csv")).unwrap();
    let broken = text.replacen(",7.052338645*", ",7.05x", 1);
    assert_ne!(broken, text);
    std::fs::write(&file, broken).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains(",7.052338645*"))
        .unwrap()
        + 1;
    assert_fails_with(
        defspend()
            .arg("--data")
            .arg(data.path())
            .args(["history", "Russia"]),
        &[
            &format!("sipri-2025/share_of_gdp.csv:{line}: column 2024"),
            "'7.05x' is not a number",
        ],
    );
}

#[test]
fn unknown_names_and_nato_only_sources_are_one_line_errors() {
    assert_fails_with(
        defspend().args(["history", "Rusia"]),
        &["unknown country or group 'Rusia'", "closest: Russia"],
    );
    assert_fails_with(
        defspend().args(["history", "China", "--source", "nato"]),
        &["China is not a NATO ally", "use --source sipri"],
    );
    assert_fails_with(
        defspend().args([
            "revisions",
            "--from-edition",
            "nato-2024",
            "--to-edition",
            "nato-2024",
        ]),
        &["--to-edition", "same edition as --from-edition"],
    );
}

#[test]
fn a_newer_release_with_a_2025_column_installs_and_is_named_on_its_outputs() {
    // SIPRI's April 2026 release runs 1949-2025 at constant 2024 prices: a
    // synthetic workbook in its layout (2016-2025, 'Constant (2024) US$'),
    // imported without --edition, becomes release sipri-2026, described in its
    // own release.toml, and every SIPRI command finds it and names it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("SIPRI-Milex-data-1949-2025.xlsx");
    sipri_workbook_of(&path, 2016..=2025, 2024, |_, _| {});
    let home = dir.path().join("home");
    let run = |args: &[&str]| {
        let mut cmd = defspend();
        cmd.env("DEFSPEND_DATA_HOME", &home).args(args);
        cmd
    };
    let out = run(&["import", "sipri-xlsx", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("as release sipri-2026 (2016-2025, constant 2024 USD)"),
        "{said}"
    );
    let release = std::fs::read_to_string(home.join("sipri-2026/release.toml")).unwrap();
    assert!(release.contains("last_year = 2025"), "{release}");
    assert!(release.contains("price_base_year = 2024"), "{release}");
    assert!(
        release.contains("citation = \"Source: SIPRI Military Expenditure Database, April 2026.\""),
        "{release}"
    );
    let regional = std::fs::read_to_string(home.join("sipri-2026/regional_totals.csv")).unwrap();
    assert!(regional.contains("constant-2024"), "{regional}");
    // The newest installed release is the default: 2025 is there, and named.
    let doc = common::json_of(&mut run(&[
        "history", "Russia", "--since", "2024", "--format", "json",
    ]));
    let text = doc.to_string();
    assert!(text.contains("2025"), "{text}");
    assert!(text.contains("April 2026"), "{text}");
    assert!(!text.contains("April 2025"), "{text}");
    // Listed among the sources, installed, with the workbook's checksum.
    let out = run(&["sources", "--format", "csv"]).output().unwrap();
    let listing = String::from_utf8_lossy(&out.stdout);
    let line = listing
        .lines()
        .find(|l| l.contains(",sipri-2026,"))
        .unwrap_or_else(|| panic!("{listing}"));
    assert!(
        line.contains(",true,true,"),
        "default and installed: {line}"
    );
    // The release the manifest lists still imports under its own id, and a
    // workbook that does not match it is refused.
    assert_fails_with(
        &mut run(&[
            "import",
            "sipri-xlsx",
            path.to_str().unwrap(),
            "--edition",
            "sipri-2025",
        ]),
        &[
            "ends in 2025 at 2024 prices",
            "release sipri-2025 ends in 2024 at 2023 prices",
        ],
    );
}

/// Two bugs found by testing: a group at constant prices needs SIPRI's
/// current-price table too ("the table was not loaded"), and the help's
/// example `history Russia,China,United-States` names the United States with
/// a hyphen.
#[test]
fn groups_at_every_measure_and_hyphenated_names_resolve() {
    if !common::with_sipri("groups_at_every_measure_and_hyphenated_names_resolve") {
        return;
    }
    for measure in ["share", "constant", "current", "per-capita"] {
        let out = common::defspend()
            .args(["history", "europe-canada,us", "--measure", measure])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{measure}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = common::defspend()
        .args(["history", "Russia,China,United-States", "--since", "1988"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("United States"));
}

/// Impossible figures in SIPRI's layout are refused with sheet and cell: a
/// share of GDP of 250% (the workbook's fraction 2.5; SIPRI's highest is
/// Kuwait's 117% in 1991), negative spending.
#[test]
fn impossible_values_in_sipris_workbook_are_refused() {
    refused(
        |name, ws| {
            if name == "Share of GDP" {
                ws.write_number(8, 4, 2.5).unwrap();
            }
        },
        &[
            "sheet Share of GDP",
            "cell E9",
            "250 is not a possible share_of_gdp",
            "at most 200",
        ],
    );
    refused(
        |name, ws| {
            if name == "Current US$" {
                ws.write_number(8, 4, -12.0).unwrap();
            }
        },
        &[
            "sheet Current US$",
            "cell E9",
            "-12 is not a possible",
            "at least 0",
        ],
    );
}

/// SIPRI's literal zeros (Russia's current US$ 1987-1990 in the April 2025
/// release) are shown as SIPRI gives them and said not to be zero spending.
#[test]
fn sipris_literal_zeros_are_said() {
    if !common::with_sipri("sipris_literal_zeros_are_said") {
        return;
    }
    let out = defspend()
        .args([
            "history",
            "Russia",
            "--since",
            "1985",
            "--measure",
            "current",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Russia: SIPRI's workbook gives 0 in 1987, 1988, 1989, 1990"),
        "{text}"
    );
    assert!(text.contains("not an absence of military spending"));
}

#[test]
fn a_header_row_of_neither_layout_is_refused() {
    // Per capita's header is on row 7 (April 2025) or row 8 (April 2026):
    // anywhere else is a layout change, refused, not read as empty figures.
    refused(
        |name, ws| {
            if name == "Per capita" {
                ws.write_string(6, 0, "Country (per capita)").unwrap();
            }
        },
        &[
            "sheet Per capita",
            "cell A7",
            "expected the header row here",
        ],
    );
}
