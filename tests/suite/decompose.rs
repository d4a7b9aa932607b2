//! Why shares moved: the spending effect and the GDP effect add up to the
//! change, for every ally and every pair of years of both editions.

use crate::common;

use common::{defspend, json_of};
use defspend::calc::decompose;
use defspend::calc::Calculator;
use defspend::data::{Catalog, DataSource};

#[test]
fn the_effects_add_up_for_every_ally_and_year_pair_of_both_editions() {
    let catalog = Catalog::load(DataSource::Embedded).unwrap();
    for id in ["nato-2024", "nato-2026"] {
        let data = catalog.load_edition(Some(id)).unwrap();
        let calc = Calculator::for_edition(&data, &catalog.allies).unwrap();
        let edition = &data.edition;
        let mut pairs = 0;
        for from in edition.first_year..edition.last_year {
            let before = calc.standing_all(from, 2.0).unwrap();
            for to in from + 1..=edition.last_year {
                let after = calc.standing(to, 2.0).unwrap();
                for d in decompose::allies(&before, &after) {
                    pairs += 1;
                    let sum = d.spending_effect + d.gdp_effect;
                    assert!(
                        (sum - d.change()).abs() < 1e-9,
                        "{id} {} {from}-{to}: {sum} vs {}",
                        d.code,
                        d.change()
                    );
                    // The computed shares are NATO's, to its rounding: in the
                    // 2024 workbook (Table 3, two decimals) to within two
                    // roundings, and NATO's footnoted 2.00 for allies at 1.99
                    // (France 2020, Lithuania 2019, Slovakia 2024e); in the 2026
                    // tables, whose spending and GDP are also whole millions,
                    // within two roundings of the share and of its parts
                    // (Albania: 197 of 14,705 million moves it 0.004 points).
                    let published = d.published_change().unwrap();
                    let tolerance = if id == "nato-2026" { 0.02 } else { 0.016 };
                    assert!(
                        (published - d.change()).abs() < tolerance,
                        "{id} {} {from}-{to}: published {published}, computed {}",
                        d.code,
                        d.change()
                    );
                }
            }
        }
        assert!(pairs > 1500, "{id}: {pairs} ally-year pairs");
    }
}

#[test]
fn a_share_raised_by_a_falling_gdp_is_named() {
    // NATO June 2024, Tables 2 and 5: Greece's real GDP fell 9.0% in 2020 while its
    // spending grew; its share rose mostly because GDP fell.
    let doc = json_of(defspend().args([
        "decompose",
        "--edition",
        "nato-2024",
        "--from",
        "2019",
        "--to",
        "2020",
        "--format",
        "json",
    ]));
    let summary = doc["summary"][1].as_str().unwrap();
    assert!(summary.contains("Greece (real GDP -9.0%)"), "{summary}");
    let greece = doc["allies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ally"] == "Greece")
        .unwrap();
    assert!(
        greece["gdp_effect_points"].as_f64().unwrap()
            > greece["spending_effect_points"].as_f64().unwrap()
    );
    // Groups add their members' spending and GDP.
    let groups: Vec<&str> = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(
        groups,
        [
            "Europe and Canada",
            "EU allies",
            "United States",
            "All allies"
        ]
    );
}

#[test]
fn bad_years_are_usage_errors() {
    for (args, needle) in [
        (
            vec![
                "decompose",
                "--from",
                "2024",
                "--to",
                "2020",
                "--edition",
                "nato-2024",
            ],
            "--from: 2024 must come before --to 2020",
        ),
        (
            vec!["decompose", "--from", "2010"],
            "--from: 2010 is outside",
        ),
        (vec!["decompose", "--to", "2040"], "--to: 2040 is outside"),
        (
            vec!["chart", "decompose", "--from", "2026", "--output", "x.svg"],
            "--from: 2026 must come before",
        ),
    ] {
        let out = defspend().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}
