//! `defspend definitions`: NATO's core share (Defence Expenditure of NATO
//! Countries (2014-2026), July 2026, Table 3), SIPRI's share of GDP (April
//! 2025 release) and Eurostat's gov_ev total (27 April 2026), each read here
//! from the publishers' files in `../shared/sources`, independently of
//! defspend's importers.

use crate::common;

use std::collections::HashMap;

use common::{assert_fails_with, defspend, shared_sources};

type Row = HashMap<String, String>;

/// A wide NATO table of `../shared/sources/nato/2026-edition/`: (ally, year) -> cell.
fn nato(file: &str) -> HashMap<(String, i32), String> {
    common::nato_2026_cells(file)
}

/// Eurostat's total and investment for (geo, year), as the file has them.
fn eurostat() -> HashMap<(String, i32), (String, String)> {
    let mut reader =
        csv::Reader::from_path(shared_sources().join("eu/eurostat-gov-ev-defence-2026-04.csv"))
            .unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                (r[0].to_string(), r[1].parse().unwrap()),
                (r[2].to_string(), r[3].to_string()),
            )
        })
        .collect()
}

fn rows(args: &[&str]) -> Vec<Row> {
    common::csv_maps(
        defspend()
            .arg("definitions")
            .args(args)
            .args(["--format", "csv"]),
    )
}

/// The same number, or both absent (an empty cell is "not published").
fn same(got: &str, want: &str, what: &str) {
    match (got.parse::<f64>(), want.parse::<f64>()) {
        (Ok(g), Ok(w)) => assert!((g - w).abs() < 1e-9, "{what}: {got} != {want}"),
        _ => assert!(
            got.is_empty() && want.is_empty(),
            "{what}: {got:?} != {want:?}"
        ),
    }
}

#[test]
fn italy_germany_and_poland_2021_2025_are_the_three_sources() {
    if !shared_sources().is_dir() {
        return common::skipped("definitions", "../shared/sources not found");
    }
    let sipri = common::with_sipri("definitions");
    let share = nato("core_share_gdp_wide.csv");
    let personnel = nato("personnel_k_wide.csv");
    let eu = eurostat();
    let rows = rows(&["--allies", "Italy,Germany,Poland", "--years", "2021-2025"]);
    assert_eq!(rows.len(), 15);
    for r in &rows {
        let code = r["code"].clone();
        let year: i32 = r["year"].trim_end_matches('e').parse().unwrap();
        let what = format!("{code} {year}");
        same(&r["nato_pct_gdp"], &share[&(code.clone(), year)], &what);
        same(&r["personnel_k"], &personnel[&(code.clone(), year)], &what);
        let (total, investment) = &eu[&(code.clone(), year)];
        same(&r["eurostat_pct_gdp"], total, &what);
        same(&r["eurostat_investment_pct_gdp"], investment, &what);
        if let (Ok(n), Ok(e)) = (r["nato_pct_gdp"].parse::<f64>(), total.parse::<f64>()) {
            same(
                &r["nato_less_eurostat"],
                &format!("{}", ((n - e) * 100.0).round() / 100.0),
                &what,
            );
        }
        // SIPRI ends in 2024 (April 2025 release).
        if !sipri || year == 2025 {
            assert_eq!(r["sipri_pct_gdp"], "", "{what}");
        } else {
            assert!(r["sipri_pct_gdp"].parse::<f64>().is_ok(), "{what}");
        }
    }
    // Germany 2024: 2.00% on NATO's core, 1.4% on Eurostat's gov_ev.
    let de = rows
        .iter()
        .find(|r| r["code"] == "DE" && r["year"] == "2024")
        .unwrap();
    same(&de["nato_pct_gdp"], "2.00", "Germany 2024, NATO");
    same(&de["eurostat_pct_gdp"], "1.4", "Germany 2024, Eurostat");
    // Italy 2025: NATO's share jumps 1.52 -> 2.09 with Eurostat's investment
    // flat (no total published) and personnel 168.9 -> 185.4 thousand: a break.
    let breaks: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| !r["break"].is_empty())
        .map(|r| (r["code"].as_str(), r["year"].as_str()))
        .collect();
    assert_eq!(breaks, [("IT", "2025e")]);
}

#[test]
fn the_break_is_said_with_its_evidence() {
    let out = defspend()
        .args(["definitions", "--allies", "Italy"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Italy 2025: NATO +0.57 points of GDP, Eurostat investment +0.00; military personnel +9.8% (NATO Table 7)"),
        "{text}"
    );
}

#[test]
fn bad_requests_are_one_line() {
    assert_fails_with(
        defspend().args(["definitions", "--allies", "Atlantis"]),
        &["--allies", "unknown ally 'Atlantis'"],
    );
    assert_fails_with(
        defspend().args(["definitions", "--years", "1990-2025"]),
        &[
            "--years",
            "1990-2025 is outside edition nato-2026 (2014-2026)",
        ],
    );
}
