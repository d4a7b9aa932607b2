//! Units and number formatting shared by tables, charts and sentences, defined once.

/// USD million → USD billion.
pub fn bn(million: Option<f64>) -> Option<f64> {
    million.map(|m| m / 1000.0)
}

/// A share of GDP or a rate as users write it: "2" for 2.0, "3.5" for 3.5,
/// "3.125" for 3.125 (three decimals at most).
pub fn pct(value: f64) -> String {
    format!("{}", (value * 1000.0).round() / 1000.0)
}

/// "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
