//! `dispersion`: the spread of the European allies' shares of GDP, checked
//! against the same figures computed here, independently, from the June 2024
//! edition's tables as the dataset transcribes them (NATO, Defence
//! Expenditure of NATO Countries (2014-2024), Table 3: defence expenditure as
//! a share of real GDP; Table 2 for GDP in current USD).

use crate::common;

use std::collections::HashMap;

use common::{assert_fails_with, datasets_dir, defspend, json_of};

/// The European allies' (region Europe, armed forces, member that year)
/// published shares in `year` of the June 2024 edition, by NATO code.
fn shares(year: i32) -> HashMap<String, f64> {
    let mut allies = csv::Reader::from_path(datasets_dir().join("allies.csv")).unwrap();
    let europe: HashMap<String, i32> = allies
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[4] == "Europe" && &r[6] == "true")
        .map(|r| (r[1].to_string(), r[3][..4].parse().unwrap()))
        .collect();
    let mut rows =
        csv::Reader::from_path(datasets_dir().join("nato-2024/expenditure.csv")).unwrap();
    rows.records()
        .map(|r| r.unwrap())
        .filter(|r| r[1].parse::<i32>().unwrap() == year && !r[3].is_empty())
        .filter(|r| europe.get(&r[0]).is_some_and(|joined| *joined <= year))
        .map(|r| (r[0].to_string(), r[3].parse().unwrap()))
        .collect()
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let (lo, f) = (h as usize, h.fract());
    sorted[lo] + f * (sorted[(lo + 1).min(sorted.len() - 1)] - sorted[lo])
}

fn row(json: &serde_json::Value, year: i32) -> serde_json::Value {
    json["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["year"].as_str().unwrap().trim_end_matches('e') == year.to_string())
        .unwrap()
        .clone()
}

#[test]
fn sd_cv_percentiles_and_the_group_gap_are_those_of_the_tables() {
    let out =
        json_of(defspend().args(["dispersion", "--edition", "nato-2024", "--format", "json"]));
    let b9 = ["BG", "CZ", "EE", "HU", "LV", "LT", "PL", "RO", "SK"];
    let south = ["ES", "IT", "PT"];
    for year in [2014, 2024] {
        let by_code = shares(year);
        let mut v: Vec<f64> = by_code.values().copied().collect();
        v.sort_by(f64::total_cmp);
        let n = v.len() as f64;
        let mean = v.iter().sum::<f64>() / n;
        let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
        let mean_of = |codes: &[&str]| {
            let m: Vec<f64> = codes
                .iter()
                .filter_map(|c| by_code.get(*c))
                .copied()
                .collect();
            m.iter().sum::<f64>() / m.len() as f64
        };
        let got = row(&out, year);
        let close = |key: &str, want: f64| {
            let have = got[key].as_f64().unwrap();
            assert!(
                (have - want).abs() < 1e-6,
                "{year} {key}: {have} against {want}"
            );
        };
        assert_eq!(got["allies"].as_i64().unwrap(), v.len() as i64, "{year}");
        close("mean", mean);
        close("sd_points", sd);
        close("cv", sd / mean);
        close("p90_p10_points", quantile(&v, 0.9) - quantile(&v, 0.1));
        close("group_gap_points", mean_of(&b9) - mean_of(&south));
    }
    // As the issue that asked for it put it, from the same tables: the
    // standard deviation grew from about 0.44 to 0.64 points, the gap between
    // the Bucharest Nine and Spain, Italy and Portugal from 0.11 to 1.25
    // points, and the coefficient of variation fell from 0.34 to 0.29.
    let (a, b) = (row(&out, 2014), row(&out, 2024));
    let r2 = |v: &serde_json::Value, k: &str| (v[k].as_f64().unwrap() * 100.0).round() / 100.0;
    assert_eq!((r2(&a, "sd_points"), r2(&b, "sd_points")), (0.44, 0.64));
    assert_eq!(
        (r2(&a, "group_gap_points"), r2(&b, "group_gap_points")),
        (0.11, 1.25)
    );
    assert_eq!((r2(&a, "cv"), r2(&b, "cv")), (0.34, 0.29));
    let summary = out["summary"].to_string();
    assert!(summary.contains("In points of GDP, yes"), "{summary}");
    assert!(summary.contains("Relative to the mean, no"), "{summary}");
    assert!(
        summary.contains("Coefficient of variation: did not widen"),
        "{summary}"
    );
}

#[test]
fn allies_that_joined_mid_period_are_counted_from_their_accession() {
    let out =
        json_of(defspend().args(["dispersion", "--edition", "nato-2024", "--format", "json"]));
    // Montenegro joined in 2017, North Macedonia in 2020, Finland in 2023,
    // Sweden in 2024; Iceland, with no armed forces, never counts.
    for (year, counted) in [
        (2016, 25),
        (2017, 26),
        (2019, 26),
        (2020, 27),
        (2022, 27),
        (2023, 28),
        (2024, 29),
    ] {
        assert_eq!(
            row(&out, year)["allies"].as_i64().unwrap(),
            counted,
            "{year}"
        );
        assert_eq!(shares(year).len() as i64, counted, "{year}: the tables");
    }
    assert!(!shares(2022).contains_key("FI") && shares(2023).contains_key("FI"));
}

#[test]
fn two_groups_are_set_against_each_other_and_no_other_number() {
    assert_fails_with(
        defspend().args(["dispersion", "--groups", "eastern-flank"]),
        &["--groups", "two groups", "not 1"],
    );
    assert_fails_with(
        defspend().args(["dispersion", "--groups", "eastern-flank,atlantis"]),
        &["--groups", "unknown group 'atlantis'"],
    );
    let out = json_of(defspend().args([
        "dispersion",
        "--groups",
        "nordic-baltic,big-four",
        "--format",
        "json",
    ]));
    assert_eq!(
        out["metadata"]["groups_compared"],
        serde_json::json!(["nordic-baltic", "big-four"])
    );
}

/// SIPRI's shares of GDP (its own definition) of the European allies that
/// were members in `year`, by NATO code, from the installed release's table
/// (the importer's copy of the workbook's "Share of GDP" sheet, checked cell
/// for cell against the workbook elsewhere); marks (`*` estimate, `?`
/// uncertain) stripped, absent figures left out.
fn sipri_shares(year: i32) -> HashMap<String, f64> {
    let mut allies = csv::Reader::from_path(datasets_dir().join("allies.csv")).unwrap();
    let europe: HashMap<String, (String, i32)> = allies
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[4] == "Europe" && &r[6] == "true")
        .map(|r| {
            (
                r[0].to_string(),
                (r[1].to_string(), r[3][..4].parse().unwrap()),
            )
        })
        .collect();
    let mut table =
        csv::Reader::from_path(common::data_home().join("sipri-2025/share_of_gdp.csv")).unwrap();
    let column = table
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == year.to_string())
        .unwrap();
    table
        .records()
        .map(|r| r.unwrap())
        .filter_map(|r| {
            let (code, joined) = europe.get(&r[0])?;
            let value: f64 = r[column].trim_end_matches(['*', '?']).parse().ok()?;
            (*joined <= year && value > 0.0).then(|| (code.clone(), value))
        })
        .collect()
}

#[test]
fn on_sipri_the_spread_runs_from_1990_with_allies_counted_from_accession() {
    if !common::with_sipri("on_sipri_the_spread_runs_from_1990_with_allies_counted_from_accession")
    {
        return;
    }
    let out = json_of(defspend().args(["dispersion", "--source", "sipri", "--format", "json"]));
    let years = out["years"].as_array().unwrap();
    assert_eq!(years.first().unwrap()["year"], "1990");
    for year in [1990, 2004, 2024] {
        let by_code = sipri_shares(year);
        let v: Vec<f64> = by_code.values().copied().collect();
        let n = v.len() as f64;
        let mean = v.iter().sum::<f64>() / n;
        let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
        let got = row(&out, year);
        assert_eq!(got["allies"].as_i64().unwrap(), v.len() as i64, "{year}");
        assert!(
            (got["sd_points"].as_f64().unwrap() - sd).abs() < 1e-6,
            "{year}"
        );
        assert!(
            (got["cv"].as_f64().unwrap() - sd / mean).abs() < 1e-6,
            "{year}"
        );
    }
    // 1990: the thirteen European allies of the Cold War with armed forces;
    // 2004: 23 after the Czech, Hungarian, Polish (1999) and seven (2004) accessions.
    assert_eq!(row(&out, 1990)["allies"], 13);
    assert_eq!(row(&out, 2004)["allies"], 23);
    assert_eq!(out["metadata"]["release"], "sipri-2025");
    let summary = out["summary"].to_string();
    assert!(summary.contains("by SIPRI's definition"), "{summary}");
    // The group gap is said from the first year both groups have members.
    assert!(summary.contains("in 1999 to"), "{summary}");
    common::assert_fails_with(
        defspend().args(["dispersion", "--source", "sipri", "--edition", "nato-2024"]),
        &["--edition", "SIPRI"],
    );
}
