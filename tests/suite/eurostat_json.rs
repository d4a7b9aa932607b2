//! Eurostat's API answers in JSON-stat 2.0. A response in the structure of
//! the real `gov_ev` answer of 27 April 2026 (dimensions freq, expend,
//! na_item, unit, geo, time of sizes 1, 1, 2, 3, 28, 5; the geos in
//! Eurostat's order) is built here from the decoded figures of
//! `../shared/sources/eu/eurostat-gov-ev-defence-2026-04.csv`, as percentages
//! of GDP (the million-euro and national-currency cells left out, as a sparse
//! response may), and imports to the committed table byte for byte.

use crate::common;

use common::{
    assert_fails_with, datasets_dir, defspend, gov_ev_response as response, shared_sources,
};

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
