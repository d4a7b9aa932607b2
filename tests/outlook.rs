//! The economic outlook: the IMF's World Economic Outlook rows imported into
//! `datasets/outlook/`, checked against the source, refused when malformed, and
//! shown by `defspend economy`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{
    assert_dir_holds_only, assert_fails_with, copy_datasets, defspend, json_of, replace_field,
};

const ID: &str = "imf-weo-2025-04";

fn committed() -> PathBuf {
    common::datasets_dir().join(format!("outlook/{ID}.csv"))
}

fn source() -> PathBuf {
    common::shared_sources().join("imf/weo-2025-04-allies.csv")
}

/// The WEO layout rebuilt from the committed tidy table: one row an ally and
/// series, a column a year, `estimates_start_after` from the projected flags.
/// Lets the importer be tested without the IMF's file.
fn weo_from_dataset() -> String {
    let allies = std::fs::read_to_string(common::datasets_dir().join("allies.csv")).unwrap();
    let mut iso3: BTreeMap<String, (String, String)> = BTreeMap::new();
    for line in allies.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        iso3.insert(f[1].to_string(), (f[0].to_string(), f[2].to_string()));
    }
    let codes = [
        ("real_gdp_growth_pct", "NGDP_RPCH"),
        ("gdp_deflator", "NGDP_D"),
        ("gdp_usd_current_bn", "NGDPD"),
        ("cpi_inflation_pct", "PCPIPCH"),
        ("population_m", "LP"),
    ];
    let text = std::fs::read_to_string(committed()).unwrap();
    // (ally, series) -> [(year, value, projected)]
    type Years = Vec<(i32, String, bool)>;
    let mut rows: BTreeMap<(String, String), Years> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        rows.entry((f[0].to_string(), f[2].to_string()))
            .or_default()
            .push((f[1].parse().unwrap(), f[3].to_string(), f[4] == "true"));
    }
    let mut out = String::from("weo_country_code,iso3,country,subject_code,units,scale");
    for y in 2014..=2030 {
        out.push_str(&format!(",{y}"));
    }
    out.push_str(",estimates_start_after\n");
    for ((ally, series), years) in rows {
        let (iso, name) = &iso3[&ally];
        let code = codes.iter().find(|c| c.0 == series).unwrap().1;
        let start_after = years.iter().find(|y| y.2).map_or(2030, |y| y.0 - 1);
        out.push_str(&format!("1,{iso},{name},{code},Units,Units"));
        for (_, value, _) in &years {
            out.push_str(&format!(",{value}"));
        }
        out.push_str(&format!(",{start_after}\n"));
    }
    out
}

fn import(input: &Path, out: &Path) -> std::process::Output {
    defspend()
        .args(["import", "imf-weo"])
        .arg(input)
        .args(["--outlook", ID, "--out"])
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn the_committed_outlook_is_what_the_importer_makes_of_the_imfs_file() {
    if !source().exists() {
        eprintln!("skipped: ../shared/sources/imf is not beside the repository");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = import(&source(), dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let made = std::fs::read(dir.path().join(format!("{ID}.csv"))).unwrap();
    assert_eq!(made, std::fs::read(committed()).unwrap());
}

#[test]
fn the_weo_layout_round_trips_to_the_committed_table() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("weo.csv");
    std::fs::write(&input, weo_from_dataset()).unwrap();
    let out_dir = dir.path().join("out");
    let out = import(&input, &out_dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let made = std::fs::read(out_dir.join(format!("{ID}.csv"))).unwrap();
    assert_eq!(made, std::fs::read(committed()).unwrap());
}

#[test]
fn values_and_projections_are_the_imfs() {
    // IMF, World Economic Outlook Database, April 2025 (weo-2025-04-allies.csv):
    // Italy NGDP_RPCH 2024 0.73 (actual; estimates start after 2024), 2025 0.44
    // (projection); Poland 2025 3.24; Montenegro's population is empty for 2014.
    let doc = json_of(defspend().args([
        "economy",
        "Italy,Poland,Montenegro",
        "--years",
        "2014-2030",
        "--format",
        "json",
    ]));
    let rows = doc["years"].as_array().unwrap();
    assert_eq!(rows.len(), 3 * 17);
    let find = |ally: &str, year: i64| {
        rows.iter()
            .find(|r| r["ally"] == ally && r["year"] == year)
            .unwrap()
    };
    assert_eq!(find("Italy", 2024)["real_gdp_growth_pct"], 0.73);
    assert_eq!(find("Italy", 2024)["projected"], "–");
    assert_eq!(find("Italy", 2025)["real_gdp_growth_pct"], 0.44);
    assert_eq!(find("Italy", 2025)["projected"], "all");
    assert_eq!(find("Poland", 2025)["real_gdp_growth_pct"], 3.24);
    assert!(find("Montenegro", 2014)["population_m"].is_null());
    assert_eq!(doc["metadata"]["outlook"], ID);

    // The tidy CSV: one row an ally, series and year.
    let out = defspend()
        .args(["economy", "IT", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("code,name,outlook,year,series,value,projected\n"));
    assert_eq!(csv.lines().count(), 1 + 17 * 5);
    assert!(csv.contains("IT,Italy,imf-weo-2025-04,2025,real_gdp_growth_pct,0.44,true"));
}

/// A planted fault in the WEO file: one line naming file, row and column,
/// exit 1, nothing written.
fn planted(name: &str, edit: impl Fn(&str) -> String, needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("weo.csv");
    std::fs::write(&input, edit(&weo_from_dataset())).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let mut cmd = defspend();
    cmd.args(["import", "imf-weo"])
        .arg(&input)
        .args(["--outlook", ID, "--out"])
        .arg(&out_dir);
    let line = assert_fails_with(&mut cmd, needles);
    assert!(line.contains("weo.csv"), "{name}: {line}");
    assert_dir_holds_only(&out_dir, &[]);
}

#[test]
fn planted_faults_in_the_imfs_file_are_refused_with_their_place() {
    // Line 2 is Albania's first row; column 11 is 2019.
    planted(
        "non-numeric cell",
        |t| replace_field(t, 2, 11, "n/a"),
        &["weo.csv:2: column 2019", "'n/a' is not a number"],
    );
    planted(
        "a year missing",
        |t| {
            t.lines()
                .map(|l| {
                    let mut f: Vec<&str> = l.split(',').collect();
                    f.remove(11);
                    f.join(",")
                })
                .collect::<Vec<_>>()
                .join("\n")
        },
        &["weo.csv:1", "2019 is missing"],
    );
    planted(
        "unknown country",
        |t| replace_field(t, 2, 1, "XXX"),
        &[
            "weo.csv:2: column iso3",
            "'XXX' is not the ISO code of an ally",
        ],
    );
    planted(
        "unknown series",
        |t| replace_field(t, 2, 3, "NGDP_XX"),
        &[
            "weo.csv:2: column subject_code",
            "unknown subject code 'NGDP_XX'",
        ],
    );
    planted(
        "a series missing",
        |t| {
            let mut lines: Vec<&str> = t.lines().collect();
            lines.remove(1);
            lines.join("\n") + "\n"
        },
        &["weo.csv", "Albania (AL) has 0 of the 17 years"],
    );
    planted(
        "a row twice",
        |t| {
            let second = t.lines().nth(1).unwrap().to_string();
            format!("{t}{second}\n")
        },
        &["column subject_code", "listed twice (first at line 2)"],
    );
    planted(
        "bad estimates year",
        |t| replace_field(t, 2, 23, "soon"),
        &[
            "weo.csv:2: column estimates_start_after",
            "'soon' is not a year",
        ],
    );
    planted(
        "a short row",
        |t| {
            let mut lines: Vec<String> = t.lines().map(String::from).collect();
            lines[1] = lines[1].rsplit_once(',').unwrap().0.to_string();
            lines.join("\n") + "\n"
        },
        &["weo.csv:2", "fields"],
    );
}

#[test]
fn a_malformed_committed_table_is_refused_by_every_reader() {
    let data = copy_datasets();
    let path = data.path().join(format!("outlook/{ID}.csv"));
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(
            "AL,2014,real_gdp_growth_pct,1.77",
            "AL,2014,real_gdp_growth_pct,fast",
            1,
        ),
    )
    .unwrap();
    assert_fails_with(
        defspend().arg("--data").arg(data.path()).arg("economy"),
        &[
            &format!("{ID}.csv:2: column value"),
            "'fast' is not a number",
        ],
    );
}

#[test]
fn bad_arguments_are_usage_errors() {
    for (args, needle) in [
        (
            vec!["economy", "--outlook", "imf-weo-1999"],
            "unknown outlook 'imf-weo-1999'",
        ),
        (
            vec!["economy", "--years", "2010-2020"],
            "--years: 2010-2020 is outside",
        ),
        (vec!["economy", "--years", "soon"], "not a year"),
        (vec!["economy", "Atlantis"], "unknown ally 'Atlantis'"),
        (
            vec!["import", "imf-weo", "x.csv", "--outlook", "imf-weo-1999"],
            "unknown outlook 'imf-weo-1999'",
        ),
    ] {
        let out = defspend().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}
