use super::tally::{centre, quantile};
use super::*;

fn ally(code: &str, share: f64, growth: f64, spending_growth: f64, sd: f64) -> AllyInput {
    AllyInput {
        code: code.into(),
        spending0: share * 10.0,
        gdp0: 1000.0,
        gdp_growth: vec![growth; 10],
        spending_growth: vec![spending_growth; 10],
        spending_sd: sd,
    }
}

fn params(draws: usize, gdp_sd: f64, spread: f64) -> Params {
    Params {
        draws,
        seed: 7,
        gdp_sd,
        common: 0.5,
        spending_spread: spread,
    }
}

#[test]
fn quantiles_come_from_the_histogram() {
    let mut bins = vec![0u32; BINS];
    bins[bin_of(2.0)] = 50;
    bins[bin_of(3.0)] = 50;
    // Within half a bin (0.025% of the share) of the value.
    assert!((quantile(&bins, 100, 0.25) / 2.0 - 1.0).abs() < STEP / 2.0 + 1e-12);
    assert!((quantile(&bins, 100, 0.90) / 3.0 - 1.0).abs() < STEP / 2.0 + 1e-12);
    // No cap: a share of 40% (a country at war) keeps its own bin.
    assert!((centre(bin_of(40.0)) / 40.0 - 1.0).abs() < STEP);
    assert!(bin_of(40.0) < BINS - 1 && bin_of(0.01) > 0);
}

#[test]
fn one_pass_quantiles_are_the_scans_one_by_one() {
    // Histograms of every shape: empty bins, one full bin, spread draws.
    let mut state = 7u64;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as u32
    };
    for case in 0..200 {
        let mut bins = vec![0u32; BINS];
        let draws = 1 + case * 37;
        for _ in 0..draws {
            let i = if case % 7 == 0 {
                1234
            } else {
                next() as usize % BINS
            };
            bins[i] += 1;
        }
        let n: u64 = bins.iter().map(|&b| u64::from(b)).sum();
        let got = quantiles(&bins, n);
        let se = |q: f64| {
            let s = (q * (1.0 - q) / n as f64).sqrt();
            (quantile(&bins, n, (q + s).min(1.0)) - quantile(&bins, n, (q - s).max(0.0))) / 2.0
        };
        assert_eq!(got.p10, quantile(&bins, n, 0.10));
        assert_eq!(got.p25, quantile(&bins, n, 0.25));
        assert_eq!(got.p50, quantile(&bins, n, 0.50));
        assert_eq!(got.p75, quantile(&bins, n, 0.75));
        assert_eq!(got.p90, quantile(&bins, n, 0.90));
        assert_eq!(got.p10_se, se(0.10));
        assert_eq!(got.p50_se, se(0.50));
        assert_eq!(got.p90_se, se(0.90));
    }
}

#[test]
fn a_quantiles_standard_error_shrinks_as_one_over_root_n() {
    // Shares spread evenly in log over 1-4%: the median's s.e. is the
    // binomial s.e. times the spacing of draws.
    let se = |n: u32| {
        let mut bins = vec![0u32; BINS];
        let (a, b) = (bin_of(1.0), bin_of(4.0));
        for bin in &mut bins[a..b] {
            *bin = n;
        }
        quantiles(&bins, u64::from(n) * (b - a) as u64).p50_se
    };
    let ratio = se(1) / se(16);
    assert!((ratio - 4.0).abs() < 0.3, "{ratio}");
}

#[test]
fn record_growth_is_shrunk_and_bounded() {
    // Poland-like: +46% one year of three; shrunk toward an allied 4%.
    let (mu, sd) = shrunk_record(&[46.0, 10.0, 7.0], 4.0, 25.0, 5.0, (-5.0, 15.0), 1.0);
    assert!((mu - (63.0 + 20.0) / 8.0).abs() < 1e-9, "{mu}");
    assert!(sd >= 1.0);
    let (mu, _) = shrunk_record(&[60.0; 10], 4.0, 25.0, 5.0, (-5.0, 15.0), 1.0);
    assert_eq!(mu, 15.0, "bounded");
    let (mu, sd) = shrunk_record(&[], 4.0, 25.0, 5.0, (-5.0, 15.0), 1.0);
    assert_eq!((mu, sd), (4.0, 5.0), "no record: the allied figures");
}

#[test]
fn with_zero_spread_every_draw_is_the_deterministic_path() {
    let allies = [
        ally("AA", 2.0, 1.0, 5.0, 3.0),
        ally("BB", 3.0, 2.0, 1.0, 2.0),
    ];
    let series = [
        Series {
            key: "AA".into(),
            members: vec![0],
            every_year: true,
        },
        Series {
            key: "all".into(),
            members: vec![0, 1],
            every_year: true,
        },
    ];
    let sim = Simulation {
        allies: &allies,
        series: &series,
        target: 3.0,
        params: params(500, 0.0, 0.0),
        process: Process::Growth,
    };
    let expected = sim.expected();
    for draw in sim.sample(20) {
        assert_eq!(draw, expected, "every draw equals the path exactly");
    }
    // Hand check: AA's spending grows 5%, GDP 1% a year for 10 years.
    let aa = 2.0 * (1.05f64 / 1.01).powi(10);
    assert!(
        (expected[0][9] - aa).abs() < 1e-9,
        "{} vs {aa}",
        expected[0][9]
    );
    // 2.95% < 3%: no draw reaches the target; the percentiles are the path.
    let out = sim.run();
    assert_eq!(out[0].probability, 0.0);
    assert!((out[0].target_year.p10 / aa - 1.0).abs() <= STEP);
    assert!((out[0].target_year.p90 / aa - 1.0).abs() <= STEP);
    assert!(
        out[0].target_year.p50_se <= aa * STEP,
        "no spread, no error"
    );
}

#[test]
fn the_same_seed_gives_the_same_result_and_a_higher_target_never_better_odds() {
    let allies = [
        ally("AA", 2.0, 1.0, 5.0, 3.0),
        ally("BB", 3.0, 2.0, 1.0, 2.0),
    ];
    let series = [Series {
        key: "AA".into(),
        members: vec![0],
        every_year: false,
    }];
    let run = |target: f64, seed: u64| {
        let mut p = params(5_000, 1.5, 1.0);
        p.seed = seed;
        Simulation {
            allies: &allies,
            series: &series,
            target,
            params: p,
            process: Process::Growth,
        }
        .run()
    };
    assert_eq!(run(3.0, 1), run(3.0, 1));
    assert_ne!(run(3.0, 1), run(3.0, 2));
    let mut last = 1.0;
    for target in [1.0, 2.0, 2.5, 3.0, 3.5, 5.0] {
        let p = run(target, 1)[0].probability;
        assert!(p <= last, "{target}: {p} after {last}");
        last = p;
    }
}

#[test]
fn the_standard_error_shrinks_as_one_over_root_n() {
    let allies = [ally("AA", 2.0, 1.0, 4.0, 4.0)];
    let series = [Series {
        key: "AA".into(),
        members: vec![0],
        every_year: false,
    }];
    let se = |draws: usize| {
        Simulation {
            allies: &allies,
            series: &series,
            target: 2.9,
            params: params(draws, 1.5, 1.0),
            process: Process::Growth,
        }
        .run()[0]
            .standard_error
    };
    let (small, large) = (se(4_000), se(64_000));
    let ratio = small / large;
    assert!((ratio - 4.0).abs() < 0.4, "16x the draws: SE / {ratio}");
}

#[test]
fn the_share_process_with_no_spread_is_its_central_path() {
    // Two allies at 2% and 1% of GDP; a speed of 0.3 toward 3% with a
    // drift of +0.05 decaying at 0.5 a year, and no pull with a drift of
    // -0.02; a regime pool that the central path never draws from.
    let model = ShareModel {
        dynamics: Dynamics {
            sigma_u: 0.02,
            pool: vec![0.1, -0.1, 0.05],
            block: 2,
            decay: 0.5,
        },
        allies: vec![
            Forecastee {
                share0: 2.0,
                tau: Some(vec![3f64.ln(); 10]),
                speed: 0.3,
                drift: 0.05,
                momentum: 0.04,
                sigma: 0.08,
            },
            Forecastee {
                share0: 1.0,
                tau: None,
                speed: 0.0,
                drift: -0.02,
                momentum: 0.0,
                sigma: 0.08,
            },
        ],
    };
    let allies = [
        ally("AA", 2.0, 1.0, 0.0, 1.0),
        ally("BB", 1.0, 1.0, 0.0, 1.0),
    ];
    let series: Vec<Series> = (0..2)
        .map(|i| Series {
            key: allies[i].code.clone(),
            members: vec![i],
            every_year: true,
        })
        .collect();
    let sim = Simulation {
        allies: &allies,
        series: &series,
        target: 3.0,
        params: params(500, 0.0, 0.0),
        process: Process::Adjust(&model),
    };
    // The recursion by hand: y += k (tau - y) + d rho^h.
    let path = |k: f64, d: f64, rho: f64, y0: f64| {
        let (mut y, mut decay) = (y0, 1.0);
        (0..10)
            .map(|_| {
                decay *= rho;
                y += k * (3f64.ln() - y) + d * decay;
                y.exp()
            })
            .collect::<Vec<f64>>()
    };
    let (a, b) = (path(0.3, 0.05, 0.5, 2f64.ln()), path(0.0, -0.02, 0.5, 0.0));
    let expected = sim.expected();
    for year in 0..10 {
        assert!((expected[0][year] - a[year]).abs() < 1e-12, "{year}");
        assert!((expected[1][year] - b[year]).abs() < 1e-12, "{year}");
    }
    // Every draw is that path.
    for draw in sim.sample(20) {
        assert!((draw[0][9] - a[9]).abs() < 1e-12);
        assert!((draw[1][9] - b[9]).abs() < 1e-12);
    }
    let out = sim.run();
    let reached = |s: f64| f64::from(u8::from(s >= 3.0));
    assert_eq!(out[0].probability, reached(a[9]));
    // Momentum persisting and no drift at all: the same recursion with
    // the momentum decaying 0.9 a year, and with d = 0.
    assert_eq!(
        out[0].probability_persists,
        reached(path(0.3, 0.04, 0.9, 2f64.ln())[9])
    );
    assert_eq!(
        out[0].probability_no_drift,
        reached(path(0.3, 0.0, 1.0, 2f64.ln())[9])
    );
    assert_ne!(out[0].probability_persists, out[0].probability_no_drift);
}
