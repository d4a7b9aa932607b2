//! Tidy CSV: the report's one tidy table, keys as the header.

use super::{Exporter, Report, Table, Value};

pub struct CsvExporter;

impl Exporter for CsvExporter {
    fn render(&self, report: &Report) -> String {
        tidy(&report.tidy)
    }
}

pub(super) fn tidy(table: &Table) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    writer
        .write_record(table.columns.iter().map(|c| c.key.as_str()))
        .expect("in-memory CSV");
    for row in &table.rows {
        writer
            .write_record(row.iter().map(Value::csv))
            .expect("in-memory CSV");
    }
    String::from_utf8(writer.into_inner().expect("in-memory CSV")).expect("CSV of UTF-8 text")
}
