//! `definitions`: NATO's, SIPRI's and Eurostat's measures of defence side by
//! side for each ally-year, the gaps between them, and the breaks.

use serde_json::json;

use super::{cite_file, edition_metadata};
use crate::calc::definitions::{
    Break, DefinitionYear, JUMP_POINTS, PERSONNEL_JUMP_PCT, STILL_POINTS,
};
use crate::data::editions::SipriRelease;
use crate::data::eurostat::GovEv;
use crate::data::Edition;
use crate::export::{column, Column, Report, Section, Table, Value};
use crate::units::pct;

/// What a report on the definitions stands on.
pub struct Sources<'a> {
    pub edition: &'a Edition,
    pub gov_ev: &'a GovEv,
    /// The Eurostat release's source record (its manifest's `source`).
    pub gov_ev_source: &'a str,
    /// SIPRI's release, when installed.
    pub sipri: Option<&'a SipriRelease>,
}

fn signed(v: f64) -> String {
    format!("{v:+.2}")
}

/// "NATO +0.57 points, Eurostat investment 0.00 point, personnel +9.8%".
fn described(b: &Break) -> String {
    let others = b
        .stayed
        .iter()
        .map(|(d, m)| format!("{} {}", d.label(), signed(*m)))
        .collect::<Vec<_>>()
        .join(", ");
    let personnel = b.personnel_change_pct.map_or(String::new(), |p| {
        format!("; military personnel {p:+.1}% (NATO Table 7)")
    });
    format!(
        "{} {}: {} {} points of GDP, {others}{personnel}",
        b.name,
        b.year,
        b.jumped.label(),
        signed(b.jump)
    )
}

pub fn report(s: &Sources, years: (i32, i32), rows: &[DefinitionYear], breaks: &[Break]) -> Report {
    let edition = s.edition;
    let year_columns = year_columns(edition, breaks);
    let break_columns = break_columns(edition);
    let summary = summary(rows, breaks);
    let notes = notes(s, years);
    let mut citations = vec![edition.citation.clone(), s.gov_ev.citation.clone()];
    if let Some(r) = s.sipri {
        citations.push(r.citation.clone());
    }

    let mut metadata = edition_metadata(edition);
    metadata.insert("years".into(), json!([years.0, years.1]));
    metadata.insert("eurostat_release".into(), json!(s.gov_ev.id));
    cite_file(&mut metadata, "eurostat", s.gov_ev_source);
    metadata.insert("sipri_release".into(), json!(s.sipri.map(|r| r.id.clone())));
    metadata.insert("unit".into(), json!("% of GDP"));
    Report {
        title: format!(
            "Three definitions of defence spending, {}-{} (NATO {}, Eurostat gov_ev{})",
            years.0,
            years.1,
            edition.id,
            s.sipri
                .map_or(String::new(), |r| format!(", SIPRI {}", r.id))
        ),
        metadata,
        summary,
        sections: vec![
            Section::new(
                "years",
                "By ally and year, % of GDP",
                Table::of(&year_columns, rows),
            ),
            Section::new(
                "breaks",
                "Possible breaks: one measure jumps, the others stay",
                Table::of(&break_columns, breaks),
            ),
        ],
        notes,
        citation: citations.join(" "),
        tidy: Table::of(&year_columns, rows),
    }
}

/// The widest gap between NATO's and Eurostat's measures, and the breaks.
fn summary(rows: &[DefinitionYear], breaks: &[Break]) -> Vec<String> {
    let mut widest: Vec<&DefinitionYear> = rows
        .iter()
        .filter(|r| r.nato_less_eurostat().is_some())
        .collect();
    widest.sort_by(|a, b| {
        let gap = |r: &DefinitionYear| r.nato_less_eurostat().unwrap_or(0.0).abs();
        gap(b).total_cmp(&gap(a))
    });
    let mut summary = Vec::new();
    if let Some(w) = widest.first() {
        summary.push(format!(
            "Widest gap between NATO's and Eurostat's measures: {} {}, {}% against {}% ({} points).",
            w.name,
            w.year,
            pct(w.nato.unwrap_or(0.0)),
            pct(w.eurostat.unwrap_or(0.0)),
            signed(w.nato_less_eurostat().unwrap_or(0.0))
        ));
    }
    summary.push(match breaks.len() {
        0 => "No break: no year in which one measure jumps and the others stay.".into(),
        n => format!(
            "{n} possible break{} (one measure jumps, the others stay): {}.",
            if n == 1 { "" } else { "s" },
            breaks.iter().map(described).collect::<Vec<_>>().join("; ")
        ),
    });

    summary
}

/// What each measure is, and the rule of a break.
fn notes(s: &Sources, years: (i32, i32)) -> Vec<String> {
    let edition = s.edition;
    vec![
        format!(
            "NATO: {} ({}), share of GDP as published{}.",
            edition.basis.label(),
            edition.id,
            estimate_years(edition, years)
        ),
        format!(
            "Eurostat: gov_ev, general government expenditure on defence (COFOG 02), % of GDP, one decimal as published ({}); the measure the EU's national escape clause is read against. An empty cell is not published; investment is gross fixed capital formation.",
            s.gov_ev.id
        ),
        match s.sipri {
            Some(r) => format!("SIPRI: military expenditure as a share of GDP, {} ({}); SIPRI's own definition (paramilitary forces included, calendar years).", r.id, r.published.long()),
            None => "SIPRI: not installed (its terms do not allow redistributing it): `defspend import sipri-xlsx` adds its column.".into(),
        },
        format!(
            "Break (defspend's rule): one measure moves by {} points of GDP or more from the year before while every other with figures for both years moves by {} point or less (Eurostat's rounding); where Eurostat publishes no total for either year, its investment stands in. A rise in military personnel of {}% or more the same year is given as evidence of a reclassification. A break is a question for the source's notes, not a verdict.",
            pct(JUMP_POINTS),
            pct(STILL_POINTS),
            pct(PERSONNEL_JUMP_PCT)
        ),
        "The measures differ in scope (NATO counts pensions and some paramilitary forces by its own rules, SIPRI includes paramilitary forces, Eurostat follows the national accounts' COFOG classification), in timing (Eurostat records deliveries, NATO payments) and in revision: never mix them in one series.".into(),
    ]
}

/// The table by ally and year.
fn year_columns<'a>(edition: &'a Edition, breaks: &'a [Break]) -> Vec<Column<'a, DefinitionYear>> {
    vec![
        column("code", "Code", |r: &DefinitionYear| Value::text(&r.code)),
        column("ally", "Ally", |r: &DefinitionYear| Value::text(&r.name)),
        column("year", "Year", |r: &DefinitionYear| {
            Value::text(edition.year_label(r.year))
        }),
        column("nato_pct_gdp", "NATO (%)", |r: &DefinitionYear| {
            Value::num(r.nato, 2)
        }),
        column("sipri_pct_gdp", "SIPRI (%)", |r: &DefinitionYear| {
            Value::num(r.sipri, 2)
        }),
        column("eurostat_pct_gdp", "Eurostat (%)", |r: &DefinitionYear| {
            Value::num(r.eurostat, 1)
        }),
        column(
            "eurostat_investment_pct_gdp",
            "Eurostat investment (%)",
            |r: &DefinitionYear| Value::num(r.eurostat_investment, 1),
        ),
        column(
            "nato_less_eurostat",
            "NATO - Eurostat (points)",
            |r: &DefinitionYear| Value::num(r.nato_less_eurostat(), 2),
        ),
        column(
            "nato_less_sipri",
            "NATO - SIPRI (points)",
            |r: &DefinitionYear| Value::num(r.nato_less_sipri(), 2),
        ),
        column("personnel_k", "Personnel (k)", |r: &DefinitionYear| {
            Value::num(r.personnel_k, 1)
        }),
        column("break", "Break", |r: &DefinitionYear| {
            let hit = breaks.iter().find(|b| b.code == r.code && b.year == r.year);
            Value::opt_text(hit.map(|b| b.jumped.label().to_string()))
        }),
    ]
}

/// The table of breaks.
fn break_columns(edition: &Edition) -> Vec<Column<'_, Break>> {
    vec![
        column("code", "Code", |b: &Break| Value::text(&b.code)),
        column("ally", "Ally", |b: &Break| Value::text(&b.name)),
        column("year", "Year", |b: &Break| {
            Value::text(edition.year_label(b.year))
        }),
        column("jumped", "Jumped", |b: &Break| {
            Value::text(b.jumped.label())
        }),
        column("jump_points", "Move (points)", |b: &Break| {
            Value::num(Some(b.jump), 2)
        }),
        column("others", "Others' moves (points)", |b: &Break| {
            Value::text(
                b.stayed
                    .iter()
                    .map(|(d, m)| format!("{} {}", d.label(), signed(*m)))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        }),
        column(
            "personnel_change_pct",
            "Personnel change (%)",
            |b: &Break| Value::num(b.personnel_change_pct, 1),
        ),
    ]
}

/// ", 2025e and 2026e estimates" for the years shown.
fn estimate_years(edition: &Edition, years: (i32, i32)) -> String {
    let e: Vec<String> = (years.0..=years.1)
        .filter(|y| edition.is_estimate(*y))
        .map(|y| edition.year_label(y))
        .collect();
    match e.len() {
        0 => String::new(),
        _ => format!(", {} estimates", e.join(" and ")),
    }
}
