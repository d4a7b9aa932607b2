//! The calculator's unit tests.

use super::*;
use crate::data::allies::Region;
use chrono::NaiveDate;

fn ally(code: &str, joined: &str, region: Region, eu: bool, forces: bool) -> Ally {
    Ally {
        iso3: format!("X{code}"),
        nato_code: code.into(),
        name: format!("Ally {code}"),
        accession_date: NaiveDate::parse_from_str(joined, "%Y-%m-%d").unwrap(),
        region,
        eu_member: eu,
        has_armed_forces: forces,
        commitment_basis: crate::data::allies::CommitmentBasis::Gdp,
        national_currency: None,
        currency: "EUR".into(),
        note: None,
    }
}

fn all() -> Group {
    Group::list("all", &["AA", "BB", "US", "IS", "NW"])
}

/// A frame with the measures the calculator reads; `None` is "not available".
#[allow(clippy::type_complexity)]
fn frame(
    rows: &[(
        &str,
        i32,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
    )],
) -> DataFrame {
    // (code, year, published share, spending current, spending constant, GDP current, GDP constant)
    df!(
        "code" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        "year" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
        "estimate" => rows.iter().map(|_| false).collect::<Vec<_>>(),
        "share_of_gdp" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
        "defence_usd_current_m" => rows.iter().map(|r| r.3).collect::<Vec<_>>(),
        "defence_usd_constant_m" => rows.iter().map(|r| r.4).collect::<Vec<_>>(),
        "gdp_usd_current_m" => rows.iter().map(|r| r.5).collect::<Vec<_>>(),
        "gdp_usd_constant_m" => rows.iter().map(|r| r.6).collect::<Vec<_>>(),
        "real_change_pct" => rows.iter().map(|_| None::<f64>).collect::<Vec<_>>(),
        "equipment_pct" => rows.iter().map(|_| None::<f64>).collect::<Vec<_>>(),
        "defence_per_capita_usd" => rows.iter().map(|_| None::<f64>).collect::<Vec<_>>(),
        "military_personnel_k" => rows.iter().map(|_| None::<f64>).collect::<Vec<_>>(),
    )
    .unwrap()
}

fn value(df: &DataFrame, code: &str, column: &str) -> Option<f64> {
    let codes = df.column("code").unwrap().str().unwrap();
    let i = (0..df.height())
        .find(|&i| codes.get(i) == Some(code))
        .unwrap();
    df.column(column).unwrap().f64().unwrap().get(i)
}

fn text(df: &DataFrame, code: &str, column: &str) -> Option<String> {
    let codes = df.column("code").unwrap().str().unwrap();
    let i = (0..df.height())
        .find(|&i| codes.get(i) == Some(code))
        .unwrap();
    df.column(column)
        .unwrap()
        .str()
        .unwrap()
        .get(i)
        .map(String::from)
}

#[test]
fn published_share_wins_over_ratios() {
    // The Netherlands 2024e in NATO's June 2024 tables: Table 3 publishes 2.05 (share of
    // real GDP) while current spending / current GDP (Tables 2 and 5) is 1.85.
    let df = frame(&[(
        "AA",
        2024,
        Some(2.05),
        Some(21459.7),
        Some(18503.0),
        Some(1160000.0),
        Some(902800.0),
    )]);
    let out = with_shares(df.lazy()).collect().unwrap();
    assert_eq!(value(&out, "AA", "share"), Some(2.05));
    assert_eq!(
        text(&out, "AA", "share_source").as_deref(),
        Some(ShareSource::Published.key())
    );
}

#[test]
fn without_a_published_share_constant_ratio_then_nominal() {
    let df = frame(&[
        (
            "AA",
            2024,
            None,
            Some(30.0),
            Some(20.0),
            Some(1000.0),
            Some(800.0),
        ),
        ("BB", 2024, None, Some(30.0), None, Some(1000.0), None),
    ]);
    let out = with_shares(df.lazy()).collect().unwrap();
    assert!((value(&out, "AA", "share").unwrap() - 2.5).abs() < 1e-12);
    assert_eq!(
        text(&out, "AA", "share_source").as_deref(),
        Some(ShareSource::ConstantRatio.key())
    );
    assert!((value(&out, "BB", "share").unwrap() - 3.0).abs() < 1e-12);
    assert_eq!(
        text(&out, "BB", "share_source").as_deref(),
        Some(ShareSource::NominalRatio.key())
    );
}

#[test]
fn gap_is_target_minus_share_times_gdp_and_zero_when_met() {
    let df = frame(&[
        (
            "AA",
            2024,
            Some(1.5),
            Some(15.0),
            Some(12.0),
            Some(1000.0),
            Some(800.0),
        ),
        (
            "BB",
            2024,
            Some(2.5),
            Some(25.0),
            Some(20.0),
            Some(1000.0),
            Some(800.0),
        ),
    ]);
    let out = with_gaps(with_shares(df.lazy()), 2.0).collect().unwrap();
    assert!((value(&out, "AA", "gap_points").unwrap() - 0.5).abs() < 1e-12);
    assert!((value(&out, "AA", "gap_usd_current_m").unwrap() - 5.0).abs() < 1e-9);
    assert!((value(&out, "AA", "gap_usd_constant_m").unwrap() - 4.0).abs() < 1e-9);
    assert_eq!(value(&out, "BB", "gap_points"), Some(0.0));
    assert_eq!(value(&out, "BB", "gap_usd_current_m"), Some(0.0));
}

#[test]
fn constant_gdp_is_derived_from_spending_and_share_when_not_published() {
    let df = frame(&[(
        "AA",
        2026,
        Some(1.6),
        Some(20.0),
        Some(16.0),
        Some(1250.0),
        None,
    )]);
    let out = with_gaps(with_shares(df.lazy()), 2.0).collect().unwrap();
    assert!((value(&out, "AA", "gdp_constant").unwrap() - 1000.0).abs() < 1e-9);
    assert!((value(&out, "AA", "gap_usd_constant_m").unwrap() - 4.0).abs() < 1e-9);
}

#[test]
fn standing_leaves_out_later_members_and_marks_iceland_na() {
    let df = frame(&[
        (
            "AA",
            2023,
            Some(1.5),
            Some(15.0),
            Some(15.0),
            Some(1000.0),
            Some(1000.0),
        ),
        (
            "BB",
            2023,
            Some(2.5),
            Some(25.0),
            Some(25.0),
            Some(1000.0),
            Some(1000.0),
        ),
        (
            "US",
            2023,
            Some(3.5),
            Some(35.0),
            Some(35.0),
            Some(1000.0),
            Some(1000.0),
        ),
        ("IS", 2023, None, None, None, Some(30.0), Some(30.0)),
        (
            "NW",
            2023,
            Some(1.0),
            Some(10.0),
            Some(10.0),
            Some(1000.0),
            Some(1000.0),
        ),
    ]);
    let allies = [
        ally("AA", "1949-08-24", Region::Europe, true, true),
        ally("BB", "1949-08-24", Region::Europe, false, true),
        ally("US", "1949-08-24", Region::NorthAmerica, false, true),
        ally("IS", "1949-08-24", Region::Europe, false, false),
        ally("NW", "2024-03-07", Region::Europe, true, true),
    ];
    let out = Calculator::new(&df, &allies)
        .unwrap()
        .standing(2023, 2.0)
        .unwrap();
    assert!(
        out.get("NW").is_none(),
        "joined in 2024, not an ally in 2023"
    );
    assert_eq!(out.get("IS").unwrap().status, Status::NotApplicable);
    assert_eq!(out.get("AA").unwrap().status, Status::Below);
    assert_eq!(out.get("BB").unwrap().status, Status::Meets);
}

#[test]
fn group_gap_adds_members_positive_gaps_never_nets() {
    let df = frame(&[
        (
            "AA",
            2024,
            Some(1.0),
            Some(10.0),
            Some(10.0),
            Some(1000.0),
            Some(1000.0),
        ),
        (
            "BB",
            2024,
            Some(1.5),
            Some(15.0),
            Some(15.0),
            Some(2000.0),
            Some(2000.0),
        ),
        (
            "US",
            2024,
            Some(4.0),
            Some(40.0),
            Some(40.0),
            Some(1000.0),
            Some(1000.0),
        ),
        ("IS", 2024, None, None, None, Some(30.0), Some(30.0)),
        (
            "NW",
            2024,
            Some(5.0),
            Some(50.0),
            Some(50.0),
            Some(1000.0),
            Some(1000.0),
        ),
    ]);
    let allies = [
        ally("AA", "1949-08-24", Region::Europe, true, true),
        ally("BB", "1949-08-24", Region::Europe, false, true),
        ally("US", "1949-08-24", Region::NorthAmerica, false, true),
        ally("IS", "1949-08-24", Region::Europe, false, false),
        ally("NW", "2024-03-07", Region::Europe, true, true),
    ];
    let st = Calculator::new(&df, &allies)
        .unwrap()
        .standing(2024, 2.0)
        .unwrap();
    let all = st.group_total(&all()).unwrap();
    // AA: 1.0 points of 1000 = 10; BB: 0.5 points of 2000 = 10; NW over-spends, nets nothing.
    assert!((all.gap_usd_current_m - 20.0).abs() < 1e-9);
    assert_eq!(all.below, 2);
    assert_eq!(all.members, 4, "Iceland is not counted");
    let eu = st.group_total(&Group::list("eu", &["AA", "NW"])).unwrap();
    assert!((eu.gap_usd_current_m - 10.0).abs() < 1e-9);
    let us = st.group_total(&Group::list("us", &["US"])).unwrap();
    assert_eq!(us.gap_usd_current_m, 0.0);
    let pair = st.group_total(&Group::list("pair", &["BB", "US"])).unwrap();
    assert!((pair.gap_usd_current_m - 10.0).abs() < 1e-9);
    // The group's share: constant spending / constant GDP of its members.
    assert!((pair.share.unwrap() - 55.0 / 3000.0 * 100.0).abs() < 1e-9);
}

#[test]
fn aggregates_count_allies_from_their_accession_year() {
    let df = frame(&[
        (
            "AA",
            2023,
            None,
            Some(10.0),
            Some(10.0),
            Some(100.0),
            Some(100.0),
        ),
        (
            "NW",
            2023,
            None,
            Some(7.0),
            Some(7.0),
            Some(70.0),
            Some(70.0),
        ),
        (
            "AA",
            2024,
            None,
            Some(11.0),
            Some(11.0),
            Some(110.0),
            Some(110.0),
        ),
        (
            "NW",
            2024,
            None,
            Some(8.0),
            Some(8.0),
            Some(80.0),
            Some(80.0),
        ),
    ]);
    let allies = [
        ally("AA", "1949-08-24", Region::Europe, true, true),
        ally("US", "1949-08-24", Region::NorthAmerica, false, true),
        ally("NW", "2024-03-07", Region::Europe, true, true),
    ];
    let out = Calculator::new(&df, &allies)
        .unwrap()
        .aggregate(&Group::list("europe-canada", &["AA", "NW"]))
        .unwrap();
    assert_eq!(
        out[0].defence_usd_current_m, 10.0,
        "2023: NW not yet an ally"
    );
    assert_eq!(out[0].allies_counted, 1);
    assert_eq!(
        out[1].defence_usd_current_m, 19.0,
        "2024: NW counted from its accession year"
    );
}

#[test]
fn typed_standing_matches_the_frame_and_names_every_status() {
    let df = frame(&[
        (
            "AA",
            2024,
            Some(1.5),
            Some(15.0),
            Some(15.0),
            Some(1000.0),
            Some(1000.0),
        ),
        (
            "BB",
            2024,
            Some(2.5),
            Some(25.0),
            Some(25.0),
            Some(1000.0),
            Some(1000.0),
        ),
        ("IS", 2024, None, None, None, Some(30.0), Some(30.0)),
    ]);
    let allies = [
        ally("AA", "1949-08-24", Region::Europe, true, true),
        ally("BB", "1949-08-24", Region::Europe, false, true),
        ally("IS", "1949-08-24", Region::Europe, false, false),
        ally("US", "1949-08-24", Region::NorthAmerica, false, true),
    ];
    let st = Calculator::new(&df, &allies)
        .unwrap()
        .standing(2024, 2.0)
        .unwrap();
    let aa = st.get("AA").unwrap();
    assert_eq!(aa.status, Status::Below);
    assert_eq!(aa.share_source, Some(ShareSource::Published));
    assert!((aa.gap.points.unwrap() - 0.5).abs() < 1e-12);
    assert!((aa.gap.usd_current_m.unwrap() - 5.0).abs() < 1e-9);
    assert_eq!(st.get("BB").unwrap().status, Status::Meets);
    let is = st.get("IS").unwrap();
    assert_eq!(is.status, Status::NotApplicable);
    assert_eq!(is.share, None, "no armed forces: no share, never 0");
    assert_eq!(st.get("US").unwrap().status, Status::NoData);
    let total = st.group_total(&all()).unwrap();
    assert_eq!((total.members, total.below, total.meets), (3, 1, 1));
    assert!((total.gap_usd_current_m - 5.0).abs() < 1e-9);
    for status in Status::ALL {
        assert_eq!(Status::from_key(status.key()), Some(status));
    }
    for source in ShareSource::ALL {
        assert_eq!(ShareSource::from_key(source.key()), Some(source));
    }
}

#[test]
fn real_change_falls_back_to_constant_spending_growth() {
    let df = frame(&[
        (
            "AA",
            2014,
            None,
            Some(10.0),
            Some(10.0),
            Some(100.0),
            Some(100.0),
        ),
        (
            "AA",
            2015,
            None,
            Some(12.0),
            Some(11.0),
            Some(100.0),
            Some(100.0),
        ),
    ]);
    let allies = [ally("AA", "1949-08-24", Region::Europe, true, true)];
    let calc = Calculator::new(&df, &allies).unwrap();
    let out = calc.ally_history("AA").unwrap();
    assert_eq!(out[0].real_change, None);
    assert!((out[1].real_change.unwrap() - 10.0).abs() < 1e-9);
    // The record the outlook draws on applies the same rule.
    let record = &calc.real_changes(2015).unwrap()["AA"];
    assert_eq!(record.len(), 1);
    assert!((record[0] - 10.0).abs() < 1e-9);
}
