use super::*;

/// One ally, Y = 1000 (constant = current), spending 15 (1.5%).
fn data(share: f64) -> DataFrame {
    df!(
        "code" => ["AA"],
        "year" => [2025],
        "estimate" => [false],
        "share_of_gdp" => [Some(share)],
        "defence_usd_current_m" => [Some(share * 10.0)],
        "defence_usd_constant_m" => [Some(share * 10.0)],
        "gdp_usd_current_m" => [Some(1000.0)],
        "gdp_usd_constant_m" => [Some(1000.0)],
        "real_change_pct" => [None::<f64>],
    )
    .unwrap()
}

fn column(df: &DataFrame, name: &str) -> Vec<f64> {
    let c = df.column(name).unwrap().f64().unwrap();
    (0..df.height())
        .map(|i| c.get(i).unwrap_or(f64::NAN))
        .collect()
}

fn run(shape: &str, share: f64, target: f64, growth: f64) -> DataFrame {
    let plan = plan_frame(&["AA"], &[target], &[shape], &[growth]).unwrap();
    paths(&data(share), &data(share), &plan, None, 2025, 2035, 2.0).unwrap()
}

#[test]
fn linear_steps_by_equal_points() {
    let p = run("linear", 1.5, 3.5, 1.5);
    let s = column(&p, "required_share");
    assert_eq!(s.len(), 11);
    assert!((s[0] - 1.5).abs() < 1e-12, "first year is the baseline");
    for w in s.windows(2) {
        assert!((w[1] - w[0] - 0.2).abs() < 1e-12, "step (3.5 - 1.5) / 10");
    }
    assert!((s[10] - 3.5).abs() < 1e-12);
}

#[test]
fn constant_growth_reaches_the_target_share_of_gdp_exactly() {
    let p = run("constant-growth", 1.5, 3.5, 1.5);
    let spend = column(&p, "spending_constant");
    let gdp = column(&p, "gdp_constant");
    assert!((spend[0] - 15.0).abs() < 1e-9);
    assert!(
        (spend[10] - 0.035 * 1000.0 * 1.015_f64.powi(10)).abs() < 1e-9,
        "t x GDP in the target year"
    );
    let growth = column(&p, "real_growth");
    let r = growth[1];
    for g in &growth[1..] {
        assert!((g - r).abs() < 1e-9, "one real rate every year");
    }
    assert!((gdp[10] - 1000.0 * 1.015_f64.powi(10)).abs() < 1e-9);
}

#[test]
fn immediate_jumps_after_the_baseline() {
    let p = run("immediate", 1.5, 3.0, 0.0);
    let s = column(&p, "required_share");
    assert!((s[0] - 1.5).abs() < 1e-12);
    assert!(s[1..].iter().all(|x| (x - 3.0).abs() < 1e-12));
    let growth = column(&p, "real_growth");
    assert!(
        (growth[1] - 100.0).abs() < 1e-9,
        "1.5% to 3% with flat GDP doubles spending"
    );
}

#[test]
fn an_ally_at_target_keeps_its_share() {
    let p = run("linear", 4.0, 3.5, 1.5);
    assert!(column(&p, "required_share")
        .iter()
        .all(|s| (s - 4.0).abs() < 1e-12));
    assert!(column(&p, "added_constant")[0].abs() < 1e-12);
}

#[test]
fn yearly_factors_equal_the_closed_form_for_a_constant_rate() {
    // One rate every year, given year by year, must give the closed form's paths.
    for shape in PathShape::ALL {
        let flat = run(shape.key(), 1.5, 3.5, 1.7);
        let plan = [Plan {
            code: "AA".into(),
            target: 3.5,
            path: shape,
            real_gdp_growth: 0.0,
            yearly: Some(YearlyGrowth {
                real_pct: vec![1.7; 10],
                usd_pct: vec![(1.017 * 1.02 - 1.0) * 100.0; 10],
            }),
        }];
        let factors = factor_frame(&plan, 2025, 2035, 2.0).unwrap();
        let plan_df = plan_frame(&["AA"], &[3.5], &[shape.key()], &[0.0]).unwrap();
        let yearly = paths(
            &data(1.5),
            &data(1.5),
            &plan_df,
            Some(factors),
            2025,
            2035,
            2.0,
        )
        .unwrap();
        for name in [
            "required_share",
            "gdp_constant",
            "gdp_current",
            "spending_constant",
            "spending_current",
            "added_current",
        ] {
            for (a, b) in column(&flat, name).iter().zip(column(&yearly, name)) {
                assert!(
                    (a - b).abs() <= 1e-9 * a.abs().max(1.0),
                    "{} {name}: {a} vs {b}",
                    shape.key()
                );
            }
        }
    }
}

#[test]
fn current_dollars_apply_the_deflator() {
    let p = run("linear", 2.0, 2.0, 0.0);
    let cur = column(&p, "spending_current");
    assert!((cur[10] - 20.0 * 1.02_f64.powi(10)).abs() < 1e-9);
}
