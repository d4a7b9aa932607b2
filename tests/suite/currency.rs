//! `--currency national`: each ally's own currency, checked against NATO's
//! tables as published: Defence Expenditure of NATO Countries (2014-2026),
//! July 2026, Table 1 (core spending in national currency at current and
//! 2021 prices), Table 2 (in USD) and Table 3 (share of GDP), with GDP in
//! USD (`gdp_usd_current_m_wide.csv`), in `../shared/sources/nato/2026-edition/`.

use crate::common;

use std::collections::HashMap;

use common::{assert_fails_with, defspend, shared_sources};

fn table(file: &str) -> HashMap<(String, i32), f64> {
    common::nato_2026_numbers(file)
}

#[test]
fn italy_in_euros_is_table_1() {
    if !shared_sources().is_dir() {
        return common::skipped("national currency", "../shared/sources not found");
    }
    let (current, constant) = (
        table("core_nat_currency_current_m_wide.csv"),
        table("core_nat_currency_2021_m_wide.csv"),
    );
    let rows = common::csv_maps(defspend().args([
        "ally",
        "Italy",
        "--currency",
        "national",
        "--format",
        "csv",
    ]));
    assert_eq!(rows.len(), 13);
    for r in &rows {
        let year: i32 = r["year"].parse().unwrap();
        let key = ("IT".to_string(), year);
        let got = |k: &str| r[k].parse::<f64>().unwrap();
        assert!(
            (got("defence_national_current_m") - current[&key]).abs() < 1e-6,
            "{year}"
        );
        assert!(
            (got("defence_national_constant_2021_m") - constant[&key]).abs() < 1e-6,
            "{year}"
        );
    }
    // 2024: EUR 33,402 million (Table 1).
    let y2024 = rows.iter().find(|r| r["year"] == "2024").unwrap();
    assert_eq!(y2024["defence_national_current_m"], "33402");
}

#[test]
fn a_gap_in_national_currency_is_the_gap_at_the_allys_own_rate() {
    if !shared_sources().is_dir() {
        return common::skipped("national currency", "../shared/sources not found");
    }
    let (ncu, usd, gdp, share) = (
        table("core_nat_currency_current_m_wide.csv"),
        table("core_usd_current_m_wide.csv"),
        table("gdp_usd_current_m_wide.csv"),
        table("core_share_gdp_wide.csv"),
    );
    let rows = common::csv_maps(defspend().args([
        "shortfall",
        "--currency",
        "national",
        "--year",
        "2024",
        "--format",
        "csv",
    ]));
    for code in ["BE", "CA", "ES", "AL"] {
        let key = (code.to_string(), 2024);
        let rate = ncu[&key] / usd[&key];
        let want = (2.0 - share[&key]) / 100.0 * gdp[&key] * rate / 1000.0;
        let r = rows.iter().find(|r| r["code"] == code).unwrap();
        let got: f64 = r["gap_national_current_bn"].parse().unwrap();
        assert!((got - want).abs() < 1e-4, "{code}: {got} {want}");
    }
    // A group's total would add currencies: none is given in national
    // currency, and its share and points are those of the USD figures.
    let in_usd =
        common::csv_maps(defspend().args(["shortfall", "--year", "2024", "--format", "csv"]));
    for r in rows.iter().filter(|r| r["kind"] == "group") {
        assert_eq!(r["gap_national_current_bn"], "");
        let usd = in_usd.iter().find(|u| u["code"] == r["code"]).unwrap();
        assert_eq!(r["share_of_gdp"], usd["share_of_gdp"], "{}", r["code"]);
        assert_eq!(r["gap_points"], usd["gap_points"], "{}", r["code"]);
    }
}

#[test]
fn national_currency_at_ppp_is_one_line() {
    assert_fails_with(
        defspend().args(["shortfall", "--currency", "national", "--prices", "ppp"]),
        &["--currency", "not with --prices ppp"],
    );
}

#[test]
fn compare_in_national_currency_keeps_group_totals_in_usd() {
    if !shared_sources().is_dir() {
        return common::skipped("national currency", "../shared/sources not found");
    }
    let (ncu, usd) = (
        table("core_nat_currency_current_m_wide.csv"),
        table("core_usd_current_m_wide.csv"),
    );
    let read = |currency: &str| {
        common::csv_maps(defspend().args([
            "compare",
            "--currency",
            currency,
            "--year",
            "2024",
            "--targets",
            "3.5",
            "--format",
            "csv",
        ]))
    };
    let (national, dollars) = (read("national"), read("usd"));
    // Italy: its gap in USD times EUR per USD of Table 1 over Table 2.
    let key = ("IT".to_string(), 2024);
    let find = |rows: &[HashMap<String, String>], code: &str, k: &str| -> String {
        rows.iter().find(|r| r["code"] == code).unwrap()[k].clone()
    };
    let in_usd: f64 = find(&dollars, "IT", "gap_usd_current_bn").parse().unwrap();
    let in_eur: f64 = find(&national, "IT", "gap_national_current_bn")
        .parse()
        .unwrap();
    assert!(
        (in_eur - in_usd * ncu[&key] / usd[&key]).abs() < 1e-4,
        "{in_eur} {in_usd}"
    );
    // Europe and Canada: the same points as in USD, no total in national currency.
    let e = "europe-canada";
    assert_eq!(
        find(&national, e, "gap_points"),
        find(&dollars, e, "gap_points")
    );
    assert_eq!(find(&national, e, "gap_national_current_bn"), "");
}
