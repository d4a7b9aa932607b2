//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use std::io::BufRead;

/// defspend, with its user data directory (where `import sipri-xlsx`
/// installs SIPRI's database) inside the build directory, never the user's.
pub fn defspend() -> Command {
    let mut cmd = Command::cargo_bin("defspend").unwrap();
    cmd.env("DEFSPEND_DATA_HOME", data_home());
    // Ages (`defspend sources`) are counted to a fixed day.
    cmd.env("DEFSPEND_TODAY", "2026-12-07");
    cmd
}

/// The data directory the tests' defspend uses.
pub fn data_home() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("data-home")
}

/// The tables an installed SIPRI release holds, in the order the importer
/// writes them (then `release.toml`).
pub const SIPRI_FILES: [&str; 7] = [
    "share_of_gdp.csv",
    "constant_usd_m.csv",
    "current_usd_m.csv",
    "per_capita_usd.csv",
    "share_of_government_spending.csv",
    "regional_totals.csv",
    "footnotes.csv",
];

/// SIPRI's workbook beside the repository (CI has it).
pub fn sipri_workbook() -> PathBuf {
    shared_sources().join("sipri/SIPRI-Milex-data-1949-2024_2.xlsx")
}

/// Installs SIPRI's database into [`data_home`] from its workbook, once per
/// test process; false (and the test named as skipped) without the workbook.
/// defspend does not ship SIPRI's database: its terms forbid redistributing it.
pub fn with_sipri(test: &str) -> bool {
    static INSTALLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let installed = *INSTALLED.get_or_init(|| {
        let workbook = sipri_workbook();
        if !workbook.exists() {
            return false;
        }
        let out = Command::cargo_bin("defspend")
            .unwrap()
            .args(["import", "sipri-xlsx"])
            .arg(&workbook)
            .args(["--edition", "sipri-2025", "--out"])
            .arg(data_home().join("sipri-2025"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        true
    });
    if !installed {
        skipped(test, &format!("{} not found", sipri_workbook().display()));
    }
    installed
}

pub fn datasets_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets")
}

/// `../shared/sources` beside the repository, where NATO's original files are.
pub fn shared_sources() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/sources")
}

/// A writable copy of the shipped datasets, to corrupt in a test.
pub fn copy_datasets() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&datasets_dir(), tmp.path());
    tmp
}

/// The CSV a successful command writes: one map of column to text per row.
pub fn csv_maps(cmd: &mut Command) -> Vec<std::collections::HashMap<String, String>> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// A copy of the shipped datasets whose 2026 edition lacks NATO's per-person
/// figures (Table 6), as an edition without that table: per-person views
/// then divide spending by the IMF's population.
pub fn without_table_6() -> tempfile::TempDir {
    let tmp = copy_datasets();
    let path = tmp.path().join("nato-2026/expenditure.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let col = header
        .split(',')
        .position(|c| c == "defence_per_capita_usd")
        .unwrap();
    let mut out = vec![header.to_string()];
    for line in lines {
        let mut fields: Vec<&str> = line.split(',').collect();
        fields[col] = "";
        out.push(fields.join(","));
    }
    std::fs::write(&path, out.join("\n") + "\n").unwrap();
    tmp
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs defspend and checks the failure contract: non-zero exit, no panic, one
/// line on stderr that contains every `needle`, nothing on stdout. Returns the line.
pub fn assert_fails_with(cmd: &mut Command, needles: &[&str]) -> String {
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        !out.status.success(),
        "expected failure, got success; stderr: {stderr}"
    );
    assert_ne!(out.status.code(), Some(101), "panicked: {stderr}");
    assert!(!stderr.contains("panicked"), "panicked: {stderr}");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "error is not one line: {stderr:?}"
    );
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "error {stderr:?} does not mention {needle:?}"
        );
    }
    assert!(
        out.stdout.is_empty(),
        "stdout not empty: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    stderr
}

/// Runs defspend, expects success, parses stdout as JSON.
pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(cmd)).unwrap()
}

/// What a command that must succeed writes to its standard output.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// No file is left in `dir` but the ones named.
pub fn assert_dir_holds_only(dir: &Path, names: &[&str]) {
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    found.sort();
    let mut expected: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(found, expected, "unexpected files in {}", dir.display());
}

/// `text` with field `field` (0-based) of line `line` (1-based) set to `value`,
/// for planting a fault in a CSV file.
pub fn replace_field(text: &str, line: usize, field: usize, value: &str) -> String {
    let mut out = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == line {
                let mut f: Vec<&str> = l.split(',').collect();
                f[field] = value;
                f.join(",")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// A test that needs `../shared` and does not find it: says so (`skipped:
/// <why>`), or fails where CI requires `../shared` (`DEFSPEND_SHARED_REQUIRED`).
pub fn skipped(test: &str, why: &str) {
    if std::env::var_os("DEFSPEND_SHARED_REQUIRED").is_some() {
        panic!("{test}: {why}, and DEFSPEND_SHARED_REQUIRED is set");
    }
    eprintln!("skipped: {test}: {why}");
}

/// A wide table of NATO's July 2026 edition (`../shared/sources/nato/2026-edition/FILE`,
/// one row per ally, one column per year, `2025e` for estimates): (ally, year) -> cell.
pub fn nato_2026_cells(file: &str) -> std::collections::HashMap<(String, i32), String> {
    let mut reader =
        csv::Reader::from_path(shared_sources().join("nato/2026-edition").join(file)).unwrap();
    let header = reader.headers().unwrap().clone();
    let mut out = std::collections::HashMap::new();
    for r in reader.records() {
        let r = r.unwrap();
        for (i, h) in header.iter().enumerate().skip(1) {
            let year: i32 = h.trim_end_matches('e').parse().unwrap();
            out.insert((r[0].to_string(), year), r[i].to_string());
        }
    }
    out
}

/// [`nato_2026_cells`]' numbers (empty cells left out).
pub fn nato_2026_numbers(file: &str) -> std::collections::HashMap<(String, i32), f64> {
    nato_2026_cells(file)
        .into_iter()
        .filter_map(|(k, v)| Some((k, v.parse().ok()?)))
        .collect()
}

const GOV_EV_GEOS: [&str; 28] = [
    "EU27_2020",
    "BE",
    "BG",
    "CZ",
    "DK",
    "DE",
    "EE",
    "IE",
    "EL",
    "ES",
    "FR",
    "HR",
    "IT",
    "CY",
    "LV",
    "LT",
    "LU",
    "HU",
    "MT",
    "NL",
    "AT",
    "PL",
    "PT",
    "RO",
    "SI",
    "SK",
    "FI",
    "SE",
];

/// A `gov_ev` answer of Eurostat's API in the structure of the real one of
/// 27 April 2026 (dimensions freq, expend, na_item, unit, geo, time of sizes
/// 1, 1, 2, 3, 28, 5; the geos in Eurostat's order), built from the decoded
/// figures of `../shared/sources/eu/eurostat-gov-ev-defence-2026-04.csv` as
/// percentages of GDP (the million-euro and national-currency cells left
/// out, as a sparse response may).
pub fn gov_ev_response() -> String {
    let mut reader =
        csv::Reader::from_path(shared_sources().join("eu/eurostat-gov-ev-defence-2026-04.csv"))
            .unwrap();
    let mut values = serde_json::Map::new();
    for r in reader.records() {
        let r = r.unwrap();
        let g = GOV_EV_GEOS.iter().position(|x| *x == &r[0]).unwrap();
        let t: usize = r[1].parse::<usize>().unwrap() - 2021;
        // Position: ((na_item * 3 + unit) * 28 + geo) * 5 + time; PC_GDP is unit 2.
        for (item, cell) in [(1, &r[2]), (0, &r[3])] {
            if let Ok(v) = cell.parse::<f64>() {
                values.insert((((item * 3 + 2) * 28 + g) * 5 + t).to_string(), v.into());
            }
        }
    }
    let index = |codes: &[&str]| -> serde_json::Value {
        codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.to_string(), serde_json::Value::from(i)))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    serde_json::json!({
        "version": "2.0",
        "class": "dataset",
        "label": "Expenditure variables supporting the implementation of the EU economic governance framework",
        "source": "ESTAT",
        "updated": "2026-04-27T23:00:00+0200",
        "value": values,
        "id": ["freq", "expend", "na_item", "unit", "geo", "time"],
        "size": [1, 1, 2, 3, 28, 5],
        "dimension": {
            "freq": {"category": {"index": index(&["A"])}},
            "expend": {"category": {"index": index(&["DEF"])}},
            "na_item": {"category": {"index": index(&["P51G", "TE"])}},
            "unit": {"category": {"index": index(&["MIO_EUR", "MIO_NAC", "PC_GDP"])}},
            "geo": {"category": {"index": index(&GOV_EV_GEOS)}},
            "time": {"category": {"index": index(&["2021", "2022", "2023", "2024", "2025"])}},
        }
    })
    .to_string()
}

/// A running server, stopped when dropped.
pub struct Server {
    pub child: std::process::Child,
    pub url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `defspend serve --bind BIND` run in `dir` (its data directory inside it),
/// once it has said its address.
pub fn start_server(dir: &Path, bind: &str) -> (Server, std::process::ChildStderr) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("defspend"))
        .args(["serve", "--bind", bind])
        .current_dir(dir)
        .env("DEFSPEND_DATA_HOME", dir.join("home"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .trim_end_matches('/')
        .to_string();
    let stderr = child.stderr.take().unwrap();
    (Server { child, url }, stderr)
}

/// Whether the calling test is to run its body here: it runs in a process of
/// its own (this binary again, that test only), for what is counted per
/// process. Outside that process this runs it there, fails with its output if
/// it fails, and returns false. `name` is the test's path in the suite
/// (`module::test`).
pub fn alone(name: &str) -> bool {
    const ALONE: &str = "DEFSPEND_TEST_ALONE";
    if std::env::var(ALONE).is_ok_and(|n| n == name) {
        return true;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--test-threads", "1", "--nocapture"])
        .env(ALONE, name)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{name}, in a process of its own: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    false
}
