//! `defspend shortfall` against NATO's published figures.

use crate::common;

use common::{defspend, json_of};
use serde_json::Value;

fn shortfall_2024(target: &str) -> Value {
    json_of(defspend().args([
        "shortfall",
        "--edition",
        "nato-2024",
        "--year",
        "2024",
        "--target",
        target,
        "--format",
        "json",
    ]))
}

#[test]
fn twenty_three_allies_meet_two_percent_in_2024_eight_fall_short() {
    // NATO, Defence Expenditure of NATO Countries (2014-2024), 17 June 2024, Table 3,
    // share of real GDP, 2024e: 23 allies at or above 2%, 8 below, Iceland n/a.
    let doc = shortfall_2024("2");
    let meta = &doc["metadata"];
    assert_eq!(meta["allies_meeting"], 23);
    assert_eq!(meta["allies_below"], 8);
    assert_eq!(meta["allies_counted"], 31);
    assert_eq!(meta["estimate"], true);
    assert_eq!(meta["not_counted"][0]["ally"], "Iceland");
    assert_eq!(meta["not_counted"][0]["reason"], "no armed forces");

    let below: Vec<(String, f64)> = doc["allies_below"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ally"].as_str().unwrap().to_string(),
                r["share_of_gdp"].as_f64().unwrap(),
            )
        })
        .collect();
    // Table 3, 2024e, as published (two decimals), lowest first.
    let expected = [
        ("Spain", 1.28),
        ("Slovenia", 1.29),
        ("Luxembourg", 1.29),
        ("Belgium", 1.30),
        ("Canada", 1.37),
        ("Italy", 1.49),
        ("Portugal", 1.55),
        ("Croatia", 1.81),
    ];
    assert_eq!(below.len(), expected.len());
    for ((name, share), (want_name, want_share)) in below.iter().zip(expected) {
        assert_eq!(name, want_name);
        assert!(
            (share - want_share).abs() < 0.005,
            "{name}: {share} vs published {want_share}"
        );
    }
    let summary = doc["summary"].as_array().unwrap();
    assert!(summary[0]
        .as_str()
        .unwrap()
        .starts_with("23 of 31 allies with armed forces meet 2% of GDP in 2024e"));
    assert!(summary.iter().any(|s| s
        .as_str()
        .unwrap()
        .contains("Iceland: n/a (no armed forces)")));
}

#[test]
fn slovakia_meets_2024_on_natos_published_share() {
    // Table 3 publishes the Slovak Republic at 2.00 in 2024e although constant spending /
    // constant GDP (Tables 2 and 5) is 1.989: the published share decides.
    let doc = shortfall_2024("2");
    let meeting = doc["allies_meeting"].as_array().unwrap();
    let sk = meeting
        .iter()
        .find(|r| r["code"] == "SK")
        .expect("Slovak Republic meets 2%");
    assert_eq!(sk["share_of_gdp"].as_f64(), Some(2.0));
}

#[test]
fn money_gap_is_points_times_gdp() {
    // Spain 2024e: Table 3 share 1.2825; Table 5 GDP 1,658,360 USD m current.
    let doc = shortfall_2024("2");
    let spain = &doc["allies_below"][0];
    let expected_bn = (2.0 - 1.282549642204323) / 100.0 * 1_658_360.152_822_105_4 / 1000.0;
    assert!((spain["gap_usd_current_bn"].as_f64().unwrap() - expected_bn).abs() < 1e-5);
}

#[test]
fn group_totals_are_the_sum_of_members_gaps() {
    let doc = shortfall_2024("3");
    let members: f64 = doc["allies_below"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["code"] != "US")
        .map(|r| r["gap_usd_current_bn"].as_f64().unwrap())
        .sum();
    let groups = doc["groups"].as_array().unwrap();
    let europe_canada = groups
        .iter()
        .find(|g| g["group"] == "Europe and Canada")
        .unwrap();
    assert!((europe_canada["gap_usd_current_bn"].as_f64().unwrap() - members).abs() < 1e-4);
}

#[test]
fn the_default_is_the_latest_edition_and_year() {
    let doc = json_of(defspend().args(["shortfall", "--format", "json"]));
    assert_eq!(doc["metadata"]["edition"], "nato-2026");
    assert_eq!(doc["metadata"]["year"], 2026);
    assert_eq!(doc["metadata"]["target_pct_of_gdp"], 2.0);
    assert!(doc["metadata"]["citation"]
        .as_str()
        .unwrap()
        .contains("2025-2026 are estimates"));
}

#[test]
fn allies_that_had_not_joined_are_not_counted() {
    // 2022: Finland (2023) and Sweden (2024) were not yet allies: 29 with armed forces.
    let doc = json_of(defspend().args([
        "shortfall",
        "--edition",
        "nato-2024",
        "--year",
        "2022",
        "--format",
        "json",
    ]));
    assert_eq!(doc["metadata"]["allies_counted"], 29);
    let notes = doc["notes"].as_array().unwrap();
    assert!(notes
        .iter()
        .any(|n| n.as_str().unwrap().starts_with("Finland joined NATO")));
    assert!(notes
        .iter()
        .any(|n| n.as_str().unwrap().starts_with("Sweden joined NATO")));
}

#[test]
fn every_format_carries_the_citation_and_estimates() {
    let out = defspend()
        .args([
            "shortfall",
            "--edition",
            "nato-2024",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("| Spain | ES | 1.28 |"));
    assert!(md.contains("*Source: NATO, Defence Expenditure of NATO Countries (2014-2024), 17 June 2024. 2023-2024 are estimates.*"));

    let out = defspend()
        .args(["shortfall", "--edition", "nato-2024", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "kind,code,name,edition,year,estimate,target_pct,status,share_of_gdp,share_source,gap_points,gap_usd_current_bn,gap_usd_constant_2015_bn,allies_below"
    );
    assert!(csv.contains("ally,IS,Iceland,nato-2024,2024,true,2,n/a,"));

    let out = defspend()
        .args(["shortfall", "--edition", "nato-2024"])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("2024e"));
    assert!(table.contains("Source: NATO"));
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shortfall.json");
    defspend()
        .args([
            "shortfall",
            "--edition",
            "nato-2024",
            "--format",
            "json",
            "--output",
        ])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(doc["metadata"]["allies_meeting"], 23);
    common::assert_dir_holds_only(dir.path(), &["shortfall.json"]);
}
