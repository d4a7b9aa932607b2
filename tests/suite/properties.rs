//! Properties of the calculator that must hold for any data, checked on
//! generated frames (1,000 cases each).

use chrono::NaiveDate;
use defspend::calc::path::{PathShape, Plan};
use defspend::calc::{Calculator, Standing, Standings};
use defspend::data::allies::CommitmentBasis;
use defspend::data::allies::Region;
use defspend::data::Ally;
use defspend::data::Group;
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
        commitment_basis: CommitmentBasis::Gdp,
        national_currency: None,
        currency: "EUR".into(),
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
        "equipment_pct" => vec![None::<f64>; figures.len()],
        "defence_per_capita_usd" => vec![None::<f64>; figures.len()],
    )
    .unwrap();
    (df, allies)
}

/// A measure of each standing, in row order.
fn column(st: &Standings, get: fn(&Standing) -> Option<f64>) -> Vec<f64> {
    st.rows.iter().map(|s| get(s).unwrap()).collect()
}

fn by_code(st: &Standings, get: fn(&Standing) -> Option<f64>) -> Vec<(String, f64)> {
    let mut v: Vec<(String, f64)> = st
        .rows
        .iter()
        .map(|s| (s.code.clone(), get(s).unwrap()))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn share(s: &Standing) -> Option<f64> {
    s.share
}
fn gap_points(s: &Standing) -> Option<f64> {
    s.gap.points
}
fn gap_current(s: &Standing) -> Option<f64> {
    s.gap.usd_current_m
}
fn gap_constant(s: &Standing) -> Option<f64> {
    s.gap.usd_constant_m
}

fn standing(figures: &[Figures], published: bool, scale: f64, target: f64) -> Standings {
    let (df, allies) = frame(figures, published, scale);
    Calculator::new(&df, &allies)
        .unwrap()
        .standing(2024, target)
        .unwrap()
}

/// The groups of groups.toml, over generated allies: all; all but the first
/// (as Europe and Canada leaves out the United States); EU members; the first.
fn standard_groups(n: usize) -> Vec<Group> {
    let codes: Vec<String> = (0..n).map(|i| ally(i).nato_code).collect();
    let refs = |pick: &dyn Fn(usize) -> bool| -> Vec<&str> {
        (0..n)
            .filter(|i| pick(*i))
            .map(|i| codes[i].as_str())
            .collect()
    };
    vec![
        Group::list("all", &refs(&|_| true)),
        Group::list("europe-canada", &refs(&|i| i != 0)),
        Group::list("eu", &refs(&|i| ally(i).eu_member)),
        Group::list("us", &refs(&|i| i == 0)),
    ]
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
        for (name, get) in [("points", gap_points as fn(&Standing) -> Option<f64>), ("current", gap_current), ("constant", gap_constant)] {
            prop_assert!(column(&st, get).iter().all(|g| *g >= 0.0), "{name}");
        }
    }

    #[test]
    fn a_gap_is_zero_exactly_when_the_share_meets_the_target(f in figures(), target in 0.01f64..20.0) {
        let st = standing(&f, true, 1.0, target);
        let shares = column(&st, share);
        let gaps = column(&st, gap_points);
        for (s, g) in shares.iter().zip(&gaps) {
            prop_assert_eq!(*g == 0.0, *s >= target, "share {} gap {}", s, g);
        }
    }

    #[test]
    fn a_groups_gap_is_the_sum_of_its_members(f in figures(), target in 0.01f64..20.0, pick in prop::collection::vec(any::<bool>(), 16)) {
        let st = standing(&f, true, 1.0, target);
        let members: Vec<String> = (0..f.len()).filter(|i| pick[*i]).map(|i| ally(i).nato_code).collect();
        let picked: Vec<&str> = members.iter().map(String::as_str).collect();
        let group = Group::list("picked", &picked);
        let total = st.group_total(&group).unwrap().gap_usd_current_m;
        let sum: f64 = by_code(&st, gap_current).iter().filter(|(c, _)| members.contains(c)).map(|(_, g)| g).sum();
        prop_assert!((total - sum).abs() <= 1e-9 * sum.abs().max(1.0), "{} vs {}", total, sum);
        for g in standard_groups(f.len()) {
            let gt = st.group_total(&g).unwrap().gap_usd_current_m;
            prop_assert!(gt >= 0.0);
        }
    }

    #[test]
    fn raising_a_target_never_lowers_a_gap(f in figures(), t1 in 0.01f64..10.0, dt in 0.0f64..10.0) {
        let low = by_code(&standing(&f, true, 1.0, t1), gap_current);
        let high = by_code(&standing(&f, true, 1.0, t1 + dt), gap_current);
        for ((c, a), (_, b)) in low.iter().zip(&high) {
            prop_assert!(b >= a, "{}: {} then {}", c, a, b);
        }
    }

    #[test]
    fn scaling_money_scales_gaps_and_keeps_shares(f in figures(), target in 0.01f64..10.0, k in 0.001f64..1000.0) {
        let base = standing(&f, false, 1.0, target);
        let scaled = standing(&f, false, k, target);
        for ((c, s1), (_, s2)) in by_code(&base, share).iter().zip(by_code(&scaled, share)) {
            prop_assert!((s1 - s2).abs() <= 1e-9 * s1.abs().max(1.0), "{}: share {} vs {}", c, s1, s2);
        }
        for ((c, g1), (_, g2)) in by_code(&base, gap_constant).iter().zip(by_code(&scaled, gap_constant)) {
            prop_assert!((g1 * k - g2).abs() <= 1e-6 * (g1 * k).abs().max(1.0), "{}: gap {} x {} vs {}", c, g1, k, g2);
        }
    }

    #[test]
    fn a_path_starts_at_the_baseline_and_ends_at_the_target(
        s0 in 0.1f64..6.0,
        target in 0.1f64..8.0,
        growth in -3.0f64..6.0,
        years in 1i32..25,
        shape in prop::sample::select(PathShape::ALL.to_vec()),
    ) {
        let (df, allies) = frame(&[(s0, 1.0e6, 1.0)], true, 1.0);
        let plan = [Plan { code: ally(0).nato_code, target, path: shape, real_gdp_growth: growth, yearly: None }];
        let p = Calculator::new(&df, &allies).unwrap().paths(&plan, 2024, 2024 + years, 2.0).unwrap();
        let shares: Vec<f64> = p.years.iter().map(|y| y.required_share.unwrap()).collect();
        prop_assert_eq!(shares.len(), years as usize + 1);
        prop_assert!((shares[0] - s0).abs() < 1e-9, "first year {}", shares[0]);
        let end = if s0 >= target { s0 } else { target };
        prop_assert!((shares[years as usize] - end).abs() < 1e-9, "{:?}: last year {} not {}", shape, shares[years as usize], end);
        let spending: Vec<f64> = p.years.iter().map(|y| y.spending_constant.unwrap()).collect();
        let gdp: Vec<f64> = p.years.iter().map(|y| y.gdp_constant.unwrap()).collect();
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
        let a = Calculator::new(&df, &allies).unwrap().standing(2024, target).unwrap();
        let b = Calculator::new(&shuffled, &allies).unwrap().standing(2024, target).unwrap();
        for get in [share as fn(&Standing) -> Option<f64>, gap_points, gap_current, gap_constant] {
            prop_assert_eq!(by_code(&a, get), by_code(&b, get));
        }
        for g in standard_groups(f.len()) {
            let ga = a.group_total(&g).unwrap().gap_usd_current_m;
            let gb = b.group_total(&g).unwrap().gap_usd_current_m;
            prop_assert!((ga - gb).abs() <= 1e-9 * ga.abs().max(1.0));
        }
    }
}
