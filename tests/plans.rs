//! National plans: imported with their sources, set against a scenario's
//! required path, interpolated as METHOD says, and refused when malformed.

mod common;

use common::{assert_fails_with, copy_datasets, defspend, json_of, replace_field};
use serde_json::Value;

const ID: &str = "national-plans-2025";

fn plans_json(args: &[&str]) -> Value {
    let mut cmd = defspend();
    cmd.args(["plans", "--format", "json"]).args(args);
    json_of(&mut cmd)
}

fn row<'a>(doc: &'a Value, section: &str, ally: &str) -> &'a Value {
    doc[section]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ally"] == ally)
        .unwrap_or_else(|| panic!("{ally} not in {section}"))
}

fn year<'a>(doc: &'a Value, code: &str, y: i64) -> &'a Value {
    doc["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == code && r["year"] == y)
        .unwrap_or_else(|| panic!("{code} {y}"))
}

#[test]
fn the_committed_plans_are_what_the_importer_makes_of_the_compilation() {
    let source = common::shared_sources().join("plans/national-plans-2025.csv");
    if !source.exists() {
        eprintln!("skipped: ../shared/sources/plans is not beside the repository");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = defspend()
        .args(["import", "plans"])
        .arg(&source)
        .args(["--plans", ID, "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(dir.path().join(format!("{ID}.csv"))).unwrap(),
        std::fs::read(common::datasets_dir().join(format!("plans/{ID}.csv"))).unwrap()
    );
}

#[test]
fn plans_are_interpolated_between_milestones_and_held_after_the_last() {
    let doc = plans_json(&[]);
    // Czechia (national-plans-2025): 2.2% in 2026, 3.0% in 2030 -> 2.6% in 2028, by hand.
    let cz = year(&doc, "CZ", 2028)["planned_share"].as_f64().unwrap();
    assert!((cz - 2.6).abs() < 1e-9, "{cz}");
    // Belgium: 2.5% in 2034, held in 2035.
    assert_eq!(year(&doc, "BE", 2035)["planned_share"], 2.5);
    // Before Czechia's first milestone: from NATO's 2025e share (July 2026 edition).
    let required = year(&doc, "CZ", 2025);
    assert_eq!(required["planned_share"], required["published_share"]);
    // The required path is the scenario's: 3.5% core in 2035 for an ally below it.
    assert_eq!(year(&doc, "IT", 2035)["required_share"], 3.5);
}

#[test]
fn who_falls_behind_when_and_by_how_much() {
    let doc = plans_json(&[]);
    // Italy: 2% in 2025 held; the Hague path needs 2.23% in 2026 (from 2.09% in 2025e).
    let italy = row(&doc, "allies", "Italy");
    assert_eq!(italy["first_year_behind"], 2026);
    assert_eq!(italy["difference_points"], -1.5);
    // Its 2035 shortfall is 1.5 points of its 2035 GDP on the scenario's path.
    let run = json_of(defspend().args(["scenario", "run", "hague-2035", "--format", "json"]));
    let path_2035 = run["paths"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "IT" && r["year"] == 2035)
        .unwrap();
    let gdp = path_2035["spending_current_bn"].as_f64().unwrap() / 3.5 * 100.0;
    let short = italy["shortfall_usd_current_bn"].as_f64().unwrap();
    assert!(
        (short - 0.015 * gdp).abs() < 1e-4,
        "{short} vs {}",
        0.015 * gdp
    );
    // Germany plans 3.5% by 2029: never behind, nothing short.
    let germany = row(&doc, "allies", "Germany");
    assert_eq!(germany["first_year_behind"], "never");
    assert_eq!(germany["shortfall_usd_current_bn"], 0.0);
    // Poland's plan is on a national definition: flagged.
    assert_eq!(row(&doc, "allies", "Poland")["flag"], "national definition");
}

#[test]
fn an_ally_with_no_plan_is_listed_as_having_none() {
    let doc = plans_json(&[]);
    let without: Vec<&str> = doc["metadata"]["allies_without_plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for name in ["France", "Finland", "Netherlands", "United States"] {
        assert!(without.contains(&name), "{name}");
        assert!(
            !doc["allies"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["ally"] == name),
            "{name} is given no plan"
        );
    }
    assert_eq!(doc["metadata"]["allies_with_plan"], 17);
    let text = String::from_utf8(defspend().arg("plans").output().unwrap().stdout).unwrap();
    assert!(text.contains("No plan listed, none assumed: Albania, Bulgaria, Finland, France"));
}

#[test]
fn a_milestone_before_the_scenarios_baseline_is_refused() {
    // three-percent starts from 2026; Belgium's first milestone is 2025.
    assert_fails_with(
        defspend().args(["plans", "--scenario", "three-percent"]),
        &[
            &format!("plans/{ID}.csv:2: column year"),
            "BE 2025 comes before the baseline year 2026",
        ],
    );
}

/// A planted fault in the plans dataset: every reader refuses it with its place.
fn planted(edit: impl Fn(&str) -> String, needles: &[&str]) {
    let data = copy_datasets();
    let path = data.path().join(format!("plans/{ID}.csv"));
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(&text)).unwrap();
    let out = tempfile::tempdir().unwrap();
    assert_fails_with(
        defspend()
            .arg("--data")
            .arg(data.path())
            .arg("plans")
            .arg("--output")
            .arg(out.path().join("plans.csv")),
        needles,
    );
    common::assert_dir_holds_only(out.path(), &[]);
}

#[test]
fn bad_plans_are_refused_with_file_line_and_column() {
    planted(
        |t| replace_field(t, 2, 2, "0"),
        &[":2: column share_pct_gdp", "0 is not a share of GDP"],
    );
    planted(
        |t| replace_field(t, 2, 2, "-1.5"),
        &[":2: column share_pct_gdp", "is not a share of GDP"],
    );
    planted(
        |t| replace_field(t, 3, 3, "roughly"),
        &[":3: column basis", "'roughly' is not a basis"],
    );
    planted(
        |t| replace_field(t, 2, 5, "June 2025"),
        &[":2: column announced", "not a date"],
    );
    planted(
        |t| replace_field(t, 2, 6, "certain"),
        &[":2: column trust", "not high, medium or low"],
    );
    planted(
        |t| replace_field(t, 2, 0, "XX"),
        &[":2: column ally", "unknown ally code 'XX'"],
    );
    planted(
        |t| replace_field(t, 3, 1, "2025"),
        &[":3: column year", "BE has two milestones for 2025"],
    );
}

#[test]
fn bad_arguments_are_usage_errors() {
    for (args, needle) in [
        (
            vec!["plans", "--plans", "wishes-2030"],
            "unknown plans 'wishes-2030'",
        ),
        (
            vec!["plans", "--allies", "Atlantis"],
            "unknown ally 'Atlantis'",
        ),
        (
            vec!["import", "plans", "x.csv", "--plans", "wishes-2030"],
            "unknown plans 'wishes-2030'",
        ),
    ] {
        let out = defspend().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(needle),
            "{args:?}"
        );
    }
}
