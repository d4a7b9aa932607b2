//! `defspend personnel`: NATO's Table 7 against its spending tables.

use crate::common;

use std::collections::HashMap;

use common::{assert_fails_with, defspend};

type Row = HashMap<String, String>;

/// The CSV's rows (the tidy table: allies, then groups).
fn csv_rows(args: &[&str]) -> Vec<Row> {
    common::csv_maps(
        defspend()
            .arg("personnel")
            .args(args)
            .args(["--format", "csv"]),
    )
}

fn num(r: &Row, key: &str) -> f64 {
    r[key]
        .parse()
        .unwrap_or_else(|_| panic!("{key}: {:?}", r.get(key)))
}

fn find<'a>(rows: &'a [Row], kind: &str, code: &str) -> &'a Row {
    rows.iter()
        .find(|r| r["kind"] == kind && r["code"] == code)
        .unwrap_or_else(|| panic!("{kind} {code}"))
}

/// NATO, Defence Expenditure of NATO Countries (2014-2026), July 2026:
/// Italy 2024, 168.9 thousand military personnel (Table 7, 183.5 in 2014),
/// USD 35,266 million at 2021 prices (Table 2, 23,700 in 2014), equipment
/// 22.31% of spending (Table 8a).
#[test]
fn italy_per_soldier_is_natos_spending_over_natos_personnel() {
    let rows = csv_rows(&["--year", "2024"]);
    let italy = find(&rows, "ally", "IT");
    assert_eq!(num(italy, "personnel_k"), 168.9);
    assert_eq!(num(italy, "personnel_since_k"), 183.5);
    let per = num(italy, "per_soldier_usd_constant_2021_k");
    assert!((per - 35266.0 / 168.9).abs() < 1e-6, "{per}");
    let then = num(italy, "per_soldier_since_usd_constant_2021_k");
    assert!((then - 23700.0 / 183.5).abs() < 1e-6, "{then}");
    let equipment = num(italy, "equipment_per_soldier_usd_constant_2021_k");
    assert!(
        (equipment - 35266.0 / 168.9 * 0.2231).abs() < 1e-6,
        "{equipment}"
    );
    let change = num(italy, "personnel_change_pct");
    assert!(
        (change - (168.9 / 183.5 - 1.0) * 100.0).abs() < 1e-6,
        "{change}"
    );
}

/// A group's figure is its members' totals, not an average of ratios: the
/// United States alone is its group, and all allies' personnel and
/// spending are the sums of the allies'.
#[test]
fn a_group_sums_its_members() {
    let rows = csv_rows(&[]);
    let us = find(&rows, "ally", "US");
    let group = find(&rows, "group", "us");
    assert_eq!(us["personnel_k"], group["personnel_k"]);
    assert_eq!(
        us["per_soldier_usd_constant_2021_k"],
        group["per_soldier_usd_constant_2021_k"]
    );
    let allies: Vec<&Row> = rows.iter().filter(|r| r["kind"] == "ally").collect();
    let personnel: f64 = allies.iter().map(|r| num(r, "personnel_k")).sum();
    let spending: f64 = allies
        .iter()
        .map(|r| num(r, "personnel_k") * num(r, "per_soldier_usd_constant_2021_k"))
        .sum();
    let all = find(&rows, "group", "all");
    assert!((personnel - num(all, "personnel_k")).abs() < 1e-6);
    let per = spending / personnel;
    assert!((per - num(all, "per_soldier_usd_constant_2021_k")).abs() < 1e-6);
}

#[test]
fn the_earlier_year_must_come_before() {
    assert_fails_with(
        defspend().args(["personnel", "--year", "2020", "--since", "2020"]),
        &["--since", "2020 is not before the year, 2020"],
    );
    assert_fails_with(
        defspend().args(["personnel", "--since", "1990"]),
        &["--since"],
    );
}
