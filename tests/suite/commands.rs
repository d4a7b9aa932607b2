//! `ally`, `editions`, `allies`: what is loaded, with provenance.

use crate::common;

use common::{defspend, json_of};

#[test]
fn ally_matches_names_and_codes_in_any_case() {
    for query in ["italy", "IT", "ita", "ITALY"] {
        let doc =
            json_of(defspend().args(["ally", query, "--edition", "nato-2024", "--format", "json"]));
        assert_eq!(doc["metadata"]["code"], "IT", "{query}");
    }
}

#[test]
fn ally_shows_every_year_with_estimates_marked() {
    // NATO June 2024, Table 3: Italy 1.49% in 2024e, 1.14% in 2014.
    let doc = json_of(defspend().args([
        "ally",
        "Italy",
        "--edition",
        "nato-2024",
        "--format",
        "json",
    ]));
    let years = doc["years"].as_array().unwrap();
    assert_eq!(years.len(), 11);
    assert_eq!(years[0]["year"], "2014");
    assert!((years[0]["share_of_gdp"].as_f64().unwrap() - 1.14).abs() < 0.005);
    assert_eq!(years[10]["year"], "2024e");
    assert!((years[10]["share_of_gdp"].as_f64().unwrap() - 1.49).abs() < 0.005);
    assert_eq!(
        doc["metadata"]["estimate_years"],
        serde_json::json!([2023, 2024])
    );

    let out = defspend()
        .args(["ally", "IT", "--edition", "nato-2024", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("code,edition,estimate,year,share_of_gdp,"));
    assert!(csv.contains("IT,nato-2024,true,2024,1.49"));
}

#[test]
fn iceland_is_na_not_zero() {
    let out = defspend()
        .args(["ally", "iceland", "--edition", "nato-2024"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("n/a (no armed forces)"));
}

#[test]
fn editions_lists_both_with_provenance() {
    let doc = json_of(defspend().args(["editions", "--format", "json"]));
    let editions = doc["editions"].as_array().unwrap();
    assert_eq!(editions.len(), 2);
    assert_eq!(editions[0]["id"], "nato-2024");
    assert_eq!(
        editions[0]["provenance"],
        "imported from NATO's official workbook"
    );
    assert_eq!(editions[0]["price_base_year"], 2015);
    assert_eq!(editions[1]["id"], "nato-2026");
    assert_eq!(editions[1]["provenance"], "transcription of NATO's tables");
    assert_eq!(editions[1]["basis"], "core defence expenditure");
    assert_eq!(doc["metadata"]["default_edition"], "nato-2026");
}

#[test]
fn allies_lists_32_with_accession_dates() {
    let doc = json_of(defspend().args(["allies", "--format", "json"]));
    let allies = doc["allies"].as_array().unwrap();
    assert_eq!(allies.len(), 32);
    let sweden = allies.iter().find(|a| a["code"] == "SE").unwrap();
    assert_eq!(sweden["accession_date"], "2024-03-07");
    let iceland = allies.iter().find(|a| a["code"] == "IS").unwrap();
    assert_eq!(iceland["has_armed_forces"], false);
    let greece = allies.iter().find(|a| a["iso3"] == "GRC").unwrap();
    assert_eq!(greece["code"], "EL");
}

#[test]
fn works_from_any_directory_on_embedded_data() {
    let dir = tempfile::tempdir().unwrap();
    defspend()
        .current_dir(dir.path())
        .args(["shortfall", "--year", "2025"])
        .assert()
        .success();
}

#[test]
fn backtest_runs_by_name_and_refuses_an_unknown_one() {
    // SIPRI not installed (an empty data home): the five NATO-only models.
    let home = tempfile::tempdir().unwrap();
    let out = common::defspend()
        .env("DEFSPEND_DATA_HOME", home.path())
        .args(["backtest", "nato-2019", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("backtest,model,cases,"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + 5);
    common::assert_fails_with(
        common::defspend().args(["backtest", "everything"]),
        &["unknown backtest 'everything'", "nato-2019, wales-2014"],
    );
}

/// revisions' editions default from the manifest (the latest against the one
/// published before it), not from ids written into the code.
#[test]
fn revisions_default_to_the_latest_edition_and_the_one_before() {
    let run = |args: &[&str]| {
        let out = defspend().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    assert_eq!(
        run(&["revisions", "--format", "csv"]),
        run(&[
            "revisions",
            "--from-edition",
            "nato-2024",
            "--to-edition",
            "nato-2026",
            "--format",
            "csv"
        ])
    );
    common::assert_fails_with(
        defspend().args(["revisions", "--to-edition", "nato-2024"]),
        &[
            "--from-edition",
            "no edition was published before nato-2024",
        ],
    );
}
