//! Aligned tables for the terminal: title, summary, one table per section, notes, source.

use comfy_table::{presets, CellAlignment, ContentArrangement};

use super::{is_numeric_column, Exporter, Report, Value};

pub struct TableExporter;

impl Exporter for TableExporter {
    fn render(&self, report: &Report) -> String {
        render_table(report)
    }
}

fn render_table(report: &Report) -> String {
    let mut out = format!("{}\n", report.title);
    for line in &report.summary {
        out.push_str(&format!("{line}\n"));
    }
    for section in report.sections.iter().filter(|s| !s.detail) {
        out.push_str(&format!("\n{}\n", section.title));
        if section.table.rows.is_empty() {
            out.push_str("  (none)\n");
            continue;
        }
        let mut t = comfy_table::Table::new();
        t.load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(section.table.columns.iter().map(|c| c.header.clone()));
        for row in &section.table.rows {
            t.add_row(row.iter().map(Value::display));
        }
        for i in 0..section.table.columns.len() {
            if is_numeric_column(&section.table, i) {
                if let Some(c) = t.column_mut(i) {
                    c.set_cell_alignment(CellAlignment::Right);
                }
            }
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    if !report.notes.is_empty() {
        out.push('\n');
        for note in &report.notes {
            out.push_str(&format!("Note: {note}\n"));
        }
    }
    out.push_str(&format!("\n{}\n", report.citation));
    out
}
