use super::*;

#[test]
fn the_commitment_path_is_linear_in_logs_and_holds() {
    assert!((commitment(1.0, 2014, 2024, 2.0, 2019) - 0.5 * 2f64.ln()).abs() < 1e-12);
    assert_eq!(commitment(1.0, 2014, 2024, 2.0, 2030), 2f64.ln());
    assert_eq!(
        commitment(3.0, 2014, 2024, 2.0, 2020),
        3f64.ln(),
        "above target: held"
    );
}

#[test]
fn estimation_recovers_the_noise_of_a_simulated_panel() {
    // Thirty allies, 60 years: e 0.05, u 0.08, no regime shock, no pledge.
    let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(3);
    let mut panel = Panel::new();
    for i in 0..30 {
        let mut y = 0.7f64;
        let mut by_year = BTreeMap::new();
        for year in 1960..2020 {
            y += 0.05 * rng.sample::<f64, _>(StandardNormal);
            let u = 0.08 * rng.sample::<f64, _>(StandardNormal);
            by_year.insert(year, (y + u).exp());
        }
        panel.insert(format!("A{i}"), by_year);
    }
    let e = estimate(&panel, 2019, (&[], 2019));
    assert!((e.params.sigma_e - 0.05).abs() < 0.01, "{e:?}");
    assert!((e.params.sigma_u - 0.08).abs() < 0.01, "{e:?}");
    // Every ally's own noise near the common 0.05, shrunk toward the pool.
    assert_eq!(e.own.len(), 30);
    // (An ally's 59 changes say little about its own noise when the
    // transitory noise is larger: the mean square is what holds.)
    let ms = e.own.values().map(|s| s * s).sum::<f64>() / 30.0;
    assert!((ms.sqrt() - 0.05).abs() < 0.01, "{:?}", e.own);
    assert!(e.own.values().all(|s| *s > 0.0 && *s < 0.1), "{:?}", e.own);
    assert!(e.params.speed(false) < 0.001, "no episode, no pull");
    assert_eq!(e.regime.years.len(), 59);
}

/// A panel of allies below 2% pulled toward it at speed `k` under a
/// pledge 2000-2010, with own noise.
fn pledge_panel(k: f64) -> (Panel, Episode) {
    let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(11);
    let mut panel = Panel::new();
    let mut frontline = BTreeMap::new();
    for i in 0..25 {
        let code = format!("A{i:02}");
        let s0 = 1.0 + 0.03 * f64::from(i);
        let mut y = s0.ln();
        let mut by_year = BTreeMap::from([(2000, s0)]);
        for year in 2001..=2010 {
            let tau = commitment(s0, 2000, 2010, 2.0, year);
            y += k * (tau - y) + 0.02 * rng.sample::<f64, _>(StandardNormal);
            by_year.insert(year, y.exp());
        }
        panel.insert(code.clone(), by_year);
        frontline.insert(code, false);
    }
    let ep = Episode {
        start: 2000,
        end: 2010,
        target: 2.0,
        floor: false,
        frontline,
    };
    (panel, ep)
}

#[test]
fn a_speed_the_data_identify_has_an_interval_inside_the_grid() {
    let (panel, ep) = pledge_panel(0.3);
    let e = estimate(&panel, 2010, (&[(ep, &panel)], 2010));
    let k = e.params.speed(false);
    assert!((k - 0.3).abs() < 0.1, "{k}");
    let [lo, hi] = e.intervals.a;
    assert!(lo > A_GRID.0 && hi < A_GRID.1, "{lo}..{hi}");
    assert!(lo <= e.params.a && e.params.a <= hi);
    assert_eq!(e.params.pledge_years, 250);
}

#[test]
fn no_pull_in_the_data_leaves_the_interval_on_the_grids_floor() {
    let (panel, ep) = pledge_panel(0.0);
    let e = estimate(&panel, 2010, (&[(ep, &panel)], 2010));
    assert_eq!(e.intervals.a[0], A_GRID.0, "{:?}", e.intervals);
}

fn still() -> Dynamics {
    Dynamics {
        sigma_u: 0.0,
        pool: Vec::new(),
        block: 5,
        decay: 1.0,
    }
}

#[test]
fn with_no_noise_the_simulation_is_the_adjustment_path() {
    // k = 0.5 toward ln 2 from ln 1: halfway each year.
    let ally = Forecastee {
        share0: 1.0,
        tau: Some(vec![2f64.ln(); 3]),
        speed: 0.5,
        drift: 0.0,
        momentum: 0.0,
        sigma: 0.0,
    };
    let out = simulate(&still(), &[ally], 3, 5, 1);
    for (year, expected) in [(0, 0.5), (1, 0.75), (2, 0.875)] {
        let want = (expected * 2f64.ln()).exp();
        assert!(
            out[0][year].iter().all(|s| (s - want).abs() < 1e-12),
            "{year}"
        );
    }
}

#[test]
fn the_drift_decays_geometrically() {
    let ally = Forecastee {
        share0: 1.0,
        tau: None,
        speed: 0.0,
        drift: 0.1,
        momentum: 0.0,
        sigma: 0.0,
    };
    let dynamics = Dynamics {
        decay: 0.5,
        ..still()
    };
    let out = simulate(&dynamics, &[ally], 3, 2, 1);
    for (year, sum) in [(0, 0.05), (1, 0.075), (2, 0.0875)] {
        assert!((out[0][year][0] - f64::exp(sum)).abs() < 1e-12, "{year}");
    }
}

#[test]
fn the_regime_is_drawn_in_blocks_of_consecutive_years() {
    let dynamics = Dynamics {
        pool: (0..20).map(f64::from).collect(),
        block: 4,
        ..still()
    };
    let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(5);
    let mut f = vec![0.0; 10];
    for _ in 0..50 {
        dynamics.regime_into(Some(&mut rng), &mut f);
        for chunk in f.chunks(4) {
            for w in chunk.windows(2) {
                assert_eq!(w[1] - w[0], 1.0, "{f:?}");
            }
        }
    }
    dynamics.regime_into(None::<&mut rand::rngs::Xoshiro256PlusPlus>, &mut f);
    assert!(f.iter().all(|x| *x == 0.0), "no draw: no regime");
    let centred = Regime {
        years: (1..=4).collect(),
        means: vec![1.0, 2.0, 3.0, 6.0],
    }
    .pool(true);
    assert_eq!(centred, vec![-2.0, -1.0, 0.0, 3.0]);
}

#[test]
fn pooled_drifts_are_their_groups_means() {
    let rising = BTreeMap::from([(2020, 1.0), (2021, 1.1), (2022, 1.21)]);
    let flat = BTreeMap::from([(2020, 2.0), (2021, 2.0), (2022, 2.0)]);
    let history = Panel::from([
        ("AA".to_string(), rising.clone()),
        ("BB".to_string(), flat.clone()),
        ("US".to_string(), flat),
    ]);
    let groups = BTreeMap::from([
        ("AA".to_string(), "europe".to_string()),
        ("BB".to_string(), "europe".to_string()),
    ]);
    let own = drifts(&history, None, 2022, 3, None);
    assert!((own["AA"] - 1.1f64.ln()).abs() < 1e-12);
    let pooled = drifts(&history, None, 2022, 3, Some(&groups));
    assert!((pooled["AA"] - 1.1f64.ln() / 2.0).abs() < 1e-12);
    assert_eq!(pooled["AA"], pooled["BB"]);
    assert_eq!(
        pooled["US"], 0.0,
        "a group of its own: not Europe's momentum"
    );
}

#[test]
fn an_allys_drift_is_its_own_recent_mean_change() {
    let by_year = BTreeMap::from([(2020, 1.0), (2021, 1.1), (2022, 1.21), (2023, 1.331)]);
    assert!((drift(&by_year, 2023, 3).unwrap() - 1.1f64.ln()).abs() < 1e-12);
    assert_eq!(drift(&by_year, 2021, 5), None, "one change: no drift");
}
