//! The importers: the committed datasets are exactly what they produce from
//! NATO's files, and a workbook laid out differently is refused with its cell.

use crate::common;

use common::{assert_fails_with, datasets_dir, defspend, shared_sources};

/// NATO's files are in `../shared/sources` (CI has them); elsewhere the test
/// says by name that it is skipped.
fn source_or_skip(relative: &str, test: &str) -> Option<std::path::PathBuf> {
    let path = shared_sources().join(relative);
    if path.exists() {
        Some(path)
    } else {
        common::skipped(test, &format!("{} not found", path.display()));
        None
    }
}

fn assert_same_file(produced: &std::path::Path, committed: &std::path::Path) {
    let a = std::fs::read_to_string(produced).unwrap();
    let b = std::fs::read_to_string(committed).unwrap();
    assert!(
        a == b,
        "{} differs from the import ({})",
        committed.display(),
        produced.display()
    );
}

/// Imports `source` with `importer` and compares both tidy files with the committed ones.
fn reimport_matches(importer: &str, source: &str, edition: &str, test: &str) {
    let Some(input) = source_or_skip(source, test) else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    defspend()
        .args(["import", importer])
        .arg(&input)
        .args(["--edition", edition, "--out"])
        .arg(out.path())
        .assert()
        .success();
    for file in ["expenditure.csv", "aggregates.csv"] {
        assert_same_file(
            &out.path().join(file),
            &datasets_dir().join(edition).join(file),
        );
    }
}

#[test]
fn committed_nato_2024_is_what_the_importer_makes_of_the_workbook() {
    reimport_matches(
        "nato-xlsx",
        "nato/240617-def-exp-2024-TABLES-en.xlsx",
        "nato-2024",
        "committed_nato_2024_is_what_the_importer_makes_of_the_workbook",
    );
}

#[test]
fn committed_nato_2026_is_what_the_importer_makes_of_the_transcription() {
    reimport_matches(
        "nato-wide-csv",
        "nato/2026-edition",
        "nato-2026",
        "committed_nato_2026_is_what_the_importer_makes_of_the_transcription",
    );
}

/// `defspend import nato-xlsx PATH --edition EDITION --out OUT`.
fn import_workbook(
    path: &std::path::Path,
    edition: &str,
    out: &std::path::Path,
) -> assert_cmd::Command {
    let mut cmd = defspend();
    cmd.args(["import", "nato-xlsx"])
        .arg(path)
        .args(["--edition", edition, "--out"])
        .arg(out);
    cmd
}

/// A minimal workbook in NATO's layout; `tweak` changes one thing.
fn workbook(path: &std::path::Path, tweak: impl Fn(&str, &mut rust_xlsxwriter::Worksheet)) {
    use rust_xlsxwriter::Workbook;
    let sheets: [(&str, &[&str]); 8] = [
        ("TABLE1", &["Current prices", "Constant 2015 prices"]),
        (
            "TABLE2",
            &[
                "Current prices and exchange rates",
                "Constant 2015 prices and exchange rates",
            ],
        ),
        (
            "TABLE3",
            &["Share of real GDP (%)", "Annual real change (%)"],
        ),
        (
            "TABLE5",
            &[
                "Current prices and exchange rates",
                "Constant 2015 prices and exchange rates",
            ],
        ),
        (
            "TABLE6",
            &[
                "GDP per capita (thousand US dollars)",
                "Defence expenditure per capita (US dollars)",
            ],
        ),
        ("TABLE7", &[]),
        ("TABLE8a", &["Equipment (a)", "Personnel (b)"]),
        ("TABLE8b", &["Infrastructure (c)", "Other (d)"]),
    ];
    let mut book = Workbook::new();
    for (name, blocks) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        ws.write_string(3, 1, format!("{name} : title")).unwrap();
        ws.write_number(7, 3, 2022).unwrap();
        ws.write_string(7, 4, "2023e").unwrap();
        ws.write_string(7, 5, "2024e").unwrap();
        let mut row = 9;
        let block_labels: Vec<&str> = if blocks.is_empty() {
            vec![""]
        } else {
            blocks.to_vec()
        };
        for label in block_labels {
            if !label.is_empty() {
                ws.write_string(row, 1, label).unwrap();
                row += 1;
            }
            ws.write_string(row, 2, "Spain").unwrap();
            for (j, v) in [1.16, 1.19, 1.28].iter().enumerate() {
                ws.write_number(row, 3 + j as u16, *v).unwrap();
            }
            row += 1;
        }
        ws.write_string(
            row + 1,
            2,
            "Notes: Figures for 2023 and 2024 are estimates.",
        )
        .unwrap();
        tweak(name, ws);
    }
    book.save(path).unwrap();
}

#[test]
fn a_workbook_in_natos_layout_imports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tables.xlsx");
    workbook(&path, |_, _| {});
    let out = dir.path().join("out");
    import_workbook(&path, "test", &out).assert().success();
    let csv = std::fs::read_to_string(out.join("expenditure.csv")).unwrap();
    assert!(csv
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("ES,2022,false,1.16,1.16,1.16"));
    assert!(csv.lines().nth(3).unwrap().starts_with("ES,2024,true,1.28"));
}

#[test]
fn an_unknown_block_label_names_its_sheet_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tables.xlsx");
    workbook(&path, |name, ws| {
        if name == "TABLE2" {
            ws.write_string(11, 1, "Constant 2015 prices, rebased")
                .unwrap();
        }
    });
    let out = dir.path().join("out");
    assert_fails_with(
        &mut import_workbook(&path, "test", &out),
        &[
            "sheet TABLE2",
            "cell B12",
            "unexpected label 'Constant 2015 prices, rebased'",
        ],
    );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn a_text_value_in_a_year_column_names_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tables.xlsx");
    workbook(&path, |name, ws| {
        if name == "TABLE3" {
            ws.write_string(10, 4, "1.19 (rev.)").unwrap();
        }
    });
    assert_fails_with(
        &mut import_workbook(&path, "test", &dir.path().join("out")),
        &["sheet TABLE3", "cell E11", "is not a number"],
    );
}

#[test]
fn a_shifted_year_header_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tables.xlsx");
    workbook(&path, |name, ws| {
        if name == "TABLE5" {
            ws.write_number(7, 3, 2021).unwrap();
            ws.write_string(7, 4, "2022").unwrap();
            ws.write_string(7, 5, "2023e").unwrap();
        }
    });
    assert_fails_with(
        &mut import_workbook(&path, "test", &dir.path().join("out")),
        &["sheet TABLE5", "cell D8", "differs from the first table"],
    );
}

#[test]
fn an_unknown_ally_row_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tables.xlsx");
    workbook(&path, |name, ws| {
        if name == "TABLE1" {
            ws.write_string(10, 2, "Atlantis   (Drachma)").unwrap();
        }
    });
    assert_fails_with(
        &mut import_workbook(&path, "test", &dir.path().join("out")),
        &[
            "sheet TABLE1",
            "cell C11",
            "'Atlantis   (Drachma)' is neither an ally",
        ],
    );
}

#[test]
fn a_workbook_with_other_years_than_the_manifest_says_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tables.xlsx");
    workbook(&path, |_, _| {});
    assert_fails_with(
        &mut import_workbook(&path, "nato-2024", &dir.path().join("out")),
        &["tables.xlsx", "differ from edition nato-2024"],
    );
}

/// Impossible figures in NATO's layout are refused with their cell: a share
/// of GDP of 0 or above 100, negative spending.
#[test]
fn impossible_values_in_a_workbook_are_refused_with_their_cell() {
    for (sheet, value, needles) in [
        (
            "TABLE3",
            0.0,
            vec!["sheet TABLE3", "cell E11", "0 is out of range", "above 0"],
        ),
        (
            "TABLE3",
            152.0,
            vec!["sheet TABLE3", "cell E11", "152 is out of range"],
        ),
        (
            "TABLE1",
            -5.0,
            vec![
                "sheet TABLE1",
                "cell E11",
                "-5 is out of range",
                "zero to 1e",
            ],
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tables.xlsx");
        workbook(&path, |name, ws| {
            if name == sheet {
                ws.write_number(10, 4, value).unwrap();
            }
        });
        let out = dir.path().join("out");
        assert_fails_with(&mut import_workbook(&path, "test", &out), &needles);
        assert!(!out.exists(), "nothing written");
    }
}

/// The sha256 of bytes, computed here independently of defspend.
fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn each_import_states_the_checksum_of_the_file_it_read_and_outputs_cite_it() {
    let test = "each_import_states_the_checksum_of_the_file_it_read_and_outputs_cite_it";
    let Some(dir) = source_or_skip("nato/2026-edition", test) else {
        return;
    };
    // The 2026 edition's fifteen wide tables, in the order the importer reads them.
    let mut bytes = Vec::new();
    for name in [
        "core_share_gdp_wide.csv",
        "core_usd_current_m_wide.csv",
        "core_usd_2021_m_wide.csv",
        "gdp_usd_current_m_wide.csv",
        "equipment_share_pct_wide.csv",
        "personnel_share_pct_wide.csv",
        "core_nat_currency_current_m_wide.csv",
        "core_nat_currency_2021_m_wide.csv",
        "core_real_change_pct_wide.csv",
        "gdp_usd_2021_m_wide.csv",
        "gdp_per_capita_2021_kusd_wide.csv",
        "core_per_capita_2021_usd_wide.csv",
        "personnel_k_wide.csv",
        "infrastructure_share_pct_wide.csv",
        "other_share_pct_wide.csv",
    ] {
        bytes.extend(std::fs::read(dir.join(name)).unwrap());
    }
    let expected = sha256(&bytes);
    let out = tempfile::tempdir().unwrap();
    let import = |input: &std::path::Path, args: &[&str]| {
        let output = defspend()
            .arg("import")
            .arg(args[0])
            .arg(input)
            .args(&args[1..])
            .arg("--out")
            .arg(out.path())
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let said = import(&dir, &["nato-wide-csv", "--edition", "nato-2026"]);
    assert!(
        said.contains(&format!(
            "Source file sha256 {expected}: the file editions.toml records for nato-2026."
        )),
        "{said}"
    );
    // Outputs cite that file in their metadata.
    let json = common::json_of(defspend().args(["shortfall", "--format", "json"]));
    assert_eq!(json["metadata"]["edition_sha256"], expected.as_str());
    let plans = shared_sources().join("plans/national-plans-2026-11.csv");
    let json = common::json_of(defspend().args(["outlook", "--draws", "200", "--format", "json"]));
    assert_eq!(
        json["metadata"]["plans_sha256"],
        sha256(&std::fs::read(&plans).unwrap()).as_str()
    );
    // A file other than the manifest's is said to be so.
    let changed = out.path().join("plans.csv");
    let text = std::fs::read_to_string(&plans).unwrap();
    std::fs::write(&changed, text.replacen("\n", "\r\n", 1)).unwrap();
    let said = import(&changed, &["plans", "--plans", "national-plans-2026-11"]);
    assert!(
        said.contains("not the file plans.toml records for national-plans-2026-11"),
        "{said}"
    );
}

/// The EU's tables are what `import eu` makes of the compiled files: 16
/// escape-clause activations, 18 allies' SAFE allocations (Cyprus, not an
/// ally, left out: EUR 149.93 bn allocated, 148.75 bn to allies).
#[test]
fn committed_eu_tables_are_what_the_importer_makes_of_the_compilations() {
    let test = "committed_eu_tables_are_what_the_importer_makes_of_the_compilations";
    let (Some(clause), Some(safe)) = (
        source_or_skip("eu/national-escape-clause-2025.csv", test),
        source_or_skip("eu/safe-allocations-2025.csv", test),
    ) else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let said = defspend()
        .args(["import", "eu", "--escape-clause"])
        .arg(&clause)
        .arg("--safe")
        .arg(&safe)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(said.status.success());
    let said = String::from_utf8(said.stdout).unwrap();
    assert!(
        said.contains("the escape clause for 16 allies")
            && said.contains("SAFE allocations for 18 allies (1 member state that is not an ally left out, EUR 148.75 bn to allies)"),
        "{said}"
    );
    for file in ["escape-clause-2025.csv", "safe-2025.csv"] {
        assert_same_file(
            &out.path().join(file),
            &datasets_dir().join("eu").join(file),
        );
    }
}

/// The map's boundaries are the source file, unchanged, with its licence.
#[test]
fn committed_boundaries_are_the_source_file() {
    let test = "committed_boundaries_are_the_source_file";
    for file in ["countries-50m.json", "world-atlas-LICENSE"] {
        let Some(source) = source_or_skip(&format!("maps/{file}"), test) else {
            return;
        };
        assert_eq!(
            std::fs::read(&source).unwrap(),
            std::fs::read(datasets_dir().join("maps").join(file)).unwrap(),
            "{file}"
        );
    }
}
