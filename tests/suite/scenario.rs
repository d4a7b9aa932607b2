//! `defspend scenario`: shipped files, paths, and bad scenario files.

use crate::common;

use common::{assert_dir_holds_only, assert_fails_with, defspend, json_of, stdout_of};
use serde_json::Value;

const SHIPPED: [&str; 5] = [
    "wales-2pct",
    "three-percent",
    "hague-2035",
    "hague-2035-imf",
    "hague-2035-spain-flex",
];

fn run(name: &str) -> Value {
    json_of(defspend().args(["scenario", "run", name, "--format", "json"]))
}

fn run_on(name: &str, economy: &str) -> Value {
    json_of(defspend().args([
        "scenario",
        "run",
        name,
        "--economy",
        economy,
        "--format",
        "json",
    ]))
}

fn path_of<'a>(doc: &'a Value, code: &str) -> Vec<&'a Value> {
    doc["paths"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "ally" && r["code"] == code)
        .collect()
}

#[test]
fn every_shipped_scenario_runs_and_checks() {
    for name in SHIPPED {
        let doc = run(name);
        assert!(doc["paths"].as_array().unwrap().len() > 100, "{name}");
        defspend()
            .args(["scenario", "check", name])
            .assert()
            .success();
        let file = format!("{}/scenarios/{name}.toml", env!("CARGO_MANIFEST_DIR"));
        defspend()
            .args(["scenario", "run", &file, "--format", "csv"])
            .assert()
            .success();
    }
    let out = defspend().args(["scenario", "list"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for name in SHIPPED {
        assert!(text.contains(name));
    }
}

#[test]
fn hague_paths_start_at_the_published_baseline_and_end_at_3_5_core() {
    // NATO July 2026 edition, core defence expenditure as % of GDP, 2025e: Italy 2.09.
    let doc = run("hague-2035");
    let italy = path_of(&doc, "IT");
    assert_eq!(italy.len(), 11, "2025 to 2035");
    assert_eq!(italy[0]["year"], 2025);
    assert!((italy[0]["required_share"].as_f64().unwrap() - 2.09).abs() < 1e-9);
    assert!((italy[10]["required_share"].as_f64().unwrap() - 3.5).abs() < 1e-9);
    // Linear: equal steps of (3.5 - 2.09) / 10 points.
    for w in italy.windows(2) {
        let step =
            w[1]["required_share"].as_f64().unwrap() - w[0]["required_share"].as_f64().unwrap();
        assert!((step - 0.141).abs() < 1e-6);
    }
    // The edition's own 2026e share (2.10) sits beside the required 2.23.
    assert!((italy[1]["published_share"].as_f64().unwrap() - 2.10).abs() < 1e-9);
    assert_eq!(doc["metadata"]["headline_pct_of_gdp"], 5.0);
    assert_eq!(doc["metadata"]["review_year"], 2029);
}

#[test]
fn spain_flex_gives_spain_its_own_core_target() {
    let flex = run("hague-2035-spain-flex");
    let base = run("hague-2035");
    let spain = path_of(&flex, "ES");
    assert!((spain[10]["required_share"].as_f64().unwrap() - 2.1).abs() < 1e-9);
    assert!((path_of(&base, "ES")[10]["required_share"].as_f64().unwrap() - 3.5).abs() < 1e-9);
    assert!(flex["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n.as_str().unwrap().starts_with("Spain: own target 2.1%")));
}

#[test]
fn group_paths_are_the_sum_of_their_members() {
    let doc = run("three-percent");
    let rows = doc["paths"].as_array().unwrap();
    for year in 2026..=2030 {
        let members: f64 = rows
            .iter()
            .filter(|r| r["kind"] == "ally" && r["year"] == year && r["code"] != "US")
            .map(|r| r["spending_constant_2021_bn"].as_f64().unwrap())
            .sum();
        let group = rows
            .iter()
            .find(|r| r["kind"] == "group" && r["code"] == "europe-canada" && r["year"] == year)
            .unwrap();
        assert!(
            (group["spending_constant_2021_bn"].as_f64().unwrap() - members).abs() < 1e-3,
            "{year}"
        );
    }
}

#[test]
fn wales_2014_baseline_has_three_allies_at_two_percent() {
    // NATO June 2024, Table 3, 2014: Greece 2.22, United Kingdom 2.14, United States 3.71
    // at or above 2%; 27 allies with armed forces in 2014.
    let doc = run("wales-2pct");
    let summary = doc["summary"].as_array().unwrap();
    assert!(summary
        .iter()
        .any(|s| s == "3 of 27 allies are already at their target in 2014."));
}

#[test]
fn a_threshold_flags_steep_paths() {
    let strict = json_of(defspend().args([
        "scenario",
        "run",
        "hague-2035",
        "--growth-threshold",
        "3",
        "--format",
        "json",
    ]));
    let flagged = |doc: &Value| {
        doc["allies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["flag"].as_str().is_some_and(|f| f.starts_with("needs")))
            .count()
    };
    assert!(flagged(&strict) > flagged(&run("hague-2035")));
}

/// Writes a scenario file with `body`, runs it with --output, checks the failure.
fn bad_scenario(body: &str, needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, body).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    assert_fails_with(
        defspend()
            .args(["scenario", "run"])
            .arg(&file)
            .arg("--output")
            .arg(out_dir.path().join("out.csv")),
        needles,
    );
    assert_dir_holds_only(out_dir.path(), &[]);
    assert_fails_with(defspend().args(["scenario", "check"]).arg(&file), needles);
}

const GOOD: &str = "name = \"t\"\ndescription = \"d\"\nedition = \"nato-2026\"\nbaseline_year = 2025\ntarget_year = 2035\ntarget = 3.0\n";

#[test]
fn the_good_base_file_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("good.toml");
    std::fs::write(&file, GOOD).unwrap();
    defspend()
        .args(["scenario", "check"])
        .arg(&file)
        .assert()
        .success();
}

#[test]
fn syntax_error_names_line_and_column() {
    bad_scenario(
        &GOOD.replace("target = 3.0", "target = = 3.0"),
        &["bad.toml:6:"],
    );
}

#[test]
fn unknown_key_is_rejected() {
    bad_scenario(
        &format!("{GOOD}targte_year = 2030\n"),
        &["bad.toml:7:1", "unknown field `targte_year`"],
    );
}

#[test]
fn target_at_or_below_zero() {
    bad_scenario(
        &GOOD.replace("target = 3.0", "target = 0"),
        &["bad.toml:6:10", "target = 0", "above 0"],
    );
    bad_scenario(
        &GOOD.replace("target = 3.0", "target = -2.5"),
        &["bad.toml:6:10", "above 0"],
    );
}

#[test]
fn target_at_or_above_100() {
    bad_scenario(
        &GOOD.replace("target = 3.0", "target = 100"),
        &["bad.toml:6:10", "below 100"],
    );
}

#[test]
fn target_year_before_baseline() {
    bad_scenario(
        &GOOD.replace("target_year = 2035", "target_year = 2020"),
        &["bad.toml:5:15", "must come after baseline_year 2025"],
    );
}

#[test]
fn baseline_outside_the_edition() {
    bad_scenario(
        &GOOD.replace("baseline_year = 2025", "baseline_year = 2027"),
        &["bad.toml:4:17", "outside edition nato-2026 (2014-2026)"],
    );
}

#[test]
fn unknown_edition() {
    bad_scenario(
        &GOOD.replace("nato-2026", "nato-2030"),
        &["bad.toml:3:11", "unknown edition 'nato-2030'"],
    );
}

#[test]
fn unknown_ally() {
    bad_scenario(
        &format!("{GOOD}\n[allies.Atlantis]\ntarget = 2.0\n"),
        &["bad.toml:8:9", "unknown ally 'Atlantis'"],
    );
}

#[test]
fn unknown_group() {
    bad_scenario(
        &format!("{GOOD}groups = [\"nordics\"]\n"),
        &["bad.toml:7:10", "unknown group 'nordics'"],
    );
}

#[test]
fn growth_rate_that_is_not_a_number() {
    bad_scenario(
        &format!("{GOOD}real_gdp_growth = \"fast\"\n"),
        &["bad.toml:7:19", "expected f64"],
    );
}

#[test]
fn no_target_at_all() {
    bad_scenario(
        &GOOD.replace("target = 3.0\n", ""),
        &["bad.toml:1:1", "no target"],
    );
}

#[test]
fn both_target_and_core() {
    bad_scenario(
        &format!("{GOOD}core = 3.5\n"),
        &["bad.toml:6:10", "either target or core"],
    );
}

#[test]
fn ally_core_in_a_single_target_scenario() {
    bad_scenario(
        &format!("{GOOD}\n[allies.ES]\ncore = 2.1\n"),
        &["bad.toml:9:8", "give the ally target = PCT"],
    );
}

#[test]
fn missing_scenario_file() {
    assert_fails_with(
        defspend().args(["scenario", "run", "/nonexistent/s.toml"]),
        &["cannot read /nonexistent/s.toml"],
    );
}

/// A row's value, as f64.
fn num(row: &Value, key: &str) -> f64 {
    row[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} in {row}"))
}

/// GDP behind a path row: spending / share x 100 (USD bn).
fn gdp(row: &Value, spending: &str) -> f64 {
    num(row, spending) / num(row, "required_share") * 100.0
}

#[test]
fn an_outlook_gives_each_ally_its_own_gdp_path() {
    // IMF, World Economic Outlook Database, April 2025 (datasets/outlook),
    // named with --economy in place of the scenario's latest outlook:
    // Italy's real GDP growth 0.84% in 2026 and 0.70% in 2030; its GDP in
    // current USD 2422.86 bn in 2025 and 2504.61 bn in 2026.
    let imf = run_on("hague-2035-imf", "imf-weo-2025-04");
    let flat = run("hague-2035");
    let italy = path_of(&imf, "IT");
    let italy_flat = path_of(&flat, "IT");
    assert_eq!(italy.len(), 11);
    let (y2025, y2026) = (italy[0], italy[1]);
    // The share path does not depend on growth (linear), the money does.
    assert_eq!(y2026["required_share"], italy_flat[1]["required_share"]);
    let real = gdp(y2026, "spending_constant_2021_bn") / gdp(y2025, "spending_constant_2021_bn");
    assert!((real - 1.0084).abs() < 1e-6, "real growth 2026: {real}");
    let usd = gdp(y2026, "spending_current_bn") / gdp(y2025, "spending_current_bn");
    assert!(
        (usd - 2504.61 / 2422.86).abs() < 1e-6,
        "USD growth 2026: {usd}"
    );
    // After the outlook's last year (2030): its 2030 real growth, USD prices +2%.
    let (y2030, y2031) = (italy[5], italy[6]);
    assert_eq!(y2031["year"], 2031);
    let real = gdp(y2031, "spending_constant_2021_bn") / gdp(y2030, "spending_constant_2021_bn");
    assert!((real - 1.0070).abs() < 1e-6, "real growth 2031: {real}");
    let usd = gdp(y2031, "spending_current_bn") / gdp(y2030, "spending_current_bn");
    assert!((usd - 1.0070 * 1.02).abs() < 1e-6, "USD growth 2031: {usd}");
    // Slower growth than the flat 1.5%: less money for the same share.
    assert!(num(italy[10], "spending_current_bn") < num(italy_flat[10], "spending_current_bn"));
    // Every output says where GDP comes from.
    assert_eq!(imf["metadata"]["economy"]["outlook"], "imf-weo-2025-04");
    assert!(flat["metadata"]["economy"].is_null());
    assert!(imf["metadata"]["citation"]
        .as_str()
        .unwrap()
        .contains("IMF, World Economic Outlook Database, April 2025."));
    assert!(imf["summary"][1]
        .as_str()
        .unwrap()
        .contains("year by year to 2030, then each ally's 2030 real growth"));
}

#[test]
fn the_shipped_outlook_scenario_runs_on_the_april_2026_outlook() {
    // IMF, World Economic Outlook Database, April 2026 (weo-2026-04-allies.csv):
    // Italy's real GDP growth 0.521% in 2026 and 0.7% in 2031 (the last
    // year); its GDP in current USD 2550.111 bn in 2025 and 2738.164 bn in 2026.
    let imf = run("hague-2035-imf");
    let italy = path_of(&imf, "IT");
    let (y2025, y2026) = (italy[0], italy[1]);
    let real = gdp(y2026, "spending_constant_2021_bn") / gdp(y2025, "spending_constant_2021_bn");
    assert!((real - 1.00521).abs() < 1e-6, "real growth 2026: {real}");
    let usd = gdp(y2026, "spending_current_bn") / gdp(y2025, "spending_current_bn");
    assert!(
        (usd - 2738.164 / 2550.111).abs() < 1e-6,
        "USD growth 2026: {usd}"
    );
    // After 2031, the outlook's last year: its 2031 real growth, USD prices +2%.
    let (y2031, y2032) = (italy[6], italy[7]);
    assert_eq!(y2032["year"], 2032);
    let real = gdp(y2032, "spending_constant_2021_bn") / gdp(y2031, "spending_constant_2021_bn");
    assert!((real - 1.007).abs() < 1e-6, "real growth 2032: {real}");
    let usd = gdp(y2032, "spending_current_bn") / gdp(y2031, "spending_current_bn");
    assert!((usd - 1.007 * 1.02).abs() < 1e-6, "USD growth 2032: {usd}");
    assert_eq!(imf["metadata"]["economy"]["outlook"], "imf-weo-2026-04");
    assert!(imf["metadata"]["citation"]
        .as_str()
        .unwrap()
        .contains("IMF, World Economic Outlook Database, April 2026."));
    // A flat-growth scenario keeps its rate whatever --economy says.
    let flat = run_on("hague-2035", "imf-weo-2025-04");
    assert!(flat["metadata"]["economy"].is_null());
    // An unknown outlook is a usage error naming the flag.
    common::assert_fails_with(
        defspend().args([
            "scenario",
            "run",
            "hague-2035-imf",
            "--economy",
            "imf-weo-1999",
        ]),
        &["--economy", "unknown outlook 'imf-weo-1999'"],
    );
}

#[test]
fn an_allys_own_growth_wins_over_the_outlook() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("own.toml");
    std::fs::write(
        &file,
        format!("{GOOD}economy = \"imf-weo-2025-04\"\n[allies.Italy]\nreal_gdp_growth = 0.0\n"),
    )
    .unwrap();
    let doc = json_of(
        defspend()
            .args(["scenario", "run", "--format", "json"])
            .arg(&file),
    );
    let italy = path_of(&doc, "IT");
    let flat =
        gdp(italy[10], "spending_constant_2021_bn") / gdp(italy[0], "spending_constant_2021_bn");
    assert!((flat - 1.0).abs() < 1e-6, "Italy's own 0% growth: {flat}");
    let poland = path_of(&doc, "PL");
    let grown =
        gdp(poland[1], "spending_constant_2021_bn") / gdp(poland[0], "spending_constant_2021_bn");
    // IMF, WEO April 2025: Poland's real GDP growth 3.10% in 2026.
    assert!(
        (grown - 1.0310).abs() < 1e-6,
        "Poland from the outlook: {grown}"
    );
}

#[test]
fn an_unknown_economy_is_refused_with_its_place() {
    bad_scenario(
        &format!("{GOOD}economy = \"imf-weo-1999\"\n"),
        &[
            "bad.toml:7:11",
            "unknown economy 'imf-weo-1999'",
            "imf-weo-2025-04",
        ],
    );
    bad_scenario(
        &format!("{GOOD}economy = 2025\n"),
        &["bad.toml:7:11", "invalid type"],
    );
}

/// `defspend scenario run FILE --format csv` with more flags.
fn csv_of(args: &[&str]) -> String {
    stdout_of(
        defspend()
            .args(["scenario", "run"])
            .args(args)
            .args(["--format", "csv"]),
    )
}

#[test]
fn a_run_s_changes_are_the_file_one_would_write_with_them() {
    // Target 3% core by 2030 on a constant-growth path, Spain at 2.1% and
    // Italy (by name) at 2.5%: the same figures as hague-2035.toml with
    // those keys written in.
    let changed = csv_of(&[
        "hague-2035",
        "--target",
        "3",
        "--by",
        "2030",
        "--path",
        "constant-growth",
        "--ally-target",
        "ES=2.1,Italy=2.5",
    ]);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("scenarios/hague-2035.toml")).unwrap();
    let written = text
        .replace(
            "name = \"The Hague 2035: 3.5% core + 1.5% related\"",
            "name = \"The Hague 2035: 3.5% core + 1.5% related (changed)\"",
        )
        .replace("core = 3.5", "core = 3.0")
        .replace("target_year = 2035", "target_year = 2030")
        .replace("path = \"linear\"", "path = \"constant-growth\"")
        + "\n[allies.ES]\ncore = 2.1\n\n[allies.IT]\ncore = 2.5\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("changed.toml");
    std::fs::write(&file, written).unwrap();
    assert_eq!(changed, csv_of(&[file.to_str().unwrap()]));

    // The path ends at the targets in 2030 from NATO's 2025e shares (July
    // 2026 edition, Table 3), Spain's own 2.1 and Italy's 2.5 included.
    let doc = json_of(defspend().args([
        "scenario",
        "run",
        "hague-2035",
        "--target",
        "3",
        "--by",
        "2030",
        "--ally-target",
        "ES=2.1,Italy=2.5",
        "--format",
        "json",
    ]));
    for (code, target) in [("ES", 2.1_f64), ("IT", 2.5), ("FR", 3.0)] {
        let path = path_of(&doc, code);
        assert_eq!(path.last().unwrap()["year"], 2030, "{code}");
        let s0 = num(path[0], "published_share");
        let end = num(path.last().unwrap(), "required_share");
        assert!((end - target.max(s0)).abs() < 1e-9, "{code}: {end}");
        // Linear: a fifth of the way in 2026.
        let step = num(path[1], "required_share");
        assert!(
            (step - (s0 + (target.max(s0) - s0) / 5.0)).abs() < 1e-3,
            "{code}: {step}"
        );
    }
    // The review year (2029) stays before 2030; a target year before it drops it.
    let early = csv_of(&["hague-2035", "--by", "2028"]);
    assert!(early.contains(",2028,"));
    assert!(!early.contains(",2029,"));
}

#[test]
fn a_run_s_changes_that_cannot_be_are_refused_with_their_flag() {
    for (args, message) in [
        (
            &["--by", "2020"][..],
            "defspend: --by: 2020 must come after the scenario's baseline year 2025",
        ),
        (
            &["--ally-target", "Narnia=3"][..],
            "defspend: --ally-target: unknown ally 'Narnia'",
        ),
        (
            &["--ally-target", "ES"][..],
            "defspend: --ally-target: 'ES' is not ALLY=PCT",
        ),
        (
            &["--ally-target", "ES=120"][..],
            "defspend: --ally-target: 120 is not a share of GDP",
        ),
        (
            &["--target", "99"][..],
            "defspend: --target: 99 + the scenario's related 1.5 must be below 100",
        ),
        (
            &["--path", "zigzag"][..],
            "defspend: invalid value 'zigzag' for '--path <SHAPE>'",
        ),
    ] {
        let out = defspend()
            .args(["scenario", "run", "hague-2035"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(message), "{args:?}: {err}");
    }
    // What the file cannot hold is the change's fault, not a line of it.
    assert_fails_with(
        defspend().args([
            "scenario",
            "run",
            "wales-2pct",
            "--ally-target",
            "Sweden=2.5",
        ]),
        &["defspend: --ally-target: Sweden was not a member in the baseline year 2014"],
    );
}
