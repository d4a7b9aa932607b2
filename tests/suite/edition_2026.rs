//! NATO's July 2026 edition in full: the fifteen measures of its Tables 1-8
//! in the committed tidy dataset (the one defspend embeds), each where NATO
//! puts it, and consistent with each other as NATO's tables are.

use std::collections::HashMap;

/// The committed dataset: (ally, year) → measure → value.
fn rows() -> HashMap<(String, i32), HashMap<String, f64>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/datasets/nato-2026/expenditure.csv"
    );
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let mut out = HashMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        let ally = record[0].to_string();
        let year: i32 = record[1].parse().unwrap();
        let values = headers
            .iter()
            .zip(record.iter())
            .skip(3)
            .filter_map(|(h, v)| Some((h.to_string(), v.parse::<f64>().ok()?)))
            .collect();
        out.insert((ally, year), values);
    }
    out
}

fn value(
    rows: &HashMap<(String, i32), HashMap<String, f64>>,
    ally: &str,
    year: i32,
    measure: &str,
) -> f64 {
    rows[&(ally.to_string(), year)][measure]
}

/// Italy, from the edition's tables (Defence Expenditure of NATO Countries
/// (2014-2026), July 2026): Table 7, military personnel 168.9 thousand in
/// 2024 and 185.4 thousand in 2025e; Table 1, core spending EUR 33,402
/// million (current prices) in 2024 and 47,183 million in 2025e; Table 3,
/// real change +4.65% in 2024 and +38.5% in 2025e; Table 5, GDP USD
/// 2,324,945 million at 2021 prices in 2024; Table 6, core spending per
/// person USD 598 (2021 prices) in 2024; Table 8b, infrastructure 3.15% and
/// other 14.07% of core spending in 2024.
#[test]
fn italy_in_every_table_of_the_2026_edition() {
    let rows = rows();
    let cases = [
        (2024, "military_personnel_k", 168.9),
        (2025, "military_personnel_k", 185.4),
        (2024, "defence_ncu_current_m", 33402.0),
        (2025, "defence_ncu_current_m", 47183.0),
        (2024, "real_change_pct", 4.65),
        (2025, "real_change_pct", 38.5),
        (2024, "gdp_usd_constant_m", 2324945.0),
        (2024, "defence_per_capita_usd", 598.0),
        (2024, "infrastructure_pct", 3.15),
        (2024, "other_pct", 14.07),
    ];
    for (year, measure, expected) in cases {
        assert_eq!(
            value(&rows, "IT", year, measure),
            expected,
            "Italy {year} {measure}"
        );
    }
    // Every measure of the edition is there for every ally but Iceland (no
    // armed forces) in 2024.
    let italy = &rows[&("IT".to_string(), 2024)];
    assert_eq!(italy.len(), 15, "{:?}", italy.keys());
}

/// The measures agree with each other as the edition's do: the real change
/// recomputed from constant USD is NATO's within rounding; the four
/// categories of spending add up to 100; in 2021, the price base year,
/// current and constant figures are equal; spending per person over GDP per
/// person is the share at 2021 prices. A measure read into the wrong column
/// fails one of these.
#[test]
fn the_fifteen_measures_agree_as_natos_tables_do() {
    let rows = rows();
    let mut checked = 0;
    for ((ally, year), v) in &rows {
        let get = |m: &str| v.get(m).copied();
        if let (Some(now), Some(change)) = (get("defence_usd_constant_m"), get("real_change_pct")) {
            if let Some(before) = rows
                .get(&(ally.clone(), year - 1))
                .and_then(|r| r.get("defence_usd_constant_m"))
            {
                // Whole millions: the recomputed change is off by up to a
                // million either side (Montenegro's ~100 million: 1%).
                let recomputed = (now / before - 1.0) * 100.0;
                let slack = 0.01 + 100.0 * (0.5 / now + 0.5 / before) * (now / before);
                assert!(
                    (recomputed - change).abs() <= slack,
                    "{ally} {year}: real change {change} against {recomputed:.3} recomputed"
                );
                checked += 1;
            }
        }
        let parts: Option<Vec<f64>> = [
            "equipment_pct",
            "personnel_pct",
            "infrastructure_pct",
            "other_pct",
        ]
        .iter()
        .map(|m| get(m))
        .collect();
        if let Some(parts) = parts {
            let sum: f64 = parts.iter().sum();
            assert!(
                (sum - 100.0).abs() <= 0.03,
                "{ally} {year}: categories add up to {sum}"
            );
        }
        if *year == 2021 {
            for (current, constant) in [
                ("defence_usd_current_m", "defence_usd_constant_m"),
                ("defence_ncu_current_m", "defence_ncu_constant_m"),
            ] {
                if let (Some(a), Some(b)) = (get(current), get(constant)) {
                    assert_eq!(a, b, "{ally} 2021: {current} against {constant}");
                }
            }
        }
        if let (Some(pc), Some(gdp_pc), Some(d), Some(g)) = (
            get("defence_per_capita_usd"),
            get("gdp_per_capita_k_usd"),
            get("defence_usd_constant_m"),
            get("gdp_usd_constant_m"),
        ) {
            // Per person in whole USD and tenths of thousands.
            let by_person = pc / (gdp_pc * 1000.0) * 100.0;
            let by_total = d / g * 100.0;
            let slack = by_total * (0.5 / pc + 0.05 / gdp_pc + 0.5 / d) + 0.005;
            assert!(
                (by_person - by_total).abs() <= slack,
                "{ally} {year}: per person {by_person:.4}% against {by_total:.4}%"
            );
        }
    }
    assert!(checked > 300, "{checked} real changes checked");
}
