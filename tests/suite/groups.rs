//! Groups as data: `datasets/groups.toml`, named groups by key, a user's
//! `--groups-file`, and every bad groups file refused with its place.

use crate::common;

use common::{assert_dir_holds_only, assert_fails_with, copy_datasets, defspend, json_of};
use defspend::data::{groups, Catalog, DataSource};
use serde_json::Value;

fn group_row<'a>(doc: &'a Value, label: &str) -> &'a Value {
    doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == label)
        .unwrap_or_else(|| panic!("no group {label} in {}", doc["groups"]))
}

/// The gap of each ally below the target, USD bn (current), by code.
fn gaps(doc: &Value) -> Vec<(String, f64)> {
    doc["allies_below"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["code"].as_str().unwrap().to_string(),
                a["gap_usd_current_bn"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_standard_groups_are_the_ones_nato_totals() {
    let catalog = Catalog::load(DataSource::Embedded).unwrap();
    let standard: Vec<&str> = catalog
        .standard_groups()
        .iter()
        .map(|g| g.key.as_str())
        .collect();
    assert_eq!(standard, ["europe-canada", "eu", "us", "all"]);
    assert_eq!(catalog.required_group(groups::ALL).codes.len(), 32);
    let europe = catalog.required_group(groups::EUROPE_CANADA);
    assert_eq!(europe.codes.len(), 31, "every ally but the United States");
    assert!(!europe.contains("US") && europe.contains("CA"));
    assert_eq!(catalog.required_group(groups::UNITED_STATES).codes, ["US"]);
    // EU allies: the allies.csv flag, 23 of them.
    assert_eq!(catalog.group("eu").unwrap().codes.len(), 23);
}

#[test]
fn a_named_group_totals_its_members_gaps() {
    // NATO June 2024, Table 3, 2024e: Finland 2.41, Denmark 2.37, Norway 2.20,
    // Sweden 2.14, Lithuania 2.85 are below 3%; Estonia 3.43 and Latvia 3.15 are
    // above; Iceland has no armed forces.
    let doc = json_of(defspend().args([
        "shortfall",
        "--edition",
        "nato-2024",
        "--year",
        "2024",
        "--target",
        "3",
        "--groups",
        "nordic-baltic",
        "--format",
        "json",
    ]));
    let groups = doc["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "only the group asked for");
    let nb = group_row(&doc, "Nordic-Baltic Eight");
    assert_eq!(nb["allies"], 7, "Iceland is not counted");
    assert_eq!(nb["allies_below"], 5);
    let members = ["DK", "EE", "FI", "IS", "LV", "LT", "NO", "SE"];
    let sum: f64 = gaps(&doc)
        .iter()
        .filter(|(c, _)| members.contains(&c.as_str()))
        .map(|(_, g)| g)
        .sum();
    let total = nb["gap_usd_current_bn"].as_f64().unwrap();
    assert!((total - sum).abs() < 1e-4, "{total} vs {sum}");
}

#[test]
fn a_users_groups_file_adds_groups() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(
        &file,
        "[[group]]\nkey = \"benelux\"\nlabel = \"Benelux\"\nallies = [\"Belgium\", \"NL\", \"lux\"]\n",
    )
    .unwrap();
    // NATO June 2024, Table 3, 2024e: Belgium 1.30 and Luxembourg 1.29 below 2%,
    // the Netherlands 2.05 above.
    let doc = json_of(
        defspend()
            .args([
                "shortfall",
                "--edition",
                "nato-2024",
                "--groups",
                "benelux,europe-canada",
                "--format",
                "json",
                "--groups-file",
            ])
            .arg(&file),
    );
    let benelux = group_row(&doc, "Benelux");
    assert_eq!(benelux["allies"], 3);
    assert_eq!(benelux["allies_below"], 2);
    let sum: f64 = gaps(&doc)
        .iter()
        .filter(|(c, _)| c == "BE" || c == "LU")
        .map(|(_, g)| g)
        .sum();
    assert!((benelux["gap_usd_current_bn"].as_f64().unwrap() - sum).abs() < 1e-4);
    group_row(&doc, "Europe and Canada");

    // The same group in compare, and in a trend chart.
    let doc = json_of(
        defspend()
            .args([
                "compare",
                "--edition",
                "nato-2024",
                "--groups",
                "benelux",
                "--format",
                "json",
                "--groups-file",
            ])
            .arg(&file),
    );
    assert_eq!(
        doc["groups"].as_array().unwrap().len(),
        4,
        "one row a target"
    );
    let svg = dir.path().join("trend.svg");
    defspend()
        .args([
            "chart",
            "trend",
            "--groups",
            "benelux,nordic-baltic",
            "--groups-file",
        ])
        .arg(&file)
        .arg("--output")
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Benelux") && text.contains("Nordic-Baltic Eight"));
}

#[test]
fn a_scenario_reports_groups_by_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("flank.toml");
    std::fs::write(
        &file,
        "name = \"Flank\"\ndescription = \"3.5% by 2030\"\nedition = \"nato-2026\"\nbaseline_year = 2025\ntarget_year = 2030\ntarget = 3.5\ngroups = [\"eastern-flank\", \"big-four\"]\n",
    )
    .unwrap();
    let doc = json_of(
        defspend()
            .args(["scenario", "run", "--format", "json"])
            .arg(&file),
    );
    let labels: std::collections::BTreeSet<&str> = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels.into_iter().collect::<Vec<_>>(),
        ["Bucharest Nine", "Four largest European economies"]
    );
}

#[test]
fn an_unknown_group_key_is_a_usage_error_that_lists_the_keys() {
    let out = defspend()
        .args(["shortfall", "--groups", "nordics"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--groups: unknown group 'nordics'"),
        "{stderr}"
    );
    assert!(stderr.contains("nordic-baltic"), "{stderr}");
}

/// A bad groups file: one line naming file, line and column, exit 1, nothing written.
fn bad_groups_file(body: &str, needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, body).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    assert_fails_with(
        defspend()
            .args(["shortfall", "--groups-file"])
            .arg(&file)
            .arg("--output")
            .arg(out.join("gaps.csv")),
        needles,
    );
    assert_dir_holds_only(&out, &[]);
}

#[test]
fn bad_groups_files_are_refused_with_their_place() {
    bad_groups_file(
        "[[group]]\nkey = \"x\"\nlabel = \"X\"\nallies = [\"Atlantis\"]\n",
        &["bad.toml:1:1", "group 'x': unknown ally 'Atlantis'"],
    );
    bad_groups_file(
        "[[group]]\nkey = \"eu\"\nlabel = \"Mine\"\nallies = [\"DE\"]\n",
        &["bad.toml", "group 'eu' is already defined in groups.toml"],
    );
    bad_groups_file(
        "[[group]]\nkey = \"x\"\nlabel = \"X\"\nall = true\nallies = [\"DE\"]\n",
        &["bad.toml:1:1", "exactly one of"],
    );
    bad_groups_file(
        "[[group]]\nkey = \"x\"\nlabel = \"X\"\nallies = [\"DE\"]\ncolour = \"red\"\n",
        &["bad.toml:5:1", "unknown field `colour`"],
    );
    bad_groups_file(
        "[[group]]\nkey = \"Big Four\"\nlabel = \"X\"\nallies = [\"DE\"]\n",
        &["bad.toml:1:1", "must be lower-case"],
    );
    bad_groups_file(
        "[[group]]\nkey = \"x\"\nlabel = \"X\"\nallies = []\n",
        &["bad.toml:1:1", "lists no allies"],
    );
    bad_groups_file("[[group]\n", &["bad.toml:1:"]);
}

#[test]
fn a_dataset_directory_needs_the_groups_defspend_reports() {
    let data = copy_datasets();
    let path = data.path().join("groups.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("key = \"europe-canada\"", "key = \"europe-and-canada\""),
    )
    .unwrap();
    assert_fails_with(
        defspend().arg("--data").arg(data.path()).arg("shortfall"),
        &["groups.toml", "group 'europe-canada' is missing"],
    );
}
