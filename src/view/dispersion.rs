//! `dispersion`: whether the spending gap between European allies widens,
//! year by year, by each measure, with the measure named.

use serde_json::json;

use serde_json::{Map, Value as Json};

use super::{edition_metadata, estimates_note};
use crate::calc::dispersion::{Measure, YearSpread};
use crate::data::editions::SipriRelease;
use crate::data::{Edition, Group};
use crate::export::{column, Column, Report, Section, Table, Value};

/// Whose shares the spread is over: a NATO edition's, or a SIPRI release's.
#[derive(Clone, Copy)]
pub enum Shares<'a> {
    Nato(&'a Edition),
    Sipri(&'a SipriRelease),
}

impl Shares<'_> {
    pub fn year_label(&self, year: i32) -> String {
        match self {
            Shares::Nato(e) => e.year_label(year),
            Shares::Sipri(_) => year.to_string(),
        }
    }

    fn id(&self) -> &str {
        match self {
            Shares::Nato(e) => &e.id,
            Shares::Sipri(r) => &r.id,
        }
    }

    fn described(&self) -> String {
        match self {
            Shares::Nato(e) => format!("NATO's published shares, {}", e.id),
            Shares::Sipri(r) => format!(
                "SIPRI's shares of GDP, by SIPRI's definition, not NATO's, {}",
                r.id
            ),
        }
    }

    fn metadata(&self) -> Map<String, Json> {
        match self {
            Shares::Nato(e) => edition_metadata(e),
            Shares::Sipri(r) => {
                let mut m = super::sipri_metadata(r);
                m.insert("definition".into(), json!(r.definition));
                m
            }
        }
    }

    fn citation(&self) -> String {
        match self {
            Shares::Nato(e) => e.citation.clone(),
            Shares::Sipri(r) => r.citation.clone(),
        }
    }

    /// How the GDP-weighted mean is weighted, in this source.
    fn weights_note(&self) -> String {
        match self {
            Shares::Nato(_) => "GDP-weighted mean: each ally's published share weighted by its GDP in current USD.".into(),
            Shares::Sipri(_) => "GDP-weighted mean: each ally's share weighted by its GDP in current USD, SIPRI's spending in current USD over its share.".into(),
        }
    }

    /// What the source's figures are: NATO's estimates, SIPRI's definition.
    fn source_note(&self) -> String {
        match self {
            Shares::Nato(e) => estimates_note(e),
            Shares::Sipri(r) => format!(
                "SIPRI's definition, not NATO's: {}. SIPRI marks some figures as estimates or highly uncertain; they are used as given.",
                r.definition
            ),
        }
    }
}

/// The groups a report is about: the allies counted and the two set against each other.
pub struct Groups<'a> {
    pub over: &'a Group,
    pub pair: (&'a Group, &'a Group),
}

/// The allies the GDP-weighted mean left out, each with its years ("AL
/// 2014, 2015, 2016"), joined.
fn unweighted(years: &[YearSpread], label: impl Fn(i32) -> String) -> String {
    let mut by_ally: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for y in years {
        for code in &y.unweighted {
            by_ally.entry(code).or_default().push(label(y.year));
        }
    }
    by_ally
        .into_iter()
        .map(|(code, years)| format!("{code} {}", years.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn report(shares: Shares, groups: &Groups, years: &[YearSpread]) -> Report {
    let (first, last) = (years.first(), years.last());
    let mut summary = vec![format!(
        "Shares of GDP of the {} with armed forces, counted from the year each joined ({}).",
        groups.over.label,
        shares.described()
    )];
    if let (Some(a), Some(b)) = (first, last) {
        summary.push(headline(shares, a, b));
        // Each measure from the first year it has a value (the group gap
        // from the year both groups have members).
        summary.extend(Measure::ALL.iter().filter_map(|m| {
            let a = years.iter().find(|y| m.value(y).is_some()).unwrap_or(a);
            sentence(shares, groups, *m, a, b)
        }));
    }
    let table = Table::of(&columns(shares, groups, false), years);
    let tidy = Table::of(&columns(shares, groups, true), years);
    let mut metadata = shares.metadata();
    metadata.insert("allies_over".into(), json!(groups.over.key));
    metadata.insert(
        "groups_compared".into(),
        json!([groups.pair.0.key, groups.pair.1.key]),
    );
    metadata.insert("unit".into(), json!("% of GDP; points; the CV is a ratio"));
    let (from, to) = match shares {
        Shares::Nato(e) => (e.first_year, e.last_year),
        Shares::Sipri(_) => (first.map_or(0, |y| y.year), last.map_or(0, |y| y.year)),
    };
    let mut weights = shares.weights_note();
    let left_out = unweighted(years, |y| shares.year_label(y));
    if !left_out.is_empty() {
        weights = format!(
            "{weights} Left out of it for want of GDP in current USD (counted in every other measure): {left_out}."
        );
    }
    let notes = vec![
        "Standard deviation over the allies themselves (divided by n); coefficient of variation = standard deviation / simple mean; P90-P10 = 90th less 10th percentile, linear between the closest ranks; top 5 - bottom 5 = the mean of the five highest shares less that of the five lowest.".into(),
        weights,
        format!(
                "Group gap: the simple mean share of {} ({}) less that of {} ({}), members counted that year.",
                groups.pair.0.label,
                groups.pair.0.key,
                groups.pair.1.label,
                groups.pair.1.key
            ),
        shares.source_note(),
    ];
    Report {
        title: format!(
            "How far apart are the {}? Shares of GDP, {}-{} ({})",
            groups.over.label,
            shares.year_label(from),
            shares.year_label(to),
            shares.id()
        ),
        metadata,
        summary,
        sections: vec![Section::new("years", "By year", table)],
        notes,
        citation: shares.citation(),
        tidy,
    }
}

/// Whether the gap between the European allies widened, in points and
/// relative to the mean.
pub fn headline(shares: Shares, a: &YearSpread, b: &YearSpread) -> String {
    let span = format!(
        "{}-{}",
        shares.year_label(a.year),
        shares.year_label(b.year)
    );
    let widened = |m: Measure| m.value(b).zip(m.value(a)).is_some_and(|(y, x)| y > x);
    match (widened(Measure::Sd), widened(Measure::Cv)) {
        (true, false) => format!(
            "Is the gap between European allies widening? In points of GDP, yes: the standard deviation of their shares grew from {:.2} to {:.2} ({span}). Relative to the mean, no: the coefficient of variation fell from {:.2} to {:.2}, as the mean rose from {:.2}% to {:.2}%.",
            a.sd, b.sd, a.cv, b.cv, a.mean, b.mean
        ),
        (true, true) => format!(
            "Is the gap between European allies widening? Yes, in points of GDP and relative to the mean: the standard deviation of their shares grew from {:.2} to {:.2} and the coefficient of variation from {:.2} to {:.2} ({span}).",
            a.sd, b.sd, a.cv, b.cv
        ),
        (false, true) => format!(
            "Is the gap between European allies widening? Relative to the mean, yes (the coefficient of variation grew from {:.2} to {:.2}); in points of GDP, no (the standard deviation went from {:.2} to {:.2}) ({span}).",
            a.cv, b.cv, a.sd, b.sd
        ),
        (false, false) => format!(
            "Is the gap between European allies widening? No: the standard deviation of their shares went from {:.2} to {:.2} points and the coefficient of variation from {:.2} to {:.2} ({span}).",
            a.sd, b.sd, a.cv, b.cv
        ),
    }
}

/// One sentence per measure: from the first year to the last, widened or not.
fn sentence(
    shares: Shares,
    groups: &Groups,
    m: Measure,
    a: &YearSpread,
    b: &YearSpread,
) -> Option<String> {
    let (x, y) = (m.value(a)?, m.value(b)?);
    let verb = if y > x { "widened" } else { "did not widen" };
    let unit = if m.in_points() { " points" } else { "" };
    let (ya, yb) = (shares.year_label(a.year), shares.year_label(b.year));
    let name = match m {
        Measure::Sd => "Standard deviation".to_string(),
        Measure::Cv => "Coefficient of variation".to_string(),
        Measure::P90P10 => "90th less 10th percentile".to_string(),
        Measure::TopBottom => "Top five less bottom five".to_string(),
        Measure::GroupGap => format!("{} less {}", groups.pair.0.label, groups.pair.1.label),
    };
    Some(format!(
        "{name}: {verb}, {x:.2}{unit} in {ya} to {y:.2}{unit} in {yb}."
    ))
}

fn columns<'a>(shares: Shares<'a>, groups: &'a Groups, tidy: bool) -> Vec<Column<'a, YearSpread>> {
    let mut columns = Vec::new();
    match (tidy, shares) {
        (true, Shares::Nato(edition)) => {
            columns.push(column("edition", "Edition", |_: &YearSpread| {
                Value::text(&edition.id)
            }));
            columns.push(column("year", "Year", |y: &YearSpread| {
                Value::Int(y.year.into())
            }));
            columns.push(column("estimate", "Estimate", |y: &YearSpread| {
                Value::Bool(edition.is_estimate(y.year))
            }));
        }
        (true, Shares::Sipri(release)) => {
            columns.push(column("release", "Release", |_: &YearSpread| {
                Value::text(&release.id)
            }));
            columns.push(column("year", "Year", |y: &YearSpread| {
                Value::Int(y.year.into())
            }));
        }
        (false, _) => columns.push(column("year", "Year", move |y: &YearSpread| {
            Value::text(shares.year_label(y.year))
        })),
    }
    let d = if tidy { 4 } else { 2 };
    let n = move |key: &'static str, header: &'static str, f: fn(&YearSpread) -> Option<f64>| {
        column(key, header, move |y: &YearSpread| Value::num(f(y), d))
    };
    columns.extend([
        column("allies", "Allies", |y: &YearSpread| {
            Value::Int(y.allies as i64)
        }),
        n("mean", "Mean (%)", |y| Some(y.mean)),
        n("gdp_weighted_mean", "GDP-weighted mean (%)", |y| {
            Some(y.weighted_mean)
        }),
        n("sd_points", "SD (points)", |y| Some(y.sd)),
        n("cv", "CV", |y| Some(y.cv)),
        n("p90_p10_points", "P90-P10 (points)", |y| Some(y.p90_p10)),
        n("top5_bottom5_points", "Top 5 - bottom 5 (points)", |y| {
            Some(y.top_bottom)
        }),
        column(
            "group_a_mean",
            format!("{} mean (%)", groups.pair.0.label),
            move |y: &YearSpread| Value::num(y.groups.0, d),
        ),
        column(
            "group_b_mean",
            format!("{} mean (%)", groups.pair.1.label),
            move |y: &YearSpread| Value::num(y.groups.1, d),
        ),
        n("group_gap_points", "Gap (points)", YearSpread::group_gap),
    ]);
    columns
}
