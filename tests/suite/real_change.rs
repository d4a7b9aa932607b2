//! NATO's real change beside defspend's own, and spending per soldier, each
//! recomputed here from NATO's tables as published: Defence Expenditure of
//! NATO Countries (2014-2026), July 2026, Table 2 (core spending at 2021
//! prices, `core_usd_2021_m_wide.csv`), Table 3 (real change,
//! `core_real_change_pct_wide.csv`) and Table 7 (military personnel,
//! `personnel_k_wide.csv`) in `../shared/sources/nato/2026-edition/`.

use crate::common;

use std::collections::HashMap;

use common::{defspend, shared_sources};

/// A wide table: (ally, year) -> value (empty cells left out).
fn table(file: &str) -> HashMap<(String, i32), f64> {
    common::nato_2026_numbers(file)
}

const FIVE: [(&str, &str); 5] = [
    ("IT", "Italy"),
    ("PL", "Poland"),
    ("DE", "Germany"),
    ("ME", "Montenegro"),
    ("US", "United States"),
];

#[test]
fn natos_real_change_beside_defspends_and_the_years_they_part_flagged() {
    if !shared_sources().is_dir() {
        return common::skipped("real change", "../shared/sources not found");
    }
    let (constant, published) = (
        table("core_usd_2021_m_wide.csv"),
        table("core_real_change_pct_wide.csv"),
    );
    let mut checked = 0;
    for (code, name) in FIVE {
        let rows = common::csv_maps(defspend().args(["ally", name, "--format", "csv"]));
        for r in &rows {
            let year: i32 = r["year"].parse().unwrap();
            let (Some(now), Some(before)) = (
                constant.get(&(code.to_string(), year)),
                constant.get(&(code.to_string(), year - 1)),
            ) else {
                assert_eq!(r["real_change_computed_pct"], "", "{code} {year}");
                continue;
            };
            let computed = (now / before - 1.0) * 100.0;
            let got: f64 = r["real_change_computed_pct"].parse().unwrap();
            assert!(
                (got - computed).abs() < 1e-6,
                "{code} {year}: {got} {computed}"
            );
            let nato = published[&(code.to_string(), year)];
            assert_eq!(r["real_change_pct"].parse::<f64>().unwrap(), nato);
            // Within 0.1 point, or flagged: by rounding (what rounding the
            // two whole-million figures can move) or as differing.
            let rounding = 100.0 * ((now + 0.5) / (before - 0.5) - now / before);
            let expected = if (nato - computed).abs() <= 0.1 + 1e-9 {
                "agrees"
            } else if (nato - computed).abs() <= 0.1 + rounding + 1e-9 {
                "rounding"
            } else {
                "differs"
            };
            assert_eq!(r["real_change_check"], expected, "{code} {year}");
            checked += 1;
        }
    }
    assert!(checked >= 5 * 12, "{checked}");
}

#[test]
fn spending_per_soldier_is_table_2_over_table_7_for_five_allies() {
    if !shared_sources().is_dir() {
        return common::skipped("per soldier", "../shared/sources not found");
    }
    let (constant, personnel) = (
        table("core_usd_2021_m_wide.csv"),
        table("personnel_k_wide.csv"),
    );
    let rows =
        common::csv_maps(defspend().args(["personnel", "--year", "2024", "--format", "csv"]));
    for (code, _) in FIVE {
        let r = rows
            .iter()
            .find(|r| r["kind"] == "ally" && r["code"] == code)
            .unwrap();
        let key = (code.to_string(), 2024);
        let want = constant[&key] / personnel[&key];
        let got: f64 = r["per_soldier_usd_constant_2021_k"].parse().unwrap();
        assert!((got - want).abs() < 1e-5, "{code}: {got} {want}");
        let then = (code.to_string(), 2014);
        let want = constant[&then] / personnel[&then];
        let got: f64 = r["per_soldier_since_usd_constant_2021_k"].parse().unwrap();
        assert!((got - want).abs() < 1e-5, "{code} 2014: {got} {want}");
    }
}
