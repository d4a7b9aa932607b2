//! `defspend ally`: one ally across all years of an edition.

use serde_json::json;

use super::{edition_metadata, emit, estimates_note};
use crate::calc;
use crate::cli::AllyArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::{ColumnSpec, Report, Section, Table, Value};
use crate::frame::{f64_at, i32_at, str_at};

pub fn run(catalog: &Catalog, args: &AllyArgs) -> Result<()> {
    let ally = catalog.ally(&args.ally)?;
    let data = catalog.load_edition(args.edition.as_deref())?;
    let edition = &data.edition;
    let history = calc::ally_history(&data.expenditure, &ally.nato_code)?;
    let constant = edition.constant_basis();

    let columns = vec![
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
        ColumnSpec::new("defence_usd_current_m", "Spending (USD m, current)"),
        ColumnSpec::new(
            "defence_usd_constant_m",
            &format!("Spending (USD m, {constant})"),
        ),
        ColumnSpec::new("real_change_pct", "Real change (%)"),
        ColumnSpec::new("equipment_pct", "Equipment (% of spending)"),
        ColumnSpec::new("gdp_usd_current_m", "GDP (USD m, current)"),
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
    for i in 0..history.height() {
        let year = i32_at(&history, "year", i).unwrap_or_default();
        let values = vec![
            Value::num(f64_at(&history, "share", i), 2),
            Value::num(f64_at(&history, "defence_usd_current_m", i), 1),
            Value::num(f64_at(&history, "defence_usd_constant_m", i), 1),
            Value::num(f64_at(&history, "real_change", i), 1),
            Value::num(f64_at(&history, "equipment_pct", i), 1),
            Value::num(f64_at(&history, "gdp_usd_current_m", i), 0),
        ];
        let mut row = vec![Value::text(edition.year_label(year))];
        row.extend(values.clone());
        table.push(row);
        let mut tidy_row = vec![
            Value::text(&ally.nato_code),
            Value::text(&edition.id),
            Value::Bool(edition.is_estimate(year)),
            Value::Int(year.into()),
        ];
        tidy_row.extend(values);
        tidy_row.push(str_at(&history, "share_source", i).map_or(Value::Missing, Value::text));
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
    let mut notes = vec![estimates_note(edition)];
    if let Some(note) = &ally.note {
        notes.push(note.clone());
    }
    if history.height() == 0 {
        notes.push(format!(
            "Edition {} has no figures for {}.",
            edition.id, ally.name
        ));
    }
    if edition.provenance == crate::data::editions::Provenance::Transcription {
        notes.push("Real change is computed from constant-price spending where the edition publishes none.".into());
    }

    let mut metadata = edition_metadata(edition);
    metadata.insert("ally".into(), json!(ally.name));
    metadata.insert("code".into(), json!(ally.nato_code));
    metadata.insert("has_armed_forces".into(), json!(ally.has_armed_forces));
    metadata.insert("money_unit".into(), json!("USD million"));

    let report = Report {
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
    };
    emit(&report, &args.output)
}
