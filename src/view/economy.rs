//! `economy`: an outlook's series by ally and year, with the publisher's
//! projections marked, series by series.

use serde_json::json;

use crate::data::outlook::{Outlook, Series};
use crate::data::Ally;
use crate::export::{ColumnSpec, Report, Section, Table, Value};

/// How many allies get a sentence of their own in the summary.
const SUMMARY_ALLIES: usize = 6;

pub fn report(outlook: &Outlook, allies: &[&Ally], years: (i32, i32)) -> Report {
    let info = &outlook.info;
    let mut columns = vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("year", "Year"),
    ];
    columns.extend(Series::ALL.map(|s| ColumnSpec::new(s.key(), s.header())));
    columns.push(ColumnSpec::new("projected", "IMF projection"));
    let mut table = Table::new(columns);
    let mut tidy = Table::new(vec![
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("name", "Name"),
        ColumnSpec::new("outlook", "Outlook"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("series", "Series"),
        ColumnSpec::new("value", "Value"),
        ColumnSpec::new("projected", "Projected"),
    ]);
    let mut summary = vec![format!(
        "{} ({}), {}-{}: {} series for {} {}.",
        info.title,
        info.publisher,
        years.0,
        years.1,
        Series::ALL.len(),
        allies.len(),
        if allies.len() == 1 { "ally" } else { "allies" }
    )];
    for ally in allies {
        let code = ally.nato_code.as_str();
        for year in years.0..=years.1 {
            let mut row = vec![Value::text(&ally.name), Value::Int(year.into())];
            let mut projected = Vec::new();
            for series in Series::ALL {
                let r = outlook.row(code, series, year);
                let value = r.and_then(|r| r.value);
                let is_projected = r.is_some_and(|r| r.projected);
                row.push(Value::num(value, 2));
                if is_projected {
                    projected.push(series);
                }
                tidy.push(vec![
                    Value::text(code),
                    Value::text(&ally.name),
                    Value::text(&info.id),
                    Value::Int(year.into()),
                    Value::text(series.key()),
                    Value::num(value, 2),
                    Value::Bool(is_projected),
                ]);
            }
            row.push(Value::text(match projected.len() {
                0 => "–".to_string(),
                n if n == Series::ALL.len() => "all".to_string(),
                _ => projected
                    .iter()
                    .map(|s| s.weo_code())
                    .collect::<Vec<_>>()
                    .join(", "),
            }));
            table.push(row);
        }
    }
    if allies.len() <= SUMMARY_ALLIES {
        for ally in allies {
            let code = ally.nato_code.as_str();
            let Some(first) = outlook.first_projected(code, Series::RealGdpGrowth) else {
                continue;
            };
            let growth: Vec<f64> = (first.max(years.0)..=years.1)
                .filter_map(|y| outlook.value(code, Series::RealGdpGrowth, y))
                .collect();
            if growth.is_empty() {
                continue;
            }
            // Compound average of the projected years shown.
            let factor: f64 = growth.iter().map(|g| 1.0 + g / 100.0).product();
            let average = (factor.powf(1.0 / growth.len() as f64) - 1.0) * 100.0;
            summary.push(format!(
                "{}: real GDP growth {average:.2}% a year on average over {}-{} (IMF projections from {first}).",
                ally.name,
                first.max(years.0),
                years.1
            ));
        }
    }
    let mut notes: Vec<String> = Series::ALL
        .iter()
        .map(|s| format!("{}: {}.", s.key(), s.description()))
        .collect();
    notes.push("IMF projection: the years after the last year of actual data, which differs by ally and by series (the IMF's 'estimates start after'); the last column lists the series projected that year.".into());
    notes.push(format!("Data: {}", info.source));

    let mut metadata = serde_json::Map::new();
    metadata.insert("outlook".into(), json!(info.id));
    metadata.insert("title".into(), json!(info.title));
    metadata.insert("publisher".into(), json!(info.publisher));
    metadata.insert("published".into(), json!(info.published.to_string()));
    metadata.insert("years".into(), json!([years.0, years.1]));
    metadata.insert(
        "series".into(),
        json!(Series::ALL
            .iter()
            .map(|s| json!({"key": s.key(), "imf_code": s.weo_code(), "description": s.description()}))
            .collect::<Vec<_>>()),
    );

    Report {
        title: format!("Economic outlook: {}, {}-{}", info.id, years.0, years.1),
        metadata,
        summary,
        sections: vec![Section::new("years", "By ally and year", table)],
        notes,
        citation: info.citation.clone(),
        tidy,
    }
}
