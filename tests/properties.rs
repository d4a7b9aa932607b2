//! Properties of the calculator that must hold for any data, checked on
//! generated frames (1,000 cases each).

use chrono::NaiveDate;
use defspend::calc::{self, path, Group};
use defspend::data::allies::Region;
use defspend::data::Ally;
use polars::prelude::*;
use proptest::prelude::*;

/// One generated ally-year: (share %, GDP USD m, price level current/constant).
type Figures = (f64, f64, f64);

fn ally(i: usize) -> Ally {
    Ally {
        iso3: format!("X{i:02}"),
        nato_code: format!(
            "{}{}",
            (b'A' + (i / 26) as u8) as char,
            (b'A' + (i % 26) as u8) as char
        ),
        name: format!("Ally {i:02}"),
        accession_date: NaiveDate::from_ymd_opt(1949, 8, 24).unwrap(),
        region: if i == 0 {
            Region::NorthAmerica
        } else {
            Region::Europe
        },
        eu_member: i % 2 == 1,
        has_armed_forces: true,
        national_currency: None,
        note: None,
    }
}

/// A frame for year 2024 with the measures the calculator reads. With `published`
/// false the share is left to be computed from constant spending / constant GDP.
fn frame(figures: &[Figures], published: bool, money_scale: f64) -> (DataFrame, Vec<Ally>) {
    let allies: Vec<Ally> = (0..figures.len()).map(ally).collect();
    let codes: Vec<String> = allies.iter().map(|a| a.nato_code.clone()).collect();
    let share: Vec<Option<f64>> = figures.iter().map(|f| published.then_some(f.0)).collect();
    let gdp_con: Vec<f64> = figures.iter().map(|f| f.1 * money_scale).collect();
    let gdp_cur: Vec<f64> = figures.iter().map(|f| f.1 * f.2 * money_scale).collect();
    let def_con: Vec<f64> = figures
        .iter()
        .map(|f| f.0 / 100.0 * f.1 * money_scale)
        .collect();
    let def_cur: Vec<f64> = figures
        .iter()
        .map(|f| f.0 / 100.0 * f.1 * f.2 * money_scale)
        .collect();
    let df = df!(
        "code" => codes,
        "year" => vec![2024; figures.len()],
        "estimate" => vec![false; figures.len()],
        "share_of_gdp" => share,
        "defence_usd_current_m" => def_cur,
        "defence_usd_constant_m" => def_con,
        "gdp_usd_current_m" => gdp_cur,
        "gdp_usd_constant_m" => gdp_con,
        "real_change_pct" => vec![None::<f64>; figures.len()],
    )
    .unwrap();
    (df, allies)
}

fn column(df: &DataFrame, name: &str) -> Vec<f64> {
    let c = df.column(name).unwrap().f64().unwrap();
    (0..df.height()).map(|i| c.get(i).unwrap()).collect()
}

fn by_code(df: &DataFrame, name: &str) -> Vec<(String, f64)> {
    let codes = df.column("code").unwrap().str().unwrap();
    let values = column(df, name);
    let mut v: Vec<(String, f64)> = (0..df.height())
        .map(|i| (codes.get(i).unwrap().to_string(), values[i]))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn standing(figures: &[Figures], published: bool, scale: f64, target: f64) -> DataFrame {
    let (df, allies) = frame(figures, published, scale);
    calc::standing(&df, &calc::allies_frame(&allies).unwrap(), 2024, target).unwrap()
}

fn figures() -> impl Strategy<Value = Vec<Figures>> {
    prop::collection::vec((0.05f64..8.0, 100.0f64..5.0e7, 0.5f64..2.0), 1..16)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1000,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_gap_is_never_negative(f in figures(), target in 0.01f64..20.0, published in any::<bool>()) {
        let st = standing(&f, published, 1.0, target);
        for name in ["gap_points", "gap_usd_current_m", "gap_usd_constant_m"] {
            prop_assert!(column(&st, name).iter().all(|g| *g >= 0.0), "{name}");
        }
    }

    #[test]
    fn a_gap_is_zero_exactly_when_the_share_meets_the_target(f in figures(), target in 0.01f64..20.0) {
        let st = standing(&f, true, 1.0, target);
        let shares = column(&st, "share");
        let gaps = column(&st, "gap_points");
        for (s, g) in shares.iter().zip(&gaps) {
            prop_assert_eq!(*g == 0.0, *s >= target, "share {} gap {}", s, g);
        }
    }

    #[test]
    fn a_groups_gap_is_the_sum_of_its_members(f in figures(), target in 0.01f64..20.0, pick in prop::collection::vec(any::<bool>(), 16)) {
        let st = standing(&f, true, 1.0, target);
        let members: Vec<String> = (0..f.len()).filter(|i| pick[*i]).map(|i| ally(i).nato_code).collect();
        let group = Group::List { name: "picked".into(), codes: members.clone() };
        let total = column(&calc::group_gap(&st, &group).unwrap(), "gap_usd_current_m")[0];
        let sum: f64 = by_code(&st, "gap_usd_current_m").iter().filter(|(c, _)| members.contains(c)).map(|(_, g)| g).sum();
        prop_assert!((total - sum).abs() <= 1e-9 * sum.abs().max(1.0), "{} vs {}", total, sum);
        for g in [Group::All, Group::EuropeCanada, Group::Eu, Group::UnitedStates] {
            let gt = column(&calc::group_gap(&st, &g).unwrap(), "gap_usd_current_m")[0];
            prop_assert!(gt >= 0.0);
        }
    }

    #[test]
    fn raising_a_target_never_lowers_a_gap(f in figures(), t1 in 0.01f64..10.0, dt in 0.0f64..10.0) {
        let low = by_code(&standing(&f, true, 1.0, t1), "gap_usd_current_m");
        let high = by_code(&standing(&f, true, 1.0, t1 + dt), "gap_usd_current_m");
        for ((c, a), (_, b)) in low.iter().zip(&high) {
            prop_assert!(b >= a, "{}: {} then {}", c, a, b);
        }
    }

    #[test]
    fn scaling_money_scales_gaps_and_keeps_shares(f in figures(), target in 0.01f64..10.0, k in 0.001f64..1000.0) {
        let base = standing(&f, false, 1.0, target);
        let scaled = standing(&f, false, k, target);
        for ((c, s1), (_, s2)) in by_code(&base, "share").iter().zip(by_code(&scaled, "share")) {
            prop_assert!((s1 - s2).abs() <= 1e-9 * s1.abs().max(1.0), "{}: share {} vs {}", c, s1, s2);
        }
        for ((c, g1), (_, g2)) in by_code(&base, "gap_usd_constant_m").iter().zip(by_code(&scaled, "gap_usd_constant_m")) {
            prop_assert!((g1 * k - g2).abs() <= 1e-6 * (g1 * k).abs().max(1.0), "{}: gap {} x {} vs {}", c, g1, k, g2);
        }
    }

    #[test]
    fn a_path_starts_at_the_baseline_and_ends_at_the_target(
        s0 in 0.1f64..6.0,
        target in 0.1f64..8.0,
        growth in -3.0f64..6.0,
        years in 1i32..25,
        shape in prop::sample::select(vec!["linear", "constant-growth", "immediate"]),
    ) {
        let (df, _) = frame(&[(s0, 1.0e6, 1.0)], true, 1.0);
        let code = ally(0).nato_code;
        let plan = path::plan_frame(&[code.as_str()], &[target], &[shape], &[growth]).unwrap();
        let p = path::paths(&df, &plan, 2024, 2024 + years, 2.0).unwrap();
        let shares = column(&p, "required_share");
        prop_assert_eq!(shares.len(), years as usize + 1);
        prop_assert!((shares[0] - s0).abs() < 1e-9, "first year {}", shares[0]);
        let end = if s0 >= target { s0 } else { target };
        prop_assert!((shares[years as usize] - end).abs() < 1e-9, "{}: last year {} not {}", shape, shares[years as usize], end);
        let spending = column(&p, "spending_constant");
        let gdp = column(&p, "gdp_constant");
        prop_assert!((spending[years as usize] - end / 100.0 * gdp[years as usize]).abs() <= 1e-6 * spending[years as usize]);
    }

    #[test]
    fn results_do_not_depend_on_row_order(f in figures(), target in 0.01f64..10.0, seed in any::<u64>()) {
        let (df, allies) = frame(&f, true, 1.0);
        // A permutation from the seed.
        let mut order: Vec<u32> = (0..df.height() as u32).collect();
        let mut x = seed | 1;
        for i in (1..order.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            order.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let shuffled = df.take(&IdxCa::from_vec("idx".into(), order)).unwrap();
        let allies_frame = calc::allies_frame(&allies).unwrap();
        let a = calc::standing(&df, &allies_frame, 2024, target).unwrap();
        let b = calc::standing(&shuffled, &allies_frame, 2024, target).unwrap();
        for name in ["share", "gap_points", "gap_usd_current_m", "gap_usd_constant_m"] {
            prop_assert_eq!(by_code(&a, name), by_code(&b, name));
        }
        for g in [Group::All, Group::EuropeCanada, Group::Eu] {
            let ga = column(&calc::group_gap(&a, &g).unwrap(), "gap_usd_current_m")[0];
            let gb = column(&calc::group_gap(&b, &g).unwrap(), "gap_usd_current_m")[0];
            prop_assert!((ga - gb).abs() <= 1e-9 * ga.abs().max(1.0));
        }
    }
}
