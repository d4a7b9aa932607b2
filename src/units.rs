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

/// A target share of GDP: a number above 0 and below 100.
pub fn parse_target(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number (a share of GDP in %, e.g. 2 or 3.5)"))?;
    if !value.is_finite() || value <= 0.0 || value >= 100.0 {
        return Err(format!(
            "{text} is not a share of GDP: it must be above 0 and below 100"
        ));
    }
    Ok(value)
}

/// A growth rate threshold: a positive number of % a year.
pub fn parse_rate(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number (% a year)"))?;
    if !value.is_finite() || value <= 0.0 {
        return Err(format!("{text} must be a positive number of % a year"));
    }
    Ok(value)
}
