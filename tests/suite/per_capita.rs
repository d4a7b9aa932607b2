//! Spending per person: NATO's own figure (Table 6) where the edition has one,
//! else current spending over the IMF outlook's population; checked against
//! the committed tables by hand.

use crate::common;

use common::{datasets_dir, defspend, json_of};

/// A field of a CSV line starting with `prefix` in a committed file.
fn field(file: &str, prefix: &str, col: usize) -> f64 {
    let text = std::fs::read_to_string(datasets_dir().join(file)).unwrap();
    text.lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("{prefix} in {file}"))
        .split(',')
        .nth(col)
        .unwrap()
        .parse()
        .unwrap()
}

/// The row of a JSON section whose `key` is `value`.
fn row<'a>(
    doc: &'a serde_json::Value,
    section: &str,
    key: &str,
    value: &str,
) -> &'a serde_json::Value {
    doc[section]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("no {key} = {value} in {section}"))
}

#[test]
fn burden_per_capita_uses_natos_table_where_the_edition_has_it() {
    // nato-2024: Italy 2024e, defence_per_capita_usd (Table 6, constant 2015 USD).
    let header = std::fs::read_to_string(datasets_dir().join("nato-2024/expenditure.csv")).unwrap();
    let col = header
        .lines()
        .next()
        .unwrap()
        .split(',')
        .position(|c| c == "defence_per_capita_usd")
        .unwrap();
    let expected = field("nato-2024/expenditure.csv", "IT,2024,", col);
    let doc = json_of(defspend().args([
        "burden",
        "--per-capita",
        "--edition",
        "nato-2024",
        "--format",
        "json",
    ]));
    let italy = row(&doc, "per_person", "code", "IT");
    assert!((italy["per_person_usd"].as_f64().unwrap() - expected).abs() < 1e-6);
    assert!(doc["notes"]
        .to_string()
        .contains("NATO's own figure (Table 6)"));
}

#[test]
fn without_natos_table_spending_is_divided_by_the_imfs_population() {
    // The 2026 edition without its Table 6: Italy 2026e current spending (USD
    // m) over the IMF's population (millions) for 2026, from the latest
    // outlook (April 2026).
    let data = common::without_table_6();
    let defspend = || {
        let mut c = common::defspend();
        c.arg("--data").arg(data.path());
        c
    };
    let spending = field("nato-2026/expenditure.csv", "IT,2026,", 4);
    let people = field("outlook/imf-weo-2026-04.csv", "IT,2026,population_m,", 3);
    let doc = json_of(defspend().args(["burden", "--per-capita", "--format", "json"]));
    let italy = row(&doc, "per_person", "code", "IT");
    assert!((italy["per_person_usd"].as_f64().unwrap() - spending / people).abs() < 1e-6);
    assert!(doc["notes"]
        .to_string()
        .contains("population from the IMF's outlook"));
    assert!(doc["notes"].to_string().contains("April 2026"));

    // The April 2025 outlook, named, gives its own population.
    let earlier = field("outlook/imf-weo-2025-04.csv", "IT,2026,population_m,", 3);
    let doc = json_of(defspend().args([
        "burden",
        "--per-capita",
        "--economy",
        "imf-weo-2025-04",
        "--format",
        "json",
    ]));
    let italy = row(&doc, "per_person", "code", "IT");
    assert!((italy["per_person_usd"].as_f64().unwrap() - spending / earlier).abs() < 1e-6);

    // The ally command shows the same figure for the year.
    let doc = json_of(defspend().args(["ally", "Italy", "--format", "json"]));
    let year = row(&doc, "years", "year", "2026e");
    assert!((year["defence_per_capita_usd"].as_f64().unwrap() - spending / people).abs() < 1e-6);
}

#[test]
fn the_gap_per_person_is_the_gap_over_the_population() {
    // Italy 2026e: (3.5 - 2.10) / 100 x GDP (current USD m), over the IMF's population.
    let share = field("nato-2026/expenditure.csv", "IT,2026,", 3);
    let gdp = field("nato-2026/expenditure.csv", "IT,2026,", 6);
    let people = field("outlook/imf-weo-2026-04.csv", "IT,2026,population_m,", 3);
    let doc = json_of(defspend().args(["compare", "--per-capita", "--format", "json"]));
    let italy = row(&doc, "gap_per_person", "ally", "Italy");
    let expected = (3.5 - share) / 100.0 * gdp / people;
    assert!(
        (italy["gap_per_person_usd_3.5"].as_f64().unwrap() - expected).abs() < 1e-6,
        "{italy}"
    );
    // Above a target, no gap.
    assert_eq!(italy["gap_per_person_usd_2"].as_f64().unwrap(), 0.0);
}

#[test]
fn the_per_capita_chart_names_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let without = common::without_table_6();
    for (edition, data, source) in [
        ("nato-2024", common::datasets_dir(), "own figure (Table 6)"),
        ("nato-2026", common::datasets_dir(), "own figure (Table 6)"),
        (
            "nato-2026",
            without.path().to_path_buf(),
            "population from the IMF",
        ),
    ] {
        let file = dir.path().join(format!("{edition}.svg"));
        defspend()
            .arg("--data")
            .arg(&data)
            .args(["chart", "per-capita", "--edition", edition, "--output"])
            .arg(&file)
            .assert()
            .success();
        let svg = std::fs::read_to_string(&file).unwrap();
        assert!(svg.contains(source), "{edition}");
    }
}
