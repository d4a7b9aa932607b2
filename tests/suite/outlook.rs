//! The economic outlook: the IMF's World Economic Outlook rows imported into
//! `datasets/outlook/`, checked against the source, refused when malformed, and
//! shown by `defspend economy`. Both vintages: April 2025 (five series to
//! 2030) and April 2026 (eleven series to 2031, the default).

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{
    assert_dir_holds_only, assert_fails_with, copy_datasets, defspend, json_of, replace_field,
};

/// One vintage of the IMF's outlook: its id, source file, years and series
/// (tidy key, IMF code).
struct Vintage {
    id: &'static str,
    file: &'static str,
    years: (i32, i32),
    series: &'static [(&'static str, &'static str)],
}

const MACRO: &[(&str, &str)] = &[
    ("real_gdp_growth_pct", "NGDP_RPCH"),
    ("gdp_deflator", "NGDP_D"),
    ("gdp_usd_current_bn", "NGDPD"),
    ("cpi_inflation_pct", "PCPIPCH"),
    ("population_m", "LP"),
];

const V2025: Vintage = Vintage {
    id: "imf-weo-2025-04",
    file: "imf/weo-2025-04-allies.csv",
    years: (2014, 2030),
    series: MACRO,
};

const V2026: Vintage = Vintage {
    id: "imf-weo-2026-04",
    file: "imf/weo-2026-04-allies.csv",
    years: (2014, 2031),
    series: &[
        ("real_gdp_growth_pct", "NGDP_RPCH"),
        ("gdp_deflator", "NGDP_D"),
        ("gdp_usd_current_bn", "NGDPD"),
        ("cpi_inflation_pct", "PCPIPCH"),
        ("population_m", "LP"),
        ("gdp_national_bn", "NGDP"),
        ("gov_expenditure_pct_gdp", "GGX_NGDP"),
        ("gov_revenue_pct_gdp", "GGR_NGDP"),
        ("gov_net_lending_pct_gdp", "GGXCNL_NGDP"),
        ("gov_primary_net_lending_pct_gdp", "GGXONLB_NGDP"),
        ("gov_gross_debt_pct_gdp", "GGXWDG_NGDP"),
    ],
};

const VINTAGES: [&Vintage; 2] = [&V2025, &V2026];

impl Vintage {
    fn committed(&self) -> PathBuf {
        common::datasets_dir().join(format!("outlook/{}.csv", self.id))
    }

    fn source(&self) -> PathBuf {
        common::shared_sources().join(self.file)
    }
}

/// The WEO layout rebuilt from the committed tidy table: one row an ally and
/// series, a column a year, `estimates_start_after` from the projected flags.
/// Lets the importer be tested without the IMF's file.
fn weo_from_dataset(v: &Vintage) -> String {
    let allies = std::fs::read_to_string(common::datasets_dir().join("allies.csv")).unwrap();
    let mut iso3: BTreeMap<String, (String, String)> = BTreeMap::new();
    for line in allies.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        iso3.insert(f[1].to_string(), (f[0].to_string(), f[2].to_string()));
    }
    let text = std::fs::read_to_string(v.committed()).unwrap();
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
    for y in v.years.0..=v.years.1 {
        out.push_str(&format!(",{y}"));
    }
    out.push_str(",estimates_start_after\n");
    for ((ally, series), years) in rows {
        let (iso, name) = &iso3[&ally];
        let code = v.series.iter().find(|c| c.0 == series).unwrap().1;
        let start_after = years.iter().find(|y| y.2).map_or(v.years.1, |y| y.0 - 1);
        out.push_str(&format!("1,{iso},{name},{code},Units,Units"));
        for (_, value, _) in &years {
            out.push_str(&format!(",{value}"));
        }
        out.push_str(&format!(",{start_after}\n"));
    }
    out
}

fn import(v: &Vintage, input: &Path, out: &Path) -> std::process::Output {
    defspend()
        .args(["import", "imf-weo"])
        .arg(input)
        .args(["--economy", v.id, "--out"])
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn the_committed_outlooks_are_what_the_importer_makes_of_the_imfs_files() {
    for v in VINTAGES {
        if !v.source().exists() {
            common::skipped(
                "outlook",
                "../shared/sources/imf is not beside the repository",
            );
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = import(v, &v.source(), dir.path());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let made = std::fs::read(dir.path().join(format!("{}.csv", v.id))).unwrap();
        assert_eq!(made, std::fs::read(v.committed()).unwrap(), "{}", v.id);
    }
}

#[test]
fn the_weo_layout_round_trips_to_the_committed_tables() {
    for v in VINTAGES {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("weo.csv");
        std::fs::write(&input, weo_from_dataset(v)).unwrap();
        let out_dir = dir.path().join("out");
        let out = import(v, &input, &out_dir);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let made = std::fs::read(out_dir.join(format!("{}.csv", v.id))).unwrap();
        assert_eq!(made, std::fs::read(v.committed()).unwrap(), "{}", v.id);
    }
}

#[test]
fn every_cell_of_the_april_2026_outlook_is_the_imfs() {
    // 11 series x 32 allies x 18 years (2014-2031), read from the IMF's file
    // with the csv crate and set against what `economy --format csv` shows.
    let v = &V2026;
    if !v.source().exists() {
        common::skipped(
            "outlook",
            "../shared/sources/imf is not beside the repository",
        );
        return;
    }
    let allies = std::fs::read_to_string(common::datasets_dir().join("allies.csv")).unwrap();
    let code_of: BTreeMap<String, String> = allies
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[1].to_string())
        })
        .collect();
    let mut source = csv::Reader::from_path(v.source()).unwrap();
    let headers = source.headers().unwrap().clone();
    // (code, series key, year) -> the IMF's cell text.
    let mut expected: BTreeMap<(String, String, i32), String> = BTreeMap::new();
    for record in source.records() {
        let r = record.unwrap();
        let code = &code_of[&r[1]];
        let key = v.series.iter().find(|s| s.1 == &r[3]).unwrap().0;
        for (i, h) in headers.iter().enumerate() {
            if let Ok(year) = h.parse::<i32>() {
                expected.insert((code.clone(), key.to_string(), year), r[i].to_string());
            }
        }
    }
    assert_eq!(expected.len(), 11 * 32 * 18);
    let out = defspend()
        .args(["economy", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut shown = csv::Reader::from_reader(out.stdout.as_slice());
    let mut seen = 0;
    let committed = std::fs::read_to_string(v.committed()).unwrap();
    for line in committed.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let want = &expected[&(f[0].to_string(), f[2].to_string(), f[1].parse().unwrap())];
        match (want.is_empty(), f[3].is_empty()) {
            (true, true) => {}
            (false, false) => {
                let (a, b): (f64, f64) = (want.parse().unwrap(), f[3].parse().unwrap());
                assert_eq!(a, b, "{line}");
            }
            _ => panic!("{line}: the IMF has '{want}'"),
        }
        seen += 1;
    }
    assert_eq!(seen, 11 * 32 * 18);
    // The command shows the latest outlook, every cell, two decimals.
    let mut count = 0;
    for record in shown.records() {
        let r = record.unwrap();
        assert_eq!(&r[2], v.id);
        let want = &expected[&(r[0].to_string(), r[4].to_string(), r[3].parse().unwrap())];
        if want.is_empty() {
            assert_eq!(&r[5], "", "{r:?}");
        } else {
            let (a, b): (f64, f64) = (want.parse().unwrap(), r[5].parse().unwrap());
            assert!((a - b).abs() <= 0.005 + 1e-9, "{r:?}: {want}");
        }
        count += 1;
    }
    assert_eq!(count, 11 * 32 * 18);
    // The one empty cell of the source: Poland's CPI inflation in 2014.
    let empty: Vec<_> = expected.iter().filter(|(_, t)| t.is_empty()).collect();
    assert_eq!(empty.len(), 1);
    assert_eq!(
        empty[0].0,
        &("PL".to_string(), "cpi_inflation_pct".to_string(), 2014)
    );
}

#[test]
fn the_april_2026_outlook_is_the_default_and_has_the_imfs_values() {
    // IMF, World Economic Outlook Database, April 2026 (weo-2026-04-allies.csv):
    // Germany NGDP_RPCH 2026 0.791, 2027 1.183; Italy GGXWDG_NGDP 2026 138.384.
    let doc = json_of(defspend().args([
        "economy",
        "Germany,Italy",
        "--years",
        "2026-2027",
        "--format",
        "json",
    ]));
    assert_eq!(doc["metadata"]["outlook"], V2026.id);
    let rows = doc["years"].as_array().unwrap();
    let find = |ally: &str, year: i64| {
        rows.iter()
            .find(|r| r["ally"] == ally && r["year"] == year)
            .unwrap()
    };
    assert_eq!(find("Germany", 2026)["real_gdp_growth_pct"], 0.791);
    assert_eq!(find("Germany", 2027)["real_gdp_growth_pct"], 1.183);
    let government = doc["government"].as_array().unwrap();
    let italy = government
        .iter()
        .find(|r| r["ally"] == "Italy" && r["year"] == 2026)
        .unwrap();
    assert_eq!(italy["gov_gross_debt_pct_gdp"], 138.384);
}

#[test]
fn economy_compare_shows_how_the_outlook_moved() {
    // Germany's real growth, April 2025 -> April 2026 (both IMF files):
    // 2026 0.92 -> 0.791, 2027 1.45 -> 1.183.
    let doc = json_of(defspend().args([
        "economy",
        "Germany",
        "--compare",
        "imf-weo-2025-04",
        "--series",
        "NGDP_RPCH",
        "--years",
        "2026-2027",
        "--format",
        "json",
    ]));
    assert_eq!(doc["metadata"]["from_outlook"], V2025.id);
    assert_eq!(doc["metadata"]["to_outlook"], V2026.id);
    let rows = doc["revisions"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let close = |v: &serde_json::Value, want: f64| (v.as_f64().unwrap() - want).abs() < 1e-12;
    assert!(close(&rows[0]["before"], 0.92));
    assert!(close(&rows[0]["after"], 0.791));
    assert!(close(&rows[0]["revision"], 0.791 - 0.92));
    assert!(close(&rows[1]["before"], 1.45));
    assert!(close(&rows[1]["after"], 1.183));
    let summary = doc["summary"].as_array().unwrap();
    assert!(summary.iter().any(|l| l
        .as_str()
        .unwrap()
        .contains("2026 0.92 → 0.79, 2027 1.45 → 1.18")));
    // A series the earlier outlook does not have is refused by name.
    assert_fails_with(
        defspend().args([
            "economy",
            "--compare",
            "imf-weo-2025-04",
            "--series",
            "GGXWDG_NGDP",
        ]),
        &["--series", "outlook imf-weo-2025-04 has no GGXWDG_NGDP"],
    );
}

#[test]
fn values_and_projections_are_the_imfs() {
    // IMF, World Economic Outlook Database, April 2025 (weo-2025-04-allies.csv):
    // Italy NGDP_RPCH 2024 0.73 (actual; estimates start after 2024), 2025 0.44
    // (projection); Poland 2025 3.24; Montenegro's population is empty for 2014.
    let doc = json_of(defspend().args([
        "economy",
        "--economy",
        "imf-weo-2025-04",
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
    assert_eq!(doc["metadata"]["outlook"], V2025.id);

    // The tidy CSV: one row an ally, series and year.
    let out = defspend()
        .args(["economy", "IT", "--economy", V2025.id, "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("code,name,outlook,year,series,value,projected\n"));
    assert_eq!(csv.lines().count(), 1 + 17 * 5);
    assert!(csv.contains("IT,Italy,imf-weo-2025-04,2025,real_gdp_growth_pct,0.44,true"));
}

/// A planted fault in the WEO file of each vintage: one line naming file, row
/// and column, exit 1, nothing written.
fn planted(name: &str, edit: impl Fn(&str) -> String, needles: &[&str]) {
    for v in VINTAGES {
        planted_in(v, name, &edit, needles);
    }
}

fn planted_in(v: &Vintage, name: &str, edit: &impl Fn(&str) -> String, needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("weo.csv");
    std::fs::write(&input, edit(&weo_from_dataset(v))).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let mut cmd = defspend();
    cmd.args(["import", "imf-weo"])
        .arg(&input)
        .args(["--economy", v.id, "--out"])
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
        &["weo.csv", "Albania (AL) has 0 of the"],
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
        |t| {
            let fields = t.lines().next().unwrap().split(',').count();
            replace_field(t, 2, fields - 1, "soon")
        },
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

/// Impossible values are refused with the value and the allowed range: a real
/// growth of 75% a year, a population of zero, NaN, infinity, 1e300.
#[test]
fn impossible_values_in_the_imfs_file_are_refused() {
    // The line of Albania's series `code`, 1-based, in the WEO layout.
    let line_of = |t: &str, code: &str| {
        t.lines()
            .position(|l| l.split(',').nth(3) == Some(code) && l.split(',').nth(1) == Some("ALB"))
            .unwrap()
            + 1
    };
    for (code, value, needles) in [
        (
            "NGDP_RPCH",
            "75",
            vec!["is outside the range of", "-50 to 50"],
        ),
        ("NGDP_RPCH", "1e300", vec!["is outside the range of"]),
        ("LP", "0", vec!["is outside the range of", "above 0"]),
        ("NGDPD", "-3", vec!["is outside the range of"]),
        ("PCPIPCH", "NaN", vec!["not a finite number"]),
        ("PCPIPCH", "inf", vec!["not a finite number"]),
    ] {
        planted(
            &format!("{code} {value}"),
            |t| {
                let line = line_of(t, code);
                replace_field(t, line, 11, value)
            },
            &[&["column 2019"][..], &needles[..]].concat(),
        );
    }
}

#[test]
fn a_malformed_committed_table_is_refused_by_every_reader() {
    let data = copy_datasets();
    let path = data.path().join(format!("outlook/{}.csv", V2025.id));
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
        defspend()
            .arg("--data")
            .arg(data.path())
            .args(["economy", "--economy", V2025.id]),
        &[
            &format!("{}.csv:2: column value", V2025.id),
            "'fast' is not a number",
        ],
    );
}

#[test]
fn bad_arguments_are_usage_errors() {
    for (args, needle) in [
        (
            vec!["economy", "--economy", "imf-weo-1999"],
            "unknown outlook 'imf-weo-1999'",
        ),
        (
            vec!["economy", "--years", "2010-2020"],
            "--years: 2010-2020 is outside",
        ),
        (vec!["economy", "--years", "soon"], "not a year"),
        (vec!["economy", "Atlantis"], "unknown ally 'Atlantis'"),
        (
            vec!["import", "imf-weo", "x.csv", "--economy", "imf-weo-1999"],
            "--economy: unknown outlook 'imf-weo-1999'",
        ),
    ] {
        let out = defspend().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}
