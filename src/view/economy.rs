//! `economy`: an outlook's series by ally and year, with the publisher's
//! projections marked, series by series.

use serde_json::json;

use crate::data::outlook::{Outlook, OutlookRow, Series};
use crate::data::Ally;
use crate::export::{column, Column, Report, Section, Table, Value};

/// How many allies get a sentence of their own in the summary.
const SUMMARY_ALLIES: usize = 6;

pub fn report(outlook: &Outlook, allies: &[&Ally], series: &[Series], years: (i32, i32)) -> Report {
    let info = &outlook.info;
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
    // Each ally-year's rows of the outlook, one per series, looked up once.
    let rows: Vec<AllyYear> = allies
        .iter()
        .flat_map(|a| {
            (years.0..=years.1).map(move |year| AllyYear {
                ally: a,
                year,
                rows: series
                    .iter()
                    .map(|&sr| outlook.row(&a.nato_code, sr, year))
                    .collect(),
            })
        })
        .collect();
    let cells: Vec<Cell> = rows
        .iter()
        .flat_map(|r| {
            series.iter().zip(&r.rows).map(move |(&series, row)| Cell {
                ally: r.ally,
                year: r.year,
                series,
                row: *row,
            })
        })
        .collect();
    let tidy = Table::of(&tidy_columns(outlook), &cells);
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
        sections: sections(series, &rows),
        notes,
        citation: info.citation.clone(),
        tidy,
    }
}

/// An ally's year: its rows of the outlook, one per series asked for, in order.
struct AllyYear<'a> {
    ally: &'a Ally,
    year: i32,
    rows: Vec<Option<&'a OutlookRow>>,
}

/// A row of the tidy output: an ally's series in a year.
struct Cell<'a> {
    ally: &'a Ally,
    year: i32,
    series: Series,
    row: Option<&'a OutlookRow>,
}

fn tidy_columns(outlook: &Outlook) -> Vec<Column<'_, Cell<'_>>> {
    vec![
        column("code", "Code", |c: &Cell| Value::text(&c.ally.nato_code)),
        column("name", "Name", |c: &Cell| Value::text(&c.ally.name)),
        column("outlook", "Outlook", |_: &Cell| {
            Value::text(&outlook.info.id)
        }),
        column("year", "Year", |c: &Cell| Value::Int(c.year.into())),
        column("series", "Series", |c: &Cell| Value::text(c.series.key())),
        column("value", "Value", |c: &Cell| {
            Value::num(c.row.and_then(|r| r.value), 2)
        }),
        column("projected", "Projected", |c: &Cell| {
            Value::Bool(c.row.is_some_and(|r| r.projected))
        }),
    ]
}

/// An ally and a year, then one column per series of `shown` (`series`: all
/// the rows hold, in their order).
fn series_columns<'a>(series: &[Series], shown: &[Series]) -> Vec<Column<'a, AllyYear<'a>>> {
    let mut columns = vec![
        column("ally", "Ally", |r: &AllyYear| Value::text(&r.ally.name)),
        column("year", "Year", |r: &AllyYear| Value::Int(r.year.into())),
    ];
    columns.extend(shown.iter().map(|&sr| {
        let i = series.iter().position(|&s| s == sr).unwrap_or_default();
        column(sr.key(), sr.header(), move |r: &AllyYear| {
            Value::num(r.rows[i].and_then(|r| r.value), 2)
        })
    }));
    columns
}

/// Which of `series` the IMF projects in an ally's year.
fn projected_column<'a>(series: &'a [Series]) -> Column<'a, AllyYear<'a>> {
    column("projected", "IMF projection", move |r: &AllyYear| {
        let projected: Vec<&str> = series
            .iter()
            .zip(&r.rows)
            .filter(|(_, row)| row.is_some_and(|x| x.projected))
            .map(|(s, _)| s.weo_code())
            .collect();
        Value::text(match projected.len() {
            0 => "–".to_string(),
            n if n == series.len() => "all".to_string(),
            _ => projected.join(", "),
        })
    })
}

/// One section by ally and year; where the general government's accounts are
/// shown beside other series, they get a section of their own, so that a
/// table fits a screen.
fn sections(series: &[Series], rows: &[AllyYear]) -> Vec<Section> {
    let (government, economy): (Vec<Series>, Vec<Series>) =
        series.iter().partition(|s| s.is_government());
    let shown = if government.is_empty() || economy.is_empty() {
        series
    } else {
        &economy
    };
    let mut columns = series_columns(series, shown);
    columns.push(projected_column(series));
    let mut sections = vec![Section::new(
        "years",
        "By ally and year",
        Table::of(&columns, rows),
    )];
    if !government.is_empty() && !economy.is_empty() {
        sections.push(Section::new(
            "government",
            "General government, % of GDP",
            Table::of(&series_columns(series, &government), rows),
        ));
    }
    sections
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
    let mut cells = Vec::new();
    for ally in allies {
        let code = ally.nato_code.as_str();
        for &sr in series {
            let mut moved = Vec::new();
            for year in years.0..=years.1 {
                let revised = Revised {
                    ally,
                    series: sr,
                    year,
                    before: then.row(code, sr, year),
                    after: now.row(code, sr, year),
                };
                if sr == Series::RealGdpGrowth && revised.after.is_some_and(|r| r.projected) {
                    if let (Some(x), Some(y)) = (revised.value(false), revised.value(true)) {
                        moved.push(format!("{year} {x:.2} → {y:.2}"));
                    }
                }
                cells.push(revised);
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
    let table = Table::of(&revised_columns(&a.id, &b.id), &cells);
    let tidy = Table::of(&revised_tidy_columns(&a.id, &b.id), &cells);
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

/// An ally's series in a year in two outlooks.
struct Revised<'a> {
    ally: &'a Ally,
    series: Series,
    year: i32,
    before: Option<&'a OutlookRow>,
    after: Option<&'a OutlookRow>,
}

impl Revised<'_> {
    fn value(&self, after: bool) -> Option<f64> {
        if after { self.after } else { self.before }.and_then(|r| r.value)
    }

    fn revision(&self) -> Option<f64> {
        self.value(false).zip(self.value(true)).map(|(x, y)| y - x)
    }
}

fn revised_columns<'a>(from: &'a str, to: &'a str) -> Vec<Column<'a, Revised<'a>>> {
    vec![
        column("ally", "Ally", |r: &Revised| Value::text(&r.ally.name)),
        column("series", "Series", |r: &Revised| {
            Value::text(r.series.weo_code())
        }),
        column("year", "Year", |r: &Revised| Value::Int(r.year.into())),
        column("before", from, |r: &Revised| Value::num(r.value(false), 2)),
        column("after", to, |r: &Revised| Value::num(r.value(true), 2)),
        column("revision", "Revision", |r: &Revised| {
            Value::num(r.revision(), 2)
        }),
    ]
}

fn revised_tidy_columns<'a>(from: &'a str, to: &'a str) -> Vec<Column<'a, Revised<'a>>> {
    vec![
        column("code", "Code", |r: &Revised| Value::text(&r.ally.nato_code)),
        column("name", "Name", |r: &Revised| Value::text(&r.ally.name)),
        column("series", "Series", |r: &Revised| {
            Value::text(r.series.key())
        }),
        column("year", "Year", |r: &Revised| Value::Int(r.year.into())),
        column("from_outlook", "From outlook", move |_: &Revised| {
            Value::text(from)
        }),
        column("to_outlook", "To outlook", move |_: &Revised| {
            Value::text(to)
        }),
        column("before", "Before", |r: &Revised| {
            Value::num(r.value(false), 3)
        }),
        column("after", "After", |r: &Revised| Value::num(r.value(true), 3)),
        column("revision", "Revision", |r: &Revised| {
            Value::num(r.revision(), 3)
        }),
        column("before_projected", "Projected before", |r: &Revised| {
            Value::Bool(r.before.is_some_and(|r| r.projected))
        }),
        column("after_projected", "Projected after", |r: &Revised| {
            Value::Bool(r.after.is_some_and(|r| r.projected))
        }),
    ]
}
