//! `ally`: one ally across all years of an edition.

use serde_json::json;

use super::{edition_metadata, estimates_note};
use crate::calc::AllyYear;
use crate::data::{Ally, Edition, Provenance};
use crate::export::{ColumnSpec, Report, Section, Table, Value};

/// `per_person`: spending per person for each year of `history`, on `basis`.
pub fn report(
    ally: &Ally,
    edition: &Edition,
    history: &[AllyYear],
    per_person: (&crate::calc::percapita::Basis, &[Option<f64>]),
) -> Report {
    let constant = edition.constant_basis();
    let (basis, per_person) = per_person;
    let columns = vec![
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
        ColumnSpec::new("defence_usd_current_m", "Spending (USD m, current)"),
        ColumnSpec::new(
            &crate::export::based("defence_usd_constant_m", edition.price_base_year),
            &format!("Spending (USD m, {constant})"),
        ),
        ColumnSpec::new("real_change_pct", "Real change (%)"),
        ColumnSpec::new("equipment_pct", "Equipment (% of spending)"),
        ColumnSpec::new("gdp_usd_current_m", "GDP (USD m, current)"),
        ColumnSpec::new(
            "defence_per_capita_usd",
            match basis {
                crate::calc::percapita::Basis::Nato { .. } => "Per person (USD, constant)",
                crate::calc::percapita::Basis::Population { .. } => "Per person (USD, current)",
            },
        ),
    ];
    let mut table = Table::new(columns.clone());
    let mut tidy_columns = vec![
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("edition", "Edition"),
        ColumnSpec::new("estimate", "Estimate"),
    ];
    tidy_columns.extend(columns);
    tidy_columns.push(ColumnSpec::new("share_source", "Share source"));
    let mut tidy = Table::new(tidy_columns);
    for (y, per) in history.iter().zip(per_person) {
        let values = vec![
            Value::share(y.share),
            Value::num(y.defence_usd_current_m, 1),
            Value::num(y.defence_usd_constant_m, 1),
            Value::num(y.real_change, 1),
            Value::num(y.equipment_pct, 1),
            Value::num(y.gdp_usd_current_m, 0),
            Value::num(*per, 0),
        ];
        let mut row = vec![Value::text(edition.year_label(y.year))];
        row.extend(values.clone());
        table.push(row);
        let mut tidy_row = vec![
            Value::text(&ally.nato_code),
            Value::text(&edition.id),
            Value::Bool(edition.is_estimate(y.year)),
            Value::Int(y.year.into()),
        ];
        tidy_row.extend(values);
        tidy_row.push(Value::opt_text(y.share_source.map(|s| s.key())));
        tidy.push(tidy_row);
    }

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

    let mut metadata = edition_metadata(edition);
    metadata.insert("ally".into(), json!(ally.name));
    metadata.insert("code".into(), json!(ally.nato_code));
    metadata.insert("has_armed_forces".into(), json!(ally.has_armed_forces));
    metadata.insert("money_unit".into(), json!("USD million"));

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
