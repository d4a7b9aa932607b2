//! Purchasing power: `compare --prices ppp` and `import imf-ppp`, checked
//! against the IMF's rows (World Economic Outlook Database, April 2026:
//! `../shared/sources/imf/weo-2026-04-ppp.csv`, market rate = NGDP / NGDPD,
//! PPPEX), NATO's current-USD spending (Defence Expenditure of NATO
//! Countries (2014-2026), July 2026, Table 2; `nato-2026/expenditure.csv`)
//! and SIPRI's current USD (April 2025 release).

use crate::common;

use std::collections::HashMap;

use common::{assert_fails_with, copy_datasets, datasets_dir, defspend, shared_sources};

/// The IMF's (market rate, PPPEX) by (ISO3, year), read here from the source file.
fn rates() -> HashMap<(String, i32), (f64, f64)> {
    let mut reader =
        csv::Reader::from_path(shared_sources().join("imf/weo-2026-04-ppp.csv")).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                (r[0].to_string(), r[1].parse().unwrap()),
                (r[2].parse().unwrap(), r[3].parse().unwrap()),
            )
        })
        .collect()
}

/// NATO's current-USD spending (Table 2) in `year`, by NATO code.
fn nato_usd(year: i32) -> HashMap<String, f64> {
    let mut reader =
        csv::Reader::from_path(datasets_dir().join("nato-2026/expenditure.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = header
        .iter()
        .position(|h| h == "defence_usd_current_m")
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| r[1] == *year.to_string() && !r[col].is_empty())
        .map(|r| (r[0].to_string(), r[col].parse().unwrap()))
        .collect()
}

/// NATO code -> ISO3, and the members of a group of groups.toml.
fn iso3() -> HashMap<String, String> {
    let mut reader = csv::Reader::from_path(datasets_dir().join("allies.csv")).unwrap();
    reader
        .records()
        .map(|r| r.unwrap())
        .map(|r| (r[1].to_string(), r[0].to_string()))
        .collect()
}

fn rivals(year: &str) -> Vec<serde_json::Value> {
    let json = common::json_of(defspend().args([
        "compare", "--prices", "ppp", "--year", year, "--format", "json",
    ]));
    json["rivals"].as_array().unwrap().clone()
}

fn side<'a>(rows: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    rows.iter()
        .find(|r| r["side"] == name)
        .unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn russia_at_ppp_reproduces_iiss() {
    if !common::with_sipri("russia at PPP") {
        return;
    }
    let rows = rivals("2024");
    let russia = side(&rows, "Russia");
    // IISS, Military Balance 2025: RUB 13.1 trillion = USD 462 bn at PPP.
    // SIPRI's current USD x (92.5593 / 29.033), Russia 2024.
    let ppp = russia["ppp_intl_bn"].as_f64().unwrap();
    let market = russia["market_usd_bn"].as_f64().unwrap();
    assert!((ppp / 462.0 - 1.0).abs() < 0.03, "{ppp}");
    assert!(
        (ppp - market * 92.5593 / 29.033).abs() < 0.1,
        "{ppp} {market}"
    );
    assert_eq!(russia["personnel_assumed"], true);
}

#[test]
fn europe_at_ppp_is_each_allys_spending_at_its_own_ratio() {
    if !shared_sources().is_dir() {
        return common::skipped("Europe at PPP", "../shared/sources not found");
    }
    let (rates, usd, iso3) = (rates(), nato_usd(2024), iso3());
    let europe: Vec<&String> = usd.keys().filter(|c| *c != "US" && *c != "CA").collect();
    let market: f64 = europe.iter().map(|c| usd[*c]).sum();
    let ppp: f64 = europe
        .iter()
        .map(|c| {
            let (m, p) = rates[&(iso3[*c].clone(), 2024)];
            usd[*c] * m / p
        })
        .sum();
    // One ratio for all (Europe's GDP-weighted average, say) would give
    // another figure: the test would tell them apart.
    let rows = rivals("2024");
    let e = side(&rows, "European allies");
    assert!((e["market_usd_bn"].as_f64().unwrap() - market / 1000.0).abs() < 0.05);
    assert!(
        (e["ppp_intl_bn"].as_f64().unwrap() - ppp / 1000.0).abs() < 0.05,
        "{e} {ppp}"
    );
    // The ratio of the figures quoted for 2024 (USD 476 bn at market
    // rates, about USD 707 bn at GDP-based PPP), within 2%.
    assert!(
        (ppp / market / (707.0 / 476.0) - 1.0).abs() < 0.02,
        "{market} {ppp}"
    );
}

#[test]
fn gaps_at_ppp_are_each_allys_gap_at_its_own_ratio() {
    if !shared_sources().is_dir() {
        return common::skipped("gaps at PPP", "../shared/sources not found");
    }
    let read = |prices: &str| {
        common::csv_maps(defspend().args([
            "compare",
            "--prices",
            prices,
            "--year",
            "2024",
            "--targets",
            "3",
            "--format",
            "csv",
        ]))
    };
    let (market, ppp) = (read("market"), read("ppp"));
    let (m, p) = rates()[&("ITA".to_string(), 2024)];
    let gap = |rows: &[HashMap<String, String>], key: &str| -> f64 {
        rows.iter().find(|r| r["code"] == "IT").unwrap()[key]
            .parse()
            .unwrap()
    };
    let at_market = gap(&market, "gap_usd_current_bn");
    let at_ppp = gap(&ppp, "gap_ppp_current_bn");
    assert!(
        (at_ppp - at_market * m / p).abs() < 0.01,
        "{at_ppp} {at_market}"
    );
}

#[test]
fn every_ppp_output_says_it_is_gdp_based() {
    let out = defspend()
        .args(["compare", "--prices", "ppp", "--year", "2024"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("GDP-based PPP"), "{text}");
    assert!(text.contains("not a military PPP"), "{text}");
    assert!(text.contains("defspend's construction, not a published method"));
}

#[test]
fn a_year_the_rates_lack_is_one_line() {
    let data = copy_datasets();
    let file = data.path().join("ppp/imf-weo-2026-04-ppp.csv");
    let text = std::fs::read_to_string(&file).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(i, l)| *i == 0 || l.split(',').nth(1).is_some_and(|y| y >= "2020"))
        .map(|(_, l)| l)
        .collect();
    std::fs::write(&file, kept.join("\n") + "\n").unwrap();
    assert_fails_with(
        defspend()
            .arg("--data")
            .arg(data.path())
            .args(["compare", "--prices", "ppp", "--year", "2016"]),
        &["--prices", "no 2016", "they cover 2020-2031"],
    );
}

#[test]
fn a_bad_rates_file_is_refused_and_nothing_imported() {
    if !shared_sources().is_dir() {
        return common::skipped("bad PPP file", "../shared/sources not found");
    }
    let source = std::fs::read_to_string(shared_sources().join("imf/weo-2026-04-ppp.csv")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let cases = [
        (
            source.replacen("RUS,2024,92.5593,29.033", "RUS,2024,0,29.033", 1),
            "'0' is not a rate",
        ),
        (
            source.replacen("RUS,2024,92.5593,29.033", "RUS,2024,92.5593,-29.033", 1),
            "'-29.033' is not a rate",
        ),
        (
            source
                .lines()
                .filter(|l| !l.starts_with("ITA,2024"))
                .collect::<Vec<_>>()
                .join("\n")
                + "\n",
            "Italy (ITA) has no rates for 2024",
        ),
        (
            source.clone() + "RUS,2024,92.5593,29.033\n",
            "RUS 2024 appears twice",
        ),
    ];
    for (i, (text, needle)) in cases.iter().enumerate() {
        let input = out.path().join(format!("bad-{i}.csv"));
        std::fs::write(&input, text).unwrap();
        let target = out.path().join("installed");
        assert_fails_with(
            defspend()
                .args(["import", "imf-ppp"])
                .arg(&input)
                .args(["--id", "imf-weo-2026-04-ppp", "--output"])
                .arg(&target),
            &[&format!("bad-{i}.csv"), needle],
        );
        assert!(!target.exists(), "case {i}: something was written");
    }
}

#[test]
fn the_import_remakes_the_committed_table() {
    if !shared_sources().is_dir() {
        return common::skipped("PPP import", "../shared/sources not found");
    }
    let out = tempfile::tempdir().unwrap();
    defspend()
        .args(["import", "imf-ppp"])
        .arg(shared_sources().join("imf/weo-2026-04-ppp.csv"))
        .args(["--id", "imf-weo-2026-04-ppp", "--output"])
        .arg(out.path())
        .assert()
        .success();
    assert_eq!(
        std::fs::read(out.path().join("imf-weo-2026-04-ppp.csv")).unwrap(),
        std::fs::read(datasets_dir().join("ppp/imf-weo-2026-04-ppp.csv")).unwrap()
    );
    defspend()
        .args(["import", "eurostat-gov-ev"])
        .arg(shared_sources().join("eu/eurostat-gov-ev-defence-2026-04.csv"))
        .args(["--id", "eurostat-gov-ev-2026-04", "--output"])
        .arg(out.path())
        .assert()
        .success();
    assert_eq!(
        std::fs::read(out.path().join("eurostat-gov-ev-2026-04.csv")).unwrap(),
        std::fs::read(datasets_dir().join("eurostat/eurostat-gov-ev-2026-04.csv")).unwrap()
    );
}

#[test]
fn shortfall_and_burden_at_ppp_convert_each_ally_at_its_own_ratio() {
    if !shared_sources().is_dir() {
        return common::skipped("shortfall and burden at PPP", "../shared/sources not found");
    }
    let (rates, usd, iso3) = (rates(), nato_usd(2024), iso3());
    let ratio = |code: &str| {
        let (m, p) = rates[&(iso3[code].clone(), 2024)];
        m / p
    };
    // shortfall: Belgium's gap to 2% at PPP is its market-rate gap x its ratio.
    let gap = |prices: &str, key: &str| -> f64 {
        let rows = common::csv_maps(defspend().args([
            "shortfall",
            "--prices",
            prices,
            "--year",
            "2024",
            "--format",
            "csv",
        ]));
        rows.iter().find(|r| r["code"] == "BE").unwrap()[key]
            .parse()
            .unwrap()
    };
    let (market, ppp) = (
        gap("market", "gap_usd_current_bn"),
        gap("ppp", "gap_ppp_current_bn"),
    );
    assert!((ppp - market * ratio("BE")).abs() < 0.01, "{ppp} {market}");
    // burden: the US share of allied spending at PPP, every ally's spending
    // (NATO's Table 2) at its own ratio.
    let rows = common::csv_maps(defspend().args([
        "burden", "--prices", "ppp", "--year", "2024", "--format", "csv",
    ]));
    let total: f64 = usd.iter().map(|(c, v)| v * ratio(c)).sum();
    let us = rows.iter().find(|r| r["code"] == "US").unwrap();
    let share: f64 = us["spending_share"].parse().unwrap();
    assert!((share - 100.0 * usd["US"] / total).abs() < 0.01, "{share}");
    let spending: f64 = us["defence_ppp_current_m"].parse().unwrap();
    assert!((spending - usd["US"]).abs() < 1e-6, "the US ratio is 1");
}

#[test]
fn the_ppp_rivals_chart_needs_sipris_database() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("rivals.png");
    assert_fails_with(
        defspend()
            .env("DEFSPEND_DATA_HOME", home.path())
            .args(["chart", "rivals", "--prices", "ppp", "--output"])
            .arg(&out),
        &["is not installed", "defspend import sipri-xlsx"],
    );
    assert!(!out.exists());
}
