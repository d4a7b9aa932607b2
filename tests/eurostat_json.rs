//! Eurostat's API answers in JSON-stat 2.0. A response in the structure of
//! the real `gov_ev` answer of 27 April 2026 (dimensions freq, expend,
//! na_item, unit, geo, time of sizes 1, 1, 2, 3, 28, 5; the geos in
//! Eurostat's order) is built here from the decoded figures of
//! `../shared/sources/eu/eurostat-gov-ev-defence-2026-04.csv`, as percentages
//! of GDP (the million-euro and national-currency cells left out, as a sparse
//! response may), and imports to the committed table byte for byte.

mod common;

use common::{assert_fails_with, datasets_dir, defspend, shared_sources};

const GEOS: [&str; 28] = [
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

fn response() -> String {
    let mut reader =
        csv::Reader::from_path(shared_sources().join("eu/eurostat-gov-ev-defence-2026-04.csv"))
            .unwrap();
    let mut values = serde_json::Map::new();
    for r in reader.records() {
        let r = r.unwrap();
        let g = GEOS.iter().position(|x| *x == &r[0]).unwrap();
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
            "geo": {"category": {"index": index(&GEOS)}},
            "time": {"category": {"index": index(&["2021", "2022", "2023", "2024", "2025"])}},
        }
    })
    .to_string()
}

#[test]
fn a_json_stat_response_imports_to_the_committed_table() {
    if !shared_sources().is_dir() {
        return common::skipped("gov_ev as JSON-stat", "../shared/sources not found");
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("gov_ev.json");
    std::fs::write(&input, response()).unwrap();
    let out = dir.path().join("out");
    defspend()
        .args(["import", "eurostat-gov-ev"])
        .arg(&input)
        .args(["--id", "eurostat-gov-ev-2026-04", "--output"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(out.join("eurostat-gov-ev-2026-04.csv")).unwrap(),
        std::fs::read_to_string(datasets_dir().join("eurostat/eurostat-gov-ev-2026-04.csv"))
            .unwrap()
    );
}

#[test]
fn a_page_where_a_response_was_expected_is_one_line_and_nothing_imported() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("gov_ev.json");
    std::fs::write(
        &input,
        "{\"error\": {\"status\": 404, \"label\": \"not found\"}}",
    )
    .unwrap();
    let out = dir.path().join("out");
    assert_fails_with(
        defspend()
            .args(["import", "eurostat-gov-ev"])
            .arg(&input)
            .args(["--id", "eurostat-gov-ev-2026-04", "--output"])
            .arg(&out),
        &["gov_ev.json", "not a JSON-stat dataset"],
    );
    assert!(!out.exists());
}
