//! `ally`: one ally across all years of an edition.

use serde_json::json;

use super::{edition_metadata, estimates_note};
use crate::calc::ppp::{Currency, Prices};
use crate::calc::AllyYear;
use crate::data::{Ally, Edition, Provenance};
use crate::export::{column, Report, Section, Table, Value};

/// "USD", or the ally's own currency's code.
fn ally_unit(ally: &Ally, currency: Currency) -> &str {
    match currency {
        Currency::Usd => "USD",
        Currency::National => &ally.currency,
    }
}

/// The estimates, the per-person basis, the ally's note, and real change.
fn notes(
    ally: &Ally,
    edition: &Edition,
    history: &[AllyYear],
    basis: &crate::calc::percapita::Basis,
) -> Vec<String> {
    let mut notes = vec![estimates_note(edition), basis.note()];
    if let Some(note) = &ally.note {
        notes.push(note.clone());
    }
    if history.is_empty() {
        notes.push(format!(
            "Edition {} has no figures for {}.",
            edition.id, ally.name
        ));
    }
    if edition.provenance == Provenance::Transcription {
        notes.push("Real change is computed from constant-price spending where the edition publishes none.".into());
    }
    notes.push(real_change_note(history));

    notes
}

/// NATO's real change against defspend's (the change of constant-price
/// spending), and the years they part.
fn real_change_note(history: &[AllyYear]) -> String {
    use crate::calc::{RealChangeCheck, REAL_CHANGE_TOLERANCE};
    let years = |check: RealChangeCheck| -> Vec<String> {
        history
            .iter()
            .filter(|y| y.real_change_check() == Some(check))
            .map(|y| y.year.to_string())
            .collect()
    };
    let (rounding, differs) = (
        years(RealChangeCheck::Rounding),
        years(RealChangeCheck::Differs),
    );
    let mut note = format!(
        "Real change: NATO's published figure where there is one; computed: the change of constant-price spending. Check: agrees within {REAL_CHANGE_TOLERANCE} point, rounding (further apart, within what rounding constant-price spending to whole millions can move), differs."
    );
    if !rounding.is_empty() {
        note.push_str(&format!(" Rounding: {}.", rounding.join(", ")));
    }
    if !differs.is_empty() {
        note.push_str(&format!(" Differs: {}.", differs.join(", ")));
    }
    note
}

/// One year of the table: its figures and spending per person.
struct Row<'a> {
    year: &'a AllyYear,
    per_person: &'a Option<f64>,
}

/// The money's unit, the basis its keys are named by, its constant-price label.
struct Money<'a> {
    unit: &'a str,
    basis: Prices,
    constant: String,
}

fn money<'a>(ally: &'a Ally, edition: &Edition, currency: Currency) -> Money<'a> {
    match currency {
        Currency::Usd => Money {
            unit: "USD",
            basis: Prices::Market,
            constant: edition.constant_basis(),
        },
        Currency::National => Money {
            unit: ally.currency.as_str(),
            basis: Prices::National,
            constant: format!("{} prices", edition.price_base_year),
        },
    }
}

/// The figures of a year, in `money`.
fn figures<'a>(
    edition: &'a Edition,
    money: &Money,
    basis: &'a crate::calc::percapita::Basis,
) -> Vec<crate::export::Column<'a, Row<'a>>> {
    vec![
        column("share_of_gdp", "Share of GDP (%)", |r: &Row| {
            Value::share(r.year.share)
        }),
        column(
            money.basis.key("defence_usd_current_m"),
            format!("Spending ({} m, current)", money.unit),
            |r: &Row| Value::num(r.year.defence_usd_current_m, 1),
        ),
        column(
            crate::export::based(
                &money.basis.key("defence_usd_constant_m"),
                edition.price_base_year,
            ),
            format!("Spending ({} m, {})", money.unit, money.constant),
            |r: &Row| Value::num(r.year.defence_usd_constant_m, 1),
        ),
        column("real_change_pct", "Real change (%)", |r: &Row| {
            Value::num(r.year.real_change, 1)
        }),
        column(
            "real_change_computed_pct",
            "Real change, computed (%)",
            |r: &Row| Value::num(r.year.real_change_computed, 1),
        ),
        column("real_change_check", "Check", |r: &Row| {
            Value::opt_text(r.year.real_change_check().map(|c| c.key().to_string()))
        }),
        column("equipment_pct", "Equipment (% of spending)", |r: &Row| {
            Value::num(r.year.equipment_pct, 1)
        }),
        column(
            money.basis.key("gdp_usd_current_m"),
            format!("GDP ({} m, current)", money.unit),
            |r: &Row| Value::num(r.year.gdp_usd_current_m, 0),
        ),
        column(
            "defence_per_capita_usd",
            match basis {
                crate::calc::percapita::Basis::Nato { .. } => "Per person (USD, constant)",
                crate::calc::percapita::Basis::Population { .. } => "Per person (USD, current)",
            },
            |r: &Row| Value::num(*r.per_person, 0),
        ),
    ]
}

/// `per_person`: spending per person for each year of `history`, on `basis`.
pub fn report(
    ally: &Ally,
    edition: &Edition,
    history: &[AllyYear],
    per_person: (&crate::calc::percapita::Basis, &[Option<f64>]),
    currency: Currency,
) -> Report {
    let (basis, per_person) = per_person;
    let money = money(ally, edition, currency);
    let figures = || figures(edition, &money, basis);
    let rows: Vec<Row> = history
        .iter()
        .zip(per_person)
        .map(|(year, per_person)| Row { year, per_person })
        .collect();
    let mut columns = vec![column("year", "Year", |r: &Row| {
        Value::text(edition.year_label(r.year.year))
    })];
    columns.extend(figures());
    let table = Table::of(&columns, &rows);
    let mut tidy_columns = vec![
        column("code", "Code", |_: &Row| Value::text(&ally.nato_code)),
        column("edition", "Edition", |_: &Row| Value::text(&edition.id)),
        column("estimate", "Estimate", |r: &Row| {
            Value::Bool(edition.is_estimate(r.year.year))
        }),
        column("year", "Year", |r: &Row| Value::Int(r.year.year.into())),
    ];
    tidy_columns.extend(figures());
    tidy_columns.push(column("share_source", "Share source", |r: &Row| {
        Value::opt_text(r.year.share_source.map(|s| s.key()))
    }));
    let tidy = Table::of(&tidy_columns, &rows);

    let mut summary = vec![format!(
        "{} ({}), NATO member since {}; {}.",
        ally.name,
        ally.nato_code,
        ally.accession_date.format("%-d %B %Y"),
        edition.basis.label()
    )];
    if !ally.has_armed_forces {
        summary.push("n/a (no armed forces): NATO reports no defence expenditure for it.".into());
    }
    let notes = notes(ally, edition, history, basis);
    let mut metadata = edition_metadata(edition);
    metadata.insert("ally".into(), json!(ally.name));
    metadata.insert("code".into(), json!(ally.nato_code));
    metadata.insert("has_armed_forces".into(), json!(ally.has_armed_forces));
    metadata.insert(
        "money_unit".into(),
        json!(format!("{} million", ally_unit(ally, currency))),
    );

    Report {
        title: format!(
            "{}: defence expenditure, {} ({})",
            ally.name, edition.id, edition.title
        ),
        metadata,
        summary,
        sections: vec![Section::new("years", "By year", table)],
        notes,
        citation: edition.citation.clone(),
        tidy,
    }
}
