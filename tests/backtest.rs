//! The Monte Carlo model checked against history (METHOD): fitted on NATO's
//! June 2024 edition up to 2019, projected to 2024e, and NATO's published
//! shares (Table 3) counted inside or outside the model's 10-90% band. About
//! 80% would be calibrated; the README reports the figure.

use defspend::calc::montecarlo::Params;
use defspend::data::{Catalog, DataSource};
use defspend::scenario::odds::{backtest, RecordModel, BOUNDS, MIN_SD};

fn run(gdp_sd: f64, spending_spread: f64) -> defspend::scenario::odds::Backtest {
    let catalog = Catalog::load(DataSource::Embedded).unwrap();
    let params = Params {
        draws: 4_000,
        seed: 2025,
        gdp_sd,
        common: 0.5,
        spending_spread,
    };
    let model = RecordModel {
        prior_years: 5.0,
        bounds: BOUNDS,
        min_sd: MIN_SD,
    };
    backtest(&catalog, "nato-2024", 2019, params, model).unwrap()
}

#[test]
fn the_backtest_counts_every_ally_year_and_wider_bands_cover_more() {
    let b = run(1.5, 1.0);
    let years: Vec<i32> = b.by_year.iter().map(|y| y.0).collect();
    assert_eq!(years, [2020, 2021, 2022, 2023, 2024]);
    // Members with figures in 2019 and after (Iceland has none): 29 allies a year.
    for (year, inside, counted) in &b.by_year {
        assert!(*counted >= 28, "{year}: {counted}");
        assert!(inside <= counted);
    }
    eprintln!(
        "backtest nato-2024, fitted to 2019, 2020-2024e: {} of {} ally-years inside the 10-90% band ({:.0}%); by year: {:?}",
        b.inside(),
        b.counted(),
        b.coverage() * 100.0,
        b.by_year
    );
    // No spread: a band of zero width covers (almost) nothing; doubling the
    // spreads covers more than the defaults.
    let none = run(0.0, 0.0);
    let wide = run(3.0, 2.0);
    assert!(none.coverage() < 0.1, "{}", none.coverage());
    assert!(
        wide.coverage() > b.coverage(),
        "{} vs {}",
        wide.coverage(),
        b.coverage()
    );
    // The defaults are within a sensible range of calibration (80%).
    assert!(
        (0.5..=0.98).contains(&b.coverage()),
        "coverage {}",
        b.coverage()
    );
}
