//! `economy`: an outlook's series by ally and year, with the publisher's
//! projections marked, series by series.

use serde_json::json;

use crate::data::outlook::{Outlook, Series};
use crate::data::Ally;
use crate::export::{ColumnSpec, Report, Section, Table, Value};

/// How many allies get a sentence of their own in the summary.
const SUMMARY_ALLIES: usize = 6;

pub fn report(outlook: &Outlook, allies: &[&Ally], series: &[Series], years: (i32, i32)) -> Report {
    let info = &outlook.info;
    let mut columns = vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("year", "Year"),
    ];
    columns.extend(series.iter().map(|s| ColumnSpec::new(s.key(), s.header())));
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
        series.len(),
        allies.len(),
        if allies.len() == 1 { "ally" } else { "allies" }
    )];
    for ally in allies {
        let code = ally.nato_code.as_str();
        for year in years.0..=years.1 {
            let mut row = vec![Value::text(&ally.name), Value::Int(year.into())];
            let mut projected = Vec::new();
            for &series in series {
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
                n if n == series.len() => "all".to_string(),
                _ => projected
                    .iter()
                    .map(|s| s.weo_code())
                    .collect::<Vec<_>>()
                    .join(", "),
            }));
            table.push(row);
        }
    }
    if allies.len() <= SUMMARY_ALLIES && series.contains(&Series::RealGdpGrowth) {
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
    let mut notes: Vec<String> = series
        .iter()
        .map(|s| format!("{}: {}.", s.key(), s.description()))
        .collect();
    notes.push("IMF projection: the years after the last year of actual data, which differs by ally and by series (the IMF's 'estimates start after'); the last column lists the series projected that year.".into());
    notes.push(format!("Data: {}", info.source));

    let mut metadata = serde_json::Map::new();
    metadata.insert("outlook".into(), json!(info.id));
    super::cite_file(&mut metadata, "outlook", &info.source);
    metadata.insert("title".into(), json!(info.title));
    metadata.insert("publisher".into(), json!(info.publisher));
    metadata.insert("published".into(), json!(info.published.to_string()));
    metadata.insert("years".into(), json!([years.0, years.1]));
    metadata.insert(
        "series".into(),
        json!(series
            .iter()
            .map(|s| json!({"key": s.key(), "imf_code": s.weo_code(), "description": s.description()}))
            .collect::<Vec<_>>()),
    );

    Report {
        title: format!("Economic outlook: {}, {}-{}", info.id, years.0, years.1),
        metadata,
        summary,
        sections: split_government(table),
        notes,
        citation: info.citation.clone(),
        tidy,
    }
}

/// One section by ally and year; where the general government's accounts are
/// shown too, they get a section of their own, so that a table fits a screen.
fn split_government(table: Table) -> Vec<Section> {
    let government: Vec<&str> = Series::ALL
        .iter()
        .filter(|s| s.is_government())
        .map(|s| s.key())
        .collect();
    let is_gov = |key: &str| government.contains(&key);
    if !table.columns.iter().any(|c| is_gov(&c.key))
        || table
            .columns
            .iter()
            .all(|c| is_gov(&c.key) || matches!(c.key.as_str(), "ally" | "year" | "projected"))
    {
        return vec![Section::new("years", "By ally and year", table)];
    }
    let pick = |keep: &dyn Fn(&str) -> bool| {
        let index: Vec<usize> = (0..table.columns.len())
            .filter(|&i| keep(&table.columns[i].key))
            .collect();
        let mut t = Table::new(index.iter().map(|&i| table.columns[i].clone()).collect());
        for row in &table.rows {
            t.push(index.iter().map(|&i| row[i].clone()).collect());
        }
        t
    };
    let economy = pick(&|k| !is_gov(k));
    let accounts = pick(&|k| is_gov(k) || matches!(k, "ally" | "year"));
    vec![
        Section::new("years", "By ally and year", economy),
        Section::new("government", "General government, % of GDP", accounts),
    ]
}

/// `economy --compare`: how an outlook moved from another one, series by
/// series, for the allies, series and years both cover.
pub fn changes(
    now: &Outlook,
    then: &Outlook,
    allies: &[&Ally],
    series: &[Series],
    years: (i32, i32),
) -> Report {
    let (a, b) = (&then.info, &now.info);
    let mut table = Table::new(vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("series", "Series"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("before", &a.id),
        ColumnSpec::new("after", &b.id),
        ColumnSpec::new("revision", "Revision"),
    ]);
    let mut tidy = Table::new(vec![
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("name", "Name"),
        ColumnSpec::new("series", "Series"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("from_outlook", "From outlook"),
        ColumnSpec::new("to_outlook", "To outlook"),
        ColumnSpec::new("before", "Before"),
        ColumnSpec::new("after", "After"),
        ColumnSpec::new("revision", "Revision"),
        ColumnSpec::new("before_projected", "Projected before"),
        ColumnSpec::new("after_projected", "Projected after"),
    ]);
    let mut summary = vec![format!(
        "How the outlook moved from {} ({}) to {} ({}), {}-{}: {} series for {} {}; revision = later less earlier, in the series' unit.",
        a.id,
        a.title,
        b.id,
        b.title,
        years.0,
        years.1,
        series.len(),
        allies.len(),
        if allies.len() == 1 { "ally" } else { "allies" }
    )];
    for ally in allies {
        let code = ally.nato_code.as_str();
        for &sr in series {
            let mut moved = Vec::new();
            for year in years.0..=years.1 {
                let (before, after) = (then.row(code, sr, year), now.row(code, sr, year));
                let (x, y) = (before.and_then(|r| r.value), after.and_then(|r| r.value));
                let revision = x.zip(y).map(|(x, y)| y - x);
                table.push(vec![
                    Value::text(&ally.name),
                    Value::text(sr.weo_code()),
                    Value::Int(year.into()),
                    Value::num(x, 2),
                    Value::num(y, 2),
                    Value::num(revision, 2),
                ]);
                tidy.push(vec![
                    Value::text(code),
                    Value::text(&ally.name),
                    Value::text(sr.key()),
                    Value::Int(year.into()),
                    Value::text(&a.id),
                    Value::text(&b.id),
                    Value::num(x, 3),
                    Value::num(y, 3),
                    Value::num(revision, 3),
                    Value::Bool(before.is_some_and(|r| r.projected)),
                    Value::Bool(after.is_some_and(|r| r.projected)),
                ]);
                if sr == Series::RealGdpGrowth && after.is_some_and(|r| r.projected) {
                    if let (Some(x), Some(y)) = (x, y) {
                        moved.push(format!("{year} {x:.2} → {y:.2}"));
                    }
                }
            }
            if allies.len() <= SUMMARY_ALLIES && !moved.is_empty() {
                summary.push(format!(
                    "{}: real GDP growth (%) {}.",
                    ally.name,
                    moved.join(", ")
                ));
            }
        }
    }
    let mut notes: Vec<String> = series
        .iter()
        .map(|s| format!("{}: {}.", s.weo_code(), s.description()))
        .collect();
    notes.push(
        "Each outlook's values as its publisher gives them; a year can be an outturn in one and a projection in the other (the tidy table says which).".into(),
    );
    notes.push(format!("Data: {}", a.source));
    notes.push(format!("Data: {}", b.source));
    let mut metadata = serde_json::Map::new();
    metadata.insert("from_outlook".into(), json!(a.id));
    metadata.insert("to_outlook".into(), json!(b.id));
    metadata.insert("years".into(), json!([years.0, years.1]));
    metadata.insert(
        "series".into(),
        json!(series.iter().map(|s| s.key()).collect::<Vec<_>>()),
    );
    Report {
        title: format!(
            "Economic outlook revised: {} to {}, {}-{}",
            a.id, b.id, years.0, years.1
        ),
        metadata,
        summary,
        sections: vec![Section::new("revisions", "By ally, series and year", table)],
        notes,
        citation: format!("{}\n{}", a.citation, b.citation),
        tidy,
    }
}
